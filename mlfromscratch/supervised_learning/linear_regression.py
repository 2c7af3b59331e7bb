"""Ordinary least squares, and the two solvers every least-squares model here shares.

``least_squares`` finds the exact minimiser; ``gradient_descent`` walks to it
step by step; ``fit_weights`` picks one of the two by the model's ``solver``.
``RidgeRegression`` and the polynomial models call the same functions (see
``regression.py`` for the map of the family).
"""

import warnings

import numpy as np

from mlfromscratch.supervised_learning.regression import L2Regularization
from mlfromscratch.utils.base import BaseEstimator, RegressorMixin
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)


def least_squares(X, y, l2=0.0):
    """Exact minimiser of 1/(2n) ||y - X w||^2 + l2/2 ||w||^2.

    Ridge is least squares on augmented data: stacking sqrt(n l2) I under X
    and zeros under y adds exactly n l2 ||w||^2 to ||y - X w||^2, so one call
    to ``np.linalg.lstsq`` (SVD based, stable for ill-conditioned X, the
    minimum-norm solution when X is rank deficient) solves
    (X^T X + n l2 I) w = X^T y.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    l2 : float >= 0, default=0.0

    Returns
    -------
    w : ndarray of shape (n_features,)
    """
    n_samples, n_features = X.shape
    if l2 > 0:
        X = np.vstack([X, np.sqrt(n_samples * l2) * np.eye(n_features)])
        y = np.concatenate([y, np.zeros(n_features)])
    return np.linalg.lstsq(X, y, rcond=None)[0]


def gradient_descent(X, y, penalty, learning_rate, max_iter, tol, estimator):
    """Batch gradient descent on J(w) = 1/(2n) ||y - X w||^2 + R(w), from w = 0.

    Each step is w <- w - learning_rate grad J with
    grad J = -X^T (y - X w) / n + grad R(w).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    penalty : L2Regularization
        R(w); ``L2Regularization(0.0)`` for none. Its ``alpha`` enters the safe step.
    learning_rate : float or None
        None uses 1/L, L = sigma_max(X)^2 / n + alpha, the Lipschitz constant of
        grad J: the largest step that is guaranteed to decrease J, whatever the
        scale of the data.
    max_iter : int
    tol : float
        Stop when max_j |dJ/dw_j| <= tol times its value at w = 0.
    estimator : object
        The caller, named in the warning and the error.

    Returns
    -------
    w : ndarray of shape (n_features,)
    errors : list of float
        J before each step (one entry per iteration run).

    Raises
    ------
    ValueError
        When J grows a hundred million-fold: the learning rate is too large.
    """
    n_samples, n_features = X.shape
    if learning_rate is None:
        lipschitz = np.linalg.norm(X, ord=2) ** 2 / n_samples + penalty.alpha
        learning_rate = 1.0 / lipschitz if lipschitz > 0 else 1.0
    w = np.zeros(n_features)
    grad_scale = np.max(np.abs(X.T @ y)) / n_samples              # |grad J| at w = 0
    errors = []
    for _ in range(max_iter):
        residual = y - X @ w                                       # (n_samples,)
        errors.append(0.5 * np.mean(residual**2) + penalty(w))     # J(w)
        if errors[-1] > 1e8 * errors[0]:
            raise ValueError(
                f"{type(estimator).__name__}: gradient descent diverged with learning_rate="
                f"{learning_rate:g}; use a smaller learning_rate, or learning_rate=None for a safe step"
            )
        grad = -X.T @ residual / n_samples + penalty.grad(w)       # (n_features,)
        if np.max(np.abs(grad), initial=0.0) <= tol * grad_scale:
            return w, errors
        w = w - learning_rate * grad
    warnings.warn(
        f"{type(estimator).__name__} did not converge in max_iter={max_iter} iterations; "
        f"increase max_iter or tol",
        ConvergenceWarning,
        stacklevel=3,
    )
    return w, errors


