"""Tabular temporal-difference control: Q-learning and SARSA on small discrete environments.

With few enough states (gymnasium's toy-text FrozenLake-v1, CliffWalking-v1,
Taxi), Q(s, a) is a table of shape (n_states, n_actions) and each step of
experience updates one entry. The two agents differ in one term of that update:

    Q-learning (off-policy):  target = r + gamma max_a' Q(s', a')
    SARSA (on-policy):        target = r + gamma Q(s', a'),  a' the action actually taken next

and ``q_learning_update`` / ``sarsa_update`` below are those two lines. The
episode loops (``QLearning._episode``, ``SARSA._episode``) call them; the rest
(checks, the environment, ``play``) is shared by ``TabularAgent``.
gymnasium is imported only when an environment is given by its id.
"""

import numpy as np

from mlfromscratch.reinforcement_learning.environments import make_env
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    _is_int,
    check_is_fitted,
    check_random_state,
    check_scalar,
)


def q_learning_update(q_table, state, action, reward, next_state, terminated, learning_rate, gamma):
    """Q-learning: Q(s, a) <- Q(s, a) + alpha [r + gamma (1 - terminated) max_a' Q(s', a') - Q(s, a)], in place.

    Parameters
    ----------
    q_table : ndarray of shape (n_states, n_actions)
        Updated in place at ``(state, action)``.
    state, action : int
        The state s and the action a taken in it.
    reward : float
        r received after a.
    next_state : int
        s' reached.
    terminated : bool
        s' is terminal (its value is 0, nothing to bootstrap from).
    learning_rate : float
        Step size alpha.
    gamma : float
        Discount factor.

    Returns
    -------
    td_error : float
        delta = target - Q(s, a), before the update.

    Examples
    --------
    >>> Q = np.array([[0.0, 0.0], [1.0, 3.0]])
    >>> q_learning_update(Q, 0, 1, reward=1.0, next_state=1, terminated=False, learning_rate=0.5, gamma=0.9)
    3.7
    >>> Q[0].tolist()  # 0 + 0.5 * (1 + 0.9 * 3 - 0)
    [0.0, 1.85]
    """
    target = reward + gamma * (1.0 - terminated) * q_table[next_state].max()
    td_error = target - q_table[state, action]
    q_table[state, action] += learning_rate * td_error
    return float(td_error)


def sarsa_update(q_table, state, action, reward, next_state, next_action, terminated, learning_rate, gamma):
    """SARSA: Q(s, a) <- Q(s, a) + alpha [r + gamma (1 - terminated) Q(s', a') - Q(s, a)], in place.

    Parameters
    ----------
    q_table : ndarray of shape (n_states, n_actions)
        Updated in place at ``(state, action)``.
    state, action : int
        The state s and the action a taken in it.
    reward : float
        r received after a.
    next_state : int
        s' reached.
    next_action : int
        a', the action the agent takes next in s' (chosen by the same
        epsilon-greedy policy), which makes SARSA on-policy.
    terminated : bool
        s' is terminal.
    learning_rate : float
        Step size alpha.
    gamma : float
        Discount factor.

    Returns
    -------
    td_error : float
        delta = target - Q(s, a), before the update.

    Examples
    --------
    >>> Q = np.array([[0.0, 0.0], [1.0, 3.0]])
    >>> sarsa_update(Q, 0, 1, reward=1.0, next_state=1, next_action=0, terminated=False,
    ...              learning_rate=0.5, gamma=0.9)  # Q(s', a') = 1, not max = 3
    1.9
    >>> Q[0].tolist()
    [0.0, 0.95]
    """
    target = reward + gamma * (1.0 - terminated) * q_table[next_state, next_action]
    td_error = target - q_table[state, action]
    q_table[state, action] += learning_rate * td_error
    return float(td_error)


