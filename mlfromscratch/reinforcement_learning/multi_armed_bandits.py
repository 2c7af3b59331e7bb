"""Multi-armed bandits: epsilon-greedy, UCB1 and Thompson sampling on Bernoulli arms.

A bandit has K arms; pulling arm k pays 1 with probability p_k and 0 otherwise,
and the p_k are unknown. An agent pulls one arm per step and must trade
exploration (learning which arm is best) against exploitation (pulling the
arm that looks best). Each agent below is two small steps, ``_select_arm`` and
``_update``, called by one shared loop, ``BanditAgent.train``.

How well an agent trades the two off is measured by its (pseudo-)regret after
T steps, the expected reward lost to not always pulling the best arm:

    R_T = sum_{t=1}^{T} (p* - p_{a_t}) = sum_k Delta_k N_k(T),

with p* = max_k p_k, Delta_k = p* - p_k the gap of arm k and N_k(T) the number
of times arm k was pulled. No agent can do better than logarithmic regret:
for any consistent agent R_T >= sum_{k: Delta_k > 0} Delta_k / KL(p_k, p*) ln T
asymptotically (Lai and Robbins, 1985).
"""

import math

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import check_array, check_random_state, check_scalar


def _argmax_random_tie(values, rng):
    """Index of the largest value, ties broken uniformly at random (so no arm is favoured)."""
    best = (values == values.max()).nonzero()[0]  # array methods: cheaper than np.flatnonzero in a loop
    return int(best[0]) if len(best) == 1 else int(rng.choice(best))


class BanditAgent(BaseEstimator):
    """The loop shared by the bandit agents: select an arm, pull it, update the estimates.

    Subclasses define ``_select_arm(t, rng)`` (the policy) and may extend
    ``_update(arm, reward)`` (the learning); ``train`` plays them against
    Bernoulli arms.
    """

    def train(self, arms, n_steps=1000):
        """Play ``n_steps`` rounds against Bernoulli arms with success probabilities ``arms`` (starts fresh).

        Parameters
        ----------
        arms : array-like of shape (n_arms,)
            p_k, the probability that arm k pays 1 (it pays 0 otherwise), each in [0, 1].
            The agent never sees them; they give the rewards and the regret.
        n_steps : int, default=1000
            Number of pulls T.

        Returns
        -------
        self : the agent, with ``counts_``, ``values_``, ``actions_``,
        ``rewards_`` and ``regret_`` set.
        """
        check_scalar(n_steps, "n_steps", self, integer=True, low=1)
        self._check_params()
        probabilities = check_array(arms, ensure_2d=False, name="arms", estimator=self)
        if probabilities.ndim != 1 or np.any(probabilities < 0) or np.any(probabilities > 1):
            raise ValueError(
                f"{type(self).__name__}: arms must be a 1-D list of probabilities in [0, 1], got {arms!r}"
            )
        rng = check_random_state(self.random_state, estimator=self)
        n_arms = len(probabilities)
        self.probabilities_ = probabilities
        self.counts_ = np.zeros(n_arms, dtype=int)  # N_k, pulls of each arm
        self.values_ = np.zeros(n_arms)  # Q_k, mean reward of each arm so far
        self._start(n_arms)
        self.actions_ = np.zeros(n_steps, dtype=int)
        self.rewards_ = np.zeros(n_steps)

        for t in range(n_steps):
            arm = self._select_arm(t, rng)  # the policy
            reward = float(rng.random() < probabilities[arm])  # a Bernoulli(p_arm) draw
            self._update(arm, reward)  # the learning
            self.actions_[t], self.rewards_[t] = arm, reward

        # pseudo-regret R_t = sum_{s <= t} (p* - p_{a_s}), shape (n_steps,)
        self.regret_ = np.cumsum(probabilities.max() - probabilities[self.actions_])
        return self

    def _check_params(self):
        """Check the agent's own hyperparameters (none by default)."""

    def _start(self, n_arms):
        """Set up the agent's own state (nothing by default)."""

    def _update(self, arm, reward):
        """Incremental sample mean: Q_k <- Q_k + (r - Q_k) / N_k."""
        self.counts_[arm] += 1
        self.values_[arm] += (reward - self.values_[arm]) / self.counts_[arm]


