"""Layer normalization: standardise every sample's features, then scale and shift."""

import numpy as np

from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import check_scalar


class LayerNormalization(Layer):
    """Normalise each feature vector to mean 0 and variance 1, then apply a learned scale and shift.

    Parameters
    ----------
    eps : float, default=1e-5
        Added to the variance before the square root (PyTorch's default), so
        a constant vector gives 0 instead of a division by zero.
    input_shape : tuple of int, optional
        ``(n_features,)`` or ``(timesteps, n_features)``; needed only for the
        first layer of a network.

    Attributes
    ----------
    params : dict
        ``"gamma"`` (scale, starts at 1) and ``"beta"`` (shift, starts at 0),
        each of shape (n_features,).
    grads : dict
        Their gradients after ``backward_pass``.

    Notes
    -----
    Every row x (the last axis, n_features = D values; one row per sample, or
    per sample and time step) is normalised on its own::

        mu = mean(x),   var = mean((x - mu)^2),   sigma = sqrt(var + eps)
        x_hat = (x - mu) / sigma
        y = gamma * x_hat + beta

    Unlike ``BatchNormalization`` the statistics come from the row itself,
    not from the batch: training and inference compute the same thing, no
    running averages are kept, and a batch of one works. With G = dL/dy, the
    backward pass (sums over every row for the parameters)::

        dL/dgamma = sum_rows G * x_hat,    dL/dbeta = sum_rows G
        g = G * gamma                                             (dL/dx_hat)
        dL/dx = (g - mean(g) - x_hat * mean(g * x_hat)) / sigma

    where the means run over the D features of the row: the two subtracted
    terms are the paths through mu and through sigma.

    References
    ----------
    Ba, J. L., Kiros, J. R. and Hinton, G. E. (2016). Layer normalization. arXiv:1607.06450.

    Examples
    --------
    >>> import numpy as np
    >>> layer = LayerNormalization(input_shape=(3,))
    >>> layer.initialize()
    >>> layer.forward_pass(np.array([[1.0, 2.0, 3.0]])).round(3)
    array([[-1.225,  0.   ,  1.225]])
    """

    def __init__(self, eps=1e-5, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.eps = eps
        check_scalar(eps, "eps", self, low=0.0, include_low=False)

    def _check_input_shape(self):
        if self.input_shape is None:
            raise ValueError("LayerNormalization needs input_shape when it is the first layer of a network")

    def initialize(self, optimizer=None, rng=None):
        self._check_input_shape()
        n_features = self.input_shape[-1]
        self.params = {"gamma": np.ones(n_features), "beta": np.zeros(n_features)}
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}

    def forward_pass(self, X, training=True):
        if X.shape[1:] != tuple(self.input_shape):
            raise ValueError(
                f"LayerNormalization expects input of shape (batch, {', '.join(map(str, self.input_shape))}), "
                f"got {X.shape}"
            )
        mu = X.mean(axis=-1, keepdims=True)  # (..., 1)
        var = ((X - mu) ** 2).mean(axis=-1, keepdims=True)  # (..., 1)
        sigma = np.sqrt(var + self.eps)
        X_hat = (X - mu) / sigma  # (..., D)
        self._X_hat, self._sigma = X_hat, sigma  # kept for backward_pass
        return self.params["gamma"] * X_hat + self.params["beta"]

    def backward_pass(self, accum_grad):
        X_hat, sigma = self._X_hat, self._sigma
        D = X_hat.shape[-1]
        self.grads["gamma"] = (accum_grad * X_hat).reshape(-1, D).sum(axis=0)  # (D,)
        self.grads["beta"] = accum_grad.reshape(-1, D).sum(axis=0)  # (D,)
        g = accum_grad * self.params["gamma"]  # dL/dx_hat
        mean_g = g.mean(axis=-1, keepdims=True)
        mean_g_x_hat = (g * X_hat).mean(axis=-1, keepdims=True)
        return (g - mean_g - X_hat * mean_g_x_hat) / sigma  # (..., D)

    def output_shape(self):
        self._check_input_shape()
        return self.input_shape
