"""Support vector machine (SMO) on handwritten digits, and its margin on two moons.

Trains a kernel SVM (one-vs-one over the 10 digits, 45 binary problems) on 75%
of the digits and prints the test accuracy, the fit time and the support
vectors per class. Figures: the test digits projected on their first two
principal components, coloured by prediction; and an RBF SVM on the two-moons
toy set with its decision boundary, margins and support vectors.

    python examples/support_vector_machine.py --kernel rbf --C 1
    python examples/support_vector_machine.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import SupportVectorMachine  # noqa: E402
from mlfromscratch.utils.data_manipulation import train_test_split  # noqa: E402
from mlfromscratch.utils.data_operation import accuracy_score  # noqa: E402
from mlfromscratch.utils.datasets import load_digits, make_moons  # noqa: E402


def plot_moons(args):
    """Decision function of an RBF SVM on two moons: boundary f = 0, margins f = +-1, support vectors."""
    plt = get_pyplot()
    X, y = make_moons(n_samples=200, noise=0.2, random_state=args.seed)
    svm = SupportVectorMachine(C=1.0, kernel="rbf", gamma=1.0).fit(X, y)
    xx, yy = np.meshgrid(np.linspace(-1.6, 2.6, 200), np.linspace(-1.2, 1.7, 150))
    f = svm.decision_function(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.contourf(xx, yy, f, levels=20, cmap="RdBu", alpha=0.4)
    ax.contour(xx, yy, f, levels=[-1, 0, 1], colors="black", linestyles=["--", "-", "--"])
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="RdBu", s=15, edgecolors="none")
    ax.scatter(*svm.support_vectors_.T, s=60, facecolors="none", edgecolors="black", linewidths=0.8,
               label=f"{len(svm.support_)} support vectors")
    ax.set_title("RBF SVM on two moons: boundary f(x) = 0 and margins f(x) = ±1")
    ax.legend(loc="lower left")
    show_or_save(fig, args, "support_vector_machine_moons")


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--kernel", default="rbf", choices=["rbf", "linear", "poly"], help="kernel (default rbf)")
    parser.add_argument("--C", type=float, default=1.0, help="penalty C (default 1)")
    parser.add_argument("--multi-class", default="ovo", choices=["ovo", "ovr"], help="one-vs-one or one-vs-rest")
    args = parser.parse_args(argv)

    X, y = load_digits()
    if args.quick:
        X, y = X[:600], y[:600]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)

    svm = SupportVectorMachine(C=args.C, kernel=args.kernel, multi_class=args.multi_class)
    start = time.perf_counter()
    svm.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    start = time.perf_counter()
    y_pred = svm.predict(X_test)
    predict_time = time.perf_counter() - start
    accuracy = accuracy_score(y_test, y_pred)

    print(f"Digits: {len(X_train)} training and {len(X_test)} test images; kernel={args.kernel}, "
          f"C={args.C}, gamma={svm.gamma_:.5f}, {args.multi_class} ({len(svm.intercept_)} binary problems)")
    print(table([["Class"] + [str(c) for c in svm.classes_], ["Support vectors"] + svm.n_support_.tolist()],
                "Support vectors per class"))
    print(f"Fit {fit_time:.2f} s ({svm.n_iter_.sum()} SMO updates), predict {predict_time:.3f} s")
    print(f"Test accuracy: {accuracy:.3f}")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="Support Vector Machine", accuracy=accuracy)
        show_or_save(fig, args, "support_vector_machine")
        plot_moons(args)

    print_result("support_vector_machine", accuracy=accuracy, fit_time_s=fit_time, n_support=len(svm.support_))


if __name__ == "__main__":
    main()
