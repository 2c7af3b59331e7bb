import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    LSTM,
    RNN,
    Activation,
    AveragePooling2D,
    BatchNormalization,
    ConstantPadding2D,
    Conv2D,
    Dense,
    Dropout,
    Flatten,
    MaxPooling2D,
    Reshape,
    UpSampling2D,
    ZeroPadding2D,
)
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


# Every layer checks its settings when it is built, naming the bad one (issue 16).
BAD_LAYERS = [
    (lambda: Dense(2.5), "n_units"),
    (lambda: Dense("8"), "n_units"),
    (lambda: Dense(0), "n_units"),
    (lambda: Dense(np.nan), "n_units"),
    (lambda: Dense(4, input_shape=(-4,)), "input_shape"),
    (lambda: Dense(4, input_shape=4), "input_shape"),
    (lambda: Dense(4, input_shape=(2.0,)), "input_shape"),
    (lambda: Dense(4, kernel_initializer="orthogonal"), "Unknown initializer"),
    (lambda: Flatten(input_shape=(1, 0, 8)), "input_shape"),
    (lambda: Conv2D(2.0, 3), "n_filters"),
    (lambda: Conv2D(2, 0), "filter_shape"),
    (lambda: Conv2D(2, (3, 3, 3)), "filter_shape"),
    (lambda: Conv2D(2, 1.5), "filter_shape"),
    (lambda: Conv2D(2, 3, stride=0), "stride"),
    (lambda: Conv2D(2, 3, stride=(1, 2.0)), "stride"),
    (lambda: Conv2D(2, 3, padding="full"), "padding"),
    (lambda: Conv2D(2, 3, padding=-1), "padding"),
    (lambda: MaxPooling2D((0, 2)), "pool_shape"),
    (lambda: MaxPooling2D(2, stride=-1), "stride"),
    (lambda: AveragePooling2D(2, padding=1), "padding"),
    (lambda: UpSampling2D(0), "size"),
    (lambda: UpSampling2D((2, 2.5)), "size"),
    (lambda: ZeroPadding2D(-1), "padding"),
    (lambda: ConstantPadding2D(1, value=np.nan), "value"),
    (lambda: Reshape((4, -2)), "shape"),
    (lambda: Reshape((-1, -1)), "shape"),
    (lambda: Reshape((2.5,)), "shape"),
    (lambda: Dropout(1.0), "p"),
    (lambda: Dropout(np.nan), "p"),
    (lambda: Dropout("0.5"), "p"),
    (lambda: BatchNormalization(momentum=1.5), "momentum"),
    (lambda: BatchNormalization(momentum=np.nan), "momentum"),
    (lambda: BatchNormalization(eps=0.0), "eps"),
    (lambda: Activation("swish"), "activation"),
    (lambda: RNN(0), "n_units"),
    (lambda: LSTM(3.5), "n_units"),
    (lambda: RNN(4, bptt_trunc=-1), "bptt_trunc"),
    (lambda: RNN(4, activation="swish"), "activation"),
]


@pytest.mark.parametrize("make, name", BAD_LAYERS, ids=[f"{i}-{name}" for i, (_, name) in enumerate(BAD_LAYERS)])
def test_layers_reject_bad_settings_at_construction(make, name):
    with pytest.raises(ValueError, match=name):
        make()
