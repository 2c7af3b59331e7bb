"""Elastic net and Lasso: least squares with L1 (and L2) penalties, fitted by coordinate descent."""

import warnings

import numpy as np

from mlfromscratch.supervised_learning.linear_regression import centre
from mlfromscratch.supervised_learning.regression import L1L2Regularization
from mlfromscratch.utils.base import BaseEstimator, RegressorMixin
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_scalar,
    check_X_y,
)


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


def coordinate_descent(X, y, penalty, max_iter, tol, estimator):
    """Cyclic coordinate descent on 1/(2n) ||y - X w||^2 + l1 ||w||_1 + l2/2 ||w||^2 (see ``ElasticNet``).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Centred features.
    y : ndarray of shape (n_samples,)
        Centred targets.
    penalty : L1L2Regularization
        l1 = alpha l1_ratio and l2 = alpha (1 - l1_ratio).
    max_iter : int
        Sweeps at most.
    tol : float
        Stop when the duality gap is at most tol * mean(y^2).
    estimator : object
        The caller, named in the warning.

    Returns
    -------
    w : ndarray of shape (n_features,)
    errors : list of float
        J after each sweep.
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
            # w_j <- S(rho_j, l1) / (z_j + l2)
            w_j = _soft_threshold(rho, l1) / (column_sq[j] + l2)
            if w_j != w[j]:
                residual -= X[:, j] * (w_j - w[j])    # keep r = y - X w up to date
                w[j] = w_j
        errors.append(0.5 * np.mean(residual**2) + penalty(w))
        if _duality_gap(X, y, w, residual, l1, l2) <= stop_gap:
            return w, errors
    warnings.warn(
        f"{type(estimator).__name__} did not converge in max_iter={max_iter} iterations; "
        f"increase max_iter or tol",
        ConvergenceWarning,
        stacklevel=3,
    )
    return w, errors


class ElasticNet(RegressorMixin, BaseEstimator):
    """Least squares with a mix of L1 and L2 penalties, fitted by coordinate descent.

    Parameters
    ----------
    alpha : float > 0, default=1.0
        Overall penalty strength, scikit-learn's ``ElasticNet`` meaning.
    l1_ratio : float in (0, 1], default=0.5
        Share of the L1 penalty (1 gives the Lasso; for 0 use ``RidgeRegression``).
    max_iter : int >= 1, default=1000
        Sweeps over all coordinates at most.
    tol : float >= 0, default=1e-4
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

    def fit(self, X, y):
        """Fit the weights by coordinate descent, then the intercept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        check_positive(self.alpha, "alpha", self)
        check_scalar(self.l1_ratio, "l1_ratio", self, low=0, high=1)
        if self.l1_ratio == 0:
            raise ValueError("ElasticNet: l1_ratio must be in (0, 1], got 0; for a pure L2 penalty use RidgeRegression")
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        self.n_features_in_ = X.shape[1]

        # centring removes the (unpenalised) b; it comes back as mean(y) - mean(X) . w
        x_mean, y_mean = centre(X, y, self.fit_intercept)
        penalty = L1L2Regularization(self.alpha, self.l1_ratio)
        self.coef_, errors = coordinate_descent(X - x_mean, y - y_mean, penalty, self.max_iter, self.tol, self)
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        self.n_iter_ = len(errors)
        self.training_errors_ = np.array(errors)
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


class LassoRegression(RegressorMixin, BaseEstimator):
    """Least squares with an L1 penalty, fitted by coordinate descent; many weights become exactly 0.

    Parameters
    ----------
    alpha : float > 0, default=1.0
        Penalty strength, scikit-learn's ``Lasso`` meaning (see Notes).
    max_iter : int >= 1, default=1000
        Sweeps over all coordinates at most.
    tol : float >= 0, default=1e-4
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
    Minimises scikit-learn's objective

        J(w, b) = 1/(2n) ||y - X w - b||^2 + alpha ||w||_1,

    the elastic net with l1_ratio = 1, by the same coordinate descent (see
    ``ElasticNet``): each update is w_j <- S(rho_j, alpha) / z_j with
    soft-thresholding S. At the optimum the KKT conditions hold:
    x_j . r / n = alpha sign(w_j) where w_j != 0, and |x_j . r / n| <= alpha
    where w_j = 0. For alpha >= max_j |x_j . y_c| / n every weight is 0.

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

    def fit(self, X, y):
        """Fit the weights by coordinate descent, then the intercept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        check_positive(self.alpha, "alpha", self)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        self.n_features_in_ = X.shape[1]

        # centring removes the (unpenalised) b; it comes back as mean(y) - mean(X) . w
        x_mean, y_mean = centre(X, y, self.fit_intercept)
        penalty = L1L2Regularization(self.alpha, l1_ratio=1.0)     # the Lasso is the elastic net with l1_ratio = 1
        self.coef_, errors = coordinate_descent(X - x_mean, y - y_mean, penalty, self.max_iter, self.tol, self)
        self.intercept_ = float(y_mean - x_mean @ self.coef_)
        self.n_iter_ = len(errors)
        self.training_errors_ = np.array(errors)
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
