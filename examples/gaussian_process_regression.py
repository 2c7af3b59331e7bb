"""Gaussian process regression of the 2016 daily temperatures in Linköping, with a credible band.

Fits GaussianProcessRegression (RBF kernel plus noise, hyperparameters by
maximising the marginal likelihood) to 60% of the days, prints the fitted
length scale and noise, the test MSE and how many test days fall inside the 95%
band of a new observation, and draws the posterior mean with the band of f and
of a new noisy day.

    python examples/gaussian_process_regression.py
    python examples/gaussian_process_regression.py --quick --no-plot
"""

import sys
import time
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
from mlfromscratch.supervised_learning import GaussianProcessRegression  # noqa: E402
from mlfromscratch.utils import load_temperature, mean_squared_error, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--restarts", type=int, default=3, help="extra random starts of the hyperparameter fit")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)

    # a length scale of a tenth of a year to start from; the fit moves it to where the data say
    model = GaussianProcessRegression(length_scale=0.1, n_restarts=0 if args.quick else args.restarts,
                                      random_state=args.seed)
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    mean, std = model.predict(X_test, return_std=True)
    noise_std = np.sqrt(model.noise_variance_) * model.y_std_          # in degrees
    band = 1.96 * np.sqrt(std**2 + noise_std**2)                          # a new day: f plus noise
    mse = mean_squared_error(y_test, mean)
    coverage = float(np.mean(np.abs(y_test - mean) <= band))

    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days")
    print(table([["Hyperparameter", "Fitted value"],
                 ["length scale", f"{model.length_scale_:.4f} of a year ({366 * model.length_scale_:.1f} days)"],
                 ["signal std", f"{np.sqrt(model.signal_variance_) * model.y_std_:.2f} degrees"],
                 ["noise std", f"{noise_std:.2f} degrees"],
                 ["log marginal likelihood", f"{model.log_marginal_likelihood_value_:.2f}"]],
                "Maximum marginal likelihood"))
    print(f"Test MSE: {mse:.2f}; test days inside the 95% band of a new observation: {100 * coverage:.1f}%")

    if not args.no_plot:
        plt = get_pyplot()
        grid = np.linspace(X.min(), X.max(), 400)[:, None]
        grid_mean, grid_std = model.predict(grid, return_std=True)
        fig, ax = plt.subplots(figsize=(10, 5))
        days = 366 * grid[:, 0]
        ax.fill_between(days, grid_mean - 1.96 * np.sqrt(grid_std**2 + noise_std**2),
                        grid_mean + 1.96 * np.sqrt(grid_std**2 + noise_std**2), color="tab:gray", alpha=0.2,
                        label="95% band of a new day")
        ax.fill_between(days, grid_mean - 1.96 * grid_std, grid_mean + 1.96 * grid_std, color="tab:green",
                        alpha=0.4, label="95% band of f")
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, grid_mean,
                             f"Gaussian process regression (test MSE {mse:.2f}, {100 * coverage:.0f}% inside the band)")
        show_or_save(fig, args, "gaussian_process_regression")

    print_result("gaussian_process_regression", mse=mse, coverage=coverage, length_scale=model.length_scale_,
                 fit_time_s=fit_time)


if __name__ == "__main__":
    main()
