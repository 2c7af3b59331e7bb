"""K-Means clustering: Lloyd's algorithm with k-means++ seeding and restarts."""

import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, ClusterMixin, TransformerMixin
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_random_state,
)


def kmeans_plusplus(X, n_clusters, rng, n_local_trials=1):
    """Choose initial centres by k-means++ seeding (greedy when ``n_local_trials > 1``).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    rng : numpy.random.Generator
    n_local_trials : int, default=1
        Candidates drawn per step. 1 is the k-means++ of Arthur and
        Vassilvitskii; more gives the greedy variant (scikit-learn draws
        ``2 + int(log(n_clusters))``).

    Returns
    -------
    centers : ndarray of shape (n_clusters, n_features)
    indices : ndarray of int of shape (n_clusters,)
        Rows of ``X`` chosen as centres.

    Notes
    -----
    The first centre is a uniformly random point. Each further centre is drawn
    with probability proportional to D(x)^2, the squared distance from x to its
    closest centre so far. The greedy variant draws ``n_local_trials``
    candidates that way and keeps the one that lowers the potential
    sum_x D(x)^2 the most. When every point already coincides with a centre
    (duplicates), D(x)^2 is zero everywhere and the draw falls back to uniform.
    """
    n_samples = X.shape[0]
    indices = np.empty(n_clusters, dtype=int)
    indices[0] = rng.integers(n_samples)
    closest_d2 = squared_euclidean_distances(X[indices[:1]], X)[0]  # D(x)^2, (n_samples,)
    for c in range(1, n_clusters):
        potential = closest_d2.sum()
        p = closest_d2 / potential if potential > 0 else None           # P(x) = D(x)^2 / sum D^2
        candidates = rng.choice(n_samples, size=n_local_trials, p=p)
        # D(x)^2 once each candidate is a centre, shape (n_local_trials, n_samples).
        candidate_d2 = np.minimum(closest_d2, squared_euclidean_distances(X[candidates], X))
        best = np.argmin(candidate_d2.sum(axis=1))                      # 0 when there is one trial
        indices[c] = candidates[best]
        closest_d2 = candidate_d2[best]
    return X[indices].copy(), indices


def _assign(X, centers):
    """Closest centre of each point and the squared distance to it, both shape (n_samples,)."""
    # ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2; ||x||^2 is the same for every centre, so the
    # argmin needs only the last two terms, shape (n_samples, n_clusters).
    partial_d2 = np.sum(centers**2, axis=1) - 2.0 * X @ centers.T
    labels = np.argmin(partial_d2, axis=1)
    min_d2 = partial_d2[np.arange(len(X)), labels] + np.sum(X**2, axis=1)
    return labels, np.maximum(min_d2, 0.0)  # rounding can leave a tiny negative


def _fill_empty_clusters(labels, min_d2, n_clusters):
    """Labels in which no cluster is empty: each empty one takes a far point from a cluster that can spare it.

    Parameters
    ----------
    labels : ndarray of int of shape (n_samples,)
        Assignment c(i) of each point.
    min_d2 : ndarray of shape (n_samples,)
        Squared distance of each point to its assigned centre.
    n_clusters : int

    Returns
    -------
    labels : ndarray of int of shape (n_samples,)
        ``labels`` itself when no cluster is empty, else a repaired copy.
    """
    counts = np.bincount(labels, minlength=n_clusters)
    empty = list(np.flatnonzero(counts == 0))
    if not empty:
        return labels
    labels = labels.copy()
    # Worst-represented points first; a point moves only if its own cluster keeps a member,
    # so filling one empty cluster never empties another. Some cluster always holds two
    # points or more (n_samples >= n_clusters), so every empty cluster gets filled.
    for i in np.argsort(min_d2)[::-1]:
        if not empty:
            break
        if counts[labels[i]] > 1:
            counts[labels[i]] -= 1
            labels[i] = empty.pop(0)
            counts[labels[i]] = 1
    return labels


def _cluster_means(X, labels, n_clusters):
    """mu_j = mean of the points with c(i) = j, shape (n_clusters, n_features); no cluster may be empty."""
    counts = np.bincount(labels, minlength=n_clusters)                  # (n_clusters,)
    # Sum of each cluster's points, one feature at a time, shape (n_clusters, n_features).
    sums = np.stack([np.bincount(labels, weights=column, minlength=n_clusters) for column in X.T], axis=1)
    return sums / counts[:, None]


