import warnings

import numpy as np
import pytest

from mlfromscratch.supervised_learning import SupportVectorMachine
from mlfromscratch.utils.data_manipulation import standardize, train_test_split
from mlfromscratch.utils.datasets import load_breast_cancer, load_digits, load_iris, make_blobs, make_moons
from mlfromscratch.utils.validation import ConvergenceWarning, NotFittedError

# separable toy set: the closest points of the two convex hulls are (2, 0) and (0, 0),
# so the max-margin hyperplane is their perpendicular bisector x_1 = 1:
# w = (1, 0), b = -1, margin 2 / ||w|| = 2, alpha = 1/2 on the two support vectors
X_TOY = np.array([[2.0, 0.0], [0.0, 0.0], [3.0, 1.0], [-1.0, -1.0], [2.0, -1.0], [0.0, 1.5], [4.0, 4.0]])
Y_TOY = np.array([1, -1, 1, -1, 1, -1, 1])


@pytest.mark.parametrize(
    "params", [{"kernel": "linear"}, {"kernel": "poly", "degree": 1, "gamma": 1.0, "coef0": 0.0}]
)
def test_max_margin_hyperplane_by_hand(params):
    svm = SupportVectorMachine(C=1e3, tol=1e-6, **params).fit(X_TOY, Y_TOY)
    w = svm.dual_coef_ @ svm.support_vectors_
    np.testing.assert_allclose(w, [[1.0, 0.0]], atol=1e-6)
    np.testing.assert_allclose(svm.intercept_, [-1.0], atol=1e-6)
    np.testing.assert_array_equal(svm.support_, [0, 1])
    np.testing.assert_allclose(svm.dual_coef_, [[0.5, -0.5]], atol=1e-6)
    np.testing.assert_array_equal(svm.n_support_, [1, 1])
    np.testing.assert_allclose(svm.decision_function(X_TOY), X_TOY[:, 0] - 1.0, atol=1e-6)
    np.testing.assert_array_equal(svm.predict(X_TOY), Y_TOY)


def test_kkt_conditions_and_dual_constraints():
    X, y = make_moons(n_samples=200, noise=0.2, random_state=0)
    C, tol = 2.0, 1e-4
    svm = SupportVectorMachine(C=C, kernel="rbf", gamma=1.0, tol=tol).fit(X, y)
    signs = np.where(y == 1, 1.0, -1.0)
    alpha = np.zeros(len(X))
    alpha[svm.support_] = svm.dual_coef_[0] * signs[svm.support_]
    assert np.all(alpha >= 0) and np.all(alpha <= C)
    assert abs(svm.dual_coef_.sum()) < 1e-10                   # sum_i y_i alpha_i = 0
    margin = signs * svm.decision_function(X)                 # y_i f(x_i)
    slack = 2 * tol
    assert np.all(margin[alpha == 0] >= 1 - slack)              # outside the margin
    free = (alpha > 0) & (alpha < C)
    assert free.any() and np.all(np.abs(margin[free] - 1) <= slack)  # on the margin
    assert np.all(margin[alpha == C] <= 1 + slack)              # inside it or misclassified


def test_gram_cache_does_not_change_the_solution():
    X, y = make_blobs(n_samples=150, centers=3, cluster_std=2.0, random_state=0)  # no duplicates
    # rounding differs between the two ways of computing kernel values, so SMO may take
    # another path; run both to a tight tolerance and compare the optima
    full = SupportVectorMachine(tol=1e-8).fit(X, y)
    on_demand = SupportVectorMachine(tol=1e-8, cache_size=1e-3).fit(X, y)  # Gram matrix does not fit
    np.testing.assert_array_equal(full.support_, on_demand.support_)
    np.testing.assert_allclose(full.dual_coef_, on_demand.dual_coef_, atol=1e-5)
    np.testing.assert_allclose(full.decision_function(X), on_demand.decision_function(X), atol=1e-6)


def test_multi_class_strategies():
    X, y = load_iris()
    labels = np.array([3, 7, 11])[y]  # non-contiguous labels
    ovo = SupportVectorMachine(multi_class="ovo").fit(X, labels)
    ovr = SupportVectorMachine(multi_class="ovr").fit(X, labels)
    assert ovo.decision_function(X).shape == (150, 3) and ovo.dual_coef_.shape[0] == 3
    assert ovr.decision_function(X).shape == (150, 3)
    for svm in (ovo, ovr):
        assert set(svm.predict(X)) <= {3, 7, 11}
        assert np.mean(svm.predict(X) == labels) > 0.94
    # ovr: the class with the largest decision value wins
    np.testing.assert_array_equal(ovr.predict(X), ovr.classes_[ovr.decision_function(X).argmax(axis=1)])
    # ovo: pair (a, b) votes b when positive; columns are pairs (0, 1), (0, 2), (1, 2)
    scores = ovo.decision_function(X)
    votes = np.zeros((150, 3))
    for column, (a, b) in enumerate([(0, 1), (0, 2), (1, 2)]):
        votes[np.arange(150), np.where(scores[:, column] > 0, b, a)] += 1
    clear = votes.max(axis=1) > 1
    np.testing.assert_array_equal(ovo.predict(X)[clear], ovo.classes_[votes.argmax(axis=1)][clear])


