import numpy as np
import pytest

from mlfromscratch.deep_learning import Dense
from mlfromscratch.deep_learning.initializers import get_initializer, glorot_uniform, he_normal
from tests.gradcheck import check_layer_gradients


def _dense(n_units=3, n_inputs=4, seed=0, **kwargs):
    layer = Dense(n_units, input_shape=(n_inputs,), **kwargs)
    layer.initialize(rng=np.random.default_rng(seed))
    return layer


def test_forward_is_x_w_plus_b():
    layer = _dense(2, 3)
    layer.params["W"][...] = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    layer.params["b"][...] = [0.5, -0.5]
    out = layer.forward_pass(np.array([[1.0, 2.0, 3.0]]))
    np.testing.assert_allclose(out, [[4.5, 4.5]])
    assert layer.output_shape() == (2,)
    assert layer.parameters() == 3 * 2 + 2


def test_gradients_match_finite_differences():
    layer = _dense(5, 7)
    X = np.random.default_rng(1).standard_normal((6, 7))
    errors = check_layer_gradients(layer, X)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) < 1e-6


def test_initializers_have_the_documented_scale():
    n_in, n_out = 400, 300
    W = _dense(n_out, n_in, kernel_initializer="he_normal").params["W"]
    assert W.std() == pytest.approx(np.sqrt(2 / n_in), rel=0.05)
    W = _dense(n_out, n_in).params["W"]  # glorot_uniform
    limit = np.sqrt(6 / (n_in + n_out))
    assert np.abs(W).max() <= limit and W.std() == pytest.approx(limit / np.sqrt(3), rel=0.05)
    assert np.all(_dense(n_out, n_in).params["b"] == 0)
    rng = np.random.default_rng(0)
    assert glorot_uniform((2, 3), 2, 3, rng).shape == (2, 3)
    assert he_normal((2, 3), 2, rng).shape == (2, 3)


def test_same_rng_same_weights():
    np.testing.assert_array_equal(_dense(seed=3).params["W"], _dense(seed=3).params["W"])
    assert not np.array_equal(_dense(seed=3).params["W"], _dense(seed=4).params["W"])


def test_bad_shapes_raise_clear_errors():
    layer = _dense(3, 4)
    with pytest.raises(ValueError, match="Flatten"):
        layer.forward_pass(np.zeros((2, 1, 2, 2)))
    with pytest.raises(ValueError, match=r"\(batch, 4\)"):
        layer.forward_pass(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="Flatten"):
        Dense(3, input_shape=(1, 2, 2)).initialize(rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="input_shape"):
        Dense(3).initialize(rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="Unknown initializer"):
        _dense(kernel_initializer="orthogonal")
    with pytest.raises(ValueError, match="Unknown initializer"):
        get_initializer("nope")
