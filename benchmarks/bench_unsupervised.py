"""Benchmark: the unsupervised models -- fit times (median of repeats) and quality vs scikit-learn.

Times KMeans and DBSCAN on 10,000 points, PAM on 2,000, GaussianMixtureModel,
PCA, Apriori/FP-Growth and the genetic algorithm, and, where scikit-learn is
installed, compares with it on the same data: KMeans inertia (same n_init), DBSCAN
labels up to renumbering (shuffled moons and blobs), GMM mean log-likelihood,
PCA components up to sign. Prints the thread count and one RESULT line per model.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_unsupervised.py
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_unsupervised.py --quick
"""

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import print_result  # noqa: E402
from mlfromscratch.unsupervised_learning import (  # noqa: E402
    DBSCAN,
    PAM,
    PCA,
    Apriori,
    FPGrowth,
    GaussianMixtureModel,
    GeneticAlgorithm,
    KMeans,
)
from mlfromscratch.utils.datasets import load_digits, load_iris, make_blobs, make_moons  # noqa: E402

try:
    import sklearn.cluster
    import sklearn.decomposition
    import sklearn.mixture
except ImportError:  # the comparisons are optional
    sklearn = None


def median_time(fit, repeats):
    """Median wall time of ``fit()`` over ``repeats`` calls, and its last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def same_partition(a, b):
    """Labelings equal up to renumbering, noise (-1) fixed."""
    if not np.array_equal(a == -1, b == -1):
        return False
    pairs = set(zip(a.tolist(), b.tolist()))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def bench_kmeans(n_samples, repeats):
    X, _ = make_blobs(n_samples, centers=8, cluster_std=1.5, random_state=0)
    t, ours = median_time(lambda: KMeans(n_clusters=8, n_init=10, random_state=0).fit(X), repeats)
    metrics = {"n_samples": n_samples, "fit_time_s": t, "inertia": ours.inertia_}
    if sklearn:
        t_sk, theirs = median_time(lambda: sklearn.cluster.KMeans(8, n_init=10, random_state=0).fit(X), repeats)
        metrics.update(sklearn_inertia=theirs.inertia_, inertia_ratio=ours.inertia_ / theirs.inertia_,
                       sklearn_time_s=t_sk)
    X_digits, _ = load_digits()
    ratios = []
    for seed in range(5 if sklearn else 0):
        ours = KMeans(n_clusters=10, n_init=10, random_state=seed).fit(X_digits).inertia_
        theirs = sklearn.cluster.KMeans(10, n_init=10, random_state=seed).fit(X_digits).inertia_
        ratios.append(ours / theirs)
    if ratios:
        metrics["digits_inertia_ratio_mean"] = float(np.mean(ratios))
    print_result("bench_kmeans", **metrics)


def bench_dbscan(n_samples, repeats):
    shuffle = np.random.default_rng(0).permutation(n_samples)
    cases = {
        "moons": (make_moons(n_samples, noise=0.08, random_state=0)[0][shuffle], 0.05, 5),
        "blobs": (make_blobs(n_samples, centers=5, cluster_std=1.5, random_state=2)[0][shuffle], 0.4, 10),
    }
    for name, (X, eps, min_samples) in cases.items():
        t, ours = median_time(lambda: DBSCAN(eps=eps, min_samples=min_samples).fit(X), repeats)
        metrics = {"data": name, "n_samples": n_samples, "fit_time_s": t,
                   "n_clusters": int(ours.labels_.max() + 1), "n_noise": int(np.sum(ours.labels_ == -1))}
        if sklearn:
            t_sk, theirs = median_time(lambda: sklearn.cluster.DBSCAN(eps=eps, min_samples=min_samples).fit(X),
                                       repeats)
            metrics.update(same_labels_as_sklearn=same_partition(ours.labels_, theirs.labels_),
                           sklearn_time_s=t_sk)
        print_result("bench_dbscan", **metrics)


def bench_pam(n_samples, repeats):
    X, _ = make_blobs(n_samples, centers=5, random_state=0)
    t, pam = median_time(lambda: PAM(n_clusters=5).fit(X), repeats)
    print_result("bench_pam", n_samples=n_samples, fit_time_s=t, inertia=pam.inertia_, n_swaps=pam.n_iter_)


def bench_gmm(repeats):
    for name, X in [("iris", load_iris()[0]), ("blobs", make_blobs(3000, centers=4, random_state=0)[0])]:
        k = 3 if name == "iris" else 4
        t, ours = median_time(lambda: GaussianMixtureModel(k, n_init=3, random_state=0).fit(X), repeats)
        metrics = {"data": name, "fit_time_s": t, "mean_log_likelihood": ours.score(X)}
        if sklearn:
            theirs = sklearn.mixture.GaussianMixture(k, n_init=3, random_state=0).fit(X)
            metrics.update(sklearn_mean_log_likelihood=theirs.score(X),
                           relative_difference=abs(ours.score(X) / theirs.score(X) - 1))
        print_result("bench_gmm", **metrics)


def bench_pca(repeats):
    X, _ = load_digits()
    t, ours = median_time(lambda: PCA(n_components=10).fit(X), repeats)
    metrics = {"fit_time_s": t, "explained_variance_ratio_10": float(ours.explained_variance_ratio_.sum())}
    if sklearn:
        theirs = sklearn.decomposition.PCA(n_components=10, svd_solver="full").fit(X)
        overlap = np.abs(np.sum(ours.components_ * theirs.components_, axis=1))
        metrics["max_component_deviation_up_to_sign"] = float(np.max(np.abs(overlap - 1)))
    print_result("bench_pca", **metrics)


def bench_association(n_transactions, repeats):
    rng = np.random.default_rng(0)
    # Items drawn with Zipf-like popularity, so some itemsets are frequent.
    popularity = 1.0 / np.arange(1, 41)
    transactions = [list(rng.choice(40, size=rng.integers(1, 12), replace=False, p=popularity / popularity.sum()))
                    for _ in range(n_transactions)]
    t_ap, apriori = median_time(lambda: Apriori(0.02, 0.6).fit(transactions), repeats)
    t_fp, fp = median_time(lambda: FPGrowth(0.02, 0.6).fit(transactions), repeats)
    print_result("bench_association", n_transactions=n_transactions, n_itemsets=len(apriori.frequent_itemsets_),
                 n_rules=len(apriori.rules_), apriori_time_s=t_ap, fp_growth_time_s=t_fp,
                 identical=apriori.frequent_itemsets_ == fp.frequent_itemsets_ and apriori.rules_ == fp.rules_)


def bench_genetic_algorithm(n_seeds):
    generations, times = [], []
    for seed in range(n_seeds):
        ga = GeneticAlgorithm("Genetic Algorithm", population_size=100, mutation_rate=0.05, random_state=seed)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ga.run(max_generations=5000)
        times.append(time.perf_counter() - start)
        generations.append(ga.n_generations_ if ga.converged_ else np.nan)
    print_result("bench_genetic_algorithm", n_seeds=n_seeds, median_generations=float(np.nanmedian(generations)),
                 found=int(np.sum(np.isfinite(generations))), median_run_time_s=float(np.median(times)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller data, one repeat")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    threads = {name: os.environ.get(name, "unset") for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    print(f"threads: {threads}; scikit-learn comparison: {'on' if sklearn else 'off (not installed)'}")

    bench_kmeans(2000 if args.quick else 10000, repeats)
    bench_dbscan(2000 if args.quick else 10000, repeats)
    bench_pam(500 if args.quick else 2000, repeats)
    bench_gmm(repeats)
    bench_pca(repeats)
    bench_association(1000 if args.quick else 5000, repeats)
    bench_genetic_algorithm(3 if args.quick else 20)


if __name__ == "__main__":
    main()
