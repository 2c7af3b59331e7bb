import numpy as np
import pytest

from mlfromscratch.deep_learning import ELU, SELU, LeakyReLU, ReLU, Sigmoid, Softmax, SoftPlus, SoftSign, TanH
from mlfromscratch.deep_learning.activation_functions import get_activation
from tests.gradcheck import numerical_gradient, relative_error

ELEMENTWISE = [Sigmoid(), TanH(), ReLU(), LeakyReLU(), ELU(), ELU(alpha=0.5), SELU(), SoftPlus(), SoftSign()]
EXTREME = np.array([[-1e100, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e100]])


def _inputs_away_from_kinks(seed=0):
    x = np.random.default_rng(seed).standard_normal((4, 5)) * 2
    return np.where(np.abs(x) < 0.1, 0.5, x)  # ReLU-like functions have a kink at 0


def test_hand_computed_values():
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(Sigmoid()(x), 1 / (1 + np.exp(-x)))
    np.testing.assert_allclose(ReLU()(x), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(LeakyReLU(alpha=0.2)(x), [-0.4, 0.0, 3.0])
    np.testing.assert_allclose(ELU(alpha=1.0)(x), [np.exp(-2.0) - 1, 0.0, 3.0])
    scale, alpha = 1.0507009873554805, 1.6732632423543772
    np.testing.assert_allclose(SELU()(x), scale * np.array([alpha * (np.exp(-2.0) - 1), 0, 3]))
    np.testing.assert_allclose(SoftPlus()(x), np.log1p(np.exp(x)))
    np.testing.assert_allclose(SoftSign()(x), [-2 / 3, 0.0, 0.75])
    np.testing.assert_allclose(TanH()(x), np.tanh(x))
    np.testing.assert_allclose(Softmax()(np.array([[0.0, np.log(3.0)]])), [[0.25, 0.75]])


@pytest.mark.parametrize("func", ELEMENTWISE, ids=repr)
def test_elementwise_gradient_matches_finite_differences(func):
    x = _inputs_away_from_kinks()
    R = np.random.default_rng(1).standard_normal(x.shape)
    numeric = numerical_gradient(lambda: float(np.sum(R * func(x))), x)
    assert relative_error(func.gradient(x) * R, numeric) < 1e-6
    assert relative_error(func.vjp(x, R), numeric) < 1e-6


def test_softmax_gradient_is_the_full_jacobian():
    softmax = Softmax()
    x = np.random.default_rng(0).standard_normal((3, 4))
    J = softmax.gradient(x)
    assert J.shape == (3, 4, 4)
    for row in range(3):
        for j in range(4):
            numeric = numerical_gradient(lambda: float(softmax(x)[row, j]), x)
            assert relative_error(J[row, j], numeric[row]) < 1e-6
            assert np.allclose(numeric[np.arange(3) != row], 0.0)


def test_softmax_vjp_matches_jacobian_and_finite_differences():
    softmax = Softmax()
    x = np.random.default_rng(2).standard_normal((5, 6))
    g = np.random.default_rng(3).standard_normal((5, 6))
    via_jacobian = np.einsum("bij,bi->bj", softmax.gradient(x), g)
    numeric = numerical_gradient(lambda: float(np.sum(g * softmax(x))), x)
    assert relative_error(softmax.vjp(x, g), via_jacobian) < 1e-10
    assert relative_error(softmax.vjp(x, g), numeric) < 1e-6


def test_softmax_rows_sum_to_one_and_shift_invariance():
    x = np.random.default_rng(0).standard_normal((4, 3))
    s = Softmax()(x)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    np.testing.assert_allclose(Softmax()(x + 1000.0), s)


@pytest.mark.parametrize("func", ELEMENTWISE + [Softmax()], ids=repr)
def test_extreme_inputs_stay_finite_without_warnings(func):
    # pytest.ini turns RuntimeWarnings (overflow, invalid) into errors
    x = EXTREME
    assert np.all(np.isfinite(func(x)))
    assert np.all(np.isfinite(func.gradient(x)))
    assert np.all(np.isfinite(func.vjp(x, np.ones_like(x))))


def test_sigmoid_and_softplus_saturate_correctly():
    x = np.array([-1000.0, 1000.0])
    np.testing.assert_allclose(Sigmoid()(x), [0.0, 1.0])
    np.testing.assert_allclose(SoftPlus()(x), [0.0, 1000.0])
    np.testing.assert_allclose(SoftSign()(np.array([1e6])), [1.0], atol=1e-5)


def test_lookup_by_name():
    assert isinstance(get_activation("relu"), ReLU)
    assert isinstance(get_activation("LeakY_ReLU"), LeakyReLU)
    assert isinstance(get_activation("softsign"), SoftSign)
    custom = LeakyReLU(alpha=0.1)
    assert get_activation(custom) is custom
    with pytest.raises(ValueError, match="Unknown activation 'swish'.*relu"):
        get_activation("swish")
    with pytest.raises(ValueError, match="activation must be"):
        get_activation(42)
