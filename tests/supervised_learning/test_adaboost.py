import numpy as np
import pytest

from mlfromscratch.supervised_learning import Adaboost
from mlfromscratch.utils import (
    NotFittedError,
    accuracy_score,
    k_fold_cross_validation_sets,
    load_breast_cancer,
    load_digits,
    load_iris,
    train_test_split,
)


def _splits_at(stump, threshold):
    """True if the stump sends x <= threshold to one leaf and x > threshold to the other."""
    leaves = stump.apply([[threshold - 0.5], [threshold], [np.nextafter(threshold, np.inf)], [threshold + 0.5]])
    return leaves[0] == leaves[1] != leaves[2] == leaves[3]


# --------------------------------------------------------------------------- hand-computed


def test_first_rounds_by_hand():
    X = np.array([[1.0], [2.0], [3.0], [4.0], [5.0]])
    y = np.array([0, 0, 1, 1, 0])
    model = Adaboost(n_estimators=2).fit(X, y)
    # round 1: the best Gini stump splits at 2.5 and misses sample 5 only
    first = model.estimators_[0]
    assert _splits_at(first, 2.5)
    np.testing.assert_array_equal(first.predict(X), [0, 0, 1, 1, 1])
    assert model.estimator_errors_[0] == pytest.approx(1 / 5)
    assert model.estimator_weights_[0] == pytest.approx(np.log(4))  # log((1 - e) / e) + log(K - 1)
    # round 2: sample 5 now weighs 4/8, the others 1/8. Weighted Gini of the children:
    # 1.5 -> 0.357, 2.5 -> 0.333, 3.5 -> 0.367, 4.5 -> 0.25. At 4.5 the left leaf
    # {0, 0, 1, 1} is a 2/8 vs 2/8 tie, which goes to the first class, missing samples 3 and 4
    second = model.estimators_[1]
    assert _splits_at(second, 4.5)
    np.testing.assert_array_equal(second.predict(X), [0, 0, 0, 0, 0])
    assert model.estimator_errors_[1] == pytest.approx(2 / 8)
    assert model.estimator_weights_[1] == pytest.approx(np.log(3))
    votes = model.decision_function(X)
    expected = np.zeros((5, 2))
    for stump, alpha in zip(model.estimators_, model.estimator_weights_):
        expected[np.arange(5), stump.predict(X)] += alpha
    # two classes: the score of the second class, v_1 - v_0, as in scikit-learn
    np.testing.assert_allclose(votes, expected[:, 1] - expected[:, 0])


def test_samme_weight_has_the_log_k_minus_one_term():
    X, y = load_iris()
    model = Adaboost(n_estimators=3, learning_rate=0.5, random_state=0).fit(X, y)
    e = model.estimator_errors_
    np.testing.assert_allclose(model.estimator_weights_, 0.5 * (np.log((1 - e) / e) + np.log(2)))
    assert e[0] == pytest.approx(1 / 3)  # the first stump separates setosa only


def test_perfect_stump_stops_boosting():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = Adaboost(n_estimators=10).fit(X, ["a", "a", "b", "b"])
    assert len(model.estimators_) == 1
    np.testing.assert_array_equal(model.estimator_errors_, [0.0])
    assert list(model.predict([[0.2], [2.9]])) == ["a", "b"]


def test_ties_go_to_the_first_class_consistently():
    X = np.ones((4, 2))  # nothing to learn, two equally frequent classes
    for labels in (["b", "a", "b", "a"], ["a", "b", "a", "b"]):
        model = Adaboost(n_estimators=5).fit(X, labels)
        assert list(model.predict(X)) == ["a"] * 4
    one = Adaboost().fit(np.arange(6.0).reshape(-1, 1), [7] * 6)
    np.testing.assert_array_equal(one.predict([[0.0], [10.0]]), [7, 7])


