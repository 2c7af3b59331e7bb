"""Fisher's linear discriminant analysis for two classes."""

import numpy as np
from scipy.linalg import cho_factor, cho_solve

from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, TransformerMixin
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_scalar,
    check_X_y,
)


def _pooled_covariance(X, y, n_classes):
    """Class means and the pooled within-class covariance S_W / (n_samples - n_classes).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of int of shape (n_samples,)
        Class indices 0..n_classes-1.
    n_classes : int

    Returns
    -------
    means : ndarray of shape (n_classes, n_features)
    covariance : ndarray of shape (n_features, n_features)
    """
    counts = np.bincount(y, minlength=n_classes)                 # (n_classes,)
    means = np.zeros((n_classes, X.shape[1]))
    np.add.at(means, y, X)
    means /= counts[:, None]
    centered = X - means[y]                                      # each sample minus its class mean
    dof = max(len(X) - n_classes, 1)
    return means, centered.T @ centered / dof


def _shrunk_correlation(covariance, shrinkage):
    """Rescale a covariance to unit diagonal and shrink it towards the identity.

    R = D^-1 Sigma D^-1 with D = diag(sqrt(diag(Sigma))) (1 for constant
    features), then R_s = (1 - shrinkage) R + shrinkage I. Working on this
    scale makes the ridge independent of the units of each feature, so data
    multiplied by 1e6 gives the same model.

    Returns
    -------
    scale : ndarray of shape (n_features,)
        The diagonal of D.
    R_s : ndarray of shape (n_features, n_features)
    """
    scale = np.sqrt(np.diag(covariance))
    scale[scale == 0] = 1.0                                      # constant features: leave unscaled
    R = covariance / np.outer(scale, scale)
    R_s = (1.0 - shrinkage) * R + shrinkage * np.eye(len(R))
    return scale, R_s


