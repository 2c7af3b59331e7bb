"""Loss functions: how wrong a batch of predictions is, and the gradient that fixes it.

Each loss has ``loss(y, p)`` (a float) and ``gradient(y, p)`` (dLoss/dp, same shape as
``p``); the classification losses also have ``acc(y, p)``, the fraction of samples
whose predicted class is right (a regression loss has no accuracy). The reported loss
is the MEAN over the samples of the batch and ``gradient`` is its exact derivative, so
the gradient of a batch of n samples carries a 1/n factor and the learning rate does
not depend on the batch size. For a sequence of predictions, shape ``(batch, T, K)``,
the cross-entropies average over the batch AND the T time steps (every step is one
classification), so the loss does not grow with the sequence length.

Two losses take the LOGITS z (the scores before the output activation) instead of
probabilities: ``SoftmaxCrossEntropy`` and ``SigmoidCrossEntropy``. Fusing the
activation into the loss is the numerically sound way to train a classifier; see
their Notes.
"""

import abc

import numpy as np

from mlfromscratch.utils.numerics import log_softmax, sigmoid, softmax


class Loss(abc.ABC):
    """Base class of the losses: ``loss`` and ``gradient`` of targets y and predictions p."""

    @abc.abstractmethod
    def loss(self, y, p):
        """Mean loss over the batch (a float)."""

    @abc.abstractmethod
    def gradient(self, y, p):
        """Exact derivative of ``loss`` with respect to ``p`` (same shape as ``p``)."""

    def __repr__(self):
        return f"{type(self).__name__}()"


class SquareLoss(Loss):
    """Half the squared error, summed over the outputs and averaged over the batch.

    A regression loss: it has no ``acc`` (an argmax "accuracy" of real-valued
    outputs means nothing), so a network trained with it records only the loss.

    Notes
    -----
    For a batch of n samples with outputs y_i, p_i (vectors of k entries)

        L = (1 / n) sum_i 0.5 ||y_i - p_i||^2,      dL/dp_i = (p_i - y_i) / n.

    With one output per sample (``y`` and ``p`` both of shape ``(n,)`` or both
    ``(n, 1)``) this is half the mean squared error. The 0.5 makes the gradient
    the plain residual.

    Examples
    --------
    >>> SquareLoss().loss(np.array([1.0, 2.0]), np.array([1.0, 4.0]))
    1.0
    """

    def _check(self, y, p):
        hint = "; reshape y to (n_samples, 1) for a network with one output" if np.ndim(y) == np.ndim(p) - 1 else ""
        return _as_2d(y, p, "SquareLoss", hint)

    def loss(self, y, p):
        y2, p2 = self._check(y, p)
        return float(0.5 * np.sum((y2 - p2) ** 2) / len(p2))

    def gradient(self, y, p):
        y2, p2 = self._check(y, p)
        return ((p2 - y2) / len(p2)).reshape(np.shape(p))


