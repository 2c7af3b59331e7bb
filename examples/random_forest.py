"""Random forest on the handwritten digits.

Grows 100 classification trees, each on a bootstrap sample of 75% of the
digits and with sqrt(64) = 8 random pixels tried at every split, and averages
their class probabilities. Prints the test accuracy as trees are added, the
out-of-bag estimate, and the fit time. Figures: the test digits projected on
their first two principal components, coloured by prediction, and the pixel
importances as an 8x8 image.

    python examples/random_forest.py
    python examples/random_forest.py --n-estimators 300 --max-features log2
    python examples/random_forest.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import RandomForest  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-estimators", type=int, default=100, help="number of trees (default 100)")
    parser.add_argument("--max-features", default="sqrt", help="features per split: sqrt, log2 or a number")
    args = parser.parse_args(argv)
    max_features = args.max_features
    if max_features not in ("sqrt", "log2"):
        max_features = float(max_features) if "." in max_features else int(max_features)

    X, y = load_digits()
    n_estimators = args.n_estimators
    if args.quick:
        X, y, n_estimators = X[:600], y[:600], min(n_estimators, 15)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)
    print(f"Digits: {len(X_train)} training and {len(X_test)} test images, 64 pixels")

    forest = RandomForest(n_estimators=n_estimators, max_features=max_features, oob_score=True,
                          random_state=args.seed)
    start = time.perf_counter()
    forest.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    y_pred = forest.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)

    # the forest's vote is the running mean of its trees' probabilities
    probas = np.cumsum([tree.predict_proba(X_test) for tree in forest.estimators_], axis=0)
    rows = [["Trees", "Test accuracy"]]
    for n in sorted({1, 5, 10, 25, 50, 100, n_estimators} & set(range(1, n_estimators + 1))):
        rows.append([n, f"{accuracy_score(y_test, forest.classes_[np.argmax(probas[n - 1], axis=1)]):.3f}"])
    print(table(rows, "Accuracy as trees are added"))
    depths = [tree.get_depth() for tree in forest.estimators_]
    print(f"{n_estimators} trees, depth {min(depths)}..{max(depths)}, fit in {fit_time:.2f} s")
    print(f"Out-of-bag accuracy: {forest.oob_score_:.4f}")
    print(f"Accuracy: {accuracy:.4f}")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Random Forest", accuracy=accuracy,
                                legend_labels=[str(c) for c in range(10)])
        show_or_save(fig, args, "random_forest")
        plt = get_pyplot()
        fig, ax = plt.subplots(figsize=(4.5, 4))
        image = ax.imshow(forest.feature_importances_.reshape(8, 8), cmap="viridis")
        fig.colorbar(image, ax=ax)
        ax.set_title("Random Forest: pixel importances")
        ax.set_xticks([])
        ax.set_yticks([])
        show_or_save(fig, args, "random_forest_importances")

    print_result("random_forest", accuracy=accuracy, oob_score=forest.oob_score_, fit_time_s=fit_time,
                 n_estimators=n_estimators)


if __name__ == "__main__":
    main()
