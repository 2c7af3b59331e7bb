"""DBSCAN: density-based clustering with noise."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import check_array, check_option, check_positive

# A block of distances computed at once holds at most about this many floats (64 MB).
_BLOCK_FLOATS = 2**23


def radius_neighborhoods(X, eps):
    """Indices of all points within distance ``eps`` of each point, in CSR form.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    eps : float

    Returns
    -------
    indptr : ndarray of int of shape (n_samples + 1,)
    indices : ndarray of int of shape (indptr[-1],)
        The neighbours of point i are ``indices[indptr[i]:indptr[i + 1]]``
        (i itself included).

    Notes
    -----
    The points are sorted along their widest feature f. Since
    |x_f - y_f| <= ||x - y||, the neighbours of a run of consecutive sorted
    points can only lie in the window of sorted points whose f-coordinate is
    within eps of the run, so distances are computed block by block against
    that window only. The result is exact; on low-dimensional data the work
    drops from n^2 to about n times the window size, and memory stays bounded
    (about 64 MB) whatever the number of samples.
    """
    n_samples = X.shape[0]
    X = X - X.mean(axis=0)  # centring makes the Gram-trick distances more accurate
    widest = np.argmax(np.ptp(X, axis=0))
    order = np.argsort(X[:, widest], kind="stable")
    X_sorted = X[order]
    key = X_sorted[:, widest]                                     # increasing
    block = max(1, min(512, _BLOCK_FLOATS // n_samples))
    eps2 = eps**2
    # The Gram trick is off by a few ulps of ||x||^2; keep pairs within that margin as
    # candidates and decide them with the exact difference, so ties at exactly eps agree
    # with a direct computation (integer-valued data has many).
    margin = 1e-9 * (eps2 + 2.0 * np.max(np.sum(X**2, axis=1)))
    rows, cols = [], []
    for start in range(0, n_samples, block):
        stop = min(start + block, n_samples)
        # Window [lo, hi) of sorted points that can be within eps of this block.
        lo = np.searchsorted(key, key[start] - eps, side="left")
        hi = np.searchsorted(key, key[stop - 1] + eps, side="right")
        d2 = squared_euclidean_distances(X_sorted[start:stop], X_sorted[lo:hi])
        block_rows, block_cols = np.nonzero(d2 <= eps2 + margin)  # (n_candidates,) each
        rows.append(block_rows + start)
        cols.append(block_cols + lo)
    rows = np.concatenate(rows)
    cols = np.concatenate(cols)
    exact_d2 = np.sum((X_sorted[rows] - X_sorted[cols]) ** 2, axis=1)
    keep = exact_d2 <= eps2
    rows = order[rows[keep]]
    cols = order[cols[keep]]
    by_row = np.argsort(rows, kind="stable")                      # back to the original order
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n_samples))])
    return indptr, cols[by_row]


def _gather(indptr, indices, rows):
    """Concatenated neighbour lists of ``rows`` (a vectorised CSR row gather)."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    # Position p of the output belongs to row j and reads indices[starts[j] + p - offset_j].
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return indices[offsets + np.arange(lengths.sum())]


class DBSCAN(BaseEstimator):
    """Density-Based Spatial Clustering of Applications with Noise.

    Parameters
    ----------
    eps : float, default=0.5
        Radius of a point's neighbourhood (> 0).
    min_samples : int, default=5
        A point is a core point when at least this many points, itself
        included, lie within ``eps`` of it.
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

    - x is a *core* point when |N(x)| >= min_samples;
    - core points whose neighbourhoods contain each other are chained into one
      cluster (the connected components of the "within eps" graph restricted
      to core points);
    - a non-core point within eps of a core point is a *border* point and joins
      that core point's cluster; every other point is *noise* (-1).

    A border point can be within reach of two clusters. Clusters are grown one
    at a time, seeded at the lowest-index core point not yet labelled, and a
    border point keeps the first cluster that reaches it. This is the same rule
    as scikit-learn's, so the labels agree with it up to renumbering.

    Each cluster is grown by breadth-first search over frontier arrays (no
    recursion, so no recursion limit), and all neighbourhoods are found up
    front with blocked, vectorised distance computations restricted to a
    sorted window (see ``radius_neighborhoods``): O(n^2) time at worst, much
    less on low-dimensional data, and bounded memory.

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

        indptr, indices = radius_neighborhoods(X, self.eps)
        is_core = np.diff(indptr) >= self.min_samples               # (n_samples,)
        labels = np.full(X.shape[0], -1)
        cluster = 0
        for seed in np.flatnonzero(is_core):
            if labels[seed] != -1:
                continue  # already swallowed by an earlier cluster
            labels[seed] = cluster
            frontier = np.array([seed])
            while frontier.size:
                # Only core points expand the cluster; border points are reached but stop there.
                reached = _gather(indptr, indices, frontier)
                reached = np.unique(reached[labels[reached] == -1])
                labels[reached] = cluster
                frontier = reached[is_core[reached]]
            cluster += 1

        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(is_core)
        self.components_ = X[self.core_sample_indices_].copy()
        self.n_features_in_ = X.shape[1]
        return self

    def fit_predict(self, X, y=None):
        """Cluster ``X`` and return ``labels_``."""
        return self.fit(X).labels_
