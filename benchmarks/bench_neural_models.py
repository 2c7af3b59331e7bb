"""Time and score the models built on NeuralNetwork: MLP, Perceptron, Neuroevolution, PSO.

Run single-threaded, from the repository root:

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_neural_models.py

Prints, per model, the test accuracy (and scikit-learn's on the same split when it is
installed), the median fit and predict times over --repeats runs, and for the
evolutionary optimisers the generations needed to reach the quality targets.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, NeuralNetwork  # noqa: E402
from mlfromscratch.supervised_learning import (  # noqa: E402
    MultilayerPerceptron,
    Neuroevolution,
    ParticleSwarmOptimizedNN,
    Perceptron,
)
from mlfromscratch.utils import (  # noqa: E402
    load_digits,
    load_iris,
    make_disc_and_ring,
    standardize,
    to_categorical,
    train_test_split,
)


def timed(function, repeats):
    """Median wall time of ``function()`` over ``repeats`` calls, and its last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def sklearn_score(make, X_train, y_train, X_test, y_test):
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = make()
            start = time.perf_counter()
            model.fit(X_train, y_train)
            return model.score(X_test, y_test), time.perf_counter() - start
    except ImportError:
        return float("nan"), float("nan")


def row(name, accuracy, fit_s, predict_s=float("nan"), sk_accuracy=float("nan"), sk_fit_s=float("nan"), note=""):
    print(f"{name:34s} {accuracy:8.4f} {fit_s:9.3f} {predict_s:10.4f} {sk_accuracy:9.4f} {sk_fit_s:9.3f}  {note}")


def digits_builder(n_inputs, n_outputs):
    model = NeuralNetwork(Adam(), CrossEntropy)
    model.add(Dense(16, input_shape=(n_inputs,)))
    model.add(Activation("relu"))
    model.add(Dense(n_outputs))
    model.add(Activation("softmax"))
    return model


def iris_builder(n_inputs, n_outputs):
    model = NeuralNetwork(Adam(), CrossEntropy)
    model.add(Dense(8, input_shape=(n_inputs,)))
    model.add(Activation("tanh"))
    model.add(Dense(n_outputs))
    model.add(Activation("softmax"))
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"threads: OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, repeats={args.repeats}")
    print(f"{'model':34s} {'accuracy':>8s} {'fit_s':>9s} {'predict_s':>10s} {'sk_acc':>9s} {'sk_fit_s':>9s}")

    X, y = load_digits()
    X = X / 16.0
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed, stratify=y)

    # MultilayerPerceptron, defaults: (64,) ReLU, Adam 1e-3, batch 32, 200 epochs
    fit_s, model = timed(lambda: MultilayerPerceptron(random_state=0).fit(X_train, y_train), args.repeats)
    predict_s, y_pred = timed(lambda: model.predict(X_test), args.repeats)
    from_sklearn = sklearn_score(
        lambda: __import__("sklearn.neural_network", fromlist=["MLPClassifier"]).MLPClassifier(
            (64,), batch_size=32, max_iter=200, random_state=0), X_train, y_train, X_test, y_test)
    row("MultilayerPerceptron digits", np.mean(y_pred == y_test), fit_s, predict_s, *from_sklearn)

    # Perceptron: gradient rule and Rosenblatt's rule
    fit_s, model = timed(lambda: Perceptron(max_iter=2000, random_state=0).fit(X_train, y_train), args.repeats)
    predict_s, y_pred = timed(lambda: model.predict(X_test), args.repeats)
    from_sklearn = sklearn_score(
        lambda: __import__("sklearn.linear_model", fromlist=["Perceptron"]).Perceptron(random_state=0),
        X_train, y_train, X_test, y_test)
    row("Perceptron digits (gradient)", np.mean(y_pred == y_test), fit_s, predict_s, *from_sklearn, "2000 steps")
    fit_s, model = timed(lambda: Perceptron(rule="rosenblatt", max_iter=20 * len(X_train)).fit(X_train, y_train),
                         args.repeats)
    row("Perceptron digits (rosenblatt)", np.mean(model.predict(X_test) == y_test), fit_s, float("nan"),
        *from_sklearn, f"{len(model.training_errors_)} passes")

    # Neuroevolution 64-16-10 on the digits: generations to 0.90 test accuracy
    evolver = Neuroevolution(50, 0.05, digits_builder, random_state=args.seed, mutation_scale=0.1, warm_start=True)
    Y_train = to_categorical(y_train, 10)
    reached, start = None, time.perf_counter()
    for _ in range(40):
        network, history = evolver.evolve(X_train, Y_train, 10)
        accuracy = np.mean(network.predict(X_test).argmax(axis=1) == y_test)
        if reached is None and accuracy >= 0.90:
            reached = (evolver.n_generations_, time.perf_counter() - start)
    fit_s = time.perf_counter() - start
    note = f"0.90 after {reached[0]} generations, {reached[1]:.1f} s" if reached else "0.90 not reached"
    row("Neuroevolution digits (400 gen.)", accuracy, fit_s, float("nan"), note=note + "; population 50")

    # PSO on iris, several splits
    Xi, yi = load_iris()
    Xi = standardize(Xi)
    accuracies, sk_accuracies, times = [], [], []
    for seed in range(1, 6):
        Xa, Xb, ya, yb = train_test_split(Xi, yi, test_size=0.4, random_state=seed, stratify=yi)
        start = time.perf_counter()
        network, _ = ParticleSwarmOptimizedNN(50, iris_builder, random_state=seed).evolve(Xa, ya, 200)
        times.append(time.perf_counter() - start)
        accuracies.append(np.mean(network.predict(Xb).argmax(axis=1) == yb))
        sk_accuracies.append(sklearn_score(
            lambda: __import__("sklearn.neural_network", fromlist=["MLPClassifier"]).MLPClassifier(
                (8,), activation="tanh", max_iter=2000, random_state=0), Xa, ya, Xb, yb)[0])
    row("PSO iris (200 it., median 5 splits)", np.median(accuracies), np.median(times), float("nan"),
        np.median(sk_accuracies), float("nan"), f"per split {np.round(accuracies, 3).tolist()}")

    # MLP on the circle data: gradient and genetic
    Xc, yc = make_disc_and_ring(400, random_state=args.seed)
    Xc_test, yc_test = make_disc_and_ring(400, random_state=args.seed + 1000)
    for solver, params in [("sgd", dict(learning_rate=0.05, n_epochs=40)),
                           ("genetic", dict(population_size=50, mutation_rate=0.1, mutation_scale=0.2, n_epochs=300))]:
        fit_s, model = timed(lambda: MultilayerPerceptron(hidden_layers=(24, 24, 12),
                                                       activation=("relu", "tanh", "softsign"),
                                                          optimizer=solver, random_state=0, **params).fit(Xc, yc), 1)
        row(f"MLP circle ({solver})", np.mean(model.predict(Xc_test) == yc_test), fit_s,
            note=f"{params['n_epochs']} {'generations' if solver == 'genetic' else 'epochs'}")


if __name__ == "__main__":
    main()
