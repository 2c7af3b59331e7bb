"""NeuralNetwork: a stack of layers trained by backpropagation and a gradient optimizer.

The container that every deep model of the library (MLP, CNN, RNN, GAN, DCGAN,
Autoencoder, DQN, Neuroevolution, PSO) is built from. Layers compute outputs and
gradients; the network chains them, asks the loss for dLoss/dOutput and hands each
trainable layer's ``params``/``grads`` to the optimizer.

The file reads in that order: the training step (``forward``, ``backward``,
``apply_gradients``, ``train_on_batch``, ``fit``) first; weight access, flat
parameters, save/load and the summary table below it.

Public building blocks, for models that need more than ``fit``
--------------------------------------------------------------
- ``forward(X, training=True)``: output of the network.
- ``backward(loss_grad)``: backpropagates dLoss/dOutput through every layer (frozen
  ones included), stores each layer's parameter gradients in ``layer.grads`` and
  RETURNS dLoss/dX, the gradient with respect to the network's input. Nothing is
  updated. A GAN trains its generator with
  ``G.backward(D.backward_from_loss(y, D.forward(G.forward(z))))`` then
  ``G.apply_gradients()``.
- ``backward_from_loss(y, y_pred)``: the same, starting from the loss; it gives
  the exact gradient p - y below a softmax/sigmoid output scored by CrossEntropy.
- ``apply_gradients()``: one optimizer step on every trainable layer from the
  gradients stored by the last ``backward``.
- ``train_on_batch`` = forward + loss + backward + apply_gradients.
- ``get_weights``/``set_weights`` (list of arrays) and ``get_flat_params``/
  ``set_flat_params`` (one vector) for evolutionary and swarm optimisers.
"""

import pickle
import zipfile

import numpy as np

from mlfromscratch.deep_learning.activation_functions import Sigmoid, Softmax
from mlfromscratch.deep_learning.layers.activation import Activation
from mlfromscratch.deep_learning.loss_functions import CrossEntropy, SquareLoss
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.display import progress_bar, table
from mlfromscratch.utils.validation import check_array, check_random_state, check_scalar


