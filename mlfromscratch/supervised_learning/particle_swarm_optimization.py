"""Particle swarm optimisation of the weights of a neural network."""

import numpy as np

from mlfromscratch.supervised_learning.neuroevolution import (
    evaluate_population,
    fitness_from_loss,
    infer_n_outputs,
    initial_population,
    prepare_targets,
)
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import check_array, check_positive, check_random_state


class ParticleSwarmOptimizedNN(BaseEstimator):
    """Train a neural network's weights with a particle swarm.

    Every particle is one flattened parameter vector of the network built by
    ``model_builder``. Particles fly through weight space, pulled towards the
    best position each has visited (its personal best) and the best position
    any particle has visited (the global best).

    Parameters
    ----------
    population_size : int >= 1
        Number of particles.
    model_builder : callable
        ``model_builder(n_inputs, n_outputs)`` returns a ``NeuralNetwork``
        (with its loss) for inputs of ``n_inputs`` features.
    inertia_weight : float >= 0, default=0.7298
        w: the fraction of its velocity a particle keeps.
    cognitive_weight : float >= 0, default=1.49618
        c1: pull towards the particle's personal best.
    social_weight : float >= 0, default=1.49618
        c2: pull towards the swarm's global best.
    max_velocity : float > 0 or None, default=0.5
        Every velocity component is clipped to [-max_velocity, max_velocity];
        None switches the clamp off.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial positions and the random pulls.
    verbose : bool, default=False
        Print the global best of every iteration.

    Attributes
    ----------
    best_network_ : NeuralNetwork
        Network holding the global best weights.
    positions_, velocities_ : ndarrays of shape (population_size, n_params)
        The swarm after the last iteration.
    personal_best_ : ndarray of shape (population_size, n_params)
        Best position of each particle (its own copy, not a view of ``positions_``).
    personal_best_fitness_ : ndarray of shape (population_size,)
    global_best_ : ndarray of shape (n_params,)
        Best position found by the swarm (a copy).
    global_best_fitness_ : float
    history_ : dict of lists
        Per iteration: "fitness", "accuracy" and "loss" of the global best
        (the accuracy is NaN for a regression loss), "mean_fitness" of the
        current positions.
    n_features_in_ : int
        Number of features seen by ``evolve``.

    Notes
    -----
    Fitness is 1 / (1 + L) with L the network's loss on the training data, as
    in ``Neuroevolution``. With r1, r2 ~ U(0, 1) drawn per particle and per
    weight, one iteration is

        v <- w v + c1 r1 (p_best - x) + c2 r2 (g_best - x)
        v <- clip(v, -max_velocity, max_velocity)
        x <- x + v

    then every particle whose new fitness beats its personal best copies its
    position into p_best, and g_best is the best of the personal bests. The
    defaults w = 0.7298, c1 = c2 = 1.49618 are Clerc and Kennedy's constriction
    values, which let the swarm converge without a velocity clamp; the clamp is
    the original remedy and stays as a safeguard. Initial positions come from
    the layers' initialisers, initial velocities are zero.

    References
    ----------
    Kennedy, J. and Eberhart, R. (1995). Particle swarm optimization. Proc. IEEE
    International Conference on Neural Networks. Clerc, M. and Kennedy, J.
    (2002). The particle swarm: explosion, stability, and convergence in a
    multidimensional complex space. IEEE Trans. Evolutionary Computation 6(1).

    Examples
    --------
    >>> from mlfromscratch.deep_learning import NeuralNetwork, Dense, Activation, Adam, CrossEntropy
    >>> def builder(n_inputs, n_outputs):
    ...     model = NeuralNetwork(Adam(), CrossEntropy)
    ...     model.add(Dense(n_outputs, input_shape=(n_inputs,)))
    ...     model.add(Activation("softmax"))
    ...     return model
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> swarm = ParticleSwarmOptimizedNN(10, builder, random_state=0)
    >>> network, history = swarm.evolve(X, np.array([0, 0, 1, 1]), n_generations=20)
    >>> history["fitness"][-1] >= history["fitness"][0]
    True
    """

    def __init__(
        self,
        population_size,
        model_builder,
        inertia_weight=0.7298,
        cognitive_weight=1.49618,
        social_weight=1.49618,
        max_velocity=0.5,
        random_state=None,
        verbose=False,
    ):
        self.population_size = population_size
        self.model_builder = model_builder
        self.inertia_weight = inertia_weight
        self.cognitive_weight = cognitive_weight
        self.social_weight = social_weight
        self.max_velocity = max_velocity
        self.random_state = random_state
        self.verbose = verbose

    def _check_params(self):
        check_positive(self.population_size, "population_size", self, integer=True)
        for name in ("inertia_weight", "cognitive_weight", "social_weight"):
            check_positive(getattr(self, name), name, self, strict=False)
        if self.max_velocity is not None:
            check_positive(self.max_velocity, "max_velocity", self)
        if not callable(self.model_builder):
            raise ValueError(
                "ParticleSwarmOptimizedNN: model_builder must be a callable model_builder(n_inputs, n_outputs)"
            )

    def evolve(self, X, y, n_generations=100):
        """Fly the swarm for ``n_generations`` iterations, starting afresh.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples, n_outputs) or (n_samples,)
            Targets as the network's loss expects them (one-hot rows for
            ``CrossEntropy``); 1-D class indices are one-hot encoded when the
            network has several outputs.
        n_generations : int >= 1, default=100
            Iterations; the random initial swarm counts as the first.

        Returns
        -------
        best_network : NeuralNetwork
            The network with the global best weights (``best_network_``).
        history : dict of lists
            ``history_`` (see the class Attributes).
        """
        self._check_params()
        check_positive(n_generations, "n_generations", self, integer=True)
        X = check_array(X, estimator=self)
        rng = check_random_state(self.random_state, estimator=self)
        network = self.model_builder(X.shape[1], infer_n_outputs(y))
        self.n_features_in_ = X.shape[1]
        X, Y = prepare_targets(network, X, y, estimator=self)
        self.history_ = {"fitness": [], "accuracy": [], "loss": [], "mean_fitness": []}

        positions = initial_population(network, self.population_size, rng)  # (n_particles, n_params)
        velocities = np.zeros_like(positions)
        loss, accuracy = evaluate_population(network, positions, X, Y)
        fitness = fitness_from_loss(loss)
        personal_best = positions.copy()                            # copies: later moves must not alter them
        personal_best_fitness = fitness.copy()
        personal_best_accuracy = accuracy.copy()
        personal_best_loss = loss.copy()
        self._record(0, personal_best_loss, personal_best_accuracy, fitness)

        for iteration in range(1, n_generations):
            global_best = personal_best[np.argmax(personal_best_fitness)].copy()  # (n_params,)
            r1 = rng.random(positions.shape)
            r2 = rng.random(positions.shape)
            velocities = (
                self.inertia_weight * velocities
                + self.cognitive_weight * r1 * (personal_best - positions)
                + self.social_weight * r2 * (global_best - positions)
            )
            if self.max_velocity is not None:
                velocities = np.clip(velocities, -self.max_velocity, self.max_velocity)
            positions = positions + velocities
            loss, accuracy = evaluate_population(network, positions, X, Y)
            fitness = fitness_from_loss(loss)
            improved = fitness > personal_best_fitness
            personal_best[improved] = positions[improved]           # fancy indexing copies the rows
            personal_best_fitness[improved] = fitness[improved]
            personal_best_accuracy[improved] = accuracy[improved]
            personal_best_loss[improved] = loss[improved]
            self._record(iteration, personal_best_loss, personal_best_accuracy, fitness)

        best = np.argmax(personal_best_fitness)
        self.positions_, self.velocities_ = positions, velocities
        self.personal_best_, self.personal_best_fitness_ = personal_best, personal_best_fitness
        self.global_best_ = personal_best[best].copy()
        self.global_best_fitness_ = float(personal_best_fitness[best])
        network.set_flat_params(self.global_best_)
        self.best_network_ = network
        return network, self.history_

    def _record(self, iteration, personal_best_loss, personal_best_accuracy, fitness):
        """Log the global best of this iteration."""
        best = np.argmin(personal_best_loss)
        best_fitness = fitness_from_loss(personal_best_loss[best])
        self.history_["fitness"].append(float(best_fitness))
        self.history_["accuracy"].append(float(personal_best_accuracy[best]))
        self.history_["loss"].append(float(personal_best_loss[best]))
        self.history_["mean_fitness"].append(float(fitness.mean()))
        if self.verbose:
            accuracy = personal_best_accuracy[best]                 # NaN for a regression loss
            accuracy_text = "" if np.isnan(accuracy) else f", Accuracy: {100 * accuracy:.1f}%"
            print(f"[{iteration} Best Individual - Fitness: {best_fitness:.5f}{accuracy_text}]")
