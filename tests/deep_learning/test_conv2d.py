import numpy as np
import pytest

from mlfromscratch.deep_learning.layers import Conv2D, FastConv2D
from mlfromscratch.deep_learning.layers._im2col import padding_amounts
from tests.gradcheck import check_layer_gradients


def conv_reference(X, W, b, stride, pads):
    """Naive convolution: explicit loops over samples, filters and output positions."""
    (sh, sw), ((top, bottom), (left, right)) = stride, pads
    Xp = np.pad(X, ((0, 0), (0, 0), (top, bottom), (left, right)))
    n_filters, _, kh, kw = W.shape
    oh = (Xp.shape[2] - kh) // sh + 1
    ow = (Xp.shape[3] - kw) // sw + 1
    out = np.zeros((len(X), n_filters, oh, ow))
    for n in range(len(X)):
        for f in range(n_filters):
            for i in range(oh):
                for j in range(ow):
                    window = Xp[n, :, i * sh : i * sh + kh, j * sw : j * sw + kw]
                    out[n, f, i, j] = np.sum(window * W[f]) + b[f]
    return out


def make_conv(n_filters, filter_shape, input_shape, seed=0, **kwargs):
    layer = Conv2D(n_filters, filter_shape, input_shape=input_shape, **kwargs)
    layer.initialize(rng=np.random.default_rng(seed))
    layer.params["b"] = np.random.default_rng(seed + 1).standard_normal(n_filters)
    return layer


def test_hand_computed_output():
    X = np.arange(9.0).reshape(1, 1, 3, 3)
    layer = make_conv(1, (2, 2), (1, 3, 3), padding="valid")
    layer.params["W"] = np.ones((1, 1, 2, 2))
    layer.params["b"] = np.array([1.0])
    # Sums of the 2x2 blocks of [[0,1,2],[3,4,5],[6,7,8]], plus the bias
    expected = np.array([[[[0 + 1 + 3 + 4, 1 + 2 + 4 + 5], [3 + 4 + 6 + 7, 4 + 5 + 7 + 8]]]]) + 1.0
    np.testing.assert_allclose(layer.forward_pass(X), expected)


def test_same_padding_hand_computed():
    # 3x3 filter with a single 1 at the top-left reads pixel (i-1, j-1): the image shifts down-right
    X = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    layer = make_conv(1, 3, (1, 3, 3), padding="same")
    layer.params["W"] = np.zeros((1, 1, 3, 3))
    layer.params["W"][0, 0, 0, 0] = 1.0
    layer.params["b"] = np.zeros(1)
    expected = np.array([[0.0, 0.0, 0.0], [0.0, 1.0, 2.0], [0.0, 4.0, 5.0]])
    np.testing.assert_allclose(layer.forward_pass(X)[0, 0], expected)


@pytest.mark.parametrize("padding", ["same", "valid", 1, ((0, 2), (1, 0))])
@pytest.mark.parametrize("stride", [1, 2, (2, 1)])
@pytest.mark.parametrize("size", [(5, 5), (6, 6), (6, 7)])
def test_forward_matches_naive_loops(padding, stride, size):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((2, 3, *size))
    layer = make_conv(4, (3, 2), (3, *size), padding=padding, stride=stride)
    stride2 = (stride, stride) if np.isscalar(stride) else stride
    pads = padding_amounts(padding, size, (3, 2), stride2)
    expected = conv_reference(X, layer.params["W"], layer.params["b"], stride2, pads)
    out = layer.forward_pass(X)
    np.testing.assert_allclose(out, expected, atol=1e-12)
    assert out.shape[1:] == layer.output_shape()


