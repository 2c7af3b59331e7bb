"""Deep Convolutional GAN: the GAN's adversarial training with convolutional networks."""


from mlfromscratch.deep_learning import (
    Activation,
    BatchNormalization,
    Conv2D,
    Dense,
    Dropout,
    Flatten,
    LeakyReLU,
    Reshape,
    UpSampling2D,
)
from mlfromscratch.unsupervised_learning.generative_adversarial_network import GAN
from mlfromscratch.utils.validation import _is_int, check_scalar


class DCGAN(GAN):
    """Deep Convolutional Generative Adversarial Network for small images (e.g. 28x28 MNIST).

    Parameters
    ----------
    latent_dim : int, default=100
        Size of the noise vector fed to the generator.
    generator_filters : tuple of two or three int, default=(128, 64)
        ``(g1, g2)`` or ``(g1, g2, g3)``: channels of the generator's
        ``H/4 x W/4`` feature map (the reshaped output of its fully connected
        part), of its convolution at ``H/2 x W/2`` and, with a third number,
        of a convolution at full resolution before the output one.
    discriminator_filters : tuple of two int, default=(64, 128)
        Channels of the discriminator's two strided convolutions.
    generator_hidden : int, default=1024
        Units of the generator's first fully connected layer; 0 leaves it out
        (the noise then goes straight to the ``g1 x H/4 x W/4`` layer).
    discriminator_hidden : int, default=1024
        Units of the fully connected layer between the discriminator's
        convolutions and its output; 0 leaves it out.
    learning_rate : float, default=0.0002
        Adam's step size, for both networks.
    beta_1 : float, default=0.5
        Adam's first-moment decay.
    discriminator_dropout : float in [0, 1), default=0.0
        Dropout rate after each of the discriminator's convolutions; 0 (as in
        InfoGAN) leaves the Dropout layers out. The classic Keras DCGAN used 0.25.
    dtype : {"float32", "float64"}, default="float32"
        Floating-point type of both networks; float32 about halves the time
        of the convolutions.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the initial weights, dropout masks, shuffling and noise.
    verbose : bool, default=False
        Print both network summaries before training and the losses after every epoch.

    Attributes
    ----------
    generator_ : NeuralNetwork
        ``(n, latent_dim) -> (n, C, H, W)`` images in [-1, 1].
    discriminator_ : NeuralNetwork
        ``(n, C, H, W) -> (n, 2)`` probabilities ``[p(fake), p(real)]``.
    history_ : dict of lists
        ``"d_loss"``, ``"d_acc"``, ``"g_loss"`` of every training step (see ``GAN``).
    sample_shape_ : tuple of int
        ``(C, H, W)`` of the training images.
    n_features_in_ : int
        ``C * H * W``.

    Notes
    -----
    Training is the ``GAN``'s (alternating discriminator and generator steps,
    exact backpropagation through the frozen discriminator); only the networks
    differ. For images of ``H x W`` pixels (both divisible by 4) with
    ``generator_filters = (g1, g2[, g3])``, ``discriminator_filters = (d1, d2)``
    and hidden sizes ``h_G``, ``h_D``:

    - generator: Dense ``h_G`` -> BatchNorm -> ReLU -> Dense ``g1 * H/4 * W/4``
      -> BatchNorm -> ReLU -> Reshape ``(g1, H/4, W/4)`` -> UpSampling2D ->
      Conv2D ``g2`` 3x3 -> BatchNorm -> ReLU -> UpSampling2D -> [Conv2D ``g3``
      3x3 -> BatchNorm -> ReLU] -> Conv2D ``C`` 3x3 -> TanH
    - discriminator: Conv2D ``d1`` 3x3 stride 2 -> LeakyReLU(0.2) -> Dropout
      -> Conv2D ``d2`` 3x3 stride 2 -> LeakyReLU(0.2) -> Dropout -> Flatten
      -> Dense ``h_D`` -> LeakyReLU(0.2) -> Dense 2 -> Softmax

    This is the MNIST architecture of InfoGAN (Chen et al., 2016), a DCGAN
    with a fully connected layer on each side, with two changes: upsampling
    followed by a 3x3 convolution replaces the 4x4 transposed convolutions
    (same output size, no checkerboard artefacts; Odena et al., 2016), and
    the discriminator has no BatchNormalization (its batches mix real and
    generated images). The fully connected layers are cheap next to
    convolutions in NumPy, and they matter: on the bundled MNIST digits the
    same training time gave clearly better digits than an all-convolutional
    generator, and the optional full-resolution convolution ``g3`` sharper
    strokes than a single output convolution on the upsampled map (see
    examples/dcgan.py). With ``generator_hidden=0`` and ``generator_filters
    = (128, 128, 64)`` the generator is the classic Keras DCGAN's (plus a
    BatchNorm after its first layer). ``fit`` accepts ``(n, H, W)`` or
    ``(n, C, H, W)`` images scaled to [0, 1], and ``sample`` returns
    ``(n, C, H, W)`` images in [0, 1].

    References
    ----------
    Radford, A., Metz, L. and Chintala, S. (2016). Unsupervised representation
    learning with deep convolutional generative adversarial networks. ICLR.
    Chen, X. et al. (2016). InfoGAN: interpretable representation learning by
    information maximizing generative adversarial nets. NeurIPS (appendix C.1).
    Odena, A., Dumoulin, V. and Olah, C. (2016). Deconvolution and checkerboard
    artifacts. Distill.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).random((16, 1, 8, 8))
    >>> dcgan = DCGAN(latent_dim=4, generator_filters=(4, 2), discriminator_filters=(2, 4), random_state=0)
    >>> dcgan.fit(X, n_epochs=1, batch_size=8).sample(3).shape
    (3, 1, 8, 8)
    """

    def __init__(
        self,
        latent_dim=100,
        generator_filters=(128, 64),
        discriminator_filters=(64, 128),
        generator_hidden=1024,
        discriminator_hidden=1024,
        learning_rate=0.0002,
        beta_1=0.5,
        discriminator_dropout=0.0,
        dtype="float32",
        random_state=None,
        verbose=False,
    ):
        self.latent_dim = latent_dim
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.generator_hidden = generator_hidden
        self.discriminator_hidden = discriminator_hidden
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.discriminator_dropout = discriminator_dropout
        self.dtype = dtype
        self.random_state = random_state
        self.verbose = verbose

    def build_generator(self, sample_shape, rng):
        """Fully connected layers, a reshape, then upsampling convolutions to a TanH image (see Notes)."""
        channels, height, width = sample_shape
        g1, g2, *g3 = self._filters("generator_filters", lengths=(2, 3))
        hidden = self._hidden_units("generator_hidden")
        n_map = g1 * (height // 4) * (width // 4)
        model = self._network(rng)
        for i, n_units in enumerate([hidden, n_map] if hidden else [n_map]):
            model.add(Dense(n_units, input_shape=(self.latent_dim,) if i == 0 else None))
            model.add(BatchNormalization(momentum=0.8))
            model.add(Activation("relu"))
        model.add(Reshape((g1, height // 4, width // 4)))
        # (g1, H/4, W/4) -> (g2, H/2, W/2) -> [(g3, H, W)] -> (C, H, W)
        model.add(UpSampling2D((2, 2)))
        self._add_conv_block(model, g2)
        model.add(UpSampling2D((2, 2)))
        if g3:
            self._add_conv_block(model, g3[0])
        model.add(Conv2D(channels, (3, 3), padding="same"))
        model.add(Activation("tanh"))
        return model

    @staticmethod
    def _add_conv_block(model, n_filters):
        """Conv2D 3x3 'same' -> BatchNorm -> ReLU."""
        model.add(Conv2D(n_filters, (3, 3), padding="same"))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Activation("relu"))

    def build_discriminator(self, sample_shape, rng):
        """(Conv2D stride 2 -> LeakyReLU -> Dropout) x 2 -> Flatten -> Dense -> LeakyReLU -> Dense 2 -> Softmax."""
        d1, d2 = self._filters("discriminator_filters")
        hidden = self._hidden_units("discriminator_hidden")
        model = self._network(rng)
        # (C, H, W) -> (d1, H/2, W/2) -> (d2, H/4, W/4) -> flat -> [h_D] -> 2 probabilities
        model.add(Conv2D(d1, (3, 3), input_shape=tuple(sample_shape), padding="same", stride=2))
        model.add(Activation(LeakyReLU(0.2)))
        if self.discriminator_dropout:
            model.add(Dropout(self.discriminator_dropout))
        model.add(Conv2D(d2, (3, 3), padding="same", stride=2))
        model.add(Activation(LeakyReLU(0.2)))
        if self.discriminator_dropout:
            model.add(Dropout(self.discriminator_dropout))
        model.add(Flatten())
        if hidden:
            model.add(Dense(hidden))
            model.add(Activation(LeakyReLU(0.2)))
        model.add(Dense(2))
        model.add(Activation("softmax"))
        return model

    # ------------------------------------------------------------------ checking the settings

    def _check_shape(self, X):
        """Images of shape (n, C, H, W) with H and W divisible by 4; a channel axis is added to (n, H, W)."""
        if X.ndim == 3:
            X = X[:, None]  # (n, H, W) -> (n, 1, H, W)
        if X.ndim != 4 or X.shape[2] % 4 or X.shape[3] % 4:
            raise ValueError(
                f"DCGAN expects images of shape (n, H, W) or (n, C, H, W) with H and W divisible "
                f"by 4, got shape {X.shape}"
            )
        return X

    def _filters(self, name, lengths=(2,)):
        """The hyperparameter ``name`` as a tuple of positive ints, or a ValueError saying what is wrong."""
        value = getattr(self, name)
        try:
            filters = tuple(value)
        except TypeError:
            filters = ()
        if len(filters) not in lengths or not all(_is_int(v) and v > 0 for v in filters):
            count = " or ".join(("two", "three")[n - 2] for n in lengths)
            raise ValueError(f"DCGAN: {name} must be {count} positive integers, got {value!r}")
        return filters

    def _hidden_units(self, name):
        """The hyperparameter ``name`` as an int >= 0 (0: no hidden layer)."""
        return int(check_scalar(getattr(self, name), name, self, integer=True, low=0))
