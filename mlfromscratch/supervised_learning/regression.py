"""The linear regression family: which model minimises what, with which solver, in which file.

Every model here predicts y_hat = X w + b and minimises a squared error plus a
penalty R(w) that never touches the intercept b::

    J(w, b) = 1/(2 n) ||y - X w - b||^2 + R(w)

=========================  ================================  ==================  ========================
model                      penalty R(w)                      solver              file
=========================  ================================  ==================  ========================
LinearRegression           0                                 lstsq or gd         linear_regression.py
RidgeRegression            alpha / (2n) ||w||^2              lstsq or gd         ridge_regression.py
PolynomialRegression       0, on standardised monomials      lstsq or gd         polynomial_regression.py
PolynomialRidgeRegression  alpha / (2n) ||w||^2, on          lstsq or gd         polynomial_regression.py
                           standardised monomials
LassoRegression            alpha ||w||_1                     coordinate descent  elastic_net.py
ElasticNet                 alpha l1_ratio ||w||_1            coordinate descent  elastic_net.py
                           + alpha (1 - l1_ratio)/2 ||w||^2
=========================  ================================  ==================  ========================

The alphas mean what they mean in scikit-learn's ``Ridge``, ``Lasso`` and
``ElasticNet`` (Ridge's objective is ||y - X w - b||^2 + alpha ||w||^2, which
is the table's row times 2n).

How each model handles b: on centred data (X_c = X - mean(X), y_c = y - mean(y))
the intercept drops out of J, the solver finds w, and b = mean(y) - mean(X) . w.

The solvers:

- ``least_squares`` (``linear_regression.py``): the exact minimiser through
  ``np.linalg.lstsq``; the ridge penalty is folded in as extra rows.
- ``gradient_descent`` (``linear_regression.py``): w <- w - learning_rate grad J
  from w = 0, with the safe step 1/L by default.
- ``coordinate_descent`` (``elastic_net.py``): each weight in turn set to its
  exact minimiser by soft-thresholding, which makes weights exactly 0.

This module holds the penalties R(w) as small objects with a value and a
(sub)gradient, as in the classic ML-From-Scratch: both iterative solvers call
``penalty(w)`` for the objective they record; ``gradient_descent`` also calls
``penalty.grad(w)`` for its step, while ``coordinate_descent`` reads ``alpha``
and ``l1_ratio`` for its closed-form coordinate update.
"""

import numpy as np


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
        Strength of the penalty (0 is no penalty).

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
