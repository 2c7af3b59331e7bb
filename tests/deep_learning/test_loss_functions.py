import numpy as np
import pytest

from mlfromscratch.deep_learning import CrossEntropy, Softmax, SquareLoss
from tests.gradcheck import numerical_gradient, relative_error


def _probabilities(n, k, seed=0):
    return Softmax()(np.random.default_rng(seed).standard_normal((n, k)))


def _one_hot(labels, k):
    return np.eye(k)[labels]


def test_square_loss_hand_computed():
    y = np.array([[1.0, 0.0], [0.0, 2.0]])
    p = np.array([[0.0, 0.0], [1.0, 1.0]])
    # 0.5 * (1 + 0 + 1 + 1) / 2 samples
    assert SquareLoss().loss(y, p) == pytest.approx(0.75)
    np.testing.assert_allclose(SquareLoss().gradient(y, p), (p - y) / 2)
    assert SquareLoss().loss(np.array([1.0, 2.0]), np.array([1.0, 4.0])) == pytest.approx(1.0)


def test_cross_entropy_hand_computed():
    y = _one_hot([0, 1], 2)
    p = np.array([[0.8, 0.2], [0.4, 0.6]])
    assert CrossEntropy().loss(y, p) == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2)
    np.testing.assert_allclose(CrossEntropy().gradient(y, p), [[-1 / (2 * 0.8), 0], [0, -1 / (2 * 0.6)]])
    assert CrossEntropy().acc(y, p) == 1.0
    assert CrossEntropy().acc(y, p[:, ::-1]) == 0.0


def test_binary_cross_entropy_for_a_single_column():
    y = np.array([[1.0], [0.0]])
    p = np.array([[0.9], [0.3]])
    assert CrossEntropy().loss(y, p) == pytest.approx(-(np.log(0.9) + np.log(0.7)) / 2)
    assert CrossEntropy().acc(y, p) == 1.0


@pytest.mark.parametrize(
    "loss, y, p",
    [
        (SquareLoss(), np.random.default_rng(5).standard_normal((6, 3)), np.random.default_rng(6).normal(size=(6, 3))),
        (SquareLoss(), np.arange(5.0), np.random.default_rng(6).standard_normal(5)),
        (CrossEntropy(), _one_hot([0, 2, 1, 1], 3), _probabilities(4, 3)),
        (CrossEntropy(), np.array([[1.0], [0.0], [1.0]]), np.array([[0.7], [0.2], [0.4]])),
    ],
)
def test_gradient_matches_finite_differences(loss, y, p):
    p = p.copy()
    numeric = numerical_gradient(lambda: loss.loss(y, p), p)
    assert relative_error(loss.gradient(y, p), numeric) < 1e-6


def test_loss_is_a_mean_over_the_batch():
    y = _one_hot([0, 1, 2], 3)
    p = _probabilities(3, 3)
    for loss in (SquareLoss(), CrossEntropy()):
        y2, p2 = np.vstack([y, y]), np.vstack([p, p])
        assert loss.loss(y2, p2) == pytest.approx(loss.loss(y, p))
        np.testing.assert_allclose(loss.gradient(y2, p2)[:3], loss.gradient(y, p) / 2)


def test_softmax_then_cross_entropy_gives_p_minus_y_over_n():
    x = np.random.default_rng(0).standard_normal((4, 5))
    y = _one_hot([1, 0, 4, 2], 5)
    p = Softmax()(x)
    grad_logits = Softmax().vjp(x, CrossEntropy().gradient(y, p))
    np.testing.assert_allclose(grad_logits, (p - y) / 4, atol=1e-12)


def test_cross_entropy_is_finite_on_extreme_predictions():
    y = _one_hot([0, 1], 2)
    p = Softmax()(np.array([[-1000.0, 1000.0], [0.0, 1000.0]]))  # confidently wrong, then right
    loss = CrossEntropy().loss(y, p)
    assert np.isfinite(loss) and loss > 10
    assert np.all(np.isfinite(CrossEntropy().gradient(y, p)))


def test_inputs_are_not_modified():
    y = _one_hot([0, 1], 2)
    p = np.array([[0.0, 1.0], [1.0, 0.0]])
    y0, p0 = y.copy(), p.copy()
    CrossEntropy().loss(y, p)
    CrossEntropy().gradient(y, p)
    np.testing.assert_array_equal(p, p0)
    np.testing.assert_array_equal(y, y0)


def test_bad_targets_raise_clear_errors():
    p = _probabilities(3, 4)
    with pytest.raises(ValueError, match="one-hot encode"):
        CrossEntropy().loss(np.array([0, 1, 2]), p)
    with pytest.raises(ValueError, match="same shape"):
        SquareLoss().gradient(np.zeros((3, 2)), p)
    with pytest.raises(ValueError, match="sums to 1"):
        CrossEntropy().loss(np.ones((3, 4)), p)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        CrossEntropy().gradient(np.full((3, 4), -1.0), p)
