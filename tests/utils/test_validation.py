import numpy as np
import pytest

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    DataConversionWarning,
    NotFittedError,
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)


def test_check_array_accepts_and_converts():
    X = check_array([[1, 2], [3, 4]])
    assert X.dtype == np.float64 and X.shape == (2, 2)
    non_contiguous = np.arange(12.0).reshape(3, 4)[:, ::2]
    assert check_array(non_contiguous).flags["C_CONTIGUOUS"]


@pytest.mark.parametrize(
    "X, message",
    [
        (np.ones(3), "2 dimensions"),
        (np.ones((2, 2, 2)), "2 dimensions"),
        (np.array([[1.0, np.nan]]), "NaN"),
        (np.array([[np.inf, 1.0]]), "NaN or infinity"),
        (np.ones((0, 3)), "at least 1 sample"),
        ([["a", "b"]], "numeric"),
    ],
)
def test_check_array_rejects(X, message):
    with pytest.raises(ValueError, match=message):
        check_array(X, estimator="Model")


def test_check_X_y():
    X, y = check_X_y([[1.0], [2.0]], ["a", "b"])
    assert y.dtype.kind == "U"
    with pytest.warns(DataConversionWarning, match="column-vector y"):
        X, y = check_X_y([[1.0], [2.0]], [[1.0], [2.0]], y_numeric=True)
    assert y.shape == (2,)
    with pytest.raises(ValueError, match="inconsistent"):
        check_X_y([[1.0], [2.0]], [1, 2, 3])
    with pytest.raises(ValueError, match="NaN"):
        check_X_y([[1.0], [2.0]], [1.0, np.nan], y_numeric=True)
    with pytest.raises(ValueError):
        check_X_y([[1.0]], None)


def test_check_classification_targets():
    classes, encoded = check_classification_targets(np.array(["b", "a", "b"]), min_classes=2)
    assert classes.tolist() == ["a", "b"] and encoded.tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match="at least 2 classes"):
        check_classification_targets(np.array([1, 1, 1]), min_classes=2)
    with pytest.raises(ValueError, match="continuous"):
        check_classification_targets(np.array([0.5, 1.0]))


class _Model(BaseEstimator):
    def __init__(self, k=1):
        self.k = k

    def fit(self, X):
        self.n_features_in_ = X.shape[1]
        return self


def test_check_is_fitted_and_n_features():
    model = _Model()
    with pytest.raises(NotFittedError, match="not fitted"):
        check_is_fitted(model)
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    model.fit(np.ones((2, 3)))
    check_is_fitted(model)
    check_is_fitted(model, "n_features_in_")
    with pytest.raises(ValueError, match="3 features"):
        check_n_features(model, np.ones((2, 4)))


def test_check_positive_and_option():
    assert check_positive(3, "k", integer=True) == 3
    with pytest.raises(ValueError, match="> 0"):
        check_positive(0, "eps")
    with pytest.raises(ValueError, match="integer"):
        check_positive(2.5, "k", integer=True)
    with pytest.raises(ValueError, match="integer"):
        check_positive(True, "k", integer=True)
    assert check_positive(0, "alpha", strict=False) == 0
    with pytest.raises(ValueError, match="unknown kernel"):
        check_option("cubic", "kernel", ["linear", "rbf"])


def test_classification_targets_name_mixed_and_missing_labels():
    from mlfromscratch.utils.validation import check_classification_targets

    with pytest.raises(ValueError, match="all numbers or all strings"):
        check_classification_targets(np.array(["a", 1, "b"], dtype=object))
    with pytest.raises(ValueError, match="NaN in y"):
        check_classification_targets(np.array(["a", float("nan"), "b"], dtype=object))
    classes, encoded = check_classification_targets(np.array(["b", "a", "b"], dtype=object))
    assert classes.tolist() == ["a", "b"] and encoded.tolist() == [1, 0, 1]


def test_mixed_labels_in_a_list_are_named():
    """Issue 16: numpy would turn ['a', 1] into strings and the model would predict '1'."""
    from mlfromscratch.supervised_learning import KNN, LogisticRegression

    X = np.arange(8.0).reshape(4, 2)
    for model in (KNN(n_neighbors=1), LogisticRegression()):
        with pytest.raises(ValueError, match="all numbers or all strings"):
            model.fit(X, ["a", 1, "a", 1])
