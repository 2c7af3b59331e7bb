"""Gaussian naive Bayes classifier, computed in log space."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin
from mlfromscratch.utils.numerics import logsumexp
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_X_y,
)


class NaiveBayes(ClassifierMixin, BaseEstimator):
    """Gaussian naive Bayes: independent normal features within each class.

    Parameters
    ----------
    priors : array-like of shape (n_classes,) or None, default=None
        Prior probability of each class (in the order of ``classes_``); None
        uses the class frequencies of the training data.
    var_smoothing : float > 0, default=1e-9
        Share of the largest feature variance added to every variance, as in
        scikit-learn, so a feature that is constant within a class does not
        give a zero variance.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels, sorted.
    class_count_ : ndarray of shape (n_classes,)
        Training samples per class.
    class_prior_ : ndarray of shape (n_classes,)
        Prior probability of each class.
    theta_ : ndarray of shape (n_classes, n_features)
        Mean of each feature in each class.
    var_ : ndarray of shape (n_classes, n_features)
        Variance of each feature in each class, smoothing included.
    epsilon_ : float
        The smoothing added to the variances.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Bayes' rule with features assumed independent given the class:

        p(c | x) = p(c) prod_j N(x_j; mu_cj, sigma2_cj) / p(x).

    Products of many small densities underflow, so everything is a sum of logs;
    the joint log-likelihood of sample x and class c is

        log p(c) - 1/2 sum_j [log(2 pi sigma2_cj) + (x_j - mu_cj)^2 / sigma2_cj],

    and log p(x) is its log-sum-exp over the classes, which subtracts the
    largest term before exponentiating. ``predict`` needs no log p(x): it is
    the same for every class, so the class with the largest joint
    log-likelihood also has the largest posterior. The variances are the maximum-likelihood
    ones (divided by the class count) plus epsilon = var_smoothing * max_j
    Var(x_j) over the whole training set (1 instead of the maximum when every
    feature is constant).

    References
    ----------
    Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 2nd
    ed., section 6.6.3. Murphy, Machine Learning: A Probabilistic Perspective,
    section 3.5.

    Examples
    --------
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    >>> NaiveBayes().fit(X, ["cold", "cold", "warm", "warm"]).predict([[-1.5], [3.0]]).tolist()
    ['cold', 'warm']
    """

    def __init__(self, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        """Estimate the class priors and the per-class feature means and variances.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any type, at least two distinct.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, estimator=self)
        check_positive(self.var_smoothing, "var_smoothing", self)
        self.classes_, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        n_classes = len(self.classes_)
        self.n_features_in_ = X.shape[1]

        # p(c): the class frequencies, or the priors the user gave
        self.class_count_ = np.bincount(y_encoded, minlength=n_classes).astype(float)
        if self.priors is None:
            self.class_prior_ = self.class_count_ / len(y_encoded)
        else:
            self.class_prior_ = _checked_priors(self.priors, n_classes)

        # mu_cj and sigma2_cj: maximum-likelihood mean and variance of feature j in class c
        self.theta_ = np.zeros((n_classes, X.shape[1]))
        self.var_ = np.zeros((n_classes, X.shape[1]))
        for c in range(n_classes):
            members = X[y_encoded == c]
            self.theta_[c] = members.mean(axis=0)
            self.var_[c] = members.var(axis=0)
        # + epsilon, so that a feature constant within a class has no zero variance
        largest_variance = X.var(axis=0).max()
        self.epsilon_ = self.var_smoothing * (largest_variance if largest_variance > 0 else 1.0)
        self.var_ += self.epsilon_
        return self

    def _joint_log_likelihood(self, X):
        """log p(c) + log p(x | c) for every sample and class, shape (n_samples, n_classes)."""
        check_is_fitted(self, "theta_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        # log p(c); log(0) for a class with prior 0 is -inf on purpose: it is never predicted
        with np.errstate(divide="ignore"):
            log_prior = np.log(self.class_prior_)
        # -1/2 sum_j log(2 pi sigma2_cj): the normal densities' constants, (n_classes,)
        log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * self.var_), axis=1)
        jll = np.empty((len(X), len(self.classes_)))
        for c in range(len(self.classes_)):
            # log p(x | c) = -1/2 sum_j [log(2 pi sigma2_cj) + (x_j - mu_cj)^2 / sigma2_cj]
            jll[:, c] = log_norm[c] - 0.5 * np.sum((X - self.theta_[c]) ** 2 / self.var_[c], axis=1)
        return jll + log_prior                                  # log p(c) + log p(x | c), (n_samples, n_classes)

    def predict_log_proba(self, X):
        """Log posterior log p(c | x) of each class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        jll = self._joint_log_likelihood(X)
        # log p(c | x) = log p(c) + log p(x | c) - log p(x), log p(x) = logsumexp_c of the first two
        return jll - logsumexp(jll, axis=1, keepdims=True)

    def predict_proba(self, X):
        """Posterior probability p(c | x) of each class.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Columns in the order of ``classes_``; rows sum to 1.
        """
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        """Class with the largest posterior (the first one on an exact tie).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            Labels from ``classes_``.
        """
        # log p(x) is the same for every class, so the argmax of the joint log-likelihood
        # is the argmax of the posterior: no normaliser needed
        jll = self._joint_log_likelihood(X)
        return self.classes_[np.argmax(jll, axis=1)]


def _checked_priors(priors, n_classes):
    """The user's class priors as an array, after checking shape, finiteness, sign and sum."""
    priors = np.asarray(priors, dtype=float)
    if priors.shape != (n_classes,):
        raise ValueError(
            f"NaiveBayes: priors must have one entry per class ({n_classes}), got shape {priors.shape}"
        )
    if not np.all(np.isfinite(priors)) or np.any(priors < 0) or not np.isclose(priors.sum(), 1.0):
        raise ValueError(f"NaiveBayes: priors must be finite, non-negative and sum to 1, got {priors.tolist()}")
    return priors
