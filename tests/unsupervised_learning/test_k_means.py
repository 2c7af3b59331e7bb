import warnings

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import KMeans
from mlfromscratch.utils.datasets import load_iris, make_blobs
from mlfromscratch.utils.validation import ConvergenceWarning, NotFittedError


def _same_partition(a, b):
    """Labelings equal up to renumbering."""
    pairs = set(zip(a.tolist(), b.tolist()))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def test_two_obvious_clusters_by_hand():
    X = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0], [10.0, 4.0]])
    km = KMeans(n_clusters=2, random_state=0).fit(X)
    centers = km.cluster_centers_[np.argsort(km.cluster_centers_[:, 0])]
    np.testing.assert_allclose(centers, [[0.0, 1.0], [10.0, 2.0]])
    # Inertia: 1 + 1 for the left pair, 4 + 0 + 4 for the right triple.
    assert km.inertia_ == pytest.approx(10.0)
    assert _same_partition(km.labels_, np.array([0, 0, 1, 1, 1]))


def test_transform_predict_score_consistent():
    X, _ = make_blobs(200, centers=3, random_state=0)
    km = KMeans(n_clusters=3, n_init=3, random_state=0).fit(X)
    distances = km.transform(X)
    assert distances.shape == (200, 3)
    np.testing.assert_array_equal(np.argmin(distances, axis=1), km.labels_)
    np.testing.assert_array_equal(km.predict(X), km.labels_)
    np.testing.assert_allclose((distances.min(axis=1) ** 2).sum(), km.inertia_)
    assert km.score(X) == pytest.approx(-km.inertia_)
    # Each centre is the mean of its points.
    for k in range(3):
        np.testing.assert_allclose(km.cluster_centers_[k], X[km.labels_ == k].mean(axis=0))


def test_invariants():
    X, _ = make_blobs(150, centers=4, random_state=1)
    X_copy = X.copy()
    km = KMeans(n_clusters=4, n_init=2, random_state=3)
    assert km.fit(X) is km
    np.testing.assert_array_equal(X, X_copy)
    again = KMeans(n_clusters=4, n_init=2, random_state=3).fit(X)
    np.testing.assert_array_equal(km.cluster_centers_, again.cluster_centers_)
    np.testing.assert_array_equal(km.fit_predict(X), km.fit(X).predict(X))
    km.fit(X[:, :1])  # refit on other data starts fresh
    assert km.cluster_centers_.shape == (4, 1) and km.n_features_in_ == 1
    assert KMeans(n_clusters=4, n_init=1, init="random", random_state=0).fit(X).inertia_ > 0


def test_more_restarts_never_worse():
    X, _ = make_blobs(300, centers=6, cluster_std=2.0, random_state=2)
    one = KMeans(n_clusters=6, n_init=1, random_state=0).fit(X).inertia_
    many = KMeans(n_clusters=6, n_init=8, random_state=0).fit(X).inertia_
    assert many <= one + 1e-9


