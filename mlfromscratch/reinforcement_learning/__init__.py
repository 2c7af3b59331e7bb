"""Reinforcement learning. gymnasium is imported only when an agent needs an environment."""

from .deep_q_network import DeepQNetwork
from .replay_buffer import ReplayBuffer

__all__ = [
    "DeepQNetwork",
    "ReplayBuffer",
]
