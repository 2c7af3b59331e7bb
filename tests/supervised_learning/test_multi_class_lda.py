import warnings

import numpy as np
import pytest

from mlfromscratch.supervised_learning import LDA, MultiClassLDA
from mlfromscratch.utils.data_manipulation import train_test_split
from mlfromscratch.utils.datasets import load_digits, load_iris, load_wine, make_blobs
from mlfromscratch.utils.validation import NotFittedError


def scatter_matrices(X, y):
    """S_W and S_B written out class by class, straight from their definitions."""
    mu = X.mean(axis=0)
    S_W = np.zeros((X.shape[1], X.shape[1]))
    S_B = np.zeros_like(S_W)
    for c in np.unique(y):
        X_c = X[y == c]
        mu_c = X_c.mean(axis=0)
        S_W += (X_c - mu_c).T @ (X_c - mu_c)
        S_B += len(X_c) * np.outer(mu_c - mu, mu_c - mu)
    return S_W, S_B


def test_generalised_eigen_equation_holds():
    X, y = load_iris()
    lda = MultiClassLDA(shrinkage=0.0).fit(X, y)
    S_W, S_B = scatter_matrices(X, y)
    assert lda.scalings_.shape == (4, 2)
    for v, lam in zip(lda.scalings_.T, lda.eigenvalues_):
        np.testing.assert_allclose(S_B @ v, lam * (S_W @ v), rtol=1e-8, atol=1e-8 * np.abs(S_B @ v).max())
        # lambda is the Rayleigh quotient J(v) = v^T S_B v / v^T S_W v
        assert lam == pytest.approx((v @ S_B @ v) / (v @ S_W @ v))
    assert lda.eigenvalues_[0] >= lda.eigenvalues_[1] > 0
    # no other direction beats the first: J is maximal there
    rng = np.random.default_rng(0)
    random_directions = rng.standard_normal((500, 4))
    J = np.einsum("ki,ij,kj->k", random_directions, S_B, random_directions) / np.einsum(
        "ki,ij,kj->k", random_directions, S_W, random_directions
    )
    assert J.max() <= lda.eigenvalues_[0] * (1 + 1e-12)


def test_projection_whitens_the_within_class_covariance():
    X, y = load_wine()
    lda = MultiClassLDA().fit(X, y)
    S_W, _ = scatter_matrices(X, y)
    V = lda.scalings_
    np.testing.assert_allclose(V.T @ (S_W / (len(X) - 3)) @ V, np.eye(2), atol=1e-4)
    Z = lda.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-9)
    np.testing.assert_allclose(lda.projected_means_, [Z[y == c].mean(axis=0) for c in range(3)], atol=1e-9)
    np.testing.assert_allclose(lda.explained_variance_ratio_.sum(), 1.0)
    assert np.all(np.diff(lda.explained_variance_ratio_) <= 0)


def test_two_classes_match_fisher_direction():
    X, y = make_blobs(n_samples=120, centers=2, n_features=3, random_state=3)
    multi = MultiClassLDA().fit(X, y)
    w = LDA().fit(X, y).coef_
    v = multi.scalings_[:, 0]
    assert abs(v @ w) / (np.linalg.norm(v) * np.linalg.norm(w)) == pytest.approx(1.0, abs=1e-9)


def test_nearest_projected_mean_is_equal_prior_gaussian_rule():
    X, y = load_iris()
    lda = MultiClassLDA(shrinkage=0.0).fit(X, y)
    cov = scatter_matrices(X, y)[0] / (len(X) - 3)
    diffs = X[:, None, :] - lda.means_[None, :, :]                 # (n, classes, features)
    mahalanobis = np.einsum("ncf,fg,ncg->nc", diffs, np.linalg.inv(cov), diffs)
    np.testing.assert_array_equal(lda.predict(X), np.argmin(mahalanobis, axis=1))


