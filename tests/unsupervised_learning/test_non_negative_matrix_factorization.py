import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import NMF
from mlfromscratch.utils import load_digits


def _low_rank(seed=0, n_samples=30, n_features=8, rank=3):
    rng = np.random.default_rng(seed)
    return rng.uniform(size=(n_samples, rank)) @ rng.uniform(size=(rank, n_features))


def test_recovers_an_exactly_low_rank_matrix():
    X = _low_rank()
    model = NMF(n_components=3, max_iter=5000, tol=1e-12, random_state=0).fit(X)
    assert model.reconstruction_err_ < 1e-3 * np.linalg.norm(X)
    W = model.fit_transform(X)
    assert W.min() >= 0 and model.components_.min() >= 0
    np.testing.assert_allclose(model.inverse_transform(W), X, atol=1e-2)


def test_each_round_never_increases_the_error():
    """Lee and Seung's Theorem 1: the multiplicative updates are monotone."""
    X, _ = load_digits()
    model = NMF(n_components=10, max_iter=100, tol=0.0, random_state=1)  # tol=0: all 100 rounds
    with pytest.warns(UserWarning, match="did not converge"):
        model.fit(X[:300])
    errors = np.array(model.errors_)
    assert len(errors) == 100 and model.n_iter_ == 100
    assert np.all(np.diff(errors) <= 1e-9 * errors[0])


def test_transform_finds_the_training_weights_again():
    X = _low_rank(seed=2)
    model = NMF(n_components=3, max_iter=3000, tol=1e-12, random_state=0).fit(X)
    W = model.transform(X)
    np.testing.assert_allclose(W @ model.components_, X, atol=5e-2)


def test_bad_input():
    with pytest.raises(ValueError, match="Negative values"):
        NMF().fit(-np.ones((4, 3)))
    with pytest.raises(ValueError, match="n_components"):
        NMF(n_components=0).fit(np.ones((4, 3)))
    with pytest.raises(ValueError, match="tol"):
        NMF(tol=np.nan).fit(np.ones((4, 3)))
    model = NMF(n_components=2, random_state=0).fit(_low_rank())
    with pytest.raises(ValueError, match="columns"):
        model.inverse_transform(np.ones((2, 3)))


def test_same_seed_same_factors():
    X = _low_rank(seed=3)
    a = NMF(n_components=2, random_state=5).fit(X)
    b = NMF(n_components=2, random_state=5).fit(X)
    np.testing.assert_array_equal(a.components_, b.components_)


def test_reconstruction_error_matches_scikit_learn_on_digits():
    decomposition = pytest.importorskip("sklearn.decomposition")
    X, _ = load_digits()
    X = X[:500]
    ours = NMF(n_components=16, max_iter=200, tol=1e-4, random_state=0).fit(X)
    theirs = decomposition.NMF(n_components=16, solver="mu", init="random", max_iter=200, tol=1e-4,
                               random_state=0).fit(X)
    # different random starts reach different local minima of similar quality
    assert ours.reconstruction_err_ < 1.05 * theirs.reconstruction_err_
