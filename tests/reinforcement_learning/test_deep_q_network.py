import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mlfromscratch.reinforcement_learning import DeepQNetwork
from mlfromscratch.reinforcement_learning.deep_q_network import epsilon_schedule, q_learning_targets, td_loss
from mlfromscratch.utils.validation import NotFittedError

ROOT = Path(__file__).resolve().parents[2]


class Discrete:
    """The two things the agent needs from a discrete action space."""

    def __init__(self, n):
        self.n = n
        self.seeds = []

    def seed(self, seed):
        self.seeds.append(seed)


class Box:
    def __init__(self, shape):
        self.shape = shape


class ChainEnv:
    """States 0..n-1 in a row, start at 0. Action 1 moves right, action 0 moves left.

    Reaching the last state gives reward 1 and terminates; after ``time_limit``
    steps the episode is truncated. Observations are one-hot. The optimal policy
    always moves right, and Q*(s, right) = gamma^(n - 2 - s).
    """

    def __init__(self, n_states=5, time_limit=20):
        self.n_states = n_states
        self.time_limit = time_limit
        self.action_space = Discrete(2)
        self.observation_space = Box((n_states,))

    def _obs(self):
        return np.eye(self.n_states)[self.state]

    def reset(self, seed=None, options=None):
        self.state, self.t = 0, 0
        return self._obs(), {}

    def step(self, action):
        self.state = int(np.clip(self.state + (1 if action == 1 else -1), 0, self.n_states - 1))
        self.t += 1
        terminated = self.state == self.n_states - 1
        truncated = self.t >= self.time_limit and not terminated
        return self._obs(), float(terminated), terminated, truncated, {}


class OldGymChainEnv(ChainEnv):
    """The same chain with the old gym API: reset() -> obs, step -> (obs, reward, done, info)."""

    def __init__(self, n_states=5, time_limit=20):
        super().__init__(n_states, time_limit)
        self.seeded = None

    def seed(self, seed):
        self.seeded = seed

    def reset(self):
        return super().reset()[0]

    def step(self, action):
        obs, reward, terminated, truncated, info = super().step(action)
        return obs, reward, terminated or truncated, {"TimeLimit.truncated": truncated}


def small_model(n_inputs, n_outputs):
    from mlfromscratch.deep_learning import Activation, Adam, Dense, NeuralNetwork, SquareLoss

    model = NeuralNetwork(Adam(learning_rate=5e-3), SquareLoss())
    model.add(Dense(16, input_shape=(n_inputs,)))
    model.add(Activation("relu"))
    model.add(Dense(n_outputs))
    return model


def chain_agent(env=None, **params):
    # plain DQN (no Double DQN, no keep-best): the tests below check the algorithm itself
    settings = dict(
        model=small_model, gamma=0.9, decay_rate=2e-3, memory_size=2000, batch_size=32, target_update=50,
        learning_starts=100, double_dqn=False, keep_best=False, random_state=0,
    )
    settings.update(params)
    return DeepQNetwork(env=ChainEnv() if env is None else env, **settings)


# ---------------------------------------------------------------- the pieces, by hand


def test_q_learning_targets_terminal_vs_truncated_by_hand():
    rewards = np.array([1.0, 1.0, 0.5])
    # transition 0: ordinary; 1: terminal (no bootstrap); 2: truncated by a time limit,
    # which is stored as terminated = 0 and therefore bootstraps
    terminated = np.array([0.0, 1.0, 0.0])
    next_q = np.array([[2.0, 3.0], [5.0, 4.0], [-1.0, -2.0]])
    y = q_learning_targets(rewards, terminated, next_q, gamma=0.9)
    np.testing.assert_allclose(y, [1.0 + 0.9 * 3.0, 1.0, 0.5 + 0.9 * -1.0])


def test_double_dqn_target_uses_online_argmax_and_target_value():
    next_target = np.array([[2.0, 3.0], [5.0, 4.0]])
    next_online = np.array([[9.0, 0.0], [0.0, 9.0]])  # picks action 0, then action 1
    y = q_learning_targets(np.array([0.0, 1.0]), np.array([0.0, 0.0]), next_target, 0.5, next_online)
    np.testing.assert_allclose(y, [0.5 * 2.0, 1.0 + 0.5 * 4.0])


