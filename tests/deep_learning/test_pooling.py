import numpy as np
import pytest

from mlfromscratch.deep_learning.layers import AveragePooling2D, MaxPooling2D
from tests.gradcheck import check_layer_gradients


def test_max_pooling_known_values():
    X = np.array([[[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 7.0, 2.0], [6.0, 2.0, 3.0, 1.0]]]])
    out = MaxPooling2D((2, 2), input_shape=(1, 4, 4)).forward_pass(X)
    np.testing.assert_array_equal(out, [[[[4.0, 5.0], [6.0, 7.0]]]])


def test_average_pooling_known_values():
    X = np.arange(16.0).reshape(1, 1, 4, 4)
    out = AveragePooling2D((2, 2), input_shape=(1, 4, 4)).forward_pass(X)
    np.testing.assert_allclose(out, [[[[2.5, 4.5], [10.5, 12.5]]]])


def test_max_pooling_routes_gradient_to_argmax_first_on_ties():
    X = np.array([[[[1.0, 9.0, 2.0, 2.0], [3.0, 4.0, 2.0, 2.0]]]])
    layer = MaxPooling2D((2, 2), input_shape=(1, 2, 4))
    layer.forward_pass(X)
    grad = layer.backward_pass(np.array([[[[10.0, 20.0]]]]))
    # left window: the 9; right window: all equal, the first (top-left) one wins
    expected = np.array([[[[0.0, 10.0, 20.0, 0.0], [0.0, 0.0, 0.0, 0.0]]]])
    np.testing.assert_array_equal(grad, expected)


def test_overlapping_max_windows_accumulate():
    X = np.zeros((1, 1, 3, 3))
    X[0, 0, 1, 1] = 5.0  # the centre is the max of all four 2x2 windows
    layer = MaxPooling2D((2, 2), stride=1, input_shape=(1, 3, 3))
    layer.forward_pass(X)
    grad = layer.backward_pass(np.ones((1, 1, 2, 2)))
    assert grad[0, 0, 1, 1] == 4.0 and grad.sum() == 4.0


def test_average_pooling_backward_spreads_evenly():
    layer = AveragePooling2D((2, 2), input_shape=(1, 2, 4))
    layer.forward_pass(np.zeros((1, 1, 2, 4)))
    grad = layer.backward_pass(np.array([[[[4.0, 8.0]]]]))
    np.testing.assert_array_equal(grad, [[[[1.0, 1.0, 2.0, 2.0], [1.0, 1.0, 2.0, 2.0]]]])


def test_same_padding_excludes_padded_pixels():
    # 3x3 image, 2x2 pool, stride 2, "same": output 2x2, one row and column of padding at the end
    X = np.arange(9.0).reshape(1, 1, 3, 3)
    avg = AveragePooling2D((2, 2), padding="same", input_shape=(1, 3, 3)).forward_pass(X)
    np.testing.assert_allclose(avg[0, 0], [[(0 + 1 + 3 + 4) / 4, (2 + 5) / 2], [(6 + 7) / 2, 8.0]])
    mx = MaxPooling2D((2, 2), padding="same", input_shape=(1, 3, 3)).forward_pass(-X)  # all negative
    np.testing.assert_allclose(mx[0, 0], [[0.0, -2.0], [-6.0, -8.0]])  # padding never wins


@pytest.mark.parametrize("cls", [MaxPooling2D, AveragePooling2D])
@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("stride", [None, 1, 2])
@pytest.mark.parametrize("size", [(5, 5), (6, 6), (4, 7)])
def test_gradients_and_output_shape(cls, padding, stride, size):
    rng = np.random.default_rng(0)
    layer = cls((2, 3), stride=stride, padding=padding, input_shape=(3, *size))
    X = rng.standard_normal((2, 3, *size))
    out = layer.forward_pass(X)
    assert out.shape[1:] == layer.output_shape()
    errors = check_layer_gradients(layer, X, rng=rng)
    assert errors["input"] < 1e-6, errors


@pytest.mark.parametrize("cls", [MaxPooling2D, AveragePooling2D])
def test_default_stride_is_pool_size_and_same_is_ceil(cls):
    assert cls((2, 2), input_shape=(4, 7, 8)).output_shape() == (4, 3, 4)
    assert cls((3, 3), input_shape=(4, 7, 8)).output_shape() == (4, 2, 2)
    assert cls((2, 2), padding="same", input_shape=(4, 7, 8)).output_shape() == (4, 4, 4)
    assert cls((3, 3), stride=2, padding="same", input_shape=(4, 7, 8)).output_shape() == (4, 4, 4)


@pytest.mark.parametrize("cls", [MaxPooling2D, AveragePooling2D])
def test_errors(cls):
    with pytest.raises(ValueError, match="does not fit"):
        cls((5, 5), input_shape=(1, 4, 4)).output_shape()
    with pytest.raises(ValueError, match="'same' or 'valid'"):
        cls((2, 2), padding=1, input_shape=(1, 4, 4)).output_shape()
    with pytest.raises(ValueError, match="'same' or 'valid'"):
        cls((2, 2), padding="full", input_shape=(1, 4, 4)).output_shape()
    with pytest.raises(ValueError, match="batch, channels, height, width"):
        cls((2, 2), input_shape=(1, 4, 4)).forward_pass(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="pool_shape"):
        cls((0, 2), input_shape=(1, 4, 4)).output_shape()