class EpsilonGreedy(BanditAgent):
    """Epsilon-greedy bandit agent: the best-looking arm, or with probability epsilon a random one.

    Parameters
    ----------
    epsilon : float, default=0.1
        Probability of a random arm at each step, in [0, 1]. 0 is the purely
        greedy agent, 1 the purely random one.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the exploration, the tie-breaking and the arms' rewards.

    Attributes
    ----------
    probabilities_ : ndarray of shape (n_arms,)
        The arms' success probabilities p_k (as given to ``train``).
    counts_ : ndarray of int of shape (n_arms,)
        N_k, times each arm was pulled.
    values_ : ndarray of shape (n_arms,)
        Q_k, the mean reward of each arm so far (0 for an arm never pulled).
    actions_ : ndarray of int of shape (n_steps,)
        Arm pulled at each step.
    rewards_ : ndarray of shape (n_steps,)
        Reward (0 or 1) received at each step.
    regret_ : ndarray of shape (n_steps,)
        Cumulative pseudo-regret R_t = sum_{s <= t} (p* - p_{a_s}).

    Notes
    -----
    At step t the agent pulls

        a_t = argmax_k Q_k          with probability 1 - epsilon (ties at random),
        a_t = uniform over the arms with probability epsilon,

    and updates the estimate of the arm it pulled with the incremental mean

        N_k <- N_k + 1,    Q_k <- Q_k + (r_t - Q_k) / N_k,

    which equals the sample mean of arm k's rewards without storing them
    (Sutton and Barto, 2018, eq. 2.3).

    With a constant epsilon every arm keeps being pulled at a rate of at least
    epsilon / K, so the regret grows linearly: once the estimates have settled,
    R_T grows by about (epsilon / K) sum_k Delta_k per step. With epsilon = 0
    the agent can lock onto a bad arm forever (its first lucky one).

    References
    ----------
    Sutton, R. S. and Barto, A. G. (2018). Reinforcement Learning: An
    Introduction, 2nd ed., ch. 2.2-2.4. MIT Press.

    Examples
    --------
    >>> agent = EpsilonGreedy(epsilon=0.1, random_state=0).train([0.2, 0.5, 0.8], n_steps=2000)
    >>> int(np.argmax(agent.counts_))
    2
    """

    def __init__(self, epsilon=0.1, random_state=None):
        self.epsilon = epsilon
        self.random_state = random_state

    def _check_params(self):
        check_scalar(self.epsilon, "epsilon", self, low=0, high=1)

    def _select_arm(self, t, rng):
        if rng.random() < self.epsilon:
            return int(rng.integers(len(self.values_)))  # explore
        return _argmax_random_tie(self.values_, rng)  # exploit


class UCB1(BanditAgent):
    """UCB1 bandit agent: the arm with the highest upper confidence bound on its mean reward.

    Parameters
    ----------
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the tie-breaking and the arms' rewards (the policy itself is deterministic).

    Attributes
    ----------
    probabilities_ : ndarray of shape (n_arms,)
        The arms' success probabilities p_k (as given to ``train``).
    counts_ : ndarray of int of shape (n_arms,)
        N_k, times each arm was pulled.
    values_ : ndarray of shape (n_arms,)
        Q_k, the mean reward of each arm so far.
    actions_ : ndarray of int of shape (n_steps,)
        Arm pulled at each step.
    rewards_ : ndarray of shape (n_steps,)
        Reward (0 or 1) received at each step.
    regret_ : ndarray of shape (n_steps,)
        Cumulative pseudo-regret R_t = sum_{s <= t} (p* - p_{a_s}).

    Notes
    -----
    Optimism in the face of uncertainty (Auer, Cesa-Bianchi and Fischer, 2002).
    Each arm is pulled once; then, with n = t the number of pulls so far,

        a_t = argmax_k  Q_k + sqrt(2 ln n / N_k).

    The bonus sqrt(2 ln n / N_k) is a Hoeffding confidence radius: the true
    mean p_k lies below Q_k + sqrt(2 ln n / N_k) with probability at least
    1 - n^-4. An arm that is rarely pulled has a large bonus and gets tried
    again, but ever more rarely, since the bonus grows only like sqrt(ln n).
    Theorem 1 of Auer et al. bounds the expected regret by

        E[R_T] <= 8 sum_{k: Delta_k > 0} ln T / Delta_k + (1 + pi^2 / 3) sum_k Delta_k,

    logarithmic in T, like the Lai-Robbins lower bound (up to a constant).
    The estimates are the incremental means of ``EpsilonGreedy``.

    References
    ----------
    Auer, P., Cesa-Bianchi, N. and Fischer, P. (2002). Finite-time analysis of
    the multiarmed bandit problem. Machine Learning, 47, 235-256.
    Lai, T. L. and Robbins, H. (1985). Asymptotically efficient adaptive
    allocation rules. Advances in Applied Mathematics, 6, 4-22.

    Examples
    --------
    >>> agent = UCB1(random_state=0).train([0.2, 0.5, 0.8], n_steps=2000)
    >>> agent.actions_[:3].tolist(), int(np.argmax(agent.counts_))
    ([0, 1, 2], 2)
    """

    def __init__(self, random_state=None):
        self.random_state = random_state

    def _select_arm(self, t, rng):
        if self.counts_.min() == 0:
            return int(self.counts_.argmin())  # pull every arm once, in order
        upper_bounds = self.values_ + np.sqrt(2.0 * math.log(t) / self.counts_)  # (n_arms,)
        return _argmax_random_tie(upper_bounds, rng)


