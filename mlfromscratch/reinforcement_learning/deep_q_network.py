"""Deep Q-Network: Q-learning with a neural network, experience replay and a target network.

The page reads in the order of one training step: the exploration schedule
(``epsilon_schedule``), the bootstrap targets (``q_learning_targets``), the TD
loss (``td_loss``), the gradient step (``DeepQNetwork._learn``) and the episode
loop (``DeepQNetwork.train``); set-up, evaluation and the default Q-network
(``default_q_network``) follow. Environments are adapted and checked in
``environments.py``; gymnasium is imported only when an environment is given by
its id (e.g. ``"CartPole-v1"``), so importing this module never needs it.
"""

import numpy as np

from mlfromscratch.reinforcement_learning.environments import make_env
from mlfromscratch.reinforcement_learning.replay_buffer import ReplayBuffer
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_option,
    check_positive,
    check_random_state,
    check_scalar,
)


def epsilon_schedule(step, epsilon=1.0, min_epsilon=0.01, decay_rate=5e-4):
    """Exploration rate after ``step`` environment steps (exponential decay).

    Parameters
    ----------
    step : int or ndarray of int
        Number of environment steps taken so far.
    epsilon : float, default=1.0
        Rate at step 0.
    min_epsilon : float, default=0.01
        Rate approached as the step count grows.
    decay_rate : float, default=5e-4
        Decay constant per step.

    Returns
    -------
    epsilon : float or ndarray
        ``min_epsilon + (epsilon - min_epsilon) * exp(-decay_rate * step)``.

    Examples
    --------
    >>> float(epsilon_schedule(0)), round(float(epsilon_schedule(10_000)), 4)
    (1.0, 0.0167)
    """
    return min_epsilon + (epsilon - min_epsilon) * np.exp(-decay_rate * np.asarray(step, dtype=float))


def q_learning_targets(rewards, terminated, next_q_target, gamma, next_q_online=None):
    """Bootstrap targets y = r + gamma (1 - terminated) max_a' Q_target(s', a').

    Parameters
    ----------
    rewards : ndarray of shape (batch,)
    terminated : ndarray of shape (batch,)
        1 where s' is terminal. A transition cut by a time limit (truncated) is
        NOT terminal: the return goes on after s', so it bootstraps.
    next_q_target : ndarray of shape (batch, n_actions)
        Q_target(s', .) from the target network.
    gamma : float
        Discount factor.
    next_q_online : ndarray of shape (batch, n_actions), optional
        Q(s', .) from the online network. When given, the action is chosen by
        the online network and evaluated by the target network (Double DQN):
        y = r + gamma (1 - terminated) Q_target(s', argmax_a' Q(s', a')).

    Returns
    -------
    y : ndarray of shape (batch,)

    Examples
    --------
    >>> q_learning_targets(np.array([1.0, 1.0]), np.array([0.0, 1.0]),
    ...                    np.array([[2.0, 3.0], [2.0, 3.0]]), gamma=0.5).tolist()
    [2.5, 1.0]
    """
    if next_q_online is None:
        next_values = next_q_target.max(axis=1)
    else:
        best = np.argmax(next_q_online, axis=1)
        next_values = next_q_target[np.arange(len(best)), best]
    return rewards + gamma * (1.0 - terminated) * next_values


def td_loss(td_error, loss="huber"):
    """Mean loss of the TD errors delta = Q(s, a) - y and its gradient with respect to delta.

    Parameters
    ----------
    td_error : ndarray of shape (batch,)
    loss : {"huber", "squared"}, default="huber"

    Returns
    -------
    loss : float
        ``mean(l(delta))`` with l the Huber function (delta 1) or ``0.5 delta^2``.
    gradient : ndarray of shape (batch,)
        ``dloss/ddelta = l'(delta) / batch``: ``clip(delta, -1, 1) / batch`` for Huber.

    Examples
    --------
    >>> value, grad = td_loss(np.array([0.5, -3.0]))
    >>> value, grad.tolist()
    (1.3125, [0.25, -0.5])
    """
    n = len(td_error)
    abs_error = np.abs(td_error)
    if loss == "huber":
        # 0.5 d^2 inside [-1, 1], |d| - 0.5 outside: the gradient is the clipped error.
        values = np.where(abs_error <= 1.0, 0.5 * td_error**2, abs_error - 0.5)
        return float(values.mean()), np.clip(td_error, -1.0, 1.0) / n
    return float(np.mean(0.5 * td_error**2)), td_error / n


