"""Tests for the GAN: exact backprop through the frozen discriminator, invariants, learning."""

import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    Activation,
    Adam,
    BatchNormalization,
    CrossEntropy,
    Dense,
    Dropout,
    LeakyReLU,
    NeuralNetwork,
)
from mlfromscratch.unsupervised_learning import GAN
from mlfromscratch.unsupervised_learning.generative_adversarial_network import generator_loss_gradient
from mlfromscratch.utils.datasets import load_digits
from mlfromscratch.utils.validation import NotFittedError
from tests.gradcheck import numerical_gradient


class SmallGAN(GAN):
    """The GAN's training procedure on small networks of the same layer kinds."""

    n_hidden = 8

    def build_generator(self, sample_shape, rng):
        model = NeuralNetwork(Adam(self.learning_rate, self.beta_1), CrossEntropy, random_state=rng)
        model.add(Dense(self.n_hidden, input_shape=(self.latent_dim,)))
        model.add(Activation(LeakyReLU(0.2)))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Dense(int(np.prod(sample_shape))))
        model.add(Activation("tanh"))
        return model

    def build_discriminator(self, sample_shape, rng):
        model = NeuralNetwork(Adam(self.learning_rate, self.beta_1), CrossEntropy, random_state=rng)
        model.add(Dense(self.n_hidden, input_shape=tuple(sample_shape)))
        model.add(Activation(LeakyReLU(0.2)))
        model.add(Dropout(0.25))
        model.add(Dense(2))
        model.add(Activation("softmax"))
        return model


class DigitsGAN(SmallGAN):
    n_hidden = 64


class RecordingGAN(SmallGAN):
    """Records, after every optimizer step of either network, which one stepped and the weights of both."""

    def _recorded(self, network, name):
        step = network.apply_gradients

        def apply_gradients():
            step()
            self.steps.append((name, _params(self.generator_), _params(self.discriminator_)))

        network.apply_gradients = apply_gradients
        return network

    def build_generator(self, sample_shape, rng):
        self.steps = []
        return self._recorded(super().build_generator(sample_shape, rng), "G")

    def build_discriminator(self, sample_shape, rng):
        return self._recorded(super().build_discriminator(sample_shape, rng), "D")


def _generator_backward(G, D, X_fake):
    """fit's generator step up to (not including) G's optimizer step: returns L_G, leaves dL_G/dweights in G."""
    loss, grad_fake = generator_loss_gradient(D, X_fake)
    G.backward(grad_fake)
    return loss


def _freeze_dropout_masks(network, seed=0):
    """Give every Dropout layer a freshly seeded generator, so the next forward pass repeats its masks."""
    for layer in network.layers:
        if isinstance(layer, Dropout):
            layer._rng = np.random.default_rng(seed)


def _params(network):
    """Copies of the trainable tensors (get_weights also holds BatchNorm running statistics)."""
    return [value.copy() for layer in network.layers for value in layer.params.values()]


@pytest.fixture(scope="module")
def two_modes():
    """Samples near one of two binary prototypes, in [0, 1]."""
    rng = np.random.default_rng(0)
    prototypes = np.array([[1, 1, 1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1, 1, 1]], dtype=float)
    X = prototypes[rng.integers(0, 2, size=256)]
    return np.clip(np.abs(X - 0.1 * rng.random(X.shape)), 0, 1), prototypes


def test_generator_gradient_through_frozen_discriminator_is_exact(two_modes):
    X, _ = two_modes
    gan = SmallGAN(latent_dim=3, learning_rate=0.01, random_state=0).fit(X[:32], n_epochs=2, batch_size=16)
    G, D = gan.generator_, gan.discriminator_
    z = np.random.default_rng(1).standard_normal((6, 3))
    real = np.tile([0.0, 1.0], (6, 1))

    def generator_loss():
        _freeze_dropout_masks(D)  # the same dropout masks at every evaluation
        return CrossEntropy().loss(real, D.forward(G.forward(z, training=True), training=True))

    _freeze_dropout_masks(D)
    loss = _generator_backward(G, D, G.forward(z, training=True))
    assert loss == pytest.approx(generator_loss())
    analytic = [{name: g.copy() for name, g in layer.grads.items()} for layer in G.layers]
    n_checked = 0
    for layer, grads in zip(G.layers, analytic):
        for name, value in layer.params.items():
            numeric = numerical_gradient(generator_loss, value)
            # atol: a bias followed by BatchNormalization has an exactly zero gradient
            np.testing.assert_allclose(grads[name], numeric, rtol=1e-6, atol=1e-9, err_msg=layer.layer_name())
            n_checked += 1
    assert n_checked == 6  # W, b of two Dense layers, gamma and beta of BatchNormalization


