import numpy as np
import pytest

from mlfromscratch.deep_learning import BatchNormalization
from tests.gradcheck import check_layer_gradients


def _bn(input_shape, **kwargs):
    layer = BatchNormalization(input_shape=input_shape, **kwargs)
    layer.initialize(rng=np.random.default_rng(0))
    # non-trivial gamma/beta and running statistics so every term of the gradient matters
    rng = np.random.default_rng(1)
    C = input_shape[-1] if len(input_shape) == 2 else input_shape[0]
    layer.params["gamma"][...] = rng.uniform(0.5, 2.0, C)
    layer.params["beta"][...] = rng.standard_normal(C)
    layer.buffers["running_mean"][...] = rng.standard_normal(C)
    layer.buffers["running_var"][...] = rng.uniform(0.5, 2.0, C)
    return layer


@pytest.mark.parametrize("training", [True, False], ids=["training", "frozen"])
@pytest.mark.parametrize("shape", [(5,), (3, 4, 5), (4, 3)], ids=["2d", "4d", "sequence"])
def test_gradients_match_finite_differences(shape, training):
    layer = _bn(shape)
    X = np.random.default_rng(2).standard_normal((6,) + shape) * 3 + 1
    errors = check_layer_gradients(layer, X, training=training)
    assert set(errors) == {"input", "gamma", "beta"}
    assert max(errors.values()) < 1e-6, errors


def test_per_channel_normalisation_of_images():
    layer = BatchNormalization(input_shape=(3, 4, 4))
    layer.initialize()
    assert layer.params["gamma"].shape == (3,) and layer.parameters() == 6
    X = np.random.default_rng(0).normal(loc=[5.0, -2.0, 0.0], scale=[1.0, 3.0, 0.5], size=(8, 4, 4, 3))
    X = X.transpose(0, 3, 1, 2)  # (batch, C, H, W), channel c ~ N(loc_c, scale_c)
    out = layer.forward_pass(X)
    np.testing.assert_allclose(out.mean(axis=(0, 2, 3)), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=(0, 2, 3)), 1.0, rtol=1e-3)


def test_running_statistics_keras_momentum():
    layer = BatchNormalization(momentum=0.9, input_shape=(2,))
    layer.initialize()
    X = np.array([[0.0, 1.0], [2.0, 1.0], [4.0, 4.0]])
    layer.forward_pass(X)
    np.testing.assert_allclose(layer.running_mean, 0.1 * X.mean(axis=0))
    np.testing.assert_allclose(layer.running_var, 0.9 + 0.1 * X.var(axis=0, ddof=1))


def test_inference_uses_running_statistics():
    layer = _bn((2,))
    X = np.random.default_rng(0).standard_normal((4, 2))
    before = (layer.running_mean.copy(), layer.running_var.copy())
    out = layer.forward_pass(X, training=False)
    expected = layer.params["gamma"] * (X - before[0]) / np.sqrt(before[1] + 1e-5) + layer.params["beta"]
    np.testing.assert_allclose(out, expected)
    np.testing.assert_array_equal(layer.running_mean, before[0])  # not updated at inference


def test_extreme_inputs_are_finite():
    layer = BatchNormalization(input_shape=(3,))
    layer.initialize()
    X = np.array([[1e150, 0.0, 5.0], [-1e150, 0.0, 5.0]])
    out = layer.forward_pass(X)
    assert np.all(np.isfinite(out))
    assert np.all(np.isfinite(layer.backward_pass(np.ones_like(X))))


def test_shape_errors():
    layer = BatchNormalization(input_shape=(3,))
    layer.initialize()
    with pytest.raises(ValueError, match=r"\(batch, 3, \.\.\.\)"):
        layer.forward_pass(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="input_shape"):
        BatchNormalization().initialize()


@pytest.mark.parametrize("training", [True, False], ids=["training", "frozen"])
def test_sequences_are_normalised_per_feature_over_batch_and_time(training):
    # (batch, T, F) after a recurrent layer: F parameters, statistics over batch and time steps,
    # the same as flattening the steps into the batch (PyTorch's BatchNorm1d on (N, F, T))
    X = np.random.default_rng(3).normal(loc=[4.0, -1.0, 0.0], scale=[2.0, 0.5, 1.0], size=(6, 7, 3))
    seq = _bn((7, 3))
    flat = _bn((3,))
    assert seq.params["gamma"].shape == (3,) and seq.parameters() == 6
    out = seq.forward_pass(X, training=training)
    np.testing.assert_allclose(out, flat.forward_pass(X.reshape(-1, 3), training=training).reshape(X.shape))
    np.testing.assert_allclose(seq.running_mean, flat.running_mean)
    np.testing.assert_allclose(seq.running_var, flat.running_var)
    G = np.random.default_rng(4).standard_normal(X.shape)
    np.testing.assert_allclose(seq.backward_pass(G), flat.backward_pass(G.reshape(-1, 3)).reshape(X.shape))
    for name in ("gamma", "beta"):
        np.testing.assert_allclose(seq.grads[name], flat.grads[name])
    if training:
        plain = BatchNormalization(input_shape=(7, 3))
        plain.initialize()
        normalised = plain.forward_pass(X)
        np.testing.assert_allclose(normalised.mean(axis=(0, 1)), 0.0, atol=1e-12)
        np.testing.assert_allclose(normalised.var(axis=(0, 1)), 1.0, rtol=1e-3)
    with pytest.raises(ValueError, match=r"\(batch, T, 3\)"):
        seq.forward_pass(np.zeros((2, 7, 4)))
