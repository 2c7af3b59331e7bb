"""Linear regression and its regularised variants.

Every model here minimises the same kind of objective over weights ``w`` and an
intercept ``b``::

    J(w, b) = 1/(2 n) ||y - X w - b||^2 + R(w)

with a penalty ``R`` (none, L2, L1 or both) that never touches ``b``. The
models differ only in ``R``, in an optional polynomial expansion of the
features, and in the solver: exact least squares (``"lstsq"``), batch gradient
descent (``"gd"``) or coordinate descent (Lasso and Elastic Net).
"""

import numbers
import warnings
from abc import ABC, abstractmethod

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_manipulation import polynomial_features
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)

# --------------------------------------------------------------------------- penalties


class L1Regularization:
    """Lasso penalty R(w) = alpha ||w||_1.

    Parameters
    ----------
    alpha : float
        Strength of the penalty.

    Notes
    -----
    ``grad`` returns the subgradient alpha sign(w) (0 at w = 0). Gradient
    descent on it never makes a weight exactly zero, which is why
    ``LassoRegression`` uses coordinate descent with soft-thresholding instead.

    Examples
    --------
    >>> L1Regularization(0.5)(np.array([1.0, -2.0]))
    1.5
    """

    def __init__(self, alpha):
        self.alpha = alpha

    def __call__(self, w):
        """Penalty value alpha ||w||_1 (a float) for weights ``w`` of shape (n_features,)."""
        return self.alpha * float(np.sum(np.abs(w)))

    def grad(self, w):
        """Subgradient alpha sign(w), shape (n_features,)."""
        return self.alpha * np.sign(w)


class L2Regularization:
    """Ridge penalty R(w) = alpha / 2 ||w||^2, with gradient alpha w.

    Parameters
    ----------
    alpha : float
        Strength of the penalty.

    Examples
    --------
    >>> L2Regularization(2.0).grad(np.array([1.0, -3.0])).tolist()
    [2.0, -6.0]
    """

    def __init__(self, alpha):
        self.alpha = alpha

    def __call__(self, w):
        """Penalty value alpha / 2 ||w||^2 (a float) for weights ``w`` of shape (n_features,)."""
        return 0.5 * self.alpha * float(w @ w)

    def grad(self, w):
        """Gradient alpha w, shape (n_features,)."""
        return self.alpha * w


class L1L2Regularization:
    """Elastic-net penalty R(w) = alpha (l1_ratio ||w||_1 + (1 - l1_ratio) / 2 ||w||^2).

    Parameters
    ----------
    alpha : float
        Overall strength.
    l1_ratio : float in [0, 1], default=0.5
        Share of the L1 part: 1 is the Lasso penalty, 0 the ridge penalty.

    Examples
    --------
    >>> L1L2Regularization(1.0, l1_ratio=0.5)(np.array([2.0]))
    2.0
    """

    def __init__(self, alpha, l1_ratio=0.5):
        self.alpha = alpha
        self.l1_ratio = l1_ratio

    def __call__(self, w):
        """Penalty value (a float) for weights ``w`` of shape (n_features,)."""
        l1 = float(np.sum(np.abs(w)))
        l2 = 0.5 * float(w @ w)
        return self.alpha * (self.l1_ratio * l1 + (1.0 - self.l1_ratio) * l2)

    def grad(self, w):
        """(Sub)gradient alpha (l1_ratio sign(w) + (1 - l1_ratio) w), shape (n_features,)."""
        return self.alpha * (self.l1_ratio * np.sign(w) + (1.0 - self.l1_ratio) * w)


# --------------------------------------------------------------------------- solvers