class TabularAgent(BaseEstimator):
    """What Q-learning and SARSA share: the Q-table, epsilon-greedy actions, the episode loop, ``play``.

    Subclasses define ``_episode(state, rng, max_steps)``, one episode of
    learning. See ``QLearning`` and ``SARSA`` for the parameters.
    """

    def __init__(self, env="FrozenLake-v1", learning_rate=0.1, gamma=0.99, epsilon=0.1, random_state=None,
                 verbose=False):
        self.env = env
        self.learning_rate = learning_rate
        self.gamma = gamma
        self.epsilon = epsilon
        self.random_state = random_state
        self.verbose = verbose

    def train(self, n_episodes, max_steps=1000):
        """Learn Q from ``n_episodes`` episodes of epsilon-greedy interaction (starts fresh).

        Parameters
        ----------
        n_episodes : int
        max_steps : int, default=1000
            Cut an episode after this many steps (CliffWalking has no time limit
            of its own).

        Returns
        -------
        history : dict of lists
            ``history_``: per episode ``"reward"`` (total) and ``"length"`` (steps).
        """
        check_scalar(n_episodes, "n_episodes", self, integer=True, low=1)
        check_scalar(max_steps, "max_steps", self, integer=True, low=1)
        check_scalar(self.learning_rate, "learning_rate", self, low=0, high=1, include_low=False)
        check_scalar(self.gamma, "gamma", self, low=0, high=1)
        check_scalar(self.epsilon, "epsilon", self, low=0, high=1)
        rng = check_random_state(self.random_state, estimator=self)
        self.env_ = make_env(self.env, self)
        if self.env_.n_states is None:
            raise ValueError(
                f"{type(self).__name__} needs a discrete observation space (env.observation_space.n), "
                f"got {self.env_.observation_space!r}; use DeepQNetwork for array observations"
            )
        self.n_states_, self.n_actions_ = self.env_.n_states, self.env_.n_actions
        self.q_table_ = np.zeros((self.n_states_, self.n_actions_))  # Q(s, a), 0 for terminal states
        if hasattr(self.env_.action_space, "seed"):
            self.env_.action_space.seed(int(rng.integers(2**31 - 1)))
        reset_seed = int(rng.integers(2**31 - 1))  # seeds the environment's generator once
        self.history_ = {"reward": [], "length": []}

        for episode in range(1, n_episodes + 1):
            state, _ = self.env_.reset(seed=reset_seed if episode == 1 else None)
            total_reward, length = self._episode(state, rng, max_steps)
            self.history_["reward"].append(total_reward)
            self.history_["length"].append(length)
            if self.verbose:
                print(f"[Episode {episode}/{n_episodes}] reward: {total_reward:.1f}, steps: {length}")
        return self.history_

    def _epsilon_greedy(self, state, rng):
        """A random action with probability epsilon, else argmax_a Q(s, a) with ties broken at random."""
        if rng.random() < self.epsilon:
            return int(rng.integers(self.n_actions_))
        q = self.q_table_[state]
        best = (q == q.max()).nonzero()[0]  # early on most entries are 0: do not favour action 0
        return int(best[0]) if len(best) == 1 else int(rng.choice(best))

    def predict(self, states):
        """Greedy actions argmax_a Q(s, a) (the first on ties) for an array of states.

        Parameters
        ----------
        states : array-like of int of shape (n_states_asked,)

        Returns
        -------
        actions : ndarray of int of shape (n_states_asked,)
        """
        check_is_fitted(self, "q_table_")
        states = np.asarray(states)
        if states.ndim != 1 or not all(_is_int(s) and 0 <= s < self.n_states_ for s in states.tolist()):
            raise ValueError(
                f"{type(self).__name__}.predict expects a 1-D array of states, ints in [0, {self.n_states_}), "
                f"got {states!r}"
            )
        return np.argmax(self.q_table_[states], axis=1)

    def play(self, n_episodes=1, max_steps=1000, render=False):
        """Run the greedy policy (no exploration, no learning).

        Parameters
        ----------
        n_episodes : int, default=1
        max_steps : int, default=1000
            Cut an episode after this many steps (a greedy policy can walk in circles).
        render : bool, default=False
            Call ``env.render()`` after every step.

        Returns
        -------
        rewards : ndarray of shape (n_episodes,)
            Total reward of each episode.
        """
        check_is_fitted(self, "q_table_")
        check_scalar(n_episodes, "n_episodes", self, integer=True, low=1)
        check_scalar(max_steps, "max_steps", self, integer=True, low=1)
        rewards = np.zeros(n_episodes)
        for episode in range(n_episodes):
            state, _ = self.env_.reset()
            for _ in range(max_steps):
                state, reward, terminated, truncated, _ = self.env_.step(int(self.q_table_[state].argmax()))
                if render:
                    self.env_.render()
                rewards[episode] += reward
                if terminated or truncated:
                    break
        return rewards


