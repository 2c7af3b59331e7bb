"""Multi-class LDA on the wine data: a supervised 2-D projection and a nearest-mean classifier.

Fits MultiClassLDA on 70% of the wines (3 cultivars, 13 measurements), prints
the test accuracy and how the between-class variance splits over the two
discriminant directions, and draws the test wines in two projections side by
side: PCA (which ignores the labels) and LDA (which separates them).

    python examples/multi_class_lda.py
    python examples/multi_class_lda.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import MultiClassLDA  # noqa: E402
from mlfromscratch.unsupervised_learning import PCA  # noqa: E402
from mlfromscratch.utils.data_manipulation import standardize, train_test_split  # noqa: E402
from mlfromscratch.utils.data_operation import accuracy_score  # noqa: E402
from mlfromscratch.utils.datasets import load_wine  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    args = parser.parse_args(argv)

    X, y = load_wine()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=args.seed)

    start = time.perf_counter()
    lda = MultiClassLDA(n_components=2).fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    accuracy = accuracy_score(y_test, lda.predict(X_test))

    print(f"Wine: {len(X_train)} training and {len(X_test)} test wines, {X.shape[1]} features, 3 cultivars")
    rows = [["Direction", "Eigenvalue", "Explained variance ratio"]]
    for k, (eigenvalue, ratio) in enumerate(zip(lda.eigenvalues_, lda.explained_variance_ratio_), start=1):
        rows.append([f"LD{k}", f"{eigenvalue:.3f}", f"{ratio:.3f}"])
    print(table(rows, "MultiClassLDA"))
    print(f"Test accuracy (nearest projected class mean): {accuracy:.3f}")

    if not args.no_plot:
        plt = get_pyplot()
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
        # PCA needs comparable units; LDA does not (it whitens the within-class spread)
        pca = PCA(n_components=2).fit(standardize(X_train))
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        projections = [
            ("PCA (standardised features)", pca.transform((X_test - mean) / std), ("PC1", "PC2")),
            ("Multi-class LDA", lda.transform(X_test), ("LD1", "LD2")),
        ]
        for ax, (title, Z, labels) in zip(axes, projections):
            for c, color in enumerate(("tab:red", "tab:green", "tab:blue")):
                ax.scatter(Z[y_test == c, 0], Z[y_test == c, 1], s=18, color=color, label=f"cultivar {c}")
            ax.set_title(title)
            ax.set_xlabel(labels[0])
            ax.set_ylabel(labels[1])
        axes[1].scatter(*lda.projected_means_.T, marker="x", s=120, color="black", label="class means")
        axes[1].legend(loc="best", fontsize="small")
        fig.suptitle(f"Wine test set, LDA accuracy {100 * accuracy:.1f}%")
        show_or_save(fig, args, "multi_class_lda")

    print_result("multi_class_lda", accuracy=accuracy, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
