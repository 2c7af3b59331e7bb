"""Activation layer: applies a named non-linearity to its input."""

from mlfromscratch.deep_learning.activation_functions import get_activation
from mlfromscratch.deep_learning.layers.base import Layer


class Activation(Layer):
    """Apply an activation function (elementwise, or softmax over the last axis).

    Parameters
    ----------
    name : str or activation object
        ``"relu"``, ``"leaky_relu"``, ``"tanh"``, ``"sigmoid"``, ``"softmax"``,
        ``"elu"``, ``"selu"``, ``"softplus"``, ``"softsign"``, ``"gelu"``, or an object from
        ``mlfromscratch.deep_learning.activation_functions`` (e.g.
        ``LeakyReLU(alpha=0.1)``) or any object with ``__call__`` and ``gradient``.
    input_shape : tuple of int, optional
        Needed only for the first layer of a network.

    Attributes
    ----------
    activation_func : object
        The activation function.

    Notes
    -----
    Forward: Y = f(X). Backward: dL/dX = f.vjp(X, dL/dY) when the function
    has a ``vjp`` (all built-in ones; for ``Softmax`` it is the exact
    Jacobian product s * (G - sum(G s))), otherwise f'(X) * dL/dY.
    The layer has no parameters.

    Examples
    --------
    >>> import numpy as np
    >>> Activation("relu").forward_pass(np.array([[-1.0, 2.0]]))
    array([[0., 2.]])
    """

    def __init__(self, name, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.name = name
        self.activation_func = get_activation(name)

    def layer_name(self):
        return f"Activation ({type(self.activation_func).__name__})"

    def forward_pass(self, X, training=True):
        self._X = X  # kept for backward_pass
        return self.activation_func(X)

    def backward_pass(self, accum_grad):
        func = self.activation_func
        if hasattr(func, "vjp"):
            return func.vjp(self._X, accum_grad)
        return func.gradient(self._X) * accum_grad

    def output_shape(self):
        return self.input_shape
