"""Layers of the neural network, one kind per module, all derived from ``Layer``.

Every layer is importable from here (``from mlfromscratch.deep_learning.layers
import Dense``); modules load on first use.
"""

from mlfromscratch._lazy import lazy_exports
from mlfromscratch.deep_learning.layers.base import Layer

_EXPORTS = {
    "Dense": "dense",
    "Activation": "activation",
    "Dropout": "dropout",
    "BatchNormalization": "batch_normalization",
    "Flatten": "reshape",
    "Reshape": "reshape",
    "Conv2D": "conv2d",
    "MaxPooling2D": "pooling",
    "AveragePooling2D": "pooling",
    "UpSampling2D": "upsampling",
    "ZeroPadding2D": "padding",
    "ConstantPadding2D": "padding",
    "RNN": "recurrent",
    "LSTM": "recurrent",
}
__all__ = ["Layer"] + sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
