import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    Activation,
    Adam,
    BatchNormalization,
    CrossEntropy,
    Dense,
    Dropout,
    Flatten,
    NeuralNetwork,
    SigmoidCrossEntropy,
    SoftmaxCrossEntropy,
    SquareLoss,
    StochasticGradientDescent,
)
from mlfromscratch.utils.data_manipulation import to_categorical, train_test_split
from mlfromscratch.utils.datasets import load_digits
from tests.gradcheck import numerical_gradient, relative_error


def _mlp(seed=0, n_inputs=4, n_classes=3, optimizer=None, dropout=0.0, batchnorm=False):
    model = NeuralNetwork(optimizer or Adam(learning_rate=0.01), CrossEntropy, random_state=seed)
    model.add(Dense(8, input_shape=(n_inputs,)))
    model.add(Activation("tanh"))
    if dropout:
        model.add(Dropout(dropout))
    if batchnorm:
        model.add(BatchNormalization())
    model.add(Dense(n_classes))
    model.add(Activation("softmax"))
    return model


def _toy_data(n=60, n_inputs=4, n_classes=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, n_inputs))
    labels = np.argmax(X[:, :n_classes], axis=1)
    return X, to_categorical(labels, n_classes)


def test_first_layer_needs_input_shape():
    model = NeuralNetwork(Adam(), CrossEntropy)
    with pytest.raises(ValueError, match="needs input_shape"):
        model.add(Dense(3))


def test_layers_get_their_input_shape_from_the_previous_layer():
    model = NeuralNetwork(Adam(), CrossEntropy, random_state=0)
    model.add(Flatten(input_shape=(1, 4, 4)))
    model.add(Dense(5))
    assert model.layers[1].input_shape == (16,)
    assert model.layers[1].params["W"].shape == (16, 5)
    assert model.output_shape() == (5,)


def test_summary_table():
    model = NeuralNetwork(Adam(), CrossEntropy, random_state=0)
    model.add(Flatten(input_shape=(np.int64(1), 8, 8)))
    model.add(Dense(16))
    model.add(Activation("relu"))
    model.add(BatchNormalization())
    model.add(Dense(10))
    model.add(Activation("softmax"))
    text = model.summary(name="ConvNet")
    lines = text.splitlines()
    assert lines[:3] == ["+---------+", "| ConvNet |", "+---------+"]
    assert lines[3] == "Input Shape: (1, 8, 8)"
    assert "| Layer Type           | Parameters | Output Shape |" in text
    assert "| Dense                | 1040       | (16,)        |" in text
    assert "| Activation (Softmax) | 0          | (10,)        |" in text
    assert "| BatchNormalization   | 32         | (16,)        |" in text
    assert lines[-1] == f"Total Parameters: {64 * 16 + 16 + 32 + 16 * 10 + 10}"
    assert "int64" not in text


def test_fit_returns_history_and_learns():
    X, Y = _toy_data()
    X_val, Y_val = _toy_data(seed=1)
    model = _mlp()
    model.validation_data = (X_val, Y_val)
    history = model.fit(X, Y, n_epochs=30, batch_size=16, verbose=False)
    assert set(history) == {"loss", "acc", "val_loss", "val_acc"}
    assert all(len(v) == 30 for v in history.values())
    assert history["loss"][-1] < 0.5 * history["loss"][0]
    assert history["acc"][-1] > 0.9 and history["val_acc"][-1] > 0.8
    assert model.training_errors is model.history["loss"]
    assert model.validation_errors == history["val_loss"]


def test_same_random_state_same_training():
    X, Y = _toy_data()
    a = _mlp(seed=5, dropout=0.3)
    b = _mlp(seed=5, dropout=0.3)
    ha = a.fit(X, Y, n_epochs=3, batch_size=8, verbose=False)
    hb = b.fit(X, Y, n_epochs=3, batch_size=8, verbose=False)
    assert ha == hb
    np.testing.assert_array_equal(a.get_flat_params(), b.get_flat_params())
    c = _mlp(seed=6, dropout=0.3)
    c.fit(X, Y, n_epochs=3, batch_size=8, verbose=False)
    assert not np.array_equal(a.get_flat_params(), c.get_flat_params())


def test_fit_twice_with_progress_bar(capsys):
    X, Y = _toy_data()
    model = _mlp()
    model.fit(X, Y, n_epochs=2, batch_size=16, verbose=True)
    history = model.fit(X, Y, n_epochs=3, batch_size=16, verbose=True)
    assert len(history["loss"]) == 3
    assert capsys.readouterr().err.count("100%") >= 2


