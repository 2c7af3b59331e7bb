"""Regression tree on the 2016 daily temperatures in Linköping.

A regression tree cuts the year into intervals and predicts the mean
temperature of each: a step function whose steps come from the variance
reduction of each split. The script prints the test MSE for a few depths, the
top of the chosen tree as text, and plots the training and test days with the
fitted steps.

    python examples/decision_tree_regressor.py
    python examples/decision_tree_regressor.py --max-depth 3
    python examples/decision_tree_regressor.py --quick --no-plot
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
from mlfromscratch.supervised_learning import RegressionTree  # noqa: E402
from mlfromscratch.utils import load_temperature, mean_squared_error, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--max-depth", type=int, default=5, help="depth of the plotted tree (default 5)")
    parser.add_argument("--min-samples-leaf", type=int, default=3, help="samples per leaf at least (default 3)")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)
    print(f"Temperatures: {len(X_train)} training and {len(X_test)} test days; "
          f"test variance {np.var(y_test):.2f}")

    rows = [["max_depth", "Leaves", "Training MSE", "Test MSE"]]
    for depth in (1, 2, 3, 4, 5, 6, 8, None):
        tree = RegressionTree(max_depth=depth, min_samples_leaf=args.min_samples_leaf).fit(X_train, y_train)
        rows.append([str(depth), tree.get_n_leaves(), f"{mean_squared_error(y_train, tree.predict(X_train)):.2f}",
                     f"{mean_squared_error(y_test, tree.predict(X_test)):.2f}"])
    print(table(rows, "Regression trees"))

    tree = RegressionTree(max_depth=args.max_depth, min_samples_leaf=args.min_samples_leaf)
    start = time.perf_counter()
    tree.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    mse = mean_squared_error(y_test, tree.predict(X_test))
    print(f"\nRegressionTree(max_depth={args.max_depth}), top two levels (time as the fraction of the year):")
    print(tree.print_tree(feature_names=["time"], max_depth=1))
    print(f"Mean squared error: {mse:.4f} (fit {1000 * fit_time:.1f} ms)")

    if not args.no_plot:
        plt = get_pyplot()
        grid = np.linspace(0, 1, 1000).reshape(-1, 1)
        fig, ax = plt.subplots(figsize=(8, 4.5))
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, tree.predict(grid),
                             f"Regression Tree (max_depth={args.max_depth})\nMSE: {mse:.2f}")
        show_or_save(fig, args, "decision_tree_regressor")

    print_result("decision_tree_regressor", mse=mse, fit_time_s=fit_time, n_leaves=tree.get_n_leaves())


if __name__ == "__main__":
    main()
