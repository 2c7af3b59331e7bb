import warnings

import numpy as np
import pytest

from mlfromscratch.supervised_learning import LDA
from mlfromscratch.utils.data_manipulation import train_test_split
from mlfromscratch.utils.datasets import load_breast_cancer, load_iris
from mlfromscratch.utils.validation import NotFittedError

# two rectangles of four points: class means (1, 0.5) and (5, 1.5), within-class
# scatter S_W = diag(8, 2), pooled covariance Sigma = S_W / (8 - 2) = diag(4/3, 1/3)
X_TOY = np.array(
    [[0, 0], [2, 0], [0, 1], [2, 1], [4, 1], [6, 1], [4, 2], [6, 2]], dtype=float
)
Y_TOY = np.array([0, 0, 0, 0, 1, 1, 1, 1])


def gaussian_classes(n=200, seed=0):
    rng = np.random.default_rng(seed)
    cov = np.array([[1.0, 0.6], [0.6, 0.8]])
    L = np.linalg.cholesky(cov)
    X0 = rng.standard_normal((n, 2)) @ L.T
    X1 = rng.standard_normal((n // 2, 2)) @ L.T + [1.5, -0.5]
    return np.vstack([X0, X1]), np.r_[np.zeros(n, int), np.ones(n // 2, int)]


def test_toy_direction_and_threshold_by_hand():
    lda = LDA(shrinkage=0.0).fit(X_TOY, Y_TOY)
    # w = Sigma^-1 (mu_1 - mu_0) = diag(3/4, 3) (4, 1) = (3, 3), not the mean difference (4, 1)
    np.testing.assert_allclose(lda.coef_, [3.0, 3.0], atol=1e-12)
    # equal priors: b = -w . (mu_0 + mu_1) / 2 = -(3 * 3 + 3 * 1) = -12
    assert lda.intercept_ == pytest.approx(-12.0)
    np.testing.assert_allclose(lda.means_, [[1, 0.5], [5, 1.5]])
    np.testing.assert_allclose(lda.covariance_, np.diag([4 / 3, 1 / 3]))
    np.testing.assert_allclose(lda.scalings_, [2**-0.5, 2**-0.5])
    np.testing.assert_array_equal(lda.predict(X_TOY), Y_TOY)
    # the prior moves the threshold by log(pi_1 / pi_0)
    skewed = LDA(shrinkage=0.0, priors=[0.25, 0.75]).fit(X_TOY, Y_TOY)
    assert skewed.intercept_ == pytest.approx(-12.0 + np.log(3.0))


def test_decision_function_is_gaussian_log_posterior_odds():
    from scipy.stats import multivariate_normal

    X, y = gaussian_classes()
    lda = LDA(shrinkage=0.0).fit(X, y)
    log_joint = [
        multivariate_normal(lda.means_[c], lda.covariance_).logpdf(X) + np.log(lda.priors_[c])
        for c in range(2)
    ]
    np.testing.assert_allclose(lda.decision_function(X), log_joint[1] - log_joint[0], atol=1e-9)
    proba = lda.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(lda.predict(X), lda.classes_[proba.argmax(axis=1)])


def test_transform_projects_on_unit_direction():
    X, y = gaussian_classes()
    lda = LDA()
    Z = lda.fit_transform(X, y)
    assert Z.shape == (len(X), 1)
    np.testing.assert_allclose(Z[:, 0], X @ lda.coef_ / np.linalg.norm(lda.coef_))


def test_invariants_labels_inputs_refit():
    X, y = gaussian_classes()
    labels = np.where(y == 1, "spam", "ham")
    X_copy, labels_copy = X.copy(), labels.copy()
    lda = LDA()
    assert lda.fit(X, labels) is lda
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(labels, labels_copy)
    assert set(lda.predict(X)) <= {"ham", "spam"}
    np.testing.assert_array_equal(lda.predict(X) == "spam", LDA().fit(X, y).predict(X) == 1)
    # refit on other data equals a fresh fit
    lda.fit(X_TOY, Y_TOY)
    fresh = LDA().fit(X_TOY, Y_TOY)
    np.testing.assert_allclose(lda.coef_, fresh.coef_)
    assert lda.intercept_ == fresh.intercept_
    # swapping which label is "positive" flips the sign of w
    flipped = LDA().fit(X, 1 - y)
    np.testing.assert_allclose(flipped.coef_, -LDA().fit(X, y).coef_)


def test_badly_scaled_and_collinear_data():
    X, y = load_breast_cancer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reference = LDA().fit(X, y).predict(X)
        scaled = LDA().fit(X * 1e6, y).predict(X * 1e6)
        # a duplicated column makes S_W singular: the ridge keeps the solve defined
        LDA().fit(np.c_[X, X[:, 0]], y).predict(np.c_[X, X[:, 0]])
    np.testing.assert_array_equal(reference, scaled)


@pytest.mark.parametrize(
    "X, y, message",
    [
        (np.ones(4), [0, 1, 0, 1], "2 dimensions"),
        ([[0.0], [np.nan], [1.0], [2.0]], [0, 1, 0, 1], "NaN"),
        ([[0.0], [1.0], [2.0]], [0, 1], "inconsistent"),
        ([[0.0], [1.0], [2.0]], [1, 1, 1], "at least 2 classes"),
        ([[0.0], [1.0], [2.0], [3.0]], [0, 1, 2, 2], "exactly two"),
    ],
)
def test_bad_input(X, y, message):
    with pytest.raises(ValueError, match=message):
        LDA().fit(X, y)


def test_bad_parameters_and_unfitted():
    with pytest.raises(ValueError, match="shrinkage"):
        LDA(shrinkage=1.5).fit(X_TOY, Y_TOY)
    with pytest.raises(ValueError, match="priors"):
        LDA(priors=[1.0, 0.0]).fit(X_TOY, Y_TOY)
    with pytest.raises(ValueError, match="singular"):
        LDA(shrinkage=0.0).fit(np.c_[X_TOY, X_TOY[:, 0]], Y_TOY)
    with pytest.raises(NotFittedError):
        LDA().predict(X_TOY)
    lda = LDA().fit(X_TOY, Y_TOY)
    with pytest.raises(ValueError, match="features"):
        lda.predict(np.ones((2, 3)))


def test_learns_breast_cancer():
    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    accuracy = np.mean(LDA().fit(X_train, y_train).predict(X_test) == y_test)
    assert accuracy > 0.93


def test_learns_two_iris_species():
    X, y = load_iris()
    mask = y > 0  # versicolor vs virginica: the overlapping pair
    X_train, X_test, y_train, y_test = train_test_split(X[mask], y[mask], test_size=0.4, random_state=1)
    assert np.mean(LDA().fit(X_train, y_train).predict(X_test) == y_test) > 0.9


def test_matches_scikit_learn():
    sklearn_lda = pytest.importorskip("sklearn.discriminant_analysis")
    X, y = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    ours = LDA().fit(X_train, y_train)
    theirs = sklearn_lda.LinearDiscriminantAnalysis().fit(X_train, y_train)
    assert abs(np.mean(ours.predict(X_test) == y_test) - theirs.score(X_test, y_test)) <= 0.02
    # same model: the decision functions agree up to the tiny ridge
    np.testing.assert_allclose(ours.decision_function(X_test), theirs.decision_function(X_test), atol=0.2)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=0.02)


# ------------------------------------------------------------------- hyperparameters (issue 16) and roles (issue 15)


@pytest.mark.parametrize("value", [np.nan, np.inf, -1.0, 1.5, "0.1", None], ids=repr)
def test_shrinkage_must_be_a_number_in_unit_interval(value):
    X, y = load_breast_cancer()
    with pytest.raises(ValueError, match="shrinkage"):
        LDA(shrinkage=value).fit(X, y)


@pytest.mark.parametrize("priors", [[np.nan, 0.5], [np.inf, 1.0], [-1.0, 2.0]], ids=repr)
def test_priors_must_be_finite_and_positive(priors):
    X, y = load_breast_cancer()
    with pytest.raises(ValueError, match="priors"):
        LDA(priors=priors).fit(X, y)


def test_score_and_fit_transform_come_from_the_roles():
    X, y = load_breast_cancer()
    model = LDA()
    np.testing.assert_allclose(model.fit_transform(X, y), LDA().fit(X, y).transform(X))
    assert model.score(X, y) == np.mean(model.predict(X) == y)
    assert model._estimator_type == "classifier"


def test_scikit_learn_reads_that_lda_is_binary_only():
    pytest.importorskip("sklearn")
    assert LDA().__sklearn_tags__().classifier_tags.multi_class is False
    X, y = load_iris()
    with pytest.raises(ValueError, match="Only binary classification is supported"):
        LDA().fit(X, y)
