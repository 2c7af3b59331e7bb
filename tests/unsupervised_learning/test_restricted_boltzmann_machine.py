"""Tests for the Bernoulli RBM: one CD-1 update by hand, free energy by brute force, learning."""

import itertools

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import RBM
from mlfromscratch.utils.datasets import load_digits, load_mnist
from mlfromscratch.utils.validation import NotFittedError


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


@pytest.fixture(scope="module")
def binary_patterns():
    rng = np.random.default_rng(0)
    prototypes = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [1, 0, 1, 0, 1, 0]], dtype=float)
    X = prototypes[rng.integers(0, 3, size=120)]
    flips = rng.random(X.shape) < 0.05
    return np.abs(X - flips)


def test_one_cd1_update_matches_the_formula():
    # Replay the documented random stream: W ~ N(0, 0.01^2), permutation, then
    # one uniform draw for the hidden and one for the visible layer of the Gibbs step.
    X = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.2, 0.7, 0.0]])
    learning_rate, seed = 0.3, 7
    rbm = RBM(n_components=2, learning_rate=learning_rate, batch_size=4, n_epochs=1, k=1, random_state=seed)
    rbm.fit(X)

    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.01, size=(3, 2))
    b, c = np.zeros(3), np.zeros(2)
    v0 = X[rng.permutation(4)]
    ph0 = _sigmoid(v0 @ W + c)
    h0 = (rng.random(ph0.shape) < ph0).astype(float)
    pv1 = _sigmoid(h0 @ W.T + b)
    rng.random(pv1.shape)  # the visible sample, unused by CD-1's statistics
    ph1 = _sigmoid(pv1 @ W + c)

    expected_error = np.mean((v0 - _sigmoid(ph0 @ W.T + b)) ** 2)
    W_new = W + learning_rate * (v0.T @ ph0 - pv1.T @ ph1) / 4
    b_new = b + learning_rate * (v0 - pv1).mean(axis=0)
    c_new = c + learning_rate * (ph0 - ph1).mean(axis=0)

    np.testing.assert_allclose(rbm.components_, W_new, rtol=1e-12)
    np.testing.assert_allclose(rbm.intercept_visible_, b_new, rtol=1e-12)
    np.testing.assert_allclose(rbm.intercept_hidden_, c_new, rtol=1e-12, atol=1e-15)
    assert rbm.training_errors_[0] == pytest.approx(expected_error)


def test_free_energy_matches_brute_force_sum_over_hidden_states(binary_patterns):
    rbm = RBM(n_components=3, n_epochs=2, random_state=0).fit(binary_patterns)
    W, b, c = rbm.components_, rbm.intercept_visible_, rbm.intercept_hidden_
    V = np.array(list(itertools.product([0.0, 1.0], repeat=6)))
    H = np.array(list(itertools.product([0.0, 1.0], repeat=3)))
    # F(v) = -log sum_h exp(-E(v, h)), with E(v, h) = -b.v - c.h - v W h
    neg_energy = (V @ b)[:, None] + (H @ c)[None, :] + V @ W @ H.T  # (64, 8)
    expected = -np.log(np.exp(neg_energy).sum(axis=1))
    np.testing.assert_allclose(rbm.free_energy(V), expected, rtol=1e-10)


def test_reconstruction_error_falls_on_digits():
    X, _ = load_digits()
    X = X[:600] / 16.0
    rbm = RBM(n_components=32, learning_rate=0.1, batch_size=10, n_epochs=20, random_state=0).fit(X)
    errors = rbm.training_errors_
    assert len(errors) == 20
    assert errors[-1] < 0.4 * errors[0]
    assert all(later <= earlier * 1.02 for earlier, later in zip(errors, errors[1:]))
    # Better than the trivial reconstruction by the mean image.
    assert np.mean((X - rbm.reconstruct(X)) ** 2) < 0.4 * np.mean((X - X.mean(axis=0)) ** 2)


def test_learns_mnist_better_than_mean_image_with_pcd():
    X, _ = load_mnist()
    X = X[::10]  # 500 images, 50 per digit
    rbm = RBM(n_components=64, learning_rate=0.1, batch_size=10, n_epochs=10, persistent=True, random_state=1)
    rbm.fit(X)
    assert rbm.training_errors_[-1] < 0.5 * rbm.training_errors_[0]
    assert np.mean((X - rbm.reconstruct(X)) ** 2) < 0.6 * np.mean((X - X.mean(axis=0)) ** 2)


def test_training_data_has_lower_free_energy_than_noise(binary_patterns):
    rbm = RBM(n_components=4, learning_rate=0.2, n_epochs=30, random_state=0).fit(binary_patterns)
    noise = (np.random.default_rng(1).random((200, 6)) < 0.5).astype(float)
    assert rbm.free_energy(binary_patterns).mean() < rbm.free_energy(noise).mean()


