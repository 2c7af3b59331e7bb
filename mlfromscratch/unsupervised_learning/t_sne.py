"""t-distributed Stochastic Neighbor Embedding (t-SNE), with the exact O(n^2) gradient."""

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_operation import squared_euclidean_distances
from mlfromscratch.utils.validation import check_array, check_positive, check_random_state, check_scalar


def conditional_probabilities(D, perplexity, tol=1e-5, max_steps=100):
    """P_{j|i} with a per-point precision beta_i found by binary search, so that each row has the perplexity.

    Parameters
    ----------
    D : ndarray of shape (n_samples, n_samples)
        Squared distances ||x_i - x_j||^2.
    perplexity : float
        Target 2^H(P_i) with H in bits, i.e. exp(H) with H in nats: the
        effective number of neighbours of every point.
    tol : float, default=1e-5
        Stop when every row's entropy is within ``tol`` nats of log(perplexity).
    max_steps : int, default=100

    Returns
    -------
    P : ndarray of shape (n_samples, n_samples)
        Row i holds P_{j|i} = exp(-beta_i D_ij) / sum_{k != i} exp(-beta_i D_ik); P_{i|i} = 0.

    Notes
    -----
    The entropy H(P_i) falls as beta_i = 1 / (2 sigma_i^2) grows, so a bisection on
    beta_i finds it. All rows are searched at once: each step halves every row's
    interval (or doubles beta while no upper bound is known).
    """
    n_samples = len(D)
    target = np.log(perplexity)
    beta = np.ones(n_samples)
    low = np.zeros(n_samples)
    high = np.full(n_samples, np.inf)
    D = D + np.diag(np.full(n_samples, np.inf))                  # j = i is not a neighbour: exp(-inf) = 0
    D = D - D.min(axis=1, keepdims=True)                         # shift each row: its nearest term is exp(0)
    for _ in range(max_steps):
        P = np.exp(-beta[:, None] * D)
        P /= P.sum(axis=1, keepdims=True)
        # H(P_i) = -sum_j P_ij log P_ij = beta_i sum_j P_ij D_ij + log Z_i, with log P_ij = -beta_i D_ij - log Z_i
        entropy = -np.sum(P * np.log(np.where(P > 0, P, 1.0)), axis=1)
        too_flat = entropy > target                        # too many neighbours: sharpen (raise beta)
        if np.all(np.abs(entropy - target) < tol):
            break
        low = np.where(too_flat, beta, low)
        high = np.where(too_flat, high, beta)
        beta = np.where(np.isinf(high), 2 * beta, (low + high) / 2)
    return P


def _student_t_similarities(Y):
    """(1 + ||y_i - y_j||^2)^-1 with a zero diagonal, and Q, its normalisation to sum 1. Both (n, n)."""
    inverse = 1.0 / (1.0 + squared_euclidean_distances(Y, Y))
    np.fill_diagonal(inverse, 0.0)
    return inverse, np.maximum(inverse / inverse.sum(), 1e-300)


def kl_divergence(P, Y):
    """The cost C = KL(P || Q) = sum_ij p_ij log(p_ij / q_ij) of an embedding Y (n_samples, n_components)."""
    _, Q = _student_t_similarities(Y)
    nonzero = P > 0
    return float(np.sum(P[nonzero] * np.log(P[nonzero] / Q[nonzero])))


def kl_gradient(P, Y):
    """dC/dy_i = 4 sum_j (p_ij - q_ij) (1 + ||y_i - y_j||^2)^-1 (y_i - y_j), shape (n_samples, n_components).

    Parameters
    ----------
    P : ndarray of shape (n_samples, n_samples)
        Symmetric joint affinities, summing to 1 (times the exaggeration).
    Y : ndarray of shape (n_samples, n_components)
    """
    inverse, Q = _student_t_similarities(Y)
    W = (P - Q) * inverse                                          # (p_ij - q_ij) / (1 + d_ij^2)
    return 4.0 * (W.sum(axis=1)[:, None] * Y - W @ Y)             # sum_j W_ij (y_i - y_j)