def test_train_and_test_on_batch():
    X, Y = _toy_data()
    model = _mlp()
    X0 = X.copy()
    loss, acc = model.train_on_batch(X, Y)
    assert np.isfinite(loss) and 0 <= acc <= 1
    loss_after, _ = model.test_on_batch(X, Y)
    assert loss_after < loss
    np.testing.assert_array_equal(X, X0)  # input untouched
    assert model.predict(X).shape == (60, 3)


def test_backward_returns_the_input_gradient_through_frozen_layers():
    X, Y = _toy_data(n=5)
    model = _mlp(batchnorm=True)
    model.set_trainable(False)

    def loss():
        return model.loss_function.loss(Y, model.forward(X, training=True))

    p = model.forward(X, training=True)
    grad_X = model.backward(model.loss_function.gradient(Y, p))
    assert relative_error(grad_X, numerical_gradient(loss, X)) < 1e-6
    # the stored parameter gradients are exact too
    W = model.layers[0].params["W"]
    analytic = model.layers[0].grads["W"].copy()
    assert relative_error(analytic, numerical_gradient(loss, W)) < 1e-6


def test_frozen_layers_are_not_updated():
    X, Y = _toy_data()
    model = _mlp()
    model.layers[0].trainable = False
    W0 = model.layers[0].params["W"].copy()
    W2 = model.layers[2].params["W"].copy()
    model.train_on_batch(X, Y)
    np.testing.assert_array_equal(model.layers[0].params["W"], W0)
    assert not np.array_equal(model.layers[2].params["W"], W2)
    model.set_trainable(True)
    model.train_on_batch(X, Y)
    assert not np.array_equal(model.layers[0].params["W"], W0)


def test_shared_optimizer_keeps_separate_states():
    X, Y = _toy_data()
    opt = Adam(learning_rate=0.01)
    a, b, c = _mlp(optimizer=opt), _mlp(optimizer=opt), _mlp(optimizer=Adam(learning_rate=0.01))
    a.train_on_batch(X, Y)
    b.train_on_batch(X, Y)
    c.train_on_batch(X, Y)
    np.testing.assert_array_equal(b.get_flat_params(), c.get_flat_params())
    assert a.optimizer_states["layer0.W"]["t"] == 1


def test_save_and_load_round_trip(tmp_path):
    X, Y = _toy_data()
    model = _mlp(batchnorm=True)
    model.fit(X, Y, n_epochs=2, batch_size=16, verbose=False)
    path = tmp_path / "weights.npz"
    model.save(path)
    with np.load(path, allow_pickle=False) as data:
        assert {"layer0.W", "layer0.b", "layer2.gamma", "layer2.running_mean"} <= set(data.files)
    fresh = _mlp(seed=99, batchnorm=True)
    fresh.load(path)
    np.testing.assert_array_equal(fresh.predict(X), model.predict(X))
    with pytest.raises(ValueError, match="does not match"):
        _mlp(seed=1).load(path)


def test_flat_params_and_weights_round_trip():
    model = _mlp()
    n = model.n_parameters()
    assert n == 4 * 8 + 8 + 8 * 3 + 3
    v = model.get_flat_params()
    assert v.shape == (n,)
    model.set_flat_params(np.arange(n, dtype=float))
    np.testing.assert_array_equal(model.get_flat_params(), np.arange(n))
    np.testing.assert_array_equal(model.layers[0].params["W"].ravel(), np.arange(32))
    weights = model.get_weights()
    model.set_flat_params(v)
    model.set_weights(weights)
    np.testing.assert_array_equal(model.get_flat_params(), np.arange(n))
    with pytest.raises(ValueError, match="expects a vector of"):
        model.set_flat_params(np.zeros(n + 1))
    with pytest.raises(ValueError, match="expects 4 arrays"):
        model.set_weights(weights[:2])


def test_bad_input_raises_clear_errors():
    X, Y = _toy_data()
    model = _mlp()
    with pytest.raises(ValueError, match=r"expects input of shape \(n_samples, \*\(4,\)\)"):
        model.predict(np.zeros((2, 5)))
    with pytest.raises(ValueError, match="different numbers of samples"):
        model.fit(X, Y[:-1], verbose=False)
    with pytest.raises(ValueError, match="one-hot"):
        model.fit(X, np.argmax(Y, axis=1), verbose=False)
    with pytest.raises(ValueError, match="no layers"):
        NeuralNetwork(Adam(), CrossEntropy).predict(X)


def test_no_nan_on_extreme_logits():
    X, Y = _toy_data()
    model = _mlp(optimizer=StochasticGradientDescent(learning_rate=0.1))
    model.layers[2].params["W"] *= 1e4  # saturated softmax, some confidently wrong
    history = model.fit(X * 100, Y, n_epochs=2, batch_size=16, verbose=False)
    assert np.all(np.isfinite(history["loss"])) and np.all(np.isfinite(model.get_flat_params()))


