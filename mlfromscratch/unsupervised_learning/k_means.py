"""K-Means clustering: Lloyd's algorithm with k-means++ seeding and restarts."""

import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
)


def kmeans_plusplus(X, n_clusters, rng, n_candidates=None):
    """Choose initial centres by greedy k-means++ seeding.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    rng : numpy.random.Generator
    n_candidates : int, optional
        Candidates drawn per step; defaults to ``2 + int(log(n_clusters))``.

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of int of shape (n_clusters,)
        Rows of ``X`` chosen as centres.

    Notes
    -----
    The first centre is a uniformly random point. Each further centre is drawn
    with probability proportional to D(x)^2, the squared distance from x to its
    closest centre so far. The greedy variant draws several candidates that way
    and keeps the one that lowers the potential sum_x D(x)^2 the most. When
    every point already coincides with a centre (duplicates), D(x)^2 is zero
    everywhere and the draw falls back to uniform.
    """
    n_samples = X.shape[0]
    if n_candidates is None:
        n_candidates = 2 + int(np.log(n_clusters))
    indices = np.empty(n_clusters, dtype=int)
    indices[0] = rng.integers(n_samples)
    closest_d2 = squared_euclidean_distances(X[indices[:1]], X)[0]  # (n_samples,)
    for c in range(1, n_clusters):
        potential = closest_d2.sum()
        p = closest_d2 / potential if potential > 0 else None
        candidates = rng.choice(n_samples, size=n_candidates, p=p)
        # Potential after adding each candidate, shape (n_candidates, n_samples).
        candidate_d2 = np.minimum(closest_d2, squared_euclidean_distances(X[candidates], X))
        best = np.argmin(candidate_d2.sum(axis=1))
        indices[c] = candidates[best]
        closest_d2 = candidate_d2[best]
    return X[indices].copy(), indices


def _assign(X, centers):
    """Closest centre of each point and the squared distance to it, both shape (n_samples,)."""
    d2 = squared_euclidean_distances(X, centers)  # (n_samples, n_clusters)
    labels = np.argmin(d2, axis=1)
    return labels, d2[np.arange(len(X)), labels]


def _update_centers(X, labels, min_d2, n_clusters):
    """Cluster means; an empty cluster takes the point farthest from its own centre.

    Returns the new centres and the (possibly repaired) labels.
    """
    counts = np.bincount(labels, minlength=n_clusters)
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        # Move the points that are worst represented into the empty clusters.
        labels = labels.copy()
        farthest = np.argsort(min_d2)[::-1][: empty.size]
        labels[farthest] = empty
        counts = np.bincount(labels, minlength=n_clusters)
    sums = np.zeros((n_clusters, X.shape[1]))
    np.add.at(sums, labels, X)
    return sums / np.maximum(counts, 1)[:, None], labels


