"""Benchmark: the generative models -- training time and the quality of what they produce.

- RBM: fit time (median of repeats) and held-out reconstruction MSE on MNIST, next to
  scikit-learn's ``BernoulliRBM`` (persistent CD, same hyperparameters) when installed.
- Autoencoder: runs ``examples/autoencoder.py``; held-out MSE against the mean image and PCA.
- GAN and DCGAN: run ``examples/generative_adversarial_network.py`` and ``examples/dcgan.py``
  with their full settings, then score 1,000 samples of each with a digit classifier
  (a small CNN built from our layers and trained here on 4,500 real MNIST digits): the
  mean of the classifier's largest class probability, the fraction of samples above 0.9,
  and how many of the 10 digits appear. The same numbers for 500 held-out real digits and
  for uniform noise put them in context. Targets: mean max-probability above 0.9, all
  10 classes present.

Prints the thread count and one RESULT line per model. ``--save-dir DIR`` keeps the
examples' figures (sample grids, GIFs).

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_generative.py
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python benchmarks/bench_generative.py --quick
    python benchmarks/bench_generative.py --only gan dcgan --save-dir /tmp/figures
"""

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from examples._helpers import print_result  # noqa: E402
from mlfromscratch.deep_learning import (  # noqa: E402
    Activation,
    Adam,
    Conv2D,
    CrossEntropy,
    Dense,
    Dropout,
    Flatten,
    MaxPooling2D,
    NeuralNetwork,
    Sigmoid,
)
from mlfromscratch.unsupervised_learning import RBM  # noqa: E402
from mlfromscratch.utils.data_manipulation import to_categorical  # noqa: E402
from mlfromscratch.utils.datasets import load_mnist  # noqa: E402

try:
    import sklearn.neural_network
except ImportError:  # the comparison is optional
    sklearn = None


def median_time(fit, repeats):
    """Median wall time of ``fit()`` over ``repeats`` calls, and its last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def run_example(name, argv):
    """Import ``examples/<name>.py`` and return ``(main(argv), wall time)``."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    start = time.perf_counter()
    model = module.main(argv)
    return model, time.perf_counter() - start


def mnist_split(seed=0):
    X, y = load_mnist()
    order = np.random.default_rng(seed).permutation(len(X))
    return X[order[:4500]], X[order[4500:]], y[order[:4500]], y[order[4500:]]


# --------------------------------------------------------------------------- sample quality


def digit_classifier(n_epochs, seed=0):
    """A small CNN trained on 4,500 real MNIST digits; returns (network, held-out accuracy, X_test)."""
    X_train, X_test, y_train, y_test = mnist_split(seed)
    model = NeuralNetwork(Adam(0.001), CrossEntropy, random_state=seed)
    model.add(Conv2D(16, (3, 3), input_shape=(1, 28, 28)))
    model.add(Activation("relu"))
    model.add(MaxPooling2D((2, 2)))
    model.add(Conv2D(32, (3, 3)))
    model.add(Activation("relu"))
    model.add(MaxPooling2D((2, 2)))
    model.add(Flatten())
    model.add(Dense(128))
    model.add(Activation("relu"))
    model.add(Dropout(0.3))
    model.add(Dense(10))
    model.add(Activation("softmax"))
    model.fit(X_train.reshape(-1, 1, 28, 28), to_categorical(y_train, 10), n_epochs=n_epochs, batch_size=64,
              verbose=False)
    accuracy = float(np.mean(model.predict(X_test.reshape(-1, 1, 28, 28)).argmax(axis=1) == y_test))
    return model, accuracy, X_test


def sample_quality(classifier, images):
    """Mean max-probability, fraction above 0.9, number of classes and class counts of ``images``."""
    probabilities = classifier.predict(np.asarray(images).reshape(-1, 1, 28, 28))
    max_probability = probabilities.max(axis=1)
    counts = np.bincount(probabilities.argmax(axis=1), minlength=10)
    return {
        "mean_max_prob": float(max_probability.mean()),
        "frac_above_0.9": float(np.mean(max_probability > 0.9)),
        "n_classes": int(np.sum(counts > 0)),
        "class_counts": "/".join(str(c) for c in counts),
    }


