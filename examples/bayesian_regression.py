"""Bayesian polynomial regression of the 2016 daily temperatures in Linköping.

Fits BayesianRegression (conjugate Normal / scaled-inverse-chi^2 prior) to 60%
of the days, prints the posterior, the test MSE and how many test days fall in
the 95% posterior predictive band, and draws the data, the posterior mean, the
band and a few curves drawn from the posterior.

    python examples/bayesian_regression.py
    python examples/bayesian_regression.py --degree 4 --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import BayesianRegression  # noqa: E402
from mlfromscratch.utils.data_manipulation import polynomial_features, train_test_split  # noqa: E402
from mlfromscratch.utils.data_operation import mean_squared_error  # noqa: E402
from mlfromscratch.utils.datasets import load_temperature  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--degree", type=int, default=6, help="polynomial degree (default 6)")
    parser.add_argument("--cred-int", type=float, default=95, help="credible band width in percent (default 95)")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)

    model = BayesianRegression(
        n_draws=200 if args.quick else 2000,
        degree=args.degree,
        cred_int=args.cred_int,
        random_state=args.seed,
    )
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    y_pred, lower, upper = model.predict(X_test, return_interval=True)
    mse = mean_squared_error(y_test, y_pred)
    coverage = float(np.mean((y_test >= lower) & (y_test <= upper)))

    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days, polynomial degree {args.degree}")
    std = np.sqrt(np.diag(model.coef_covariance_))
    rows = [["Coefficient", "Posterior mean", "Posterior std"]]
    rows += [[f"x^{k}", f"{m:.2f}", f"{s:.2f}"] for k, (m, s) in enumerate(zip(model.coef_, std))]
    print(table(rows, "Posterior of beta"))
    print(f"Posterior of sigma: median {np.sqrt(np.median(model.sigma_sq_draws_)):.2f} degrees "
          f"(nu_n = {model.nu_:.0f}, sigma_n = {np.sqrt(model.sigma_sq_):.2f})")
    print(f"Test MSE: {mse:.2f}; test days inside the {args.cred_int:g}% predictive band: {100 * coverage:.1f}%")

    if not args.no_plot:
        plt = get_pyplot()
        grid = np.linspace(X.min(), X.max(), 300)[:, None]
        mean, band_low, band_high = model.predict(grid, return_interval=True)
        fig, ax = plt.subplots(figsize=(8, 4.5))
        ax.fill_between(366 * grid[:, 0], band_low, band_high, color="tab:blue", alpha=0.15,
                        label=f"{args.cred_int:g}% posterior predictive band")
        draws = polynomial_features(grid, args.degree) @ model.coef_draws_[:20].T  # (300, 20) mean curves
        ax.plot(366 * grid[:, 0], draws, color="tab:blue", linewidth=0.5, alpha=0.4)
        ax.scatter(366 * X_train[:, 0], y_train, s=8, color="gray", label="training days")
        ax.scatter(366 * X_test[:, 0], y_test, s=8, color="tab:orange", label="test days")
        ax.plot(366 * grid[:, 0], mean, color="black", linewidth=2, label="posterior mean")
        ax.set_xlabel("Day of 2016")
        ax.set_ylabel("Temperature (°C)")
        ax.set_title(f"Bayesian Regression (degree {args.degree})\nTest MSE: {mse:.2f}, "
                     f"band coverage {100 * coverage:.1f}%")
        ax.legend(loc="lower center", fontsize="small")
        show_or_save(fig, args, "bayesian_regression")

    print_result("bayesian_regression", mse=mse, coverage=coverage, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
