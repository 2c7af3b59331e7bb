"""Perceptron on the 8x8 digits: a one-layer network, by gradient descent and by Rosenblatt's rule.

The perceptron is a NeuralNetwork of one Dense layer (one unit per digit) and a
sigmoid. It is trained twice: by full-batch gradient descent on the squared
error, and by Rosenblatt's mistake-driven rule (one-vs-rest). Prints the
network summary and both test accuracies, and plots the test digits projected
on their first two principal components, coloured by the predicted class, with
the training error of both rules.

    python examples/perceptron.py           # 2000 gradient steps, ~0.95 test accuracy
    python examples/perceptron.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.deep_learning import Sigmoid, SquareLoss  # noqa: E402
from mlfromscratch.supervised_learning import Perceptron  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--max-iter", type=int, default=None,
                        help="gradient steps (default 2000, 200 with --quick)")
    parser.add_argument("--learning-rate", type=float, default=1.0, help="step size (default 1.0)")
    args = parser.parse_args(argv)
    max_iter = args.max_iter or (200 if args.quick else 2000)

    X, y = load_digits()
    X = X / 16.0                                                   # pixels in [0, 1]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed, stratify=y)

    model = Perceptron(
        max_iter=max_iter,
        activation=Sigmoid,
        loss=SquareLoss,
        learning_rate=args.learning_rate,
        random_state=args.seed,
    )
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    print(model.network_.summary(name="Perceptron"))
    print()
    y_pred = model.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)
    print(f"Gradient descent ({max_iter} steps, {fit_time:.1f} s): test accuracy {100 * accuracy:.1f}%")

    n_passes = 3 if args.quick else 20
    rosenblatt = Perceptron(rule="rosenblatt", max_iter=n_passes * len(X_train))
    start = time.perf_counter()
    rosenblatt.fit(X_train, y_train)
    rosenblatt_time = time.perf_counter() - start
    rosenblatt_accuracy = accuracy_score(y_test, rosenblatt.predict(X_test))
    print(
        f"Rosenblatt rule ({len(rosenblatt.training_errors_)} passes, {rosenblatt_time:.1f} s): "
        f"test accuracy {100 * rosenblatt_accuracy:.1f}%"
    )

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Perceptron", accuracy=accuracy, legend_labels=list(range(10)))
        show_or_save(fig, args, "perceptron")
        plt = get_pyplot()
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
        ax1.plot(model.training_errors_)
        ax1.set_title("Gradient descent")
        ax1.set_xlabel("Iteration")
        ax1.set_ylabel("Squared error")
        ax2.plot(np.arange(1, len(rosenblatt.training_errors_) + 1), rosenblatt.training_errors_, marker="o")
        ax2.set_title("Rosenblatt rule")
        ax2.set_xlabel("Pass over the training set")
        ax2.set_ylabel("Mistakes")
        show_or_save(fig, args, "perceptron_training")

    print_result(
        "perceptron",
        accuracy=accuracy,
        fit_time_s=fit_time,
        rosenblatt_accuracy=rosenblatt_accuracy,
        rosenblatt_fit_time_s=rosenblatt_time,
    )


if __name__ == "__main__":
    main()