def test_shapes_and_ranges(binary_patterns):
    rbm = RBM(n_components=5, n_epochs=3, k=2, random_state=0).fit(binary_patterns)
    assert rbm.components_.shape == (6, 5)
    assert rbm.intercept_visible_.shape == (6,)
    assert rbm.intercept_hidden_.shape == (5,)
    H = rbm.transform(binary_patterns)
    assert H.shape == (120, 5) and np.all((H > 0) & (H < 1))
    assert rbm.reconstruct(binary_patterns[:7]).shape == (7, 6)
    v = rbm.gibbs(binary_patterns[:7])
    assert v.shape == (7, 6) and set(np.unique(v)) <= {0.0, 1.0}
    samples = rbm.sample(9, n_gibbs_steps=20)
    assert samples.shape == (9, 6) and np.all((samples >= 0) & (samples <= 1))
    assert rbm.free_energy(binary_patterns[:3]).shape == (3,)
    np.testing.assert_allclose(rbm.fit_transform(binary_patterns), rbm.transform(binary_patterns))


def test_same_seed_same_result_and_refit_is_clean(binary_patterns):
    a = RBM(n_components=4, n_epochs=3, persistent=True, random_state=3).fit(binary_patterns)
    b = RBM(n_components=4, n_epochs=3, persistent=True, random_state=3).fit(binary_patterns)
    np.testing.assert_array_equal(a.components_, b.components_)
    assert a.training_errors_ == b.training_errors_
    np.testing.assert_array_equal(a.sample(4, 10, random_state=0), b.sample(4, 10, random_state=0))
    first = a.components_.copy()
    assert a.fit(binary_patterns) is a
    np.testing.assert_array_equal(a.components_, first)
    assert len(a.training_errors_) == 3


def test_input_unchanged_and_callback_called(binary_patterns):
    X = binary_patterns.copy()
    calls = []
    RBM(n_components=3, n_epochs=4, random_state=0).fit(X, callback=lambda rbm, it: calls.append(it))
    np.testing.assert_array_equal(X, binary_patterns)
    assert calls == [1, 2, 3, 4]


def test_bad_input_and_not_fitted(binary_patterns):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        RBM().fit(binary_patterns * 2)
    with pytest.raises(ValueError, match="2 dimensions"):
        RBM().fit(binary_patterns[0])
    with pytest.raises(ValueError, match="n_components"):
        RBM(n_components=0).fit(binary_patterns)
    with pytest.raises(ValueError, match="k"):
        RBM(k=0).fit(binary_patterns)
    with pytest.raises(ValueError, match="learning_rate"):
        RBM(learning_rate=-1.0).fit(binary_patterns)
    with pytest.raises(NotFittedError):
        RBM().transform(binary_patterns)
    with pytest.raises(NotFittedError):
        RBM().sample(3)
    rbm = RBM(n_components=2, n_epochs=1, random_state=0).fit(binary_patterns)
    with pytest.raises(ValueError, match="features"):
        rbm.transform(binary_patterns[:, :4])


@pytest.mark.parametrize(
    "name, value",
    [("n_components", v) for v in (np.nan, 0, 2.5)]
    + [("learning_rate", v) for v in (np.nan, np.inf, 0.0)]
    + [("batch_size", v) for v in (np.nan, 0, 1.5)]
    + [("n_epochs", v) for v in (np.nan, 0, 1.5)]
    + [("k", v) for v in (np.nan, 0, 1.5)]
    + [("random_state", v) for v in ("abc", -1)],
)
def test_every_numeric_hyperparameter_is_finite_and_in_range(binary_patterns, name, value):
    with pytest.raises(ValueError, match=name):
        RBM(n_components=3, n_epochs=1).set_params(**{name: value}).fit(binary_patterns)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_data_is_rejected(binary_patterns, bad):
    X = binary_patterns.copy()
    X[2, 1] = bad
    with pytest.raises(ValueError, match="NaN or infinity"):
        RBM(n_components=3, n_epochs=1).fit(X)


def test_weights_that_stop_being_finite_raise_naming_the_epoch(binary_patterns):
    # CD moves each weight by at most learning_rate per update, so only absurd settings get here;
    # spoil the weights after the first epoch to see the check fire in the second.
    def spoil(rbm, epoch):
        rbm.components_[0, 0] = np.inf

    with pytest.raises(ValueError, match=r"epoch 2.*smaller learning_rate"):
        RBM(n_components=3, n_epochs=3, random_state=0).fit(binary_patterns, callback=spoil)


def test_transformer_role(binary_patterns):
    rbm = RBM(n_components=3, n_epochs=2, random_state=0)
    assert "fit_transform" not in vars(RBM)                          # TransformerMixin's
    np.testing.assert_allclose(rbm.fit_transform(binary_patterns), rbm.transform(binary_patterns))
