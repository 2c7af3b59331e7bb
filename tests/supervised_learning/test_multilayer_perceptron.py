import numpy as np
import pytest

from mlfromscratch.deep_learning import (
    Activation,
    Dense,
    LeakyReLU,
    ReLU,
    RMSprop,
    Sigmoid,
    SoftSign,
    TanH,
)
from mlfromscratch.supervised_learning import MultilayerPerceptron
from mlfromscratch.supervised_learning.multilayer_perceptron import add_penalty_gradients, weight_penalty
from mlfromscratch.utils import NotFittedError, load_digits, make_disc_and_ring, train_test_split
from tests.gradcheck import numerical_gradient, relative_error

FIVE = ("sigmoid", "relu", "leaky_relu", "tanh", "softsign")


def small_data(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    y = (X[:, 0] + X[:, 1] ** 2 > 0.5).astype(int)
    return X, y


@pytest.mark.parametrize(
    "func, kinks",
    [(Sigmoid(), []), (ReLU(), [0.0]), (LeakyReLU(), [0.0]), (TanH(), []), (SoftSign(), [0.0])],
    ids=FIVE,
)
def test_five_activations_derivatives_by_finite_differences(func, kinks):
    x = np.linspace(-4, 4, 41)
    for kink in kinks:
        x = x[np.abs(x - kink) > 1e-3]                              # away from the kinks
    eps = 1e-6
    numeric = (func(x + eps) - func(x - eps)) / (2 * eps)
    np.testing.assert_allclose(func.gradient(x), numeric, rtol=1e-6, atol=1e-8)


def test_softsign_is_the_approximated_tanh():
    x = np.array([-3.0, -1.0, 0.0, 0.5, 2.0])
    np.testing.assert_allclose(SoftSign()(x), x / (1 + np.abs(x)))
    np.testing.assert_allclose(SoftSign().gradient(x), 1 / (1 + np.abs(x)) ** 2)


def test_one_activation_per_layer():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(5, 4, 3), activation=("relu", "tanh", "softsign"), n_epochs=1)
    model.fit(X, y)
    dense = [layer for layer in model.network_.layers if isinstance(layer, Dense)]
    names = [type(layer.activation_func).__name__ for layer in model.network_.layers if isinstance(layer, Activation)]
    assert [layer.n_units for layer in dense] == [5, 4, 3, 2]
    assert names == ["ReLU", "TanH", "SoftSign", "Softmax"]
    assert "Activation (SoftSign)" in model.summary()


def test_weight_penalty_by_hand():
    model = MultilayerPerceptron(hidden_layers=(2,), n_epochs=1).fit(*small_data())
    network = model.network_
    W1, W2 = network.layers[0].params["W"], network.layers[2].params["W"]
    W1[...] = [[1.0, -2.0], [0.0, 0.5], [3.0, 0.0]]
    W2[...] = [[-1.0, 1.0], [2.0, 0.0]]
    # alpha/2 (1 + 4 + 0.25 + 9 + 1 + 1 + 4) + l1 (1 + 2 + 0.5 + 3 + 1 + 1 + 2)
    assert weight_penalty(network, alpha=0.2, l1=0.3) == pytest.approx(0.1 * 20.25 + 0.3 * 10.5)
    for layer in network.layers:
        for name in layer.params:
            layer.grads[name] = np.zeros_like(layer.params[name])
    add_penalty_gradients(network, alpha=0.2, l1=0.3)
    np.testing.assert_allclose(network.layers[0].grads["W"], 0.2 * W1 + 0.3 * np.sign(W1))
    assert network.layers[0].grads["W"][1, 0] == 0.0                # sign(0) = 0
    assert not network.layers[0].grads["b"].any()                   # biases are not penalised


@pytest.mark.parametrize("alpha, l1", [(0.0, 0.0), (0.3, 0.0), (0.0, 0.2), (0.1, 0.05)])
def test_penalised_gradient_matches_finite_differences(alpha, l1):
    # backward + penalty gradient = d/dW [mean loss + alpha/2 ||W||^2 + l1 |W|_1], through all five activations
    X, y = small_data(n=8)
    model = MultilayerPerceptron(hidden_layers=(4, 4, 3, 3, 3), activation=FIVE, n_epochs=1, random_state=0)
    network = model.fit(X, y).network_
    Y = np.eye(2)[y]

    def objective():
        return network.loss_function.loss(Y, network.forward(X)) + weight_penalty(network, alpha, l1)

    output = network.forward(X)
    network.backward_from_loss(Y, output)                           # as fit does
    add_penalty_gradients(network, alpha, l1)
    analytic = {(i, name): layer.grads[name].copy() for i, layer in enumerate(network.layers) for name in layer.params}
    for (i, name), grad in analytic.items():
        numeric = numerical_gradient(objective, network.layers[i].params[name])
        assert relative_error(grad, numeric) < 1e-5, (i, name)


