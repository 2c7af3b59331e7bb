"""Dropout layer: randomly silence units during training (inverted dropout)."""

import numpy as np

from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import _is_real


class Dropout(Layer):
    """Inverted dropout: zero each input with probability ``p`` while training.

    Parameters
    ----------
    p : float, default=0.2
        Probability of dropping a unit, in [0, 1).
    input_shape : tuple of int, optional
        Needed only for the first layer of a network.

    Attributes
    ----------
    mask : ndarray or None
        The scaled keep-mask of the last training forward pass.

    Notes
    -----
    While training, with a fresh mask m_i ~ Bernoulli(1 - p) for every entry,

        Y = X * m / (1 - p),        dL/dX = dL/dY * m / (1 - p).

    Scaling the kept units by 1 / (1 - p) keeps E[Y] = X, so at inference
    (``training=False``) the layer is the identity and needs no rescaling.
    The masks are drawn from the generator passed to ``initialize`` (the
    network's), so a seeded network drops the same units every run.

    References
    ----------
    Srivastava, N., Hinton, G., Krizhevsky, A., Sutskever, I. and
    Salakhutdinov, R. (2014). Dropout: a simple way to prevent neural networks
    from overfitting. JMLR 15.

    Examples
    --------
    >>> layer = Dropout(0.5)
    >>> layer.initialize(rng=np.random.default_rng(0))
    >>> layer.forward_pass(np.ones((1, 4)), training=False)
    array([[1., 1., 1., 1.]])
    """

    def __init__(self, p=0.2, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.p = p
        self.mask = None
        self._rng = None
        if not (_is_real(p) and 0 <= p < 1):
            raise ValueError(f"Dropout: p must be a number with 0 <= p < 1, got {p!r}")

    def initialize(self, optimizer=None, rng=None):
        self._rng = rng

    def forward_pass(self, X, training=True):
        if not training or self.p == 0:
            self.mask = None
            return X
        if self._rng is None:
            self.initialize(rng=np.random.default_rng())
        keep = 1.0 - self.p
        self.mask = (self._rng.random(X.shape) < keep).astype(X.dtype) / keep  # (batch, *input_shape)
        return X * self.mask

    def backward_pass(self, accum_grad):
        return accum_grad if self.mask is None else accum_grad * self.mask

    def output_shape(self):
        return self.input_shape
