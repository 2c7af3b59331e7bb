import doctest
import sys

import numpy as np
import pytest

from mlfromscratch.supervised_learning import ClassificationTree, RegressionTree, XGBoostRegressionTree, decision_tree
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


def _toy():
    # feature 0 sorted 1..6, feature 1 a worse candidate
    X = np.array([[1, 2], [2, 1], [3, 1], [4, 2], [5, 2], [6, 1]], dtype=float)
    y = np.array([0, 0, 0, 1, 0, 1])
    return X, y


def _weighted_gini(y_left, y_right):
    def gini(y):
        p = np.bincount(y, minlength=2) / len(y)
        return 1.0 - np.sum(p**2)

    n = len(y_left) + len(y_right)
    return len(y_left) / n * gini(y_left) + len(y_right) / n * gini(y_right)


# --------------------------------------------------------------------------- hand-computed


def test_stump_picks_the_hand_computed_split():
    X, y = _toy()
    # weighted Gini of the children for feature 0 at 1.5 .. 5.5:
    # 0.400, 0.333, 0.222, 0.417, 0.267; feature 1 at 1.5: 0.444
    assert _weighted_gini(y[:3], y[3:]) == pytest.approx(2 / 9)
    tree = ClassificationTree(max_depth=1).fit(X, y)
    assert tree.feature_[0] == 0
    assert tree.threshold_[0] == 3.5
    np.testing.assert_allclose(tree.predict_proba([[0.0, 0.0], [9.0, 0.0]]), [[1, 0], [1 / 3, 2 / 3]])
    np.testing.assert_array_equal(tree.predict(X), [0, 0, 0, 1, 1, 1])
    # Gini decrease (1/2 - 2/9 ... of the parent 4/9) is all on feature 0
    np.testing.assert_allclose(tree.feature_importances_, [1.0, 0.0])
    np.testing.assert_allclose(tree.impurity_[0], 1 - (4 / 6) ** 2 - (2 / 6) ** 2)


def test_stump_matches_a_brute_force_search():
    rng = np.random.default_rng(3)
    X = rng.integers(0, 6, size=(40, 3)).astype(float)
    y = (X[:, 0] + rng.integers(0, 3, 40) > 4).astype(int)
    best = min(
        (_weighted_gini(y[X[:, j] <= t], y[X[:, j] > t]), j, t)
        for j in range(3)
        for t in (np.unique(X[:, j])[:-1] + np.unique(X[:, j])[1:]) / 2
    )
    tree = ClassificationTree(max_depth=1).fit(X, y)
    left = X[:, tree.feature_[0]] <= tree.threshold_[0]
    assert _weighted_gini(y[left], y[~left]) == pytest.approx(best[0])


def test_entropy_criterion_uses_information_gain():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    tree = ClassificationTree(criterion="entropy").fit(X, [0, 0, 1, 1])
    assert tree.impurity_[0] == pytest.approx(1.0)  # one bit at the root
    assert tree.threshold_[0] == 1.5
    assert tree.get_n_leaves() == 2


def test_regression_stump_by_hand():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 1.0, 5.0, 7.0])
    # SSE of the children: 0.5 -> 18.67, 1.5 -> 0 + 2 = 2, 2.5 -> 10.67 + 0
    tree = RegressionTree(max_depth=1).fit(X, y)
    assert tree.threshold_[0] == 1.5
    np.testing.assert_allclose(tree.predict(X), [1, 1, 6, 6])
    np.testing.assert_allclose(tree.impurity_, [np.var(y), 0.0, 1.0])


