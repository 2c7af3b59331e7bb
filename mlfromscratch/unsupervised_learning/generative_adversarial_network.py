"""Generative Adversarial Network: a generator and a discriminator trained against each other.

The page reads: ``generator_loss_gradient`` (the generator's loss and its
gradient through the discriminator, used by step 2), then ``GAN``, whose Notes
give the two alternating steps and whose ``fit`` runs them; the architecture,
sampling and the optional ``start_at_mean_sample`` follow.
"""

import numpy as np

from mlfromscratch.deep_learning import (
    Activation,
    Adam,
    BatchNormalization,
    CrossEntropy,
    Dense,
    Dropout,
    LeakyReLU,
    NeuralNetwork,
)
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.data_manipulation import batch_iterator
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_positive,
    check_random_state,
    check_scalar,
)


def generator_loss_gradient(discriminator, X_fake):
    """The generator's loss ``L_G = -(1/m) sum log D(G(z))`` and its gradient with respect to ``G(z)``.

    Step 2 of ``GAN.fit`` (see the Notes of ``GAN``): D judges G's samples
    against the label "real", and the chain rule through D's layers gives how
    each generated value should change to fool D.

    Parameters
    ----------
    discriminator : NeuralNetwork
        D, ending in a two-way softmax ``[p(fake), p(real)]`` scored by ``CrossEntropy``.
    X_fake : ndarray of shape (m, *sample_shape)
        The generator's samples ``G(z)`` (in [-1, 1]).

    Returns
    -------
    loss : float
        ``L_G``: the cross-entropy of D's output against the label "real".
    grad : ndarray of shape (m, *sample_shape)
        ``dL_G/dG(z)``: exact backpropagation through D (in training mode).
        D's weights are not changed; its layers' ``grads`` are overwritten
        and never applied.
    """
    real = np.tile([0.0, 1.0], (len(X_fake), 1))                   # G wants D to call its samples real
    p = discriminator.forward(X_fake, training=True)                # D(G(z)), (m, 2)
    return discriminator.loss_function.loss(real, p), discriminator.backward_from_loss(real, p)


