import warnings

import numpy as np
import pytest
from scipy.stats import t as student_t

from mlfromscratch.supervised_learning import BayesianRegression
from mlfromscratch.utils.data_manipulation import polynomial_features, train_test_split
from mlfromscratch.utils.datasets import load_temperature
from mlfromscratch.utils.validation import NotFittedError


def line_data(n=40, noise=0.5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(n, 1))
    y = 1.0 + 2.0 * X[:, 0] + noise * rng.standard_normal(n)
    return X, y


def test_posterior_matches_closed_form():
    X, y = line_data()
    mu0 = np.array([0.5, -1.0, 0.2])
    omega0 = np.array([[2.0, 0.3, 0.0], [0.3, 1.0, 0.1], [0.0, 0.1, 0.5]])
    nu0, s0 = 3.0, 0.7
    model = BayesianRegression(mu0=mu0, omega0=omega0, nu0=nu0, sigma_sq0=s0, degree=2, n_draws=0)
    model.fit(X, y)
    Phi = polynomial_features(X, 2)
    # Gelman et al. BDA: Omega_n, mu_n, nu_n, nu_n sigma_n^2 in their textbook form
    omega_n = omega0 + Phi.T @ Phi
    mu_n = np.linalg.solve(omega_n, omega0 @ mu0 + Phi.T @ y)
    nu_n = nu0 + len(y)
    sigma_sq_n = (nu0 * s0 + y @ y + mu0 @ omega0 @ mu0 - mu_n @ omega_n @ mu_n) / nu_n
    np.testing.assert_allclose(model.coef_, mu_n, rtol=1e-10)
    np.testing.assert_allclose(model.precision_, omega_n, rtol=1e-10)
    assert model.nu_ == nu_n
    assert model.sigma_sq_ == pytest.approx(sigma_sq_n, rel=1e-9)
    expected_cov = nu_n / (nu_n - 2) * sigma_sq_n * np.linalg.inv(omega_n)
    np.testing.assert_allclose(model.coef_covariance_, expected_cov, rtol=1e-8)
    np.testing.assert_allclose(model.predict(X), Phi @ mu_n, rtol=1e-10)


def test_vague_prior_tends_to_least_squares():
    X, y = line_data()
    Phi = polynomial_features(X, 3)
    ols = np.linalg.lstsq(Phi, y, rcond=None)[0]
    vague = BayesianRegression(omega0=1e-10, degree=3).fit(X, y)
    np.testing.assert_allclose(vague.coef_, ols, rtol=1e-7, atol=1e-9)
    # a strong prior pulls the coefficients towards mu0
    strong = BayesianRegression(omega0=1e4, mu0=[0.0, 5.0, 0.0, 0.0], degree=3).fit(X, y)
    assert abs(strong.coef_[1] - 5.0) < 0.05


def test_draws_follow_the_posterior():
    X, y = line_data()
    model = BayesianRegression(n_draws=20000, random_state=0).fit(X, y)
    assert model.coef_draws_.shape == (20000, 2) and model.sigma_sq_draws_.shape == (20000,)
    assert np.all(model.sigma_sq_draws_ > 0)
    standard_error = np.sqrt(np.diag(model.coef_covariance_) / 20000)
    assert np.all(np.abs(model.coef_draws_.mean(axis=0) - model.coef_) < 4 * standard_error)
    np.testing.assert_allclose(np.cov(model.coef_draws_.T), model.coef_covariance_, rtol=0.05)
    expected_sigma_sq = model.nu_ * model.sigma_sq_ / (model.nu_ - 2)  # mean of Scaled-Inv-chi^2
    assert model.sigma_sq_draws_.mean() == pytest.approx(expected_sigma_sq, rel=0.02)
    # same seed, same draws; another seed, other draws
    again = BayesianRegression(n_draws=20000, random_state=0).fit(X, y)
    np.testing.assert_array_equal(model.coef_draws_, again.coef_draws_)
    other = BayesianRegression(n_draws=20000, random_state=1).fit(X, y)
    assert not np.array_equal(model.coef_draws_, other.coef_draws_)


def test_credible_band_is_the_student_t_predictive():
    X, y = line_data()
    model = BayesianRegression(n_draws=40000, cred_int=90, random_state=0).fit(X, y)
    X_new = np.array([[-3.0], [0.0], [1.0], [4.0]])
    mean, lower, upper = model.predict(X_new, return_interval=True)
    np.testing.assert_allclose((lower + upper) / 2, mean)
    Phi = polynomial_features(X_new, 1)
    leverage = np.einsum("ni,ij,nj->n", Phi, np.linalg.inv(model.precision_), Phi)
    half_width = student_t.ppf(0.95, model.nu_) * np.sqrt(model.sigma_sq_ * (1 + leverage))
    np.testing.assert_allclose(upper - mean, half_width, rtol=1e-8)
    # Monte Carlo check: simulate new observations from the posterior draws
    rng = np.random.default_rng(1)
    simulated = model.coef_draws_ @ Phi.T + np.sqrt(model.sigma_sq_draws_)[:, None] * rng.standard_normal(
        (40000, len(X_new))
    )
    np.testing.assert_allclose(np.quantile(simulated, 0.05, axis=0), lower, atol=0.03 * half_width.max())
    np.testing.assert_allclose(np.quantile(simulated, 0.95, axis=0), upper, atol=0.03 * half_width.max())
    # the band widens away from the data
    assert (upper - lower)[3] > (upper - lower)[2]


