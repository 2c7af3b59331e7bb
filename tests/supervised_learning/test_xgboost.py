import numpy as np
import pytest

from mlfromscratch.supervised_learning import XGBoost, XGBoostRegressor
from mlfromscratch.utils import (
    NotFittedError,
    accuracy_score,
    k_fold_cross_validation_sets,
    load_breast_cancer,
    load_digits,
    load_iris,
    load_temperature,
    mean_squared_error,
    train_test_split,
)

X_LINE = np.array([[0.0], [1.0], [2.0], [3.0]])


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --------------------------------------------------------------------------- hand-computed


def test_binary_leaf_weights_are_minus_g_over_h_plus_lambda():
    y = np.array([0, 1, 1, 1])
    model = XGBoost(n_estimators=1, learning_rate=1.0, max_depth=0, reg_lambda=2.0, base_score=0.5).fit(X_LINE, y)
    # margin 0, p = 1/2: g = p - y = (1/2, -1/2, -1/2, -1/2), h = p (1 - p) = 1/4
    weight = -(0.5 - 1.5) / (4 * 0.25 + 2.0)
    np.testing.assert_allclose(model.predict_proba(X_LINE)[:, 1], _sigmoid(weight))
    # without base_score the margin starts at the log-odds of the prior, log 3
    prior = XGBoost(n_estimators=1, max_depth=0).fit(X_LINE, y)
    assert prior.base_margin_[0] == pytest.approx(np.log(3))


def test_two_rounds_follow_the_newton_updates():
    y = np.array([0, 0, 1, 1])
    model = XGBoost(n_estimators=2, learning_rate=0.5, max_depth=1, reg_lambda=1.0, min_child_weight=0).fit(X_LINE, y)
    F = np.zeros(4)  # log-odds of 1/2
    for _ in range(2):
        p = _sigmoid(F)
        g, h = p - y, p * (1 - p)
        left = X_LINE[:, 0] <= 1.5
        w_left = -g[left].sum() / (h[left].sum() + 1.0)
        w_right = -g[~left].sum() / (h[~left].sum() + 1.0)
        F = F + 0.5 * np.where(left, w_left, w_right)
    np.testing.assert_allclose(model.predict_proba(X_LINE)[:, 1], _sigmoid(F))
    p = _sigmoid(F)
    assert model.train_score_[-1] == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def test_softmax_gradients_and_hessians():
    X = np.array([[0.0], [1.0], [2.0]])
    binary = XGBoost(n_estimators=1, learning_rate=1.0, max_depth=0).fit(X, ["a", "b", "b"])
    assert binary.base_margin_[0] == pytest.approx(np.log(2))  # log-odds of 2/3
    # at the prior G = sum (p - y) = 0, so the root weight is 0 and nothing moves
    np.testing.assert_allclose(binary.predict_proba(X), [[1 / 3, 2 / 3]] * 3)
    three = XGBoost(n_estimators=1, learning_rate=1.0, max_depth=0).fit(X, [0, 1, 2])
    np.testing.assert_allclose(three.base_margin_, np.log([1 / 3] * 3))  # log prior per class
    np.testing.assert_allclose(three.predict_proba(X), 1 / 3)
    split = XGBoost(n_estimators=1, learning_rate=1.0, max_depth=1, reg_lambda=1.0, min_child_weight=0)
    split.fit(X, [0, 1, 2])
    # class 0: g = (-2/3, 1/3, 1/3), h = 2/9 each; leaf {x0}: 2/3 / (2/9 + 1) = 6/11
    F = split.predict_proba(X)
    assert np.argmax(F, axis=1).tolist() == [0, 1, 2]
    tree = split.estimators_[0, 0]
    np.testing.assert_allclose(tree.predict(X[:1]), 6 / 11)  # the weight of x0's leaf


def test_regressor_leaves_are_shrunken_mean_residuals():
    y = np.array([1.0, 1.0, 5.0, 7.0])
    model = XGBoostRegressor(n_estimators=1, learning_rate=1.0, max_depth=1, reg_lambda=1.0).fit(X_LINE, y)
    assert model.base_margin_[0] == pytest.approx(3.5)
    # residuals (-2.5, -2.5, 1.5, 3.5); split at 1.5: sum / (n + lambda) = -5/3 and 5/3
    np.testing.assert_allclose(model.predict(X_LINE), 3.5 + np.array([-5, -5, 5, 5]) / 3)
    exact = XGBoostRegressor(n_estimators=1, learning_rate=1.0, max_depth=None, reg_lambda=0.0, min_child_weight=0)
    exact.fit(X_LINE, y)
    np.testing.assert_allclose(exact.predict(X_LINE), y)