def test_xgboost_leaf_weight_is_minus_g_over_h_plus_lambda():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    g = np.array([-1.0, -1.0, 1.0, 3.0])
    h = np.array([1.0, 0.5, 1.0, 2.0])
    root = XGBoostRegressionTree(max_depth=0, reg_lambda=2.0).fit(X, g, h)
    np.testing.assert_allclose(root.predict(X), -g.sum() / (h.sum() + 2.0))

    g = np.array([-1.0, -1.0, 1.0, 1.0])
    h = np.ones(4)
    # at 1.5: G_L = -2, G_R = 2, H = 2 each: gain = 1/2 (4/3 + 4/3 - 0) = 4/3
    tree = XGBoostRegressionTree(max_depth=1, reg_lambda=1.0, gamma=1.3, min_child_weight=0).fit(X, g, h)
    assert tree.threshold_[0] == 1.5
    np.testing.assert_allclose(tree.predict(X), [2 / 3, 2 / 3, -2 / 3, -2 / 3])
    stump = XGBoostRegressionTree(max_depth=1, reg_lambda=1.0, gamma=1.4, min_child_weight=0).fit(X, g, h)
    assert stump.get_n_leaves() == 1
    # min_child_weight counts hessians: 2.5 forbids every split of 4 unit hessians
    assert XGBoostRegressionTree(min_child_weight=2.5).fit(X, g, h).get_n_leaves() == 1


# --------------------------------------------------------------------------- exactness


@pytest.mark.parametrize("seed", range(4))
def test_unlimited_tree_fits_any_consistent_training_set(seed):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 4, size=(200, 5)).astype(float)
    X, first = np.unique(X, axis=0, return_index=True)  # distinct rows: any labelling is consistent
    y = rng.integers(0, 3, len(X))
    tree = ClassificationTree(random_state=seed).fit(X, y)
    np.testing.assert_array_equal(tree.predict(X), y)
    values = rng.normal(size=len(X))
    np.testing.assert_allclose(RegressionTree(random_state=seed).fit(X, values).predict(X), values)


def test_xor_is_split_although_the_root_gain_is_zero():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    tree = ClassificationTree().fit(X, y)
    np.testing.assert_array_equal(tree.predict(X), y)
    assert tree.get_depth() == 2


def test_max_depth_means_what_scikit_learn_means():
    X, y = load_iris()
    assert ClassificationTree(max_depth=0).fit(X, y).get_n_leaves() == 1
    for depth in (1, 2, 3):
        tree = ClassificationTree(max_depth=depth).fit(X, y)
        assert tree.get_depth() == depth
    assert ClassificationTree().fit(X, y).get_depth() > 3


def test_min_samples_split_leaf_and_impurity_decrease():
    X, y = load_breast_cancer()
    tree = ClassificationTree(min_samples_leaf=10, random_state=0).fit(X, y)
    assert tree.n_node_samples_[tree.feature_ < 0].min() >= 10
    tree = ClassificationTree(min_samples_split=50, random_state=0).fit(X, y)
    assert tree.n_node_samples_[tree.feature_ >= 0].min() >= 50
    fractions = ClassificationTree(min_samples_leaf=0.05, random_state=0).fit(X, y)
    assert fractions.n_node_samples_[fractions.feature_ < 0].min() >= np.ceil(0.05 * len(X))
    big = ClassificationTree(min_impurity_decrease=1.0).fit(X, y)
    assert big.get_n_leaves() == 1
    some = ClassificationTree(min_impurity_decrease=0.01, random_state=0).fit(X, y)
    assert 1 < some.get_n_leaves() < ClassificationTree(random_state=0).fit(X, y).get_n_leaves()


def test_integer_weights_equal_repeated_rows():
    X, y = load_iris()
    counts = np.random.default_rng(0).integers(0, 3, len(y))
    weighted = ClassificationTree(random_state=1).fit(X, y, sample_weight=counts)
    repeated = ClassificationTree(random_state=1).fit(np.repeat(X, counts, axis=0), np.repeat(y, counts))
    np.testing.assert_array_equal(weighted.feature_, repeated.feature_)
    np.testing.assert_allclose(weighted.threshold_, repeated.threshold_)
    np.testing.assert_allclose(weighted.predict_proba(X), repeated.predict_proba(X))


def test_max_features_draws_per_split_and_is_seeded():
    X, y = load_digits()
    a = ClassificationTree(max_features="sqrt", random_state=0).fit(X, y)
    b = ClassificationTree(max_features="sqrt", random_state=0).fit(X, y)
    c = ClassificationTree(max_features="sqrt", random_state=1).fit(X, y)
    np.testing.assert_array_equal(a.feature_, b.feature_)
    assert not np.array_equal(a.threshold_[:5], c.threshold_[:5]) or not np.array_equal(a.feature_, c.feature_)
    for max_features in (1, 0.5, "log2", None):
        tree = ClassificationTree(max_features=max_features, random_state=0).fit(X[:300], y[:300])
        np.testing.assert_array_equal(tree.predict(X[:300]), y[:300])


