import numpy as np
import pytest

from mlfromscratch.utils import (
    batch_iterator,
    fourier_features,
    k_fold_cross_validation_sets,
    normalize,
    polynomial_features,
    standardize,
    to_categorical,
    train_test_split,
)


@pytest.fixture
def data():
    X = np.arange(20, dtype=float).reshape(10, 2)
    y = np.arange(10)
    return X, y


def test_batch_iterator_covers_all_samples_in_order(data):
    X, y = data
    batches = list(batch_iterator(X, y, batch_size=4))
    assert [len(b[0]) for b in batches] == [4, 4, 2]
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y)
    assert [len(b) for b in batch_iterator(X, batch_size=5)] == [5, 5]
    with pytest.raises(ValueError):
        list(batch_iterator(X, batch_size=0))


def test_polynomial_features_by_hand():
    X = np.array([[2.0, 3.0]])
    # 1, a, b, a^2, ab, b^2
    np.testing.assert_allclose(polynomial_features(X, 2), [[1, 2, 3, 4, 6, 9]])
    assert polynomial_features(np.ones((4, 3)), 3).shape == (4, 20)
    np.testing.assert_allclose(polynomial_features(X, 0), [[1.0]])
    with pytest.raises(ValueError):
        polynomial_features(X, -1)
    with pytest.raises(ValueError):
        polynomial_features(np.ones(3), 2)


def test_normalize_unit_rows_and_zero_rows():
    X = np.array([[3.0, 4.0], [0.0, 0.0]])
    np.testing.assert_allclose(normalize(X), [[0.6, 0.8], [0.0, 0.0]])
    np.testing.assert_allclose(normalize(X, order=1), [[3 / 7, 4 / 7], [0, 0]])
    np.testing.assert_allclose(normalize(np.array([3.0, 4.0])), [0.6, 0.8])


def test_standardize_new_array_and_constant_columns():
    X = np.array([[1.0, 5.0], [3.0, 5.0]])
    Z = standardize(X)
    np.testing.assert_allclose(Z, [[-1.0, 0.0], [1.0, 0.0]])
    np.testing.assert_array_equal(X, [[1.0, 5.0], [3.0, 5.0]])
    assert Z is not X


def test_train_test_split_is_a_partition(data):
    X, y = data
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=1)
    assert len(y_te) == 3 and len(y_tr) == 7
    assert sorted(np.concatenate([y_tr, y_te]).tolist()) == list(range(10))
    np.testing.assert_array_equal(X_tr[:, 0], 2 * y_tr)
    again = train_test_split(X, y, test_size=0.3, random_state=1)
    np.testing.assert_array_equal(again[3], y_te)
    _, _, _, y_te_ns = train_test_split(X, y, test_size=0.2, shuffle=False)
    np.testing.assert_array_equal(y_te_ns, [8, 9])


def test_train_test_split_stratified_keeps_proportions():
    y = np.array([0] * 30 + [1] * 60 + [2] * 10)
    X = np.arange(100).reshape(-1, 1)
    _, _, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    assert np.bincount(y_te).tolist() == [6, 12, 2]
    assert np.bincount(y_tr).tolist() == [24, 48, 8]


@pytest.mark.parametrize("bad", [0.0, 1.0, 1.5, 0, 10])
def test_train_test_split_rejects_bad_sizes(data, bad):
    X, y = data
    with pytest.raises(ValueError):
        train_test_split(X, y, test_size=bad)


def test_k_fold_keeps_every_sample():
    X = np.arange(11).reshape(-1, 1)
    y = np.arange(11)
    sets = k_fold_cross_validation_sets(X, y, k=3, random_state=0)
    assert len(sets) == 3
    test_labels = np.concatenate([s[3] for s in sets])
    assert sorted(test_labels.tolist()) == list(range(11))
    for X_tr, X_te, y_tr, y_te in sets:
        assert len(y_tr) + len(y_te) == 11
        assert not set(y_tr) & set(y_te)
    with pytest.raises(ValueError):
        k_fold_cross_validation_sets(X, y, k=1)


def test_to_categorical_and_back():
    y = np.array([0, 2, 1, 2])
    one_hot = to_categorical(y)
    np.testing.assert_array_equal(one_hot, [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]])
    np.testing.assert_array_equal(np.argmax(one_hot, axis=1), y)
    assert to_categorical(y, n_classes=5).shape == (4, 5)
    with pytest.raises(ValueError):
        to_categorical(np.array([0.5, 1.0]))
    with pytest.raises(ValueError):
        to_categorical(y, n_classes=2)
    with pytest.raises(ValueError, match="integer labels.*np.unique"):
        to_categorical(["a", "b"])


class _MeanModel:
    """Predicts the training mean: its cross-validated MSE is computable by hand."""

    def fit(self, X, y):
        self.mean_ = np.mean(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)


def test_cross_val_score_by_hand():
    from mlfromscratch.utils import accuracy_score, cross_val_score, mean_squared_error

    X = np.arange(4.0).reshape(-1, 1)
    y = np.array([0.0, 0.0, 2.0, 2.0])
    mse = mean_squared_error
    # unshuffled 2 folds: train on [2, 2] -> predict 2 for [0, 0]; train on [0, 0] -> predict 0 for [2, 2]
    np.testing.assert_allclose(cross_val_score(_MeanModel(), X, y, k=2, scoring=mse, shuffle=False), [4.0, 4.0])
    scores = cross_val_score(_MeanModel(), X, y, k=2, scoring=accuracy_score, shuffle=False)
    np.testing.assert_allclose(scores, [0.0, 0.0])
    np.testing.assert_array_equal(
        cross_val_score(_MeanModel(), X, y, k=2, scoring=mse, random_state=3),
        cross_val_score(_MeanModel(), X, y, k=2, scoring=mse, random_state=3),
    )
    with pytest.raises(ValueError, match="no score method"):
        cross_val_score(_MeanModel(), X, y, k=2)


def test_cross_val_score_defaults_to_the_estimators_score():
    """Issue 20: a classifier is scored by accuracy (not the MSE of its labels), a regressor by R^2."""
    from mlfromscratch.supervised_learning import KNN, LinearRegression
    from mlfromscratch.utils import cross_val_score, load_iris

    X, y = load_iris()
    accuracies = cross_val_score(KNN(n_neighbors=5), X, y, k=5, random_state=0)
    assert np.all(accuracies > 0.85) and np.all(accuracies <= 1.0), accuracies
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.standard_normal(60)
    r2 = cross_val_score(LinearRegression(), X, y, k=3, random_state=0)
    assert np.all(r2 > 0.95) and np.all(r2 <= 1.0), r2


def test_fourier_features_by_hand():
    t = np.array([[0.0], [0.25], [0.5]])
    expected = [[0, 0, 1, 1], [1, 0, 0, -1], [0, 0, -1, 1]]  # sin 2pi t, sin 4pi t, cos 2pi t, cos 4pi t
    np.testing.assert_allclose(fourier_features(t, 2), expected, atol=1e-12)
    np.testing.assert_allclose(fourier_features(t[:, 0], 2), expected, atol=1e-12)
    F = fourier_features(np.arange(100)[:, None] / 100, 3)  # one whole period
    np.testing.assert_allclose(F.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(F.var(axis=0), 0.5, atol=1e-12)


@pytest.mark.parametrize("X, n", [(np.zeros((3, 2)), 2), (np.zeros((3, 1)), 0), (np.zeros((3, 1)), 1.5)])
def test_fourier_features_bad_input(X, n):
    with pytest.raises(ValueError):
        fourier_features(X, n)
