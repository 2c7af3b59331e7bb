"""Gradient boosting regressor on the 2016 daily temperatures in Linköping.

Starts from the mean temperature and adds small regression trees, each fit to
the residuals of the model so far and shrunk by the learning rate. Prints the
training and test MSE along the stages (the training loss can only go down)
and plots the fitted curve and the loss curves.

    python examples/gradient_boosting_regressor.py
    python examples/gradient_boosting_regressor.py --n-estimators 300 --learning-rate 0.05 --subsample 0.5
    python examples/gradient_boosting_regressor.py --quick --no-plot
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
from mlfromscratch.supervised_learning import GradientBoostingRegressor  # noqa: E402
from mlfromscratch.utils import load_temperature, mean_squared_error, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-estimators", type=int, default=100, help="boosting stages (default 100)")
    parser.add_argument("--learning-rate", type=float, default=0.1, help="shrinkage (default 0.1)")
    parser.add_argument("--max-depth", type=int, default=3, help="depth of each tree (default 3)")
    parser.add_argument("--subsample", type=float, default=1.0, help="fraction of days per stage (default 1)")
    args = parser.parse_args(argv)
    n_estimators = min(args.n_estimators, 20) if args.quick else args.n_estimators

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)
    print(f"Temperatures: {len(X_train)} training and {len(X_test)} test days")

    model = GradientBoostingRegressor(n_estimators=n_estimators, learning_rate=args.learning_rate,
                                      max_depth=args.max_depth, subsample=args.subsample, random_state=args.seed)
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    mse = mean_squared_error(y_test, model.predict(X_test))

    test_mse = [mean_squared_error(y_test, stage) for stage in model.staged_predict(X_test)]
    marks = sorted({1, 5, 10, 25, 50, 100, 200, n_estimators} & set(range(1, n_estimators + 1)))
    rows = [["Stage", "Training MSE", "Test MSE"]]
    rows += [[m, f"{model.train_score_[m - 1]:.2f}", f"{test_mse[m - 1]:.2f}"] for m in marks]
    print(table(rows, f"Boosting from the mean, {model.init_[0]:.2f} degrees"))
    print(f"Fit in {1000 * fit_time:.0f} ms")
    print(f"Mean squared error: {mse:.4f}")

    if not args.no_plot:
        plt = get_pyplot()
        grid = np.linspace(0, 1, 500).reshape(-1, 1)
        fig, (ax, loss_ax) = plt.subplots(1, 2, figsize=(12, 4.5))
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, model.predict(grid),
                             f"Gradient Boosting ({n_estimators} trees)\nMSE: {mse:.2f}")
        stages = np.arange(1, n_estimators + 1)
        loss_ax.plot(stages, model.train_score_, label="Training MSE")
        loss_ax.plot(stages, test_mse, label="Test MSE")
        loss_ax.set_yscale("log")
        loss_ax.set_xlabel("Stage")
        loss_ax.set_title("Loss along the stages")
        loss_ax.legend()
        show_or_save(fig, args, "gradient_boosting_regressor")

    print_result("gradient_boosting_regressor", mse=mse, fit_time_s=fit_time, train_mse=model.train_score_[-1])


if __name__ == "__main__":
    main()
