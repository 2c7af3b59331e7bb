"""Support vector machine trained by sequential minimal optimisation (SMO).

Reading order: ``smo`` solves one binary problem on a Gram matrix (the
algorithm, with its three small pieces right below it);
``SupportVectorMachine.fit`` computes the Gram matrix, runs ``smo`` on each
binary problem and keeps the support vectors. Aside, each with a reference
that a test compares it against: ``_newton_on_free_set`` (a speed-up of SMO
for large C, at the end of the file), ``_kernel_cache.py`` (Gram columns on
demand when the matrix does not fit in memory) and ``_svm_multiclass.py``
(one-vs-one voting and one-vs-rest).
"""

import warnings

import numpy as np

from mlfromscratch.supervised_learning._kernel_cache import KernelColumnCache
from mlfromscratch.supervised_learning._svm_multiclass import binary_problems, ovo_class_scores
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin
from mlfromscratch.utils.kernels import linear_kernel, polynomial_kernel, rbf_kernel
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_scalar,
    check_X_y,
)

_KERNELS = {"linear": linear_kernel, "poly": polynomial_kernel, "rbf": rbf_kernel}
_TAU = 1e-12  # curvature used when k(x_i, x_i) + k(x_j, x_j) - 2 k(x_i, x_j) <= 0


def smo(K, y, C, tol=1e-3, max_iter=10_000, newton_every=100):
    """Solve the dual of a binary soft-margin SVM by SMO with the second-order working set.

    Parameters
    ----------
    K : ndarray of shape (n_samples, n_samples)
        Gram matrix K[s, t] = k(x_s, x_t) (or a ``KernelColumnCache``: anything
        with ``K[i]``, the i-th column, and ``K.diagonal()``).
    y : ndarray of shape (n_samples,)
        Labels +1 / -1.
    C : float
        Upper bound of the multipliers.
    tol : float, default=1e-3
        Stop when the maximal KKT violation is below ``tol``.
    max_iter : int, default=10000
        Cap on pair updates.
    newton_every : int or None, default=100
        Speed-up, not part of SMO (see ``_newton_on_free_set`` at the end of the
        file): every so many pair updates, move the free multipliers to the
        optimum of their face. None is plain SMO, steps 1-4 below only.

    Returns
    -------
    alpha : ndarray of shape (n_samples,)
        The multipliers, 0 <= alpha <= C, sum_t y_t alpha_t = 0.
    b : float
        Intercept.
    n_iter : int
        Pair updates made.
    converged : bool
        Whether the KKT violation fell below ``tol`` within ``max_iter`` updates.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [2.0, 0.0]])        # one point per class
    >>> alpha, b, n_iter, converged = smo(X @ X.T, np.array([-1.0, 1.0]), C=10.0)
    >>> alpha.tolist(), b, n_iter, converged            # f(x) = x_1 - 1
    ([0.5, 0.5], -1.0, 1, True)
    """
    diag = K.diagonal()                      # k(x_t, x_t), shape (n_samples,)
    alpha = np.zeros(len(y))
    G = -np.ones(len(y))                     # gradient Q alpha - 1 of the dual objective at alpha = 0
    n_iter = 0
    while True:
        # 1. stop when no pair violates the KKT conditions by tol or more
        minus_yG = -y * G
        up, low = _up_low(y, alpha, C)
        i = np.argmax(np.where(up, minus_yG, -np.inf))       # most violating index in I_up
        converged = bool(minus_yG[i] - np.min(minus_yG[low]) < tol)
        if converged or n_iter == max_iter:
            break

        # 2. j: the partner in I_low that decreases the objective most under a second-order model
        K_i = K[i]
        b_it = minus_yG[i] - minus_yG
        curvature = diag[i] + diag - 2.0 * K_i                 # a_it
        curvature[curvature <= 0] = _TAU
        j = np.argmin(np.where(low & (b_it > 0), -(b_it * b_it) / curvature, np.inf))
        K_j = K[j]

        # 3. analytic step on the pair, keeping y_i alpha_i + y_j alpha_j fixed
        s = y[i] * y[j]
        E_i, E_j = y[i] * G[i], y[j] * G[j]                    # f(x) - y without the intercept
        eta = max(curvature[j], _TAU)
        if s < 0:
            low_bound, high_bound = max(0.0, alpha[j] - alpha[i]), min(C, C + alpha[j] - alpha[i])
        else:
            low_bound, high_bound = max(0.0, alpha[i] + alpha[j] - C), min(C, alpha[i] + alpha[j])
        alpha_j = min(max(alpha[j] + y[j] * (E_i - E_j) / eta, low_bound), high_bound)
        alpha_i = alpha[i] + s * (alpha[j] - alpha_j)
        # rounding hygiene, not part of the step: values within 1e-12 of 0 or C go onto the bound
        scale = max(alpha[i], alpha[j], abs(alpha_i), alpha_j)
        alpha_i, alpha_j = _snap(alpha_i, C, scale), _snap(alpha_j, C, scale)
        delta_i, delta_j = alpha_i - alpha[i], alpha_j - alpha[j]
        alpha[i], alpha[j] = alpha_i, alpha_j

        # 4. G_t += Q_ti delta_i + Q_tj delta_j with Q_tk = y_t y_k K_tk
        G += y * (y[i] * delta_i * K_i + y[j] * delta_j * K_j)
        n_iter += 1

        # Speed-up, not part of SMO (off with newton_every=None): jump to the optimum of the
        # current face every newton_every updates; the stopping test in step 1 is unchanged
        if newton_every and n_iter % newton_every == 0:
            alpha, G = _newton_on_free_set(K, y, alpha, G, C)
    return alpha, _intercept(y, alpha, G, C), n_iter, converged


