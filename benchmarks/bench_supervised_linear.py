"""Benchmark: linear models, naive Bayes and k-nearest neighbours against scikit-learn.

Times fit and predict (median of ``--repeats`` runs, single-threaded BLAS) and
scores each model on a fixed split, beside the matching scikit-learn model
(same penalty, same features) when scikit-learn is installed:

- classifiers on digits (70/30 stratified; logistic regression on standardised
  pixels): LogisticRegression (Newton and gradient descent), NaiveBayes, KNN;
  LogisticRegression also on breast cancer (binary)
- regressors on the Linköping temperatures (60/40): LinearRegression on the day,
  PolynomialRegression / PolynomialRidgeRegression on standardised monomials,
  RidgeRegression, LassoRegression and ElasticNet on 24 seasonal harmonics

Quality targets: accuracy within 2 points of scikit-learn, test MSE within 10%.

    OMP_NUM_THREADS=1 python benchmarks/bench_supervised_linear.py
    OMP_NUM_THREADS=1 python benchmarks/bench_supervised_linear.py --quick
"""

import argparse
import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import print_result, table  # noqa: E402
from mlfromscratch.supervised_learning import (  # noqa: E402
    KNN,
    ElasticNet,
    LassoRegression,
    LinearRegression,
    LogisticRegression,
    NaiveBayes,
    PolynomialRegression,
    PolynomialRidgeRegression,
    RidgeRegression,
)
from mlfromscratch.utils import (  # noqa: E402
    ConvergenceWarning,
    accuracy_score,
    load_breast_cancer,
    load_digits,
    load_temperature,
    mean_squared_error,
    train_test_split,
)


def timed(model, data, score, repeats):
    """Median fit and predict times over ``repeats`` runs, and the test score."""
    X_train, X_test, y_train, y_test = data
    fit_times, predict_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        model.fit(X_train, y_train)
        fit_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        y_pred = model.predict(X_test)
        predict_times.append(time.perf_counter() - start)
    return score(y_test, y_pred), float(np.median(fit_times)), float(np.median(predict_times))


def standardised(data):
    X_train, X_test, y_train, y_test = data
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def seasonal(data, n_harmonics=12):
    """sin(2 pi k t), cos(2 pi k t) for k = 1..n_harmonics, as in examples/ridge_regression.py."""
    def features(X):
        angles = 2 * np.pi * X[:, :1] * np.arange(1, n_harmonics + 1)
        return np.hstack([np.sin(angles), np.cos(angles)])

    X_train, X_test, y_train, y_test = data
    return features(X_train), features(X_test), y_train, y_test


