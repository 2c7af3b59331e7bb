import numpy as np
import pytest

from mlfromscratch.deep_learning import NeuralNetwork, SoftmaxCrossEntropy
from mlfromscratch.deep_learning.layers import Embedding, PositionalEmbedding
from tests.gradcheck import check_layer_gradients, numerical_gradient, relative_error


def make(n_tokens=7, n_units=4, timesteps=5, seed=0):
    layer = Embedding(n_tokens, n_units, input_shape=(timesteps,))
    layer.initialize(rng=np.random.default_rng(seed))
    return layer


def test_lookup_by_hand():
    layer = make(n_tokens=3, n_units=2, timesteps=4)
    layer.params["W"] = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]])
    Y = layer.forward_pass(np.array([[2, 0, 0, 1]]))
    np.testing.assert_array_equal(Y, [[[4.0, 5.0], [0.0, 1.0], [0.0, 1.0], [2.0, 3.0]]])


def test_equals_one_hot_times_W():
    layer = make()
    X = np.random.default_rng(1).integers(0, 7, size=(3, 5))
    np.testing.assert_allclose(layer.forward_pass(X), np.eye(7)[X] @ layer.params["W"])


def test_weight_gradient_adds_up_repeated_ids_and_matches_finite_differences():
    layer = make()
    rng = np.random.default_rng(2)
    X = np.array([[1, 1, 1, 3, 0], [3, 6, 1, 0, 0]])
    R = rng.standard_normal((2, 5, 4))
    layer.forward_pass(X)
    grad_input = layer.backward_pass(R)
    numeric = numerical_gradient(lambda: float(np.sum(R * layer.forward_pass(X))), layer.params["W"])
    assert relative_error(layer.grads["W"], numeric) < 1e-8
    np.testing.assert_allclose(layer.grads["W"][1], R[0, 0] + R[0, 1] + R[0, 2] + R[1, 2])
    np.testing.assert_array_equal(layer.grads["W"][[2, 4, 5]], 0.0)  # tokens absent from the batch
    np.testing.assert_array_equal(grad_input, np.zeros((2, 5)))  # ids are not differentiable


def test_float_ids_from_the_network():
    # NeuralNetwork casts its input to its dtype: whole-number floats are accepted as ids
    model = NeuralNetwork(None, SoftmaxCrossEntropy(), dtype="float32", random_state=0)
    model.add(Embedding(7, 4, input_shape=(5,)))
    X = np.array([[0, 1, 2, 3, 6]])
    out = model.predict(X)
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, model.layers[0].params["W"][X])


@pytest.mark.parametrize("X, match", [
    (np.array([[0, 1, 2, 3, 7]]), r"in \[0, 6\]"),
    (np.array([[0, 1, -1, 3, 4]]), r"in \[0, 6\]"),
    (np.array([[0, 1, 2.5, 3, 4]]), "whole-number"),
    (np.array([[0, 1, 2, 3]]), "shape"),
])
def test_bad_ids(X, match):
    with pytest.raises(ValueError, match=match):
        make().forward_pass(X)


@pytest.mark.parametrize("kwargs, name", [
    ({"n_tokens": 0, "n_units": 4}, "n_tokens"),
    ({"n_tokens": 2.5, "n_units": 4}, "n_tokens"),
    ({"n_tokens": 5, "n_units": -1}, "n_units"),
    ({"n_tokens": 5, "n_units": "4"}, "n_units"),
])
def test_bad_hyperparameters(kwargs, name):
    with pytest.raises(ValueError, match=name):
        Embedding(**kwargs)


def test_input_shape_must_be_a_sequence():
    with pytest.raises(ValueError, match="timesteps"):
        Embedding(5, 4, input_shape=(3, 2)).initialize()
    assert make(timesteps=5).output_shape() == (5, 4)


def test_positional_embedding_adds_one_vector_per_position():
    layer = PositionalEmbedding(input_shape=(5, 4))
    layer.initialize(rng=np.random.default_rng(3))
    X = np.random.default_rng(4).standard_normal((3, 5, 4))
    Y = layer.forward_pass(X)
    for b in range(3):
        np.testing.assert_allclose(Y[b] - X[b], layer.params["P"])
    errors = check_layer_gradients(layer, X)
    assert set(errors) == {"input", "P"} and max(errors.values()) < 1e-8, errors


def test_positional_embedding_shapes():
    with pytest.raises(ValueError, match="after an Embedding"):
        PositionalEmbedding(input_shape=(5,)).initialize()
    layer = PositionalEmbedding()
    layer.set_input_shape(make().output_shape())  # as the network does after an Embedding
    layer.initialize(rng=np.random.default_rng(0))
    assert layer.params["P"].shape == (5, 4) and layer.output_shape() == (5, 4)
    with pytest.raises(ValueError, match="expects input of shape"):
        layer.forward_pass(np.zeros((2, 4, 4)))


def test_matches_pytorch_forward_and_backward():
    torch = pytest.importorskip("torch")
    layer = make()
    rng = np.random.default_rng(5)
    X = rng.integers(0, 7, size=(3, 5))
    G = rng.standard_normal((3, 5, 4))
    reference = torch.nn.Embedding(7, 4, dtype=torch.float64)
    with torch.no_grad():
        reference.weight.copy_(torch.tensor(layer.params["W"]))
    Y_t = reference(torch.tensor(X))
    Y_t.backward(torch.tensor(G))
    np.testing.assert_allclose(layer.forward_pass(X), Y_t.detach().numpy(), atol=0)
    layer.backward_pass(G)
    np.testing.assert_allclose(layer.grads["W"], reference.weight.grad.numpy(), atol=1e-12)