def test_invariants_labels_inputs_refit():
    X, y = load_breast_cancer()
    X = standardize(X)[:200]
    labels = np.where(y[:200] == 1, "benign", "malignant")
    X_copy, labels_copy = X.copy(), labels.copy()
    svm = SupportVectorMachine()
    assert svm.fit(X, labels) is svm
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(labels, labels_copy)
    assert list(svm.classes_) == ["benign", "malignant"]
    # decision > 0 means classes_[1]
    np.testing.assert_array_equal(svm.predict(X) == "malignant", svm.decision_function(X) > 0)
    first = svm.dual_coef_.copy()
    svm.fit(X[:50], labels[:50]).fit(X, labels)
    np.testing.assert_array_equal(svm.dual_coef_, first)
    assert not hasattr(svm, "coef_")  # primal weights only exist for the linear kernel
    linear = SupportVectorMachine(kernel="linear").fit(X, labels)
    np.testing.assert_allclose(linear.coef_, linear.dual_coef_ @ linear.support_vectors_)
    assert not hasattr(linear.set_params(kernel="rbf").fit(X, labels), "coef_")


def test_badly_scaled_data_without_warnings():
    X, y = load_breast_cancer()
    X = standardize(X)[:200]
    y = y[:200]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for kernel in ("rbf", "poly"):
            # gamma="scale" follows the units of X, so x1e6 gives the same classifier
            reference = SupportVectorMachine(kernel=kernel).fit(X, y).predict(X)
            scaled = SupportVectorMachine(kernel=kernel).fit(X * 1e6, y).predict(X * 1e6)
            assert np.mean(reference == scaled) > 0.99
        svm = SupportVectorMachine(kernel="linear", C=1e-12).fit(X_TOY * 1e6, Y_TOY)
        np.testing.assert_array_equal(svm.predict(X_TOY * 1e6), Y_TOY)


def test_convergence_warning():
    X, y = make_moons(n_samples=100, noise=0.3, random_state=0)
    with pytest.warns(ConvergenceWarning, match="max_iter"):
        SupportVectorMachine(max_iter=2).fit(X, y)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"kernel": "sigmoid"}, "unknown kernel"),
        ({"gamma": "large"}, "unknown gamma"),
        ({"gamma": -1.0}, "gamma"),
        ({"C": 0.0}, "C must be > 0"),
        ({"multi_class": "crammer_singer"}, "unknown multi_class"),
        ({"degree": 2.5}, "degree"),
        ({"max_iter": 0}, "max_iter"),
    ],
)
def test_bad_parameters(params, message):
    with pytest.raises(ValueError, match=message):
        SupportVectorMachine(**params).fit(X_TOY, Y_TOY)


def test_bad_input_and_unfitted():
    with pytest.raises(ValueError, match="2 dimensions"):
        SupportVectorMachine().fit(X_TOY[:, 0], Y_TOY)
    with pytest.raises(ValueError, match="NaN"):
        SupportVectorMachine().fit(np.where(X_TOY > 3, np.inf, X_TOY), Y_TOY)
    with pytest.raises(ValueError, match="inconsistent"):
        SupportVectorMachine().fit(X_TOY, Y_TOY[:-1])
    with pytest.raises(ValueError, match="at least 2 classes"):
        SupportVectorMachine().fit(X_TOY, np.ones(len(X_TOY)))
    with pytest.raises(NotFittedError):
        SupportVectorMachine().predict(X_TOY)
    with pytest.raises(ValueError, match="features"):
        SupportVectorMachine().fit(X_TOY, Y_TOY).decision_function(np.ones((2, 3)))


def test_learns_digits():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    svm = SupportVectorMachine().fit(X_train, y_train)
    assert np.mean(svm.predict(X_test) == y_test) > 0.97
    assert len(svm.n_iter_) == 45 and svm.n_support_.sum() == len(svm.support_)


@pytest.mark.parametrize(
    "params", [{"kernel": "rbf"}, {"kernel": "linear"}, {"kernel": "poly", "degree": 2, "coef0": 1.0}]
)
def test_matches_scikit_learn_binary(params):
    svm_module = pytest.importorskip("sklearn.svm")
    X, y = load_breast_cancer()
    X = standardize(X)
    ours = SupportVectorMachine(**params).fit(X, y)
    theirs = svm_module.SVC(**params).fit(X, y)
    # same dual problem, same tolerance: the decision functions agree closely
    scale = np.abs(theirs.decision_function(X)).max()
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X), atol=0.01 * scale)
    assert abs(len(ours.support_) - len(theirs.support_)) <= 3


def test_matches_scikit_learn_digits():
    svm_module = pytest.importorskip("sklearn.svm")
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    for params in ({"kernel": "rbf"}, {"kernel": "poly", "degree": 3}):
        ours = np.mean(SupportVectorMachine(**params).fit(X_train, y_train).predict(X_test) == y_test)
        theirs = svm_module.SVC(**params).fit(X_train, y_train).score(X_test, y_test)
        assert abs(ours - theirs) <= 0.02, params
