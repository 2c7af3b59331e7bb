"""Layers of the neural network, one kind per module, all derived from ``Layer``.

Every layer is importable from here (``from mlfromscratch.deep_learning.layers
import Dense``).
"""

from .activation import Activation
from .attention import MultiHeadAttention
from .base import Layer
from .batch_normalization import BatchNormalization
from .conv2d import Conv2D
from .conv2d_fast import FastConv2D
from .dense import Dense
from .dropout import Dropout
from .embedding import Embedding, PositionalEmbedding
from .layer_normalization import LayerNormalization
from .padding import ConstantPadding2D, ZeroPadding2D
from .pooling import AveragePooling2D, MaxPooling2D
from .recurrent import LSTM, RNN
from .reshape import Flatten, Reshape
from .transformer import TransformerBlock
from .upsampling import UpSampling2D

__all__ = [
    "Activation",
    "AveragePooling2D",
    "BatchNormalization",
    "ConstantPadding2D",
    "Conv2D",
    "Dense",
    "Dropout",
    "Embedding",
    "FastConv2D",
    "Flatten",
    "LSTM",
    "Layer",
    "LayerNormalization",
    "MaxPooling2D",
    "MultiHeadAttention",
    "PositionalEmbedding",
    "RNN",
    "Reshape",
    "TransformerBlock",
    "UpSampling2D",
    "ZeroPadding2D",
]
