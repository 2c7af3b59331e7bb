"""Elastic net regression of the 2016 daily temperatures in Linköping on seasonal harmonics.

The features are the first harmonics of the year, sin(2 pi k t) and cos(2 pi k t)
for k = 1..K with t the fraction of the year. The elastic net mixes the Lasso's
L1 penalty (exact zeros) with ridge's L2 penalty (smooth shrinkage, stable with
correlated features): alpha * (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2),
scikit-learn's parameterisation, fitted by coordinate descent. alpha is chosen
by k-fold cross-validation on the training days with the one-standard-error
rule. The figure shows the coefficient path over alpha and the fitted curve.

    python examples/elastic_net.py
    python examples/elastic_net.py --l1-ratio 0.2 --quick --no-plot
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
from mlfromscratch.supervised_learning import ElasticNet, LassoRegression  # noqa: E402
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
    parser.add_argument("--l1-ratio", type=float, default=0.5, help="share of the L1 penalty (default 0.5)")
    args = parser.parse_args(argv)

    X, y = load_temperature()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=args.seed)
    F_train, F_test = fourier_features(X_train, args.harmonics), fourier_features(X_test, args.harmonics)
    names = [f"sin {k}" for k in range(1, args.harmonics + 1)] + [f"cos {k}" for k in range(1, args.harmonics + 1)]

    alphas = np.logspace(-3, 1.5, 7 if args.quick else 28)
    folds = 5 if args.quick else 10
    models = [ElasticNet(alpha=a, l1_ratio=args.l1_ratio) for a in alphas]
    scores = np.array(  # validation MSE of each fold, (n_alphas, folds)
        [cross_val_score(model, F_train, y_train, folds, scoring=mean_squared_error, random_state=args.seed)
         for model in models]
    )
    cv_errors, cv_se = scores.mean(axis=1), scores.std(axis=1, ddof=1) / np.sqrt(folds)
    # the one-standard-error rule: the sparsest model whose CV error is within one
    # standard error of the best one (Hastie, Tibshirani and Friedman, section 7.10)
    best = int(np.argmin(cv_errors))
    best_alpha = float(alphas[cv_errors <= cv_errors[best] + cv_se[best]].max())
    path = np.array([model.fit(F_train, y_train).coef_ for model in models])  # (n_alphas, n_features)

    start = time.perf_counter()
    model = ElasticNet(alpha=best_alpha, l1_ratio=args.l1_ratio).fit(F_train, y_train)
    fit_time = time.perf_counter() - start
    mse = mean_squared_error(y_test, model.predict(F_test))
    n_nonzero = int(np.count_nonzero(model.coef_))
    lasso = LassoRegression(alpha=best_alpha).fit(F_train, y_train)

    print(f"Linköping 2016: {len(X_train)} training and {len(X_test)} test days, {F_train.shape[1]} seasonal features")
    rows = [["alpha", "non-zero coefficients", f"{folds}-fold CV MSE"]]
    rows += [[f"{a:.3g}" + (" <- chosen" if a == best_alpha else " <- lowest" if i == best else ""),
              str(np.count_nonzero(w)), f"{e:.3f} +- {se:.3f}"]
             for i, (a, w, e, se) in enumerate(zip(alphas, path, cv_errors, cv_se))]
    print(table(rows, f"Elastic net path (l1_ratio={args.l1_ratio:g})"))
    order = np.argsort(-np.abs(model.coef_))[:n_nonzero]
    print("Largest coefficients: " + ", ".join(f"{names[j]}: {model.coef_[j]:+.2f}" for j in order[:6]))
    print(f"Chosen alpha {best_alpha:.3g}: {n_nonzero} of {len(model.coef_)} coefficients non-zero "
          f"({model.n_iter_} coordinate-descent sweeps); test MSE {mse:.3f}")
    print(f"The Lasso with the same alpha keeps {np.count_nonzero(lasso.coef_)} non-zero; test MSE "
          f"{mean_squared_error(y_test, lasso.predict(F_test)):.3f}")

    if not args.no_plot:
        plt = get_pyplot()
        fig, (ax_path, ax) = plt.subplots(1, 2, figsize=(12, 4.5))
        ax_path.semilogx(alphas, path)
        ax_path.axvline(best_alpha, color="gray", linestyle="--", label=f"CV (1-SE) alpha = {best_alpha:.3g}")
        ax_path.set_xlabel("alpha")
        ax_path.set_ylabel("coefficient")
        ax_path.set_title(f"Elastic net path (l1_ratio={args.l1_ratio:g})")
        ax_path.legend(loc="lower right")

        grid = np.linspace(X.min(), X.max(), 400)[:, None]
        curve = model.predict(fourier_features(grid, args.harmonics))
        plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, curve,
                             f"Elastic Net (alpha {best_alpha:.3g}, {n_nonzero} non-zero)\nMSE: {mse:.2f}")
        show_or_save(fig, args, "elastic_net")

    print_result("elastic_net", mse=mse, alpha=best_alpha, n_nonzero=n_nonzero, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
