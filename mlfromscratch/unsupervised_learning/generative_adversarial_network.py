"""Generative Adversarial Network: a generator and a discriminator trained against each other."""

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
from mlfromscratch.utils.validation import check_array, check_is_fitted, check_positive


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
    generator G turns noise into samples. With real data x and noise z, every
    training step (one mini-batch of m real samples) does

    1. Discriminator step: minimise the cross-entropy on the m real samples
       labelled real and m generated samples ``G(z)`` labelled fake (one
       batch of 2m, one Adam step on D's weights only):
       ``L_D = -(1/2m) [sum log D(x) + sum log(1 - D(G(z)))]``.
    2. Generator step: with D frozen, minimise ``L_G = -(1/m) sum log D(G(z))``
       (the "non-saturating" loss of Goodfellow et al., which gives strong
       gradients when D rejects the samples) on the same generated samples
       ``G(z)``, now judged by the updated D. The gradient is exact
       backpropagation through the frozen discriminator:
       ``dL_G/dG(z) = D.backward(dL_G/dD(G(z)))`` is handed to
       ``G.backward``, and only G's optimizer steps. G has not changed since
       it produced ``G(z)`` in step 1, so its forward pass is reused (as in
       PyTorch's DCGAN example); this saves a third of the generator's work.

    Before training, the bias of the generator's output layer is set to
    ``atanh(mean training sample)`` (Karpathy's "initialise the last layer
    well"): the generator starts from the average sample (for MNIST, a dark
    background with a grey blob) instead of grey noise, which saves the first
    few hundred steps that the classic spends learning the background.

    The generator runs in training mode (BatchNormalization uses batch
    statistics) during training, so D is trained on what G currently produces;
    ``sample`` uses the running statistics (inference mode). Training data must
    lie in [0, 1] (e.g. ``load_mnist()``); it is mapped to [-1, 1] to match the
    TanH output, and ``sample`` maps back to [0, 1].

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

    # ------------------------------------------------------------------ training steps

    def _reshape_samples(self, X):
        """Hook for subclasses that need another sample layout (DCGAN adds a channel axis)."""
        return X

    def _validate_data(self, X, ensure_min_samples=2):
        X = check_array(X, allow_nd=True, ensure_min_samples=ensure_min_samples, estimator=self)
        X = self._reshape_samples(X)
        if X.min() < 0 or X.max() > 1:
            raise ValueError(
                f"{type(self).__name__} expects X scaled to [0, 1] (e.g. load_mnist()); "
                f"got values in [{X.min():g}, {X.max():g}]"
            )
        return X

    def _noise(self, n, rng):
        return rng.standard_normal((n, self.latent_dim), dtype=self.generator_.dtype)  # (n, latent_dim)

    def _start_at_mean_image(self, X):
        """Set the generator's output bias to atanh(mean of X), so it starts near the mean sample.

        ``X`` is in [-1, 1]. The bias is per output value for a Dense output
        layer and per channel for a convolution (then the mean is over pixels too).
        """
        layer = next(layer for layer in reversed(self.generator_.layers) if "b" in layer.params)
        bias = layer.params["b"]
        mean = X.mean(axis=0)  # (*sample_shape,)
        if mean.size != bias.size:
            mean = mean.reshape(len(bias), -1).mean(axis=1)  # per channel, (C,)
        bias[...] = np.arctanh(np.clip(mean.reshape(bias.shape), -0.96, 0.96))

    def _train_discriminator(self, X_real, X_fake):
        """One step of D on real (label 1) and generated (label 0) samples; returns (loss, acc)."""
        n_real, n_fake = len(X_real), len(X_fake)
        X_both = np.concatenate([X_real, X_fake])  # (n_real + n_fake, *sample_shape)
        labels = np.zeros((n_real + n_fake, 2))
        labels[:n_real, 1] = 1.0  # real -> column 1
        labels[n_real:, 0] = 1.0  # fake -> column 0
        return self.discriminator_.train_on_batch(X_both, labels)

    def _backprop_generator(self, X_fake):
        """Backprop L_G for ``X_fake``, the output of G's latest forward pass, through D into G's ``grads``.

        Nothing is updated; returns L_G. G's layers still hold the caches of
        the forward pass that produced ``X_fake``.
        """
        real = np.zeros((len(X_fake), 2))
        real[:, 1] = 1.0  # the generator wants D to call its samples real
        p = self.discriminator_.forward(X_fake, training=True)
        loss_function = self.discriminator_.loss_function
        grad_fake = self.discriminator_.backward(loss_function.gradient(real, p))  # dL_G/dG(z)
        self.generator_.backward(grad_fake)
        return loss_function.loss(real, p)

    def _generator_backward(self, z):
        """Forward G(z) through D, backprop L_G into G's ``grads`` (nothing updated); return L_G."""
        return self._backprop_generator(self.generator_.forward(z, training=True))

    def _train_generator(self, X_fake):
        """One Adam step of G against the frozen D on its latest samples; returns the generator loss."""
        self.discriminator_.set_trainable(False)
        loss = self._backprop_generator(X_fake)
        self.generator_.apply_gradients()
        self.discriminator_.set_trainable(True)
        return loss

    def fit(self, X, y=None, n_epochs=30, batch_size=64, callback=None):
        """Train the generator and the discriminator against each other.

        Parameters
        ----------
        X : array-like of shape (n_samples, *sample_shape)
            Training samples scaled to [0, 1].
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
        check_positive(self.latent_dim, "latent_dim", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        check_positive(n_epochs, "n_epochs", self, integer=True)
        check_positive(batch_size, "batch_size", self, integer=True)
        if not 0 <= self.beta_1 < 1:
            raise ValueError(f"{type(self).__name__}: beta_1 must be in [0, 1), got {self.beta_1!r}")
        if not 0 <= self.discriminator_dropout < 1:
            raise ValueError(
                f"{type(self).__name__}: discriminator_dropout must be in [0, 1), got {self.discriminator_dropout!r}"
            )
        dtype = np.dtype(self.dtype)
        if dtype not in (np.float32, np.float64):
            raise ValueError(f"{type(self).__name__}: dtype must be 'float32' or 'float64', got {self.dtype!r}")
        X = self._validate_data(X)
        rng = np.random.default_rng(self.random_state)

        self.sample_shape_ = X.shape[1:]
        self.n_features_in_ = int(np.prod(self.sample_shape_))
        self.generator_ = self.build_generator(self.sample_shape_, rng)
        self.discriminator_ = self.build_discriminator(self.sample_shape_, rng)
        self.history_ = {"d_loss": [], "d_acc": [], "g_loss": []}
        self._rng = rng  # sample() continues the seeded stream
        if self.verbose:
            print(self.summary())

        X = (2.0 * X - 1.0).astype(dtype)  # [0, 1] -> [-1, 1], the range of the TanH output
        self._start_at_mean_image(X)
        n_samples = len(X)
        for epoch in range(1, n_epochs + 1):
            order = rng.permutation(n_samples)
            for start in range(0, n_samples, batch_size):
                X_real = X[order[start:start + batch_size]]
                X_fake = self.generator_.forward(self._noise(len(X_real), rng), training=True)
                d_loss, d_acc = self._train_discriminator(X_real, X_fake)
                g_loss = self._train_generator(X_fake)  # G(z) reused: G has not changed since
                self.history_["d_loss"].append(float(d_loss))
                self.history_["d_acc"].append(float(d_acc))
                self.history_["g_loss"].append(float(g_loss))
            if self.verbose:
                n_steps = -(-n_samples // batch_size)
                recent = {key: np.mean(values[-n_steps:]) for key, values in self.history_.items()}
                print(f"{epoch} [D loss: {recent['d_loss']:.6f}, acc: {100 * recent['d_acc']:.2f}%] "
                      f"[G loss: {recent['g_loss']:.6f}]")
            if callback is not None:
                callback(self, epoch)
        return self

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
        """Draw new samples: ``generate(z)`` for ``z ~ N(0, I)``, optionally truncated.

        Parameters
        ----------
        n_samples : int, default=1
        random_state : None, int or numpy.random.Generator, default=None
            None continues the generator seeded by ``fit``.
        truncation : float or None, default=None
            The truncation trick (Brock et al., 2019): draw every component of
            ``z`` from the standard normal restricted to ``[-truncation,
            truncation]`` (values outside are redrawn). Smaller values give
            more typical, cleaner samples at the cost of diversity; None
            samples the full ``N(0, I)`` the generator was trained on.

        Returns
        -------
        X : ndarray of shape (n_samples, *sample_shape_)
            Samples in [0, 1], like the training data.
        """
        check_is_fitted(self, "generator_")
        check_positive(n_samples, "n_samples", self, integer=True)
        if truncation is not None:
            check_positive(truncation, "truncation", self)
        rng = self._rng if random_state is None else np.random.default_rng(random_state)
        z = self._noise(n_samples, rng)  # (n_samples, latent_dim)
        if truncation is not None:
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
        X = self._validate_data(X, ensure_min_samples=1)
        if X.shape[1:] != self.sample_shape_:
            raise ValueError(
                f"{type(self).__name__} expects samples of shape {self.sample_shape_}, got {X.shape[1:]}"
            )
        return self.discriminator_.predict(2.0 * X - 1.0)[:, 1]
