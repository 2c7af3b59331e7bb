"""Two-dimensional convolution layer: im2col and one matrix product."""

import numpy as np

from mlfromscratch.deep_learning.initializers import get_initializer
from mlfromscratch.deep_learning.layers._im2col import (
    as_pair,
    check_images,
    check_input_shape,
    check_padding,
    col2im,
    crop_images,
    im2col,
    output_size,
    pad_images,
    padding_amounts,
)
from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import check_scalar


class Conv2D(Layer):
    """A bank of learned 2-D filters slid over a batch of images.

    Parameters
    ----------
    n_filters : int
        Number of filters, i.e. output channels.
    filter_shape : int or tuple (kh, kw)
        Height and width of each filter.
    input_shape : tuple (channels, height, width), optional
        Needed when this is the first layer of the network.
    padding : {"same", "valid"} or int or tuple, default="same"
        ``"same"``: the output has ``ceil(height / stride)`` rows and
        ``ceil(width / stride)`` columns, with the padding TensorFlow computes
        (total ``max((out - 1) * s + k - n, 0)`` per axis, the odd row/column
        at the bottom/right). ``"valid"``: no padding. An int ``p``, a pair
        ``(ph, pw)`` or ``((top, bottom), (left, right))`` pads explicitly with zeros.
    stride : int or tuple (sh, sw), default=1
        Step between two windows.
    kernel_initializer : str or callable, default="he_normal"
        How the filters are drawn (see ``mlfromscratch.deep_learning.initializers``),
        with ``fan_in = channels * kh * kw`` and ``fan_out = n_filters * kh * kw``.
        Biases start at zero.

    Attributes
    ----------
    params : dict
        ``"W"``: filters of shape (n_filters, channels, kh, kw);
        ``"b"``: biases of shape (n_filters,).
    grads : dict
        Gradients with the same keys and shapes, written by ``backward_pass``.

    Notes
    -----
    With the padded input ``Xp`` the output is, for filter ``f`` and position ``(i, j)``::

        Y[n, f, i, j] = b[f] + sum_{c, u, v} W[f, c, u, v] * Xp[n, c, i*sh + u, j*sw + v]

    (a cross-correlation, as in every deep learning library). im2col gathers the
    ``C * kh * kw`` values each output reads into one column of a matrix
    ``cols`` of shape ``(C * kh * kw, batch * out_h * out_w)``, so with
    ``W2 = W.reshape(F, C * kh * kw)`` and ``dY`` reshaped to ``(F, batch * out_h * out_w)``
    the forward pass is one product ``W2 @ cols + b`` and the backward pass two::

        dW = dY @ cols^T          dcols = W2^T @ dY

    followed by col2im, which adds every entry of ``dcols`` back onto the pixel
    it was read from (overlapping windows accumulate), and a crop that removes
    the padding. Rows or columns that no window reaches (possible when the
    stride is larger than 1) receive zero gradient, which is exact.

    ``FastConv2D`` (``conv2d_fast.py``) computes the same layer with one
    product per kernel offset instead of the ``cols`` matrix, which is faster
    for layers that narrow (no more filters than input channels).

    By default the filters are drawn from He's normal distribution, std
    ``sqrt(2 / fan_in)``, which suits the ReLU that usually follows.

    References
    ----------
    K. Chellapilla, S. Puri, P. Simard, "High performance convolutional neural
    networks for document processing", 2006 (im2col).
    K. He et al., "Delving deep into rectifiers", ICCV 2015 (initialisation).

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import Conv2D
    >>> conv = Conv2D(4, (3, 3), input_shape=(1, 8, 8), stride=2)
    >>> conv.initialize(rng=np.random.default_rng(0))
    >>> conv.output_shape()
    (4, 4, 4)
    >>> conv.forward_pass(np.ones((2, 1, 8, 8))).shape
    (2, 4, 4, 4)
    """

    def __init__(self, n_filters, filter_shape, input_shape=None, padding="same", stride=1,
                 kernel_initializer="he_normal"):
        super().__init__(input_shape)
        self.n_filters = n_filters
        self.filter_shape = filter_shape
        self.padding = padding
        self.stride = stride
        self.kernel_initializer = kernel_initializer
        check_scalar(n_filters, "n_filters", self, integer=True, low=1)
        as_pair(filter_shape, "filter_shape")
        as_pair(stride, "stride")
        check_padding(padding)
        get_initializer(kernel_initializer)

    def _geometry(self):
        """Kernel, stride, padding and output size for the current input shape."""
        check_input_shape(self.input_shape, "Conv2D")
        kernel = as_pair(self.filter_shape, "filter_shape")
        stride = as_pair(self.stride, "stride")
        image = self.input_shape[1:]
        pads = padding_amounts(self.padding, image, kernel, stride)
        return kernel, stride, pads, output_size(image, kernel, stride, pads, "Conv2D")

    def initialize(self, optimizer=None, rng=None):
        rng = np.random.default_rng() if rng is None else rng
        (kh, kw), _, _, _ = self._geometry()
        channels = self.input_shape[0]
        init = get_initializer(self.kernel_initializer)
        shape = (self.n_filters, channels, kh, kw)
        self.params = {
            "W": init(shape, channels * kh * kw, self.n_filters * kh * kw, rng),
            "b": np.zeros(self.n_filters),
        }
        self.grads = {name: np.zeros_like(value) for name, value in self.params.items()}

    def forward_pass(self, X, training=True):
        check_images(X, self.input_shape, "Conv2D")
        kernel, stride, pads, (oh, ow) = self._geometry()
        W, b = self.params["W"], self.params["b"]
        batch, channels = X.shape[:2]
        X_padded = pad_images(X, pads)
        windows = im2col(X_padded, kernel, stride, (oh, ow))  # (batch, C, oh, ow, kh, kw) view
        # One column per output position, rows ordered (c, u, v) like W: (C * kh * kw, batch * oh * ow)
        cols = windows.transpose(1, 4, 5, 0, 2, 3).reshape(channels * kernel[0] * kernel[1], -1)
        out = W.reshape(self.n_filters, -1) @ cols + b[:, None]  # Y = W2 @ cols + b, (F, batch * oh * ow)
        self._cols, self._padded_shape = cols, X_padded.shape  # kept for backward_pass
        return np.ascontiguousarray(out.reshape(self.n_filters, batch, oh, ow).transpose(1, 0, 2, 3))

    def backward_pass(self, accum_grad):
        _, stride, pads, (oh, ow) = self._geometry()
        W = self.params["W"]
        batch, channels, padded_h, padded_w = self._padded_shape
        kh, kw = W.shape[2:]
        grad_out = accum_grad.transpose(1, 0, 2, 3).reshape(self.n_filters, -1)  # dY, (F, batch * oh * ow)
        self.grads["W"] = (grad_out @ self._cols.T).reshape(W.shape)  # dW = dY @ cols^T
        self.grads["b"] = grad_out.sum(axis=1)
        grad_cols = W.reshape(self.n_filters, -1).T @ grad_out  # dcols = W2^T @ dY, (C * kh * kw, batch * oh * ow)
        # col2im wants the kernel offsets first: (kh, kw, C, batch, oh, ow)
        grad_windows = grad_cols.reshape(channels, kh, kw, batch, oh, ow).transpose(1, 2, 0, 3, 4, 5)
        grad_padded = col2im(grad_windows, (channels, batch, padded_h, padded_w), stride)  # (C, batch, Hp, Wp)
        return np.ascontiguousarray(crop_images(grad_padded.transpose(1, 0, 2, 3), pads))

    def output_shape(self):
        _, _, _, (oh, ow) = self._geometry()
        return (self.n_filters, oh, ow)
