"""Tests for the VariationalAutoencoder: the ELBO gradient by finite differences, the KL term,
learning on MNIST, the estimator API, bad hyperparameters and reproducibility."""

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import VariationalAutoencoder
from mlfromscratch.unsupervised_learning.variational_autoencoder import (
    kl_to_standard_normal,
    kl_to_standard_normal_gradient,
)
from mlfromscratch.utils.datasets import load_mnist
from mlfromscratch.utils.numerics import logsumexp
from mlfromscratch.utils.validation import NotFittedError
from tests.gradcheck import numerical_gradient, relative_error


@pytest.fixture(scope="module")
def mnist():
    X, y = load_mnist()
    order = np.random.default_rng(0).permutation(len(X))
    return X[order], y[order]


def _tiny(**params):
    defaults = {"latent_dim": 2, "hidden_layers": (5,), "n_epochs": 1, "batch_size": 8, "random_state": 0}
    return VariationalAutoencoder(**{**defaults, **params})


def _negative_elbo(vae, X, eps):
    """L = Rec + KL of the Notes, written out from the two networks' forward passes."""
    mu, log_var = np.split(vae.encoder_.forward(X), 2, axis=1)
    z = mu + np.exp(0.5 * log_var) * eps
    logits = vae.decoder_.forward(z)
    log_p_x_given_z = np.sum(X * logits - np.logaddexp(0.0, logits), axis=1)     # Bernoulli, (m,)
    kl = 0.5 * np.sum(np.exp(log_var) + mu**2 - 1.0 - log_var, axis=1)           # (m,)
    return float(np.mean(-log_p_x_given_z + kl))


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_elbo_gradient_matches_finite_differences_in_every_layer(activation):
    # The gradient fit steps with (decoder backward, through z, KL, encoder backward), against
    # central differences of the negative ELBO with eps held fixed, for every parameter.
    rng = np.random.default_rng(1)
    X = rng.random((7, 6))
    vae = _tiny(hidden_layers=(5, 4), activation=activation, latent_dim=3).fit(X)
    eps = rng.standard_normal((7, 3))
    reconstruction, kl = vae._negative_elbo_backward(X, eps)
    assert reconstruction + kl == pytest.approx(_negative_elbo(vae, X, eps), rel=1e-12)
    checked = 0
    for network in (vae.encoder_, vae.decoder_):
        for layer in network.layers:
            for name, value in layer.params.items():
                analytic = layer.grads[name].copy()
                numeric = numerical_gradient(lambda: _negative_elbo(vae, X, eps), value)
                assert relative_error(analytic, numeric) < 1e-6, (network, layer.layer_name(), name)
                checked += 1
    assert checked == 12                                              # W and b of 3 + 3 Dense layers


def test_kl_matches_closed_form_and_monte_carlo():
    # one dimension by hand: KL(N(1, 1) || N(0, 1)) = 0.5, KL(N(0, e^2) || N(0, 1)) = 0.5 (e^2 - 1 - 2)
    np.testing.assert_allclose(kl_to_standard_normal(np.array([[1.0], [0.0]]), np.array([[0.0], [2.0]])),
                               [0.5, 0.5 * (np.exp(2.0) - 3.0)])
    # the closed form against E_q[log q(z) - log p(z)] by Monte Carlo, for a 3-D diagonal Gaussian
    rng = np.random.default_rng(0)
    mu, log_var = np.array([[0.5, -1.0, 2.0]]), np.array([[-0.5, 0.3, 1.0]])
    sigma = np.exp(0.5 * log_var)
    eps = rng.standard_normal((200_000, 3))
    z = mu + sigma * eps
    log_q = np.sum(-0.5 * eps**2 - 0.5 * log_var - 0.5 * np.log(2 * np.pi), axis=1)
    log_p = np.sum(-0.5 * z**2 - 0.5 * np.log(2 * np.pi), axis=1)
    estimate = log_q - log_p
    standard_error = estimate.std() / np.sqrt(len(estimate))
    assert abs(estimate.mean() - kl_to_standard_normal(mu, log_var)[0]) < 4 * standard_error
    assert kl_to_standard_normal(np.zeros((1, 4)), np.zeros((1, 4)))[0] == 0.0     # q = p


def test_kl_gradient_matches_finite_differences():
    rng = np.random.default_rng(2)
    mu, log_var = rng.standard_normal((4, 3)), rng.standard_normal((4, 3))
    grad_mu, grad_log_var = kl_to_standard_normal_gradient(mu, log_var)
    np.testing.assert_allclose(grad_mu, mu)
    np.testing.assert_allclose(grad_log_var, 0.5 * (np.exp(log_var) - 1.0))
    total = lambda: float(np.sum(kl_to_standard_normal(mu, log_var)))          # noqa: E731
    assert relative_error(grad_mu, numerical_gradient(total, mu)) < 1e-8
    assert relative_error(grad_log_var, numerical_gradient(total, log_var)) < 1e-8


