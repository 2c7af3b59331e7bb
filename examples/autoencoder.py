"""Autoencoder on MNIST: compress each digit to a 32-number code and reconstruct it.

Trains a fully connected autoencoder (784 -> 256 -> 128 -> 32 -> 128 -> 256 -> 784,
LeakyReLU, sigmoid output) on the bundled MNIST subset, prints the encoder and
decoder summaries and the held-out reconstruction error next to two baselines
(the mean image, and PCA with as many components as the code), and saves
``autoencoder.png``: held-out digits above their reconstructions, and the error curve.

    python examples/autoencoder.py           # about a minute
    python examples/autoencoder.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.unsupervised_learning import PCA, Autoencoder  # noqa: E402
from mlfromscratch.utils.datasets import load_mnist  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--encoding-dim", type=int, default=32, help="size of the latent code (default 32)")
    parser.add_argument("--n-epochs", type=int, default=None, help="training epochs (default 15, 2 with --quick)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X, _ = load_mnist()
    X = X[rng.permutation(len(X))]
    X_train, X_test = X[:4500], X[4500:]
    if args.quick:
        X_train = X_train[:600]
    n_epochs = args.n_epochs or (2 if args.quick else 15)

    autoencoder = Autoencoder(encoding_dim=args.encoding_dim, hidden_layers=(256, 128), random_state=args.seed)
    start = time.perf_counter()
    autoencoder.fit(X_train, n_epochs=n_epochs, batch_size=64)
    fit_time = time.perf_counter() - start
    print(autoencoder.summary())
    print()
    for epoch, error in enumerate(autoencoder.training_errors_, start=1):
        print(f"Epoch {epoch:2d}: training reconstruction MSE {error:.5f}")

    reconstructions = autoencoder.reconstruct(X_test)
    mse = float(np.mean((X_test - reconstructions) ** 2))
    mean_image_mse = float(np.mean((X_test - X_train.mean(axis=0)) ** 2))
    pca = PCA(n_components=args.encoding_dim).fit(X_train)
    pca_mse = float(np.mean((X_test - pca.inverse_transform(pca.transform(X_test))) ** 2))
    print(f"\nHeld-out reconstruction MSE: {mse:.5f}  (mean image: {mean_image_mse:.5f}, "
          f"PCA with {args.encoding_dim} components: {pca_mse:.5f})")

    if not args.no_plot:
        plt = get_pyplot()
        n_show = 10
        fig = plt.figure(figsize=(12, 4.5))
        for i in range(n_show):
            for row, (images, label) in enumerate([(X_test, "Original"), (reconstructions, "Reconstructed")]):
                ax = fig.add_subplot(3, n_show, row * n_show + i + 1)
                ax.imshow(images[i].reshape(28, 28), cmap="gray", vmin=0, vmax=1)
                ax.set_xticks([])
                ax.set_yticks([])
                if i == 0:
                    ax.set_ylabel(label, fontsize=8)
        ax = fig.add_subplot(3, 1, 3)
        ax.plot(range(1, n_epochs + 1), autoencoder.training_errors_, marker="o", label="training")
        ax.axhline(mean_image_mse, color="grey", linestyle="--", label="mean image (held out)")
        ax.axhline(pca_mse, color="black", linestyle=":", label=f"PCA, {args.encoding_dim} components (held out)")
        ax.set_xlabel("Epoch")
        ax.set_ylabel("MSE")
        ax.legend(fontsize=8)
        fig.suptitle(f"Autoencoder with a {args.encoding_dim}-dimensional code: held-out MSE {mse:.4f}")
        show_or_save(fig, args, "autoencoder")

    print_result("autoencoder", reconstruction_mse=mse, mean_image_mse=mean_image_mse, pca_mse=pca_mse,
                 fit_time_s=fit_time)
    return autoencoder


if __name__ == "__main__":
    main()
