"""Ridge regression of the 2016 daily temperatures in Linköping on seasonal harmonics.

The features are the first harmonics of the year, sin(2 pi k t) and cos(2 pi k t)
for k = 1..K with t the fraction of the year; a linear model in them is a smooth
periodic curve. Ridge regression (L2 penalty, scikit-learn's alpha) shrinks all
coefficients towards zero together; alpha is chosen by k-fold cross-validation
on the training days. The exact solution is checked against gradient descent.
The figure shows the coefficient path over alpha and the fitted curve.

    python examples/ridge_regression.py
    python examples/ridge_regression.py --quick --no-plot
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
from mlfromscratch.supervised_learning import RidgeRegression  # noqa: E402
from mlfromscratch.utils import (  # noqa: E402
    cross_val_score,
    fourier_features,
    load_temperature,
    mean_squared_error,
    train_test_split,
)


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--harmonics", type=int, default=12, help="number of harmonics K (default 12)")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)
    F_train, F_test = fourier_features(X_train, args.harmonics), fourier_features(X_test, args.harmonics)

    alphas = np.logspace(-2, 4, 7 if args.quick else 25)
    folds = 5 if args.quick else 10
    cv_errors = [cross_val_score(RidgeRegression(alpha=a), F_train, y_train, folds, scoring=mean_squared_error,
                                 random_state=args.seed).mean()
                 for a in alphas]
    best_alpha = float(alphas[int(np.argmin(cv_errors))])
    path = np.array([RidgeRegression(alpha=a).fit(F_train, y_train).coef_ for a in alphas])  # (n_alphas, n_features)

    start = time.perf_counter()
    model = RidgeRegression(alpha=best_alpha).fit(F_train, y_train)
    fit_time = time.perf_counter() - start
    mse = mean_squared_error(y_test, model.predict(F_test))
    gd = RidgeRegression(alpha=best_alpha, solver="gd", max_iter=5000, tol=1e-10).fit(F_train, y_train)
    unpenalised = mean_squared_error(y_test, RidgeRegression(alpha=0.0).fit(F_train, y_train).predict(F_test))

    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days, {F_train.shape[1]} seasonal features")
    print(table([
        ["Model", "alpha", "sum of w^2", "Test MSE"],
        ["Least squares", "0", f"{np.sum(RidgeRegression(alpha=0.0).fit(F_train, y_train).coef_ ** 2):.2f}",
         f"{unpenalised:.3f}"],
        [f"Ridge ({folds}-fold CV)", f"{best_alpha:.3g}", f"{np.sum(model.coef_ ** 2):.2f}", f"{mse:.3f}"],
    ], "Ridge Regression"))
    print(f"Gradient descent reaches the closed form in {gd.n_iter_} iterations "
          f"(largest coefficient difference {np.abs(gd.coef_ - model.coef_).max():.1e})")

    if not args.no_plot:
        plt = get_pyplot()
        fig, (ax_path, ax) = plt.subplots(1, 2, figsize=(12, 4.5))
        ax_path.semilogx(alphas, path)
        ax_path.axvline(best_alpha, color="gray", linestyle="--", label=f"CV choice alpha = {best_alpha:.3g}")
        ax_path.set_xlabel("alpha")
        ax_path.set_ylabel("coefficient")
        ax_path.set_title("Ridge path: every coefficient shrinks smoothly")
        ax_path.legend(loc="upper right")

        grid = np.linspace(X.min(), X.max(), 400)[:, None]
        curve = model.predict(fourier_features(grid, args.harmonics))
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, curve,
                             f"Ridge Regression (alpha {best_alpha:.3g})\nMSE: {mse:.2f}")
        show_or_save(fig, args, "ridge_regression")

    print_result("ridge_regression", mse=mse, alpha=best_alpha, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
