"""Timings of the deep-learning core: Dense/BatchNormalization/Softmax passes, optimizer steps, an MLP epoch.

Medians of repeated runs. Set the thread count before running, e.g.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_deep_learning_core.py
    ... --score     # also train the example MLP (50 epochs) and compare with scikit-learn
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mlfromscratch.deep_learning import (  # noqa: E402
    Activation,
    Adam,
    BatchNormalization,
    Dense,
    StochasticGradientDescent,
)
from mlfromscratch.utils import load_digits, to_categorical, train_test_split  # noqa: E402


def median_time(func, repeats):
    """Median wall time of ``func()`` over ``repeats`` runs (after one warm-up run)."""
    func()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def layer_pass(layer, X):
    """forward + backward of one layer on X."""

    def run():
        out = layer.forward_pass(X, training=True)
        layer.backward_pass(np.ones_like(out))

    return run


def bench_layers(repeats):
    rng = np.random.default_rng(0)
    rows = []
    for batch, n_in, n_out in [(256, 64, 256), (256, 2048, 256), (64, 256, 10)]:
        dense = Dense(n_out, input_shape=(n_in,))
        dense.initialize(rng=rng)
        X = rng.standard_normal((batch, n_in))
        rows.append((f"Dense {n_in}->{n_out}, batch {batch}", median_time(layer_pass(dense, X), repeats)))
    for shape in [(256,), (16, 8, 8)]:
        bn = BatchNormalization(input_shape=shape)
        bn.initialize()
        X = rng.standard_normal((256,) + shape)
        rows.append((f"BatchNormalization {shape}, batch 256", median_time(layer_pass(bn, X), repeats)))
    softmax = Activation("softmax", input_shape=(10,))
    logits = rng.standard_normal((256, 10))
    rows.append(("Activation (Softmax) 10, batch 256", median_time(layer_pass(softmax, logits), repeats)))
    return rows


def bench_optimizers(repeats):
    rows = []
    grad = np.random.default_rng(0).standard_normal(524544)  # the classic ConvNet's Dense 2048->256
    for opt in [StochasticGradientDescent(learning_rate=0.01, momentum=0.9), Adam()]:
        param, state = np.zeros_like(grad), {}
        step = lambda: opt.update(param, grad, state)  # noqa: E731
        rows.append((f"{type(opt).__name__}.update, 524544 params", median_time(step, repeats)))
    return rows


def build_mlp(random_state, validation_data=None):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
    from multilayer_perceptron import build_mlp as build

    return build(64, 256, 10, validation_data, random_state)


def bench_mlp_epoch(repeats):
    X, y = load_digits()
    X_train, _, y_train, _ = train_test_split(X / 16.0, to_categorical(y, 10), test_size=0.4, random_state=1)
    model = build_mlp(random_state=1)
    fit = lambda: model.fit(X_train, y_train, n_epochs=1, batch_size=64, verbose=False)  # noqa: E731
    return [(f"MLP epoch (digits, {len(X_train)} samples, batch 64)", median_time(fit, repeats))]


def score_mlp(seeds):
    X, y = load_digits()
    X = X / 16.0
    print("\nExample MLP, 50 epochs, test_size=0.4 (stratified):")
    for seed in seeds:
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=seed, stratify=y)
        model = build_mlp(random_state=seed)
        start = time.perf_counter()
        model.fit(X_train, to_categorical(y_train, 10), n_epochs=50, batch_size=64, verbose=False)
        fit_time = time.perf_counter() - start
        accuracy = np.mean(np.argmax(model.predict(X_test), axis=1) == y_test)
        line = f"  seed {seed}: accuracy {accuracy:.4f} (fit {fit_time:.1f} s)"
        try:
            import warnings

            from sklearn.neural_network import MLPClassifier

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ref = MLPClassifier((256, 256), batch_size=64, max_iter=50, random_state=seed).fit(X_train, y_train)
            line += f" | scikit-learn MLPClassifier(256, 256): {ref.score(X_test, y_test):.4f}"
        except ImportError:
            pass
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--score", action="store_true", help="also train the example MLP and compare with scikit-learn")
    args = parser.parse_args()
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    rows = bench_layers(args.repeats) + bench_optimizers(args.repeats) + bench_mlp_epoch(max(3, args.repeats // 4))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {1000 * seconds:8.3f} ms")
    if args.score:
        score_mlp(seeds=[1, 2, 3])


if __name__ == "__main__":
    main()
