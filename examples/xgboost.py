"""XGBoost on the handwritten digits (softmax loss, second-order trees).

Each round grows one tree per digit on the gradients p_k - y_k and hessians
p_k (1 - p_k) of the softmax loss, with L2-regularised leaf weights
-G / (H + lambda), on a random 80% of the images and half of the pixels.
Prints the training loss and test accuracy along the rounds and the final
accuracy; plots the test digits on their first two principal components and
the training curve. ``--dataset breast_cancer`` shows the binary logistic loss.

    python examples/xgboost.py
    python examples/xgboost.py --dataset breast_cancer --n-estimators 100
    python examples/xgboost.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import Plot, example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.supervised_learning import XGBoost  # noqa: E402
from mlfromscratch.utils import accuracy_score, load_breast_cancer, load_digits, train_test_split  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--dataset", choices=["digits", "breast_cancer"], default="digits")
    parser.add_argument("--n-estimators", type=int, default=30, help="boosting rounds (default 30)")
    parser.add_argument("--learning-rate", type=float, default=0.3, help="shrinkage eta (default 0.3)")
    parser.add_argument("--max-depth", type=int, default=4, help="depth of each tree (default 4)")
    parser.add_argument("--reg-lambda", type=float, default=1.0, help="L2 penalty lambda on leaf weights (default 1)")
    parser.add_argument("--gamma", type=float, default=0.0, help="minimum gain to split (default 0)")
    args = parser.parse_args(argv)

    X, y = load_digits() if args.dataset == "digits" else load_breast_cancer()
    n_estimators = args.n_estimators
    if args.quick:
        X, y, n_estimators = X[:500], y[:500], min(n_estimators, 5)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=args.seed)
    print(f"{args.dataset}: {len(X_train)} training and {len(X_test)} test samples, {X.shape[1]} features")

    model = XGBoost(n_estimators=n_estimators, learning_rate=args.learning_rate, max_depth=args.max_depth,
                    reg_lambda=args.reg_lambda, gamma=args.gamma, subsample=0.8, colsample_bytree=0.5,
                    random_state=args.seed)
    start = time.perf_counter()
    model.fit(X_train, y_train)
    fit_time = time.perf_counter() - start
    y_pred = model.predict(X_test)
    accuracy = accuracy_score(y_test, y_pred)

    test_accuracy = [accuracy_score(y_test, stage) for stage in model.staged_predict(X_test)]
    marks = sorted({1, 2, 5, 10, 20, 50, 100, n_estimators} & set(range(1, n_estimators + 1)))
    rows = [["Round", "Training log-loss", "Test accuracy"]]
    rows += [[m, f"{model.train_score_[m - 1]:.4f}", f"{test_accuracy[m - 1]:.3f}"] for m in marks]
    print(table(rows, "Boosting rounds"))
    leaves = [tree.get_n_leaves() for tree in model.estimators_.ravel()]
    print(f"{model.estimators_.size} trees ({np.mean(leaves):.1f} leaves on average), fit in {fit_time:.2f} s")
    print(f"Accuracy: {accuracy:.4f}")

    if not args.no_plot:
        fig = Plot().plot_in_2d(X_test, y_pred, title="XGBoost", accuracy=accuracy)
        show_or_save(fig, args, "xgboost")
        plt = get_pyplot()
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.plot(np.arange(1, n_estimators + 1), model.train_score_, label="Training log-loss")
        ax.plot(np.arange(1, n_estimators + 1), 1 - np.array(test_accuracy), label="Test error rate")
        ax.set_yscale("log")
        ax.set_xlabel("Round")
        ax.set_title("XGBoost training curve")
        ax.legend()
        show_or_save(fig, args, "xgboost_training")

    print_result("xgboost", accuracy=accuracy, fit_time_s=fit_time, train_loss=model.train_score_[-1])


if __name__ == "__main__":
    main()