def test_predict_proba_and_apply():
    X, y = load_iris()
    tree = ClassificationTree(max_depth=2).fit(X, y)
    proba = tree.predict_proba(X)
    assert proba.shape == (150, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    leaves = tree.apply(X)
    assert np.all(tree.feature_[leaves] == -1)
    counts = np.bincount(leaves, minlength=len(tree.feature_))
    np.testing.assert_array_equal(counts[leaves], tree.n_node_samples_[leaves])


def test_feature_importances_find_the_informative_feature():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4))
    y = (X[:, 2] > 0.3).astype(int)
    tree = ClassificationTree(random_state=0).fit(X, y)
    assert np.argmax(tree.feature_importances_) == 2
    assert tree.feature_importances_.sum() == pytest.approx(1.0)
    assert np.all(tree.feature_importances_ >= 0)


def test_export_text_is_readable():
    X, y = load_iris()
    tree = ClassificationTree(max_depth=2).fit(X, y)
    names = ["sepal length", "sepal width", "petal length", "petal width"]
    text = tree.export_text(feature_names=names)
    lines = text.splitlines()
    assert lines[0] in ("|--- petal length <= 2.45", "|--- petal width <= 0.80")
    assert "|   |--- class: 0 (50 samples)" == lines[1]
    assert len(lines) == 2 * 2 + 3  # two splits, three leaves
    assert tree.print_tree(feature_names=names) == text
    deep = ClassificationTree().fit(X, y).export_text(max_depth=1)
    assert "truncated branch" in deep and "feature_" in deep
    with pytest.raises(ValueError, match="feature_names"):
        tree.export_text(feature_names=["a"])
    assert "value: 6.00" in RegressionTree(max_depth=1).fit([[0.0], [1.0], [2.0], [3.0]], [1, 1, 5, 7]).export_text()


# --------------------------------------------------------------------------- invariants


def test_fit_returns_self_is_deterministic_and_refits_cleanly():
    X, y = load_iris()
    tree = ClassificationTree(max_features=2, random_state=3)
    assert tree.fit(X, y) is tree
    first = tree.predict_proba(X)
    np.testing.assert_array_equal(ClassificationTree(max_features=2, random_state=3).fit(X, y).predict_proba(X), first)
    X2, y2 = load_breast_cancer()
    tree.fit(X2, y2)
    fresh = ClassificationTree(max_features=2, random_state=3).fit(X2, y2)
    np.testing.assert_array_equal(tree.feature_, fresh.feature_)
    assert tree.n_features_in_ == 30


def test_inputs_are_not_modified():
    X, y = load_iris()
    X_copy, y_copy, w = X.copy(), y.copy(), np.ones(len(y))
    ClassificationTree().fit(X, y, sample_weight=w).predict(X)
    RegressionTree().fit(X, X[:, 0]).predict(X)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(w, 1.0)


def test_string_labels_round_trip():
    X, y = load_iris()
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    tree = ClassificationTree(max_depth=3).fit(X, names)
    assert list(tree.classes_) == ["setosa", "versicolor", "virginica"]
    assert set(tree.predict(X)) <= set(names)
    assert accuracy_score(names, tree.predict(X)) > 0.95
    assert "class: setosa" in tree.export_text()


def test_constant_features_duplicates_and_one_class():
    X = np.ones((6, 3))
    tree = ClassificationTree().fit(X, ["b", "a", "b", "b", "a", "c"])
    assert tree.get_n_leaves() == 1
    assert list(tree.predict(X[:2])) == ["b", "b"]
    # duplicated rows with different labels: the leaf holds the majority
    X = np.array([[0.0], [0.0], [0.0], [1.0]])
    tree = ClassificationTree().fit(X, [1, 1, 0, 0])
    np.testing.assert_array_equal(tree.predict(X), [1, 1, 1, 0])
    np.testing.assert_allclose(tree.predict_proba([[0.0]]), [[1 / 3, 2 / 3]])
    one_class = ClassificationTree().fit(np.random.default_rng(0).normal(size=(10, 2)), ["only"] * 10)
    assert list(one_class.predict([[0.0, 0.0], [5.0, 5.0]])) == ["only", "only"]
    np.testing.assert_array_equal(one_class.predict_proba([[0.0, 0.0]]), [[1.0]])
    assert RegressionTree().fit(np.ones((5, 2)), np.arange(5.0)).predict([[1.0, 1.0]])[0] == 2.0
    # thresholds between adjacent floats stay between them
    X = np.array([[1.0], [np.nextafter(1.0, 2.0)]])
    tree = ClassificationTree().fit(X, [0, 1])
    np.testing.assert_array_equal(tree.predict(X), [0, 1])


