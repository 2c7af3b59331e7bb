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
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_random_state,
    check_scalar,
    check_X_y,
)


class MultilayerPerceptron(BaseEstimator):
    """Fully connected neural network classifier (or regressor) trained by backpropagation.

    The model is a ``NeuralNetwork`` of Dense layers, each hidden one followed
    by its own activation, trained by mini-batch gradient descent (Adam, or SGD
    with momentum) on the loss plus L2 and L1 weight penalties, or, with
    ``optimizer="genetic"``, by a genetic algorithm on the same network.

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
        labels, ``predict_proba``, ``score`` = accuracy. Regression: a linear
        output layer and the squared error (half the MSE), ``score`` = R^2;
        targets of order 1 train best.
    optimizer : {"adam", "sgd", "genetic"} or Optimizer, default="adam"
        "adam" and "sgd" (with ``momentum``) backpropagate; an ``Optimizer``
        object from ``mlfromscratch.deep_learning`` is used as given;
        "genetic" evolves the weights with ``Neuroevolution``.
    learning_rate : float > 0, default=0.001
        Step size of "adam" and "sgd".
    momentum : float in [0, 1), default=0.9
        Momentum of "sgd".
    batch_size : int >= 1, default=32
        Samples per gradient step (the whole set if it has fewer).
    n_epochs : int >= 1, default=200
        Passes over the training data, or generations for ``optimizer="genetic"``.
    alpha : float >= 0, default=0.0
        L2 penalty on the weights (not the biases), see Notes.
    l1 : float >= 0, default=0.0
        L1 penalty on the weights (not the biases), see Notes.
    population_size : int >= 2, default=50
        Individuals of the genetic optimizer (``Neuroevolution``).
    mutation_rate : float in [0, 1], default=0.05
        Probability that the genetic optimizer mutates a weight of a child.
    mutation_scale : float > 0, default=0.1
        Standard deviation of a mutation.
    warm_start : bool, default=False
        When True, ``fit`` continues training the current network (and, for
        the genetic optimizer, its population) with the same optimizer instead
        of starting afresh; the histories grow. Changing ``optimizer`` starts afresh.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights, the mini-batch order and the genetic operators.
    verbose : bool, default=False
        Print the loss of every epoch (or the best individual of every generation).

    Attributes
    ----------
    network_ : NeuralNetwork
        The trained network.
    classes_ : ndarray of shape (n_classes,)
        Class labels (classification only).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_outputs_ : int
        Units of the output layer.
    training_errors_ : ndarray of shape (n_epochs_,)
        Training objective per epoch: mean batch loss plus the penalty
        (gradient optimizers), or the loss of the best individual (genetic).
    history_ : dict of lists
        ``{"loss": training_errors_}`` (gradient optimizers), or the
        ``Neuroevolution`` history "fitness", "accuracy", "loss",
        "mean_fitness" (genetic).
    n_epochs_ : int
        Epochs (or generations) run.
    evolver_ : Neuroevolution
        The genetic optimiser (``optimizer="genetic"`` only).

    Notes
    -----
    **Forward pass.** For a mini-batch X of m rows the network computes, layer
    by layer (l = 1 .. L, hidden activations g_l, output layer L + 1),

        a_0 = X
        z_l = a_{l-1} W_l + b_l,  a_l = g_l(z_l)        Dense, then Activation
        P = s(a_L W_{L+1} + b_{L+1})                      output Dense (+ Activation)

    with s the softmax (classification, one-hot targets Y) or the identity
    (regression). Training minimises, on each mini-batch,

        J = (1/m) sum_i loss(y_i, p_i) + (alpha/2) sum_l ||W_l||^2 + l1 sum_l |W_l|_1,

    the penalty taken over every weight matrix, output layer included, and
    never the biases.

    **Backward pass (backpropagation).** Write delta_l = dJ/dz_l (m rows). Then

        delta_{L+1} = (P - Y) / m                 output delta
        dJ/dW_l = a_{l-1}^T delta_l + alpha W_l + l1 sign(W_l)
        dJ/db_l = sum over the rows of delta_l
        delta_{l-1} = (delta_l W_l^T) * g'_{l-1}(z_{l-1})    hidden delta

    and the optimizer steps every W_l, b_l against its gradient. Each line is
    computed by one layer or function, called from ``fit``:

    - the output delta: ``NeuralNetwork.backward_from_loss`` starts the
      backward pass with (P - Y)/m: ``CrossEntropy.logits_gradient`` below
      the softmax layer (the chain rule through the softmax gives the same,
      less accurately), ``SquareLoss.gradient`` for regression;
    - the weight and bias gradients: ``Dense.backward_pass`` stores
      a_{l-1}^T delta_l and the row sums of delta_l in ``grads``, and returns
      delta_l W_l^T for the layer below;
    - the hidden delta: the ``Activation`` layer's ``backward_pass`` multiplies
      delta_l W_l^T elementwise by g'(z) (the derivative of its activation);
    - the penalty terms: ``add_penalty_gradients`` adds alpha W + l1 sign(W)
      (the L1 subgradient, 0 at w = 0) to every ``grads["W"]``;
    - the step: ``NeuralNetwork.apply_gradients`` hands ``params`` and ``grads``
      to the optimizer (Adam, or SGD with momentum).

    Because the loss is a batch mean, alpha and l1 do not depend on the batch
    size (scikit-learn's alpha is ours times the batch size). ReLU-family
    layers start from He-normal weights, the others from Glorot-uniform ones.

    **Genetic optimizer.** ``optimizer="genetic"`` hands the same network to
    ``Neuroevolution``, which evolves its flattened weights by selection,
    crossover and mutation (see its Notes); it ignores the penalties,
    ``batch_size`` and the learning rate, and its fitness is 1 / (1 + loss)
    on the training data.

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
    >>> model.score(X, y) > 0.95
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
        population_size=50,
        mutation_rate=0.05,
        mutation_scale=0.1,
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
        self.population_size = population_size
        self.mutation_rate = mutation_rate
        self.mutation_scale = mutation_scale
        self.warm_start = warm_start
        self.random_state = random_state
        self.verbose = verbose

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
        classes, Y = self._targets(y)                               # Y: (n_samples, n_outputs)
        if not self._continuing(X, Y, classes):
            self._start_afresh(X, Y, classes)
        if self.optimizer == "genetic":
            return self._evolve(X, Y)

        # Backpropagation on mini-batches (see Notes for what each line computes).
        network, loss_function = self.network_, self.network_.loss_function
        errors = []
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging loss is reported below
            # epochs are counted on from an earlier fit when warm-starting (n_epochs_ is 0 otherwise)
            for epoch in range(self.n_epochs_, self.n_epochs_ + self.n_epochs):
                loss_sum = 0.0                                             # sum of the per-sample losses
                for X_batch, Y_batch in batch_iterator(X, Y, batch_size=self.batch_size, rng=self._rng):
                    P = network.forward(X_batch, training=True)            # forward pass, (m, n_outputs)
                    loss_sum += loss_function.loss(Y_batch, P) * len(X_batch)  # batch mean times m
                    network.backward_from_loss(Y_batch, P)                 # deltas, dloss/dW and dloss/db
                    add_penalty_gradients(network, self.alpha, self.l1)    # + alpha W + l1 sign(W)
                    network.apply_gradients()                              # the optimizer step
                # J of the epoch: the mean loss over the training set plus the penalty at its end
                errors.append(loss_sum / len(X) + weight_penalty(network, self.alpha, self.l1))
                if not np.isfinite(errors[-1]):
                    raise ValueError(
                        f"MultilayerPerceptron: the training loss became {errors[-1]} in epoch {epoch}; "
                        f"training diverged, use a smaller learning_rate (now {self.learning_rate})"
                    )
                if self.verbose:
                    print(f"[epoch {epoch}] loss: {errors[-1]:.5f}")
        self._record(errors)
        self.history_ = {"loss": list(self.training_errors_)}
        return self

    def _evolve(self, X, Y):
        """``optimizer="genetic"``: ``Neuroevolution`` evolves the weights of the same network."""
        if not hasattr(self, "evolver_"):
            self.evolver_ = Neuroevolution(
                self.population_size,
                self.mutation_rate,
                # a partial of a method, not a lambda, so that the fitted model pickles
                model_builder=functools.partial(self._build_network, rng=self._rng),
                random_state=self._rng,
                mutation_scale=self.mutation_scale,
                warm_start=True,                                    # fit decides when to start afresh
                verbose=self.verbose,
            )
        n_before = self.n_epochs_
        self.network_, self.history_ = self.evolver_.evolve(X, Y, n_generations=self.n_epochs)
        self._record(self.history_["loss"][n_before:])
        return self

    # ------------------------------------------------------------------ prediction

    @property
    def predict_proba(self):
        """``predict_proba(X)``: class probabilities, shape (n_samples, n_classes), columns ordered as ``classes_``.

        Only with ``task="classification"``; a regressor has no such method
        (``hasattr(model, "predict_proba")`` is False), as in scikit-learn.
        """
        if self.task != "classification":
            raise AttributeError("predict_proba is only available with task='classification'")
        return self._output

    def predict(self, X):
        """Predicted labels (classification) or values (regression) for ``X``."""
        output = self._output(X)
        if self.task == "classification":
            return self.classes_[np.argmax(output, axis=1)]
        return output[:, 0] if self.n_outputs_ == 1 else output

    def score(self, X, y, sample_weight=None):
        """Accuracy (classification) or R^2 (regression) of ``predict(X)`` against ``y``."""
        role = ClassifierMixin if self.task == "classification" else RegressorMixin
        return role.score(self, X, y, sample_weight)

    def summary(self, name="Multilayer Perceptron"):
        """The trained network as a table (Layer Type | Parameters | Output Shape), as a string."""
        check_is_fitted(self, "network_")
        return self.network_.summary(name)

    def _output(self, X):
        check_is_fitted(self, "network_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return self.network_.predict(X)                             # (n_samples, n_outputs)

    # ------------------------------------------------------------------ building and checking

    def _build_network(self, n_inputs, n_outputs, rng):
        """Dense + Activation per hidden layer, then the output layer (+ softmax for classification)."""
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

    def _optimizer(self):
        if isinstance(self.optimizer, Optimizer):
            return self.optimizer
        if self.optimizer == "sgd":
            return StochasticGradientDescent(learning_rate=self.learning_rate, momentum=self.momentum)
        return Adam(learning_rate=self.learning_rate)

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

    def _check_params(self):
        check_option(self.task, "task", ("classification", "regression"), self)
        if not isinstance(self.optimizer, Optimizer):
            check_option(self.optimizer, "optimizer", ("adam", "sgd", "genetic"), self)
        check_positive(self.learning_rate, "learning_rate", self)
        check_scalar(self.momentum, "momentum", self, low=0, high=1, include_high=False)
        check_positive(self.batch_size, "batch_size", self, integer=True)
        check_positive(self.n_epochs, "n_epochs", self, integer=True)
        check_positive(self.alpha, "alpha", self, strict=False)
        check_positive(self.l1, "l1", self, strict=False)
        check_scalar(self.population_size, "population_size", self, integer=True, low=2)
        check_scalar(self.mutation_rate, "mutation_rate", self, low=0, high=1)
        check_positive(self.mutation_scale, "mutation_scale", self)
        self._hidden_layout()

    def _targets(self, y):
        """The classes (None for regression) and the network's targets: one-hot rows, or y as a column."""
        if self.task == "regression":
            return None, y.reshape(len(y), -1)                      # (n_samples, n_outputs)
        classes, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        return classes, np.eye(len(classes))[y_encoded]             # one-hot, (n_samples, n_classes)

    def _continuing(self, X, Y, classes):
        """Whether this fit continues the last one (warm start with the same optimizer and data layout)."""
        if not (self.warm_start and hasattr(self, "network_")):
            return False
        if (self.optimizer == "genetic") != hasattr(self, "evolver_"):
            return False                                            # another optimizer: start afresh
        if X.shape[1] != self.n_features_in_ or Y.shape[1] != self.n_outputs_:
            raise ValueError("warm_start fit needs the same features and outputs (classes) as the first fit")
        if classes is not None and not np.array_equal(classes, getattr(self, "classes_", None)):
            raise ValueError("warm_start fit needs the same classes as the first fit")
        return True

    def _start_afresh(self, X, Y, classes):
        for stale in ("classes_", "evolver_", "network_"):         # a refit starts from nothing
            self.__dict__.pop(stale, None)
        self._rng = check_random_state(self.random_state, estimator=self)
        self.n_features_in_, self.n_outputs_ = X.shape[1], Y.shape[1]
        if classes is not None:
            self.classes_ = classes
        self.training_errors_ = np.zeros(0)
        self.n_epochs_ = 0
        if self.optimizer != "genetic":
            self.network_ = self._build_network(X.shape[1], Y.shape[1], self._rng)

    def _record(self, errors):
        self.training_errors_ = np.concatenate([self.training_errors_, errors])
        self.n_epochs_ += len(errors)

    # ------------------------------------------------------------------ scikit-learn role (follows task)

    @property
    def _estimator_type(self):
        return "classifier" if self.task == "classification" else "regressor"

    def __sklearn_tags__(self):
        # the role follows `task`: scikit-learn's ClassifierMixin / RegressorMixin tags
        from sklearn.utils import ClassifierTags, RegressorTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = self._estimator_type
        if self.task == "classification":
            tags.classifier_tags = ClassifierTags()
        else:
            tags.regressor_tags = RegressorTags()
            tags.target_tags.multi_output = True                    # y of shape (n_samples, n_outputs)
        tags.target_tags.required = True
        return tags


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
    if alpha == 0 and l1 == 0:
        return
    for layer in network.layers:
        if "W" in layer.params:
            W = layer.params["W"]
            layer.grads["W"] = layer.grads["W"] + alpha * W + l1 * np.sign(W)
