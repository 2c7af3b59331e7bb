"""Polynomial regression: least squares (optionally ridge) on standardised monomials of the features."""

import numpy as np

from mlfromscratch.supervised_learning.linear_regression import fit_weights
from mlfromscratch.utils.base import BaseEstimator, RegressorMixin
from mlfromscratch.utils.data_manipulation import polynomial_features
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_X_y,
)


def _monomials(X, degree):
    """All monomials of the columns of X up to ``degree``, without the constant 1 (b plays its part).

    Returns
    -------
    M : ndarray of shape (n_samples, n_columns)
        In the column order of ``utils.polynomial_features``.
    """
    return polynomial_features(X, degree)[:, 1:]


def _column_statistics(M, fit_intercept):
    """Mean (0 without intercept) and standard deviation (1 for constant columns) of each column."""
    mean = M.mean(axis=0) if fit_intercept else np.zeros(M.shape[1])
    scale = M.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


class PolynomialRegression(RegressorMixin, BaseEstimator):
    """Least squares on the polynomial expansion of the features.

    Parameters
    ----------
    degree : int >= 1, default=2
        Highest total degree of the monomials.
    solver : {"lstsq", "gd"}, default="lstsq"
        "lstsq": exact least squares through ``np.linalg.lstsq`` (SVD). "gd":
        batch gradient descent from w = 0.
    learning_rate : float > 0 or None, default=None
        Step size of gradient descent. None uses 1/L, L = sigma_max(Z)^2 / n,
        the largest step that always decreases the objective.
    max_iter : int >= 1, default=1000
        Gradient-descent iterations at most.
    tol : float >= 0, default=1e-4
        Gradient descent stops when max_j |dJ/dw_j| <= tol times its value at w = 0.
    fit_intercept : bool, default=True
        Learn an intercept b.

    Attributes
    ----------
    coef_ : ndarray of shape (n_columns,)
        Weights of the standardised monomials (constant excluded), in the
        order of ``utils.polynomial_features``.
    intercept_ : float
        The intercept b (0.0 when ``fit_intercept=False``).
    feature_mean_ : ndarray of shape (n_columns,)
        Mean of each monomial on the training data (0 without intercept).
    feature_scale_ : ndarray of shape (n_columns,)
        Standard deviation of each monomial on the training data (1 where constant).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Gradient-descent iterations run (``solver="gd"`` only).
    training_errors_ : ndarray of shape (n_iter_,)
        Objective J before each iteration (``solver="gd"`` only).

    Notes
    -----
    The model is linear in its parameters:

        y = b + sum_j w_j z_j(x),   z_j = (m_j(x) - mean_j) / std_j,

    where m_j runs over the monomials of x up to ``degree`` and z_j
    standardises each one with the training statistics. The standardisation
    does not change the least-squares fit, but it makes the columns comparable
    (x^15 on [0, 1] is tiny), so gradient descent and the penalised variant
    behave. With an intercept the z_j are centred, so only y needs centring;
    then w minimises J(w) = 1/(2n) ||y_c - Z w||^2 exactly (``least_squares``)
    or by gradient descent, and b = mean(y). Without an intercept the columns
    are only scaled, so the model stays a polynomial without constant term.

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

    def fit(self, X, y):
        """Expand and standardise the features, then fit the weights and the intercept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        check_positive(self.degree, "degree", self, integer=True)
        self.n_features_in_ = X.shape[1]

        M = _monomials(X, self.degree)                             # (n_samples, n_columns)
        self.feature_mean_, self.feature_scale_ = _column_statistics(M, self.fit_intercept)
        Z = (M - self.feature_mean_) / self.feature_scale_         # centred with an intercept
        y_mean = y.mean() if self.fit_intercept else 0.0
        self.coef_ = fit_weights(self, Z, y - y_mean)              # Z^T Z w = Z^T y_c
        self.intercept_ = float(y_mean)                            # mean(y) - mean(Z) . w, mean(Z) = 0
        return self

    def predict(self, X):
        """Predict y_hat = Z w + b, standardising with the training statistics.

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
        Z = (_monomials(X, self.degree) - self.feature_mean_) / self.feature_scale_
        return Z @ self.coef_ + self.intercept_


class PolynomialRidgeRegression(RegressorMixin, BaseEstimator):
    """Ridge regression on the standardised polynomial expansion of the features.

    Parameters
    ----------
    degree : int >= 1, default=2
        Highest total degree of the monomials.
    alpha : float >= 0, default=1.0
        Penalty strength, scikit-learn's ``Ridge`` meaning (see Notes).
    solver : {"lstsq", "gd"}, default="lstsq"
        "lstsq": exact solution through ``np.linalg.lstsq`` on augmented data.
        "gd": batch gradient descent from w = 0.
    learning_rate : float > 0 or None, default=None
        Step size of gradient descent. None uses 1/L, L = sigma_max(Z)^2 / n +
        alpha / n, the largest step that always decreases the objective.
    max_iter : int >= 1, default=1000
        Gradient-descent iterations at most.
    tol : float >= 0, default=1e-4
        Gradient descent stops when max_j |dJ/dw_j| <= tol times its value at w = 0.
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept b.

    Attributes
    ----------
    coef_ : ndarray of shape (n_columns,)
        Weights of the standardised monomials (constant excluded), in the
        order of ``utils.polynomial_features``.
    intercept_ : float
        The intercept b (0.0 when ``fit_intercept=False``).
    feature_mean_ : ndarray of shape (n_columns,)
        Mean of each monomial on the training data (0 without intercept).
    feature_scale_ : ndarray of shape (n_columns,)
        Standard deviation of each monomial on the training data (1 where constant).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Gradient-descent iterations run (``solver="gd"`` only).
    training_errors_ : ndarray of shape (n_iter_,)
        Objective J before each iteration (``solver="gd"`` only).

    Notes
    -----
    Minimises

        ||y - Z w - b||^2 + alpha ||w||^2,

    where Z holds the standardised monomials of ``PolynomialRegression``; on
    centred y this is ``RidgeRegression`` on Z: w = (Z^T Z + alpha I)^-1 Z^T y_c
    and b = mean(y). Because the columns share one scale, a single alpha
    shrinks every degree alike; a high degree with a well-chosen alpha gives a
    smooth curve instead of the wild oscillations of an unregularised fit.

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

    def fit(self, X, y):
        """Expand and standardise the features, then fit the weights and the intercept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        check_positive(self.degree, "degree", self, integer=True)
        check_positive(self.alpha, "alpha", self, strict=False)
        self.n_features_in_ = X.shape[1]

        M = _monomials(X, self.degree)                             # (n_samples, n_columns)
        self.feature_mean_, self.feature_scale_ = _column_statistics(M, self.fit_intercept)
        Z = (M - self.feature_mean_) / self.feature_scale_         # centred with an intercept
        y_mean = y.mean() if self.fit_intercept else 0.0
        l2 = self.alpha / len(y)                                   # the penalty of the 1/(2n)-scaled J
        self.coef_ = fit_weights(self, Z, y - y_mean, l2)          # (Z^T Z + alpha I) w = Z^T y_c
        self.intercept_ = float(y_mean)                            # mean(y) - mean(Z) . w, mean(Z) = 0
        return self

    def predict(self, X):
        """Predict y_hat = Z w + b, standardising with the training statistics.

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
        Z = (_monomials(X, self.degree) - self.feature_mean_) / self.feature_scale_
        return Z @ self.coef_ + self.intercept_