def test_generator_step_leaves_discriminator_unchanged_and_vice_versa(two_modes):
    # fit alternates one D step and one G step; each changes only its own network's weights
    X, _ = two_modes
    gan = RecordingGAN(latent_dim=3, learning_rate=0.01, random_state=0).fit(X[:32], n_epochs=2, batch_size=16)
    assert [name for name, _, _ in gan.steps] == ["D", "G"] * 4
    for (name, g_after, d_after), (_, g_before, d_before) in zip(gan.steps[1:], gan.steps):
        stepped = (g_before, g_after) if name == "G" else (d_before, d_after)
        other = (d_before, d_after) if name == "G" else (g_before, g_after)
        for before, after in zip(*other):
            np.testing.assert_array_equal(before, after)
        assert any(not np.array_equal(before, after) for before, after in zip(*stepped))
    assert all(layer.trainable for layer in gan.discriminator_.layers)  # never frozen, never stepped by G's step
    d_before = _params(gan.discriminator_)
    _generator_backward(gan.generator_, gan.discriminator_, gan.sample(16) * 2 - 1)
    for before, after in zip(d_before, _params(gan.discriminator_)):
        np.testing.assert_array_equal(before, after)


def test_learns_two_modes(two_modes):
    X, prototypes = two_modes
    gan = SmallGAN(latent_dim=4, learning_rate=0.005, random_state=0).fit(X, n_epochs=40, batch_size=32)
    samples = gan.sample(200, random_state=0)
    distances = np.abs(samples[:, None, :] - prototypes[None]).mean(axis=2)  # (200, 2)
    assert np.mean(distances.min(axis=1)) < 0.15  # noise in [0, 1] would be at 0.5
    nearest = distances.argmin(axis=1)
    assert 0.2 < nearest.mean() < 0.8  # both modes, no collapse


def test_learns_digit_statistics():
    X, _ = load_digits()
    X = X / 16.0
    gan = DigitsGAN(latent_dim=16, learning_rate=0.002, random_state=0).fit(X, n_epochs=8, batch_size=64)
    samples = gan.sample(300, random_state=0)
    # The pixel means of the samples approach the data's (blank borders, ink in the middle).
    mean_error = np.mean((samples.mean(axis=0) - X.mean(axis=0)) ** 2)
    assert mean_error < 0.1 * np.mean((0.5 - X.mean(axis=0)) ** 2)
    # The discriminator tells real digits from noise.
    noise = np.random.default_rng(0).random((300, 64))
    assert gan.predict_proba(X[:300]).mean() > gan.predict_proba(noise).mean() + 0.3


def test_classic_architecture_and_summary():
    X = np.random.default_rng(0).random((8, 784))
    gan = GAN(random_state=0).fit(X, n_epochs=1, batch_size=8)
    assert gan.generator_.n_parameters() == 1489936
    assert gan.discriminator_.n_parameters() == 533762
    text = gan.summary()
    assert "Generator" in text and "Discriminator" in text and "Activation (LeakyReLU)" in text
    assert gan.sample(3).shape == (3, 784)
    assert len(gan.history_["d_loss"]) == len(gan.history_["g_loss"]) == 1


def test_fit_returns_self_same_seed_same_result_refit_clean(two_modes):
    X, _ = two_modes
    X_copy = X.copy()
    a = SmallGAN(latent_dim=3, random_state=5)
    assert a.fit(X, n_epochs=2, batch_size=64) is a
    b = SmallGAN(latent_dim=3, random_state=5).fit(X, n_epochs=2, batch_size=64)
    assert a.history_ == b.history_
    np.testing.assert_array_equal(a.sample(4, random_state=1), b.sample(4, random_state=1))
    np.testing.assert_array_equal(X, X_copy)
    first = a.history_
    a.fit(X, n_epochs=2, batch_size=64)
    assert a.history_ == first and len(first["g_loss"]) == 8  # 2 epochs x 4 batches


def test_samples_in_unit_range_and_callback(two_modes):
    X, _ = two_modes
    epochs = []
    gan = SmallGAN(latent_dim=3, random_state=0)
    gan.fit(X, n_epochs=3, batch_size=128, callback=lambda model, epoch: epochs.append(epoch))
    assert epochs == [1, 2, 3]
    samples = gan.sample(50)
    assert samples.shape == (50, 8) and samples.min() >= 0 and samples.max() <= 1
    np.testing.assert_allclose(gan.generate(np.zeros((2, 3))), gan.generate(np.zeros((2, 3))))


def test_bad_input_and_not_fitted(two_modes):
    X, _ = two_modes
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        GAN().fit(X * 255)
    with pytest.raises(ValueError, match="latent_dim"):
        GAN(latent_dim=0).fit(X)
    with pytest.raises(ValueError, match="beta_1"):
        GAN(beta_1=1.0).fit(X)
    with pytest.raises(ValueError, match="n_epochs"):
        GAN().fit(X, n_epochs=0)
    with pytest.raises(NotFittedError):
        GAN().sample(2)
    gan = SmallGAN(latent_dim=3, random_state=0).fit(X[:16], n_epochs=1)
    with pytest.raises(ValueError, match="3 columns"):
        gan.generate(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="shape"):
        gan.predict_proba(np.zeros((2, 5)))


