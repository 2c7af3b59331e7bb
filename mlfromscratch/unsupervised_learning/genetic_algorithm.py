"""A genetic algorithm that evolves a population of strings towards a target string."""

import string
import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import ConvergenceWarning, check_random_state, check_scalar

#: The characters candidates are made of: space and the ASCII letters.
CHARSET = " " + string.ascii_letters


class GeneticAlgorithm(BaseEstimator):
    """Evolve random strings into ``target_string`` by selection, crossover and mutation.

    Parameters
    ----------
    target_string : str, default="Genetic Algorithm"
        The string to produce; made of letters and spaces (``CHARSET``).
    population_size : int, default=100
        Number of candidate strings per generation (>= 2).
    mutation_rate : float, default=0.05
        Probability, in [0, 1], that each character of a child is replaced by a
        uniformly random character.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    population_ : ndarray of int of shape (population_size, len(target_string))
        The last generation evaluated, as Unicode code points of the characters.
    best_string_ : str
        Fittest candidate of the last generation evaluated.
    best_fitness_ : float
    n_generations_ : int
        Generations evaluated (the first is generation 0).
    converged_ : bool
        Whether the target was produced.
    history_ : dict of lists
        Per generation: ``"best_string"``, ``"best_fitness"``, ``"mean_fitness"``.

    Notes
    -----
    One generation, all vectorised over the population (rows) and the
    characters (columns):

    1. fitness      f = 1 / (1 + sum_j |c_j - t_j|), with c_j and t_j the code
       points of candidate and target characters: 1 for the target, near 0
       for a string far away in the alphabet;
    2. selection    parents are drawn with replacement with probability
       f_i / sum_k f_k (fitness-proportional, "roulette wheel");
    3. crossover    each pair of parents is cut at one random position p:
       child_1 = a[:p] + b[p:], child_2 = b[:p] + a[p:];
    4. mutation     every character of every child is replaced, with probability
       ``mutation_rate``, by a uniformly random character of ``CHARSET``.

    The children replace the whole population (no elitism), as in the
    classic formulation.

    References
    ----------
    Holland, J. H. (1975). Adaptation in Natural and Artificial Systems.
    University of Michigan Press.
    Goldberg, D. E. (1989). Genetic Algorithms in Search, Optimization and
    Machine Learning. Addison-Wesley.

    Examples
    --------
    >>> ga = GeneticAlgorithm("Hi", population_size=50, random_state=0)
    >>> best, history = ga.run(max_generations=500)
    >>> best
    'Hi'
    """

    def __init__(self, target_string="Genetic Algorithm", population_size=100, mutation_rate=0.05,
                 random_state=None):
        self.target_string = target_string
        self.population_size = population_size
        self.mutation_rate = mutation_rate
        self.random_state = random_state

    def _check_params(self):
        if not isinstance(self.target_string, str) or not self.target_string:
            raise ValueError(f"GeneticAlgorithm: target_string must be a non-empty str, got {self.target_string!r}")
        unknown = sorted(set(self.target_string) - set(CHARSET))
        if unknown:
            raise ValueError(
                f"GeneticAlgorithm: target_string may only hold letters and spaces; "
                f"it contains {unknown}"
            )
        check_scalar(self.population_size, "population_size", self, integer=True, low=2)
        check_scalar(self.mutation_rate, "mutation_rate", self, low=0.0, high=1.0)

    def _fitness(self, population, target):
        """1 / (1 + total character distance to the target), shape (population_size,)."""
        return 1.0 / (1.0 + np.abs(population - target).sum(axis=1))

    def _crossover(self, parents_a, parents_b, rng):
        """Single-point crossover of paired rows; returns both children, stacked."""
        n_pairs, length = parents_a.shape
        points = rng.integers(0, length, size=n_pairs)[:, None]     # (n_pairs, 1)
        from_a = np.arange(length)[None, :] < points                 # (n_pairs, length)
        children_1 = np.where(from_a, parents_a, parents_b)
        children_2 = np.where(from_a, parents_b, parents_a)
        return np.vstack([children_1, children_2])

    def _mutate(self, population, charset, rng):
        """Replace each character with probability ``mutation_rate`` by a random one."""
        mutate = rng.random(population.shape) < self.mutation_rate
        random_chars = rng.choice(charset, size=population.shape)
        return np.where(mutate, random_chars, population)

    def run(self, max_generations=1000, verbose=False):
        """Evolve until the target appears or ``max_generations`` have been evaluated.

        Parameters
        ----------
        max_generations : int, default=1000
            At least 1.
        verbose : bool, default=False
            Print each generation's closest candidate, then the answer.

        Returns
        -------
        best_string : str
            The target when found, else the fittest candidate of the last generation.
        history : dict of lists
            See ``history_``.
        """
        self._check_params()
        check_scalar(max_generations, "max_generations", self, integer=True, low=1)
        rng = check_random_state(self.random_state, estimator=self)
        charset = np.array([ord(c) for c in CHARSET])
        target = np.array([ord(c) for c in self.target_string])      # (length,)
        n_pairs = (self.population_size + 1) // 2

        population = rng.choice(charset, size=(self.population_size, len(target)))
        history = {"best_string": [], "best_fitness": [], "mean_fitness": []}
        converged = False
        for generation in range(max_generations):
            evaluated = population
            fitness = self._fitness(population, target)
            best = int(np.argmax(fitness))
            best_string = "".join(map(chr, population[best]))
            history["best_string"].append(best_string)
            history["best_fitness"].append(float(fitness[best]))
            history["mean_fitness"].append(float(fitness.mean()))
            if best_string == self.target_string:
                converged = True
                if verbose:
                    print(f"[{generation} Answer: '{best_string}']")
                break
            if verbose:
                print(f"[{generation} Closest Candidate: '{best_string}', Fitness: {fitness[best]:.2f}]")

            parents = rng.choice(self.population_size, size=(2, n_pairs), p=fitness / fitness.sum())
            children = self._crossover(population[parents[0]], population[parents[1]], rng)
            population = self._mutate(children[: self.population_size], charset, rng)

        if not converged:
            warnings.warn(
                f"GeneticAlgorithm did not produce {self.target_string!r} in "
                f"{max_generations} generations",
                ConvergenceWarning,
            )
        self.population_ = evaluated
        self.best_string_ = best_string
        self.best_fitness_ = history["best_fitness"][-1]
        self.n_generations_ = generation + 1
        self.converged_ = converged
        self.history_ = history
        return best_string, history