@pytest.mark.parametrize(
    "size, stride, expected",
    [(7, 2, (1, 1)), (6, 2, (0, 1)), (5, 1, (1, 1)), (8, 3, (0, 1)), (4, 4, (0, 0)), (9, 1, (1, 1))],
)
def test_same_padding_follows_tensorflow(size, stride, expected):
    # TensorFlow: out = ceil(n / s), total = max((out - 1) s + k - n, 0), the extra pixel after
    pads = padding_amounts("same", (size, size), (3, 3), (stride, stride))
    assert pads == (expected, expected)
    layer = Conv2D(2, 3, input_shape=(1, size, size), padding="same", stride=stride)
    assert layer.output_shape() == (2, -(-size // stride), -(-size // stride))


@pytest.mark.parametrize("padding", ["same", "valid", ((1, 0), (0, 2))])
@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("size", [(5, 5), (6, 6), (4, 7)])
def test_gradients(padding, stride, size):
    rng = np.random.default_rng(0)
    layer = make_conv(3, (3, 3), (2, *size), padding=padding, stride=stride)
    X = rng.standard_normal((2, 2, *size))
    errors = check_layer_gradients(layer, X, rng=rng)
    assert set(errors) == {"input", "W", "b"}
    assert max(errors.values()) < 1e-6, errors


def test_gradients_stride_larger_than_kernel():
    # Stride 3 with a 2x2 kernel skips pixels: their gradient must be exactly zero
    layer = make_conv(2, 2, (1, 7, 7), padding="valid", stride=3)
    X = np.random.default_rng(1).standard_normal((2, 1, 7, 7))
    errors = check_layer_gradients(layer, X)
    assert max(errors.values()) < 1e-6, errors
    layer.forward_pass(X)
    grad = layer.backward_pass(np.ones((2, *layer.output_shape())))
    assert np.all(grad[:, :, 2::3, :] == 0) and np.all(grad[:, :, :, 2::3] == 0)


def test_parameter_shapes_and_deterministic_init():
    a = make_conv(5, (3, 2), (4, 6, 6), seed=7)
    b = make_conv(5, (3, 2), (4, 6, 6), seed=7)
    assert a.params["W"].shape == (5, 4, 3, 2) and a.params["b"].shape == (5,)
    assert a.parameters() == 5 * 4 * 3 * 2 + 5
    np.testing.assert_array_equal(a.params["W"], b.params["W"])


def test_he_initialisation_scale():
    layer = Conv2D(64, 3, input_shape=(16, 8, 8))
    layer.initialize(rng=np.random.default_rng(0))
    assert layer.params["W"].std() == pytest.approx(np.sqrt(2.0 / (16 * 9)), rel=0.05)
    np.testing.assert_array_equal(layer.params["b"], 0.0)


def test_input_is_not_modified():
    layer = make_conv(2, 3, (1, 5, 5))
    X = np.random.default_rng(0).standard_normal((2, 1, 5, 5))
    X_copy = X.copy()
    layer.forward_pass(X)
    layer.backward_pass(np.ones((2, 2, 5, 5)))
    np.testing.assert_array_equal(X, X_copy)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(padding="full"), "padding"),
        (dict(padding=-1), "non-negative"),
        (dict(stride=0), "stride"),
        (dict(filter_shape=(7, 7), padding="valid"), "does not fit"),
        (dict(input_shape=(6, 6)), "channels, height, width"),
        (dict(n_filters=0), "n_filters"),
    ],
)
def test_bad_configuration_raises(kwargs, match):
    params = dict(n_filters=2, filter_shape=3, input_shape=(1, 6, 6))
    params.update(kwargs)
    with pytest.raises(ValueError, match=match):  # at construction where the input shape is not needed
        Conv2D(**params).output_shape()


def test_bad_input_shape_raises():
    layer = make_conv(2, 3, (1, 6, 6))
    with pytest.raises(ValueError, match="batch, channels, height, width"):
        layer.forward_pass(np.zeros((1, 6, 6)))
    with pytest.raises(ValueError, match="built for images of shape"):
        layer.forward_pass(np.zeros((2, 3, 6, 6)))
    with pytest.raises(ValueError, match="input_shape"):
        Conv2D(2, 3).initialize(rng=np.random.default_rng(0))


