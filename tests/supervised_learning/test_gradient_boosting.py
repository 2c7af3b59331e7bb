import numpy as np
import pytest

from mlfromscratch.supervised_learning import GradientBoostingClassifier, GradientBoostingRegressor
from mlfromscratch.supervised_learning.gradient_boosting import _newton_leaf_values
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


# --------------------------------------------------------------------------- hand-computed


def test_regressor_starts_from_the_mean_and_fits_residuals():
    y = np.array([1.0, 1.0, 5.0, 7.0])
    model = GradientBoostingRegressor(n_estimators=2, learning_rate=0.5, max_depth=1).fit(X_LINE, y)
    assert model.init_[0] == pytest.approx(3.5)
    # stage 1: residuals (-2.5, -2.5, 1.5, 3.5), split at 1.5, leaf means -2.5 and 2.5
    F1 = 3.5 + 0.5 * np.array([-2.5, -2.5, 2.5, 2.5])
    # stage 2: residuals (-1.25, -1.25, 0.25, 2.25): split at 2.5 (SSE 1.67 vs 2 at 1.5)
    r = y - F1
    F2 = F1 + 0.5 * np.where(X_LINE[:, 0] <= 2.5, r[:3].mean(), r[3])
    np.testing.assert_allclose(model.predict(X_LINE), F2)
    stages = list(model.staged_predict(X_LINE))
    np.testing.assert_allclose(stages[0], F1)
    np.testing.assert_allclose(model.train_score_, [np.mean((y - F1) ** 2), np.mean((y - F2) ** 2)])


def test_binary_newton_leaf_values_by_hand():
    y = np.array([0, 0, 1, 1])
    model = GradientBoostingClassifier(n_estimators=1, learning_rate=1.0, max_depth=1).fit(X_LINE, y)
    assert model.init_[0] == pytest.approx(0.0)  # log-odds of 1/2
    # r = y - 1/2; leaves: sum r / sum p (1 - p) = (-1) / (2 * 1/4) = -2 and +2
    np.testing.assert_allclose(model.decision_function(X_LINE), [-2, -2, 2, 2])
    np.testing.assert_allclose(model.predict_proba(X_LINE)[:, 1], 1 / (1 + np.exp(-np.array([-2, -2, 2, 2]))))
    unbalanced = GradientBoostingClassifier(n_estimators=1).fit(X_LINE, [0, 1, 1, 1])
    assert unbalanced.init_[0] == pytest.approx(np.log(3))


def test_multinomial_newton_leaf_values_by_hand():
    X = np.array([[0.0], [1.0], [2.0]])
    model = GradientBoostingClassifier(n_estimators=1, learning_rate=1.0, max_depth=1).fit(X, ["a", "b", "c"])
    np.testing.assert_allclose(model.init_, np.log([1 / 3] * 3))  # log priors
    # class "a": r = (2/3, -1/3, -1/3), split at 0.5. Leaf values (K - 1)/K sum r / sum |r|(1 - |r|):
    # {x0}: 2/3 * (2/3) / (2/9) = 2;  {x1, x2}: 2/3 * (-2/3) / (4/9) = -1
    F = model.decision_function(X)
    np.testing.assert_allclose(F[:, 0] - np.log(1 / 3), [2, -1, -1])
    np.testing.assert_allclose(F[:, 2] - np.log(1 / 3), [-1, -1, 2])
    assert list(model.predict(X)) == ["a", "b", "c"]


def test_leaf_values_live_in_the_booster_not_in_the_trees():
    y = np.array([0, 0, 1, 1])
    model = GradientBoostingClassifier(n_estimators=1, learning_rate=1.0, max_depth=1).fit(X_LINE, y)
    tree = model.estimators_[0, 0]
    # the tree keeps its own fit, the mean residual y - 1/2 of each leaf ...
    np.testing.assert_allclose(tree.predict(X_LINE), [-0.5, -0.5, 0.5, 0.5])
    # ... and the booster maps each leaf id to its Newton value
    np.testing.assert_allclose(model.leaf_values_[0, 0][tree.apply(X_LINE)], [-2, -2, 2, 2])
    regressor = GradientBoostingRegressor(n_estimators=3, random_state=0).fit(*load_temperature())
    X = load_temperature()[0]
    for tree, gamma in zip(regressor.estimators_[:, 0], regressor.leaf_values_[:, 0]):
        np.testing.assert_allclose(gamma[tree.apply(X)], tree.predict(X))  # squared loss: the mean residual