class QLearning(TabularAgent):
    """Tabular Q-learning: off-policy TD control with an epsilon-greedy behaviour policy.

    Parameters
    ----------
    env : str or environment, default="FrozenLake-v1"
        A gymnasium id (made with ``gymnasium.make``) or an environment object
        with discrete observation and action spaces (``observation_space.n``,
        ``action_space.n``), e.g. ``gymnasium.make("FrozenLake-v1",
        is_slippery=False)`` or ``"CliffWalking-v1"``.
    learning_rate : float, default=0.1
        Step size alpha, in (0, 1].
    gamma : float, default=0.99
        Discount factor, in [0, 1].
    epsilon : float, default=0.1
        Probability of a random action while training, in [0, 1].
    random_state : None, int or numpy.random.Generator, default=None
        Seeds exploration, tie-breaking and the environment (``reset(seed=...)``
        on the first episode, ``action_space.seed``).
    verbose : bool, default=False
        Print one line per episode.

    Attributes
    ----------
    q_table_ : ndarray of shape (n_states, n_actions)
        Q(s, a); terminal states keep 0.
    env_ : environments.Environment
        The environment (gymnasium API, checked outputs).
    n_states_ : int
        Number of states.
    n_actions_ : int
        Number of actions.
    history_ : dict of lists
        Per training episode: ``"reward"`` (total) and ``"length"`` (steps).

    Notes
    -----
    Watkins' Q-learning (Sutton and Barto, 2018, section 6.5). In every step
    of an episode the agent

    1. chooses a from s epsilon-greedily with respect to Q,
    2. takes it and observes r and s',
    3. updates Q(s, a) <- Q(s, a) + alpha [r + gamma max_a' Q(s', a') - Q(s, a)]
       (``q_learning_update``; no bootstrap when s' is terminal),
    4. moves on to s <- s'.

    The target uses the greedy value max_a' Q(s', a') whatever the agent does
    next, so Q approaches Q* of the optimal policy while the agent explores:
    with every (s, a) visited infinitely often and suitably decaying step
    sizes it converges to Q* with probability 1 (Watkins and Dayan, 1992).
    The price, on CliffWalking: its greedy path runs along the cliff edge, and
    while it still explores it falls off more often than SARSA.

    References
    ----------
    Watkins, C. J. C. H. and Dayan, P. (1992). Q-learning. Machine Learning, 8,
    279-292.
    Sutton, R. S. and Barto, A. G. (2018). Reinforcement Learning: An
    Introduction, 2nd ed., section 6.5 and example 6.6 (cliff walking). MIT Press.

    Examples
    --------
    >>> import gymnasium
    >>> env = gymnasium.make("FrozenLake-v1", is_slippery=False)
    >>> agent = QLearning(env, learning_rate=0.5, random_state=0)
    >>> _ = agent.train(n_episodes=300)
    >>> agent.play(n_episodes=1).tolist()
    [1.0]
    """

    def _episode(self, state, rng, max_steps):
        """One episode of Q-learning from ``state``; returns (total reward, steps)."""
        total_reward = 0.0
        for t in range(1, max_steps + 1):
            action = self._epsilon_greedy(state, rng)
            next_state, reward, terminated, truncated, _ = self.env_.step(action)
            q_learning_update(self.q_table_, state, action, reward, next_state, terminated,
                              self.learning_rate, self.gamma)
            total_reward += reward
            state = next_state
            if terminated or truncated:
                break
        return total_reward, t


