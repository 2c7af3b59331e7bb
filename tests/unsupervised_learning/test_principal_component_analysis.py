import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import PCA
from mlfromscratch.utils.datasets import load_digits, load_iris
from mlfromscratch.utils.validation import NotFittedError


def test_points_on_a_line_have_one_component():
    # Points on y = x: one direction (1, 1)/sqrt(2) carries all the variance.
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]])
    pca = PCA(n_components=2).fit(X)
    np.testing.assert_allclose(pca.components_[0], [np.sqrt(0.5), np.sqrt(0.5)])
    # Variance along (1, 1)/sqrt(2): var of t = sqrt(2) * (1..4) with ddof=1 = 2 * 5/3.
    np.testing.assert_allclose(pca.explained_variance_, [10.0 / 3.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(pca.explained_variance_ratio_, [1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(pca.mean_, [2.5, 2.5])


def test_matches_eigendecomposition_of_covariance():
    X, _ = load_iris()
    pca = PCA().fit(X)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(eigenvalues)[::-1]
    np.testing.assert_allclose(pca.explained_variance_, eigenvalues[order], rtol=1e-10)
    # Same axes up to sign.
    overlap = np.abs(pca.components_ @ eigenvectors[:, order])
    np.testing.assert_allclose(overlap, np.eye(4), atol=1e-8)


def test_components_orthonormal_and_signs_deterministic():
    X, _ = load_digits()
    pca = PCA(n_components=10).fit(X)
    np.testing.assert_allclose(pca.components_ @ pca.components_.T, np.eye(10), atol=1e-10)
    rows = np.arange(10)
    largest = pca.components_[rows, np.argmax(np.abs(pca.components_), axis=1)]
    assert np.all(largest > 0)
    # Flipping the data's sign does not flip the components' signs.
    np.testing.assert_allclose(np.abs(PCA(10).fit(-X).components_), np.abs(pca.components_), atol=1e-10)


def test_transform_fit_transform_and_inverse():
    X, _ = load_iris()
    X_copy = X.copy()
    pca = PCA(n_components=2)
    Z = pca.fit_transform(X)
    np.testing.assert_allclose(Z, pca.transform(X), atol=1e-10)
    assert Z.shape == (150, 2)
    np.testing.assert_array_equal(X, X_copy)
    # Keeping every component reconstructs exactly.
    full = PCA().fit(X)
    np.testing.assert_allclose(full.inverse_transform(full.transform(X)), X, atol=1e-10)
    # Reconstruction error with k components equals the discarded variance.
    X_hat = pca.inverse_transform(Z)
    error = np.sum((X - X_hat) ** 2) / (len(X) - 1)
    np.testing.assert_allclose(error, full.explained_variance_[2:].sum(), rtol=1e-10)


def test_float_n_components_keeps_enough_variance():
    X, _ = load_digits()
    pca = PCA(n_components=0.9).fit(X)
    assert pca.explained_variance_ratio_.sum() > 0.9
    assert pca.explained_variance_ratio_[:-1].sum() <= 0.9
    assert PCA().fit(X).n_components_ == 64


def test_fit_returns_self_and_refit_is_clean():
    X, _ = load_iris()
    pca = PCA(n_components=3)
    assert pca.fit(X) is pca
    first = pca.components_.copy()
    pca.fit(X[:, :3])
    assert pca.components_.shape == (3, 3) and pca.n_features_in_ == 3
    np.testing.assert_array_equal(PCA(n_components=3).fit(X).components_, first)


def test_constant_data_no_warning():
    X = np.ones((5, 3))
    pca = PCA(n_components=2).fit(X)
    np.testing.assert_array_equal(pca.explained_variance_ratio_, [0.0, 0.0])
    np.testing.assert_allclose(pca.transform(X), 0.0)


@pytest.mark.parametrize("n_components", [0, 5, -1, 1.0, 0.0, 1.5, "two", True])
def test_bad_n_components(n_components):
    X = np.random.default_rng(0).normal(size=(10, 4))
    with pytest.raises(ValueError):
        PCA(n_components=n_components).fit(X)


def test_bad_input():
    pca = PCA(1)
    with pytest.raises(NotFittedError):
        pca.transform(np.ones((2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        pca.fit([[1.0, np.nan], [2.0, 3.0]])
    with pytest.raises(ValueError, match="2 dimensions"):
        pca.fit([1.0, 2.0, 3.0])
    pca.fit([[1.0, 2.0], [2.0, 3.5], [0.0, 1.0]])
    with pytest.raises(ValueError, match="features"):
        pca.transform([[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError, match="columns"):
        pca.inverse_transform([[1.0, 2.0]])


def test_digits_two_components_separate_classes():
    # The first two components of digits keep ~28.5% of the variance (a known figure).
    X, y = load_digits()
    pca = PCA(n_components=2).fit(X)
    assert 0.27 < pca.explained_variance_ratio_.sum() < 0.30
    Z = pca.transform(X)
    # Class centroids in the 2-D projection are well apart: 0 vs 4 vs 3.
    centroids = np.array([Z[y == c].mean(axis=0) for c in (0, 3, 4)])
    spread = np.mean(np.linalg.norm(Z - Z.mean(axis=0), axis=1))
    distances = np.linalg.norm(centroids[:, None] - centroids[None], axis=-1)
    assert distances[np.triu_indices(3, 1)].min() > 0.8 * spread


def test_matches_sklearn():
    sklearn_decomposition = pytest.importorskip("sklearn.decomposition")
    X, _ = load_digits()
    ours = PCA(n_components=5).fit(X)
    theirs = sklearn_decomposition.PCA(n_components=5, svd_solver="full").fit(X)
    signs = np.sign(np.sum(ours.components_ * theirs.components_, axis=1))
    np.testing.assert_allclose(ours.components_ * signs[:, None], theirs.components_, atol=1e-8)
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=1e-10)


@pytest.mark.parametrize("n_components", [np.nan, np.inf, -np.inf, 0.0, 1.0, -3, 2.5, "0.5", [2]])
def test_n_components_checked_before_any_work(n_components):
    X = np.random.default_rng(0).normal(size=(10, 4))
    with pytest.raises(ValueError, match="n_components"):
        PCA(n_components=n_components).fit(X)


def test_n_components_larger_than_data_names_the_limit():
    X = np.random.default_rng(0).normal(size=(3, 5))
    with pytest.raises(ValueError, match=r"min\(n_samples, n_features\)=3"):
        PCA(n_components=4).fit(X)
    assert PCA(n_components=np.int64(3)).fit(X).n_components_ == 3


def test_transformer_mixin_and_scikit_learn_pipeline():
    from mlfromscratch.utils.base import TransformerMixin

    assert isinstance(PCA(), TransformerMixin)
    assert "fit_transform" not in PCA.__dict__          # the mixin's fit_transform is used
    X, y = load_digits()
    Z = PCA(n_components=3).fit_transform(X)
    np.testing.assert_allclose(Z, PCA(n_components=3).fit(X).transform(X))
    pipeline = pytest.importorskip("sklearn.pipeline")
    linear_model = pytest.importorskip("sklearn.linear_model")
    model = pipeline.make_pipeline(PCA(n_components=20), linear_model.LogisticRegression(max_iter=2000))
    assert model.fit(X[:1000], y[:1000]).score(X[1000:], y[1000:]) > 0.85


def test_score_is_the_probabilistic_pca_log_likelihood():
    """Issue 15: score as scikit-learn's PCA.score (Tipping and Bishop's probabilistic PCA)."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 5)) @ rng.standard_normal((5, 5)) + 3.0
    pca = PCA(n_components=2).fit(X)
    # by hand: the Gaussian with covariance C = V diag(lambda - s2) V^T + s2 I
    eigenvalues = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
    s2 = eigenvalues[2:].mean()
    np.testing.assert_allclose(pca.noise_variance_, s2)
    C = pca.components_.T @ np.diag(eigenvalues[:2] - s2) @ pca.components_ + s2 * np.eye(5)
    Xc = X - X.mean(axis=0)
    expected = -0.5 * (5 * np.log(2 * np.pi) + np.linalg.slogdet(C)[1]
                       + np.einsum("ij,jk,ik->i", Xc, np.linalg.inv(C), Xc))
    np.testing.assert_allclose(pca.score_samples(X), expected)
    assert pca.score(X) == pytest.approx(expected.mean())
    decomposition = pytest.importorskip("sklearn.decomposition")
    theirs = decomposition.PCA(n_components=2).fit(X)
    np.testing.assert_allclose(pca.score(X), theirs.score(X))
    np.testing.assert_allclose(pca.score_samples(X[:5]), theirs.score_samples(X[:5]))
