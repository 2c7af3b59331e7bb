"""Max and average pooling over 2-D windows of each channel."""

import numpy as np

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


class _Pooling2D(Layer):
    """Shared geometry of the pooling layers; subclasses reduce each window."""

    _pad_value = 0.0

    def __init__(self, pool_shape=(2, 2), stride=None, padding="valid", input_shape=None):
        super().__init__(input_shape)
        self.pool_shape = pool_shape
        self.stride = stride
        self.padding = padding
        as_pair(pool_shape, "pool_shape")
        if stride is not None:
            as_pair(stride, "stride")
        check_padding(padding, allow_explicit=False)

    def _geometry(self):
        name = self.layer_name()
        check_input_shape(self.input_shape, name)
        pool = as_pair(self.pool_shape, "pool_shape")
        stride = pool if self.stride is None else as_pair(self.stride, "stride")
        image = self.input_shape[1:]
        pads = padding_amounts(self.padding, image, pool, stride, allow_explicit=False)
        return pool, stride, pads, output_size(image, pool, stride, pads, name)

    def _windows(self, X):
        """Windows of X as (batch, C, oh, ow, ph * pw); remembers the geometry for backward."""
        check_images(X, self.input_shape, self.layer_name())
        pool, stride, pads, out = self._geometry()
        if X.dtype.kind != "f":
            X = X.astype(float)  # integer images cannot hold the -inf padding of max pooling
        X_padded = pad_images(X, pads, self._pad_value)
        windows = im2col(X_padded, pool, stride, out).reshape(*X.shape[:2], *out, -1)
        self._geometry_cache = (pool, stride, pads, X_padded.shape)
        return windows

    def _scatter(self, grad_windows):
        """Send per-window-element gradients (ph * pw, batch, C, oh, ow) back to the input."""
        pool, stride, pads, padded_shape = self._geometry_cache
        grad_windows = grad_windows.reshape(*pool, *grad_windows.shape[1:])  # (ph, pw, batch, C, oh, ow)
        return crop_images(col2im(grad_windows, padded_shape, stride), pads)

    def output_shape(self):
        _, _, _, (oh, ow) = self._geometry()
        return (self.input_shape[0], oh, ow)


class MaxPooling2D(_Pooling2D):
    """Keep the largest value of each window, channel by channel.

    Parameters
    ----------
    pool_shape : int or tuple (ph, pw), default=(2, 2)
        Window size.
    stride : int or tuple (sh, sw), optional
        Step between windows; defaults to ``pool_shape`` (non-overlapping windows).
    padding : {"valid", "same"}, default="valid"
        ``"same"`` pads as TensorFlow does so that the output has
        ``ceil(size / stride)`` positions; the padding is ``-inf``, so it never
        wins the max (every "same" window holds at least one real pixel).
    input_shape : tuple (channels, height, width), optional
        Needed when this is the first layer.

    Attributes
    ----------
    params, grads : dict
        Empty: the layer has no weights.

    Notes
    -----
    ``Y[n, c, i, j] = max_{u, v} X[n, c, i*sh + u, j*sw + v]``. The gradient of
    each output goes entirely to the element that was the maximum (a
    sub-gradient); on ties it goes to the first one in row-major order, as
    ``np.argmax`` picks. Overlapping windows add their contributions.

    References
    ----------
    M. Ranzato et al., "Unsupervised learning of invariant feature hierarchies
    with applications to object recognition", CVPR 2007.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import MaxPooling2D
    >>> X = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> MaxPooling2D((2, 2), input_shape=(1, 4, 4)).forward_pass(X)[0, 0]
    array([[ 5.,  7.],
           [13., 15.]])
    """

    _pad_value = -np.inf

    def forward_pass(self, X, training=True):
        windows = self._windows(X)  # (batch, C, oh, ow, ph * pw)
        self._argmax = windows.argmax(axis=-1)  # (batch, C, oh, ow), first maximum on ties
        self._n_window = windows.shape[-1]
        return np.take_along_axis(windows, self._argmax[..., None], axis=-1)[..., 0]

    def backward_pass(self, accum_grad):
        # Window element k gets dY where it was the argmax, 0 elsewhere: (ph * pw, batch, C, oh, ow)
        offsets = np.arange(self._n_window).reshape(-1, 1, 1, 1, 1)
        grad_windows = np.where(offsets == self._argmax, accum_grad, 0.0)
        return self._scatter(grad_windows)


class AveragePooling2D(_Pooling2D):
    """Average each window, channel by channel.

    Parameters
    ----------
    pool_shape : int or tuple (ph, pw), default=(2, 2)
        Window size.
    stride : int or tuple (sh, sw), optional
        Step between windows; defaults to ``pool_shape``.
    padding : {"valid", "same"}, default="valid"
        ``"same"`` pads as TensorFlow does (output ``ceil(size / stride)``).
        Padded positions are **not counted**: a window that hangs over the
        border averages only its real pixels (as TensorFlow / Keras do).
    input_shape : tuple (channels, height, width), optional
        Needed when this is the first layer.

    Attributes
    ----------
    params, grads : dict
        Empty: the layer has no weights.

    Notes
    -----
    ``Y[n, c, i, j] = (1 / m_ij) sum_{u, v} X[n, c, i*sh + u, j*sw + v]`` where
    ``m_ij`` is the number of real (unpadded) pixels in window ``(i, j)``. The
    backward pass spreads ``dY[n, c, i, j] / m_ij`` evenly over the window;
    overlapping windows add their contributions.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import AveragePooling2D
    >>> X = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> AveragePooling2D((2, 2), input_shape=(1, 4, 4)).forward_pass(X)[0, 0]
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """

    def _counts(self):
        """Number of real (unpadded) pixels in each window, shape (oh, ow)."""
        pool, stride, pads, out = self._geometry()
        ones = pad_images(np.ones((1, 1, *self.input_shape[1:])), pads)  # padding counts 0
        return im2col(ones, pool, stride, out).sum(axis=(-2, -1))[0, 0]

    def forward_pass(self, X, training=True):
        windows = self._windows(X)  # (batch, C, oh, ow, ph * pw)
        self._n_window = windows.shape[-1]
        self._count = self._counts()  # (oh, ow)
        return windows.sum(axis=-1) / self._count.astype(X.dtype)

    def backward_pass(self, accum_grad):
        share = accum_grad / self._count.astype(accum_grad.dtype)  # (batch, C, oh, ow)
        grad_windows = np.broadcast_to(share, (self._n_window, *share.shape))  # same share for every element
        return self._scatter(grad_windows)
