import numpy as np
import pytest

from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, NeuralNetwork
from mlfromscratch.supervised_learning import ParticleSwarmOptimizedNN
from mlfromscratch.supervised_learning.neuroevolution import evaluate_population
from mlfromscratch.utils import load_iris, standardize, to_categorical, train_test_split


def builder(n_inputs, n_outputs):
    model = NeuralNetwork(Adam(), CrossEntropy)
    model.add(Dense(8, input_shape=(n_inputs,)))
    model.add(Activation("tanh"))
    model.add(Dense(n_outputs))
    model.add(Activation("softmax"))
    return model


def xor_data():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0])


def test_personal_and_global_bests_are_true_bests():
    X, y = xor_data()
    swarm = ParticleSwarmOptimizedNN(12, builder, random_state=0)
    network, history = swarm.evolve(X, y, n_generations=30)
    # stored personal bests score exactly their stored fitness: they are copies, not moving positions
    loss, _ = evaluate_population(builder(2, 2), swarm.personal_best_, X, to_categorical(y, 2))
    np.testing.assert_allclose(1 / (1 + loss), swarm.personal_best_fitness_)
    assert not np.shares_memory(swarm.personal_best_, swarm.positions_)
    assert not np.shares_memory(swarm.global_best_, swarm.personal_best_)
    assert swarm.global_best_fitness_ == pytest.approx(swarm.personal_best_fitness_.max())
    np.testing.assert_array_equal(network.get_flat_params(), swarm.global_best_)
    assert history["fitness"][-1] == pytest.approx(swarm.global_best_fitness_)
    # a personal best is at least as fit as the particle's current position
    current_loss, _ = evaluate_population(builder(2, 2), swarm.positions_, X, to_categorical(y, 2))
    assert np.all(swarm.personal_best_fitness_ >= 1 / (1 + current_loss) - 1e-12)


def test_global_best_never_gets_worse_and_improves():
    X, y = xor_data()
    _, history = ParticleSwarmOptimizedNN(15, builder, random_state=1).evolve(X, y, n_generations=40)
    fitness = np.array(history["fitness"])
    assert len(fitness) == 40
    assert np.all(np.diff(fitness) >= 0)
    assert fitness[-1] > fitness[0] + 0.05


def test_velocity_is_clamped():
    X, y = xor_data()
    swarm = ParticleSwarmOptimizedNN(10, builder, max_velocity=0.05, social_weight=3.0, random_state=2)
    swarm.evolve(X, y, n_generations=5)
    assert np.max(np.abs(swarm.velocities_)) <= 0.05
    assert np.max(np.abs(swarm.velocities_)) == pytest.approx(0.05)   # the clamp was active


def test_zero_weights_freeze_the_swarm():
    # w = c1 = c2 = 0: every velocity is 0, so the particles never move
    X, y = xor_data()
    swarm = ParticleSwarmOptimizedNN(
        6, builder, inertia_weight=0.0, cognitive_weight=0.0, social_weight=0.0, random_state=3
    )
    _, history = swarm.evolve(X, y, n_generations=4)
    np.testing.assert_array_equal(swarm.positions_, swarm.personal_best_)
    assert len(set(history["fitness"])) == 1
    assert not swarm.velocities_.any()


def test_same_seed_same_result_and_input_unchanged():
    X, y = xor_data()
    X_copy = X.copy()
    a = ParticleSwarmOptimizedNN(5, builder, random_state=4).evolve(X, y, 5)[0].get_flat_params()
    b = ParticleSwarmOptimizedNN(5, builder, random_state=4).evolve(X, y, 5)[0].get_flat_params()
    c = ParticleSwarmOptimizedNN(5, builder, random_state=5).evolve(X, y, 5)[0].get_flat_params()
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    np.testing.assert_array_equal(X, X_copy)


def test_verbose_prints_one_line_per_iteration(capsys):
    X, y = xor_data()
    ParticleSwarmOptimizedNN(3, builder, random_state=0, verbose=True).evolve(X, y, 3)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["[0", "[1", "[2"]
    assert all("Best Individual - Fitness:" in line for line in lines)


@pytest.mark.parametrize(
    "params",
    [
        dict(population_size=0),
        dict(inertia_weight=-0.1),
        dict(cognitive_weight=-1.0),
        dict(max_velocity=0.0),
        dict(model_builder=None),
    ],
)
def test_bad_parameters_raise(params):
    X, y = xor_data()
    kwargs = dict(population_size=4, model_builder=builder) | params
    with pytest.raises(ValueError):
        ParticleSwarmOptimizedNN(**kwargs).evolve(X, y, 2)


def test_bad_data_raise():
    X, y = xor_data()
    swarm = ParticleSwarmOptimizedNN(4, builder)
    with pytest.raises(ValueError):
        swarm.evolve(X[:3], y, 2)
    with pytest.raises(ValueError):
        swarm.evolve(X, y, 0)
    with pytest.raises(ValueError):
        swarm.evolve([1.0, 2.0], y, 2)


def test_learns_iris():
    X, y = load_iris()
    X_train, X_test, y_train, y_test = train_test_split(standardize(X), y, test_size=0.4, random_state=1, stratify=y)
    network, history = ParticleSwarmOptimizedNN(30, builder, random_state=1).evolve(X_train, y_train, 80)
    assert history["accuracy"][-1] >= 0.95
    assert np.mean(network.predict(X_test).argmax(axis=1) == y_test) >= 0.9


@pytest.mark.parametrize(
    "name, value",
    [("population_size", v) for v in (np.nan, 0, 2.5)]
    + [(name, v) for name in ("inertia_weight", "cognitive_weight", "social_weight") for v in (np.nan, np.inf, -1.0)]
    + [("max_velocity", v) for v in (np.nan, np.inf, 0.0)]
    + [("random_state", v) for v in ("abc", -1)],
)
def test_every_numeric_hyperparameter_is_finite_and_in_range(name, value):
    X, y = xor_data()
    swarm = ParticleSwarmOptimizedNN(4, builder).set_params(**{name: value})
    with pytest.raises(ValueError, match=name):
        swarm.evolve(X, y, 2)


def test_n_features_in_and_regression_network_without_accuracy(capsys):
    from mlfromscratch.deep_learning import SquareLoss

    def regressor(n_inputs, n_outputs):
        model = NeuralNetwork(Adam(), SquareLoss())
        model.add(Dense(n_outputs, input_shape=(n_inputs,)))
        return model

    X = np.linspace(-1, 1, 12).reshape(6, 2)
    swarm = ParticleSwarmOptimizedNN(4, regressor, random_state=0, verbose=True)
    _, history = swarm.evolve(X, X[:, :1] ** 2, 3)
    assert swarm.n_features_in_ == 2
    assert np.isnan(history["accuracy"]).all() and history["loss"][-1] <= history["loss"][0]
    assert "Accuracy" not in capsys.readouterr().out
