"""Multilayer perceptron: a NeuralNetwork of Dense layers, trained by backpropagation or evolution."""

import functools
import numbers

import numpy as np

from mlfromscratch.deep_learning.activation_functions import LeakyReLU, ReLU, get_activation
from mlfromscratch.deep_learning.layers import Activation, Dense
from mlfromscratch.deep_learning.loss_functions import CrossEntropy, SquareLoss
from mlfromscratch.deep_learning.neural_network import NeuralNetwork
from mlfromscratch.deep_learning.optimizers import Adam, Optimizer, StochasticGradientDescent
from mlfromscratch.supervised_learning.neuroevolution import Neuroevolution
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_manipulation import train_test_split
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_X_y,
)


def weight_penalty(network, alpha, l1):
    """Value of the weight penalty alpha/2 sum ||W||^2 + l1 sum |W| over the network's weight matrices.

    Parameters
    ----------
    network : NeuralNetwork
        Every layer with a ``"W"`` parameter (Dense) is penalised; biases are not.
    alpha : float
        L2 strength.
    l1 : float
        L1 strength.

    Returns
    -------
    penalty : float
    """
    weights = [layer.params["W"] for layer in network.layers if "W" in layer.params]
    return float(sum(0.5 * alpha * np.sum(W**2) + l1 * np.sum(np.abs(W)) for W in weights))


def add_penalty_gradients(network, alpha, l1):
    """Add the gradient of ``weight_penalty`` to the stored ``grads["W"]`` of every layer.

    Parameters
    ----------
    network : NeuralNetwork
        Its layers' ``grads["W"]`` (set by ``network.backward``) are replaced
        by the penalised gradients; ``grads["b"]`` are left alone.
    alpha, l1 : float
        As in ``weight_penalty``.

    Notes
    -----
    d/dW [alpha/2 ||W||^2 + l1 |W|_1] = alpha W + l1 sign(W), with sign(0) = 0 (a
    subgradient of |w| at 0). Call between ``network.backward`` and
    ``network.apply_gradients``.
    """
    for layer in network.layers:
        if "W" in layer.params:
            W = layer.params["W"]
            layer.grads["W"] = layer.grads["W"] + alpha * W + l1 * np.sign(W)