def test_newton_leaf_values_match_a_loop_over_leaves():
    rng = np.random.default_rng(0)
    leaves = rng.choice([1, 4, 5, 9], size=200)
    residual, hessian = rng.normal(size=200), rng.uniform(0.01, 0.25, size=200)
    hessian[leaves == 9] = 0.0  # a leaf without curvature gets 0
    gamma = _newton_leaf_values(leaves, residual, hessian)
    assert gamma.shape == (10,)
    for leaf in range(10):
        in_leaf = leaves == leaf
        expected = residual[in_leaf].sum() / hessian[in_leaf].sum() if hessian[in_leaf].sum() > 0 else 0.0
        assert gamma[leaf] == pytest.approx(expected)


# --------------------------------------------------------------------------- training loss


def test_training_loss_decreases_monotonically_on_temperature():
    X, y = load_temperature()
    model = GradientBoostingRegressor(n_estimators=60, learning_rate=0.1, max_depth=3).fit(X, y)
    assert np.all(np.diff(model.train_score_) <= 1e-12)
    assert model.train_score_[-1] < 0.3 * model.train_score_[0]
    # staged predictions follow the same path
    staged = [mean_squared_error(y, p) for p in model.staged_predict(X)]
    np.testing.assert_allclose(staged, model.train_score_)


def test_classifier_loss_decreases_and_stages_agree():
    X, y = load_iris()
    model = GradientBoostingClassifier(n_estimators=20, random_state=0).fit(X, y)
    assert np.all(np.diff(model.train_score_) < 0)
    probas = list(model.staged_predict_proba(X))
    assert len(probas) == 20
    np.testing.assert_allclose(probas[-1], model.predict_proba(X))
    np.testing.assert_array_equal(list(model.staged_predict(X))[-1], model.predict(X))
    log_loss = -np.mean(np.log(probas[-1][np.arange(len(y)), y]))
    assert model.train_score_[-1] == pytest.approx(log_loss)


def test_subsample_is_seeded_and_still_learns():
    X, y = load_temperature()
    a = GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=1).fit(X, y)
    b = GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=1).fit(X, y)
    c = GradientBoostingRegressor(n_estimators=30, subsample=0.5, random_state=2).fit(X, y)
    np.testing.assert_array_equal(a.predict(X), b.predict(X))
    assert not np.array_equal(a.predict(X), c.predict(X))
    assert mean_squared_error(y, a.predict(X)) < 0.2 * np.var(y)


# --------------------------------------------------------------------------- invariants


def test_invariants():
    X, y = load_breast_cancer()
    X_copy, y_copy = X.copy(), y.copy()
    model = GradientBoostingClassifier(n_estimators=5, max_features=5, random_state=0)
    assert model.fit(X, y) is model
    first = model.predict_proba(X)
    again = GradientBoostingClassifier(n_estimators=5, max_features=5, random_state=0).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(X), first)
    assert model.estimators_.shape == (5, 1)
    labels = np.array(["malignant", "benign"])[y]
    string_model = GradientBoostingClassifier(n_estimators=5, max_features=5, random_state=0).fit(X, labels)
    # classes_ sorts the labels, so "benign" (y = 1) becomes the first class
    np.testing.assert_allclose(string_model.predict_proba(X)[:, ::-1], first)
    model.fit(X[:, :8], y)
    assert model.n_features_in_ == 8
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_one_class_and_constant_features():
    X = np.random.default_rng(0).normal(size=(10, 2))
    model = GradientBoostingClassifier(n_estimators=3).fit(X, ["only"] * 10)
    assert list(model.predict(X[:2])) == ["only", "only"]
    np.testing.assert_allclose(model.predict_proba(X[:2]), [[1.0], [1.0]])
    regressor = GradientBoostingRegressor(n_estimators=3).fit(np.ones((5, 2)), np.arange(5.0))
    np.testing.assert_allclose(regressor.predict(np.ones((2, 2))), 2.0)


def test_bad_input_and_not_fitted():
    X, y = load_iris()
    for model in (GradientBoostingClassifier(), GradientBoostingRegressor()):
        with pytest.raises(NotFittedError):
            model.predict(X)
    with pytest.raises(ValueError, match="subsample"):
        GradientBoostingRegressor(subsample=0).fit(X, y)
    with pytest.raises(ValueError, match="learning_rate"):
        GradientBoostingRegressor(learning_rate=-1).fit(X, y)
    with pytest.raises(ValueError, match="n_estimators"):
        GradientBoostingClassifier(n_estimators=0).fit(X, y)
    with pytest.raises(ValueError, match="max_depth"):
        GradientBoostingClassifier(max_depth=-1).fit(X, y)
    with pytest.raises(ValueError, match="NaN"):
        GradientBoostingRegressor().fit(X, np.where(y == 1, np.nan, y))
    with pytest.raises(ValueError, match="at least 1 sample"):
        GradientBoostingRegressor().fit(np.empty((0, 2)), [])
    model = GradientBoostingRegressor(n_estimators=2).fit(X, y)
    with pytest.raises(ValueError, match="4 features"):
        model.predict(X[:, :2])