class NeuralNetwork:
    """A sequential neural network.

    Parameters
    ----------
    optimizer : Optimizer or None
        e.g. ``Adam()``; see ``mlfromscratch.deep_learning.optimizers``. It only
        holds hyperparameters, so one optimizer may be shared by several networks.
        None builds a network that is never trained by gradients (its weights
        are set by ``set_flat_params``, as evolutionary optimisers do).
    loss : Loss instance or class
        e.g. ``CrossEntropy`` or ``SquareLoss()``; any object with ``loss(y, p)``
        and ``gradient(y, p)``.
    validation_data : tuple (X_val, y_val), optional
        Evaluated after every epoch of ``fit``.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the network's generator, used for the initial weights (drawn when
        a layer is added), dropout masks and the shuffling in ``fit``. The same
        seed and the same calls give the same network.
    dtype : {"float64", "float32"} or numpy dtype, default="float64"
        Floating-point type of the weights, the activations and the gradients:
        inputs and loss gradients are cast to it. float64 (NumPy's default)
        keeps the finite-difference checks exact; float32 halves the memory
        traffic and roughly doubles the speed of the matrix products, which
        pays off for convolutional networks (the DCGAN uses it).

    Attributes
    ----------
    layers : list of Layer
        The layers, in order.
    loss_function : Loss
        The loss object (an instance of ``loss`` if a class was given).
    history : dict
        Per-epoch means of the last ``fit``: ``{"loss", "val_loss"}``, plus
        ``"acc"`` and ``"val_acc"`` when the loss has an accuracy (the
        cross-entropies; not ``SquareLoss``).
    training_errors, validation_errors : list of float
        The ``"loss"`` and ``"val_loss"`` lists of ``history`` (the classic's names).
    optimizer_states : dict
        The optimizer's per-parameter memory, keyed ``"layer{i}.{name}"``.
    rng : numpy.random.Generator
        The generator seeded by ``random_state`` (read-only property).

    Notes
    -----
    One training step on a batch (X, y):

        p = f_L(... f_1(X))                 forward, training=True
        g = dLoss/dp                        loss_function.gradient(y, p)
        g <- layer.backward_pass(g)         for layers L..1, storing layer.grads
        optimizer.update(W, dLoss/dW)       for every trainable parameter W

    Backpropagation is the chain rule applied layer by layer: a layer
    x -> f(x; W) receives g = dLoss/df, of shape (batch, *output_shape), and
    returns dLoss/dx = J_x(f)^T g, of shape (batch, *input_shape), storing
    dLoss/dW = J_W(f)^T g in ``layer.grads`` on the way (see ``Dense`` for
    the three-line case). The network only chains these calls.

    When f_L is a softmax (or a one-column sigmoid) and the loss is
    ``CrossEntropy``, the backward pass starts one layer lower with the exact
    dLoss/dlogits = (p - y) / N: the chain through the activation would lose
    the gradient of a confidently wrong prediction (see ``SoftmaxCrossEntropy``).

    ``fit`` checks its data once (finite numbers, matching lengths and shapes)
    and stops with a ``ValueError`` naming the epoch when the training loss
    stops being finite (a learning rate far too large). Calling ``fit`` again
    continues from the current weights (as in Keras).

    References
    ----------
    Rumelhart, D. E., Hinton, G. E. and Williams, R. J. (1986). Learning
    representations by back-propagating errors. Nature 323.

    Examples
    --------
    >>> from mlfromscratch.deep_learning import NeuralNetwork, Dense, Activation, Adam, CrossEntropy
    >>> model = NeuralNetwork(Adam(), CrossEntropy, random_state=0)
    >>> model.add(Dense(8, input_shape=(4,)))
    >>> model.add(Activation("relu"))
    >>> model.add(Dense(3))
    >>> model.add(Activation("softmax"))
    >>> model.predict(np.zeros((2, 4))).shape
    (2, 3)
    """

    def __init__(self, optimizer, loss, validation_data=None, random_state=None, dtype="float64"):
        self.optimizer = optimizer
        self.loss = loss
        self.validation_data = validation_data
        self.random_state = random_state
        self.dtype = np.dtype(dtype)
        if self.dtype.kind != "f":
            raise ValueError(f"NeuralNetwork: dtype must be a floating-point type such as 'float32', got {dtype!r}")
        _check_optimizer_and_loss(optimizer, loss)
        self.loss_function = loss() if isinstance(loss, type) else loss
        self.layers = []
        self.optimizer_states = {}
        self.history = _empty_history(self.loss_function)
        self._rng = check_random_state(random_state, estimator="NeuralNetwork")

    def add(self, layer):
        """Append a layer, giving it its input shape and initialising its weights.

        The first layer must have been built with ``input_shape``; later ones
        take the previous layer's ``output_shape()``.
        """
        if self.layers:
            layer.set_input_shape(self.layers[-1].output_shape())
        elif layer.input_shape is None:
            raise ValueError(
                f"The first layer ({layer.layer_name()}) needs input_shape, e.g. Dense(64, input_shape=(n_features,))"
            )
        layer.initialize(self.optimizer, self._rng)
        _cast_tensors(layer, self.dtype)
        self.layers.append(layer)

    # ------------------------------------------------------------------ the training step

    def forward(self, X, training=True):
        """Output of the network for a batch ``X`` of shape ``(batch, *input_shape)``."""
        out = self._check_input(X)
        for layer in self.layers:
            out = layer.forward_pass(out, training=training)
        return out

    def backward(self, loss_grad):
        """Backpropagate dLoss/dOutput; store every layer's ``grads``; return dLoss/dInput.

        Frozen layers (``trainable=False``) are backpropagated through exactly;
        no weight is changed here (see ``apply_gradients``).

        Parameters
        ----------
        loss_grad : ndarray of shape (batch, *output_shape)

        Returns
        -------
        grad_input : ndarray of shape (batch, *input_shape)
        """
        grad = np.asarray(loss_grad, dtype=self.dtype)
        for layer in reversed(self.layers):
            grad = layer.backward_pass(grad)
        return grad

    def backward_from_loss(self, y, y_pred):
        """Backpropagate the loss of ``y_pred`` (the last ``forward``'s output) against ``y``.

        Stores every layer's ``grads`` and returns dLoss/dInput, like
        ``backward(loss_function.gradient(y, y_pred))``, with one exception:
        when the last layer is a softmax (or a one-column sigmoid) ``Activation``
        and the loss is ``CrossEntropy``, the gradient enters BELOW that
        activation as the exact dLoss/dlogits = (p - y) / N
        (``CrossEntropy.logits_gradient``). Chained through the activation it
        would be lost once p underflows (see ``SoftmaxCrossEntropy``'s Notes).
        """
        if _ends_in_softmax_cross_entropy(self):
            grad = self.loss_function.logits_gradient(y, y_pred)
            layers = self.layers[:-1]
        else:
            grad = self.loss_function.gradient(y, y_pred)
            layers = self.layers
        grad = np.asarray(grad, dtype=self.dtype)
        for layer in reversed(layers):
            grad = layer.backward_pass(grad)
        return grad

    def apply_gradients(self):
        """One optimizer step for the parameters of every trainable layer."""
        if self.optimizer is None:
            raise ValueError("NeuralNetwork was built with optimizer=None; give it an optimizer such as Adam()")
        for i, layer in enumerate(self.layers):
            if not layer.trainable:
                continue
            for name, param in layer.params.items():
                state = self.optimizer_states.setdefault(f"layer{i}.{name}", {})
                self.optimizer.update(param, layer.grads[name], state)

    def train_on_batch(self, X, y):
        """One gradient step on a batch; returns ``(loss, acc)`` before the step (acc None for a regression loss)."""
        y_pred = self.forward(X, training=True)
        loss, acc = self._evaluate(y, y_pred)
        self.backward_from_loss(y, y_pred)
        self.apply_gradients()
        return loss, acc

    def fit(self, X, y, n_epochs=1, batch_size=32, shuffle=True, verbose=True):
        """Train with mini-batch gradient descent.

        Parameters
        ----------
        X : ndarray of shape (n_samples, *input_shape)
        y : ndarray of shape (n_samples, *output_shape)
            Targets in the form the loss expects (one-hot rows for CrossEntropy).
            For a network with a single output, ``(n_samples,)`` is accepted too.
        n_epochs : int, default=1
        batch_size : int, default=32
        shuffle : bool, default=True
            Visit the samples in a new random order (the network's generator) every epoch.
        verbose : bool, default=True
            Show a progress bar (progressbar33, on stderr).

        Returns
        -------
        history : dict
            ``{"loss": [...], "acc": [...], "val_loss": [...], "val_acc": [...]}``,
            one entry per epoch (training values are sample-weighted means over
            the batches; the validation lists stay empty without
            ``validation_data``; no accuracies for a regression loss).

        Raises
        ------
        ValueError
            Bad data or settings (before any work), or a training loss that
            stopped being finite (the learning rate is too large).
        """
        check_scalar(n_epochs, "n_epochs", "NeuralNetwork.fit", integer=True, low=1)
        check_scalar(batch_size, "batch_size", "NeuralNetwork.fit", integer=True, low=1)
        X, y = self._check_data(X, y, "X", "y")
        validation = self.validation_data
        if validation is not None:
            validation = self._check_data(*validation, "X_val", "y_val")
        self.history = _empty_history(self.loss_function)
        bar = progress_bar(n_epochs) if verbose else None
        for epoch in range(1, n_epochs + 1):
            losses, accs, sizes = [], [], []
            for X_batch, y_batch in batch_iterator(X, y, batch_size, rng=self._rng if shuffle else None):
                loss, acc = self.train_on_batch(X_batch, y_batch)
                if not np.isfinite(loss):
                    raise ValueError(
                        f"NeuralNetwork: training diverged in epoch {epoch} (loss {loss}); "
                        f"use a smaller learning_rate (the optimizer has {_learning_rate(self.optimizer)})"
                    )
                losses.append(loss)
                accs.append(acc)
                sizes.append(len(X_batch))
            self.history["loss"].append(float(np.average(losses, weights=sizes)))
            if "acc" in self.history:
                self.history["acc"].append(float(np.average(accs, weights=sizes)))
            if validation is not None:
                val_loss, val_acc = self.test_on_batch(*validation)
                self.history["val_loss"].append(val_loss)
                if "val_acc" in self.history:
                    self.history["val_acc"].append(val_acc)
            if bar is not None:
                bar.update(epoch)
        if bar is not None:
            bar.finish()
        return self.history

    def test_on_batch(self, X, y):
        """``(loss, acc)`` of the network in inference mode (no update); acc is None for a regression loss."""
        return self._evaluate(y, self.forward(X, training=False))

    def predict(self, X):
        """Output of the network in inference mode (dropout off, running statistics)."""
        return self.forward(X, training=False)

    # ------------------------------------------------------------------ evaluation and input checks

    def _evaluate(self, y, y_pred):
        """``(loss, acc)``; acc is None when the loss has no accuracy (``SquareLoss``)."""
        loss = self.loss_function.loss(y, y_pred)
        acc = self.loss_function.acc(y, y_pred) if hasattr(self.loss_function, "acc") else None
        return loss, acc

    def _check_input(self, X):
        X = np.asarray(X, dtype=self.dtype)
        if not self.layers:
            raise ValueError("The network has no layers; add some with add(layer)")
        expected = tuple(self.layers[0].input_shape)
        if X.shape[1:] != expected:
            raise ValueError(f"The network expects input of shape (n_samples, *{expected}), got {X.shape}")
        return X

    def _check_data(self, X, y, X_name, y_name):
        """Validate training (or validation) data once: finite numbers, shapes, lengths."""
        who = "NeuralNetwork.fit"
        if not self.layers:
            raise ValueError("The network has no layers; add some with add(layer)")
        X = check_array(X, ensure_2d=False, dtype=self.dtype, name=X_name, estimator=who)
        X = self._check_input(X)
        y = check_array(y, ensure_2d=False, dtype=None, ensure_min_samples=0, name=y_name, estimator=who)
        if len(X) != len(y):
            raise ValueError(f"{X_name} and {y_name} have different numbers of samples: {len(X)} and {len(y)}")
        output = tuple(self.output_shape())
        if y.ndim == 1 and output == (1,):
            y = y[:, None]                                     # one output: (n,) means (n, 1)
        if y.shape[1:] != output:
            hint = ""
            if y.ndim == 1 and not isinstance(self.loss_function, SquareLoss):
                hint = "; one-hot encode the labels (mlfromscratch.utils.to_categorical)"
            raise ValueError(
                f"{who}: {y_name} must have shape (n_samples, *{output}) to match the network's output, "
                f"got {y.shape}{hint}"
            )
        return X, y

    # ------------------------------------------------------------------ weights

    @property
    def training_errors(self):
        """Per-epoch training loss of the last ``fit`` (``history["loss"]``)."""
        return self.history["loss"]

    @property
    def validation_errors(self):
        """Per-epoch validation loss of the last ``fit`` (``history["val_loss"]``)."""
        return self.history["val_loss"]

    @property
    def rng(self):
        """The network's ``numpy.random.Generator`` (weights, dropout masks, shuffling)."""
        return self._rng

    @property
    def input_shape(self):
        """Shape of one input sample (the first layer's ``input_shape``), None without layers."""
        return self.layers[0].input_shape if self.layers else None

    def output_shape(self):
        """Shape of one output sample."""
        return self.layers[-1].output_shape()

    def set_trainable(self, trainable):
        """Freeze (False) or unfreeze (True) every layer; frozen layers still pass gradients."""
        for layer in self.layers:
            layer.trainable = bool(trainable)

    def _named_tensors(self, include_buffers=True):
        """``{"layer{i}.{name}": array}`` of every parameter (and running statistic)."""
        named = {}
        for i, layer in enumerate(self.layers):
            for name, value in layer.params.items():
                named[f"layer{i}.{name}"] = value
            if include_buffers:
                for name, value in getattr(layer, "buffers", {}).items():
                    named[f"layer{i}.{name}"] = value
        return named

    def get_weights(self):
        """Copies of every weight array: each layer's ``params``, then its ``buffers``, in layer order.

        As in Keras, the non-trainable BatchNormalization running statistics
        are included, so ``other.set_weights(model.get_weights())`` makes an
        exact copy (e.g. a DQN's target network).
        """
        return [value.copy() for value in self._named_tensors().values()]

    def set_weights(self, weights):
        """Set the weights, in place, from a list (as ``get_weights`` returns) or a dict keyed ``"layer{i}.{name}"``.

        A dict may hold any subset of the keys.
        """
        named = self._named_tensors()
        if not isinstance(weights, dict):
            weights = list(weights)
            if len(weights) != len(named):
                raise ValueError(f"set_weights expects {len(named)} arrays, got {len(weights)}")
            weights = dict(zip(named, weights))
        for key, value in weights.items():
            if key not in named:
                raise ValueError(f"Unknown weight {key!r}; the network has {sorted(named)}")
            value = np.asarray(value)
            if value.shape != named[key].shape:
                raise ValueError(f"Weight {key!r} has shape {named[key].shape}, got {value.shape}")
            named[key][...] = value  # in place: layers keep their arrays

    def n_parameters(self):
        """Total number of trainable parameters."""
        return int(sum(layer.parameters() for layer in self.layers))

    def get_flat_params(self):
        """All parameters concatenated into one vector of length ``n_parameters()``."""
        arrays = self._named_tensors(include_buffers=False).values()
        return np.concatenate([a.ravel() for a in arrays]) if arrays else np.zeros(0)

    def set_flat_params(self, vector):
        """Inverse of ``get_flat_params``: fill every parameter from one vector, in place."""
        vector = np.asarray(vector, dtype=float).ravel()
        arrays = list(self._named_tensors(include_buffers=False).values())
        total = sum(a.size for a in arrays)
        if vector.size != total:
            raise ValueError(f"set_flat_params expects a vector of {total} values, got {vector.size}")
        start = 0
        for a in arrays:
            a[...] = vector[start : start + a.size].reshape(a.shape)
            start += a.size

    def save(self, path):
        """Save the parameters (and BatchNormalization running statistics) as an ``.npz`` archive.

        The file is written at exactly ``path`` (no ``.npz`` is appended), so
        ``load(path)`` with the same path reads it back.
        """
        with open(path, "wb") as file:
            np.savez(file, **{key: np.asarray(value) for key, value in self._named_tensors().items()})

    def load(self, path):
        """Load parameters saved by ``save`` into this (identically built) network."""
        stored = _read_npz(path)
        named = self._named_tensors()
        if set(stored) != set(named):
            missing = sorted(set(named) - set(stored))
            extra = sorted(set(stored) - set(named))
            raise ValueError(f"{path} does not match this network: missing {missing}, unexpected {extra}")
        self.set_weights(stored)
        return self

    def summary(self, name="Model Summary"):
        """The network as a table (Layer Type | Parameters | Output Shape), returned as a string."""
        if not self.layers:
            raise ValueError("The network has no layers; add some with add(layer)")
        rows = [["Layer Type", "Parameters", "Output Shape"]]
        for layer in self.layers:
            rows.append([layer.layer_name(), str(layer.parameters()), _plain_shape(layer.output_shape())])
        lines = [
            table([[name]]),
            f"Input Shape: {_plain_shape(self.layers[0].input_shape)}",
            table(rows),
            f"Total Parameters: {self.n_parameters()}",
        ]
        return "\n".join(lines)


