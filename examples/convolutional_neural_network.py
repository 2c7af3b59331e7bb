"""Convolutional neural network on the 8x8 digits: the classic ML-From-Scratch ConvNet.

Two 3x3 convolutions (16 and 32 filters, "same" padding) with ReLU, dropout and
per-channel batch normalisation, then a 256-unit dense layer and a softmax over
the 10 digits, trained with Adam on the cross-entropy. Prints the model summary,
shows a progress bar while training, reports the test accuracy and plots the
training and validation error per epoch.

Departures from the classic script: pixels are scaled to [0, 1], the batch
normalisation is per channel after a convolution (Ioffe & Szegedy) and its
running statistics use momentum 0.9 instead of 0.99, because 15 epochs of 17
mini-batches are too few steps for a 0.99 average to forget its initial
values (the test accuracy then drops to ~0.95); the mini-batches have 64
samples instead of 256 (more steps per epoch, fewer epochs).

    python examples/convolutional_neural_network.py           # 15 epochs, ~0.99 accuracy
    python examples/convolutional_neural_network.py --quick   # a few seconds
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.deep_learning import (  # noqa: E402
    Activation,
    Adam,
    BatchNormalization,
    Conv2D,
    CrossEntropy,
    Dense,
    Dropout,
    Flatten,
    NeuralNetwork,
)
from mlfromscratch.utils import accuracy_score, load_digits, to_categorical, train_test_split  # noqa: E402


def build_convnet(validation_data, random_state, momentum=0.9):
    """The classic ConvNet for (1, 8, 8) images and 10 classes (``momentum``: batch-norm running averages)."""
    model = NeuralNetwork(optimizer=Adam(), loss=CrossEntropy, validation_data=validation_data,
                          random_state=random_state)
    model.add(Conv2D(n_filters=16, filter_shape=(3, 3), stride=1, input_shape=(1, 8, 8), padding="same"))
    model.add(Activation("relu"))
    model.add(Dropout(0.25))
    model.add(BatchNormalization(momentum=momentum))
    model.add(Conv2D(n_filters=32, filter_shape=(3, 3), stride=1, padding="same"))
    model.add(Activation("relu"))
    model.add(Dropout(0.25))
    model.add(BatchNormalization(momentum=momentum))
    model.add(Flatten())
    model.add(Dense(256, kernel_initializer="he_normal"))
    model.add(Activation("relu"))
    model.add(Dropout(0.4))
    model.add(BatchNormalization(momentum=momentum))
    model.add(Dense(10))
    model.add(Activation("softmax"))
    return model


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-epochs", type=int, default=None, help="training epochs (default 15, 2 with --quick)")
    parser.add_argument("--batch-size", type=int, default=64, help="mini-batch size (default 64)")
    args = parser.parse_args(argv)
    n_epochs = args.n_epochs or (2 if args.quick else 15)

    X, y = load_digits()
    X = X.reshape(-1, 1, 8, 8) / 16.0  # (n_samples, channels, height, width), pixels in [0, 1]
    Y = to_categorical(y, 10)
    X_train, X_test, y_train, y_test = train_test_split(X, Y, test_size=0.4, random_state=args.seed, stratify=y)

    model = build_convnet((X_test, y_test), random_state=args.seed)
    print(model.summary(name="ConvNet"))
    print()

    start = time.perf_counter()
    history = model.fit(X_train, y_train, n_epochs=n_epochs, batch_size=args.batch_size)
    fit_time = time.perf_counter() - start

    y_pred = np.argmax(model.predict(X_test), axis=1)
    accuracy = accuracy_score(np.argmax(y_test, axis=1), y_pred)
    print(f"Accuracy: {accuracy:.4f} ({n_epochs} epochs in {fit_time:.1f} s)")

    if not args.no_plot:
        plt = get_pyplot()
        fig, (ax_err, ax_img) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw={"width_ratios": [3, 2]})
        epochs = np.arange(1, n_epochs + 1)
        ax_err.plot(epochs, history["loss"], label="Training error")
        ax_err.plot(epochs, history["val_loss"], label="Validation error")
        ax_err.set_title("Error plot")
        ax_err.set_xlabel("Epoch")
        ax_err.set_ylabel("Cross-entropy")
        ax_err.legend()
        # A grid of test digits with their predicted labels (red when wrong)
        ax_img.axis("off")
        ax_img.set_title(f"Test digits, predicted labels (red: wrong), {100 * accuracy:.1f}% correct", fontsize=10)
        for k in range(16):
            sub = ax_img.inset_axes([(k % 4) / 4, 1 - (k // 4 + 1) / 4, 0.23, 0.23])
            sub.imshow(X_test[k, 0], cmap="gray_r")
            sub.set_xticks([])
            sub.set_yticks([])
            wrong = y_pred[k] != np.argmax(y_test[k])
            sub.set_title(str(y_pred[k]), fontsize=8, color="red" if wrong else "black", pad=1)
        show_or_save(fig, args, "convolutional_neural_network")

    print_result("convolutional_neural_network", accuracy=accuracy, fit_time_s=fit_time, n_epochs=n_epochs)


if __name__ == "__main__":
    main()