def test_regression_with_square_loss():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (100, 1))
    y = np.sin(3 * X)
    model = NeuralNetwork(Adam(learning_rate=0.02), SquareLoss(), random_state=0)
    model.add(Dense(16, input_shape=(1,)))
    model.add(Activation("tanh"))
    model.add(Dense(1))
    history = model.fit(X, y, n_epochs=100, batch_size=20, verbose=False)
    assert history["loss"][-1] < 0.01


def test_digits_accuracy():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.3, random_state=0)
    model = NeuralNetwork(Adam(learning_rate=0.003), CrossEntropy, random_state=0)
    model.add(Dense(64, input_shape=(64,), kernel_initializer="he_normal"))
    model.add(Activation("relu"))
    model.add(Dense(10))
    model.add(Activation("softmax"))
    model.fit(X_train, to_categorical(y_train, 10), n_epochs=15, batch_size=32, verbose=False)
    accuracy = np.mean(np.argmax(model.predict(X_test), axis=1) == y_test)
    assert accuracy > 0.95


@pytest.mark.parametrize(
    "activation, bias, y, expected",
    [
        ("softmax", [0.0, 60.0], [[1.0, 0.0]], 0.0071),  # PyTorch (softmax + NLL, SGD lr=1): 0.0071
        ("sigmoid", [-60.0], [[1.0]], 0.0258),  # BCEWithLogits: the same recursion on one logit
    ],
)
def test_confidently_wrong_output_recovers(activation, bias, y, expected):
    # true class 0 with a logit gap of 60: p_true = e^-60 underflows the 1e-15 clip of the
    # cross-entropy; chained through the activation the gradient would be ~1e-11 and the loss
    # would stay at 34.54. The network uses the exact dLoss/dlogits = p - y instead.
    y = np.array(y)
    model = NeuralNetwork(StochasticGradientDescent(learning_rate=1.0), CrossEntropy, random_state=0)
    model.add(Dense(len(bias), input_shape=(1,)))
    model.add(Activation(activation))
    model.layers[0].params["W"][...] = 0.0
    model.layers[0].params["b"][...] = bias
    X = np.zeros((1, 1))
    assert model.test_on_batch(X, y)[0] == pytest.approx(34.54, abs=0.01)
    for _ in range(100):
        model.train_on_batch(X, y)
    assert model.test_on_batch(X, y)[0] == pytest.approx(expected, rel=0.01)


def test_fused_output_gradient_is_exact_and_equals_the_logits_losses():
    X, Y = _toy_data(n=6)
    model = _mlp()

    def loss():
        return model.loss_function.loss(Y, model.forward(X, training=True))

    grad_X = model.backward_from_loss(Y, model.forward(X, training=True))
    assert relative_error(grad_X, numerical_gradient(loss, X)) < 1e-6
    # the same network without its softmax, trained on SoftmaxCrossEntropy, takes the same steps
    logits_model = NeuralNetwork(Adam(learning_rate=0.01), SoftmaxCrossEntropy(), random_state=0)
    logits_model.add(Dense(8, input_shape=(4,)))
    logits_model.add(Activation("tanh"))
    logits_model.add(Dense(3))
    model.fit(X, Y, n_epochs=3, batch_size=2, verbose=False)
    logits_model.fit(X, Y, n_epochs=3, batch_size=2, verbose=False)
    np.testing.assert_allclose(logits_model.get_flat_params(), model.get_flat_params(), atol=1e-12)
    np.testing.assert_allclose(model.history["loss"], logits_model.history["loss"], rtol=1e-10)


def test_sigmoid_cross_entropy_network_learns():
    X, Y = _toy_data(n_classes=2)
    model = NeuralNetwork(Adam(learning_rate=0.05), SigmoidCrossEntropy(), random_state=0)
    model.add(Dense(8, input_shape=(4,)))
    model.add(Activation("tanh"))
    model.add(Dense(1))
    history = model.fit(X, Y[:, 1:], n_epochs=40, batch_size=16, verbose=False)
    assert history["acc"][-1] > 0.9


def test_regression_history_has_no_accuracy():
    X = np.linspace(-1, 1, 20)[:, None]
    model = NeuralNetwork(Adam(), SquareLoss(), validation_data=(X, X**2), random_state=0)
    model.add(Dense(1, input_shape=(1,)))
    history = model.fit(X, X**2, n_epochs=2, verbose=False)
    assert set(history) == {"loss", "val_loss"}
    assert model.train_on_batch(X, X**2)[1] is None


