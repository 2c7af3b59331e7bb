import numpy as np
import pytest

from mlfromscratch.supervised_learning import KNN
from mlfromscratch.utils import NotFittedError, accuracy_score, load_digits, load_iris, train_test_split


def _line():
    X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0], [12.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    return X, y


# --------------------------------------------------------------------------- hand-computed


def test_predictions_by_hand():
    X, y = _line()
    model = KNN(n_neighbors=3).fit(X, y)
    np.testing.assert_array_equal(model.predict([[1.5], [9.0], [5.0]]), [0, 1, 0])
    # 6.5: neighbours 2 (d=4.5), 10 (d=3.5), 11 (d=4.5) -> 1 of 3 votes for class 0
    np.testing.assert_allclose(model.predict_proba([[6.5]]), [[1 / 3, 2 / 3]])


def test_distance_weights_by_hand():
    X, y = _line()
    model = KNN(n_neighbors=3, weights="distance").fit(X, y)
    # 6.0: neighbours 2 (d=4), 10 (d=4), 1 (d=5; wins the tie against 11 by coming first)
    votes = np.array([1 / 4 + 1 / 5, 1 / 4])
    np.testing.assert_allclose(model.predict_proba([[6.0]]), [votes / votes.sum()])


def test_kneighbors_matches_brute_force():
    rng = np.random.default_rng(0)
    X_train, X_query = rng.standard_normal((40, 3)), rng.standard_normal((7, 3))
    model = KNN(n_neighbors=4).fit(X_train, rng.integers(0, 2, 40))
    distances, indices = model.kneighbors(X_query)
    full = np.sqrt(((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))
    np.testing.assert_array_equal(indices, np.argsort(full, axis=1, kind="stable")[:, :4])
    np.testing.assert_allclose(distances, np.sort(full, axis=1)[:, :4], atol=1e-12)


# --------------------------------------------------------------------------- ties and exact matches


def test_distance_ties_go_to_the_earlier_training_sample():
    # every training point is at distance 1 from the query; the first ones win
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [5.0, 5.0]])
    model = KNN(n_neighbors=2).fit(X, [1, 0, 0, 0, 1])
    distances, indices = model.kneighbors([[0.0, 0.0]])
    np.testing.assert_array_equal(indices, [[0, 1]])
    np.testing.assert_allclose(distances, [[1.0, 1.0]])
    # reversing the training order reverses which tied samples are chosen
    _, indices = KNN(n_neighbors=2).fit(X[::-1], [1, 0, 0, 0, 1]).kneighbors([[0.0, 0.0]])
    np.testing.assert_array_equal(indices, [[1, 2]])


def test_vote_ties_go_to_the_smallest_class():
    X = np.array([[-1.0], [1.0]])
    for labels in (["b", "a"], ["a", "b"]):
        model = KNN(n_neighbors=2).fit(X, labels)
        assert model.predict([[0.0]])[0] == "a"
        np.testing.assert_allclose(model.predict_proba([[0.0]]), [[0.5, 0.5]])


def test_exact_matches_take_all_the_weight():
    X, y = _line()
    model = KNN(n_neighbors=3, weights="distance").fit(X, y)
    proba = model.predict_proba(X)
    np.testing.assert_array_equal(proba, np.eye(2)[y])
    # duplicated training points with different labels share the vote
    X_dup = np.array([[0.0], [0.0], [0.0], [3.0]])
    model = KNN(n_neighbors=4, weights="distance").fit(X_dup, [0, 1, 1, 0])
    np.testing.assert_allclose(model.predict_proba([[0.0]]), [[1 / 3, 2 / 3]])


# --------------------------------------------------------------------------- invariants


def test_batch_size_does_not_change_the_result():
    # integer pixels: distances are exact, so ties are real ties and are broken the same way
    X, y = load_digits()
    X_train, X_query, y_train = X[:300], X[300:400], y[:300]
    reference = KNN(n_neighbors=7, weights="distance").fit(X_train, y_train)
    for batch_size in (1, 13, 1000):
        model = KNN(n_neighbors=7, weights="distance", batch_size=batch_size).fit(X_train, y_train)
        np.testing.assert_array_equal(model.kneighbors(X_query)[1], reference.kneighbors(X_query)[1])
        np.testing.assert_array_equal(model.predict_proba(X_query), reference.predict_proba(X_query))


def test_n_neighbors_equal_to_n_samples():
    X, y = _line()
    model = KNN(n_neighbors=6).fit(X, y)
    np.testing.assert_allclose(model.predict_proba([[100.0]]), [[0.5, 0.5]])
    assert model.kneighbors([[100.0]])[1][0].tolist() == [5, 4, 3, 2, 1, 0]


