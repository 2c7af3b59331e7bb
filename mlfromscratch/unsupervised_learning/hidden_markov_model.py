"""Hidden Markov model with discrete emissions: forward-backward, Viterbi and Baum-Welch."""

import warnings

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    ConvergenceWarning,
    check_is_fitted,
    check_positive,
    check_random_state,
    check_scalar,
)


def forward(start_prob, transition, emission, symbols):
    """Scaled forward pass: filtered state probabilities and the scale factors.

    Parameters
    ----------
    start_prob : ndarray of shape (n_states,)
    transition : ndarray of shape (n_states, n_states)
        transition[i, j] = P(z_{t+1} = j | z_t = i).
    emission : ndarray of shape (n_states, n_symbols)
        emission[i, k] = P(x_t = k | z_t = i).
    symbols : ndarray of int of shape (n_steps,)

    Returns
    -------
    alpha : ndarray of shape (n_steps, n_states)
        alpha[t, i] = P(z_t = i | x_0..x_t).
    scale : ndarray of shape (n_steps,)
        scale[t] = P(x_t | x_0..x_{t-1}); the log-likelihood is sum(log(scale)).
    """
    n_steps, n_states = len(symbols), len(start_prob)
    alpha = np.empty((n_steps, n_states))
    scale = np.empty(n_steps)
    a = start_prob * emission[:, symbols[0]]
    for t in range(n_steps):
        if t > 0:
            a = (alpha[t - 1] @ transition) * emission[:, symbols[t]]   # predict, then weigh by x_t
        scale[t] = a.sum()
        alpha[t] = a / scale[t]
    return alpha, scale


def backward(transition, emission, symbols, scale):
    """Scaled backward pass: beta[t, i] = P(x_{t+1}.. | z_t = i) / P(x_{t+1}.. | x_0..x_t).

    Returns
    -------
    beta : ndarray of shape (n_steps, n_states)
    """
    n_steps, n_states = len(symbols), len(transition)
    beta = np.ones((n_steps, n_states))
    for t in range(n_steps - 2, -1, -1):
        beta[t] = transition @ (emission[:, symbols[t + 1]] * beta[t + 1]) / scale[t + 1]
    return beta


def viterbi(start_prob, transition, emission, symbols):
    """Most probable state path argmax_z P(z, x), by dynamic programming in log space.

    Returns
    -------
    log_prob : float
        log P(z*, x) of the best path.
    path : ndarray of int of shape (n_steps,)
    """
    with np.errstate(divide="ignore"):                       # log(0) = -inf: an impossible move
        log_start, log_A, log_B = np.log(start_prob), np.log(transition), np.log(emission)
    n_steps, n_states = len(symbols), len(start_prob)
    delta = log_start + log_B[:, symbols[0]]                 # best log P of a path ending in each state
    came_from = np.zeros((n_steps, n_states), dtype=int)
    for t in range(1, n_steps):
        candidates = delta[:, None] + log_A                  # (from state i, to state j)
        came_from[t] = np.argmax(candidates, axis=0)
        delta = candidates[came_from[t], np.arange(n_states)] + log_B[:, symbols[t]]
    path = np.empty(n_steps, dtype=int)
    path[-1] = np.argmax(delta)
    for t in range(n_steps - 1, 0, -1):                      # follow the back-pointers
        path[t - 1] = came_from[t, path[t]]
    return float(delta[path[-1]]), path


