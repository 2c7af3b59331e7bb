"""Small numerical operations shared by the models and examples: errors, accuracy, distances."""

import numpy as np


def mean_squared_error(y_true, y_pred):
    """Mean squared error, mean((y_true - y_pred)^2).

    Parameters
    ----------
    y_true, y_pred : array-like of the same shape

    Returns
    -------
    mse : float
    """
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {y_true.shape} vs {y_pred.shape}")
    return float(np.mean((y_true - y_pred) ** 2))


def euclidean_distance(x1, x2):
    """Euclidean distance ||x1 - x2||_2 along the last axis, with broadcasting.

    Parameters
    ----------
    x1, x2 : array-like of shape (..., n_features)
        Two vectors give a float; a vector and a matrix of rows give the
        distance to each row.

    Returns
    -------
    distance : float or ndarray

    Examples
    --------
    >>> euclidean_distance([0, 0], [3, 4])
    5.0
    >>> euclidean_distance([[0, 0], [1, 0]], [0, 0]).tolist()
    [0.0, 1.0]
    """
    x1 = np.asarray(x1, dtype=float)
    x2 = np.asarray(x2, dtype=float)
    if x1.shape[-1:] != x2.shape[-1:]:
        raise ValueError(
            f"euclidean_distance: x1 and x2 need the same number of features (last axis), "
            f"got shapes {x1.shape} and {x2.shape}"
        )
    diff = x1 - x2
    distance = np.sqrt(np.sum(diff**2, axis=-1))
    return float(distance) if np.ndim(distance) == 0 else distance


def squared_euclidean_distances(A, B):
    """All pairwise squared Euclidean distances between the rows of ``A`` and ``B``.

    ||a - b||^2 = ||a||^2 - 2 a.b + ||b||^2, computed with one matrix product
    and clipped at 0 (rounding can make it slightly negative).

    Parameters
    ----------
    A : ndarray of shape (n_a, n_features)
    B : ndarray of shape (n_b, n_features)

    Returns
    -------
    D2 : ndarray of shape (n_a, n_b)
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    D2 = np.sum(A**2, axis=1)[:, None] - 2.0 * A @ B.T + np.sum(B**2, axis=1)[None, :]
    return np.maximum(D2, 0.0)


def accuracy_score(y_true, y_pred):
    """Fraction of predictions equal to the true labels.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)

    Returns
    -------
    accuracy : float in [0, 1]
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {y_true.shape} vs {y_pred.shape}")
    if y_true.size == 0:
        raise ValueError("accuracy_score needs at least one sample")
    return float(np.mean(y_true == y_pred))
