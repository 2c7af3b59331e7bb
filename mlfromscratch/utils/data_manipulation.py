"""Data helpers: shuffling, batching, splitting, scaling, feature expansion and label encoding.

Every function returns new arrays and leaves its inputs unchanged; every random
choice comes from ``np.random.default_rng(random_state)``.
"""

from itertools import combinations_with_replacement

import numpy as np

from mlfromscratch.utils.validation import check_scalar


def _check_same_length(X, y):
    if y is not None and len(X) != len(y):
        raise ValueError(f"X and y have different numbers of samples: {len(X)} vs {len(y)}")


def batch_iterator(X, y=None, batch_size=64, rng=None):
    """Yield mini-batches of ``X`` (and ``y``): the one mini-batch loop of the library.

    Parameters
    ----------
    X : ndarray of shape (n_samples, ...)
    y : ndarray of shape (n_samples, ...), optional
    batch_size : int, default=64
        Samples per batch; the last batch may be smaller.
    rng : numpy.random.Generator, optional
        When given, the samples are visited in the order ``rng.permutation(n_samples)``
        (a fresh shuffle per call, i.e. per epoch); otherwise in their stored order.

    Yields
    ------
    X_batch or (X_batch, y_batch)

    Examples
    --------
    >>> [b.tolist() for b in batch_iterator(np.arange(5), batch_size=2)]
    [[0, 1], [2, 3], [4]]
    """
    check_scalar(batch_size, "batch_size", "batch_iterator", integer=True, low=1)
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise ValueError(f"batch_iterator: rng must be a numpy.random.Generator or None, got {rng!r}")
    _check_same_length(X, y)
    n_samples = len(X)
    order = None if rng is None else rng.permutation(n_samples)
    for start in range(0, n_samples, batch_size):
        rows = slice(start, start + batch_size) if order is None else order[start:start + batch_size]
        if y is None:
            yield X[rows]
        else:
            yield X[rows], y[rows]


