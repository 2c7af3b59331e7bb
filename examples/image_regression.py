"""Image regression: a multilayer perceptron learns a picture as a function (x, y) -> grey level.

The photograph of Grace Hopper that ships with matplotlib is turned to grey and
downscaled; every pixel is one training sample, its coordinates the input and
its grey level in [0, 1] the target. A MultilayerPerceptron in regression mode
learns it twice: by backpropagation (Adam) and by the genetic optimizer
(Neuroevolution). Prints the PSNR of both reconstructions (and of the genetic
one as the generations go, to show it improving) and saves the original and
the learned images side by side, the training curves and, without --quick, a
GIF of the genetic reconstruction improving.

A plain MLP fed with the raw coordinates learns only the coarsest shapes of an
image in a reasonable time (networks are biased towards low frequencies), so
the coordinates first go through fixed random Fourier features
[sin(pi v B), cos(pi v B)], v = (x, y) in [-1, 1]^2, B ~ N(0, sigma^2) of shape
(2, n_frequencies) (Tancik et al., 2020). The genetic optimizer gets a smaller
network and fewer, lower frequencies: mutation and selection scale badly with
the number of weights.

    python examples/image_regression.py           # ~30 s
    python examples/image_regression.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import (  # noqa: E402
    example_parser,
    get_pyplot,
    print_result,
    save_dir_or_default,
    show_or_save,
)
from mlfromscratch.supervised_learning import MultilayerPerceptron  # noqa: E402


def load_grey_image(factor):
    """Grace Hopper's portrait (600 x 512 RGB) in grey levels in [0, 1], downscaled by block means."""
    plt = get_pyplot()
    from matplotlib import cbook

    with cbook.get_sample_data("grace_hopper.jpg") as file:
        image = plt.imread(file).astype(float).mean(axis=2) / 255.0   # (600, 512)
    h, w = image.shape[0] // factor, image.shape[1] // factor
    return image[: h * factor, : w * factor].reshape(h, factor, w, factor).mean(axis=(1, 3))


def pixel_coordinates(shape):
    """(x, y) of every pixel scaled to [-1, 1], row by row: shape (n_pixels, 2)."""
    rows, cols = np.mgrid[0 : shape[0], 0 : shape[1]]
    return np.column_stack([2 * cols.ravel() / (shape[1] - 1) - 1, 2 * rows.ravel() / (shape[0] - 1) - 1])


def fourier_features(V, n_frequencies, sigma, rng):
    """Random Fourier features [sin(pi V B), cos(pi V B)], B ~ N(0, sigma^2): shape (n, 2 n_frequencies)."""
    B = rng.normal(0.0, sigma, size=(V.shape[1], n_frequencies))
    return np.column_stack([np.sin(np.pi * V @ B), np.cos(np.pi * V @ B)])


