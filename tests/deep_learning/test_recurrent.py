import numpy as np
import pytest

from mlfromscratch.deep_learning.layers import LSTM, RNN, Dense
from mlfromscratch.deep_learning.layers.recurrent import truncated_bptt_deltas
from tests.gradcheck import check_layer_gradients, numerical_gradient, relative_error


def make(cls, n_units=4, input_shape=(5, 3), seed=0, **kwargs):
    layer = cls(n_units, input_shape=input_shape, **kwargs)
    layer.initialize(rng=np.random.default_rng(seed))
    # Non-zero biases so that the gradient check also exercises them
    noise = np.random.default_rng(seed + 1).standard_normal(layer.params["b"].shape)
    layer.params["b"] = layer.params["b"] + 0.3 * noise
    return layer


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def rnn_reference(X, U, W, b):
    """h_t = tanh(x_t U + h_{t-1} W + b), one sample and one step at a time."""
    out = np.zeros((len(X), X.shape[1], W.shape[0]))
    for n in range(len(X)):
        h = np.zeros(W.shape[0])
        for t in range(X.shape[1]):
            h = np.tanh(X[n, t] @ U + h @ W + b)
            out[n, t] = h
    return out


def lstm_reference(X, U, W, b):
    n_units = W.shape[0]
    out = np.zeros((len(X), X.shape[1], n_units))
    for n in range(len(X)):
        h, c = np.zeros(n_units), np.zeros(n_units)
        for t in range(X.shape[1]):
            z = X[n, t] @ U + h @ W + b
            i, f, g, o = z[:n_units], z[n_units : 2 * n_units], z[2 * n_units : 3 * n_units], z[3 * n_units :]
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            out[n, t] = h
    return out


def test_rnn_one_unit_by_hand():
    layer = make(RNN, n_units=1, input_shape=(3, 1))
    layer.params.update(U=np.array([[1.0]]), W=np.array([[0.5]]), b=np.array([0.1]))
    X = np.array([[[1.0], [0.0], [-1.0]]])
    h0 = np.tanh(1.0 + 0.1)
    h1 = np.tanh(0.5 * h0 + 0.1)
    h2 = np.tanh(-1.0 + 0.5 * h1 + 0.1)
    np.testing.assert_allclose(layer.forward_pass(X)[0, :, 0], [h0, h1, h2])


def test_rnn_forward_matches_reference():
    layer = make(RNN)
    X = np.random.default_rng(2).standard_normal((3, 5, 3))
    expected = rnn_reference(X, layer.params["U"], layer.params["W"], layer.params["b"])
    np.testing.assert_allclose(layer.forward_pass(X), expected, atol=1e-12)


def test_lstm_forward_matches_reference():
    layer = make(LSTM)
    X = np.random.default_rng(2).standard_normal((3, 5, 3))
    expected = lstm_reference(X, layer.params["U"], layer.params["W"], layer.params["b"])
    np.testing.assert_allclose(layer.forward_pass(X), expected, atol=1e-12)


@pytest.mark.parametrize("cls", [RNN, LSTM])
def test_output_projection_and_last_step(cls):
    # the output layer o_t = h_t V + c of Elman's network is a Dense layer applied at every step
    X = np.random.default_rng(2).standard_normal((3, 5, 3))
    full = make(cls)
    last = make(cls, return_sequences=False)
    projection = Dense(7, input_shape=full.output_shape())
    projection.initialize(rng=np.random.default_rng(1))
    H = full.forward_pass(X)
    O = projection.forward_pass(H)
    np.testing.assert_allclose(O, H @ projection.params["W"] + projection.params["b"])
    np.testing.assert_allclose(O[:, 2], H[:, 2] @ projection.params["W"] + projection.params["b"])
    np.testing.assert_allclose(last.forward_pass(X), H[:, -1])
    assert projection.output_shape() == (5, 7) == O.shape[1:]
    assert last.output_shape() == (4,)
    assert full.output_shape() == (5, 4)
    # the projection's gradients (summed over batch and steps) are exact on sequences
    errors = check_layer_gradients(projection, H)
    assert set(errors) == {"input", "W", "b"} and max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@pytest.mark.parametrize("return_sequences", [True, False])
def test_rnn_gradients(activation, return_sequences):
    layer = make(RNN, activation=activation, return_sequences=return_sequences)
    X = np.random.default_rng(3).standard_normal((2, 5, 3))
    errors = check_layer_gradients(layer, X)
    assert set(errors) == {"input", *layer.params}
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("return_sequences", [True, False])
def test_lstm_gradients(return_sequences):
    layer = make(LSTM, return_sequences=return_sequences)
    X = np.random.default_rng(3).standard_normal((2, 5, 3))
    errors = check_layer_gradients(layer, X)
    assert set(errors) == {"input", *layer.params}
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("k", [0, 1, 2])
def test_truncated_input_gradient(k):
    # With truncation k, dL/dx_s keeps only the outputs of steps s .. s + k: it is the exact
    # gradient of sum_{t=s}^{s+k} R_t . h_t with respect to x_s.
    T = 6
    layer = make(RNN, input_shape=(T, 3), bptt_trunc=k)
    rng = np.random.default_rng(4)
    X, R = rng.standard_normal((2, T, 3)), rng.standard_normal((2, T, 4))
    layer.forward_pass(X)
    grad = layer.backward_pass(R)
    for s in range(T):
        window = slice(s, s + k + 1)
        x_s = X[:, s].copy()

        def partial_loss():
            X_s = X.copy()
            X_s[:, s] = x_s
            return float(np.sum(R[:, window] * layer.forward_pass(X_s)[:, window]))

        assert relative_error(grad[:, s], numerical_gradient(partial_loss, x_s)) < 1e-6


