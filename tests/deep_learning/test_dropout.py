import numpy as np
import pytest

from mlfromscratch.deep_learning import Dropout
from tests.gradcheck import check_layer_gradients


def _dropout(p, seed=0, shape=(50,)):
    layer = Dropout(p, input_shape=shape)
    layer.initialize(rng=np.random.default_rng(seed))
    return layer


class _FixedMaskDropout(Dropout):
    """Re-seeds its generator before every pass so finite differences see one mask."""

    def forward_pass(self, X, training=True):
        self._rng = np.random.default_rng(123)
        return super().forward_pass(X, training)


def test_identity_at_inference():
    layer = _dropout(0.5)
    X = np.random.default_rng(1).standard_normal((4, 50))
    np.testing.assert_array_equal(layer.forward_pass(X, training=False), X)
    np.testing.assert_array_equal(layer.backward_pass(np.ones_like(X)), np.ones_like(X))


def test_inverted_scaling_and_drop_rate():
    p = 0.3
    layer = _dropout(p, shape=(1000,))
    X = np.ones((100, 1000))
    out = layer.forward_pass(X)
    kept = out != 0
    assert kept.mean() == pytest.approx(1 - p, abs=0.01)
    np.testing.assert_allclose(out[kept], 1 / (1 - p))
    assert out.mean() == pytest.approx(1.0, abs=0.02)  # E[Y] = X
    grad = layer.backward_pass(np.ones_like(X))
    np.testing.assert_array_equal(grad, out)  # same mask in backward


def test_gradient_with_a_fixed_mask():
    layer = _FixedMaskDropout(0.4, input_shape=(8,))
    layer.initialize(rng=np.random.default_rng(0))
    X = np.random.default_rng(2).standard_normal((5, 8))
    errors = check_layer_gradients(layer, X)
    assert errors["input"] < 1e-6
    assert np.any(layer.mask == 0)


def test_masks_come_from_the_given_generator():
    X = np.ones((3, 50))
    np.testing.assert_array_equal(_dropout(0.5, seed=7).forward_pass(X), _dropout(0.5, seed=7).forward_pass(X))
    assert not np.array_equal(_dropout(0.5, seed=7).forward_pass(X), _dropout(0.5, seed=8).forward_pass(X))


def test_p_zero_is_identity_and_shapes():
    layer = _dropout(0.0, shape=(2, 3, 3))
    X = np.random.default_rng(0).standard_normal((2, 2, 3, 3))
    np.testing.assert_array_equal(layer.forward_pass(X), X)
    assert layer.output_shape() == (2, 3, 3)
    assert layer.parameters() == 0


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5])
def test_invalid_p(p):
    with pytest.raises(ValueError, match="0 <= p < 1"):
        Dropout(p, input_shape=(3,)).initialize(rng=np.random.default_rng(0))
