"""Tabular Q-learning and SARSA on gymnasium's CliffWalking-v1 and FrozenLake-v1.

Cliff walking (Sutton and Barto, example 6.6): a 4 x 12 grid, every step costs
-1, stepping into the cliff along the bottom row costs -100 and sends the agent
back to the start. With epsilon = 0.1, alpha = 0.5 and no discount, Q-learning
learns the optimal path along the cliff's edge (return -13) but, still
exploring, falls off now and then; SARSA learns the value of its exploring
policy and walks a safer, longer path, earning more per episode while it
learns. The example prints both greedy returns and online rewards, then trains
Q-learning on the slippery 4 x 4 FrozenLake (the ice moves the agent sideways
two times in three) and measures how often its greedy policy reaches the goal.
The figure shows the online rewards and the value maps V(s) = max_a Q(s, a)
with the greedy actions.

    python examples/tabular_q_learning.py
    python examples/tabular_q_learning.py --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.reinforcement_learning import SARSA, QLearning  # noqa: E402

# arrows of each environment's actions, on a grid drawn with row 0 at the top
CLIFF_ARROWS = ["↑", "→", "↓", "←"]  # CliffWalking: 0 up, 1 right, 2 down, 3 left
LAKE_ARROWS = ["←", "↓", "→", "↑"]  # FrozenLake: 0 left, 1 down, 2 right, 3 up


def greedy_path(agent, max_steps=100):
    """States the greedy policy visits from the start (the cliff is deterministic)."""
    state, _ = agent.env_.reset()
    path = [state]
    for _ in range(max_steps):
        state, _, terminated, truncated, _ = agent.env_.step(int(np.argmax(agent.q_table_[state])))
        path.append(state)
        if terminated or truncated:
            break
    return path


def value_map(ax, agent, shape, arrows, title, special=None, path=None, masked=()):
    """V(s) = max_a Q(s, a) as an image, with the greedy action of each state as an arrow.

    ``special`` labels some states instead of their arrow (start, goal, ...); ``masked``
    states (cliff cells, holes: never a state the agent acts in) are drawn grey.
    """
    values = agent.q_table_.max(axis=1).reshape(shape)
    mask = np.isin(np.arange(values.size), list(masked)).reshape(shape)
    cmap = get_pyplot().get_cmap("viridis").copy()
    cmap.set_bad("dimgray")
    image = ax.imshow(np.ma.masked_array(values, mask), cmap=cmap)
    ax.figure.colorbar(image, ax=ax, fraction=0.025 if shape[1] > shape[0] else 0.045)
    actions = agent.q_table_.argmax(axis=1).reshape(shape)
    on_path = set(path or [])
    for row, col in np.ndindex(shape):
        state = row * shape[1] + col
        label = (special or {}).get(state)
        if label is None:
            label = arrows[actions[row, col]]
        color = "red" if state in on_path else "white"
        ax.text(col, row, label, ha="center", va="center", color=color, fontsize=11, fontweight="bold")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=10)


def smooth(x, window=10):
    return np.convolve(x, np.ones(window) / window, mode="valid")


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-episodes", type=int, default=None, help="cliff episodes (default 500, 100 with --quick)")
    parser.add_argument("--n-runs", type=int, default=None, help="cliff runs per agent (default 5, 1 with --quick)")
    args = parser.parse_args(argv)
    n_episodes = args.n_episodes or (100 if args.quick else 500)
    n_runs = args.n_runs or (1 if args.quick else 5)
    n_lake_episodes, n_lake_tests = (500, 100) if args.quick else (5000, 1000)
    start = time.perf_counter()

    # CliffWalking: Sutton and Barto's settings
    settings = dict(env="CliffWalking-v1", learning_rate=0.5, gamma=1.0, epsilon=0.1)
    cliff = {}
    for name, agent_class in (("q_learning", QLearning), ("sarsa", SARSA)):
        runs = [agent_class(**settings, random_state=args.seed * 100 + run) for run in range(n_runs)]
        online = np.array([agent.train(n_episodes)["reward"] for agent in runs])  # (n_runs, n_episodes)
        path = greedy_path(runs[0])
        cliff[name] = dict(agent=runs[0], online=online, path=path, greedy_return=float(runs[0].play(1)[0]))
        print(f"CliffWalking-v1, {agent_class.__name__}: greedy path of {len(path) - 1} steps, "
              f"return {cliff[name]['greedy_return']:.0f}; mean online reward over the last 100 episodes "
              f"{online[:, -100:].mean():.1f} ({n_runs} runs)")

    # FrozenLake 4x4, slippery
    lake = QLearning("FrozenLake-v1", learning_rate=0.1, gamma=0.99, epsilon=0.1, random_state=args.seed)
    lake.train(n_lake_episodes)
    success = float(lake.play(n_lake_tests).mean())
    print(f"FrozenLake-v1 (slippery), QLearning after {n_lake_episodes} episodes: the greedy policy reaches "
          f"the goal in {100 * success:.1f}% of {n_lake_tests} episodes")
    elapsed = time.perf_counter() - start

    if not args.no_plot:
        plt = get_pyplot()
        fig = plt.figure(figsize=(13, 8))
        grid = fig.add_gridspec(3, 2, height_ratios=[1.2, 1, 1])
        ax_curve = fig.add_subplot(grid[0, 0])
        for name, label, color in (("sarsa", "SARSA", "C0"), ("q_learning", "Q-learning", "C3")):
            ax_curve.plot(smooth(cliff[name]["online"].mean(axis=0)), color=color, label=label)
        ax_curve.set_ylim(-100, 0)
        ax_curve.set_xlabel("Episode")
        ax_curve.set_ylabel("Sum of rewards (smoothed)")
        ax_curve.set_title(f"CliffWalking-v1 while learning (epsilon = 0.1, mean of {n_runs} runs)", fontsize=10)
        ax_curve.legend()
        cliff_cells = {s: "C" for s in range(37, 47)} | {36: "S", 47: "G"}
        for row, (name, label) in enumerate((("q_learning", "Q-learning"), ("sarsa", "SARSA")), start=1):
            value_map(fig.add_subplot(grid[row, 0]), cliff[name]["agent"], (4, 12), CLIFF_ARROWS,
                      f"{label}: V(s) = max_a Q(s, a), greedy path in red (return {cliff[name]['greedy_return']:.0f})",
                      special=cliff_cells, path=cliff[name]["path"], masked=range(37, 47))
        desc = lake.env_.env.unwrapped.desc.astype(str)
        lake_cells = {i: cell for i, cell in enumerate(desc.ravel()) if cell in "HG"}
        value_map(fig.add_subplot(grid[:, 1]), lake, desc.shape, LAKE_ARROWS,
                  f"FrozenLake-v1 (slippery), Q-learning: V(s) and greedy actions\n"
                  f"H: hole, G: goal (terminal, grey); success rate {100 * success:.1f}%", special=lake_cells,
                  masked=list(lake_cells))
        fig.tight_layout()
        show_or_save(fig, args, "tabular_q_learning")

    print_result(
        "tabular_q_learning",
        q_learning_return=cliff["q_learning"]["greedy_return"],
        sarsa_return=cliff["sarsa"]["greedy_return"],
        q_learning_online=float(cliff["q_learning"]["online"][:, -100:].mean()),
        sarsa_online=float(cliff["sarsa"]["online"][:, -100:].mean()),
        frozen_lake_success=success,
        n_episodes=n_episodes,
        time_s=elapsed,
        seed=args.seed,
    )


if __name__ == "__main__":
    main()
