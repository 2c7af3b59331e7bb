import doctest

import numpy as np
import pytest

from mlfromscratch.supervised_learning import ClassificationTree, RandomForest, RandomForestRegressor, random_forest
from mlfromscratch.utils import (
    NotFittedError,
    accuracy_score,
    load_breast_cancer,
    load_digits,
    load_iris,
    load_temperature,
    mean_squared_error,
    train_test_split,
)

# --------------------------------------------------------------------------- closed forms


def test_one_tree_without_bootstrap_is_a_decision_tree():
    X, y = load_iris()
    forest = RandomForest(n_estimators=1, bootstrap=False, max_features=None, random_state=0).fit(X, y)
    tree = ClassificationTree(random_state=forest.estimators_[0].random_state).fit(X, y)
    np.testing.assert_allclose(forest.predict_proba(X), tree.predict_proba(X))
    np.testing.assert_allclose(forest.feature_importances_, tree.feature_importances_)


def test_bootstrap_counts_and_soft_vote():
    X, y = load_iris()
    forest = RandomForest(n_estimators=7, random_state=0).fit(X, y)
    assert forest.in_bag_counts_.shape == (7, 150)
    np.testing.assert_array_equal(forest.in_bag_counts_.sum(axis=1), 150)
    # each tree is grown on its bootstrap sample, given to it as per-sample counts
    for tree, counts in zip(forest.estimators_, forest.in_bag_counts_):
        assert tree.weighted_n_node_samples_[0] == 150
        assert tree.n_node_samples_[0] == np.count_nonzero(counts)
    mean_proba = np.mean([tree.predict_proba(X) for tree in forest.estimators_], axis=0)
    np.testing.assert_allclose(forest.predict_proba(X), mean_proba)
    np.testing.assert_array_equal(forest.predict(X), forest.classes_[np.argmax(mean_proba, axis=1)])


def test_out_of_bag_score_uses_only_unseen_trees():
    X, y = load_breast_cancer()
    forest = RandomForest(n_estimators=15, oob_score=True, random_state=0).fit(X, y)
    i = int(np.argmax((forest.in_bag_counts_ == 0).any(axis=0)))  # a sample some tree did not see
    unseen = [tree for tree, counts in zip(forest.estimators_, forest.in_bag_counts_) if counts[i] == 0]
    expected = np.mean([tree.predict_proba(X[i : i + 1])[0] for tree in unseen], axis=0)
    np.testing.assert_allclose(forest.oob_decision_function_[i], expected)
    voted = forest.oob_decision_function_.sum(axis=1) > 0
    assert voted.mean() > 0.99
    assert forest.oob_score_ == pytest.approx(
        np.mean(np.argmax(forest.oob_decision_function_[voted], axis=1) == y[voted])
    )
    assert 0.9 < forest.oob_score_ <= 1.0


def test_feature_importances():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 5))
    y = (X[:, 1] + 0.3 * X[:, 3] > 0).astype(int)
    forest = RandomForest(n_estimators=20, random_state=0).fit(X, y)
    assert forest.feature_importances_.sum() == pytest.approx(1.0)
    assert np.argsort(forest.feature_importances_)[-2:].tolist() == [3, 1]


# --------------------------------------------------------------------------- invariants


def test_deterministic_refit_and_inputs_unchanged():
    X, y = load_iris()
    X_copy, y_copy = X.copy(), y.copy()
    forest = RandomForest(n_estimators=5, random_state=4)
    assert forest.fit(X, y) is forest
    proba = forest.predict_proba(X)
    np.testing.assert_array_equal(RandomForest(n_estimators=5, random_state=4).fit(X, y).predict_proba(X), proba)
    other = RandomForest(n_estimators=5, random_state=5).fit(X, y)
    assert not np.array_equal(other.in_bag_counts_, forest.in_bag_counts_)
    forest.fit(X[:, :2], y)
    assert forest.n_features_in_ == 2 and len(forest.estimators_) == 5
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_string_labels_one_class_and_constant_features():
    X, y = load_iris()
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    forest = RandomForest(n_estimators=5, random_state=0).fit(X, names)
    assert accuracy_score(names, forest.predict(X)) > 0.95
    assert forest.predict(X[:1])[0] == "setosa"
    one = RandomForest(n_estimators=3, random_state=0).fit(X[:10], ["x"] * 10)
    assert list(one.predict(X[100:102])) == ["x", "x"]
    constant = RandomForest(n_estimators=3, random_state=0).fit(np.ones((8, 2)), [0, 1, 1, 1, 1, 1, 0, 1])
    np.testing.assert_array_equal(constant.predict(np.ones((2, 2))), [1, 1])


def test_bad_input_and_not_fitted():
    X, y = load_iris()
    with pytest.raises(NotFittedError):
        RandomForest().predict(X)
    with pytest.raises(ValueError, match="n_estimators"):
        RandomForest(n_estimators=0).fit(X, y)
    with pytest.raises(ValueError, match="bootstrap"):
        RandomForest(oob_score=True, bootstrap=False).fit(X, y)
    with pytest.raises(ValueError, match="max_depth"):
        RandomForest(n_estimators=2, max_depth=-1).fit(X, y)
    with pytest.raises(ValueError, match="NaN"):
        RandomForest().fit(np.full((3, 2), np.nan), [0, 1, 0])
    with pytest.raises(ValueError, match="at least 1 sample"):
        RandomForest().fit(np.empty((0, 2)), [])
    forest = RandomForest(n_estimators=2, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="4 features"):
        forest.predict(X[:, :2])


