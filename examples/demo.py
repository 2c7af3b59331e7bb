"""A tour of mlfromscratch: every classifier on the bundled digits, every regressor on the
Linköping temperatures, with test scores and fit times in one table each.

The models come from one list below (``CLASSIFIERS`` and ``REGRESSORS``); a model
whose module is not in the package yet is listed as "not implemented" instead of
failing, so the tour grows as the library does.

    python examples/demo.py            # the full tour (a minute or two)
    python examples/demo.py --quick    # a few seconds: smaller data, fewer iterations
"""

import importlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mlfromscratch.utils import (  # noqa: E402
    accuracy_score,
    load_digits,
    load_temperature,
    mean_squared_error,
    standardize,
    train_test_split,
)
from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402

# (display name, module under mlfromscratch, class, keyword arguments, quick keyword arguments)
CLASSIFIERS = [
    ("K Nearest Neighbors", "supervised_learning.k_nearest_neighbors", "KNN", {"n_neighbors": 5}, {}),
    ("Logistic Regression", "supervised_learning.logistic_regression", "LogisticRegression", {}, {}),
    ("Naive Bayes", "supervised_learning.naive_bayes", "NaiveBayes", {}, {}),
    ("Multi-class LDA", "supervised_learning.multi_class_lda", "MultiClassLDA", {}, {}),
    ("Support Vector Machine", "supervised_learning.support_vector_machine", "SupportVectorMachine", {"kernel": "rbf"}, {}),
    ("Perceptron", "supervised_learning.perceptron", "Perceptron", {}, {}),
    ("Multilayer Perceptron", "supervised_learning.multilayer_perceptron", "MultilayerPerceptron", {}, {"n_epochs": 5}),
    ("Decision Tree", "supervised_learning.decision_tree", "ClassificationTree", {}, {}),
    ("Random Forest", "supervised_learning.random_forest", "RandomForest", {"n_estimators": 100}, {"n_estimators": 10}),
    ("Adaboost", "supervised_learning.adaboost", "Adaboost", {"n_estimators": 100}, {"n_estimators": 10}),
    ("Gradient Boosting", "supervised_learning.gradient_boosting", "GradientBoostingClassifier", {"n_estimators": 50}, {"n_estimators": 5}),
    ("XGBoost", "supervised_learning.xgboost", "XGBoost", {"n_estimators": 50, "max_depth": 4}, {"n_estimators": 5}),
]

REGRESSORS = [
    ("Linear Regression", "supervised_learning.regression", "LinearRegression", {}, {}),
    ("Polynomial Ridge Regression", "supervised_learning.regression", "PolynomialRidgeRegression", {"degree": 8, "alpha": 0.01}, {}),
    ("Lasso Regression", "supervised_learning.regression", "LassoRegression", {"alpha": 0.01}, {}),
    ("Elastic Net", "supervised_learning.regression", "ElasticNet", {"alpha": 0.01, "l1_ratio": 0.5}, {}),
    ("Bayesian Regression", "supervised_learning.bayesian_regression", "BayesianRegression", {"poly_degree": 4}, {}),
    ("Regression Tree", "supervised_learning.decision_tree", "RegressionTree", {"max_depth": 4}, {}),
    ("Gradient Boosting", "supervised_learning.gradient_boosting", "GradientBoostingRegressor", {"n_estimators": 100, "max_depth": 2}, {"n_estimators": 10}),
]

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "mlfromscratch"


def load_model(module, class_name, kwargs, seed):
    """The model class, or None when its module is not written yet."""
    if not (PACKAGE_DIR / (module.replace(".", "/") + ".py")).exists():
        return None
    cls = getattr(importlib.import_module(f"mlfromscratch.{module}"), class_name)
    if "random_state" in cls._get_param_names():
        kwargs = {**kwargs, "random_state": seed}
    return cls(**kwargs)


def run_section(models, data, score, score_name, quick, seed):
    """Fit each model; return table rows and {name: score}."""
    X_train, X_test, y_train, y_test = data
    rows = [["Model", score_name, "Fit time (s)"]]
    scores = {}
    for name, module, class_name, kwargs, quick_kwargs in models:
        model = load_model(module, class_name, {**kwargs, **(quick_kwargs if quick else {})}, seed)
        if model is None:
            rows.append([name, "not implemented", "-"])
            continue
        start = time.perf_counter()
        model.fit(X_train, y_train)
        fit_time = time.perf_counter() - start
        scores[name] = score(y_test, model.predict(X_test))
        rows.append([name, f"{scores[name]:.3f}", f"{fit_time:.2f}"])
    return rows, scores


def main(argv=None):
    parser = example_parser(__doc__)
    args = parser.parse_args(argv)

    X, y = load_digits()
    X = X / 16.0
    if args.quick:
        X, y = X[:600], y[:600]
    digits = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)
    print(f"Classification: digits, {len(digits[2])} training and {len(digits[3])} test images (8x8)")
    rows, accuracies = run_section(CLASSIFIERS, digits, accuracy_score, "Accuracy", args.quick, args.seed)
    print(table(rows, "Classifiers on digits"))

    X, y = load_temperature()
    temperature = train_test_split(standardize(X), y, test_size=0.4, random_state=args.seed)
    print(f"\nRegression: Linköping 2016 temperatures, {len(temperature[2])} training and {len(temperature[3])} test days")
    rows, errors = run_section(REGRESSORS, temperature, mean_squared_error, "Test MSE", args.quick, args.seed)
    print(table(rows, "Regressors on temperature"))

    if not args.no_plot and accuracies:
        plt = get_pyplot()
        fig, ax = plt.subplots(figsize=(7, 0.4 * len(accuracies) + 1.5))
        names = list(accuracies)
        ax.barh(names, [accuracies[n] for n in names], color="tab:blue")
        ax.set_xlim(min(0.8, min(accuracies.values())), 1.0)
        ax.set_xlabel("Test accuracy on digits")
        ax.invert_yaxis()
        show_or_save(fig, args, "demo_accuracies")

    best = max(accuracies, key=accuracies.get) if accuracies else "none"
    print_result(
        "demo",
        n_classifiers=len(accuracies),
        n_regressors=len(errors),
        best_model=best.replace(" ", "_"),
        best_accuracy=float(accuracies.get(best, np.nan)),
    )


if __name__ == "__main__":
    main()
