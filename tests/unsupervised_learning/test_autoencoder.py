"""Tests for the Autoencoder: linear case against PCA, invariants, learning on digits."""

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import PCA, Autoencoder
from mlfromscratch.utils.datasets import load_digits
from mlfromscratch.utils.validation import NotFittedError


@pytest.fixture(scope="module")
def digits():
    X, _ = load_digits()
    return X / 16.0


def test_linear_autoencoder_reaches_the_pca_error():
    # With no hidden layers and linear output, the best code of size k spans PCA's subspace,
    # so PCA's reconstruction error is the optimum the network should approach.
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 2)) @ rng.standard_normal((2, 6)) + 0.05 * rng.standard_normal((300, 6))
    ae = Autoencoder(encoding_dim=2, hidden_layers=(), output_activation=None, learning_rate=0.01, random_state=0)
    ae.fit(X, n_epochs=60, batch_size=32)
    pca = PCA(n_components=2).fit(X)
    pca_mse = np.mean((X - pca.inverse_transform(pca.transform(X))) ** 2)
    ae_mse = np.mean((X - ae.reconstruct(X)) ** 2)
    variance = np.mean(np.var(X, axis=0))  # error of reconstructing every sample by the mean
    assert ae_mse >= pca_mse * 0.999  # cannot beat the optimum
    assert ae_mse - pca_mse < 0.002 * variance  # explains all but 0.2% of what PCA explains


def test_reconstruction_well_below_mean_image_on_digits(digits):
    X_train, X_test = digits[:1400], digits[1400:]
    ae = Autoencoder(encoding_dim=16, hidden_layers=(64,), random_state=0).fit(X_train, n_epochs=25, batch_size=32)
    baseline = np.mean((X_test - X_train.mean(axis=0)) ** 2)
    assert np.mean((X_test - ae.reconstruct(X_test)) ** 2) < 0.3 * baseline
    errors = ae.training_errors_
    assert len(errors) == 25 and errors[-1] < 0.5 * errors[0]


def test_shapes_encode_decode_consistency(digits):
    ae = Autoencoder(encoding_dim=5, hidden_layers=(12, 8), random_state=0).fit(digits[:100], n_epochs=2)
    Z = ae.encode(digits[:7])
    assert Z.shape == (7, 5)
    np.testing.assert_array_equal(ae.transform(digits[:7]), Z)
    X_hat = ae.decode(Z)
    assert X_hat.shape == (7, 64) and np.all((X_hat > 0) & (X_hat < 1))
    np.testing.assert_allclose(ae.reconstruct(digits[:7]), X_hat)
    assert [layer.layer_name() for layer in ae.encoder_.layers][:2] == ["Dense", "Activation (LeakyReLU)"]
    assert "Encoder" in ae.summary() and "Decoder" in ae.summary()


def test_fit_returns_self_same_seed_same_result_refit_clean(digits):
    X = digits[:200]
    X_copy = X.copy()
    a = Autoencoder(encoding_dim=4, hidden_layers=(16,), random_state=3)
    assert a.fit(X, n_epochs=3, batch_size=50) is a
    b = Autoencoder(encoding_dim=4, hidden_layers=(16,), random_state=3).fit(X, n_epochs=3, batch_size=50)
    np.testing.assert_array_equal(a.reconstruct(X), b.reconstruct(X))
    assert a.training_errors_ == b.training_errors_
    first = a.reconstruct(X)
    a.fit(X, n_epochs=3, batch_size=50)
    np.testing.assert_array_equal(a.reconstruct(X), first)
    np.testing.assert_array_equal(X, X_copy)
    a.fit(X, np.arange(len(X)), n_epochs=3, batch_size=50)  # y is ignored
    np.testing.assert_array_equal(a.reconstruct(X), first)


def test_bad_input_and_not_fitted(digits):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        Autoencoder().fit(digits * 16)
    with pytest.raises(ValueError, match="encoding_dim"):
        Autoencoder(encoding_dim=0).fit(digits)
    with pytest.raises(ValueError, match="hidden_layers"):
        Autoencoder(hidden_layers=(8, -1)).fit(digits)
    with pytest.raises(ValueError, match="2 dimensions"):
        Autoencoder().fit(digits[0])
    with pytest.raises(NotFittedError):
        Autoencoder().encode(digits)
    ae = Autoencoder(encoding_dim=3, hidden_layers=(8,), random_state=0).fit(digits[:50], n_epochs=1)
    with pytest.raises(ValueError, match="features"):
        ae.encode(digits[:5, :10])
    with pytest.raises(ValueError, match="3 columns"):
        ae.decode(np.zeros((2, 4)))


@pytest.mark.parametrize(
    "name, value",
    [("encoding_dim", v) for v in (np.nan, 0, 2.5)]
    + [("hidden_layers", v) for v in ((np.nan,), (0,), (4.5,))]
    + [("learning_rate", v) for v in (np.nan, np.inf, 0.0)]
    + [("n_epochs", v) for v in (np.nan, 0, 1.5)]
    + [("batch_size", v) for v in (np.nan, 0, 1.5)]
    + [("random_state", v) for v in ("abc", -1)],
)
def test_every_numeric_hyperparameter_is_finite_and_in_range(digits, name, value):
    ae = Autoencoder(encoding_dim=3, hidden_layers=(8,))
    fit_params = dict(n_epochs=1, batch_size=32)
    if name in fit_params:
        fit_params[name] = value
    else:
        ae.set_params(**{name: value})
    with pytest.raises(ValueError, match=name):
        ae.fit(digits[:50], **fit_params)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_data_is_rejected(digits, bad):
    X = digits[:50].copy()
    X[4, 7] = bad
    with pytest.raises(ValueError, match="NaN or infinity"):
        Autoencoder(encoding_dim=3, hidden_layers=(8,), output_activation=None).fit(X, n_epochs=1)


def test_diverging_training_raises_naming_the_epoch_and_the_learning_rate(digits):
    ae = Autoencoder(encoding_dim=2, hidden_layers=(8,), output_activation=None, learning_rate=1e200, random_state=0)
    with pytest.raises(ValueError, match=r"epoch \d+.*smaller learning_rate"):
        ae.fit(digits[:64], n_epochs=5, batch_size=16)


def test_transformer_role(digits):
    pytest.importorskip("sklearn")
    from sklearn.pipeline import make_pipeline

    ae = Autoencoder(encoding_dim=3, hidden_layers=(8,), random_state=0)
    codes = make_pipeline(ae).fit_transform(digits[:40])
    assert codes.shape == (40, 3)
    np.testing.assert_allclose(ae.transform(digits[:40]), codes)