class HiddenMarkovModel(BaseEstimator):
    """Hidden Markov model with discrete (categorical) emissions, fitted by Baum-Welch.

    A hidden state z_t follows a Markov chain and emits a symbol x_t:

        z_0 ~ pi,   z_{t+1} | z_t = i ~ A[i],   x_t | z_t = i ~ B[i].

    Parameters
    ----------
    n_states : int, default=2
        Number of hidden states.
    max_iter : int, default=100
        Maximum number of Baum-Welch (EM) iterations. 0 keeps the given
        ``start_prob``, ``transition`` and ``emission`` as they are (a model
        whose parameters are known, used for decoding only).
    tol : float, default=1e-4
        Stop when an iteration raises the log-likelihood by less than this.
    start_prob, transition, emission : array-like, optional
        Initial pi (n_states,), A (n_states, n_states) and B (n_states,
        n_symbols); rows must sum to 1. By default drawn from a flat Dirichlet.
    random_state : None, int or numpy.random.Generator, default=None
        Draws the default initial parameters.

    Attributes
    ----------
    start_prob_ : ndarray of shape (n_states,)
    transition_ : ndarray of shape (n_states, n_states)
    emission_ : ndarray of shape (n_states, n_symbols)
    n_symbols_ : int
    log_likelihoods_ : list of float
        log P(X) after each EM iteration (never decreases).
    n_iter_ : int

    Notes
    -----
    **Forward-backward with scaling** (Rabiner 1989, section V.A). The forward
    variable is kept normalised, alpha_t(i) = P(z_t = i | x_0..x_t):

        alpha_0 = pi * B[:, x_0] / c_0
        alpha_t = (alpha_{t-1} A) * B[:, x_t] / c_t,     c_t = P(x_t | x_0..x_{t-1})

    so log P(x) = sum_t log c_t never underflows, however long the sequence. The
    backward variable is scaled by the same c_t:
    beta_t = A (B[:, x_{t+1}] * beta_{t+1}) / c_{t+1}, beta_{T-1} = 1. Then

        gamma_t(i)   = P(z_t = i | x) = alpha_t(i) beta_t(i)
        xi_t(i, j)   = P(z_t = i, z_{t+1} = j | x)
                     = alpha_t(i) A_ij B_j(x_{t+1}) beta_{t+1}(j) / c_{t+1}.

    **Baum-Welch** is EM: the E-step computes gamma and xi, the M-step sets

        pi = gamma_0,   A_ij = sum_t xi_t(i, j) / sum_t gamma_t(i),
        B_ik = sum_{t: x_t = k} gamma_t(i) / sum_t gamma_t(i),

    (sums over every sequence), and log P(x) never decreases.

    **Viterbi** finds argmax_z P(z, x) with delta_t(j) = max_i [delta_{t-1}(i)
    + log A_ij] + log B_j(x_t) and back-pointers, in log space.

    References
    ----------
    L. R. Rabiner, "A tutorial on hidden Markov models and selected applications in
    speech recognition", Proceedings of the IEEE 77(2), 1989. R. Durbin, S. Eddy,
    A. Krogh, G. Mitchison, *Biological Sequence Analysis*, 1998 (the occasionally
    dishonest casino, chapter 3).

    Examples
    --------
    >>> fair_or_loaded = HiddenMarkovModel(
    ...     n_states=2, max_iter=0, start_prob=[0.5, 0.5], transition=[[0.95, 0.05], [0.1, 0.9]],
    ...     emission=[[1 / 6] * 6, [0.1] * 5 + [0.5]]).fit([0, 5, 5, 5, 5, 2])
    >>> fair_or_loaded.predict([0, 1, 2, 3, 4, 0, 1, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5]).tolist()   # 5 is a six
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """

    def __init__(self, n_states=2, max_iter=100, tol=1e-4, start_prob=None, transition=None, emission=None,
                 random_state=None):
        self.n_states = n_states
        self.max_iter = max_iter
        self.tol = tol
        self.start_prob = start_prob
        self.transition = transition
        self.emission = emission
        self.random_state = random_state

    # ------------------------------------------------------------------ fit

    def fit(self, X, lengths=None):
        """Learn pi, A and B from one or more symbol sequences by Baum-Welch.

        Parameters
        ----------
        X : array-like of int of shape (n_steps,) or (n_steps, 1)
            Symbols 0..n_symbols-1, the sequences one after the other.
        lengths : array-like of int, optional
            Length of each sequence in X (default: one sequence).

        Returns
        -------
        self : HiddenMarkovModel
        """
        check_positive(self.n_states, "n_states", self, integer=True)
        check_scalar(self.max_iter, "max_iter", self, integer=True, low=0)
        check_positive(self.tol, "tol", self, strict=False)
        rng = check_random_state(self.random_state, estimator=self)
        sequences = self._split(X, lengths)
        n_symbols = max(int(s.max()) for s in sequences) + 1
        if self.emission is not None:
            n_symbols = max(n_symbols, np.shape(self.emission)[1])
        pi, A, B = self._initial_parameters(n_symbols, rng)

        log_likelihoods = []
        for n_iter in range(1, self.max_iter + 1):
            # E-step: expected state occupancies and transitions under the current parameters
            start, transitions, emissions, log_likelihood = self._expected_counts(sequences, pi, A, B)
            log_likelihoods.append(log_likelihood)
            # M-step: re-estimate by normalising the expected counts
            pi = start / start.sum()
            A = transitions / transitions.sum(axis=1, keepdims=True)
            B = emissions / emissions.sum(axis=1, keepdims=True)
            if n_iter > 1 and log_likelihoods[-1] - log_likelihoods[-2] < self.tol:
                break
        else:
            if self.max_iter > 0:
                warnings.warn(f"HiddenMarkovModel: Baum-Welch did not converge in max_iter={self.max_iter} "
                              f"iterations; raise max_iter or tol", ConvergenceWarning, stacklevel=2)

        self.start_prob_, self.transition_, self.emission_ = pi, A, B
        self.n_symbols_ = n_symbols
        self.log_likelihoods_ = log_likelihoods
        self.n_iter_ = len(log_likelihoods)
        return self

    def _expected_counts(self, sequences, pi, A, B):
        """E-step over every sequence: sum of gamma_0, of xi, of gamma per symbol, and log P(X)."""
        start = np.zeros(len(pi))
        transitions = np.zeros_like(A)
        emissions = np.zeros_like(B)
        log_likelihood = 0.0
        for x in sequences:
            alpha, scale = forward(pi, A, B, x)
            beta = backward(A, B, x, scale)
            gamma = alpha * beta                                              # (n_steps, n_states)
            # xi summed over t: alpha_t(i) A_ij B_j(x_{t+1}) beta_{t+1}(j) / c_{t+1}
            weighted_next = B[:, x[1:]].T * beta[1:] / scale[1:, None]       # (n_steps - 1, n_states)
            transitions += A * (alpha[:-1].T @ weighted_next)
            start += gamma[0]
            np.add.at(emissions.T, x, gamma)                                  # gamma_t added to column x_t
            log_likelihood += np.sum(np.log(scale))
        # a state or symbol never expected stays usable: a tiny floor instead of 0 / 0
        return start + 1e-300, transitions + 1e-300, emissions + 1e-300, float(log_likelihood)

    def _initial_parameters(self, n_symbols, rng):
        """The given pi, A and B (validated), or draws from a flat Dirichlet."""
        n = self.n_states
        given = {"start_prob": (self.start_prob, (n,)), "transition": (self.transition, (n, n)),
                 "emission": (self.emission, (n, n_symbols))}
        drawn = {"start_prob": rng.dirichlet(np.ones(n)), "transition": rng.dirichlet(np.ones(n), size=n),
                 "emission": rng.dirichlet(np.ones(n_symbols), size=n)}
        out = []
        for name, (value, shape) in given.items():
            if value is None:
                if self.max_iter == 0:
                    raise ValueError(f"HiddenMarkovModel: max_iter=0 keeps the given parameters, but {name} is None")
                out.append(drawn[name])
                continue
            value = np.asarray(value, dtype=float)
            if value.shape != shape:
                raise ValueError(f"HiddenMarkovModel: {name} must have shape {shape}, got {value.shape}")
            if not np.all(np.isfinite(value)) or np.any(value < 0) or not np.allclose(value.sum(axis=-1), 1.0):
                raise ValueError(f"HiddenMarkovModel: {name} must hold probabilities whose rows sum to 1")
            out.append(value)
        return out

    # ------------------------------------------------------------------ input

    def _split(self, X, lengths):
        """X as a list of 1-D int sequences, validated."""
        X = np.asarray(X)
        if X.ndim == 2 and X.shape[1] == 1:
            X = X[:, 0]
        if X.ndim != 1 or len(X) == 0:
            raise ValueError(f"HiddenMarkovModel expects a non-empty 1-D sequence of symbols, got shape {X.shape}")
        whole_floats = X.dtype.kind == "f" and np.all(np.isfinite(X)) and np.all(X == np.round(X))
        if X.dtype.kind not in "iu" and not whole_floats:
            raise ValueError("HiddenMarkovModel expects integer symbols 0..n_symbols-1")
        X = X.astype(int)
        if X.min() < 0:
            raise ValueError("HiddenMarkovModel expects non-negative symbols 0..n_symbols-1")
        if hasattr(self, "n_symbols_") and X.max() >= self.n_symbols_:
            raise ValueError(f"symbol {X.max()} was never seen in fit (n_symbols_={self.n_symbols_})")
        if lengths is None:
            return [X]
        lengths = np.asarray(lengths)
        if lengths.ndim != 1 or np.any(lengths < 1) or lengths.sum() != len(X):
            raise ValueError(f"lengths must be positive and sum to len(X)={len(X)}, got {lengths.tolist()}")
        return np.split(X, np.cumsum(lengths)[:-1])

    # ------------------------------------------------------------------ inference

    def score(self, X, lengths=None):
        """Log-likelihood log P(X) of the sequences (summed), by the forward pass."""
        check_is_fitted(self, "emission_")
        return float(sum(np.sum(np.log(forward(self.start_prob_, self.transition_, self.emission_, x)[1]))
                         for x in self._split(X, lengths)))

    def predict_proba(self, X, lengths=None):
        """Posterior state probabilities gamma_t(i) = P(z_t = i | x), shape (n_steps, n_states)."""
        check_is_fitted(self, "emission_")
        posteriors = []
        for x in self._split(X, lengths):
            alpha, scale = forward(self.start_prob_, self.transition_, self.emission_, x)
            posteriors.append(alpha * backward(self.transition_, self.emission_, x, scale))
        return np.concatenate(posteriors)

    def decode(self, X, lengths=None):
        """The Viterbi path and its log-probability log P(z*, X).

        Returns
        -------
        log_prob : float
        states : ndarray of int of shape (n_steps,)
        """
        check_is_fitted(self, "emission_")
        results = [viterbi(self.start_prob_, self.transition_, self.emission_, x) for x in self._split(X, lengths)]
        return float(sum(r[0] for r in results)), np.concatenate([r[1] for r in results])

    def predict(self, X, lengths=None):
        """Most probable state path (Viterbi), shape (n_steps,)."""
        return self.decode(X, lengths)[1]

    def sample(self, n_steps, random_state=None):
        """Draw a sequence from the model.

        Returns
        -------
        symbols : ndarray of int of shape (n_steps,)
        states : ndarray of int of shape (n_steps,)
        """
        check_is_fitted(self, "emission_")
        check_positive(n_steps, "n_steps", self, integer=True)
        rng = check_random_state(random_state, estimator=self)
        states = np.empty(n_steps, dtype=int)
        states[0] = rng.choice(self.n_states, p=self.start_prob_)
        for t in range(1, n_steps):
            states[t] = rng.choice(self.n_states, p=self.transition_[states[t - 1]])
        symbols = np.array([rng.choice(self.n_symbols_, p=self.emission_[z]) for z in states])
        return symbols, states