def test_string_labels_round_trip_and_inputs_unchanged():
    X, y = _line()
    labels = np.array(["cat", "dog"])[y]
    X_copy, labels_copy = X.copy(), labels.copy()
    model = KNN(n_neighbors=3)
    assert model.fit(X, labels) is model
    np.testing.assert_array_equal(model.predict(X), labels)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(labels, labels_copy)


def test_model_keeps_its_own_copy_of_the_training_data():
    X, y = _line()
    model = KNN(n_neighbors=1).fit(X, y)
    X[:] = 0.0
    np.testing.assert_array_equal(model.predict([[11.0]]), [1])


def test_refit_starts_fresh():
    X, y = load_iris()
    refitted = KNN().fit(X[::5, :2], y[::5] + 1).fit(X, y)
    fresh = KNN().fit(X, y)
    np.testing.assert_array_equal(refitted.predict_proba(X), fresh.predict_proba(X))
    np.testing.assert_array_equal(refitted.classes_, fresh.classes_)


def test_scaled_data_gives_the_same_neighbours():
    # scaling by a power of two is exact in floating point: the same neighbours, bit for bit
    X, y = load_iris()
    for weights in ("uniform", "distance"):
        big = KNN(weights=weights).fit(X * 2.0**20, y)
        small = KNN(weights=weights).fit(X, y)
        np.testing.assert_array_equal(big.kneighbors(X * 2.0**20)[1], small.kneighbors(X)[1])
        np.testing.assert_allclose(big.predict_proba(X * 2.0**20), small.predict_proba(X), atol=1e-12)


def test_badly_scaled_data_works_without_warnings():
    X, y = load_iris()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    for weights in ("uniform", "distance"):
        model = KNN(weights=weights).fit(X_train * 1e6, y_train)
        proba = model.predict_proba(X_test * 1e6)
        assert np.all(np.isfinite(proba))
        assert accuracy_score(y_test, model.predict(X_test * 1e6)) > 0.9


# --------------------------------------------------------------------------- bad input


def test_bad_input_raises():
    X, y = _line()
    with pytest.raises(NotFittedError):
        KNN().predict(X)
    with pytest.raises(ValueError, match="n_neighbors=7 is more than the n_samples=6 training samples"):
        KNN(n_neighbors=7).fit(X, y)
    with pytest.raises(ValueError, match="n_neighbors"):
        KNN(n_neighbors=0).fit(X, y)
    with pytest.raises(ValueError, match="n_neighbors"):
        KNN(n_neighbors=2.5).fit(X, y)
    with pytest.raises(ValueError, match="unknown weights"):
        KNN(weights="gaussian").fit(X, y)
    with pytest.raises(ValueError, match="batch_size"):
        KNN(n_neighbors=3, batch_size=0).fit(X, y)
    with pytest.raises(ValueError, match="at least 2 classes"):
        KNN(n_neighbors=3).fit(X, np.zeros(len(X)))
    X_inf = X.copy()
    X_inf[1, 0] = np.inf
    with pytest.raises(ValueError, match="NaN or infinity"):
        KNN(n_neighbors=3).fit(X_inf, y)
    with pytest.raises(ValueError, match="2 dimensions"):
        KNN(n_neighbors=3).fit(X[:, 0], y)
    with pytest.raises(ValueError, match="inconsistent"):
        KNN(n_neighbors=3).fit(X, y[:-1])
    model = KNN(n_neighbors=3).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        model.predict([[np.nan]])


# --------------------------------------------------------------------------- real data


def test_learns_digits():
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    model = KNN(n_neighbors=5).fit(X_train, y_train)
    assert accuracy_score(y_test, model.predict(X_test)) > 0.97


@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_matches_scikit_learn(weights):
    neighbors = pytest.importorskip("sklearn.neighbors")
    X, y = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    ours = KNN(n_neighbors=5, weights=weights).fit(X_train, y_train)
    theirs = neighbors.KNeighborsClassifier(n_neighbors=5, weights=weights, algorithm="brute").fit(X_train, y_train)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-10)
    np.testing.assert_allclose(ours.kneighbors(X_test)[0], theirs.kneighbors(X_test)[0], atol=1e-10)


# ------------------------------------------------------------------- hyperparameters (issue 16) and role (issue 15)


@pytest.mark.parametrize("name", ["n_neighbors", "batch_size"])
@pytest.mark.parametrize("value", [np.nan, np.inf, -1, 0, 2.5, "3", True], ids=repr)
def test_integer_hyperparameters_must_be_positive_integers(name, value):
    X, y = _line()
    with pytest.raises(ValueError, match=name):
        KNN(**{"n_neighbors": 3, name: value}).fit(X, y)


def test_score_is_accuracy():
    X, y = _line()
    model = KNN(n_neighbors=3).fit(X, y)
    queries, labels = np.array([[1.5], [9.0], [5.0], [7.0]]), np.array([0, 1, 1, 1])
    assert model.score(queries, labels) == np.mean(model.predict(queries) == labels) == 0.75
    assert model._estimator_type == "classifier"