def test_duplicates_and_empty_clusters_no_warning_escape():
    # Three distinct points, three clusters: each point its own centre, inertia 0.
    X = np.repeat([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]], 10, axis=0)
    km = KMeans(n_clusters=3, random_state=0).fit(X)
    assert km.inertia_ == pytest.approx(0.0)
    assert len(np.unique(km.labels_)) == 3
    # Fewer distinct points than clusters: a ConvergenceWarning, no RuntimeWarning.
    with pytest.warns(ConvergenceWarning, match="distinct"):
        km = KMeans(n_clusters=4, random_state=0).fit(X)
    assert km.inertia_ == pytest.approx(0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        KMeans(n_clusters=2, random_state=0).fit(np.zeros((5, 2)))


def test_empty_cluster_repair_from_bad_start():
    # "random" init on two far blobs with k=3 must still use every cluster.
    X = np.vstack([np.zeros((20, 1)), np.full((20, 1), 100.0)]) + np.linspace(0, 1, 40)[:, None]
    km = KMeans(n_clusters=3, init="random", n_init=5, random_state=0).fit(X)
    assert len(np.unique(km.labels_)) == 3


def test_bad_input():
    X = np.random.default_rng(0).normal(size=(5, 2))
    with pytest.raises(ValueError, match="larger than the number of samples"):
        KMeans(n_clusters=6).fit(X)
    with pytest.raises(ValueError, match="NaN"):
        KMeans(n_clusters=2).fit([[1.0, np.nan], [2.0, 3.0], [0.0, 0.0]])
    with pytest.raises(ValueError, match="n_clusters"):
        KMeans(n_clusters=0).fit(X)
    with pytest.raises(ValueError, match="init"):
        KMeans(n_clusters=2, init="kmeans").fit(X)
    with pytest.raises(NotFittedError):
        KMeans().predict(X)
    km = KMeans(n_clusters=2, random_state=0).fit(X)
    with pytest.raises(ValueError, match="features"):
        km.predict(np.ones((2, 3)))


def test_iris_clusters_match_species():
    X, y = load_iris()
    labels = KMeans(n_clusters=3, random_state=0).fit_predict(X)
    # Best matching of clusters to species (3! permutations) gives ~89% agreement.
    from itertools import permutations

    best = max(np.mean(np.array(p)[labels] == y) for p in permutations(range(3)))
    assert best > 0.85


def test_inertia_matches_sklearn():
    cluster = pytest.importorskip("sklearn.cluster")
    X, _ = make_blobs(1000, centers=5, cluster_std=1.5, random_state=4)
    ours = KMeans(n_clusters=5, n_init=5, random_state=0).fit(X)
    theirs = cluster.KMeans(n_clusters=5, n_init=5, random_state=0).fit(X)
    assert abs(ours.inertia_ / theirs.inertia_ - 1) < 0.01


def test_empty_cluster_repair_never_empties_the_donor_cluster():
    # Centres -50, 10 and 1000 on the line: -25 is alone in cluster 0 (and the point farthest
    # from its centre), 9, 10 and 12 share cluster 1, cluster 2 is empty. Moving -25 into
    # cluster 2 would empty cluster 0 (and put its centre at the origin); 12 must move instead.
    X = np.array([[-25.0], [9.0], [10.0], [12.0]])
    init = np.array([[-50.0], [10.0], [1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        km = KMeans(n_clusters=3, init=init, max_iter=1).fit(X)
    np.testing.assert_allclose(km.cluster_centers_, [[-25.0], [9.5], [12.0]])
    np.testing.assert_array_equal(km.labels_, [0, 1, 1, 2])
    # Run to convergence: every cluster is used and every centre is the mean of its points.
    km = KMeans(n_clusters=3, init=init).fit(X)
    assert len(np.unique(km.labels_)) == 3
    for k in range(3):
        np.testing.assert_allclose(km.cluster_centers_[k], X[km.labels_ == k].mean(axis=0))


def test_update_step_fills_every_empty_cluster():
    from mlfromscratch.unsupervised_learning.k_means import _cluster_means, _fill_empty_clusters

    # Clusters 0 and 1 are singletons far from their centres, 2 and 3 are empty: only cluster 4's
    # points may move, farthest first.
    X = np.array([[0.0], [100.0], [5.0], [6.0], [7.0], [8.0]])
    labels = np.array([0, 1, 4, 4, 4, 4])
    min_d2 = np.array([50.0, 40.0, 3.0, 2.0, 1.0, 0.5])
    repaired = _fill_empty_clusters(labels, min_d2, 5)
    centers = _cluster_means(X, repaired, 5)
    np.testing.assert_array_equal(repaired, [0, 1, 2, 3, 4, 4])
    np.testing.assert_allclose(centers.ravel(), [0.0, 100.0, 5.0, 6.0, 7.5])
    np.testing.assert_array_equal(labels, [0, 1, 4, 4, 4, 4])  # the caller's labels are unchanged


def test_plain_kmeans_plusplus_draws_one_candidate_per_centre():
    from mlfromscratch.unsupervised_learning.k_means import kmeans_plusplus

    X, _ = make_blobs(300, centers=5, random_state=0)
    # One candidate per step: the draw is the D^2-weighted choice itself, so it reproduces by hand.
    rng = np.random.default_rng(1)
    first = rng.integers(len(X))
    d2 = np.sum((X - X[first]) ** 2, axis=1)
    second = rng.choice(len(X), size=1, p=d2 / d2.sum())[0]
    _, indices = kmeans_plusplus(X, 2, np.random.default_rng(1))
    np.testing.assert_array_equal(indices, [first, second])
    # The greedy variant keeps, of its candidates, the one with the lowest potential.
    _, greedy = kmeans_plusplus(X, 5, np.random.default_rng(1), n_local_trials=4)
    assert len(set(greedy.tolist())) == 5
    assert KMeans(n_clusters=5, init="greedy-k-means++", random_state=0).fit(X).inertia_ == pytest.approx(
        KMeans(n_clusters=5, random_state=0).fit(X).inertia_, rel=1e-6)


def test_init_array():
    X = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0], [10.0, 4.0]])
    init = [[1.0, 1.0], [9.0, 1.0]]
    km = KMeans(n_clusters=2, init=np.array(init)).fit(X)
    np.testing.assert_allclose(km.cluster_centers_, [[0.0, 1.0], [10.0, 2.0]])  # the order of init
    np.testing.assert_array_equal(km.labels_, [0, 0, 1, 1, 1])
    assert KMeans(n_clusters=2, init=init).fit(X).inertia_ == pytest.approx(10.0)  # a list works too
    assert "init=" in repr(KMeans(n_clusters=2, init=np.array(init)))
    with pytest.raises(ValueError, match=r"init .*shape \(n_clusters, n_features\) = \(3, 2\)"):
        KMeans(n_clusters=3, init=np.array(init)).fit(X)
    with pytest.raises(ValueError, match="init"):
        KMeans(n_clusters=2, init=np.ones((2, 3))).fit(X)
    with pytest.raises(ValueError, match="NaN or infinity in init"):
        KMeans(n_clusters=2, init=[[np.nan, 1.0], [9.0, 1.0]]).fit(X)


@pytest.mark.parametrize("name, value", [
    ("n_clusters", 2.5), ("n_clusters", np.nan), ("n_init", 0), ("n_init", np.inf), ("max_iter", -1),
    ("max_iter", np.nan), ("tol", -1e-3), ("tol", np.nan), ("tol", np.inf), ("random_state", "abc"),
])
def test_bad_hyperparameters_are_named(name, value):
    X = np.random.default_rng(0).normal(size=(20, 2))
    with pytest.raises(ValueError, match=name):
        KMeans(n_clusters=2).set_params(**{name: value}).fit(X)


def test_sklearn_tools_see_a_clusterer_and_transformer():
    pytest.importorskip("sklearn")
    from sklearn.base import clone, is_clusterer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, _ = make_blobs(90, centers=3, random_state=0)
    km = KMeans(n_clusters=3, n_init=2, random_state=0)
    assert is_clusterer(km)
    assert km.__sklearn_tags__().transformer_tags is not None
    np.testing.assert_array_equal(clone(km).fit_predict(X), km.fit(X).labels_)
    np.testing.assert_allclose(km.fit_transform(X), km.transform(X))
    distances = make_pipeline(StandardScaler(), KMeans(n_clusters=3, n_init=2, random_state=0)).fit_transform(X)
    assert distances.shape == (90, 3)
