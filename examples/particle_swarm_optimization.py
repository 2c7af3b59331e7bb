"""Particle swarm optimisation of a small neural network on the iris flowers.

Each particle is the weight vector of a 4-8-3 network (tanh hidden layer,
softmax output). The swarm flies through weight space, each particle pulled
towards its own best position and the swarm's best, with a velocity clamp; no
gradient is computed. Prints the network summary, the swarm settings and the
best particle of every iteration, then the test accuracy, and plots the test
flowers projected on their first two principal components (coloured by the
predicted class) and the best and mean fitness per iteration.

    python examples/particle_swarm_optimization.py           # 200 iterations, ~0.95 test accuracy
    python examples/particle_swarm_optimization.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, NeuralNetwork  # noqa: E402
from mlfromscratch.supervised_learning import ParticleSwarmOptimizedNN  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_iris, standardize, to_categorical, train_test_split  # noqa: E402


def model_builder(n_inputs, n_outputs):
    """Dense(8) -> TanH -> Dense -> Softmax."""
    model = NeuralNetwork(optimizer=Adam(), loss=CrossEntropy)
    model.add(Dense(8, input_shape=(n_inputs,)))
    model.add(Activation("tanh"))
    model.add(Dense(n_outputs))
    model.add(Activation("softmax"))
    return model


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--population-size", type=int, default=50, help="particles (default 50)")
    parser.add_argument("--n-generations", type=int, default=None, help="iterations (default 200, 40 with --quick)")
    args = parser.parse_args(argv)
    n_generations = args.n_generations or (40 if args.quick else 200)

    X, y = load_iris()
    X = standardize(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed, stratify=y)

    swarm = ParticleSwarmOptimizedNN(
        population_size=args.population_size,
        model_builder=model_builder,
        inertia_weight=0.7298,
        cognitive_weight=1.49618,
        social_weight=1.49618,
        max_velocity=0.5,
        random_state=args.seed,
        verbose=True,
    )
    print(model_builder(X.shape[1], 3).summary(name="Model Summary"))
    print()
    print(f"Population Size: {swarm.population_size}")
    print(f"Generations: {n_generations}")
    print(f"Inertia Weight: {swarm.inertia_weight}, Cognitive Weight: {swarm.cognitive_weight}, "
          f"Social Weight: {swarm.social_weight}, Max Velocity: {swarm.max_velocity}")
    print()

    start = time.perf_counter()
    model, history = swarm.evolve(X_train, to_categorical(y_train, 3), n_generations=n_generations)
    fit_time = time.perf_counter() - start

    y_pred = np.argmax(model.predict(X_test), axis=1)
    accuracy = accuracy_score(y_test, y_pred)
    print(f"Test set accuracy: {100 * accuracy:.1f}%")
    print(f"({n_generations} iterations in {fit_time:.1f} s)")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Particle Swarm Optimized Neural Network", accuracy=accuracy,
                                legend_labels=["setosa", "versicolor", "virginica"])
        show_or_save(fig, args, "particle_swarm_optimization")
        plt = get_pyplot()
        fig, ax = plt.subplots()
        ax.plot(history["fitness"], label="Global best")
        ax.plot(history["mean_fitness"], label="Swarm mean")
        ax.set_xlabel("Iteration")
        ax.set_ylabel("Fitness 1 / (1 + cross-entropy)")
        ax.set_title("Particle swarm on iris")
        ax.legend()
        show_or_save(fig, args, "particle_swarm_optimization_fitness")

    print_result("particle_swarm_optimization", accuracy=accuracy, fit_time_s=fit_time, n_generations=n_generations)


if __name__ == "__main__":
    main()