def test_extreme_weights_and_values_stay_finite():
    # weights over 80 orders of magnitude: the right child's sums come from
    # total - left and may round to 0; no RuntimeWarning (an error here) may escape
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    y = (X[:, 0] > 0).astype(int)
    w = np.exp(30 * rng.normal(size=200))
    for criterion in ("gini", "entropy"):
        tree = ClassificationTree(criterion=criterion).fit(X, y, sample_weight=w)
        np.testing.assert_array_equal(tree.predict(X), y)
    assert np.all(np.isfinite(RegressionTree().fit(X, X[:, 1], sample_weight=w).predict(X)))
    huge = ClassificationTree().fit(X * 1e300, y)
    np.testing.assert_array_equal(huge.predict(X * 1e300), y)
    offset = RegressionTree().fit(X, 1e9 + X[:, 0])
    np.testing.assert_allclose(offset.predict(X), 1e9 + X[:, 0], rtol=0, atol=1e-6)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "params, match",
    [
        ({"max_depth": -1}, "max_depth"),
        ({"max_depth": 1.5}, "max_depth"),
        ({"min_samples_split": 1}, "min_samples_split"),
        ({"min_samples_leaf": 0}, "min_samples_leaf"),
        ({"min_impurity_decrease": -0.1}, "min_impurity_decrease"),
        ({"max_features": 0}, "max_features"),
        ({"max_features": 5}, "max_features"),
        ({"max_features": "half"}, "max_features"),
        ({"criterion": "mse"}, "criterion"),
    ],
)
def test_bad_hyperparameters_raise(params, match):
    X, y = load_iris()
    with pytest.raises(ValueError, match=match):
        ClassificationTree(**params).fit(X, y)


def test_bad_input_raises():
    X, y = load_iris()
    tree = ClassificationTree()
    with pytest.raises(ValueError, match="at least 1 sample"):
        tree.fit(np.empty((0, 4)), [])
    with pytest.raises(ValueError, match="NaN"):
        tree.fit(np.where(X == X[0, 0], np.nan, X), y)
    with pytest.raises(ValueError, match="2 dimensions"):
        tree.fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent"):
        tree.fit(X, y[:-1])
    with pytest.raises(ValueError, match="sample_weight"):
        tree.fit(X, y, sample_weight=-np.ones(len(y)))
    with pytest.raises(ValueError, match="continuous"):
        tree.fit(X, X[:, 0])
    with pytest.raises(ValueError, match="hessian"):
        XGBoostRegressionTree().fit(X, y, -np.ones(len(y)))
    with pytest.raises(ValueError, match="reg_lambda"):
        XGBoostRegressionTree(reg_lambda=-1).fit(X, y, np.ones(len(y)))
    tree.fit(X, y)
    with pytest.raises(ValueError, match="4 features"):
        tree.predict(X[:, :3])


def test_not_fitted():
    for model in (ClassificationTree(), RegressionTree(), XGBoostRegressionTree()):
        with pytest.raises(NotFittedError):
            model.predict([[0.0]])
        with pytest.raises(NotFittedError):
            model.export_text()


# --------------------------------------------------------------------------- the fast paths and their references


def _criterion(name, rng, n):
    """A criterion on n samples with continuous weights, so that no two different splits tie exactly."""
    w = rng.uniform(0.1, 2.0, n)
    if name in ("gini", "entropy"):
        impurity = decision_tree._Gini if name == "gini" else decision_tree._Entropy
        return impurity(rng.integers(0, 3, n), w, 3)
    if name == "variance":
        return decision_tree._Variance(rng.normal(5.0, 2.0, n), w)
    return decision_tree._SecondOrderGain(rng.normal(size=n), rng.uniform(0.05, 1.0, n), 1.0, 0.5)


