"""Neuroevolution: the weights of a 64-16-10 network on the 8x8 digits, found by a genetic algorithm.

No gradients: a population of weight vectors evolves by elitist selection,
uniform crossover and Gaussian mutation, the fitness being 1 / (1 + loss) on
the training set. Prints the network summary, the settings and the best
individual of every generation, then the test accuracy, and plots the test
digits projected on their first two principal components (coloured by the
predicted class) and the best fitness per generation.

    python examples/neuroevolution.py           # 400 generations, ~0.95 test accuracy
    python examples/neuroevolution.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, NeuralNetwork  # noqa: E402
from mlfromscratch.supervised_learning import Neuroevolution  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, to_categorical, train_test_split  # noqa: E402


def model_builder(n_inputs, n_outputs):
    """The classic 64-16-10 network: Dense -> ReLU -> Dense -> Softmax."""
    model = NeuralNetwork(optimizer=Adam(), loss=CrossEntropy)
    model.add(Dense(16, input_shape=(n_inputs,)))
    model.add(Activation("relu"))
    model.add(Dense(n_outputs))
    model.add(Activation("softmax"))
    return model


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--population-size", type=int, default=None, help="individuals (default 50, 20 with --quick)")
    parser.add_argument("--n-generations", type=int, default=None, help="generations (default 400, 50 with --quick)")
    parser.add_argument("--mutation-rate", type=float, default=0.05,
                        help="probability that a weight mutates (default 0.05)")
    args = parser.parse_args(argv)
    population_size = args.population_size or (20 if args.quick else 50)
    n_generations = args.n_generations or (50 if args.quick else 400)

    X, y = load_digits()
    X = X / 16.0                                                   # pixels in [0, 1]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed, stratify=y)

    print(model_builder(X.shape[1], 10).summary(name="Model Summary"))
    print()
    print(f"Population Size: {population_size}")
    print(f"Generations: {n_generations}")
    print(f"Mutation Rate: {args.mutation_rate}")
    print()

    evolver = Neuroevolution(
        population_size=population_size,
        mutation_rate=args.mutation_rate,
        model_builder=model_builder,
        random_state=args.seed,
        mutation_scale=0.1,
        selection="elitist",
        crossover="uniform",
        verbose=True,
    )
    start = time.perf_counter()
    model, history = evolver.evolve(X_train, to_categorical(y_train, 10), n_generations=n_generations)
    fit_time = time.perf_counter() - start

    y_pred = np.argmax(model.predict(X_test), axis=1)
    accuracy = accuracy_score(y_test, y_pred)
    print(f"Test set accuracy: {100 * accuracy:.1f}%")
    print(f"({n_generations} generations in {fit_time:.1f} s)")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Evolutionary Evolved Neural Network", accuracy=accuracy,
                                legend_labels=list(range(10)))
        show_or_save(fig, args, "neuroevolution")
        plt = get_pyplot()
        fig, ax = plt.subplots()
        ax.plot(history["fitness"], label="Best individual")
        ax.plot(history["mean_fitness"], label="Population mean")
        ax.set_xlabel("Generation")
        ax.set_ylabel("Fitness 1 / (1 + cross-entropy)")
        ax.set_title("Neuroevolution on the digits")
        ax.legend()
        show_or_save(fig, args, "neuroevolution_fitness")

    print_result("neuroevolution", accuracy=accuracy, fit_time_s=fit_time, n_generations=n_generations,
                 population_size=population_size)


if __name__ == "__main__":
    main()
