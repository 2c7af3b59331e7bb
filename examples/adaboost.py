"""AdaBoost with decision stumps: ones against eights, or all ten digits (SAMME).

Each stump tests one pixel against one threshold; AdaBoost fits them one after
another to re-weighted images, up-weighting the ones the previous stumps got
wrong, and lets them vote with weights alpha_m. Prints the first stumps (the
question each asks, weighted error, vote), the test accuracy as stumps are added, and
the final accuracy; plots the test images on their first two principal
components and the accuracy curve.

    python examples/adaboost.py                 # ones against eights, as in the original
    python examples/adaboost.py --multiclass    # all ten digits with SAMME
    python examples/adaboost.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import Adaboost  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-estimators", type=int, default=None, help="stumps (default 50, or 200 with --multiclass)")
    parser.add_argument("--multiclass", action="store_true", help="all ten digits instead of 1 against 8")
    args = parser.parse_args(argv)
    n_estimators = args.n_estimators or (200 if args.multiclass else 50)

    X, y = load_digits()
    if not args.multiclass:
        keep = (y == 1) | (y == 8)
        X, y = X[keep], y[keep]
    if args.quick:
        X, y, n_estimators = X[:400], y[:400], min(n_estimators, 10)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=args.seed)
    print(f"Digits {'0-9' if args.multiclass else '1 and 8'}: {len(X_train)} training and {len(X_test)} test images")

    model = Adaboost(n_estimators=n_estimators, random_state=args.seed)
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    y_pred = model.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)

    # each stump asks one question, the first line of its text
    pixel_names = [f"pixel ({j // 8}, {j % 8})" for j in range(X.shape[1])]
    rows = [["Stump", "Question", "Weighted error", "Vote alpha"]]
    first = zip(model.estimators_[:5], model.estimator_errors_, model.estimator_weights_)
    for m, (stump, error, alpha) in enumerate(first):
        question = stump.export_text(feature_names=pixel_names, decimals=1).splitlines()[0].lstrip("|- ")
        rows.append([m + 1, question, f"{error:.3f}", f"{alpha:.3f}"])
    print(table(rows, "First stumps"))

    # accuracy of the first m stumps: accumulate their weighted votes
    votes = np.zeros((len(X_test), len(model.classes_)))
    curve = []
    for stump, alpha in zip(model.estimators_, model.estimator_weights_):
        votes[np.arange(len(X_test)), stump.predict(X_test)] += alpha
        curve.append(accuracy_score(y_test, model.classes_[np.argmax(votes, axis=1)]))
    marks = [m for m in (1, 5, 10, 25, 50, 100, 200) if m <= len(curve)]
    print(table([["Stumps"] + marks, ["Test accuracy"] + [f"{curve[m - 1]:.3f}" for m in marks]], "Boosting"))
    print(f"{len(model.estimators_)} stumps fit in {fit_time:.2f} s")
    print(f"Accuracy: {accuracy:.4f}")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Adaboost", accuracy=accuracy)
        show_or_save(fig, args, "adaboost")
        plt = get_pyplot()
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.plot(np.arange(1, len(curve) + 1), curve, color="tab:blue")
        ax.set_xlabel("Number of stumps")
        ax.set_ylabel("Test accuracy")
        ax.set_title("Adaboost: accuracy as stumps are added")
        show_or_save(fig, args, "adaboost_accuracy")

    print_result("adaboost", accuracy=accuracy, fit_time_s=fit_time, n_estimators=len(model.estimators_))


if __name__ == "__main__":
    main()
