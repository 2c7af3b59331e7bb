import warnings
from itertools import permutations

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import GaussianMixtureModel
from mlfromscratch.utils.datasets import load_iris, make_blobs
from mlfromscratch.utils.validation import ConvergenceWarning, NotFittedError


def test_single_component_is_the_gaussian_mle():
    rng = np.random.default_rng(0)
    X = rng.multivariate_normal([1.0, -2.0], [[2.0, 0.6], [0.6, 1.0]], size=300)
    gmm = GaussianMixtureModel(n_components=1, reg_covar=0.0).fit(X)
    np.testing.assert_allclose(gmm.means_[0], X.mean(axis=0))
    np.testing.assert_allclose(gmm.covariances_[0], np.cov(X, rowvar=False, ddof=0))
    np.testing.assert_allclose(gmm.weights_, [1.0])
    # Closed-form Gaussian log-density.
    diff = X - X.mean(axis=0)
    cov = np.cov(X, rowvar=False, ddof=0)
    maha = np.sum(diff @ np.linalg.inv(cov) * diff, axis=1)
    log_density = -0.5 * (maha + 2 * np.log(2 * np.pi) + np.log(np.linalg.det(cov)))
    np.testing.assert_allclose(gmm.score_samples(X), log_density)
    assert gmm.score(X) == pytest.approx(log_density.mean())
    # BIC/AIC with p = 2 mean + 3 covariance parameters.
    n = len(X)
    assert gmm.bic(X) == pytest.approx(-2 * log_density.sum() + 5 * np.log(n))
    assert gmm.aic(X) == pytest.approx(-2 * log_density.sum() + 10)


def test_recovers_two_separated_components():
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal([-4, 0], 0.5, (300, 2)), rng.normal([4, 1], 1.0, (100, 2))])
    gmm = GaussianMixtureModel(n_components=2, random_state=0).fit(X)
    order = np.argsort(gmm.means_[:, 0])
    # The groups are far apart, so EM ends at each group's own sample statistics.
    np.testing.assert_allclose(gmm.weights_[order], [0.75, 0.25], atol=1e-6)
    np.testing.assert_allclose(gmm.means_[order], [X[:300].mean(axis=0), X[300:].mean(axis=0)], atol=1e-6)
    np.testing.assert_allclose(gmm.covariances_[order[0]], np.cov(X[:300], rowvar=False, ddof=0), atol=1e-5)
    assert gmm.converged_
    proba = gmm.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(np.argmax(proba, axis=1), gmm.predict(X))