def test_a_first_stump_no_better_than_chance_gets_no_vote():
    # balanced conflicting labels: nothing beats chance, so the model must not be confident
    X = np.zeros((8, 1))
    y = np.array([0, 1] * 4)
    model = Adaboost().fit(X, y)
    np.testing.assert_array_equal(model.estimator_weights_, [0.0])
    np.testing.assert_allclose(model.predict_proba(X), 0.5)
    np.testing.assert_array_equal(model.predict(X), 0)  # the tie goes to the first class
    three = Adaboost().fit(np.zeros((9, 2)), np.repeat(["a", "b", "c"], 3))
    np.testing.assert_allclose(three.predict_proba(np.zeros((2, 2))), 1 / 3)


def test_probabilities_follow_the_samme_formula():
    X, y = load_iris()
    model = Adaboost(n_estimators=10, random_state=0).fit(X, y)
    votes, K = model.decision_function(X), 3
    # Zhu et al. eq. 15: softmax(f / (K - 1)) of the symmetric scores f_k = (K v_k - A) / ((K - 1) A)
    A = model.estimator_weights_.sum()
    f = (K * votes - A) / ((K - 1) * A)
    expected = np.exp(f / (K - 1)) / np.exp(f / (K - 1)).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(model.predict_proba(X), expected)


def test_decision_function_predict_and_proba_agree():
    X, y = load_iris()  # three classes: argmax of the votes is the prediction
    model = Adaboost(n_estimators=10, random_state=0).fit(X, np.array(["setosa", "versicolor", "virginica"])[y])
    scores, proba = model.decision_function(X), model.predict_proba(X)
    assert scores.shape == (150, 3)
    np.testing.assert_array_equal(model.classes_[np.argmax(scores, axis=1)], model.predict(X))
    for row_scores, row_proba in zip(scores, proba):  # same ranking of the classes in every row
        np.testing.assert_array_equal(np.argsort(row_scores, kind="stable"), np.argsort(row_proba, kind="stable"))
    X, y = load_breast_cancer()  # two classes: one score, positive for classes_[1]
    model = Adaboost(n_estimators=10, random_state=0).fit(X, y)
    scores, proba = model.decision_function(X), model.predict_proba(X)
    assert scores.shape == (len(X),)
    np.testing.assert_array_equal(model.predict(X), (scores > 0).astype(int))
    order = np.argsort(scores, kind="stable")
    assert np.all(np.diff(proba[order, 1]) >= 0)  # the probability ranks the samples as the score does
    assert model.score(X, y) == pytest.approx(accuracy_score(y, model.predict(X)))


# --------------------------------------------------------------------------- invariants


def test_invariants():
    X, y = load_breast_cancer()
    X_copy, y_copy = X.copy(), y.copy()
    model = Adaboost(n_estimators=10, random_state=0)
    assert model.fit(X, y) is model
    first = model.decision_function(X)
    np.testing.assert_array_equal(Adaboost(n_estimators=10, random_state=0).fit(X, y).decision_function(X), first)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(np.argmax(proba, axis=1), (first > 0).astype(int))
    model.fit(X[:, :5], y)
    assert model.n_features_in_ == 5
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    labels = np.array(["malignant", "benign"])[y]
    string_model = Adaboost(n_estimators=10, random_state=0).fit(X, labels)
    boolean_model = Adaboost(n_estimators=10, random_state=0).fit(X, y == 1)
    np.testing.assert_array_equal(string_model.predict(X) == "benign", boolean_model.predict(X))


def test_bad_input_and_not_fitted():
    X, y = load_iris()
    with pytest.raises(NotFittedError):
        Adaboost().predict(X)
    with pytest.raises(ValueError, match="n_estimators"):
        Adaboost(n_estimators=0).fit(X, y)
    with pytest.raises(ValueError, match="learning_rate"):
        Adaboost(learning_rate=0).fit(X, y)
    with pytest.raises(ValueError, match="2 dimensions"):
        Adaboost().fit(X[0], y[:4])
    with pytest.raises(ValueError, match="NaN"):
        Adaboost().fit(np.full((3, 2), np.nan), [0, 1, 0])
    with pytest.raises(ValueError, match="at least 1 sample"):
        Adaboost().fit(np.empty((0, 2)), [])
    model = Adaboost(n_estimators=3).fit(X, y)
    with pytest.raises(ValueError, match="4 features"):
        model.predict(X[:, :1])


