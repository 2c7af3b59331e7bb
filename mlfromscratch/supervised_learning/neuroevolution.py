"""Neuroevolution: train the weights of a neural network with a genetic algorithm."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_manipulation import to_categorical
from mlfromscratch.utils.validation import (
    check_array,
    check_option,
    check_positive,
    check_random_state,
    check_scalar,
)


def prepare_targets(network, X, y, estimator=None):
    """Validate ``X`` and turn ``y`` into the targets the network's loss expects.

    Parameters
    ----------
    network : NeuralNetwork
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        Targets in the loss's form (one-hot rows for ``CrossEntropy``), or
        integer class indices 0..n_outputs-1 when the network has several
        outputs (they are one-hot encoded here).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    Y : ndarray of shape (n_samples, n_outputs)
    """
    X = check_array(X, estimator=estimator)
    n_outputs = network.output_shape()[0]
    Y = np.asarray(y)
    if Y.ndim == 1 and n_outputs > 1:
        Y = to_categorical(Y, n_outputs)
    Y = np.asarray(Y, dtype=float)
    if Y.ndim == 1:
        Y = Y[:, None]
    if Y.ndim != 2 or Y.shape != (len(X), n_outputs):
        raise ValueError(
            f"y must have shape ({len(X)}, {n_outputs}) or ({len(X)},) for this network, got {np.shape(y)}"
        )
    if not np.isfinite(Y).all():
        raise ValueError("y contains NaN or infinity")
    return X, Y


def infer_n_outputs(y):
    """Number of network outputs implied by the targets.

    Parameters
    ----------
    y : array-like of shape (n_samples, n_outputs) or (n_samples,)
        2-D targets, or 1-D class indices 0, 1, ..., n_classes - 1.

    Returns
    -------
    n_outputs : int
        The number of columns of 2-D targets, or max(2, n_classes) for class indices.
    """
    y = np.asarray(y)
    if y.ndim == 2:
        return y.shape[1]
    if y.ndim != 1 or len(y) == 0 or not np.issubdtype(y.dtype, np.number) or np.any(y < 0) or np.any(y != np.round(y)):
        raise ValueError("1-D y must hold class indices 0, 1, ..., n_classes - 1; pass 2-D targets otherwise")
    return max(2, int(np.max(y)) + 1)


def initial_population(network, population_size, rng):
    """Draw ``population_size`` parameter vectors with the layers' own initialisers.

    Parameters
    ----------
    network : NeuralNetwork
    population_size : int
    rng : numpy.random.Generator

    Notes
    -----
    Every layer of ``network`` is re-initialised with ``rng`` once per
    individual (so each individual starts like a freshly built network) and the
    flattened parameters are stacked. The network's weights are left as drawn for
    the last individual.

    Returns
    -------
    population : ndarray of shape (population_size, n_params)
    """
    population = np.empty((population_size, network.n_parameters()))
    for i in range(population_size):
        for layer in network.layers:
            layer.initialize(network.optimizer, rng)
        population[i] = network.get_flat_params()
    return population


def evaluate_population(network, population, X, Y):
    """Loss and accuracy of every parameter vector of a population on (X, Y).

    Parameters
    ----------
    network : NeuralNetwork
        Defines the computation; its ``loss_function`` scores the outputs. Its
        weights are overwritten (they hold the last individual afterwards).
    population : ndarray of shape (n_individuals, n_params)
    X : ndarray of shape (n_samples, n_features)
    Y : ndarray of shape (n_samples, n_outputs)

    Returns
    -------
    loss, accuracy : ndarrays of shape (n_individuals,)
        ``accuracy`` is NaN when the loss has no accuracy (``SquareLoss``).

    Notes
    -----
    Each individual is loaded into the network (``set_flat_params``) and run
    through its own ``predict``, so any layer stack works. A batched variant
    (one matrix product over the whole population per Dense layer) was measured
    no faster on the digits and 2-D problems: the activations and the softmax
    cost the same either way, and the per-individual Python overhead is small.
    """
    loss = np.empty(len(population))
    accuracy = np.full(len(population), np.nan)
    has_accuracy = hasattr(network.loss_function, "acc")          # a regression loss has none
    for i, params in enumerate(population):
        network.set_flat_params(params)
        output = network.predict(X)                                # (n_samples, n_outputs)
        loss[i] = network.loss_function.loss(Y, output)
        if has_accuracy:
            accuracy[i] = network.loss_function.acc(Y, output)
    return loss, accuracy


def fitness_from_loss(loss):
    """Fitness 1 / (1 + loss): positive, at most 1 for a non-negative loss, higher is better.

    Parameters
    ----------
    loss : float or ndarray

    Returns
    -------
    fitness : float or ndarray of the same shape
    """
    return 1.0 / (1.0 + loss)


def _accuracy_text(accuracy):
    """``", Accuracy: 97.5%"`` for the verbose lines, or nothing for a regression loss (NaN)."""
    return "" if np.isnan(accuracy) else f", Accuracy: {100 * accuracy:.1f}%"


class Neuroevolution(BaseEstimator):
    """Evolve the weights of a neural network by selection, crossover and mutation.

    Each individual of the population is the flattened parameter vector of one
    network built by ``model_builder``; the population is a 2-D array and the
    genetic operators act on all its rows at once.

    Parameters
    ----------
    population_size : int >= 2
        Number of individuals (any size, odd included).
    mutation_rate : float in [0, 1]
        Probability that a gene (one weight) of a child is mutated.
    model_builder : callable
        ``model_builder(n_inputs, n_outputs)`` returns a ``NeuralNetwork``
        (with its loss) for inputs of ``n_inputs`` features.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial population and the genetic operators.
    mutation_scale : float > 0, default=0.1
        Standard deviation of the Gaussian noise added to a mutated gene.
    selection : {"elitist", "tournament"}, default="elitist"
        How parents are chosen: "elitist" (truncation, top-k) draws both
        parents uniformly from the ``n_elite`` fittest; "tournament" picks each
        parent as the fittest of ``tournament_size`` random individuals.
    n_elite : int or None, default=None
        The fittest individuals copied unchanged into the next generation (and
        the parent pool of "elitist" selection). None: a fifth of the
        population, at least 1 and at most ``population_size - 1``.
    crossover : {"uniform", "single_point", "none"}, default="uniform"
        "uniform" takes every gene from either parent with probability 1/2,
        "single_point" takes the genes before a random cut from the first
        parent and the rest from the second, "none" copies the first parent.
    tournament_size : int >= 1, default=3
        Contestants per tournament (``selection="tournament"``).
    warm_start : bool, default=False
        When True, a new call to ``evolve`` continues from the last population.
    verbose : bool, default=False
        Print the best individual of every generation.

    Attributes
    ----------
    best_network_ : NeuralNetwork
        Network holding the weights of the fittest individual.
    population_ : ndarray of shape (population_size, n_params)
        The last population, fittest first.
    fitness_ : ndarray of shape (population_size,)
        Its fitness.
    history_ : dict of lists
        Per generation: "fitness" (best), "accuracy" and "loss" (of the best
        individual; the accuracy is NaN for a regression loss), "mean_fitness"
        (of the population).
    n_generations_ : int
        Generations evaluated so far (the initial population is generation 0).
    n_features_in_ : int
        Number of features seen by ``evolve``.

    Notes
    -----
    The fitness of a parameter vector theta is f = 1 / (1 + L(theta)), with L the
    network's loss (e.g. mean cross-entropy) on the training data: positive, at
    most 1 and monotone in the loss, so higher is better. Only the ranking
    matters to the selection, so any decreasing function of L evolves the same
    way. One generation:

        elites   = the n_elite fittest rows                    (kept unchanged)
        parents  = selection(population, fitness)              (two per child)
        children = crossover(parent_1, parent_2)
        children = children + mask * N(0, mutation_scale^2),  mask ~ Bernoulli(mutation_rate)
        population = elites + children

    With at least one elite the best fitness never decreases. Only the children
    are evaluated; the elites keep their fitness.

    References
    ----------
    Montana, D. J. and Davis, L. (1989). Training feedforward neural networks
    using genetic algorithms. IJCAI. Such, F. P. et al. (2017). Deep
    neuroevolution: genetic algorithms are a competitive alternative for
    training deep neural networks for reinforcement learning. arXiv:1712.06567.

    Examples
    --------
    >>> from mlfromscratch.deep_learning import NeuralNetwork, Dense, Activation, Adam, CrossEntropy
    >>> def builder(n_inputs, n_outputs):
    ...     model = NeuralNetwork(Adam(), CrossEntropy)
    ...     model.add(Dense(4, input_shape=(n_inputs,)))
    ...     model.add(Activation("tanh"))
    ...     model.add(Dense(n_outputs))
    ...     model.add(Activation("softmax"))
    ...     return model
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 0])
    >>> evolver = Neuroevolution(20, 0.2, builder, random_state=0)
    >>> network, history = evolver.evolve(X, y, n_generations=30)
    >>> history["fitness"][-1] >= history["fitness"][0]
    True
    """

    def __init__(
        self,
        population_size,
        mutation_rate,
        model_builder,
        random_state=None,
        mutation_scale=0.1,
        selection="elitist",
        n_elite=None,
        crossover="uniform",
        tournament_size=3,
        warm_start=False,
        verbose=False,
    ):
        self.population_size = population_size
        self.mutation_rate = mutation_rate
        self.model_builder = model_builder
        self.random_state = random_state
        self.mutation_scale = mutation_scale
        self.selection = selection
        self.n_elite = n_elite
        self.crossover = crossover
        self.tournament_size = tournament_size
        self.warm_start = warm_start
        self.verbose = verbose

    def _check_params(self):
        check_scalar(self.population_size, "population_size", self, integer=True, low=2)
        check_scalar(self.mutation_rate, "mutation_rate", self, low=0, high=1)
        check_positive(self.mutation_scale, "mutation_scale", self)
        check_option(self.selection, "selection", ("elitist", "tournament"), self)
        check_option(self.crossover, "crossover", ("uniform", "single_point", "none"), self)
        check_positive(self.tournament_size, "tournament_size", self, integer=True)
        if not callable(self.model_builder):
            raise ValueError("Neuroevolution: model_builder must be a callable model_builder(n_inputs, n_outputs)")
        if self.n_elite is None:
            return min(max(1, self.population_size // 5), self.population_size - 1)
        check_positive(self.n_elite, "n_elite", self, integer=True)
        if self.n_elite >= self.population_size:
            raise ValueError(
                f"Neuroevolution: n_elite must be smaller than population_size "
                f"({self.population_size}), got {self.n_elite}"
            )
        return self.n_elite

    def evolve(self, X, y, n_generations=100):
        """Evolve the population for ``n_generations`` generations.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples, n_outputs) or (n_samples,)
            Targets as the network's loss expects them (one-hot rows for
            ``CrossEntropy``); 1-D class indices are one-hot encoded when the
            network has several outputs.
        n_generations : int >= 1, default=100
            Generations to evaluate (the first call counts the random initial
            population as generation 0).

        Returns
        -------
        best_network : NeuralNetwork
            The network with the fittest individual's weights (``best_network_``).
        history : dict of lists
            ``history_`` (see the class Attributes).
        """
        n_elite = self._check_params()
        check_positive(n_generations, "n_generations", self, integer=True)
        X = check_array(X, estimator=self)
        continuing = self.warm_start and hasattr(self, "population_")
        if not continuing:
            self._rng = check_random_state(self.random_state, estimator=self)
            self.best_network_ = self.model_builder(X.shape[1], infer_n_outputs(y))
            self.n_features_in_ = X.shape[1]
        X, Y = prepare_targets(self.best_network_, X, y, estimator=self)
        if X.shape[1] != self.best_network_.input_shape[0]:
            expected = self.best_network_.input_shape[0]
            raise ValueError(f"X has {X.shape[1]} features, but the network expects {expected}")
        network, rng = self.best_network_, self._rng

        if continuing:
            population, loss, accuracy = self.population_, self._loss, self._accuracy
        else:
            self.history_ = {"fitness": [], "accuracy": [], "loss": [], "mean_fitness": []}
            self.n_generations_ = 0
            population = initial_population(network, self.population_size, rng)
            loss, accuracy = evaluate_population(network, population, X, Y)
            population, loss, accuracy = self._record(population, loss, accuracy)
            n_generations -= 1
        for _ in range(n_generations):
            children = self._breed(population, n_elite, rng)
            child_loss, child_accuracy = evaluate_population(network, children, X, Y)
            population = np.vstack([population[:n_elite], children])
            loss = np.concatenate([loss[:n_elite], child_loss])
            accuracy = np.concatenate([accuracy[:n_elite], child_accuracy])
            population, loss, accuracy = self._record(population, loss, accuracy)

        self.population_, self._loss, self._accuracy = population, loss, accuracy
        self.fitness_ = fitness_from_loss(loss)
        network.set_flat_params(population[0])
        return network, self.history_

    def _record(self, population, loss, accuracy):
        """Sort the population fittest first, log the generation and return the sorted arrays."""
        order = np.argsort(loss, kind="stable")                   # lowest loss = highest fitness
        population, loss, accuracy = population[order], loss[order], accuracy[order]
        fitness = fitness_from_loss(loss)
        self.history_["fitness"].append(float(fitness[0]))
        self.history_["accuracy"].append(float(accuracy[0]))
        self.history_["loss"].append(float(loss[0]))
        self.history_["mean_fitness"].append(float(fitness.mean()))
        if self.verbose:
            print(f"[{self.n_generations_} Best Individual - Fitness: {fitness[0]:.5f}{_accuracy_text(accuracy[0])}]")
        self.n_generations_ += 1
        return population, loss, accuracy

    def _breed(self, population, n_elite, rng):
        """Children for the places after the elites: selection, crossover, mutation.

        ``population`` is sorted fittest first. Returns an array of shape
        (population_size - n_elite, n_params).
        """
        n_children, n_params = self.population_size - n_elite, population.shape[1]
        if self.selection == "elitist":
            parents = rng.integers(0, n_elite, size=(2, n_children))
        else:
            # the fittest contestant has the smallest index, the population being sorted
            contestants = rng.integers(0, len(population), size=(2, n_children, self.tournament_size))
            parents = contestants.min(axis=2)
        first, second = population[parents[0]], population[parents[1]]  # (n_children, n_params) each
        if self.crossover == "uniform":
            children = np.where(rng.random((n_children, n_params)) < 0.5, first, second)
        elif self.crossover == "single_point":
            cut = rng.integers(1, n_params, size=n_children) if n_params > 1 else np.ones(n_children, dtype=int)
            children = np.where(np.arange(n_params) < cut[:, None], first, second)
        else:
            children = first.copy()
        mutated = rng.random((n_children, n_params)) < self.mutation_rate
        children += mutated * rng.normal(0.0, self.mutation_scale, size=(n_children, n_params))
        return children
