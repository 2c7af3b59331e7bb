"""Classification tree (CART) on the Iris flowers, the digits or the breast-cancer data.

Grows a tree with the Gini impurity and one with the entropy on 60% of the
samples, prints their test accuracy, depth and leaves, the Gini tree as text
(down to --print-depth) and its most important features. The figure shows the
test samples projected on their first two principal components, coloured by
the predicted class.

    python examples/decision_tree_classifier.py
    python examples/decision_tree_classifier.py --dataset digits --max-depth 8
    python examples/decision_tree_classifier.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import ClassificationTree  # noqa: E402
from mlfromscratch.utils import (  # noqa: E402
    accuracy_score,
    load_breast_cancer,
    load_digits,
    load_iris,
    train_test_split,
)


def load(name):
    """Features, labels, feature names and class names of a bundled data set."""
    if name == "iris":
        X, y = load_iris()
        features = ["sepal length", "sepal width", "petal length", "petal width"]
        return X, y, features, ["setosa", "versicolor", "virginica"]
    if name == "digits":
        X, y = load_digits()
        return X, y, [f"pixel ({j // 8}, {j % 8})" for j in range(64)], [str(c) for c in range(10)]
    X, y = load_breast_cancer()
    return X, y, [f"feature {j}" for j in range(X.shape[1])], ["malignant", "benign"]


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--dataset", choices=["iris", "digits", "breast_cancer"], default="iris",
                        help="bundled data set (default iris)")
    parser.add_argument("--max-depth", type=int, default=None, help="maximum depth (default: unlimited)")
    parser.add_argument("--print-depth", type=int, default=3, help="levels of the tree to print (default 3)")
    args = parser.parse_args(argv)

    X, y, feature_names, class_names = load(args.dataset)
    if args.quick and len(X) > 600:
        X, y = X[:600], y[:600]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, stratify=y, random_state=args.seed)
    print(f"{args.dataset}: {len(X_train)} training and {len(X_test)} test samples, {X.shape[1]} features")

    rows = [["Criterion", "Accuracy", "Depth", "Leaves", "Fit time (s)"]]
    trees = {}
    for criterion in ("gini", "entropy"):
        tree = ClassificationTree(criterion=criterion, max_depth=args.max_depth, random_state=args.seed)
        start = time.perf_counter()
        tree.fit(X_train, y_train)
        fit_time = time.perf_counter() - start
        accuracy = accuracy_score(y_test, tree.predict(X_test))
        trees[criterion] = (tree, accuracy, fit_time)
        rows.append([criterion, f"{accuracy:.3f}", tree.get_depth(), tree.get_n_leaves(), f"{fit_time:.3f}"])
    print(table(rows, "Classification trees"))

    tree, accuracy, fit_time = trees["gini"]
    print(f"\nThe Gini tree, splits down to depth {args.print_depth} (class numbers: "
          + ", ".join(f"{i} = {name}" for i, name in enumerate(class_names[:10])) + "):")
    print(tree.print_tree(feature_names=feature_names, max_depth=args.print_depth))
    importances = tree.feature_importances_
    top = [j for j in np.argsort(importances)[::-1][:5] if importances[j] > 0]
    rows = [["Feature", "Importance"]] + [[feature_names[j], f"{importances[j]:.3f}"] for j in top]
    print(table(rows, "Largest feature importances"))
    print(f"Accuracy: {accuracy:.4f}")

    if not args.no_plot:
        y_pred = tree.predict(X_test)
        fig = Plot().plot_in_2d(X_test, y_pred, title="Decision Tree", accuracy=accuracy, legend_labels=class_names)
        show_or_save(fig, args, "decision_tree_classifier")

    print_result("decision_tree_classifier", accuracy=accuracy, fit_time_s=fit_time,
                 depth=tree.get_depth(), n_leaves=tree.get_n_leaves())


if __name__ == "__main__":
    main()
