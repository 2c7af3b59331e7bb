"""Regularised polynomial regression of the 2016 daily temperatures in Linköping.

A degree-15 polynomial of the day of the year, fitted with an L2 penalty
(PolynomialRidgeRegression). The penalty strength alpha is chosen by k-fold
cross-validation on the training days; the model is then refitted on all of
them and scored on the held-out test days. The figure shows the training and
test days and the fitted curve; ``--gif`` also saves the training progress of
gradient descent as an animated GIF.

    python examples/polynomial_regression.py
    python examples/polynomial_regression.py --gif --save-dir figures
    python examples/polynomial_regression.py --quick --no-plot
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
    save_dir_or_default,
    show_or_save,
    table,
)
from mlfromscratch.supervised_learning import PolynomialRidgeRegression  # noqa: E402
from mlfromscratch.utils import (  # noqa: E402
    ConvergenceWarning,
    cross_val_score,
    load_temperature,
    mean_squared_error,
    train_test_split,
)


def save_training_gif(args, X_train, y_train, X_test, y_test, grid, degree, alpha):
    """Animate gradient descent: the k-th frame is the model after max_iter = k steps.

    Gradient descent starts from w = 0 and is deterministic, so a fit with
    ``max_iter=k`` is exactly the k-th iterate of a longer run.
    """
    from matplotlib.animation import FuncAnimation, PillowWriter

    plt = get_pyplot()
    n_steps = 300 if args.quick else 30000
    frames = np.unique(np.geomspace(1, n_steps, 20 if args.quick else 60).astype(int))
    curves, errors = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # every frame stops early on purpose
        for n_iter in frames:
            model = PolynomialRidgeRegression(degree=degree, alpha=alpha, solver="gd", max_iter=int(n_iter), tol=0.0)
            model.fit(X_train, y_train)
            curves.append(model.predict(grid))
            errors.append(mean_squared_error(y_test, model.predict(X_test)))

    fig, ax = plt.subplots(figsize=(8, 4.5))
    line = plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, curves[0], "")
    ax.set_ylim(min(y_train.min(), y_test.min()) - 2, max(y_train.max(), y_test.max()) + 2)

    def update(i):
        line.set_ydata(curves[i])
        ax.set_title(f"Polynomial Ridge Regression, gradient descent\n"
                     f"iteration {frames[i]}, test MSE: {errors[i]:.2f}", fontsize=10)
        return (line,)

    animation = FuncAnimation(fig, update, frames=len(frames), blit=False)
    folder = save_dir_or_default(args) or Path("figures")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "polynomial_regression.gif"
    animation.save(path, writer=PillowWriter(fps=8))
    plt.close(fig)
    print(f"Saved animation to {path} ({len(frames)} frames, up to {n_steps} gradient-descent iterations; "
          f"final test MSE {errors[-1]:.2f})")


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--degree", type=int, default=15, help="polynomial degree (default 15)")
    parser.add_argument("--folds", type=int, default=10, help="cross-validation folds (default 10)")
    parser.add_argument("--gif", action="store_true", help="also save the gradient-descent progress as a GIF")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)

    # choose alpha by k-fold cross-validation on the training days only
    alphas = np.logspace(-6, 2, 9 if args.quick else 17)
    folds = min(args.folds, 5) if args.quick else args.folds
    cv_errors = [
        cross_val_score(PolynomialRidgeRegression(degree=args.degree, alpha=alpha), X_train, y_train, folds,
                        scoring=mean_squared_error, random_state=args.seed).mean()
        for alpha in alphas
    ]
    best_alpha = float(alphas[int(np.argmin(cv_errors))])
    rows = [["alpha", f"{folds}-fold CV MSE"]]
    rows += [[f"{alpha:.0e}" + (" <- best" if alpha == best_alpha else ""), f"{error:.3f}"]
             for alpha, error in zip(alphas, cv_errors)]
    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days, polynomial degree {args.degree}")
    print(table(rows, "Cross-validation"))

    start = time.perf_counter()
    model = PolynomialRidgeRegression(degree=args.degree, alpha=best_alpha).fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    mse = mean_squared_error(y_test, model.predict(X_test))
    print(f"Chosen alpha: {best_alpha:.0e}")
    print(f"Test mean squared error: {mse:.3f} (variance of the test temperatures: {np.var(y_test):.3f})")

    if not args.no_plot:
        plt = get_pyplot()
        grid = np.linspace(X.min(), X.max(), 400)[:, None]
        fig, ax = plt.subplots(figsize=(8, 4.5))
        title = f"Polynomial Ridge Regression (degree {args.degree}, alpha {best_alpha:.0e})\nMSE: {mse:.2f}"
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, model.predict(grid), title)
        show_or_save(fig, args, "polynomial_regression")

        fig, ax = plt.subplots(figsize=(6, 4))
        ax.semilogx(alphas, cv_errors, marker="o")
        ax.axvline(best_alpha, color="gray", linestyle="--", label=f"best alpha = {best_alpha:.0e}")
        ax.set_xlabel("alpha")
        ax.set_ylabel(f"{folds}-fold cross-validation MSE")
        ax.set_title("Choosing the penalty strength")
        ax.legend()
        show_or_save(fig, args, "polynomial_regression_cv")

        if args.gif:
            save_training_gif(args, X_train, y_train, X_test, y_test, grid, args.degree, best_alpha)

    print_result("polynomial_regression", mse=mse, alpha=best_alpha, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