def cases(quick):
    """(name, data, ours, reference factory or None, score name, score function)."""
    try:
        from sklearn import linear_model, naive_bayes, neighbors
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import PolynomialFeatures, StandardScaler
    except ImportError:
        linear_model = None

    def ref(factory):
        return factory if linear_model is not None else None

    def polynomial(degree, estimator):
        return make_pipeline(PolynomialFeatures(degree, include_bias=False), StandardScaler(), estimator)

    X, y = load_digits()
    if quick:
        X, y = X[:600], y[:600]
    digits = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    digits_std = standardised(digits)
    X, y = load_breast_cancer()
    cancer_std = standardised(train_test_split(X, y, test_size=0.3, stratify=y, random_state=0))
    X, y = load_temperature()
    temperature = train_test_split(X, y, test_size=0.4, random_state=0)
    harmonics = seasonal(temperature)

    accuracy, mse = ("accuracy", accuracy_score), ("MSE", mean_squared_error)
    yield ("LogisticRegression newton / digits", digits_std, LogisticRegression(C=1.0),
           ref(lambda: linear_model.LogisticRegression(C=1.0, max_iter=1000)), *accuracy)
    yield ("LogisticRegression gd / digits", digits_std,
           LogisticRegression(C=1.0, solver="gd", max_iter=300 if quick else 2000),
           ref(lambda: linear_model.LogisticRegression(C=1.0, max_iter=1000)), *accuracy)
    yield ("LogisticRegression newton / breast_cancer", cancer_std, LogisticRegression(C=1.0),
           ref(lambda: linear_model.LogisticRegression(C=1.0, max_iter=1000)), *accuracy)
    yield "NaiveBayes / digits", digits, NaiveBayes(), ref(lambda: naive_bayes.GaussianNB()), *accuracy
    for weights in ("uniform", "distance"):
        yield (f"KNN k=5 {weights} / digits", digits, KNN(n_neighbors=5, weights=weights),
               ref(lambda w=weights: neighbors.KNeighborsClassifier(5, weights=w, algorithm="brute")), *accuracy)

    yield ("LinearRegression lstsq / temperature", temperature, LinearRegression(),
           ref(lambda: linear_model.LinearRegression()), *mse)
    yield ("LinearRegression gd / temperature", temperature, LinearRegression(solver="gd", tol=1e-8),
           ref(lambda: linear_model.LinearRegression()), *mse)
    yield ("PolynomialRegression deg 6 / temperature", temperature, PolynomialRegression(degree=6),
           ref(lambda: polynomial(6, linear_model.LinearRegression())), *mse)
    yield ("PolynomialRidgeRegression deg 15 a=0.1 / temperature", temperature,
           PolynomialRidgeRegression(degree=15, alpha=0.1),
           ref(lambda: polynomial(15, linear_model.Ridge(alpha=0.1))), *mse)
    yield ("RidgeRegression lstsq a=1 / harmonics", harmonics, RidgeRegression(alpha=1.0),
           ref(lambda: linear_model.Ridge(alpha=1.0)), *mse)
    yield ("RidgeRegression gd a=1 / harmonics", harmonics, RidgeRegression(alpha=1.0, solver="gd", tol=1e-8),
           ref(lambda: linear_model.Ridge(alpha=1.0)), *mse)
    yield ("LassoRegression a=0.1 / harmonics", harmonics, LassoRegression(alpha=0.1),
           ref(lambda: linear_model.Lasso(alpha=0.1)), *mse)
    yield ("ElasticNet a=0.1 l1=0.5 / harmonics", harmonics, ElasticNet(alpha=0.1, l1_ratio=0.5),
           ref(lambda: linear_model.ElasticNet(alpha=0.1, l1_ratio=0.5)), *mse)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="runs per model; the median time is reported")
    parser.add_argument("--quick", action="store_true", help="fewer digits, fewer iterations, one repeat")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    print(f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, OPENBLAS_NUM_THREADS="
          f"{os.environ['OPENBLAS_NUM_THREADS']}; median of {repeats} run(s)")

    rows = [["Model / data", "Score", "Ours", "sklearn", "Check", "Fit (ms)", "sklearn fit", "Predict (ms)",
             "sklearn predict"]]
    for name, data, model, reference, score_name, score in cases(args.quick):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # gradient descent runs a fixed budget
            ours, fit_s, predict_s = timed(model, data, score, repeats)
        if reference is not None:
            ref, ref_fit_s, ref_predict_s = timed(reference(), data, score, repeats)
            # targets: accuracy within 2 points, MSE within 10% of scikit-learn's
            ok = ours >= ref - 0.02 if score_name == "accuracy" else ours <= 1.1 * ref
            check = "ok" if ok else "MISS"
        else:
            ref = ref_fit_s = ref_predict_s = float("nan")
            check = "-"
        rows.append([name, score_name, f"{ours:.4f}", f"{ref:.4f}", check, f"{1000 * fit_s:.2f}",
                     f"{1000 * ref_fit_s:.2f}", f"{1000 * predict_s:.2f}", f"{1000 * ref_predict_s:.2f}"])
        model_name, data_name = name.split(" / ")
        print_result("bench_supervised_linear", model=model_name.replace(" ", "_"), data=data_name,
                     score=ours, reference_score=ref, fit_time_s=fit_s, predict_time_s=predict_s)
    print(table(rows, "Linear models, naive Bayes and KNN (reference: scikit-learn)"))


if __name__ == "__main__":
    main()