def small_convnet(random_state):
    from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, Flatten, MaxPooling2D, NeuralNetwork

    model = NeuralNetwork(Adam(learning_rate=0.01), CrossEntropy, random_state=random_state)
    model.add(Conv2D(8, (3, 3), input_shape=(1, 8, 8), padding="same"))
    model.add(Activation("relu"))
    model.add(MaxPooling2D((2, 2)))
    model.add(Flatten())
    model.add(Dense(10))
    model.add(Activation("softmax"))
    return model


def test_convnet_learns_digits():
    from mlfromscratch.utils import load_digits, to_categorical

    X, y = load_digits()
    X = X.reshape(-1, 1, 8, 8) / 16.0
    Y = to_categorical(y, 10)
    model = small_convnet(random_state=0)
    assert model.summary().count("Conv2D") == 1
    model.fit(X[:1000], Y[:1000], n_epochs=8, batch_size=32, verbose=False)
    accuracy = np.mean(model.predict(X[1000:]).argmax(axis=1) == y[1000:])
    assert accuracy > 0.9
    # Same seed, same weights and predictions
    again = small_convnet(random_state=0)
    again.fit(X[:1000], Y[:1000], n_epochs=8, batch_size=32, verbose=False)
    np.testing.assert_array_equal(again.predict(X[1000:]), model.predict(X[1000:]))


@pytest.mark.parametrize("filter_shape", [(1, 1), (2, 3), (3, 3), (5, 4)])
@pytest.mark.parametrize("padding", ["same", "valid", ((2, 0), (1, 3))])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_stride_one_shortcut_matches_im2col(filter_shape, padding, dtype):
    """FastConv2D (stride 1, F <= C) uses one product per kernel offset; it must give what Conv2D's im2col gives."""
    fast = FastConv2D(2, filter_shape, input_shape=(3, 6, 7), padding=padding)
    fast.initialize(rng=np.random.default_rng(1))
    plain = make_conv(2, filter_shape, (3, 6, 7), seed=1, padding=padding)
    plain.params = {name: value.astype(dtype) for name, value in plain.params.items()}
    fast.params = {name: value.copy() for name, value in plain.params.items()}
    assert fast.uses_shifted_products()
    rng = np.random.default_rng(2)
    X = rng.standard_normal((3, 3, 6, 7)).astype(dtype)
    out = fast.forward_pass(X)
    grad_out = rng.standard_normal(out.shape).astype(dtype)
    grad_X = fast.backward_pass(grad_out)
    tol = 1e-12 if dtype == np.float64 else 1e-4
    np.testing.assert_allclose(out, plain.forward_pass(X), rtol=tol, atol=tol)
    np.testing.assert_allclose(grad_X, plain.backward_pass(grad_out), rtol=tol, atol=tol)
    assert out.dtype == grad_X.dtype == dtype
    for name in plain.grads:
        np.testing.assert_allclose(fast.grads[name], plain.grads[name], rtol=tol, atol=tol)
        assert fast.grads[name].dtype == dtype
    errors = check_layer_gradients(fast, X.astype(float)) if dtype == np.float64 else {}
    assert all(e < 1e-6 for e in errors.values()), errors


def test_fast_conv_falls_back_to_im2col_when_the_layer_widens_or_strides():
    X = np.random.default_rng(0).standard_normal((2, 2, 6, 6))
    for kwargs in (dict(n_filters=3), dict(n_filters=2, stride=2)):
        fast = FastConv2D(filter_shape=(3, 3), input_shape=(2, 6, 6), **kwargs)
        plain = make_conv(kwargs["n_filters"], (3, 3), (2, 6, 6), stride=kwargs.get("stride", 1))
        fast.params = plain.params
        assert not fast.uses_shifted_products()
        np.testing.assert_array_equal(fast.forward_pass(X), plain.forward_pass(X))
