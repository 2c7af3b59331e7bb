import numpy as np
import pytest

from mlfromscratch.deep_learning import CrossEntropy, Dense, NeuralNetwork, SquareLoss, TanH
from mlfromscratch.supervised_learning import Perceptron
from mlfromscratch.utils import NotFittedError, load_digits, make_blobs, train_test_split


def separable_data():
    X, y = make_blobs(n_samples=60, centers=[[-3.0, 0.0], [3.0, 0.0], [0.0, 4.0]], cluster_std=0.5, random_state=0)
    return X, y


def test_rosenblatt_first_steps_by_hand():
    X = np.array([[1.0, 2.0], [-1.0, -1.0]])
    y = np.array(["b", "a"])                                       # classes_ = ["a", "b"]
    model = Perceptron(rule="rosenblatt", max_iter=1, learning_rate=0.5).fit(X, y)
    # W = 0 scores 0: both one-vs-rest units are wrong on x = (1, 2) with t = (-1, +1)
    np.testing.assert_allclose(model.coef_, [[-0.5, 0.5], [-1.0, 1.0]])
    np.testing.assert_allclose(model.intercept_, [-0.5, 0.5])
    assert model.n_iter_ == 1
    # second sample: s = (-1, -1) W + b = (1, -1) with t = (+1, -1): no mistake, nothing moves
    model = Perceptron(rule="rosenblatt", max_iter=2, learning_rate=0.5).fit(X, y)
    np.testing.assert_allclose(model.coef_, [[-0.5, 0.5], [-1.0, 1.0]])
    # the third presentation starts a pass without mistakes, which ends training
    model = Perceptron(rule="rosenblatt", max_iter=100, learning_rate=0.5).fit(X, y)
    assert model.n_iter_ == 4
    np.testing.assert_array_equal(model.training_errors_, [1, 0])
    np.testing.assert_array_equal(model.predict(X), y)


def test_rosenblatt_converges_on_separable_data():
    X, y = separable_data()
    model = Perceptron(rule="rosenblatt", max_iter=100 * len(X)).fit(X, y)
    assert model.training_errors_[-1] == 0
    assert model.n_iter_ % len(X) == 0 and model.n_iter_ < 100 * len(X)
    np.testing.assert_array_equal(model.predict(X), y)


def test_rosenblatt_learning_rate_only_scales_the_weights():
    X, y = separable_data()
    a = Perceptron(rule="rosenblatt", learning_rate=1.0).fit(X, y)
    b = Perceptron(rule="rosenblatt", learning_rate=0.01).fit(X, y)
    np.testing.assert_allclose(b.coef_, 0.01 * a.coef_)
    np.testing.assert_array_equal(a.predict(X), b.predict(X))


def test_gradient_rule_reaches_zero_training_errors():
    X, y = separable_data()
    model = Perceptron(max_iter=300, random_state=0).fit(X, y)
    np.testing.assert_array_equal(model.predict(X), y)
    assert model.training_errors_[-1] < model.training_errors_[0]


def test_gradient_step_is_the_networks_backpropagation():
    X, y = separable_data()
    model = Perceptron(max_iter=1, learning_rate=0.3, random_state=0).fit(X, y)
    # the same seed draws the same initial weights; redo the step by hand: W1 = W0 - lr dL/dW
    network = NeuralNetwork(None, SquareLoss(), random_state=0)
    network.add(Dense(3, input_shape=(2,), kernel_initializer="lecun_uniform"))
    initial = network.layers[0].params["W"].copy()
    Y = np.eye(3)[y]
    p = 1 / (1 + np.exp(-(X @ initial)))                             # sigmoid(X W + 0)
    grad = X.T @ ((p - Y) / len(X) * p * (1 - p))
    np.testing.assert_allclose(model.coef_, initial - 0.3 * grad)


def test_activation_and_loss_options():
    X, y = separable_data()
    options = [("tanh", "square"), (TanH, SquareLoss()), ("softmax", CrossEntropy), ("sigmoid", "cross_entropy")]
    for activation, loss in options:
        model = Perceptron(max_iter=200, activation=activation, loss=loss, learning_rate=0.5,
                           random_state=0)
        assert np.mean(model.fit(X, y).predict(X) == y) >= 0.95


def test_invariants():
    X, y = separable_data()
    labels = np.array(["red", "green", "blue"])[y]
    X_copy = X.copy()
    model = Perceptron(max_iter=50, random_state=1)
    assert model.fit(X, labels) is model
    first = model.coef_.copy()
    np.testing.assert_array_equal(Perceptron(max_iter=50, random_state=1).fit(X, labels).coef_, first)
    np.testing.assert_array_equal(model.fit(X, labels).coef_, first)  # refit starts afresh
    assert not np.array_equal(Perceptron(max_iter=50, random_state=2).fit(X, labels).coef_, first)
    assert set(model.predict(X)) <= {"red", "green", "blue"}
    np.testing.assert_array_equal(X, X_copy)
    assert model.coef_ is model.network_.layers[0].params["W"]


def test_not_fitted_and_bad_input():
    X, y = separable_data()
    with pytest.raises(NotFittedError):
        Perceptron().predict(X)
    model = Perceptron(max_iter=2).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :1])
    for params in [dict(rule="hebb"), dict(loss="hinge"), dict(loss=3), dict(max_iter=0),
                   dict(learning_rate=-1.0), dict(activation="swish")]:
        with pytest.raises(ValueError):
            Perceptron(**params).fit(X, y)
    with pytest.raises(ValueError):
        Perceptron().fit(X, np.zeros(len(X)))
    with pytest.raises(ValueError):
        Perceptron().fit(np.full_like(X, np.inf), y)
    with pytest.raises(ValueError):
        Perceptron().fit(X, y[:-1])


def test_learns_digits():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.5, random_state=0, stratify=y)
    gradient = Perceptron(max_iter=300, random_state=0).fit(X_train, y_train)
    assert np.mean(gradient.predict(X_test) == y_test) >= 0.9
    rosenblatt = Perceptron(rule="rosenblatt", max_iter=10 * len(X_train)).fit(X_train, y_train)
    assert np.mean(rosenblatt.predict(X_test) == y_test) >= 0.9


# ------------------------------------------------------------------- hyperparameters (issue 16) and role (issue 15)


@pytest.mark.parametrize("name", ["max_iter", "learning_rate"])
@pytest.mark.parametrize("value", [np.nan, np.inf, -1, 0, "5"], ids=repr)
def test_numeric_hyperparameters_must_be_finite_positive_numbers(name, value):
    X, y = separable_data()
    for rule in ("gradient", "rosenblatt"):
        with pytest.raises(ValueError, match=name):
            Perceptron(rule=rule, **{name: value}).fit(X, y)


@pytest.mark.parametrize("random_state", ["abc", -1, 1.5])
def test_bad_random_state_is_named_by_the_perceptron(random_state):
    X, y = separable_data()
    with pytest.raises(ValueError, match="Perceptron: random_state"):
        Perceptron(max_iter=2, random_state=random_state).fit(X, y)


def test_score_is_accuracy():
    X, y = separable_data()
    model = Perceptron(max_iter=50, random_state=0).fit(X, y)
    assert model.score(X, y) == np.mean(model.predict(X) == y)
    assert model._estimator_type == "classifier"