def _least_squares(X, y, l2=0.0):
    """Exact minimiser of 1/(2n)||y - X w||^2 + l2/2 ||w||^2.

    Ridge is least squares on augmented data: stacking sqrt(n l2) I under X
    and zeros under y adds exactly n l2 ||w||^2 to ||y - X w||^2, so one call
    to ``np.linalg.lstsq`` (SVD based, stable for ill-conditioned X) solves
    (X^T X + n l2 I) w = X^T y.
    """
    n_samples, n_features = X.shape
    if l2 > 0:
        X = np.vstack([X, np.sqrt(n_samples * l2) * np.eye(n_features)])
        y = np.concatenate([y, np.zeros(n_features)])
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _gradient_descent(X, y, penalty, learning_rate, max_iter, tol):
    """Batch gradient descent on J(w) = 1/(2n)||y - X w||^2 + R(w), from w = 0.

    Returns
    -------
    w : ndarray of shape (n_features,)
    errors : list of float
        J before each step.
    converged : bool
    """
    n_samples, n_features = X.shape
    l2 = penalty.alpha if penalty is not None else 0.0
    if learning_rate is None:
        # 1/L with L = sigma_max(X)^2 / n + l2, the Lipschitz constant of grad J:
        # the largest step that is guaranteed to decrease J, whatever the data's scale.
        lipschitz = np.linalg.norm(X, ord=2) ** 2 / n_samples + l2
        learning_rate = 1.0 / lipschitz if lipschitz > 0 else 1.0
    w = np.zeros(n_features)
    grad_scale = np.max(np.abs(X.T @ y)) / n_samples  # |grad J| at w = 0
    errors = []
    for _ in range(max_iter):
        residual = y - X @ w                                          # (n_samples,)
        errors.append(0.5 * np.mean(residual**2) + (penalty(w) if penalty is not None else 0.0))
        if errors[-1] > 1e8 * errors[0]:
            raise ValueError(
                f"gradient descent diverged with learning_rate={learning_rate:g}; "
                f"use a smaller learning_rate, or learning_rate=None for a safe step"
            )
        grad = -X.T @ residual / n_samples                            # (n_features,)
        if penalty is not None:
            grad = grad + penalty.grad(w)
        if np.max(np.abs(grad), initial=0.0) <= tol * grad_scale:
            return w, errors, True
        w = w - learning_rate * grad
    return w, errors, False


def _soft_threshold(z, threshold):
    """S(z, t) = sign(z) max(|z| - t, 0): the proximal operator of t |.|."""
    return np.sign(z) * max(abs(z) - threshold, 0.0)


def _duality_gap(X, y, w, residual, l1, l2):
    """Duality gap of the elastic-net problem at w (0 at the optimum, never negative).

    With r = y - X w, the dual point s r, s = min(1, l1 / ||X^T r / n - l2 w||_inf),
    is feasible, and the gap between primal and dual objectives is
    (1 + s^2)/(2n) (||r||^2 + n l2 ||w||^2) + l1 ||w||_1 - s y.r / n.
    """
    n_samples = len(y)
    dual_norm = np.max(np.abs(X.T @ residual / n_samples - l2 * w))
    s = 1.0 if dual_norm <= l1 else l1 / dual_norm
    squared = residual @ residual + n_samples * l2 * (w @ w)
    return (1 + s**2) / (2 * n_samples) * squared + l1 * np.sum(np.abs(w)) - s * (y @ residual) / n_samples


def _coordinate_descent(X, y, penalty, max_iter, tol):
    """Cyclic coordinate descent on 1/(2n)||y - Xw||^2 + l1 ||w||_1 + l2/2 ||w||^2.

    Returns the same triple as ``_gradient_descent`` (errors once per sweep).
    """
    n_samples, n_features = X.shape
    l1 = penalty.alpha * penalty.l1_ratio
    l2 = penalty.alpha * (1.0 - penalty.l1_ratio)
    X = np.asfortranarray(X)                          # columns contiguous: we walk them one by one
    column_sq = np.sum(X**2, axis=0) / n_samples      # z_j = ||x_j||^2 / n
    w = np.zeros(n_features)
    residual = y.copy()                               # r = y - X w for w = 0
    stop_gap = tol * np.mean(y**2)                    # scikit-learn's rule: gap <= tol ||y||^2 / n
    errors = []
    for _ in range(max_iter):
        for j in np.flatnonzero(column_sq):           # constant columns keep w_j = 0
            # rho_j = x_j . (r + x_j w_j) / n: fit of x_j to the residual without it
            rho = X[:, j] @ residual / n_samples + column_sq[j] * w[j]
            w_j = _soft_threshold(rho, l1) / (column_sq[j] + l2)
            if w_j != w[j]:
                residual -= X[:, j] * (w_j - w[j])
                w[j] = w_j
        errors.append(0.5 * np.mean(residual**2) + penalty(w))
        if _duality_gap(X, y, w, residual, l1, l2) <= stop_gap:
            return w, errors, True
    return w, errors, False


