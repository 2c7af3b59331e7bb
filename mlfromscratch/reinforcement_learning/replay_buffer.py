"""Experience replay: a fixed-size ring buffer of transitions, sampled uniformly."""

import numpy as np


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
        Shape of one observation, e.g. ``(4,)`` for CartPole.

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
        if isinstance(capacity, bool) or int(capacity) != capacity or capacity < 1:
            raise ValueError(f"ReplayBuffer: capacity must be a positive integer, got {capacity!r}")
        self.capacity = int(capacity)
        shape = (self.capacity, *tuple(int(s) for s in observation_shape))
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
        """
        i = self.position
        self.observations[i] = observation
        self.actions[i] = action
        self.rewards[i] = reward
        self.next_observations[i] = next_observation
        self.terminated[i] = float(terminated)
        self.position = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

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
