"""Multi-class linear discriminant analysis: a supervised projection and a nearest-mean classifier."""

import numpy as np
from scipy.linalg import eigh

from mlfromscratch.supervised_learning.linear_discriminant_analysis import _pooled_covariance, _shrunk_correlation
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, TransformerMixin
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_scalar,
    check_X_y,
)


class MultiClassLDA(ClassifierMixin, TransformerMixin, BaseEstimator):
    """Linear discriminant analysis for any number of classes (Rao's generalisation of Fisher).

    Finds the directions along which the class means are spread furthest apart
    relative to the spread within the classes, projects on at most
    ``n_classes - 1`` of them, and classifies a sample by the nearest class mean
    in that projection.

    Parameters
    ----------
    n_components : int, optional
        Number of discriminant directions to keep, at most
        ``min(n_classes - 1, n_features)`` (the default).
    shrinkage : float in [0, 1], default=1e-6
        Ridge on the within-class covariance, on the scale where every feature
        has unit within-class variance (see ``LDA``). 0 asks for the plain
        generalised eigenproblem, which needs a non-singular S_W.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    n_components_ : int
    means_ : ndarray of shape (n_classes, n_features)
        Class means mu_c.
    xbar_ : ndarray of shape (n_features,)
        Overall mean mu, the origin of the projection.
    scalings_ : ndarray of shape (n_features, n_components_)
        Discriminant directions v_k as columns, scaled so that the projected
        within-class covariance is the identity: V^T Sigma_W V = I.
    eigenvalues_ : ndarray of shape (n_components_,)
        lambda_k = v_k^T S_B v_k / v_k^T S_W v_k, in decreasing order.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        Share of sum_k lambda_k (over all directions) carried by each kept one.
    projected_means_ : ndarray of shape (n_classes, n_components_)
        Class means in the projected space.

    Notes
    -----
    With n_c samples and mean mu_c in class c and overall mean mu,

        S_W = sum_c sum_{i in c} (x_i - mu_c)(x_i - mu_c)^T      (within-class scatter)
        S_B = sum_c n_c (mu_c - mu)(mu_c - mu)^T                  (between-class scatter)

    The directions maximise the Rayleigh quotient J(v) = v^T S_B v / v^T S_W v,
    i.e. solve the generalised symmetric eigenproblem S_B v = lambda S_W v
    (scipy.linalg.eigh). S_B has rank at most C - 1, so at most C - 1 eigenvalues
    are non-zero. Both matrices are divided by n_samples - C (which leaves the
    eigenvalues unchanged) and solved on the scale of unit within-class variances
    with the ridge of ``LDA``, so the eigenvectors come out normalised to
    v^T Sigma_W v = 1 with Sigma_W = S_W / (n_samples - C).

    In that projection the within-class covariance is the identity, so the
    Euclidean distance to a projected class mean is the Mahalanobis distance in
    the discriminant subspace; with all C - 1 directions, nearest-mean
    prediction is the shared-covariance Gaussian classifier with equal priors.

    References
    ----------
    C. R. Rao, "The utilization of multiple measurements in problems of
    biological classification", JRSS B 10(2), 1948.
    T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical
    Learning, 2nd ed., section 4.3.3, 2009.

    Examples
    --------
    >>> from mlfromscratch.utils.datasets import load_iris
    >>> X, y = load_iris()
    >>> lda = MultiClassLDA(n_components=2).fit(X, y)
    >>> lda.transform(X).shape
    (150, 2)
    >>> bool((lda.predict(X) == y).mean() > 0.95)
    True
    """

    def __init__(self, n_components=None, shrinkage=1e-6):
        self.n_components = n_components
        self.shrinkage = shrinkage

    def fit(self, X, y):
        """Compute the scatter matrices and solve for the discriminant directions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            At least two distinct labels.

        Returns
        -------
        self : MultiClassLDA
        """
        X, y = check_X_y(X, y, estimator=self)
        check_scalar(self.shrinkage, "shrinkage", self, low=0, high=1)
        self.classes_, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        n_samples, n_features = X.shape
        n_classes = len(self.classes_)
        if n_samples <= n_classes:
            raise ValueError(
                f"MultiClassLDA needs more samples than classes, got {n_samples} samples "
                f"for {n_classes} classes"
            )
        max_components = min(n_classes - 1, n_features)
        if self.n_components is None:
            self.n_components_ = max_components
        else:
            # at most min(n_classes - 1, n_features) directions exist
            check_scalar(self.n_components, "n_components", self, integer=True, low=1, high=max_components)
            self.n_components_ = int(self.n_components)
        self.n_features_in_ = n_features

        # Sigma_W = S_W / (n - C) and S_B / (n - C): same eigenvalues as (S_B, S_W)
        self.means_, within_cov = _pooled_covariance(X, y_encoded, n_classes)
        self.xbar_ = X.mean(axis=0)
        counts = np.bincount(y_encoded, minlength=n_classes)
        offsets = (self.means_ - self.xbar_) * np.sqrt(counts)[:, None]   # (n_classes, n_features)
        between_cov = offsets.T @ offsets / max(n_samples - n_classes, 1)

        # solve on the unit-within-variance scale D^-1 (.) D^-1, then map back: v = D^-1 v'
        scale, R_s = _shrunk_correlation(within_cov, self.shrinkage)
        B = between_cov / np.outer(scale, scale)
        try:
            eigenvalues, eigenvectors = eigh(B, R_s)           # ascending, v'^T R_s v' = I
        except np.linalg.LinAlgError:
            raise ValueError(
                "MultiClassLDA: the within-class scatter S_W is singular (constant or "
                "collinear features); use shrinkage > 0"
            ) from None
        order = np.argsort(eigenvalues)[::-1]
        eigenvalues = np.maximum(eigenvalues[order], 0.0)     # S_B is PSD; clip rounding noise
        keep = order[: self.n_components_]
        self.scalings_ = eigenvectors[:, keep] / scale[:, None]
        self.eigenvalues_ = eigenvalues[: self.n_components_]
        total = eigenvalues.sum()
        self.explained_variance_ratio_ = (
            self.eigenvalues_ / total if total > 0 else np.full(self.n_components_, 1.0 / self.n_components_)
        )
        self.projected_means_ = (self.means_ - self.xbar_) @ self.scalings_
        return self

    def transform(self, X):
        """Project the samples on the discriminant directions.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_)
        """
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return (X - self.xbar_) @ self.scalings_

    def predict(self, X):
        """Label of the nearest projected class mean.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        Z = self.transform(X)                                  # (n_samples, n_components_)
        distances = squared_euclidean_distances(Z, self.projected_means_)
        return self.classes_[np.argmin(distances, axis=1)]
