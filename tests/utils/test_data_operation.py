import numpy as np
import pytest

from mlfromscratch.utils import (
    accuracy_score,
    euclidean_distance,
    mean_squared_error,
    squared_euclidean_distances,
)


def test_mean_squared_error():
    assert mean_squared_error([1, 2, 3], [1, 2, 5]) == pytest.approx(4 / 3)
    with pytest.raises(ValueError):
        mean_squared_error([1, 2], [1, 2, 3])


def test_euclidean_distance_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="same number of features"):
        euclidean_distance([1.0, 2.0], [1.0, 2.0, 3.0])


def test_euclidean_distance_vectorised():
    assert euclidean_distance([0, 0], [3, 4]) == 5.0
    np.testing.assert_allclose(euclidean_distance(np.array([[0, 0], [6, 8]]), [0, 0]), [0, 10])


def test_squared_distances_match_naive():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(5, 3)), rng.normal(size=(4, 3))
    naive = ((A[:, None, :] - B[None, :, :]) ** 2).sum(-1)
    np.testing.assert_allclose(squared_euclidean_distances(A, B), naive, atol=1e-12)
    assert np.all(squared_euclidean_distances(A, A) >= 0)


def test_accuracy_score():
    assert accuracy_score([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75
    assert accuracy_score(np.array(["a", "b"]), np.array(["a", "a"])) == 0.5
    with pytest.raises(ValueError):
        accuracy_score([1], [1, 2])
