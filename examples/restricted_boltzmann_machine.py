"""Restricted Boltzmann Machine on MNIST: reconstructions of held-out digits as training goes.

Trains a Bernoulli RBM by contrastive divergence (CD-1) on the bundled MNIST
subset (pixels in [0, 1] read as probabilities of being on), prints the
reconstruction error of every iteration, and saves

- ``restricted_boltzmann_machine.gif``: reconstructions of 25 held-out digits
  after each iteration (the first frame shows the originals);
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

from mlfromscratch.unsupervised_learning import RBM  # noqa: E402
from mlfromscratch.utils.datasets import load_mnist  # noqa: E402
from mlfromscratch.utils.misc import (  # noqa: E402
    example_parser,
    get_pyplot,
    print_result,
    save_dir_or_default,
    show_or_save,
)


def image_grid(images, n_cols=5, size=28):
    """Tile rows of ``size * size`` pixels into one 2-D image with a 1-pixel gap."""
    n_rows = int(np.ceil(len(images) / n_cols))
    grid = np.ones((n_rows * (size + 1) + 1, n_cols * (size + 1) + 1))
    for i, image in enumerate(images):
        r, c = divmod(i, n_cols)
        grid[1 + r * (size + 1): (r + 1) * (size + 1), 1 + c * (size + 1): (c + 1) * (size + 1)] = (
            image.reshape(size, size)
        )
    return grid


def save_animation(frames, titles, args, name):
    """Animate 2-D images (grey, [0, 1]) with the Pillow writer; show it when there is a display."""
    plt = get_pyplot()
    from matplotlib import animation

    fig, ax = plt.subplots(figsize=(4, 4.3))
    ax.axis("off")
    shown = ax.imshow(frames[0], cmap="gray", vmin=0, vmax=1)
    title = ax.set_title(titles[0])

    def update(i):
        shown.set_data(frames[i])
        title.set_text(titles[i])
        return shown, title

    anim = animation.FuncAnimation(fig, update, frames=len(frames), interval=300, blit=False)
    folder = save_dir_or_default(args)
    if folder is None:
        plt.show()
    else:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.gif"
        anim.save(path, writer=animation.PillowWriter(fps=4))
        print(f"Saved animation to {path}")
    plt.close(fig)


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-iter", type=int, default=None, help="training iterations (default 20, 3 with --quick)")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    X, _ = load_mnist()
    X = X[rng.permutation(len(X))]
    X_train, X_show = X[:-25], X[-25:]
    if args.quick:
        X_train = X_train[:1000]
    n_iter = args.n_iter or (3 if args.quick else 20)

    rbm = RBM(n_components=128, learning_rate=0.1, batch_size=10, n_iter=n_iter, random_state=args.seed)
    frames, titles = [], []

    def record(model, iteration):
        frames.append(image_grid(model.reconstruct(X_show)))
        titles.append(f"Reconstructions after iteration {iteration}")
        print(f"Iteration {iteration:3d}: reconstruction error {model.training_errors_[-1]:.5f}")

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
        )
        plt = get_pyplot()
        fig, axes = plt.subplots(1, 4, figsize=(15, 4))
        axes[0].plot(range(1, n_iter + 1), rbm.training_errors_, marker="o")
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