def test_penalties_shrink_the_weights():
    X, y = small_data()
    norms = {}
    for alpha, l1 in [(0.0, 0.0), (0.05, 0.0), (0.0, 0.01)]:
        model = MultilayerPerceptron(hidden_layers=(8,), n_epochs=150, alpha=alpha, l1=l1, learning_rate=0.01,
                                     random_state=0)
        W = model.fit(X, y).network_.layers[0].params["W"]
        norms[(alpha, l1)] = (np.sum(W**2), np.sum(np.abs(W) < 1e-2))
    assert norms[(0.05, 0.0)][0] < 0.5 * norms[(0.0, 0.0)][0]
    assert norms[(0.0, 0.01)][1] > norms[(0.0, 0.0)][1] + 5             # L1 drives weights to ~0


def test_training_errors_include_the_penalty():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(4,), n_epochs=3, batch_size=len(X), optimizer="sgd", learning_rate=1e-9,
                                 alpha=0.5, random_state=0).fit(X, y)
    # a tiny step: the objective is (almost) the loss at the initial weights plus the penalty
    network = model.network_
    expected = network.loss_function.loss(np.eye(2)[y], network.predict(X)) + weight_penalty(network, 0.5, 0.0)
    assert model.training_errors_[-1] == pytest.approx(expected, rel=1e-6)
    assert model.history_["loss"] == list(model.training_errors_)


@pytest.mark.parametrize("solver", ["adam", "sgd", "genetic"])
def test_learns_disc_and_ring(solver):
    X, y = make_disc_and_ring(200, random_state=0)
    params = dict(adam=dict(n_epochs=60, learning_rate=0.01), sgd=dict(n_epochs=60, learning_rate=0.1),
                  genetic=dict(n_epochs=60, population_size=30, mutation_rate=0.1, mutation_scale=0.3))[solver]
    model = MultilayerPerceptron(hidden_layers=(16, 16), activation="tanh", optimizer=solver, random_state=0, **params)
    model.fit(X, y)
    assert np.mean(model.predict(X) == y) >= (0.97 if solver != "genetic" else 0.85)
    assert model.training_errors_[-1] < 0.5 * model.training_errors_[0]


def test_genetic_solver_improves_fitness_steadily():
    X, y = small_data()
    # (tournament selection and single-point crossover: tests/supervised_learning/test_neuroevolution.py)
    model = MultilayerPerceptron(hidden_layers=(6,), optimizer="genetic", n_epochs=25, population_size=11,
                                 mutation_rate=0.2, random_state=0)
    model.fit(X, y)
    fitness = np.array(model.history_["fitness"])
    assert np.all(np.diff(fitness) >= 0) and fitness[-1] > fitness[0]
    np.testing.assert_allclose(model.training_errors_, model.history_["loss"])
    assert model.evolver_.population_.shape[0] == 11
    assert model.n_epochs_ == 25


def test_learns_digits():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.5, random_state=0, stratify=y)
    model = MultilayerPerceptron(hidden_layers=(32,), n_epochs=25, learning_rate=0.003, random_state=0)
    assert np.mean(model.fit(X_train, y_train).predict(X_test) == y_test) >= 0.94


def test_regression_mode():
    x = np.linspace(-2, 2, 80)[:, None]
    y = np.sin(x[:, 0])
    model = MultilayerPerceptron(hidden_layers=(16,), activation="tanh", task="regression", n_epochs=150,
                                 learning_rate=0.01, random_state=0).fit(x, y)
    prediction = model.predict(x)
    assert prediction.shape == (80,)
    assert np.mean((prediction - y) ** 2) < 0.01
    assert not hasattr(model, "classes_")
    two = MultilayerPerceptron(hidden_layers=(4,), task="regression", n_epochs=2).fit(x, np.column_stack([y, y]))
    assert two.predict(x).shape == (80, 2)
    with pytest.raises(AttributeError, match="predict_proba"):       # a regressor has none (as in scikit-learn)
        model.predict_proba(x)
    assert not hasattr(model, "predict_proba")


