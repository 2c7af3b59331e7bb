"""Gaussian process regression with an RBF kernel: Cholesky posterior and marginal likelihood."""

import numpy as np
from scipy.linalg import cho_solve, solve_triangular

from mlfromscratch.utils.base import BaseEstimator, RegressorMixin
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.kernels import rbf_kernel
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
    check_scalar,
    check_X_y,
)

# Search box of the hyperparameter fit, on (length_scale, signal_variance, noise_variance).
_BOUNDS = [(1e-5, 1e5), (1e-5, 1e5), (1e-10, 1e5)]


def _kernel(X1, X2, length_scale, signal_variance):
    """k(x, x') = signal_variance * exp(-||x - x'||^2 / (2 length_scale^2)), shape (n1, n2)."""
    return signal_variance * rbf_kernel(gamma=0.5 / length_scale**2)(X1, X2)


def _log_marginal_likelihood(X, y, length_scale, signal_variance, noise_variance):
    """log p(y | X, theta) and its gradient with respect to log(theta).

    Returns
    -------
    lml : float
    gradient : ndarray of shape (3,)
        d lml / d log(length_scale, signal_variance, noise_variance).
    L : ndarray of shape (n_samples, n_samples)
        Lower Cholesky factor of K + noise_variance I.
    alpha : ndarray of shape (n_samples,)
        (K + noise_variance I)^-1 y.
    """
    n_samples = len(X)
    R = rbf_kernel(gamma=0.5 / length_scale**2)(X, X)                     # correlations, (n, n)
    K = signal_variance * R + noise_variance * np.eye(n_samples)
    L = np.linalg.cholesky(K)                                            # K = L L^T
    alpha = cho_solve((L, True), y)                                      # K^-1 y
    lml = -0.5 * y @ alpha - np.sum(np.log(np.diag(L))) - 0.5 * n_samples * np.log(2 * np.pi)
    # d lml / d theta_j = 1/2 tr((alpha alpha^T - K^-1) dK/d theta_j)
    inner = np.outer(alpha, alpha) - cho_solve((L, True), np.eye(n_samples))
    D = squared_euclidean_distances(X, X)
    dK = (
        signal_variance * R * D / length_scale**2,                      # d K / d log(length_scale)
        signal_variance * R,                                             # d K / d log(signal_variance)
        noise_variance * np.eye(n_samples),                              # d K / d log(noise_variance)
    )
    gradient = np.array([0.5 * np.sum(inner * dK_j) for dK_j in dK])
    return lml, gradient, L, alpha


