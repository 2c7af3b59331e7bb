"""Loss functions: how wrong a batch of predictions is, and the gradient that fixes it.

Each loss has ``loss(y, p)`` (a float), ``gradient(y, p)`` (dLoss/dp, same shape as
``p``) and ``acc(y, p)`` (a float, see each class). The reported loss is the MEAN over
the samples of the batch and ``gradient`` is its exact derivative, so the gradient of
a batch of n samples carries a 1/n factor and the learning rate does not depend on
the batch size.
"""

import abc

import numpy as np


def _as_2d(y, p, name):
    """Validate targets and predictions and return both as float arrays with 2 dims."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    if y.shape != p.shape:
        hint = "; one-hot encode the labels (mlfromscratch.utils.to_categorical)" if y.ndim == 1 and p.ndim == 2 else ""
        raise ValueError(
            f"{name} expects targets y with the same shape as the predictions p, got y {y.shape} and p {p.shape}{hint}"
        )
    if p.ndim == 0:
        raise ValueError(f"{name} expects at least 1-D arrays, got a scalar")
    if p.ndim == 1:
        y, p = y[:, None], p[:, None]
    return y, p


def _argmax_accuracy(y, p):
    """Accuracy of the predicted class: argmax of each row, or p > 0.5 for a single column."""
    y, p = _as_2d(y, p, "acc")
    if y.shape[-1] == 1:
        return float(np.mean((y[..., 0] > 0.5) == (p[..., 0] > 0.5)))
    return float(np.mean(np.argmax(y, axis=-1) == np.argmax(p, axis=-1)))


class Loss(abc.ABC):
    """Base class of the losses: ``loss``, ``gradient`` and ``acc`` of targets y and predictions p."""

    @abc.abstractmethod
    def loss(self, y, p):
        """Mean loss over the batch (a float)."""

    @abc.abstractmethod
    def gradient(self, y, p):
        """Exact derivative of ``loss`` with respect to ``p`` (same shape as ``p``)."""

    def acc(self, y, p):
        """Fraction of samples whose predicted class is right.

        The class is the argmax of each row; for a single output column it is
        ``p > 0.5`` (a binary classifier with a sigmoid output).
        """
        return _argmax_accuracy(y, p)

    def __repr__(self):
        return f"{type(self).__name__}()"


class SquareLoss(Loss):
    """Half the squared error, summed over the outputs and averaged over the batch.

    Notes
    -----
    For a batch of n samples with outputs y_i, p_i (vectors of k entries)

        L = (1 / n) sum_i 0.5 ||y_i - p_i||^2,      dL/dp_i = (p_i - y_i) / n.

    With one output per sample (``y`` of shape ``(n,)`` or ``(n, 1)``) this is
    half the mean squared error. The 0.5 makes the gradient the plain residual.

    Examples
    --------
    >>> SquareLoss().loss(np.array([1.0, 2.0]), np.array([1.0, 4.0]))
    1.0
    """

    def loss(self, y, p):
        y2, p2 = _as_2d(y, p, "SquareLoss")
        return float(0.5 * np.sum((y2 - p2) ** 2) / len(p2))

    def gradient(self, y, p):
        y2, p2 = _as_2d(y, p, "SquareLoss")
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
    For a batch of n one-hot rows y_i and probability rows p_i (e.g. softmax outputs)

        L = -(1 / n) sum_i sum_k y_ik log p_ik,     dL/dp_ik = -y_ik / (n p_ik),

    with p clipped as above (the gradient uses the clipped p; it is exact
    wherever no clipping happens). Rows of ``y`` must be probability vectors
    (one-hot, or soft labels summing to 1).

    With a SINGLE output column (a sigmoid unit, y in {0, 1}) the binary
    cross-entropy is used instead:

        L = -(1 / n) sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)],
        dL/dp_i = (p_i - y_i) / (n p_i (1 - p_i)).

    Followed by a ``Softmax`` (or ``Sigmoid``) activation layer, the chain rule
    gives the familiar dL/dlogits = (p - y) / n.

    Examples
    --------
    >>> y = np.array([[0.0, 1.0]])
    >>> round(CrossEntropy().loss(y, np.array([[0.5, 0.5]])), 6)
    0.693147
    """

    def __init__(self, eps=1e-15):
        self.eps = eps

    def _check(self, y, p):
        y, p = _as_2d(y, p, "CrossEntropy")
        if np.any(y < 0) or np.any(y > 1):
            raise ValueError("CrossEntropy expects one-hot targets with entries in [0, 1]")
        if y.shape[-1] > 1 and not np.allclose(y.sum(axis=-1), 1.0):
            raise ValueError(
                "CrossEntropy expects one-hot targets (each row sums to 1), "
                "e.g. y = mlfromscratch.utils.to_categorical(labels)"
            )
        return y, np.clip(p, self.eps, 1.0 - self.eps)

    def loss(self, y, p):
        y, p = self._check(y, p)
        n = len(p)
        if y.shape[-1] == 1:
            return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)) / n)
        return float(-np.sum(y * np.log(p)) / n)

    def gradient(self, y, p):
        shape = np.shape(p)
        y, p = self._check(y, p)
        n = len(p)
        if y.shape[-1] == 1:
            return ((p - y) / (n * p * (1.0 - p))).reshape(shape)
        return (-y / (n * p)).reshape(shape)
