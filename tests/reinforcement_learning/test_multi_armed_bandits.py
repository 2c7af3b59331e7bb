import numpy as np
import pytest

from mlfromscratch.reinforcement_learning import UCB1, EpsilonGreedy, ThompsonSampling

ARMS = [0.3, 0.5, 0.7]
AGENTS = [EpsilonGreedy, UCB1, ThompsonSampling]


def mean_regret(agent_class, arms, n_steps, seeds, **params):
    """Cumulative regret curve averaged over independent runs, shape (n_steps,)."""
    return np.mean([agent_class(random_state=s, **params).train(arms, n_steps).regret_ for s in seeds], axis=0)


# ---------------------------------------------------------------- invariants of every agent


@pytest.mark.parametrize("agent_class", AGENTS)
def test_estimates_are_the_sample_means_and_counts(agent_class):
    agent = agent_class(random_state=0).train(ARMS, n_steps=500)
    assert agent.train(ARMS, n_steps=500) is agent  # train returns the agent
    counts = np.bincount(agent.actions_, minlength=3)
    np.testing.assert_array_equal(agent.counts_, counts)
    for arm in range(3):
        np.testing.assert_allclose(agent.values_[arm], agent.rewards_[agent.actions_ == arm].mean())
    assert set(np.unique(agent.rewards_)) <= {0.0, 1.0}
    # regret by hand: sum over steps of p* - p_{a_t}
    gaps = 0.7 - np.array(ARMS)
    np.testing.assert_allclose(agent.regret_[-1], gaps @ counts)
    assert np.all(np.diff(agent.regret_) >= 0)


@pytest.mark.parametrize("agent_class", AGENTS)
def test_same_seed_same_result_and_refit_is_clean(agent_class):
    a = agent_class(random_state=3).train(ARMS, 300)
    agent = agent_class(random_state=np.random.default_rng(3))
    b = agent.train(ARMS, 300)
    np.testing.assert_array_equal(a.actions_, b.actions_)
    np.testing.assert_array_equal(a.rewards_, b.rewards_)
    agent.set_params(random_state=3).train([0.9, 0.1], 50)  # other arms, then the first problem again
    agent.train(ARMS, 300)
    np.testing.assert_array_equal(agent.actions_, a.actions_)
    assert agent.counts_.shape == (3,)
    other = agent_class(random_state=4).train(ARMS, 300)
    assert not np.array_equal(other.rewards_, a.rewards_)


@pytest.mark.parametrize("agent_class", AGENTS)
def test_finds_the_best_arm(agent_class):
    agent = agent_class(random_state=0).train([0.1, 0.2, 0.9, 0.3], 3000)
    assert np.argmax(agent.counts_) == 2
    assert agent.counts_[2] > 0.8 * 3000


def test_global_random_state_untouched():
    state = np.random.get_state()
    for agent_class in AGENTS:
        agent_class(random_state=0).train(ARMS, 100)
    after = np.random.get_state()
    np.testing.assert_array_equal(state[1], after[1])


# ---------------------------------------------------------------- epsilon-greedy


def test_epsilon_zero_is_greedy_at_every_step():
    agent = EpsilonGreedy(epsilon=0.0, random_state=1).train(ARMS, 400)
    counts, sums = np.zeros(3), np.zeros(3)
    for arm, reward in zip(agent.actions_, agent.rewards_):
        estimates = np.divide(sums, counts, out=np.zeros(3), where=counts > 0)
        assert estimates[arm] == estimates.max()  # always a maximiser of the current estimates
        counts[arm] += 1
        sums[arm] += reward


def test_epsilon_zero_locks_onto_the_first_paying_arm():
    # arm 0 always pays 1, arm 1 never pays: once arm 0 is pulled, the greedy agent never leaves it
    agent = EpsilonGreedy(epsilon=0.0, random_state=0).train([1.0, 0.0], 100)
    first = int(np.argmax(agent.actions_ == 0))
    assert np.all(agent.actions_[first:] == 0)


def test_epsilon_one_is_uniform():
    agent = EpsilonGreedy(epsilon=1.0, random_state=0).train(ARMS, 6000)
    np.testing.assert_allclose(agent.counts_ / 6000, 1 / 3, atol=0.03)


def test_constant_epsilon_regret_grows_linearly_at_the_predicted_rate():
    # once the estimates have settled, each step explores with probability epsilon and then
    # loses the mean gap: the regret slope is epsilon * mean_k(Delta_k) = 0.1 * (0.4 + 0.2 + 0) / 3
    regret = mean_regret(EpsilonGreedy, ARMS, 4000, seeds=range(6), epsilon=0.1)
    slope = (regret[-1] - regret[1999]) / 2000
    assert slope == pytest.approx(0.1 * 0.6 / 3, rel=0.3)


# ---------------------------------------------------------------- UCB1