class LDA(ClassifierMixin, TransformerMixin, BaseEstimator):
    """Fisher's linear discriminant analysis for exactly two classes.

    Projects the data on the direction ``w`` that best separates the two class
    means relative to the spread within the classes, and classifies by a
    threshold on that projection.

    Parameters
    ----------
    shrinkage : float in [0, 1], default=1e-6
        Ridge added to the within-class covariance, on the scale where every
        feature has unit within-class variance (see Notes). The small default
        keeps the solve well defined when features are constant or collinear
        (e.g. the blank border pixels of digits); 0 asks for the plain inverse.
    priors : array-like of shape (2,), optional
        Class prior probabilities in the order of ``classes_``. By default the
        class frequencies in the training data.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels; ``classes_[1]`` is the positive class.
    n_features_in_ : int
    priors_ : ndarray of shape (2,)
    means_ : ndarray of shape (2, n_features)
        Class means mu_0 and mu_1.
    covariance_ : ndarray of shape (n_features, n_features)
        Pooled within-class covariance Sigma = S_W / (n_samples - 2).
    coef_ : ndarray of shape (n_features,)
        Discriminant direction w = Sigma^-1 (mu_1 - mu_0) (Sigma shrunk as in Notes).
    intercept_ : float
        Threshold term b of the decision function.
    scalings_ : ndarray of shape (n_features,)
        ``coef_`` scaled to unit length, the axis ``transform`` projects on.

    Notes
    -----
    Fisher's criterion J(w) = (w^T (mu_1 - mu_0))^2 / (w^T S_W w), with the
    within-class scatter S_W = sum_c sum_{i in c} (x_i - mu_c)(x_i - mu_c)^T,
    is maximised by w proportional to S_W^-1 (mu_1 - mu_0).

    Fisher's criterion fixes only the direction. The threshold comes from the
    model that LDA is the Bayes rule of: Gaussian classes with a shared
    covariance Sigma. There the log posterior odds are linear in x,

        log P(1 | x) / P(0 | x) = w^T x + b,
        w = Sigma^-1 (mu_1 - mu_0),
        b = -w^T (mu_0 + mu_1) / 2 + log(pi_1 / pi_0),

    so the threshold is the midpoint of the projected class means, moved
    towards the rarer class by the log prior ratio. ``predict`` returns
    ``classes_[1]`` where w^T x + b > 0 and ``predict_proba`` the logistic
    function of it.

    Regularisation: with D the within-class standard deviations, Sigma is
    replaced by D ((1 - s) R + s I) D where R = D^-1 Sigma D^-1 is the
    within-class correlation matrix and s = ``shrinkage``.

    References
    ----------
    R. A. Fisher, "The use of multiple measurements in taxonomic problems",
    Annals of Eugenics 7(2), 1936.
    T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical
    Learning, 2nd ed., section 4.3, 2009.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [1.0, 0.5], [0.5, 1.0], [3.0, 3.0], [4.0, 3.5], [3.5, 4.0]])
    >>> y = np.array(["a", "a", "a", "b", "b", "b"])
    >>> LDA().fit(X, y).predict([[0.2, 0.4], [3.8, 3.1]]).tolist()
    ['a', 'b']
    """

    def __init__(self, shrinkage=1e-6, priors=None):
        self.shrinkage = shrinkage
        self.priors = priors

    def fit(self, X, y):
        """Estimate the class means, the shared covariance and the discriminant.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Exactly two distinct labels.

        Returns
        -------
        self : LDA
        """
        X, y = check_X_y(X, y, estimator=self)
        check_scalar(self.shrinkage, "shrinkage", self, low=0, high=1)
        self.classes_, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        if len(self.classes_) != 2:
            raise ValueError(
                f"LDA separates exactly two classes, got {len(self.classes_)}: "
                f"{self.classes_.tolist()}; use MultiClassLDA for more. Only binary classification is supported."
            )
        if len(X) < 3:
            raise ValueError(f"LDA needs at least 3 samples to estimate a covariance, got {len(X)}")
        self.n_features_in_ = X.shape[1]
        self.priors_ = self._priors(y_encoded)

        self.means_, self.covariance_ = _pooled_covariance(X, y_encoded, 2)
        scale, R_s = _shrunk_correlation(self.covariance_, self.shrinkage)
        # w = Sigma^-1 (mu_1 - mu_0) = D^-1 R_s^-1 D^-1 (mu_1 - mu_0)
        try:
            factor = cho_factor(R_s)
        except np.linalg.LinAlgError:
            raise ValueError(
                "LDA: the within-class covariance is singular (constant or collinear "
                "features); use shrinkage > 0"
            ) from None
        rhs = (self.means_[1] - self.means_[0]) / scale
        self.coef_ = cho_solve(factor, rhs) / scale
        midpoint = (self.means_[0] + self.means_[1]) / 2
        self.intercept_ = float(-self.coef_ @ midpoint + np.log(self.priors_[1] / self.priors_[0]))
        norm = np.linalg.norm(self.coef_)
        self.scalings_ = self.coef_ / norm if norm > 0 else self.coef_
        return self

    def __sklearn_tags__(self):
        """scikit-learn's tags, saying that this LDA separates two classes only."""
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def _priors(self, y_encoded):
        if self.priors is None:
            return np.bincount(y_encoded, minlength=2) / len(y_encoded)
        priors = np.asarray(self.priors, dtype=float)
        if priors.shape != (2,) or not np.all(np.isfinite(priors)) or np.any(priors <= 0):
            raise ValueError(f"LDA: priors must be two positive numbers, got {self.priors!r}")
        return priors / priors.sum()

    def _validate(self, X):
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X

    def decision_function(self, X):
        """Log posterior odds w^T x + b of ``classes_[1]`` against ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,)
        """
        X = self._validate(X)
        return X @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """Posterior class probabilities under the shared-covariance Gaussian model.

        Returns
        -------
        proba : ndarray of shape (n_samples, 2)
            Columns in the order of ``classes_``.
        """
        scores = self.decision_function(X)
        # stable logistic: exp(-logaddexp(0, -s)) = 1 / (1 + exp(-s)) without overflow
        p1 = np.exp(-np.logaddexp(0.0, -scores))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X):
        """Class labels: ``classes_[1]`` where the decision function is positive.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        positive = self.decision_function(X) > 0
        return self.classes_[positive.astype(int)]

    def transform(self, X):
        """Project the samples on Fisher's direction (the unit vector ``scalings_``).

        Returns
        -------
        X_new : ndarray of shape (n_samples, 1)
        """
        X = self._validate(X)
        return (X @ self.scalings_)[:, None]
