"""Tests for the DCGAN: exact backprop through the frozen convolutional discriminator, shapes, learning."""

import numpy as np
import pytest

from mlfromscratch.deep_learning import CrossEntropy, Dropout
from mlfromscratch.unsupervised_learning import DCGAN
from mlfromscratch.unsupervised_learning.generative_adversarial_network import generator_loss_gradient
from mlfromscratch.utils.datasets import load_digits
from mlfromscratch.utils.validation import NotFittedError
from tests.gradcheck import numerical_gradient


@pytest.fixture(scope="module")
def digit_images():
    X, _ = load_digits()
    return (X / 16.0).reshape(-1, 8, 8)  # (1797, 8, 8) in [0, 1]


def _freeze_dropout_masks(network, seed=0):
    """Give every Dropout layer a freshly seeded generator, so the next forward pass repeats its masks."""
    for layer in network.layers:
        if isinstance(layer, Dropout):
            layer._rng = np.random.default_rng(seed)


def test_generator_gradient_through_frozen_conv_discriminator_is_exact(digit_images):
    dcgan = DCGAN(latent_dim=3, generator_filters=(3, 2), discriminator_filters=(2, 3), generator_hidden=5,
                  discriminator_hidden=4, dtype="float64", random_state=0)
    dcgan.fit(digit_images[:16], n_epochs=1, batch_size=8)
    G, D = dcgan.generator_, dcgan.discriminator_
    z = np.random.default_rng(1).standard_normal((4, 3))
    real = np.tile([0.0, 1.0], (4, 1))

    def generator_loss():
        _freeze_dropout_masks(D)  # the same dropout masks at every evaluation
        return CrossEntropy().loss(real, D.forward(G.forward(z, training=True), training=True))

    _freeze_dropout_masks(D)
    loss, grad_fake = generator_loss_gradient(D, G.forward(z, training=True))  # fit's generator step, then
    G.backward(grad_fake)                                                      # dL_G/dweights into G's grads
    assert loss == pytest.approx(generator_loss())
    analytic = [{name: g.copy() for name, g in layer.grads.items()} for layer in G.layers]
    checked = set()
    for layer, grads in zip(G.layers, analytic):
        for name, value in layer.params.items():
            numeric = numerical_gradient(generator_loss, value)
            # atol: a bias followed by BatchNormalization has an exactly zero gradient
            np.testing.assert_allclose(grads[name], numeric, rtol=1e-6, atol=1e-9, err_msg=layer.layer_name())
            checked.add(layer.layer_name())
    assert {"Dense", "Conv2D", "BatchNormalization"} <= checked


def test_generator_step_leaves_discriminator_unchanged(digit_images):
    dcgan = DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), random_state=0)
    dcgan.fit(digit_images[:16], n_epochs=1, batch_size=8)
    G, D = dcgan.generator_, dcgan.discriminator_
    before = [v.copy() for layer in D.layers for v in layer.params.values()]
    g_before = [v.copy() for layer in G.layers for v in layer.params.values()]
    z = np.random.default_rng(0).standard_normal((8, 4))
    _, grad_fake = generator_loss_gradient(D, G.forward(z, training=True))  # fit's generator step
    G.backward(grad_fake)
    G.apply_gradients()
    after = [v for layer in D.layers for v in layer.params.values()]
    for b, a in zip(before, after):
        np.testing.assert_array_equal(b, a)
    assert any(not np.array_equal(b, a) for b, a in zip(g_before, (v for layer in G.layers
                                                                   for v in layer.params.values())))


def test_learns_two_image_modes():
    # Images of a horizontal or a vertical bar: the samples must look like one of the two, and
    # both must appear (no mode collapse).
    rng = np.random.default_rng(0)
    prototypes = np.zeros((2, 8, 8))
    prototypes[0, 3:5, :] = 1.0
    prototypes[1, :, 3:5] = 1.0
    X = prototypes[rng.integers(0, 2, size=256)]
    X = np.clip(np.abs(X - 0.1 * rng.random(X.shape)), 0, 1)
    dcgan = DCGAN(latent_dim=4, generator_filters=(8, 4), discriminator_filters=(4, 8), generator_hidden=16,
                  discriminator_hidden=16, learning_rate=0.01, random_state=0)
    dcgan.fit(X, n_epochs=8, batch_size=16)
    samples = dcgan.sample(200, random_state=0)[:, 0]  # (200, 8, 8)
    distances = np.abs(samples[:, None] - prototypes[None]).mean(axis=(2, 3))  # (200, 2)
    assert np.mean(distances.min(axis=1)) < 0.15  # uniform noise would be at 0.5
    assert 0.2 < np.mean(distances.argmin(axis=1)) < 0.8
    assert dcgan.predict_proba(X[:100]).mean() > dcgan.predict_proba(rng.random((100, 8, 8))).mean()


def test_architecture_shapes_and_summary(digit_images):
    dcgan = DCGAN(latent_dim=5, generator_filters=(6, 4), discriminator_filters=(3, 5), random_state=0)
    dcgan.fit(digit_images[:8, None], n_epochs=1, batch_size=8)  # (n, C, H, W) works too
    assert dcgan.sample_shape_ == (1, 8, 8)
    assert dcgan.generator_.output_shape() == (1, 8, 8)
    assert dcgan.discriminator_.output_shape() == (2,)
    names = [layer.layer_name() for layer in dcgan.generator_.layers]
    assert names == ["Dense", "BatchNormalization", "Activation (ReLU)"] * 2 + [
        "Reshape", "UpSampling2D", "Conv2D", "BatchNormalization", "Activation (ReLU)", "UpSampling2D", "Conv2D",
        "Activation (TanH)"]
    assert dcgan.generator_.layers[0].n_units == 1024 and dcgan.generator_.layers[3].n_units == 6 * 2 * 2
    dense = [layer.n_units for layer in dcgan.discriminator_.layers if layer.layer_name() == "Dense"]
    assert dense == [1024, 2]
    assert "Conv2D" in dcgan.summary() and "Discriminator" in dcgan.summary()
    samples = dcgan.sample(3)
    assert samples.shape == (3, 1, 8, 8) and samples.min() >= 0 and samples.max() <= 1
    assert dcgan.predict_proba(digit_images[:4]).shape == (4,)


