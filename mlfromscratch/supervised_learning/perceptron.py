"""Perceptron: a one-layer neural network, trained by gradient descent or by Rosenblatt's rule."""

import numpy as np

from mlfromscratch.deep_learning.activation_functions import Sigmoid
from mlfromscratch.deep_learning.layers import Activation, Dense
from mlfromscratch.deep_learning.loss_functions import CrossEntropy, Loss, SquareLoss
from mlfromscratch.deep_learning.neural_network import NeuralNetwork
from mlfromscratch.deep_learning.optimizers import StochasticGradientDescent
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_random_state,
    check_X_y,
)

_LOSSES = {"square": SquareLoss, "cross_entropy": CrossEntropy}


def _get_loss(loss):
    """A loss object from a name, a Loss class or a Loss instance."""
    if isinstance(loss, str):
        check_option(loss, "loss", tuple(_LOSSES), "Perceptron")
        return _LOSSES[loss]()
    if isinstance(loss, type) and issubclass(loss, Loss):
        return loss()
    if isinstance(loss, Loss):
        return loss
    raise ValueError(f"Perceptron: loss must be one of {list(_LOSSES)} or a Loss class or instance, got {loss!r}")


class Perceptron(ClassifierMixin, BaseEstimator):
    """One-layer neural network classifier: one output unit per class.

    The model is a ``NeuralNetwork`` made of one Dense layer and an
    activation. It is trained either by full-batch gradient descent on a
    differentiable loss, or by Rosenblatt's mistake-driven perceptron rule.

    Parameters
    ----------
    max_iter : int, default=1000
        Training steps: full-batch gradient steps (``rule="gradient"``), or
        single-sample presentations (``rule="rosenblatt"``: the samples are
        visited in order, pass after pass, until a pass makes no mistake).
    activation : str, activation class or object, default=Sigmoid
        Activation of the output units, e.g. ``Sigmoid``, ``"tanh"``, ``"softmax"``.
    loss : {"square", "cross_entropy"}, Loss class or object, default=SquareLoss
        Loss minimised by gradient descent, on one-hot targets.
    learning_rate : float > 0, default=1.0
        Step size of either rule. (The classic used 0.01 on a gradient summed
        over the samples; the loss here is a mean over the samples, so the
        equivalent step is n_samples times larger.)
    rule : {"gradient", "rosenblatt"}, default="gradient"
        The training rule (see Notes).
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights (gradient rule).

    Attributes
    ----------
    network_ : NeuralNetwork
        Dense(n_classes) followed by the activation.
    coef_ : ndarray of shape (n_features, n_classes)
        The Dense layer's weights W (the network's own array).
    intercept_ : ndarray of shape (n_classes,)
        Its biases b.
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    training_errors_ : ndarray
        Loss after each gradient step, or the number of mistakes in each pass
        of the Rosenblatt rule.
    n_iter_ : int
        Steps (gradient) or sample presentations (Rosenblatt) run.

    Notes
    -----
    The network computes p = f(x W + b), one unit per class, and predicts the
    class of the largest p (f is increasing, so that is also the largest score
    x W + b).

    Gradient rule: targets are one-hot rows y; each step on the whole training
    set is W <- W - learning_rate dL/dW (and the same for b) with L the mean loss,
    the gradient coming from the network's backward pass.

    Rosenblatt rule (one-vs-rest): unit k answers "class k or not" with
    t_k = +1 or -1. W and b start at 0 and, for each presented sample x,

        s = x W + b;   for every unit k with t_k s_k <= 0 (a mistake):
        W[:, k] <- W[:, k] + learning_rate t_k x,   b_k <- b_k + learning_rate t_k.

    For two classes the two units stay exact opposites, which is the classic
    single perceptron. On linearly separable data the rule stops after finitely
    many mistakes (Novikoff's theorem); starting from 0, the learning rate only
    scales the weights and does not change the predictions.

    References
    ----------
    Rosenblatt, F. (1958). The perceptron: a probabilistic model for information
    storage and organization in the brain. Psychological Review 65(6).
    Novikoff, A. B. J. (1962). On convergence proofs on perceptrons.

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> y = np.array(["off", "off", "off", "on"])        # logical AND
    >>> model = Perceptron(rule="rosenblatt", max_iter=100).fit(X, y)
    >>> model.predict(X).tolist()
    ['off', 'off', 'off', 'on']
    """

    def __init__(
        self,
        max_iter=1000,
        activation=Sigmoid,
        loss=SquareLoss,
        learning_rate=1.0,
        rule="gradient",
        random_state=None,
    ):
        self.max_iter = max_iter
        self.activation = activation
        self.loss = loss
        self.learning_rate = learning_rate
        self.rule = rule
        self.random_state = random_state

    def fit(self, X, y):
        """Fit the perceptron.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any type, at least two distinct.

        Returns
        -------
        self
        """
        X, y = check_X_y(X, y, estimator=self)
        check_positive(self.max_iter, "max_iter", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        check_option(self.rule, "rule", ("gradient", "rosenblatt"), self)
        loss = _get_loss(self.loss)
        self.classes_, y_encoded = check_classification_targets(y, min_classes=2, estimator=self)
        self.n_features_in_ = X.shape[1]
        Y = np.eye(len(self.classes_))[y_encoded]                   # one-hot, (n_samples, n_classes)

        rng = check_random_state(self.random_state, estimator=self)
        network = NeuralNetwork(StochasticGradientDescent(self.learning_rate), loss, random_state=rng)
        # U(-1/sqrt(n_features), 1/sqrt(n_features)), the classic perceptron's initial weights
        network.add(Dense(len(self.classes_), input_shape=(X.shape[1],), kernel_initializer="lecun_uniform"))
        network.add(Activation(self.activation))
        self.network_ = network
        if self.rule == "gradient":
            errors = [network.train_on_batch(X, Y)[0] for _ in range(self.max_iter)]
            self.n_iter_ = self.max_iter
        else:
            errors = self._fit_rosenblatt(X, 2 * Y - 1)
        self.training_errors_ = np.array(errors)
        self.coef_ = network.layers[0].params["W"]
        self.intercept_ = network.layers[0].params["b"]
        return self

    def _fit_rosenblatt(self, X, T):
        """Rosenblatt's rule, one-vs-rest; ``T`` holds targets +-1, shape (n_samples, n_classes).

        Sequential by nature: each update depends on the previous one. Returns
        the number of mistakes made in each pass.
        """
        dense = self.network_.layers[0]
        W, b = dense.params["W"], dense.params["b"]
        W[...] = 0.0
        b[...] = 0.0
        n_samples = len(X)
        mistakes_per_pass = []
        for step in range(self.max_iter):
            i = step % n_samples
            if i == 0:
                mistakes_per_pass.append(0)
            score = dense.forward_pass(X[i : i + 1], training=False)[0]   # x W + b, (n_classes,)
            wrong = T[i] * score <= 0                                       # (n_classes,)
            if wrong.any():
                W += self.learning_rate * np.outer(X[i], T[i] * wrong)     # only the wrong units move
                b += self.learning_rate * T[i] * wrong
                mistakes_per_pass[-1] += 1
            if i == n_samples - 1 and mistakes_per_pass[-1] == 0:
                break                                                       # a pass without a mistake
        self.n_iter_ = step + 1
        return mistakes_per_pass

    def predict(self, X):
        """Predicted labels for ``X``, in the label space of ``classes_``."""
        check_is_fitted(self, "network_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return self.classes_[np.argmax(self.network_.predict(X), axis=1)]
