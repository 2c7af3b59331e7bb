"""Deep Q-Network balancing the pole of gymnasium's CartPole-v1, with the agent's default settings.

The defaults are the settings that solve CartPole-v1: the Q-function is a
NeuralNetwork (Dense 64 ReLU, Dense 64 ReLU, Dense 2) trained with Adam on the
Huber loss of the TD error, with experience replay, a target network copied
every 500 steps, Double DQN targets and epsilon decaying over ~10 000 steps.
The greedy policy is evaluated on 10 episodes every 10 episodes and the best
weights are kept (``keep_best=True``: DQN's policy on CartPole is known to
oscillate). This example also stops training once an evaluation is perfect
(``target_reward=500``); ``--no-early-stop`` trains all the episodes instead,
which is what ``DeepQNetwork(random_state=7).train(n_episodes=1000)`` does.

Prints the network summary and one line per episode (reward, loss, epsilon),
plots the learning curve, then plays evaluation episodes with the greedy policy
and prints their rewards. CartPole-v1 counts as solved at a mean reward of 475
(the maximum is 500).

    python examples/deep_q_network.py           # up to 1000 episodes (~1 min), 100 evaluation episodes
    python examples/deep_q_network.py --quick   # a few seconds, far from solved
    python examples/deep_q_network.py --seed 7 --no-early-stop  # all 1000 episodes (a few minutes)
    python examples/deep_q_network.py --gif     # also record the final policy (needs pygame)
"""

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, save_dir_or_default, show_or_save  # noqa: E402
from mlfromscratch.reinforcement_learning import DeepQNetwork  # noqa: E402
from mlfromscratch.reinforcement_learning.deep_q_network import default_q_network  # noqa: E402


def plot_learning_curve(history, eval_rewards, args):
    plt = get_pyplot()
    fig, (ax_reward, ax_loss) = plt.subplots(2, 1, sharex=True, figsize=(8, 6))
    episodes = np.arange(1, len(history["reward"]) + 1)
    rewards = np.array(history["reward"])
    window = min(20, len(rewards))
    moving = np.convolve(rewards, np.ones(window) / window, mode="valid")
    ax_reward.plot(episodes, rewards, color="lightgray", label="Episode reward (epsilon-greedy)")
    ax_reward.plot(episodes[window - 1 :], moving, color="C0", label=f"Mean of the last {window}")
    if history.get("eval_episode"):
        ax_reward.plot(history["eval_episode"], history["eval_reward"], "o", color="C1", ms=4,
                       label="Greedy evaluation")
    ax_reward.axhline(475, color="C2", linestyle="--", linewidth=1, label="Solved (475)")
    ax_reward.set_ylim(0, 650)  # room for the legend above the 500 cap
    ax_reward.set_ylabel("Reward")
    ax_reward.set_title(f"Deep Q-Network on CartPole-v1 (final greedy mean: {np.mean(eval_rewards):.1f})")
    ax_reward.legend(loc="upper left", ncol=2, fontsize="small")
    ax_loss.plot(episodes, history["loss"], color="C3", label="Mean Huber loss")
    ax_epsilon = ax_loss.twinx()
    ax_epsilon.plot(episodes, history["epsilon"], color="C4", label="Epsilon")
    ax_epsilon.set_ylabel("Epsilon")
    ax_loss.set_xlabel("Episode")
    ax_loss.set_ylabel("Loss")
    ax_loss.legend(loc="upper left", fontsize="small")
    ax_epsilon.legend(loc="upper right", fontsize="small")
    show_or_save(fig, args, "deep_q_network")


def record_gif(agent, args, max_frames=300):
    """Play one greedy episode on an rgb_array CartPole and save it as an animated GIF."""
    import gymnasium

    try:
        env = gymnasium.make("CartPole-v1", render_mode="rgb_array")
        observation, _ = env.reset(seed=args.seed)
        frames = [env.render()]
    except Exception as error:  # pygame missing (gymnasium.error.DependencyNotInstalled) or no renderer
        print(f"Skipping the GIF: CartPole cannot render here ({error})")
        return None
    done = False
    while not done and len(frames) < max_frames:
        observation, _, terminated, truncated, _ = env.step(int(agent.predict(observation[None])[0]))
        frames.append(env.render())
        done = terminated or truncated
    env.close()

    from matplotlib import animation

    plt = get_pyplot()
    fig, ax = plt.subplots(figsize=(frames[0].shape[1] / 100, frames[0].shape[0] / 100))
    ax.set_axis_off()
    fig.subplots_adjust(0, 0, 1, 1)
    image = ax.imshow(frames[0])
    anim = animation.FuncAnimation(fig, lambda i: [image.set_data(frames[i])], frames=len(frames), blit=False)
    folder = save_dir_or_default(args) or Path("figures")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deep_q_network.gif"
    anim.save(path, writer=animation.PillowWriter(fps=30))
    plt.close(fig)
    print(f"Saved animation to {path}")
    return path


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--n-episodes", type=int, default=None,
                        help="most training episodes (default 1000, 40 with --quick)")
    parser.add_argument("--n-eval-episodes", type=int, default=None,
                        help="evaluation episodes (default 100, 5 with --quick)")
    parser.add_argument("--gif", action="store_true", help="save a GIF of the final policy (needs pygame)")
    parser.add_argument("--no-early-stop", action="store_true",
                        help="train all --n-episodes episodes instead of stopping at a perfect evaluation")
    args = parser.parse_args(argv)
    n_episodes = args.n_episodes or (40 if args.quick else 1000)
    n_eval_episodes = args.n_eval_episodes or (5 if args.quick else 100)

    # the defaults solve CartPole-v1; --quick only starts learning sooner
    agent = DeepQNetwork(
        env="CartPole-v1",
        learning_starts=200 if args.quick else 1000,
        random_state=args.seed,
        verbose=True,
    )
    print(default_q_network(4, 2).summary(name="Deep Q-Network"))
    print()

    start = time.perf_counter()
    history = agent.train(n_episodes=n_episodes, target_reward=None if args.no_early_stop else 500)
    train_time = time.perf_counter() - start
    n_trained = len(history["reward"])
    print(f"Trained on {agent.n_steps_} steps ({n_trained} episodes) in {train_time:.1f} s")
    if agent.best_eval_reward_ is not None:
        print(f"Best greedy evaluation during training: {agent.best_eval_reward_:.1f} (weights restored)")

    eval_rewards = agent.play(n_episodes=n_eval_episodes)
    print(f"Greedy policy, {n_eval_episodes} evaluation episodes: rewards {eval_rewards.astype(int).tolist()}")
    print(f"Mean evaluation reward: {eval_rewards.mean():.1f} (solved at 475)")

    if not args.no_plot:
        plot_learning_curve(history, eval_rewards, args)
    if args.gif:
        record_gif(agent, args)

    print_result(
        "deep_q_network",
        mean_eval_reward=float(eval_rewards.mean()),
        n_episodes=n_trained,
        n_eval_episodes=n_eval_episodes,
        train_time_s=train_time,
        seed=args.seed,
    )


if __name__ == "__main__":
    main()