class ThompsonSampling(BanditAgent):
    """Thompson sampling with Beta posteriors: pull the arm whose sampled success probability is highest.

    Parameters
    ----------
    prior_alpha : float, default=1.0
        alpha_0 > 0 of the Beta(alpha_0, beta_0) prior on every p_k.
    prior_beta : float, default=1.0
        beta_0 > 0. The default Beta(1, 1) is the uniform prior.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the posterior samples and the arms' rewards.

    Attributes
    ----------
    alpha_ : ndarray of shape (n_arms,)
        Posterior alpha_k = alpha_0 + S_k, S_k the number of rewards 1 from arm k.
    beta_ : ndarray of shape (n_arms,)
        Posterior beta_k = beta_0 + F_k, F_k the number of rewards 0 from arm k.
    probabilities_ : ndarray of shape (n_arms,)
        The arms' success probabilities p_k (as given to ``train``).
    counts_ : ndarray of int of shape (n_arms,)
        N_k = S_k + F_k, times each arm was pulled.
    values_ : ndarray of shape (n_arms,)
        Q_k = S_k / N_k, the mean reward of each arm so far.
    actions_ : ndarray of int of shape (n_steps,)
        Arm pulled at each step.
    rewards_ : ndarray of shape (n_steps,)
        Reward (0 or 1) received at each step.
    regret_ : ndarray of shape (n_steps,)
        Cumulative pseudo-regret R_t = sum_{s <= t} (p* - p_{a_s}).

    Notes
    -----
    Probability matching (Thompson, 1933): pull each arm with the posterior
    probability that it is the best. With a Beta(alpha_0, beta_0) prior on
    p_k, the Beta distribution is conjugate to the Bernoulli likelihood, so
    after S_k successes and F_k failures the posterior of p_k is

        p_k | data ~ Beta(alpha_0 + S_k, beta_0 + F_k),

    and one reward r updates it by alpha_k <- alpha_k + r, beta_k <- beta_k + 1 - r.
    At each step the agent draws theta_k ~ Beta(alpha_k, beta_k) for every arm
    and pulls a_t = argmax_k theta_k. An arm whose posterior is wide (little
    data) sometimes draws a high theta_k and gets explored; a clearly worse arm
    almost never does. Its expected regret is logarithmic in T and matches
    the Lai-Robbins lower bound asymptotically (Agrawal and Goyal, 2012;
    Kaufmann, Korda and Munos, 2012).

    References
    ----------
    Thompson, W. R. (1933). On the likelihood that one unknown probability
    exceeds another in view of the evidence of two samples. Biometrika, 25,
    285-294.
    Agrawal, S. and Goyal, N. (2012). Analysis of Thompson sampling for the
    multi-armed bandit problem. COLT.
    Russo, D. et al. (2018). A tutorial on Thompson sampling. Foundations and
    Trends in Machine Learning, 11(1), 1-96.

    Examples
    --------
    >>> agent = ThompsonSampling(random_state=0).train([0.2, 0.5, 0.8], n_steps=2000)
    >>> int(np.argmax(agent.counts_)), bool(np.all(agent.alpha_ + agent.beta_ == 2 + agent.counts_))
    (2, True)
    """

    def __init__(self, prior_alpha=1.0, prior_beta=1.0, random_state=None):
        self.prior_alpha = prior_alpha
        self.prior_beta = prior_beta
        self.random_state = random_state

    def _check_params(self):
        check_scalar(self.prior_alpha, "prior_alpha", self, low=0, include_low=False)
        check_scalar(self.prior_beta, "prior_beta", self, low=0, include_low=False)

    def _start(self, n_arms):
        self.alpha_ = np.full(n_arms, float(self.prior_alpha))
        self.beta_ = np.full(n_arms, float(self.prior_beta))

    def _select_arm(self, t, rng):
        theta = rng.beta(self.alpha_, self.beta_)  # one draw from each posterior, (n_arms,)
        return _argmax_random_tie(theta, rng)

    def _update(self, arm, reward):
        super()._update(arm, reward)
        self.alpha_[arm] += reward  # conjugate update of Beta(alpha_k, beta_k)
        self.beta_[arm] += 1.0 - reward
