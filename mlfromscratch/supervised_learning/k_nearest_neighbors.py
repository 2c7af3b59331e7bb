"""k-nearest neighbours classifier with blocked, vectorised distance computation."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)

_BLOCK_BYTES = 64 * 2**20  # default memory for one block of distances: 64 MiB


class KNN(ClassifierMixin, BaseEstimator):
    """k-nearest neighbours classifier: the majority vote of the closest training samples.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours that vote (at most the number of training samples).
    weights : {"uniform", "distance"}, default="uniform"
        "uniform": one vote per neighbour. "distance": votes weighted by 1 /
        distance; a query that coincides with training samples takes its vote
        from those exact matches only.
    batch_size : int or None, default=None
        Queries per block of the distance computation, so that memory stays
        at about batch_size * max(n_train, n_neighbors * n_features) floats.
        None picks the largest block that fits in 64 MiB.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels, sorted.
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_samples_fit_ : int
        Number of stored training samples.

    Notes
    -----
    ``fit`` only stores the data. For each query x, ``predict`` finds the k
    training samples with the smallest Euclidean distance, using
    ||x - x_i||^2 = ||x||^2 - 2 x . x_i + ||x_i||^2 for a whole block of
    queries at once (one matrix product), then computes the k chosen distances
    exactly as ||x - x_i||. The probability of class c is the share of the
    neighbours' votes that go to c (weight 1, or 1/d_i).

    Ties are broken deterministically: among training samples at the same
    computed distance, the one that comes first in the training data is the
    nearer neighbour; a tie in votes goes to the class that comes first in
    ``classes_`` (the smallest label). Distances are exact for data such as
    integer pixels; otherwise rounding (which can depend on ``batch_size``)
    may separate samples that are at mathematically equal distances.

    References
    ----------
    Cover and Hart, "Nearest neighbor pattern classification", IEEE
    Transactions on Information Theory 13(1), 1967.

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [10.0], [11.0]])
    >>> KNN(n_neighbors=3).fit(X, ["a", "a", "b", "b"]).predict([[2.0], [9.0]]).tolist()
    ['a', 'b']
    """

    def __init__(self, n_neighbors=5, weights="uniform", batch_size=None):
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.batch_size = batch_size

    def fit(self, X, y):
        """Store the training data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any type, at least two distinct.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, estimator=self)
        check_positive(self.n_neighbors, "n_neighbors", self, integer=True)
        check_option(self.weights, "weights", ("uniform", "distance"), self)
        if self.batch_size is not None:
            check_positive(self.batch_size, "batch_size", self, integer=True)
        if self.n_neighbors > len(X):
            raise ValueError(
                f"KNN: n_neighbors={self.n_neighbors} is more than the n_samples={len(X)} training samples; "
                f"lower n_neighbors"
            )
        self.classes_, self._fit_y = check_classification_targets(y, min_classes=2, estimator=self)
        self._fit_X = X.copy()                                     # our own copy: the caller may change theirs
        self.n_features_in_ = X.shape[1]
        self.n_samples_fit_ = len(X)
        return self

    def kneighbors(self, X):
        """Distances to and indices of the ``n_neighbors`` nearest training samples.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors)
            Euclidean distances, ascending.
        indices : ndarray of int of shape (n_queries, n_neighbors)
            Rows of the training data.
        """
        check_is_fitted(self, "n_samples_fit_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        k = self.n_neighbors
        batch_size = self.batch_size or _queries_per_block(self.n_samples_fit_, k, self.n_features_in_)
        distances = np.empty((len(X), k))
        indices = np.empty((len(X), k), dtype=int)
        for start in range(0, len(X), batch_size):                 # a block of queries at a time
            block = slice(start, start + batch_size)
            # 1. squared distances to every training sample, ||x||^2 - 2 x.x_i + ||x_i||^2
            D2 = squared_euclidean_distances(X[block], self._fit_X)  # (batch, n_train)
            # 2. the k smallest of each row, a tie going to the earlier training sample
            chosen = _nearest_in_block(D2, k)                       # (batch, k)
            # 3. their distances again, directly (the expansion can round x == x_i to > 0),
            #    sorted by distance, then training index
            diff = X[block, None, :] - self._fit_X[chosen]          # (batch, k, n_features)
            exact = np.sqrt(np.sum(diff**2, axis=2))                # (batch, k)
            order = np.lexsort((chosen, exact), axis=1)
            indices[block] = np.take_along_axis(chosen, order, axis=1)
            distances[block] = np.take_along_axis(exact, order, axis=1)
        return distances, indices

    def predict_proba(self, X):
        """Share of the (weighted) neighbour votes for each class.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        proba : ndarray of shape (n_queries, n_classes)
            Columns in the order of ``classes_``; rows sum to 1.
        """
        distances, indices = self.kneighbors(X)
        if self.weights == "uniform":
            votes = np.ones_like(distances)
        else:
            exact = distances == 0
            has_exact = exact.any(axis=1, keepdims=True)
            # 1/d, or only the exact matches where a query sits on training samples
            votes = np.where(has_exact, exact, 1.0 / np.where(exact, 1.0, distances))
        n_queries, n_classes = len(indices), len(self.classes_)
        # counts[q, c] = sum of the votes of query q's neighbours of class c, as one
        # bincount over the flattened (query, class) cells
        cells = (np.arange(n_queries)[:, None] * n_classes + self._fit_y[indices]).ravel()
        counts = np.bincount(cells, weights=votes.ravel(), minlength=n_queries * n_classes)
        counts = counts.reshape(n_queries, n_classes)
        return counts / counts.sum(axis=1, keepdims=True)

    def predict(self, X):
        """Majority class of the neighbours (ties go to the first class in ``classes_``).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_queries,)
            Labels from ``classes_``.
        """
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


# --- pieces of kneighbors: the k smallest of a block with ties resolved, and the block size


def _nearest_in_block(D2, k):
    """Indices of the k smallest entries of each row, ties going to the smaller index.

    ``np.argpartition`` finds the k smallest in linear time but breaks ties
    arbitrarily; rows where the k-th distance is shared with a sample left out
    are redone with a stable sort, so the result is always the set of k
    samples with the smallest (distance, index) pairs.

    Parameters
    ----------
    D2 : ndarray of shape (n_queries, n_train)
    k : int

    Returns
    -------
    indices : ndarray of int of shape (n_queries, k), in no particular order
    """
    if k == D2.shape[1]:
        return np.broadcast_to(np.arange(k), D2.shape).copy()
    indices = np.argpartition(D2, k - 1, axis=1)[:, :k]
    kth = np.take_along_axis(D2, indices, axis=1).max(axis=1, keepdims=True)
    tied = np.sum(D2 <= kth, axis=1) > k                           # a tie at the k-th place
    if tied.any():
        indices[tied] = np.argsort(D2[tied], axis=1, kind="stable")[:, :k]
    return indices


def _queries_per_block(n_train, k, n_features):
    """Queries per block so that one block of distances fits in ``_BLOCK_BYTES`` (at least 1)."""
    # per query, a block holds n_train squared distances and k * n_features differences
    floats_per_query = max(n_train, k * n_features)
    return max(1, _BLOCK_BYTES // (8 * floats_per_query))
