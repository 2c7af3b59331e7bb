"""DBSCAN on two interleaving moons: the classic density-based clustering figure.

K-Means cannot separate the moons (they are not convex); DBSCAN follows the
dense regions and marks the sparse points as noise. Prints the number of
clusters, core points and noise, and how many points land in the cluster of
their moon, then draws the clustering next to the true moons.

    python examples/dbscan.py
    python examples/dbscan.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.unsupervised_learning import DBSCAN  # noqa: E402
from mlfromscratch.utils.datasets import make_moons  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--eps", type=float, default=0.17, help="neighbourhood radius (default: 0.17)")
    parser.add_argument("--min-samples", type=int, default=5, help="core point threshold (default: 5)")
    args = parser.parse_args(argv)

    X, y = make_moons(n_samples=300, noise=0.08, random_state=args.seed)

    start = time.perf_counter()
    dbscan = DBSCAN(eps=args.eps, min_samples=args.min_samples).fit(X)
    fit_time = time.perf_counter() - start
    labels = dbscan.labels_
    n_clusters = len(set(labels.tolist()) - {-1})
    noise = int(np.sum(labels == -1))
    # A point is correct when its cluster's majority moon is its own moon (noise counts as wrong).
    correct = sum(
        np.max(np.bincount(y[labels == k])) for k in range(n_clusters)
    ) if n_clusters else 0
    accuracy = correct / len(y)

    print(f"DBSCAN(eps={args.eps}, min_samples={args.min_samples}) on {len(X)} moon points")
    print(f"Clusters: {n_clusters}, core points: {len(dbscan.core_sample_indices_)}, noise points: {noise}")
    print(f"Points in the cluster of their moon: {100 * accuracy:.1f}%")

    if not args.no_plot:
        plt = get_pyplot()
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharex=True, sharey=True)
        colors = plt.get_cmap("viridis")(np.linspace(0, 1, max(n_clusters, 2)))
        for k in range(n_clusters):
            axes[0].scatter(*X[labels == k].T, s=14, color=colors[k], label=f"cluster {k}")
        axes[0].scatter(*X[labels == -1].T, s=18, color="black", marker="x", label="noise")
        axes[0].set_title(f"DBSCAN\nAccuracy: {100 * accuracy:.1f}%")
        for moon in range(2):
            # Colour each moon like the cluster holding most of it, so the panels compare.
            clustered = labels[(y == moon) & (labels != -1)]
            k = int(np.argmax(np.bincount(clustered))) if clustered.size else moon
            axes[1].scatter(*X[y == moon].T, s=14, color=colors[k % len(colors)], label=f"moon {moon}")
        axes[1].set_title("Actual Clustering")
        for ax in axes:
            ax.set_xlabel("x1")
            ax.legend(loc="best", fontsize="small")
        axes[0].set_ylabel("x2")
        show_or_save(fig, args, "dbscan")

    print_result("dbscan", accuracy=accuracy, n_clusters=n_clusters, n_noise=noise, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