class KMeans(BaseEstimator):
    """K-Means clustering (Lloyd's algorithm) with k-means++ seeding.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters k.
    init : {"k-means++", "random"}, default="k-means++"
        Seeding: greedy k-means++, or k distinct random samples.
    n_init : int, default=10
        Independent runs from different seeds; the one with the lowest inertia
        is kept.
    max_iter : int, default=300
        Maximum Lloyd iterations per run.
    tol : float, default=1e-4
        Convergence tolerance, relative to the data scale (see Notes).
    verbose : bool, default=False
        Print the inertia after every iteration.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        Centres of the best run.
    labels_ : ndarray of int of shape (n_samples,)
        Index of the closest centre of each training point.
    inertia_ : float
        Sum of squared distances of the training points to their closest centre.
    n_iter_ : int
        Lloyd iterations of the best run.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    K-Means minimises the inertia  J = sum_i ||x_i - mu_{c(i)}||^2  by
    alternating two steps, each of which cannot increase J:

    1. assignment:  c(i) = argmin_j ||x_i - mu_j||^2
    2. update:      mu_j = mean of the points with c(i) = j

    A run stops when the centres move by less than ``tol`` in total,
    sum_j ||mu_j^new - mu_j^old||^2 <= tol * mean_f Var(X[:, f]) (the tolerance
    is scaled by the mean feature variance, as in scikit-learn, so that it does
    not depend on the units), or when the assignment no longer changes. The
    labels and inertia are then recomputed from the final centres.

    An empty cluster receives the point that is farthest from its current
    centre, which always decreases J.

    References
    ----------
    Lloyd, S. (1982). Least squares quantization in PCM. IEEE Transactions on
    Information Theory, 28(2), 129-137.
    Arthur, D. and Vassilvitskii, S. (2007). k-means++: The advantages of
    careful seeding. SODA, 1027-1035.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    >>> km = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(km.cluster_centers_.tolist())
    [[0.0, 0.5], [10.0, 0.5]]
    >>> float(km.inertia_)
    1.0
    """

    def __init__(self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4,
                 verbose=False, random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.verbose = verbose
        self.random_state = random_state

    def _check_params(self, X):
        check_positive(self.n_clusters, "n_clusters", self, integer=True)
        check_positive(self.n_init, "n_init", self, integer=True)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        check_option(self.init, "init", ("k-means++", "random"), self)
        if self.n_clusters > X.shape[0]:
            raise ValueError(
                f"KMeans: n_clusters={self.n_clusters} is larger than the number of samples "
                f"({X.shape[0]}); use at most n_samples clusters"
            )

    def _single_run(self, X, rng, tol):
        """One seeding + Lloyd run; returns (centers, labels, inertia, n_iter)."""
        if self.init == "k-means++":
            centers, _ = kmeans_plusplus(X, self.n_clusters, rng)
        else:
            centers = X[rng.choice(X.shape[0], self.n_clusters, replace=False)].copy()
        labels = None
        for n_iter in range(1, self.max_iter + 1):
            new_labels, min_d2 = _assign(X, centers)                      # (n_samples,)
            if self.verbose:
                print(f"Iteration {n_iter}, inertia {min_d2.sum():.4f}")
            if labels is not None and np.array_equal(new_labels, labels):
                break  # assignment is stable: the centres will not move any more
            new_centers, labels = _update_centers(X, new_labels, min_d2, self.n_clusters)
            shift = np.sum((new_centers - centers) ** 2)
            centers = new_centers
            if shift <= tol:
                break
        else:
            warnings.warn(
                f"KMeans did not converge in max_iter={self.max_iter} iterations; "
                f"increase max_iter or tol",
                ConvergenceWarning,
            )
        labels, min_d2 = _assign(X, centers)
        return centers, labels, float(min_d2.sum()), n_iter

    def fit(self, X, y=None):
        """Cluster ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : KMeans
        """
        X = check_array(X, estimator=self)
        self._check_params(X)
        rng = np.random.default_rng(self.random_state)
        n_distinct = len(np.unique(X, axis=0))
        if n_distinct < self.n_clusters:
            warnings.warn(
                f"KMeans: only {n_distinct} distinct points for n_clusters={self.n_clusters}; "
                f"some clusters will share a location",
                ConvergenceWarning,
            )
        tol = self.tol * float(np.mean(np.var(X, axis=0)))
        best = None
        for run in range(self.n_init):
            result = self._single_run(X, rng, tol)
            if self.verbose:
                print(f"Run {run + 1}/{self.n_init}: inertia {result[2]:.4f}")
            if best is None or result[2] < best[2]:
                best = result
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = best
        self.n_features_in_ = X.shape[1]
        return self

    def _check_X(self, X):
        check_is_fitted(self, "cluster_centers_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X

    def predict(self, X):
        """Index of the closest learned centre for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of int of shape (n_samples,)
        """
        return _assign(self._check_X(X), self.cluster_centers_)[0]

    def fit_predict(self, X, y=None):
        """Fit and return ``labels_``."""
        return self.fit(X).labels_

    def transform(self, X):
        """Euclidean distance from each row of ``X`` to every centre.

        Returns
        -------
        distances : ndarray of shape (n_samples, n_clusters)
        """
        return np.sqrt(squared_euclidean_distances(self._check_X(X), self.cluster_centers_))

    def fit_transform(self, X, y=None):
        """Fit and return the distances to the centres."""
        return self.fit(X).transform(X)

    def score(self, X, y=None):
        """Opposite of the inertia of ``X`` under the learned centres (higher is better)."""
        return -float(_assign(self._check_X(X), self.cluster_centers_)[1].sum())
