"""Variational autoencoder (Kingma & Welling, 2014): an encoder to q(z|x), a decoder to p(x|z), trained on the ELBO."""

import numpy as np

from mlfromscratch.deep_learning import Activation, Adam, Dense, NeuralNetwork, SigmoidCrossEntropy, SquareLoss
from mlfromscratch.deep_learning.activation_functions import get_activation
from mlfromscratch.utils.base import BaseEstimator, TransformerMixin
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.numerics import sigmoid
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_random_state,
)


def kl_to_standard_normal(mu, log_var):
    """KL(N(mu, diag(exp(log_var))) || N(0, I)) of each row, in closed form.

    Parameters
    ----------
    mu, log_var : ndarray of shape (n_samples, latent_dim)
        Mean and log-variance log sigma^2 of each diagonal Gaussian q(z|x).

    Returns
    -------
    kl : ndarray of shape (n_samples,)
        0.5 sum_j (sigma_j^2 + mu_j^2 - 1 - log sigma_j^2), in nats.

    Examples
    --------
    >>> float(kl_to_standard_normal(np.array([[1.0]]), np.array([[0.0]]))[0])
    0.5
    """
    return 0.5 * np.sum(np.exp(log_var) + mu**2 - 1.0 - log_var, axis=1)


def kl_to_standard_normal_gradient(mu, log_var):
    """Exact gradient of ``kl_to_standard_normal`` of each row.

    Returns
    -------
    grad_mu : ndarray of shape (n_samples, latent_dim)
        dKL/dmu = mu.
    grad_log_var : ndarray of shape (n_samples, latent_dim)
        dKL/dlog sigma^2 = 0.5 (sigma^2 - 1).
    """
    return mu, 0.5 * (np.exp(log_var) - 1.0)


