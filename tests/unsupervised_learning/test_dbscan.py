import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import DBSCAN
from mlfromscratch.unsupervised_learning._neighbors import sorted_window_neighborhoods
from mlfromscratch.unsupervised_learning.dbscan import eps_neighborhoods
from mlfromscratch.utils.datasets import load_iris, make_blobs, make_moons


def _same_partition(a, b):
    """Labelings equal up to renumbering of the clusters, with noise (-1) fixed."""
    if not np.array_equal(a == -1, b == -1):
        return False
    pairs = set(zip(a.tolist(), b.tolist()))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def test_core_border_noise_by_hand():
    # On a line: 0, 1, 2 are mutual neighbours (eps=1.0); 3 is 1 away from 2 only; 10 is alone.
    X = np.array([[0.0], [1.0], [2.0], [3.0], [10.0]])
    db = DBSCAN(eps=1.0, min_samples=3).fit(X)
    # |N(0)| = 2 (0, 1), |N(1)| = 3, |N(2)| = 3, |N(3)| = 2, |N(10)| = 1.
    np.testing.assert_array_equal(db.core_sample_indices_, [1, 2])
    np.testing.assert_array_equal(db.labels_, [0, 0, 0, 0, -1])
    np.testing.assert_array_equal(db.components_, [[1.0], [2.0]])


def test_point_counts_itself_and_min_samples_one():
    X = np.array([[0.0], [5.0], [10.0]])
    np.testing.assert_array_equal(DBSCAN(eps=1.0, min_samples=1).fit_predict(X), [0, 1, 2])
    np.testing.assert_array_equal(DBSCAN(eps=1.0, min_samples=2).fit_predict(X), [-1, -1, -1])


def test_border_point_joins_first_cluster():
    # With eps=1, min_samples=4: 0.0 has 3 neighbours (-1, 0, 1), so it is a border point of
    # both the right cluster (cores 1.0 ...) and the left one (cores -1.0 ...).
    right = [1.0, 1.1, 1.2, 1.3]
    left = [-1.0, -1.1, -1.2, -1.3]
    X = np.array([0.0] + right + left)[:, None]
    labels = DBSCAN(eps=1.0, min_samples=4).fit_predict(X)
    np.testing.assert_array_equal(labels, [0, 0, 0, 0, 0, 1, 1, 1, 1])
    # Listing the left cluster first gives the border point to it instead.
    X = np.array([0.0] + left + right)[:, None]
    labels = DBSCAN(eps=1.0, min_samples=4).fit_predict(X)
    np.testing.assert_array_equal(labels, [0, 0, 0, 0, 0, 1, 1, 1, 1])
    np.testing.assert_array_equal(DBSCAN(eps=1.0, min_samples=4).fit(X).core_sample_indices_, np.arange(1, 9))


def test_long_chain_needs_no_recursion():
    X = np.arange(3000, dtype=float)[:, None]  # beyond Python's default recursion limit
    labels = DBSCAN(eps=1.0, min_samples=3).fit_predict(X)
    assert np.all(labels == 0)


def test_duplicates_and_invariants():
    X, _ = make_moons(200, noise=0.05, random_state=0)
    X = np.vstack([X, X[:20]])  # duplicate points
    X_copy = X.copy()
    db = DBSCAN(eps=0.2, min_samples=5)
    assert db.fit(X) is db
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(db.labels_, DBSCAN(eps=0.2, min_samples=5).fit(X).labels_)
    np.testing.assert_array_equal(db.fit_predict(X), db.labels_)
    # Shuffling the rows gives the same clustering of the same points.
    order = np.random.default_rng(0).permutation(len(X))
    assert _same_partition(DBSCAN(eps=0.2, min_samples=5).fit_predict(X[order]), db.labels_[order])
    db.fit(X[:10, :1])
    assert db.labels_.shape == (10,) and db.n_features_in_ == 1


def test_bad_input():
    X = np.zeros((4, 2))
    for eps in (0, -0.5):
        with pytest.raises(ValueError, match="eps"):
            DBSCAN(eps=eps).fit(X)
    with pytest.raises(ValueError, match="min_samples"):
        DBSCAN(min_samples=0).fit(X)
    with pytest.raises(ValueError, match="metric"):
        DBSCAN(metric="cosine").fit(X)
    with pytest.raises(ValueError, match="NaN"):
        DBSCAN().fit([[np.nan, 1.0]])


