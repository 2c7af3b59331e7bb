"""Ridge regression: least squares with an L2 penalty (Tikhonov regularisation)."""


from mlfromscratch.supervised_learning.linear_regression import centre, fit_weights
from mlfromscratch.utils.base import BaseEstimator, RegressorMixin
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_X_y,
)


class RidgeRegression(RegressorMixin, BaseEstimator):
    """Least squares with an L2 penalty on the weights (Tikhonov regularisation).

    Parameters
    ----------
    alpha : float >= 0, default=1.0
        Penalty strength, with scikit-learn's ``Ridge`` meaning (see Notes).
    solver : {"lstsq", "gd"}, default="lstsq"
        "lstsq": exact solution through ``np.linalg.lstsq`` on augmented data.
        "gd": batch gradient descent from w = 0.
    learning_rate : float > 0 or None, default=None
        Step size of gradient descent. None uses 1/L, L = sigma_max(X_c)^2 / n +
        alpha / n, the largest step that always decreases the objective.
    max_iter : int >= 1, default=1000
        Gradient-descent iterations at most.
    tol : float >= 0, default=1e-4
        Gradient descent stops when max_j |dJ/dw_j| <= tol times its value at w = 0.
    fit_intercept : bool, default=True
        Learn an (unpenalised) intercept b.

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
    Minimises scikit-learn's ``Ridge`` objective (not divided by n), so the
    same alpha gives the same model:

        ||y - X w - b||^2 + alpha ||w||^2.

    The intercept is never penalised: centring X and y removes it. The closed
    form on centred data is

        w = (X_c^T X_c + alpha I)^-1 X_c^T y_c,

    computed as least squares on augmented data (``least_squares``). Gradient
    descent works on the same objective divided by 2n,

        J(w) = 1/(2n) ||y_c - X_c w||^2 + (alpha / n) / 2 ||w||^2,

    whose gradient is -X_c^T (y_c - X_c w) / n + (alpha / n) w. Then
    b = mean(y) - mean(X) . w.

    References
    ----------
    Hoerl and Kennard, "Ridge regression: biased estimation for nonorthogonal
    problems", Technometrics 12(1), 1970.

    Examples
    --------
    >>> import numpy as np
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
        check_positive(self.alpha, "alpha", self, strict=False)
        self.n_features_in_ = X.shape[1]

        # centring removes the (unpenalised) b; it comes back as mean(y) - mean(X) . w
        x_mean, y_mean = centre(X, y, self.fit_intercept)
        l2 = self.alpha / len(y)                                   # the penalty of the 1/(2n)-scaled J
        self.coef_ = fit_weights(self, X - x_mean, y - y_mean, l2)  # (X_c^T X_c + alpha I) w = X_c^T y_c
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
