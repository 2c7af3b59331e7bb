import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mlfromscratch.reinforcement_learning import SARSA, QLearning
from mlfromscratch.reinforcement_learning.tabular import q_learning_update, sarsa_update
from mlfromscratch.utils.validation import NotFittedError

gymnasium = pytest.importorskip("gymnasium")
ROOT = Path(__file__).resolve().parents[2]
AGENTS = [QLearning, SARSA]


class Discrete:
    def __init__(self, n):
        self.n = n


class Corridor:
    """States 0..n-1, start at 0; action 1 steps right, action 0 left. The last state pays 1 and terminates."""

    def __init__(self, n_states=4):
        self.observation_space = Discrete(n_states)
        self.action_space = Discrete(2)
        self.n_states = n_states

    def reset(self, seed=None, options=None):
        self.state = 0
        return self.state, {}

    def step(self, action):
        self.state = int(np.clip(self.state + (1 if action == 1 else -1), 0, self.n_states - 1))
        terminated = self.state == self.n_states - 1
        return self.state, float(terminated), terminated, False, {}


def frozen_lake():
    return gymnasium.make("FrozenLake-v1", is_slippery=False)  # 4x4, deterministic


def greedy_path(agent, max_steps=100):
    """States visited by the greedy policy from the start (gymnasium env, deterministic)."""
    state, _ = agent.env_.reset()
    path = [state]
    for _ in range(max_steps):
        state, _, terminated, truncated, _ = agent.env_.step(int(np.argmax(agent.q_table_[state])))
        path.append(state)
        if terminated or truncated:
            break
    return path


# ---------------------------------------------------------------- the updates, by hand


def test_q_learning_update_by_hand():
    Q = np.array([[0.5, 0.0], [2.0, 4.0], [9.0, 9.0]])
    delta = q_learning_update(Q, 0, 0, reward=1.0, next_state=1, terminated=False, learning_rate=0.25, gamma=0.5)
    assert delta == pytest.approx(1.0 + 0.5 * 4.0 - 0.5)
    assert Q[0, 0] == pytest.approx(0.5 + 0.25 * 2.5)
    # a terminal s' does not bootstrap, whatever Q(s', .) holds
    delta = q_learning_update(Q, 0, 1, reward=1.0, next_state=2, terminated=True, learning_rate=1.0, gamma=0.5)
    assert delta == 1.0 and Q[0, 1] == 1.0
    np.testing.assert_array_equal(Q[1:], [[2.0, 4.0], [9.0, 9.0]])  # only (s, a) changes


def test_sarsa_update_uses_the_next_action_taken():
    Q = np.array([[0.0, 0.0], [2.0, 4.0]])
    sarsa_update(Q, 0, 0, reward=0.0, next_state=1, next_action=0, terminated=False, learning_rate=1.0, gamma=1.0)
    assert Q[0, 0] == 2.0  # Q(s', a') = 2, where Q-learning would take max = 4
    sarsa_update(Q, 0, 1, reward=0.0, next_state=1, next_action=1, terminated=True, learning_rate=1.0, gamma=1.0)
    assert Q[0, 1] == 0.0


# ---------------------------------------------------------------- learning


@pytest.mark.parametrize("agent_class", AGENTS)
def test_corridor_q_values_are_the_discounted_returns(agent_class):
    # deterministic, rewarding only the goal: Q*(s, right) = gamma^(n - 2 - s); with epsilon = 0.2 SARSA's
    # values are those of the exploring policy, a little lower
    agent = agent_class(Corridor(), learning_rate=0.5, gamma=0.9, epsilon=0.2, random_state=0)
    agent.train(n_episodes=300)
    np.testing.assert_array_equal(agent.predict([0, 1, 2]), [1, 1, 1])
    expected = 0.9 ** np.arange(2, -1, -1)
    if agent_class is QLearning:
        np.testing.assert_allclose(agent.q_table_[:3, 1], expected, atol=1e-6)
    else:
        assert np.all(agent.q_table_[:3, 1] <= expected + 1e-9) and np.all(agent.q_table_[:3, 1] > expected - 0.1)
    np.testing.assert_array_equal(agent.q_table_[3], [0.0, 0.0])  # the terminal state is never updated
    np.testing.assert_array_equal(agent.play(2), [1.0, 1.0])


@pytest.mark.parametrize("agent_class", AGENTS)
@pytest.mark.parametrize("seed", [0, 1])
def test_frozen_lake_greedy_policy_reaches_the_goal(agent_class, seed):
    agent = agent_class(frozen_lake(), learning_rate=0.5, random_state=seed)
    history = agent.train(n_episodes=1500)
    assert len(history["reward"]) == 1500 and (agent.n_states_, agent.n_actions_) == (16, 4)
    np.testing.assert_array_equal(agent.play(n_episodes=3), [1.0, 1.0, 1.0])
    path = greedy_path(agent)
    assert path[-1] == 15 and len(path) - 1 == 6  # the shortest route: 6 steps
    assert not set(path) & {5, 7, 11, 12}  # no hole
    if agent_class is QLearning:  # Q*(start) = gamma^5, the goal's reward discounted over 6 steps
        assert agent.q_table_[0].max() == pytest.approx(0.99**5, rel=1e-6)