def test_both_kinds_of_randomness_make_the_trees_differ():
    X, y = load_breast_cancer()

    def distinct_trees(forest):
        return len({tuple(tree.predict(X)) + tuple(tree.feature_) for tree in forest.estimators_})

    # neither: every tree sees all rows and all features (only exact ties may break differently)
    same = RandomForest(n_estimators=4, bootstrap=False, max_features=None, random_state=0).fit(X, y)
    np.testing.assert_array_equal(same.in_bag_counts_, 1)
    assert len({tuple(tree.predict(X)) for tree in same.estimators_}) == 1
    # bootstrap rows alone, and per-split feature sampling alone, each give different trees
    bagged = RandomForest(n_estimators=4, max_features=None, random_state=0).fit(X, y)
    assert distinct_trees(bagged) == 4
    sampled = RandomForest(n_estimators=4, bootstrap=False, max_features="sqrt", random_state=0).fit(X, y)
    assert distinct_trees(sampled) == 4


def test_docstring_examples_run_in_a_clean_namespace():
    # each example imports what it uses (issue 19: one relied on the module's own numpy import)
    globs = {"RandomForest": RandomForest, "RandomForestRegressor": RandomForestRegressor}
    for test in doctest.DocTestFinder().find(random_forest, globs=globs):
        assert doctest.DocTestRunner().run(test, out=lambda text: None).failed == 0, test.name


def test_score_is_accuracy_for_the_classifier_and_r2_for_the_regressor():
    X, y = load_iris()
    forest = RandomForest(n_estimators=5, max_depth=2, random_state=0).fit(X, y)
    assert forest.score(X, y) == pytest.approx(np.mean(forest.predict(X) == y))
    X, y = load_temperature()
    regressor = RandomForestRegressor(n_estimators=5, random_state=0).fit(X, y)
    residual = np.sum((y - regressor.predict(X)) ** 2)
    assert regressor.score(X, y) == pytest.approx(1.0 - residual / np.sum((y - y.mean()) ** 2))
    assert (forest._estimator_type, regressor._estimator_type) == ("classifier", "regressor")


_BAD_FOREST_PARAMS = [
    ("n_estimators", 0), ("n_estimators", 2.5), ("n_estimators", np.nan), ("n_estimators", "10"),
    ("bootstrap", "yes"), ("oob_score", 1),
    ("max_depth", -1), ("max_depth", np.nan), ("min_samples_split", 1), ("min_samples_split", np.inf),
    ("min_samples_leaf", 0), ("min_samples_leaf", np.nan), ("min_impurity_decrease", -1.0),
    ("min_impurity_decrease", np.nan), ("max_features", 0), ("max_features", 1.5), ("max_features", np.nan),
    ("max_features", "half"), ("random_state", "abc"), ("random_state", -1),
]


@pytest.mark.parametrize(
    "make_forest, name, value",
    [(RandomForest, name, value) for name, value in _BAD_FOREST_PARAMS + [("criterion", "mse")]]
    + [(RandomForestRegressor, name, value) for name, value in _BAD_FOREST_PARAMS],
)
def test_every_hyperparameter_is_checked_at_fit_by_the_forest(make_forest, name, value):
    X, y = load_iris()
    with pytest.raises(ValueError, match=name) as error:
        make_forest(n_estimators=2, **{name: value}).fit(X, y) if name != "n_estimators" else \
            make_forest(**{name: value}).fit(X, y)
    assert make_forest.__name__ in str(error.value)  # the forest, not one of its trees, complains


# --------------------------------------------------------------------------- real data


def test_learns_digits():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    forest = RandomForest(n_estimators=30, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, forest.predict(X_test)) > 0.93
    # a forest beats its own trees
    single = accuracy_score(y_test, forest.estimators_[0].predict(X_test))
    assert accuracy_score(y_test, forest.predict(X_test)) > single + 0.05


def test_regressor_learns_temperature_with_oob():
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    forest = RandomForestRegressor(n_estimators=30, min_samples_leaf=3, oob_score=True, random_state=0)
    forest.fit(X_train, y_train)
    assert mean_squared_error(y_test, forest.predict(X_test)) < 0.15 * np.var(y_test)
    assert 0.8 < forest.oob_score_ < 1.0
    assert forest.oob_prediction_.shape == y_train.shape


# --------------------------------------------------------------------------- scikit-learn


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_accuracy_within_two_points_of_scikit_learn(loader):
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = loader()
    test_size = 0.25 if loader is load_digits else 0.5
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, stratify=y, random_state=0)
    ours = RandomForest(n_estimators=30, random_state=0).fit(X_train, y_train)
    theirs = ensemble.RandomForestClassifier(n_estimators=30, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, ours.predict(X_test)) >= theirs.score(X_test, y_test) - 0.02


def test_regressor_mse_within_ten_percent_of_scikit_learn():
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    ours = RandomForestRegressor(n_estimators=30, random_state=0).fit(X_train, y_train)
    theirs = ensemble.RandomForestRegressor(n_estimators=30, random_state=0).fit(X_train, y_train)
    assert mean_squared_error(y_test, ours.predict(X_test)) <= 1.1 * mean_squared_error(y_test, theirs.predict(X_test))
