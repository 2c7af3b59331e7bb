"""Kernel columns computed on demand, for Gram matrices too large to keep in memory.

SMO reads two columns of the Gram matrix per step. When the whole matrix
K[s, t] = k(x_s, x_t) fits in memory, ``SupportVectorMachine`` computes it once
and slices it. When it does not, ``KernelColumnCache`` stands in for it: it
computes column i only when SMO asks for ``K[i]`` and keeps the most recently
used columns, as libsvm does (Chang & Lin 2011, section 5.1). SMO sees the same
numbers either way (up to rounding); ``test_support_vector_machine.py``
compares the two.
"""

from collections import OrderedDict

import numpy as np

from mlfromscratch.utils.data_manipulation import batch_iterator


class KernelColumnCache:
    """The Gram matrix of ``X`` under ``kernel``, one column at a time, least recently used out.

    Supports what SMO uses of a symmetric ndarray ``K``: ``K[i]`` (row i, which
    equals column i), ``K.diagonal()`` and ``len(K)``.

    Parameters
    ----------
    kernel : callable
        ``kernel(A, B)`` returns the Gram matrix of shape (len(A), len(B)),
        e.g. from ``mlfromscratch.utils.kernels``.
    X : ndarray of shape (n_samples, n_features)
    cache_bytes : float
        Memory for cached columns; at least two columns are always kept.

    Attributes
    ----------
    max_columns : int
        How many columns fit in ``cache_bytes``.

    References
    ----------
    C.-C. Chang, C.-J. Lin, "LIBSVM: a library for support vector machines",
    ACM TIST 2(3), 2011.

    Examples
    --------
    >>> import numpy as np
    >>> from mlfromscratch.utils.kernels import linear_kernel
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    >>> K = KernelColumnCache(linear_kernel(), X, cache_bytes=48)
    >>> K[2].tolist(), K.diagonal().tolist()
    ([1.0, 2.0, 2.0], [1.0, 4.0, 2.0])
    """

    def __init__(self, kernel, X, cache_bytes):
        self.kernel = kernel
        self.X = X
        self.max_columns = max(2, int(cache_bytes // (8 * len(X))))
        self._columns = OrderedDict()                   # column index -> k(X, x_i), oldest first

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        """Column i of the Gram matrix, k(x_t, x_i) for every t, shape (n_samples,)."""
        i = int(i)
        if i in self._columns:
            self._columns.move_to_end(i)                # now the most recently used
            return self._columns[i]
        column = self.kernel(self.X, self.X[i : i + 1])[:, 0]
        self._columns[i] = column
        if len(self._columns) > self.max_columns:
            self._columns.popitem(last=False)           # forget the least recently used
        return column

    def diagonal(self, batch_size=512):
        """k(x_t, x_t) for every sample, computed block by block, shape (n_samples,)."""
        blocks = batch_iterator(self.X, batch_size=batch_size)
        return np.concatenate([np.diag(self.kernel(block, block)) for block in blocks])