class GaussianProcessRegression(RegressorMixin, BaseEstimator):
    """Gaussian process regression: a posterior over functions, with an RBF kernel and Gaussian noise.

    Parameters
    ----------
    length_scale : float, default=1.0
        l of the RBF kernel: how far apart two inputs can be and still be correlated.
    signal_variance : float, default=1.0
        sigma_f^2, the prior variance of f(x) (of the normalised targets).
    noise_variance : float, default=0.1
        sigma_n^2, the variance of the observation noise (of the normalised targets).
    optimize : bool, default=True
        Fit the three hyperparameters above by maximising the log marginal
        likelihood (L-BFGS on their logarithms, starting from the given values).
    n_restarts : int, default=0
        Extra optimiser starts from random log-uniform points of the search box.
    normalize_y : bool, default=True
        Subtract the mean of y and divide by its standard deviation before
        fitting (the prior then has mean zero and variance ~1 in those units).
    random_state : None, int or numpy.random.Generator, default=None
        Draws the restart points.

    Attributes
    ----------
    length_scale_, signal_variance_, noise_variance_ : float
        The hyperparameters used (fitted when ``optimize``).
    log_marginal_likelihood_value_ : float
        log p(y | X) at those hyperparameters (of the normalised targets).
    X_train_ : ndarray of shape (n_samples, n_features)
    alpha_ : ndarray of shape (n_samples,)
        (K + sigma_n^2 I)^-1 y.
    L_ : ndarray of shape (n_samples, n_samples)
        Lower Cholesky factor of K + sigma_n^2 I.
    y_mean_, y_std_ : float
        The normalisation of y (0 and 1 without ``normalize_y``).
    n_features_in_ : int

    Notes
    -----
    Prior f ~ GP(0, k) with k(x, x') = sigma_f^2 exp(-||x - x'||^2 / (2 l^2)),
    observations y = f(X) + eps, eps ~ N(0, sigma_n^2 I). With
    K = k(X, X) + sigma_n^2 I = L L^T (Cholesky) and k_* = k(X, x_*), the posterior
    of f(x_*) is Gaussian with (Rasmussen & Williams, Algorithm 2.1)

        alpha = L^T \\ (L \\ y)                 # K^-1 y by two triangular solves
        mean  = k_*^T alpha
        v     = L \\ k_*
        var   = k(x_*, x_*) - v^T v

    and the log marginal likelihood of the data is

        log p(y | X) = -1/2 y^T alpha - sum_i log L_ii - n/2 log(2 pi),

    a fit term, a complexity penalty (1/2 log det K) and a constant. Its gradient
    for a hyperparameter theta_j is 1/2 tr((alpha alpha^T - K^-1) dK/dtheta_j)
    (their eq. 5.9), taken here on log(theta) so the search stays positive.
    Cholesky instead of an inverse: it halves the work, is numerically stable for
    a positive-definite K, and gives log det K for free. The cost is O(n^3) time
    and O(n^2) memory in the number of training points.

    ``predict(X, return_std=True)`` gives the standard deviation of f(x_*); a new
    noisy observation y_* has variance var + sigma_n^2.

    References
    ----------
    C. E. Rasmussen and C. K. I. Williams, *Gaussian Processes for Machine
    Learning*, MIT Press (2006), chapters 2 and 5.

    Examples
    --------
    >>> X = np.linspace(0, 6, 20).reshape(-1, 1)
    >>> gp = GaussianProcessRegression(random_state=0).fit(X, np.sin(X).ravel())
    >>> mean, std = gp.predict(np.array([[1.5]]), return_std=True)
    >>> bool(abs(mean[0] - np.sin(1.5)) < 0.05 and std[0] < 0.1)
    True
    """

    def __init__(self, length_scale=1.0, signal_variance=1.0, noise_variance=0.1, optimize=True,
                 n_restarts=0, normalize_y=True, random_state=None):
        self.length_scale = length_scale
        self.signal_variance = signal_variance
        self.noise_variance = noise_variance
        self.optimize = optimize
        self.n_restarts = n_restarts
        self.normalize_y = normalize_y
        self.random_state = random_state

    def fit(self, X, y):
        """Condition the Gaussian process on (X, y), fitting the hyperparameters first if ``optimize``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : GaussianProcessRegression
        """
        for name in ("length_scale", "signal_variance", "noise_variance"):
            check_positive(getattr(self, name), name, self)
        check_scalar(self.n_restarts, "n_restarts", self, integer=True, low=0)
        rng = check_random_state(self.random_state, estimator=self)
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)

        # 1. normalise y, so the zero-mean, unit-variance prior fits any scale of target
        self.y_mean_, self.y_std_ = 0.0, 1.0
        if self.normalize_y:
            self.y_mean_ = float(np.mean(y))
            self.y_std_ = float(np.std(y)) or 1.0
        y = (y - self.y_mean_) / self.y_std_

        # 2. hyperparameters: maximise log p(y | X, theta) over log(theta)
        theta = np.array([self.length_scale, self.signal_variance, self.noise_variance], dtype=float)
        if self.optimize:
            theta = self._maximise_marginal_likelihood(X, y, theta, rng)
        self.length_scale_, self.signal_variance_, self.noise_variance_ = (float(t) for t in theta)

        # 3. the posterior: Cholesky factor of K + sigma_n^2 I and alpha = K^-1 y
        lml, _, self.L_, self.alpha_ = _log_marginal_likelihood(X, y, *theta)
        self.log_marginal_likelihood_value_ = float(lml)
        self.X_train_ = X.copy()                  # predictions need it; never a view of the caller's array
        self.n_features_in_ = X.shape[1]
        return self

    def _maximise_marginal_likelihood(self, X, y, theta, rng):
        """L-BFGS-B on -log p(y | X, exp(log_theta)), from theta and ``n_restarts`` random starts."""
        from scipy.optimize import minimize  # here, not at the top: it takes ~0.1 s to import

        def negative(log_theta):
            try:
                lml, gradient, _, _ = _log_marginal_likelihood(X, y, *np.exp(log_theta))
            except np.linalg.LinAlgError:                 # K not positive definite: a bad region
                return np.inf, np.zeros_like(log_theta)
            return -lml, -gradient

        log_bounds = np.log(_BOUNDS)
        starts = [np.log(np.clip(theta, *np.array(_BOUNDS).T))]
        starts += [rng.uniform(log_bounds[:, 0], log_bounds[:, 1]) for _ in range(self.n_restarts)]
        best = min((minimize(negative, start, jac=True, method="L-BFGS-B", bounds=log_bounds) for start in starts),
                   key=lambda result: result.fun)
        return np.exp(best.x)

    def log_marginal_likelihood(self, length_scale, signal_variance, noise_variance):
        """log p(y | X) of the (normalised) training targets under other hyperparameters."""
        check_is_fitted(self, "alpha_")
        y = self.L_ @ (self.L_.T @ self.alpha_)           # K alpha = y, the normalised targets
        return float(_log_marginal_likelihood(self.X_train_, y, length_scale, signal_variance, noise_variance)[0])

    def predict(self, X, return_std=False):
        """Posterior mean of f(X) (and its standard deviation).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_std : bool, default=False

        Returns
        -------
        mean : ndarray of shape (n_samples,)
        std : ndarray of shape (n_samples,)
            Only with ``return_std``: the posterior standard deviation of f(x)
            (add ``noise_variance_ * y_std_**2`` to its square for a new observation).
        """
        check_is_fitted(self, "alpha_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        K_star = _kernel(self.X_train_, X, self.length_scale_, self.signal_variance_)   # (n_train, n)
        mean = K_star.T @ self.alpha_ * self.y_std_ + self.y_mean_
        if not return_std:
            return mean
        v = solve_triangular(self.L_, K_star, lower=True)                                 # L \ k_*
        variance = np.clip(self.signal_variance_ - np.sum(v**2, axis=0), 0.0, None)
        return mean, np.sqrt(variance) * self.y_std_
