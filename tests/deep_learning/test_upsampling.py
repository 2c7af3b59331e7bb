import numpy as np
import pytest

from mlfromscratch.deep_learning.layers import UpSampling2D
from tests.gradcheck import check_layer_gradients


def test_nearest_neighbour_known_values():
    X = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    out = UpSampling2D((2, 3), input_shape=(1, 2, 2)).forward_pass(X)
    expected = np.array([[1, 1, 1, 2, 2, 2], [1, 1, 1, 2, 2, 2], [3, 3, 3, 4, 4, 4], [3, 3, 3, 4, 4, 4]], dtype=float)
    np.testing.assert_array_equal(out[0, 0], expected)


def test_backward_sums_each_block():
    layer = UpSampling2D(2, input_shape=(1, 1, 2))
    layer.forward_pass(np.zeros((1, 1, 1, 2)))
    grad_out = np.arange(8.0).reshape(1, 1, 2, 4)  # [[0,1,2,3],[4,5,6,7]]
    np.testing.assert_array_equal(layer.backward_pass(grad_out), [[[[0 + 1 + 4 + 5, 2 + 3 + 6 + 7]]]])


@pytest.mark.parametrize("size", [2, (1, 3), (3, 2)])
def test_gradients_and_output_shape(size):
    layer = UpSampling2D(size, input_shape=(2, 3, 4))
    X = np.random.default_rng(0).standard_normal((2, 2, 3, 4))
    assert layer.forward_pass(X).shape[1:] == layer.output_shape()
    assert check_layer_gradients(layer, X)["input"] < 1e-6


def test_errors():
    with pytest.raises(ValueError, match="size"):
        UpSampling2D(0, input_shape=(1, 2, 2)).output_shape()
    with pytest.raises(ValueError, match="batch, channels, height, width"):
        UpSampling2D(2, input_shape=(1, 2, 2)).forward_pass(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="channels, height, width"):
        UpSampling2D(2, input_shape=(4,)).output_shape()
