"""K-Means on the iris flowers: k-means++ seeding, restarts, and how well clusters match species.

Clusters the 150 iris flowers (4 measurements) into 3 groups without looking
at the species, prints the inertia, the iterations and how many flowers land
in the cluster of their species, and draws the clusters on the first two
principal components with the centres marked.

    python examples/k_means.py
    python examples/k_means.py --quick --no-plot
"""

import sys
import time
from itertools import permutations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import Plot, example_parser, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.unsupervised_learning import PCA, KMeans  # noqa: E402
from mlfromscratch.utils.datasets import load_iris  # noqa: E402


def matching_accuracy(y, labels):
    """Fraction of points whose cluster maps to their class, under the best one-to-one mapping."""
    clusters = np.unique(labels)
    classes = np.unique(y)
    best = 0.0
    for mapping in permutations(classes, len(clusters)):
        predicted = np.array(mapping)[np.searchsorted(clusters, labels)]
        best = max(best, float(np.mean(predicted == y)))
    return best


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-clusters", type=int, default=3, help="number of clusters (default: 3)")
    args = parser.parse_args(argv)

    X, y = load_iris()
    n_init = 1 if args.quick else 10

    start = time.perf_counter()
    kmeans = KMeans(n_clusters=args.n_clusters, n_init=n_init, random_state=args.seed).fit(X)
    fit_time = time.perf_counter() - start
    accuracy = matching_accuracy(y, kmeans.labels_)

    rows = [["Cluster", "Size", "Centre (sepal l, sepal w, petal l, petal w)"]]
    for k, centre in enumerate(kmeans.cluster_centers_):
        rows.append([k, int(np.sum(kmeans.labels_ == k)), np.array2string(centre, precision=2)])
    print(table(rows, "KMeans"))
    print(f"Inertia: {kmeans.inertia_:.2f} after {kmeans.n_iter_} iterations (best of {n_init} runs)")
    print(f"Flowers in the cluster of their species: {100 * accuracy:.1f}%")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X, kmeans.labels_, title="K-Means Clustering", accuracy=accuracy)
        # Plot projects with PCA(2) fitted on X; the same projection places the centres.
        centres_2d = PCA(n_components=2).fit(X).transform(kmeans.cluster_centers_)
        fig.axes[0].scatter(*centres_2d.T, marker="x", s=150, color="red", label="centres")
        fig.axes[0].legend(loc="best", fontsize="small")
        show_or_save(fig, args, "k_means")

    print_result("k_means", accuracy=accuracy, inertia=kmeans.inertia_, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