def test_credible_band_coverage_near_nominal():
    covered = []
    for seed in range(20):
        X, y = line_data(n=30, seed=seed)
        model = BayesianRegression(omega0=1e-6, random_state=seed).fit(X, y)
        X_new, y_new = line_data(n=200, seed=1000 + seed)
        _, lower, upper = model.predict(X_new, return_interval=True)
        covered.append(np.mean((y_new >= lower) & (y_new <= upper)))
    assert 0.93 <= np.mean(covered) <= 0.97


def test_invariants_and_scaling():
    X, y = line_data()
    X_copy, y_copy = X.copy(), y.copy()
    model = BayesianRegression(degree=2, random_state=0)
    assert model.fit(X, y) is model
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    first = model.coef_.copy()
    model.fit(X[:20], y[:20]).fit(X, y)  # refit starts fresh
    np.testing.assert_allclose(model.coef_, first)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scaled = BayesianRegression(omega0=1e-30, sigma_sq0=1e6).fit(X * 1e6, y * 1e6)
        mean, lower, upper = scaled.predict(X * 1e6, return_interval=True)
    reference = BayesianRegression(omega0=1e-18).fit(X, y)
    np.testing.assert_allclose(mean / 1e6, reference.predict(X), rtol=1e-6)
    assert np.all(lower < mean) and np.all(mean < upper)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"cred_int": 100}, "cred_int"),
        ({"cred_int": 0}, "cred_int"),
        ({"nu0": 0}, "nu0"),
        ({"sigma_sq0": -1.0}, "sigma_sq0"),
        ({"n_draws": -5}, "n_draws"),
        ({"degree": 1.5}, "degree"),
        ({"mu0": [1.0, 2.0, 3.0]}, "mu0 must have shape"),
        ({"omega0": np.eye(3)}, "omega0"),
        ({"omega0": -1.0}, "positive definite"),
        ({"omega0": [[1.0, 2.0], [0.0, 1.0]]}, "symmetric"),
    ],
)
def test_bad_parameters(params, message):
    X, y = line_data()
    with pytest.raises(ValueError, match=message):
        BayesianRegression(**params).fit(X, y)


def test_bad_input_and_unfitted():
    X, y = line_data()
    with pytest.raises(ValueError, match="2 dimensions"):
        BayesianRegression().fit(X[:, 0], y)
    with pytest.raises(ValueError, match="NaN"):
        BayesianRegression().fit(X, np.where(y > 2, np.nan, y))
    with pytest.raises(ValueError, match="inconsistent"):
        BayesianRegression().fit(X, y[:-1])
    with pytest.raises(NotFittedError):
        BayesianRegression().predict(X)
    with pytest.raises(ValueError, match="features"):
        BayesianRegression().fit(X, y).predict(np.ones((3, 2)))


def test_learns_temperature_series():
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    model = BayesianRegression(degree=4, omega0=1e-8, random_state=0).fit(X_train, y_train)
    mean, lower, upper = model.predict(X_test, return_interval=True)
    mse = np.mean((mean - y_test) ** 2)
    assert mse < 15.0  # the seasonal curve; the day-to-day noise variance is about 13
    assert 0.88 <= np.mean((y_test >= lower) & (y_test <= upper)) <= 1.0
    ols = np.linalg.lstsq(polynomial_features(X_train, 4), y_train, rcond=None)[0]
    ols_mse = np.mean((polynomial_features(X_test, 4) @ ols - y_test) ** 2)
    assert mse == pytest.approx(ols_mse, rel=0.01)


# ------------------------------------------------------------------- hyperparameters (issue 16) and role (issue 15)


@pytest.mark.parametrize("name", ["n_draws", "degree", "nu0", "sigma_sq0", "cred_int"])
@pytest.mark.parametrize("value", [np.nan, np.inf, -1, "2"], ids=repr)
def test_numeric_hyperparameters_must_be_finite_numbers_in_range(name, value):
    X, y = line_data()
    with pytest.raises(ValueError, match=name):
        BayesianRegression(**{name: value}).fit(X, y)


@pytest.mark.parametrize("params", [{"cred_int": 100}, {"n_draws": 2.5}, {"degree": True}], ids=repr)
def test_hyperparameters_at_the_edge_of_their_range(params):
    X, y = line_data()
    with pytest.raises(ValueError, match=next(iter(params))):
        BayesianRegression(**params).fit(X, y)


@pytest.mark.parametrize("params", [{"mu0": np.nan}, {"omega0": np.inf}, {"omega0": [np.nan, 1.0]}], ids=repr)
def test_prior_arrays_must_be_finite(params):
    X, y = line_data()
    with pytest.raises(ValueError, match="finite"):
        BayesianRegression(**params).fit(X, y)


@pytest.mark.parametrize("random_state", ["abc", -1, 1.5])
def test_bad_random_state_is_named(random_state):
    X, y = line_data()
    with pytest.raises(ValueError, match="random_state"):
        BayesianRegression(random_state=random_state).fit(X, y)


def test_score_is_r2_of_the_posterior_mean():
    X, y = line_data()
    model = BayesianRegression(n_draws=0).fit(X, y)
    y_pred = model.predict(X)
    assert model.score(X, y) == pytest.approx(1 - np.sum((y - y_pred) ** 2) / np.sum((y - y.mean()) ** 2))
    assert model._estimator_type == "regressor"


@pytest.mark.parametrize("name", ["mu0", "omega0"])
def test_non_numeric_prior_is_named(name):
    X = np.linspace(0, 1, 10)[:, None]
    with pytest.raises(ValueError, match=name):
        BayesianRegression(n_draws=0, **{name: "abc"}).fit(X, X[:, 0])
