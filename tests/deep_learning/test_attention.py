import numpy as np
import pytest

from mlfromscratch.deep_learning import NeuralNetwork, SquareLoss
from mlfromscratch.deep_learning.layers import MultiHeadAttention
from mlfromscratch.deep_learning.layers.attention import causal_mask
from tests.gradcheck import check_layer_gradients, numerical_gradient


def make(n_heads=2, input_shape=(5, 6), causal=True, seed=0):
    layer = MultiHeadAttention(n_heads, causal=causal, input_shape=input_shape)
    layer.initialize(rng=np.random.default_rng(seed))
    noise = np.random.default_rng(seed + 1)
    for name in ("b_q", "b_k", "b_v", "b_o"):  # non-zero biases, so that the checks exercise them
        layer.params[name] = 0.3 * noise.standard_normal(input_shape[1])
    return layer


def attention_reference(X, params, n_heads, causal):
    """One sample, one head, one query position at a time, straight from the equations."""
    batch, T, D = X.shape
    d = D // n_heads
    Y = np.zeros_like(X)
    for b in range(batch):
        Q = X[b] @ params["W_q"] + params["b_q"]
        K = X[b] @ params["W_k"] + params["b_k"]
        V = X[b] @ params["W_v"] + params["b_v"]
        O = np.zeros((T, D))
        for h in range(n_heads):
            cols = slice(h * d, (h + 1) * d)
            for t in range(T):
                visible = t + 1 if causal else T
                scores = K[:visible, cols] @ Q[t, cols] / np.sqrt(d)
                weights = np.exp(scores - scores.max())
                weights /= weights.sum()
                O[t, cols] = weights @ V[:visible, cols]
        Y[b] = O @ params["W_o"] + params["b_o"]
    return Y


@pytest.mark.parametrize("causal", [True, False])
@pytest.mark.parametrize("n_heads", [1, 3])
def test_forward_matches_reference(causal, n_heads):
    layer = make(n_heads, input_shape=(5, 6), causal=causal)
    X = np.random.default_rng(2).standard_normal((3, 5, 6))
    np.testing.assert_allclose(layer.forward_pass(X), attention_reference(X, layer.params, n_heads, causal),
                               atol=1e-12)


def test_causal_mask():
    np.testing.assert_array_equal(causal_mask(3), [[False, True, True], [False, False, True], [False, False, False]])


def test_equal_keys_average_the_values():
    # with W_q = W_k = 0 every score is equal: each position reads the plain mean of the values it may see
    layer = make(n_heads=1, input_shape=(4, 2))
    layer.params.update(W_q=np.zeros((2, 2)), W_k=np.zeros((2, 2)), W_v=np.eye(2), W_o=np.eye(2),
                        b_v=np.zeros(2), b_o=np.zeros(2))
    X = np.arange(8.0).reshape(1, 4, 2)
    expected = np.cumsum(X, axis=1) / np.arange(1, 5)[None, :, None]  # running means
    np.testing.assert_allclose(layer.forward_pass(X), expected)


def test_causal_output_ignores_the_future():
    layer = make(input_shape=(6, 6))
    rng = np.random.default_rng(3)
    X = rng.standard_normal((2, 6, 6))
    changed = X.copy()
    changed[:, 4:] = rng.standard_normal((2, 2, 6))  # new positions 4 and 5
    np.testing.assert_allclose(layer.forward_pass(changed)[:, :4], layer.forward_pass(X)[:, :4], atol=1e-14)
    assert not np.allclose(make(input_shape=(6, 6), causal=False).forward_pass(changed)[:, :4],
                           make(input_shape=(6, 6), causal=False).forward_pass(X)[:, :4])


@pytest.mark.parametrize("causal", [True, False])
@pytest.mark.parametrize("n_heads", [1, 2, 3])
def test_gradients(causal, n_heads):
    layer = make(n_heads, causal=causal)
    X = np.random.default_rng(4).standard_normal((2, 5, 6))
    errors = check_layer_gradients(layer, X)
    assert set(errors) == {"input", *layer.params}
    # b_k shifts every score of a row by the same q . b_k, which the softmax ignores:
    # its gradient is exactly zero and the relative error of two zeros means nothing
    assert np.abs(layer.grads["b_k"]).max() < 1e-12
    errors.pop("b_k")
    assert max(errors.values()) < 1e-6, errors


