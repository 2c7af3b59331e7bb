import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import GeneticAlgorithm
from mlfromscratch.unsupervised_learning.genetic_algorithm import CHARSET
from mlfromscratch.utils.validation import ConvergenceWarning


def test_fitness_by_hand():
    ga = GeneticAlgorithm("ab")
    target = np.array([ord("a"), ord("b")])
    population = np.array([[ord("a"), ord("b")], [ord("b"), ord("b")], [ord("c"), ord(" ")]])
    # Distances: 0, 1, 2 + (98 - 32) = 68.
    np.testing.assert_allclose(ga._fitness(population, target), [1.0, 0.5, 1.0 / 69.0])


def test_crossover_and_mutation_operators():
    ga = GeneticAlgorithm("abcd", mutation_rate=0.0)
    rng = np.random.default_rng(0)
    a = np.zeros((50, 4), dtype=int)
    b = np.ones((50, 4), dtype=int)
    children = ga._crossover(a, b, rng)
    assert children.shape == (100, 4)
    # Each child is a prefix of one parent followed by the suffix of the other.
    first, second = children[:50], children[50:]
    np.testing.assert_array_equal(first + second, 1)
    assert np.all(np.diff(first, axis=1) >= 0)
    charset = np.array([ord(c) for c in CHARSET])
    np.testing.assert_array_equal(ga._mutate(a, charset, rng), a)
    mutated = GeneticAlgorithm("abcd", mutation_rate=1.0)._mutate(a, charset, rng)
    assert np.isin(mutated, charset).all()


def test_finds_target_and_records_history():
    ga = GeneticAlgorithm("Hello World", population_size=100, mutation_rate=0.05, random_state=0)
    best, history = ga.run(max_generations=3000)
    assert best == "Hello World" and ga.converged_
    assert history["best_fitness"][-1] == 1.0
    assert len(history["best_string"]) == ga.n_generations_
    assert history["best_fitness"][0] < 0.05
    assert ga.population_.shape == (100, 11)
    assert np.isin(ga.population_, [ord(c) for c in CHARSET]).all()


def test_classic_target_converges():
    ga = GeneticAlgorithm("Genetic Algorithm", population_size=100, mutation_rate=0.05, random_state=1)
    best, _ = ga.run(max_generations=3000)
    assert best == "Genetic Algorithm"
    assert ga.n_generations_ < 2000


def test_verbose_prints_classic_lines(capsys):
    GeneticAlgorithm("Hi", population_size=50, random_state=0).run(500, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("[0 Closest Candidate: '") and lines[0].endswith("]")
    assert ", Fitness: 0." in lines[0]
    assert lines[-1] == f"[{len(lines) - 1} Answer: 'Hi']"


def test_same_seed_same_run_and_no_global_state():
    state = np.random.get_state()[1].copy()
    a = GeneticAlgorithm("abc", random_state=7).run(500)
    b = GeneticAlgorithm("abc", random_state=7).run(500)
    assert a == b
    np.testing.assert_array_equal(np.random.get_state()[1], state)


def test_not_found_warns():
    ga = GeneticAlgorithm("Genetic Algorithm", population_size=10, random_state=0)
    with pytest.warns(ConvergenceWarning):
        best, history = ga.run(max_generations=3)
    assert not ga.converged_ and len(best) == 17 and len(history["mean_fitness"]) == 3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"target_string": ""},
        {"target_string": "hello!"},
        {"target_string": 42},
        {"population_size": 1},
        {"population_size": 2.5},
        {"mutation_rate": -0.1},
        {"mutation_rate": 1.5},
    ],
)
def test_bad_parameters(kwargs):
    with pytest.raises(ValueError):
        GeneticAlgorithm(**kwargs).run(5)


def test_bad_max_generations():
    with pytest.raises(ValueError, match="max_generations"):
        GeneticAlgorithm().run(0)


@pytest.mark.parametrize(
    "name, value",
    [("population_size", np.nan), ("population_size", np.inf), ("population_size", 0), ("population_size", "100"),
     ("mutation_rate", np.nan), ("mutation_rate", np.inf), ("mutation_rate", -np.inf), ("mutation_rate", "0.1"),
     ("random_state", "abc"), ("random_state", -1), ("random_state", 1.5)],
)
def test_every_parameter_is_checked_and_named(name, value):
    with pytest.raises(ValueError, match=name):
        GeneticAlgorithm(**{name: value}).run(5)


@pytest.mark.parametrize("max_generations", [np.nan, np.inf, -3, 2.5, "10"])
def test_bad_max_generations_values(max_generations):
    with pytest.raises(ValueError, match="max_generations"):
        GeneticAlgorithm().run(max_generations)


def test_generator_random_state_is_accepted():
    a = GeneticAlgorithm("abc", random_state=np.random.default_rng(3)).run(300)
    b = GeneticAlgorithm("abc", random_state=3).run(300)
    assert a == b