class VariationalAutoencoder(TransformerMixin, BaseEstimator):
    """Variational autoencoder with a Gaussian latent code and a Bernoulli decoder for data in [0, 1].

    Parameters
    ----------
    latent_dim : int, default=2
        Dimension d of the latent code z. Two lets the latent space be drawn
        (the example's map); larger codes give a higher ELBO and sharper samples.
    hidden_layers : tuple of int, default=(512,)
        Widths of the encoder's hidden layers; the decoder uses them in reverse order.
    activation : str, default="relu"
        Activation of the hidden layers (any name ``Activation`` accepts).
    learning_rate : float, default=0.001
        Adam's step size.
    n_epochs : int, default=20
        Passes over the shuffled data.
    batch_size : int, default=100
        Samples per gradient step (M = 100 in the paper).
    dtype : {"float64", "float32"}, default="float64"
        Floating-point type of the two networks; "float32" roughly doubles the speed.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights, the shuffling and the noise eps.
    verbose : bool, default=False
        Print the network summaries and the training ELBO after every epoch.

    Attributes
    ----------
    encoder_ : NeuralNetwork
        ``(n, n_features) -> (n, 2 * latent_dim)``: the columns are (mu, log sigma^2).
    decoder_ : NeuralNetwork
        ``(n, latent_dim) -> (n, n_features)``: the logits of the pixel probabilities.
    history_ : dict of lists
        Per epoch: ``"elbo"``, ``"reconstruction"`` and ``"kl"`` (training means
        per sample, each batch measured before its update) and ``"val_elbo"``
        (``elbo(X_val)`` after the epoch, with the same seeded eps every epoch;
        empty without ``X_val``).
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Shapes: x (m, D) a batch of m samples with D features, z (m, d).

    The generative model is p(z) = N(0, I) and p(x|z) = prod_k Bernoulli(x_k;
    sigmoid(g(z))_k) for a decoder network g; pixel intensities in [0, 1] are
    used as the Bernoulli targets, as in the paper's MNIST experiments (a
    Gaussian p(x|z) would suit real-valued data). The encoder f approximates the
    posterior by q(z|x) = N(mu, diag(sigma^2)) with (mu, log sigma^2) = f(x).

    Training maximises the evidence lower bound of every sample,

        log p(x) >= ELBO(x) = E_q[log p(x|z)] - KL(q(z|x) || p(z)),

    and minimises L = -(1/m) sum_i ELBO(x_i) on each batch by Adam:

        1. encode:  (mu, log sigma^2) = f(x)                      (m, d) each
        2. sample:  z = mu + sigma * eps,  eps ~ N(0, I)           (m, d)
        3. decode:  logits = g(z)                                 (m, D)
        4. loss:    Rec = -(1/m) sum_i log p(x_i|z_i)
                        = (1/m) sum_ik [log(1 + exp(logits)) - x logits]_ik
                    KL  = (1/m) sum_i 0.5 sum_j (sigma^2 + mu^2 - 1 - log sigma^2)_ij
                    L   = Rec + KL
        5. decoder backward:  dRec/dlogits = (sigmoid(logits) - x) / m  gives dRec/dz
        6. through z:  dL/dmu          = dRec/dz + mu / m
                       dL/dlog sigma^2 = dRec/dz * eps * 0.5 * sigma + 0.5 (sigma^2 - 1) / m
        7. encoder backward of (dL/dmu, dL/dlog sigma^2), then both optimizers step.

    Step 2 is the reparameterisation trick: z is a deterministic, differentiable
    function of (mu, sigma) and the noise eps, so the one-sample Monte-Carlo
    estimate of E_q[log p(x|z)] has a gradient with respect to the encoder
    (dz/dmu = 1, dz/dlog sigma^2 = 0.5 sigma eps). The KL term is exact (the
    paper's second estimator, with the Gaussian KL of its Appendix B), so only
    the reconstruction term is sampled. Rec and its gradient are the decoder's
    ``SigmoidCrossEntropy`` loss on the logits (stable for any logit).

    References
    ----------
    Kingma, D. P. and Welling, M. (2014). Auto-encoding variational Bayes.
    ICLR 2014, arXiv:1312.6114.
    Doersch, C. (2016). Tutorial on variational autoencoders. arXiv:1606.05908.

    Examples
    --------
    >>> X = (np.random.default_rng(0).random((60, 16)) > 0.5).astype(float)
    >>> vae = VariationalAutoencoder(latent_dim=2, hidden_layers=(8,), n_epochs=3, random_state=0).fit(X)
    >>> vae.transform(X).shape, vae.sample(4).shape
    ((60, 2), (4, 16))
    """

    def __init__(
        self,
        latent_dim=2,
        hidden_layers=(512,),
        activation="relu",
        learning_rate=0.001,
        n_epochs=20,
        batch_size=100,
        dtype="float64",
        random_state=None,
        verbose=False,
    ):
        self.latent_dim = latent_dim
        self.hidden_layers = hidden_layers
        self.activation = activation
        self.learning_rate = learning_rate
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.dtype = dtype
        self.random_state = random_state
        self.verbose = verbose

    def fit(self, X, y=None, X_val=None):
        """Train encoder and decoder by maximising the ELBO of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data in [0, 1] (e.g. images scaled to [0, 1]).
        y : ignored
            Present for scikit-learn compatibility.
        X_val : array-like of shape (n_val, n_features), optional
            Held-out data whose ``elbo`` is recorded after every epoch.

        Returns
        -------
        self : VariationalAutoencoder
        """
        self._check_params()
        X = self._check_data(X, fitting=True)
        rng = check_random_state(self.random_state, estimator=self)
        self.n_features_in_ = X.shape[1]
        if X_val is not None:
            X_val = self._check_data(X_val, name="X_val")
        self.encoder_, self.decoder_ = encoder, decoder = self._build(X.shape[1], rng)
        self._rng = rng                                              # sample() continues the seeded stream
        self.history_ = {"elbo": [], "reconstruction": [], "kl": [], "val_elbo": []}
        if self.verbose:
            print(self.summary())

        with np.errstate(over="ignore", invalid="ignore"):          # a diverging loss is reported below
            for epoch in range(1, self.n_epochs + 1):
                reconstruction_sum, kl_sum = 0.0, 0.0
                for X_batch in batch_iterator(X, batch_size=self.batch_size, rng=rng):
                    eps = rng.standard_normal((len(X_batch), self.latent_dim), dtype=encoder.dtype)  # (m, d)
                    reconstruction, kl = self._negative_elbo_backward(X_batch, eps)  # steps 1-7: fills the grads
                    encoder.apply_gradients()
                    decoder.apply_gradients()
                    reconstruction_sum += reconstruction * len(X_batch)
                    kl_sum += kl * len(X_batch)
                self._record_epoch(epoch, reconstruction_sum / len(X), kl_sum / len(X), X_val)
        return self

    def _negative_elbo_backward(self, X, eps):
        """Steps 1-7 of the Notes on one batch: L = Rec + KL and its gradient in every layer's ``grads``.

        Parameters
        ----------
        X : ndarray of shape (m, n_features)
        eps : ndarray of shape (m, latent_dim)
            The standard normal noise of the reparameterisation.

        Returns
        -------
        reconstruction, kl : float
            Rec = -(1/m) sum_i log p(x_i|z_i) and KL = (1/m) sum_i KL(q(z|x_i) || p(z)).
        """
        encoder, decoder = self.encoder_, self.decoder_
        m = len(X)
        mu, log_var = np.split(encoder.forward(X), 2, axis=1)           # 1. encode, (m, d) each
        sigma = np.exp(0.5 * log_var)
        z = mu + sigma * eps                                             # 2. sample (reparameterisation)
        logits = decoder.forward(z)                                      # 3. decode, (m, D)
        reconstruction = decoder.loss_function.loss(X, logits)           # 4. Rec (SigmoidCrossEntropy)
        kl = float(np.mean(kl_to_standard_normal(mu, log_var)))         #    KL, closed form
        grad_z = decoder.backward_from_loss(X, logits)                   # 5. dRec/dz, (m, d)
        kl_mu, kl_log_var = kl_to_standard_normal_gradient(mu, log_var)  # 6. through z, plus dKL
        grad_mu = grad_z + kl_mu / m
        grad_log_var = grad_z * eps * 0.5 * sigma + kl_log_var / m
        encoder.backward(np.concatenate([grad_mu, grad_log_var], axis=1))  # 7. encoder grads
        return reconstruction, kl

    def _record_epoch(self, epoch, reconstruction, kl, X_val):
        """Append the epoch's means to ``history_``; stop with a ValueError once they are not finite."""
        elbo = -(reconstruction + kl)
        if not np.isfinite(elbo):
            raise ValueError(
                f"VariationalAutoencoder: the ELBO became {elbo} in epoch {epoch}; training diverged, "
                f"use a smaller learning_rate (now {self.learning_rate})"
            )
        self.history_["elbo"].append(float(elbo))
        self.history_["reconstruction"].append(float(reconstruction))
        self.history_["kl"].append(float(kl))
        if X_val is not None:
            self.history_["val_elbo"].append(self.elbo(X_val))
        if self.verbose:
            val = f", held-out ELBO {self.history_['val_elbo'][-1]:.2f}" if X_val is not None else ""
            print(f"Epoch {epoch}/{self.n_epochs}: ELBO {elbo:.2f} (reconstruction {reconstruction:.2f}, "
                  f"KL {kl:.2f}){val}")

    def _check_params(self):
        check_positive(self.latent_dim, "latent_dim", self, integer=True)
        if isinstance(self.hidden_layers, (str, bytes)) or not np.iterable(self.hidden_layers):
            raise ValueError(f"VariationalAutoencoder: hidden_layers must be a tuple of widths, "
                             f"got {self.hidden_layers!r}")
        for width in self.hidden_layers:
            check_positive(width, "hidden_layers", self, integer=True)
        get_activation(self.activation)                                 # a ValueError for an unknown name
        check_positive(self.learning_rate, "learning_rate", self)
        check_positive(self.n_epochs, "n_epochs", self, integer=True)
        check_positive(self.batch_size, "batch_size", self, integer=True)
        check_option(self.dtype, "dtype", ("float64", "float32"), self)

    def _check_data(self, X, name="X", fitting=False):
        """A finite 2-D array in [0, 1] (with the fitted number of features after ``fit``)."""
        X = check_array(X, name=name, estimator=self)
        if not fitting:
            check_n_features(self, X)
        if X.min() < 0 or X.max() > 1:
            raise ValueError(
                f"VariationalAutoencoder expects {name} in [0, 1] (the Bernoulli decoder's range), got values "
                f"in [{X.min():g}, {X.max():g}]; scale it, e.g. images / 255"
            )
        return X

    def _build(self, n_features, rng):
        """Encoder D -> hidden_layers -> 2d (mu, log sigma^2); decoder d -> reversed(hidden_layers) -> D logits."""
        optimizer = Adam(self.learning_rate)                             # holds hyperparameters only: shared
        # the encoder is trained through backward(dL/d(mu, log sigma^2)); its own loss is never used
        encoder = NeuralNetwork(optimizer, SquareLoss, random_state=rng, dtype=self.dtype)
        decoder = NeuralNetwork(optimizer, SigmoidCrossEntropy, random_state=rng, dtype=self.dtype)
        n_inputs = n_features
        for width in self.hidden_layers:
            encoder.add(Dense(width, input_shape=(n_inputs,)))
            encoder.add(Activation(self.activation))
            n_inputs = width
        encoder.add(Dense(2 * self.latent_dim, input_shape=(n_inputs,)))
        n_inputs = self.latent_dim
        for width in reversed(self.hidden_layers):
            decoder.add(Dense(width, input_shape=(n_inputs,)))
            decoder.add(Activation(self.activation))
            n_inputs = width
        decoder.add(Dense(n_features, input_shape=(n_inputs,)))        # logits; sigmoid in the loss
        return encoder, decoder

    def encode(self, X):
        """Parameters of q(z|x) for each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data in [0, 1].

        Returns
        -------
        mu, log_var : ndarray of shape (n_samples, latent_dim)
            Mean and log-variance log sigma^2 of the Gaussian posterior approximation.
        """
        check_is_fitted(self, "encoder_")
        X = self._check_data(X)
        mu, log_var = np.split(self.encoder_.predict(X), 2, axis=1)
        return mu, log_var

    def transform(self, X):
        """The posterior mean mu(x) of each sample, shape (n_samples, latent_dim)."""
        return self.encode(X)[0]

    def decode(self, Z):
        """Bernoulli means sigmoid(g(z)) of p(x|z): the expected data point of each latent code.

        Parameters
        ----------
        Z : array-like of shape (n_samples, latent_dim)

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
            Values in [0, 1].
        """
        check_is_fitted(self, "decoder_")
        Z = check_array(Z, name="Z", estimator=self)
        if Z.shape[1] != self.latent_dim:
            raise ValueError(f"VariationalAutoencoder.decode expects Z with {self.latent_dim} columns, "
                             f"got shape {Z.shape}")
        return sigmoid(self.decoder_.predict(Z))

    def inverse_transform(self, Z):
        """Same as ``decode`` (the scikit-learn name): latent codes back to the data space."""
        return self.decode(Z)

    def reconstruct(self, X):
        """``decode(transform(X))``: the reconstruction of each sample from its posterior mean."""
        return self.decode(self.transform(X))

    def sample(self, n_samples=1, random_state=None):
        """Draw new data: ``decode(z)`` for ``z ~ N(0, I)``, the prior.

        Parameters
        ----------
        n_samples : int, default=1
        random_state : None, int or numpy.random.Generator, default=None
            None continues the generator seeded by ``fit``.

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
            The Bernoulli means (grey images), as is usual for showing samples.
        """
        check_is_fitted(self, "decoder_")
        check_positive(n_samples, "n_samples", self, integer=True)
        rng = self._rng if random_state is None else check_random_state(random_state, estimator=self)
        return self.decode(rng.standard_normal((n_samples, self.latent_dim)))

    def elbo(self, X, n_draws=1, random_state=0):
        """Mean evidence lower bound (nats per sample) of ``X``: a lower bound of the mean log p(x).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data in [0, 1].
        n_draws : int, default=1
            Draws of eps per sample for the Monte-Carlo estimate of E_q[log p(x|z)];
            the KL term is exact.
        random_state : None, int or numpy.random.Generator, default=0
            Seeds eps. The fixed default makes the score of a model on a data set
            a number rather than a random variable; None continues ``fit``'s generator.

        Returns
        -------
        elbo : float
            (1/n) sum_i [log p(x_i|z_i) - KL(q(z|x_i) || p(z))], averaged over the draws.
        """
        check_positive(n_draws, "n_draws", self, integer=True)
        mu, log_var = self.encode(X)
        X = np.asarray(X, dtype=float)
        rng = self._rng if random_state is None else check_random_state(random_state, estimator=self)
        reconstruction = 0.0
        for _ in range(n_draws):
            z = mu + np.exp(0.5 * log_var) * rng.standard_normal(mu.shape)
            reconstruction += self.decoder_.loss_function.loss(X, self.decoder_.predict(z)) / n_draws
        return float(-(reconstruction + np.mean(kl_to_standard_normal(mu, log_var))))

    def score(self, X, y=None):
        """Mean ELBO of ``X`` (``elbo(X)``); higher is better."""
        return self.elbo(X)

    def summary(self):
        """The encoder's and the decoder's summary tables, as one string."""
        check_is_fitted(self, "encoder_")
        return self.encoder_.summary("Encoder") + "\n\n" + self.decoder_.summary("Decoder")
