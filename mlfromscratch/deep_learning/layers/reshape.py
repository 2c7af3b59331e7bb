"""Flatten and Reshape: change the shape of each sample, not its values."""

import numpy as np

from mlfromscratch.deep_learning.layers.base import Layer
from mlfromscratch.utils.validation import _is_int


class Flatten(Layer):
    """Flatten each sample to a vector: (batch, C, H, W) -> (batch, C*H*W).

    Parameters
    ----------
    input_shape : tuple of int, optional
        Needed only for the first layer of a network.

    Notes
    -----
    Row-major (C order) flattening; the backward pass reshapes the gradient back.

    Examples
    --------
    >>> Flatten().forward_pass(np.zeros((2, 3, 4, 4))).shape
    (2, 48)
    """

    def forward_pass(self, X, training=True):
        self._shape = X.shape  # kept for backward_pass
        return X.reshape(X.shape[0], -1)

    def backward_pass(self, accum_grad):
        return accum_grad.reshape(self._shape)

    def output_shape(self):
        return (int(np.prod(self.input_shape)),)


class Reshape(Layer):
    """Reshape each sample to ``shape`` (one entry may be -1, inferred).

    Parameters
    ----------
    shape : tuple of int
        Shape of one output sample, without the batch axis, e.g. ``(128, 7, 7)``.
    input_shape : tuple of int, optional
        Needed only for the first layer of a network.

    Examples
    --------
    >>> Reshape((1, 8, 8)).forward_pass(np.zeros((5, 64))).shape
    (5, 1, 8, 8)
    """

    def __init__(self, shape, input_shape=None):
        super().__init__(input_shape=input_shape)
        self.shape = tuple(shape)
        if not all(_is_int(s) and (s >= 1 or s == -1) for s in self.shape) or self.shape.count(-1) > 1:
            raise ValueError(
                f"Reshape: shape must be a tuple of positive ints with at most one entry -1 (inferred), got {shape!r}"
            )

    def _resolved_shape(self):
        shape = [int(s) for s in self.shape]
        if self.input_shape is None:
            return tuple(shape)
        size = int(np.prod(self.input_shape))
        if shape.count(-1) > 1:
            raise ValueError(f"Reshape: at most one entry of shape may be -1, got {self.shape}")
        if -1 in shape:
            known = int(np.prod([s for s in shape if s != -1]))
            if known == 0 or size % known:
                raise ValueError(f"Reshape cannot reshape samples of shape {self.input_shape} to {self.shape}")
            shape[shape.index(-1)] = size // known
        if int(np.prod(shape)) != size:
            raise ValueError(
                f"Reshape cannot reshape samples of shape {self.input_shape} ({size} values) to {tuple(shape)}"
            )
        return tuple(shape)

    def initialize(self, optimizer=None, rng=None):
        self._resolved_shape()  # fail at add time, not at the first batch

    def forward_pass(self, X, training=True):
        self._shape = X.shape  # kept for backward_pass
        if self.input_shape is None:
            return X.reshape((X.shape[0],) + self.shape)
        if X.shape[1:] != tuple(self.input_shape):
            raise ValueError(
                f"Reshape was built for samples of shape {tuple(self.input_shape)}, got a batch of shape {X.shape}"
            )
        return X.reshape((X.shape[0],) + self._resolved_shape())

    def backward_pass(self, accum_grad):
        return accum_grad.reshape(self._shape)

    def output_shape(self):
        return self._resolved_shape()
