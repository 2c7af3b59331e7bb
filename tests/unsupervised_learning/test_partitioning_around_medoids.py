from itertools import combinations, permutations

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import PAM
from mlfromscratch.utils.datasets import load_iris, make_blobs
from mlfromscratch.utils.validation import NotFittedError


def _distances(X):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=-1))


def test_medoids_by_hand():
    # 1-D: the medoid of {0, 1, 2} is 1 and of {10, 11, 12} is 11; total deviation 4.
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0], [12.0]])
    pam = PAM(n_clusters=2).fit(X)
    np.testing.assert_array_equal(np.sort(pam.medoid_indices_), [1, 4])
    assert pam.inertia_ == pytest.approx(4.0)
    np.testing.assert_array_equal(pam.cluster_centers_, X[pam.medoid_indices_])


def test_single_medoid_minimises_total_distance():
    X, _ = make_blobs(40, centers=2, random_state=0)
    pam = PAM(n_clusters=1).fit(X)
    D = _distances(X)
    assert pam.medoid_indices_[0] == np.argmin(D.sum(axis=1))
    assert pam.inertia_ == pytest.approx(D.sum(axis=1).min())


def test_result_is_swap_optimal_and_often_global():
    found_global = 0
    for seed in range(8):
        X, _ = make_blobs(12, centers=3, cluster_std=2.5, random_state=seed)
        D = _distances(X)
        pam = PAM(n_clusters=3).fit(X)
        medoids = list(pam.medoid_indices_)
        cost = D[medoids].min(axis=0).sum()
        assert pam.inertia_ == pytest.approx(cost)
        # No single swap (medoid i -> point h) improves the cost.
        for i in range(3):
            for h in set(range(12)) - set(medoids):
                swapped = medoids[:i] + [h] + medoids[i + 1:]
                assert D[swapped].min(axis=0).sum() >= cost - 1e-9
        best = min(D[list(c)].min(axis=0).sum() for c in combinations(range(12), 3))
        found_global += cost <= best + 1e-9
    assert found_global >= 7


def test_invariants():
    X, _ = make_blobs(60, centers=3, random_state=1)
    X_copy = X.copy()
    pam = PAM(n_clusters=3)
    assert pam.fit(X) is pam
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(pam.predict(X), pam.labels_)
    np.testing.assert_array_equal(PAM(n_clusters=3).fit_predict(X), pam.labels_)
    pam.fit(X[:10, :1])
    assert pam.cluster_centers_.shape == (3, 1) and pam.labels_.shape == (10,)


def test_duplicate_points_no_warning():
    X = np.repeat([[0.0, 0.0], [3.0, 3.0]], 5, axis=0)
    pam = PAM(n_clusters=3).fit(X)
    assert pam.inertia_ == pytest.approx(0.0)
    assert len(set(pam.medoid_indices_.tolist())) == 3


def test_bad_input():
    X = np.zeros((3, 2))
    with pytest.raises(ValueError, match="larger than the number of samples"):
        PAM(n_clusters=4).fit(X)
    with pytest.raises(ValueError, match="n_clusters"):
        PAM(n_clusters=0).fit(X)
    with pytest.raises(ValueError, match="NaN"):
        PAM().fit([[0.0, np.nan], [1.0, 1.0]])
    with pytest.raises(NotFittedError):
        PAM().predict(X)
    pam = PAM(n_clusters=2).fit(np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]]))
    with pytest.raises(ValueError, match="features"):
        pam.predict(np.ones((1, 3)))


def test_iris_clusters_match_species():
    X, y = load_iris()
    labels = PAM(n_clusters=3).fit_predict(X)
    best = max(np.mean(np.array(p)[labels] == y) for p in permutations(range(3)))
    assert best > 0.85


@pytest.mark.parametrize(
    "name, value",
    [("n_clusters", np.nan), ("n_clusters", np.inf), ("n_clusters", 2.5), ("n_clusters", -1), ("n_clusters", "3"),
     ("max_iter", np.nan), ("max_iter", np.inf), ("max_iter", -1), ("max_iter", 1.5), ("max_iter", None)],
)
def test_every_hyperparameter_is_checked(name, value):
    X, _ = make_blobs(20, centers=2, random_state=0)
    with pytest.raises(ValueError, match=name):
        PAM(**{name: value}).fit(X)


def test_cluster_mixin_provides_fit_predict():
    from mlfromscratch.utils.base import ClusterMixin

    assert isinstance(PAM(), ClusterMixin) and "fit_predict" not in PAM.__dict__
    X, _ = make_blobs(60, centers=3, random_state=4)
    np.testing.assert_array_equal(PAM(n_clusters=3).fit_predict(X), PAM(n_clusters=3).fit(X).labels_)
    # max_iter=0 keeps the BUILD medoids; more swaps never raise the total deviation
    build = PAM(n_clusters=3, max_iter=0).fit(X)
    assert build.n_iter_ == 0 and PAM(n_clusters=3).fit(X).inertia_ <= build.inertia_
