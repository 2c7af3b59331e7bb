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
    """log softmax(a) = a - logsumexp(a) along ``axis``.

    Examples
    --------
    >>> np.round(np.exp(log_softmax(np.array([0.0, np.log(3.0)]))), 6)
    array([0.25, 0.75])
    """
    a = np.asarray(a, dtype=np.result_type(a, np.float32))
    return a - logsumexp(a, axis=axis, keepdims=True)


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