class TSNE(BaseEstimator):
    """t-SNE: a low-dimensional map in which near neighbours stay near.

    Parameters
    ----------
    n_components : int, default=2
        Dimension of the map.
    perplexity : float, default=30.0
        Effective number of neighbours each point keeps (5-50 is typical); must
        be smaller than the number of samples.
    early_exaggeration : float, default=12.0
        P is multiplied by this for the first ``n_iter_exaggeration`` iterations,
        which pulls clusters tightly together early so they can move apart as wholes.
    learning_rate : float or "auto", default="auto"
        Step size of the gradient descent. "auto" takes
        max(n_samples / early_exaggeration / 4, 50) (Belkina et al., 2019): the
        affinities p_ij scale as 1/n, so a fixed step is too large for small data
        sets and too small for large ones (the paper used 100 for n = 6,000).
    max_iter : int, default=1000
        Gradient-descent iterations, exaggerated ones included.
    n_iter_exaggeration : int, default=250
        Iterations with early exaggeration (and momentum 0.5; 0.8 afterwards).
    random_state : None, int or numpy.random.Generator, default=None
        Draws the initial map.

    Attributes
    ----------
    embedding_ : ndarray of shape (n_samples, n_components)
    kl_divergence_ : float
        KL(P || Q) of the final map.
    kl_divergences_ : list of (int, float)
        (iteration, KL(P || Q)) every 50 iterations, for plotting.
    n_iter_ : int
    n_features_in_ : int

    Notes
    -----
    1. **High-dimensional affinities.** For each point, a Gaussian of precision
       beta_i = 1 / (2 sigma_i^2) gives conditional probabilities
       p_{j|i} = exp(-beta_i ||x_i - x_j||^2) / sum_{k != i} exp(-beta_i ||x_i - x_k||^2);
       beta_i is set by binary search so that 2^{H(P_i)} equals the perplexity.
       They are symmetrised: p_ij = (p_{j|i} + p_{i|j}) / (2n).
    2. **Low-dimensional similarities** use a Student t with one degree of freedom,
       whose heavy tail lets moderately distant points sit far apart in the map:
       q_ij = (1 + ||y_i - y_j||^2)^-1 / sum_{k != l} (1 + ||y_k - y_l||^2)^-1.
    3. **Cost and gradient.** C = KL(P || Q) = sum_ij p_ij log(p_ij / q_ij), with
       dC/dy_i = 4 sum_j (p_ij - q_ij) (1 + ||y_i - y_j||^2)^-1 (y_i - y_j).
    4. **Optimisation.** Y starts as N(0, 1e-4 I); gradient descent with momentum
       (0.5, then 0.8), per-coordinate gains (raised by 0.2 while a coordinate's
       gradient keeps its sign, i.e. has the opposite sign of the last step, which
       went downhill; shrunk by 0.8 when the sign flips; at least 0.01: the
       adaptive scheme of Jacobs (1988) that the paper uses), and early
       exaggeration of P.

    The gradient here is exact and costs O(n^2) time and memory per iteration:
    fine for a few thousand points. Barnes-Hut or FFT approximations (as in
    scikit-learn and openTSNE) make it O(n log n) for large data.

    References
    ----------
    L. van der Maaten and G. Hinton, "Visualizing Data using t-SNE", JMLR 9 (2008).
    R. A. Jacobs, "Increased rates of convergence through learning rate adaptation",
    Neural Networks 1 (1988). A. C. Belkina et al., "Automated optimized parameters for
    t-distributed stochastic neighbor embedding improve visualization and analysis of
    large datasets", Nature Communications 10 (2019).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([rng.normal(0, 1, (20, 5)), rng.normal(10, 1, (20, 5))])
    >>> Y = TSNE(perplexity=5, random_state=0).fit_transform(X)
    >>> Y.shape
    (40, 2)
    >>> bool(np.linalg.norm(Y[:20].mean(0) - Y[20:].mean(0)) > 3 * Y[:20].std())   # two separate groups
    True
    """

    def __init__(self, n_components=2, perplexity=30.0, early_exaggeration=12.0, learning_rate="auto",
                 max_iter=1000, n_iter_exaggeration=250, random_state=None):
        self.n_components = n_components
        self.perplexity = perplexity
        self.early_exaggeration = early_exaggeration
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.n_iter_exaggeration = n_iter_exaggeration
        self.random_state = random_state

    def fit(self, X, y=None):
        """Compute the embedding of X (kept in ``embedding_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        self : TSNE
        """
        check_positive(self.n_components, "n_components", self, integer=True)
        check_scalar(self.perplexity, "perplexity", self, low=1.0)
        check_scalar(self.early_exaggeration, "early_exaggeration", self, low=1.0)
        if self.learning_rate != "auto":
            check_positive(self.learning_rate, "learning_rate", self)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_scalar(self.n_iter_exaggeration, "n_iter_exaggeration", self, integer=True, low=0)
        rng = check_random_state(self.random_state, estimator=self)
        X = check_array(X, ensure_min_samples=2, estimator=self)
        n_samples = len(X)
        if self.perplexity >= n_samples:
            raise ValueError(f"TSNE: perplexity={self.perplexity} must be smaller than n_samples={n_samples}")

        # 1. affinities in the input space: per-point Gaussians, then symmetrised
        P_conditional = conditional_probabilities(squared_euclidean_distances(X, X), self.perplexity)
        P = (P_conditional + P_conditional.T) / (2 * n_samples)

        # 2-4. gradient descent on KL(P || Q) from a tiny random map
        learning_rate = self.learning_rate
        if learning_rate == "auto":
            learning_rate = max(n_samples / self.early_exaggeration / 4, 50.0)
        Y = 1e-2 * rng.standard_normal((n_samples, self.n_components))
        step = np.zeros_like(Y)
        gains = np.ones_like(Y)
        history = []
        for n_iter in range(1, self.max_iter + 1):
            early = n_iter <= self.n_iter_exaggeration
            exaggeration, momentum = (self.early_exaggeration, 0.5) if early else (1.0, 0.8)
            gradient = kl_gradient(exaggeration * P, Y)
            # the last step went against the last gradient, so sign(gradient) == sign(step) means it flipped
            flipped = np.sign(gradient) == np.sign(step)
            gains = np.maximum(np.where(flipped, gains * 0.8, gains + 0.2), 0.01)
            step = momentum * step - learning_rate * gains * gradient      # momentum descent, per-coordinate gains
            Y = Y + step
            if n_iter % 50 == 0 or n_iter == self.max_iter:
                history.append((n_iter, kl_divergence(P, Y)))

        self.embedding_ = Y
        self.kl_divergence_ = history[-1][1]
        self.kl_divergences_ = history
        self.n_iter_ = self.max_iter
        self.n_features_in_ = X.shape[1]
        return self

    def fit_transform(self, X, y=None):
        """Fit and return the embedding, shape (n_samples, n_components)."""
        return self.fit(X).embedding_
