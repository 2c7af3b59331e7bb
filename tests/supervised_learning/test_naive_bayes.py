import numpy as np
import pytest

from mlfromscratch.supervised_learning import NaiveBayes
from mlfromscratch.utils import (
    NotFittedError,
    accuracy_score,
    load_digits,
    load_iris,
    load_wine,
    train_test_split,
)


def _toy():
    X = np.array([[1.0, 10.0], [3.0, 14.0], [6.0, 0.0], [8.0, 2.0], [10.0, 4.0]])
    y = np.array([0, 0, 1, 1, 1])
    return X, y


# --------------------------------------------------------------------------- hand-computed


def test_parameters_by_hand():
    X, y = _toy()
    model = NaiveBayes(var_smoothing=1e-9).fit(X, y)
    np.testing.assert_allclose(model.theta_, [[2.0, 12.0], [8.0, 2.0]])
    epsilon = 1e-9 * X.var(axis=0).max()
    assert model.epsilon_ == pytest.approx(epsilon)
    np.testing.assert_allclose(model.var_, np.array([[1.0, 4.0], [8 / 3, 8 / 3]]) + epsilon)
    np.testing.assert_allclose(model.class_prior_, [0.4, 0.6])
    np.testing.assert_array_equal(model.class_count_, [2, 3])


def test_posterior_by_hand():
    X, y = _toy()
    model = NaiveBayes().fit(X, y)
    x = np.array([4.0, 7.0])

    def density(value, mean, var):
        return np.exp(-((value - mean) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)

    joint = np.array([
        model.class_prior_[c] * np.prod(density(x, model.theta_[c], model.var_[c])) for c in range(2)
    ])
    np.testing.assert_allclose(model.predict_proba(x[None, :])[0], joint / joint.sum(), rtol=1e-10)
    np.testing.assert_allclose(model.predict_log_proba(x[None, :])[0], np.log(joint / joint.sum()), rtol=1e-10)


def test_far_away_points_do_not_underflow():
    # every density underflows to 0 at x = 1e4 in linear space; log space keeps a clear answer
    X, y = _toy()
    model = NaiveBayes().fit(X, y)
    proba = model.predict_proba([[1e4, 1e4], [-1e4, -1e4]])
    assert np.all(np.isfinite(proba))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert np.all(np.isfinite(model.predict_log_proba([[1e4, 1e4]])))


def test_constant_feature_within_a_class_is_smoothed():
    X = np.array([[1.0, 5.0], [2.0, 5.0], [7.0, 0.0], [9.0, 1.0]])
    model = NaiveBayes().fit(X, [0, 0, 1, 1])
    assert np.all(model.var_ > 0)
    assert np.all(np.isfinite(model.predict_log_proba(X)))
    np.testing.assert_array_equal(model.predict(X), [0, 0, 1, 1])


def test_all_constant_features_still_work():
    model = NaiveBayes().fit(np.ones((4, 2)), [0, 0, 1, 1])
    assert model.epsilon_ == pytest.approx(1e-9)
    np.testing.assert_allclose(model.predict_proba([[1.0, 1.0]]), [[0.5, 0.5]])


def test_priors_change_the_decision():
    X, y = _toy()
    x = [[5.0, 5.0]]
    # the likelihoods favour class 1 by a factor r; a prior ratio beyond r flips the decision
    log_ratio = np.diff(NaiveBayes(priors=[0.5, 0.5]).fit(X, y).predict_log_proba(x)[0])[0]
    assert log_ratio > 0
    strong = 1.0 / (1.0 + np.exp(-2 * log_ratio))                  # odds e^(2 log r) against class 1
    assert NaiveBayes(priors=[strong, 1 - strong]).fit(X, y).predict(x)[0] == 0
    assert NaiveBayes(priors=[1 - strong, strong]).fit(X, y).predict(x)[0] == 1
    model = NaiveBayes(priors=[0.0, 1.0]).fit(X, y)
    np.testing.assert_array_equal(model.predict(X), [1] * 5)
    np.testing.assert_allclose(model.predict_proba(X)[:, 0], 0.0)


# --------------------------------------------------------------------------- invariants


def test_string_labels_round_trip_and_input_unchanged():
    X, y = _toy()
    labels = np.array(["ham", "spam"])[y]
    X_copy, labels_copy = X.copy(), labels.copy()
    model = NaiveBayes()
    assert model.fit(X, labels) is model
    np.testing.assert_array_equal(model.predict(X), labels)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(labels, labels_copy)


def test_refit_starts_fresh():
    X, y = load_iris()
    refitted = NaiveBayes().fit(X[:, :2], (y == 0).astype(int)).fit(X, y)
    fresh = NaiveBayes().fit(X, y)
    np.testing.assert_array_equal(refitted.theta_, fresh.theta_)
    np.testing.assert_array_equal(refitted.classes_, fresh.classes_)


def test_scaled_data_gives_the_same_predictions():
    X, y = load_iris()
    np.testing.assert_array_equal(NaiveBayes().fit(X * 1e6, y).predict(X * 1e6), NaiveBayes().fit(X, y).predict(X))
    np.testing.assert_allclose(
        NaiveBayes().fit(X * 1e6, y).predict_proba(X * 1e6), NaiveBayes().fit(X, y).predict_proba(X), atol=1e-8
    )


# --------------------------------------------------------------------------- bad input


def test_bad_input_raises():
    X, y = _toy()
    model = NaiveBayes()
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
    with pytest.raises(ValueError, match="var_smoothing"):
        NaiveBayes(var_smoothing=0).fit(X, y)
    with pytest.raises(ValueError, match="priors"):
        NaiveBayes(priors=[0.5, 0.6]).fit(X, y)
    with pytest.raises(ValueError, match="priors"):
        NaiveBayes(priors=[1.0]).fit(X, y)
    model.fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :1])