def test_moons_recovered():
    X, y = make_moons(500, noise=0.06, random_state=1)
    labels = DBSCAN(eps=0.2, min_samples=5).fit_predict(X)
    assert set(labels.tolist()) <= {-1, 0, 1}
    clustered = labels != -1
    assert clustered.mean() > 0.97
    assert _same_partition(labels[clustered], y[clustered])


def test_iris_setosa_is_its_own_cluster():
    X, y = load_iris()
    labels = DBSCAN(eps=0.5, min_samples=5).fit_predict(X)
    setosa = labels[(y == 0) & (labels != -1)]
    assert len(set(setosa.tolist())) == 1
    assert not np.any(labels[y != 0] == setosa[0])


@pytest.mark.parametrize(
    "X, eps, min_samples",
    [
        (make_moons(2000, noise=0.08, random_state=3)[0], 0.08, 5),
        (make_blobs(2000, centers=5, cluster_std=1.5, random_state=2)[0], 0.4, 8),
        (np.round(make_blobs(500, n_features=4, centers=3, random_state=5)[0]), 2.0, 4),  # ties
    ],
)
def test_matches_sklearn_on_shuffled_data(X, eps, min_samples):
    cluster = pytest.importorskip("sklearn.cluster")
    X = X[np.random.default_rng(0).permutation(len(X))]
    ours = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    theirs = cluster.DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    np.testing.assert_array_equal(ours.core_sample_indices_, theirs.core_sample_indices_)
    assert _same_partition(ours.labels_, theirs.labels_)


@pytest.mark.parametrize(
    "X, eps",
    [
        (make_moons(700, noise=0.08, random_state=3)[0], 0.08),
        (make_blobs(900, centers=5, cluster_std=1.5, random_state=2)[0], 0.4),
        (np.round(make_blobs(400, n_features=4, centers=3, random_state=5)[0]), 2.0),  # ties at eps
        (np.repeat([[0.0, 0.0], [3.0, 4.0]], 5, axis=0), 5.0),  # duplicates, a pair at exactly eps
        (np.random.default_rng(0).normal(size=(300, 12)) + 1e6, 4.0),  # far from the origin, 12-D
        (np.arange(2500, dtype=float)[:, None], 1.5),  # several blocks, windows that overlap them
    ],
)
def test_sorted_window_search_gives_the_brute_force_neighbourhoods(X, eps):
    fast = sorted_window_neighborhoods(X, eps)
    plain = eps_neighborhoods(X, eps)
    assert len(fast) == len(plain) == len(X)
    for i, (a, b) in enumerate(zip(fast, plain)):
        np.testing.assert_array_equal(np.sort(a), b, err_msg=f"neighbours of point {i}")


def test_neighbourhoods_by_hand():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [10.0]])
    expected = [[0, 1], [0, 1, 2], [1, 2, 3], [2, 3], [4]]
    assert [n.tolist() for n in eps_neighborhoods(X, 1.0)] == expected
    assert [sorted(n.tolist()) for n in sorted_window_neighborhoods(X, 1.0)] == expected


@pytest.mark.parametrize("name, value", [
    ("eps", np.nan), ("eps", np.inf), ("eps", "0.5"), ("min_samples", np.nan), ("min_samples", 2.5),
    ("min_samples", -1),
])
def test_non_finite_or_out_of_range_hyperparameters_are_named(name, value):
    # eps=nan used to call every point noise without a word.
    with pytest.raises(ValueError, match=name):
        DBSCAN().set_params(**{name: value}).fit(np.zeros((4, 2)))


def test_is_a_clusterer_for_sklearn():
    pytest.importorskip("sklearn")
    from sklearn.base import clone, is_clusterer

    X, _ = make_moons(100, noise=0.05, random_state=0)
    db = DBSCAN(eps=0.2, min_samples=4)
    assert is_clusterer(db)
    np.testing.assert_array_equal(clone(db).fit_predict(X), db.fit(X).labels_)
