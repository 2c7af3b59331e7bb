import numpy as np
import pytest

from mlfromscratch.supervised_learning import GaussianProcessRegression
from mlfromscratch.supervised_learning.gaussian_process import _log_marginal_likelihood
from mlfromscratch.utils import load_temperature


def _data(seed=0, n=25):
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 6, (n, 1))
    y = np.sin(X).ravel() + 0.1 * rng.standard_normal(n)
    return X, y


def test_interpolates_without_noise_and_reverts_to_the_prior_far_away():
    X = np.array([[0.0], [1.0], [2.5]])
    y = np.array([1.0, -1.0, 0.5])
    gp = GaussianProcessRegression(noise_variance=1e-10, optimize=False, normalize_y=False).fit(X, y)
    mean, std = gp.predict(X, return_std=True)
    np.testing.assert_allclose(mean, y, atol=1e-6)
    np.testing.assert_allclose(std, 0.0, atol=1e-4)
    far_mean, far_std = gp.predict(np.array([[50.0]]), return_std=True)
    np.testing.assert_allclose([far_mean[0], far_std[0]], [0.0, 1.0], atol=1e-8)   # prior: mean 0, sigma_f = 1


def test_posterior_matches_the_closed_form_on_two_points():
    """Two points, unit length scale: the posterior mean and variance by hand."""
    X = np.array([[0.0], [1.0]])
    y = np.array([1.0, 2.0])
    noise = 0.5
    gp = GaussianProcessRegression(noise_variance=noise, optimize=False, normalize_y=False).fit(X, y)
    k01 = np.exp(-0.5)
    K = np.array([[1 + noise, k01], [k01, 1 + noise]])
    k_star = np.exp(-0.5 * (X.ravel() - 0.5) ** 2)
    mean, std = gp.predict(np.array([[0.5]]), return_std=True)
    np.testing.assert_allclose(mean[0], k_star @ np.linalg.solve(K, y))
    np.testing.assert_allclose(std[0] ** 2, 1 - k_star @ np.linalg.solve(K, k_star))
    expected_lml = -0.5 * y @ np.linalg.solve(K, y) - 0.5 * np.log(np.linalg.det(K)) - np.log(2 * np.pi)
    np.testing.assert_allclose(gp.log_marginal_likelihood_value_, expected_lml)


def test_marginal_likelihood_gradient_matches_finite_differences():
    X, y = _data()
    theta = np.array([0.8, 1.3, 0.05])
    _, gradient, _, _ = _log_marginal_likelihood(X, y, *theta)
    h = 1e-6
    numeric = []
    for j in range(3):
        up, down = np.log(theta).copy(), np.log(theta).copy()
        up[j] += h
        down[j] -= h
        numeric.append((_log_marginal_likelihood(X, y, *np.exp(up))[0]
                        - _log_marginal_likelihood(X, y, *np.exp(down))[0]) / (2 * h))
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-7)


def test_fitting_the_hyperparameters_raises_the_marginal_likelihood():
    X, y = _data(seed=1)
    fixed = GaussianProcessRegression(length_scale=10.0, noise_variance=1.0, optimize=False).fit(X, y)
    fitted = GaussianProcessRegression(length_scale=10.0, noise_variance=1.0, random_state=0).fit(X, y)
    assert fitted.log_marginal_likelihood_value_ > fixed.log_marginal_likelihood_value_ + 5
    assert 0.3 < fitted.length_scale_ < 3.0                   # sin varies on a scale of ~1
    assert fitted.log_marginal_likelihood(fitted.length_scale_, fitted.signal_variance_, fitted.noise_variance_) \
        == pytest.approx(fitted.log_marginal_likelihood_value_)


def test_bad_hyperparameters_are_named():
    X, y = _data()
    for name, value in (("length_scale", 0.0), ("noise_variance", np.nan), ("signal_variance", -1.0),
                        ("n_restarts", 1.5)):
        with pytest.raises(ValueError, match=name):
            GaussianProcessRegression(**{name: value}).fit(X, y)


def test_credible_band_covers_the_held_out_temperatures():
    X, y = load_temperature()
    rng = np.random.default_rng(0)
    test = rng.permutation(len(X))[:100]
    train = np.setdiff1d(np.arange(len(X)), test)
    gp = GaussianProcessRegression(length_scale=0.1, random_state=0).fit(X[train], y[train])
    mean, std = gp.predict(X[test], return_std=True)
    noisy_std = np.sqrt(std**2 + gp.noise_variance_ * gp.y_std_**2)
    coverage = np.mean(np.abs(y[test] - mean) <= 1.96 * noisy_std)
    assert 0.85 < coverage <= 1.0
    assert np.mean((y[test] - mean) ** 2) < 12.0              # polynomial regression: 12.3


def test_matches_scikit_learn():
    gaussian_process = pytest.importorskip("sklearn.gaussian_process")
    kernels = pytest.importorskip("sklearn.gaussian_process.kernels")
    X, y = _data(seed=2)
    X_new = np.linspace(-1, 7, 30).reshape(-1, 1)
    kernel = kernels.ConstantKernel(1.3) * kernels.RBF(0.7) + kernels.WhiteKernel(0.05)
    theirs = gaussian_process.GaussianProcessRegressor(kernel, optimizer=None, normalize_y=True).fit(X, y)
    ours = GaussianProcessRegression(length_scale=0.7, signal_variance=1.3, noise_variance=0.05,
                                     optimize=False).fit(X, y)
    np.testing.assert_allclose(ours.log_marginal_likelihood_value_, theirs.log_marginal_likelihood_value_)
    mean, std = ours.predict(X_new, return_std=True)
    their_mean, their_std = theirs.predict(X_new, return_std=True)          # includes the white noise
    np.testing.assert_allclose(mean, their_mean, atol=1e-10)
    np.testing.assert_allclose(np.sqrt(std**2 + ours.noise_variance_ * ours.y_std_**2), their_std, rtol=1e-8)
    # fitted from the same start, both reach the same optimum
    fitted = gaussian_process.GaussianProcessRegressor(kernel, normalize_y=True, random_state=0).fit(X, y)
    ours_fitted = GaussianProcessRegression(length_scale=0.7, signal_variance=1.3, noise_variance=0.05,
                                            random_state=0).fit(X, y)
    assert ours_fitted.log_marginal_likelihood_value_ >= fitted.log_marginal_likelihood_value_ - 1e-3