class MultilayerPerceptron(BaseEstimator):
    """Fully connected neural network classifier (or regressor) with a scikit-learn interface.

    The model is a ``NeuralNetwork`` of Dense layers, each hidden one followed
    by its activation, trained by mini-batch backpropagation (Adam or SGD with
    momentum) with L2 and L1 weight penalties, or by a genetic algorithm
    (``Neuroevolution``) on the same network.

    Parameters
    ----------
    hidden_layers : tuple of int, default=(64,)
        Units of each hidden layer; ``()`` gives a linear (softmax) model.
    activation : str, activation object, or tuple of them, default="relu"
        Activation of the hidden layers: one for all, or one per hidden layer,
        e.g. ``("relu", "tanh", "softsign")``. Names: "sigmoid", "relu",
        "leaky_relu", "tanh", "softsign" (x / (1 + |x|), the approximated tanh),
        "elu", "selu", "softplus".
    task : {"classification", "regression"}, default="classification"
        Classification: a softmax output layer and the cross-entropy, any
        labels, ``predict_proba``. Regression: a linear output layer and the
        squared error (half the MSE); targets of order 1 train best.
    optimizer : {"adam", "sgd", "genetic"} or Optimizer, default="adam"
        "adam" and "sgd" (with ``momentum``) backpropagate; an ``Optimizer``
        object from ``mlfromscratch.deep_learning`` is used as given;
        "genetic" evolves the weights with ``Neuroevolution``.
    learning_rate : float, default=0.001
        Step size of "adam" and "sgd".
    momentum : float in [0, 1), default=0.9
        Momentum of "sgd".
    batch_size : int, default=32
        Samples per gradient step (capped at the training set size).
    n_epochs : int, default=200
        Passes over the training data, or generations for ``optimizer="genetic"``.
    alpha : float >= 0, default=0.0
        L2 penalty on the weights (not the biases), see Notes.
    l1 : float >= 0, default=0.0
        L1 penalty on the weights (not the biases), see Notes.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data and stop when its
        loss has not improved for ``n_iter_no_change`` epochs; the weights of
        the best epoch are kept. Gradient optimizers only.
    validation_fraction : float in (0, 1), default=0.1
    n_iter_no_change : int, default=10
    population_size, mutation_rate, mutation_scale, selection, n_elite, crossover
        Options of the genetic optimizer, passed to ``Neuroevolution``
        (defaults 50, 0.05, 0.1, "elitist", None, "uniform").
    warm_start : bool, default=False
        When True, ``fit`` continues training the current network (and
        population) instead of starting afresh; the histories grow.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights, the mini-batch order, the validation split
        and the genetic operators.
    verbose : bool, default=False
        Print the loss of every epoch (or the best individual of every generation).

    Attributes
    ----------
    network_ : NeuralNetwork
        The trained network.
    classes_ : ndarray of shape (n_classes,)
        Class labels (classification only).
    n_features_in_ : int
    n_outputs_ : int
        Units of the output layer.
    training_errors_ : ndarray of shape (n_epochs_,)
        Training objective per epoch: mean batch loss plus the penalty
        (gradient optimizers), or the loss of the best individual (genetic).
    validation_errors_ : ndarray
        Validation loss per epoch (empty without early stopping).
    history_ : dict of lists
        "loss" and "val_loss" (gradient optimizers), or the ``Neuroevolution``
        history "fitness", "accuracy", "loss", "mean_fitness" (genetic).
    n_epochs_ : int
        Epochs (or generations) run.
    evolver_ : Neuroevolution
        The genetic optimiser (``optimizer="genetic"`` only).

    Notes
    -----
    With hidden activations g_l, the network computes

        h_0 = x,   h_l = g_l(h_{l-1} W_l + b_l),   output = s(h_L W_out + b_out)

    with s the softmax (classification) or the identity (regression).
    Backpropagation minimises, on each mini-batch B,

        J = (1/|B|) sum_{i in B} loss_i + (alpha / 2) sum_l ||W_l||^2 + l1 sum_l |W_l|_1,

    the penalty being taken over every weight matrix, output layer included,
    and never the biases. The network's ``backward`` gives dloss/dW; the
    penalty adds alpha W + l1 sign(W) (the L1 subgradient, 0 at w = 0) to it
    before the optimizer step. Because the loss is a batch mean, alpha and l1
    do not depend on the batch size (scikit-learn's alpha is ours times the
    batch size). ReLU-family layers start from He-normal weights, the others
    from Glorot-uniform ones.

    The genetic optimizer evolves the flattened weights of the same network
    (see ``Neuroevolution``); it ignores the penalties, ``batch_size`` and the
    learning rate, and its fitness is 1 / (1 + loss) on the training data.

    References
    ----------
    Rumelhart, D. E., Hinton, G. E. and Williams, R. J. (1986). Learning
    representations by back-propagating errors. Nature 323. Goodfellow, I.,
    Bengio, Y. and Courville, A. (2016). Deep Learning, ch. 6-7. MIT Press.

    Examples
    --------
    >>> from mlfromscratch.utils import make_disc_and_ring
    >>> X, y = make_disc_and_ring(200, random_state=0)
    >>> model = MultilayerPerceptron(hidden_layers=(16, 16), activation=("relu", "tanh"),
    ...                              n_epochs=100, learning_rate=0.01, random_state=0).fit(X, y)
    >>> bool(np.mean(model.predict(X) == y) > 0.95)
    True
    """

    def __init__(
        self,
        hidden_layers=(64,),
        activation="relu",
        task="classification",
        optimizer="adam",
        learning_rate=0.001,
        momentum=0.9,
        batch_size=32,
        n_epochs=200,
        alpha=0.0,
        l1=0.0,
        early_stopping=False,
        validation_fraction=0.1,
        n_iter_no_change=10,
        population_size=50,
        mutation_rate=0.05,
        mutation_scale=0.1,
        selection="elitist",
        n_elite=None,
        crossover="uniform",
        warm_start=False,
        random_state=None,
        verbose=False,
    ):
        self.hidden_layers = hidden_layers
        self.activation = activation
        self.task = task
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.batch_size = batch_size
        self.n_epochs = n_epochs
        self.alpha = alpha
        self.l1 = l1
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.population_size = population_size
        self.mutation_rate = mutation_rate
        self.mutation_scale = mutation_scale
        self.selection = selection
        self.n_elite = n_elite
        self.crossover = crossover
        self.warm_start = warm_start
        self.random_state = random_state
        self.verbose = verbose

    # ------------------------------------------------------------------ building

    def _hidden_layout(self):
        """Validated ``[(n_units, activation), ...]`` for the hidden layers."""
        units = (self.hidden_layers,) if isinstance(self.hidden_layers, numbers.Integral) else tuple(self.hidden_layers)
        for n in units:
            check_positive(n, "hidden_layers entry", self, integer=True)
        activations = self.activation if isinstance(self.activation, (tuple, list)) else (self.activation,) * len(units)
        if len(activations) != len(units):
            raise ValueError(
                f"MultilayerPerceptron: activation has {len(activations)} entries for {len(units)} hidden layers"
            )
        for name in activations:
            get_activation(name)                                    # raises ValueError for an unknown name
        return list(zip(units, activations))

    def _optimizer(self):
        if isinstance(self.optimizer, Optimizer):
            return self.optimizer
        if self.optimizer == "sgd":
            return StochasticGradientDescent(learning_rate=self.learning_rate, momentum=self.momentum)
        return Adam(learning_rate=self.learning_rate)

    def _build_network(self, n_inputs, n_outputs, rng):
        """Dense + Activation per hidden layer, then the output layer."""
        classification = self.task == "classification"
        network = NeuralNetwork(self._optimizer(), CrossEntropy() if classification else SquareLoss(), random_state=rng)
        shape = (n_inputs,)
        for n_units, activation in self._hidden_layout():
            relu_like = isinstance(get_activation(activation), (ReLU, LeakyReLU))
            initializer = "he_normal" if relu_like else "glorot_uniform"
            network.add(Dense(n_units, input_shape=shape, kernel_initializer=initializer))
            network.add(Activation(activation))
            shape = None
        network.add(Dense(n_outputs, input_shape=shape))
        if classification:
            network.add(Activation("softmax"))
        return network

    def _check_params(self):
        check_option(self.task, "task", ("classification", "regression"), self)
        if not isinstance(self.optimizer, Optimizer):
            check_option(self.optimizer, "optimizer", ("adam", "sgd", "genetic"), self)
        check_positive(self.learning_rate, "learning_rate", self)
        if not 0 <= self.momentum < 1:
            raise ValueError(f"MultilayerPerceptron: momentum must be in [0, 1), got {self.momentum}")
        check_positive(self.batch_size, "batch_size", self, integer=True)
        check_positive(self.n_epochs, "n_epochs", self, integer=True)
        check_positive(self.alpha, "alpha", self, strict=False)
        check_positive(self.l1, "l1", self, strict=False)
        check_positive(self.n_iter_no_change, "n_iter_no_change", self, integer=True)
        if self.early_stopping and not 0 < self.validation_fraction < 1:
            raise ValueError(
                f"MultilayerPerceptron: validation_fraction must be in (0, 1), got {self.validation_fraction}"
            )
        self._hidden_layout()

    # ------------------------------------------------------------------ training

    def fit(self, X, y):
        """Train the network on (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels of any type (classification), or targets of shape
            (n_samples,) or (n_samples, n_outputs) (regression).

        Returns
        -------
        self
        """
        regression = self.task == "regression"
        X, y = check_X_y(X, y, y_numeric=regression, multi_output=regression, estimator=self)
        self._check_params()
        if regression:
            Y = y.reshape(len(y), -1)                               # (n_samples, n_outputs)
        else:
            classes, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
            Y = np.eye(len(classes))[y_encoded]                     # one-hot, (n_samples, n_classes)
        continuing = self.warm_start and hasattr(self, "network_")
        if continuing and (X.shape[1] != self.n_features_in_ or Y.shape[1] != self.n_outputs_):
            raise ValueError("warm_start fit needs the same features and outputs (classes) as the first fit")
        if continuing and not regression and not np.array_equal(classes, self.classes_):
            raise ValueError("warm_start fit needs the same classes as the first fit")
        if not continuing:
            for stale in ("classes_", "evolver_", "network_"):    # a refit starts from nothing
                self.__dict__.pop(stale, None)
            self._rng = np.random.default_rng(self.random_state)
            self.n_features_in_, self.n_outputs_ = X.shape[1], Y.shape[1]
            if not regression:
                self.classes_ = classes
            self.training_errors_ = np.zeros(0)
            self.validation_errors_ = np.zeros(0)
            self.n_epochs_ = 0
            self.history_ = {}
        if self.optimizer == "genetic":
            errors, val_errors = self._fit_genetic(X, Y, continuing and hasattr(self, "evolver_"))
        else:
            if not continuing:
                self.network_ = self._build_network(X.shape[1], Y.shape[1], self._rng)
            if "val_loss" not in self.history_:                     # new, or warm start after the genetic optimizer
                self.history_ = {"loss": [], "val_loss": []}
            errors, val_errors = self._fit_gradient(X, Y, y if not regression else None)
        self.training_errors_ = np.concatenate([self.training_errors_, errors])
        self.validation_errors_ = np.concatenate([self.validation_errors_, val_errors])
        self.n_epochs_ += len(errors)
        return self

    def _fit_gradient(self, X, Y, labels):
        """Mini-batch backpropagation with the weight penalties; returns the per-epoch errors."""
        network, rng, loss_function = self.network_, self._rng, self.network_.loss_function
        X_val = Y_val = None
        if self.early_stopping:
            X, X_val, Y, Y_val = train_test_split(
                X, Y, test_size=self.validation_fraction, random_state=rng, stratify=labels
            )
            best_val, best_params, epochs_without_improvement = np.inf, network.get_flat_params(), 0
        n_samples = len(X)
        batch_size = min(self.batch_size, n_samples)
        errors, val_errors = [], []
        for epoch in range(self.n_epochs):
            order = rng.permutation(n_samples)
            total = 0.0
            for start in range(0, n_samples, batch_size):
                batch = order[start : start + batch_size]
                output = network.forward(X[batch], training=True)
                total += loss_function.loss(Y[batch], output) * len(batch)
                network.backward(loss_function.gradient(Y[batch], output))
                add_penalty_gradients(network, self.alpha, self.l1)  # dJ/dW = dloss/dW + alpha W + l1 sign(W)
                network.apply_gradients()
            errors.append(total / n_samples + weight_penalty(network, self.alpha, self.l1))
            self.history_["loss"].append(errors[-1])
            message = f"[epoch {self.n_epochs_ + epoch}] loss: {errors[-1]:.5f}"
            if self.early_stopping:
                val_errors.append(loss_function.loss(Y_val, network.predict(X_val)))
                self.history_["val_loss"].append(val_errors[-1])
                message += f", val_loss: {val_errors[-1]:.5f}"
                if val_errors[-1] < best_val:
                    best_val, best_params, epochs_without_improvement = val_errors[-1], network.get_flat_params(), 0
                else:
                    epochs_without_improvement += 1
            if self.verbose:
                print(message)
            if self.early_stopping and epochs_without_improvement >= self.n_iter_no_change:
                break
        if self.early_stopping:
            network.set_flat_params(best_params)                    # the weights of the best epoch
        return np.array(errors), np.array(val_errors)

    def _fit_genetic(self, X, Y, continuing):
        """Evolve the network's weights with Neuroevolution; returns the per-generation best loss."""
        if not continuing:
            rng = self._rng
            self.evolver_ = Neuroevolution(
                population_size=self.population_size,
                mutation_rate=self.mutation_rate,
                # a partial of a method, not a lambda, so that the fitted model pickles
                model_builder=functools.partial(self._build_network, rng=rng),
                random_state=rng,
                mutation_scale=self.mutation_scale,
                selection=self.selection,
                n_elite=self.n_elite,
                crossover=self.crossover,
                warm_start=True,                                    # fit decides when to start afresh
                verbose=self.verbose,
            )
        n_before = len(self.evolver_.history_["loss"]) if continuing else 0
        self.network_, self.history_ = self.evolver_.evolve(X, Y, n_generations=self.n_epochs)
        return np.array(self.history_["loss"][n_before:]), np.zeros(0)

    # ------------------------------------------------------------------ prediction

    def _output(self, X):
        check_is_fitted(self, "network_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return self.network_.predict(X)                             # (n_samples, n_outputs)

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), columns ordered as ``classes_``."""
        if self.task != "classification":
            raise ValueError("predict_proba is only available with task='classification'")
        return self._output(X)

    def predict(self, X):
        """Predicted labels (classification) or values (regression) for ``X``."""
        output = self._output(X)
        if self.task == "classification":
            return self.classes_[np.argmax(output, axis=1)]
        return output[:, 0] if self.n_outputs_ == 1 else output

    def summary(self, name="Multilayer Perceptron"):
        """The trained network as a table (Layer Type | Parameters | Output Shape), as a string."""
        check_is_fitted(self, "network_")
        return self.network_.summary(name)
