"""Layers that add a border of constant values around each image."""

import numpy as np

from mlfromscratch.deep_learning.layers._im2col import (
    check_images,
    check_input_shape,
    crop_images,
    explicit_padding,
    pad_images,
)
from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import check_scalar


class ConstantPadding2D(Layer):
    """Pad the height and width of each image with a constant value.

    Parameters
    ----------
    padding : int or tuple
        ``p`` (every side), ``(ph, pw)`` (``ph`` rows above and below, ``pw``
        columns left and right) or ``((top, bottom), (left, right))``.
    value : float, default=0.0
        The value written in the border.
    input_shape : tuple (channels, height, width), optional
        Needed when this is the first layer.

    Attributes
    ----------
    params, grads : dict
        Empty: the layer has no weights.

    Notes
    -----
    The output is ``(C, top + H + bottom, left + W + right)``. The border does
    not depend on the input, so the backward pass just crops the incoming
    gradient back to ``(C, H, W)``.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import ConstantPadding2D
    >>> layer = ConstantPadding2D(((0, 1), (1, 0)), value=9, input_shape=(1, 1, 1))
    >>> layer.forward_pass(np.zeros((1, 1, 1, 1)))[0, 0]
    array([[9., 0.],
           [9., 9.]])
    """

    def __init__(self, padding, value=0.0, input_shape=None):
        super().__init__(input_shape)
        self.padding = padding
        self.value = value
        explicit_padding(padding)
        check_scalar(value, "value", self)

    def _pads(self):
        return explicit_padding(self.padding)

    def forward_pass(self, X, training=True):
        check_images(X, self.input_shape, self.layer_name())
        X = np.asarray(X)
        return pad_images(X if X.dtype.kind == "f" else X.astype(float), self._pads(), self.value)

    def backward_pass(self, accum_grad):
        return crop_images(accum_grad, self._pads())

    def output_shape(self):
        check_input_shape(self.input_shape, self.layer_name())
        (top, bottom), (left, right) = self._pads()
        channels, height, width = self.input_shape
        return (channels, height + top + bottom, width + left + right)


class ZeroPadding2D(ConstantPadding2D):
    """Pad the height and width of each image with zeros.

    Parameters
    ----------
    padding : int or tuple
        ``p``, ``(ph, pw)`` or ``((top, bottom), (left, right))``, as in
        ``ConstantPadding2D``.
    input_shape : tuple (channels, height, width), optional
        Needed when this is the first layer.

    Attributes
    ----------
    params, grads : dict
        Empty: the layer has no weights.

    Notes
    -----
    ``ConstantPadding2D`` with ``value=0``; the backward pass crops the gradient.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import ZeroPadding2D
    >>> ZeroPadding2D(1, input_shape=(3, 4, 4)).output_shape()
    (3, 6, 6)
    """

    def __init__(self, padding, input_shape=None):
        super().__init__(padding, value=0.0, input_shape=input_shape)
