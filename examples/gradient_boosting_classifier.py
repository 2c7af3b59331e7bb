"""Gradient boosting classifier on the handwritten digits (multinomial deviance).

Every stage fits one depth-3 regression tree per digit to the residuals
y_k - p_k of the softmax probabilities, then gives each leaf a Newton step.
Prints the training loss and test accuracy along the stages and the final
accuracy; plots the test digits on their first two principal components and
the loss / accuracy curves.

    python examples/gradient_boosting_classifier.py
    python examples/gradient_boosting_classifier.py --n-estimators 100 --learning-rate 0.1
    python examples/gradient_boosting_classifier.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import GradientBoostingClassifier  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-estimators", type=int, default=30, help="boosting stages (default 30)")
    parser.add_argument("--learning-rate", type=float, default=0.3, help="shrinkage (default 0.3)")
    parser.add_argument("--max-depth", type=int, default=3, help="depth of each tree (default 3)")
    parser.add_argument("--subsample", type=float, default=1.0, help="fraction of samples per stage (default 1)")
    args = parser.parse_args(argv)

    X, y = load_digits()
    n_estimators = args.n_estimators
    if args.quick:
        X, y, n_estimators = X[:500], y[:500], min(n_estimators, 5)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)
    print(f"Digits: {len(X_train)} training and {len(X_test)} test images; "
          f"{n_estimators} stages x 10 trees of depth {args.max_depth}")

    model = GradientBoostingClassifier(n_estimators=n_estimators, learning_rate=args.learning_rate,
                                       max_depth=args.max_depth, subsample=args.subsample, random_state=args.seed)
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    y_pred = model.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)

    test_accuracy = [accuracy_score(y_test, stage) for stage in model.staged_predict(X_test)]
    marks = sorted({1, 2, 5, 10, 20, 50, 100, n_estimators} & set(range(1, n_estimators + 1)))
    rows = [["Stage", "Training log-loss", "Test accuracy"]]
    rows += [[m, f"{model.train_score_[m - 1]:.4f}", f"{test_accuracy[m - 1]:.3f}"] for m in marks]
    print(table(rows, "Boosting stages"))
    print(f"Fit in {fit_time:.2f} s")
    print(f"Accuracy: {accuracy:.4f}")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Gradient Boosting", accuracy=accuracy,
                                legend_labels=[str(c) for c in range(10)])
        show_or_save(fig, args, "gradient_boosting_classifier")
        plt = get_pyplot()
        fig, ax = plt.subplots(figsize=(7, 4))
        stages = np.arange(1, n_estimators + 1)
        lines = ax.plot(stages, model.train_score_, color="tab:blue", label="Training log-loss")
        ax.set_xlabel("Stage")
        ax.set_ylabel("Training log-loss")
        right = ax.twinx()
        lines += right.plot(stages, test_accuracy, color="tab:orange", label="Test accuracy")
        right.set_ylabel("Test accuracy")
        ax.legend(lines, [line.get_label() for line in lines], loc="center right")
        ax.set_title("Gradient Boosting on digits")
        show_or_save(fig, args, "gradient_boosting_classifier_loss")

    print_result("gradient_boosting_classifier", accuracy=accuracy, fit_time_s=fit_time,
                 train_loss=model.train_score_[-1])


if __name__ == "__main__":
    main()
