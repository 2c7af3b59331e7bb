"""Partitioning Around Medoids (PAM): k-medoids clustering by BUILD and SWAP."""

import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, ClusterMixin
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_scalar,
)


def _nearest_two(D, medoids):
    """Distance to the closest and second-closest medoid, and which medoid is closest.

    Returns ``nearest`` (position in ``medoids``), ``d1`` and ``d2``, each of shape (n_samples,).
    ``d2`` is +inf when there is a single medoid.
    """
    D_medoids = D[medoids]                                      # (n_clusters, n_samples)
    order = np.argsort(D_medoids, axis=0, kind="stable")
    columns = np.arange(D.shape[1])
    nearest = order[0]
    d1 = D_medoids[nearest, columns]
    d2 = D_medoids[order[1], columns] if len(medoids) > 1 else np.full(D.shape[1], np.inf)
    return nearest, d1, d2


class PAM(ClusterMixin, BaseEstimator):
    """K-medoids clustering with the Partitioning Around Medoids algorithm.

    Parameters
    ----------
    n_clusters : int, default=2
        Number of medoids k, 1 <= k <= n_samples.
    max_iter : int, default=300
        Maximum number of SWAP steps (>= 0; 0 keeps the BUILD medoids).

    Attributes
    ----------
    medoid_indices_ : ndarray of int of shape (n_clusters,)
        Rows of the training data chosen as medoids.
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        The medoids themselves (actual training points).
    labels_ : ndarray of int of shape (n_samples,)
        Index of the closest medoid of each training point.
    inertia_ : float
        Sum of Euclidean distances (not squared) of the points to their medoid.
    n_iter_ : int
        Number of swaps performed.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    PAM minimises the total deviation  T = sum_j d(x_j, m_{c(j)})  over sets of
    k medoids chosen among the data points, with d the Euclidean distance
    (not squared, so outliers weigh less than in k-means).

    BUILD picks the point with the smallest total distance to all others, then
    greedily adds the point h with the largest gain
    sum_j max(0, D_j - d(h, j)), where D_j is the distance of j to its closest
    medoid so far.

    SWAP evaluates every pair (medoid i, non-medoid h). With D_j and E_j the
    distances of j to its closest and second-closest medoid, replacing i by h
    changes the cost by

        delta(i, h) = sum_j [min(D_j, d(h, j)) - D_j]
                    + sum_{j in cluster i} [min(E_j, d(h, j)) - min(D_j, d(h, j))]

    The first sum does not depend on i, so all k x n costs take O(n^2) work per
    step, computed as a few matrix reductions. The best improving swap is made
    until none improves T.

    The full distance matrix is computed once: O(n^2) memory, so PAM suits a
    few thousand points.

    References
    ----------
    Kaufman, L. and Rousseeuw, P. J. (1990). Partitioning Around Medoids
    (Program PAM). In Finding Groups in Data, chapter 2. Wiley.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0], [12.0]])
    >>> pam = PAM(n_clusters=2).fit(X)
    >>> sorted(pam.cluster_centers_.ravel().tolist())
    [1.0, 11.0]
    >>> pam.inertia_
    4.0
    """

    def __init__(self, n_clusters=2, max_iter=300):
        self.n_clusters = n_clusters
        self.max_iter = max_iter

    def _build(self, D):
        """Greedy BUILD phase: indices of the k initial medoids."""
        medoids = [int(np.argmin(D.sum(axis=1)))]
        closest = D[medoids[0]].copy()                          # (n_samples,)
        for _ in range(1, self.n_clusters):
            gains = np.maximum(closest[None, :] - D, 0.0).sum(axis=1)  # (n_samples,)
            gains[medoids] = -np.inf
            best = int(np.argmax(gains))
            medoids.append(best)
            closest = np.minimum(closest, D[best])
        return np.array(medoids)

    def _best_swap(self, D, medoids):
        """Most negative swap cost: (delta, position in medoids, new medoid index)."""
        nearest, d1, d2 = _nearest_two(D, medoids)
        with_h_d1 = np.minimum(d1[None, :], D)                  # (n_candidates, n_samples)
        shared = (with_h_d1 - d1[None, :]).sum(axis=1)           # (n_candidates,)
        # Extra term for the points that lose their medoid i, summed per cluster.
        correction = np.minimum(d2[None, :], D) - with_h_d1     # (n_candidates, n_samples)
        membership = np.eye(len(medoids))[nearest]               # (n_samples, n_clusters) one-hot
        per_cluster = correction @ membership
        delta = shared[:, None] + per_cluster                    # (n_candidates, n_clusters)
        delta[medoids] = np.inf                                  # a medoid cannot replace one
        h, i = np.unravel_index(np.argmin(delta), delta.shape)
        return delta[h, i], i, h

    def fit(self, X, y=None):
        """Find k medoids of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : PAM
        """
        X = check_array(X, estimator=self)
        check_scalar(self.n_clusters, "n_clusters", self, integer=True, low=1)
        check_scalar(self.max_iter, "max_iter", self, integer=True, low=0)
        if self.n_clusters > X.shape[0]:
            raise ValueError(
                f"PAM: n_clusters={self.n_clusters} is larger than the number of samples "
                f"({X.shape[0]}); use at most n_samples clusters"
            )
        D = np.sqrt(squared_euclidean_distances(X, X))           # (n_samples, n_samples)
        np.fill_diagonal(D, 0.0)                                 # exact zeros despite rounding

        medoids = self._build(D)
        n_iter = 0
        # A swap must beat rounding noise, or PAM could cycle between equal-cost sets.
        threshold = -1e-10 * max(D.sum(), 1.0)
        while n_iter < self.max_iter:
            delta, i, h = self._best_swap(D, medoids)
            if delta >= threshold:
                break
            medoids[i] = h
            n_iter += 1
        else:
            if self.max_iter > 0:
                warnings.warn(
                    f"PAM stopped after max_iter={self.max_iter} swaps before converging",
                    ConvergenceWarning,
                    stacklevel=2,
                )

        nearest, d1, _ = _nearest_two(D, medoids)
        self.medoid_indices_ = medoids
        self.cluster_centers_ = X[medoids].copy()
        self.labels_ = nearest
        self.inertia_ = float(d1.sum())
        self.n_iter_ = n_iter
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X):
        """Index of the closest medoid for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of int of shape (n_samples,)
        """
        check_is_fitted(self, "cluster_centers_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return np.argmin(squared_euclidean_distances(X, self.cluster_centers_), axis=1)