def test_td_loss_values_and_gradients():
    delta = np.array([0.5, -3.0, 2.0, 0.0])
    loss, grad = td_loss(delta, "huber")
    assert loss == pytest.approx((0.125 + 2.5 + 1.5 + 0.0) / 4)
    np.testing.assert_allclose(grad, [0.125, -0.25, 0.25, 0.0])  # clip(delta, -1, 1) / 4
    loss, grad = td_loss(delta, "squared")
    assert loss == pytest.approx((0.125 + 4.5 + 2.0) / 4)
    np.testing.assert_allclose(grad, delta / 4)
    # the gradient is the derivative of the loss (central differences)
    for kind in ("huber", "squared"):
        h = 1e-6
        numeric = [
            (td_loss(delta + h * e, kind)[0] - td_loss(delta - h * e, kind)[0]) / (2 * h) for e in np.eye(4)
        ]
        np.testing.assert_allclose(td_loss(delta, kind)[1], numeric, atol=1e-6)


def test_epsilon_schedule():
    steps = np.arange(0, 20001, 1000)
    eps = epsilon_schedule(steps, epsilon=1.0, min_epsilon=0.05, decay_rate=1e-3)
    assert eps[0] == 1.0
    assert np.all(np.diff(eps) < 0)
    assert np.all(eps > 0.05)
    assert eps[-1] == pytest.approx(0.05, abs=1e-6)
    # after 1 / decay_rate steps the excess over min_epsilon has shrunk by a factor e
    assert float(epsilon_schedule(1000, 1.0, 0.05, 1e-3)) == pytest.approx(0.05 + 0.95 / np.e)


# ---------------------------------------------------------------- learning


def test_learns_the_optimal_policy_of_a_chain():
    agent = chain_agent()
    history = agent.train(n_episodes=60)
    assert len(history["reward"]) == 60
    states = np.eye(5)[:4]  # the non-terminal states
    np.testing.assert_array_equal(agent.predict(states), [1, 1, 1, 1])
    # Q*(s, right) = gamma^(3 - s): 0.729, 0.81, 0.9, 1
    q_right = agent.q_network_.predict(states)[:, 1]
    np.testing.assert_allclose(q_right, 0.9 ** np.arange(3, -1, -1), atol=0.1)
    np.testing.assert_array_equal(agent.play(n_episodes=2), [1.0, 1.0])
    # the epsilon in the history follows the schedule and ends near min_epsilon
    assert np.all(np.diff(history["epsilon"]) <= 0)
    assert agent.epsilon_ == pytest.approx(epsilon_schedule(agent.n_steps_ - 1, 1.0, 0.01, 2e-3))
    assert np.isnan(history["loss"][0]) and np.isfinite(history["loss"][-1])


def test_same_seed_same_agent_and_refit_is_clean():
    a = chain_agent().train(n_episodes=12)
    agent = chain_agent()
    b = agent.train(n_episodes=12)
    for key in ("reward", "loss", "epsilon", "length"):
        np.testing.assert_array_equal(a[key], b[key])  # NaN losses compare equal here
    weights = agent.q_network_.get_weights()
    agent.train(n_episodes=12)  # starts fresh: same result again
    for w1, w2 in zip(weights, agent.q_network_.get_weights()):
        np.testing.assert_array_equal(w1, w2)
    other = chain_agent(random_state=1).train(n_episodes=12)
    assert other["length"] != a["length"]


def test_truncated_transitions_are_stored_as_not_terminal():
    agent = chain_agent(learning_starts=10_000)  # no learning: only the memory matters
    agent.train(n_episodes=30)
    memory = agent.memory_
    n = len(memory)
    terminal = memory.next_observations[:n, 4] == 1.0  # reached the goal
    np.testing.assert_array_equal(memory.terminated[:n], terminal.astype(float))
    assert terminal.any() and (np.array(agent.history_["length"]) == 20).any()  # some episodes were truncated


def test_target_network_is_a_synchronised_copy():
    agent = chain_agent(target_update=7)
    agent.train(n_episodes=10)
    online, target = agent.q_network_.get_weights(), agent.target_network_.get_weights()
    for layer_online, layer_target in zip(agent.q_network_.layers, agent.target_network_.layers):
        for name in layer_online.params:
            assert layer_online.params[name] is not layer_target.params[name]
    synced = agent.n_steps_ % 7 == 0
    assert all(np.array_equal(a, b) for a, b in zip(online, target)) == synced


def test_soft_target_update_moves_the_target_by_tau():
    agent = chain_agent(tau=0.3, target_update=1, learning_starts=20)
    agent.train(n_episodes=5)
    online, target = agent.q_network_.get_flat_params(), agent.target_network_.get_flat_params()
    assert not np.allclose(online, target)
    agent._update_target()
    np.testing.assert_allclose(agent.target_network_.get_flat_params(), 0.3 * online + 0.7 * target)


