"""Bayesian linear (polynomial) regression with the conjugate Normal / scaled-inverse-chi^2 prior."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator, RegressorMixin
from mlfromscratch.utils.data_manipulation import polynomial_features
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
    check_scalar,
    check_X_y,
)


class BayesianRegression(RegressorMixin, BaseEstimator):
    """Bayesian regression on polynomial features with an exact conjugate posterior.

    Parameters
    ----------
    n_draws : int, default=2000
        Number of joint posterior draws of (beta, sigma^2) stored in
        ``coef_draws_`` and ``sigma_sq_draws_`` (0 for none).
    mu0 : float or array-like of shape (n_coefs,), optional
        Prior mean of the coefficients (default 0).
    omega0 : float, array-like of shape (n_coefs,) or (n_coefs, n_coefs), default=1e-4
        Prior precision of the coefficients in units of sigma^2: a scalar
        (times the identity), a diagonal, or a symmetric positive definite matrix.
        Small values give a vague prior.
    nu0 : float, default=1.0
        Prior degrees of freedom of sigma^2 (> 0).
    sigma_sq0 : float, default=1.0
        Prior scale of sigma^2 (> 0).
    degree : int, default=1
        Degree of the polynomial features; they include the constant column,
        so ``degree=1`` is a straight line with an intercept.
    cred_int : float, default=95
        Width of the credible interval in percent, in (0, 100).
    random_state : None, int or numpy.random.Generator
        Seed of the posterior draws.

    Attributes
    ----------
    n_features_in_ : int
    coef_ : ndarray of shape (n_coefs,)
        Posterior mean mu_n of beta, in the column order of
        ``polynomial_features`` (constant first).
    coef_covariance_ : ndarray of shape (n_coefs, n_coefs)
        Marginal posterior covariance of beta, nu_n / (nu_n - 2) sigma_n^2 Omega_n^-1
        (infinite entries when nu_n <= 2).
    precision_ : ndarray of shape (n_coefs, n_coefs)
        Omega_n = Omega_0 + X^T X.
    nu_ : float
        Posterior degrees of freedom nu_n = nu_0 + n.
    sigma_sq_ : float
        Posterior scale sigma_n^2 of sigma^2.
    coef_draws_ : ndarray of shape (n_draws, n_coefs)
    sigma_sq_draws_ : ndarray of shape (n_draws,)

    Notes
    -----
    Model and prior (Gelman et al., BDA, section 14.8), X holding the polynomial
    features:

        y | beta, sigma^2      ~ N(X beta, sigma^2 I)
        beta | sigma^2         ~ N(mu_0, sigma^2 Omega_0^-1)
        sigma^2                ~ Scaled-Inv-chi^2(nu_0, sigma_0^2)

    The posterior has the same form:

        Omega_n = Omega_0 + X^T X
        mu_n    = Omega_n^-1 (Omega_0 mu_0 + X^T y)
        nu_n    = nu_0 + n
        nu_n sigma_n^2 = nu_0 sigma_0^2 + ||y - X mu_n||^2 + (mu_n - mu_0)^T Omega_0 (mu_n - mu_0)

    with sigma^2 | y ~ Scaled-Inv-chi^2(nu_n, sigma_n^2) and
    beta | sigma^2, y ~ N(mu_n, sigma^2 Omega_n^-1). The residual form of
    nu_n sigma_n^2 equals the textbook y^T y + mu_0^T Omega_0 mu_0 - mu_n^T Omega_n mu_n
    without its cancellation. mu_n is the solution of the least-squares problem
    [X; L_0^T] beta ~ [y; L_0^T mu_0] with Omega_0 = L_0 L_0^T, solved through the
    SVD of the stacked matrix A = U S V^T, which also gives Omega_n^-1 = V S^-2 V^T.

    The prior acts on the coefficients of the raw polynomial features, so
    ``omega0`` depends on the units of X; for high degrees rescale X to about
    [-1, 1] first (x^k of large x is ill-conditioned in double precision).

    Draws: sigma^2 = nu_n sigma_n^2 / chi^2_{nu_n}, then beta = mu_n + sigma V S^-1 z
    with z ~ N(0, I).

    ``predict`` returns the posterior mean x^T mu_n. Integrating out both beta and
    sigma^2, a new observation at x follows the Student-t predictive

        y~ | y ~ t_{nu_n}(x^T mu_n, sigma_n^2 (1 + x^T Omega_n^-1 x)),

    whose first term is the noise and second the parameter uncertainty.
    ``predict(X, return_interval=True)`` returns its central ``cred_int`` %
    interval: a band meant to hold that share of new observations.

    References
    ----------
    A. Gelman, J. B. Carlin, H. S. Stern, D. B. Dunson, A. Vehtari, D. B. Rubin,
    Bayesian Data Analysis, 3rd ed., sections 3.3 and 14.8, CRC Press, 2013.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.linspace(0, 1, 50)[:, None]
    >>> y = 2 + 3 * X[:, 0] + 0.1 * np.random.default_rng(0).standard_normal(50)
    >>> model = BayesianRegression(degree=1, random_state=0).fit(X, y)
    >>> np.round(model.coef_, 1).tolist()
    [2.0, 3.1]
    >>> mean, lower, upper = model.predict([[0.5]], return_interval=True)
    >>> bool(lower[0] < mean[0] < upper[0])
    True
    """

    def __init__(
        self,
        n_draws=2000,
        mu0=None,
        omega0=1e-4,
        nu0=1.0,
        sigma_sq0=1.0,
        degree=1,
        cred_int=95,
        random_state=None,
    ):
        self.n_draws = n_draws
        self.mu0 = mu0
        self.omega0 = omega0
        self.nu0 = nu0
        self.sigma_sq0 = sigma_sq0
        self.degree = degree
        self.cred_int = cred_int
        self.random_state = random_state

    def _check_params(self):
        check_positive(self.n_draws, "n_draws", self, strict=False, integer=True)
        check_positive(self.degree, "degree", self, strict=False, integer=True)
        check_positive(self.nu0, "nu0", self)
        check_positive(self.sigma_sq0, "sigma_sq0", self)
        check_scalar(self.cred_int, "cred_int", self, low=0, high=100, include_low=False, include_high=False)

    def _prior(self, n_coefs):
        """Prior mean mu_0 (n_coefs,) and Cholesky factor L_0 of Omega_0 (n_coefs, n_coefs)."""
        try:
            mu0 = np.zeros(n_coefs) if self.mu0 is None else np.asarray(self.mu0, dtype=float)
            omega0 = np.asarray(self.omega0, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"BayesianRegression: mu0 and omega0 must be numbers or numeric arrays, "
                             f"got {self.mu0!r} and {self.omega0!r}") from None
        if not (np.all(np.isfinite(mu0)) and np.all(np.isfinite(omega0))):
            raise ValueError(f"BayesianRegression: mu0 and omega0 must be finite, got {self.mu0!r} and {self.omega0!r}")
        mu0 = np.broadcast_to(mu0, (n_coefs,)) if mu0.ndim == 0 else mu0
        if omega0.ndim == 0:
            omega0 = omega0 * np.eye(n_coefs)
        elif omega0.ndim == 1:
            omega0 = np.diag(omega0)
        if mu0.shape != (n_coefs,) or omega0.shape != (n_coefs, n_coefs):
            raise ValueError(
                f"BayesianRegression with degree={self.degree} has {n_coefs} coefficients; "
                f"mu0 must have shape ({n_coefs},) and omega0 be a scalar, ({n_coefs},) or "
                f"({n_coefs}, {n_coefs}), got {mu0.shape} and {np.shape(self.omega0)}"
            )
        if not np.allclose(omega0, omega0.T):
            raise ValueError("BayesianRegression: omega0 must be symmetric")
        try:
            L0 = np.linalg.cholesky(omega0)
        except np.linalg.LinAlgError:
            raise ValueError("BayesianRegression: omega0 must be positive definite") from None
        return mu0, L0

    def fit(self, X, y):
        """Compute the posterior and draw from it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : BayesianRegression
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        self._check_params()
        rng = check_random_state(self.random_state, estimator=self)
        self.n_features_in_ = X.shape[1]
        Phi = polynomial_features(X, self.degree)                 # (n_samples, n_coefs)
        n_samples, n_coefs = Phi.shape
        mu0, L0 = self._prior(n_coefs)

        # mu_n = argmin ||y - Phi b||^2 + ||L0^T (b - mu0)||^2: stacked least squares via SVD
        A = np.vstack([Phi, L0.T])                                     # (n_samples + n_coefs, n_coefs)
        target = np.concatenate([y, L0.T @ mu0])
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        self._root_cov = Vt.T / s                                      # V S^-1: Omega_n^-1 = R R^T
        self.coef_ = self._root_cov @ (U.T @ target)
        self.precision_ = A.T @ A
        self.nu_ = float(self.nu0 + n_samples)
        residual = y - Phi @ self.coef_
        prior_term = L0.T @ (self.coef_ - mu0)
        self.sigma_sq_ = float(
            (self.nu0 * self.sigma_sq0 + residual @ residual + prior_term @ prior_term) / self.nu_
        )
        inflation = self.nu_ / (self.nu_ - 2) if self.nu_ > 2 else np.inf
        self.coef_covariance_ = inflation * self.sigma_sq_ * (self._root_cov @ self._root_cov.T)

        # joint draws: sigma^2 ~ Scaled-Inv-chi^2(nu_n, sigma_n^2), then beta | sigma^2
        self.sigma_sq_draws_ = self.nu_ * self.sigma_sq_ / rng.chisquare(self.nu_, size=self.n_draws)
        z = rng.standard_normal((self.n_draws, n_coefs))
        self.coef_draws_ = self.coef_ + np.sqrt(self.sigma_sq_draws_)[:, None] * (z @ self._root_cov.T)
        return self

    def predict(self, X, return_interval=False):
        """Posterior mean prediction, optionally with the posterior predictive credible band.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_interval : bool, default=False
            Also return the lower and upper ends of the central ``cred_int`` %
            interval of the Student-t posterior predictive of a new observation.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            Or ``(y_pred, lower, upper)`` when ``return_interval``.
        """
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        Phi = polynomial_features(X, self.degree)
        y_pred = Phi @ self.coef_
        if not return_interval:
            return y_pred
        # x^T Omega_n^-1 x = ||(V S^-1)^T x||^2, shape (n_samples,)
        leverage = np.sum((Phi @ self._root_cov) ** 2, axis=1)
        scale = np.sqrt(self.sigma_sq_ * (1.0 + leverage))
        from scipy.special import stdtrit  # Student's t quantile; imported here: scipy.special is slow to load

        quantile = stdtrit(self.nu_, 0.5 + self.cred_int / 200.0)
        return y_pred, y_pred - quantile * scale, y_pred + quantile * scale
