"""Numerically stable log-sum-exp, log-softmax, softmax and sigmoid: the one copy.

Every model that turns scores into probabilities needs these four functions,
and each has a naive form that overflows (``exp(1000)``) or loses every digit
(``log(1 + 1e-20)``). They live here once; models import them.

Notes
-----
log-sum-exp shifts by the maximum m before exponentiating::

    log sum_j exp(a_j) = m + log sum_j exp(a_j - m),      m = max_j a_j

so the largest term is exp(0) = 1 and nothing overflows. The remaining sum is
1 + (the other terms), and log(1 + tiny) is evaluated as ``log1p(tiny)``: plain
``log`` would round it to 0 below about 1e-16, so a confident prediction's
log-loss would read exactly 0 and a line search would stall on noise. Softmax
and log-softmax follow from it::

    log softmax(a)_i = a_i - logsumexp(a)
    softmax(a)_i     = exp(a_i - m) / sum_j exp(a_j - m)

The sigmoid 1 / (1 + exp(-x)) overflows in ``exp(-x)`` for x << 0; the equal
form exp(x) / (1 + exp(x)) does not, so each sign uses the form whose
exponent is <= 0.
"""

import numpy as np


def logsumexp(a, axis=-1, keepdims=False):
    """log(sum(exp(a))) along ``axis`` without overflow.

    Parameters
    ----------
    a : ndarray
    axis : int, default=-1
    keepdims : bool, default=False

    Returns
    -------
    out : ndarray
        ``a`` reduced over ``axis``. Rows that are all ``-inf`` give ``-inf``.

    Examples
    --------
    >>> float(logsumexp(np.array([1000.0, 1000.0])))   # log(2 e^1000)
    1000.6931471805599
    """
    a = np.asarray(a, dtype=np.result_type(a, np.float32))
    top = np.expand_dims(np.argmax(a, axis=axis), axis)
    m = np.take_along_axis(a, top, axis=axis)              # the maximum, kept as an axis
    if not np.all(np.isfinite(m)):                         # rows of -inf (or inf/NaN): plain formula
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.log(np.sum(np.exp(a), axis=axis, keepdims=True))
        return out if keepdims else np.squeeze(out, axis=axis)
    others = np.exp(a - m)
    np.put_along_axis(others, top, 0.0, axis=axis)         # the maximum's own exp(0) = 1 ...
    out = m + np.log1p(np.sum(others, axis=axis, keepdims=True))   # ... is the 1 of log1p
    return out if keepdims else np.squeeze(out, axis=axis)


def log_softmax(a, axis=-1):
    """log softmax(a) = a - logsumexp(a) along ``axis``, computed as (a - m) - log1p(others).

    Subtracting the maximum m first keeps the largest entry's result exact
    (0 - log1p(tiny)) instead of the difference of two large numbers.

    Examples
    --------
    >>> np.round(np.exp(log_softmax(np.array([0.0, np.log(3.0)]))), 6)
    array([0.25, 0.75])
    """
    a = np.asarray(a, dtype=np.result_type(a, np.float32))
    top = np.expand_dims(np.argmax(a, axis=axis), axis)
    m = np.take_along_axis(a, top, axis=axis)
    if not np.all(np.isfinite(m)):
        return a - logsumexp(a, axis=axis, keepdims=True)
    shifted = a - m                                        # the maximum becomes exactly 0
    others = np.exp(shifted)
    np.put_along_axis(others, top, 0.0, axis=axis)
    return shifted - np.log1p(np.sum(others, axis=axis, keepdims=True))


def softmax(a, axis=-1):
    """exp(a_i) / sum_j exp(a_j) along ``axis``, shifted by the maximum.

    Examples
    --------
    >>> softmax(np.array([[1000.0, 1000.0]]))
    array([[0.5, 0.5]])
    """
    a = np.asarray(a, dtype=np.result_type(a, np.float32))
    e = np.exp(a - np.max(a, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + exp(-x)), evaluated without overflow.

    For x >= 0 it is 1 / (1 + e) and for x < 0 it is e / (1 + e), with
    e = exp(-|x|) <= 1 in both cases.

    Examples
    --------
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    x = np.asarray(x, dtype=np.result_type(x, np.float32))
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(x.dtype, copy=False)


def scores_to_probabilities(F):
    """Class probabilities from raw scores: one score column means two classes.

    A column F of shape (n_samples, 1) is the log-odds of the second class, so
    the probabilities are [1 - sigmoid(F), sigmoid(F)]; K columns are softmaxed.
    The classifiers that boost raw scores (gradient boosting, XGBoost) share it.

    Parameters
    ----------
    F : ndarray of shape (n_samples, 1) or (n_samples, n_classes)

    Returns
    -------
    P : ndarray of shape (n_samples, 2) or (n_samples, n_classes)

    Examples
    --------
    >>> scores_to_probabilities(np.array([[0.0], [np.log(3.0)]])).round(6).tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    """
    if F.shape[1] == 1:
        p = sigmoid(F)
        return np.hstack([1.0 - p, p])
    return softmax(F, axis=1)


def log_loss_from_scores(Y, F):
    """Mean cross-entropy of 0/1 targets Y under the probabilities of the raw scores F.

    Two classes (one column): -y log p - (1 - y) log(1 - p) = log(1 + e^F) - y F,
    by ``logaddexp``; K classes: -sum_k y_k log softmax(F)_k, by ``log_softmax``.
    Neither form overflows or takes log(0).

    Parameters
    ----------
    Y : ndarray of shape (n_samples, 1) or (n_samples, n_classes)
        The second class's indicator, or one-hot rows.
    F : ndarray of the same shape

    Examples
    --------
    >>> round(log_loss_from_scores(np.array([[1.0]]), np.array([[0.0]])), 6)   # log 2
    0.693147
    """
    if F.shape[1] == 1:
        return float(np.mean(np.logaddexp(0.0, F[:, 0]) - Y[:, 0] * F[:, 0]))
    return float(-np.mean(np.sum(Y * log_softmax(F, axis=1), axis=1)))