@pytest.mark.parametrize("min_leaf", [1, 4])
@pytest.mark.parametrize("name", ["gini", "entropy", "variance", "xgboost"])
def test_vectorised_split_search_matches_the_plain_loop(name, min_leaf):
    rng = np.random.default_rng(min_leaf)
    found = 0
    for _ in range(25):
        n_total = int(rng.integers(10, 60))
        criterion = _criterion(name, rng, n_total)
        idx = np.sort(rng.choice(n_total, size=int(rng.integers(2, n_total + 1)), replace=False))  # a node's samples
        X_node = np.column_stack([
            rng.integers(0, 5, len(idx)).astype(float),  # repeated values: thresholds only between distinct ones
            np.round(rng.normal(size=len(idx)), 1),
            rng.normal(size=len(idx)),
        ])
        stats = criterion.stats(idx)
        fast = decision_tree._best_split(X_node, stats, criterion, min_leaf)
        slow = decision_tree._best_split_reference(X_node, stats, criterion, min_leaf)
        assert (fast is None) == (slow is None)
        if slow is None:
            continue
        found += 1
        assert fast[2] == pytest.approx(slow[2], rel=1e-9, abs=1e-9)
        if fast[0] == slow[0]:
            assert fast[1] == slow[1]
        else:  # allowed only when two columns cut the samples into the same two groups (an exact tie)
            fast_left, slow_left = X_node[:, fast[0]] <= fast[1], X_node[:, slow[0]] <= slow[1]
            assert np.array_equal(fast_left, slow_left) or np.array_equal(fast_left, ~slow_left)
    assert found >= 10


def _walk(tree, x):
    """The leaf of one sample, following the questions from the root."""
    i = 0
    while tree.nodes_[i].feature >= 0:
        node = tree.nodes_[i]
        i = node.left if x[node.feature] <= node.threshold else node.right
    return i


def test_apply_matches_a_walk_down_the_nodes():
    X, y = load_digits()
    tree = ClassificationTree(max_features="sqrt", random_state=0).fit(X[:500], y[:500])
    leaves = tree.apply(X)
    assert leaves.dtype.kind == "i" and leaves.shape == (len(X),)
    np.testing.assert_array_equal(leaves, [_walk(tree, x) for x in X])
    np.testing.assert_array_equal(tree.apply(X[::-1])[::-1], leaves)  # the same leaf, the same id
    assert 0 <= leaves.min() and leaves.max() < tree.n_nodes_


def test_nodes_and_flat_arrays_describe_the_same_tree():
    X, y = load_temperature()
    w = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
    tree = RegressionTree(max_depth=4).fit(X, y, sample_weight=w)
    assert tree.n_nodes_ == len(tree.nodes_) == len(tree.feature_) == len(tree.value_)
    assert tree.nodes_[0].depth == 0 and tree.nodes_[0].n_samples == len(y)
    for i, node in enumerate(tree.nodes_):
        flat = (tree.feature_[i], tree.children_left_[i], tree.children_right_[i])
        assert flat == (node.feature, node.left, node.right)
        np.testing.assert_array_equal(tree.value_[i], node.value)
        if node.feature < 0:
            assert node.left == node.right == -1 and np.isnan(node.threshold)
            continue
        assert tree.threshold_[i] == node.threshold
        left, right = tree.nodes_[node.left], tree.nodes_[node.right]
        assert i < node.left and i < node.right  # children come after their parent
        assert left.depth == right.depth == node.depth + 1
        assert left.n_samples + right.n_samples == node.n_samples
        assert left.weighted_n_samples + right.weighted_n_samples == pytest.approx(node.weighted_n_samples)
        # a node's mean is the weighted mean of its children's
        mean = (left.weighted_n_samples * left.value + right.weighted_n_samples * right.value) / node.weighted_n_samples
        np.testing.assert_allclose(node.value, mean)
    assert tree.get_depth() == 4
    assert tree.get_n_leaves() == np.sum(tree.feature_ < 0)


