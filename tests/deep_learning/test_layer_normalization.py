import numpy as np
import pytest

from mlfromscratch.deep_learning import NeuralNetwork, SquareLoss
from mlfromscratch.deep_learning.layers import LayerNormalization
from tests.gradcheck import check_layer_gradients


def make(input_shape=(4, 6), seed=0, **kwargs):
    layer = LayerNormalization(input_shape=input_shape, **kwargs)
    layer.initialize()
    rng = np.random.default_rng(seed)
    # non-trivial scale and shift, so that the gradient check exercises both
    layer.params["gamma"] = rng.standard_normal(input_shape[-1])
    layer.params["beta"] = rng.standard_normal(input_shape[-1])
    return layer


def test_by_hand():
    layer = LayerNormalization(eps=1e-12, input_shape=(3,))
    layer.initialize()
    # x = (1, 2, 3): mu = 2, var = 2/3, x_hat = (-1, 0, 1) / sqrt(2/3)
    expected = np.array([[-1.0, 0.0, 1.0]]) / np.sqrt(2.0 / 3.0)
    np.testing.assert_allclose(layer.forward_pass(np.array([[1.0, 2.0, 3.0]])), expected, rtol=1e-9)


def test_every_row_is_standardised_then_scaled_and_shifted():
    layer = make()
    X = np.random.default_rng(1).normal(5.0, 3.0, size=(3, 4, 6))
    Y = layer.forward_pass(X)
    X_hat = (Y - layer.params["beta"]) / layer.params["gamma"]
    np.testing.assert_allclose(X_hat.mean(axis=-1), 0.0, atol=1e-10)
    np.testing.assert_allclose(X_hat.var(axis=-1), 1.0, rtol=1e-5)  # var / (var + eps)
    # statistics per row: one sample does not change another's output
    np.testing.assert_allclose(layer.forward_pass(X[:1]), Y[:1])
    # and training and inference compute the same thing
    np.testing.assert_allclose(layer.forward_pass(X, training=False), Y)


def test_constant_row_gives_beta():
    layer = make(input_shape=(5,))
    Y = layer.forward_pass(np.full((2, 5), 7.0))
    np.testing.assert_allclose(Y, np.broadcast_to(layer.params["beta"], (2, 5)))


@pytest.mark.parametrize("input_shape", [(6,), (4, 6)])
def test_gradients(input_shape):
    layer = make(input_shape)
    X = np.random.default_rng(2).normal(1.0, 2.0, size=(3, *input_shape))
    errors = check_layer_gradients(layer, X)
    assert set(errors) == {"input", "gamma", "beta"}
    assert max(errors.values()) < 1e-6, errors


def test_float32_stays_float32_in_a_network():
    model = NeuralNetwork(None, SquareLoss(), dtype="float32")
    model.add(LayerNormalization(input_shape=(4, 6)))
    out = model.predict(np.random.default_rng(3).standard_normal((2, 4, 6)))
    assert out.dtype == np.float32
    grad = model.backward(np.ones_like(out))
    assert grad.dtype == np.float32 and model.layers[0].grads["gamma"].dtype == np.float32


@pytest.mark.parametrize("eps", [0, -1e-5, np.nan, np.inf, "1e-5"])
def test_bad_eps(eps):
    with pytest.raises(ValueError, match="eps"):
        LayerNormalization(eps=eps)


def test_bad_input_shape():
    layer = make(input_shape=(4, 6))
    with pytest.raises(ValueError, match="expects input of shape"):
        layer.forward_pass(np.zeros((2, 4, 5)))
    with pytest.raises(ValueError, match="input_shape"):
        LayerNormalization().initialize()


def test_matches_pytorch_forward_and_backward():
    torch = pytest.importorskip("torch")
    layer = make(input_shape=(5, 8))
    rng = np.random.default_rng(4)
    X, G = rng.normal(2.0, 3.0, size=(3, 5, 8)), rng.standard_normal((3, 5, 8))
    reference = torch.nn.LayerNorm(8, eps=layer.eps, dtype=torch.float64)
    with torch.no_grad():
        reference.weight.copy_(torch.tensor(layer.params["gamma"]))
        reference.bias.copy_(torch.tensor(layer.params["beta"]))
    X_t = torch.tensor(X, requires_grad=True)
    Y_t = reference(X_t)
    Y_t.backward(torch.tensor(G))
    np.testing.assert_allclose(layer.forward_pass(X), Y_t.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(layer.backward_pass(G), X_t.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(layer.grads["gamma"], reference.weight.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(layer.grads["beta"], reference.bias.grad.numpy(), atol=1e-12)