def polynomial_features(X, degree):
    """All monomials of the features up to ``degree``, starting with the constant 1.

    For features (a, b) and degree 2 the columns are 1, a, b, a^2, ab, b^2.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    degree : int >= 0

    Returns
    -------
    X_poly : ndarray of shape (n_samples, C(n_features + degree, degree))
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"polynomial_features expects X with 2 dimensions, got shape {X.shape}")
    if int(degree) != degree or degree < 0:
        raise ValueError(f"degree must be a non-negative integer, got {degree!r}")
    n_samples, n_features = X.shape
    columns = [np.ones(n_samples)]
    for d in range(1, int(degree) + 1):
        for combo in combinations_with_replacement(range(n_features), d):
            columns.append(np.prod(X[:, combo], axis=1))
    return np.column_stack(columns)


def fourier_features(X, n_harmonics):
    """Sines and cosines of a periodic variable: sin(2 pi k t), k = 1..K, then cos(2 pi k t).

    With t the fraction of a period (e.g. of the year, as ``load_temperature``
    gives it), a linear model in these columns is a smooth periodic curve.
    Over a whole period each column has mean 0 and variance 1/2, so a penalty
    treats them alike without further scaling.

    Parameters
    ----------
    X : array-like of shape (n_samples, 1) or (n_samples,)
        t, in periods.
    n_harmonics : int >= 1
        K.

    Returns
    -------
    F : ndarray of shape (n_samples, 2 * n_harmonics)
        ``[sin(2 pi t), ..., sin(2 pi K t), cos(2 pi t), ..., cos(2 pi K t)]``.
    """
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or X.shape[1] != 1:
        raise ValueError(f"fourier_features expects one column t, got shape {X.shape}")
    if int(n_harmonics) != n_harmonics or n_harmonics < 1:
        raise ValueError(f"n_harmonics must be a positive integer, got {n_harmonics!r}")
    angles = 2 * np.pi * X * np.arange(1, int(n_harmonics) + 1)  # (n_samples, K)
    return np.hstack([np.sin(angles), np.cos(angles)])


def normalize(X, axis=-1, order=2):
    """Scale each row (by default) to unit ``order``-norm; all-zero rows stay zero.

    Returns
    -------
    X_normalized : ndarray of the same shape, float
    """
    X = np.asarray(X, dtype=float)
    norms = np.linalg.norm(X, ord=order, axis=axis, keepdims=True)
    return np.divide(X, norms, out=np.zeros_like(X), where=norms != 0)


def standardize(X):
    """Shift each column to mean 0 and scale it to standard deviation 1.

    Zero-variance columns are only centred (left at 0), never divided by 0.

    Returns
    -------
    X_standardized : ndarray, a new array
    """
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return np.divide(X - mean, std, out=np.zeros_like(X), where=std > 0)


def train_test_split(X, y, test_size=0.5, shuffle=True, random_state=None, stratify=None):
    """Split the data into a training and a test part.

    Parameters
    ----------
    X : ndarray of shape (n_samples, ...)
    y : ndarray of shape (n_samples, ...)
    test_size : float in (0, 1) or int, default=0.5
        Fraction (or number) of samples in the test part.
    shuffle : bool, default=True
        Shuffle before splitting; otherwise the last samples are the test part.
    random_state : None, int or numpy.random.Generator
    stratify : array-like of shape (n_samples,), optional
        Keep each class's proportion in both parts (usually ``stratify=y``).

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
        Together the two parts are a partition of the samples.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    _check_same_length(X, y)
    n_samples = len(X)
    if isinstance(test_size, (float, np.floating)):
        if not 0 < test_size < 1:
            raise ValueError(f"test_size as a fraction must be in (0, 1), got {test_size}")
        n_test = int(np.ceil(test_size * n_samples))
    else:
        n_test = int(test_size)
    if not 0 < n_test < n_samples:
        raise ValueError(
            f"test_size={test_size} leaves an empty training or test part for {n_samples} samples"
        )
    rng = np.random.default_rng(random_state)
    if stratify is None:
        order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
        test_idx, train_idx = order[n_samples - n_test:], order[: n_samples - n_test]
    else:
        if not shuffle:
            raise ValueError("stratify requires shuffle=True")
        test_idx, train_idx = _stratified_test_indices(np.asarray(stratify), n_test, rng)
    return X[train_idx], X[test_idx], y[train_idx], y[test_idx]


def _stratified_test_indices(labels, n_test, rng):
    """Test and train indices holding each class in proportion (largest remainders)."""
    if len(labels) != len(labels.reshape(len(labels), -1)):
        raise ValueError("stratify must have one label per sample")
    classes, encoded = np.unique(labels, return_inverse=True)
    counts = np.bincount(encoded.ravel())
    exact = counts * n_test / len(labels)
    per_class = np.floor(exact).astype(int)
    # hand the remaining test slots to the classes with the largest remainders
    remainder_order = np.argsort(-(exact - per_class), kind="stable")
    per_class[remainder_order[: n_test - per_class.sum()]] += 1
    test_idx = []
    for c in range(len(classes)):
        members = rng.permutation(np.flatnonzero(encoded.ravel() == c))
        test_idx.append(members[: per_class[c]])
    test_idx = rng.permutation(np.concatenate(test_idx))
    train_mask = np.ones(len(labels), dtype=bool)
    train_mask[test_idx] = False
    return test_idx, rng.permutation(np.flatnonzero(train_mask))


def k_fold_cross_validation_sets(X, y, k, shuffle=True, random_state=None):
    """Split the data into ``k`` folds; each fold is the test set once.

    Every sample is in exactly one test fold: the ``n_samples % k`` leftover
    samples go one each to the first folds.

    Returns
    -------
    sets : list of k tuples (X_train, X_test, y_train, y_test)
    """
    X = np.asarray(X)
    y = np.asarray(y)
    _check_same_length(X, y)
    n_samples = len(X)
    if int(k) != k or not 2 <= k <= n_samples:
        raise ValueError(f"k must be an integer in [2, n_samples={n_samples}], got {k!r}")
    order = np.random.default_rng(random_state).permutation(n_samples) if shuffle else np.arange(n_samples)
    folds = np.array_split(order, int(k))
    sets = []
    for i, test_idx in enumerate(folds):
        train_idx = np.concatenate([f for j, f in enumerate(folds) if j != i])
        sets.append((X[train_idx], X[test_idx], y[train_idx], y[test_idx]))
    return sets