def test_target_reward_stops_training_early():
    agent = chain_agent(eval_interval=5, eval_episodes=1)
    history = agent.train(n_episodes=500, target_reward=1.0)
    assert len(history["reward"]) < 500 and len(history["reward"]) == history["eval_episode"][-1]
    assert history["eval_reward"][-1] == 1.0 and max(history["eval_reward"][:-1], default=0.0) < 1.0
    assert agent.best_eval_reward_ is None  # keep_best is off: nothing restored


def test_old_gym_api_is_adapted():
    env = OldGymChainEnv()
    agent = chain_agent(env=env, learning_starts=10_000)
    history = agent.train(n_episodes=15)
    assert env.seeded is not None  # reset(seed=...) fell back to env.seed(seed)
    assert len(history["reward"]) == 15
    memory = agent.memory_
    n = len(memory)
    np.testing.assert_array_equal(memory.terminated[:n], memory.next_observations[:n, 4])
    assert (np.array(history["length"]) == 20).any()
    assert agent.play(n_episodes=1, max_steps=5).shape == (1,)


def test_keep_best_restores_the_best_evaluated_weights():
    agent = chain_agent(keep_best=True, eval_interval=5, eval_episodes=1)
    history = agent.train(n_episodes=40)
    assert np.all(np.diff(history["eval_episode"]) == 5) and history["eval_episode"][-1] == 40
    assert agent.best_eval_reward_ == max(history["eval_reward"])
    assert np.mean(agent.play(n_episodes=1, max_steps=20)) == agent.best_eval_reward_


def test_save_and_load_round_trip(tmp_path):
    agent = chain_agent()
    agent.train(n_episodes=20)
    path = tmp_path / "q.npz"
    agent.save(path)
    restored = chain_agent(random_state=5).load(path)
    states = np.eye(5)
    np.testing.assert_allclose(restored.q_network_.predict(states), agent.q_network_.predict(states))
    np.testing.assert_allclose(restored.target_network_.predict(states), agent.q_network_.predict(states))


# ---------------------------------------------------------------- API and bad input


def test_bad_input_and_not_fitted():
    with pytest.raises(NotFittedError):
        DeepQNetwork(env=ChainEnv()).play(1)
    with pytest.raises(NotFittedError):
        DeepQNetwork(env=ChainEnv()).predict(np.eye(5))
    for params, match in [
        (dict(loss="mse"), "loss"),
        (dict(gamma=1.5), "gamma"),
        (dict(min_epsilon=0.5, epsilon=0.1), "min_epsilon"),
        (dict(batch_size=0), "batch_size"),
        (dict(target_update=2.5), "target_update"),
        (dict(tau=0.0), "tau"),
        (dict(gradient_steps=0), "gradient_steps"),
        (dict(tau=1.5), "tau"),
    ]:
        with pytest.raises(ValueError, match=match):
            chain_agent(**params).train(1)
    with pytest.raises(ValueError, match="n_episodes"):
        chain_agent().train(0)
    env = ChainEnv()
    env.action_space = Box((2,))  # continuous actions
    with pytest.raises(ValueError, match="discrete"):
        chain_agent(env=env).train(1)
    with pytest.raises(ValueError, match="one value per action"):
        chain_agent(model=lambda n_in, n_out: small_model(n_in, 3)).train(1)
    agent = chain_agent()
    agent.train(2)
    with pytest.raises(ValueError, match="features"):
        agent.predict(np.eye(4))


def test_get_params_lists_the_hyperparameters():
    params = DeepQNetwork().get_params()
    assert params["env"] == "CartPole-v1" and params["loss"] == "huber" and params["gamma"] == 0.99