# --- pieces of smo: the index sets, rounding onto the box, the intercept ----------------


def _up_low(y, alpha, C):
    """Masks of I_up (y_t alpha_t can grow) and I_low (y_t alpha_t can shrink)."""
    up = np.where(y > 0, alpha < C, alpha > 0)
    low = np.where(y > 0, alpha > 0, alpha < C)
    return up, low


def _snap(value, C, scale):
    """Put a multiplier that rounding left within 1e-12 of a bound exactly on it.

    Near 0 the tolerance is relative to ``scale``, the size of the multipliers
    in the update (their rounding error), not to C: on data with large values
    the multipliers are tiny (about 1 / k(x, x)) and must not be zeroed.
    """
    if value < 1e-12 * scale:
        return 0.0
    if value > C * (1 - 1e-12):
        return C
    return value


def _intercept(y, alpha, G, C):
    """b = -y_t G_t averaged over the free multipliers, else the middle of the optimal interval."""
    # every free support vector satisfies y_t f(x_t) = 1, i.e. b = -y_t G_t; without one,
    # any b in [max_up(-yG), min_low(-yG)] is optimal
    minus_yG = -y * G
    free = (alpha > 0) & (alpha < C)
    if np.any(free):
        return float(np.mean(minus_yG[free]))
    up, low = _up_low(y, alpha, C)
    return float((np.max(minus_yG[up]) + np.min(minus_yG[low])) / 2)


