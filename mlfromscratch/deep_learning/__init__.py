"""Deep learning: layers, activations, losses, optimizers and the ``NeuralNetwork`` container.

Every public class is importable from here, e.g.
``from mlfromscratch.deep_learning import NeuralNetwork, Dense, Adam``; modules load on first use.
"""

from mlfromscratch._lazy import lazy_exports

_LAYERS = [
    "Layer", "Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "BatchNormalization",
    "Dropout", "Flatten", "Reshape", "UpSampling2D", "ZeroPadding2D", "ConstantPadding2D",
    "Activation", "RNN", "LSTM",
]
_ACTIVATIONS = [
    "Sigmoid", "Softmax", "TanH", "ReLU", "LeakyReLU", "ELU", "SELU", "SoftPlus", "SoftSign",
]
_LOSSES = ["Loss", "SquareLoss", "CrossEntropy"]
_OPTIMIZERS = [
    "Optimizer", "StochasticGradientDescent", "NesterovAcceleratedGradient", "Adagrad",
    "Adadelta", "RMSprop", "Adam",
]

_EXPORTS = {"NeuralNetwork": "neural_network"}
_EXPORTS.update({name: "layers" for name in _LAYERS})
_EXPORTS.update({name: "activation_functions" for name in _ACTIVATIONS})
_EXPORTS.update({name: "loss_functions" for name in _LOSSES})
_EXPORTS.update({name: "optimizers" for name in _OPTIMIZERS})
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
