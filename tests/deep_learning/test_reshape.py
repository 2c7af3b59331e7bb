import numpy as np
import pytest

from mlfromscratch.deep_learning import Flatten, Reshape
from tests.gradcheck import check_layer_gradients


def test_flatten_round_trip():
    layer = Flatten(input_shape=(2, 3, 4))
    X = np.arange(48.0).reshape(2, 2, 3, 4)
    out = layer.forward_pass(X)
    assert out.shape == (2, 24) and layer.output_shape() == (24,)
    np.testing.assert_array_equal(out[1], X[1].ravel())
    np.testing.assert_array_equal(layer.backward_pass(out), X)
    assert check_layer_gradients(layer, X)["input"] < 1e-6


def test_reshape_with_inferred_axis():
    layer = Reshape((1, -1, 8), input_shape=(64,))
    layer.initialize()
    assert layer.output_shape() == (1, 8, 8)
    X = np.random.default_rng(0).standard_normal((3, 64))
    out = layer.forward_pass(X)
    assert out.shape == (3, 1, 8, 8)
    np.testing.assert_array_equal(out.reshape(3, 64), X)
    assert check_layer_gradients(layer, X)["input"] < 1e-6


def test_output_shape_is_plain_ints():
    layer = Flatten()
    layer.set_input_shape((np.int64(16), np.int64(8), np.int64(8)))
    assert layer.output_shape() == (1024,)
    assert type(layer.output_shape()[0]) is int


def test_reshape_size_mismatch():
    with pytest.raises(ValueError, match="cannot reshape"):
        Reshape((5, 5), input_shape=(64,)).initialize()
    with pytest.raises(ValueError, match="at most one"):
        Reshape((-1, -1), input_shape=(64,)).initialize()
