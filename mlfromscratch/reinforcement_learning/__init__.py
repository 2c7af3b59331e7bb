"""Reinforcement learning. gymnasium is imported only when an agent needs an environment."""

from .deep_q_network import DeepQNetwork
from .multi_armed_bandits import UCB1, EpsilonGreedy, ThompsonSampling
from .replay_buffer import ReplayBuffer
from .tabular import SARSA, QLearning

__all__ = [
    "DeepQNetwork",
    "EpsilonGreedy",
    "QLearning",
    "ReplayBuffer",
    "SARSA",
    "ThompsonSampling",
    "UCB1",
]