def test_elbo_against_quadrature_with_a_one_dimensional_latent():
    # With d = 1, log p(x) = log int p(x|z) N(z; 0, 1) dz and ELBO(x) = int q(z|x) log(p(x, z) / q(z|x)) dz
    # are integrals on a fine grid: the model's Monte-Carlo elbo must match the latter and stay below the former.
    rng = np.random.default_rng(0)
    X = (rng.random((30, 5)) < 0.3).astype(float)
    vae = _tiny(latent_dim=1, hidden_layers=(6,), n_epochs=30, batch_size=10, learning_rate=0.01).fit(X)
    z = np.linspace(-10.0, 10.0, 20001)                                           # (G,)
    dz = z[1] - z[0]
    logits = vae.decoder_.predict(z[:, None])                                     # (G, D)
    log_likelihood = X @ logits.T - np.sum(np.logaddexp(0.0, logits), axis=1)     # log p(x_i|z_g), (n, G)
    log_joint = log_likelihood - 0.5 * z**2 - 0.5 * np.log(2 * np.pi)             # log p(x_i, z_g)
    log_px = logsumexp(log_joint, axis=1) + np.log(dz)                            # (n,)
    mu, log_var = vae.encode(X)                                                   # (n, 1) each
    log_q = -0.5 * (z - mu) ** 2 / np.exp(log_var) - 0.5 * log_var - 0.5 * np.log(2 * np.pi)  # (n, G)
    q = np.exp(log_q)
    np.testing.assert_allclose(q.sum(axis=1) * dz, 1.0, rtol=1e-6)               # the grid holds q
    elbo_by_quadrature = np.sum(q * (log_joint - log_q), axis=1) * dz             # (n,)
    kl_by_quadrature = np.sum(q * (log_q + 0.5 * z**2 + 0.5 * np.log(2 * np.pi)), axis=1) * dz
    np.testing.assert_allclose(kl_to_standard_normal(mu, log_var), kl_by_quadrature, rtol=1e-6, atol=1e-9)
    assert np.all(elbo_by_quadrature <= log_px)                 # the gap is KL(q(z|x) || p(z|x)) >= 0
    assert vae.elbo(X, n_draws=4000) == pytest.approx(np.mean(elbo_by_quadrature), abs=0.01)


def test_learns_mnist_beyond_independent_pixels(mnist):
    X, _ = mnist
    X_train, X_test = X[:1000], X[4500:]
    vae = VariationalAutoencoder(latent_dim=2, hidden_layers=(64,), n_epochs=8, batch_size=50,
                                 learning_rate=0.003, random_state=0).fit(X_train, X_val=X_test)
    history = vae.history_
    assert len(history["elbo"]) == len(history["val_elbo"]) == 8
    assert history["elbo"][-1] > history["elbo"][0] + 100                         # nats per image
    assert history["val_elbo"][-1] > history["val_elbo"][0] + 40
    np.testing.assert_allclose(history["elbo"], -(np.array(history["reconstruction"]) + history["kl"]))
    # log-likelihood of the best model without a latent code: independent pixels with the mean image's rates
    rate = np.clip(X_train.mean(axis=0), 1e-3, 1 - 1e-3)
    independent = np.mean(np.sum(X_test * np.log(rate) + (1 - X_test) * np.log(1 - rate), axis=1))
    assert vae.score(X_test) > independent + 5                    # a lower bound above the baseline's exact value
    assert np.all(np.array(history["kl"]) > 0)


def test_api_shapes_and_ranges(mnist):
    X = mnist[0][:120]
    vae = _tiny(latent_dim=3, hidden_layers=(16,), n_epochs=2, batch_size=32)
    assert vae.fit(X) is vae
    assert vae.n_features_in_ == 784
    mu, log_var = vae.encode(X[:7])
    assert mu.shape == log_var.shape == (7, 3)
    np.testing.assert_array_equal(vae.transform(X[:7]), mu)
    np.testing.assert_allclose(vae.fit_transform(X), vae.transform(X), rtol=1e-12)
    X_hat = vae.inverse_transform(mu)
    assert X_hat.shape == (7, 784) and np.all((X_hat > 0) & (X_hat < 1))
    np.testing.assert_array_equal(vae.decode(mu), X_hat)
    np.testing.assert_array_equal(vae.reconstruct(X[:7]), X_hat)
    samples = vae.sample(5)
    assert samples.shape == (5, 784) and np.all((samples > 0) & (samples < 1))
    assert vae.score(X) == vae.elbo(X) == vae.elbo(X, random_state=0)        # seeded: a number, not a draw
    assert vae.elbo(X, n_draws=4) != vae.elbo(X)
    assert [layer.layer_name() for layer in vae.encoder_.layers][:2] == ["Dense", "Activation (ReLU)"]
    assert vae.encoder_.output_shape() == (6,) and vae.decoder_.output_shape() == (784,)
    assert "Encoder" in vae.summary() and "Decoder" in vae.summary()
    assert vae.history_["val_elbo"] == []