def test_n_components_and_invariants():
    X, y = load_wine()
    labels = np.array(["barolo", "grignolino", "barbera"])[y]
    X_copy, labels_copy = X.copy(), labels.copy()
    lda = MultiClassLDA(n_components=1)
    assert lda.fit(X, labels) is lda
    assert lda.transform(X).shape == (len(X), 1)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(labels, labels_copy)
    assert set(lda.predict(X)) <= set(labels)
    # refit with other data is clean
    lda.set_params(n_components=None).fit(*load_iris())
    assert lda.n_components_ == 2 and lda.n_features_in_ == 4
    # units do not matter: x1e6 gives the same predictions, without warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaled = MultiClassLDA().fit(X * 1e6, y).predict(X * 1e6)
    np.testing.assert_array_equal(scaled, MultiClassLDA().fit(X, y).predict(X))


@pytest.mark.parametrize("n_components", [0, 3, 1.5, "two"])
def test_bad_n_components(n_components):
    X, y = load_iris()
    with pytest.raises(ValueError, match="n_components"):
        MultiClassLDA(n_components=n_components).fit(X, y)


def test_bad_input_and_unfitted():
    X, y = load_iris()
    with pytest.raises(ValueError, match="2 dimensions"):
        MultiClassLDA().fit(X[:, 0], y)
    with pytest.raises(ValueError, match="NaN"):
        MultiClassLDA().fit(np.where(X > 7, np.nan, X), y)
    with pytest.raises(ValueError, match="inconsistent"):
        MultiClassLDA().fit(X, y[:-1])
    with pytest.raises(ValueError, match="at least 2 classes"):
        MultiClassLDA().fit(X, np.zeros(len(X)))
    with pytest.raises(ValueError, match="shrinkage"):
        MultiClassLDA(shrinkage=-0.1).fit(X, y)
    # digits has blank pixels: S_W is singular without the ridge
    X_digits, y_digits = load_digits()
    with pytest.raises(ValueError, match="singular"):
        MultiClassLDA(shrinkage=0.0).fit(X_digits[:300], y_digits[:300])
    with pytest.raises(NotFittedError):
        MultiClassLDA().transform(X)
    with pytest.raises(NotFittedError):
        MultiClassLDA().predict(X)
    with pytest.raises(ValueError, match="features"):
        MultiClassLDA().fit(X, y).predict(X[:, :3])


def test_learns_wine_and_digits():
    for loader, threshold in [(load_wine, 0.95), (load_digits, 0.92)]:
        X, y = loader()
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
        accuracy = np.mean(MultiClassLDA().fit(X_train, y_train).predict(X_test) == y_test)
        assert accuracy > threshold, loader.__name__


def test_matches_scikit_learn():
    sklearn_lda = pytest.importorskip("sklearn.discriminant_analysis")
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    ours = MultiClassLDA().fit(X_train, y_train)
    theirs = sklearn_lda.LinearDiscriminantAnalysis().fit(X_train, y_train)
    assert abs(np.mean(ours.predict(X_test) == y_test) - theirs.score(X_test, y_test)) <= 0.02
    np.testing.assert_allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_[:9], atol=1e-4)


# ------------------------------------------------------------------- hyperparameters (issue 16) and roles (issue 15)


@pytest.mark.parametrize("name, value", [
    ("shrinkage", np.nan), ("shrinkage", np.inf), ("shrinkage", -1.0), ("shrinkage", "0.1"),
    ("n_components", np.nan), ("n_components", np.inf), ("n_components", -1), ("n_components", 1.0),
    ("n_components", "2"), ("n_components", True),
], ids=lambda v: repr(v))
def test_hyperparameters_must_be_numbers_in_range(name, value):
    X, y = load_iris()
    with pytest.raises(ValueError, match=name):
        MultiClassLDA(**{name: value}).fit(X, y)


def test_score_and_fit_transform_come_from_the_roles():
    X, y = load_iris()
    model = MultiClassLDA(n_components=2)
    np.testing.assert_allclose(model.fit_transform(X, y), MultiClassLDA(n_components=2).fit(X, y).transform(X))
    assert model.score(X, y) == np.mean(model.predict(X) == y)
    assert model._estimator_type == "classifier"
