"""Experience replay: a fixed-size ring buffer of transitions, sampled uniformly."""

import math

import numpy as np

from mlfromscratch.utils.validation import _is_int, _is_real, check_scalar


class ReplayBuffer:
    """Fixed-size memory of transitions ``(s, a, r, s', terminated)`` kept in NumPy arrays.

    New transitions overwrite the oldest once the buffer is full, so the memory
    holds the last ``capacity`` steps of experience and adding one costs O(1)
    (no Python list popped at the front).

    Parameters
    ----------
    capacity : int
        Largest number of transitions kept.
    observation_shape : tuple of int
        Shape of one observation, e.g. ``(4,)`` for CartPole (an int n means ``(n,)``).

    Attributes
    ----------
    observations : ndarray of shape (capacity, *observation_shape)
        States s in which the actions were taken.
    actions : ndarray of int of shape (capacity,)
        Actions a.
    rewards : ndarray of shape (capacity,)
        Rewards r received after the actions.
    next_observations : ndarray of shape (capacity, *observation_shape)
        States s' reached.
    terminated : ndarray of float of shape (capacity,)
        1.0 where s' is terminal (the episode ended inside the MDP), 0.0
        otherwise, including for episodes cut by a time limit (truncated).
    capacity : int
    observation_shape : tuple of int
    position : int
        Row the next transition is written to.
    size : int
        Number of transitions stored, at most ``capacity`` (also ``len(buffer)``).

    Notes
    -----
    Writing at row ``position`` and then setting ``position <- (position + 1) mod
    capacity`` makes the arrays a circular queue: once ``size == capacity`` the
    row written next is always the oldest transition.

    Sampling is uniform with replacement over the stored rows, as in Mnih et al.
    (2015); drawing whole index arrays keeps a minibatch one fancy-indexing
    operation per field.

    References
    ----------
    Lin, L.-J. (1992). Self-improving reactive agents based on reinforcement
    learning, planning and teaching. Machine Learning, 8, 293-321.
    Mnih, V. et al. (2015). Human-level control through deep reinforcement
    learning. Nature, 518, 529-533.

    Examples
    --------
    >>> buffer = ReplayBuffer(capacity=2, observation_shape=(1,))
    >>> for t in range(3):
    ...     buffer.add([t], 0, float(t), [t + 1], False)
    >>> len(buffer), buffer.rewards.tolist()
    (2, [2.0, 1.0])
    """

    def __init__(self, capacity, observation_shape):
        check_scalar(capacity, "capacity", self, integer=True, low=1)
        if isinstance(observation_shape, (int, np.integer)):
            observation_shape = (observation_shape,)
        if not isinstance(observation_shape, (tuple, list)) or not all(
            _is_int(s) and s >= 1 for s in observation_shape
        ):
            raise ValueError(
                f"ReplayBuffer: observation_shape must be a tuple of positive integers, got {observation_shape!r}"
            )
        self.capacity = int(capacity)
        self.observation_shape = tuple(int(s) for s in observation_shape)
        shape = (self.capacity, *self.observation_shape)
        self.observations = np.zeros(shape)
        self.actions = np.zeros(self.capacity, dtype=np.int64)
        self.rewards = np.zeros(self.capacity)
        self.next_observations = np.zeros(shape)
        self.terminated = np.zeros(self.capacity)
        self.position = 0
        self.size = 0

    def __len__(self):
        return self.size

    def add(self, observation, action, reward, next_observation, terminated):
        """Store one transition, overwriting the oldest when the buffer is full.

        Parameters
        ----------
        observation : array-like of shape observation_shape
        action : int
        reward : float
        next_observation : array-like of shape observation_shape
        terminated : bool
            True only when ``next_observation`` is a terminal state (not for a
            time-limit truncation).

        Raises
        ------
        ValueError
            For an observation of another shape or with NaN/inf, an action that
            is not a non-negative integer, a reward that is not a finite number.
        """
        observation = self._check_observation(observation, "observation")
        next_observation = self._check_observation(next_observation, "next_observation")
        if not _is_int(action) or action < 0:
            raise ValueError(f"ReplayBuffer: action must be a non-negative integer (an action index), got {action!r}")
        if not _is_real(reward) or not math.isfinite(reward):
            raise ValueError(f"ReplayBuffer: reward must be a finite number, got {reward!r}")
        if not (isinstance(terminated, (bool, np.bool_)) or (_is_int(terminated) and terminated in (0, 1))):
            raise ValueError(f"ReplayBuffer: terminated must be True or False, got {terminated!r}")
        i = self.position
        self.observations[i] = observation
        self.actions[i] = action
        self.rewards[i] = reward
        self.next_observations[i] = next_observation
        self.terminated[i] = float(terminated)
        self.position = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def _check_observation(self, observation, name):
        observation = np.asarray(observation, dtype=float)
        if observation.shape != self.observation_shape:
            raise ValueError(
                f"ReplayBuffer: {name} must have shape {self.observation_shape}, got {observation.shape}"
            )
        if not np.isfinite(observation).all():
            raise ValueError(f"ReplayBuffer: {name} contains NaN or infinity")
        return observation

    def sample(self, batch_size, rng):
        """Draw a minibatch uniformly (with replacement) from the stored transitions.

        Parameters
        ----------
        batch_size : int
        rng : numpy.random.Generator
            The agent's generator.

        Returns
        -------
        observations : ndarray of shape (batch_size, *observation_shape)
        actions : ndarray of int of shape (batch_size,)
        rewards : ndarray of shape (batch_size,)
        next_observations : ndarray of shape (batch_size, *observation_shape)
        terminated : ndarray of float of shape (batch_size,)
        """
        check_scalar(batch_size, "batch_size", self, integer=True, low=1)
        if self.size == 0:
            raise ValueError("ReplayBuffer.sample: the buffer is empty; add transitions first")
        idx = rng.integers(0, self.size, size=batch_size)  # rows 0..size-1 are all filled
        return (
            self.observations[idx],
            self.actions[idx],
            self.rewards[idx],
            self.next_observations[idx],
            self.terminated[idx],
        )
