"""The occasionally dishonest casino: a hidden Markov model finds when the loaded die was used.

A casino mostly rolls a fair die but sometimes switches to a loaded one that
shows a six half of the time (Durbin et al., 1998). From the rolls alone,
Baum-Welch learns the two dice and how often the casino switches; Viterbi then
decodes which die rolled each number. Prints the learned parameters next to the
true ones and how many rolls are attributed to the right die; draws the rolls,
the true dice, the posterior probability of the loaded die and the Viterbi path.

    python examples/hidden_markov_model.py
    python examples/hidden_markov_model.py --quick --no-plot
"""

import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.unsupervised_learning import HiddenMarkovModel  # noqa: E402
from mlfromscratch.utils import ConvergenceWarning  # noqa: E402

FAIR, LOADED = 0, 1
CASINO = HiddenMarkovModel(
    n_states=2, max_iter=0,                        # parameters known: a model to sample from and to decode with
    start_prob=[0.5, 0.5],
    transition=[[0.95, 0.05], [0.10, 0.90]],       # the casino switches dice now and then
    emission=[[1 / 6] * 6, [0.1] * 5 + [0.5]],     # symbol k is the face k + 1
)


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-rolls", type=int, default=3000, help="number of rolls (default: 3000)")
    args = parser.parse_args(argv)
    n_rolls = 500 if args.quick else args.n_rolls

    casino = CASINO.fit(np.arange(6))
    rolls, dice = casino.sample(n_rolls, random_state=args.seed)

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)   # EM's last digits come slowly; 200 rounds suffice
        model = HiddenMarkovModel(n_states=2, max_iter=30 if args.quick else 200, tol=1e-6,
                                  random_state=args.seed).fit(rolls)
    fit_time = time.perf_counter() - start
    loaded = int(np.argmax(model.emission_[:, 5]))           # the learned state that favours sixes
    order = [1 - loaded, loaded]                               # learned states in the order (fair, loaded)

    decoded = model.predict(rolls) == loaded
    accuracy = float(np.mean(decoded == (dice == LOADED)))
    true_accuracy = float(np.mean((casino.predict(rolls) == LOADED) == (dice == LOADED)))
    posterior_loaded = model.predict_proba(rolls)[:, loaded]

    rows = [["Parameter", "True", "Learned"],
            ["P(switch fair -> loaded)", "0.050", f"{model.transition_[order[0], order[1]]:.3f}"],
            ["P(switch loaded -> fair)", "0.100", f"{model.transition_[order[1], order[0]]:.3f}"],
            ["P(six | fair die)", "0.167", f"{model.emission_[order[0], 5]:.3f}"],
            ["P(six | loaded die)", "0.500", f"{model.emission_[order[1], 5]:.3f}"]]
    print(f"{n_rolls} rolls, {100 * np.mean(dice == LOADED):.0f}% with the loaded die; "
          f"Baum-Welch: {model.n_iter_} iterations in {fit_time:.2f} s")
    print(table(rows, "The casino, learned from the rolls alone"))
    print(f"Viterbi with the learned model puts {100 * accuracy:.1f}% of the rolls on the right die "
          f"(with the true parameters: {100 * true_accuracy:.1f}%)")

    if not args.no_plot:
        plt = get_pyplot()
        shown = slice(0, min(300, n_rolls))
        t = np.arange(n_rolls)[shown]
        fig, axes = plt.subplots(3, 1, figsize=(12, 6), sharex=True)
        axes[0].scatter(t, rolls[shown] + 1, c=np.where(rolls[shown] == 5, "tab:red", "tab:gray"), s=8)
        axes[0].set_ylabel("roll")
        axes[0].set_title("Rolls (sixes in red)")
        for ax in axes:
            ax.fill_between(t, 0, 1, where=dice[shown] == LOADED, color="tab:orange", alpha=0.25,
                            transform=ax.get_xaxis_transform(), step="mid", label="loaded die (truth)")
        axes[1].plot(t, posterior_loaded[shown], color="tab:blue")
        axes[1].set_ylabel("P(loaded)")
        axes[1].set_title("Posterior probability of the loaded die (forward-backward)")
        axes[2].step(t, decoded[shown].astype(int), where="mid", color="black")
        axes[2].set_yticks([0, 1], ["fair", "loaded"])
        axes[2].set_title(f"Viterbi path ({100 * accuracy:.0f}% of all rolls on the right die)")
        axes[2].set_xlabel("roll number")
        axes[0].legend(loc="upper right")
        fig.tight_layout()
        show_or_save(fig, args, "hidden_markov_model")

    print_result("hidden_markov_model", viterbi_accuracy=accuracy, true_model_accuracy=true_accuracy,
                 n_iter=model.n_iter_, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
