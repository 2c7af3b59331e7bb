"""Principal Component Analysis of the handwritten digits: variance explained and a 2-D map.

Projects the 1797 8x8 digit images (64 pixels) on their principal axes, prints
how much variance the leading components explain and how many components keep
90% of it, measures the reconstruction error, and draws the digits on the first
two components next to the cumulative explained-variance curve.

    python examples/principal_component_analysis.py
    python examples/principal_component_analysis.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.unsupervised_learning import PCA  # noqa: E402
from mlfromscratch.utils.datasets import load_digits  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--variance", type=float, default=0.9, help="variance fraction to keep (default: 0.9)")
    args = parser.parse_args(argv)

    X, y = load_digits()

    start = time.perf_counter()
    pca = PCA().fit(X)  # every component, to show the whole spectrum
    fit_time = time.perf_counter() - start
    cumulative = np.cumsum(pca.explained_variance_ratio_)

    rows = [["Component", "Explained variance", "Ratio", "Cumulative"]]
    for k in range(10):
        rows.append([k + 1, f"{pca.explained_variance_[k]:.1f}", f"{pca.explained_variance_ratio_[k]:.3f}",
                     f"{cumulative[k]:.3f}"])
    print(f"Digits: {X.shape[0]} images of {X.shape[1]} pixels")
    print(table(rows, "PCA"))

    reduced = PCA(n_components=args.variance).fit(X)
    X_hat = reduced.inverse_transform(reduced.transform(X))
    reconstruction_mse = float(np.mean((X - X_hat) ** 2))
    print(f"{reduced.n_components_} of 64 components keep {100 * args.variance:.0f}% of the variance "
          f"({100 * reduced.explained_variance_ratio_.sum():.1f}%); "
          f"reconstruction MSE {reconstruction_mse:.3f} (pixel variance {X.var(axis=0).mean():.3f})")

    if not args.no_plot:
        plt = get_pyplot()
        Z = pca.transform(X)[:, :2]
        fig, axes = plt.subplots(1, 2, figsize=(12, 5))
        scatter = axes[0].scatter(Z[:, 0], Z[:, 1], c=y, cmap="tab10", s=8)
        for digit in range(10):
            # Label each digit's cloud at its centre.
            axes[0].annotate(str(digit), Z[y == digit].mean(axis=0), fontsize=14, weight="bold")
        fig.colorbar(scatter, ax=axes[0], ticks=range(10), label="digit")
        axes[0].set_title(f"Digits on PC1 and PC2 ({100 * cumulative[1]:.1f}% of the variance)")
        axes[0].set_xlabel("Principal Component 1")
        axes[0].set_ylabel("Principal Component 2")
        axes[1].plot(np.arange(1, len(cumulative) + 1), cumulative, marker=".")
        axes[1].axhline(args.variance, color="gray", linestyle="--")
        axes[1].axvline(reduced.n_components_, color="gray", linestyle="--")
        axes[1].set_title("Cumulative explained variance ratio")
        axes[1].set_xlabel("Number of components")
        axes[1].set_ylim(0, 1.02)
        show_or_save(fig, args, "principal_component_analysis")

    print_result("principal_component_analysis", explained_variance_2=float(cumulative[1]),
                 n_components_90=reduced.n_components_, reconstruction_mse=reconstruction_mse,
                 fit_time_s=fit_time)


if __name__ == "__main__":
    main()
