"""Deep Convolutional GAN generating handwritten digits.

The generator turns noise into a 7x7 feature map with two fully connected layers,
then upsamples it to a 28x28 image with convolutions (Dense 1024 -> Dense 7x7x64 ->
UpSampling2D -> Conv2D 32 -> UpSampling2D -> Conv2D 16 -> Conv2D 1 -> TanH, with
BatchNorm and ReLU in between); the discriminator is two strided convolutions, a fully
connected layer and a softmax (the InfoGAN layout, see ``DCGAN``). Convolutions in
NumPy are slow, so the example halves the channels (``--generator-filters 64 32 16``,
``--discriminator-filters 32 64``, discriminator hidden layer 512), leaves out the
discriminator's dropout and uses Adam at learning rate 0.0008 rather than 0.0002,
which got further in the same time; float32 networks, 14 epochs. It trains in four to
five minutes on one core. Prints both network summaries and the losses of every epoch,
and saves

- ``dcgan.png``: 100 generated digits and the loss curves;
- ``dcgan.gif``: the same 25 noise vectors after every epoch.

benchmarks/bench_generative.py scores the samples with a digit classifier trained on
real MNIST (mean max-probability; real digits score 0.976, uniform noise 0.508). How
this layout was reached (seed 1, 500 samples): an all-convolutional generator
(Dense -> 7x7x32 -> convolutions of 32 and 16 channels, no fully connected hidden
layer) stayed at 0.79-0.84 after 6-14 epochs, also with a wider discriminator; the
fully connected layers on both sides reached 0.89 after 12 epochs at learning rate
0.0005 and 0.89-0.90 at 0.0008; the extra 28x28 convolution (16 channels) 0.92 after
14 epochs. An average of the generator's weights (EMA, decay 0.99 or 0.999) and
BatchNorm statistics recomputed after training did not help. The example as it stands,
1,000 samples: 0.914, 0.922, 0.920 and 0.910 for seeds 1 to 4, all ten digits (seed 1:
0.912 since the softmax and the cross-entropy are backpropagated as one exact gradient).

    python examples/dcgan.py           # a few minutes
    python examples/dcgan.py --quick   # a few seconds
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, train_gan_example  # noqa: E402
from mlfromscratch.unsupervised_learning import DCGAN  # noqa: E402
from mlfromscratch.utils.datasets import load_mnist  # noqa: E402

N_EPOCHS = 14


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-epochs", type=int, default=None, help=f"passes over the data (default {N_EPOCHS})")
    parser.add_argument("--learning-rate", type=float, default=0.0008,
                        help="Adam's step size (default 0.0008; the paper's 0.0002 needs more epochs)")
    parser.add_argument("--discriminator-dropout", type=float, default=0.0,
                        help="dropout rate in the discriminator (default 0: none)")
    parser.add_argument("--generator-filters", type=int, nargs="+", default=(64, 32, 16), metavar="G",
                        help="channels at 7x7, 14x14 and (optional) 28x28 (default 64 32 16)")
    parser.add_argument("--discriminator-filters", type=int, nargs=2, default=(32, 64), metavar=("D1", "D2"))
    parser.add_argument("--generator-hidden", type=int, default=1024, help="units of G's first layer (default 1024)")
    parser.add_argument("--discriminator-hidden", type=int, default=512,
                        help="units of D's fully connected layer (default 512)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X, _ = load_mnist(flatten=False)  # (5000, 28, 28) in [0, 1]
    n_epochs = args.n_epochs or N_EPOCHS
    if args.quick:
        X, n_epochs = X[rng.permutation(len(X))[:64]], args.n_epochs or 1

    dcgan = DCGAN(
        latent_dim=100,
        generator_filters=tuple(args.generator_filters),
        discriminator_filters=tuple(args.discriminator_filters),
        generator_hidden=args.generator_hidden,
        discriminator_hidden=args.discriminator_hidden,
        learning_rate=args.learning_rate,
        beta_1=0.5,
        discriminator_dropout=args.discriminator_dropout,
        random_state=args.seed,
        verbose=True,
    )
    return train_gan_example(dcgan, X, n_epochs, batch_size=32, args=args, name="dcgan", rng=rng)


if __name__ == "__main__":
    main()
