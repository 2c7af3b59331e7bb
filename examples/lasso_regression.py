"""Lasso regression of the 2016 daily temperatures in Linköping: which seasonal harmonics matter?

The features are the first harmonics of the year, sin(2 pi k t) and cos(2 pi k t)
for k = 1..K with t the fraction of the year. The Lasso (L1 penalty,
scikit-learn's alpha, fitted by coordinate descent) sets the coefficients of
harmonics that do not pay for themselves exactly to zero; alpha is chosen by
k-fold cross-validation on the training days with the one-standard-error rule
(the sparsest model within one standard error of the best CV error). The figure shows the coefficient
path over alpha (coefficients leave zero one by one) and the fitted curve.

    python examples/lasso_regression.py
    python examples/lasso_regression.py --quick --no-plot
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
from mlfromscratch.supervised_learning import LassoRegression  # noqa: E402
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
    names = [f"sin {k}" for k in range(1, args.harmonics + 1)] + [f"cos {k}" for k in range(1, args.harmonics + 1)]

    alphas = np.logspace(-3, 1, 7 if args.quick else 25)
    folds = 5 if args.quick else 10
    scores = np.array(  # validation MSE of each fold, (n_alphas, folds)
        [cross_val_score(LassoRegression(alpha=a), F_train, y_train, folds, scoring=mean_squared_error,
                         random_state=args.seed) for a in alphas]
    )
    cv_errors, cv_se = scores.mean(axis=1), scores.std(axis=1, ddof=1) / np.sqrt(folds)
    # the one-standard-error rule: the sparsest model whose CV error is within one
    # standard error of the best one (Hastie, Tibshirani and Friedman, section 7.10)
    best = int(np.argmin(cv_errors))
    best_alpha = float(alphas[cv_errors <= cv_errors[best] + cv_se[best]].max())
    path = np.array([LassoRegression(alpha=a).fit(F_train, y_train).coef_ for a in alphas])  # (n_alphas, n_features)

    start = time.perf_counter()
    model = LassoRegression(alpha=best_alpha).fit(F_train, y_train)
    fit_time = time.perf_counter() - start
    mse = mean_squared_error(y_test, model.predict(F_test))
    n_nonzero = int(np.count_nonzero(model.coef_))

    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days, {F_train.shape[1]} seasonal features")
    rows = [["alpha", "non-zero coefficients", f"{folds}-fold CV MSE"]]
    rows += [[f"{a:.3g}" + (" <- chosen" if a == best_alpha else " <- lowest" if i == best else ""),
              str(np.count_nonzero(w)), f"{e:.3f} +- {se:.3f}"]
             for i, (a, w, e, se) in enumerate(zip(alphas, path, cv_errors, cv_se))]
    print(table(rows, "Lasso path"))
    order = np.argsort(-np.abs(model.coef_))[:n_nonzero]
    print("Largest coefficients: " + ", ".join(f"{names[j]}: {model.coef_[j]:+.2f}" for j in order[:6]))
    print(f"Chosen alpha {best_alpha:.3g}: {n_nonzero} of {len(model.coef_)} coefficients non-zero "
          f"({model.n_iter_} coordinate-descent sweeps); test MSE {mse:.3f}")

    if not args.no_plot:
        plt = get_pyplot()
        fig, (ax_path, ax) = plt.subplots(1, 2, figsize=(12, 4.5))
        ax_path.semilogx(alphas, path)
        ax_path.axvline(best_alpha, color="gray", linestyle="--", label=f"CV (1-SE) alpha = {best_alpha:.3g}")
        ax_path.set_xlabel("alpha")
        ax_path.set_ylabel("coefficient")
        ax_path.set_title("Lasso path: coefficients become exactly zero")
        ax_path.legend(loc="lower right")

        grid = np.linspace(X.min(), X.max(), 400)[:, None]
        curve = model.predict(fourier_features(grid, args.harmonics))
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, curve,
                             f"Lasso Regression (alpha {best_alpha:.3g}, {n_nonzero} non-zero)\nMSE: {mse:.2f}")
        show_or_save(fig, args, "lasso_regression")

    print_result("lasso_regression", mse=mse, alpha=best_alpha, n_nonzero=n_nonzero, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
