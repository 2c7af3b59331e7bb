import numpy as np
import pytest

from mlfromscratch.deep_learning.layers import ConstantPadding2D, ZeroPadding2D
from tests.gradcheck import check_layer_gradients


def test_zero_padding_known_values():
    X = np.array([[[[1.0, 2.0]]]])
    out = ZeroPadding2D(1, input_shape=(1, 1, 2)).forward_pass(X)
    expected = np.array([[[[0, 0, 0, 0], [0, 1, 2, 0], [0, 0, 0, 0]]]], dtype=float)
    np.testing.assert_array_equal(out, expected)


def test_constant_padding_asymmetric_known_values():
    X = np.array([[[[1.0, 2.0]]]])
    out = ConstantPadding2D(((0, 1), (2, 0)), value=-1.0, input_shape=(1, 1, 2)).forward_pass(X)
    expected = np.array([[[[-1, -1, 1, 2], [-1, -1, -1, -1]]]], dtype=float)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("padding, expected", [(2, (3, 7, 8)), ((1, 0), (3, 5, 4)), (((0, 1), (2, 3)), (3, 4, 9))])
def test_output_shape(padding, expected):
    layer = ZeroPadding2D(padding, input_shape=(3, 3, 4))
    assert layer.output_shape() == expected
    assert layer.forward_pass(np.ones((2, 3, 3, 4))).shape == (2, *expected)


@pytest.mark.parametrize("layer", [ZeroPadding2D((1, 2)), ConstantPadding2D(((0, 2), (1, 0)), value=3.0)])
def test_gradients_and_backward_crops(layer):
    layer.set_input_shape((2, 3, 4))
    X = np.random.default_rng(0).standard_normal((2, 2, 3, 4))
    errors = check_layer_gradients(layer, X)
    assert errors["input"] < 1e-6
    grad_out = np.random.default_rng(1).standard_normal((2, *layer.output_shape()))
    grad = layer.backward_pass(grad_out)
    (top, _), (left, _) = ((1, 1), (2, 2)) if isinstance(layer, ZeroPadding2D) else ((0, 2), (1, 0))
    np.testing.assert_array_equal(grad, grad_out[:, :, top : top + 3, left : left + 4])


@pytest.mark.parametrize("padding", [-1, (1, -2), "same", ((1, 2, 3), (0, 0)), 1.5])
def test_bad_padding_raises(padding):
    with pytest.raises(ValueError, match="padding"):
        ZeroPadding2D(padding, input_shape=(1, 3, 3)).output_shape()


def test_bad_input_raises():
    with pytest.raises(ValueError, match="batch, channels, height, width"):
        ZeroPadding2D(1, input_shape=(1, 3, 3)).forward_pass(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="channels, height, width"):
        ZeroPadding2D(1, input_shape=(3, 3)).output_shape()
