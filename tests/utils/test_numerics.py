import numpy as np
import pytest
from scipy import special

from mlfromscratch.utils.numerics import (
    log_loss_from_scores,
    log_softmax,
    logsumexp,
    scores_to_probabilities,
    sigmoid,
    softmax,
)


def test_match_scipy_on_ordinary_and_extreme_input():
    rng = np.random.default_rng(0)
    for scale in (1.0, 100.0, 1e4):
        a = scale * rng.standard_normal((6, 5))
        np.testing.assert_allclose(logsumexp(a, axis=1), special.logsumexp(a, axis=1), rtol=1e-12)
        np.testing.assert_allclose(logsumexp(a, axis=0, keepdims=True), special.logsumexp(a, axis=0, keepdims=True))
        np.testing.assert_allclose(softmax(a, axis=1), special.softmax(a, axis=1), atol=1e-300)
        # ours keeps log1p accuracy near 0 where scipy rounds: compare with an absolute floor
        np.testing.assert_allclose(log_softmax(a, axis=1), special.log_softmax(a, axis=1), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(sigmoid(a), special.expit(a), rtol=1e-12)


def test_no_overflow_and_the_log1p_accuracy():
    with np.errstate(over="raise", invalid="raise", divide="raise"):   # underflow to 0 is the right answer
        assert logsumexp(np.array([1000.0, 1000.0])) == pytest.approx(1000 + np.log(2))
        assert logsumexp(np.array([-np.inf, -np.inf])) == -np.inf
        np.testing.assert_array_equal(sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])
    # log(1 + 1e-20) = 1e-20: plain log would round it to 0
    assert logsumexp(np.array([0.0, np.log(1e-20)])) == pytest.approx(1e-20, rel=1e-9)


def test_float32_stays_float32():
    a = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    for f in (softmax, log_softmax, sigmoid, logsumexp):
        assert f(a).dtype == np.float32


def test_scores_to_probabilities_and_log_loss():
    F = np.array([[0.0], [2.0], [-3.0]])
    P = scores_to_probabilities(F)
    np.testing.assert_allclose(P[:, 1], special.expit(F[:, 0]))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    y = np.array([[1.0], [0.0], [1.0]])
    p = special.expit(F[:, 0])
    expected = -np.mean(y[:, 0] * np.log(p) + (1 - y[:, 0]) * np.log(1 - p))
    assert log_loss_from_scores(y, F) == pytest.approx(expected)
    F3 = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
    Y3 = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(scores_to_probabilities(F3), special.softmax(F3, axis=1))
    expected3 = -np.mean(np.log(special.softmax(F3, axis=1)[[0, 1], [1, 2]]))
    assert log_loss_from_scores(Y3, F3) == pytest.approx(expected3)
    assert np.isfinite(log_loss_from_scores(np.array([[0.0]]), np.array([[800.0]])))