def centre(X, y, fit_intercept):
    """The column means of X and the mean of y (zeros without an intercept).

    Least squares on centred data X - mean(X), y - mean(y) needs no intercept
    column; the intercept comes back afterwards as b = mean(y) - mean(X) . w.

    Returns
    -------
    x_mean : ndarray of shape (n_features,)
    y_mean : float
    """
    if not fit_intercept:
        return np.zeros(X.shape[1]), 0.0
    return X.mean(axis=0), float(y.mean())


def fit_weights(model, X_c, y_c, l2=0.0):
    """w minimising 1/(2n) ||y_c - X_c w||^2 + l2/2 ||w||^2, by ``model.solver``.

    The solver step that LinearRegression, RidgeRegression and the two
    polynomial models share: "lstsq" solves (X_c^T X_c + n l2 I) w = X_c^T y_c
    exactly (``least_squares``); "gd" runs ``gradient_descent`` and records
    ``n_iter_`` and ``training_errors_`` on the model.

    Parameters
    ----------
    model : estimator with ``solver``, ``learning_rate``, ``max_iter`` and ``tol``
        Its solver settings are checked here.
    X_c : ndarray of shape (n_samples, n_features)
        Centred (or standardised) features.
    y_c : ndarray of shape (n_samples,)
        Centred targets.
    l2 : float, default=0.0

    Returns
    -------
    w : ndarray of shape (n_features,)
    """
    check_option(model.solver, "solver", ("lstsq", "gd"), model)
    if model.learning_rate is not None:
        check_positive(model.learning_rate, "learning_rate", model)
    check_positive(model.max_iter, "max_iter", model, integer=True)
    check_positive(model.tol, "tol", model, strict=False)
    if model.solver == "lstsq":
        model.__dict__.pop("n_iter_", None)                        # left by an earlier "gd" fit
        model.__dict__.pop("training_errors_", None)
        return least_squares(X_c, y_c, l2)
    w, errors = gradient_descent(X_c, y_c, L2Regularization(l2), model.learning_rate, model.max_iter, model.tol,
                                 model)
    model.n_iter_ = len(errors)
    model.training_errors_ = np.array(errors)
    return w


class LinearRegression(RegressorMixin, BaseEstimator):
    """Ordinary least squares: minimise the mean squared error of a linear model.

    Parameters
    ----------
    solver : {"lstsq", "gd"}, default="lstsq"
        "lstsq": exact least squares through ``np.linalg.lstsq`` (SVD). "gd":
        batch gradient descent from w = 0.
    learning_rate : float > 0 or None, default=None
        Step size of gradient descent. None uses 1/L, L = sigma_max(X_c)^2 / n,
        the largest step that always decreases the objective, whatever the
        scale of the data.
    max_iter : int >= 1, default=1000
        Gradient-descent iterations at most.
    tol : float >= 0, default=1e-4
        Gradient descent stops when max_j |dJ/dw_j| <= tol times its value at w = 0.
    fit_intercept : bool, default=True
        Learn an intercept b.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights w.
    intercept_ : float
        The intercept b (0.0 when ``fit_intercept=False``).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Gradient-descent iterations run (``solver="gd"`` only).
    training_errors_ : ndarray of shape (n_iter_,)
        Objective J before each iteration (``solver="gd"`` only).

    Notes
    -----
    Minimises

        J(w, b) = 1/(2n) sum_i (y_i - x_i . w - b)^2.

    Centring X and y removes b. The exact solution solves the normal equations
    X_c^T X_c w = X_c^T y_c (by SVD, which also gives the minimum-norm solution
    when X_c is rank deficient); gradient descent repeats

        w <- w + learning_rate X_c^T (y_c - X_c w) / n.

    Either way b = mean(y) - mean(X) . w afterwards.

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

    def fit(self, X, y):
        """Fit the weights and the intercept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        self.n_features_in_ = X.shape[1]

        # centring removes b from J; it comes back as mean(y) - mean(X) . w
        x_mean, y_mean = centre(X, y, self.fit_intercept)
        self.coef_ = fit_weights(self, X - x_mean, y - y_mean)    # X_c^T X_c w = X_c^T y_c
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        return self

    def predict(self, X):
        """Predict y_hat = X w + b.

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
        return X @ self.coef_ + self.intercept_