@pytest.fixture(scope="module")
def cliff_agents():
    """Q-learning and SARSA on CliffWalking-v1 with Sutton and Barto's settings (example 6.6)."""
    settings = dict(env="CliffWalking-v1", learning_rate=0.5, gamma=1.0, epsilon=0.1, random_state=0)
    return {cls: (agent := cls(**settings), agent.train(n_episodes=500))[0] for cls in AGENTS}


def test_cliff_walking_q_learning_takes_the_optimal_path(cliff_agents):
    agent = cliff_agents[QLearning]
    assert agent.play(1)[0] == -13  # 13 steps along the cliff edge
    rows = np.array(greedy_path(agent)) // 12
    assert np.all(rows[1:-1] == 2)  # the row just above the cliff (row 3)


def test_cliff_walking_sarsa_takes_the_safer_path(cliff_agents):
    agent = cliff_agents[SARSA]
    reward = agent.play(1)[0]
    assert -25 < reward < -13  # reaches the goal, on a longer route
    rows = np.array(greedy_path(agent)) // 12
    assert rows[len(rows) // 2] < 2  # halfway along, it keeps away from the cliff's edge


def test_cliff_walking_sarsa_earns_more_while_exploring(cliff_agents):
    # Sutton and Barto's figure 6.4: online, Q-learning falls off the cliff more often
    q_online = np.mean(cliff_agents[QLearning].history_["reward"][-200:])
    sarsa_online = np.mean(cliff_agents[SARSA].history_["reward"][-200:])
    assert sarsa_online > q_online


@pytest.mark.parametrize("agent_class", AGENTS)
def test_same_seed_same_agent_and_refit_is_clean(agent_class):
    a = agent_class("FrozenLake-v1", random_state=3)  # slippery: the environment's seed matters too
    ha = a.train(50)
    b = agent_class("FrozenLake-v1", random_state=np.random.default_rng(3))
    hb = b.train(50)
    assert ha == hb
    np.testing.assert_array_equal(a.q_table_, b.q_table_)
    b.set_params(env=Corridor()).train(5)
    b.set_params(env="FrozenLake-v1", random_state=3).train(50)
    np.testing.assert_array_equal(a.q_table_, b.q_table_)
    c = agent_class("FrozenLake-v1", random_state=4)
    assert c.train(50) != ha


def test_global_random_state_untouched():
    state = np.random.get_state()
    QLearning(Corridor(), random_state=0).train(20)
    np.testing.assert_array_equal(state[1], np.random.get_state()[1])


def test_get_params():
    params = SARSA().get_params()
    assert params == dict(env="FrozenLake-v1", learning_rate=0.1, gamma=0.99, epsilon=0.1, random_state=None,
                          verbose=False)


def test_importing_does_not_import_gymnasium():
    code = "import sys; from mlfromscratch.reinforcement_learning import QLearning; print('gymnasium' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("agent_class", AGENTS)
@pytest.mark.parametrize(
    "params, match",
    [
        (dict(learning_rate=np.nan), "learning_rate"),
        (dict(learning_rate=0.0), "learning_rate"),
        (dict(learning_rate=1.5), "learning_rate"),
        (dict(gamma=np.nan), "gamma"),
        (dict(gamma=1.01), "gamma"),
        (dict(epsilon=-0.1), "epsilon"),
        (dict(epsilon=np.inf), "epsilon"),
        (dict(random_state="abc"), "random_state"),
    ],
)
def test_bad_hyperparameters(agent_class, params, match):
    with pytest.raises(ValueError, match=match):
        agent_class(Corridor(), **params).train(1)


@pytest.mark.parametrize("kwargs, match", [(dict(n_episodes=0), "n_episodes"), (dict(n_episodes=2.5), "n_episodes"),
                                           (dict(n_episodes=1, max_steps=0), "max_steps")])
def test_bad_train_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        QLearning(Corridor()).train(**kwargs)


def test_environments_it_cannot_use():
    with pytest.raises(ValueError, match="discrete observation space"):
        QLearning("CartPole-v1").train(1)

    class OffTheMap(Corridor):
        def step(self, action):
            return 7, 0.0, False, False, {}

    with pytest.raises(ValueError, match=r"not a state of observation_space \(an int in \[0, 4\)\)"):
        SARSA(OffTheMap()).train(1)

    class NaNReward(Corridor):
        def step(self, action):
            state, _, terminated, truncated, info = super().step(action)
            return state, float("nan"), terminated, truncated, info

    with pytest.raises(ValueError, match="reward"):
        QLearning(NaNReward()).train(1)
    with pytest.raises(ValueError, match="gymnasium id or an environment"):
        QLearning(env=42).train(1)


def test_play_and_predict_before_and_after_training():
    agent = QLearning(Corridor(), random_state=0)
    with pytest.raises(NotFittedError):
        agent.play(1)
    with pytest.raises(NotFittedError):
        agent.predict([0])
    agent.train(30)
    with pytest.raises(ValueError, match="n_episodes"):
        agent.play(0)
    for bad in ([4], [-1], [0.5], [[0, 1]]):
        with pytest.raises(ValueError, match="states"):
            agent.predict(bad)
