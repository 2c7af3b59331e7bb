import numpy as np
import pytest

from mlfromscratch.deep_learning import Activation, LeakyReLU
from tests.gradcheck import check_layer_gradients

NAMES = ["relu", "leaky_relu", "tanh", "sigmoid", "softmax", "elu", "selu", "softplus", "softsign"]


@pytest.mark.parametrize("name", NAMES)
def test_gradients_match_finite_differences(name):
    layer = Activation(name, input_shape=(6,))
    X = np.random.default_rng(0).standard_normal((4, 6)) * 2
    X = np.where(np.abs(X) < 0.1, 0.5, X)  # away from the ReLU kink
    errors = check_layer_gradients(layer, X)
    assert errors["input"] < 1e-6
    assert layer.parameters() == 0


def test_softmax_layer_backprop_is_the_exact_jacobian_product():
    layer = Activation("softmax", input_shape=(3,))
    X = np.array([[1.0, 2.0, 3.0]])
    s = layer.forward_pass(X)
    g = np.array([[1.0, 0.0, 0.0]])
    J = np.diag(s[0]) - np.outer(s[0], s[0])
    np.testing.assert_allclose(layer.backward_pass(g), g @ J)


def test_layer_name_and_shapes():
    layer = Activation("relu", input_shape=(16, 8, 8))
    assert layer.layer_name() == "Activation (ReLU)"
    assert layer.output_shape() == (16, 8, 8)
    assert Activation(LeakyReLU(alpha=0.1)).layer_name() == "Activation (LeakyReLU)"
    assert Activation("softmax").layer_name() == "Activation (Softmax)"


def test_works_on_images():
    layer = Activation("relu", input_shape=(2, 3, 3))
    X = np.random.default_rng(0).standard_normal((2, 2, 3, 3))
    np.testing.assert_array_equal(layer.forward_pass(X), np.maximum(X, 0))
    assert check_layer_gradients(layer, X + np.sign(X) * 0.1)["input"] < 1e-6


def test_custom_function_without_vjp_uses_gradient():
    class Square:
        def __call__(self, x):
            return x**2

        def gradient(self, x):
            return 2 * x

    layer = Activation(Square(), input_shape=(3,))
    X = np.random.default_rng(1).standard_normal((2, 3))
    assert check_layer_gradients(layer, X)["input"] < 1e-6


def test_unknown_name_lists_the_choices():
    with pytest.raises(ValueError, match="Unknown activation 'swish'.*'leaky_relu'"):
        Activation("swish")