def test_truncated_sampling_draws_noise_inside_the_bound(two_modes, monkeypatch):
    X, _ = two_modes
    gan = SmallGAN(latent_dim=3, random_state=0).fit(X[:64], n_epochs=1)
    seen = []
    generate = gan.generate
    monkeypatch.setattr(gan, "generate", lambda z: seen.append(z.copy()) or generate(z))
    samples = gan.sample(200, random_state=1, truncation=0.5)
    assert samples.shape == (200, 8) and np.abs(seen[0]).max() <= 0.5
    assert np.abs(seen[0]).mean() > 0.2  # spread over the interval, not collapsed to 0
    np.testing.assert_allclose(samples, gan.sample(200, random_state=1, truncation=0.5))
    gan.sample(50, random_state=1)
    assert np.abs(seen[-1]).max() > 1.0  # untruncated by default
    with pytest.raises(ValueError, match="truncation"):
        gan.sample(2, truncation=0.0)


def test_discriminator_dropout_option():
    X = np.random.default_rng(0).random((32, 16))
    classic = GAN(latent_dim=4, random_state=0).fit(X, n_epochs=1, batch_size=16)
    plain = GAN(latent_dim=4, discriminator_dropout=0.0, random_state=0).fit(X, n_epochs=1, batch_size=16)
    assert sum(type(layer).__name__ == "Dropout" for layer in classic.discriminator_.layers) == 2
    assert not any(type(layer).__name__ == "Dropout" for layer in plain.discriminator_.layers)
    with pytest.raises(ValueError, match="discriminator_dropout"):
        GAN(latent_dim=4, discriminator_dropout=1.0).fit(X, n_epochs=1, batch_size=16)


def test_reused_generator_forward_gives_the_fresh_gradient(two_modes):
    """fit reuses G(z) from the discriminator step for the generator step: same gradient as a new forward."""
    X, _ = two_modes
    gan = GAN(latent_dim=3, discriminator_dropout=0.0, dtype="float64", random_state=0)
    gan.fit(X[:32], n_epochs=1, batch_size=16)
    G, D = gan.generator_, gan.discriminator_
    z = np.random.default_rng(3).standard_normal((16, 3))
    X_fake = G.forward(z, training=True)
    labels = np.concatenate([np.tile([0.0, 1.0], (16, 1)), np.tile([1.0, 0.0], (16, 1))])
    D.train_on_batch(np.concatenate([2.0 * X[:16] - 1.0, X_fake]), labels)  # fit's D step: D changes, G does not
    loss_reused = _generator_backward(G, D, X_fake)
    reused = [g.copy() for layer in G.layers for g in layer.grads.values()]
    loss_fresh = _generator_backward(G, D, G.forward(z, training=True))
    fresh = [g for layer in G.layers for g in layer.grads.values()]
    assert loss_reused == pytest.approx(loss_fresh, rel=1e-12)
    for a, b in zip(reused, fresh):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def test_images_get_a_message_that_fits_the_gan():
    X = np.random.default_rng(0).random((8, 16, 8, 8))
    with pytest.raises(ValueError, match=r"reshape\(len\(X\), -1\).*\(8, 1024\).*DCGAN") as error:
        GAN(latent_dim=4).fit(X, n_epochs=1)
    assert "Flatten" not in str(error.value)


@pytest.mark.parametrize(
    "name, value",
    [("latent_dim", v) for v in (np.nan, 0, 2.5)]
    + [("learning_rate", v) for v in (np.nan, np.inf, 0.0)]
    + [("beta_1", v) for v in (np.nan, 1.0, -0.1)]
    + [("discriminator_dropout", v) for v in (np.nan, np.inf, 1.0)]
    + [("n_epochs", v) for v in (np.nan, 0, 1.5)]
    + [("batch_size", v) for v in (np.nan, 0, 2.5)]
    + [("random_state", v) for v in ("abc", -1)],
)
def test_every_numeric_hyperparameter_is_finite_and_in_range(name, value):
    X = np.random.default_rng(0).random((16, 8))
    gan = GAN(latent_dim=3)
    fit_params = dict(n_epochs=1, batch_size=8)
    if name in fit_params:
        fit_params[name] = value
    else:
        gan.set_params(**{name: value})
    with pytest.raises(ValueError, match=name):
        gan.fit(X, **fit_params)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_data_is_rejected(bad):
    X = np.random.default_rng(0).random((16, 8))
    X[3, 2] = bad
    with pytest.raises(ValueError, match="NaN or infinity"):
        GAN(latent_dim=3).fit(X, n_epochs=1)
    gan = GAN(latent_dim=3, random_state=0).fit(np.random.default_rng(1).random((16, 8)), n_epochs=1)
    with pytest.raises(ValueError, match="NaN or infinity"):
        gan.predict_proba(X)


def test_diverging_training_raises_naming_the_epoch_and_the_learning_rate():
    X = np.random.default_rng(0).random((64, 16))
    with pytest.raises(ValueError, match=r"epoch 1 .*smaller learning_rate"):
        GAN(latent_dim=4, learning_rate=1e30, random_state=0).fit(X, n_epochs=3, batch_size=32)