# --------------------------------------------------------------------------- models


def bench_rbm(quick, repeats):
    X_train, X_test, _, _ = mnist_split()
    if quick:
        X_train = X_train[:1000]
    kwargs = dict(n_components=128, learning_rate=0.1, batch_size=10, n_epochs=2 if quick else 10)

    sigmoid = Sigmoid()

    def mse(W, b_visible, b_hidden):  # mean-field reconstruction, W of shape (n_features, n_components)
        hidden = sigmoid(X_test @ W + b_hidden)
        return float(np.mean((X_test - sigmoid(hidden @ W.T + b_visible)) ** 2))

    t, rbm = median_time(lambda: RBM(persistent=True, random_state=0, **kwargs).fit(X_train), repeats)
    metrics = {"n_samples": len(X_train), "n_epochs": kwargs["n_epochs"], "fit_time_s": t,
               "test_mse": mse(rbm.components_, rbm.intercept_visible_, rbm.intercept_hidden_),
               "mean_image_mse": float(np.mean((X_test - X_train.mean(axis=0)) ** 2)),
               "first_error": rbm.training_errors_[0], "last_error": rbm.training_errors_[-1]}
    if sklearn:  # BernoulliRBM trains by persistent CD too, with the same hyperparameter names
        t_sk, theirs = median_time(
            lambda: sklearn.neural_network.BernoulliRBM(random_state=0, **kwargs).fit(X_train), repeats
        )
        metrics.update(sklearn_fit_time_s=t_sk,
                       sklearn_test_mse=mse(theirs.components_.T, theirs.intercept_visible_, theirs.intercept_hidden_))
    print_result("bench_rbm", **metrics)


def bench_autoencoder(quick, save_args):
    _, t = run_example("autoencoder", ["--quick"] * quick + save_args)
    print_result("bench_autoencoder", wall_time_s=t)


def bench_gan(name, classifier, quick, save_args):
    model, t = run_example(name, ["--quick"] * quick + save_args)
    samples = model.sample(1000, random_state=0)
    print_result(f"bench_{name}", steps=len(model.history_["g_loss"]), wall_time_s=t,
                 **sample_quality(classifier, samples))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small, fast run")
    parser.add_argument("--repeats", type=int, default=3, help="timing repeats for the RBM (default 3)")
    parser.add_argument("--only", nargs="+", choices=["rbm", "autoencoder", "gan", "dcgan"], default=None)
    parser.add_argument("--save-dir", default=None, help="keep the examples' figures here")
    args = parser.parse_args(argv)
    which = args.only or ["rbm", "autoencoder", "gan", "dcgan"]
    save_args = ["--save-dir", args.save_dir] if args.save_dir else ["--no-plot"]
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")

    if "rbm" in which:
        bench_rbm(args.quick, 1 if args.quick else args.repeats)
    if "autoencoder" in which:
        bench_autoencoder(args.quick, save_args)
    if "gan" in which or "dcgan" in which:
        start = time.perf_counter()
        classifier, accuracy, X_test = digit_classifier(n_epochs=1 if args.quick else 10)
        noise = np.random.default_rng(0).random((500, 784))
        print_result("bench_digit_classifier", test_accuracy=accuracy, fit_time_s=time.perf_counter() - start)
        print_result("bench_reference_real_digits", **sample_quality(classifier, X_test))
        print_result("bench_reference_uniform_noise", **sample_quality(classifier, noise))
        for name in ("gan", "dcgan"):
            if name in which:
                example = "generative_adversarial_network" if name == "gan" else "dcgan"
                bench_gan(example, classifier, args.quick, save_args)


if __name__ == "__main__":
    main()
