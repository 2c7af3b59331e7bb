"""Restricted Boltzmann Machine on MNIST: reconstructions of held-out digits as training goes.

Trains a Bernoulli RBM by contrastive divergence (CD-1) on the bundled MNIST
subset (pixels in [0, 1] read as probabilities of being on), prints the
reconstruction error of every epoch, and saves

- ``restricted_boltzmann_machine.gif``: reconstructions of 25 held-out digits
  after each epoch (the first frame shows the originals);
- ``restricted_boltzmann_machine.png``: the error curve, the originals, the
  final reconstructions and samples drawn by Gibbs sampling.

    python examples/restricted_boltzmann_machine.py           # ~20 s
    python examples/restricted_boltzmann_machine.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import (  # noqa: E402
    example_parser,
    get_pyplot,
    image_grid,
    print_result,
    save_animation,
    show_or_save,
)
from mlfromscratch.unsupervised_learning import RBM  # noqa: E402
from mlfromscratch.utils.datasets import load_mnist  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-epochs", type=int, default=None, help="training epochs (default 20, 3 with --quick)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X, _ = load_mnist()
    X = X[rng.permutation(len(X))]
    X_train, X_show = X[:-25], X[-25:]
    if args.quick:
        X_train = X_train[:1000]
    n_epochs = args.n_epochs or (3 if args.quick else 20)

    rbm = RBM(n_components=128, learning_rate=0.1, batch_size=10, n_epochs=n_epochs, random_state=args.seed)
    frames, titles = [], []

    def record(model, epoch):
        frames.append(image_grid(model.reconstruct(X_show)))
        titles.append(f"Reconstructions after epoch {epoch}")
        print(f"Epoch {epoch:3d}: reconstruction error {model.training_errors_[-1]:.5f}")

    print(f"Training an RBM with {rbm.n_components} hidden units on {len(X_train)} MNIST digits (CD-{rbm.k})")
    start = time.perf_counter()
    rbm.fit(X_train, callback=record)
    fit_time = time.perf_counter() - start

    error = float(np.mean((X_show - rbm.reconstruct(X_show)) ** 2))
    baseline = float(np.mean((X_show - X_train.mean(axis=0)) ** 2))
    print(f"Held-out reconstruction MSE: {error:.5f} (mean image: {baseline:.5f})")

    if not args.no_plot:
        # Frame 0 shows the originals, for comparison.
        save_animation(
            [image_grid(X_show)] + frames,
            ["Held-out digits"] + titles,
            args,
            "restricted_boltzmann_machine",
            fps=4,
        )
        plt = get_pyplot()
        fig, axes = plt.subplots(1, 4, figsize=(15, 4))
        axes[0].plot(range(1, n_epochs + 1), rbm.training_errors_, marker="o")
        axes[0].set_xlabel("Iteration")
        axes[0].set_ylabel("Mean squared reconstruction error")
        axes[0].set_title("Training error")
        samples = rbm.sample(25, n_gibbs_steps=200 if args.quick else 1000)
        panels = [(X_show, "Held-out digits"), (rbm.reconstruct(X_show), "Reconstructions"), (samples, "Gibbs samples")]
        for ax, (images, heading) in zip(axes[1:], panels):
            ax.imshow(image_grid(images), cmap="gray", vmin=0, vmax=1)
            ax.set_title(heading)
            ax.axis("off")
        show_or_save(fig, args, "restricted_boltzmann_machine")

    print_result(
        "restricted_boltzmann_machine",
        reconstruction_mse=error,
        mean_image_mse=baseline,
        first_error=rbm.training_errors_[0],
        last_error=rbm.training_errors_[-1],
        fit_time_s=fit_time,
    )


if __name__ == "__main__":
    main()
