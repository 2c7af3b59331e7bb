"""Benchmark: LDA, MultiClassLDA, BayesianRegression and SupportVectorMachine against scikit-learn.

Times fit and predict (median of ``--repeats`` runs, single-threaded BLAS) and
scores each model on a fixed stratified split, beside the matching
scikit-learn model when scikit-learn is installed:

- LDA on breast cancer            vs LinearDiscriminantAnalysis
- MultiClassLDA on digits         vs LinearDiscriminantAnalysis
- SupportVectorMachine on digits  vs SVC (same C, kernel, gamma="scale"), rbf/poly/linear, ovo/ovr
- BayesianRegression (degree 6) on the temperatures vs least squares on the same features

    OMP_NUM_THREADS=1 python benchmarks/bench_supervised_discriminant.py
    OMP_NUM_THREADS=1 python benchmarks/bench_supervised_discriminant.py --quick
"""

import argparse
import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import print_result, table  # noqa: E402
from mlfromscratch.supervised_learning import (  # noqa: E402
    LDA,
    BayesianRegression,
    MultiClassLDA,
    SupportVectorMachine,
)
from mlfromscratch.utils.data_manipulation import polynomial_features, train_test_split  # noqa: E402
from mlfromscratch.utils.datasets import load_breast_cancer, load_digits, load_temperature  # noqa: E402


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


def accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


class _LeastSquaresOnPolynomial:
    """Reference for BayesianRegression: ordinary least squares on the same polynomial features."""

    def __init__(self, degree):
        self.degree = degree

    def fit(self, X, y):
        self.coef_ = np.linalg.lstsq(polynomial_features(X, self.degree), y, rcond=None)[0]
        return self

    def predict(self, X):
        return polynomial_features(X, self.degree) @ self.coef_


def cases(quick):
    """(name, data, ours, reference factory or None, score name, score function)."""
    try:
        from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
        from sklearn.svm import SVC
    except ImportError:
        LinearDiscriminantAnalysis = SVC = None

    X, y = load_breast_cancer()
    cancer = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    X, y = load_digits()
    if quick:
        X, y = X[:600], y[:600]
    digits = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    X, y = load_temperature()
    temperature = train_test_split(X, y, test_size=0.4, random_state=0)

    yield "LDA / breast_cancer", cancer, LDA(), LinearDiscriminantAnalysis, "accuracy", accuracy
    yield "MultiClassLDA / digits", digits, MultiClassLDA(), LinearDiscriminantAnalysis, "accuracy", accuracy
    svm_settings = [("rbf", "ovo"), ("poly", "ovo"), ("linear", "ovo"), ("rbf", "ovr")]
    for kernel, strategy in svm_settings[:1] if quick else svm_settings:
        reference = (lambda k=kernel: SVC(C=1.0, kernel=k, gamma="scale")) if SVC else None
        if strategy == "ovr" and SVC is not None:
            from sklearn.multiclass import OneVsRestClassifier

            reference = lambda k=kernel: OneVsRestClassifier(SVC(C=1.0, kernel=k, gamma="scale"))  # noqa: E731
        yield (f"SVM {kernel} {strategy} / digits", digits,
               SupportVectorMachine(C=1.0, kernel=kernel, multi_class=strategy), reference, "accuracy", accuracy)
    svm_cancer = (*_standardize_split(cancer[0], cancer[1]), cancer[2], cancer[3])
    yield ("SVM rbf ovo / breast_cancer_standardised", svm_cancer, SupportVectorMachine(),
           (lambda: SVC()) if SVC else None, "accuracy", accuracy)
    yield ("BayesianRegression / temperature", temperature, BayesianRegression(degree=6, random_state=0),
           lambda: _LeastSquaresOnPolynomial(6), "MSE", mse)


def _standardize_split(X_train, X_test):
    """Standardise both parts with the training statistics."""
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="runs per model; the median time is reported")
    parser.add_argument("--quick", action="store_true", help="fewer models, fewer digits, one repeat")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else args.repeats
    print(f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, OPENBLAS_NUM_THREADS="
          f"{os.environ['OPENBLAS_NUM_THREADS']}; median of {repeats} run(s)")

    rows = [["Model / data", "Score", "Ours", "Reference", "Fit (s)", "Ref fit (s)", "Predict (s)", "Ref predict (s)"]]
    for name, data, model, reference, score_name, score in cases(args.quick):
        ours, fit_s, predict_s = timed(model, data, score, repeats)
        ref, ref_fit_s, ref_predict_s = (
            timed(reference(), data, score, repeats) if reference is not None else (float("nan"),) * 3
        )
        rows.append([name, score_name, f"{ours:.4f}", f"{ref:.4f}", f"{fit_s:.4f}", f"{ref_fit_s:.4f}",
                     f"{predict_s:.4f}", f"{ref_predict_s:.4f}"])
        print_result("bench_supervised_discriminant", model=name.split(" / ")[0].replace(" ", "_"),
                     data=name.split(" / ")[1], score=ours, reference_score=ref,
                     fit_time_s=fit_s, predict_time_s=predict_s)
    print(table(rows, "Discriminants, Bayesian regression and SVM (reference: scikit-learn / least squares)"))


if __name__ == "__main__":
    main()
