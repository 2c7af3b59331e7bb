"""Decision boundary of a multilayer perceptron, trained by gradient descent and by a genetic algorithm.

A 2-24-24-12-2 MultilayerPerceptron (ReLU, tanh and softsign hidden layers,
softmax output) learns two 2-D problems: a disc inside a ring (the "circle"
data) and two interleaving moons. Each problem is learnt twice with the same
network: by mini-batch backpropagation (SGD with momentum) and by the genetic
solver (Neuroevolution: elitist selection, uniform crossover, Gaussian
mutation). Training runs in chunks (``warm_start=True``) so the network's
output over the plane can be drawn as it learns.

Writes, under --save-dir:

- ``mlp_decision_boundary_<data>_<optimiser>.gif``: the network's output
  P(class 1) over the plane as a colour map with the data points, beside the
  training loss on a log scale, frame by frame as training goes;
- ``mlp_decision_boundary_runs.png``: training error over several runs (mean and
  min-max band) for the two optimisers on the circle data.

    python examples/mlp_decision_boundary.py           # ~1 minute
    python examples/mlp_decision_boundary.py --quick   # a few seconds
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
from mlfromscratch.utils import make_disc_and_ring, make_moons  # noqa: E402

HIDDEN_LAYERS = (24, 24, 12)
ACTIVATIONS = ("relu", "tanh", "softsign")


def make_model(optimiser, n_epochs, seed, quick):
    """The same network for both optimisers; ``n_epochs`` is the chunk trained per ``fit`` call."""
    if optimiser == "gradient":
        options = dict(optimizer="sgd", learning_rate=0.05, momentum=0.9, batch_size=32)
    else:
        options = dict(optimizer="genetic", population_size=20 if quick else 50, mutation_rate=0.1, mutation_scale=0.2)
    return MultilayerPerceptron(hidden_layers=HIDDEN_LAYERS, activation=ACTIVATIONS, n_epochs=n_epochs,
                                warm_start=True, random_state=seed, **options)


def train_with_frames(model, X, y, n_frames, grid):
    """Fit ``n_frames`` chunks; after each, record P(class 1) over ``grid`` and the training accuracy."""
    frames, accuracies, fit_time = [], [], 0.0
    for _ in range(n_frames):
        start = time.perf_counter()
        model.fit(X, y)
        fit_time += time.perf_counter() - start
        frames.append(model.predict_proba(grid)[:, 1])
        accuracies.append(np.mean(model.predict(X) == y))
    return frames, np.array(accuracies), fit_time


def save_gif(args, name, title, X, y, xx, yy, frames, accuracies, errors, chunk, unit, dpi):
    """Animated GIF: colour map of the network's output with the data, beside the log-scale loss."""
    plt = get_pyplot()
    from matplotlib.animation import FuncAnimation, PillowWriter

    fig, (ax_map, ax_loss) = plt.subplots(1, 2, figsize=(11, 4.5), layout="constrained")
    image = ax_map.imshow(frames[0].reshape(xx.shape), extent=(xx.min(), xx.max(), yy.min(), yy.max()),
                          origin="lower", cmap="RdBu", vmin=0, vmax=1, aspect="auto")
    ax_map.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu", vmin=0, vmax=1, edgecolors="k", linewidths=0.5, s=14)
    fig.colorbar(image, ax=ax_map, label="P(class 1)")
    epochs = np.arange(1, len(errors) + 1)
    (line,) = ax_loss.semilogy([], [], color="C3")
    ax_loss.set_xlim(1, len(errors))
    ax_loss.set_ylim(max(errors.min(), 1e-12) / 2, errors.max() * 2)
    ax_loss.set_xlabel(unit.capitalize())
    ax_loss.set_ylabel("Training loss (cross-entropy)")
    ax_loss.grid(True, which="both", alpha=0.3)
    fig.suptitle(title)

    def update(i):
        n_done = (i + 1) * chunk
        image.set_data(frames[i].reshape(xx.shape))
        line.set_data(epochs[:n_done], errors[:n_done])
        ax_map.set_title(f"{unit} {n_done}: training accuracy {100 * accuracies[i]:.1f}%")
        return image, line

    animation = FuncAnimation(fig, update, frames=len(frames), blit=False)
    folder = save_dir_or_default(args) or Path("figures")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.gif"
    animation.save(path, writer=PillowWriter(fps=6), dpi=dpi)
    plt.close(fig)
    print(f"Saved animation to {path}")


