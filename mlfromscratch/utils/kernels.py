"""Kernel functions for kernel methods (the support vector machine).

Each function is a factory: it takes the kernel's hyperparameters and returns
``k(X1, X2)``, which computes the whole Gram matrix ``K[i, j] = k(X1[i], X2[j])``
with matrix products (no Python loop). Two 1-D vectors give a float.
"""

import numpy as np

from mlfromscratch.utils.data_operation import squared_euclidean_distances


def _as_rows(X1, X2):
    X1 = np.asarray(X1, dtype=float)
    X2 = np.asarray(X2, dtype=float)
    vectors = X1.ndim == 1 and X2.ndim == 1
    return np.atleast_2d(X1), np.atleast_2d(X2), vectors


def _finish(K, vectors):
    return float(K[0, 0]) if vectors else K


def linear_kernel(**kwargs):
    """Linear kernel k(x, z) = x . z.

    Returns
    -------
    kernel : callable
        ``kernel(X1, X2)`` -> Gram matrix of shape (n1, n2).

    Examples
    --------
    >>> linear_kernel()([1, 2], [3, 4])
    11.0
    """

    def kernel(X1, X2):
        A, B, vectors = _as_rows(X1, X2)
        return _finish(A @ B.T, vectors)

    return kernel


def polynomial_kernel(degree=3, gamma=1.0, coef0=1.0, **kwargs):
    """Polynomial kernel k(x, z) = (gamma x . z + coef0)^degree.

    Parameters
    ----------
    degree : int, default=3
    gamma : float, default=1.0
    coef0 : float, default=1.0

    Examples
    --------
    >>> polynomial_kernel(degree=2, gamma=1.0, coef0=1.0)([1, 2], [3, 4])
    144.0
    """

    def kernel(X1, X2):
        A, B, vectors = _as_rows(X1, X2)
        return _finish((gamma * (A @ B.T) + coef0) ** degree, vectors)

    return kernel


def rbf_kernel(gamma=1.0, **kwargs):
    """Radial basis function kernel k(x, z) = exp(-gamma ||x - z||^2).

    Parameters
    ----------
    gamma : float, default=1.0
        Inverse squared length scale, gamma > 0.

    Examples
    --------
    >>> round(rbf_kernel(gamma=0.5)([0, 0], [1, 1]), 6)
    0.367879
    """

    def kernel(X1, X2):
        A, B, vectors = _as_rows(X1, X2)
        return _finish(np.exp(-gamma * squared_euclidean_distances(A, B)), vectors)

    return kernel