def test_predict_proba_and_string_labels():
    X, y = small_data()
    labels = np.array(["no", "yes"])[y]
    model = MultilayerPerceptron(hidden_layers=(8,), n_epochs=30, learning_rate=0.01, random_state=0).fit(X, labels)
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(model.classes_) == ["no", "yes"]
    np.testing.assert_array_equal(model.predict(X), model.classes_[proba.argmax(axis=1)])
    assert set(model.predict(X)) <= {"no", "yes"}


@pytest.mark.parametrize("solver", ["adam", "genetic"])
def test_same_seed_same_result_refit_clean_input_unchanged(solver):
    X, y = small_data()
    X_copy, y_copy = X.copy(), y.copy()
    params = dict(hidden_layers=(5,), n_epochs=4, optimizer=solver, population_size=6)
    a = MultilayerPerceptron(random_state=3, **params)
    assert a.fit(X, y) is a
    first = a.predict_proba(X)
    b = MultilayerPerceptron(random_state=3, **params).fit(X, y)
    np.testing.assert_array_equal(first, b.predict_proba(X))
    np.testing.assert_array_equal(a.fit(X, y).predict_proba(X), first)   # refit starts afresh
    assert len(a.training_errors_) == 4
    c = MultilayerPerceptron(random_state=4, **params).fit(X, y)
    assert not np.array_equal(first, c.predict_proba(X))
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


@pytest.mark.parametrize("solver", ["adam", "sgd", "genetic"])
def test_warm_start_continues_training(solver):
    X, y = small_data()
    params = dict(hidden_layers=(5,), optimizer=solver, population_size=6, random_state=0)
    once = MultilayerPerceptron(n_epochs=6, **params).fit(X, y)
    twice = MultilayerPerceptron(n_epochs=3, warm_start=True, **params)
    twice.fit(X, y).fit(X, y)
    np.testing.assert_allclose(twice.training_errors_, once.training_errors_)
    np.testing.assert_array_equal(twice.predict_proba(X), once.predict_proba(X))
    assert twice.n_epochs_ == 6


def test_optimizer_object_as_solver():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(8,), optimizer=RMSprop(learning_rate=0.01), n_epochs=20, random_state=0)
    assert model.fit(X, y).training_errors_[-1] < model.training_errors_[0]


def test_verbose_prints_epochs(capsys):
    X, y = small_data()
    MultilayerPerceptron(hidden_layers=(3,), n_epochs=2, verbose=True).fit(X, y)
    out = capsys.readouterr().out
    assert "[epoch 0] loss:" in out and "[epoch 1] loss:" in out


def test_not_fitted_and_bad_input():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(3,), n_epochs=1)
    with pytest.raises(NotFittedError):
        model.predict(X)
    with pytest.raises(NotFittedError):
        model.summary()
    model.fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :2])
    bad_params = [
        dict(activation=("relu", "tanh")),
        dict(activation="swish"),
        dict(optimizer="lbfgs"),
        dict(task="ranking"),
        dict(hidden_layers=(0,)),
        dict(n_epochs=0),
        dict(alpha=-1.0),
        dict(l1=-0.1),
        dict(momentum=1.0),
        dict(learning_rate=0.0),
    ]
    for params in bad_params:
        with pytest.raises(ValueError):
            MultilayerPerceptron(**(dict(hidden_layers=(3,)) | params)).fit(X, y)
    with pytest.raises(ValueError):
        MultilayerPerceptron().fit(X, np.zeros(len(X)))                 # one class
    with pytest.raises(ValueError):
        MultilayerPerceptron().fit(X, y + 0.5)                          # continuous labels
    with pytest.raises(ValueError):
        MultilayerPerceptron().fit(np.where(X > 1, np.nan, X), y)
    with pytest.raises(ValueError):
        MultilayerPerceptron().fit(X, y[:-1])


@pytest.mark.filterwarnings("ignore::UserWarning")  # scikit-learn's ConvergenceWarning at max_iter
def test_sklearn_clone_and_comparable_accuracy():
    pytest.importorskip("sklearn")
    from sklearn.base import clone
    from sklearn.neural_network import MLPClassifier

    model = MultilayerPerceptron(hidden_layers=(8,), activation="tanh", random_state=0)
    assert clone(model).get_params() == model.get_params()
    X, y = make_disc_and_ring(200, random_state=1)
    ours = model.set_params(n_epochs=100, learning_rate=0.01).fit(X, y)
    theirs = MLPClassifier((8,), activation="tanh", learning_rate_init=0.01, max_iter=100, random_state=0).fit(X, y)
    assert np.mean(ours.predict(X) == y) >= theirs.score(X, y) - 0.03