def psnr(image, reference):
    """Peak signal-to-noise ratio in dB for images in [0, 1]: 10 log10(1 / MSE)."""
    return 10 * np.log10(1.0 / np.mean((np.clip(image, 0, 1) - reference) ** 2))


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--factor", type=int, default=None, help="downscaling factor (default 8: 75 x 64 pixels)")
    args = parser.parse_args(argv)
    factor = args.factor or (16 if args.quick else 8)
    n_epochs = 5 if args.quick else 100
    n_checkpoints, generations_per_checkpoint = (2, 10) if args.quick else (10, 100)
    rng = np.random.default_rng(args.seed)

    image = load_grey_image(factor)
    target = image.ravel()                                          # (n_pixels,)
    V = pixel_coordinates(image.shape)
    print(f"Image: {image.shape[0]} x {image.shape[1]} grey pixels (PSNR of the mean grey level: "
          f"{psnr(np.full_like(image, image.mean()), image):.1f} dB)")
    print()

    # backpropagation: 32 random frequencies, two hidden ReLU layers of 64 units
    X_backprop = fourier_features(V, 32, 4.0, rng)
    backprop = MultilayerPerceptron(hidden_layers=(64, 64), activation="relu", task="regression", optimizer="adam",
                                    learning_rate=0.003, batch_size=32, n_epochs=n_epochs, random_state=args.seed)
    start = time.perf_counter()
    backprop.fit(X_backprop, target)
    backprop_time = time.perf_counter() - start
    backprop_image = backprop.predict(X_backprop).reshape(image.shape)
    print(backprop.summary(name="Backpropagation network"))
    print(f"Backpropagation: {n_epochs} epochs in {backprop_time:.1f} s, PSNR {psnr(backprop_image, image):.1f} dB")
    print()

    # genetic: 16 lower frequencies, one hidden tanh layer of 8 units, trained in checkpoints (warm start)
    X_genetic = fourier_features(V, 16, 1.5, rng)
    genetic = MultilayerPerceptron(hidden_layers=(8,), activation="tanh", task="regression", optimizer="genetic",
                                   n_epochs=generations_per_checkpoint, population_size=30, mutation_rate=0.1,
                                   mutation_scale=0.05, warm_start=True, random_state=args.seed)
    genetic_time, genetic_frames = 0.0, []
    for _ in range(n_checkpoints):
        start = time.perf_counter()
        genetic.fit(X_genetic, target)
        genetic_time += time.perf_counter() - start
        genetic_frames.append(genetic.predict(X_genetic).reshape(image.shape))
        if len(genetic_frames) == 1:
            print(genetic.summary(name="Genetic network"))
        print(f"Genetic: generation {genetic.n_epochs_:5d}, PSNR {psnr(genetic_frames[-1], image):.1f} dB "
              f"({genetic_time:.1f} s)")
    genetic_image = genetic_frames[-1]

    backprop_psnr, genetic_psnr = psnr(backprop_image, image), psnr(genetic_image, image)
    if not args.no_plot:
        plt = get_pyplot()
        fig, axes = plt.subplots(1, 3, figsize=(11, 4.5))
        for ax, picture, title in [
            (axes[0], image, "Original"),
            (axes[1], backprop_image, f"Backpropagation, {n_epochs} epochs\nPSNR {backprop_psnr:.1f} dB"),
            (axes[2], genetic_image, f"Genetic, {genetic.n_epochs_} generations\nPSNR {genetic_psnr:.1f} dB"),
        ]:
            ax.imshow(np.clip(picture, 0, 1), cmap="gray", vmin=0, vmax=1)
            ax.set_title(title)
            ax.axis("off")
        show_or_save(fig, args, "image_regression")

        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
        ax1.semilogy(np.arange(1, n_epochs + 1), backprop.training_errors_)
        ax1.set_title("Backpropagation")
        ax1.set_xlabel("Epoch")
        ax1.set_ylabel("Training loss (half MSE)")
        ax2.semilogy(np.arange(1, genetic.n_epochs_ + 1), genetic.training_errors_)
        ax2.set_title("Genetic (best individual)")
        ax2.set_xlabel("Generation")
        show_or_save(fig, args, "image_regression_training")

        if not args.quick:
            from matplotlib.animation import FuncAnimation, PillowWriter

            fig, ax = plt.subplots(figsize=(4, 4.5))
            shown = ax.imshow(np.clip(genetic_frames[0], 0, 1), cmap="gray", vmin=0, vmax=1)
            ax.axis("off")

            def update(i):
                shown.set_data(np.clip(genetic_frames[i], 0, 1))
                ax.set_title(f"Generation {(i + 1) * generations_per_checkpoint}: "
                             f"PSNR {psnr(genetic_frames[i], image):.1f} dB")
                return (shown,)

            folder = save_dir_or_default(args) or Path("figures")
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "image_regression_genetic.gif"
            FuncAnimation(fig, update, frames=len(genetic_frames)).save(path, writer=PillowWriter(fps=3))
            plt.close(fig)
            print(f"Saved animation to {path}")

    print_result("image_regression", backprop_psnr_db=backprop_psnr, genetic_psnr_db=genetic_psnr,
                 backprop_fit_time_s=backprop_time, genetic_fit_time_s=genetic_time,
                 n_epochs=n_epochs, n_generations=genetic.n_epochs_)


if __name__ == "__main__":
    main()
