"""float32 networks: every layer, activation and optimizer keeps the network's dtype."""

import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    LSTM,
    RNN,
    Activation,
    Adadelta,
    Adagrad,
    Adam,
    AveragePooling2D,
    BatchNormalization,
    ConstantPadding2D,
    Conv2D,
    CrossEntropy,
    Dense,
    Dropout,
    Flatten,
    LeakyReLU,
    MaxPooling2D,
    NesterovAcceleratedGradient,
    NeuralNetwork,
    Reshape,
    RMSprop,
    SquareLoss,
    StochasticGradientDescent,
    UpSampling2D,
    ZeroPadding2D,
)

ACTIVATIONS = ["relu", "sigmoid", "tanh", "softplus", "softsign", "elu", "selu", LeakyReLU(0.1), "softmax"]


def _image_network(dtype, optimizer=None):
    model = NeuralNetwork(optimizer or Adam(0.01), CrossEntropy, random_state=0, dtype=dtype)
    model.add(Conv2D(4, (3, 3), input_shape=(2, 8, 8), padding="same"))
    model.add(BatchNormalization())
    model.add(Activation(LeakyReLU(0.2)))
    model.add(Dropout(0.25))
    model.add(MaxPooling2D((2, 2)))
    model.add(ZeroPadding2D(1))
    model.add(Conv2D(4, (3, 3), stride=2))
    model.add(UpSampling2D((2, 2)))
    model.add(ConstantPadding2D(1, value=0.5))
    model.add(AveragePooling2D((2, 2)))
    model.add(Flatten())
    model.add(Dense(12))
    model.add(Reshape((3, 4)))
    model.add(Flatten())
    model.add(Dense(3))
    model.add(Activation("softmax"))
    return model


def _assert_all_float32(model):
    for layer in model.layers:
        for name, value in {**layer.params, **layer.grads, **getattr(layer, "buffers", {})}.items():
            assert value.dtype == np.float32, (layer.layer_name(), name, value.dtype)


@pytest.mark.parametrize(
    "optimizer",
    [StochasticGradientDescent(0.01, momentum=0.9), NesterovAcceleratedGradient(0.01), Adagrad(0.01),
     Adadelta(), RMSprop(0.01), Adam(0.01)],
    ids=lambda o: type(o).__name__,
)
def test_float32_image_network_stays_float32(optimizer):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((6, 2, 8, 8))  # float64 input is cast
    y = np.eye(3)[rng.integers(0, 3, 6)]
    model = _image_network("float32", optimizer)
    assert model.forward(X).dtype == np.float32
    model.train_on_batch(X, y)
    _assert_all_float32(model)
    assert model.backward(np.ones((6, 3))).dtype == np.float32
    for state in model.optimizer_states.values():
        for value in state.values():
            assert np.asarray(value).dtype in (np.float32, np.int64) or np.isscalar(value)


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=str)
def test_activations_keep_float32(activation):
    model = NeuralNetwork(Adam(), SquareLoss, random_state=0, dtype=np.float32)
    model.add(Dense(5, input_shape=(3,)))
    model.add(Activation(activation))
    X = np.random.default_rng(0).standard_normal((4, 3))
    assert model.forward(X).dtype == np.float32
    assert model.backward(np.ones((4, 5))).dtype == np.float32
    _assert_all_float32(model)


@pytest.mark.parametrize("layer", [RNN(6), LSTM(6)], ids=lambda l: type(l).__name__)
def test_recurrent_layers_keep_float32(layer):
    layer.input_shape = (5, 2)
    model = NeuralNetwork(Adam(), SquareLoss, random_state=0, dtype="float32")
    model.add(layer)
    model.add(Dense(3))  # the output projection, at every step
    X = np.random.default_rng(0).standard_normal((4, 5, 2))
    out = model.forward(X)
    assert out.dtype == np.float32
    assert model.backward(np.ones_like(out)).dtype == np.float32
    _assert_all_float32(model)


def test_float32_matches_float64_to_single_precision():
    X = np.random.default_rng(1).standard_normal((6, 2, 8, 8))
    out64 = _image_network("float64").predict(X)
    out32 = _image_network("float32").predict(X)
    assert out64.dtype == np.float64
    np.testing.assert_allclose(out32, out64, rtol=1e-4, atol=1e-6)


def test_float32_network_learns_digits():
    from mlfromscratch.utils.data_manipulation import to_categorical
    from mlfromscratch.utils.datasets import load_digits

    X, y = load_digits()
    X = X / 16.0
    model = NeuralNetwork(Adam(0.01), CrossEntropy, random_state=0, dtype="float32")
    model.add(Dense(32, input_shape=(64,)))
    model.add(Activation("relu"))
    model.add(Dense(10))
    model.add(Activation("softmax"))
    model.fit(X[:1200], to_categorical(y[:1200], 10), n_epochs=10, batch_size=32, verbose=False)
    assert np.mean(model.predict(X[1200:]).argmax(axis=1) == y[1200:]) > 0.9
    _assert_all_float32(model)


def test_dtype_must_be_floating():
    with pytest.raises(ValueError, match="floating"):
        NeuralNetwork(Adam(), SquareLoss, dtype="int32")
