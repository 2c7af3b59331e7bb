import itertools
import warnings

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import HiddenMarkovModel

PI = np.array([0.6, 0.4])
A = np.array([[0.7, 0.3], [0.2, 0.8]])
B = np.array([[0.5, 0.4, 0.1], [0.1, 0.3, 0.6]])
X = np.array([0, 2, 1, 2, 2, 0])


def _known():
    return HiddenMarkovModel(n_states=2, max_iter=0, start_prob=PI, transition=A, emission=B).fit(X)


def _joint(path, x):
    """P(z, x) of one state path, straight from the definition."""
    p = PI[path[0]] * B[path[0], x[0]]
    for t in range(1, len(x)):
        p *= A[path[t - 1], path[t]] * B[path[t], x[t]]
    return p


def test_likelihood_posteriors_and_viterbi_match_brute_force():
    """Sum and maximise over all 2^6 state paths by hand."""
    paths = list(itertools.product(range(2), repeat=len(X)))
    joint = np.array([_joint(p, X) for p in paths])
    model = _known()
    np.testing.assert_allclose(model.score(X), np.log(joint.sum()))
    log_prob, best = model.decode(X)
    np.testing.assert_array_equal(best, paths[int(np.argmax(joint))])
    np.testing.assert_allclose(log_prob, np.log(joint.max()))
    marginals = np.array([[joint[[p[t] == i for p in paths]].sum() for i in range(2)] for t in range(len(X))])
    np.testing.assert_allclose(model.predict_proba(X), marginals / joint.sum())


def test_long_sequences_do_not_underflow():
    model = _known()
    x, _ = model.sample(5000, random_state=0)
    assert np.isfinite(model.score(x)) and model.score(x) < -700   # P(x) ~ e^-5000: 0 in float64
    assert np.all(np.isfinite(model.predict_proba(x)))


def test_baum_welch_never_decreases_the_likelihood_and_recovers_the_parameters():
    true = _known()
    x, z = true.sample(2000, random_state=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")        # EM creeps towards the optimum; 60 iterations are enough here
        model = HiddenMarkovModel(n_states=2, max_iter=60, tol=1e-8, random_state=3).fit(x)
    assert np.all(np.diff(model.log_likelihoods_) >= -1e-8)
    assert model.score(x) >= true.score(x) - 1.0            # maximum likelihood: at least the truth's
    order = np.argsort(model.emission_[:, 2])                  # identify the states up to a permutation
    np.testing.assert_allclose(model.emission_[order], B, atol=0.15)
    np.testing.assert_allclose(model.transition_[np.ix_(order, order)], A, atol=0.15)


def test_several_sequences_equal_their_sum():
    model = _known()
    a, b = X[:4], X[4:]
    np.testing.assert_allclose(model.score(X, lengths=[4, 2]), model.score(a) + model.score(b))
    np.testing.assert_array_equal(model.predict(X, lengths=[4, 2]), np.concatenate([model.predict(a),
                                                                                   model.predict(b)]))


def test_same_seed_same_model():
    x, _ = _known().sample(300, random_state=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m1 = HiddenMarkovModel(n_states=3, max_iter=20, random_state=4).fit(x)
        m2 = HiddenMarkovModel(n_states=3, max_iter=20, random_state=4).fit(x)
    np.testing.assert_array_equal(m1.transition_, m2.transition_)


@pytest.mark.parametrize("kwargs, match", [
    ({"n_states": 0}, "n_states"), ({"tol": np.nan}, "tol"), ({"max_iter": -1}, "max_iter"),
    ({"random_state": "abc"}, "random_state"), ({"transition": [[0.5, 0.6], [0.5, 0.5]]}, "transition"),
    ({"max_iter": 0}, "start_prob"),
])
def test_bad_settings_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        HiddenMarkovModel(**kwargs).fit(X)


def test_bad_sequences():
    with pytest.raises(ValueError, match="integer symbols"):
        HiddenMarkovModel().fit([0.5, 1.0])
    with pytest.raises(ValueError, match="lengths"):
        HiddenMarkovModel().fit(X, lengths=[2, 2])
    with pytest.raises(ValueError, match="never seen"):
        _known().predict([0, 7])
