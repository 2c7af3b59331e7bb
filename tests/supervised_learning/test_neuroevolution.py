import re

import numpy as np
import pytest

from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, NeuralNetwork, SquareLoss
from mlfromscratch.supervised_learning import Neuroevolution
from mlfromscratch.supervised_learning.neuroevolution import evaluate_population
from mlfromscratch.utils import load_iris, standardize, to_categorical, train_test_split


def builder(n_inputs, n_outputs):
    model = NeuralNetwork(Adam(), CrossEntropy)
    model.add(Dense(6, input_shape=(n_inputs,)))
    model.add(Activation("tanh"))
    model.add(Dense(n_outputs))
    model.add(Activation("softmax"))
    return model


def xor_data():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0])


def test_no_mutation_no_crossover_copies_the_best():
    # with one elite, no crossover and no mutation every child is a copy of the fittest individual
    X, y = xor_data()
    evolver = Neuroevolution(9, 0.0, builder, random_state=0, n_elite=1, crossover="none")
    network, history = evolver.evolve(X, y, n_generations=2)
    best = evolver.population_[0]
    np.testing.assert_array_equal(evolver.population_, np.tile(best, (9, 1)))
    assert history["fitness"][0] == history["fitness"][1]


def test_uniform_crossover_takes_each_gene_from_an_elite():
    X, y = xor_data()
    evolver = Neuroevolution(10, 0.0, builder, random_state=1, n_elite=2, crossover="uniform")
    evolver.evolve(X, y, n_generations=1)
    elites = evolver.population_[:2].copy()
    children = evolver._breed(evolver.population_, 2, np.random.default_rng(0))
    assert np.all((children == elites[0]) | (children == elites[1]))
    assert not np.all(children == elites[0])                      # genes do get mixed


def test_single_point_crossover_is_a_prefix_and_a_suffix():
    evolver = Neuroevolution(12, 0.0, builder, n_elite=2, crossover="single_point")
    population = np.random.default_rng(2).normal(size=(12, 30))   # sorted fittest first, as _breed expects
    elites = population[:2]
    children = evolver._breed(population, 2, np.random.default_rng(0))
    switches = []
    for child in children:
        from_first = child == elites[0]
        assert np.all(from_first | (child == elites[1]))
        # a run of genes from one parent, then a run from the other: at most one switch
        switches.append(np.count_nonzero(np.diff(from_first.astype(int))))
    assert max(switches) == 1


def test_mutation_rate_is_the_fraction_of_mutated_genes():
    X, y = xor_data()
    evolver = Neuroevolution(201, 0.25, builder, random_state=3, n_elite=1, crossover="none")
    evolver.evolve(X, y, n_generations=1)
    children = evolver._breed(evolver.population_, 1, np.random.default_rng(0))
    changed = np.mean(children != evolver.population_[0])
    assert abs(changed - 0.25) < 0.02


@pytest.mark.parametrize("selection", ["elitist", "tournament"])
def test_fitness_improves_and_never_decreases(selection):
    X, y = xor_data()
    evolver = Neuroevolution(21, 0.2, builder, random_state=0, mutation_scale=0.3, selection=selection)
    network, history = evolver.evolve(X, y, n_generations=40)
    fitness = np.array(history["fitness"])
    assert len(fitness) == 40 == evolver.n_generations_
    assert np.all(np.diff(fitness) >= 0)                          # elitism keeps the best
    assert fitness[-1] > fitness[0] + 0.05
    assert set(history) == {"fitness", "accuracy", "loss", "mean_fitness"}


def test_best_network_holds_the_best_individual():
    X, y = xor_data()
    evolver = Neuroevolution(7, 0.2, builder, random_state=4)     # odd population size
    network, history = evolver.evolve(X, y, n_generations=5)
    assert network is evolver.best_network_
    assert evolver.population_.shape == (7, network.n_parameters())
    np.testing.assert_array_equal(network.get_flat_params(), evolver.population_[0])
    loss = network.loss_function.loss(to_categorical(y, 2), network.predict(X))
    assert loss == pytest.approx(history["loss"][-1])
    assert history["fitness"][-1] == pytest.approx(1 / (1 + loss))
    np.testing.assert_allclose(evolver.fitness_, np.sort(evolver.fitness_)[::-1])


def test_evaluate_population_matches_the_network():
    X, y = xor_data()
    network = builder(2, 2)
    population = np.random.default_rng(0).normal(size=(3, network.n_parameters()))
    loss, accuracy = evaluate_population(network, population, X, to_categorical(y, 2))
    for params, expected_loss, expected_acc in zip(population, loss, accuracy):
        network.set_flat_params(params)
        p = network.predict(X)
        assert network.loss_function.loss(to_categorical(y, 2), p) == expected_loss
        assert np.mean(p.argmax(axis=1) == y) == expected_acc