# --------------------------------------------------------------------------- real data


@pytest.mark.parametrize("loader, threshold", [(load_iris, 0.9), (load_wine, 0.93), (load_digits, 0.78)])
def test_learns_real_data(loader, threshold):
    X, y = loader()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    model = NaiveBayes().fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > threshold


def test_matches_scikit_learn():
    naive_bayes = pytest.importorskip("sklearn.naive_bayes")
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    ours = NaiveBayes().fit(X_train, y_train)
    theirs = naive_bayes.GaussianNB().fit(X_train, y_train)
    np.testing.assert_allclose(ours.theta_, theirs.theta_)
    np.testing.assert_allclose(ours.var_, theirs.var_)
    np.testing.assert_allclose(ours.predict_log_proba(X_test), theirs.predict_log_proba(X_test), rtol=1e-8, atol=1e-6)
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))


# ------------------------------------------------------------------- hyperparameters (issue 16) and role (issue 15)


@pytest.mark.parametrize("value", [np.nan, np.inf, -1.0, 0.0, "1e-9", None], ids=repr)
def test_var_smoothing_must_be_a_finite_positive_number(value):
    X, y = _toy()
    with pytest.raises(ValueError, match="var_smoothing"):
        NaiveBayes(var_smoothing=value).fit(X, y)


@pytest.mark.parametrize("priors", [[np.nan, 1.0], [np.inf, -np.inf], [-1.0, 2.0], [0.5, 0.5, 0.0]], ids=repr)
def test_priors_must_be_finite_probabilities(priors):
    X, y = _toy()
    with pytest.raises(ValueError, match="priors"):
        NaiveBayes(priors=priors).fit(X, y)


def test_score_is_accuracy():
    X, y = _toy()
    model = NaiveBayes().fit(X, y)
    assert model.score(X, y) == np.mean(model.predict(X) == y)
    assert model._estimator_type == "classifier"


def test_predict_is_the_argmax_of_the_posterior():
    # predict skips the normaliser log p(x), which is the same for every class
    X, y = load_iris()
    model = NaiveBayes().fit(X, y)
    np.testing.assert_array_equal(model.predict(X), model.classes_[np.argmax(model.predict_proba(X), axis=1)])
