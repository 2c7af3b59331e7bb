import warnings

import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    GELU,
    Adam,
    Dense,
    Embedding,
    LayerNormalization,
    NeuralNetwork,
    PositionalEmbedding,
    SoftmaxCrossEntropy,
    TransformerBlock,
)
from mlfromscratch.deep_learning.activation_functions import get_activation
from mlfromscratch.utils import CharacterVocabulary, load_tinyshakespeare
from tests.gradcheck import check_layer_gradients, numerical_gradient, relative_error


def make(n_heads=2, input_shape=(5, 6), seed=0, **kwargs):
    block = TransformerBlock(n_heads, input_shape=input_shape, **kwargs)
    block.initialize(rng=np.random.default_rng(seed))
    noise = np.random.default_rng(seed + 1)
    for key, value in block.params.items():  # move away from gamma = 1, b = 0 so every path is exercised
        block.params[key] = value + 0.2 * noise.standard_normal(value.shape)
    return block


def gpt(n_tokens=7, timesteps=6, n_units=8, n_heads=2, n_blocks=2, dtype="float64", seed=0, learning_rate=1e-3):
    model = NeuralNetwork(Adam(learning_rate=learning_rate), SoftmaxCrossEntropy(), dtype=dtype, random_state=seed)
    model.add(Embedding(n_tokens, n_units, input_shape=(timesteps,)))
    model.add(PositionalEmbedding())
    for _ in range(n_blocks):
        model.add(TransformerBlock(n_heads))
    model.add(LayerNormalization())
    model.add(Dense(n_tokens))
    return model


# --------------------------------------------------------------------------- GELU


def test_gelu_values_and_lookup():
    x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0])
    exact = np.array([-0.00404951, -0.15865525, 0.0, 0.84134475, 2.99595049])  # x Phi(x)
    np.testing.assert_allclose(GELU()(x), exact, atol=5e-4)  # the tanh form is within 5e-4 of it
    assert isinstance(get_activation("gelu"), GELU)


def test_gelu_gradient_matches_finite_differences():
    x = np.linspace(-12.0, 12.0, 97)
    numeric = numerical_gradient(lambda: float(np.sum(GELU()(x))), x)
    assert relative_error(GELU().gradient(x), numeric) < 1e-6


def test_gelu_extreme_inputs_and_float32():
    x = np.array([-1e300, -50.0, 50.0, 1e300])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(GELU()(x), [0.0, 0.0, 50.0, 1e300])
        np.testing.assert_array_equal(GELU().gradient(x), [0.0, 0.0, 1.0, 1.0])
    x32 = np.linspace(-4, 4, 9, dtype=np.float32)
    assert GELU()(x32).dtype == np.float32 and GELU().gradient(x32).dtype == np.float32


def test_gelu_matches_pytorch():
    torch = pytest.importorskip("torch")
    x = np.linspace(-8.0, 8.0, 101)
    x_t = torch.tensor(x, requires_grad=True)
    y_t = torch.nn.functional.gelu(x_t, approximate="tanh")
    y_t.sum().backward()
    np.testing.assert_allclose(GELU()(x), y_t.detach().numpy(), atol=1e-14)
    np.testing.assert_allclose(GELU().gradient(x), x_t.grad.numpy(), atol=1e-14)


# --------------------------------------------------------------------------- the block


def test_shapes_and_parameter_count():
    block = make(input_shape=(5, 8))
    D = 8
    assert block.output_shape() == (5, 8)
    assert block.parameters() == 12 * D * D + 13 * D
    assert make(input_shape=(5, 8), mlp_units=10).params["mlp_in.W"].shape == (8, 10)


def test_zero_branches_make_the_identity():
    block = make()
    for key in ("attention.W_o", "attention.b_o", "mlp_out.W", "mlp_out.b"):
        block.params[key][...] = 0.0
    X = np.random.default_rng(2).standard_normal((2, 5, 6))
    np.testing.assert_allclose(block.forward_pass(X), X)  # both residual branches are off


def test_forward_is_the_two_residual_steps():
    block = make()
    X = np.random.default_rng(3).standard_normal((2, 5, 6))
    Y = block.forward_pass(X)  # also hands the parts the block's (here replaced) arrays
    X1 = X + block.attention.forward_pass(block.norm1.forward_pass(X))
    H = GELU()(block.norm2.forward_pass(X1) @ block.params["mlp_in.W"] + block.params["mlp_in.b"])
    expected = X1 + H @ block.params["mlp_out.W"] + block.params["mlp_out.b"]
    np.testing.assert_allclose(Y, expected, atol=1e-12)


