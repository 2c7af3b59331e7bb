"""k-nearest neighbours on the handwritten digits.

A test image gets the majority label of the k closest training images
(Euclidean distance on the 64 pixels), with one vote each or votes weighted by
1/distance. The script compares a few values of k, prints the test accuracy of
the chosen one and draws the test images projected on their first two
principal components, coloured by the predicted digit.

    python examples/k_nearest_neighbors.py
    python examples/k_nearest_neighbors.py --n-neighbors 3 --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import KNN  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-neighbors", type=int, default=5, help="neighbours that vote (default 5)")
    parser.add_argument("--weights", choices=["uniform", "distance"], default="uniform",
                        help="vote weights (default uniform)")
    args = parser.parse_args(argv)

    X, y = load_digits()
    if args.quick:
        X, y = X[:600], y[:600]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=args.seed)

    rows = [["k", "uniform", "distance"]]
    for k in (1, 3, 5, 9, 15):
        scores = [accuracy_score(y_test, KNN(n_neighbors=k, weights=w).fit(X_train, y_train).predict(X_test))
                  for w in ("uniform", "distance")]
        rows.append([str(k)] + [f"{s:.3f}" for s in scores])
    print(f"Digits: {len(X_train)} training and {len(X_test)} test images, 64 pixels")
    print(table(rows, "Accuracy"))

    start = time.perf_counter()
    model = KNN(n_neighbors=args.n_neighbors, weights=args.weights).fit(X_train, y_train)
    y_pred = model.predict(X_test)
    predict_time = time.perf_counter() - start
    accuracy = accuracy_score(y_test, y_pred)
    print(f"KNN(n_neighbors={args.n_neighbors}, weights={args.weights!r}): accuracy {accuracy:.4f} "
          f"(fit + predict {1000 * predict_time:.1f} ms)")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title=f"K Nearest Neighbors (k={args.n_neighbors})",
                                accuracy=accuracy, legend_labels=[str(c) for c in range(10)])
        show_or_save(fig, args, "k_nearest_neighbors")

    print_result("k_nearest_neighbors", accuracy=accuracy, predict_time_s=predict_time)


if __name__ == "__main__":
    main()
