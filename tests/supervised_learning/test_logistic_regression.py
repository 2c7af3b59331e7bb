import warnings

import numpy as np
import pytest

from mlfromscratch.supervised_learning import LogisticRegression
from mlfromscratch.utils import (
    ConvergenceWarning,
    NotFittedError,
    accuracy_score,
    load_breast_cancer,
    load_digits,
    load_iris,
    make_blobs,
    train_test_split,
)


def _standardised_split(loader, test_size=0.3, seed=0):
    X, y = loader()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def _blobs(n_classes=3, seed=0):
    X, y = make_blobs(n_samples=150, centers=n_classes, cluster_std=2.5, random_state=seed)
    return X, y


def _gradient(model, X, y):
    """Gradient of the penalised mean log-loss at the fitted parameters, for W and b."""
    proba = model.predict_proba(X)
    Y = (y[:, None] == model.classes_[None, :]).astype(float)
    if len(model.classes_) == 2:
        residual = (proba[:, 1] - Y[:, 1])[:, None]                # (n, 1)
    else:
        residual = proba - Y                                       # (n, n_classes)
    l2 = 1.0 / (model.C * len(X))
    return X.T @ residual / len(X) + l2 * model.coef_.T, residual.mean(axis=0)


# --------------------------------------------------------------------------- closed form / optimality


@pytest.mark.parametrize("solver", ["newton", "gd"])
def test_unpenalised_binary_matches_hand_computed_mle(solver):
    # at x = -1: 1 of 4 labels is 1; at x = +1: 3 of 4. The MLE gives p = 1/4 and 3/4,
    # i.e. b = 0 and w = log 3.
    X = np.array([[-1.0]] * 4 + [[1.0]] * 4)
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    model = LogisticRegression(C=np.inf, solver=solver, max_iter=5000, tol=1e-10).fit(X, y)
    assert model.coef_.shape == (1, 1) and model.intercept_.shape == (1,)
    assert model.coef_[0, 0] == pytest.approx(np.log(3.0), abs=1e-6)
    assert model.intercept_[0] == pytest.approx(0.0, abs=1e-6)
    np.testing.assert_allclose(model.predict_proba([[-1.0], [1.0]])[:, 1], [0.25, 0.75], atol=1e-6)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("solver", ["newton", "gd"])
def test_fit_reaches_a_stationary_point(n_classes, solver):
    X, y = _blobs(n_classes)
    model = LogisticRegression(C=0.05, solver=solver, max_iter=5000, tol=1e-9).fit(X, y)
    grad_W, grad_b = _gradient(model, X, y)
    assert np.max(np.abs(grad_W)) < 1e-7
    assert np.max(np.abs(grad_b)) < 1e-7


@pytest.mark.parametrize("n_classes", [2, 3])
def test_newton_and_gradient_descent_agree(n_classes):
    # tolerance stated: with tol=1e-9 both solvers agree on the weights to 1e-5
    X, y = _blobs(n_classes)
    newton = LogisticRegression(C=0.05, solver="newton", tol=1e-9).fit(X, y)
    gd = LogisticRegression(C=0.05, solver="gd", max_iter=5000, tol=1e-9).fit(X, y)
    np.testing.assert_allclose(gd.coef_, newton.coef_, atol=1e-5)
    np.testing.assert_allclose(gd.predict_proba(X), newton.predict_proba(X), atol=1e-6)
    assert newton.n_iter_ < 30 < gd.n_iter_


def test_intercept_is_not_penalised():
    # shifting the features changes only the intercept, even with a strong penalty
    X, y = _blobs(2)
    a = LogisticRegression(C=0.01, tol=1e-10).fit(X, y)
    b = LogisticRegression(C=0.01, tol=1e-10).fit(X + 100.0, y)
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-8)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X + 100.0), atol=1e-8)


def test_without_intercept():
    X, y = _blobs(3)
    model = LogisticRegression(fit_intercept=False).fit(X, y)
    assert np.all(model.intercept_ == 0.0)
    grad_W, _ = _gradient(model, X, y)
    assert np.max(np.abs(grad_W)) < 1e-3


