import numpy as np
import pytest

from mlfromscratch.reinforcement_learning import ReplayBuffer


def fill(buffer, n):
    """Add transitions t = 0..n-1 with observation [t, -t], action t % 2, reward t."""
    for t in range(n):
        buffer.add([t, -t], t % 2, float(t), [t + 1, -t - 1], t % 3 == 0)


def test_add_below_capacity_keeps_order():
    buffer = ReplayBuffer(capacity=5, observation_shape=(2,))
    fill(buffer, 3)
    assert len(buffer) == 3
    assert buffer.position == 3
    np.testing.assert_array_equal(buffer.observations[:3], [[0, 0], [1, -1], [2, -2]])
    np.testing.assert_array_equal(buffer.next_observations[:3, 0], [1, 2, 3])
    np.testing.assert_array_equal(buffer.actions[:3], [0, 1, 0])
    np.testing.assert_array_equal(buffer.terminated[:3], [1.0, 0.0, 0.0])


def test_wrap_around_overwrites_the_oldest():
    buffer = ReplayBuffer(capacity=3, observation_shape=(2,))
    fill(buffer, 5)  # transitions 3 and 4 overwrite 0 and 1
    assert len(buffer) == 3
    assert buffer.position == 2  # the next write replaces transition 2, now the oldest
    np.testing.assert_array_equal(buffer.rewards, [3.0, 4.0, 2.0])
    np.testing.assert_array_equal(buffer.observations[:, 0], [3, 4, 2])
    np.testing.assert_array_equal(buffer.next_observations[:, 0], [4, 5, 3])
    np.testing.assert_array_equal(buffer.terminated, [1.0, 0.0, 0.0])  # 3 % 3 == 0
    buffer.add([9, 9], 1, 9.0, [9, 9], False)
    np.testing.assert_array_equal(buffer.rewards, [3.0, 4.0, 9.0])
    assert buffer.position == 0


def test_sample_returns_only_stored_transitions_consistently():
    buffer = ReplayBuffer(capacity=10, observation_shape=(2,))
    fill(buffer, 4)
    obs, actions, rewards, next_obs, terminated = buffer.sample(200, np.random.default_rng(0))
    assert obs.shape == (200, 2) and next_obs.shape == (200, 2) and actions.shape == (200,)
    assert set(rewards.tolist()) == {0.0, 1.0, 2.0, 3.0}  # never the empty rows 4..9
    # the fields of a row belong to the same transition
    np.testing.assert_array_equal(obs[:, 0], rewards)
    np.testing.assert_array_equal(next_obs[:, 0], rewards + 1)
    np.testing.assert_array_equal(actions, rewards % 2)
    np.testing.assert_array_equal(terminated, (rewards % 3 == 0).astype(float))


def test_sample_is_reproducible_with_the_same_generator():
    buffer = ReplayBuffer(capacity=10, observation_shape=(2,))
    fill(buffer, 10)
    a = buffer.sample(8, np.random.default_rng(3))
    b = buffer.sample(8, np.random.default_rng(3))
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_bad_capacity_and_empty_sample():
    with pytest.raises(ValueError, match="capacity"):
        ReplayBuffer(capacity=0, observation_shape=(2,))
    with pytest.raises(ValueError, match="empty"):
        ReplayBuffer(capacity=2, observation_shape=(2,)).sample(1, np.random.default_rng(0))


# ---------------------------------------------------------------- bad input (issue 16)

GOOD = dict(observation=[0.0, 1.0], action=1, reward=0.5, next_observation=[1.0, 2.0], terminated=False)


@pytest.mark.parametrize(
    "field, value, match",
    [
        ("observation", [0.0, 1.0, 2.0], r"observation must have shape \(2,\), got \(3,\)"),
        ("observation", 0.0, r"observation must have shape \(2,\), got \(\)"),  # no silent broadcast
        ("next_observation", [[1.0, 2.0]], r"next_observation must have shape \(2,\), got \(1, 2\)"),
        ("observation", [np.nan, 1.0], "observation contains NaN"),
        ("next_observation", [np.inf, 1.0], "next_observation contains NaN"),
        ("action", 1.0, "action must be a non-negative integer"),
        ("action", 0.5, "action must be a non-negative integer"),
        ("action", -1, "action must be a non-negative integer"),
        ("action", True, "action must be a non-negative integer"),
        ("reward", np.nan, "reward must be a finite number"),
        ("reward", np.inf, "reward must be a finite number"),
        ("reward", "1", "reward must be a finite number"),
        ("terminated", 0.5, "terminated must be True or False"),
        ("terminated", "no", "terminated must be True or False"),
    ],
)
def test_add_rejects_bad_transitions(field, value, match):
    buffer = ReplayBuffer(capacity=3, observation_shape=(2,))
    with pytest.raises(ValueError, match=match):
        buffer.add(**{**GOOD, field: value})
    assert len(buffer) == 0 and buffer.position == 0  # nothing half-written
    buffer.add(**GOOD)  # the good transition is fine
    assert len(buffer) == 1


def test_add_accepts_numpy_scalars():
    buffer = ReplayBuffer(capacity=3, observation_shape=(2,))
    buffer.add(np.zeros(2, dtype=np.float32), np.int64(1), np.float32(0.5), np.ones(2), np.bool_(True))
    buffer.add([0, 1], 0, 1, [1, 1], 0)
    np.testing.assert_array_equal(buffer.terminated[:2], [1.0, 0.0])


@pytest.mark.parametrize(
    "capacity, shape, match",
    [
        (np.nan, (2,), "capacity"),
        (2.5, (2,), "capacity"),
        (-1, (2,), "capacity"),
        (3, (0,), "observation_shape"),
        (3, (2.5,), "observation_shape"),
        (3, "abc", "observation_shape"),
    ],
)
def test_bad_constructor_arguments(capacity, shape, match):
    with pytest.raises(ValueError, match=match):
        ReplayBuffer(capacity=capacity, observation_shape=shape)


def test_int_observation_shape_and_bad_batch_size():
    buffer = ReplayBuffer(capacity=3, observation_shape=2)
    assert buffer.observations.shape == (3, 2)
    buffer.add(**GOOD)
    for batch_size in (0, 2.5, np.nan):
        with pytest.raises(ValueError, match="batch_size"):
            buffer.sample(batch_size, np.random.default_rng(0))
