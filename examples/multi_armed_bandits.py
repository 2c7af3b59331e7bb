"""Multi-armed bandits: the regret of epsilon-greedy, UCB1 and Thompson sampling on Bernoulli arms.

Five arms pay 1 with probabilities 0.1, 0.3, 0.5, 0.7 and 0.9 (unknown to the
agents). Each agent plays them for --n-steps pulls, --n-runs times with
different seeds; the example prints the mean regret (the expected reward lost
to not always pulling the 0.9 arm) and how often each agent pulled the best
arm, and plots the regret curves with UCB1's upper bound (Auer et al., 2002)
and the Lai-Robbins rate, the slope in ln T that no agent can beat in the long
run. Epsilon-greedy's regret grows linearly (it never stops exploring), the
purely greedy agent's too (it sometimes locks onto a bad arm), UCB1's and
Thompson sampling's logarithmically.

    python examples/multi_armed_bandits.py
    python examples/multi_armed_bandits.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save, table  # noqa: E402
from mlfromscratch.reinforcement_learning import UCB1, EpsilonGreedy, ThompsonSampling  # noqa: E402

ARMS = np.array([0.1, 0.3, 0.5, 0.7, 0.9])


def agents():
    """The contestants: short name -> (label, a function of the seed returning an untrained agent)."""
    return {
        "epsilon_greedy": ("epsilon-greedy (0.1)", lambda seed: EpsilonGreedy(epsilon=0.1, random_state=seed)),
        "greedy": ("greedy (epsilon = 0)", lambda seed: EpsilonGreedy(epsilon=0.0, random_state=seed)),
        "ucb1": ("UCB1", lambda seed: UCB1(random_state=seed)),
        "thompson": ("Thompson sampling", lambda seed: ThompsonSampling(random_state=seed)),
    }


def kl_bernoulli(p, q):
    """KL(Bernoulli(p) || Bernoulli(q))."""
    return p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))


def plot_regret(steps, regrets, args):
    plt = get_pyplot()
    gaps = ARMS.max() - ARMS
    worse = gaps > 0
    lai_robbins = np.sum(gaps[worse] / kl_bernoulli(ARMS[worse], ARMS.max())) * np.log(steps)
    auer = 8 * np.sum(1 / gaps[worse]) * np.log(steps) + (1 + np.pi**2 / 3) * gaps.sum()
    fig, (ax_linear, ax_log) = plt.subplots(1, 2, figsize=(12, 4.5))
    labels = {name: label for name, (label, _) in agents().items()}
    for ax in (ax_linear, ax_log):
        for i, (name, regret) in enumerate(regrets.items()):
            ax.plot(steps, regret.mean(axis=0), color=f"C{i}", label=labels[name])
        ax.plot(steps, np.minimum(auer, steps * gaps.max()), "k--", lw=1, label="UCB1 upper bound (Auer et al.)")
        ax.plot(steps, lai_robbins, "k:", lw=1.5, label="Lai-Robbins rate (asymptotic lower bound)")
        ax.set_xlabel("Pulls T")
        ax.set_ylabel("Cumulative regret R_T")
    ax_linear.set_title(f"Bernoulli arms {ARMS.tolist()}: mean regret of {args.n_runs} runs")
    ax_linear.set_ylim(0, 1.3 * regrets["epsilon_greedy"].mean(axis=0)[-1])
    ax_linear.legend(fontsize="small")
    ax_log.set_xscale("log")
    ax_log.set_title("Log scale: logarithmic regret ends as a straight line, linear regret bends up")
    ax_log.set_ylim(0, 1.5 * regrets["ucb1"].mean(axis=0)[-1])  # zoom on the logarithmic ones
    fig.tight_layout()
    show_or_save(fig, args, "multi_armed_bandits")


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-steps", type=int, default=None, help="pulls per run (default 10000, 500 with --quick)")
    parser.add_argument("--n-runs", type=int, default=None, help="runs per agent (default 10, 3 with --quick)")
    args = parser.parse_args(argv)
    args.n_steps = args.n_steps or (500 if args.quick else 10000)
    args.n_runs = args.n_runs or (3 if args.quick else 10)

    start = time.perf_counter()
    regrets, rows = {}, []
    for name, (label, make) in agents().items():
        runs = [make(args.seed * 1000 + run).train(ARMS, n_steps=args.n_steps) for run in range(args.n_runs)]
        regrets[name] = np.array([agent.regret_ for agent in runs])  # (n_runs, n_steps)
        best_share = np.mean([agent.counts_[np.argmax(ARMS)] / args.n_steps for agent in runs])
        rows.append([label, f"{regrets[name][:, -1].mean():.1f}", f"{regrets[name][:, -1].std():.1f}",
                     f"{100 * best_share:.1f}%"])
    elapsed = time.perf_counter() - start
    print(f"{len(ARMS)} Bernoulli arms {ARMS.tolist()}, {args.n_steps} pulls, {args.n_runs} runs per agent")
    print(table([["Agent", "Mean regret", "Std", "Best arm pulled"], *rows]))

    if not args.no_plot:
        plot_regret(np.arange(1, args.n_steps + 1), regrets, args)

    final = {name: float(regret[:, -1].mean()) for name, regret in regrets.items()}
    print_result(
        "multi_armed_bandits",
        regret_thompson=final["thompson"],
        regret_ucb1=final["ucb1"],
        regret_epsilon_greedy=final["epsilon_greedy"],
        regret_greedy=final["greedy"],
        best_agent=min(final, key=final.get),
        n_steps=args.n_steps,
        n_runs=args.n_runs,
        time_s=elapsed,
        seed=args.seed,
    )


if __name__ == "__main__":
    main()
