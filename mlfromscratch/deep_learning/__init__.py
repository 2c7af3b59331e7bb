"""Deep learning: layers, activations, losses, optimizers and the ``NeuralNetwork`` container.

Every public class is importable from here, e.g.
``from mlfromscratch.deep_learning import NeuralNetwork, Dense, Adam``.
"""

from .activation_functions import (
    ELU,
    LeakyReLU,
    ReLU,
    SELU,
    Sigmoid,
    SoftPlus,
    SoftSign,
    Softmax,
    TanH,
)
from .layers import (
    Activation,
    AveragePooling2D,
    BatchNormalization,
    ConstantPadding2D,
    Conv2D,
    Dense,
    Dropout,
    FastConv2D,
    Flatten,
    LSTM,
    Layer,
    MaxPooling2D,
    RNN,
    Reshape,
    UpSampling2D,
    ZeroPadding2D,
)
from .loss_functions import CrossEntropy, Loss, SigmoidCrossEntropy, SoftmaxCrossEntropy, SquareLoss
from .neural_network import NeuralNetwork
from .optimizers import (
    Adadelta,
    Adagrad,
    Adam,
    NesterovAcceleratedGradient,
    Optimizer,
    RMSprop,
    StochasticGradientDescent,
)

__all__ = [
    "Activation",
    "Adadelta",
    "Adagrad",
    "Adam",
    "AveragePooling2D",
    "BatchNormalization",
    "ConstantPadding2D",
    "Conv2D",
    "CrossEntropy",
    "Dense",
    "Dropout",
    "ELU",
    "FastConv2D",
    "Flatten",
    "LSTM",
    "Layer",
    "LeakyReLU",
    "Loss",
    "MaxPooling2D",
    "NesterovAcceleratedGradient",
    "NeuralNetwork",
    "Optimizer",
    "RMSprop",
    "RNN",
    "ReLU",
    "Reshape",
    "SELU",
    "Sigmoid",
    "SigmoidCrossEntropy",
    "SoftPlus",
    "SoftSign",
    "Softmax",
    "SoftmaxCrossEntropy",
    "SquareLoss",
    "StochasticGradientDescent",
    "TanH",
    "UpSampling2D",
    "ZeroPadding2D",
]