def test_training_errors_decrease():
    X, y = _blobs(3)
    for solver in ["newton", "gd"]:
        model = LogisticRegression(solver=solver, max_iter=300, tol=0.0)
        with pytest.warns(ConvergenceWarning):
            model.fit(X, y)
        assert np.all(np.diff(model.training_errors_) <= 1e-12)
        assert model.n_iter_ == len(model.training_errors_)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_failed_line_search_keeps_the_parameters_and_stops(n_classes):
    # Unpenalised with tol=0, Newton reaches the optimum to rounding precision within
    # about 50 iterations; there no halving of the step decreases J enough, so the fit
    # must stop with a ConvergenceWarning and return the last accepted iterate (the old
    # code applied a step of 2^-39 and went on until max_iter).
    X, y = _blobs(n_classes)
    with pytest.warns(ConvergenceWarning, match="line search"):
        model = LogisticRegression(C=np.inf, tol=0.0, max_iter=60).fit(X, y)
    assert model.n_iter_ < 60
    # the returned parameters are the last evaluated iterate: their objective is J's last entry
    log_proba = model.predict_log_proba(X)
    loss = -np.mean(log_proba[np.arange(len(y)), np.searchsorted(model.classes_, y)])
    objective = loss + 0.5 / (model.C * len(X)) * np.sum(model.coef_**2)
    assert objective == pytest.approx(model.training_errors_[-1], rel=1e-12, abs=1e-15)
    assert np.all(np.diff(model.training_errors_) <= 0)


# --------------------------------------------------------------------------- probabilities


@pytest.mark.parametrize("n_classes", [2, 3])
def test_probabilities_are_consistent(n_classes):
    X, y = _blobs(n_classes)
    model = LogisticRegression().fit(X, y)
    proba = model.predict_proba(X)
    assert proba.shape == (len(X), n_classes)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(np.exp(model.predict_log_proba(X)), proba, atol=1e-12)
    np.testing.assert_array_equal(model.predict(X), model.classes_[np.argmax(proba, axis=1)])
    scores = model.decision_function(X)
    assert scores.shape == ((len(X),) if n_classes == 2 else (len(X), n_classes))


def test_extreme_scores_give_finite_log_probabilities():
    X, y = _blobs(2)
    model = LogisticRegression().fit(X, y)
    far = np.array([[1e8, 1e8], [-1e8, -1e8]])
    log_proba = model.predict_log_proba(far)
    assert np.all(np.isfinite(log_proba)) and np.all(log_proba <= 0)
    np.testing.assert_allclose(model.predict_proba(far).sum(axis=1), 1.0)


# --------------------------------------------------------------------------- invariants


def test_string_and_non_contiguous_labels_round_trip():
    X, y = _blobs(3)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    model = LogisticRegression().fit(X, names)
    assert set(model.predict(X)) <= set(names)
    np.testing.assert_array_equal(model.classes_, ["setosa", "versicolor", "virginica"])
    numeric = LogisticRegression().fit(X, np.array([10, 20, 40])[y])
    np.testing.assert_array_equal(np.array([10, 20, 40])[np.searchsorted(model.classes_, model.predict(X))],
                                  numeric.predict(X))


def test_fit_returns_self_refits_cleanly_and_leaves_input_unchanged():
    X, y = _blobs(3)
    X_copy, y_copy = X.copy(), y.copy()
    model = LogisticRegression()
    assert model.fit(X, y) is model
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    X2, y2 = _blobs(2, seed=5)
    refitted = model.fit(X2, y2)
    fresh = LogisticRegression().fit(X2, y2)
    np.testing.assert_array_equal(refitted.coef_, fresh.coef_)
    np.testing.assert_array_equal(refitted.classes_, [0, 1])


