"""Linear regression of the 2016 daily temperatures in Linköping on the day of the year.

Fits a straight line twice, by exact least squares (``solver="lstsq"``) and by
batch gradient descent (``solver="gd"``), checks that both reach the same
coefficients, and prints the test error. A straight line cannot follow the
seasons, which is the point of ``polynomial_regression.py``. The figure shows the
data with the fitted line, and the training objective of gradient descent
falling towards the least-squares optimum.

    python examples/linear_regression.py
    python examples/linear_regression.py --quick --no-plot
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import (  # noqa: E402
    example_parser,
    get_pyplot,
    plot_temperature_fit,
    print_result,
    show_or_save,
    table,
)
from mlfromscratch.supervised_learning import LinearRegression  # noqa: E402
from mlfromscratch.utils import ConvergenceWarning, load_temperature, mean_squared_error, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--learning-rate", type=float, default=1.0,
                        help="gradient-descent step (default 1.0; 'None' in the API picks 1/L, which solves "
                             "this one-feature problem in a single step)")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)

    start = time.perf_counter()
    exact = LinearRegression(solver="lstsq").fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    gd = LinearRegression(solver="gd", learning_rate=args.learning_rate, max_iter=100 if args.quick else 2000,
                          tol=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # --quick stops early on purpose
        gd.fit(X_train, y_train)
    mse = mean_squared_error(y_test, exact.predict(X_test))
    mse_gd = mean_squared_error(y_test, gd.predict(X_test))

    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days")
    print(table([
        ["Solver", "Slope (°C per year)", "Intercept (°C)", "Iterations", "Test MSE"],
        ["lstsq", f"{exact.coef_[0]:.4f}", f"{exact.intercept_:.4f}", "-", f"{mse:.3f}"],
        ["gd", f"{gd.coef_[0]:.4f}", f"{gd.intercept_:.4f}", str(gd.n_iter_), f"{mse_gd:.3f}"],
    ], "Linear Regression"))
    print(f"Largest coefficient difference between the solvers: {np.abs(gd.coef_ - exact.coef_).max():.2e}")

    if not args.no_plot:
        plt = get_pyplot()
        fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(11, 4))
        grid = np.linspace(X.min(), X.max(), 2)[:, None]
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, exact.predict(grid),
                             f"Linear Regression\nMSE: {mse:.2f}")

        optimum = 0.5 * np.mean((y_train - exact.predict(X_train)) ** 2)
        ax_loss.semilogy(np.arange(1, gd.n_iter_ + 1), np.maximum(gd.training_errors_ - optimum, 1e-16))
        ax_loss.set_xlabel("Iteration")
        ax_loss.set_ylabel("J(w) - J(w*)")
        ax_loss.set_title(f"Gradient descent (learning_rate={args.learning_rate:g})\nobjective above the optimum")
        show_or_save(fig, args, "linear_regression")

    print_result("linear_regression", mse=mse, mse_gd=mse_gd, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
