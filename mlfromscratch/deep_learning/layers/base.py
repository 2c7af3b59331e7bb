"""The ``Layer`` base class every layer of the network derives from.

A layer is a differentiable function of its input and of its trainable
tensors. It computes outputs (``forward_pass``) and gradients
(``backward_pass``) but never changes its own weights: it stores the gradients
in ``self.grads`` under the same keys as ``self.params``, and the network hands
both dicts to the optimizer, which does the update.
"""

import abc

from mlfromscratch.utils.validation import _is_int


class _UninitializedParams(dict):
    """The empty ``params`` of a layer before ``initialize``.

    A plain dict would answer ``params["W"]`` with a bare ``KeyError: 'W'``;
    this one says what is missing. ``initialize`` replaces it with an ordinary
    dict, so it costs nothing afterwards.
    """

    def __init__(self, layer):
        super().__init__()
        self.layer = layer

    def __missing__(self, key):
        raise ValueError(
            f"{self.layer} has no weights yet (looked for {key!r}); call "
            f"layer.initialize(optimizer, rng) or add the layer to a NeuralNetwork first"
        )


def check_shape(shape, name, layer):
    """``shape`` as a tuple of positive ints; a ValueError naming ``name`` and the layer otherwise."""
    who = type(layer).__name__
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__iter__"):
        raise ValueError(f"{who}: {name} must be a tuple of positive ints such as (64,), got {shape!r}")
    shape = tuple(shape)
    if not shape or not all(_is_int(s) and s >= 1 for s in shape):
        raise ValueError(f"{who}: {name} must be a tuple of positive ints such as (64,), got {shape!r}")
    return tuple(int(s) for s in shape)


class Layer(abc.ABC):
    """Base class of all layers.

    Parameters
    ----------
    input_shape : tuple of int, optional
        Shape of one sample (no batch axis). Needed only for the first layer of
        a network; the network sets it for the others from the previous
        layer's ``output_shape()``.

    Attributes
    ----------
    input_shape : tuple of int or None
        Shape of one input sample, without the batch axis.
    params : dict of str -> ndarray
        Trainable tensors (empty for layers without weights).
    grads : dict of str -> ndarray
        Gradients of the loss with respect to ``params``, written by ``backward_pass``.
    trainable : bool
        When False the network does not update ``params`` (``backward_pass``
        still returns the input gradient, so frozen layers can be backpropagated through).

    Notes
    -----
    The life cycle inside ``NeuralNetwork``: ``set_input_shape`` (if needed),
    ``initialize(optimizer, rng)``, then repeated ``forward_pass`` /
    ``backward_pass``. Inputs are batch-first: ``(batch, *input_shape)``.
    """

    def __init__(self, input_shape=None):
        self.input_shape = None if input_shape is None else check_shape(input_shape, "input_shape", self)
        self.params = _UninitializedParams(type(self).__name__)  # a dict; initialize fills it
        self.grads = {}
        self.trainable = True

    def set_input_shape(self, shape):
        """Set the shape of one input sample (called by the network)."""
        self.input_shape = tuple(int(s) for s in shape)

    def layer_name(self):
        """Name shown in the network summary."""
        return type(self).__name__

    def parameters(self):
        """Number of trainable parameters."""
        return int(sum(p.size for p in self.params.values()))

    def initialize(self, optimizer=None, rng=None):
        """Allocate ``params`` (and keep ``rng`` for layers that draw random numbers).

        Parameters
        ----------
        optimizer : Optimizer, optional
            Unused by the built-in layers (the network owns the optimizer);
            kept in the signature for layers that want per-layer settings.
        rng : numpy.random.Generator, optional
            The network's generator: initial weights and dropout masks come from it.
        """

    @abc.abstractmethod
    def forward_pass(self, X, training=True):
        """Output of the layer for a batch ``X`` of shape ``(batch, *input_shape)``."""

    @abc.abstractmethod
    def backward_pass(self, accum_grad):
        """Store parameter gradients in ``self.grads`` and return dLoss/dInput.

        Parameters
        ----------
        accum_grad : ndarray of shape (batch, *output_shape())
            Gradient of the loss with respect to this layer's output.

        Returns
        -------
        grad_input : ndarray of shape (batch, *input_shape)
        """

    @abc.abstractmethod
    def output_shape(self):
        """Shape of one output sample (no batch axis)."""