@pytest.mark.parametrize(
    "change, match",
    [
        (lambda X, Y: (np.where(np.arange(X.size).reshape(X.shape) == 7, np.nan, X), Y), "NaN or infinity in X"),
        (lambda X, Y: (X, np.where(Y == 1, np.inf, Y)), "NaN or infinity in y"),
        (lambda X, Y: (X[:0], Y[:0]), "at least 1 sample"),
        (lambda X, Y: (X, Y[:-1]), "different numbers of samples"),
        (lambda X, Y: (X, Y[:, :2]), r"y must have shape \(n_samples, \*\(3,\)\)"),
        (lambda X, Y: (X, np.full(Y.shape, "a")), "numeric y"),
    ],
    ids=["nan_X", "inf_y", "empty", "lengths", "y_shape", "string_y"],
)
def test_fit_checks_the_data_first(change, match):
    X, Y = _toy_data()
    model = _mlp()
    before = model.get_flat_params()
    with pytest.raises(ValueError, match=match):
        model.fit(*change(X, Y), verbose=False)
    np.testing.assert_array_equal(model.get_flat_params(), before)  # nothing trained
    model.validation_data = change(X, Y)
    if match != "at least 1 sample":
        with pytest.raises(ValueError, match="X_val|y_val"):
            model.fit(X, Y, verbose=False)


@pytest.mark.parametrize("name, value", [("batch_size", 2.5), ("batch_size", 0), ("batch_size", "8"),
                                          ("n_epochs", 0), ("n_epochs", 1.5), ("n_epochs", np.nan)])
def test_fit_checks_its_settings(name, value):
    X, Y = _toy_data()
    with pytest.raises(ValueError, match=name):
        _mlp().fit(X, Y, verbose=False, **{name: value})


def test_diverging_training_raises_naming_the_epoch():
    X = np.linspace(-3, 3, 40)[:, None]
    model = NeuralNetwork(StochasticGradientDescent(learning_rate=50.0), SquareLoss(), random_state=0)
    model.add(Dense(8, input_shape=(1,)))
    model.add(Dense(1))
    with pytest.raises(ValueError, match=r"diverged in epoch \d+ .*smaller learning_rate.*learning_rate=50.0"):
        with np.errstate(all="ignore"):
            model.fit(X, 3 * X, n_epochs=50, batch_size=10, verbose=False)


@pytest.mark.parametrize(
    "optimizer, loss, match",
    [("adam", CrossEntropy, "optimizer must be"), (Adam(), None, "loss must be"), (Adam(), "mse", "loss must be")],
)
def test_optimizer_and_loss_are_checked_at_construction(optimizer, loss, match):
    with pytest.raises(ValueError, match=match):
        NeuralNetwork(optimizer, loss)


def test_network_without_optimizer_cannot_train():
    model = NeuralNetwork(None, SquareLoss(), random_state=0)
    model.add(Dense(1, input_shape=(2,)))
    with pytest.raises(ValueError, match="optimizer=None"):
        model.fit(np.zeros((3, 2)), np.zeros((3, 1)), verbose=False)


def test_regression_network_accepts_1d_targets_without_one_hot_hint():
    X = np.linspace(-1, 1, 30)[:, None]
    model = NeuralNetwork(Adam(0.05), SquareLoss(), random_state=0)
    model.add(Dense(8, input_shape=(1,)))
    model.add(Activation("tanh"))
    model.add(Dense(1))
    history = model.fit(X, X.ravel() ** 2, n_epochs=50, batch_size=10, verbose=False)   # y of shape (30,)
    assert history["loss"][-1] < history["loss"][0]
    two = NeuralNetwork(Adam(), SquareLoss(), random_state=0)
    two.add(Dense(2, input_shape=(1,)))
    with pytest.raises(ValueError, match="must have shape") as info:
        two.fit(X, X.ravel(), verbose=False)
    assert "one-hot" not in str(info.value)


def test_save_and_load_agree_on_the_path(tmp_path):
    X, Y = _toy_data()
    model = _mlp()
    model.fit(X, Y, n_epochs=1, verbose=False)
    path = tmp_path / "model.weights"
    model.save(path)
    assert path.exists() and not (tmp_path / "model.weights.npz").exists()
    fresh = _mlp(seed=3).load(path)
    np.testing.assert_array_equal(fresh.predict(X), model.predict(X))
    model.save(str(tmp_path / "as_string"))
    _mlp(seed=3).load(str(tmp_path / "as_string"))
    (tmp_path / "junk.txt").write_text("not weights")
    np.save(tmp_path / "array.npy", np.zeros(3))
    for wrong in ("junk.txt", "array.npy"):
        with pytest.raises(ValueError, match="not a weights file written by NeuralNetwork.save"):
            _mlp().load(tmp_path / wrong)
    with pytest.raises(FileNotFoundError):
        _mlp().load(tmp_path / "missing.npz")
