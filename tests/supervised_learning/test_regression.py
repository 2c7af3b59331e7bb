import warnings

import numpy as np
import pytest

from mlfromscratch.supervised_learning import (
    ElasticNet,
    LassoRegression,
    LinearRegression,
    PolynomialRegression,
    PolynomialRidgeRegression,
    RidgeRegression,
)
from mlfromscratch.supervised_learning.regression import L1L2Regularization, L1Regularization, L2Regularization
from mlfromscratch.utils import (
    ConvergenceWarning,
    NotFittedError,
    load_temperature,
    mean_squared_error,
    polynomial_features,
    train_test_split,
)
from tests.gradcheck import numerical_gradient, relative_error

ALL_MODELS = [
    LinearRegression,
    PolynomialRegression,
    RidgeRegression,
    LassoRegression,
    PolynomialRidgeRegression,
    ElasticNet,
]


def _data(n_samples=60, n_features=4, seed=0, noise=0.1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    w = rng.standard_normal(n_features)
    y = X @ w + 3.0 + noise * rng.standard_normal(n_samples)
    return X, y


def _poly_design(X_train, X_test, degree):
    """Standardised monomials (no constant), statistics from the training part."""
    P_train = polynomial_features(X_train, degree)[:, 1:]
    mean, std = P_train.mean(axis=0), P_train.std(axis=0)
    return (P_train - mean) / std, (polynomial_features(X_test, degree)[:, 1:] - mean) / std


# --------------------------------------------------------------------------- closed forms


def test_lstsq_matches_numpy_lstsq():
    X, y = _data()
    model = LinearRegression().fit(X, y)
    design = np.column_stack([np.ones(len(X)), X])
    expected = np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(model.intercept_, expected[0], atol=1e-8)
    np.testing.assert_allclose(model.coef_, expected[1:], atol=1e-8)
    np.testing.assert_allclose(model.predict(X), design @ expected, atol=1e-8)


def test_lstsq_without_intercept_matches_numpy_lstsq():
    X, y = _data()
    model = LinearRegression(fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(model.coef_, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-8)
    assert model.intercept_ == 0.0


def test_linear_regression_recovers_exact_line():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = LinearRegression().fit(X, 1.5 - 2.0 * X[:, 0])
    assert model.intercept_ == pytest.approx(1.5)
    assert model.coef_[0] == pytest.approx(-2.0)


@pytest.mark.parametrize("alpha", [0.0, 0.3, 10.0])
def test_ridge_matches_closed_form(alpha):
    X, y = _data()
    model = RidgeRegression(alpha=alpha).fit(X, y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    np.testing.assert_allclose(model.coef_, w, atol=1e-10)
    assert model.intercept_ == pytest.approx(y.mean() - X.mean(axis=0) @ w, abs=1e-10)


def test_ridge_intercept_is_not_penalised():
    # shifting y shifts only the intercept, however strong the penalty
    X, y = _data()
    a = RidgeRegression(alpha=100.0).fit(X, y)
    b = RidgeRegression(alpha=100.0).fit(X, y + 1000.0)
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-10)
    assert b.intercept_ - a.intercept_ == pytest.approx(1000.0)


def test_polynomial_regression_fits_a_polynomial_exactly():
    X = np.linspace(-2, 3, 15)[:, None]
    y = 1.0 - 2.0 * X[:, 0] + 0.5 * X[:, 0] ** 3
    model = PolynomialRegression(degree=3).fit(X, y)
    X_new = np.array([[-1.5], [0.25], [4.0]])
    np.testing.assert_allclose(model.predict(X_new), 1.0 - 2.0 * X_new[:, 0] + 0.5 * X_new[:, 0] ** 3, atol=1e-8)


def test_polynomial_regression_without_intercept_has_no_constant_term():
    X = np.linspace(0.5, 3, 12)[:, None]
    model = PolynomialRegression(degree=3, fit_intercept=False).fit(X, 2 * X[:, 0] - X[:, 0] ** 3)
    assert model.predict([[0.0]])[0] == pytest.approx(0.0, abs=1e-10)
    assert model.predict([[-2.0]])[0] == pytest.approx(4.0, abs=1e-8)
    np.testing.assert_array_equal(model.feature_mean_, 0.0)


def test_polynomial_models_standardise_with_stored_statistics():
    X, y = load_temperature()
    model = PolynomialRidgeRegression(degree=6, alpha=0.1).fit(X, y)
    expanded = polynomial_features(X, 6)[:, 1:]
    np.testing.assert_allclose(model.feature_mean_, expanded.mean(axis=0))
    np.testing.assert_allclose(model.feature_scale_, expanded.std(axis=0))
    # predictions use the training statistics: a row predicts the same alone or in a batch
    one_by_one = np.array([model.predict(X[i : i + 1])[0] for i in range(0, len(X), 50)])
    np.testing.assert_allclose(one_by_one, model.predict(X)[::50], atol=1e-10)
    # and equal ridge on the standardised design built by hand
    Z = (expanded - expanded.mean(axis=0)) / expanded.std(axis=0)
    np.testing.assert_allclose(model.coef_, RidgeRegression(alpha=0.1).fit(Z, y).coef_, atol=1e-8)


# --------------------------------------------------------------------------- gradient descent


def test_gradient_descent_reaches_least_squares():
    # tolerance stated: with tol=1e-10 the coefficients agree with lstsq to 1e-6
    X, y = _data()
    exact = LinearRegression().fit(X, y)
    gd = LinearRegression(solver="gd", max_iter=5000, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(gd.coef_, exact.coef_, atol=1e-6)
    assert gd.intercept_ == pytest.approx(exact.intercept_, abs=1e-6)
    assert np.all(np.diff(gd.training_errors_) <= 1e-12)            # the 1/L step never increases J
    assert gd.n_iter_ == len(gd.training_errors_) < 5000


@pytest.mark.parametrize("model_class, kwargs", [
    (RidgeRegression, {"alpha": 5.0}),
    (PolynomialRidgeRegression, {"alpha": 1.0, "degree": 3}),
])
def test_gradient_descent_reaches_ridge_closed_form(model_class, kwargs):
    X, y = _data(n_features=2)
    exact = model_class(**kwargs).fit(X, y)
    gd = model_class(solver="gd", max_iter=20000, tol=1e-10, **kwargs).fit(X, y)
    np.testing.assert_allclose(gd.coef_, exact.coef_, atol=1e-6)
    np.testing.assert_allclose(gd.predict(X), exact.predict(X), atol=1e-6)


def test_gradient_descent_with_explicit_learning_rate():
    X, y = _data()
    gd = LinearRegression(solver="gd", learning_rate=0.1, max_iter=5000, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(gd.coef_, LinearRegression().fit(X, y).coef_, atol=1e-6)


def test_gradient_descent_divergence_is_an_error():
    X, y = _data()
    with pytest.raises(ValueError, match="diverged"):
        LinearRegression(solver="gd", learning_rate=100.0).fit(X, y)


@pytest.mark.parametrize("model", [
    LinearRegression(solver="gd", max_iter=2),
    LassoRegression(alpha=1e-4, max_iter=1),
    ElasticNet(alpha=1e-4, max_iter=1),
])
def test_not_converging_warns(model):
    X, y = _data(n_features=6)
    X[:, 1] = X[:, 0] + 1e-3 * X[:, 1]                               # correlated columns: slow
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        model.fit(X, y)


# --------------------------------------------------------------------------- lasso and elastic net


def test_lasso_orthogonal_design_is_soft_thresholding():
    # with orthonormal centred columns (x_j . x_j / n = 1) the Lasso solution is S(x_j . y / n, alpha)
    n = 8
    X = np.zeros((n, 2))
    X[:, 0] = [1, -1, 1, -1, 1, -1, 1, -1]
    X[:, 1] = [1, 1, -1, -1, 1, 1, -1, -1]
    y = 3.0 * X[:, 0] - 0.2 * X[:, 1] + 5.0
    model = LassoRegression(alpha=0.5).fit(X, y)
    np.testing.assert_allclose(model.coef_, [2.5, 0.0], atol=1e-12)
    assert model.coef_[1] == 0.0
    assert model.intercept_ == pytest.approx(5.0)


def test_lasso_gives_exact_zeros_and_satisfies_kkt():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((100, 10))
    y = 2 * X[:, 0] - 3 * X[:, 3] + 0.5 * rng.standard_normal(100)
    alpha = 0.1
    model = LassoRegression(alpha=alpha, tol=1e-10, max_iter=10000).fit(X, y)
    zero = model.coef_ == 0.0
    assert zero.sum() >= 5 and not zero[0] and not zero[3]
    Xc = X - X.mean(axis=0)
    correlation = Xc.T @ (y - model.predict(X)) / len(y)            # x_j . r / n
    np.testing.assert_allclose(correlation[~zero], alpha * np.sign(model.coef_[~zero]), atol=1e-6)
    assert np.all(np.abs(correlation[zero]) <= alpha + 1e-6)


def test_elastic_net_satisfies_kkt():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((80, 6))
    y = X[:, 0] - 2 * X[:, 1] + 0.3 * rng.standard_normal(80)
    alpha, l1_ratio = 0.2, 0.7
    model = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=10000).fit(X, y)
    l1, l2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    Xc = X - X.mean(axis=0)
    gradient_free = Xc.T @ (y - model.predict(X)) / len(y) - l2 * model.coef_
    nonzero = model.coef_ != 0
    np.testing.assert_allclose(gradient_free[nonzero], l1 * np.sign(model.coef_[nonzero]), atol=1e-6)
    assert np.all(np.abs(gradient_free[~nonzero]) <= l1 + 1e-6)


def test_lasso_large_alpha_gives_all_zero_weights():
    X, y = _data()
    alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / len(y)
    model = LassoRegression(alpha=alpha_max * 1.01).fit(X, y)
    assert np.all(model.coef_ == 0.0)
    assert model.intercept_ == pytest.approx(y.mean())
    assert not np.all(LassoRegression(alpha=alpha_max * 0.9).fit(X, y).coef_ == 0.0)


def test_elastic_net_with_l1_ratio_one_is_the_lasso():
    X, y = _data()
    a = ElasticNet(alpha=0.05, l1_ratio=1.0, tol=1e-10).fit(X, y)
    b = LassoRegression(alpha=0.05, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-12)


def test_coordinate_descent_objective_decreases():
    X, y = _data(n_features=8)
    model = ElasticNet(alpha=0.01, tol=1e-10).fit(X, y)
    assert np.all(np.diff(model.training_errors_) <= 1e-12)


# --------------------------------------------------------------------------- penalties


@pytest.mark.parametrize("penalty", [L1Regularization(0.7), L2Regularization(0.7), L1L2Regularization(0.7, 0.3)])
def test_regularization_value_and_gradient(penalty):
    w = np.array([0.5, -1.5, 2.0])
    gradient = numerical_gradient(lambda: penalty(w), w)
    assert relative_error(penalty.grad(w), gradient) < 1e-7


def test_regularization_values_by_hand():
    w = np.array([3.0, -4.0])
    assert L1Regularization(2.0)(w) == pytest.approx(14.0)
    assert L2Regularization(2.0)(w) == pytest.approx(25.0)
    assert L1L2Regularization(2.0, 0.5)(w) == pytest.approx(0.5 * 14.0 + 0.5 * 25.0)


# --------------------------------------------------------------------------- invariants


@pytest.mark.parametrize("model_class", ALL_MODELS)
def test_fit_returns_self_and_leaves_input_unchanged(model_class):
    X, y = _data()
    X_copy, y_copy = X.copy(), y.copy()
    model = model_class()
    assert model.fit(X, y) is model
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    assert model.predict(X).shape == (len(X),)
    assert model.n_features_in_ == X.shape[1]


@pytest.mark.parametrize("model_class", ALL_MODELS)
def test_refit_starts_fresh(model_class):
    X1, y1 = _data(seed=1)
    X2, y2 = _data(seed=2)
    refitted = model_class().fit(X1, y1).fit(X2, y2)
    fresh = model_class().fit(X2, y2)
    np.testing.assert_array_equal(refitted.coef_, fresh.coef_)
    assert refitted.intercept_ == fresh.intercept_


def test_switching_solver_removes_iteration_attributes():
    X, y = _data()
    model = RidgeRegression(solver="gd").fit(X, y)
    assert hasattr(model, "n_iter_")
    model.set_params(solver="lstsq").fit(X, y)
    assert not hasattr(model, "n_iter_") and not hasattr(model, "training_errors_")


@pytest.mark.parametrize("model_class", ALL_MODELS)
def test_scaled_data_no_runtime_warning(model_class):
    # pytest.ini turns RuntimeWarnings into errors; x1e6 features and targets must pass
    X, y = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = model_class().fit(X * 1e6, y * 1e6)
        assert np.all(np.isfinite(model.predict(X * 1e6)))
        gd = LinearRegression(solver="gd", max_iter=3000, tol=1e-10).fit(X * 1e6, y)
    np.testing.assert_allclose(gd.predict(X * 1e6), LinearRegression().fit(X, y).predict(X), atol=1e-5)


def test_ordinary_least_squares_is_scale_equivariant():
    X, y = _data()
    np.testing.assert_allclose(
        LinearRegression().fit(X * 1e6, y).predict(X * 1e6), LinearRegression().fit(X, y).predict(X), atol=1e-8
    )


def test_get_params_round_trip():
    model = ElasticNet(alpha=0.3, l1_ratio=0.2)
    assert model.get_params()["l1_ratio"] == 0.2
    assert repr(model) == "ElasticNet(alpha=0.3, l1_ratio=0.2)"
    assert PolynomialRidgeRegression().set_params(degree=4).degree == 4


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("model_class", ALL_MODELS)
def test_bad_input_raises(model_class):
    X, y = _data()
    model = model_class()
    with pytest.raises(NotFittedError):
        model.predict(X)
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        model.fit(X_nan, y)
    y_inf = y.copy()
    y_inf[0] = np.inf
    with pytest.raises(ValueError, match="NaN or infinity"):
        model.fit(X, y_inf)
    with pytest.raises(ValueError, match="2 dimensions"):
        model.fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        model.fit(X, y[:-1])
    model.fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :2])


@pytest.mark.parametrize("model, message", [
    (LinearRegression(solver="sgd"), "unknown solver"),
    (RidgeRegression(alpha=-1.0), "alpha"),
    (LassoRegression(alpha=0.0), "alpha"),
    (ElasticNet(l1_ratio=0.0), "l1_ratio"),
    (ElasticNet(l1_ratio=1.5), "l1_ratio"),
    (PolynomialRegression(degree=0), "degree"),
    (LinearRegression(solver="gd", learning_rate=0.0), "learning_rate"),
    (LinearRegression(max_iter=0), "max_iter"),
    (LassoRegression(tol=-1.0), "tol"),
])
def test_bad_hyperparameters_raise(model, message):
    X, y = _data()
    with pytest.raises(ValueError, match=message):
        model.fit(X, y)


# --------------------------------------------------------------------------- real data


def test_polynomial_ridge_learns_the_temperature_curve():
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    model = PolynomialRidgeRegression(degree=10, alpha=0.01).fit(X_train, y_train)
    mse = mean_squared_error(y_test, model.predict(X_test))
    # the seasonal curve explains most of the variance; what is left is day-to-day weather
    assert mse < 0.25 * np.var(y_test)
    line = LinearRegression().fit(X_train, y_train)
    assert mse < 0.5 * mean_squared_error(y_test, line.predict(X_test))


def test_lasso_selects_few_monomials_on_temperature():
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    Z_train, Z_test = _poly_design(X_train, X_test, 8)
    model = LassoRegression(alpha=0.05, max_iter=5000).fit(Z_train, y_train)
    assert 0 < np.count_nonzero(model.coef_) < 8
    assert mean_squared_error(y_test, model.predict(Z_test)) < 0.25 * np.var(y_test)


# --------------------------------------------------------------------------- scikit-learn


@pytest.mark.parametrize("ours, theirs", [
    (RidgeRegression(alpha=0.5), lambda lm: lm.Ridge(alpha=0.5)),
    (LassoRegression(alpha=0.02, tol=1e-8, max_iter=20000), lambda lm: lm.Lasso(alpha=0.02, tol=1e-8, max_iter=20000)),
    (ElasticNet(alpha=0.02, l1_ratio=0.3, tol=1e-8, max_iter=20000),
     lambda lm: lm.ElasticNet(alpha=0.02, l1_ratio=0.3, tol=1e-8, max_iter=20000)),
], ids=["ridge", "lasso", "elastic_net"])
def test_matches_scikit_learn_on_temperature(ours, theirs):
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    Z_train, Z_test = _poly_design(X_train, X_test, 6)
    reference = theirs(linear_model).fit(Z_train, y_train)
    ours.fit(Z_train, y_train)
    np.testing.assert_allclose(ours.coef_, reference.coef_, atol=1e-4)
    assert ours.intercept_ == pytest.approx(reference.intercept_, abs=1e-4)
    ours_mse = mean_squared_error(y_test, ours.predict(Z_test))
    assert ours_mse == pytest.approx(mean_squared_error(y_test, reference.predict(Z_test)), rel=1e-3)


# ------------------------------------------------------------------- hyperparameters (issue 16) and roles (issue 15)

NUMERIC_HYPERPARAMETERS = [
    (LinearRegression, "learning_rate"), (LinearRegression, "max_iter"), (LinearRegression, "tol"),
    (RidgeRegression, "alpha"), (RidgeRegression, "learning_rate"), (RidgeRegression, "max_iter"),
    (RidgeRegression, "tol"),
    (PolynomialRegression, "degree"), (PolynomialRegression, "learning_rate"), (PolynomialRegression, "max_iter"),
    (PolynomialRegression, "tol"),
    (PolynomialRidgeRegression, "degree"), (PolynomialRidgeRegression, "alpha"),
    (PolynomialRidgeRegression, "learning_rate"), (PolynomialRidgeRegression, "max_iter"),
    (PolynomialRidgeRegression, "tol"),
    (LassoRegression, "alpha"), (LassoRegression, "max_iter"), (LassoRegression, "tol"),
    (ElasticNet, "alpha"), (ElasticNet, "l1_ratio"), (ElasticNet, "max_iter"), (ElasticNet, "tol"),
]


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, -1, "0.5", [1.0]], ids=repr)
@pytest.mark.parametrize("model_class, name", NUMERIC_HYPERPARAMETERS,
                         ids=[f"{c.__name__}-{n}" for c, n in NUMERIC_HYPERPARAMETERS])