def test_same_seed_same_result(digit_images):
    kwargs = dict(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), random_state=7)
    a = DCGAN(**kwargs).fit(digit_images[:32], n_epochs=1, batch_size=16)
    b = DCGAN(**kwargs).fit(digit_images[:32], n_epochs=1, batch_size=16)
    assert a.history_ == b.history_
    np.testing.assert_array_equal(a.sample(2, random_state=0), b.sample(2, random_state=0))


def test_bad_input_and_not_fitted(digit_images):
    with pytest.raises(ValueError, match="divisible by 4"):
        DCGAN().fit(np.zeros((4, 10, 10)))
    with pytest.raises(ValueError, match="divisible by 4"):
        DCGAN().fit(np.zeros((4, 64)))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        DCGAN().fit(digit_images[:8] * 16)
    with pytest.raises(NotFittedError):
        DCGAN().sample(1)


@pytest.mark.parametrize(
    "name, filters",
    [(name, f) for name in ("generator_filters", "discriminator_filters") for f in [(4,), (0, 2), (4.5, 2), 3]]
    + [("generator_filters", (2, 2, 2, 2)), ("discriminator_filters", (2, 2, 2))],
)
def test_bad_filter_counts_raise_value_error(name, filters):
    X = np.random.default_rng(0).uniform(size=(4, 1, 8, 8))
    model = DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), random_state=0)
    model.set_params(**{name: filters})
    with pytest.raises(ValueError, match=name):
        model.fit(X, n_epochs=1, batch_size=4)


def test_third_generator_filter_adds_a_full_resolution_convolution(digit_images):
    dcgan = DCGAN(latent_dim=4, generator_filters=(6, 4, 3), discriminator_filters=(2, 4), generator_hidden=0,
                  discriminator_hidden=8, random_state=0).fit(digit_images[:8], n_epochs=1, batch_size=8)
    convs = [(layer.n_filters, layer.output_shape()) for layer in dcgan.generator_.layers
             if layer.layer_name() == "Conv2D"]
    assert convs == [(4, (4, 4, 4)), (3, (3, 8, 8)), (1, (1, 8, 8))]
    assert dcgan.sample(2).shape == (2, 1, 8, 8)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dtype_of_networks_and_samples(digit_images, dtype):
    dcgan = DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), dtype=dtype, random_state=0)
    dcgan.fit(digit_images[:16], n_epochs=1, batch_size=8)
    assert dcgan.generator_.dtype == dcgan.discriminator_.dtype == np.dtype(dtype)
    for network in (dcgan.generator_, dcgan.discriminator_):
        for layer in network.layers:
            assert all(value.dtype == np.dtype(dtype) for value in layer.params.values())
    assert dcgan.sample(3).dtype == np.dtype(dtype)
    assert np.isfinite(dcgan.history_["g_loss"]).all()


@pytest.mark.parametrize("dtype", ["int32", "float16", "complex128"])
def test_bad_dtype_raises(digit_images, dtype):
    with pytest.raises(ValueError, match="dtype"):
        DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), dtype=dtype).fit(
            digit_images[:8], n_epochs=1, batch_size=8)


def test_hidden_layers_can_be_left_out(digit_images):
    dcgan = DCGAN(latent_dim=5, generator_filters=(6, 4), discriminator_filters=(3, 5), generator_hidden=0,
                  discriminator_hidden=0, random_state=0).fit(digit_images[:8], n_epochs=1, batch_size=8)
    assert [layer.layer_name() for layer in dcgan.generator_.layers][:4] == [
        "Dense", "BatchNormalization", "Activation (ReLU)", "Reshape"]
    assert [layer.layer_name() for layer in dcgan.discriminator_.layers if layer.layer_name() == "Dense"] == ["Dense"]
    assert dcgan.sample(2).shape == (2, 1, 8, 8)


@pytest.mark.parametrize("name", ["generator_hidden", "discriminator_hidden"])
@pytest.mark.parametrize("value", [-1, 2.5, True, None])
def test_bad_hidden_units_raise_value_error(digit_images, name, value):
    model = DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), random_state=0)
    model.set_params(**{name: value})
    with pytest.raises(ValueError, match=name):
        model.fit(digit_images[:8], n_epochs=1, batch_size=4)


@pytest.mark.parametrize(
    "name, value",
    [("latent_dim", np.nan), ("learning_rate", np.inf), ("beta_1", np.nan), ("discriminator_dropout", np.nan),
     ("generator_hidden", np.nan), ("discriminator_hidden", np.inf), ("random_state", "abc")],
)
def test_every_numeric_hyperparameter_is_finite(digit_images, name, value):
    model = DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), random_state=0)
    with pytest.raises(ValueError, match=name):
        model.set_params(**{name: value}).fit(digit_images[:8], n_epochs=1, batch_size=4)


def test_nan_images_are_rejected(digit_images):
    X = digit_images[:8].copy()
    X[0, 3, 3] = np.nan
    with pytest.raises(ValueError, match="NaN or infinity"):
        DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4)).fit(X, n_epochs=1)
