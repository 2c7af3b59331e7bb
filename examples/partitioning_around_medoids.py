"""Partitioning Around Medoids (k-medoids) on blobs with outliers, next to K-Means.

PAM picks actual data points as cluster centres and minimises the sum of
(unsquared) distances, so a few far outliers pull its centres much less than
they pull the K-Means means. Prints both models' centres and their distance
to the true blob centres, and draws the two clusterings side by side.

    python examples/partitioning_around_medoids.py
    python examples/partitioning_around_medoids.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import Plot, example_parser, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.unsupervised_learning import PAM, KMeans  # noqa: E402
from mlfromscratch.utils.datasets import make_blobs  # noqa: E402

TRUE_CENTERS = np.array([[-5.0, -2.0], [0.0, 5.0], [5.0, -2.0]])


def centre_error(centers):
    """Mean distance from each true centre to the closest estimated centre."""
    d = np.linalg.norm(TRUE_CENTERS[:, None, :] - centers[None, :, :], axis=-1)
    return float(d.min(axis=1).mean())


def main(argv=None):
    parser = example_parser(__doc__)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    n_samples = 150 if args.quick else 600
    X, y = make_blobs(n_samples, centers=TRUE_CENTERS, cluster_std=1.2, random_state=args.seed)
    # A handful of far outliers on one side.
    outliers = rng.normal([25.0, 25.0], 3.0, size=(n_samples // 30, 2))
    X = np.vstack([X, outliers])

    start = time.perf_counter()
    pam = PAM(n_clusters=3).fit(X)
    fit_time = time.perf_counter() - start
    kmeans = KMeans(n_clusters=3, random_state=args.seed).fit(X)

    rows = [["Model", "Centres", "Mean distance to true centres"]]
    for name, centers in [("PAM (medoids)", pam.cluster_centers_), ("K-Means (means)", kmeans.cluster_centers_)]:
        order = np.argsort(centers[:, 0])
        rows.append([name, np.array2string(centers[order], precision=1).replace("\n", ""),
                     f"{centre_error(centers):.2f}"])
    print(f"{n_samples} blob points + {len(outliers)} outliers")
    print(table(rows, "PAM vs K-Means"))
    print(f"PAM: total deviation {pam.inertia_:.1f}, {pam.n_iter_} swaps, fit in {fit_time:.3f} s")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X, pam.labels_, title="Partitioning Around Medoids")
        ax = fig.axes[0]
        ax.scatter(*pam.cluster_centers_.T, marker="*", s=250, color="red", label="medoids")
        ax.scatter(*kmeans.cluster_centers_.T, marker="x", s=120, color="black", label="K-Means centres")
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.legend(loc="best", fontsize="small")
        show_or_save(fig, args, "partitioning_around_medoids")

    print_result("partitioning_around_medoids", centre_error=centre_error(pam.cluster_centers_),
                 kmeans_centre_error=centre_error(kmeans.cluster_centers_), fit_time_s=fit_time)


if __name__ == "__main__":
    main()
