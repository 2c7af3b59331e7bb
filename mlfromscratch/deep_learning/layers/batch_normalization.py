"""Batch normalisation: standardise each feature (or image channel) over the batch."""

import numpy as np

from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import _is_real, check_positive


class BatchNormalization(Layer):
    """Normalise every feature (flat or sequence input) or every channel (image input) over the batch.

    Parameters
    ----------
    momentum : float, default=0.99
        Weight of the old value in the running statistics (Keras convention, see Notes).
    eps : float, default=1e-5
        Added to the variance before the square root.
    input_shape : tuple of int, optional
        Needed only for the first layer of a network.

    Attributes
    ----------
    params : dict
        ``"gamma"`` (scale, starting at 1) and ``"beta"`` (shift, starting at 0),
        each of shape (C,): the F features of a flat ``(F,)`` input or of a
        ``(T, F)`` sequence, the C channels of a ``(C, H, W)`` image.
    buffers : dict
        ``"running_mean"`` and ``"running_var"`` of shape (C,), used at inference;
        not trained, but saved with the network's weights.

    Notes
    -----
    The statistics are taken over every axis except the feature/channel axis:
    over the batch for (batch, F) input; over the batch and all pixels for
    (batch, C, H, W) input, as in section 3.2 of the paper for convolutional
    layers; over the batch and the T time steps for (batch, T, F) sequences
    (the output of an ``RNN``/``LSTM``), so the layer has F pairs (gamma, beta),
    one per feature shared by every step, like PyTorch's ``BatchNorm1d`` on
    (N, F, T). With m the number of values reduced per channel:

        mu = mean(x),  var = mean((x - mu)^2)         (training=True)
        x_hat = (x - mu) / sqrt(var + eps),   y = gamma * x_hat + beta

    Running statistics (Keras convention; PyTorch's "momentum" is 1 - this one),
    starting at mean 0 and variance 1, with the unbiased batch variance as in
    Algorithm 2 of the paper:

        running_mean <- momentum * running_mean + (1 - momentum) * mu
        running_var  <- momentum * running_var  + (1 - momentum) * var * m / (m - 1)

    Backward in training mode (mu and var depend on x), with g = dL/dy and
    sums over the m reduced positions:

        dL/dgamma = sum(g * x_hat),   dL/dbeta = sum(g)
        dL/dx = gamma / sqrt(var + eps) * (g - (dL/dbeta + x_hat * dL/dgamma) / m)

    (the textbook's sum(dL/dx_hat) and sum(dL/dx_hat * x_hat) are gamma times
    dL/dbeta and dL/dgamma, so the gradient reuses them).

    With ``training=False`` the running statistics are constants, so the layer
    is the affine map y = gamma (x - running_mean) / sqrt(running_var + eps) + beta
    and dL/dx = g * gamma / sqrt(running_var + eps).

    References
    ----------
    Ioffe, S. and Szegedy, C. (2015). Batch normalization: accelerating deep
    network training by reducing internal covariate shift. ICML.

    Examples
    --------
    >>> layer = BatchNormalization(input_shape=(2,))
    >>> layer.initialize()
    >>> out = layer.forward_pass(np.array([[0.0, 1.0], [2.0, 5.0]]))
    >>> np.round(out, 3)
    array([[-1., -1.],
           [ 1.,  1.]])
    """

    def __init__(self, momentum=0.99, eps=1e-5, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.momentum = momentum
        self.eps = eps
        self.buffers = {}
        if not (_is_real(momentum) and 0 <= momentum < 1):
            raise ValueError(f"BatchNormalization needs 0 <= momentum < 1, got {momentum!r}")
        check_positive(eps, "eps", self)

    @property
    def running_mean(self):
        return self.buffers["running_mean"]

    @property
    def running_var(self):
        return self.buffers["running_var"]

    def initialize(self, optimizer=None, rng=None):
        if self.input_shape is None or len(self.input_shape) == 0:
            raise ValueError("BatchNormalization needs input_shape (features,) or (channels, height, width)")
        n_channels = self._n_channels()
        self.params = {"gamma": np.ones(n_channels), "beta": np.zeros(n_channels)}
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}
        self.buffers = {"running_mean": np.zeros(n_channels), "running_var": np.ones(n_channels)}

    def _n_channels(self):
        """F for (F,) and (T, F) samples, C for (C, H, W) images."""
        return self.input_shape[-1] if len(self.input_shape) == 2 else self.input_shape[0]

    def _axes_and_shape(self, X):
        """Axes to reduce over and the broadcast shape of per-channel vectors.

        (1, F) for (batch, F); (1, 1, F) for sequences (batch, T, F), whose
        features are the last axis; (1, C, 1, 1) for images (batch, C, H, W).
        """
        axis = 2 if X.ndim == 3 else 1
        axes = tuple(a for a in range(X.ndim) if a != axis)
        shape = tuple(X.shape[axis] if a == axis else 1 for a in range(X.ndim))
        return axes, shape

    def forward_pass(self, X, training=True):
        self._check_input(X)
        axes, shape = self._axes_and_shape(X)
        if training:
            mean = X.mean(axis=axes)  # mu, (C,)
            X_centered = X - mean.reshape(shape)  # x - mu, (batch, C, ...)
            var = np.mean(np.square(X_centered), axis=axes)  # (C,), biased: the one that normalises this batch
            m = X.size // len(mean)  # values reduced per channel
            unbiased = var * m / (m - 1) if m > 1 else var
            self._update_running(self.buffers["running_mean"], mean)
            self._update_running(self.buffers["running_var"], unbiased)
        else:
            mean, var = self.running_mean, self.running_var
            X_centered = X - mean.reshape(shape)
        self._inv_std = 1.0 / np.sqrt(var + self.eps)  # 1 / sqrt(var + eps), (C,)
        X_hat = X_centered  # the same array (no copy of the batch): scaled in place to x_hat
        X_hat *= self._inv_std.reshape(shape)  # x_hat = (x - mu) / sqrt(var + eps), (batch, C, ...)
        out = X_hat * self.params["gamma"].reshape(shape)
        out += self.params["beta"].reshape(shape)  # y = gamma * x_hat + beta
        self._training, self._axes, self._shape, self._X_hat = training, axes, shape, X_hat  # for backward_pass
        return out

    def backward_pass(self, accum_grad):
        axes, shape, X_hat = self._axes, self._shape, self._X_hat
        self.grads["gamma"] = np.sum(accum_grad * X_hat, axis=axes)  # (C,)
        self.grads["beta"] = np.sum(accum_grad, axis=axes)  # (C,)
        scale = (self.params["gamma"] * self._inv_std).reshape(shape)  # gamma / sqrt(var + eps)
        if not self._training:
            return accum_grad * scale
        # gamma / sqrt(var + eps) * (g - (dL/dbeta + x_hat * dL/dgamma) / m), built in place
        m = accum_grad.size // self.params["gamma"].shape[0]
        grad = X_hat * (self.grads["gamma"] / m).reshape(shape)
        grad += (self.grads["beta"] / m).reshape(shape)
        np.subtract(accum_grad, grad, out=grad)
        grad *= scale
        return grad

    def output_shape(self):
        return self.input_shape

    def _check_input(self, X):
        """Initialise from the first batch when used on its own; then check X's feature/channel axis."""
        if not self.params:
            if self.input_shape is None:
                self.set_input_shape(X.shape[1:])
            self.initialize()
        n_channels = self.params["gamma"].shape[0]
        if X.ndim == 3 and X.shape[2] != n_channels:
            raise ValueError(f"BatchNormalization expects sequences of shape (batch, T, {n_channels}), got {X.shape}")
        if X.ndim < 2 or (X.ndim != 3 and X.shape[1] != n_channels):
            raise ValueError(f"BatchNormalization expects input of shape (batch, {n_channels}, ...), got {X.shape}")

    def _update_running(self, running, batch_value):
        """running <- momentum * running + (1 - momentum) * batch_value, in place."""
        running *= self.momentum
        running += (1 - self.momentum) * batch_value
