"""Non-negative matrix factorization of the handwritten digits: the parts a digit is made of.

Factorizes the 1797 8x8 digit images into 16 non-negative parts, prints the
reconstruction error next to PCA with the same number of components, and draws
the parts (strokes and blobs, not PCA's signed patterns) and a few digits
rebuilt from them.

    python examples/non_negative_matrix_factorization.py
    python examples/non_negative_matrix_factorization.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.unsupervised_learning import NMF, PCA  # noqa: E402
from mlfromscratch.utils import load_digits  # noqa: E402


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-components", type=int, default=16, help="number of parts (default: 16)")
    args = parser.parse_args(argv)

    X, _ = load_digits()
    max_iter = 50 if args.quick else 500
    if args.quick:
        X = X[:300]

    start = time.perf_counter()
    nmf = NMF(n_components=args.n_components, max_iter=max_iter, tol=1e-4, random_state=args.seed)
    W = nmf.fit_transform(X)
    fit_time = time.perf_counter() - start
    nmf_mse = float(np.mean((X - nmf.inverse_transform(W)) ** 2))

    pca = PCA(n_components=args.n_components).fit(X)
    pca_mse = float(np.mean((X - pca.inverse_transform(pca.transform(X))) ** 2))
    share_zero = float(np.mean(nmf.components_ < 1e-3 * nmf.components_.max()))

    print(f"Digits: {X.shape[0]} images of {X.shape[1]} pixels, {args.n_components} components")
    print(table([["Method", "Reconstruction MSE", "Parts >= 0"],
                 ["NMF", f"{nmf_mse:.3f}", "yes"],
                 ["PCA", f"{pca_mse:.3f}", "no (signed)"]], "Reconstruction"))
    print(f"NMF: {nmf.n_iter_} rounds in {fit_time:.2f} s; {100 * share_zero:.0f}% of the part pixels are ~0 "
          f"(PCA is the best rank-{args.n_components} fit, NMF trades a little error for parts that only add)")

    if not args.no_plot:
        plt = get_pyplot()
        n_cols = 8
        n_rows = -(-args.n_components // n_cols) + 2
        fig, axes = plt.subplots(n_rows, n_cols, figsize=(n_cols * 1.3, n_rows * 1.4))
        for ax in axes.ravel():
            ax.axis("off")
        for k, part in enumerate(nmf.components_):
            axes.ravel()[k].imshow(part.reshape(8, 8), cmap="gray_r")
            axes.ravel()[k].set_title(f"part {k + 1}", fontsize=8)
        first = n_rows - 2
        for j in range(n_cols // 2):
            axes[first, 2 * j].imshow(X[j].reshape(8, 8), cmap="gray_r")
            axes[first, 2 * j].set_title("digit", fontsize=8)
            axes[first, 2 * j + 1].imshow((W[j] @ nmf.components_).reshape(8, 8), cmap="gray_r")
            axes[first, 2 * j + 1].set_title("rebuilt", fontsize=8)
            top = np.argsort(W[j] * nmf.components_.max(axis=1))[::-1][:2]   # its two strongest parts
            for i, k in enumerate(top):
                axes[first + 1, 2 * j + i].imshow(nmf.components_[k].reshape(8, 8), cmap="gray_r")
                axes[first + 1, 2 * j + i].set_title(f"uses part {k + 1}", fontsize=8)
        fig.suptitle("NMF parts of the digits, and digits rebuilt as non-negative sums of them")
        show_or_save(fig, args, "non_negative_matrix_factorization")

    print_result("non_negative_matrix_factorization", reconstruction_mse=nmf_mse, pca_mse=pca_mse,
                 n_iter=nmf.n_iter_, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
