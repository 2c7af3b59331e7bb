"""Gaussian naive Bayes on the handwritten digits.

Each class is modelled by independent normal pixels (a mean and a variance per
pixel and digit); a test image goes to the class with the largest posterior,
computed in log space. The script prints the test accuracy and draws the test
images projected on their first two principal components, coloured by the
predicted digit, and the learned class means as images.

    python examples/naive_bayes.py
    python examples/naive_bayes.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import NaiveBayes  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--var-smoothing", type=float, default=1e-9,
                        help="share of the largest variance added to all variances (default 1e-9)")
    args = parser.parse_args(argv)

    X, y = load_digits()
    if args.quick:
        X, y = X[:600], y[:600]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=args.seed)

    start = time.perf_counter()
    model = NaiveBayes(var_smoothing=args.var_smoothing).fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    start = time.perf_counter()
    y_pred = model.predict(X_test)
    predict_time = time.perf_counter() - start
    accuracy = accuracy_score(y_test, y_pred)
    confidence = model.predict_proba(X_test).max(axis=1)

    print(f"Digits: {len(X_train)} training and {len(X_test)} test images, 64 pixels")
    rows = [["Digit", "Prior", "Test accuracy"]]
    rows += [[str(c), f"{p:.3f}", f"{accuracy_score(y_test[y_test == c], y_pred[y_test == c]):.3f}"]
             for c, p in zip(model.classes_, model.class_prior_)]
    print(table(rows, "Naive Bayes"))
    print(f"Accuracy: {accuracy:.4f}; median confidence of the predictions: {np.median(confidence):.3f} "
          f"(fit {1000 * fit_time:.1f} ms, predict {1000 * predict_time:.1f} ms)")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Naive Bayes", accuracy=accuracy,
                                legend_labels=[str(c) for c in range(10)])
        show_or_save(fig, args, "naive_bayes")

        plt = get_pyplot()
        fig, axes = plt.subplots(1, len(model.classes_), figsize=(12, 1.8))
        for ax, c, mean in zip(axes, model.classes_, model.theta_):
            ax.imshow(mean.reshape(8, 8), cmap="gray_r")
            ax.set_title(f"mean of {c}", fontsize=9)
            ax.axis("off")
        show_or_save(fig, args, "naive_bayes_means")

    print_result("naive_bayes", accuracy=accuracy, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
