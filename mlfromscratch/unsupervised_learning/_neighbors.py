"""Fast eps-neighbourhoods for DBSCAN: a sorted-window search (the speed-up, not the definition).

``dbscan.eps_neighborhoods`` is the definition, N(x_i) = {j : ||x_i - x_j|| <= eps},
computed by brute force. ``sorted_window_neighborhoods`` returns exactly the same
lists (a test compares them) with far less work on low-dimensional data and
bounded memory, which is what ``DBSCAN.fit`` calls.
"""

import numpy as np

from mlfromscratch.utils.data_operation import squared_euclidean_distances

# A block of distances computed at once holds at most about this many floats (64 MB).
_BLOCK_FLOATS = 2**23


def sorted_window_neighborhoods(X, eps):
    """Indices of all points within distance ``eps`` of each point (``eps_neighborhoods``, faster).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    eps : float

    Returns
    -------
    neighborhoods : list of n_samples ndarrays of int
        ``neighborhoods[i]`` holds every j with ||x_i - x_j|| <= eps (i itself
        included), in no particular order (``np.sort`` gives the order of
        ``eps_neighborhoods``).

    Notes
    -----
    The points are sorted along their widest feature f. Since
    |x_f - y_f| <= ||x - y||, the neighbours of a run of consecutive sorted
    points can only lie in the window of sorted points whose f-coordinate is
    within eps of the run, so distances are computed block by block against
    that window only: on low-dimensional data the work drops from n^2 to about
    n times the window size, and memory stays bounded (about 64 MB) whatever
    the number of samples. O(n^2) at worst (every point in every window).

    Inside a block the distances come from one matrix product (the Gram trick
    ||x - y||^2 = ||x||^2 - 2 x.y + ||y||^2), which is off by a few ulps of
    ||x||^2. Pairs within that margin of eps are kept as candidates and decided
    with the exact difference ||x - y||^2 of the original (uncentred)
    coordinates, so ties at exactly eps (frequent on integer-valued data) agree
    with the brute-force definition.
    """
    n_samples = X.shape[0]
    widest = np.argmax(np.ptp(X, axis=0))
    order = np.argsort(X[:, widest], kind="stable")
    X_sorted = X[order]
    key = X_sorted[:, widest]                                     # increasing
    # Window half-width: eps, widened by the rounding of key +- eps (the exact test decides).
    reach = eps + 1e-9 * (eps + np.max(np.abs(key)))
    X_centred = X_sorted - X_sorted.mean(axis=0)  # centring makes the Gram trick more accurate
    eps2 = eps**2
    margin = 1e-9 * (eps2 + 2.0 * np.max(np.sum(X_centred**2, axis=1)))
    block = max(1, min(512, _BLOCK_FLOATS // n_samples))
    rows, cols = [], []
    for start in range(0, n_samples, block):
        stop = min(start + block, n_samples)
        # Window [lo, hi) of sorted points that can be within eps of this block.
        lo = np.searchsorted(key, key[start] - reach, side="left")
        hi = np.searchsorted(key, key[stop - 1] + reach, side="right")
        d2 = squared_euclidean_distances(X_centred[start:stop], X_centred[lo:hi])
        block_rows, block_cols = np.nonzero(d2 <= eps2 + margin)  # (n_candidates,) each
        rows.append(block_rows + start)
        cols.append(block_cols + lo)
    rows = np.concatenate(rows)
    cols = np.concatenate(cols)
    # The exact test of the definition, on the caller's coordinates.
    exact_d2 = np.sum((X_sorted[rows] - X_sorted[cols]) ** 2, axis=1)
    keep = exact_d2 <= eps2
    rows = order[rows[keep]]                                      # back to the original indices
    cols = order[cols[keep]]
    cols = cols[np.argsort(rows, kind="stable")]                  # grouped by point
    ends = np.cumsum(np.bincount(rows, minlength=n_samples)).tolist()
    return [cols[start:end] for start, end in zip([0] + ends[:-1], ends)]