class GAN(BaseEstimator):
    """Generative Adversarial Network of fully connected layers (the classic MNIST architecture).

    Parameters
    ----------
    latent_dim : int, default=100
        Size of the noise vector ``z ~ N(0, I)`` fed to the generator.
    learning_rate : float, default=0.0002
        Adam's step size, for both networks.
    beta_1 : float, default=0.5
        Adam's first-moment decay (0.5 rather than 0.9 steadies adversarial training).
    discriminator_dropout : float in [0, 1), default=0.5
        Dropout rate after each hidden layer of the discriminator (the classic
        architecture); 0 leaves the Dropout layers out. On the bundled 5,000
        MNIST digits a discriminator without dropout gave sharper samples in a
        few minutes of training (see examples/generative_adversarial_network.py).
    dtype : {"float32", "float64"}, default="float32"
        Floating-point type of both networks (see ``NeuralNetwork``): float32,
        the usual choice for GANs, trains about twice as fast; float64 is
        there for exact gradient checks.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights, dropout masks, shuffling and noise.
    verbose : bool, default=False
        Print both network summaries before training and the mean losses after every epoch.

    Attributes
    ----------
    generator_ : NeuralNetwork
        Maps ``(n, latent_dim)`` noise to ``(n, *sample_shape)`` samples in [-1, 1] (TanH).
    discriminator_ : NeuralNetwork
        Maps samples to two softmax probabilities ``[p(fake), p(real)]``.
    history_ : dict of lists
        One entry per training step (batch): ``"d_loss"`` and ``"d_acc"`` (the
        discriminator's cross-entropy and accuracy on the real and generated
        half-batches together, before its update) and ``"g_loss"`` (the
        generator's loss, before its update).
    sample_shape_ : tuple of int
        Shape of one training sample, e.g. ``(784,)``.
    n_features_in_ : int
        Number of values per sample (``prod(sample_shape_)``).

    Notes
    -----
    The discriminator D estimates the probability that its input is real; the
    generator G turns noise z ~ N(0, I) into samples. Every training step takes
    a mini-batch of m real samples x and alternates two steps (both in ``fit``):

    1. Discriminator step: one Adam step on D's weights, minimising the
       cross-entropy of the m real samples labelled real and m generated
       samples G(z) labelled fake (one batch of 2m)

           L_D = -(1/2m) [sum_i log D(x_i) + sum_i log(1 - D(G(z_i)))]

    2. Generator step: one Adam step on G's weights, minimising

           L_G = -(1/m) sum_i log D(G(z_i))

       (the "non-saturating" loss of Goodfellow et al., which gives strong
       gradients when D rejects the samples) on the same samples G(z), now
       judged by the updated D. ``generator_loss_gradient`` backpropagates
       L_G exactly through D to dL_G/dG(z), ``G.backward`` carries it on into
       G's weights, and only G's optimizer steps: D is not updated. G has not
       changed since it produced G(z) in step 1, so that forward pass is
       reused (as in PyTorch's DCGAN example), saving a third of G's work.

    The generator runs in training mode (BatchNormalization uses batch
    statistics) during training, so D is trained on what G currently produces;
    ``sample`` uses the running statistics (inference mode). Training data must
    lie in [0, 1] (e.g. ``load_mnist()``); it is mapped to [-1, 1] to match the
    TanH output, and ``sample`` maps back to [0, 1].

    Two extras, not part of the GAN algorithm:

    - Start at the mean sample: before training, ``start_at_mean_sample`` sets
      the bias of G's output layer to atanh(mean training sample) (Karpathy's
      "initialise the last layer well"), so G starts from the average sample
      (for MNIST, a dark background with a grey blob) instead of grey noise;
      this saves the first few hundred steps that the classic spends learning
      the background.
    - Truncated sampling: ``sample(n, truncation=t)`` draws z from the normal
      restricted to [-t, t] (the truncation trick of Brock et al.).

    Subclasses change the architecture by overriding ``build_generator`` and
    ``build_discriminator`` (see ``DCGAN``).

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS.
    Radford, A., Metz, L. and Chintala, S. (2016). Unsupervised representation
    learning with deep convolutional generative adversarial networks. ICLR
    (Adam with learning rate 0.0002 and beta_1 = 0.5, LeakyReLU(0.2)).
    Karpathy, A. (2019). A recipe for training neural networks (blog post;
    "init well": start the output layer at the data's mean).
    Brock, A., Donahue, J. and Simonyan, K. (2019). Large scale GAN training
    for high fidelity natural image synthesis. ICLR (the truncation trick).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).random((64, 16))
    >>> gan = GAN(latent_dim=8, random_state=0).fit(X, n_epochs=1, batch_size=32)
    >>> gan.sample(5).shape
    (5, 16)
    >>> len(gan.history_["g_loss"])
    2
    """

    def __init__(self, latent_dim=100, learning_rate=0.0002, beta_1=0.5, discriminator_dropout=0.5,
                 dtype="float32", random_state=None, verbose=False):
        self.latent_dim = latent_dim
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.discriminator_dropout = discriminator_dropout
        self.dtype = dtype
        self.random_state = random_state
        self.verbose = verbose

    # ------------------------------------------------------------------ training

    def fit(self, X, y=None, n_epochs=30, batch_size=64, callback=None):
        """Train the generator and the discriminator against each other.

        Parameters
        ----------
        X : array-like of shape (n_samples, *sample_shape)
            Training samples scaled to [0, 1]: flat vectors for the GAN,
            images for the DCGAN.
        y : ignored
            Present for scikit-learn compatibility; pass the others by keyword,
            ``fit(X, n_epochs=20, batch_size=64)``.
        n_epochs : int, default=30
            Passes over the shuffled data. Each pass takes
            ``ceil(n_samples / batch_size)`` steps; every step updates the
            discriminator once and then the generator once. (The classic
            script counted steps, not passes, in its ``epochs``.)
        batch_size : int, default=64
            Real samples per step (the discriminator also sees as many generated ones).
        callback : callable, optional
            Called as ``callback(gan, epoch)`` after each epoch (1-based), e.g.
            to record samples for an animation.

        Returns
        -------
        self : GAN
        """
        self._check_params(n_epochs, batch_size)
        X = self._check_samples(X)
        rng = check_random_state(self.random_state, estimator=self)
        self.sample_shape_ = X.shape[1:]
        self.n_features_in_ = int(np.prod(self.sample_shape_))
        self.generator_ = G = self.build_generator(self.sample_shape_, rng)
        self.discriminator_ = D = self.build_discriminator(self.sample_shape_, rng)
        self.history_ = {"d_loss": [], "d_acc": [], "g_loss": []}
        self._rng = rng                                             # sample() continues the seeded stream
        if self.verbose:
            print(self.summary())
        X = (2.0 * X - 1.0).astype(self.dtype)                      # [0, 1] -> [-1, 1], the range of G's TanH
        start_at_mean_sample(G, X)                                  # extra, not in the classic (see Notes)

        with np.errstate(over="ignore", invalid="ignore"):          # a diverging loss is reported below
            for epoch in range(1, n_epochs + 1):
                for X_real in batch_iterator(X, batch_size=batch_size, rng=rng):
                    m = len(X_real)
                    real, fake = np.tile([0.0, 1.0], (m, 1)), np.tile([1.0, 0.0], (m, 1))  # one-hot, (m, 2)
                    # 1. Discriminator step: m real samples labelled real, m samples G(z) labelled fake
                    z = rng.standard_normal((m, self.latent_dim), dtype=G.dtype)
                    X_fake = G.forward(z, training=True)            # G(z), (m, *sample_shape)
                    d_loss, d_acc = D.train_on_batch(np.concatenate([X_real, X_fake]), np.concatenate([real, fake]))
                    # 2. Generator step on the same G(z) (G has not changed), through the updated D
                    g_loss, grad_fake = generator_loss_gradient(D, X_fake)  # L_G and dL_G/dG(z)
                    G.backward(grad_fake)                           # dL_G/dweights of G
                    G.apply_gradients()                             # one Adam step of G; D is not updated
                    self.history_["d_loss"].append(float(d_loss))
                    self.history_["d_acc"].append(float(d_acc))
                    self.history_["g_loss"].append(float(g_loss))
                self._end_epoch(epoch, n_steps=-(-len(X) // batch_size))
                if callback is not None:
                    callback(self, epoch)
        return self

    def _end_epoch(self, epoch, n_steps):
        """Report the mean losses of the epoch's ``n_steps`` steps; stop if they are no longer finite."""
        recent = {key: np.mean(values[-n_steps:]) for key, values in self.history_.items()}
        if not (np.isfinite(recent["d_loss"]) and np.isfinite(recent["g_loss"])):
            raise ValueError(
                f"{type(self).__name__}: the losses stopped being finite in epoch {epoch} (D loss "
                f"{recent['d_loss']}, G loss {recent['g_loss']}); training diverged, use a smaller "
                f"learning_rate (now {self.learning_rate})"
            )
        if self.verbose:
            print(f"{epoch} [D loss: {recent['d_loss']:.6f}, acc: {100 * recent['d_acc']:.2f}%] "
                  f"[G loss: {recent['g_loss']:.6f}]")

    def _check_params(self, n_epochs, batch_size):
        name = type(self).__name__
        check_positive(self.latent_dim, "latent_dim", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        check_scalar(self.beta_1, "beta_1", self, low=0, high=1, include_high=False)
        check_scalar(self.discriminator_dropout, "discriminator_dropout", self, low=0, high=1, include_high=False)
        if self.dtype not in ("float32", "float64", np.float32, np.float64):
            raise ValueError(f"{name}: dtype must be 'float32' or 'float64', got {self.dtype!r}")
        check_positive(n_epochs, "n_epochs", self, integer=True)
        check_positive(batch_size, "batch_size", self, integer=True)

    def _check_samples(self, X, ensure_min_samples=2):
        """Validated samples in [0, 1], shaped as the networks expect (see ``_check_shape``)."""
        X = self._check_shape(check_array(X, allow_nd=True, ensure_min_samples=ensure_min_samples, estimator=self))
        if X.min() < 0 or X.max() > 1:
            raise ValueError(
                f"{type(self).__name__} expects X scaled to [0, 1] (e.g. load_mnist()); "
                f"got values in [{X.min():g}, {X.max():g}]"
            )
        return X

    def _check_shape(self, X):
        """The GAN's fully connected networks take flat samples, (n_samples, n_features)."""
        if X.ndim != 2:
            raise ValueError(
                f"GAN expects flat samples of shape (n_samples, n_features), got shape {X.shape}; "
                f"flatten them with X.reshape(len(X), -1) (shape {(len(X), int(np.prod(X.shape[1:])))}) "
                f"or use DCGAN for images"
            )
        return X

    # ------------------------------------------------------------------ architecture

    def _network(self, rng):
        """An empty NeuralNetwork with the GAN's optimizer settings and dtype."""
        optimizer = Adam(learning_rate=self.learning_rate, beta_1=self.beta_1)
        return NeuralNetwork(optimizer, CrossEntropy, random_state=rng, dtype=self.dtype)

    def build_generator(self, sample_shape, rng):
        """Generator: latent_dim -> 256 -> 512 -> 1024 -> n_features, LeakyReLU + BatchNorm, TanH out.

        Parameters
        ----------
        sample_shape : tuple of int
            Shape of one training sample; here ``(n_features,)``.
        rng : numpy.random.Generator
            For the initial weights.

        Returns
        -------
        generator : NeuralNetwork
        """
        model = self._network(rng)
        model.add(Dense(256, input_shape=(self.latent_dim,)))
        for n_units in (512, 1024):
            model.add(Activation(LeakyReLU(0.2)))
            model.add(BatchNormalization(momentum=0.8))
            model.add(Dense(n_units))
        model.add(Activation(LeakyReLU(0.2)))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Dense(int(np.prod(sample_shape))))
        model.add(Activation("tanh"))
        return model

    def build_discriminator(self, sample_shape, rng):
        """Discriminator: n_features -> 512 -> 256 -> 2, LeakyReLU (+ Dropout), Softmax out.

        Parameters
        ----------
        sample_shape : tuple of int
            Shape of one training sample; here ``(n_features,)``.
        rng : numpy.random.Generator
            For the initial weights and the dropout masks.

        Returns
        -------
        discriminator : NeuralNetwork
        """
        model = self._network(rng)
        model.add(Dense(512, input_shape=tuple(sample_shape)))
        model.add(Activation(LeakyReLU(0.2)))
        if self.discriminator_dropout:
            model.add(Dropout(self.discriminator_dropout))
        model.add(Dense(256))
        model.add(Activation(LeakyReLU(0.2)))
        if self.discriminator_dropout:
            model.add(Dropout(self.discriminator_dropout))
        model.add(Dense(2))
        model.add(Activation("softmax"))
        return model

    def summary(self):
        """The generator's and the discriminator's summary tables, as one string."""
        check_is_fitted(self, "generator_")
        return self.generator_.summary("Generator") + "\n\n" + self.discriminator_.summary("Discriminator")

    # ------------------------------------------------------------------ generation

    def generate(self, z):
        """Generator output for given noise, mapped to [0, 1].

        Parameters
        ----------
        z : array-like of shape (n, latent_dim)

        Returns
        -------
        X : ndarray of shape (n, *sample_shape_)
            ``(G(z) + 1) / 2``, computed in inference mode.
        """
        check_is_fitted(self, "generator_")
        z = check_array(z, name="z", estimator=self)
        if z.shape[1] != self.latent_dim:
            raise ValueError(f"{type(self).__name__}.generate expects z with {self.latent_dim} columns, got {z.shape}")
        return (self.generator_.predict(z) + 1.0) / 2.0

    def sample(self, n_samples=1, random_state=None, truncation=None):
        """Draw new samples: ``generate(z)`` for ``z ~ N(0, I)``.

        Parameters
        ----------
        n_samples : int, default=1
        random_state : None, int or numpy.random.Generator, default=None
            None continues the generator seeded by ``fit``.
        truncation : float or None, default=None
            Extra, not part of the GAN: the truncation trick (Brock et al.,
            2019) draws every component of ``z`` from the standard normal
            restricted to ``[-truncation, truncation]`` (values outside are
            redrawn). Smaller values give more typical, cleaner samples at the
            cost of diversity; None (the GAN itself) samples the full
            ``N(0, I)`` the generator was trained on.

        Returns
        -------
        X : ndarray of shape (n_samples, *sample_shape_)
            Samples in [0, 1], like the training data.
        """
        check_is_fitted(self, "generator_")
        check_positive(n_samples, "n_samples", self, integer=True)
        if truncation is not None:
            check_positive(truncation, "truncation", self)
        rng = self._rng if random_state is None else check_random_state(random_state, estimator=self)
        z = rng.standard_normal((n_samples, self.latent_dim), dtype=self.generator_.dtype)  # (n_samples, latent_dim)
        if truncation is not None:                                  # extra: the truncation trick
            outside = np.abs(z) > truncation
            while outside.any():  # redraw until inside; P(inside) >= 0.38 even for truncation 0.5
                z[outside] = rng.standard_normal(int(outside.sum()))
                outside = np.abs(z) > truncation
        return self.generate(z)

    def predict_proba(self, X):
        """The discriminator's probability that each sample is real (inference mode).

        Parameters
        ----------
        X : array-like of shape (n_samples, *sample_shape_), in [0, 1]

        Returns
        -------
        p_real : ndarray of shape (n_samples,)
        """
        check_is_fitted(self, "discriminator_")
        X = self._check_samples(X, ensure_min_samples=1)
        if X.shape[1:] != self.sample_shape_:
            raise ValueError(
                f"{type(self).__name__} expects samples of shape {self.sample_shape_}, got {X.shape[1:]}"
            )
        return self.discriminator_.predict(2.0 * X - 1.0)[:, 1]


def start_at_mean_sample(generator, X):
    """Extra, not part of the GAN: set the generator's output bias to atanh(mean of X).

    The generator then starts near the mean training sample (for MNIST, a dark
    background with a grey blob) instead of grey noise (Karpathy's "initialise
    the last layer well"). ``X`` is in [-1, 1], the range of the TanH output.
    The bias is per output value for a Dense output layer and per channel for
    a convolution (then the mean is over the pixels too).

    Parameters
    ----------
    generator : NeuralNetwork
        Its last layer with a ``"b"`` parameter is changed in place.
    X : ndarray of shape (n_samples, *sample_shape)
    """
    layer = next(layer for layer in reversed(generator.layers) if "b" in layer.params)
    bias = layer.params["b"]
    mean = X.mean(axis=0)                                           # (*sample_shape,)
    if mean.size != bias.size:
        mean = mean.reshape(len(bias), -1).mean(axis=1)             # per channel, (C,)
    bias[...] = np.arctanh(np.clip(mean.reshape(bias.shape), -0.96, 0.96))

