"""Deep Convolutional GAN: the GAN's adversarial training with convolutional networks."""

import numpy as np

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


class DCGAN(GAN):
    """Deep Convolutional Generative Adversarial Network for small images (e.g. 28x28 MNIST).

    Parameters
    ----------
    latent_dim : int, default=100
        Size of the noise vector fed to the generator.
    generator_filters : tuple of two int, default=(128, 64)
        Channels of the generator's two upsampling convolutions.
    discriminator_filters : tuple of two int, default=(32, 64)
        Channels of the discriminator's two strided convolutions.
    learning_rate : float, default=0.0002
        Adam's step size, for both networks.
    beta_1 : float, default=0.5
        Adam's first-moment decay.
    discriminator_dropout : float in [0, 1), default=0.25
        Dropout rate after each of the discriminator's convolutions; 0 leaves
        the Dropout layers out.
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
    ``generator_filters = (g1, g2)`` and ``discriminator_filters = (d1, d2)``:

    - generator: Dense ``g1 * H/4 * W/4`` -> Reshape ``(g1, H/4, W/4)`` ->
      UpSampling2D -> Conv2D ``g1`` 3x3 -> BatchNorm -> ReLU -> UpSampling2D ->
      Conv2D ``g2`` 3x3 -> BatchNorm -> ReLU -> Conv2D ``C`` 3x3 -> TanH
    - discriminator: Conv2D ``d1`` 3x3 stride 2 -> LeakyReLU(0.2) -> Dropout
      -> Conv2D ``d2`` 3x3 stride 2 -> LeakyReLU(0.2) -> Dropout ->
      Flatten -> Dense 2 -> Softmax

    Upsampling followed by a convolution replaces the paper's transposed
    convolutions (same output size, no checkerboard artefacts), and the
    discriminator is shorter than the classic Keras one, because convolutions
    in NumPy are slow; ``fit`` accepts ``(n, H, W)`` or ``(n, C, H, W)`` images
    scaled to [0, 1], and ``sample`` returns ``(n, C, H, W)`` images in [0, 1].

    References
    ----------
    Radford, A., Metz, L. and Chintala, S. (2016). Unsupervised representation
    learning with deep convolutional generative adversarial networks. ICLR.
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
        discriminator_filters=(32, 64),
        learning_rate=0.0002,
        beta_1=0.5,
        discriminator_dropout=0.25,
        dtype="float32",
        random_state=None,
        verbose=False,
    ):
        self.latent_dim = latent_dim
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.discriminator_dropout = discriminator_dropout
        self.dtype = dtype
        self.random_state = random_state
        self.verbose = verbose

    def _reshape_samples(self, X):
        if X.ndim == 3:
            X = X[:, None]  # (n, H, W) -> (n, 1, H, W)
        if X.ndim != 4 or X.shape[2] % 4 or X.shape[3] % 4:
            raise ValueError(
                f"DCGAN expects images of shape (n, H, W) or (n, C, H, W) with H and W divisible "
                f"by 4, got shape {X.shape}"
            )
        return X

    def _filter_pair(self, name):
        """The hyperparameter ``name`` as two positive ints, or a ValueError saying what is wrong."""
        value = getattr(self, name)
        try:
            pair = tuple(value)
        except TypeError:
            pair = ()
        if len(pair) != 2 or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v > 0
                                     for v in pair):
            raise ValueError(f"DCGAN: {name} must be two positive integers, got {value!r}")
        return pair

    def build_generator(self, sample_shape, rng):
        """Dense -> Reshape -> (UpSampling2D -> Conv2D -> BatchNorm -> ReLU) x 2 -> Conv2D -> TanH."""
        channels, height, width = sample_shape
        g1, g2 = self._filter_pair("generator_filters")
        model = self._network(rng)
        model.add(Dense(g1 * (height // 4) * (width // 4), input_shape=(self.latent_dim,)))
        model.add(Reshape((g1, height // 4, width // 4)))
        for n_filters in (g1, g2):
            model.add(UpSampling2D((2, 2)))
            model.add(Conv2D(n_filters, (3, 3), padding="same"))
            model.add(BatchNormalization(momentum=0.8))
            model.add(Activation("relu"))
        model.add(Conv2D(channels, (3, 3), padding="same"))
        model.add(Activation("tanh"))
        return model

    def build_discriminator(self, sample_shape, rng):
        """(Conv2D stride 2 -> LeakyReLU -> Dropout) x 2 -> Flatten -> Dense 2 -> Softmax."""
        d1, d2 = self._filter_pair("discriminator_filters")
        model = self._network(rng)
        model.add(Conv2D(d1, (3, 3), input_shape=tuple(sample_shape), padding="same", stride=2))
        model.add(Activation(LeakyReLU(0.2)))
        if self.discriminator_dropout:
            model.add(Dropout(self.discriminator_dropout))
        model.add(Conv2D(d2, (3, 3), padding="same", stride=2))
        model.add(Activation(LeakyReLU(0.2)))
        if self.discriminator_dropout:
            model.add(Dropout(self.discriminator_dropout))
        model.add(Flatten())
        model.add(Dense(2))
        model.add(Activation("softmax"))
        return model