class SARSA(TabularAgent):
    """Tabular SARSA: on-policy TD control, learning the value of the epsilon-greedy policy it follows.

    Parameters
    ----------
    env : str or environment, default="FrozenLake-v1"
        A gymnasium id (made with ``gymnasium.make``) or an environment object
        with discrete observation and action spaces (``observation_space.n``,
        ``action_space.n``), e.g. ``gymnasium.make("FrozenLake-v1",
        is_slippery=False)`` or ``"CliffWalking-v1"``.
    learning_rate : float, default=0.1
        Step size alpha, in (0, 1].
    gamma : float, default=0.99
        Discount factor, in [0, 1].
    epsilon : float, default=0.1
        Probability of a random action while training, in [0, 1].
    random_state : None, int or numpy.random.Generator, default=None
        Seeds exploration, tie-breaking and the environment (``reset(seed=...)``
        on the first episode, ``action_space.seed``).
    verbose : bool, default=False
        Print one line per episode.

    Attributes
    ----------
    q_table_ : ndarray of shape (n_states, n_actions)
        Q(s, a); terminal states keep 0.
    env_ : environments.Environment
        The environment (gymnasium API, checked outputs).
    n_states_ : int
        Number of states.
    n_actions_ : int
        Number of actions.
    history_ : dict of lists
        Per training episode: ``"reward"`` (total) and ``"length"`` (steps).

    Notes
    -----
    SARSA, named after the quintuple (s, a, r, s', a') each update uses
    (Rummery and Niranjan, 1994; Sutton and Barto, 2018, section 6.4). The
    agent chooses a from s epsilon-greedily, then in every step

    1. takes a and observes r and s',
    2. chooses a' from s' epsilon-greedily with respect to Q,
    3. updates Q(s, a) <- Q(s, a) + alpha [r + gamma Q(s', a') - Q(s, a)]
       (``sarsa_update``; no bootstrap when s' is terminal),
    4. moves on to s <- s', a <- a' (the action it used is the one it takes).

    Because a' is the exploring policy's own action, Q approaches the value of
    the epsilon-greedy policy, exploration included. On CliffWalking that
    value is low next to the cliff (a random step there costs -100), so
    SARSA's greedy path keeps a row or two away from the edge: longer than
    Q-learning's, but safer while exploring (Sutton and Barto, example 6.6).
    With epsilon decaying to 0 it converges to the optimal policy too.

    References
    ----------
    Rummery, G. A. and Niranjan, M. (1994). On-line Q-learning using
    connectionist systems. Technical Report CUED/F-INFENG/TR 166, Cambridge
    University.
    Sutton, R. S. and Barto, A. G. (2018). Reinforcement Learning: An
    Introduction, 2nd ed., section 6.4 and example 6.6 (cliff walking). MIT Press.

    Examples
    --------
    >>> import gymnasium
    >>> env = gymnasium.make("FrozenLake-v1", is_slippery=False)
    >>> agent = SARSA(env, learning_rate=0.5, random_state=0)
    >>> _ = agent.train(n_episodes=1000)
    >>> agent.play(n_episodes=1).tolist()
    [1.0]
    """

    def _episode(self, state, rng, max_steps):
        """One episode of SARSA from ``state``; returns (total reward, steps)."""
        total_reward = 0.0
        action = self._epsilon_greedy(state, rng)
        for t in range(1, max_steps + 1):
            next_state, reward, terminated, truncated, _ = self.env_.step(action)
            next_action = self._epsilon_greedy(next_state, rng)
            sarsa_update(self.q_table_, state, action, reward, next_state, next_action, terminated,
                         self.learning_rate, self.gamma)
            total_reward += reward
            state, action = next_state, next_action
            if terminated or truncated:
                break
        return total_reward, t