def test_gamma_and_min_child_weight_prune():
    X, y = load_breast_cancer()
    stumps = XGBoost(n_estimators=3, gamma=1e6).fit(X, y)
    assert all(tree.get_n_leaves() == 1 for tree in stumps.estimators_.ravel())
    heavy = XGBoost(n_estimators=3, min_child_weight=1e6).fit(X, y)
    assert all(tree.get_n_leaves() == 1 for tree in heavy.estimators_.ravel())
    free = XGBoost(n_estimators=3).fit(X, y)
    assert all(tree.get_n_leaves() > 1 for tree in free.estimators_.ravel())


# --------------------------------------------------------------------------- invariants


def test_invariants_and_sampling():
    X, y = load_breast_cancer()
    X_copy, y_copy = X.copy(), y.copy()
    params = dict(n_estimators=5, max_depth=3, subsample=0.7, colsample_bytree=0.5, random_state=0)
    model = XGBoost(**params)
    assert model.fit(X, y) is model
    assert model.estimator_features_.shape == (5, 15)
    first = model.predict_proba(X)
    np.testing.assert_array_equal(XGBoost(**params).fit(X, y).predict_proba(X), first)
    assert not np.array_equal(XGBoost(**{**params, "random_state": 1}).fit(X, y).predict_proba(X), first)
    labels = np.array(["malignant", "benign"])[y]
    np.testing.assert_allclose(XGBoost(**params).fit(X, labels).predict_proba(X)[:, ::-1], first)
    assert np.all(np.diff(XGBoost(n_estimators=10, max_depth=3).fit(X, y).train_score_) < 0)
    model.fit(X[:, :6], y)
    assert model.n_features_in_ == 6
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_one_class_and_constant_features():
    X = np.random.default_rng(0).normal(size=(10, 2))
    model = XGBoost(n_estimators=2).fit(X, ["only"] * 10)
    assert list(model.predict(X[:2])) == ["only", "only"]
    constant = XGBoost(n_estimators=2).fit(np.ones((6, 2)), [0, 1, 1, 1, 0, 1])
    np.testing.assert_array_equal(constant.predict(np.ones((2, 2))), [1, 1])


def test_bad_input_and_not_fitted():
    X, y = load_iris()
    for model in (XGBoost(), XGBoostRegressor()):
        with pytest.raises(NotFittedError):
            model.predict(X)
    for params, match in [
        ({"subsample": 0}, "subsample"),
        ({"colsample_bytree": 1.5}, "colsample_bytree"),
        ({"reg_lambda": -1}, "reg_lambda"),
        ({"gamma": -1}, "gamma"),
        ({"max_depth": -1}, "max_depth"),
        ({"learning_rate": 0}, "learning_rate"),
    ]:
        with pytest.raises(ValueError, match=match):
            XGBoost(n_estimators=2, **params).fit(X, y)
    with pytest.raises(ValueError, match="base_score"):
        XGBoost(base_score=1.5).fit(X[:100], y[:100])
    with pytest.raises(ValueError, match="NaN"):
        XGBoostRegressor().fit(np.full((3, 1), np.nan), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="at least 1 sample"):
        XGBoost().fit(np.empty((0, 2)), [])
    model = XGBoost(n_estimators=2).fit(X, y)
    with pytest.raises(ValueError, match="4 features"):
        model.predict(X[:, :2])


def test_decision_function_stages_and_score():
    X, y = load_breast_cancer()
    model = XGBoost(n_estimators=4, max_depth=2, random_state=0).fit(X, y)
    assert model.n_estimators_ == 4
    margins = model.decision_function(X)
    assert margins.shape == (len(X),)
    np.testing.assert_allclose(model.predict_proba(X)[:, 1], _sigmoid(margins))
    stages = list(model.staged_predict_proba(X))
    assert len(stages) == 4 and not np.allclose(stages[0], stages[-1])
    np.testing.assert_allclose(stages[-1], model.predict_proba(X))
    assert model.score(X, y) == pytest.approx(accuracy_score(y, model.predict(X)))
    X, y = load_iris()
    three = XGBoost(n_estimators=3, max_depth=2).fit(X, y)
    np.testing.assert_array_equal(np.argmax(three.decision_function(X), axis=1), three.predict(X))
    regressor = XGBoostRegressor(n_estimators=3, max_depth=2).fit(X, y.astype(float))
    stages = list(regressor.staged_predict(X))
    assert not np.allclose(stages[0], stages[-1])
    np.testing.assert_array_equal(stages[-1], regressor.predict(X))
    assert regressor.n_estimators_ == 3


