"""FastConv2D: the Conv2D layer computed with one matrix product per kernel offset (a speed-up).

``Conv2D`` (``conv2d.py``) is the layer to read: im2col gathers every window
into a matrix ``cols`` and one product gives the output. That matrix is
``kh * kw`` times larger than the input, and for a layer that narrows (no more
filters than input channels, stride 1, like the last layers of a generator)
building it costs more than the product itself. ``FastConv2D`` computes the
same outputs and gradients (up to rounding) without it, and falls back to
``Conv2D`` for every other layer. A test compares the two.
"""

import numpy as np

from mlfromscratch.deep_learning.layers._im2col import check_images
from mlfromscratch.deep_learning.layers.conv2d import Conv2D


def shifted_conv2d_forward(X, W, b, pads, out_shape):
    """Stride-1 convolution as one product per kernel offset.

    Parameters
    ----------
    X : ndarray of shape (batch, C, H, W)
    W : ndarray of shape (F, C, kh, kw)
    b : ndarray of shape (F,)
    pads : ((top, bottom), (left, right))
    out_shape : (out_h, out_w)

    Returns
    -------
    Y : ndarray of shape (batch, F, out_h, out_w)
    flat : ndarray of shape (C, batch * Hp * Wp)
        The padded images end to end, kept for ``shifted_conv2d_backward``.

    Notes
    -----
    The padded images are laid end to end in one array ``Xf`` of shape
    ``(C, batch * Hp * Wp)``, where moving the window by ``(u, v)`` moves the
    read position by ``s = u * Wp + v``, so each kernel offset is one product
    with a shifted slice, on the padded grid::

        Yf[:, p] = sum_{u, v} W[:, :, u, v] @ Xf[:, p + s]

    The outputs are the top-left ``out_h x out_w`` corner of each padded image;
    the other grid positions are windows that run over the edge and are dropped.
    """
    n_filters, _, kh, kw = W.shape
    (oh, ow), (batch, channels, height, width) = out_shape, X.shape
    (top, bottom), (left, right) = pads
    Hp, Wp = height + top + bottom, width + left + right
    flat = np.zeros((channels, batch, Hp, Wp), dtype=np.result_type(X, W))
    flat[:, :, top : top + height, left : left + width] = X.transpose(1, 0, 2, 3)
    flat = flat.reshape(channels, -1)
    n = flat.shape[1] - (kh - 1) * Wp - (kw - 1)  # grid positions whose window ends inside the array
    out = np.zeros((n_filters, flat.shape[1]), dtype=flat.dtype)  # (F, batch * Hp * Wp)
    for u in range(kh):
        for v in range(kw):
            shift = u * Wp + v
            out[:, :n] += W[:, :, u, v] @ flat[:, shift : shift + n]
    out = out.reshape(n_filters, batch, Hp, Wp)[:, :, :oh, :ow]  # the real output positions
    return (out + b[:, None, None, None]).transpose(1, 0, 2, 3).copy(), flat


def shifted_conv2d_backward(accum_grad, flat, W, X_shape, pads):
    """Gradients of ``shifted_conv2d_forward``: ``(dL/dX, dL/dW, dL/db)``.

    Notes
    -----
    With ``dYf`` the output gradient on the padded grid (zero at the dropped
    positions)::

        dW[:, :, u, v] = dYf @ Xf[:, s : s + n]^T
        dXf[:, q]      = sum_{u, v} W[:, :, u, v]^T @ dYf[:, q - s]

    The second sum is one product with the kh * kw shifted copies of ``dYf``
    stacked (F rows each, which is why this path pays off when F <= C).
    """
    n_filters, channels, kh, kw = W.shape
    batch, _, height, width = X_shape
    oh, ow = accum_grad.shape[2:]
    (top, bottom), (left, right) = pads
    Hp, Wp = height + top + bottom, width + left + right
    n = flat.shape[1] - (kh - 1) * Wp - (kw - 1)
    dYf = np.zeros((n_filters, batch, Hp, Wp), dtype=flat.dtype)  # output gradient on the padded grid
    dYf[:, :, :oh, :ow] = accum_grad.transpose(1, 0, 2, 3)
    dYf = np.ascontiguousarray(dYf.reshape(n_filters, -1)[:, :n])  # (F, n)
    grad_W = np.empty_like(W)
    shifted = np.zeros((kh, kw, n_filters, flat.shape[1]), dtype=flat.dtype)
    for u in range(kh):
        for v in range(kw):
            shift = u * Wp + v
            grad_W[:, :, u, v] = dYf @ flat[:, shift : shift + n].T  # dW[:, :, u, v] = dYf @ Xf[:, s : s + n]^T
            shifted[u, v, :, shift : shift + n] = dYf
    # dXf[:, q] = sum_{u, v} W[:, :, u, v]^T @ dYf[:, q - s], one product: (C, batch * Hp * Wp)
    dXf = W.transpose(1, 2, 3, 0).reshape(channels, -1) @ shifted.reshape(kh * kw * n_filters, -1)
    grad_X = dXf.reshape(channels, batch, Hp, Wp)[:, :, top : top + height, left : left + width]
    return grad_X.transpose(1, 0, 2, 3).copy(), grad_W, accum_grad.sum(axis=(0, 2, 3))


class FastConv2D(Conv2D):
    """``Conv2D`` with the shifted-product speed-up for stride-1 layers with ``n_filters <= channels``.

    Same parameters, weights, outputs and gradients as ``Conv2D`` (up to
    rounding); only the way they are computed differs (see the module
    docstring and ``shifted_conv2d_forward``). Other layers use ``Conv2D``'s
    im2col code unchanged.

    Examples
    --------
    >>> import numpy as np
    >>> conv = FastConv2D(2, (3, 3), input_shape=(4, 8, 8))
    >>> conv.initialize(rng=np.random.default_rng(0))
    >>> conv.uses_shifted_products()
    True
    >>> conv.forward_pass(np.ones((2, 4, 8, 8))).shape
    (2, 2, 8, 8)
    """

    def uses_shifted_products(self):
        """True when the stride is 1 and the layer has no more filters than input channels."""
        _, stride, _, _ = self._geometry()
        return stride == (1, 1) and self.n_filters <= self.input_shape[0]

    def forward_pass(self, X, training=True):
        if not self.uses_shifted_products():
            return super().forward_pass(X, training)
        check_images(X, self.input_shape, "FastConv2D")
        _, _, pads, out_shape = self._geometry()
        out, self._flat = shifted_conv2d_forward(X, self.params["W"], self.params["b"], pads, out_shape)
        self._X_shape = X.shape  # kept for backward_pass
        return out

    def backward_pass(self, accum_grad):
        if not self.uses_shifted_products():
            return super().backward_pass(accum_grad)
        _, _, pads, _ = self._geometry()
        grad_X, self.grads["W"], self.grads["b"] = shifted_conv2d_backward(
            accum_grad, self._flat, self.params["W"], self._X_shape, pads
        )
        return grad_X
