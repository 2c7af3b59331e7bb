"""Fully connected (Dense) layer: an affine map of a flat input."""

import numpy as np

from mlfromscratch.deep_learning.initializers import get_initializer
from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import check_scalar


class Dense(Layer):
    """Fully connected layer: every output unit sees every input feature.

    Parameters
    ----------
    n_units : int
        Number of output units.
    input_shape : tuple of int, optional
        ``(n_inputs,)``, or ``(timesteps, n_inputs)`` for sequences (the
        same W and b are then applied at every step, e.g. the output layer
        after an ``RNN``); needed only for the first layer of a network.
    kernel_initializer : str or callable, default="glorot_uniform"
        How W is drawn: ``"glorot_uniform"`` (tanh/sigmoid/softmax),
        ``"he_normal"`` / ``"he_uniform"`` (ReLU family), ``"lecun_normal"``
        (SELU), ``"lecun_uniform"``, or a callable ``f(shape, fan_in, fan_out, rng)``.
        See ``mlfromscratch.deep_learning.initializers``.

    Attributes
    ----------
    params : dict
        ``"W"`` of shape (n_inputs, n_units) and ``"b"`` of shape (n_units,), b starting at 0.
    grads : dict
        dLoss/dW and dLoss/db after ``backward_pass``.

    Notes
    -----
    For a batch X of shape (batch, n_inputs) and upstream gradient G = dL/dY:

        Y = X W + b,    dL/dW = X^T G,    dL/db = sum_rows G,    dL/dX = G W^T.

    For sequences, shape (batch, T, n_inputs), the rows are every sample at
    every step: the sums run over the batch and the T steps.

    Examples
    --------
    >>> layer = Dense(3, input_shape=(4,))
    >>> layer.initialize(rng=np.random.default_rng(0))
    >>> layer.forward_pass(np.ones((2, 4))).shape
    (2, 3)
    """

    def __init__(self, n_units, input_shape=None, kernel_initializer="glorot_uniform"):
        super().__init__(input_shape=input_shape)
        self.n_units = n_units
        self.kernel_initializer = kernel_initializer
        check_scalar(n_units, "n_units", self, integer=True, low=1)
        get_initializer(kernel_initializer)  # an unknown name fails here, not when the layer is added

    def _check_input_shape(self):
        if self.input_shape is None:
            raise ValueError("Dense needs input_shape=(n_inputs,) when it is the first layer of a network")
        if len(self.input_shape) not in (1, 2):
            raise ValueError(
                f"Dense expects flat samples of shape (n_inputs,) or sequences (timesteps, n_inputs), "
                f"got input shape {self.input_shape}; add a Flatten layer before it"
            )

    def initialize(self, optimizer=None, rng=None):
        self._check_input_shape()
        rng = np.random.default_rng() if rng is None else rng
        n_inputs = self.input_shape[-1]
        init = get_initializer(self.kernel_initializer)
        self.params = {
            "W": np.asarray(init((n_inputs, self.n_units), n_inputs, self.n_units, rng), dtype=float),
            "b": np.zeros(self.n_units),
        }
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}

    def forward_pass(self, X, training=True):
        if X.shape[1:] != tuple(self.input_shape):
            raise ValueError(
                f"Dense expects input of shape (batch, {', '.join(map(str, self.input_shape))}), got {X.shape}"
                + ("; add a Flatten layer before it" if X.ndim > 2 else "")
            )
        self._X = X  # kept for backward_pass
        return X @ self.params["W"] + self.params["b"]  # (batch, n_units) or (batch, T, n_units)

    def backward_pass(self, accum_grad):
        X = self._X.reshape(-1, self.params["W"].shape[0])  # one row per sample (and time step)
        G = accum_grad.reshape(-1, self.n_units)
        self.grads["W"] = X.T @ G  # (n_inputs, n_units)
        self.grads["b"] = G.sum(axis=0)  # (n_units,)
        return accum_grad @ self.params["W"].T  # (batch, n_inputs) or (batch, T, n_inputs)

    def output_shape(self):
        return (*self.input_shape[:-1], self.n_units) if self.input_shape else (self.n_units,)
