"""Every estimator inside real scikit-learn: its own estimator checks, clone, cross_val_score,
GridSearchCV (also with n_jobs=2, which pickles the estimators) and Pipeline.

scikit-learn is a test dependency (the ``[test]`` extra), never a run-time one: the
library declares its estimator types through ``__sklearn_tags__`` and
``_estimator_type`` without importing it (tests/test_package.py checks that).

``EXPECTED_FAILURES`` lists the only checks allowed to fail, each with its reason.
A reason may only be scikit-learn's exact wording or its own exception class;
anything substantive is fixed in the model instead.
"""

import warnings

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")  # installed by the [test] extra; test_package checks it is

from sklearn.base import clone, is_classifier, is_clusterer, is_regressor  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from tests.test_estimator_contract import ARRAY_CASES, _data, _ids, _make  # noqa: E402

# Allowed for every estimator: scikit-learn insists on its own exception classes, which a
# library that never imports scikit-learn cannot raise.
_OWN_EXCEPTION_CLASSES = {
    "check_estimators_unfitted": (
        "scikit-learn's own exception class: it wants sklearn.exceptions.NotFittedError; ours "
        "(mlfromscratch.utils.NotFittedError) is likewise a ValueError and an AttributeError"),
    "check_dtype_object": (
        "numpy's exception class: for a dict inside X it wants the TypeError of np.asarray; "
        "check_array turns it into a ValueError naming the estimator (DESIGN: bad input is a ValueError)"),
}
# Allowed for the closed-form solvers only (their max_iter belongs to solver="gd").
_NO_ITERATIONS = {
    "check_non_transformer_estimators_n_iter": (
        "the default exact solver runs no iterations, so n_iter_ exists only after solver='gd' "
        "(scikit-learn lists its own Ridge the same way: 'n_iter_ cannot be easily accessed')"),
}
EXPECTED_FAILURES = {name: {} for name in ("LinearRegression", "RidgeRegression", "PolynomialRegression",
                                           "PolynomialRidgeRegression")}
for _name in EXPECTED_FAILURES:
    EXPECTED_FAILURES[_name].update(_NO_ITERATIONS)

# The checks draw their own two- or three-class data, so cases whose settings assume the
# contract's data get settings that fit any data (their own behaviour is tested elsewhere).
SKLEARN_PARAMS = {
    "NaiveBayes-priors": None,                              # three priors: only for three classes
    "MultiClassLDA": {},                                    # n_components=2 needs three classes
    "ClassificationTree-entropy": {"min_samples_leaf": 1},  # counts rows, not weights (as scikit-learn's)
}


def _sklearn_instances():
    for case in ARRAY_CASES:
        overrides = SKLEARN_PARAMS.get(case.id, {})
        if overrides is None:
            continue
        if case.id == "MultiClassLDA":
            yield type(_make(case))()
        else:
            yield _make(case, **overrides)
    # not in the contract cases, which draw signed data: NMF takes non-negative X only (its tags say so)
    from mlfromscratch.unsupervised_learning import NMF

    yield NMF(n_components=2, max_iter=1000, random_state=0)


def _expected_failures(estimator):
    expected = dict(_OWN_EXCEPTION_CLASSES)
    if not any(hasattr(estimator, m) for m in ("predict", "predict_proba", "decision_function")):
        del expected["check_estimators_unfitted"]       # it only calls those methods
    if getattr(estimator, "solver", None) == "lstsq":
        expected.update(EXPECTED_FAILURES.get(type(estimator).__name__, {}))
    return expected


with warnings.catch_warnings():
    # by design: the estimators derive from our own BaseEstimator, so the core never imports scikit-learn
    warnings.filterwarnings("ignore", message=".*does not inherit from `sklearn.base.BaseEstimator`")
    _ESTIMATOR_CHECKS = parametrize_with_checks(list(_sklearn_instances()), expected_failed_checks=_expected_failures)


@_ESTIMATOR_CHECKS
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


# --------------------------------------------------------------------------- the tools


def _grid(case):
    """A one-parameter grid for GridSearchCV: a numeric hyperparameter's value and one neighbour of it."""
    estimator = _make(case)
    candidates = list(case.params.items()) + list(estimator.get_params().items())
    for name, value in candidates:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name not in ("random_state", "verbose"):
            if isinstance(value, int):
                other = value - 1 if value > 1 else value + 1
            else:
                other = value * 0.5
            return {name: [value, other]}
    raise AssertionError(f"{case.id} has no numeric hyperparameter to search")