def test_ucb1_pulls_each_arm_once_then_maximises_the_upper_bound():
    agent = UCB1(random_state=0).train(ARMS, 300)
    np.testing.assert_array_equal(agent.actions_[:3], [0, 1, 2])
    counts, sums = np.zeros(3), np.zeros(3)
    for t, (arm, reward) in enumerate(zip(agent.actions_, agent.rewards_)):
        if t >= 3:
            bounds = sums / counts + np.sqrt(2 * np.log(t) / counts)
            assert bounds[arm] == pytest.approx(bounds.max())
        counts[arm] += 1
        sums[arm] += reward


def test_ucb1_by_hand_on_deterministic_arms():
    # arm 0 always pays 1, arm 1 never: index_0 = 1 + sqrt(2 ln t / N_0), index_1 = sqrt(2 ln t / N_1)
    # t=2: 1 + 1.177 > 1.177 -> arm 0; arm 1 comes back only when sqrt(2 ln t) > 1 + sqrt(2 ln t / (t - 1))
    agent = UCB1(random_state=0).train([1.0, 0.0], 12)
    expected = [0, 1]
    for t in range(2, 12):
        n1 = expected.count(1)
        n0 = t - n1
        expected.append(0 if 1 + np.sqrt(2 * np.log(t) / n0) >= np.sqrt(2 * np.log(t) / n1) else 1)
    np.testing.assert_array_equal(agent.actions_, expected)


def test_ucb1_regret_is_logarithmic_and_within_the_auer_bound():
    seeds = range(4)
    regret = mean_regret(UCB1, ARMS, 8000, seeds)
    # R(T) ~ a ln T: each doubling of T adds about a ln 2, whatever T; a linear regret would add
    # four times more from 4000 to 8000 than from 1000 to 2000
    early = regret[1999] - regret[999]
    late = regret[7999] - regret[3999]
    assert late < 2.5 * early
    # Theorem 1 of Auer et al. (2002)
    gaps = 0.7 - np.array(ARMS)
    bound = 8 * np.log(8000) * np.sum(1 / gaps[gaps > 0]) + (1 + np.pi**2 / 3) * gaps.sum()
    assert regret[-1] < bound
    # and below epsilon-greedy's linear regret
    assert regret[-1] < 0.75 * mean_regret(EpsilonGreedy, ARMS, 8000, seeds)[-1]


# ---------------------------------------------------------------- Thompson sampling


def test_thompson_posterior_counts():
    agent = ThompsonSampling(prior_alpha=2.0, prior_beta=0.5, random_state=0).train(ARMS, 400)
    successes = np.bincount(agent.actions_, weights=agent.rewards_, minlength=3)
    failures = agent.counts_ - successes
    np.testing.assert_allclose(agent.alpha_, 2.0 + successes)
    np.testing.assert_allclose(agent.beta_, 0.5 + failures)
    # the posterior mean approaches the sample mean as the data grows
    best = np.argmax(agent.counts_)
    posterior_mean = agent.alpha_[best] / (agent.alpha_[best] + agent.beta_[best])
    assert posterior_mean == pytest.approx(agent.values_[best], abs=2.5 / agent.counts_[best])


def test_thompson_beats_epsilon_greedy_and_ucb1():
    seeds = range(4)
    thompson = mean_regret(ThompsonSampling, ARMS, 4000, seeds)[-1]
    assert thompson < mean_regret(UCB1, ARMS, 4000, seeds)[-1]
    assert thompson < mean_regret(EpsilonGreedy, ARMS, 4000, seeds)[-1]


def test_a_single_arm_is_always_pulled():
    agent = ThompsonSampling(prior_alpha=1.0, prior_beta=1.0, random_state=0)
    agent.train([0.5], 10)
    np.testing.assert_array_equal(agent.actions_, 0)
    assert agent.alpha_[0] + agent.beta_[0] == 12


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "agent, match",
    [
        (EpsilonGreedy(epsilon=np.nan), "epsilon"),
        (EpsilonGreedy(epsilon=-0.1), "epsilon"),
        (EpsilonGreedy(epsilon=1.5), "epsilon"),
        (EpsilonGreedy(epsilon="0.1"), "epsilon"),
        (ThompsonSampling(prior_alpha=0.0), "prior_alpha"),
        (ThompsonSampling(prior_alpha=np.inf), "prior_alpha"),
        (ThompsonSampling(prior_beta=np.nan), "prior_beta"),
        (UCB1(random_state="abc"), "random_state"),
        (EpsilonGreedy(random_state=-1), "random_state"),
    ],
)
def test_bad_hyperparameters(agent, match):
    with pytest.raises(ValueError, match=match):
        agent.train(ARMS, 10)


@pytest.mark.parametrize("agent_class", AGENTS)
@pytest.mark.parametrize(
    "arms, n_steps, match",
    [
        ([0.2, np.nan], 10, "NaN"),
        ([0.2, 1.5], 10, "probabilities"),
        ([-0.1, 0.5], 10, "probabilities"),
        ([[0.2, 0.5]], 10, "1-D"),
        ([], 10, "arms"),
        (ARMS, 0, "n_steps"),
        (ARMS, 2.5, "n_steps"),
    ],
)
def test_bad_arms_and_n_steps(agent_class, arms, n_steps, match):
    with pytest.raises(ValueError, match=match):
        agent_class().train(arms, n_steps)