def test_scaled_data_no_runtime_warning():
    X, y = _blobs(3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for solver in ["newton", "gd"]:
            model = LogisticRegression(solver=solver, max_iter=300).fit(X * 1e6, y)
            assert accuracy_score(y, model.predict(X * 1e6)) > 0.8
            assert np.all(np.isfinite(model.predict_proba(X * 1e6)))


def test_separable_unpenalised_data_stays_finite():
    # the unpenalised optimum is at infinity; the gradient vanishes on the way, the fit stops finite
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(C=np.inf).fit(X, [0, 0, 1, 1])
    assert np.all(np.isfinite(model.coef_)) and model.coef_[0, 0] > 5
    assert np.all(np.isfinite(model.predict_log_proba(X)))
    np.testing.assert_array_equal(model.predict(X), [0, 0, 1, 1])


# --------------------------------------------------------------------------- bad input


def test_bad_input_raises():
    X, y = _blobs(3)
    model = LogisticRegression()
    with pytest.raises(NotFittedError):
        model.predict(X)
    with pytest.raises(ValueError, match="at least 2 classes"):
        model.fit(X, np.zeros(len(X)))
    X_nan = X.copy()
    X_nan[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        model.fit(X_nan, y)
    with pytest.raises(ValueError, match="2 dimensions"):
        model.fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent"):
        model.fit(X, y[:-1])
    with pytest.raises(ValueError, match="continuous"):
        model.fit(X, y + 0.5)
    model.fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :1])


@pytest.mark.parametrize("params, message", [
    ({"C": 0.0}, "C"),
    ({"solver": "lbfgs"}, "unknown solver"),
    ({"learning_rate": -1.0, "solver": "gd"}, "learning_rate"),
    ({"max_iter": 0}, "max_iter"),
])
def test_bad_hyperparameters_raise(params, message):
    X, y = _blobs(2)
    with pytest.raises(ValueError, match=message):
        LogisticRegression(**params).fit(X, y)


@pytest.mark.parametrize("name, value", [
    ("C", np.nan), ("C", -1.0), ("C", -np.inf), ("C", "1"),
    ("learning_rate", np.nan), ("learning_rate", np.inf), ("learning_rate", -1.0), ("learning_rate", "0.1"),
    ("max_iter", np.nan), ("max_iter", np.inf), ("max_iter", -1), ("max_iter", 10.5), ("max_iter", True),
    ("tol", np.nan), ("tol", np.inf), ("tol", -1.0), ("tol", None),
])
def test_hyperparameters_must_be_finite_numbers_in_range(name, value):
    # NaN used to pass (C=nan predicted a single class); every check names the parameter
    X, y = _blobs(2)
    for solver in ("newton", "gd"):
        with pytest.raises(ValueError, match=name):
            LogisticRegression(solver=solver, **{name: value}).fit(X, y)


def test_infinite_C_is_the_documented_no_penalty():
    X, y = _blobs(2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        assert np.all(np.isfinite(LogisticRegression(C=np.inf).fit(X, y).coef_))


def test_too_large_learning_rate_is_reported():
    X, y = _blobs(2)
    with pytest.raises(ValueError, match="diverged"):
        LogisticRegression(solver="gd", C=1e-3, learning_rate=1e5, max_iter=200).fit(X, y)


# --------------------------------------------------------------------------- real data


def test_learns_breast_cancer():
    X_train, X_test, y_train, y_test = _standardised_split(load_breast_cancer)
    model = LogisticRegression().fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.95


def test_learns_digits_multinomial():
    X_train, X_test, y_train, y_test = _standardised_split(load_digits)
    model = LogisticRegression(C=0.1).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.93


# --------------------------------------------------------------------------- scikit-learn


@pytest.mark.parametrize("loader", [load_breast_cancer, load_iris], ids=["binary", "multinomial"])
def test_matches_scikit_learn(loader):
    linear_model = pytest.importorskip("sklearn.linear_model")
    X_train, X_test, y_train, y_test = _standardised_split(loader)
    ours = LogisticRegression(C=0.5, tol=1e-8).fit(X_train, y_train)
    theirs = linear_model.LogisticRegression(C=0.5, tol=1e-10, max_iter=10000).fit(X_train, y_train)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-4)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-5)
    assert accuracy_score(y_test, ours.predict(X_test)) == accuracy_score(y_test, theirs.predict(X_test))
