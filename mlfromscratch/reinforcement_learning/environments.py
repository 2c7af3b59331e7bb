"""Environments for the agents: gymnasium ids, gymnasium objects and old gym objects, checked.

Every agent talks to its environment through ``make_env``, which returns an
``Environment``: the gymnasium API (``reset(seed=None) -> (observation, info)``,
``step(action) -> (observation, reward, terminated, truncated, info)``) whatever
the object underneath, and a check of what the environment returns, so that a
NaN observation, an observation of the wrong shape or a NaN reward stops
training with a message instead of spreading into the Q-values.

gymnasium is imported only when an environment is given by its id.
"""

import math

import numpy as np

from mlfromscratch.utils.validation import _is_real


def make_env(env, estimator):
    """An ``Environment`` from a gymnasium id, a gymnasium environment or an old gym environment.

    Parameters
    ----------
    env : str or environment
        A gymnasium id (``"CartPole-v1"``, made with ``gymnasium.make``) or an
        object with ``reset``, ``step`` and a discrete ``action_space`` (with ``n``).
    estimator : object
        The agent, named in error messages.

    Returns
    -------
    env : Environment
    """
    who = type(estimator).__name__
    if isinstance(env, Environment):
        return env
    if isinstance(env, str):
        try:
            import gymnasium
        except ImportError as error:  # pragma: no cover - gymnasium is a dependency
            raise ImportError(f"{who} needs gymnasium to make {env!r}: pip install gymnasium") from error
        env = gymnasium.make(env)
    if not (hasattr(env, "reset") and hasattr(env, "step")):
        raise ValueError(f"{who} expects a gymnasium id or an environment with reset and step, got {env!r}")
    if not hasattr(getattr(env, "action_space", None), "n"):
        raise ValueError(f"{who} needs a discrete action space (env.action_space.n)")
    return Environment(env, who)


class Environment:
    """The gymnasium API over a gymnasium or old gym environment, with its outputs checked.

    Parameters
    ----------
    env : environment
        A gymnasium environment, or an old gym one whose ``reset()`` returns only
        the observation (and may not take ``seed``) and whose ``step`` returns
        ``(observation, reward, done, info)``.
    who : str, default="agent"
        Name of the agent, used in error messages.

    Attributes
    ----------
    env : environment
        The wrapped object.
    action_space, observation_space : spaces
        The environment's (``observation_space`` is None when it has none).
    n_actions : int
        ``action_space.n``.
    n_states : int or None
        ``observation_space.n`` for a discrete observation space (states
        0..n_states-1), else None.
    observation_shape : tuple of int or None
        ``observation_space.shape`` for an array observation space; None when
        unknown (then the first observation sets it).

    Notes
    -----
    An old-style ``done`` is split with gym's ``info["TimeLimit.truncated"]``:
    ``truncated = info.get("TimeLimit.truncated", False)`` and
    ``terminated = done and not truncated``.

    Observations come back as float arrays of ``observation_shape`` (checked:
    same number of values, all finite) or, for a discrete observation space, as
    an int state in ``[0, n_states)``. Rewards must be finite numbers.
    """

    def __init__(self, env, who="agent"):
        self.env = env
        self.who = who
        self.action_space = env.action_space
        self.n_actions = int(env.action_space.n)
        self.observation_space = getattr(env, "observation_space", None)
        n_states = getattr(self.observation_space, "n", None)
        self.n_states = None if n_states is None else int(n_states)
        shape = getattr(self.observation_space, "shape", None)
        self.observation_shape = None if shape is None or self.n_states is not None else tuple(shape)

    def reset(self, seed=None):
        """Start an episode; returns ``(observation, info)``."""
        if seed is None:
            out = self.env.reset()
        else:
            try:
                out = self.env.reset(seed=seed)
            except TypeError:  # old gym: reset() takes no seed, env.seed(seed) does
                if hasattr(self.env, "seed"):
                    self.env.seed(seed)
                out = self.env.reset()
        gymnasium_style = isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)
        observation, info = out if gymnasium_style else (out, {})  # old gym: the observation alone
        return self._check_observation(observation, "reset"), info

    def step(self, action):
        """Take ``action``; returns ``(observation, reward, terminated, truncated, info)``."""
        out = self.env.step(action)
        if len(out) == 5:
            observation, reward, terminated, truncated, info = out
        elif len(out) == 4:
            observation, reward, done, info = out
            truncated = bool(info.get("TimeLimit.truncated", False))
            terminated = bool(done) and not truncated
        else:
            raise ValueError(f"env.step must return 4 (gym) or 5 (gymnasium) values, got {len(out)}")
        if not _is_real(reward) or not math.isfinite(reward):
            raise ValueError(f"{self.who}: the environment returned the reward {reward!r}; rewards must be finite")
        return self._check_observation(observation, "step"), float(reward), bool(terminated), bool(truncated), info

    def _check_observation(self, observation, where):
        """The observation as an int state or a finite float array of ``observation_shape``."""
        if self.n_states is not None:
            state = observation.item() if isinstance(observation, np.ndarray) else observation
            if isinstance(state, bool) or not isinstance(state, (int, np.integer)) or not 0 <= state < self.n_states:
                raise ValueError(
                    f"{self.who}: env.{where} returned the observation {observation!r}, which is not a state "
                    f"of observation_space (an int in [0, {self.n_states}))"
                )
            return int(state)
        observation = np.asarray(observation, dtype=float)
        if self.observation_shape is None:
            self.observation_shape = observation.shape
        if observation.shape != self.observation_shape:
            if observation.size != int(np.prod(self.observation_shape)):
                raise ValueError(
                    f"{self.who}: env.{where} returned an observation of shape {observation.shape}, but "
                    f"observation_space has shape {self.observation_shape}"
                )
            observation = observation.reshape(self.observation_shape)
        if not np.isfinite(observation).all():
            raise ValueError(f"{self.who}: env.{where} returned a non-finite observation {observation.tolist()}")
        return observation

    def render(self):
        return self.env.render()

    def close(self):
        if hasattr(self.env, "close"):
            self.env.close()
