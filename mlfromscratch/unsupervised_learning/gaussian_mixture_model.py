"""Gaussian Mixture Model fitted by Expectation-Maximization in log space."""

import warnings

import numpy as np

from mlfromscratch.unsupervised_learning.k_means import KMeans
from mlfromscratch.utils.base import BaseEstimator, ClusterMixin
from mlfromscratch.utils.numerics import logsumexp
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_random_state,
)


def _precision_cholesky(covariances):
    """Upper-triangular P_k with P_k P_k^T = Sigma_k^{-1}, shape (n_components, d, d).

    From the Cholesky factor Sigma_k = L_k L_k^T, P_k = L_k^{-T}.
    """
    n_components, n_features, _ = covariances.shape
    identity = np.eye(n_features)
    precisions_chol = np.empty_like(covariances)
    for k in range(n_components):
        try:
            L = np.linalg.cholesky(covariances[k])                 # Sigma_k = L L^T
        except np.linalg.LinAlgError:
            raise ValueError(
                "GaussianMixtureModel: a covariance matrix is not positive definite (a component "
                "collapsed onto too few points); increase reg_covar or lower n_components"
            ) from None
        precisions_chol[k] = np.linalg.solve(L, identity).T         # P_k = L^{-T}
    return precisions_chol


def _estimate_log_gaussian(X, means, precisions_chol):
    """log N(x_i | mu_k, Sigma_k) for every sample and component, shape (n_samples, n_components).

    With y = P_k^T (x - mu_k), the Mahalanobis term is ||y||^2 and
    log|Sigma_k|^{-1/2} = sum log diag(P_k).
    """
    n_samples, n_features = X.shape
    mahalanobis = np.empty((n_samples, len(means)))
    for k, (mu, P) in enumerate(zip(means, precisions_chol)):
        y = (X - mu) @ P                                         # (n_samples, n_features)
        mahalanobis[:, k] = np.sum(y**2, axis=1)                 # (x - mu)^T Sigma^{-1} (x - mu)
    log_det = np.sum(np.log(np.diagonal(precisions_chol, axis1=1, axis2=2)), axis=1)  # (K,)
    return -0.5 * (n_features * np.log(2 * np.pi) + mahalanobis) + log_det


