"""Non-negative matrix factorization by Lee and Seung's multiplicative updates."""

import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, TransformerMixin
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
)

# Added to every denominator: a zero row of W or column of H would otherwise give 0 / 0.
_EPS = 1e-10


def _update_H(X, W, H):
    """One multiplicative step on H: H <- H * (W^T X) / (W^T W H), shape (n_components, n_features)."""
    return H * (W.T @ X) / (W.T @ W @ H + _EPS)


def _update_W(X, W, H):
    """One multiplicative step on W: W <- W * (X H^T) / (W H H^T), shape (n_samples, n_components)."""
    return W * (X @ H.T) / (W @ (H @ H.T) + _EPS)


def _frobenius(X, W, H):
    """Reconstruction error ||X - W H||_F."""
    return float(np.linalg.norm(X - W @ H))


class NMF(TransformerMixin, BaseEstimator):
    """Non-negative matrix factorization X ~ W H with W, H >= 0 (Frobenius loss).

    Each sample (a row of X) becomes a non-negative mix W[i] of ``n_components``
    non-negative parts H[k]. Because nothing can be subtracted, the parts tend to
    be local pieces (strokes of a digit, features of a face) rather than the
    signed global patterns of PCA.

    Parameters
    ----------
    n_components : int, default=2
        Number of parts k.
    max_iter : int, default=200
        Maximum number of update rounds (one update of H then one of W).
    tol : float, default=1e-4
        Stop when a round lowers the error by less than ``tol`` times the error
        after the first round.
    random_state : None, int or numpy.random.Generator, default=None
        Draws the random initial W and H.

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        The parts H.
    reconstruction_err_ : float
        ||X - W H||_F at the end of ``fit``.
    errors_ : list of float
        The error after each round (never increases).
    n_iter_ : int
        Rounds run.
    n_features_in_ : int

    Notes
    -----
    The objective is the squared Frobenius norm

        D(W, H) = 1/2 ||X - W H||_F^2,   W >= 0, H >= 0.

    Lee and Seung's multiplicative updates are gradient steps with a
    per-entry step size chosen so that the negative part of the gradient cancels:

        H <- H * (W^T X) / (W^T W H)
        W <- W * (X H^T) / (W H H^T)

    (``*`` and ``/`` entrywise). Every factor is non-negative, so W and H stay
    non-negative, and each update never increases D (their Theorem 1, proved
    with an auxiliary function). A tiny constant in the denominators avoids 0 / 0.
    The initial W and H are uniform in [0, sqrt(mean(X) / k)), so that W H has
    the scale of X. ``transform`` keeps H fixed and runs the W update alone.

    References
    ----------
    D. D. Lee and H. S. Seung, "Algorithms for non-negative matrix factorization",
    NIPS 13 (2001); "Learning the parts of objects by non-negative matrix
    factorization", Nature 401 (1999).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.uniform(size=(20, 2)) @ rng.uniform(size=(2, 6))   # exactly rank 2, non-negative
    >>> model = NMF(n_components=2, max_iter=2000, tol=1e-10, random_state=0).fit(X)
    >>> bool(model.reconstruction_err_ < 1e-3 * np.linalg.norm(X))
    True
    """

    def __init__(self, n_components=2, max_iter=200, tol=1e-4, random_state=None):
        self.n_components = n_components
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _check_X(self, X):
        X = check_array(X, estimator=self)
        if np.any(X < 0):
            raise ValueError("Negative values in data passed to NMF: it factorizes X into non-negative parts")
        return X

    def _initial_W(self, X, rng):
        """Uniform in [0, sqrt(mean(X) / k)): then W H has the scale of X."""
        scale = np.sqrt(X.mean() / self.n_components)
        return rng.uniform(0.0, scale, (len(X), self.n_components)) + _EPS

    def fit(self, X, y=None):
        """Factorize X into W (kept as ``transform(X)``) and the parts ``components_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), non-negative
        y : ignored

        Returns
        -------
        self : NMF
        """
        check_positive(self.n_components, "n_components", self, integer=True)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        rng = check_random_state(self.random_state, estimator=self)
        X = self._check_X(X)

        W = self._initial_W(X, rng)
        H = self._initial_W(X.T, rng).T          # the same scale for the parts
        errors = []
        for n_iter in range(1, self.max_iter + 1):
            H = _update_H(X, W, H)
            W = _update_W(X, W, H)
            errors.append(_frobenius(X, W, H))
            if n_iter > 1 and errors[-2] - errors[-1] < self.tol * errors[0]:
                break
        else:
            warnings.warn(f"NMF did not converge in max_iter={self.max_iter} rounds; raise max_iter or tol",
                          ConvergenceWarning, stacklevel=2)

        self.components_ = H
        self.reconstruction_err_ = errors[-1]
        self.errors_ = errors
        self.n_iter_ = n_iter
        self.n_features_in_ = X.shape[1]
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        return tags

    def transform(self, X):
        """Weights W >= 0 of the learned parts for samples (H fixed, W updated to convergence).

        ``fit_transform(X)`` is ``fit(X).transform(X)``: the weights that best
        rebuild X from the final parts (not the W of the last joint round).

        Returns
        -------
        W : ndarray of shape (n_samples, n_components)
        """
        check_is_fitted(self, "components_")
        X = self._check_X(X)
        check_n_features(self, X)
        H = self.components_
        W = self._initial_W(X, check_random_state(self.random_state, estimator=self))
        first = previous = _frobenius(X, W, H)
        for _ in range(self.max_iter):
            W = _update_W(X, W, H)
            error = _frobenius(X, W, H)
            if previous - error < self.tol * first:
                break
            previous = error
        return W

    def inverse_transform(self, W):
        """Reconstruct samples from their weights: X_hat = W H, shape (n_samples, n_features)."""
        check_is_fitted(self, "components_")
        W = check_array(W, name="W", estimator=self)
        if W.shape[1] != self.n_components:
            raise ValueError(f"W has {W.shape[1]} columns, but NMF has n_components={self.n_components}")
        return W @ self.components_