def plot_runs(args, runs, n_runs):
    """Mean and min-max band of the training error over several runs, one panel per optimiser."""
    plt = get_pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for ax, (optimiser, unit) in zip(axes, [("gradient", "epoch"), ("genetic", "generation")]):
        errors = np.array(runs[optimiser])                         # (n_runs, n_epochs)
        steps = np.arange(1, errors.shape[1] + 1)
        ax.fill_between(steps, errors.min(axis=0), errors.max(axis=0), alpha=0.3, label="min - max")
        ax.semilogy(steps, errors.mean(axis=0), label=f"mean of {n_runs} runs")
        ax.set_title(f"{optimiser.capitalize()} optimiser")
        ax.set_xlabel(unit.capitalize())
        ax.set_ylabel("Training loss")
        ax.legend()
    fig.suptitle("Circle data: training error over several runs")
    show_or_save(fig, args, "mlp_decision_boundary_runs")


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-runs", type=int, default=None, help="runs for the error-spread figure (default 5)")
    args = parser.parse_args(argv)
    n_samples = 200 if args.quick else 400
    # (frames, epochs or generations per frame) of each optimiser
    schedule = {"gradient": (4, 2) if args.quick else (40, 1), "genetic": (4, 4) if args.quick else (25, 12)}
    n_runs = args.n_runs or (2 if args.quick else 5)

    datasets = {
        "circle": (make_disc_and_ring(n_samples, random_state=args.seed),
                   make_disc_and_ring(n_samples, random_state=args.seed + 1000)),
        "moons": (make_moons(n_samples, noise=0.1, random_state=args.seed),
                  make_moons(n_samples, noise=0.1, random_state=args.seed + 1000)),
    }
    metrics = {}
    for data_name, ((X, y), (X_test, y_test)) in datasets.items():
        low, high = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
        xx, yy = np.meshgrid(np.linspace(low[0], high[0], 50 if args.quick else 120),
                             np.linspace(low[1], high[1], 50 if args.quick else 120))
        grid = np.column_stack([xx.ravel(), yy.ravel()])
        for optimiser, unit in [("gradient", "epoch"), ("genetic", "generation")]:
            n_frames, chunk = schedule[optimiser]
            model = make_model(optimiser, chunk, args.seed, args.quick)
            frames, accuracies, fit_time = train_with_frames(model, X, y, n_frames, grid)
            if data_name == "circle" and optimiser == "gradient":
                print(model.summary(name="Multilayer Perceptron"))
                print()
            test_accuracy = np.mean(model.predict(X_test) == y_test)
            reached = np.flatnonzero(accuracies >= 0.98)
            when = f"after {(reached[0] + 1) * chunk} {unit}s" if len(reached) else "not reached"
            print(f"{data_name:6s} {optimiser:8s}: training accuracy {100 * accuracies[-1]:.1f}%, "
                  f"test accuracy {100 * test_accuracy:.1f}% after {model.n_epochs_} {unit}s "
                  f"in {fit_time:.1f} s (98% training accuracy: {when})")
            metrics[f"{data_name}_{optimiser}_accuracy"] = float(test_accuracy)
            metrics[f"{data_name}_{optimiser}_time_s"] = fit_time
            if not args.no_plot and (data_name == "circle" or not args.quick):
                network = "-".join(map(str, (2, *HIDDEN_LAYERS, 2)))
                title = f"{data_name.capitalize()} data, {optimiser} optimiser, network {network}"
                save_gif(args, f"mlp_decision_boundary_{data_name}_{optimiser}", title, X, y, xx, yy,
                         frames, accuracies, model.training_errors_, chunk, unit, 50 if args.quick else 80)

    if not args.no_plot:
        X, y = datasets["circle"][0]
        runs = {"gradient": [], "genetic": []}
        for optimiser in runs:
            for run in range(n_runs):
                n_frames, chunk = schedule[optimiser]
                model = make_model(optimiser, n_frames * chunk, args.seed + run, args.quick)
                runs[optimiser].append(model.fit(X, y).training_errors_)
        plot_runs(args, runs, n_runs)

    print_result("mlp_decision_boundary", **metrics)


if __name__ == "__main__":
    main()
