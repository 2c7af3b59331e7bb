"""Timings of the spatial and recurrent layers and of one epoch of the example ConvNet.

Forward + backward of Conv2D, MaxPooling2D, AveragePooling2D, UpSampling2D,
ZeroPadding2D, RNN and LSTM, then one training epoch of the classic ConvNet on
the digits (examples/convolutional_neural_network.py). Medians of repeated
runs. Set the thread count before running, e.g.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_deep_learning.py
    ... --score     # also train the example ConvNet and an sklearn MLP on the same split

The Dense / BatchNormalization / optimizer timings are in bench_deep_learning_core.py.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

from mlfromscratch.deep_learning.layers import (  # noqa: E402
    LSTM,
    RNN,
    AveragePooling2D,
    Conv2D,
    MaxPooling2D,
    UpSampling2D,
    ZeroPadding2D,
)
from mlfromscratch.utils import load_digits, to_categorical, train_test_split  # noqa: E402


def median_time(func, repeats):
    """Median wall and CPU (process) time of ``func()`` over ``repeats`` runs, after one warm-up run.

    On a machine shared with other jobs the CPU time is the steadier of the two.
    """
    func()
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return float(np.median(wall)), float(np.median(cpu))


def layer_pass(layer, X):
    """forward + backward of one layer on X."""

    def run():
        out = layer.forward_pass(X, training=True)
        layer.backward_pass(np.ones_like(out))

    return run


def bench_layers(repeats):
    rng = np.random.default_rng(0)
    cases = [
        ("Conv2D 1->16 3x3 same, (1, 8, 8)", Conv2D(16, 3, input_shape=(1, 8, 8)), (256, 1, 8, 8)),
        ("Conv2D 16->32 3x3 same, (16, 8, 8)", Conv2D(32, 3, input_shape=(16, 8, 8)), (256, 16, 8, 8)),
        ("Conv2D 16->32 3x3 stride 2, (16, 8, 8)", Conv2D(32, 3, input_shape=(16, 8, 8), stride=2), (256, 16, 8, 8)),
        ("Conv2D 1->32 5x5 valid, (1, 28, 28)", Conv2D(32, 5, input_shape=(1, 28, 28), padding="valid"),
         (256, 1, 28, 28)),
        ("MaxPooling2D 2x2, (32, 8, 8)", MaxPooling2D((2, 2), input_shape=(32, 8, 8)), (256, 32, 8, 8)),
        ("MaxPooling2D 3x3 stride 2 same, (32, 8, 8)",
         MaxPooling2D(3, stride=2, padding="same", input_shape=(32, 8, 8)), (256, 32, 8, 8)),
        ("AveragePooling2D 2x2, (32, 8, 8)", AveragePooling2D((2, 2), input_shape=(32, 8, 8)), (256, 32, 8, 8)),
        ("UpSampling2D 2x2, (32, 8, 8)", UpSampling2D((2, 2), input_shape=(32, 8, 8)), (256, 32, 8, 8)),
        ("ZeroPadding2D 1, (32, 8, 8)", ZeroPadding2D(1, input_shape=(32, 8, 8)), (256, 32, 8, 8)),
        ("RNN 32 units, (10, 61)", RNN(32, input_shape=(10, 61)), (256, 10, 61)),
        ("RNN 32 units bptt_trunc=5, (10, 61)", RNN(32, bptt_trunc=5, input_shape=(10, 61)), (256, 10, 61)),
        ("LSTM 32 units, (10, 61)", LSTM(32, input_shape=(10, 61)), (256, 10, 61)),
    ]
    rows = []
    for name, layer, shape in cases:
        layer.initialize(rng=rng)
        X = rng.standard_normal(shape)
        rows.append((f"{name}, batch {shape[0]}", median_time(layer_pass(layer, X), repeats)))
    return rows


def digits_split(seed):
    X, y = load_digits()
    X = X.reshape(-1, 1, 8, 8) / 16.0
    return train_test_split(X, to_categorical(y, 10), test_size=0.4, random_state=seed, stratify=y)


def bench_cnn_epoch(repeats, batch_size):
    from convolutional_neural_network import build_convnet

    X_train, X_test, y_train, y_test = digits_split(1)
    model = build_convnet(None, random_state=1)
    epoch = lambda: model.fit(X_train, y_train, n_epochs=1, batch_size=batch_size, verbose=False)  # noqa: E731
    return [(f"ConvNet epoch on digits ({len(X_train)} images, batch {batch_size})", median_time(epoch, repeats))]


def score(seeds, n_epochs):
    """Test accuracy and fit time of the example ConvNet, and of scikit-learn's MLP on the same split."""
    from convolutional_neural_network import build_convnet

    for seed in seeds:
        X_train, X_test, y_train, y_test = digits_split(seed)
        model = build_convnet(None, random_state=seed)
        start = time.perf_counter()
        model.fit(X_train, y_train, n_epochs=n_epochs, batch_size=64, verbose=False)
        fit_time = time.perf_counter() - start
        acc = np.mean(model.predict(X_test).argmax(1) == y_test.argmax(1))
        line = f"seed {seed}: ConvNet accuracy {acc:.4f} in {fit_time:.1f} s"
        try:
            from sklearn.neural_network import MLPClassifier

            start = time.perf_counter()
            mlp = MLPClassifier(hidden_layer_sizes=(256,), max_iter=300, random_state=seed)
            mlp.fit(X_train.reshape(len(X_train), -1), y_train.argmax(1))
            sk_time = time.perf_counter() - start
            sk_acc = mlp.score(X_test.reshape(len(X_test), -1), y_test.argmax(1))
            line += f" | sklearn MLPClassifier(256) accuracy {sk_acc:.4f} in {sk_time:.1f} s"
        except ImportError:
            pass
        print(line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--score", action="store_true", help="train the example ConvNet on 3 splits")
    args = parser.parse_args(argv)
    threads = os.environ.get("OMP_NUM_THREADS", "unset")
    print(f"OMP_NUM_THREADS={threads}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    print(f"forward + backward, median of {args.repeats} runs: wall ms, CPU ms")
    for name, (wall, cpu) in bench_layers(args.repeats) + bench_cnn_epoch(max(3, args.repeats // 2), 64):
        print(f"  {name:<62s} {1e3 * wall:9.2f} {1e3 * cpu:9.2f}")
    if args.score:
        score(seeds=(1, 2, 3), n_epochs=15)


if __name__ == "__main__":
    main()