class KMeans(ClusterMixin, TransformerMixin, BaseEstimator):
    """K-Means clustering (Lloyd's algorithm) with k-means++ seeding.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters k.
    init : {"k-means++", "greedy-k-means++", "random"} or array-like of shape \
(n_clusters, n_features), default="k-means++"
        Seeding: k-means++ (one D^2-weighted draw per centre), its greedy
        variant (the best of 2 + int(log k) draws per centre, as in
        scikit-learn), k distinct random samples, or the initial centres
        themselves (then every run starts from them, so a single run is made
        whatever ``n_init``).
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

    An empty cluster receives the point farthest from its current centre among
    the clusters that have a point to spare (moving a cluster's only point
    would empty that cluster instead). Moving a point into a cluster of its own
    takes its term of J to zero, so J still cannot increase.

    ``score`` is minus the inertia (higher is better), as in scikit-learn;
    ``transform`` gives the distance to every centre.

    References
    ----------
    Lloyd, S. (1982). Least squares quantization in PCM. IEEE Transactions on
    Information Theory, 28(2), 129-137.
    Arthur, D. and Vassilvitskii, S. (2007). k-means++: The advantages of
    careful seeding. SODA, 1027-1035 (section 6 also tries the greedy variant).

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
        initial_centers = self._check_params(X)
        rng = check_random_state(self.random_state, estimator=self)
        n_distinct = len(np.unique(X, axis=0))
        if n_distinct < self.n_clusters:
            warnings.warn(
                f"KMeans: only {n_distinct} distinct points for n_clusters={self.n_clusters}; "
                f"some clusters will share a location",
                ConvergenceWarning,
            )
        tol = self.tol * float(np.mean(np.var(X, axis=0)))
        n_runs = 1 if initial_centers is not None else self.n_init
        best_inertia = np.inf
        for run in range(n_runs):
            centers = self._initial_centers(X, rng) if initial_centers is None else initial_centers.copy()
            centers, labels, inertia, n_iter = self._lloyd(X, centers, tol)
            if self.verbose:
                print(f"Run {run + 1}/{n_runs}: inertia {inertia:.4f}")
            if inertia < best_inertia:                             # keep the run with the lowest J
                best_inertia, best = inertia, (centers, labels, inertia, n_iter)
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = best
        self.n_features_in_ = X.shape[1]
        return self

    def _lloyd(self, X, centers, tol):
        """Lloyd's iterations from ``centers``; returns (centers, labels, inertia, n_iter)."""
        previous_labels = None
        for n_iter in range(1, self.max_iter + 1):
            labels, min_d2 = _assign(X, centers)                   # 1. assignment c(i), (n_samples,)
            if self.verbose:
                print(f"Iteration {n_iter}, inertia {min_d2.sum():.4f}")
            if previous_labels is not None and np.array_equal(labels, previous_labels):
                break  # assignment is stable: the centres will not move any more
            labels = _fill_empty_clusters(labels, min_d2, self.n_clusters)  # see Notes
            new_centers = _cluster_means(X, labels, self.n_clusters)  # 2. update mu_j, (n_clusters, n_features)
            shift = np.sum((new_centers - centers) ** 2)           # sum_j ||mu_j^new - mu_j^old||^2
            centers, previous_labels = new_centers, labels
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

    def _initial_centers(self, X, rng):
        """Seed one run: (greedy) k-means++ or k distinct random samples."""
        if self.init == "random":
            return X[rng.choice(X.shape[0], self.n_clusters, replace=False)].copy()
        n_local_trials = 1 if self.init == "k-means++" else 2 + int(np.log(self.n_clusters))
        return kmeans_plusplus(X, self.n_clusters, rng, n_local_trials)[0]

    def _check_params(self, X):
        """Validate the hyperparameters; return the initial centres given as ``init``, or None."""
        check_positive(self.n_clusters, "n_clusters", self, integer=True)
        check_positive(self.n_init, "n_init", self, integer=True)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        if self.n_clusters > X.shape[0]:
            raise ValueError(
                f"KMeans: n_clusters={self.n_clusters} is larger than the number of samples "
                f"({X.shape[0]}); use at most n_samples clusters"
            )
        if isinstance(self.init, str):
            check_option(self.init, "init", ("k-means++", "greedy-k-means++", "random"), self)
            return None
        centers = check_array(self.init, name="init", estimator=self)
        if centers.shape != (self.n_clusters, X.shape[1]):
            raise ValueError(
                f"KMeans: init given as an array must have shape (n_clusters, n_features) = "
                f"({self.n_clusters}, {X.shape[1]}), got {centers.shape}"
            )
        return centers

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

    def transform(self, X):
        """Euclidean distance from each row of ``X`` to every centre.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        distances : ndarray of shape (n_samples, n_clusters)
        """
        return np.sqrt(squared_euclidean_distances(self._check_X(X), self.cluster_centers_))

    def score(self, X, y=None):
        """Minus the inertia of ``X`` under the learned centres (higher is better).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        score : float
            -sum_i min_j ||x_i - mu_j||^2.
        """
        return -float(_assign(self._check_X(X), self.cluster_centers_)[1].sum())
