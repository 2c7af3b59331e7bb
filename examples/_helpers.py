"""What only the examples need: the shared flags, the RESULT line, figures and animations.

The examples (and the benchmarks that run them) import from here; the library
itself never does. matplotlib is imported inside the functions that draw.
"""

import argparse
import os
import time
from pathlib import Path

import numpy as np

from mlfromscratch.utils.display import table  # noqa: F401  (re-exported: examples print tables)


def get_pyplot():
    """Import ``matplotlib.pyplot``, switching to the Agg backend when there is no display."""
    import matplotlib

    if os.environ.get("MPLBACKEND") is None and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.name == "nt"
    ):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


# --------------------------------------------------------------------------- examples


def example_parser(description):
    """Argument parser with the flags every example shares.

    ``--seed`` (int, default 1), ``--quick`` (a few-second run for smoke tests),
    ``--no-plot`` (skip figures) and ``--save-dir`` (write figures there
    instead of showing them; the default when there is no display).
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--quick", action="store_true", help="small, fast run (a few seconds)")
    parser.add_argument("--no-plot", action="store_true", help="do not draw figures")
    parser.add_argument("--save-dir", default=None, help="save figures in this folder instead of showing them")
    return parser


def has_display():
    """Whether figures can be shown on screen."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.name == "nt")


def save_dir_or_default(args, default="figures"):
    """Folder to save figures in: ``--save-dir``, or ``default`` when nothing can be shown."""
    if args.save_dir:
        return Path(args.save_dir)
    return None if has_display() else Path(default)


def show_or_save(fig, args, name):
    """Show ``fig`` on screen, or save it as ``<save dir>/<name>.png`` when headless.

    Returns the path written, or None when the figure was shown or plotting is off.
    """
    plt = get_pyplot()
    path = None
    folder = save_dir_or_default(args)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        fig.savefig(path, dpi=100, bbox_inches="tight")
        print(f"Saved figure to {path}")
    else:
        plt.show()
    plt.close(fig)
    return path


