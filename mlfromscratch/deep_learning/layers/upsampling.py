"""Nearest-neighbour upsampling of images."""

import numpy as np

from mlfromscratch.deep_learning.layers._im2col import as_pair, check_images, check_input_shape
from mlfromscratch.deep_learning.layers.base import Layer


class UpSampling2D(Layer):
    """Repeat every pixel ``size`` times along the height and the width.

    Parameters
    ----------
    size : int or tuple (sh, sw), default=(2, 2)
        Upsampling factors for rows and columns.
    input_shape : tuple (channels, height, width), optional
        Needed when this is the first layer.

    Attributes
    ----------
    params, grads : dict
        Empty: the layer has no weights.

    Notes
    -----
    ``Y[n, c, i, j] = X[n, c, i // sh, j // sw]``. Each input pixel feeds a
    ``sh x sw`` block of the output, so its gradient is the sum of the block:
    ``dX[n, c, p, q] = sum_{u < sh, v < sw} dY[n, c, p*sh + u, q*sw + v]``.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.deep_learning.layers import UpSampling2D
    >>> UpSampling2D((2, 2), input_shape=(1, 1, 2)).forward_pass(np.array([[[[1.0, 2.0]]]]))[0, 0]
    array([[1., 1., 2., 2.],
           [1., 1., 2., 2.]])
    """

    def __init__(self, size=(2, 2), input_shape=None):
        super().__init__(input_shape)
        self.size = size
        as_pair(size, "size")

    def forward_pass(self, X, training=True):
        check_images(X, self.input_shape, "UpSampling2D")
        sh, sw = as_pair(self.size, "size")
        return X.repeat(sh, axis=2).repeat(sw, axis=3)

    def backward_pass(self, accum_grad):
        sh, sw = as_pair(self.size, "size")
        # Offset (u, v) inside every block is the strided slice [u::sh, v::sw]; adding the
        # sh * sw slices sums each block (faster than a reduction over two strided axes).
        grad = np.zeros_like(accum_grad[:, :, ::sh, ::sw])
        for u in range(sh):
            for v in range(sw):
                grad += accum_grad[:, :, u::sh, v::sw]
        return grad

    def output_shape(self):
        check_input_shape(self.input_shape, "UpSampling2D")
        sh, sw = as_pair(self.size, "size")
        channels, height, width = self.input_shape
        return (channels, height * sh, width * sw)
