"""Two-dimensional convolution layer: im2col and one matrix product, or one product per kernel offset."""

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

    With stride 1 and no more filters than input channels (a layer that
    narrows, like the last ones of a generator) the layer skips the ``cols``
    matrix, which is ``kh * kw`` times larger than the input and costs more
    to build than the product itself. The padded images are laid end to end
    in one array ``Xf`` of shape ``(C, batch * Hp * Wp)``, where moving the
    window by ``(u, v)`` moves the read position by ``s = u * Wp + v``, so
    each kernel offset is one product with a shifted slice, on the padded grid::

        Yf[:, p]       = sum_{u, v} W[:, :, u, v] @ Xf[:, p + s]
        dW[:, :, u, v] = dYf @ Xf[:, s : s + n]^T
        dXf[:, q]      = sum_{u, v} W[:, :, u, v]^T @ dYf[:, q - s]

    and the outputs are the top-left ``out_h x out_w`` corner of each padded
    image (the other grid positions are windows that run over the edge and are
    dropped; their gradient ``dYf`` is zero). The copies made here have F
    rows per offset where im2col's have C, so this is the cheaper way exactly
    when ``F <= C``; the results are the same up to rounding.

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
        if not isinstance(self.n_filters, (int, np.integer)) or self.n_filters < 1:
            raise ValueError(f"Conv2D: n_filters must be a positive int, got {self.n_filters!r}")
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
        kernel, stride, pads, out_shape = self._geometry()
        if stride == (1, 1) and self.n_filters <= X.shape[1]:
            return self._forward_shifts(X, kernel, pads, out_shape)
        return self._forward_im2col(X, kernel, stride, pads, out_shape)

    def backward_pass(self, accum_grad):
        if self._cache[0] == "shifts":
            return self._backward_shifts(accum_grad)
        return self._backward_im2col(accum_grad)

    # ------------------------------------------------------------------ any stride: im2col

    def _forward_im2col(self, X, kernel, stride, pads, out_shape):
        W, b = self.params["W"], self.params["b"]
        (oh, ow), (batch, channels) = out_shape, X.shape[:2]
        X_padded = pad_images(X, pads)
        windows = im2col(X_padded, kernel, stride, (oh, ow))  # (batch, C, oh, ow, kh, kw) view
        # One column per output position, rows ordered (c, u, v) like W: (C * kh * kw, batch * oh * ow)
        cols = windows.transpose(1, 4, 5, 0, 2, 3).reshape(channels * kernel[0] * kernel[1], -1)
        out = W.reshape(self.n_filters, -1) @ cols + b[:, None]  # (F, batch * oh * ow)
        self._cache = ("im2col", cols, X_padded.shape, pads, stride, (oh, ow))
        return np.ascontiguousarray(out.reshape(self.n_filters, batch, oh, ow).transpose(1, 0, 2, 3))

    def _backward_im2col(self, accum_grad):
        _, cols, padded_shape, pads, stride, (oh, ow) = self._cache
        W = self.params["W"]
        batch, channels, height, width = padded_shape
        kh, kw = W.shape[2:]
        grad_out = accum_grad.transpose(1, 0, 2, 3).reshape(self.n_filters, -1)  # (F, batch * oh * ow)
        self.grads["W"] = (grad_out @ cols.T).reshape(W.shape)
        self.grads["b"] = grad_out.sum(axis=1)
        grad_cols = W.reshape(self.n_filters, -1).T @ grad_out  # (C * kh * kw, batch * oh * ow)
        # col2im wants the kernel offsets first: (kh, kw, C, batch, oh, ow)
        grad_windows = grad_cols.reshape(channels, kh, kw, batch, oh, ow).transpose(1, 2, 0, 3, 4, 5)
        grad_padded = col2im(grad_windows, (channels, batch, height, width), stride)  # (C, batch, Hp, Wp)
        return np.ascontiguousarray(crop_images(grad_padded.transpose(1, 0, 2, 3), pads))

    # ------------------------------------------------------------------ stride 1: one product per offset

    def _forward_shifts(self, X, kernel, pads, out_shape):
        W, b = self.params["W"], self.params["b"]
        (kh, kw), (oh, ow) = kernel, out_shape
        batch, channels, height, width = X.shape
        (top, bottom), (left, right) = pads
        Hp, Wp = height + top + bottom, width + left + right
        # The padded images end to end, channels first: (C, batch * Hp * Wp)
        flat = np.zeros((channels, batch, Hp, Wp), dtype=np.result_type(X, W))
        flat[:, :, top : top + height, left : left + width] = X.transpose(1, 0, 2, 3)
        flat = flat.reshape(channels, -1)
        n = flat.shape[1] - (kh - 1) * Wp - (kw - 1)  # grid positions whose window ends inside the array
        out = np.zeros((self.n_filters, flat.shape[1]), dtype=flat.dtype)  # (F, batch * Hp * Wp)
        for u in range(kh):
            for v in range(kw):
                shift = u * Wp + v
                out[:, :n] += W[:, :, u, v] @ flat[:, shift : shift + n]
        out = out.reshape(self.n_filters, batch, Hp, Wp)[:, :, :oh, :ow]  # the real output positions
        self._cache = ("shifts", flat, X.shape, pads, (oh, ow))
        return (out + b[:, None, None, None]).transpose(1, 0, 2, 3).copy()  # (batch, F, oh, ow)

    def _backward_shifts(self, accum_grad):
        _, flat, (batch, channels, height, width), pads, (oh, ow) = self._cache
        W = self.params["W"]
        kh, kw = W.shape[2:]
        (top, bottom), (left, right) = pads
        Hp, Wp = height + top + bottom, width + left + right
        n = flat.shape[1] - (kh - 1) * Wp - (kw - 1)
        # dY on the padded grid, zero where no output was taken: (F, n)
        grad = np.zeros((self.n_filters, batch, Hp, Wp), dtype=flat.dtype)
        grad[:, :, :oh, :ow] = accum_grad.transpose(1, 0, 2, 3)
        grad = np.ascontiguousarray(grad.reshape(self.n_filters, -1)[:, :n])
        grad_W = np.empty_like(W)
        # dXf[:, q] = sum_{u,v} W[:, :, u, v]^T @ dYf[:, q - shift(u, v)]: stack the kh * kw shifted
        # copies of dYf (F rows each; this path runs only when F <= C) and take one product.
        shifted = np.zeros((kh, kw, self.n_filters, flat.shape[1]), dtype=flat.dtype)
        for u in range(kh):
            for v in range(kw):
                shift = u * Wp + v
                grad_W[:, :, u, v] = grad @ flat[:, shift : shift + n].T
                shifted[u, v, :, shift : shift + n] = grad
        grad_flat = W.transpose(1, 2, 3, 0).reshape(channels, -1) @ shifted.reshape(kh * kw * self.n_filters, -1)
        self.grads["W"] = grad_W
        self.grads["b"] = accum_grad.sum(axis=(0, 2, 3))
        grad_X = grad_flat.reshape(channels, batch, Hp, Wp)[:, :, top : top + height, left : left + width]
        return grad_X.transpose(1, 0, 2, 3).copy()  # (batch, C, H, W)

    def output_shape(self):
        _, _, _, (oh, ow) = self._geometry()
        return (self.n_filters, oh, ow)
