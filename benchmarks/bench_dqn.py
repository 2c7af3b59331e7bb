"""Benchmark: DeepQNetwork on CartPole-v1 -- training time and the greedy policy's mean reward.

For each seed, trains the agent with the settings of examples/deep_q_network.py
(Double DQN, keep_best=True, at most 1000 episodes, stopping once a 10-episode
greedy evaluation is perfect), then plays 100 greedy evaluation episodes. CartPole-v1 counts
as solved at a mean of 475 (the maximum is 500). Prints a learning-curve summary
(mean training reward per block of episodes, greedy evaluations), the time per
environment step, and one RESULT line per seed.

    OMP_NUM_THREADS=1 python benchmarks/bench_dqn.py --seeds 0 1 2
    OMP_NUM_THREADS=1 python benchmarks/bench_dqn.py --quick
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import print_result  # noqa: E402
from mlfromscratch.reinforcement_learning import DeepQNetwork  # noqa: E402


def run(seed, n_episodes, n_eval_episodes, block):
    agent = DeepQNetwork(env="CartPole-v1", double_dqn=True, keep_best=True, random_state=seed)
    start = time.perf_counter()
    history = agent.train(n_episodes=n_episodes, target_reward=500)
    n_trained = len(history["reward"])
    train_time = time.perf_counter() - start
    start = time.perf_counter()
    rewards = agent.play(n_episodes=n_eval_episodes)
    play_time = time.perf_counter() - start

    blocks = np.array(history["reward"][: n_trained // block * block]).reshape(-1, block).mean(axis=1)
    evals = list(zip(history["eval_episode"], history["eval_reward"]))
    solved_at = next((episode for episode, score in evals if score >= 475), None)
    print(f"seed {seed}: {n_trained} episodes, {agent.n_steps_} steps in {train_time:.1f} s "
          f"({1e6 * train_time / agent.n_steps_:.0f} us/step)")
    print(f"  mean training reward per {block} episodes: {np.round(blocks).astype(int).tolist()}")
    print(f"  greedy evaluations (episode: mean of {agent.eval_episodes}): "
          + ", ".join(f"{episode}: {score:.0f}" for episode, score in evals))
    print(f"  first evaluation >= 475 at episode {solved_at}; best evaluation {agent.best_eval_reward_} (restored)")
    print(f"  {n_eval_episodes} greedy episodes: mean {rewards.mean():.1f}, min {rewards.min():.0f} "
          f"({play_time:.1f} s)")
    print_result(
        "bench_dqn",
        seed=seed,
        mean_eval_reward=float(rewards.mean()),
        n_episodes=n_trained,
        n_steps=agent.n_steps_,
        train_time_s=train_time,
        solved_at_episode=solved_at,
    )
    return rewards.mean(), train_time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--n-episodes", type=int, default=1000, help="most training episodes")
    parser.add_argument("--n-eval-episodes", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="60 episodes, 5 evaluation episodes")
    args = parser.parse_args(argv)
    if args.quick:
        args.n_episodes, args.n_eval_episodes = 60, 5
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    results = [run(seed, args.n_episodes, args.n_eval_episodes, block=min(50, args.n_episodes)) for seed in args.seeds]
    means, times = np.array(results).T
    print(f"{len(args.seeds)} seeds: mean evaluation reward {means.mean():.1f} (min {means.min():.1f}), "
          f"median train time {np.median(times):.1f} s")


if __name__ == "__main__":
    main()
