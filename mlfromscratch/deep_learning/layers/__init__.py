"""Layers of the neural network, one kind per module, all derived from ``Layer``."""

from mlfromscratch.deep_learning.layers.base import Layer

__all__ = ["Layer"]
