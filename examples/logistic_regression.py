"""Logistic regression on breast cancer (two classes) and handwritten digits (ten classes).

Two classes use the sigmoid of one linear score, more classes the softmax of
one score per class. The model is fitted with an L2 penalty (scikit-learn's C)
by Newton's method and by gradient descent on standardised features; the
script prints both test accuracies and draws the test tumours projected on
their first two principal components, coloured by the predicted class, and the
training loss of both solvers.

    python examples/logistic_regression.py
    python examples/logistic_regression.py --quick --no-plot
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import LogisticRegression  # noqa: E402
from mlfromscratch.utils import (  # noqa: E402
    ConvergenceWarning,
    accuracy_score,
    load_breast_cancer,
    load_digits,
    train_test_split,
)


def standardised_split(X, y, seed):
    """70/30 stratified split, features standardised with the training statistics."""
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=seed)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0                                   # constant pixels stay 0
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--C", type=float, default=1.0, help="inverse penalty strength (default 1.0)")
    args = parser.parse_args(argv)
    gd_iterations = 300 if args.quick else 3000

    rows = [["Data", "Solver", "Iterations", "Fit time (s)", "Test accuracy"]]
    results = {}
    X, y = load_breast_cancer()
    X_digits, y_digits = load_digits()
    if args.quick:
        X_digits, y_digits = X_digits[:600], y_digits[:600]
    for data_name, (X_all, y_all) in [("breast cancer", (X, y)), ("digits", (X_digits, y_digits))]:
        X_train, X_test, y_train, y_test = standardised_split(X_all, y_all, args.seed)
        for solver in ("newton", "gd"):
            model = LogisticRegression(C=args.C, solver=solver, max_iter=100 if solver == "newton" else gd_iterations)
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)  # gradient descent may stop before tol
                model.fit(X_train, y_train)
            fit_time = time.perf_counter() - start
            accuracy = accuracy_score(y_test, model.predict(X_test))
            results[data_name, solver] = (model, accuracy, fit_time, X_test)
            rows.append([data_name, solver, str(model.n_iter_), f"{fit_time:.3f}", f"{accuracy:.3f}"])
    print(f"Breast cancer: {len(y)} tumours, 30 features; digits: {len(y_digits)} images, 64 pixels "
          f"(70% training, 30% test, C={args.C:g})")
    print(table(rows, "Logistic Regression"))

    model, accuracy, fit_time, X_test = results["breast cancer", "newton"]
    digits_accuracy = results["digits", "newton"][1]
    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, model.predict(X_test), title="Logistic Regression (breast cancer)",
                                accuracy=accuracy, legend_labels=["malignant", "benign"])
        show_or_save(fig, args, "logistic_regression")

        plt = get_pyplot()
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        for ax, data_name in zip(axes, ("breast cancer", "digits")):
            for solver in ("newton", "gd"):
                errors = results[data_name, solver][0].training_errors_
                ax.loglog(np.arange(1, len(errors) + 1), errors, label=solver)
            ax.set_xlabel("Iteration")
            ax.set_ylabel("penalised mean log-loss")
            ax.set_title(f"Training loss, {data_name}")
            ax.legend()
        show_or_save(fig, args, "logistic_regression_loss")

    print_result("logistic_regression", accuracy=accuracy, digits_accuracy=digits_accuracy, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