def test_log_likelihood_never_decreases():
    X, _ = make_blobs(300, centers=4, cluster_std=2.0, random_state=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gmm = GaussianMixtureModel(n_components=4, tol=1e-8, max_iter=200, init_params="random",
                                   random_state=0).fit(X)
    history = np.array(gmm.history_)
    assert np.all(np.diff(history) >= -1e-9)
    assert gmm.lower_bound_ == history[-1]
    assert gmm.mean_log_likelihood_ == history[-1]  # lower_bound_ is its scikit-learn alias


def test_invariants():
    X, _ = make_blobs(120, centers=3, random_state=2)
    X_copy = X.copy()
    gmm = GaussianMixtureModel(n_components=3, n_init=2, random_state=5)
    assert gmm.fit(X) is gmm
    np.testing.assert_array_equal(X, X_copy)
    again = GaussianMixtureModel(n_components=3, n_init=2, random_state=5).fit(X)
    np.testing.assert_array_equal(gmm.means_, again.means_)
    np.testing.assert_array_equal(gmm.fit_predict(X), gmm.predict(X))
    gmm.fit(X[:, :1])
    assert gmm.means_.shape == (3, 1) and gmm.covariances_.shape == (3, 1, 1)


def test_sample_shapes_and_statistics():
    X, _ = make_blobs(400, centers=2, random_state=4)
    gmm = GaussianMixtureModel(n_components=2, random_state=0).fit(X)
    samples, labels = gmm.sample(4000)
    assert samples.shape == (4000, 2) and labels.shape == (4000,)
    np.testing.assert_allclose(np.bincount(labels) / 4000, gmm.weights_, atol=0.03)
    for k in range(2):
        np.testing.assert_allclose(samples[labels == k].mean(axis=0), gmm.means_[k], atol=0.1)
    np.testing.assert_array_equal(gmm.sample(10)[0], gmm.sample(10)[0])


def test_degenerate_data_no_runtime_warning():
    # Duplicate points and a constant feature: reg_covar keeps every covariance invertible.
    X = np.repeat([[0.0, 1.0], [2.0, 1.0], [4.0, 1.0]], 20, axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        gmm = GaussianMixtureModel(n_components=3, random_state=0).fit(X)
    assert np.all(np.isfinite(gmm.score_samples(X)))
    with pytest.raises(ValueError, match="reg_covar"):
        GaussianMixtureModel(n_components=2, reg_covar=0.0, random_state=0).fit(X)


def test_bad_input():
    X = np.zeros((3, 2))
    with pytest.raises(ValueError, match="larger than the number of samples"):
        GaussianMixtureModel(n_components=4).fit(X)
    with pytest.raises(ValueError, match="init_params"):
        GaussianMixtureModel(init_params="kmeans++").fit(X)
    with pytest.raises(ValueError, match="NaN"):
        GaussianMixtureModel().fit([[np.nan, 0.0], [1.0, 1.0]])
    for method in ("predict", "predict_proba", "score_samples"):
        with pytest.raises(NotFittedError):
            getattr(GaussianMixtureModel(), method)(X)
    with pytest.raises(NotFittedError):
        GaussianMixtureModel().sample(3)


def test_non_convergence_warns():
    X, _ = make_blobs(200, centers=3, cluster_std=3.0, random_state=0)
    with pytest.warns(ConvergenceWarning):
        GaussianMixtureModel(n_components=3, max_iter=1, tol=1e-12, random_state=0).fit(X)


def test_iris_components_match_species():
    X, y = load_iris()
    labels = GaussianMixtureModel(n_components=3, n_init=3, random_state=0).fit_predict(X)
    best = max(np.mean(np.array(p)[labels] == y) for p in permutations(range(3)))
    assert best > 0.9  # full covariances separate versicolor/virginica better than k-means


def test_log_likelihood_matches_sklearn():
    mixture = pytest.importorskip("sklearn.mixture")
    X, _ = load_iris()
    ours = GaussianMixtureModel(n_components=3, n_init=3, random_state=0).fit(X)
    theirs = mixture.GaussianMixture(n_components=3, n_init=3, random_state=0).fit(X)
    assert abs(ours.score(X) / theirs.score(X) - 1) < 0.01
    assert ours.bic(X) == pytest.approx(theirs.bic(X), rel=0.01)


def test_mean_log_likelihood_is_the_mean_log_density_at_the_last_e_step():
    # With tol large enough to stop after two iterations, the last E-step used the parameters
    # of the first M-step: refit with max_iter=1 gives exactly those parameters.
    X, _ = make_blobs(200, centers=3, random_state=6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        one = GaussianMixtureModel(n_components=3, max_iter=1, random_state=0).fit(X)
    two = GaussianMixtureModel(n_components=3, max_iter=2, tol=1e6, random_state=0).fit(X)
    assert two.n_iter_ == 2
    assert two.mean_log_likelihood_ == pytest.approx(one.score(X), rel=1e-12)
    assert two.lower_bound_ == two.mean_log_likelihood_
    with pytest.raises(AttributeError):
        GaussianMixtureModel().lower_bound_


def test_labels_are_the_predictions_on_the_training_data():
    X, _ = make_blobs(150, centers=3, random_state=7)
    gmm = GaussianMixtureModel(n_components=3, random_state=0).fit(X)
    np.testing.assert_array_equal(gmm.labels_, gmm.predict(X))
    np.testing.assert_array_equal(GaussianMixtureModel(n_components=3, random_state=0).fit_predict(X), gmm.labels_)


def test_passes_sklearn_check_clustering():
    pytest.importorskip("sklearn")
    from sklearn.base import is_clusterer
    from sklearn.utils.estimator_checks import check_clustering

    # The check sets n_clusters=3 on models that have it; a mixture names it n_components.
    gmm = GaussianMixtureModel(n_components=3)
    assert is_clusterer(gmm)
    check_clustering("GaussianMixtureModel", gmm)
    check_clustering("GaussianMixtureModel", gmm, readonly_memmap=True)


@pytest.mark.parametrize("name, value", [
    ("n_components", 1.5), ("n_components", np.nan), ("tol", np.nan), ("tol", -1.0), ("max_iter", 0),
    ("max_iter", np.inf), ("reg_covar", np.nan), ("reg_covar", np.inf), ("reg_covar", -1e-6), ("n_init", 0),
    ("random_state", -1),
])
def test_bad_hyperparameters_are_named(name, value):
    X, _ = make_blobs(30, centers=2, random_state=0)
    with pytest.raises(ValueError, match=name):
        GaussianMixtureModel(n_components=2).set_params(**{name: value}).fit(X)


def test_uses_the_shared_logsumexp():
    import mlfromscratch.unsupervised_learning.gaussian_mixture_model as module
    from mlfromscratch.utils.numerics import logsumexp

    assert module.logsumexp is logsumexp
    assert not hasattr(module, "_logsumexp")