class GaussianMixtureModel(ClusterMixin, BaseEstimator):
    """Gaussian Mixture Model with full covariances, fitted by EM.

    Parameters
    ----------
    n_components : int, default=1
        Number of Gaussian components K.
    tol : float, default=1e-3
        EM stops when the mean log-likelihood improves by less than this (>= 0).
    max_iter : int, default=100
        Maximum EM iterations per initialisation.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance so it stays positive definite
        (>= 0).
    n_init : int, default=1
        Initialisations tried; the one with the best final log-likelihood is kept.
    init_params : {"kmeans", "random"}, default="kmeans"
        Initial responsibilities: one-hot k-means labels, or random (normalised
        uniform) weights.
    verbose : bool, default=False
        Print the log-likelihood after every iteration.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
        Mixing proportions pi_k (sum to 1).
    means_ : ndarray of shape (n_components, n_features)
    covariances_ : ndarray of shape (n_components, n_features, n_features)
    precisions_cholesky_ : ndarray of shape (n_components, n_features, n_features)
        Upper-triangular P_k with P_k P_k^T = covariances_[k]^{-1}.
    labels_ : ndarray of int of shape (n_samples,)
        Most probable component of each training point under the fitted
        parameters (``predict`` of the training data).
    converged_ : bool
        Whether the best initialisation converged within ``max_iter``.
    n_iter_ : int
        EM iterations of the best initialisation.
    mean_log_likelihood_ : float
        Mean log-likelihood (1/n) sum_i log p(x_i) of the training data, EM's
        objective, at the last E-step of the best initialisation, i.e. before
        its final M-step.
    lower_bound_ : float
        The same number under scikit-learn's name (EM maximises a lower bound
        of the log-likelihood that equals it after every E-step).
    history_ : list of float
        Mean log-likelihood after each iteration of the best initialisation.
    n_features_in_ : int

    Notes
    -----
    The model is p(x) = sum_k pi_k N(x | mu_k, Sigma_k). EM alternates:

    E-step, in log space (responsibilities r_ik = P(component k | x_i)):
    log r_ik = log pi_k + log N(x_i | mu_k, Sigma_k)
    - logsumexp_j (log pi_j + log N(x_i | mu_j, Sigma_j)).

    M-step, with N_k = sum_i r_ik:
    pi_k = N_k / n,   mu_k = sum_i r_ik x_i / N_k,
    Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + reg_covar * I.

    The log-density uses the Cholesky factor of each covariance instead of its
    inverse and determinant: with Sigma = L L^T and P = L^{-T},
    log N(x | mu, Sigma) = -d/2 log(2 pi) + sum log diag(P) - ||P^T (x - mu)||^2 / 2,
    because a triangular solve is cheaper and far more accurate than
    ``inv(Sigma)`` and ``log(det(Sigma))``, which lose digits (or overflow)
    when Sigma is nearly singular.

    Each EM iteration cannot decrease the mean log-likelihood
    (1/n) sum_i log p(x_i), which is the convergence criterion. N_k gets
    10 * machine epsilon added so an empty component does not divide by zero;
    ``reg_covar`` keeps collapsed components (e.g. on duplicate points) from
    becoming singular. ``score`` is the mean log-likelihood, as in
    scikit-learn.

    References
    ----------
    Dempster, A. P., Laird, N. M. and Rubin, D. B. (1977). Maximum likelihood
    from incomplete data via the EM algorithm. JRSS B, 39(1), 1-38.
    Bishop, C. M. (2006). Pattern Recognition and Machine Learning, section 9.2.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(-5, 1, (200, 1)), rng.normal(5, 1, (200, 1))])
    >>> gmm = GaussianMixtureModel(n_components=2, random_state=0).fit(X)
    >>> np.round(np.sort(gmm.means_.ravel()))
    array([-5.,  5.])
    """

    def __init__(self, n_components=1, tol=1e-3, max_iter=100, reg_covar=1e-6, n_init=1,
                 init_params="kmeans", verbose=False, random_state=None):
        self.n_components = n_components
        self.tol = tol
        self.max_iter = max_iter
        self.reg_covar = reg_covar
        self.n_init = n_init
        self.init_params = init_params
        self.verbose = verbose
        self.random_state = random_state

    def fit(self, X, y=None):
        """Estimate the mixture's parameters with EM.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : GaussianMixtureModel
        """
        X = check_array(X, estimator=self)
        self._check_params(X)
        rng = check_random_state(self.random_state, estimator=self)
        best = None
        for _ in range(self.n_init):
            run = self._run_em(X, rng)
            if best is None or run["mean_log_likelihood"] > best["mean_log_likelihood"]:
                best = run
        if not best["converged"]:
            warnings.warn(
                f"GaussianMixtureModel did not converge in max_iter={self.max_iter} iterations; "
                f"increase max_iter or tol",
                ConvergenceWarning,
            )
        self.weights_ = best["weights"]
        self.means_ = best["means"]
        self.covariances_ = best["covariances"]
        self.precisions_cholesky_ = best["precisions_chol"]
        self.converged_ = best["converged"]
        self.n_iter_ = best["n_iter"]
        self.mean_log_likelihood_ = best["mean_log_likelihood"]
        self.history_ = best["history"]
        self.n_features_in_ = X.shape[1]
        self.labels_ = np.argmax(self._weighted_log_prob(X), axis=1)
        return self

    def _run_em(self, X, rng):
        """One initialisation followed by EM; returns the parameters and diagnostics."""
        weights, means, covariances = self._m_step(X, self._initial_resp(X, rng))
        precisions_chol = _precision_cholesky(covariances)
        mean_log_likelihood = -np.inf
        history = []
        converged = False
        for n_iter in range(1, self.max_iter + 1):
            previous = mean_log_likelihood
            # E-step: log r_ik = log pi_k + log N(x_i | mu_k, Sigma_k) - log p(x_i)
            mean_log_likelihood, log_resp = self._e_step(X, weights, means, precisions_chol)
            # M-step: pi_k, mu_k, Sigma_k from the responsibilities r_ik
            weights, means, covariances = self._m_step(X, np.exp(log_resp))
            precisions_chol = _precision_cholesky(covariances)
            history.append(mean_log_likelihood)
            if self.verbose:
                print(f"Iteration {n_iter}, mean log-likelihood {mean_log_likelihood:.6f}")
            if abs(mean_log_likelihood - previous) < self.tol:
                converged = True
                break
        return {
            "weights": weights, "means": means, "covariances": covariances,
            "precisions_chol": precisions_chol, "mean_log_likelihood": mean_log_likelihood,
            "n_iter": n_iter, "converged": converged, "history": history,
        }

    def _e_step(self, X, weights, means, precisions_chol):
        """Mean log-likelihood (1/n) sum_i log p(x_i) and log responsibilities (n_samples, K)."""
        weighted = _estimate_log_gaussian(X, means, precisions_chol) + np.log(weights)  # log pi_k N_ik
        log_norm = logsumexp(weighted, axis=1)                      # log p(x_i) = logsumexp_k, (n,)
        return log_norm.mean(), weighted - log_norm[:, None]        # log r_ik

    def _m_step(self, X, resp):
        """Weights, means and covariances from responsibilities ``resp`` (n_samples, K)."""
        n_samples, n_features = X.shape
        nk = resp.sum(axis=0) + 10 * np.finfo(float).eps          # N_k = sum_i r_ik, (K,)
        means = resp.T @ X / nk[:, None]                            # mu_k = sum_i r_ik x_i / N_k
        covariances = np.empty((len(nk), n_features, n_features))
        for k in range(len(nk)):
            diff = X - means[k]                                     # (n_samples, n_features)
            # Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k + reg_covar I
            covariances[k] = (resp[:, k] * diff.T) @ diff / nk[k]
            covariances[k].flat[:: n_features + 1] += self.reg_covar
        return nk / n_samples, means, covariances                   # pi_k = N_k / n

    def _initial_resp(self, X, rng):
        """Starting responsibilities: one-hot k-means labels, or normalised random weights."""
        n_samples = X.shape[0]
        if self.init_params == "kmeans":
            labels = KMeans(self.n_components, n_init=1, random_state=rng).fit(X).labels_
            resp = np.zeros((n_samples, self.n_components))
            resp[np.arange(n_samples), labels] = 1.0
            return resp
        resp = rng.random((n_samples, self.n_components))
        return resp / resp.sum(axis=1, keepdims=True)

    def _check_params(self, X):
        check_positive(self.n_components, "n_components", self, integer=True)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.n_init, "n_init", self, integer=True)
        check_positive(self.tol, "tol", self, strict=False)
        check_positive(self.reg_covar, "reg_covar", self, strict=False)
        check_option(self.init_params, "init_params", ("kmeans", "random"), self)
        if self.n_components > X.shape[0]:
            raise ValueError(
                f"GaussianMixtureModel: n_components={self.n_components} is larger than the "
                f"number of samples ({X.shape[0]})"
            )

    @property
    def lower_bound_(self):
        """Alias of ``mean_log_likelihood_`` (scikit-learn's name)."""
        return self.mean_log_likelihood_

    def _check_X(self, X):
        check_is_fitted(self, "means_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X

    def _weighted_log_prob(self, X):
        """log pi_k + log N(x_i | mu_k, Sigma_k), shape (n_samples, K)."""
        return _estimate_log_gaussian(X, self.means_, self.precisions_cholesky_) + np.log(self.weights_)

    def score_samples(self, X):
        """Log-density log p(x) = logsumexp_k (log pi_k + log N(x | mu_k, Sigma_k)) of each row.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_density : ndarray of shape (n_samples,)
        """
        return logsumexp(self._weighted_log_prob(self._check_X(X)), axis=1)

    def score(self, X, y=None):
        """Mean log-likelihood (1/n) sum_i log p(x_i) of ``X`` under the model (higher is better).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        score : float
        """
        return float(self.score_samples(X).mean())

    def predict_proba(self, X):
        """Posterior probability r_ik of each component given each row, shape (n_samples, K)."""
        weighted = self._weighted_log_prob(self._check_X(X))
        return np.exp(weighted - logsumexp(weighted, axis=1, keepdims=True))

    def predict(self, X):
        """Most probable component of each row of ``X``, shape (n_samples,)."""
        return np.argmax(self._weighted_log_prob(self._check_X(X)), axis=1)

    def sample(self, n_samples=1):
        """Draw samples from the fitted mixture.

        Uses ``random_state`` (a fresh generator each call, so repeatable).

        Parameters
        ----------
        n_samples : int, default=1

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
            Samples, grouped by component.
        labels : ndarray of int of shape (n_samples,)
            The component each sample came from.
        """
        check_is_fitted(self, "means_")
        check_positive(n_samples, "n_samples", self, integer=True)
        rng = check_random_state(self.random_state, estimator=self)
        counts = rng.multinomial(n_samples, self.weights_)           # how many from each component
        samples = []
        for mean, covariance, count in zip(self.means_, self.covariances_, counts):
            L = np.linalg.cholesky(covariance)
            samples.append(mean + rng.standard_normal((count, len(mean))) @ L.T)  # x = mu + L z
        labels = np.repeat(np.arange(self.n_components), counts)
        return np.vstack(samples), labels

    def _n_parameters(self):
        """Free parameters: K-1 weights, K*d means, K*d(d+1)/2 covariance entries."""
        n_components, n_features = self.means_.shape
        return (n_components - 1) + n_components * n_features \
            + n_components * n_features * (n_features + 1) // 2

    def bic(self, X):
        """Bayesian information criterion, -2 log L + p log n (lower is better)."""
        X = self._check_X(X)
        return -2 * self.score(X) * len(X) + self._n_parameters() * np.log(len(X))

    def aic(self, X):
        """Akaike information criterion, -2 log L + 2 p (lower is better)."""
        X = self._check_X(X)
        return -2 * self.score(X) * len(X) + 2 * self._n_parameters()
