import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    CrossEntropy,
    SigmoidCrossEntropy,
    Softmax,
    SoftmaxCrossEntropy,
    SquareLoss,
)
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
        (CrossEntropy(), _one_hot([[0, 2, 1], [1, 1, 0]], 3), _probabilities(6, 3).reshape(2, 3, 3)),
        (SoftmaxCrossEntropy(), _one_hot([0, 2, 1, 1], 3), np.random.default_rng(7).normal(0, 3, (4, 3))),
        (SoftmaxCrossEntropy(), _one_hot([[0, 2, 1], [1, 1, 0]], 3), np.random.default_rng(8).normal(0, 3, (2, 3, 3))),
        (SigmoidCrossEntropy(), np.array([[1.0], [0.0], [1.0]]), np.array([[0.7], [-2.0], [3.0]])),
        (SigmoidCrossEntropy(), np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([[-1.5, 0.2], [4.0, -0.3]])),
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


def test_fused_losses_equal_activation_then_cross_entropy():
    rng = np.random.default_rng(3)
    z = rng.normal(0, 2, (5, 4))
    y = _one_hot([0, 3, 1, 1, 2], 4)
    p = Softmax()(z)
    assert SoftmaxCrossEntropy().loss(y, z) == pytest.approx(CrossEntropy().loss(y, p), rel=1e-12)
    np.testing.assert_allclose(SoftmaxCrossEntropy().gradient(y, z), Softmax().vjp(z, CrossEntropy().gradient(y, p)))
    assert SoftmaxCrossEntropy().acc(y, z) == CrossEntropy().acc(y, p)
    z1 = rng.normal(0, 2, (6, 1))
    y1 = np.array([[1.0], [0.0], [0.0], [1.0], [1.0], [0.0]])
    p1 = 1 / (1 + np.exp(-z1))
    assert SigmoidCrossEntropy().loss(y1, z1) == pytest.approx(CrossEntropy().loss(y1, p1), rel=1e-12)
    np.testing.assert_allclose(SigmoidCrossEntropy().gradient(y1, z1), (p1 - y1) / 6)
    assert SigmoidCrossEntropy().acc(y1, z1) == CrossEntropy().acc(y1, p1)


def test_fused_losses_are_exact_for_saturated_logits():
    # a confidently wrong prediction: the loss is the logit gap, the gradient p - y
    y = _one_hot([0], 2)
    z = np.array([[0.0, 60.0]])
    assert SoftmaxCrossEntropy().loss(y, z) == pytest.approx(60.0)
    np.testing.assert_allclose(SoftmaxCrossEntropy().gradient(y, z), [[-1.0, 1.0]])
    assert SigmoidCrossEntropy().loss(np.array([[1.0]]), np.array([[-60.0]])) == pytest.approx(60.0)
    np.testing.assert_allclose(SigmoidCrossEntropy().gradient(np.array([[1.0]]), np.array([[-60.0]])), [[-1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # no overflow anywhere
        assert np.isfinite(SoftmaxCrossEntropy().loss(y, np.array([[-1e4, 1e4]])))
        assert np.isfinite(SigmoidCrossEntropy().loss(np.array([[0.0]]), np.array([[1e4]])))
    # the chained gradient has vanished: -y/p clipped at 1e-15, times p_true ~ e^-60
    chained = Softmax().vjp(z, CrossEntropy().gradient(y, Softmax()(z)))
    assert np.abs(chained).max() < 1e-10
    np.testing.assert_allclose(CrossEntropy().logits_gradient(y, Softmax()(z)), [[-1.0, 1.0]])


def test_sequence_cross_entropy_is_the_mean_per_time_step():
    rng = np.random.default_rng(4)
    y = _one_hot(rng.integers(0, 3, (4, 5)), 3)                        # (batch, T, K)
    p = _probabilities(20, 3).reshape(4, 5, 3)
    z = rng.standard_normal((4, 5, 3))
    for loss, out in ((CrossEntropy(), p), (SoftmaxCrossEntropy(), z)):
        flat = loss.loss(y.reshape(20, 3), out.reshape(20, 3))
        assert loss.loss(y, out) == pytest.approx(flat)                 # mean over batch x time
        flat_gradient = loss.gradient(y.reshape(20, 3), out.reshape(20, 3))
        np.testing.assert_allclose(loss.gradient(y, out), flat_gradient.reshape(4, 5, 3))
    # doubling the sequence length leaves the loss unchanged
    y2, p2 = np.concatenate([y, y], axis=1), np.concatenate([p, p], axis=1)
    assert CrossEntropy().loss(y2, p2) == pytest.approx(CrossEntropy().loss(y, p))


def test_square_loss_has_no_accuracy_and_no_one_hot_hint():
    assert not hasattr(SquareLoss(), "acc")
    with pytest.raises(ValueError, match=r"reshape y to \(n_samples, 1\)") as info:
        SquareLoss().loss(np.zeros(3), np.zeros((3, 1)))
    assert "one-hot" not in str(info.value)
