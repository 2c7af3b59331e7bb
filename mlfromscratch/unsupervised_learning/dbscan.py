"""DBSCAN: density-based clustering with noise."""

import numpy as np

from mlfromscratch.unsupervised_learning._neighbors import sorted_window_neighborhoods
from mlfromscratch.utils.base import BaseEstimator, ClusterMixin
from mlfromscratch.utils.validation import check_array, check_option, check_positive


def eps_neighborhoods(X, eps):
    """The eps-neighbourhood N(x_i) = {j : ||x_i - x_j|| <= eps} of every point, by brute force.

    This is the definition, one row of distances at a time: O(n^2) time.
    ``DBSCAN.fit`` calls ``sorted_window_neighborhoods`` (in ``_neighbors.py``),
    which returns the same lists with much less work.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    eps : float

    Returns
    -------
    neighborhoods : list of n_samples ndarrays of int
        ``neighborhoods[i]`` holds, in increasing order, every j within
        ``eps`` of point i (i itself included).
    """
    return [np.flatnonzero(np.sum((X - x) ** 2, axis=1) <= eps**2) for x in X]


class DBSCAN(ClusterMixin, BaseEstimator):
    """Density-Based Spatial Clustering of Applications with Noise.

    Parameters
    ----------
    eps : float, default=0.5
        Radius of a point's neighbourhood (a finite number > 0).
    min_samples : int, default=5
        A point is a core point when at least this many points, itself
        included, lie within ``eps`` of it (an integer >= 1).
    metric : {"euclidean"}, default="euclidean"
        Distance between points.

    Attributes
    ----------
    labels_ : ndarray of int of shape (n_samples,)
        Cluster of each point, numbered 0, 1, ... in the order the clusters are
        found; noise is -1.
    core_sample_indices_ : ndarray of int of shape (n_core,)
        Indices of the core points, increasing.
    components_ : ndarray of shape (n_core, n_features)
        The core points themselves.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    With N(x) = {y : ||x - y|| <= eps} (x itself included):

    1. x is a *core* point when |N(x)| >= min_samples;
    2. a cluster starts at a core point not yet in any cluster and grows
       breadth-first: every point in the neighbourhood of a core point of the
       cluster joins it, and the core points among them expand it further
       (the cluster is a connected component of the "within eps" graph of the
       core points);
    3. a non-core point reached this way is a *border* point (it joins the
       cluster but does not expand it); every point never reached is *noise*
       (-1).

    A border point can be within reach of two clusters. Clusters are grown one
    at a time, seeded at the lowest-index core point not yet labelled, and a
    border point keeps the first cluster that reaches it. This is the same rule
    as scikit-learn's, so the labels agree with it up to renumbering.

    The breadth-first search works on whole frontiers (no recursion, so no
    recursion limit). The neighbourhoods are the brute-force
    ``eps_neighborhoods``, found faster by ``sorted_window_neighborhoods``:
    O(n^2) time at worst, much less on low-dimensional data, and bounded
    memory.

    References
    ----------
    Ester, M., Kriegel, H.-P., Sander, J. and Xu, X. (1996). A density-based
    algorithm for discovering clusters in large spatial databases with noise.
    KDD, 226-231.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [0.1], [0.2], [5.0], [5.1], [5.2], [9.0]])
    >>> DBSCAN(eps=0.15, min_samples=2).fit_predict(X).tolist()
    [0, 0, 0, 1, 1, 1, -1]
    """

    def __init__(self, eps=0.5, min_samples=5, metric="euclidean"):
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric

    def fit(self, X, y=None):
        """Cluster ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : DBSCAN
        """
        X = check_array(X, estimator=self)
        check_positive(self.eps, "eps", self)
        check_positive(self.min_samples, "min_samples", self, integer=True)
        check_option(self.metric, "metric", ("euclidean",), self)

        # N(x_i) = {j : ||x_i - x_j|| <= eps}: eps_neighborhoods(X, eps), computed faster.
        neighborhoods = sorted_window_neighborhoods(X, self.eps)
        is_core = np.array([len(n) for n in neighborhoods]) >= self.min_samples  # (n_samples,)
        labels = np.full(X.shape[0], -1)                                # -1: noise until reached
        cluster = 0
        for seed in np.flatnonzero(is_core):
            if labels[seed] != -1:
                continue  # already reached from an earlier cluster
            labels[seed] = cluster
            frontier = np.array([seed])
            while frontier.size:  # breadth-first: one ring of the cluster per pass
                reached = np.concatenate([neighborhoods[p] for p in frontier])
                reached = np.unique(reached[labels[reached] == -1])     # not in a cluster yet
                labels[reached] = cluster
                frontier = reached[is_core[reached]]  # core points expand; border points stop
            cluster += 1

        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(is_core)
        self.components_ = X[self.core_sample_indices_].copy()
        self.n_features_in_ = X.shape[1]
        return self