def image_grid(images, n_cols=5, size=28):
    """Tile square grey images into one 2-D image, with a 1-pixel white border between them.

    Parameters
    ----------
    images : array-like of shape (n_images, ...)
        Each image holds ``size * size`` values in [0, 1], in any layout
        (flat rows ``(n, 784)``, ``(n, 28, 28)`` or ``(n, 1, 28, 28)``).
    n_cols : int, default=5
        Images per row; the last row may be partly empty (left white).
    size : int, default=28
        Side of one image, in pixels.

    Returns
    -------
    grid : ndarray of shape (n_rows * (size + 1) + 1, n_cols * (size + 1) + 1)
        With ``n_rows = ceil(n_images / n_cols)``; show it with
        ``imshow(grid, cmap="gray", vmin=0, vmax=1)``.

    Examples
    --------
    >>> image_grid(np.zeros((6, 4)), n_cols=3, size=2).shape
    (7, 10)
    """
    images = np.asarray(images, dtype=float).reshape(-1, size, size)  # (n, size, size)
    n_rows = -(-len(images) // n_cols)
    grid = np.ones((n_rows * (size + 1) + 1, n_cols * (size + 1) + 1))
    for i, image in enumerate(images):
        row, col = divmod(i, n_cols)
        top, left = 1 + row * (size + 1), 1 + col * (size + 1)
        grid[top:top + size, left:left + size] = image
    return grid


def save_animation(frames, titles, args, name, fps=3):
    """Animate grey 2-D images: save ``<save dir>/<name>.gif`` when headless, else show it.

    Uses ``matplotlib.animation`` with the Pillow writer (no ImageMagick needed)
    and the same folder as ``show_or_save`` (``save_dir_or_default``).

    Parameters
    ----------
    frames : sequence of ndarray of shape (height, width)
        The images, values in [0, 1] (e.g. from ``image_grid``).
    titles : sequence of str
        One title per frame.
    args : argparse.Namespace
        The example's parsed flags (``--save-dir`` is read).
    name : str
        File name without the ``.gif`` extension.
    fps : int, default=3
        Frames per second.

    Returns
    -------
    path : pathlib.Path or None
        The GIF written, or None when it was shown on screen.
    """
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

    anim = animation.FuncAnimation(fig, update, frames=len(frames), interval=1000 // fps)
    path = None
    folder = save_dir_or_default(args)
    if folder is None:
        plt.show()
    else:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.gif"
        anim.save(path, writer=animation.PillowWriter(fps=fps))
        print(f"Saved animation to {path}")
    plt.close(fig)
    return path


def images_and_curves(images, curves, n_cols=10, title="Generated digits", xlabel="Training step",
                      ylabel="Cross-entropy", log_scale=True):
    """Figure with an image grid on the left and training curves on the right.

    Parameters
    ----------
    images : array-like of shape (n_images, ...)
        Square grey images in [0, 1] (see ``image_grid``).
    curves : dict of str to sequence of float
        Legend label -> values, one per training step.
    n_cols : int, default=10
        Images per row of the grid.
    title, xlabel, ylabel : str
        Title of the image panel and axis labels of the curve panel.
    log_scale : bool, default=True
        Logarithmic y-axis, so that the large losses of the first steps do
        not flatten the rest of the curves.

    Returns
    -------
    fig : matplotlib.figure.Figure
        Show or save it with ``show_or_save``.
    """
    plt = get_pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(13, 6), gridspec_kw={"width_ratios": [1, 1.3]})
    axes[0].imshow(image_grid(images, n_cols=n_cols), cmap="gray", vmin=0, vmax=1)
    axes[0].set_title(title)
    axes[0].axis("off")
    for label, values in curves.items():
        axes[1].plot(values, label=label, linewidth=0.8)
    if log_scale:
        axes[1].set_yscale("log")
    axes[1].set_xlabel(xlabel)
    axes[1].set_ylabel(ylabel)
    axes[1].legend()
    return fig


def plot_temperature_fit(ax, X_train, y_train, X_test, y_test, grid, curve, title):
    """Draw the regression examples' figure: training and test days and the fitted curve.

    Parameters
    ----------
    ax : matplotlib Axes
    X_train, X_test : ndarray of shape (n, 1)
        Day of the year as a fraction of the year (``load_temperature``).
    y_train, y_test : ndarray of shape (n,)
        Temperatures.
    grid : ndarray of shape (n_grid, 1)
        Where the curve is evaluated, same scale as X.
    curve : ndarray of shape (n_grid,)
        The model's prediction on ``grid``.
    title : str

    Returns
    -------
    line : matplotlib Line2D
        The prediction curve (animations update its data).
    """
    ax.scatter(366 * X_train[:, 0], y_train, s=10, color="tab:blue", alpha=0.7, label="Training data")
    ax.scatter(366 * X_test[:, 0], y_test, s=10, color="tab:orange", alpha=0.7, label="Test data")
    line = ax.plot(366 * grid[:, 0], curve, color="black", linewidth=2, label="Prediction")[0]
    ax.set_title(title)
    ax.set_xlabel("Day")
    ax.set_ylabel("Temperature in Celsius")
    ax.legend(loc="lower right")
    return line


def train_gan_example(model, X, n_epochs, batch_size, args, name, rng):
    """Train a GAN or DCGAN the way both examples do, then report and plot it.

    Records ``model.generate`` of 25 fixed noise vectors after every epoch
    (``<name>.gif``), prints the step count and time, saves 100 samples next
    to the loss curves (``<name>.png``) and prints the RESULT line with the
    last epoch's mean losses.

    Parameters
    ----------
    model : GAN
        Not yet fitted; its ``verbose`` prints the summaries and epoch losses.
    X : ndarray
        Training images in [0, 1].
    n_epochs, batch_size : int
    args : argparse.Namespace
        The example's flags (``--no-plot``, ``--save-dir``).
    name : str
        The example's name, for its figures and RESULT line.
    rng : numpy.random.Generator
        Draws the fixed noise vectors of the animation.

    Returns
    -------
    model : GAN
        Fitted.
    """
    z_fixed = rng.standard_normal((25, model.latent_dim))  # the GIF follows the same noise
    frames = []

    def record(gan, epoch):
        frames.append(image_grid(gan.generate(z_fixed), n_cols=5))

    start = time.perf_counter()
    model.fit(X, n_epochs=n_epochs, batch_size=batch_size, callback=record)
    fit_time = time.perf_counter() - start
    steps_per_epoch = -(-len(X) // batch_size)
    d_loss, d_acc, g_loss = (
        float(np.mean(model.history_[key][-steps_per_epoch:])) for key in ("d_loss", "d_acc", "g_loss")
    )  # means over the last epoch
    print(f"Trained {len(model.history_['g_loss'])} steps in {fit_time:.1f} s")

    if not args.no_plot:
        save_animation(frames, [f"Epoch {e}" for e in range(1, n_epochs + 1)], args, name)
        curves = {"Discriminator loss": model.history_["d_loss"], "Generator loss": model.history_["g_loss"]}
        show_or_save(images_and_curves(model.sample(100), curves), args, name)

    print_result(name, d_loss=d_loss, d_acc=d_acc, g_loss=g_loss, fit_time_s=fit_time)
    return model


def print_result(example, **metrics):
    """Print the example's headline line, parsed by ``benchmarks/run_examples.py``.

    The line reads ``RESULT example=<name> key=value ...``; floats get 4 decimals.
    """
    parts = [f"example={example}"]
    for key, value in metrics.items():
        if isinstance(value, (float, np.floating)):
            value = f"{value:.4f}"
        parts.append(f"{key}={value}")
    print("RESULT " + " ".join(parts))


# --------------------------------------------------------------------------- plots


class Plot:
    """Scatter plots of labelled data projected to 2-D or 3-D by PCA, and regression plots.

    Methods return the matplotlib ``Figure``; the caller shows or saves it
    (see ``show_or_save``).
    """

    def _transform(self, X, n_components):
        from mlfromscratch.unsupervised_learning import PCA

        X = np.asarray(X, dtype=float)
        if X.shape[1] <= n_components:
            return X
        return PCA(n_components=n_components).fit_transform(X)

    def plot_regression(self, lines, title, axis_labels=None, mse=None, scatter=None, legend=None):
        """Lines (dicts with ``x``, ``y``, ``color``, ``width``, ``label``) and scatter sets.

        Parameters
        ----------
        lines : list of dict
        title : str
        axis_labels : dict with ``x`` and ``y``, optional
        mse : float, optional
            Shown under the title.
        scatter : list of dict with ``x``, ``y``, ``color``, ``size``, ``label``, optional
        legend : dict with ``type`` ("lines" or "scatter") and ``loc``, optional
        """
        plt = get_pyplot()
        fig, ax = plt.subplots()
        handles = []
        for s in scatter or []:
            handles.append(ax.scatter(s["x"], s["y"], color=s.get("color"), s=s.get("size", 10), label=s.get("label")))
        for line in lines:
            ax.plot(line["x"], line["y"], color=line.get("color"), linewidth=line.get("width", 2),
                    label=line.get("label"))
        ax.set_title(title if mse is None else f"{title}\nMSE: {mse:.2f}")
        if axis_labels:
            ax.set_xlabel(axis_labels["x"])
            ax.set_ylabel(axis_labels["y"])
        if legend:
            ax.legend(loc=legend.get("loc", "best"))
        return fig

    def plot_in_2d(self, X, y=None, title=None, accuracy=None, legend_labels=None):
        """Scatter the data projected on its first two principal components, coloured by ``y``."""
        plt = get_pyplot()
        X_2d = self._transform(X, 2)
        y = np.zeros(len(X_2d), dtype=int) if y is None else np.asarray(y)
        fig, ax = plt.subplots()
        classes = np.unique(y)
        colors = plt.get_cmap("viridis")(np.linspace(0, 1, len(classes)))
        for color, label in zip(colors, classes):
            mask = y == label
            name = legend_labels[int(label)] if legend_labels is not None else label
            ax.scatter(X_2d[mask, 0], X_2d[mask, 1], color=color, s=12, label=str(name))
        if legend_labels is not None or len(classes) > 1:
            ax.legend(loc="best", fontsize="small")
        heading = title or ""
        if accuracy is not None:
            heading = f"{heading}\nAccuracy: {100 * accuracy:.1f}%"
        ax.set_title(heading)
        ax.set_xlabel("Principal Component 1")
        ax.set_ylabel("Principal Component 2")
        return fig

    def plot_in_3d(self, X, y=None, title=None):
        """Scatter the data projected on its first three principal components."""
        plt = get_pyplot()
        X_3d = self._transform(X, 3)
        fig = plt.figure()
        ax = fig.add_subplot(projection="3d")
        ax.scatter(X_3d[:, 0], X_3d[:, 1], X_3d[:, 2], c=y, s=12)
        if title:
            ax.set_title(title)
        return fig
