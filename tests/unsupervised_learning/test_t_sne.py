import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import TSNE
from mlfromscratch.unsupervised_learning.t_sne import conditional_probabilities, kl_divergence, kl_gradient
from mlfromscratch.utils import load_digits
from mlfromscratch.utils.data_operation import squared_euclidean_distances


def test_binary_search_reaches_the_perplexity_of_every_point():
    X = np.random.default_rng(0).standard_normal((60, 4)) * np.linspace(0.1, 5, 60)[:, None]
    for perplexity in (5.0, 20.0):
        P = conditional_probabilities(squared_euclidean_distances(X, X), perplexity)
        np.testing.assert_allclose(P.sum(axis=1), 1.0)
        assert np.all(np.diag(P) == 0)
        entropy = -np.sum(np.where(P > 0, P * np.log(np.where(P > 0, P, 1)), 0.0), axis=1)
        np.testing.assert_allclose(np.exp(entropy), perplexity, rtol=1e-3)


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((12, 3))
    P = conditional_probabilities(squared_euclidean_distances(X, X), 4.0)
    P = (P + P.T) / (2 * len(X))
    Y = rng.standard_normal((12, 2))
    gradient = kl_gradient(P, Y)
    numeric = np.zeros_like(Y)
    h = 1e-6
    for index in np.ndindex(Y.shape):
        up, down = Y.copy(), Y.copy()
        up[index] += h
        down[index] -= h
        numeric[index] = (kl_divergence(P, up) - kl_divergence(P, down)) / (2 * h)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-8)


def test_separates_clusters_and_lowers_the_divergence():
    rng = np.random.default_rng(2)
    centres = rng.uniform(-20, 20, (3, 10))
    X = np.vstack([c + rng.standard_normal((30, 10)) for c in centres])
    model = TSNE(perplexity=10, random_state=0).fit(X)
    Y = model.embedding_
    labels = np.repeat(np.arange(3), 30)
    nearest = np.argsort(squared_euclidean_distances(Y, Y), axis=1)[:, 1]
    assert np.all(labels[nearest] == labels)                       # each point's neighbour is from its cluster
    kls = [kl for _, kl in model.kl_divergences_]
    assert kls[-1] < 0.5 * kls[0] and model.kl_divergence_ == kls[-1]
    assert kls[-1] < 0.45            # scikit-learn's exact t-SNE: 0.43 on the same data


def test_same_seed_same_map():
    X = np.random.default_rng(3).standard_normal((30, 5))
    a = TSNE(perplexity=5, max_iter=100, random_state=7).fit_transform(X)
    b = TSNE(perplexity=5, max_iter=100, random_state=7).fit_transform(X)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("kwargs, match", [
    ({"perplexity": 50.0}, "perplexity"), ({"perplexity": np.nan}, "perplexity"),
    ({"learning_rate": 0.0}, "learning_rate"), ({"learning_rate": "fast"}, "learning_rate"),
    ({"max_iter": 2.5}, "max_iter"),
    ({"early_exaggeration": 0.5}, "early_exaggeration"), ({"random_state": -1}, "random_state"),
])
def test_bad_settings_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        TSNE(**kwargs).fit(np.random.default_rng(0).standard_normal((30, 3)))


def test_trustworthiness_matches_scikit_learn_on_digits():
    manifold = pytest.importorskip("sklearn.manifold")
    X, _ = load_digits()
    X = X[:300]
    ours = TSNE(perplexity=30, random_state=0).fit_transform(X)
    theirs = manifold.TSNE(perplexity=30, init="random", random_state=0).fit_transform(X)
    t_ours = manifold.trustworthiness(X, ours, n_neighbors=10)
    t_theirs = manifold.trustworthiness(X, theirs, n_neighbors=10)
    assert t_ours > 0.95 and t_ours > t_theirs - 0.01, (t_ours, t_theirs)