@pytest.mark.parametrize("causal", [True, False])
def test_gradients(causal):
    block = make(causal=causal)
    X = np.random.default_rng(4).standard_normal((2, 5, 6))
    errors = check_layer_gradients(block, X)
    assert set(errors) == {"input", *block.params}
    assert np.abs(block.grads["attention.b_k"]).max() < 1e-12  # always zero (see MultiHeadAttention)
    errors.pop("attention.b_k")
    assert max(errors.values()) < 1e-6, errors


def test_causal_block_ignores_the_future():
    block = make(input_shape=(6, 6))
    rng = np.random.default_rng(5)
    X = rng.standard_normal((2, 6, 6))
    changed = X.copy()
    changed[:, 3:] += 1.0
    np.testing.assert_allclose(block.forward_pass(changed)[:, :3], block.forward_pass(X)[:, :3], atol=1e-14)


@pytest.mark.parametrize("kwargs, match", [
    ({"n_heads": 0}, "n_heads"),
    ({"n_heads": 1.5}, "n_heads"),
    ({"n_heads": 2, "mlp_units": 0}, "mlp_units"),
    ({"n_heads": 2, "mlp_units": 3.5}, "mlp_units"),
    ({"n_heads": 4, "input_shape": (5, 6)}, "must divide"),
    ({"n_heads": 2, "input_shape": (6,)}, "input_shape"),
    ({"n_heads": 2, "causal": 1}, "causal"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        TransformerBlock(**kwargs).initialize(rng=np.random.default_rng(0))


def test_width_checked_when_added_to_a_network():
    model = NeuralNetwork(None, SoftmaxCrossEntropy())
    model.add(Embedding(5, 6, input_shape=(4,)))
    with pytest.raises(ValueError, match="must divide"):
        model.add(TransformerBlock(n_heads=4))


def test_matches_pytorch_encoder_layer():
    torch = pytest.importorskip("torch")
    T, D, H = 7, 8, 2
    block = make(H, input_shape=(T, D))
    p = block.params
    reference = torch.nn.TransformerEncoderLayer(
        D, H, dim_feedforward=4 * D, dropout=0.0, batch_first=True, norm_first=True, dtype=torch.float64,
        activation=lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
    )
    pairs = {  # ours -> torch's (Linear weights are stored transposed)
        "norm1.gamma": reference.norm1.weight, "norm1.beta": reference.norm1.bias,
        "norm2.gamma": reference.norm2.weight, "norm2.beta": reference.norm2.bias,
        "attention.W_o": reference.self_attn.out_proj.weight, "attention.b_o": reference.self_attn.out_proj.bias,
        "mlp_in.W": reference.linear1.weight, "mlp_in.b": reference.linear1.bias,
        "mlp_out.W": reference.linear2.weight, "mlp_out.b": reference.linear2.bias,
    }
    with torch.no_grad():
        for key, tensor in pairs.items():
            tensor.copy_(torch.tensor(p[key].T if p[key].ndim == 2 else p[key]))
        reference.self_attn.in_proj_weight.copy_(
            torch.tensor(np.hstack([p["attention.W_q"], p["attention.W_k"], p["attention.W_v"]]).T))
        reference.self_attn.in_proj_bias.copy_(
            torch.tensor(np.concatenate([p["attention.b_q"], p["attention.b_k"], p["attention.b_v"]])))
    rng = np.random.default_rng(6)
    X, G = rng.standard_normal((3, T, D)), rng.standard_normal((3, T, D))
    X_t = torch.tensor(X, requires_grad=True)
    mask = torch.nn.Transformer.generate_square_subsequent_mask(T, dtype=torch.float64)
    Y_t = reference(X_t, src_mask=mask, is_causal=True)
    Y_t.backward(torch.tensor(G))

    np.testing.assert_allclose(block.forward_pass(X), Y_t.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(block.backward_pass(G), X_t.grad.numpy(), atol=1e-12)
    for key, tensor in pairs.items():
        expected = tensor.grad.numpy()
        np.testing.assert_allclose(block.grads[key], expected.T if expected.ndim == 2 else expected, atol=1e-12)
    W_in = reference.self_attn.in_proj_weight.grad.numpy()
    for i, name in enumerate("qkv"):
        np.testing.assert_allclose(block.grads[f"attention.W_{name}"], W_in[i * D : (i + 1) * D].T, atol=1e-12)


# --------------------------------------------------------------------------- a small GPT in NeuralNetwork


def test_network_gradient_of_the_sequence_loss():
    # the whole model, from ids to the softmax cross-entropy over (batch, T, n_tokens) logits
    model = gpt()
    rng = np.random.default_rng(7)
    X = rng.integers(0, 7, size=(3, 6))
    y = np.eye(7)[rng.integers(0, 7, size=(3, 6))]
    model.backward_from_loss(y, model.forward(X))
    loss = lambda: model.loss_function.loss(y, model.forward(X))  # noqa: E731
    for layer_index, key in [(0, "W"), (1, "P"), (2, "attention.W_q"), (3, "mlp_out.W"), (5, "W")]:
        layer = model.layers[layer_index]
        assert relative_error(layer.grads[key], numerical_gradient(loss, layer.params[key])) < 1e-6, key


def test_float32_end_to_end_and_weights_round_trip(tmp_path):
    model = gpt(dtype="float32")
    block = model.layers[2]
    assert all(value.dtype == np.float32 for value in block.params.values())
    X = np.random.default_rng(8).integers(0, 7, size=(4, 6))
    y = np.eye(7, dtype=np.float32)[(X + 1) % 7]
    out = model.predict(X)
    assert out.dtype == np.float32
    # the parts compute with the block's (cast) arrays
    assert block.attention.params["W_q"] is block.params["attention.W_q"]
    model.train_on_batch(X, y)
    assert all(g.dtype == np.float32 for g in block.grads.values())
    path = tmp_path / "gpt.npz"
    model.save(path)
    other = gpt(dtype="float32", seed=1)
    assert not np.allclose(other.predict(X), model.predict(X))
    other.load(path)
    np.testing.assert_array_equal(other.predict(X), model.predict(X))


def test_learns_to_copy_the_previous_token():
    # y_t = x_{t-1}: the model must attend one step back (position 0 has nothing to copy)
    model = gpt(n_blocks=1, learning_rate=1e-2, seed=0)
    rng = np.random.default_rng(9)
    for _ in range(150):
        X = rng.integers(0, 7, size=(32, 6))
        y = np.eye(7)[np.concatenate([X[:, :1], X[:, :-1]], axis=1)]
        model.train_on_batch(X, y)
    X = rng.integers(0, 7, size=(200, 6))
    accuracy = (model.predict(X).argmax(axis=-1)[:, 1:] == X[:, :-1]).mean()
    assert accuracy > 0.95


# --------------------------------------------------------------------------- Tiny Shakespeare


def test_tinyshakespeare_and_character_vocabulary():
    text = load_tinyshakespeare()
    assert len(text) == 1_115_394 and text.startswith("First Citizen:\nBefore we proceed")
    vocab = CharacterVocabulary(text)
    assert len(vocab) == 65 and vocab.chars == sorted(vocab.chars) and vocab.chars[:2] == ["\n", " "]
    ids = vocab.encode(text[:1000])
    assert ids.dtype == np.int64 and ids.min() >= 0 and ids.max() < 65
    assert vocab.decode(ids) == text[:1000]
    with pytest.raises(ValueError, match="not in the vocabulary"):
        vocab.encode("café")
    with pytest.raises(ValueError, match="ids in"):
        vocab.decode([0, 65])
    with pytest.raises(ValueError, match="non-empty str"):
        CharacterVocabulary("")


def test_small_gpt_beats_the_unigram_model_on_tinyshakespeare():
    text = load_tinyshakespeare()[:200_000]
    vocab = CharacterVocabulary(text)
    ids = vocab.encode(text)
    train, val = ids[:180_000], ids[180_000:]
    counts = np.bincount(train, minlength=len(vocab)) + 1.0
    unigram = -np.mean(np.log(counts / counts.sum())[val])  # about 3.3 nats per character
    T = 16
    model = gpt(n_tokens=len(vocab), timesteps=T, n_units=32, n_heads=4, n_blocks=1, dtype="float32",
                learning_rate=1e-2)
    rng = np.random.default_rng(10)
    one_hot = np.eye(len(vocab), dtype=np.float32)
    for _ in range(150):
        starts = rng.integers(0, len(train) - T - 1, size=32)
        windows = train[starts[:, None] + np.arange(T + 1)]
        model.train_on_batch(windows[:, :-1], one_hot[windows[:, 1:]])
    starts = np.arange(0, len(val) - T - 1, T)
    windows = val[starts[:, None] + np.arange(T + 1)]
    val_loss, _ = model.test_on_batch(windows[:, :-1], one_hot[windows[:, 1:]])
    assert val_loss < unigram - 0.5, (val_loss, unigram)
