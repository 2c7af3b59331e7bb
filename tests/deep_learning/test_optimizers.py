import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    Activation,
    Adadelta,
    Adagrad,
    Adam,
    CrossEntropy,
    Dense,
    NesterovAcceleratedGradient,
    NeuralNetwork,
    RMSprop,
    StochasticGradientDescent,
)
from mlfromscratch.utils.data_manipulation import to_categorical
from mlfromscratch.utils.datasets import load_iris

GRADS = [np.array([0.5, -1.0]), np.array([0.2, 0.3]), np.array([-0.4, 0.1])]
P0 = np.array([1.0, 2.0])


def _run(optimizer):
    """Three updates of P0 with GRADS; returns the parameter after each step."""
    p, state, trajectory = P0.copy(), {}, []
    for g in GRADS:
        optimizer.update(p, g, state)
        trajectory.append(p.copy())
    return trajectory


def _check(trajectory, expected):
    for got, want in zip(trajectory, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_sgd_plain():
    lr, p, expected = 0.1, P0.copy(), []
    for g in GRADS:
        p = p - lr * g
        expected.append(p)
    _check(_run(StochasticGradientDescent(learning_rate=lr)), expected)


def test_sgd_momentum_pytorch_rule():
    lr, m, p, v, expected = 0.1, 0.9, P0.copy(), np.zeros(2), []
    for g in GRADS:
        v = m * v + g
        p = p - lr * v
        expected.append(p)
    _check(_run(StochasticGradientDescent(learning_rate=lr, momentum=m)), expected)


def test_sgd_nesterov_and_nag():
    lr, m, p, v, expected = 0.05, 0.8, P0.copy(), np.zeros(2), []
    for g in GRADS:
        v = m * v + g
        p = p - lr * (g + m * v)
        expected.append(p)
    _check(_run(StochasticGradientDescent(learning_rate=lr, momentum=m, nesterov=True)), expected)
    _check(_run(NesterovAcceleratedGradient(learning_rate=lr, momentum=m)), expected)


def test_adagrad_rule():
    lr, eps, p, G, expected = 0.1, 1e-10, P0.copy(), np.zeros(2), []
    for g in GRADS:
        G = G + g**2
        p = p - lr * g / (np.sqrt(G) + eps)
        expected.append(p)
    _check(_run(Adagrad(learning_rate=lr, eps=eps)), expected)


def test_adadelta_rule():
    rho, eps, p, Eg2, Edx2, expected = 0.95, 1e-6, P0.copy(), np.zeros(2), np.zeros(2), []
    for g in GRADS:
        Eg2 = rho * Eg2 + (1 - rho) * g**2
        dx = np.sqrt(Edx2 + eps) / np.sqrt(Eg2 + eps) * g
        Edx2 = rho * Edx2 + (1 - rho) * dx**2
        p = p - dx
        expected.append(p)
    _check(_run(Adadelta()), expected)


def test_rmsprop_rule():
    lr, rho, eps, p, Eg2, expected = 0.01, 0.9, 1e-8, P0.copy(), np.zeros(2), []
    for g in GRADS:
        Eg2 = rho * Eg2 + (1 - rho) * g**2
        p = p - lr * g / (np.sqrt(Eg2) + eps)
        expected.append(p)
    _check(_run(RMSprop(learning_rate=lr, rho=rho, eps=eps)), expected)


def test_adam_rule_with_bias_correction():
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    p, m, v, expected = P0.copy(), np.zeros(2), np.zeros(2), []
    for t, g in enumerate(GRADS, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        p = p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        expected.append(p)
    _check(_run(Adam(learning_rate=lr, beta_1=b1, beta_2=b2, eps=eps)), expected)
    # bias correction makes the first step lr * sign(g)
    np.testing.assert_allclose(_run(Adam(learning_rate=lr))[0], P0 - lr * np.sign(GRADS[0]))


def test_update_is_in_place_and_state_is_per_parameter():
    opt = Adam(learning_rate=0.1)
    a, b = P0.copy(), P0.copy()
    state_a, state_b = {}, {}
    same = opt.update(a, GRADS[0], state_a)
    assert same is a
    opt.update(b, GRADS[0], state_b)
    opt.update(a, GRADS[1], state_a)
    assert state_a["t"] == 2 and state_b["t"] == 1
    np.testing.assert_array_equal(b, _run(Adam(learning_rate=0.1))[0])


def test_gradient_shape_mismatch_raises():
    with pytest.raises(ValueError, match="gradient shape"):
        Adam().update(np.zeros(3), np.zeros(2), {})


@pytest.mark.parametrize(
    "optimizer",
    [
        StochasticGradientDescent(learning_rate=0.1),
        StochasticGradientDescent(learning_rate=0.05, momentum=0.9),
        NesterovAcceleratedGradient(learning_rate=0.05),
        Adagrad(learning_rate=0.1),
        Adadelta(),
        RMSprop(learning_rate=0.01),
        Adam(learning_rate=0.01),
    ],
    ids=repr,
)
def test_training_loss_decreases_for_every_optimizer(optimizer):
    X, y = load_iris()
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    Y = to_categorical(y)
    model = NeuralNetwork(optimizer, CrossEntropy, random_state=0)
    model.add(Dense(16, input_shape=(4,)))
    model.add(Activation("tanh"))
    model.add(Dense(3))
    model.add(Activation("softmax"))
    initial, _ = model.test_on_batch(X, Y)
    history = model.fit(X, Y, n_epochs=15, batch_size=16, verbose=False)
    final, _ = model.test_on_batch(X, Y)
    assert final < 0.7 * initial
    assert history["loss"][-1] < history["loss"][0]


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda v: StochasticGradientDescent(learning_rate=v), "learning_rate"),
        (lambda v: StochasticGradientDescent(momentum=v), "momentum"),
        (lambda v: NesterovAcceleratedGradient(learning_rate=v), "learning_rate"),
        (lambda v: NesterovAcceleratedGradient(momentum=v), "momentum"),
        (lambda v: Adagrad(learning_rate=v), "learning_rate"),
        (lambda v: Adagrad(eps=v), "eps"),
        (lambda v: Adadelta(learning_rate=v), "learning_rate"),
        (lambda v: Adadelta(rho=v), "rho"),
        (lambda v: Adadelta(eps=v), "eps"),
        (lambda v: RMSprop(learning_rate=v), "learning_rate"),
        (lambda v: RMSprop(rho=v), "rho"),
        (lambda v: RMSprop(eps=v), "eps"),
        (lambda v: Adam(learning_rate=v), "learning_rate"),
        (lambda v: Adam(beta_1=v), "beta_1"),
        (lambda v: Adam(beta_2=v), "beta_2"),
        (lambda v: Adam(eps=v), "eps"),
    ],
)
@pytest.mark.parametrize("value", [-1, np.nan, np.inf, 1.5, "0.1", None])
def test_every_hyperparameter_is_checked(make, name, value):
    if value == 1.5 and name in ("learning_rate", "eps"):
        value = -0.5                                   # 1.5 is a valid learning rate or eps
    with pytest.raises(ValueError, match=name):
        make(value)


@pytest.mark.parametrize("make", [lambda: Adam(beta_1=1.0), lambda: Adam(beta_2=1.0), lambda: RMSprop(rho=1.0),
                                  lambda: Adadelta(rho=1.0), lambda: StochasticGradientDescent(momentum=1.0),
                                  lambda: Adam(learning_rate=0), lambda: Adagrad(eps=0.0)])
def test_boundary_values_are_rejected(make):
    with pytest.raises(ValueError, match=r"must be (in \[0.0, 1.0\)|> 0)"):
        make()


def test_valid_edge_values_are_accepted():
    Adam(beta_1=0.0, beta_2=0.0)
    RMSprop(rho=0.0)
    StochasticGradientDescent(momentum=0.0, nesterov=True)
    with pytest.raises(ValueError, match="nesterov"):
        StochasticGradientDescent(nesterov="yes")