class CrossEntropy(Loss):
    """Categorical cross-entropy of one-hot targets and predicted probabilities.

    Parameters
    ----------
    eps : float, default=1e-15
        Predictions are clipped to [eps, 1 - eps] before the log, so a confident
        wrong prediction gives a large but finite loss (never inf or NaN).

    Notes
    -----
    For N rows y_r (one-hot) and p_r (probabilities, e.g. softmax outputs),
    where N is the batch size, or batch size x time steps for ``(batch, T, K)``
    sequences,

        L = -(1 / N) sum_r sum_k y_rk log p_rk,     dL/dp_rk = -y_rk / (N p_rk),

    with p clipped as above (the gradient uses the clipped p; it is exact
    wherever no clipping happens). Rows of ``y`` must be probability vectors
    (one-hot, or soft labels summing to 1).

    With a SINGLE output column (a sigmoid unit, y in {0, 1}) the binary
    cross-entropy is used instead:

        L = -(1 / N) sum_r [y_r log p_r + (1 - y_r) log(1 - p_r)],
        dL/dp_r = (p_r - y_r) / (N p_r (1 - p_r)).

    Followed by a softmax (or a single sigmoid), the chain rule gives
    dL/dlogits = (p - y) / N, which ``logits_gradient`` returns directly.
    ``NeuralNetwork`` uses it when its last layer is that activation: the
    chained product -y/p times the softmax Jacobian is p_true * 1e15 instead of
    about 1 once p_true has underflowed below eps, and training stalls (see
    ``SoftmaxCrossEntropy``).

    Examples
    --------
    >>> y = np.array([[0.0, 1.0]])
    >>> round(CrossEntropy().loss(y, np.array([[0.5, 0.5]])), 6)
    0.693147
    """

    def __init__(self, eps=1e-15):
        self.eps = eps

    def _check(self, y, p):
        y, p = _check_targets(y, p, "CrossEntropy")
        return y, np.clip(p, self.eps, 1.0 - self.eps)

    def loss(self, y, p):
        y, p = self._check(y, p)
        if y.shape[-1] == 1:
            return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)) / _n_rows(p))
        return float(-np.sum(y * np.log(p)) / _n_rows(p))

    def gradient(self, y, p):
        shape = np.shape(p)
        y, p = self._check(y, p)
        n = _n_rows(p)
        if y.shape[-1] == 1:
            return ((p - y) / (n * p * (1.0 - p))).reshape(shape)
        return (-y / (n * p)).reshape(shape)

    def logits_gradient(self, y, p):
        """dL/dz = (p - y) / N for p = softmax(z) (or sigmoid(z) with one column).

        The gradient with respect to the logits z, computed from the unclipped
        probabilities p: exact even when p has underflowed to 0.
        """
        y2, p2 = _check_targets(y, p, "CrossEntropy")
        return ((p2 - y2) / _n_rows(p2)).reshape(np.shape(p))

    def acc(self, y, p):
        """Fraction of predictions whose class is right (argmax, or p > 0.5 for one column)."""
        y, p = _check_targets(y, p, "CrossEntropy")
        return _argmax_accuracy(y, p, 0.5)


class SoftmaxCrossEntropy(Loss):
    """Softmax followed by the cross-entropy, as one loss on the logits.

    The network ends in a ``Dense`` layer (no softmax): its outputs z are the
    logits, and ``softmax(z)`` are the class probabilities.

    Notes
    -----
    For N rows of logits z_r and one-hot targets y_r (N = batch size, or batch
    size x time steps for ``(batch, T, K)`` sequences)

        L = -(1 / N) sum_r sum_k y_rk log softmax(z_r)_k
          = (1 / N) sum_r [logsumexp(z_r) - sum_k y_rk z_rk],

        dL/dz_r = (softmax(z_r) - y_r) / N.

    Why fuse the two? Apart, the cross-entropy hands back -y/p and the softmax
    multiplies it by its Jacobian p_i (delta_ij - p_j); the p of the true class
    cancels only on paper. In floating point, once the true class's p has
    underflowed (a logit gap above about 34.5 for the clipped loss, about 745
    for exp itself), -y/p is clipped or infinite and the product is p_true *
    1e15 instead of about 1: a confidently wrong network gets almost no
    gradient and stays wrong. Fused, the gradient is p - y, bounded by 1 and
    exact for any logits, and the loss uses ``log_softmax`` (log-sum-exp) so it
    is finite and exact too (a gap of 60 gives a loss of 60, not 34.5).

    References
    ----------
    Goodfellow, I., Bengio, Y. and Courville, A. (2016). Deep Learning,
    ch. 6.2.2.3 (softmax units and the log in the likelihood). MIT Press.

    Examples
    --------
    >>> y = np.array([[1.0, 0.0]])
    >>> float(SoftmaxCrossEntropy().loss(y, np.array([[0.0, 60.0]])))
    60.0
    >>> SoftmaxCrossEntropy().gradient(y, np.array([[0.0, 60.0]]))
    array([[-1.,  1.]])
    """

    def loss(self, y, z):
        y, z = _check_targets(y, z, "SoftmaxCrossEntropy")
        return float(-np.sum(y * log_softmax(z, axis=-1)) / _n_rows(z))

    def gradient(self, y, z):
        y2, z2 = _check_targets(y, z, "SoftmaxCrossEntropy")
        return ((softmax(z2, axis=-1) - y2) / _n_rows(z2)).reshape(np.shape(z))

    def acc(self, y, z):
        """Fraction of rows whose largest logit is the true class."""
        y, z = _check_targets(y, z, "SoftmaxCrossEntropy")
        return _argmax_accuracy(y, z, 0.0)


