"""Benchmark: decision trees and their ensembles against scikit-learn.

Two parts, single-threaded (OMP_NUM_THREADS=1):

1. Speed targets on the full digits (1,797 x 64): median fit time of one
   ClassificationTree and of RandomForest(n_estimators=100), beside
   scikit-learn's DecisionTreeClassifier and RandomForestClassifier(n_jobs=1).
2. Scores on fixed splits (digits and breast cancer 75/25, iris 50/50,
   temperatures 60/40), each the mean over ``--seeds`` model seeds, with the
   median fit time, beside the matching scikit-learn model and
   hyperparameters (XGBoost against HistGradientBoosting, the closest
   second-order booster in scikit-learn).

    OMP_NUM_THREADS=1 python benchmarks/bench_trees.py
    OMP_NUM_THREADS=1 python benchmarks/bench_trees.py --quick
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
    Adaboost,
    ClassificationTree,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForest,
    RandomForestRegressor,
    RegressionTree,
    XGBoost,
    XGBoostRegressor,
)
from mlfromscratch.utils import (  # noqa: E402
    load_breast_cancer,
    load_digits,
    load_iris,
    load_temperature,
    train_test_split,
)


def accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


def median_fit_time(make_model, X, y, repeats):
    times = []
    for seed in range(repeats):
        model = make_model(seed)
        start = time.perf_counter()
        model.fit(X, y)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def scored(make_model, data, score, seeds):
    """Mean score over the seeds and median fit time."""
    X_train, X_test, y_train, y_test = data
    scores, times = [], []
    for seed in range(seeds):
        model = make_model(seed)
        start = time.perf_counter()
        model.fit(X_train, y_train)
        times.append(time.perf_counter() - start)
        scores.append(score(y_test, model.predict(X_test)))
    return float(np.mean(scores)), float(np.median(times))


def sklearn_models():
    try:
        from sklearn import ensemble, tree
    except ImportError:
        return None
    return ensemble, tree


def speed_section(repeats, sk):
    X, y = load_digits()
    rows = [["Fit on the full digits (1797 x 64)", "Ours (s)", "scikit-learn (s)"]]
    cases = [
        ("ClassificationTree()", lambda s: ClassificationTree(random_state=s),
         (lambda s: sk[1].DecisionTreeClassifier(random_state=s)) if sk else None),
        ("RandomForest(n_estimators=100)", lambda s: RandomForest(n_estimators=100, random_state=s),
         (lambda s: sk[0].RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=s)) if sk else None),
    ]
    for name, ours, reference in cases:
        fit_s = median_fit_time(ours, X, y, repeats)
        ref_s = median_fit_time(reference, X, y, repeats) if reference else float("nan")
        rows.append([name, f"{fit_s:.3f}", f"{ref_s:.3f}"])
        print_result("bench_trees", model=name.split("(")[0], data="digits_full", fit_time_s=fit_s,
                     reference_fit_time_s=ref_s)
    print(table(rows, f"Speed (median of {repeats})"))


def score_cases(quick, sk):
    """(model name, data name, split, ours(seed), reference(seed) or None, score name, score)."""
    ensemble, tree = sk if sk else (None, None)
    splits = {}
    for name, loader, test_size in (("iris", load_iris, 0.5), ("breast_cancer", load_breast_cancer, 0.25),
                                    ("digits", load_digits, 0.25)):
        X, y = loader()
        splits[name] = train_test_split(X, y, test_size=test_size, stratify=y, random_state=0)
    X, y = load_temperature()
    temperature = train_test_split(X, y, test_size=0.4, random_state=0)

    def ref(factory):
        return factory if sk else None

    for data in ("iris", "breast_cancer", "digits"):
        split = splits[data]
        boost = 10 if quick else (30 if data == "digits" else 100)
        n_trees = 20 if quick else 100
        yield ("ClassificationTree", data, split, lambda s: ClassificationTree(random_state=s),
               ref(lambda s: tree.DecisionTreeClassifier(random_state=s)), "accuracy", accuracy)
        yield (f"RandomForest({n_trees})", data, split, lambda s: RandomForest(n_estimators=n_trees, random_state=s),
               ref(lambda s: ensemble.RandomForestClassifier(n_estimators=n_trees, random_state=s)),
               "accuracy", accuracy)
        yield (f"Adaboost({n_trees // 2})", data, split, lambda s: Adaboost(n_estimators=n_trees // 2, random_state=s),
               ref(lambda s: ensemble.AdaBoostClassifier(n_estimators=n_trees // 2, random_state=s)),
               "accuracy", accuracy)
        yield (f"GradientBoosting({boost}, lr=0.3)", data, split,
               lambda s: GradientBoostingClassifier(n_estimators=boost, learning_rate=0.3, random_state=s),
               ref(lambda s: ensemble.GradientBoostingClassifier(n_estimators=boost, learning_rate=0.3,
                                                                 random_state=s)),
               "accuracy", accuracy)
        yield (f"XGBoost({boost}, depth 4)", data, split,
               lambda s: XGBoost(n_estimators=boost, learning_rate=0.3, max_depth=4, random_state=s),
               ref(lambda s: ensemble.HistGradientBoostingClassifier(
                   max_iter=boost, learning_rate=0.3, max_depth=4, l2_regularization=1.0, early_stopping=False,
                   random_state=s)), "accuracy", accuracy)
    n = 20 if quick else 100
    yield ("RegressionTree(depth 5)", "temperature", temperature, lambda s: RegressionTree(max_depth=5, random_state=s),
           ref(lambda s: tree.DecisionTreeRegressor(max_depth=5, random_state=s)), "MSE", mse)
    yield (f"RandomForestRegressor({n})", "temperature", temperature,
           lambda s: RandomForestRegressor(n_estimators=n, random_state=s),
           ref(lambda s: ensemble.RandomForestRegressor(n_estimators=n, random_state=s)), "MSE", mse)
    yield (f"GradientBoostingRegressor({n})", "temperature", temperature,
           lambda s: GradientBoostingRegressor(n_estimators=n, random_state=s),
           ref(lambda s: ensemble.GradientBoostingRegressor(n_estimators=n, random_state=s)), "MSE", mse)
    yield (f"XGBoostRegressor({n}, lr=0.1, depth 3)", "temperature", temperature,
           lambda s: XGBoostRegressor(n_estimators=n, learning_rate=0.1, max_depth=3, random_state=s),
           ref(lambda s: ensemble.HistGradientBoostingRegressor(
               max_iter=n, learning_rate=0.1, max_depth=3, l2_regularization=1.0, early_stopping=False,
               random_state=s)), "MSE", mse)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="fits per speed measurement (median)")
    parser.add_argument("--seeds", type=int, default=3, help="model seeds per score (mean)")
    parser.add_argument("--quick", action="store_true", help="smaller ensembles, one seed")
    args = parser.parse_args(argv)
    repeats, seeds = (1, 1) if args.quick else (args.repeats, args.seeds)
    print(f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, OPENBLAS_NUM_THREADS="
          f"{os.environ['OPENBLAS_NUM_THREADS']}")
    sk = sklearn_models()
    speed_section(repeats, sk)

    rows = [["Model", "Data", "Score", "Ours", "scikit-learn", "Fit (s)", "Ref fit (s)"]]
    for name, data, split, ours, reference, score_name, score in score_cases(args.quick, sk):
        value, fit_s = scored(ours, split, score, seeds)
        ref_value, ref_fit_s = scored(reference, split, score, seeds) if reference else (float("nan"),) * 2
        rows.append([name, data, score_name, f"{value:.4f}", f"{ref_value:.4f}", f"{fit_s:.3f}", f"{ref_fit_s:.3f}"])
        print_result("bench_trees", model=name.split("(")[0], data=data, score=value, reference_score=ref_value,
                     fit_time_s=fit_s)
    print(table(rows, f"Scores on fixed splits (mean over {seeds} seed(s); XGBoost vs HistGradientBoosting)"))


if __name__ == "__main__":
    main()
