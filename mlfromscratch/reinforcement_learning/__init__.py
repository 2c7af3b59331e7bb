"""Reinforcement learning. gymnasium is imported only when an agent needs an environment."""

from mlfromscratch._lazy import lazy_exports

_EXPORTS = {
    "DeepQNetwork": "deep_q_network",
    "ReplayBuffer": "replay_buffer",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