# --------------------------------------------------------------------------- models


class _LinearModel(BaseEstimator, ABC):
    """Shared ``fit`` / ``predict`` of the linear models.

    ``fit`` builds the design matrix (``_fit_features``), centres it and the
    target so that the intercept drops out, lets ``_solve`` find w on the
    centred problem and recovers b = mean(y) - mean(X) . w.
    """

    def _check_params(self):
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)

    @abstractmethod
    def _solve(self, X, y):
        """Weights for centred data: returns (w, errors), errors None for exact solvers."""

    def _fit_features(self, X):
        """Design matrix for ``fit``; the polynomial models learn their scaling here."""
        return X

    def _features(self, X):
        """Design matrix for ``predict``."""
        return X

    def _warn_if_not_converged(self, converged):
        if not converged:
            warnings.warn(
                f"{type(self).__name__} did not converge in max_iter={self.max_iter} "
                f"iterations; increase max_iter or tol",
                ConvergenceWarning,
                stacklevel=4,
            )

    def fit(self, X, y):
        """Fit the model.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        self._check_params()
        for name in [name for name in vars(self) if name.endswith("_")]:
            delattr(self, name)                       # refit starts fresh, whatever the solver
        self.n_features_in_ = X.shape[1]
        features = self._fit_features(X)              # (n_samples, n_columns)
        if self.fit_intercept:
            x_offset, y_offset = features.mean(axis=0), y.mean()
        else:
            x_offset, y_offset = np.zeros(features.shape[1]), 0.0
        self.coef_, errors = self._solve(features - x_offset, y - y_offset)
        self.intercept_ = float(y_offset - x_offset @ self.coef_)
        if errors is not None:
            self.n_iter_ = len(errors)
            self.training_errors_ = np.array(errors)
        return self

    def predict(self, X):
        """Predict targets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        check_is_fitted(self, "coef_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return self._features(X) @ self.coef_ + self.intercept_


class _LeastSquares(_LinearModel):
    """Squared loss with an optional L2 penalty: exact ("lstsq") or gradient descent ("gd")."""

    def _penalty(self, n_samples):
        """The penalty R(w) of the 1/(2n)-scaled objective, or None."""
        return None

    def _check_params(self):
        check_option(self.solver, "solver", ("lstsq", "gd"), self)
        if self.learning_rate is not None:
            check_positive(self.learning_rate, "learning_rate", self)
        super()._check_params()

    def _solve(self, X, y):
        penalty = self._penalty(len(y))
        if self.solver == "lstsq":
            return _least_squares(X, y, penalty.alpha if penalty else 0.0), None
        w, errors, converged = _gradient_descent(X, y, penalty, self.learning_rate, self.max_iter, self.tol)
        self._warn_if_not_converged(converged)
        return w, errors


class _PolynomialFeatures:
    """Mixin: expand to all monomials up to ``degree`` and standardise each column.

    The constant column is dropped (the intercept plays its part); the mean and
    standard deviation of each expanded column are learned in ``fit`` and
    reused in ``predict``, so that x, x^2, ..., x^d share one scale and the
    penalty treats them alike. Without an intercept the columns are only
    scaled, not centred, so the model stays a polynomial without constant term.
    """

    def _check_params(self):
        check_positive(self.degree, "degree", self, integer=True)
        super()._check_params()

    def _fit_features(self, X):
        expanded = polynomial_features(X, self.degree)[:, 1:]    # (n_samples, n_columns)
        self.feature_mean_ = expanded.mean(axis=0) if self.fit_intercept else np.zeros(expanded.shape[1])
        scale = expanded.std(axis=0)
        scale[scale == 0] = 1.0                       # constant columns: centred only
        self.feature_scale_ = scale
        return (expanded - self.feature_mean_) / scale

    def _features(self, X):
        return (polynomial_features(X, self.degree)[:, 1:] - self.feature_mean_) / self.feature_scale_


_SHARED_PARAMETERS = """
    solver : {"lstsq", "gd"}, default="lstsq"
        "lstsq": exact least squares through ``np.linalg.lstsq`` (SVD). "gd":
        batch gradient descent from w = 0.
    learning_rate : float or None, default=None
        Step size of gradient descent. None uses 1/L, L = sigma_max(X_c)^2/n +
        (ridge term), the largest step that always decreases the objective,
        whatever the scale of the data.
    max_iter : int, default=1000
        Gradient-descent iterations at most.
    tol : float, default=1e-4
        Gradient descent stops when max_j |dJ/dw_j| <= tol times its value at w = 0.
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept b."""

_SHARED_ATTRIBUTES = """
    intercept_ : float
        The intercept b (0.0 when ``fit_intercept=False``).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Iterations run (iterative solvers only).
    training_errors_ : ndarray of shape (n_iter_,)
        Objective J before each iteration (iterative solvers only)."""


class LinearRegression(_LeastSquares):
    __doc__ = f"""Ordinary least squares: minimise the mean squared error of a linear model.

    Parameters
    ----------{_SHARED_PARAMETERS}

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights w.{_SHARED_ATTRIBUTES}

    Notes
    -----
    J(w, b) = 1/(2n) sum_i (y_i - x_i . w - b)^2. Centring X and y removes b;
    the exact solution solves the normal equations X_c^T X_c w = X_c^T y_c
    (by SVD, which also gives the minimum-norm solution when X_c is rank
    deficient), then b = mean(y) - mean(X) . w. Gradient descent repeats
    w <- w + learning_rate X_c^T (y_c - X_c w) / n.

    References
    ----------
    Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd ed., section 3.2.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> model = LinearRegression().fit(X, 1 + 2 * X[:, 0])
    >>> round(model.intercept_, 6), model.coef_.round(6).tolist()
    (1.0, [2.0])
    """

    def __init__(self, solver="lstsq", learning_rate=None, max_iter=1000, tol=1e-4, fit_intercept=True):
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept


class RidgeRegression(_LeastSquares):
    __doc__ = f"""Least squares with an L2 penalty on the weights (Tikhonov regularisation).

    Parameters
    ----------
    alpha : float >= 0, default=1.0
        Penalty strength, with scikit-learn's ``Ridge`` meaning (see Notes).{_SHARED_PARAMETERS}

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,){_SHARED_ATTRIBUTES}

    Notes
    -----
    Minimises ||y - X w - b||^2 + alpha ||w||^2, scikit-learn's ``Ridge``
    objective (not divided by n), so the same alpha gives the same model. The
    closed form is w = (X_c^T X_c + alpha I)^-1 X_c^T y_c on centred data; it
    is computed as least squares on augmented data. Gradient descent works on
    the equivalent 1/(2n)-scaled objective, whose L2 term is (alpha / n)/2 ||w||^2.
    The intercept is never penalised.

    References
    ----------
    Hoerl and Kennard, "Ridge regression: biased estimation for nonorthogonal
    problems", Technometrics 12(1), 1970.

    Examples
    --------
    >>> X = np.array([[-1.0], [1.0]])
    >>> RidgeRegression(alpha=2.0).fit(X, [-1.0, 1.0]).coef_.tolist()   # 2 / (2 + 2)
    [0.5]
    """

    def __init__(self, alpha=1.0, solver="lstsq", learning_rate=None, max_iter=1000, tol=1e-4, fit_intercept=True):
        self.alpha = alpha
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def _check_params(self):
        check_positive(self.alpha, "alpha", self, strict=False)
        super()._check_params()

    def _penalty(self, n_samples):
        return L2Regularization(self.alpha / n_samples)


class PolynomialRegression(_PolynomialFeatures, LinearRegression):
    __doc__ = f"""Least squares on the polynomial expansion of the features.

    Parameters
    ----------
    degree : int >= 1, default=2
        Highest total degree of the monomials.{_SHARED_PARAMETERS}

    Attributes
    ----------
    coef_ : ndarray of shape (n_columns,)
        Weights of the standardised monomials (constant excluded), in the
        order of ``utils.polynomial_features``.
    feature_mean_, feature_scale_ : ndarray of shape (n_columns,)
        Mean (0 without intercept) and standard deviation of each monomial on
        the training data.{_SHARED_ATTRIBUTES}

    Notes
    -----
    The model is linear in its parameters: y = b + sum_j w_j z_j(x), where
    z_j = (m_j(x) - mean_j) / std_j standardises the j-th monomial m_j. The
    standardisation does not change the least-squares fit, but it makes the
    columns comparable (x^15 on [0, 1] is tiny) so gradient descent and the
    penalised variants behave.

    References
    ----------
    Bishop, Pattern Recognition and Machine Learning, section 1.1.

    Examples
    --------
    >>> X = np.linspace(-1, 1, 5)[:, None]
    >>> model = PolynomialRegression(degree=2).fit(X, X[:, 0] ** 2)
    >>> model.predict([[0.5]]).round(6).tolist()
    [0.25]
    """

    def __init__(self, degree=2, solver="lstsq", learning_rate=None, max_iter=1000, tol=1e-4, fit_intercept=True):
        self.degree = degree
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept


class PolynomialRidgeRegression(_PolynomialFeatures, RidgeRegression):
    __doc__ = f"""Ridge regression on the standardised polynomial expansion of the features.

    Parameters
    ----------
    degree : int >= 1, default=2
        Highest total degree of the monomials.
    alpha : float >= 0, default=1.0
        Penalty strength, scikit-learn's ``Ridge`` meaning.{_SHARED_PARAMETERS}

    Attributes
    ----------
    coef_ : ndarray of shape (n_columns,)
        Weights of the standardised monomials (constant excluded).
    feature_mean_, feature_scale_ : ndarray of shape (n_columns,)
        Mean (0 without intercept) and standard deviation of each monomial on
        the training data.{_SHARED_ATTRIBUTES}

    Notes
    -----
    Minimises ||y - Z w - b||^2 + alpha ||w||^2 where Z holds the standardised
    monomials (see ``PolynomialRegression``). Because the columns share one
    scale, a single alpha shrinks every degree alike; a high degree with a
    well-chosen alpha gives a smooth curve instead of the wild oscillations of
    an unregularised fit.

    References
    ----------
    Bishop, Pattern Recognition and Machine Learning, sections 1.1 and 3.1.4.

    Examples
    --------
    >>> X = np.linspace(0, 1, 20)[:, None]
    >>> model = PolynomialRidgeRegression(degree=9, alpha=0.01).fit(X, np.sin(6 * X[:, 0]))
    >>> bool(np.abs(model.predict(X) - np.sin(6 * X[:, 0])).max() < 0.2)
    True
    """

    def __init__(self, degree=2, alpha=1.0, solver="lstsq", learning_rate=None, max_iter=1000, tol=1e-4,
                 fit_intercept=True):
        self.degree = degree
        self.alpha = alpha
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept


class ElasticNet(_LinearModel):
    """Least squares with a mix of L1 and L2 penalties, fitted by coordinate descent.

    Parameters
    ----------
    alpha : float > 0, default=1.0
        Overall penalty strength, scikit-learn's ``ElasticNet`` meaning.
    l1_ratio : float in (0, 1], default=0.5
        Share of the L1 penalty (1 gives the Lasso; for 0 use ``RidgeRegression``).
    max_iter : int, default=1000
        Sweeps over all coordinates at most.
    tol : float, default=1e-4
        Stop when the duality gap is at most tol * mean(y_c^2) (scikit-learn's rule).
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept b.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights w; many are exactly 0.
    intercept_ : float
        The intercept b.
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Sweeps run.
    training_errors_ : ndarray of shape (n_iter_,)
        Objective J after each sweep.

    Notes
    -----
    Minimises scikit-learn's objective

        J(w, b) = 1/(2n) ||y - X w - b||^2 + alpha l1_ratio ||w||_1
                  + alpha (1 - l1_ratio)/2 ||w||^2,

    so alphas mean the same as there. On centred data, each coordinate in turn
    is set to its exact minimiser with the others fixed:

        rho_j = x_j . (r + x_j w_j) / n,   z_j = ||x_j||^2 / n,
        w_j <- S(rho_j, alpha l1_ratio) / (z_j + alpha (1 - l1_ratio)),

    where r = y - X w is kept up to date and S(z, t) = sign(z) max(|z| - t, 0)
    is soft-thresholding, which sets weak coordinates exactly to 0. Each sweep
    ends by computing the duality gap, an upper bound on J(w) - min J.

    References
    ----------
    Zou and Hastie, "Regularization and variable selection via the elastic
    net", JRSS B 67(2), 2005. Friedman, Hastie and Tibshirani, "Regularization
    paths for generalized linear models via coordinate descent", Journal of
    Statistical Software 33(1), 2010.

    Examples
    --------
    >>> X = np.array([[-1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    >>> ElasticNet(alpha=0.1, l1_ratio=0.5).fit(X, [-2.0, 0.0, 2.0]).coef_.round(4).tolist()
    [1.7907, 0.0]
    """

    def __init__(self, alpha=1.0, l1_ratio=0.5, max_iter=1000, tol=1e-4, fit_intercept=True):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def _check_params(self):
        check_positive(self.alpha, "alpha", self)
        if isinstance(self.l1_ratio, bool) or not isinstance(self.l1_ratio, numbers.Real) or not 0 < self.l1_ratio <= 1:
            raise ValueError(
                f"{type(self).__name__}: l1_ratio must be in (0, 1], got {self.l1_ratio!r}; "
                f"for a pure L2 penalty use RidgeRegression"
            )
        super()._check_params()

    def _solve(self, X, y):
        penalty = L1L2Regularization(self.alpha, self.l1_ratio)
        w, errors, converged = _coordinate_descent(X, y, penalty, self.max_iter, self.tol)
        self._warn_if_not_converged(converged)
        return w, errors


class LassoRegression(_LinearModel):
    """Least squares with an L1 penalty, fitted by coordinate descent; many weights become exactly 0.

    Parameters
    ----------
    alpha : float > 0, default=1.0
        Penalty strength, scikit-learn's ``Lasso`` meaning (see Notes).
    max_iter : int, default=1000
        Sweeps over all coordinates at most.
    tol : float, default=1e-4
        Stop when the duality gap is at most tol * mean(y_c^2) (scikit-learn's rule).
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept b.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights w; those of irrelevant features are exactly 0.
    intercept_ : float
        The intercept b.
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Sweeps run.
    training_errors_ : ndarray of shape (n_iter_,)
        Objective J after each sweep.

    Notes
    -----
    Minimises scikit-learn's objective J(w, b) = 1/(2n) ||y - X w - b||^2 +
    alpha ||w||_1 (``ElasticNet`` with l1_ratio = 1): each coordinate update is
    w_j <- S(rho_j, alpha) / z_j with soft-thresholding S. At the optimum the
    KKT conditions hold: x_j . r / n = alpha sign(w_j) where w_j != 0, and
    |x_j . r / n| <= alpha where w_j = 0. For alpha >= max_j |x_j . y_c| / n
    every weight is 0.

    References
    ----------
    Tibshirani, "Regression shrinkage and selection via the lasso", JRSS B
    58(1), 1996.

    Examples
    --------
    >>> X = np.array([[-1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    >>> LassoRegression(alpha=0.1).fit(X, [-2.0, 0.0, 2.0]).coef_.round(4).tolist()
    [1.85, 0.0]
    """

    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-4, fit_intercept=True):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def _check_params(self):
        check_positive(self.alpha, "alpha", self)
        super()._check_params()

    def _solve(self, X, y):
        # the Lasso is the elastic net with l1_ratio = 1
        w, errors, converged = _coordinate_descent(X, y, L1L2Regularization(self.alpha, 1.0), self.max_iter, self.tol)
        self._warn_if_not_converged(converged)
        return w, errors