def test_same_seed_same_result_and_one_hot_targets_equal_labels():
    X, y = xor_data()
    a = Neuroevolution(8, 0.3, builder, random_state=5).evolve(X, y, 6)[0].get_flat_params()
    b = Neuroevolution(8, 0.3, builder, random_state=5).evolve(X, to_categorical(y, 2), 6)[0].get_flat_params()
    c = Neuroevolution(8, 0.3, builder, random_state=6).evolve(X, y, 6)[0].get_flat_params()
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_warm_start_continues_the_same_run():
    X, y = xor_data()
    once = Neuroevolution(8, 0.3, builder, random_state=7)
    once.evolve(X, y, 10)
    twice = Neuroevolution(8, 0.3, builder, random_state=7, warm_start=True)
    twice.evolve(X, y, 4)
    twice.evolve(X, y, 6)
    np.testing.assert_array_equal(once.population_, twice.population_)
    assert once.history_ == twice.history_


def test_input_unchanged_and_regression_network():
    def regressor(n_inputs, n_outputs):
        model = NeuralNetwork(Adam(), SquareLoss())
        model.add(Dense(8, input_shape=(n_inputs,)))
        model.add(Activation("tanh"))
        model.add(Dense(n_outputs))
        return model

    X = np.linspace(-1, 1, 20)[:, None]
    Y = X**2
    X_copy, Y_copy = X.copy(), Y.copy()
    network, history = Neuroevolution(16, 0.3, regressor, random_state=0).evolve(X, Y, 30)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(Y, Y_copy)
    assert network.predict(X).shape == (20, 1)
    assert history["loss"][-1] < history["loss"][0]


def test_verbose_prints_the_classic_lines(capsys):
    X, y = xor_data()
    Neuroevolution(4, 0.1, builder, random_state=0, verbose=True).evolve(X, y, 3)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    for generation, line in enumerate(lines):
        assert re.fullmatch(rf"\[{generation} Best Individual - Fitness: \d\.\d{{5}}, Accuracy: \d+\.\d%\]", line)


@pytest.mark.parametrize(
    "params",
    [
        dict(population_size=1),
        dict(population_size=2.5),
        dict(mutation_rate=1.5),
        dict(mutation_scale=0.0),
        dict(selection="roulette"),
        dict(crossover="two_point"),
        dict(n_elite=10),
        dict(n_elite=0),
        dict(model_builder="not callable"),
    ],
)
def test_bad_parameters_raise(params):
    X, y = xor_data()
    kwargs = dict(population_size=10, mutation_rate=0.1, model_builder=builder) | params
    with pytest.raises(ValueError):
        Neuroevolution(**kwargs).evolve(X, y, 2)


def test_bad_data_raise():
    X, y = xor_data()
    evolver = Neuroevolution(4, 0.1, builder)
    with pytest.raises(ValueError, match="y must have shape"):
        evolver.evolve(X, np.zeros((4, 3))[:3], 2)
    with pytest.raises(ValueError, match="class indices"):
        evolver.evolve(X, np.array([0.5, 1, 0, 1]), 2)
    with pytest.raises(ValueError):
        evolver.evolve(np.array([[np.nan, 0.0]] * 4), y, 2)
    with pytest.raises(ValueError):
        evolver.evolve(X, y, 0)


def test_learns_iris():
    X, y = load_iris()
    X_train, X_test, y_train, y_test = train_test_split(standardize(X), y, test_size=0.4, random_state=1, stratify=y)

    def iris_builder(n_inputs, n_outputs):
        model = NeuralNetwork(Adam(), CrossEntropy)
        model.add(Dense(8, input_shape=(n_inputs,)))
        model.add(Activation("tanh"))
        model.add(Dense(n_outputs))
        model.add(Activation("softmax"))
        return model

    network, history = Neuroevolution(30, 0.1, iris_builder, random_state=1, mutation_scale=0.2).evolve(
        X_train, y_train, 60
    )
    assert history["accuracy"][-1] >= 0.95
    assert np.mean(network.predict(X_test).argmax(axis=1) == y_test) >= 0.9


@pytest.mark.parametrize(
    "name, value",
    [("population_size", v) for v in (np.nan, 1, 2.5)]
    + [("mutation_rate", v) for v in (np.nan, np.inf, -0.1)]
    + [("mutation_scale", v) for v in (np.nan, np.inf, 0.0)]
    + [("tournament_size", v) for v in (np.nan, 0)]
    + [("n_elite", v) for v in (np.nan, 0, 1.5)]
    + [("random_state", v) for v in ("abc", -1)],
)
def test_every_numeric_hyperparameter_is_finite_and_in_range(name, value):
    X, y = xor_data()
    evolver = Neuroevolution(10, 0.1, builder, selection="tournament").set_params(**{name: value})
    with pytest.raises(ValueError, match=name):
        evolver.evolve(X, y, 2)


def test_regression_network_reports_no_accuracy_and_n_features_in(capsys):
    def regressor(n_inputs, n_outputs):
        model = NeuralNetwork(Adam(), SquareLoss())
        model.add(Dense(n_outputs, input_shape=(n_inputs,)))
        return model

    X = np.linspace(-1, 1, 12).reshape(6, 2)
    evolver = Neuroevolution(4, 0.3, regressor, random_state=0, verbose=True)
    _, history = evolver.evolve(X, X[:, :1] ** 2, 2)
    assert evolver.n_features_in_ == 2
    assert np.isnan(history["accuracy"]).all() and np.isfinite(history["loss"]).all()
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("[0 Best Individual - Fitness:") and "Accuracy" not in lines[0]