BAD_SETTINGS = [
    ("n_estimators", 0),
    ("n_estimators", 2.5),
    ("learning_rate", np.nan),
    ("learning_rate", np.inf),
    ("learning_rate", -0.3),
    ("max_depth", -1),
    ("max_depth", np.nan),
    ("reg_lambda", -1.0),
    ("reg_lambda", np.nan),
    ("reg_lambda", np.inf),
    ("gamma", -1.0),
    ("gamma", np.nan),
    ("min_child_weight", -1.0),
    ("min_child_weight", np.nan),
    ("subsample", 0.0),
    ("subsample", 1.5),
    ("colsample_bytree", 0.0),
    ("colsample_bytree", np.nan),
    ("base_score", np.nan),
    ("base_score", np.inf),
    ("random_state", -1),
]


@pytest.mark.parametrize("Model", [XGBoost, XGBoostRegressor])
@pytest.mark.parametrize("param, value", BAD_SETTINGS)
def test_hyperparameters_are_checked_by_the_ensemble(Model, param, value):
    # the error names the ensemble the user called, not one of its trees
    X, y = load_breast_cancer()
    with pytest.raises(ValueError, match=f"^{Model.__name__}: .*{param}"):
        Model(**{"n_estimators": 2, param: value}).fit(X, y)


@pytest.mark.parametrize("base_score", [0.0, 1.0, -0.5])
def test_classifier_base_score_is_a_probability(base_score):
    X, y = load_breast_cancer()
    with pytest.raises(ValueError, match="^XGBoost: base_score"):
        XGBoost(n_estimators=2, base_score=base_score).fit(X, y)


# --------------------------------------------------------------------------- real data


def test_learns_breast_cancer_digits_and_temperature():
    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    assert accuracy_score(y_test, XGBoost(n_estimators=30, random_state=0).fit(X_train, y_train).predict(X_test)) > 0.94
    X, y = load_digits()
    X, y = X[:600], y[:600]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    model = XGBoost(n_estimators=5, max_depth=4, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.85
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    model = XGBoostRegressor(n_estimators=50, learning_rate=0.1, max_depth=3, random_state=0).fit(X_train, y_train)
    assert mean_squared_error(y_test, model.predict(X_test)) < 0.15 * np.var(y_test)


# --------------------------------------------------------------------------- scikit-learn


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_within_two_points_of_scikit_learn_histogram_boosting(loader):
    # scikit-learn has no XGBoost; its HistGradientBoosting is the closest (second order, L2 on leaves)
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = loader()
    n_estimators = 30
    if loader is load_digits:
        X, y, n_estimators = X[:600], y[:600], 5
    ours, theirs = 0, 0
    for X_train, X_test, y_train, y_test in k_fold_cross_validation_sets(X, y, 3, random_state=0):
        model = XGBoost(n_estimators=n_estimators, learning_rate=0.3, max_depth=4, reg_lambda=1.0, random_state=0)
        reference = ensemble.HistGradientBoostingClassifier(
            max_iter=n_estimators, learning_rate=0.3, max_depth=4, l2_regularization=1.0, early_stopping=False
        )
        ours += np.sum(model.fit(X_train, y_train).predict(X_test) == y_test)
        theirs += np.sum(reference.fit(X_train, y_train).predict(X_test) == y_test)
    assert ours / len(y) >= theirs / len(y) - 0.02


def test_regressor_within_ten_percent_of_scikit_learn():
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    params = dict(learning_rate=0.1, max_depth=3)
    ours = XGBoostRegressor(n_estimators=100, reg_lambda=1.0, **params).fit(X_train, y_train)
    theirs = ensemble.HistGradientBoostingRegressor(max_iter=100, l2_regularization=1.0, early_stopping=False, **params)
    theirs.fit(X_train, y_train)
    assert mean_squared_error(y_test, ours.predict(X_test)) <= 1.1 * mean_squared_error(y_test, theirs.predict(X_test))