def test_refit_with_another_solver_or_task_leaves_nothing_stale():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(3,), optimizer="genetic", n_epochs=2, population_size=4).fit(X, y)
    assert hasattr(model, "evolver_")
    model.set_params(optimizer="adam", task="regression").fit(X, y.astype(float))
    assert not hasattr(model, "evolver_") and not hasattr(model, "classes_")
    assert len(model.training_errors_) == 2


@pytest.mark.parametrize(
    "name, value",
    [("learning_rate", v) for v in (np.nan, np.inf, -0.1)]
    + [("momentum", v) for v in (np.nan, 1.0, -0.1)]
    + [("batch_size", v) for v in (0, 2.5, np.nan)]
    + [("n_epochs", v) for v in (0, 1.5, np.nan)]
    + [("alpha", v) for v in (np.nan, np.inf, -1.0)]
    + [("l1", v) for v in (np.nan, np.inf, -0.1)]
    + [("population_size", v) for v in (1, 2.5, np.nan)]
    + [("mutation_rate", v) for v in (np.nan, 1.5, -0.1)]
    + [("mutation_scale", v) for v in (0.0, np.nan, np.inf)]
    + [("hidden_layers", v) for v in ((np.nan,), (0,), (2.5,))],
)
@pytest.mark.parametrize("optimizer", ["adam", "genetic"])
def test_every_numeric_hyperparameter_is_finite_and_in_range(name, value, optimizer):
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(3,), n_epochs=1, optimizer=optimizer, population_size=4)
    with pytest.raises(ValueError, match=name):
        model.set_params(**{name: value}).fit(X, y)


@pytest.mark.parametrize("task", ["classification", "regression"])
@pytest.mark.parametrize("where", ["X nan", "X inf", "y nan", "y inf"])
def test_nan_or_inf_data_is_rejected(task, where):
    X, y = small_data()
    y = y.astype(float)
    (X if where[0] == "X" else y)[3] = np.nan if "nan" in where else np.inf
    with pytest.raises(ValueError, match="NaN or infinity"):
        MultilayerPerceptron(hidden_layers=(3,), task=task, n_epochs=1).fit(X, y)


def test_diverging_training_raises_naming_the_epoch_and_the_learning_rate():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(16,), task="regression", optimizer="sgd", learning_rate=50.0,
                                 n_epochs=50, random_state=0)
    with pytest.raises(ValueError, match=r"epoch \d+.*smaller learning_rate"):
        model.fit(X, 1e3 * y)


def test_score_is_accuracy_or_r2_as_the_task_says():
    X, y = small_data()
    classifier = MultilayerPerceptron(hidden_layers=(8,), n_epochs=30, learning_rate=0.01, random_state=0).fit(X, y)
    assert classifier.score(X, y) == np.mean(classifier.predict(X) == y)
    assert classifier._estimator_type == "classifier"
    target = X[:, 0] - X[:, 1]
    regressor = MultilayerPerceptron(hidden_layers=(8,), task="regression", n_epochs=30, learning_rate=0.01,
                                     random_state=0).fit(X, target)
    residual = np.sum((target - regressor.predict(X)) ** 2)
    assert regressor.score(X, target) == pytest.approx(1 - residual / np.sum((target - target.mean()) ** 2))
    assert regressor._estimator_type == "regressor"
    sklearn_base = pytest.importorskip("sklearn.base")
    assert sklearn_base.is_classifier(classifier) and sklearn_base.is_regressor(regressor)


def test_warm_start_with_another_optimizer_starts_afresh():
    X, y = small_data()
    model = MultilayerPerceptron(hidden_layers=(4,), optimizer="adam", n_epochs=3, warm_start=True, random_state=0)
    model.fit(X, y).set_params(optimizer="genetic", population_size=4).fit(X, y)
    assert model.n_epochs_ == 3 and hasattr(model, "evolver_")
    assert model.evolver_.n_generations_ == 3
    model.set_params(optimizer="adam").fit(X, y)
    assert model.n_epochs_ == 3 and not hasattr(model, "evolver_")
