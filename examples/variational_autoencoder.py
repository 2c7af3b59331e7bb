"""Variational autoencoder on MNIST: a 2-D latent space that can be drawn, and new digits from it.

Trains a VAE (784 -> 512 -> 2 x (mu, log sigma^2), reparameterisation,
2 -> 256 -> 784 Bernoulli logits) on the bundled MNIST subset by maximising the
ELBO, prints the two network summaries and the training and held-out ELBO of
every epoch, then the held-out ELBO split into its reconstruction and KL terms,
next to the log-likelihood of the best model without a latent code (independent
pixels at the mean image's rates). Saves ``variational_autoencoder.png``: digits
sampled from the prior, the decoder's view of the latent plane, the held-out
digits placed at their posterior means (coloured by the label the VAE never
saw), reconstructions, and the ELBO curves.

    python examples/variational_autoencoder.py           # about a minute
    python examples/variational_autoencoder.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path
from statistics import NormalDist

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, image_grid, print_result, show_or_save  # noqa: E402
from mlfromscratch.unsupervised_learning import VariationalAutoencoder  # noqa: E402
from mlfromscratch.unsupervised_learning.variational_autoencoder import kl_to_standard_normal  # noqa: E402
from mlfromscratch.utils.datasets import load_mnist  # noqa: E402


def independent_pixels_log_likelihood(X_train, X_test):
    """Mean log p(x) of X_test under independent Bernoulli pixels with X_train's mean rates (clipped)."""
    rate = np.clip(X_train.mean(axis=0), 1e-3, 1 - 1e-3)
    return float(np.mean(np.sum(X_test * np.log(rate) + (1 - X_test) * np.log(1 - rate), axis=1)))


def latent_grid(n, latent_dim):
    """An n x n grid over the first two latent axes at the N(0, 1) quantiles 0.05..0.95 (others 0)."""
    quantiles = [NormalDist().inv_cdf(q) for q in np.linspace(0.05, 0.95, n)]
    Z = np.zeros((n * n, latent_dim))
    Z[:, :2] = [(x, y) for y in reversed(quantiles) for x in quantiles]  # rows top to bottom: z2 falls
    return Z


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--latent-dim", type=int, default=2, help="size of the latent code (default 2)")
    parser.add_argument("--n-epochs", type=int, default=None, help="training epochs (default 60, 15 with --quick)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X, y = load_mnist()
    order = rng.permutation(len(X))
    X, y = X[order], y[order]
    X_train, X_test, y_test = X[:4500], X[4500:], y[4500:]
    if args.quick:
        X_train = X_train[:600]
    n_epochs = args.n_epochs or (15 if args.quick else 60)

    hidden_layers = (128,) if args.quick else (256,)
    vae = VariationalAutoencoder(latent_dim=args.latent_dim, hidden_layers=hidden_layers, learning_rate=0.002,
                                 n_epochs=n_epochs, batch_size=100, dtype="float32", random_state=args.seed)
    start = time.perf_counter()
    vae.fit(X_train, X_val=X_test)
    fit_time = time.perf_counter() - start
    print(vae.summary())
    print()
    history = vae.history_
    for epoch in range(n_epochs):
        print(f"Epoch {epoch + 1:2d}: training ELBO {history['elbo'][epoch]:8.2f} (reconstruction "
              f"{history['reconstruction'][epoch]:6.2f} + KL {history['kl'][epoch]:5.2f} nats), "
              f"held-out ELBO {history['val_elbo'][epoch]:8.2f}")

    test_elbo = vae.elbo(X_test, n_draws=10)
    test_kl = float(np.mean(kl_to_standard_normal(*vae.encode(X_test))))
    test_reconstruction = -test_elbo - test_kl               # -E_q[log p(x|z)], nats per image
    baseline = independent_pixels_log_likelihood(X_train, X_test)
    reconstructions = vae.reconstruct(X_test)
    mse = float(np.mean((X_test - reconstructions) ** 2))
    mean_image_mse = float(np.mean((X_test - X_train.mean(axis=0)) ** 2))
    print(f"\nHeld-out ELBO {test_elbo:.2f} nats per image = -(reconstruction {test_reconstruction:.2f} "
          f"+ KL {test_kl:.2f}); independent pixels (no latent code): log-likelihood {baseline:.2f}")
    print(f"Held-out reconstruction MSE from the posterior mean: {mse:.4f} (mean image: {mean_image_mse:.4f})")
    print(f"Fitted {len(X_train)} images for {n_epochs} epochs in {fit_time:.1f} s")

    if not args.no_plot:
        plt = get_pyplot()
        fig = plt.figure(figsize=(15, 9.5), constrained_layout=True)
        ax = fig.add_subplot(2, 3, 1)
        ax.imshow(image_grid(vae.sample(100, random_state=args.seed), n_cols=10), cmap="gray", vmin=0, vmax=1)
        ax.set_title("Samples: decode(z), z ~ N(0, I)")
        n_grid = 15
        ax = fig.add_subplot(2, 3, 2)
        ax.imshow(image_grid(vae.decode(latent_grid(n_grid, args.latent_dim)), n_cols=n_grid), cmap="gray",
                  vmin=0, vmax=1)
        ax.set_title("Decoded latent plane (N(0, 1) quantiles 5%..95%)")
        ax = fig.add_subplot(2, 3, 3)
        mu = vae.transform(X_test)
        points = ax.scatter(mu[:, 0], mu[:, 1], c=y_test, cmap="tab10", s=10)
        fig.colorbar(points, ax=ax, ticks=range(10), label="digit")
        ax.set_xlabel("z1 (posterior mean)")
        ax.set_ylabel("z2")
        ax.set_title("Held-out digits in the latent space")
        ax = fig.add_subplot(2, 3, 4)
        pairs = np.concatenate([X_test[:10], reconstructions[:10], X_test[10:20], reconstructions[10:20]])
        ax.imshow(image_grid(pairs, n_cols=10), cmap="gray", vmin=0, vmax=1)
        ax.set_title("Held-out (rows 1, 3), reconstructed (2, 4)")
        for ax in fig.axes[:2] + fig.axes[4:]:
            ax.set_xticks([])
            ax.set_yticks([])
        ax = fig.add_subplot(2, 3, (5, 6))
        epochs = range(1, n_epochs + 1)
        ax.plot(epochs, history["elbo"], marker="o", label="training ELBO")
        ax.plot(epochs, history["val_elbo"], marker="s", label="held-out ELBO")
        ax.axhline(baseline, color="grey", linestyle="--", label="independent pixels (held-out log-likelihood)")
        shown = history["elbo"][1:] + history["val_elbo"][1:] + [baseline]   # the first epoch is off the scale
        ax.set_ylim(min(shown) - 10, max(shown) + 10)
        ax.set_xlabel("Epoch")
        ax.set_ylabel("nats per image")
        ax.legend(fontsize=8)
        fig.suptitle(f"Variational autoencoder, {args.latent_dim}-D latent code: held-out ELBO {test_elbo:.1f} nats")
        show_or_save(fig, args, "variational_autoencoder")

    print_result("variational_autoencoder", test_elbo=test_elbo, reconstruction_nats=test_reconstruction,
                 kl_nats=test_kl, reconstruction_mse=mse, fit_time_s=fit_time)
    return vae


if __name__ == "__main__":
    main()