def test_staged_predictions_are_separate_arrays_and_fit_records_stages():
    X, y = load_iris()
    model = GradientBoostingClassifier(n_estimators=4, random_state=0).fit(X, y)
    assert model.n_estimators_ == 4
    stages = list(model.staged_predict_proba(X))
    assert not np.allclose(stages[0], stages[-1])
    regressor = GradientBoostingRegressor(n_estimators=4).fit(X, y.astype(float))
    stages = list(regressor.staged_predict(X))
    assert not np.allclose(stages[0], stages[-1])
    np.testing.assert_array_equal(stages[-1], regressor.predict(X))
    assert regressor.score(X, y) == pytest.approx(1 - np.sum((y - stages[-1]) ** 2) / np.sum((y - y.mean()) ** 2))
    assert model.score(X, y) == pytest.approx(accuracy_score(y, model.predict(X)))


BAD_TREE_SETTINGS = [
    ("n_estimators", 0),
    ("n_estimators", 2.5),
    ("learning_rate", np.nan),
    ("learning_rate", np.inf),
    ("learning_rate", 0.0),
    ("max_depth", -1),
    ("max_depth", 2.5),
    ("min_samples_split", 1),
    ("min_samples_split", 1.5),
    ("min_samples_split", np.nan),
    ("min_samples_leaf", 0),
    ("min_samples_leaf", 0.0),
    ("min_impurity_decrease", -0.1),
    ("min_impurity_decrease", np.nan),
    ("max_features", 0),
    ("max_features", 5),  # iris has 4 features
    ("max_features", 1.5),
    ("max_features", "auto"),
    ("subsample", 0.0),
    ("subsample", 1.5),
    ("subsample", np.nan),
    ("random_state", "abc"),
]


@pytest.mark.parametrize("Model", [GradientBoostingRegressor, GradientBoostingClassifier])
@pytest.mark.parametrize("param, value", BAD_TREE_SETTINGS)
def test_hyperparameters_are_checked_by_the_ensemble(Model, param, value):
    # the error names the ensemble the user called, not one of its trees
    X, y = load_iris()
    with pytest.raises(ValueError, match=f"^{Model.__name__}: .*{param}"):
        Model(**{"n_estimators": 2, param: value}).fit(X, y)


def test_nan_learning_rate_is_reported_by_the_ensemble():
    X, y = load_temperature()
    with pytest.raises(ValueError, match="GradientBoostingRegressor: learning_rate must be a finite number"):
        GradientBoostingRegressor(learning_rate=np.nan).fit(X, y)


# --------------------------------------------------------------------------- real data


def test_learns_breast_cancer_and_digits():
    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    model = GradientBoostingClassifier(n_estimators=30, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.93
    X, y = load_digits()
    X, y = X[:700], y[:700]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    model = GradientBoostingClassifier(n_estimators=8, learning_rate=0.3, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.85


# --------------------------------------------------------------------------- scikit-learn


def test_regressor_matches_scikit_learn_on_temperature():
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    ours = GradientBoostingRegressor(n_estimators=50, random_state=0).fit(X_train, y_train)
    theirs = ensemble.GradientBoostingRegressor(n_estimators=50, random_state=0).fit(X_train, y_train)
    np.testing.assert_allclose(ours.train_score_, theirs.train_score_, rtol=1e-6)
    mse = mean_squared_error(y_test, ours.predict(X_test))
    assert mse <= 1.1 * mean_squared_error(y_test, theirs.predict(X_test))


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_classifier_within_two_points_of_scikit_learn(loader):
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = loader()
    if loader is load_digits:  # 10 trees per stage: keep it small
        X, y = X[:600], y[:600]
    params = dict(n_estimators=5 if loader is load_digits else 30, learning_rate=0.3, random_state=0)
    ours, theirs = 0, 0
    for X_train, X_test, y_train, y_test in k_fold_cross_validation_sets(X, y, 3, random_state=0):
        ours += np.sum(GradientBoostingClassifier(**params).fit(X_train, y_train).predict(X_test) == y_test)
        theirs += np.sum(ensemble.GradientBoostingClassifier(**params).fit(X_train, y_train).predict(X_test) == y_test)
    assert ours / len(y) >= theirs / len(y) - 0.02
