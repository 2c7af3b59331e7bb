import warnings

import numpy as np
import pytest

from mlfromscratch.supervised_learning import SupportVectorMachine
from mlfromscratch.supervised_learning._kernel_cache import KernelColumnCache
from mlfromscratch.supervised_learning._svm_multiclass import ovo_class_scores
from mlfromscratch.supervised_learning.support_vector_machine import _newton_on_free_set, smo
from mlfromscratch.utils.data_manipulation import standardize, train_test_split
from mlfromscratch.utils.datasets import load_breast_cancer, load_digits, load_iris, make_blobs, make_moons
from mlfromscratch.utils.kernels import rbf_kernel
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
    scores = ovo._binary_decision_function(X)
    assert scores.shape == (150, 3)
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


def _noisy_linear_problem(seed=0):
    """200 noisy 2-D points whose classes overlap: with a large C, plain SMO needs ~1e6 updates."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(200, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] + rng.normal(scale=1.5, size=200) > 0).astype(int)
    return X, y


def _dual_objective(K, signs, alpha):
    """1/2 alpha^T Q alpha - 1^T alpha with Q = diag(y) K diag(y)."""
    v = signs * alpha
    return 0.5 * v @ K @ v - alpha.sum()


def test_n_iter_counts_pair_updates():
    # on the toy set the first pair step (x_0, x_1) lands on the optimum: one update, no more
    svm = SupportVectorMachine(kernel="linear", C=1e3, tol=1e-6).fit(X_TOY, Y_TOY)
    np.testing.assert_array_equal(svm.n_iter_, [1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # one allowed update is enough to converge: no warning
        capped = SupportVectorMachine(kernel="linear", C=1e3, tol=1e-6, max_iter=1).fit(X_TOY, Y_TOY)
    np.testing.assert_array_equal(capped.n_iter_, [1])
    np.testing.assert_allclose(capped.dual_coef_, [[0.5, -0.5]], atol=1e-12)
    X, y = make_moons(n_samples=100, noise=0.3, random_state=0)
    with pytest.warns(ConvergenceWarning):
        np.testing.assert_array_equal(SupportVectorMachine(max_iter=7).fit(X, y).n_iter_, [7])


def test_smo_function_by_hand():
    X = np.array([[0.0, 0.0], [2.0, 0.0]])
    alpha, b, n_iter, converged = smo(X @ X.T, np.array([-1.0, 1.0]), C=10.0)
    np.testing.assert_allclose(alpha, [0.5, 0.5])
    assert b == -1.0 and n_iter == 1 and converged


@pytest.mark.parametrize("seed", [0, 1])
def test_large_C_converges_on_overlapping_classes(seed):
    # issue 20: with C = 1e4 the default cap of 20,000 plain SMO updates stopped far from the optimum
    # (training accuracy 0.49 on seed 0, worse than chance); the free-set Newton step converges
    X, y = _noisy_linear_problem(seed)
    C, tol = 1e4, 1e-3
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svm = SupportVectorMachine(kernel="linear", C=C).fit(X, y)
    assert svm.n_iter_[0] < 20_000
    signs = np.where(y == 1, 1.0, -1.0)
    alpha = np.zeros(len(X))
    alpha[svm.support_] = svm.dual_coef_[0] * signs[svm.support_]
    assert np.all(alpha >= 0) and np.all(alpha <= C) and abs(svm.dual_coef_.sum()) < 1e-6 * C
    margin = signs * svm.decision_function(X)                   # KKT conditions, as for small C
    assert np.all(margin[alpha == 0] >= 1 - 2 * tol)
    assert np.all(margin[alpha == C] <= 1 + 2 * tol)
    assert np.all(np.abs(margin[(alpha > 0) & (alpha < C)] - 1) <= 2 * tol)
    svm_module = pytest.importorskip("sklearn.svm")
    theirs = svm_module.SVC(kernel="linear", C=C).fit(X, y)
    assert svm.score(X, y) >= theirs.score(X, y) - 0.01          # libsvm converges after ~3e6 updates
    theirs_alpha = np.zeros(len(X))
    theirs_alpha[theirs.support_] = np.abs(theirs.dual_coef_[0])
    K = X @ X.T
    ours_objective = _dual_objective(K, signs, alpha)
    assert ours_objective <= _dual_objective(K, signs, theirs_alpha) * (1 - 1e-6)  # as low (negative)


@pytest.mark.parametrize("kernel, C", [("rbf", 2.0), ("linear", 100.0)])
def test_newton_step_reaches_the_solution_of_plain_smo(kernel, C):
    # the reference: SMO without the free-set step (newton_every=None), run to a tight tolerance
    X, y = (make_moons(n_samples=200, noise=0.2, random_state=0) if kernel == "rbf"
            else _noisy_linear_problem(0))
    K = rbf_kernel(gamma=1.0)(X, X) if kernel == "rbf" else X @ X.T
    signs = np.where(y == 1, 1.0, -1.0)
    plain = smo(K, signs, C, tol=1e-6, max_iter=200_000, newton_every=None)
    fast = smo(K, signs, C, tol=1e-6, max_iter=200_000)
    assert plain[3] and fast[3] and fast[2] < plain[2]
    scale = np.abs(K @ (signs * plain[0])).max()
    np.testing.assert_allclose(K @ (signs * fast[0]) + fast[1], K @ (signs * plain[0]) + plain[1],
                               atol=1e-4 * scale)
    np.testing.assert_allclose(_dual_objective(K, signs, fast[0]), _dual_objective(K, signs, plain[0]),
                               rtol=1e-8)


def test_newton_on_free_set_lowers_objective_and_keeps_constraints():
    X, y = make_moons(n_samples=120, noise=0.3, random_state=2)
    K = rbf_kernel(gamma=1.0)(X, X)
    signs = np.where(y == 1, 1.0, -1.0)
    C = 5.0
    alpha, _, _, _ = smo(K, signs, C, tol=1e-3, max_iter=40, newton_every=None)  # part way
    G = signs * (K @ (signs * alpha)) - 1.0
    alpha_before, G_before = alpha.copy(), G.copy()
    new_alpha, new_G = _newton_on_free_set(K, signs, alpha, G, C, max_steps=50)
    np.testing.assert_array_equal(alpha, alpha_before)           # inputs untouched
    np.testing.assert_array_equal(G, G_before)
    assert np.all(new_alpha >= 0) and np.all(new_alpha <= C)
    assert abs(signs @ new_alpha) < 1e-10
    assert _dual_objective(K, signs, new_alpha) < _dual_objective(K, signs, alpha) - 1e-3
    np.testing.assert_allclose(new_G, signs * (K @ (signs * new_alpha)) - 1.0, atol=1e-10)
    # at the minimum of the face, -y_t G_t is the same on every free multiplier (= b)
    free = (new_alpha > 0) & (new_alpha < C)
    assert free.sum() >= 2
    np.testing.assert_allclose(-signs[free] * new_G[free], -signs[free][0] * new_G[free][0], atol=1e-8)


def test_kernel_column_cache_matches_the_gram_matrix():
    X, _ = make_blobs(n_samples=40, centers=2, random_state=0)
    kernel = rbf_kernel(gamma=0.3)
    K = kernel(X, X)
    cache = KernelColumnCache(kernel, X, cache_bytes=8 * 40 * 3)       # room for 3 columns
    assert cache.max_columns == 3 and len(cache) == 40
    np.testing.assert_allclose(cache.diagonal(batch_size=7), np.diag(K))
    for i in [5, 1, 5, 30, 2, 5, 39, 0]:
        np.testing.assert_allclose(cache[i], K[:, i], rtol=1e-12)
        assert len(cache._columns) <= 3
    assert list(cache._columns) == [5, 39, 0]                          # the three most recently used


@pytest.mark.parametrize("multi_class", ["ovo", "ovr"])
def test_decision_function_agrees_with_predict_on_three_classes(multi_class):
    X, y = make_blobs(n_samples=150, centers=3, cluster_std=3.0, random_state=3)   # overlapping
    labels = np.array(["a", "b", "c"])[y]
    svm = SupportVectorMachine(multi_class=multi_class).fit(X, labels)
    grid = np.random.default_rng(0).uniform(X.min() - 3, X.max() + 3, size=(2000, 2))
    for points in (X, grid):
        scores = svm.decision_function(points)
        assert scores.shape == (len(points), 3)
        np.testing.assert_array_equal(svm.predict(points), svm.classes_[scores.argmax(axis=1)])
    assert svm.score(X, labels) == np.mean(svm.predict(X) == labels)


def test_ovo_class_scores_votes_then_confidence():
    # pairs (0, 1), (0, 2), (1, 2); positive votes for the second class of the pair
    pair_scores = np.array([
        [1.0, 1.0, 1.0],     # votes for 1, 2, 2: class 2 wins with two votes
        [-1.0, -1.0, 1.0],   # votes for 0, 0, 2: class 0
        [2.0, -1.0, 0.5],    # one vote each: confidences -1, 1.5, -0.5 -> class 1
        [-0.1, 3.0, -1.0],   # one vote each: confidences -2.9, 0.9, 2.0 -> class 2
    ])
    scores = ovo_class_scores(pair_scores, 3)
    np.testing.assert_array_equal(scores.argmax(axis=1), [2, 0, 1, 2])
    np.testing.assert_array_equal(np.floor(scores + 1 / 3), [[0, 1, 2], [2, 0, 1], [1, 1, 1], [1, 1, 1]])


@pytest.mark.parametrize(
    "name, values",
    [
        ("C", [np.nan, np.inf, -1.0, 0.0, "1"]),
        ("gamma", [np.nan, np.inf, 0.0, -0.5]),
        ("degree", [np.nan, -1, 2.5, np.inf]),
        ("coef0", [np.nan, np.inf, -np.inf, "0"]),
        ("tol", [np.nan, np.inf, 0.0, -1e-3]),
        ("max_iter", [np.nan, np.inf, 0, -5, 10.5]),
        ("cache_size", [np.nan, np.inf, 0.0, -1.0]),
    ],
)
def test_every_numeric_hyperparameter_is_checked(name, values):
    for value in values:
        with pytest.raises(ValueError, match=name):
            SupportVectorMachine(**{name: value}).fit(X_TOY, Y_TOY)


def test_works_with_scikit_learn_tools():
    model_selection = pytest.importorskip("sklearn.model_selection")
    base = pytest.importorskip("sklearn.base")
    X, y = load_iris()
    svm = SupportVectorMachine(C=2.0)
    assert base.is_classifier(svm) and base.clone(svm).get_params() == svm.get_params()
    scores = model_selection.cross_val_score(svm, X, y, cv=3)
    assert scores.mean() > 0.9