def test_any_depth_grows_without_recursion():
    # alternating labels along a line: each split peels off one sample, so the
    # tree is deeper than Python's recursion limit
    n = 1500
    X = np.arange(n, dtype=float).reshape(-1, 1)
    y = np.arange(n) % 2
    tree = ClassificationTree().fit(X, y)
    assert tree.get_depth() > sys.getrecursionlimit()
    np.testing.assert_array_equal(tree.predict(X), y)
    assert "truncated branch" in tree.export_text(max_depth=2)


def test_docstring_examples_run_in_a_clean_namespace():
    globs = {name: getattr(decision_tree, name) for name in ("ClassificationTree", "RegressionTree",
                                                              "XGBoostRegressionTree", "DecisionTree")}
    for test in doctest.DocTestFinder().find(decision_tree, globs=globs):
        assert doctest.DocTestRunner().run(test, out=lambda text: None).failed == 0, test.name


# --------------------------------------------------------------------------- scikit-learn roles and settings


def test_score_is_accuracy_for_the_classifier_and_r2_for_the_regressor():
    X, y = load_iris()
    tree = ClassificationTree(max_depth=2).fit(X, y)
    assert tree.score(X, y) == pytest.approx(np.mean(tree.predict(X) == y))
    X, y = load_temperature()
    regressor = RegressionTree(max_depth=3).fit(X, y)
    residual = np.sum((y - regressor.predict(X)) ** 2)
    assert regressor.score(X, y) == pytest.approx(1.0 - residual / np.sum((y - y.mean()) ** 2))
    assert (tree._estimator_type, regressor._estimator_type) == ("classifier", "regressor")
    assert tree.n_features_in_ == 4 and regressor.n_features_in_ == 1


@pytest.mark.parametrize("make_tree", [ClassificationTree, RegressionTree])
@pytest.mark.parametrize(
    "weights, match",
    [
        (np.zeros(150), "all zero"),
        (-np.ones(150), "negative"),
        (np.r_[np.ones(149), -1e-9], "negative"),
        (np.r_[np.ones(149), np.nan], "NaN"),
        (np.r_[np.ones(149), np.inf], "infinity"),
        (np.ones(149), "shape"),
        (np.ones((150, 1)), "sample_weight"),
    ],
)
def test_bad_sample_weight_raises(make_tree, weights, match):
    X, y = load_iris()
    with pytest.raises(ValueError, match=match):
        make_tree().fit(X, y, sample_weight=weights)


_BAD_TREE_PARAMS = [
    ("max_depth", -1), ("max_depth", 1.5), ("max_depth", np.nan), ("max_depth", np.inf), ("max_depth", "3"),
    ("max_depth", True),
    ("min_samples_split", 1), ("min_samples_split", 0.0), ("min_samples_split", 1.5),
    ("min_samples_split", np.nan), ("min_samples_split", np.inf), ("min_samples_split", True),
    ("min_samples_leaf", 0), ("min_samples_leaf", -1), ("min_samples_leaf", 0.0), ("min_samples_leaf", np.nan),
    ("max_features", 0), ("max_features", 5), ("max_features", 0.0), ("max_features", 1.5),
    ("max_features", np.nan), ("max_features", "half"), ("max_features", True),
    ("random_state", "abc"), ("random_state", -1),
]
_BAD_CART_PARAMS = [("min_impurity_decrease", -0.1), ("min_impurity_decrease", np.nan),
                    ("min_impurity_decrease", np.inf), ("min_impurity_decrease", "0")]
_BAD_XGB_PARAMS = [(name, value) for name in ("reg_lambda", "gamma", "min_child_weight")
                   for value in (-1.0, np.nan, np.inf, "1")]


@pytest.mark.parametrize(
    "make_tree, name, value",
    [(ClassificationTree, name, value) for name, value in _BAD_TREE_PARAMS + _BAD_CART_PARAMS]
    + [(ClassificationTree, "criterion", "mse")]
    + [(RegressionTree, name, value) for name, value in _BAD_TREE_PARAMS + _BAD_CART_PARAMS]
    + [(XGBoostRegressionTree, name, value) for name, value in _BAD_TREE_PARAMS + _BAD_XGB_PARAMS],
)
def test_every_hyperparameter_is_checked_at_fit(make_tree, name, value):
    X, y = load_iris()
    tree = make_tree(**{name: value})
    with pytest.raises(ValueError, match=name):
        tree.fit(X, y) if make_tree is not XGBoostRegressionTree else tree.fit(X, y, np.ones(len(y)))