def test_float32_networks_train_like_float64(mnist):
    X = mnist[0][:300]
    elbos = {}
    for dtype in ("float64", "float32"):
        vae = _tiny(hidden_layers=(32,), n_epochs=3, batch_size=50, dtype=dtype).fit(X)
        assert vae.encoder_.dtype == np.dtype(dtype)
        elbos[dtype] = vae.history_["elbo"]
    np.testing.assert_allclose(elbos["float32"], elbos["float64"], rtol=0.02)


def test_not_fitted_and_bad_input_raise():
    vae = _tiny()
    for call in (lambda: vae.transform(np.zeros((2, 4))), lambda: vae.decode(np.zeros((2, 2))),
                 lambda: vae.sample(2), lambda: vae.elbo(np.zeros((2, 4))), vae.summary):
        with pytest.raises(NotFittedError):
            call()
    X = np.random.default_rng(0).random((20, 4))
    with pytest.raises(ValueError, match=r"X in \[0, 1\]"):
        _tiny().fit(X * 2)
    with pytest.raises(ValueError, match=r"X_val in \[0, 1\]"):
        _tiny().fit(X, X_val=X - 1)
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN or infinity"):
        _tiny().fit(X_nan)
    vae.fit(X)
    with pytest.raises(ValueError, match="NaN or infinity"):
        vae.transform(X_nan)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        vae.transform(X + 1)
    with pytest.raises(ValueError, match="4 features"):
        vae.elbo(X[:, :3])
    with pytest.raises(ValueError, match="2 columns"):
        vae.decode(np.zeros((3, 5)))
    with pytest.raises(ValueError, match="n_samples"):
        vae.sample(0)
    with pytest.raises(ValueError, match="n_draws"):
        vae.elbo(X, n_draws=0)


def test_verbose_prints_the_summaries_and_every_epoch(capsys):
    X = np.random.default_rng(0).random((20, 4))
    _tiny(n_epochs=2, verbose=True).fit(X, X_val=X[:5])
    out = capsys.readouterr().out
    assert "Encoder" in out and "Decoder" in out
    assert "Epoch 1/2: ELBO" in out and "Epoch 2/2" in out and "held-out ELBO" in out


@pytest.mark.parametrize("name, value", [
    ("latent_dim", 0), ("latent_dim", 2.5), ("hidden_layers", (8, 0)), ("hidden_layers", 8),
    ("hidden_layers", "8"), ("learning_rate", 0.0), ("learning_rate", np.nan), ("learning_rate", np.inf),
    ("n_epochs", 0), ("n_epochs", 1.5), ("batch_size", 0), ("batch_size", -4), ("dtype", "float16"),
    ("activation", "nope"), ("random_state", -1), ("random_state", "abc"),
])
def test_bad_hyperparameters_are_named(name, value):
    vae = _tiny(**{name: value})                                    # the constructor accepts anything
    assert vae.get_params()[name] is value
    match = "activation" if name == "activation" else name
    with pytest.raises(ValueError, match=match):
        vae.fit(np.random.default_rng(0).random((10, 4)))


def test_diverging_training_raises_naming_the_epoch():
    X = np.random.default_rng(0).random((40, 6))
    with pytest.raises(ValueError, match="epoch 1.*learning_rate"):
        _tiny(learning_rate=1e30, n_epochs=2).fit(X)


def test_same_seed_same_result_and_refit_is_clean(mnist):
    X = mnist[0][:100]
    X_copy = X.copy()
    state = np.random.get_state()[1].copy()
    a = _tiny(hidden_layers=(8,), n_epochs=2, batch_size=25, random_state=3).fit(X)
    b = _tiny(hidden_layers=(8,), n_epochs=2, batch_size=25, random_state=np.random.default_rng(3)).fit(X)
    assert a.history_ == b.history_
    np.testing.assert_array_equal(a.reconstruct(X), b.reconstruct(X))
    np.testing.assert_array_equal(a.sample(3), b.sample(3))                 # fit's generator continues
    np.testing.assert_array_equal(a.sample(2, random_state=5), b.sample(2, random_state=5))
    other = _tiny(hidden_layers=(8,), n_epochs=2, batch_size=25, random_state=4).fit(X)
    assert not np.array_equal(other.reconstruct(X), a.reconstruct(X))
    # refitting on other data first changes nothing
    reused = _tiny(hidden_layers=(8,), n_epochs=2, batch_size=25, random_state=3).fit(mnist[0][200:260])
    reused.fit(X)
    assert reused.history_ == _tiny(hidden_layers=(8,), n_epochs=2, batch_size=25, random_state=3).fit(X).history_
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(np.random.get_state()[1], state)         # the global NumPy state is unused