class DeepQNetwork(BaseEstimator):
    """Deep Q-Network agent for environments with a discrete action space.

    The defaults solve gymnasium's CartPole-v1: ``DeepQNetwork(random_state=7)
    .train(n_episodes=1000)`` then ``play(100)`` averages 500, the maximum.
    (benchmarks/bench_dqn.py runs several seeds with ``target_reward=500``:
    training stops at the first perfect evaluation, whose weights are also the
    ones ``keep_best`` restores after a full run.)

    Parameters
    ----------
    env : str or environment, default="CartPole-v1"
        A gymnasium id (made with ``gymnasium.make`` when training starts) or an
        environment object with the gymnasium API (``reset(seed=...) -> (obs, info)``,
        ``step(a) -> (obs, reward, terminated, truncated, info)``). Old gym
        environments (``reset() -> obs``, ``step -> (obs, reward, done, info)``) are
        adapted automatically (see ``environments.Environment``).
    model : callable or None, default=None
        ``model(n_inputs, n_outputs) -> NeuralNetwork`` building the Q-network
        from flat observations of length ``n_inputs`` to one linear output per
        action; called twice (online and target network), its initial weights
        redrawn from ``random_state``. It chooses its own optimizer. None:
        ``default_q_network`` (64-64 ReLU, Adam with ``learning_rate``).
    gamma : float, default=0.99
        Discount factor, in [0, 1].
    epsilon : float, default=1.0
        Exploration rate at the first step, in [0, 1].
    min_epsilon : float, default=0.01
        Exploration rate the schedule decays to, in [0, epsilon].
    decay_rate : float, default=5e-4
        Per-step decay constant of epsilon (see ``epsilon_schedule``); 5e-4
        brings epsilon near ``min_epsilon`` after about 10 000 steps.
    memory_size : int, default=50000
        Capacity of the replay buffer.
    batch_size : int, default=64
        Transitions per gradient step.
    target_update : int, default=500
        The target network is updated from the online network every
        ``target_update`` environment steps.
    tau : float, default=1.0
        Weight of the online network in each target update, in (0, 1]:
        theta_target <- tau theta + (1 - tau) theta_target. 1.0 is the hard copy
        of Mnih et al. (2015); a small tau with ``target_update=1`` is Polyak
        averaging (Lillicrap et al., 2016).
    learning_starts : int, default=1000
        Steps of experience collected before the first gradient step.
    learning_rate : float, default=1e-3
        Adam's step size in the default Q-network (ignored with a ``model``).
    train_freq : int, default=1
        Learn every ``train_freq`` environment steps.
    gradient_steps : int, default=1
        Gradient steps (each on a fresh minibatch) every time the agent learns.
    double_dqn : bool, default=True
        Choose the next action with the online network and evaluate it with
        the target network (van Hasselt et al., 2016). This reduces the
        overestimation of max_a' Q; on CartPole-v1 it solved 6 of 6 seeds within
        1000 episodes, against 4 of 6 without (benchmarks/bench_dqn.py).
    loss : {"huber", "squared"}, default="huber"
        Loss of the TD error on the taken action.
    keep_best : bool, default=True
        Evaluate the greedy policy every ``eval_interval`` episodes (once
        learning has started) and restore the best-evaluating weights (the
        first, among equal scores) at the end of ``train``. DQN's greedy policy
        often collapses and recovers late in training (on CartPole-v1 too);
        this keeps the best one seen.
    eval_interval : int, default=10
        Episodes between evaluations when ``keep_best`` (or a ``target_reward``).
    eval_episodes : int, default=10
        Greedy episodes per evaluation.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds everything: the network weights, exploration, replay sampling and
        the environment (``env.reset(seed=...)`` on the first reset,
        ``env.action_space.seed(...)``).
    verbose : bool, default=False
        Print one line per episode (reward, mean loss, epsilon).

    Attributes
    ----------
    q_network_ : NeuralNetwork
        The online Q-network, input ``(n_features,)``, output ``(n_actions,)``.
    target_network_ : NeuralNetwork
        Same architecture, weights copied from ``q_network_`` every ``target_update`` steps.
    memory_ : ReplayBuffer
        The experience collected by ``train``.
    env_ : environments.Environment
        The environment (with the gymnasium API and checked outputs).
    n_features_in_ : int
        Length of a (flattened) observation.
    n_actions_ : int
        Number of actions.
    n_steps_ : int
        Environment steps taken by ``train``.
    epsilon_ : float
        Exploration rate at the end of training.
    history_ : dict of lists
        Per episode: ``"reward"``, ``"loss"`` (mean over the episode's gradient
        steps, NaN before learning starts), ``"epsilon"`` (at the episode's end),
        ``"length"`` (steps); with ``keep_best`` or a ``target_reward`` also ``"eval_episode"`` and
        ``"eval_reward"`` (mean greedy reward at each evaluation).
    best_eval_reward_ : float or None
        Best mean greedy reward seen when ``keep_best`` (else None).

    Notes
    -----
    Q-learning with function approximation (Mnih et al., 2015). At each step t:

    1. schedule: act epsilon-greedily, a = argmax_a Q(s, a) with probability
       1 - epsilon_t, a random action otherwise, where
       epsilon_t = min_epsilon + (epsilon - min_epsilon) exp(-decay_rate t);
    2. store (s, a, r, s', terminated) in the replay buffer;
    3. targets: on a uniform minibatch of stored transitions,
       y_i = r_i + gamma (1 - terminated_i) max_a' Q_target(s'_i, a')
       (Double DQN: Q_target(s'_i, argmax_a' Q(s'_i, a')));
    4. loss: L = mean_i l(Q(s_i, a_i) - y_i), l Huber (gradient clipped to
       [-1, 1]) or 0.5 delta^2;
    5. learn: only the taken action's output gets a gradient, dL/dQ(s_i, .) is
       zero except at a_i, where it is l'(delta_i) / batch; backpropagate it with
       ``NeuralNetwork.backward`` and let the optimizer step (the network's own
       ``loss`` is not used). Every ``target_update`` steps the target network
       moves towards the online one.

    Terminated vs truncated: only a terminal state has value 0. An episode cut
    by a time limit (gymnasium's ``truncated``, or ``max_steps``) still
    bootstraps from Q_target(s', .), since the task would go on.

    Keep-best and early stopping are bookkeeping around this loop, not part of
    the algorithm: every ``eval_interval`` episodes the greedy policy plays
    ``eval_episodes`` episodes, and the weights of the best evaluation are put
    back at the end.

    References
    ----------
    Mnih, V. et al. (2015). Human-level control through deep reinforcement
    learning. Nature, 518, 529-533.
    van Hasselt, H., Guez, A. and Silver, D. (2016). Deep reinforcement learning
    with double Q-learning. AAAI.
    Lillicrap, T. P. et al. (2016). Continuous control with deep reinforcement
    learning. ICLR.
    Sutton, R. S. and Barto, A. G. (2018). Reinforcement Learning: An Introduction,
    2nd ed., ch. 6.5 (Q-learning). MIT Press.

    Examples
    --------
    >>> agent = DeepQNetwork(env="CartPole-v1", random_state=7)  # doctest: +SKIP
    >>> history = agent.train(n_episodes=1000)                   # doctest: +SKIP
    >>> float(agent.play(n_episodes=100).mean())                 # doctest: +SKIP
    500.0
    """

    def __init__(
        self,
        env="CartPole-v1",
        model=None,
        gamma=0.99,
        epsilon=1.0,
        min_epsilon=0.01,
        decay_rate=5e-4,
        memory_size=50000,
        batch_size=64,
        target_update=500,
        tau=1.0,
        learning_starts=1000,
        learning_rate=1e-3,
        train_freq=1,
        gradient_steps=1,
        double_dqn=True,
        loss="huber",
        keep_best=True,
        eval_interval=10,
        eval_episodes=10,
        random_state=None,
        verbose=False,
    ):
        self.env = env
        self.model = model
        self.gamma = gamma
        self.epsilon = epsilon
        self.min_epsilon = min_epsilon
        self.decay_rate = decay_rate
        self.memory_size = memory_size
        self.batch_size = batch_size
        self.target_update = target_update
        self.tau = tau
        self.learning_starts = learning_starts
        self.learning_rate = learning_rate
        self.train_freq = train_freq
        self.gradient_steps = gradient_steps
        self.double_dqn = double_dqn
        self.loss = loss
        self.keep_best = keep_best
        self.eval_interval = eval_interval
        self.eval_episodes = eval_episodes
        self.random_state = random_state
        self.verbose = verbose

    # ------------------------------------------------------------------ one step: schedule -> targets -> loss -> learn

    def _epsilon_greedy(self, observation, epsilon, rng):
        """A random action with probability epsilon, else argmax_a Q(s, a)."""
        if rng.random() < epsilon:
            return int(rng.integers(self.n_actions_))
        return self._greedy_action(observation)

    def _greedy_action(self, observation):
        return int(np.argmax(self.q_network_.predict(observation[None])[0]))

    def _learn(self, batch):
        """One gradient step on a minibatch of transitions (targets -> loss -> learn); returns the loss."""
        observations, actions, rewards, next_observations, terminated = batch
        # 3. targets y_i from the target network (Double DQN: the online network picks a')
        next_q_target = self.target_network_.predict(next_observations)  # (batch, n_actions)
        next_q_online = self.q_network_.predict(next_observations) if self.double_dqn else None
        y = q_learning_targets(rewards, terminated, next_q_target, self.gamma, next_q_online)  # (batch,)

        # 4. loss of the TD errors delta_i = Q(s_i, a_i) - y_i
        rows = np.arange(len(actions))
        q = self.q_network_.forward(observations, training=True)  # (batch, n_actions)
        loss, grad_taken = td_loss(q[rows, actions] - y, self.loss)
        if not np.isfinite(loss):
            raise ValueError(
                f"DeepQNetwork: training diverged at step {self.n_steps_} (the TD loss is {loss}); "
                f"use a smaller learning_rate (now {self.learning_rate}) or a smaller gamma"
            )
        # 5. learn: dL/dQ(s_i, .) is l'(delta_i) / batch at a_i and zero elsewhere
        grad = np.zeros_like(q)  # (batch, n_actions)
        grad[rows, actions] = grad_taken
        self.q_network_.backward(grad)
        self.q_network_.apply_gradients()
        return loss

    def _update_target(self):
        """theta_target <- tau theta + (1 - tau) theta_target (a copy when tau = 1)."""
        if self.tau == 1.0:
            self.target_network_.set_weights(self.q_network_.get_weights())
        else:
            target = self.target_network_.get_flat_params()
            target += self.tau * (self.q_network_.get_flat_params() - target)
            self.target_network_.set_flat_params(target)

    # ------------------------------------------------------------------ the episode loop

    def train(self, n_episodes, max_steps=None, target_reward=None):
        """Learn Q from up to ``n_episodes`` episodes of epsilon-greedy interaction (starts fresh).

        Parameters
        ----------
        n_episodes : int
        max_steps : int, optional
            Cut each episode after this many steps (a truncation: it bootstraps).
        target_reward : float, optional
            Stop early once a greedy evaluation (run every ``eval_interval``
            episodes, also without ``keep_best``) averages at least this much,
            e.g. 500 for CartPole-v1.

        Returns
        -------
        history : dict of lists
            ``history_`` (see Attributes).
        """
        self._check_params(n_episodes, max_steps, target_reward)
        rng = check_random_state(self.random_state, estimator=self)
        self._setup(rng)
        evaluate = self.keep_best or target_reward is not None
        self._start_history(evaluate)
        reset_seed = int(rng.integers(2**31 - 1))  # seeds the environment's generator once
        self.n_steps_, self.epsilon_ = 0, self.epsilon

        for episode in range(1, n_episodes + 1):
            observation = _flat(self.env_.reset(seed=reset_seed if episode == 1 else None)[0])
            total_reward, losses, length, done = 0.0, [], 0, False
            while not done:
                # 1. schedule: epsilon-greedy action
                self.epsilon_ = float(epsilon_schedule(self.n_steps_, self.epsilon, self.min_epsilon, self.decay_rate))
                action = self._epsilon_greedy(observation, self.epsilon_, rng)
                next_observation, reward, terminated, truncated, _ = self.env_.step(action)
                next_observation = _flat(next_observation)
                # 2. remember the transition (a truncation is not terminal)
                self.memory_.add(observation, action, reward, next_observation, terminated)
                observation = next_observation
                total_reward += reward
                length += 1
                self.n_steps_ += 1
                done = terminated or truncated or length == max_steps
                # 3.-5. targets -> loss -> learn, on minibatches replayed from memory
                if self.n_steps_ >= self._learning_starts and self.n_steps_ % self.train_freq == 0:
                    for _ in range(self.gradient_steps):
                        losses.append(self._learn(self.memory_.sample(self.batch_size, rng)))
                if self.n_steps_ % self.target_update == 0:
                    self._update_target()                   # 5. target network towards the online one
            self._record_episode(episode, n_episodes, total_reward, length, losses)
            # bookkeeping: greedy evaluation, keep the best weights, stop early
            if evaluate and self.n_steps_ >= self._learning_starts and episode % self.eval_interval == 0:
                score = self._evaluate(episode, max_steps)
                if target_reward is not None and score >= target_reward:
                    break

        self._restore_best_weights()
        return self.history_

    # ------------------------------------------------------------------ set-up and bookkeeping

    def _check_params(self, n_episodes, max_steps=None, target_reward=None):
        """Every numeric hyperparameter finite and in range (ValueError naming it)."""
        check_scalar(n_episodes, "n_episodes", self, integer=True, low=1)
        if max_steps is not None:
            check_scalar(max_steps, "max_steps", self, integer=True, low=1)
        if target_reward is not None:
            check_scalar(target_reward, "target_reward", self)
        for name in ("memory_size", "batch_size", "target_update", "train_freq", "gradient_steps",
                     "eval_interval", "eval_episodes"):
            check_scalar(getattr(self, name), name, self, integer=True, low=1)
        check_scalar(self.learning_starts, "learning_starts", self, integer=True, low=0)
        check_scalar(self.decay_rate, "decay_rate", self, low=0)
        check_scalar(self.learning_rate, "learning_rate", self, low=0, include_low=False)
        check_scalar(self.gamma, "gamma", self, low=0, high=1)
        check_scalar(self.epsilon, "epsilon", self, low=0, high=1)
        check_scalar(self.min_epsilon, "min_epsilon", self, low=0, high=self.epsilon)
        check_scalar(self.tau, "tau", self, low=0, high=1, include_low=False)
        check_option(self.loss, "loss", ("huber", "squared"), self)
        for name in ("double_dqn", "keep_best", "verbose"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise ValueError(f"DeepQNetwork: {name} must be True or False, got {getattr(self, name)!r}")
        if self.model is not None and not callable(self.model):
            raise ValueError(
                f"DeepQNetwork: model must be a function (n_inputs, n_outputs) -> NeuralNetwork or None, "
                f"got {self.model!r}"
            )

    def _setup(self, rng):
        """Make the environment, the two networks (target = online) and the replay memory."""
        self.env_ = make_env(self.env, self)
        self.n_actions_ = self.env_.n_actions
        if self.env_.observation_shape is None and self.env_.n_states is None:
            self.env_.reset()  # no observation_space: one observation sets the shape
        shape = () if self.env_.n_states is not None else self.env_.observation_shape
        self.n_features_in_ = int(np.prod(shape))
        self.q_network_ = self._build_network(rng)
        self.target_network_ = self._build_network(rng)
        self.target_network_.set_weights(self.q_network_.get_weights())  # copies
        self.memory_ = ReplayBuffer(self.memory_size, (self.n_features_in_,))
        if hasattr(self.env_.action_space, "seed"):
            self.env_.action_space.seed(int(rng.integers(2**31 - 1)))
        self._learning_starts = max(self.learning_starts, self.batch_size)  # a full first minibatch

    def _build_network(self, rng):
        if self.model is None:
            network = default_q_network(self.n_features_in_, self.n_actions_, self.learning_rate)
        else:
            network = self.model(self.n_features_in_, self.n_actions_)
        if tuple(network.output_shape()) != (self.n_actions_,):
            raise ValueError(
                f"The Q-network must output one value per action, shape ({self.n_actions_},), "
                f"got {tuple(network.output_shape())}"
            )
        for layer in network.layers:  # fresh weights from the agent's generator
            layer.initialize(network.optimizer, rng)
        return network

    def _start_history(self, evaluate):
        """Empty ``history_`` (with the evaluation lists when ``evaluate``); no best weights yet."""
        self.history_ = {"reward": [], "loss": [], "epsilon": [], "length": []}
        if evaluate:
            self.history_.update(eval_episode=[], eval_reward=[])
        self.best_eval_reward_, self._best_weights = None, None

    def _record_episode(self, episode, n_episodes, reward, length, losses):
        """Append the episode to ``history_`` (and print it when ``verbose``)."""
        loss = float(np.mean(losses)) if losses else float("nan")
        for key, value in zip(("reward", "loss", "epsilon", "length"), (float(reward), loss, self.epsilon_, length)):
            self.history_[key].append(value)
        if self.verbose:
            print(f"[Episode {episode}/{n_episodes}] reward: {reward:.1f}, loss: {loss:.4f}, "
                  f"epsilon: {self.epsilon_:.3f}")

    def _evaluate(self, episode, max_steps):
        """Mean reward of ``eval_episodes`` greedy episodes; recorded, and the best weights kept."""
        score = float(np.mean(self._run_greedy_episodes(self.eval_episodes, max_steps)))
        self.history_["eval_episode"].append(episode)
        self.history_["eval_reward"].append(score)
        # strictly better only: of equal scores the first is kept, since re-picking among many
        # equally perfect evaluations favours the luckiest 10 episodes, not the best policy
        if self.keep_best and (self.best_eval_reward_ is None or score > self.best_eval_reward_):
            self.best_eval_reward_, self._best_weights = score, self.q_network_.get_weights()
        if self.verbose:
            print(f"  greedy evaluation over {self.eval_episodes} episodes: {score:.1f}")
        return score

    def _restore_best_weights(self):
        if self._best_weights is not None:
            self.q_network_.set_weights(self._best_weights)
            self.target_network_.set_weights(self._best_weights)

    # ------------------------------------------------------------------ acting

    def predict(self, observations):
        """Greedy actions argmax_a Q(s, a) for a batch of observations.

        Parameters
        ----------
        observations : array-like of shape (n_observations, *observation_shape)

        Returns
        -------
        actions : ndarray of int of shape (n_observations,)
        """
        check_is_fitted(self, "q_network_")
        X = check_array(observations, allow_nd=True, name="observations", estimator=self)  # rejects NaN, 1-D
        X = X.reshape(len(X), -1)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"Observations have {X.shape[1]} features, the Q-network expects {self.n_features_in_}")
        return np.argmax(self.q_network_.predict(X), axis=1)

    def _run_greedy_episodes(self, n_episodes, max_steps=None, render=False):
        """Total reward of each of ``n_episodes`` episodes played greedily on ``env_``."""
        rewards = np.zeros(n_episodes)
        for episode in range(n_episodes):
            observation = _flat(self.env_.reset()[0])
            done, t = False, 0
            while not done and (max_steps is None or t < max_steps):
                observation, reward, terminated, truncated, _ = self.env_.step(self._greedy_action(observation))
                observation = _flat(observation)
                if render:
                    self.env_.render()
                rewards[episode] += reward
                done = terminated or truncated
                t += 1
        return rewards

    def play(self, n_episodes=1, render=False, max_steps=None):
        """Run the greedy policy (no exploration, no learning).

        Parameters
        ----------
        n_episodes : int, default=1
        render : bool, default=False
            Call ``env.render()`` after every step (for a gymnasium id, the
            environment should then be made with ``render_mode="human"``: pass
            ``gymnasium.make(id, render_mode="human")`` as ``env``).
        max_steps : int, optional
            Cut episodes after this many steps (for environments without a time limit).

        Returns
        -------
        rewards : ndarray of shape (n_episodes,)
            Total reward of each episode.
        """
        check_is_fitted(self, "q_network_")
        check_positive(n_episodes, "n_episodes", self, integer=True)
        if max_steps is not None:
            check_scalar(max_steps, "max_steps", self, integer=True, low=1)
        return self._run_greedy_episodes(n_episodes, max_steps, render)

    # ------------------------------------------------------------------ model and persistence

    def set_model(self, model):
        """Use ``model(n_inputs, n_outputs)`` to build the Q-network (the classic API).

        The same as ``set_params(model=model)``; see the ``model`` parameter.

        Returns
        -------
        self : DeepQNetwork
        """
        self.model = model
        return self

    def save(self, path):
        """Save the Q-network's weights to a ``.npz`` file."""
        check_is_fitted(self, "q_network_")
        self.q_network_.save(path)

    def load(self, path):
        """Load Q-network weights saved by ``save`` (builds the networks if needed).

        The environment and the model builder must match the saved agent's.

        Returns
        -------
        self : DeepQNetwork
        """
        if not hasattr(self, "q_network_"):
            self._setup(check_random_state(self.random_state, estimator=self))
        self.q_network_.load(path)
        self.target_network_.set_weights(self.q_network_.get_weights())
        return self


def _flat(observation):
    """An observation (array, or the int of a discrete state) as a flat float vector, the Q-network's input."""
    return np.asarray(observation, dtype=float).ravel()


def default_q_network(n_inputs, n_outputs, learning_rate=1e-3):
    """The default Q-network: Dense 64 ReLU, Dense 64 ReLU, Dense n_outputs (linear), with Adam.

    Parameters
    ----------
    n_inputs : int
        Length of a flat observation.
    n_outputs : int
        Number of actions (one Q-value each).
    learning_rate : float, default=1e-3
        Adam's step size.

    Returns
    -------
    model : NeuralNetwork
    """
    from mlfromscratch.deep_learning import Activation, Adam, Dense, NeuralNetwork, SquareLoss

    model = NeuralNetwork(optimizer=Adam(learning_rate=learning_rate), loss=SquareLoss())
    model.add(Dense(64, input_shape=(n_inputs,), kernel_initializer="he_uniform"))
    model.add(Activation("relu"))
    model.add(Dense(64, kernel_initializer="he_uniform"))
    model.add(Activation("relu"))
    model.add(Dense(n_outputs))
    return model
