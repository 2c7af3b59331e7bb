"""t-SNE map of the handwritten digits: ten clusters from 64 pixels, without the labels.

Embeds the 8x8 digit images in 2-D with t-SNE (exact gradient), prints the
final KL divergence and how often a point's nearest neighbour in the map shows
the same digit (against the same score in the 64-pixel space and on the first two
principal components), and draws the map coloured by digit next to the PCA map.

    python examples/t_sne.py
    python examples/t_sne.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.unsupervised_learning import PCA, TSNE  # noqa: E402
from mlfromscratch.utils import load_digits  # noqa: E402
from mlfromscratch.utils.data_operation import squared_euclidean_distances  # noqa: E402


def nearest_neighbour_agreement(Z, y):
    """Fraction of points whose nearest other point (in Z) has the same label."""
    D = squared_euclidean_distances(Z, Z)
    np.fill_diagonal(D, np.inf)
    return float(np.mean(y[np.argmin(D, axis=1)] == y))


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--perplexity", type=float, default=30.0, help="effective number of neighbours")
    parser.add_argument("--n-samples", type=int, default=1000, help="digits to embed (default: 1000)")
    args = parser.parse_args(argv)

    X, y = load_digits()
    n_samples = 300 if args.quick else args.n_samples
    X, y = X[:n_samples], y[:n_samples]

    start = time.perf_counter()
    tsne = TSNE(perplexity=args.perplexity, max_iter=300 if args.quick else 1000, random_state=args.seed)
    Y = tsne.fit_transform(X)
    fit_time = time.perf_counter() - start
    Z = PCA(n_components=2).fit_transform(X)

    scores = {"64 pixels": nearest_neighbour_agreement(X, y), "t-SNE, 2-D": nearest_neighbour_agreement(Y, y),
              "PCA, 2-D": nearest_neighbour_agreement(Z, y)}
    print(f"Digits: {n_samples} images of 64 pixels; t-SNE in {fit_time:.1f} s, final KL(P || Q) "
          f"{tsne.kl_divergence_:.3f}")
    print(table([["Space", "Nearest neighbour shows the same digit"]]
                + [[k, f"{100 * v:.1f}%"] for k, v in scores.items()], "How well each map keeps neighbours"))

    if not args.no_plot:
        plt = get_pyplot()
        fig, axes = plt.subplots(1, 2, figsize=(13, 6))
        for ax, points, title in ((axes[0], Y, f"t-SNE (perplexity {args.perplexity:g})"),
                                  (axes[1], Z, "PCA, first two components")):
            ax.scatter(points[:, 0], points[:, 1], c=y, cmap="tab10", s=8)
            for digit in range(10):
                ax.annotate(str(digit), np.median(points[y == digit], axis=0), fontsize=15, weight="bold")
            ax.set_title(title)
            ax.set_xticks([])
            ax.set_yticks([])
        fig.suptitle(f"{n_samples} handwritten digits in 2-D, coloured by the label neither method saw")
        show_or_save(fig, args, "t_sne")

    print_result("t_sne", nn_agreement=scores["t-SNE, 2-D"], pca_nn_agreement=scores["PCA, 2-D"],
                 kl_divergence=tsne.kl_divergence_, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