@pytest.mark.parametrize(
    "params",
    [{"max_depth": None}, {"max_depth": 0}, {"max_depth": np.int64(2)}, {"min_samples_split": 1.0},
     {"min_samples_leaf": 0.5}, {"max_features": None}, {"max_features": "sqrt"}, {"max_features": "log2"},
     {"max_features": 4}, {"max_features": 1.0}, {"max_features": 0.3}, {"random_state": np.random.default_rng(0)}],
)
def test_documented_edge_values_are_accepted(params):
    X, y = load_iris()
    ClassificationTree(**params).fit(X, y).predict(X)
    RegressionTree(**params).fit(X, X[:, 0]).predict(X)
    XGBoostRegressionTree(**params).fit(X, X[:, 0], np.ones(len(y))).predict(X)


# --------------------------------------------------------------------------- real data


def test_learns_digits_iris_and_temperature():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    assert accuracy_score(y_test, ClassificationTree(random_state=0).fit(X_train, y_train).predict(X_test)) > 0.8
    X, y = load_iris()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    assert accuracy_score(y_test, ClassificationTree(random_state=0).fit(X_train, y_train).predict(X_test)) > 0.9
    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=0)
    mse = mean_squared_error(y_test, RegressionTree(max_depth=4).fit(X_train, y_train).predict(X_test))
    assert mse < 0.2 * np.var(y_test)


# --------------------------------------------------------------------------- scikit-learn


def test_regression_tree_matches_scikit_learn_exactly_on_one_feature():
    tree_module = pytest.importorskip("sklearn.tree")
    X, y = load_temperature()
    for depth in (1, 3, None):
        ours = RegressionTree(max_depth=depth, min_samples_leaf=2).fit(X, y)
        theirs = tree_module.DecisionTreeRegressor(max_depth=depth, min_samples_leaf=2).fit(X, y)
        grid = np.linspace(0, 1, 500).reshape(-1, 1)
        np.testing.assert_allclose(ours.predict(grid), theirs.predict(grid))
        assert ours.get_n_leaves() == theirs.get_n_leaves()


def _cv_accuracy(make_model, X, y, k=5):
    """Accuracy over k folds, so that every sample is tested once (iris has only 150)."""
    correct = 0
    for X_train, X_test, y_train, y_test in k_fold_cross_validation_sets(X, y, k, random_state=0):
        correct += np.sum(make_model().fit(X_train, y_train).predict(X_test) == y_test)
    return correct / len(y)


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_accuracy_within_two_points_of_scikit_learn(loader):
    tree_module = pytest.importorskip("sklearn.tree")
    X, y = loader()
    k = 2 if loader is load_digits else 5
    ours = _cv_accuracy(lambda: ClassificationTree(random_state=0), X, y, k)
    theirs = _cv_accuracy(lambda: tree_module.DecisionTreeClassifier(random_state=0), X, y, k)
    assert ours >= theirs - 0.02


def test_node_impurities_by_hand():
    """Entropy in bits and variance of a node, by hand (moved from the classic utils' tests)."""
    from mlfromscratch.supervised_learning.decision_tree import _Entropy, _Variance

    def entropy(labels):
        classes, encoded = np.unique(labels, return_inverse=True)
        criterion = _Entropy(encoded, np.ones(len(labels)), len(classes))
        return criterion.leaf(np.arange(len(labels)))[1]

    assert entropy([1, 1, 1]) == 0.0
    assert entropy([0, 1]) == pytest.approx(1.0)
    assert entropy(["a", "b", "c", "d"]) == pytest.approx(2.0)
    # p = (3/4, 1/4): -(0.75 log2 0.75 + 0.25 log2 0.25) = 0.811278...
    assert entropy([0, 0, 0, 1]) == pytest.approx(0.8112781245)
    y = np.array([1.0, 3.0, 2.0, 2.0])
    assert _Variance(y, np.ones(4)).leaf(np.arange(4))[1] == pytest.approx(0.5)