class SupportVectorMachine(ClassifierMixin, BaseEstimator):
    """Soft-margin kernel support vector classifier trained by SMO.

    Parameters
    ----------
    C : float, default=1.0
        Penalty on margin violations (upper bound of the dual variables), > 0.
    kernel : {"rbf", "linear", "poly"}, default="rbf"
    degree : int, default=3
        Degree of the polynomial kernel, >= 0.
    gamma : {"scale", "auto"} or float, default="scale"
        Kernel coefficient of "rbf" and "poly", > 0: "scale" is
        1 / (n_features * X.var()), "auto" is 1 / n_features.
    coef0 : float, default=0.0
        Constant term of the polynomial kernel.
    tol : float, default=1e-3
        Stop when the maximal KKT violation m(alpha) - M(alpha) is below ``tol``.
    max_iter : int, optional
        Cap on SMO pair updates per binary problem; default
        max(10000, 100 * n_samples). Reaching it warns ``ConvergenceWarning``.
    multi_class : {"ovo", "ovr"}, default="ovo"
        One-vs-one (a classifier per pair of classes, majority vote) or
        one-vs-rest (one per class, largest decision value wins). Two classes
        always make one problem.
    cache_size : float, default=200
        Memory in MB for kernel values: the whole training Gram matrix is
        computed up front when it fits, otherwise columns are computed on demand
        and the most recent ones kept.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    gamma_ : float
        The kernel coefficient used.
    support_ : ndarray of int of shape (n_SV,)
        Indices of the training samples that are support vectors of some problem.
    support_vectors_ : ndarray of shape (n_SV, n_features)
    n_support_ : ndarray of int of shape (n_classes,)
        Number of support vectors in each class.
    dual_coef_ : ndarray of shape (n_problems, n_SV)
        y_i alpha_i of every support vector in every binary problem (0 where
        the sample is not a support vector of, or not part of, that problem).
    intercept_ : ndarray of shape (n_problems,)
    coef_ : ndarray of shape (n_problems, n_features)
        Primal weights w = sum_i y_i alpha_i x_i; only with ``kernel="linear"``.
    n_iter_ : ndarray of int of shape (n_problems,)
        SMO pair updates made by each problem.

    Notes
    -----
    Each binary problem (labels y_i in {-1, +1}) solves the dual

        min_alpha  1/2 alpha^T Q alpha - 1^T alpha,   Q_ij = y_i y_j k(x_i, x_j),
        subject to 0 <= alpha_i <= C,  sum_i y_i alpha_i = 0,

    and classifies by the sign of f(x) = sum_i y_i alpha_i k(x_i, x) + b.

    SMO (Platt 1998) changes two multipliers at a time, the smallest step that
    keeps the equality constraint, in closed form: with E_t = f(x_t) - y_t and
    eta = k_ii + k_jj - 2 k_ij, alpha_j += y_j (E_i - E_j) / eta clipped to the
    segment of the box that keeps y_i alpha_i + y_j alpha_j fixed, then
    alpha_i += y_i y_j (old alpha_j - new alpha_j). The gradient G = Q alpha - 1
    is updated with two kernel columns per step, and E_t = y_t G_t.

    Working set (Fan, Chen, Lin 2005, "WSS2"): with
    I_up = {t: y_t alpha_t can grow} and I_low = {t: y_t alpha_t can shrink},
    i = argmax_{t in I_up} -y_t G_t, and j minimises -b_it^2 / a_it over
    t in I_low with b_it = -y_i G_i + y_t G_t > 0 and a_it = k_ii + k_tt - 2 k_it,
    the decrease of the objective from the pair step. Stop when
    max_{I_up} -y G - min_{I_low} -y G < tol.

    Speed-up for large C (not in Platt's SMO): with a large C and overlapping
    classes, pair steps zigzag for millions of updates (libsvm needs about a
    million on 200 noisy 2-D points with a linear kernel and C = 1e4). Every
    100 updates the free multipliers (0 < alpha_t < C) are therefore moved to
    the minimum of the dual over their face, the bounded ones held fixed: one
    linear (KKT) system, the step of an active-set method (Nocedal & Wright
    2006, section 16.5), clipped to the box. It only lowers the objective and
    the stopping test is unchanged, so the solution is the same; see
    ``_newton_on_free_set``.

    The intercept is b = -y_t G_t averaged over all free support vectors
    (0 < alpha_t < C, where y_t f(x_t) = 1), or the midpoint of the interval of
    optimal b when there is none.

    More than two classes (``_svm_multiclass.py``): one-vs-one trains a problem
    per pair of classes a < b, labelling b as +1, and ``decision_function``
    returns per-class scores, the votes plus a tie-breaking confidence term
    below 1/3; one-vs-rest trains a problem per class and returns their decision
    values. Either way ``predict`` is the argmax of ``decision_function``.

    References
    ----------
    J. C. Platt, "Sequential minimal optimization: a fast algorithm for
    training support vector machines", Microsoft Research MSR-TR-98-14, 1998.
    R.-E. Fan, P.-H. Chen, C.-J. Lin, "Working set selection using second order
    information for training support vector machines", JMLR 6, 2005.
    C. Cortes, V. Vapnik, "Support-vector networks", Machine Learning 20, 1995.
    J. Nocedal, S. J. Wright, "Numerical Optimization", 2nd ed., Springer, 2006.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [2.0, 0.0], [2.0, 1.0]])
    >>> svm = SupportVectorMachine(kernel="linear", C=100.0).fit(X, ["no", "no", "yes", "yes"])
    >>> np.round(svm.coef_, 3).tolist(), np.round(svm.intercept_, 3).tolist()
    ([[1.0, 0.0]], [-1.0])
    >>> svm.predict([[0.4, 3.0], [1.6, -2.0]]).tolist()
    ['no', 'yes']
    """

    def __init__(
        self,
        C=1.0,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        tol=1e-3,
        max_iter=None,
        multi_class="ovo",
        cache_size=200,
    ):
        self.C = C
        self.kernel = kernel
        self.degree = degree
        self.gamma = gamma
        self.coef0 = coef0
        self.tol = tol
        self.max_iter = max_iter
        self.multi_class = multi_class
        self.cache_size = cache_size

    def fit(self, X, y):
        """Solve the dual of every binary problem by SMO.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            At least two distinct labels.

        Returns
        -------
        self : SupportVectorMachine
        """
        X, y = check_X_y(X, y, estimator=self)
        self.gamma_ = self._check_params(X)
        self.classes_, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        self.n_features_in_ = X.shape[1]
        kernel = self._kernel_function()
        cache_bytes = self.cache_size * 2**20
        # Gram matrix K[s, t] = k(x_s, x_t) of all samples, when it fits in cache_size
        K_all = kernel(X, X) if 8 * len(X) ** 2 <= cache_bytes else None

        solutions, n_iter = [], []
        for members, signs in binary_problems(y_encoded, len(self.classes_), self.multi_class):
            if K_all is None:
                K = KernelColumnCache(kernel, X[members], cache_bytes)   # columns on demand
            else:
                K = K_all if len(members) == len(X) else K_all[np.ix_(members, members)]
            max_iter = self.max_iter or max(10_000, 100 * len(members))
            alpha, b, iterations, converged = smo(K, signs, float(self.C), self.tol, max_iter)
            if not converged:
                warnings.warn(
                    f"SupportVectorMachine: SMO stopped after max_iter={max_iter} updates before "
                    f"reaching tol={self.tol}; the model can be far from the optimum, even worse "
                    f"than chance. Standardize the features, lower C, or raise max_iter",
                    ConvergenceWarning,
                    stacklevel=2,
                )
            solutions.append((members, signs * alpha, b))               # y_t alpha_t
            n_iter.append(iterations)

        # gather the support vectors of all problems into one set of columns
        self.support_ = np.unique(np.concatenate([m[coef != 0] for m, coef, _ in solutions]))
        self.support_vectors_ = X[self.support_]
        self.n_support_ = np.bincount(y_encoded[self.support_], minlength=len(self.classes_))
        self.dual_coef_ = np.zeros((len(solutions), len(self.support_)))
        for row, (members, coef, _) in enumerate(solutions):
            is_sv = coef != 0
            self.dual_coef_[row, np.searchsorted(self.support_, members[is_sv])] = coef[is_sv]
        self.intercept_ = np.array([b for _, _, b in solutions])
        self.n_iter_ = np.array(n_iter)
        return self

    def _check_params(self, X):
        """Check every hyperparameter; return the kernel coefficient gamma to use."""
        check_positive(self.C, "C", self)
        check_option(self.kernel, "kernel", _KERNELS, self)
        check_positive(self.degree, "degree", self, strict=False, integer=True)
        check_scalar(self.coef0, "coef0", self)
        check_positive(self.tol, "tol", self)
        check_option(self.multi_class, "multi_class", ("ovo", "ovr"), self)
        check_positive(self.cache_size, "cache_size", self)
        if self.max_iter is not None:
            check_positive(self.max_iter, "max_iter", self, integer=True)
        if isinstance(self.gamma, str):
            check_option(self.gamma, "gamma", ("scale", "auto"), self)
            if self.gamma == "auto":
                return 1.0 / X.shape[1]
            variance = X.var()
            return 1.0 / (X.shape[1] * variance) if variance > 0 else 1.0
        return float(check_positive(self.gamma, "gamma", self))

    def _kernel_function(self):
        return _KERNELS[self.kernel](degree=self.degree, gamma=self.gamma_, coef0=self.coef0)

    @property
    def coef_(self):
        """Primal weights w = sum_i y_i alpha_i x_i, shape (n_problems, n_features); linear kernel only."""
        if self.kernel != "linear":
            raise AttributeError("coef_ exists only for kernel='linear'; use dual_coef_ and support_vectors_")
        check_is_fitted(self, "dual_coef_")
        return self.dual_coef_ @ self.support_vectors_

    def _binary_decision_function(self, X):
        """f(x) = sum_i y_i alpha_i k(x_i, x) + b of every binary problem, shape (n_samples, n_problems)."""
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        K = self._kernel_function()(X, self.support_vectors_)      # (n_samples, n_SV)
        return K @ self.dual_coef_.T + self.intercept_

    def decision_function(self, X):
        """Decision values: f(x) for two classes, one score per class otherwise.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray
            Shape (n_samples,) for two classes (positive means ``classes_[1]``);
            (n_samples, n_classes) otherwise: f_k(x) for one-vs-rest, and for
            one-vs-one the votes of the pairwise problems plus a confidence term
            in (-1/3, 1/3) that breaks ties (``ovo_class_scores``).
        """
        scores = self._binary_decision_function(X)                 # (n_samples, n_problems)
        if len(self.classes_) == 2:
            return scores[:, 0]
        if self.multi_class == "ovr":
            return scores
        return ovo_class_scores(scores, len(self.classes_))

    def predict(self, X):
        """Class labels: sign of f(x) for two classes, argmax of ``decision_function`` otherwise.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        scores = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(scores > 0).astype(int)]
        return self.classes_[np.argmax(scores, axis=1)]


# --- speed-up, not part of SMO: a Newton step on the free set ---------------------------
# smo calls it every ``newton_every`` pair updates; ``newton_every=None`` is plain SMO, the
# reference that test_support_vector_machine.py compares it against.


def _newton_on_free_set(K, y, alpha, G, C, max_steps=10):
    """Move the free multipliers towards the minimum of the dual over their face.

    Parameters
    ----------
    K, y, C : as in ``smo``
    alpha, G : ndarray of shape (n_samples,)
        Current multipliers and gradient Q alpha - 1; not modified.
    max_steps : int, default=10
        Faces visited (each blocked step fixes one more multiplier at a bound).

    Returns
    -------
    alpha, G : ndarray of shape (n_samples,)
        Feasible multipliers with an objective no larger, and their gradient.

    Notes
    -----
    With the multipliers at 0 or C held fixed, the dual over the free set
    F = {t: 0 < alpha_t < C} is a quadratic with one equality constraint:

        min_d  G_F^T d + 1/2 d^T Q_FF d   subject to  y_F^T d = 0.

    Its Lagrange conditions H d + G_F + lambda y_F = 0, y_F^T d = 0 give the
    Newton step d = -(u + lambda v) with u = H^-1 G_F, v = H^-1 y_F and
    lambda = -y_F^T u / y_F^T v, where H = Q_FF + eps I (a ridge eps of 1e-10
    times the mean of diag(Q_FF) keeps H invertible when Q_FF is singular, as
    with a linear kernel in few dimensions; along such a flat direction d
    becomes long and the box stops it). The step length is the exact line
    minimum t = -G_F^T d / d^T Q_FF d (1 for a non-singular Q_FF), cut where
    the first multiplier reaches 0 or C; that multiplier leaves F and the step
    repeats on the smaller face. d is a descent direction that keeps the
    constraints, so every step lowers the objective and SMO, continuing from
    there with the same stopping test, converges to the same solution. Plain
    SMO (``newton_every=None``) is the reference.
    """
    alpha, G = alpha.copy(), G.copy()
    for _ in range(max_steps):
        F = np.flatnonzero((alpha > 0) & (alpha < C))
        if len(F) < 2:
            break
        K_F = np.array([K[f] for f in F])                            # (n_F, n_samples): columns F of K
        y_F, G_F = y[F], G[F]
        Q_FF = y_F[:, None] * y_F[None, :] * K_F[:, F]               # (n_F, n_F)
        ridge = 1e-10 * np.mean(np.diag(Q_FF)) + 1e-300
        u, v = np.linalg.solve(Q_FF + ridge * np.eye(len(F)), np.column_stack([G_F, y_F])).T
        d = -(u - (y_F @ u) / (y_F @ v) * v)                         # Newton step on the face
        d -= y_F * (y_F @ d) / len(F)                                # keep sum_t y_t alpha_t = 0 exactly
        slope, curvature = G_F @ d, d @ Q_FF @ d
        if not slope < 0:                                            # at the face's minimum already
            break

        # exact line minimum, cut by the first multiplier to reach the box
        room = np.full(len(F), np.inf)
        room[d > 0] = (C - alpha[F][d > 0]) / d[d > 0]
        room[d < 0] = -alpha[F][d < 0] / d[d < 0]
        blocking = np.argmin(room)
        line_minimum = -slope / curvature if curvature > 0 else np.inf
        step = min(line_minimum, room[blocking])
        new = np.clip(alpha[F] + step * d, 0.0, C)
        if step == room[blocking]:
            new[blocking] = C if d[blocking] > 0 else 0.0
        scale = max(alpha[F].max(), new.max())
        new[new < 1e-12 * scale] = 0.0                               # as _snap: rounding onto the bounds
        new[new > C * (1 - 1e-12)] = C

        G += y * ((y_F * (new - alpha[F])) @ K_F)                    # G_t += sum_f Q_tf delta_f
        alpha[F] = new
        if step == line_minimum:
            break
    return alpha, G