def _read_npz(path):
    """``{name: array}`` from an ``.npz`` archive; a clear ValueError for any other file."""
    what = f"{path} is not a weights file written by NeuralNetwork.save (an .npz archive of arrays)"
    try:
        data = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, pickle.UnpicklingError) as exc:
        raise ValueError(f"{what}: {exc}") from None
    if not isinstance(data, np.lib.npyio.NpzFile):
        raise ValueError(f"{what}: it holds a single array")
    with data:
        return {key: data[key] for key in data.files}


def _ends_in_softmax_cross_entropy(network):
    """True when the network's output is softmax(logits) (or a one-column sigmoid) scored by CrossEntropy."""
    if not network.layers or not isinstance(network.loss_function, CrossEntropy):
        return False
    last = network.layers[-1]
    if not isinstance(last, Activation):
        return False
    func = last.activation_func
    return isinstance(func, Softmax) or (isinstance(func, Sigmoid) and last.output_shape()[-1:] == (1,))


def _check_optimizer_and_loss(optimizer, loss):
    """The optimizer needs ``update`` (or is None); the loss needs ``loss`` and ``gradient``."""
    if optimizer is not None and not callable(getattr(optimizer, "update", None)):
        raise ValueError(
            f"NeuralNetwork: optimizer must be an optimizer object such as Adam() "
            f"(mlfromscratch.deep_learning.optimizers) or None, got {optimizer!r}"
        )
    if not (callable(getattr(loss, "loss", None)) and callable(getattr(loss, "gradient", None))):
        raise ValueError(
            f"NeuralNetwork: loss must be a loss such as CrossEntropy or SquareLoss() "
            f"(mlfromscratch.deep_learning.loss_functions), got {loss!r}"
        )


def _cast_tensors(layer, dtype):
    """Cast a freshly initialised layer's params, grads and buffers to the network's dtype."""
    for tensors in (layer.params, layer.grads, getattr(layer, "buffers", {})):
        for name, value in tensors.items():
            tensors[name] = value.astype(dtype, copy=False)


def _empty_history(loss_function):
    """``{"loss", "val_loss"}`` lists, plus ``"acc"``/``"val_acc"`` when the loss has an accuracy."""
    if hasattr(loss_function, "acc"):
        return {"loss": [], "acc": [], "val_loss": [], "val_acc": []}
    return {"loss": [], "val_loss": []}


def _learning_rate(optimizer):
    """``learning_rate=...`` of the optimizer, for the divergence message."""
    return f"learning_rate={getattr(optimizer, 'learning_rate', '?')}"


def _plain_shape(shape):
    """A shape as a tuple of Python ints, printed as ``(16, 8, 8)``."""
    return str(tuple(int(s) for s in shape))