def cross_val_score(estimator, X, y, k=5, scoring=None, shuffle=True, random_state=None):
    """Score an estimator on each of ``k`` cross-validation folds.

    For every fold of ``k_fold_cross_validation_sets`` the estimator is fitted
    on the other folds and scored on the held-out one. It is refitted in place,
    so afterwards it holds the fit of the last fold.

    Parameters
    ----------
    estimator : object with ``fit(X, y)`` and ``predict(X)``
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    k : int, default=5
        Number of folds.
    scoring : callable ``scoring(y_true, y_pred) -> float``, optional
        By default the estimator's own ``score(X, y)``: accuracy for a
        classifier, R^2 for a regressor (higher is better for both). Pass
        ``mean_squared_error`` to get each fold's MSE (lower is better).
    shuffle : bool, default=True
    random_state : None, int or numpy.random.Generator

    Returns
    -------
    scores : ndarray of shape (k,)
        One score per fold; ``scores.mean()`` is the cross-validated score and
        ``scores.std(ddof=1) / sqrt(k)`` its standard error.

    Examples
    --------
    >>> class Mean:                                   # predicts the training mean
    ...     def fit(self, X, y):
    ...         self.mean_ = y.mean()
    ...         return self
    ...     def predict(self, X):
    ...         return np.full(len(X), self.mean_)
    >>> from mlfromscratch.utils.data_operation import mean_squared_error
    >>> X, y = np.arange(4.0).reshape(-1, 1), np.array([0.0, 0.0, 2.0, 2.0])
    >>> cross_val_score(Mean(), X, y, k=2, scoring=mean_squared_error, shuffle=False).tolist()
    [4.0, 4.0]
    """
    if scoring is None and not hasattr(estimator, "score"):
        raise ValueError(
            f"cross_val_score: {type(estimator).__name__} has no score method; pass scoring, "
            f"e.g. scoring=accuracy_score or scoring=mean_squared_error"
        )
    if scoring is not None and not callable(scoring):
        raise ValueError(
            f"cross_val_score: scoring must be None or a callable scoring(y_true, y_pred), got {scoring!r}"
        )
    scores = []
    for X_fit, X_val, y_fit, y_val in k_fold_cross_validation_sets(X, y, k, shuffle=shuffle, random_state=random_state):
        estimator.fit(X_fit, y_fit)
        if scoring is None:
            scores.append(estimator.score(X_val, y_val))
        else:
            scores.append(scoring(y_val, estimator.predict(X_val)))
    return np.array(scores)


def to_categorical(x, n_classes=None):
    """One-hot encode integer labels 0..n_classes-1.

    Parameters
    ----------
    x : array-like of int, shape (n_samples,)
    n_classes : int, optional
        Defaults to ``max(x) + 1``.

    Returns
    -------
    one_hot : ndarray of float of shape (n_samples, n_classes)
    """
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError(f"to_categorical expects 1-D labels, got shape {x.shape}")
    if x.dtype.kind not in "iubf":
        raise ValueError(
            f"to_categorical expects integer labels 0..n_classes-1, got dtype {x.dtype}; encode other "
            f"labels first, e.g. classes, x = np.unique(x, return_inverse=True)"
        )
    if x.size and (x.dtype.kind == "f" and not np.all(np.isfinite(x) & (x == np.round(x)))):
        raise ValueError("to_categorical expects integer labels 0..n_classes-1, got non-integer values")
    x = x.astype(int)
    if x.size and x.min() < 0:
        raise ValueError("to_categorical expects non-negative labels")
    if n_classes is None:
        n_classes = int(x.max()) + 1 if x.size else 0
    check_scalar(n_classes, "n_classes", "to_categorical", integer=True, low=0)
    if x.size and x.max() >= n_classes:
        raise ValueError(f"label {x.max()} does not fit n_classes={n_classes}")
    one_hot = np.zeros((x.shape[0], n_classes))
    one_hot[np.arange(x.shape[0]), x] = 1
    return one_hot