def test_numeric_hyperparameters_must_be_finite_numbers_in_range(model_class, name, value):
    # NaN used to pass: ElasticNet(alpha=nan) predicted all NaN. Each check names the parameter.
    X, y = _data()
    params = {name: value}
    if name == "learning_rate":
        params["solver"] = "gd"                                     # only gradient descent reads it
    with pytest.raises(ValueError, match=name):
        model_class(**params).fit(X, y)


@pytest.mark.parametrize("model, name", [
    (LinearRegression(solver="gd", max_iter=2.5), "max_iter"),
    (PolynomialRegression(degree=2.0), "degree"),
    (ElasticNet(alpha=True), "alpha"),
    (ElasticNet(l1_ratio=1.0000001), "l1_ratio"),
])
def test_hyperparameters_of_the_wrong_type_or_just_out_of_range(model, name):
    X, y = _data()
    with pytest.raises(ValueError, match=name):
        model.fit(X, y)


@pytest.mark.parametrize("model_class", ALL_MODELS)
def test_score_is_r2_of_predict(model_class):
    X, y = _data()
    model = model_class().fit(X, y)
    y_pred = model.predict(X)
    r2 = 1 - np.sum((y - y_pred) ** 2) / np.sum((y - y.mean()) ** 2)
    assert model.score(X, y) == pytest.approx(r2)
    assert model._estimator_type == "regressor"


@pytest.mark.parametrize("model", [
    LinearRegression(solver="gd"), RidgeRegression(solver="gd"), PolynomialRegression(solver="gd"),
    PolynomialRidgeRegression(solver="gd"), LassoRegression(alpha=0.01), ElasticNet(alpha=0.01),
], ids=lambda m: type(m).__name__)
def test_iterative_solvers_report_n_iter(model):
    X, y = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    assert isinstance(model.n_iter_, int) and 1 <= model.n_iter_ <= model.max_iter
    assert model.n_iter_ == len(model.training_errors_)
