"""Autoencoder: a network trained to reproduce its input through a narrow latent code."""

import numpy as np

from mlfromscratch.deep_learning import Activation, Adam, Dense, NeuralNetwork, SquareLoss
from mlfromscratch.deep_learning.activation_functions import get_activation
from mlfromscratch.utils.base import BaseEstimator, TransformerMixin
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
)


class Autoencoder(TransformerMixin, BaseEstimator):
    """Fully connected autoencoder: an encoder to a low-dimensional code and a mirrored decoder.

    Parameters
    ----------
    encoding_dim : int, default=32
        Size of the latent code.
    hidden_layers : tuple of int, default=(512, 256)
        Widths of the encoder's hidden layers; the decoder uses them in reverse order.
    activation : str, default="leaky_relu"
        Activation of the hidden layers (any name ``Activation`` accepts).
    output_activation : str or None, default="sigmoid"
        Activation of the decoder's output: "sigmoid" for data in [0, 1]
        (images), None for a linear output (any real-valued data).
    learning_rate : float, default=0.001
        Adam's step size.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights and the shuffling.
    verbose : bool, default=False
        Print the network summaries and the error after every epoch.

    Attributes
    ----------
    encoder_ : NeuralNetwork
        ``(n, n_features) -> (n, encoding_dim)``; the code layer is linear.
    decoder_ : NeuralNetwork
        ``(n, encoding_dim) -> (n, n_features)``.
    training_errors_ : list of float
        Mean squared reconstruction error ``mean((x - g(f(x)))^2)`` of every
        epoch (mean over the batches, each measured before its update).
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    With encoder ``f`` and decoder ``g`` the network minimises the squared
    reconstruction error ``L = (1/m) sum_i 0.5 ||x_i - g(f(x_i))||^2`` of each
    mini-batch of m samples by Adam. The two halves are separate
    ``NeuralNetwork`` objects trained as one (``fit`` shows the step):

        code  = f(x)                  encoder forward
        x_hat = g(code)               decoder forward
        dL/dcode = decoder backward of dL/dx_hat = (x_hat - x) / m
        encoder backward of dL/dcode, then both optimizers step

    Keeping them apart lets ``encode`` and ``decode`` run each half alone.

    A linear code of size k with linear layers would recover PCA's subspace;
    the non-linear hidden layers let the code follow curved structure.

    References
    ----------
    Hinton, G. E. and Salakhutdinov, R. R. (2006). Reducing the dimensionality
    of data with neural networks. Science, 313(5786), 504-507.
    Goodfellow, I., Bengio, Y. and Courville, A. (2016). Deep Learning, ch. 14. MIT Press.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).random((100, 20))
    >>> ae = Autoencoder(encoding_dim=4, hidden_layers=(16,), random_state=0).fit(X, n_epochs=5)
    >>> ae.encode(X).shape, ae.reconstruct(X).shape
    ((100, 4), (100, 20))
    """

    def __init__(
        self,
        encoding_dim=32,
        hidden_layers=(512, 256),
        activation="leaky_relu",
        output_activation="sigmoid",
        learning_rate=0.001,
        random_state=None,
        verbose=False,
    ):
        self.encoding_dim = encoding_dim
        self.hidden_layers = hidden_layers
        self.activation = activation
        self.output_activation = output_activation
        self.learning_rate = learning_rate
        self.random_state = random_state
        self.verbose = verbose

    def fit(self, X, y=None, n_epochs=20, batch_size=128):
        """Train encoder and decoder to reconstruct ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            In [0, 1] when ``output_activation="sigmoid"``.
        y : ignored
            Present for scikit-learn compatibility; pass the others by keyword,
            ``fit(X, n_epochs=20, batch_size=128)``.
        n_epochs : int, default=20
            Passes over the shuffled data.
        batch_size : int, default=128

        Returns
        -------
        self : Autoencoder
        """
        self._check_params(n_epochs, batch_size)
        X = check_array(X, estimator=self)
        if self.output_activation == "sigmoid" and (X.min() < 0 or X.max() > 1):
            raise ValueError(
                f"Autoencoder with output_activation='sigmoid' expects X in [0, 1], got values in "
                f"[{X.min():g}, {X.max():g}]; scale X or use output_activation=None"
            )
        rng = check_random_state(self.random_state, estimator=self)
        self.n_features_in_ = X.shape[1]
        self.encoder_, self.decoder_ = encoder, decoder = self._build(X.shape[1], rng)
        self.training_errors_ = []
        if self.verbose:
            print(self.summary())

        with np.errstate(over="ignore", invalid="ignore"):          # a diverging loss is reported below
            for epoch in range(1, n_epochs + 1):
                squared_error = 0.0
                for X_batch in batch_iterator(X, batch_size=batch_size, rng=rng):
                    X_hat = decoder.forward(encoder.forward(X_batch, training=True), training=True)
                    grad_code = decoder.backward_from_loss(X_batch, X_hat)  # dL/dcode, (m, encoding_dim)
                    encoder.backward(grad_code)
                    encoder.apply_gradients()
                    decoder.apply_gradients()
                    squared_error += np.sum((X_batch - X_hat) ** 2)
                self.training_errors_.append(float(squared_error / X.size))
                if not np.isfinite(self.training_errors_[-1]):
                    raise ValueError(
                        f"Autoencoder: the reconstruction error became {self.training_errors_[-1]} in epoch "
                        f"{epoch}; training diverged, use a smaller learning_rate (now {self.learning_rate})"
                    )
                if self.verbose:
                    print(f"Epoch {epoch}/{n_epochs}: reconstruction MSE {self.training_errors_[-1]:.5f}")
        return self

    def _check_params(self, n_epochs, batch_size):
        check_positive(self.encoding_dim, "encoding_dim", self, integer=True)
        for width in self.hidden_layers:
            check_positive(width, "hidden_layers", self, integer=True)
        get_activation(self.activation)                             # a ValueError for an unknown name
        if self.output_activation is not None:
            get_activation(self.output_activation)
        check_positive(self.learning_rate, "learning_rate", self)
        check_positive(n_epochs, "n_epochs", self, integer=True)
        check_positive(batch_size, "batch_size", self, integer=True)

    def _build(self, n_features, rng):
        """Encoder n_features -> hidden_layers -> encoding_dim (linear code), decoder in mirror order."""
        encoder = NeuralNetwork(Adam(self.learning_rate), SquareLoss, random_state=rng)
        decoder = NeuralNetwork(Adam(self.learning_rate), SquareLoss, random_state=rng)
        n_inputs = n_features
        for width in self.hidden_layers:  # n_features -> hidden_layers -> encoding_dim
            encoder.add(Dense(width, input_shape=(n_inputs,)))
            encoder.add(Activation(self.activation))
            n_inputs = width
        encoder.add(Dense(self.encoding_dim, input_shape=(n_inputs,)))
        n_inputs = self.encoding_dim
        for width in reversed(self.hidden_layers):  # encoding_dim -> reversed(hidden_layers) -> n_features
            decoder.add(Dense(width, input_shape=(n_inputs,)))
            decoder.add(Activation(self.activation))
            n_inputs = width
        decoder.add(Dense(n_features, input_shape=(n_inputs,)))
        if self.output_activation is not None:
            decoder.add(Activation(self.output_activation))
        return encoder, decoder

    def encode(self, X):
        """The latent code of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        Z : ndarray of shape (n_samples, encoding_dim)
        """
        check_is_fitted(self, "encoder_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return self.encoder_.predict(X)

    def transform(self, X):
        """Same as ``encode`` (the scikit-learn transformer name)."""
        return self.encode(X)

    def fit_transform(self, X, y=None, n_epochs=20, batch_size=128):
        """Fit on ``X`` and return its latent codes ``encode(X)``."""
        return self.fit(X, n_epochs=n_epochs, batch_size=batch_size).encode(X)

    def decode(self, Z):
        """Map latent codes back to the data space.

        Parameters
        ----------
        Z : array-like of shape (n_samples, encoding_dim)

        Returns
        -------
        X_hat : ndarray of shape (n_samples, n_features)
        """
        check_is_fitted(self, "decoder_")
        Z = check_array(Z, name="Z", estimator=self)
        if Z.shape[1] != self.encoding_dim:
            raise ValueError(f"Autoencoder.decode expects Z with {self.encoding_dim} columns, got shape {Z.shape}")
        return self.decoder_.predict(Z)

    def reconstruct(self, X):
        """``decode(encode(X))``: the autoencoder's reconstruction of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_hat : ndarray of shape (n_samples, n_features)
        """
        return self.decode(self.encode(X))

    def summary(self):
        """The encoder's and the decoder's summary tables, as one string."""
        check_is_fitted(self, "encoder_")
        return self.encoder_.summary("Encoder") + "\n\n" + self.decoder_.summary("Decoder")
