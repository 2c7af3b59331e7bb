"""Support vector machine trained by sequential minimal optimisation (SMO)."""

import warnings
from functools import lru_cache
from itertools import combinations

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.kernels import linear_kernel, polynomial_kernel, rbf_kernel
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)

_KERNELS = {"linear": linear_kernel, "poly": polynomial_kernel, "rbf": rbf_kernel}
_TAU = 1e-12  # curvature used when k(x_i, x_i) + k(x_j, x_j) - 2 k(x_i, x_j) <= 0


def _kernel_diagonal(kernel, X, batch_size=512):
    """k(x_i, x_i) for every row, block by block, shape (n_samples,)."""
    return np.concatenate([np.diag(kernel(block, block)) for block in batch_iterator(X, batch_size=batch_size)])


def _kernel_columns(kernel, X_sub, K, members, cache_bytes):
    """Column access ``column(i)`` and diagonal of the Gram matrix of one binary problem.

    Slices the precomputed training Gram matrix ``K`` when there is one; otherwise
    computes columns on demand, keeping the most recent ones within ``cache_bytes``.
    """
    if K is not None:
        K_sub = K if len(members) == len(K) else K[np.ix_(members, members)]
        return K_sub.__getitem__, np.diag(K_sub).copy()        # rows = columns: K is symmetric
    n_cached = max(2, int(cache_bytes // (8 * len(X_sub))))
    column = lru_cache(maxsize=n_cached)(lambda i: kernel(X_sub, X_sub[i : i + 1])[:, 0])
    return column, _kernel_diagonal(kernel, X_sub)


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


def _up_low(y, alpha, C):
    """Masks of I_up (y_t alpha_t can grow) and I_low (y_t alpha_t can shrink)."""
    up = np.where(y > 0, alpha < C, alpha > 0)
    low = np.where(y > 0, alpha > 0, alpha < C)
    return up, low


def _smo(column, diag, y, C, tol, max_iter):
    """Solve the binary SVM dual with SMO and Fan-Chen-Lin's second-order working set.

    Parameters
    ----------
    column : callable
        ``column(i)`` returns k(x_t, x_i) for all t, shape (n_samples,).
    diag : ndarray of shape (n_samples,)
        k(x_t, x_t).
    y : ndarray of shape (n_samples,)
        Labels +1 / -1.
    C, tol : float
    max_iter : int

    Returns
    -------
    alpha : ndarray of shape (n_samples,)
    b : float
        Intercept.
    n_iter : int
    converged : bool
    """
    alpha = np.zeros(len(y))
    G = -np.ones(len(y))                  # gradient Q alpha - 1 of the dual objective at alpha = 0
    converged = False
    for n_iter in range(1, max_iter + 1):
        # i: the most violating index that may increase y_t alpha_t
        minus_yG = -y * G
        up, low = _up_low(y, alpha, C)
        i = np.argmax(np.where(up, minus_yG, -np.inf))
        gap = minus_yG[i] - np.min(minus_yG[low])
        if gap < tol:
            converged = True
            break
        # j: the partner that decreases the objective most under a second-order model
        K_i = column(i)
        b_it = minus_yG[i] - minus_yG
        curvature = diag[i] + diag - 2.0 * K_i                 # a_it
        curvature[curvature <= 0] = _TAU
        j = np.argmin(np.where(low & (b_it > 0), -(b_it * b_it) / curvature, np.inf))
        K_j = column(j)

        # analytic step on the pair, keeping y_i alpha_i + y_j alpha_j fixed
        s = y[i] * y[j]
        E_i, E_j = y[i] * G[i], y[j] * G[j]          # f(x) - y without the intercept
        eta = max(curvature[j], _TAU)
        if s < 0:
            low_bound, high_bound = max(0.0, alpha[j] - alpha[i]), min(C, C + alpha[j] - alpha[i])
        else:
            low_bound, high_bound = max(0.0, alpha[i] + alpha[j] - C), min(C, alpha[i] + alpha[j])
        alpha_j = min(max(alpha[j] + y[j] * (E_i - E_j) / eta, low_bound), high_bound)
        alpha_i = alpha[i] + s * (alpha[j] - alpha_j)
        scale = max(alpha[i], alpha[j], abs(alpha_i), alpha_j)
        alpha_i, alpha_j = _snap(alpha_i, C, scale), _snap(alpha_j, C, scale)
        delta_i, delta_j = alpha_i - alpha[i], alpha_j - alpha[j]
        alpha[i], alpha[j] = alpha_i, alpha_j
        # G_t += Q_ti delta_i + Q_tj delta_j with Q_tk = y_t y_k K_tk
        G += y * (y[i] * delta_i * K_i + y[j] * delta_j * K_j)

    # every free support vector satisfies y_t f(x_t) = 1, i.e. b = -y_t G_t: average them;
    # without one, any b in [max_up(-yG), min_low(-yG)] is optimal: take the midpoint
    minus_yG = -y * G
    free = (alpha > 0) & (alpha < C)
    if np.any(free):
        b = float(np.mean(minus_yG[free]))
    else:
        up, low = _up_low(y, alpha, C)
        b = float((np.max(minus_yG[up]) + np.min(minus_yG[low])) / 2)
    return alpha, b, n_iter, converged


class SupportVectorMachine(BaseEstimator):
    """Soft-margin kernel support vector classifier trained by SMO.

    Parameters
    ----------
    C : float, default=1.0
        Penalty on margin violations (upper bound of the dual variables).
    kernel : {"rbf", "linear", "poly"}, default="rbf"
    degree : int, default=3
        Degree of the polynomial kernel.
    gamma : {"scale", "auto"} or float, default="scale"
        Kernel coefficient of "rbf" and "poly": "scale" is
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
        SMO updates used by each problem.

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

    The intercept is b = -y_t G_t averaged over all free support vectors
    (0 < alpha_t < C, where y_t f(x_t) = 1), or the midpoint of the interval of
    optimal b when there is none.

    One-vs-one: the problem of classes a < b labels b as +1 and a as -1, so a
    positive ``decision_function`` column is a vote for b. Ties in the vote go to
    the class with the largest summed decision values.

    References
    ----------
    J. C. Platt, "Sequential minimal optimization: a fast algorithm for
    training support vector machines", Microsoft Research MSR-TR-98-14, 1998.
    R.-E. Fan, P.-H. Chen, C.-J. Lin, "Working set selection using second order
    information for training support vector machines", JMLR 6, 2005.
    C. Cortes, V. Vapnik, "Support-vector networks", Machine Learning 20, 1995.

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

    def _check_params(self, X):
        check_positive(self.C, "C", self)
        check_option(self.kernel, "kernel", _KERNELS, self)
        check_positive(self.degree, "degree", self, strict=False, integer=True)
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

    def _problems(self, y_encoded):
        """(sample indices, +-1 labels) of each binary problem."""
        n_classes = len(self.classes_)
        everyone = np.arange(len(y_encoded))
        if n_classes == 2:
            return [(everyone, np.where(y_encoded == 1, 1.0, -1.0))]
        if self.multi_class == "ovr":
            return [(everyone, np.where(y_encoded == k, 1.0, -1.0)) for k in range(n_classes)]
        problems = []
        for a, b in combinations(range(n_classes), 2):
            members = np.flatnonzero((y_encoded == a) | (y_encoded == b))
            problems.append((members, np.where(y_encoded[members] == b, 1.0, -1.0)))
        return problems

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
        n_samples = len(X)
        cache_bytes = self.cache_size * 2**20
        K = kernel(X, X) if 8 * n_samples**2 <= cache_bytes else None   # (n_samples, n_samples)

        solutions = []
        n_iter = []
        for members, labels in self._problems(y_encoded):
            column, diag = _kernel_columns(kernel, X[members], K, members, cache_bytes)
            max_iter = self.max_iter or max(10_000, 100 * len(members))
            alpha, b, iterations, converged = _smo(column, diag, labels, float(self.C), self.tol, max_iter)
            if not converged:
                warnings.warn(
                    f"SupportVectorMachine: SMO stopped after max_iter={max_iter} updates before "
                    f"reaching tol={self.tol}; increase max_iter or tol, or scale the data",
                    ConvergenceWarning,
                    stacklevel=2,
                )
            solutions.append((members, labels * alpha, b))
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

    @property
    def coef_(self):
        """Primal weights w = sum_i y_i alpha_i x_i, shape (n_problems, n_features); linear kernel only."""
        if self.kernel != "linear":
            raise AttributeError("coef_ exists only for kernel='linear'; use dual_coef_ and support_vectors_")
        check_is_fitted(self, "dual_coef_")
        return self.dual_coef_ @ self.support_vectors_

    def decision_function(self, X):
        """Decision values f(x) of the binary problems.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray
            Shape (n_samples,) for two classes (positive means ``classes_[1]``);
            (n_samples, n_classes) for one-vs-rest; (n_samples, n_classes *
            (n_classes - 1) / 2) for one-vs-one, pairs (a, b), a < b, in
            lexicographic order, positive meaning b.
        """
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        K = self._kernel_function()(X, self.support_vectors_)       # (n_samples, n_SV)
        scores = K @ self.dual_coef_.T + self.intercept_           # (n_samples, n_problems)
        return scores[:, 0] if len(self.classes_) == 2 else scores

    def predict(self, X):
        """Class labels: sign for two classes, majority vote (ovo) or argmax (ovr) otherwise.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        scores = self.decision_function(X)
        n_classes = len(self.classes_)
        if n_classes == 2:
            return self.classes_[(scores > 0).astype(int)]
        if self.multi_class == "ovr":
            return self.classes_[np.argmax(scores, axis=1)]
        pairs = np.array(list(combinations(range(n_classes), 2)))  # (n_pairs, 2)
        first = np.eye(n_classes)[pairs[:, 0]]                      # (n_pairs, n_classes) one-hot
        second = np.eye(n_classes)[pairs[:, 1]]
        votes = (scores > 0) @ second + (scores <= 0) @ first       # (n_samples, n_classes)
        margins = scores @ (second - first)
        tied_best = votes == votes.max(axis=1, keepdims=True)
        return self.classes_[np.argmax(np.where(tied_best, margins, -np.inf), axis=1)]