def test_importing_the_agent_does_not_import_gymnasium():
    code = (
        "import sys; from mlfromscratch.reinforcement_learning import DeepQNetwork; "
        "DeepQNetwork(); print('gymnasium' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_cartpole_smoke_run(tmp_path):
    pytest.importorskip("gymnasium")
    agent = DeepQNetwork("CartPole-v1", learning_starts=32, batch_size=16, random_state=0)
    history = agent.train(n_episodes=3)
    assert agent.n_features_in_ == 4 and agent.n_actions_ == 2
    assert len(history["reward"]) == 3 and all(r >= 1 for r in history["reward"])
    assert sum(history["length"]) == agent.n_steps_ == len(agent.memory_)
    rewards = agent.play(n_episodes=2)
    assert rewards.shape == (2,) and np.all(rewards >= 1)
    again = DeepQNetwork("CartPole-v1", learning_starts=32, batch_size=16, random_state=0).train(n_episodes=3)
    assert again["reward"] == history["reward"]
    agent.save(tmp_path / "cartpole.npz")
    restored = DeepQNetwork("CartPole-v1").load(tmp_path / "cartpole.npz")
    obs = np.random.default_rng(0).normal(size=(5, 4))
    np.testing.assert_array_equal(restored.predict(obs), agent.predict(obs))


# ---------------------------------------------------------------- the model builder is a hyperparameter


def test_model_is_a_constructor_argument_kept_by_get_params_and_clone():
    agent = chain_agent()
    assert agent.get_params()["model"] is small_model
    base = pytest.importorskip("sklearn.base")
    clone = base.clone(agent)
    assert clone.get_params()["model"] is small_model
    clone.train(n_episodes=3)
    assert clone.q_network_.layers[0].params["W"].shape == (5, 16)  # small_model's 16 units, not the default 64
    # the classic API sets the same parameter
    classic = DeepQNetwork(env=ChainEnv()).set_model(small_model)
    assert classic.get_params()["model"] is small_model
    assert DeepQNetwork().get_params()["model"] is None


def test_model_must_be_callable():
    with pytest.raises(ValueError, match="model"):
        chain_agent(model="64-64").train(1)


def test_defaults_are_the_settings_that_solve_cartpole():
    # benchmarks/bench_dqn.py: with these, DeepQNetwork(random_state=7).train(1000) then play(100) averages 500
    params = DeepQNetwork().get_params()
    assert params["double_dqn"] is True and params["keep_best"] is True
    assert (params["eval_interval"], params["eval_episodes"]) == (10, 10)


# ---------------------------------------------------------------- never silent (issue 16)


@pytest.mark.parametrize(
    "name",
    ["gamma", "epsilon", "min_epsilon", "decay_rate", "memory_size", "batch_size", "target_update", "tau",
     "learning_starts", "learning_rate", "train_freq", "gradient_steps", "eval_interval", "eval_episodes"],
)
@pytest.mark.parametrize("value", [np.nan, np.inf, -1, "0.5", None])
def test_every_numeric_hyperparameter_is_checked(name, value):
    with pytest.raises(ValueError, match=name):
        chain_agent(**{name: value}).train(1)


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(learning_rate=0.0), "learning_rate"),
        (dict(epsilon=1.5), "epsilon"),
        (dict(memory_size=10.5), "memory_size"),
        (dict(learning_starts=2.5), "learning_starts"),
        (dict(double_dqn="yes"), "double_dqn"),
        (dict(keep_best=1), "keep_best"),
        (dict(random_state="abc"), "random_state"),
        (dict(random_state=-1), "random_state"),
    ],
)
def test_bad_settings_name_the_parameter(params, match):
    with pytest.raises(ValueError, match=match):
        chain_agent(**params).train(1)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(max_steps=0), "max_steps"),
        (dict(max_steps=2.5), "max_steps"),
        (dict(target_reward=np.nan), "target_reward"),
    ],
)
def test_bad_train_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        chain_agent().train(1, **kwargs)


def test_nan_learning_rate_no_longer_trains_nan_weights():
    agent = chain_agent(learning_rate=np.nan, model=None)
    with pytest.raises(ValueError, match="learning_rate must be a finite number"):
        agent.train(2)
    assert not hasattr(agent, "q_network_")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the overflow itself; the error is the point
def test_diverging_training_stops_with_a_clear_error():
    agent = chain_agent(model=None, learning_rate=1e200, learning_starts=32)
    with pytest.raises(ValueError, match="diverged.*learning_rate"):
        agent.train(50)


class BrokenChainEnv(ChainEnv):
    """The chain, returning a bad observation or reward at step ``at``."""

    def __init__(self, fault, at=3):
        super().__init__()
        self.fault, self.at = fault, at

    def step(self, action):
        obs, reward, terminated, truncated, info = super().step(action)
        if self.t == self.at:
            if self.fault == "nan":
                obs = obs.copy()
                obs[0] = np.nan
            elif self.fault == "inf":
                obs = np.where(obs == 1, np.inf, obs)
            elif self.fault == "short":
                obs = obs[:3]
            elif self.fault == "nan_reward":
                reward = float("nan")
        return obs, reward, terminated, truncated, info


@pytest.mark.parametrize(
    "fault, match",
    [
        ("nan", "non-finite observation"),
        ("inf", "non-finite observation"),
        ("short", r"shape \(3,\).*observation_space has shape \(5,\)"),
        ("nan_reward", "reward"),
    ],
)
def test_a_bad_environment_gets_a_clear_error(fault, match):
    with pytest.raises(ValueError, match=match):
        chain_agent(env=BrokenChainEnv(fault)).train(3)


def test_an_observation_that_does_not_match_observation_space_at_reset():
    env = ChainEnv()
    env.observation_space = Box((4,))  # the observations have 5 values
    with pytest.raises(ValueError, match=r"observation_space has shape \(4,\)"):
        chain_agent(env=env).train(1)
