"""A tour of mlfromscratch: every classifier on the bundled digits, every regressor on the
Linköping temperatures, with test scores and fit times in one table each.

The models come from one list each below (``CLASSIFIERS`` and ``REGRESSORS``),
imported the way a user imports them.

    python examples/demo.py            # the full tour (a minute or two)
    python examples/demo.py --quick    # a few seconds: smaller data, fewer iterations
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import (  # noqa: E402
    KNN,
    Adaboost,
    BayesianRegression,
    ClassificationTree,
    ElasticNet,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    LassoRegression,
    LinearRegression,
    LogisticRegression,
    MultiClassLDA,
    MultilayerPerceptron,
    NaiveBayes,
    Perceptron,
    PolynomialRidgeRegression,
    RandomForest,
    RegressionTree,
    SupportVectorMachine,
    XGBoost,
)
from mlfromscratch.utils import (  # noqa: E402
    accuracy_score,
    load_digits,
    load_temperature,
    mean_squared_error,
    standardize,
    train_test_split,
)

# (display name, class, keyword arguments, keyword arguments of the --quick run)
CLASSIFIERS = [
    ("K Nearest Neighbors", KNN, {"n_neighbors": 5}, {}),
    ("Logistic Regression", LogisticRegression, {}, {}),
    ("Naive Bayes", NaiveBayes, {}, {}),
    ("Multi-class LDA", MultiClassLDA, {}, {}),
    ("Support Vector Machine", SupportVectorMachine, {"kernel": "rbf"}, {}),
    ("Perceptron", Perceptron, {}, {}),
    ("Multilayer Perceptron", MultilayerPerceptron, {}, {"n_epochs": 5}),
    ("Decision Tree", ClassificationTree, {}, {}),
    ("Random Forest", RandomForest, {"n_estimators": 100}, {"n_estimators": 10}),
    ("Adaboost", Adaboost, {"n_estimators": 100}, {"n_estimators": 10}),
    ("Gradient Boosting", GradientBoostingClassifier, {"n_estimators": 50}, {"n_estimators": 5}),
    ("XGBoost", XGBoost, {"n_estimators": 50, "max_depth": 4}, {"n_estimators": 5}),
]

REGRESSORS = [
    ("Linear Regression", LinearRegression, {}, {}),
    ("Polynomial Ridge Regression", PolynomialRidgeRegression, {"degree": 8, "alpha": 0.01}, {}),
    ("Lasso Regression", LassoRegression, {"alpha": 0.01}, {}),
    ("Elastic Net", ElasticNet, {"alpha": 0.01, "l1_ratio": 0.5}, {}),
    ("Bayesian Regression", BayesianRegression, {"degree": 4}, {}),
    ("Regression Tree", RegressionTree, {"max_depth": 4}, {}),
    ("Gradient Boosting", GradientBoostingRegressor, {"n_estimators": 100, "max_depth": 2}, {"n_estimators": 10}),
]


def make_model(cls, kwargs, seed):
    """An instance of ``cls``, seeded through its public parameters when it has a ``random_state``."""
    model = cls(**kwargs)
    if "random_state" in model.get_params():
        model.set_params(random_state=seed)
    return model


def run_section(models, data, score, score_name, quick, seed):
    """Fit each model; return table rows and {name: score}."""
    X_train, X_test, y_train, y_test = data
    rows = [["Model", score_name, "Fit time (s)"]]
    scores = {}
    for name, cls, kwargs, quick_kwargs in models:
        model = make_model(cls, {**kwargs, **(quick_kwargs if quick else {})}, seed)
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
    print(f"\nRegression: Linköping 2016 temperatures, {len(temperature[2])} training and "
          f"{len(temperature[3])} test days")
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