class SigmoidCrossEntropy(Loss):
    """Sigmoid followed by the binary cross-entropy, as one loss on the logits.

    The network ends in a ``Dense`` layer (no sigmoid) with one output per
    binary label; ``sigmoid(z)`` is the probability of the label 1.

    Notes
    -----
    For N rows of logits z_r and targets y_r in [0, 1] (one column for a binary
    classifier; several columns are independent binary labels, summed)

        L = -(1 / N) sum_r sum_k [y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))]_rk
          = (1 / N) sum_r sum_k [log(1 + exp(z)) - y z]_rk,

        dL/dz_r = (sigmoid(z_r) - y_r) / N.

    log(1 + exp(z)) is evaluated as ``logaddexp(0, z)``, which never overflows.
    The fused gradient sigmoid(z) - y stays about 1 for a confidently wrong
    logit, where the unfused chain (p - y) / (p (1 - p)) * p (1 - p) loses it
    once p has been clipped (see ``SoftmaxCrossEntropy``).

    Examples
    --------
    >>> y = np.array([[1.0]])
    >>> float(SigmoidCrossEntropy().loss(y, np.array([[-60.0]])))
    60.0
    >>> SigmoidCrossEntropy().gradient(y, np.array([[-60.0]]))
    array([[-1.]])
    """

    def _check(self, y, z):
        y, z = _as_2d(y, z, "SigmoidCrossEntropy")
        if np.any(y < 0) or np.any(y > 1):
            raise ValueError("SigmoidCrossEntropy expects targets with entries in [0, 1]")
        return y, z

    def loss(self, y, z):
        y, z = self._check(y, z)
        return float(np.sum(np.logaddexp(0.0, z) - y * z) / _n_rows(z))

    def gradient(self, y, z):
        y2, z2 = self._check(y, z)
        return ((sigmoid(z2) - y2) / _n_rows(z2)).reshape(np.shape(z))

    def acc(self, y, z):
        """Fraction of labels predicted right (z > 0 means label 1), over every row and column."""
        y, z = self._check(y, z)
        return float(np.mean((y > 0.5) == (z > 0.0)))


# ---------------------------------------------------------------- input checks and accuracy


def _as_2d(y, p, name, hint=""):
    """Validate targets and predictions and return both as float arrays with at least 2 dims."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    if y.shape != p.shape:
        raise ValueError(
            f"{name} expects targets y with the same shape as the predictions p, got y {y.shape} and p {p.shape}{hint}"
        )
    if p.ndim == 0:
        raise ValueError(f"{name} expects at least 1-D arrays, got a scalar")
    if p.ndim == 1:
        y, p = y[:, None], p[:, None]
    return y, p


_ONE_HOT_HINT = "; one-hot encode the labels (mlfromscratch.utils.to_categorical)"


def _check_targets(y, p, name):
    """Targets for a cross-entropy: entries in [0, 1], each row summing to 1 when there are several columns."""
    hint = _ONE_HOT_HINT if np.ndim(y) == np.ndim(p) - 1 else ""
    y, p = _as_2d(y, p, name, hint)
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError(f"{name} expects one-hot targets with entries in [0, 1]")
    # rows summing to 1 (up to rounding); cheaper than np.allclose, which runs on every batch
    if y.shape[-1] > 1 and y.size and np.abs(y.sum(axis=-1) - 1.0).max() > 1e-6:
        raise ValueError(
            f"{name} expects one-hot targets (each row sums to 1), e.g. y = mlfromscratch.utils.to_categorical(labels)"
        )
    return y, p


def _n_rows(p):
    """Number of predictions averaged over: every axis but the last (batch, or batch x time steps)."""
    return p.size // p.shape[-1]


def _argmax_accuracy(y, scores, threshold):
    """Fraction of rows whose predicted class is right.

    The class is the argmax of the last axis; for a single column it is ``scores > threshold``
    (0.5 for probabilities, 0 for logits).
    """
    if y.shape[-1] == 1:
        return float(np.mean((y[..., 0] > 0.5) == (scores[..., 0] > threshold)))
    return float(np.mean(np.argmax(y, axis=-1) == np.argmax(scores, axis=-1)))