def test_truncated_parameter_gradients_match_naive_double_loop():
    T, k = 6, 2
    layer = make(RNN, input_shape=(T, 3), bptt_trunc=k)
    rng = np.random.default_rng(5)
    X, R = rng.standard_normal((2, T, 3)), rng.standard_normal((2, T, 4))
    H = layer.forward_pass(X)
    layer.backward_pass(R)
    U, W = layer.params["U"], layer.params["W"]
    H_prev = np.concatenate([np.zeros((2, 1, 4)), H[:, :-1]], axis=1)
    dU, dW, db = np.zeros_like(U), np.zeros_like(W), np.zeros(4)
    for t in range(T):  # each output step sends its gradient back at most k steps
        delta = R[:, t] * (1 - H[:, t] ** 2)
        for s in range(t, max(t - k - 1, -1), -1):
            dU += X[:, s].T @ delta
            dW += H_prev[:, s].T @ delta
            db += delta.sum(axis=0)
            delta = (delta @ W.T) * (1 - H_prev[:, s] ** 2)
    np.testing.assert_allclose(layer.grads["U"], dU, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], dW, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], db, atol=1e-12)


def test_truncation_longer_than_sequence_is_full_bptt():
    X = np.random.default_rng(6).standard_normal((2, 5, 3))
    R = np.random.default_rng(7).standard_normal((2, 5, 4))
    grads = []
    for k in (None, 4, 10):
        layer = make(RNN, bptt_trunc=k)
        layer.forward_pass(X)
        grads.append(layer.backward_pass(R))
    np.testing.assert_allclose(grads[0], grads[1])
    np.testing.assert_allclose(grads[0], grads[2])


def test_initialisation():
    lstm = make(LSTM, n_units=3)
    assert lstm.params["U"].shape == (3, 12) and lstm.params["W"].shape == (3, 12)
    fresh = LSTM(3, input_shape=(5, 3))
    fresh.initialize(rng=np.random.default_rng(0))
    np.testing.assert_array_equal(fresh.params["b"], [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0])  # forget bias 1
    rnn = RNN(6, input_shape=(5, 3))
    rnn.initialize(rng=np.random.default_rng(0))
    np.testing.assert_allclose(rnn.params["W"] @ rnn.params["W"].T, np.eye(6), atol=1e-12)  # orthogonal
    again = RNN(6, input_shape=(5, 3))
    again.initialize(rng=np.random.default_rng(0))
    np.testing.assert_array_equal(rnn.params["U"], again.params["U"])


@pytest.mark.parametrize("cls", [RNN, LSTM])
def test_errors(cls):
    layer = make(cls)
    with pytest.raises(ValueError, match="timesteps, input_dim"):
        layer.forward_pass(np.zeros((2, 15)))
    with pytest.raises(ValueError, match="timesteps, input_dim"):
        layer.forward_pass(np.zeros((2, 5, 4)))
    with pytest.raises(ValueError, match="input_shape"):
        cls(4).initialize(rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="timesteps, input_dim"):
        cls(4, input_shape=(1, 8, 8)).output_shape()
    with pytest.raises(ValueError, match="n_units"):
        cls(0, input_shape=(5, 3)).output_shape()


def test_rnn_bad_truncation_and_activation():
    with pytest.raises(ValueError, match="bptt_trunc"):
        RNN(4, bptt_trunc=-1, input_shape=(5, 3)).initialize(rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="activation"):
        RNN(4, activation="swish", input_shape=(5, 3)).initialize(rng=np.random.default_rng(0))


@pytest.mark.parametrize("cell", [RNN, LSTM])
def test_learns_the_multiplication_series(cell):
    from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, NeuralNetwork

    rng = np.random.default_rng(0)

    def series(n):
        start = rng.integers(2, 7, size=n)
        seq = start[:, None] * np.arange(1, 11)  # s, 2s, ..., 10s
        following = np.concatenate([seq[:, 1:], np.ones((n, 1), dtype=int)], axis=1)
        return np.eye(61)[seq], np.eye(61)[following]

    X, y = series(500)
    X_test, y_test = series(100)
    model = NeuralNetwork(Adam(learning_rate=0.01), CrossEntropy, random_state=0)
    model.add(cell(16, input_shape=(10, 61)))
    model.add(Dense(61))
    model.add(Activation("softmax"))
    history = model.fit(X, y, n_epochs=12, batch_size=32, verbose=False)
    assert history["loss"][-1] < history["loss"][0]
    per_step = np.mean(model.predict(X_test).argmax(axis=-1) == y_test.argmax(axis=-1))
    assert per_step > 0.95


def test_truncated_window_helper_is_full_bptt_for_a_long_window():
    layer = make(RNN)
    X = np.random.default_rng(8).standard_normal((2, 5, 3))
    R = np.random.default_rng(9).standard_normal((2, 5, 4))
    layer.forward_pass(X)
    full = layer.backward_pass(R)
    dA = truncated_bptt_deltas(R, layer._A, layer.params["W"], layer._vjp, k=4)
    np.testing.assert_allclose(dA @ layer.params["U"].T, full, atol=1e-12)


@pytest.mark.parametrize("cls", [RNN, LSTM])
def test_no_name_means_two_things(cls):
    """Issue 19: ``c`` named both the LSTM cell state and the output bias; the projection now
    belongs to a following Dense, so the cells hold only U, W and b."""
    layer = make(cls)
    assert set(layer.params) == {"U", "W", "b"}
    assert set(layer.grads or {}) <= {"U", "W", "b"}
