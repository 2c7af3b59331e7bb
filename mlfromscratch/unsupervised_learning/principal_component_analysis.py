"""Principal Component Analysis: the orthogonal directions of largest variance, found by SVD."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, TransformerMixin
from mlfromscratch.utils.validation import (
    _is_int,
    _is_real,
    check_array,
    check_is_fitted,
    check_n_features,
    check_scalar,
)


class PCA(TransformerMixin, BaseEstimator):
    """Principal Component Analysis by singular value decomposition of the centred data.

    Parameters
    ----------
    n_components : int, float or None, default=None
        How many components to keep.

        - int ``k`` with ``1 <= k <= min(n_samples, n_features)``: the first ``k``.
        - float in (0, 1): the fewest components whose cumulative explained
          variance ratio exceeds this fraction (as in scikit-learn).
        - None: all ``min(n_samples, n_features)`` components.

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        Principal axes (unit vectors, orthogonal), sorted by decreasing
        explained variance. Each row's entry of largest magnitude is positive.
    explained_variance_ : ndarray of shape (n_components,)
        Variance of the data along each component, ``s_k^2 / (n_samples - 1)``.
    explained_variance_ratio_ : ndarray of shape (n_components,)
        Fraction of the total variance explained by each component (zeros for
        constant data).
    singular_values_ : ndarray of shape (n_components,)
        Singular values ``s_k`` of the centred data.
    mean_ : ndarray of shape (n_features,)
        Per-feature mean subtracted before projecting.
    n_components_ : int
        Number of components kept.
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_samples_ : int
        Number of samples seen in ``fit``.
    noise_variance_ : float
        sigma^2 of probabilistic PCA: the mean of the discarded eigenvalues
        (0 when every component is kept). Used by ``score``.

    Notes
    -----
    With the centred data ``Xc = X - mean`` factorised as ``Xc = U S V^T``
    (thin SVD, singular values ``s_1 >= s_2 >= ...``), the rows of ``V^T`` are
    the eigenvectors of the sample covariance ``Xc^T Xc / (n - 1)`` and its
    eigenvalues are ``s_k^2 / (n - 1)``. The SVD avoids forming the covariance
    matrix, which would square the condition number.

    - projection:      ``Z = (X - mean) V_k`` (equal to ``U_k S_k`` on the training data)
    - reconstruction:  ``X_hat = Z V_k^T + mean``

    ``score`` reads PCA as the probabilistic model of Tipping and Bishop
    (1999): x = mean + W z + noise with z ~ N(0, I_k) and noise ~ N(0, sigma^2 I),
    whose maximum-likelihood fit has the same principal axes, sigma^2 = the mean
    of the discarded eigenvalues, and covariance
    C = V_k diag(lambda_k - sigma^2) V_k^T + sigma^2 I. The score is the mean
    Gaussian log-likelihood -1/2 (d log 2 pi + log det C + x_c^T C^-1 x_c), as
    scikit-learn's ``PCA.score`` reports it.

    A singular vector is only defined up to its sign. To make results
    reproducible across platforms and comparable with other libraries, every
    component is flipped so that its entry of largest absolute value is
    positive (scikit-learn's ``svd_flip`` with ``u_based_decision=False``).

    References
    ----------
    Pearson, K. (1901). On lines and planes of closest fit to systems of points
    in space. Philosophical Magazine, 2(11), 559-572.
    Jolliffe, I. T. (2002). Principal Component Analysis, 2nd ed. Springer.
    Tipping, M. E. and Bishop, C. M. (1999). Probabilistic principal component
    analysis. Journal of the Royal Statistical Society B, 61(3), 611-622.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    >>> pca = PCA(n_components=1).fit(X)
    >>> np.round(pca.components_, 4).tolist()
    [[0.7071, 0.7071]]
    >>> np.round(pca.explained_variance_ratio_, 4).tolist()
    [1.0]
    """

    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X, y=None):
        """Find the principal axes of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : PCA
        """
        X = check_array(X, ensure_min_samples=2, estimator=self)
        n_samples, n_features = X.shape
        self._check_n_components(min(n_samples, n_features))
        mean = X.mean(axis=0)
        _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)  # U (n, r) unused, S (r,), Vt (r, d)

        # Deterministic signs: the largest-|value| entry of each component is positive.
        max_abs_rows = np.argmax(np.abs(Vt), axis=1)
        signs = np.sign(Vt[np.arange(len(Vt)), max_abs_rows])
        signs[signs == 0] = 1.0
        Vt = Vt * signs[:, None]

        explained_variance = S**2 / (n_samples - 1)             # eigenvalues of the covariance
        total_variance = explained_variance.sum()
        ratio = np.zeros_like(explained_variance)
        if total_variance > 0:
            ratio = explained_variance / total_variance

        k = self._n_components_to_keep(ratio)
        self.mean_ = mean
        self.components_ = Vt[:k]
        self.explained_variance_ = explained_variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        self.singular_values_ = S[:k]
        self.n_components_ = k
        self.n_features_in_ = n_features
        self.n_samples_ = n_samples
        # probabilistic PCA: the discarded directions become isotropic noise
        self.noise_variance_ = float(explained_variance[k:].mean()) if k < len(explained_variance) else 0.0
        return self

    def _check_n_components(self, max_components):
        """ValueError unless n_components is None, an int in [1, max_components] or a float in (0, 1)."""
        n_components = self.n_components
        if n_components is None:
            return
        if _is_int(n_components):
            check_scalar(n_components, "n_components", self, integer=True, low=1)
            if n_components > max_components:
                raise ValueError(
                    f"PCA: n_components={n_components} must be between 1 and "
                    f"min(n_samples, n_features)={max_components}"
                )
        elif _is_real(n_components):
            check_scalar(n_components, "n_components", self, low=0.0, high=1.0,
                         include_low=False, include_high=False)
        else:
            raise ValueError(
                f"PCA: n_components must be an int, a float in (0, 1) or None, got {n_components!r}"
            )

    def _n_components_to_keep(self, explained_variance_ratio):
        """Number of components to keep: all, the given int, or enough for the given variance fraction."""
        n_components = self.n_components
        if n_components is None:
            return len(explained_variance_ratio)
        if _is_int(n_components):
            return int(n_components)
        # smallest k whose cumulative ratio is strictly above the requested fraction
        cumulative = np.cumsum(explained_variance_ratio)
        k = int(np.searchsorted(cumulative, n_components, side="right")) + 1
        return min(k, len(explained_variance_ratio))

    def transform(self, X):
        """Project ``X`` on the principal axes.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        Z : ndarray of shape (n_samples, n_components)
            ``(X - mean_) @ components_.T``.
        """
        check_is_fitted(self, "components_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return (X - self.mean_) @ self.components_.T

    def inverse_transform(self, Z):
        """Map projected points back to the original space.

        Parameters
        ----------
        Z : array-like of shape (n_samples, n_components)

        Returns
        -------
        X_hat : ndarray of shape (n_samples, n_features)
            ``Z @ components_ + mean_``; equal to ``X`` when all components are kept.
        """
        check_is_fitted(self, "components_")
        Z = check_array(Z, name="Z", estimator=self)
        if Z.shape[1] != self.n_components_:
            raise ValueError(
                f"PCA.inverse_transform expects {self.n_components_} columns, got {Z.shape[1]}"
            )
        return Z @ self.components_ + self.mean_

    def score_samples(self, X):
        """Log-likelihood of each sample under probabilistic PCA, shape (n_samples,)."""
        check_is_fitted(self, "components_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        n_features = X.shape[1]
        # C = V_k diag(lambda - sigma^2) V_k^T + sigma^2 I, shape (n_features, n_features)
        spread = self.explained_variance_ - self.noise_variance_
        # a floor of machine epsilon on the noise keeps C invertible when the data have no spread
        # in some direction (identical samples, all components kept)
        noise = max(self.noise_variance_, np.finfo(float).eps * max(self.explained_variance_.max(initial=0.0), 1.0))
        C = (self.components_.T * spread) @ self.components_ + noise * np.eye(n_features)
        _, log_det = np.linalg.slogdet(C)
        Xc = X - self.mean_
        mahalanobis = np.sum(Xc * np.linalg.solve(C, Xc.T).T, axis=1)      # x_c^T C^-1 x_c
        return -0.5 * (n_features * np.log(2 * np.pi) + log_det + mahalanobis)

    def score(self, X, y=None):
        """Mean log-likelihood of the samples under probabilistic PCA (see Notes)."""
        return float(np.mean(self.score_samples(X)))
