"""Recurrent neural networks on the classic "multiplication series": predict the next number.

Each sequence is ``s, 2s, 3s, ..., 10s`` for a start ``s`` in 2..6, fed as
one-hot vectors over the numbers 0..60. At every step the network predicts the
next number of the series, and at the last step the end marker (class 1). The
first number tells the start, so the network has to carry it in its state to
predict every later step: ``RNN(16)`` (tanh, truncated BPTT over 5 steps) or
``LSTM(16)``, then ``Dense(61)`` and a softmax over the 61 classes at every
step, trained with Adam on the cross-entropy.

Prints each model's summary and per-step test accuracy, three test sequences
with their predictions, and plots the training/validation error and the
validation accuracy of both cells per epoch.

    python examples/recurrent_neural_network.py               # RNN and LSTM
    python examples/recurrent_neural_network.py --cell lstm   # one of them
    python examples/recurrent_neural_network.py --quick       # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.deep_learning import LSTM, RNN, Activation, Adam, CrossEntropy, Dense, NeuralNetwork  # noqa: E402

N_CLASSES = 61  # numbers 0..60; class 1 doubles as the end-of-series marker
TIMESTEPS = 10


def multiplication_series(n_samples, rng):
    """One-hot sequences ``s, 2s, ..., 10s`` (s in 2..6) and their next numbers.

    Returns X and y of shape (n_samples, 10, 61); ``y[:, t]`` is ``X[:, t + 1]``
    and the last target is the end marker 1.
    """
    start = rng.integers(2, 7, size=n_samples)
    series = start[:, None] * np.arange(1, TIMESTEPS + 1)  # (n_samples, 10)
    following = np.concatenate([series[:, 1:], np.ones((n_samples, 1), dtype=int)], axis=1)
    one_hot = np.eye(N_CLASSES)
    return one_hot[series], one_hot[following]


def build_model(cell, validation_data, random_state):
    """A recurrent layer, a 61-way Dense output at every step, then a softmax."""
    model = NeuralNetwork(optimizer=Adam(learning_rate=0.01), loss=CrossEntropy, validation_data=validation_data,
                          random_state=random_state)
    if cell == "rnn":
        model.add(RNN(16, activation="tanh", bptt_trunc=5, input_shape=(TIMESTEPS, N_CLASSES)))
    else:
        model.add(LSTM(16, input_shape=(TIMESTEPS, N_CLASSES)))
    model.add(Dense(N_CLASSES))  # the output layer o_t = h_t V + c, applied at every step
    model.add(Activation("softmax"))
    return model


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--cell", choices=["rnn", "lstm", "both"], default="both",
                        help="recurrent layer (default both)")
    parser.add_argument("--n-epochs", type=int, default=None, help="training epochs (default 30, 10 with --quick)")
    args = parser.parse_args(argv)
    n_epochs = args.n_epochs or (10 if args.quick else 30)
    cells = ["rnn", "lstm"] if args.cell == "both" else [args.cell]

    rng = np.random.default_rng(args.seed)
    X_train, y_train = multiplication_series(1000, rng)
    X_test, y_test = multiplication_series(300, rng)

    results = {}
    for cell in cells:
        model = build_model(cell, (X_test, y_test), random_state=args.seed)
        print(model.summary(name=f"{cell.upper()} on the multiplication series"))
        start = time.perf_counter()
        history = model.fit(X_train, y_train, n_epochs=n_epochs, batch_size=64)
        fit_time = time.perf_counter() - start
        y_pred = np.argmax(model.predict(X_test), axis=-1)  # (n_test, 10)
        correct = y_pred == np.argmax(y_test, axis=-1)
        results[cell] = dict(history=history, accuracy=correct.mean(), time=fit_time)
        print(f"{cell.upper()}: per-step test accuracy {correct.mean():.4f} ({n_epochs} epochs in {fit_time:.1f} s)")
        print(f"  accuracy at steps 1..{TIMESTEPS}: {np.round(correct.mean(axis=0), 3)}")
        for k in range(3):
            print(f"  X      = {np.argmax(X_test[k], axis=-1)}")
            print(f"  y_true = {np.argmax(y_test[k], axis=-1)}")
            print(f"  y_pred = {y_pred[k]}")
        print()

    if not args.no_plot:
        plt = get_pyplot()
        fig, (ax_err, ax_step) = plt.subplots(1, 2, figsize=(11, 4))
        epochs = np.arange(1, n_epochs + 1)
        for cell, res in results.items():
            line = ax_err.plot(epochs, res["history"]["loss"], label=f"{cell.upper()} training")[0]
            ax_err.plot(epochs, res["history"]["val_loss"], "--", color=line.get_color(),
                        label=f"{cell.upper()} validation")
            ax_step.plot(epochs, res["history"]["val_acc"], color=line.get_color(), label=cell.upper())
        ax_err.set_yscale("log")
        ax_err.set_title("Error plot")
        ax_err.set_xlabel("Epoch")
        ax_err.set_ylabel("Cross-entropy (summed over the 10 steps)")
        ax_err.legend()
        ax_step.set_title("Validation accuracy (all steps)")
        ax_step.set_xlabel("Epoch")
        ax_step.set_ylabel("Per-step accuracy")
        ax_step.set_ylim(0, 1.05)
        ax_step.legend()
        show_or_save(fig, args, "recurrent_neural_network")

    metrics = {f"{cell}_accuracy": float(res["accuracy"]) for cell, res in results.items()}
    metrics.update({f"{cell}_fit_time_s": res["time"] for cell, res in results.items()})
    print_result("recurrent_neural_network", **metrics)


if __name__ == "__main__":
    main()