def test_key_bias_gradient_is_zero_by_finite_differences():
    layer = make()
    rng = np.random.default_rng(5)
    X, R = rng.standard_normal((2, 5, 6)), rng.standard_normal((2, 5, 6))
    numeric = numerical_gradient(lambda: float(np.sum(R * layer.forward_pass(X))), layer.params["b_k"])
    assert np.abs(numeric).max() < 1e-8


def test_float32_stays_float32_in_a_network():
    model = NeuralNetwork(None, SquareLoss(), dtype="float32")
    model.add(MultiHeadAttention(2, input_shape=(5, 6)))
    out = model.predict(np.random.default_rng(6).standard_normal((2, 5, 6)))
    assert out.dtype == np.float32 and np.all(np.isfinite(out))
    grad = model.backward(np.ones_like(out))
    assert grad.dtype == np.float32
    assert all(g.dtype == np.float32 for g in model.layers[0].grads.values())


@pytest.mark.parametrize("n_heads", [0, -1, 2.5, "2", None])
def test_bad_n_heads(n_heads):
    with pytest.raises(ValueError, match="n_heads"):
        MultiHeadAttention(n_heads)


def test_n_heads_must_divide_the_width():
    with pytest.raises(ValueError, match="must divide"):
        MultiHeadAttention(4, input_shape=(5, 6))
    layer = MultiHeadAttention(4)
    with pytest.raises(ValueError, match="must divide"):
        layer.set_input_shape((5, 6))  # as the network does when the layer is added


def test_bad_causal_and_shapes():
    with pytest.raises(ValueError, match="causal"):
        MultiHeadAttention(2, causal="yes")
    with pytest.raises(ValueError, match="input_shape"):
        MultiHeadAttention(2, input_shape=(6,))
    with pytest.raises(ValueError, match="expects input of shape"):
        make().forward_pass(np.zeros((2, 4, 6)))


def test_matches_pytorch_forward_and_backward():
    torch = pytest.importorskip("torch")
    T, D, H = 7, 8, 2
    layer = make(H, input_shape=(T, D))
    p = layer.params
    reference = torch.nn.MultiheadAttention(D, H, batch_first=True, dtype=torch.float64)
    with torch.no_grad():  # torch stores the three input projections stacked and transposed
        reference.in_proj_weight.copy_(torch.tensor(np.hstack([p["W_q"], p["W_k"], p["W_v"]]).T))
        reference.in_proj_bias.copy_(torch.tensor(np.concatenate([p["b_q"], p["b_k"], p["b_v"]])))
        reference.out_proj.weight.copy_(torch.tensor(p["W_o"].T))
        reference.out_proj.bias.copy_(torch.tensor(p["b_o"]))
    rng = np.random.default_rng(7)
    X, G = rng.standard_normal((3, T, D)), rng.standard_normal((3, T, D))
    X_t = torch.tensor(X, requires_grad=True)
    Y_t, _ = reference(X_t, X_t, X_t, attn_mask=torch.tensor(causal_mask(T)), need_weights=False)
    Y_t.backward(torch.tensor(G))

    np.testing.assert_allclose(layer.forward_pass(X), Y_t.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(layer.backward_pass(G), X_t.grad.numpy(), atol=1e-12)
    W_in, b_in = reference.in_proj_weight.grad.numpy(), reference.in_proj_bias.grad.numpy()
    for i, name in enumerate("qkv"):
        np.testing.assert_allclose(layer.grads[f"W_{name}"], W_in[i * D : (i + 1) * D].T, atol=1e-12)
        np.testing.assert_allclose(layer.grads[f"b_{name}"], b_in[i * D : (i + 1) * D], atol=1e-12)
    np.testing.assert_allclose(layer.grads["W_o"], reference.out_proj.weight.grad.numpy().T, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b_o"], reference.out_proj.bias.grad.numpy(), atol=1e-12)