def _scorer(case):
    """None (the estimator's own ``score``) or, for clusterers without one, the adjusted Rand index."""
    if case.kind == "clusterer" and not hasattr(_make(case), "score"):
        return lambda est, X, y: adjusted_rand_score(y, est.fit_predict(X))
    return None


def _labelled_data(case):
    X, y = _data(case, n_samples=90)
    if y is None:  # clusterers and transformers: score against the classes the data was drawn from
        X, y = _data(case._replace(kind="classifier"), n_samples=90)
    return X, y


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_clone_keeps_the_hyperparameters(case):
    estimator = _make(case)
    copy = clone(estimator)
    assert copy is not estimator
    assert copy.get_params() == estimator.get_params()
    expected = {"classifier": is_classifier, "binary": is_classifier, "regressor": is_regressor,
                "clusterer": is_clusterer}.get(case.kind)
    if expected is not None:
        assert expected(estimator), f"scikit-learn does not see {case.id} as a {case.kind}"


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_cross_val_score_grid_search_and_pipeline(case):
    X, y = _labelled_data(case)
    scoring = _scorer(case)
    if case.kind == "transformer":
        # a transformer is scored inside a pipeline that ends in a classifier of the library
        from mlfromscratch.supervised_learning import LogisticRegression

        model = make_pipeline(StandardScaler(), _make(case), LogisticRegression())
        scores = cross_val_score(model, X, y, cv=3)
        assert np.all(scores > 0.8), scores
        name = type(_make(case)).__name__.lower()
        search = GridSearchCV(model, {f"{name}__{k}": v for k, v in _grid(case).items()}, cv=3).fit(X, y)
        assert search.best_score_ > 0.8
        return
    scores = cross_val_score(_make(case), X, y, cv=3, scoring=scoring)
    assert scores.shape == (3,) and np.all(np.isfinite(scores)), scores
    if case.kind in ("classifier", "binary"):
        assert scores.mean() > 0.8, scores
    search = GridSearchCV(_make(case), _grid(case), cv=3, scoring=scoring).fit(X, y)
    assert np.isfinite(search.best_score_)
    pipeline = make_pipeline(StandardScaler(), _make(case))
    if case.kind == "clusterer":
        labels = pipeline.fit_predict(X)
        assert labels.shape == (len(X),)
    else:
        assert pipeline.fit(X, y).predict(X).shape[0] == len(X)


def test_grid_search_in_parallel_pickles_the_estimators():
    """n_jobs=2 sends the estimators to worker processes: they must pickle and unpickle."""
    from mlfromscratch.supervised_learning import KNN, ClassificationTree
    from mlfromscratch.utils import load_iris

    X, y = load_iris()
    for estimator, grid in ((KNN(), {"n_neighbors": [1, 5]}),
                            (ClassificationTree(random_state=0), {"max_depth": [2, 4]})):
        serial = GridSearchCV(estimator, grid, cv=3).fit(X, y)
        parallel = GridSearchCV(estimator, grid, cv=3, n_jobs=2).fit(X, y)
        assert parallel.best_params_ == serial.best_params_
        np.testing.assert_allclose(parallel.cv_results_["mean_test_score"], serial.cv_results_["mean_test_score"])


def test_the_issue_examples_work():
    """The three calls that failed when the estimators knew nothing of scikit-learn."""
    from mlfromscratch.supervised_learning import KNN, LogisticRegression
    from mlfromscratch.unsupervised_learning import PCA
    from mlfromscratch.utils import load_digits

    X, y = load_digits()
    X, y = X[:600], y[:600]
    assert cross_val_score(KNN(), X, y, cv=3).mean() > 0.85
    pipeline = make_pipeline(StandardScaler(), PCA(n_components=20), LogisticRegression()).fit(X, y)
    assert pipeline.score(X, y) > 0.9
    search = GridSearchCV(KNN(), {"n_neighbors": [1, 3, 5]}, cv=3).fit(X, y)
    assert search.best_params_["n_neighbors"] in (1, 3, 5) and search.best_score_ > 0.9