@pytest.mark.parametrize(
    "param, value",
    [
        ("n_estimators", 0),
        ("n_estimators", 2.5),
        ("n_estimators", np.nan),
        ("learning_rate", np.nan),
        ("learning_rate", np.inf),
        ("learning_rate", -1.0),
        ("learning_rate", "fast"),
        ("random_state", "abc"),
    ],
)
def test_hyperparameters_are_checked_at_fit(param, value):
    X, y = load_iris()
    with pytest.raises(ValueError, match=f"Adaboost: .*{param}"):
        Adaboost(**{param: value}).fit(X, y)


# --------------------------------------------------------------------------- real data


def test_learns_binary_digits_and_breast_cancer():
    X, y = load_digits()
    keep = (y == 1) | (y == 8)  # the classic example: ones against eights
    X_train, X_test, y_train, y_test = train_test_split(X[keep], y[keep], test_size=0.3, random_state=0)
    model = Adaboost(n_estimators=20, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.9
    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    model = Adaboost(n_estimators=30, random_state=0).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.93
    assert accuracy_score(y_test, model.predict(X_test)) > accuracy_score(y_test, model.estimators_[0].predict(X_test))


# --------------------------------------------------------------------------- scikit-learn


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_matches_scikit_learn_samme(loader):
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = loader()
    n_estimators = 10 if loader is load_digits else 30
    ours, theirs = 0, 0
    for X_train, X_test, y_train, y_test in k_fold_cross_validation_sets(X, y, 3, random_state=0):
        model = Adaboost(n_estimators=n_estimators, random_state=0).fit(X_train, y_train)
        reference = ensemble.AdaBoostClassifier(n_estimators=n_estimators, random_state=0).fit(X_train, y_train)
        ours += np.sum(model.predict(X_test) == y_test)
        theirs += np.sum(reference.predict(X_test) == y_test)
        # the same weighted Gini stumps give the same first errors and votes
        np.testing.assert_allclose(model.estimator_errors_[:2], reference.estimator_errors_[:2])
        np.testing.assert_allclose(model.estimator_weights_[:2], reference.estimator_weights_[:2])
    assert ours / len(y) >= theirs / len(y) - 0.02


@pytest.mark.parametrize("loader", [load_iris, load_breast_cancer, load_digits])
def test_probabilities_match_scikit_learn_samme(loader):
    ensemble = pytest.importorskip("sklearn.ensemble")
    X, y = loader()
    ours = Adaboost(n_estimators=10, random_state=0).fit(X, y)
    theirs = ensemble.AdaBoostClassifier(n_estimators=10, random_state=0).fit(X, y)
    # the same stumps give the same SAMME probabilities
    np.testing.assert_allclose(ours.estimator_weights_, theirs.estimator_weights_)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-12)
    ours_scores, their_scores = ours.decision_function(X), theirs.decision_function(X)
    if len(ours.classes_) == 2:  # one score per sample, positive for classes_[1]
        np.testing.assert_array_equal(np.sign(ours_scores), np.sign(their_scores))
    else:
        np.testing.assert_array_equal(np.argmax(ours_scores, axis=1), np.argmax(their_scores, axis=1))


def test_chance_level_up_to_rounding_gives_uniform_probabilities():
    """Labels that no split can separate: every stump's error is 0.5 up to rounding, so no stump
    may vote (a vote of ~4e-16 normalised by a total of ~1e-15 used to claim 0.66 confidence)."""
    X = np.repeat([0.0, 1.0], 10)[:, None]
    y = np.tile([0, 1], 10)
    model = Adaboost(n_estimators=5).fit(X, y)
    np.testing.assert_allclose(model.predict_proba(X), 0.5)
    assert np.all(model.estimator_weights_ == 0.0)
