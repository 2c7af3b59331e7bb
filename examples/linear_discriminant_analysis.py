"""Fisher's linear discriminant on the breast cancer data (malignant vs benign).

Fits a two-class LDA on 70% of the tumours, prints its test accuracy and the
threshold it chose, and draws the test samples projected on Fisher's direction:
two overlapping histograms and the decision threshold between them.

    python examples/linear_discriminant_analysis.py
    python examples/linear_discriminant_analysis.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import LDA  # noqa: E402
from mlfromscratch.utils.data_manipulation import train_test_split  # noqa: E402
from mlfromscratch.utils.data_operation import accuracy_score  # noqa: E402
from mlfromscratch.utils.datasets import load_breast_cancer  # noqa: E402

CLASS_NAMES = ["malignant", "benign"]


def main(argv=None):
    parser = example_parser(__doc__)
    args = parser.parse_args(argv)

    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=args.seed)

    start = time.perf_counter()
    lda = LDA().fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    y_pred = lda.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)

    # the threshold on the unit projection z = x . w / ||w||: w . x + b = 0  <=>  z = -b / ||w||
    threshold = -lda.intercept_ / np.linalg.norm(lda.coef_)
    print(f"Breast cancer: {len(X_train)} training and {len(X_test)} test tumours, {X.shape[1]} features")
    print(table(
        [
            ["Quantity", "Value"],
            ["Priors (malignant, benign)", np.array2string(lda.priors_, precision=3)],
            ["Threshold on the projection", f"{threshold:.3f}"],
            ["Test accuracy", f"{accuracy:.3f}"],
        ],
        "LDA",
    ))

    if not args.no_plot:
        plt = get_pyplot()
        z = lda.transform(X_test)[:, 0]
        fig, ax = plt.subplots(figsize=(7, 4))
        bins = np.linspace(z.min(), z.max(), 30)
        for label, color in zip((0, 1), ("tab:red", "tab:blue")):
            ax.hist(z[y_test == label], bins=bins, alpha=0.6, color=color, label=CLASS_NAMES[label])
        ax.axvline(threshold, color="black", linestyle="--", label="threshold")
        ax.set_xlabel("Projection on Fisher's direction w / ||w||")
        ax.set_ylabel("Test tumours")
        ax.set_title(f"Linear Discriminant Analysis\nAccuracy: {100 * accuracy:.1f}%")
        ax.legend()
        show_or_save(fig, args, "linear_discriminant_analysis")

    print_result("linear_discriminant_analysis", accuracy=accuracy, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
