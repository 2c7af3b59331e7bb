"""The estimator contract (DESIGN.md), checked the same way for every finished estimator.

Each model's own test file checks its algorithm; this file checks what every
estimator promises whatever its algorithm: hyperparameters stored unchanged,
``fit`` returning ``self`` with learned attributes ending in ``_``, clear
``ValueError``s for bad input, ``NotFittedError`` before ``fit``, untouched
inputs, reproducible randomness, clean refits, string labels, and no
RuntimeWarning on large-scale data. The generative models (RBM, Autoencoder,
GAN, DCGAN) take data in [0, 1] and the DQN agent learns from an environment, so
they get a section of their own (tiny [0, 1] data, a deterministic chain
environment). A small contract check of the deep-learning layers closes the file.

Ensembles hold fitted sub-estimators (``estimators_``) and the networks hold a
``NeuralNetwork``: learned state is compared recursively (``_assert_same``), nested
models by their own learned arrays or weights, never by identity. Neuroevolution
and ParticleSwarmOptimizedNN train a given network with ``evolve(X, y,
n_generations)`` and have no fit/predict: they get the light "other" treatment
plus a test of their own.
"""

import importlib
import inspect
import numbers
import pickle
import warnings
from collections import namedtuple

import numpy as np
import pytest

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import ConvergenceWarning, DataConversionWarning, NotFittedError

Case = namedtuple("Case", "id package name kind params bad one_class large_scale fit_params",
                  defaults=("raises", None, None))
# kind: "classifier", "binary" (a two-class classifier), "regressor", "clusterer",
# "transformer", "other" (not fitted on a feature matrix), "generative" (fitted on
# data in [0, 1]: RBM, Autoencoder, GAN, DCGAN) or "agent" (DeepQNetwork, trained
# on an environment).
# params: non-default hyperparameters to construct with; bad: an invalid one that
# the constructor must accept silently and ``fit`` must reject with a ValueError.
# one_class (classifiers): what fitting a single class does. "raises": a ValueError
# (the linear models need two classes to draw a boundary); "predicts": the model
# predicts that class (trees and tree ensembles, issue 4).
# large_scale: the training score asked for on data scaled by 1e6 (accuracy for
# classifiers, R^2 for regressors); None for the default 0.9 / 0.95.
# fit_params: keyword arguments of ``fit`` (epochs and batch size of the generative networks).


class ChainEnv:
    """A deterministic corridor of ``n_states`` one-hot states (gymnasium API) for the DQN agent.

    Action 1 steps right, action 0 left; reaching the last state pays 1 and
    terminates, ``time_limit`` steps truncate. Environments of equal size compare
    equal, so a cloned agent (whose env is deep-copied) has equal parameters.
    """

    class _Space:
        def __init__(self, n=None, shape=None):
            self.n, self.shape = n, shape

    def __init__(self, n_states=5, time_limit=12):
        self.n_states, self.time_limit = n_states, time_limit
        self.action_space = self._Space(n=2)
        self.observation_space = self._Space(shape=(n_states,))

    def __eq__(self, other):
        return type(other) is type(self) and (other.n_states, other.time_limit) == (self.n_states, self.time_limit)

    def __hash__(self):
        return hash((type(self).__name__, self.n_states, self.time_limit))

    def reset(self, seed=None, options=None):
        self.state, self.t = 0, 0
        return np.eye(self.n_states)[self.state], {}

    def step(self, action):
        self.state = int(np.clip(self.state + (1 if action == 1 else -1), 0, self.n_states - 1))
        self.t += 1
        terminated = self.state == self.n_states - 1
        return np.eye(self.n_states)[self.state], float(terminated), terminated, self.t >= self.time_limit, {}


def _tiny_network(n_inputs, n_outputs):
    """model_builder of the evolutionary trainers: a softmax layer on the inputs."""
    from mlfromscratch.deep_learning import Activation, Adam, CrossEntropy, Dense, NeuralNetwork

    network = NeuralNetwork(Adam(), CrossEntropy)
    network.add(Dense(n_outputs, input_shape=(n_inputs,)))
    network.add(Activation("softmax"))
    return network


SL, UL = "supervised_learning", "unsupervised_learning"
CASES = [
    Case("LinearRegression", SL, "LinearRegression", "regressor", {"fit_intercept": True}, {"solver": "qr"}),
    Case("LinearRegression-gd", SL, "LinearRegression", "regressor", {"solver": "gd", "max_iter": 5000},
         {"max_iter": 0}),
    Case("RidgeRegression", SL, "RidgeRegression", "regressor", {"alpha": 0.5}, {"alpha": -1.0}),
    Case("PolynomialRegression", SL, "PolynomialRegression", "regressor", {"degree": 2}, {"degree": 0}),
    Case("PolynomialRidgeRegression", SL, "PolynomialRidgeRegression", "regressor", {"degree": 2, "alpha": 0.1},
         {"degree": 1.5}),
    Case("LassoRegression", SL, "LassoRegression", "regressor", {"alpha": 0.05}, {"alpha": 0.0}),
    Case("ElasticNet", SL, "ElasticNet", "regressor", {"alpha": 0.05, "l1_ratio": 0.7}, {"l1_ratio": 0.0}),
    Case("GaussianProcessRegression", SL, "GaussianProcessRegression", "regressor", {"random_state": 0},
         {"length_scale": 0.0}),
    Case("BayesianRegression", SL, "BayesianRegression", "regressor", {"n_draws": 20, "random_state": 0},
         {"cred_int": 100}),
    Case("LogisticRegression", SL, "LogisticRegression", "classifier", {"C": 10.0}, {"C": 0.0}),
    Case("LogisticRegression-gd", SL, "LogisticRegression", "classifier",
         {"solver": "gd", "max_iter": 2000, "tol": 1e-3},
         {"solver": "lbfgs"}),
    Case("NaiveBayes", SL, "NaiveBayes", "classifier", {"var_smoothing": 1e-8}, {"var_smoothing": -1.0}),
    Case("NaiveBayes-priors", SL, "NaiveBayes", "classifier", {"priors": [0.3, 0.3, 0.4]}, {"priors": [0.5, 0.6]}),
    Case("KNN", SL, "KNN", "classifier", {"n_neighbors": 3}, {"n_neighbors": 0}),
    Case("KNN-distance", SL, "KNN", "classifier", {"weights": "distance", "batch_size": 7}, {"weights": "gauss"}),
    Case("LDA", SL, "LDA", "binary", {"shrinkage": 0.01}, {"shrinkage": 2.0}),
    Case("MultiClassLDA", SL, "MultiClassLDA", "classifier", {"n_components": 2}, {"n_components": 5}),
    Case("SupportVectorMachine", SL, "SupportVectorMachine", "classifier", {"C": 2.0}, {"kernel": "sigmoid"}),
    Case("SupportVectorMachine-linear-ovr", SL, "SupportVectorMachine", "classifier",
         {"kernel": "linear", "multi_class": "ovr"}, {"multi_class": "all"}),
    Case("KMeans", UL, "KMeans", "clusterer", {"n_clusters": 3, "n_init": 2, "random_state": 0},
         {"n_clusters": 0}),
    Case("PAM", UL, "PAM", "clusterer", {"n_clusters": 3}, {"n_clusters": -2}),
    Case("DBSCAN", UL, "DBSCAN", "clusterer", {"eps": 1.5, "min_samples": 3}, {"eps": 0.0}),
    Case("GaussianMixtureModel", UL, "GaussianMixtureModel", "clusterer", {"n_components": 3, "random_state": 0},
         {"init_params": "kmeans++"}),
    Case("PCA", UL, "PCA", "transformer", {"n_components": 2}, {"n_components": 1.5}),
    Case("Apriori", UL, "Apriori", "other", {"min_support": 0.3}, {"min_support": 0.0}),
    Case("FPGrowth", UL, "FPGrowth", "other", {"min_confidence": 0.6}, {"min_confidence": 1.5}),
    Case("GeneticAlgorithm", UL, "GeneticAlgorithm", "other", {"target_string": "Hi", "random_state": 0},
         {"mutation_rate": 2.0}),
    # trees and tree ensembles (small n_estimators keep the file fast)
    Case("ClassificationTree", SL, "ClassificationTree", "classifier", {"max_depth": 5, "random_state": 0},
         {"criterion": "mse"}, one_class="predicts"),
    Case("ClassificationTree-entropy", SL, "ClassificationTree", "classifier",
         {"criterion": "entropy", "min_samples_leaf": 2, "max_features": "sqrt", "random_state": 0},
         {"max_features": "auto"}, one_class="predicts"),
    Case("RegressionTree", SL, "RegressionTree", "regressor", {"max_depth": 8, "random_state": 0},
         {"min_samples_split": 1}),
    Case("RandomForest", SL, "RandomForest", "classifier", {"n_estimators": 8, "random_state": 0},
         {"n_estimators": 0}, one_class="predicts"),
    Case("RandomForest-oob", SL, "RandomForest", "binary",
         {"n_estimators": 15, "oob_score": True, "criterion": "entropy", "random_state": 0},
         {"bootstrap": False}, one_class="predicts"),
    # bagged trees average bootstrap fits, so they do not reproduce the training
    # targets exactly: a looser training R^2
    Case("RandomForestRegressor", SL, "RandomForestRegressor", "regressor", {"n_estimators": 20, "random_state": 0},
         {"max_depth": -1}, large_scale=0.85),
    Case("Adaboost", SL, "Adaboost", "classifier", {"n_estimators": 20, "random_state": 0},
         {"learning_rate": 0.0}, one_class="predicts"),
    Case("Adaboost-binary", SL, "Adaboost", "binary", {"n_estimators": 10, "learning_rate": 0.5, "random_state": 0},
         {"n_estimators": 2.5}, one_class="predicts"),
    Case("GradientBoostingClassifier", SL, "GradientBoostingClassifier", "classifier",
         {"n_estimators": 10, "max_depth": 2, "random_state": 0}, {"subsample": 1.5}, one_class="predicts"),
    Case("GradientBoostingClassifier-binary", SL, "GradientBoostingClassifier", "binary",
         {"n_estimators": 10, "subsample": 0.7, "random_state": 0}, {"learning_rate": -0.1}, one_class="predicts"),
    Case("GradientBoostingRegressor", SL, "GradientBoostingRegressor", "regressor",
         {"n_estimators": 20, "learning_rate": 0.3, "random_state": 0}, {"subsample": 0.0}),
    Case("XGBoost", SL, "XGBoost", "classifier", {"n_estimators": 10, "max_depth": 3, "random_state": 0},
         {"colsample_bytree": 0.0}, one_class="predicts"),
    Case("XGBoost-binary", SL, "XGBoost", "binary",
         {"n_estimators": 10, "max_depth": 3, "subsample": 0.8, "colsample_bytree": 0.75, "random_state": 0},
         {"base_score": 1.0}, one_class="predicts"),
    Case("XGBoostRegressor", SL, "XGBoostRegressor", "regressor", {"n_estimators": 20, "random_state": 0},
         {"reg_lambda": -1.0}),
    # neural networks
    # Inputs of order 1e6 saturate the softmax / sigmoid outputs of the gradient-trained
    # classifiers: the gradients vanish and they stay where they started, as every
    # unscaled neural network does (standardise the inputs). On such data they are
    # only asked for finite predictions, in their label space, without RuntimeWarning
    # (large_scale=0.0); MultilayerPerceptron(task="regression") has a linear output
    # and does learn at that scale.
    Case("MultilayerPerceptron", SL, "MultilayerPerceptron", "classifier",
         {"hidden_layers": (8,), "n_epochs": 30, "learning_rate": 0.01, "random_state": 0}, {"task": "ranking"},
         large_scale=0.0),
    Case("MultilayerPerceptron-genetic", SL, "MultilayerPerceptron", "classifier",
         {"hidden_layers": (4,), "optimizer": "genetic", "n_epochs": 20, "population_size": 16, "mutation_scale": 0.5,
          "random_state": 0}, {"mutation_rate": 2.0}),
    Case("MultilayerPerceptron-regression", SL, "MultilayerPerceptron", "regressor",
         {"hidden_layers": (8,), "task": "regression", "n_epochs": 60, "learning_rate": 0.01, "random_state": 0},
         {"alpha": -1.0}),
    Case("Perceptron", SL, "Perceptron", "classifier", {"max_iter": 200, "random_state": 0}, {"rule": "hebb"},
         large_scale=0.0),
    Case("Perceptron-rosenblatt", SL, "Perceptron", "binary", {"rule": "rosenblatt", "max_iter": 600},
         {"loss": "hinge"}),
    Case("Neuroevolution", SL, "Neuroevolution", "other",
         {"population_size": 6, "mutation_rate": 0.1, "model_builder": _tiny_network, "random_state": 0},
         {"mutation_rate": 1.5}),
    Case("ParticleSwarmOptimizedNN", SL, "ParticleSwarmOptimizedNN", "other",
         {"population_size": 5, "model_builder": _tiny_network, "random_state": 0}, {"max_velocity": 0.0}),
    # generative models (data in [0, 1]; tiny networks and one or two epochs keep them fast)
    Case("RBM", UL, "RBM", "generative", {"n_components": 4, "n_epochs": 3, "batch_size": 8, "random_state": 0},
         {"k": 0}),
    Case("RBM-persistent", UL, "RBM", "generative",
         {"n_components": 3, "n_epochs": 2, "k": 2, "persistent": True, "random_state": 0}, {"n_epochs": 1.5}),
    Case("Autoencoder", UL, "Autoencoder", "generative",
         {"encoding_dim": 3, "hidden_layers": (8,), "learning_rate": 0.01, "random_state": 0}, {"encoding_dim": 0},
         fit_params={"n_epochs": 2, "batch_size": 16}),
    Case("GAN", UL, "GAN", "generative", {"latent_dim": 4, "learning_rate": 0.001, "random_state": 0},
         {"beta_1": 1.0}, fit_params={"n_epochs": 1, "batch_size": 16}),
    Case("DCGAN", UL, "DCGAN", "generative",
         {"latent_dim": 4, "generator_filters": (4, 2), "discriminator_filters": (2, 4), "random_state": 0},
         {"latent_dim": 0}, fit_params={"n_epochs": 1, "batch_size": 8}),
    Case("VariationalAutoencoder", UL, "VariationalAutoencoder", "generative",
         {"latent_dim": 2, "hidden_layers": (8,), "n_epochs": 2, "batch_size": 16, "random_state": 0},
         {"latent_dim": 0}),
    # the agent: the default Q-network (64-64) on a 5-state chain, learning from step 16
    Case("DeepQNetwork", "reinforcement_learning", "DeepQNetwork", "agent",
         {"env": ChainEnv(), "gamma": 0.9, "memory_size": 200, "batch_size": 8, "target_update": 10,
          "learning_starts": 16, "random_state": 0}, {"gamma": 1.5}),
]
ARRAY_CASES = [c for c in CASES if c.kind not in ("other", "generative", "agent")]
SUPERVISED = [c for c in ARRAY_CASES if c.kind in ("classifier", "binary", "regressor")]
CLASSIFIERS = [c for c in ARRAY_CASES if c.kind in ("classifier", "binary")]
SEEDED = [c for c in CASES if "random_state" in c.params]
PREDICT_METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function", "transform",
                   "score_samples", "score")

TRANSACTIONS = [["bread", "milk"], ["bread", "beer", "eggs"], ["milk", "beer", "cola"],
                ["bread", "milk", "beer"], ["bread", "milk", "cola"]]


def _ids(cases):
    return [c.id for c in cases]


def _class(case):
    module = importlib.import_module(f"mlfromscratch.{case.package}")
    return getattr(module, case.name)


def _make(case, **overrides):
    return _class(case)(**{**case.params, **overrides})


def _data(case, seed=0, n_samples=60, n_features=4):
    """Small, well-separated data for the case: (X, y), y None for unsupervised models."""
    rng = np.random.default_rng(seed)
    if case.kind == "regressor":
        X = rng.standard_normal((n_samples, n_features))
        y = X @ rng.uniform(1.0, 3.0, n_features) + 0.5 + 0.1 * rng.standard_normal(n_samples)
        return X, y
    n_classes = 2 if case.kind == "binary" else 3
    y = np.arange(n_samples) % n_classes
    centers = rng.uniform(-6.0, 6.0, (n_classes, n_features))
    centers[:, 0] = 6.0 * np.arange(n_classes)             # keep the classes apart along x_0
    X = centers[y] + rng.standard_normal((n_samples, n_features))
    return X, (y if case.kind in ("classifier", "binary") else None)


def _fit(estimator, X, y):
    return estimator.fit(X) if y is None else estimator.fit(X, y)


def _predict_methods(estimator):
    methods = [m for m in PREDICT_METHODS if hasattr(type(estimator), m)]
    if getattr(estimator, "task", None) == "regression" and "predict_proba" in methods:
        methods.remove("predict_proba")                      # MultilayerPerceptron(task="regression")
    score = getattr(type(estimator), "score", None)
    if score is not None and inspect.signature(score).parameters.get("y", inspect.Parameter.empty).default \
            is inspect.Parameter.empty:
        methods.remove("score")                              # score(X, y) = accuracy / R^2 of predict(X)
    return methods


def _learned(estimator):
    """Public learned state: every instance attribute ending in ``_``."""
    return {k: v for k, v in vars(estimator).items() if k.endswith("_") and not k.startswith("_")}


def _outputs(estimator, X):
    """Everything the fitted estimator says about X (plus its learned attributes)."""
    out = {m: getattr(estimator, m)(X) for m in _predict_methods(estimator)}
    out.update(_learned(estimator))
    return out


def _assert_same(actual, expected, where="outputs"):
    """Exact equality of outputs and learned state, recursing into containers and nested models.

    Sub-estimators (the trees of an ensemble, an MLP's evolver) are compared by
    their own learned state and networks by their weights: a pickled, refit or
    re-seeded model holds equal but distinct objects, so identity means nothing.
    """
    if isinstance(expected, BaseEstimator):
        assert type(actual) is type(expected), f"{where}: {type(actual).__name__} != {type(expected).__name__}"
        _assert_same(_learned(actual), _learned(expected), where)
    elif hasattr(expected, "get_flat_params"):                       # a NeuralNetwork
        assert type(actual) is type(expected), where
        _assert_same(actual.get_flat_params(), expected.get_flat_params(), f"{where} (weights)")
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and set(actual) == set(expected), f"{where}: keys differ"
        for key, value in expected.items():
            _assert_same(actual[key], value, f"{where}[{key!r}]")
    elif isinstance(expected, (list, tuple)) or (isinstance(expected, np.ndarray) and expected.dtype == object):
        assert type(actual) is type(expected) and np.shape(actual) == np.shape(expected), f"{where}: shapes differ"
        flat = zip(np.ravel(actual), np.ravel(expected)) if isinstance(expected, np.ndarray) else zip(actual, expected)
        for i, (a, e) in enumerate(flat):
            _assert_same(a, e, f"{where}[{i}]")
    elif hasattr(expected, "__dict__") and not isinstance(expected, (type, np.generic)) and not callable(expected):
        assert type(actual) is type(expected), where                 # small records, e.g. a tree's nodes
        _assert_same(vars(actual), vars(expected), where)
    elif hasattr(expected, "__slots__") and not isinstance(expected, np.generic):
        assert type(actual) is type(expected), where
        _assert_same({k: getattr(actual, k) for k in expected.__slots__},
                     {k: getattr(expected, k) for k in expected.__slots__}, where)
    else:                                                              # arrays and scalars; NaN equals NaN
        np.testing.assert_equal(actual, expected, err_msg=where)


# --------------------------------------------------------------------------- hyperparameters


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_constructor_stores_arguments_unchanged(case):
    estimator = _make(case)
    params = estimator.get_params()
    assert list(params) == [p for p in inspect.signature(type(estimator).__init__).parameters if p != "self"]
    for name, value in case.params.items():
        assert params[name] is value, f"{case.name}.__init__ changed {name}"
    # The constructor only stores: a bad value is accepted here and rejected by fit.
    bad = _make(case, **case.bad)
    for name, value in case.bad.items():
        assert getattr(bad, name) is value


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_get_set_params_round_trip_and_repr(case):
    estimator = _make(case)
    copy = type(estimator)(**estimator.get_params())
    assert copy.get_params() == estimator.get_params()
    assert estimator.set_params(**estimator.get_params()) is estimator
    name, value = next(iter(case.bad.items()))
    estimator.set_params(**{name: value})
    assert getattr(estimator, name) is value
    with pytest.raises(ValueError, match="Invalid parameter"):
        estimator.set_params(not_a_parameter=1)
    text = repr(_make(case))
    assert text.startswith(f"{case.name}(") and text.endswith(")")
    defaults = inspect.signature(type(estimator).__init__).parameters
    for name, value in case.params.items():
        if value != defaults[name].default:
            assert f"{name}={value!r}" in text


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_sklearn_clone(case):
    base = pytest.importorskip("sklearn.base")
    estimator = _make(case)
    clone = base.clone(estimator)
    assert clone is not estimator and type(clone) is type(estimator)
    assert clone.get_params() == estimator.get_params()


def _run_other(estimator):
    """Train a non-array estimator on its kind of data."""
    name = type(estimator).__name__
    if name == "DeepQNetwork":
        return estimator.train(n_episodes=2)
    case = next((c for c in GENERATIVE if c.name == name), None)
    if case is not None:
        return _fit_generative(case, estimator, _generative_data(case))
    if name == "GeneticAlgorithm":
        return estimator.run(5)
    if name in EVOLVERS:
        X, y = _evolver_data()
        return estimator.evolve(X, y, n_generations=2)
    return estimator.fit(TRANSACTIONS)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_fit_rejects_bad_hyperparameter(case):
    estimator = _make(case, **case.bad)
    if case not in ARRAY_CASES:
        with pytest.raises(ValueError):
            _run_other(estimator)
        return
    X, y = _data(case)
    with pytest.raises(ValueError):
        _fit(estimator, X, y)


def _numeric_hyperparameters(estimator):
    """Hyperparameters whose value is a number (ints and floats; not bools, seeds or verbosity)."""
    return [
        name for name, value in estimator.get_params(deep=False).items()
        if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))
        and name not in ("random_state", "verbose")
    ]


def _run(case, estimator):
    if case not in ARRAY_CASES:
        return _run_other(estimator)
    X, y = _data(case)
    return _fit(estimator, X, y)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_nan_hyperparameters_are_rejected_by_name(case):
    """Issue 16: NaN slips through `value < 0 or value == 0`; every numeric hyperparameter is checked finite."""
    names = _numeric_hyperparameters(_make(case))
    assert names, f"{case.id} has no numeric hyperparameter?"
    silent = []
    for name in names:
        estimator = _make(case, **{name: float("nan")})
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                _run(case, estimator)
        except ValueError as exc:
            assert name in str(exc), f"{case.id}: the error for {name}=nan does not name it: {exc}"
        else:
            silent.append(name)
    assert not silent, f"{case.id} accepted NaN for {silent}"


@pytest.mark.parametrize("bad_seed", ["abc", -1, 1.5])
@pytest.mark.parametrize("case", SEEDED, ids=_ids(SEEDED))
def test_bad_random_state_is_named(case, bad_seed):
    """Issue 16: numpy's SeedSequence message becomes one that names the parameter."""
    with pytest.raises(ValueError, match="random_state"):
        _run(case, _make(case, random_state=bad_seed))


# --------------------------------------------------------------------------- fit


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_fit_returns_self_and_sets_underscore_attributes(case):
    estimator = _make(case)
    before = set(vars(estimator))
    params = estimator.get_params()
    X, y = _data(case)
    assert _fit(estimator, X, y) is estimator
    for name, value in estimator.get_params().items():
        assert value is params[name], f"fit changed the hyperparameter {name}"
    added = set(vars(estimator)) - before
    public = {name for name in added if not name.startswith("_")}
    assert public, "fit learned nothing public"
    assert all(name.endswith("_") for name in public), f"learned attributes without '_': {public}"
    assert estimator.n_features_in_ == X.shape[1]
    if case.kind in ("classifier", "binary"):
        np.testing.assert_array_equal(estimator.classes_, np.unique(y))


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_methods_before_fit_raise_not_fitted(case):
    estimator = _make(case)
    X, _ = _data(case)
    methods = _predict_methods(estimator)
    if case.name != "DBSCAN":                                 # DBSCAN only has fit / fit_predict
        assert "predict" in methods or "transform" in methods
    for method in methods:
        with pytest.raises(NotFittedError):
            getattr(estimator, method)(X)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_wrong_number_of_features_raises(case):
    X, y = _data(case)
    estimator = _fit(_make(case), X, y)
    for wrong in (X[:, :-1], np.hstack([X, X[:, :1]])):
        for method in _predict_methods(estimator):
            with pytest.raises(ValueError, match="features"):
                getattr(estimator, method)(wrong)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_nan_and_inf_raise(case):
    X, y = _data(case)
    for bad_value in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[3, 1] = bad_value
        with pytest.raises(ValueError, match="NaN or infinity"):
            _fit(_make(case), X_bad, y)
        estimator = _fit(_make(case), X, y)
        for method in _predict_methods(estimator):
            with pytest.raises(ValueError, match="NaN or infinity"):
                getattr(estimator, method)(X_bad)
    if case.kind == "regressor":
        y_bad = y.copy()
        y_bad[0] = np.nan
        with pytest.raises(ValueError, match="NaN or infinity"):
            _make(case).fit(X, y_bad)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_1d_and_3d_X_raise(case):
    X, y = _data(case)
    for wrong in (X[:, 0], X[:, :, None]):
        with pytest.raises(ValueError, match="dimensions"):
            _fit(_make(case), wrong, y)
    estimator = _fit(_make(case), X, y)
    for method in _predict_methods(estimator):
        with pytest.raises(ValueError, match="dimensions"):
            getattr(estimator, method)(X[0])


@pytest.mark.parametrize("case", SUPERVISED, ids=_ids(SUPERVISED))
def test_X_y_length_mismatch_raises(case):
    X, y = _data(case)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        _make(case).fit(X, y[:-1])
    with pytest.raises(ValueError):
        _make(case).fit(X, None)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_inputs_are_not_modified(case):
    X, y = _data(case)
    X_copy = X.copy()
    y_copy = None if y is None else y.copy()
    # read-only inputs also catch a model that writes into a view of the caller's array
    X.setflags(write=False)
    if y is not None:
        y.setflags(write=False)
    estimator = _fit(_make(case), X, y)
    for method in _predict_methods(estimator):
        getattr(estimator, method)(X)
    np.testing.assert_array_equal(X, X_copy)
    if y is not None:
        np.testing.assert_array_equal(y, y_copy)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_model_does_not_share_memory_with_the_training_data(case):
    X, y = _data(case)
    estimator = _fit(_make(case), X, y)
    X_query = X.copy()
    expected = _outputs(estimator, X_query)
    X[:] = 0.0                                                  # the caller reuses their array
    if y is not None:
        y[:] = y[::-1]
    _assert_same(_outputs(estimator, X_query), expected)


@pytest.mark.parametrize("case", [c for c in ARRAY_CASES if c.kind in ("clusterer", "transformer")],
                         ids=_ids([c for c in ARRAY_CASES if c.kind in ("clusterer", "transformer")]))
def test_unsupervised_fit_ignores_y(case):
    X, _ = _data(case)
    with_y = _make(case).fit(X, np.arange(len(X)))
    _assert_same(_outputs(with_y, X), _outputs(_make(case).fit(X), X))


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_global_random_state_is_untouched(case):
    X, y = _data(case)
    state = np.random.get_state()
    estimator = _fit(_make(case), X, y)
    for method in _predict_methods(estimator):
        getattr(estimator, method)(X)
    after = np.random.get_state()
    assert state[0] == after[0] and state[2:] == after[2:]
    np.testing.assert_array_equal(state[1], after[1])


@pytest.mark.parametrize("case", [c for c in SEEDED if c in ARRAY_CASES],
                         ids=_ids([c for c in SEEDED if c in ARRAY_CASES]))
def test_same_random_state_same_result(case):
    X, y = _data(case)
    reference = _outputs(_fit(_make(case, random_state=0), X, y), X)
    again = _outputs(_fit(_make(case, random_state=0), X, y), X)
    # a Generator is accepted too: default_rng(0) draws the same stream as the seed 0
    from_generator = _outputs(_fit(_make(case, random_state=np.random.default_rng(0)), X, y), X)
    _assert_same(again, reference)
    _assert_same(from_generator, reference)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_refit_gives_the_same_as_a_fresh_fit(case):
    X, y = _data(case)
    X_other, y_other = _data(case, seed=1, n_samples=45, n_features=3)
    if case.kind == "classifier":
        y_other = np.array(["left", "middle", "right"])[y_other]  # other labels
    reused = _fit(_make(case), X_other, y_other)
    _fit(reused, X, y)
    fresh = _fit(_make(case), X, y)
    assert set(_learned(reused)) == set(_learned(fresh))
    _assert_same(_outputs(reused, X), _outputs(fresh, X))


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_non_contiguous_and_list_input_give_the_same_result(case):
    X, y = _data(case)
    reference = _outputs(_fit(_make(case), X, y), X)
    strided = np.empty((X.shape[0], 2 * X.shape[1]))
    strided[:, ::2] = X
    for variant in (np.asfortranarray(X), strided[:, ::2], X.tolist()):
        estimator = _fit(_make(case), variant, None if y is None else list(y))
        _assert_same(_outputs(estimator, variant), reference)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_other_input_forms(case):
    X, y = _data(case)
    estimator = _fit(_make(case), X, y)
    for method in _predict_methods(estimator):
        one = getattr(estimator, method)(X[:1])                   # a single row
        if method != "score":
            assert len(one) == 1
    with pytest.raises(ValueError, match=r"at least \d+ sample"):
        _fit(_make(case), X[:0], None if y is None else y[:0])
    with pytest.raises(ValueError, match="numeric"):
        _fit(_make(case), X.astype(str).astype(object) + "x", y)
    # integer features are converted, and a column vector y is accepted with a DataConversionWarning
    X_int = np.round(X).astype(int)
    reference = _outputs(_fit(_make(case), X_int.astype(float), y), X_int.astype(float))
    if y is None:
        _assert_same(_outputs(_fit(_make(case), X_int, None), X_int), reference)
    elif getattr(_make(case), "task", None) == "regression":      # the MLP regressor takes 2-D y as outputs
        _assert_same(_outputs(_fit(_make(case), X_int, y[:, None]), X_int), reference)
    else:
        with pytest.warns(DataConversionWarning, match="column-vector y"):
            estimator = _fit(_make(case), X_int, y[:, None])
        _assert_same(_outputs(estimator, X_int), reference)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
@pytest.mark.filterwarnings("ignore:.*every bootstrap sample:UserWarning")  # oob_score on one or two samples
def test_degenerate_data_works_or_raises_value_error(case):
    """Tiny, constant or duplicated data: a result or a clear ValueError, nothing else."""
    X, y = _data(case)
    constant_column = X.copy()
    constant_column[:, 1] = 3.0
    datasets = [
        (X[:2], None if y is None else y[:2]),                    # two samples
        (X[:1], None if y is None else y[:1]),                    # one sample
        (constant_column, y),
        (np.ones_like(X), y),                                      # every sample identical
        (np.vstack([X, X]), None if y is None else np.concatenate([y, y])),
    ]
    for X_d, y_d in datasets:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            warnings.simplefilter("ignore", ConvergenceWarning)
            try:
                estimator = _fit(_make(case), X_d, y_d)
            except ValueError:
                continue
            for method in _predict_methods(estimator):
                value = getattr(estimator, method)(X_d)
                assert np.all(np.isfinite(value)) or method == "predict_log_proba", (method, X_d.shape)


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_pickle_round_trip(case):
    X, y = _data(case)
    estimator = _fit(_make(case), X, y)
    restored = pickle.loads(pickle.dumps(estimator))
    _assert_same(_outputs(restored, X), _outputs(estimator, X))


@pytest.mark.parametrize("case", ARRAY_CASES, ids=_ids(ARRAY_CASES))
def test_large_scale_data_gives_no_runtime_warning(case):
    X, y = _data(case)
    X = X * 1e6
    if case.kind == "regressor":
        y = y * 1e6
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        # The classes are separable, and at this scale the penalties of the linear
        # classifiers vanish, so their optimum lies at the limit of double precision:
        # a ConvergenceWarning is a fair answer, a RuntimeWarning (overflow, 0/0) is not.
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator = _fit(_make(case), X, y)
        outputs = {m: getattr(estimator, m)(X) for m in _predict_methods(estimator)}
    for method, value in outputs.items():
        assert np.all(np.isfinite(value)), f"{method} is not finite on data scaled by 1e6"
    if case.kind in ("classifier", "binary"):
        assert set(outputs["predict"]) <= set(estimator.classes_)
        assert np.mean(outputs["predict"] == y) >= (0.9 if case.large_scale is None else case.large_scale)
    if case.kind == "regressor":
        residual = outputs["predict"] - y
        r2 = 1.0 - residual @ residual / np.sum((y - y.mean()) ** 2)
        assert r2 >= (0.95 if case.large_scale is None else case.large_scale)


# --------------------------------------------------------------------------- classifiers


@pytest.mark.parametrize("case", CLASSIFIERS, ids=_ids(CLASSIFIERS))
def test_string_labels_round_trip(case):
    X, y = _data(case)
    names = np.array(["cat", "dog", "emu"])
    estimator = _make(case).fit(X, names[y])
    np.testing.assert_array_equal(estimator.classes_, names[: len(np.unique(y))])
    predicted = estimator.predict(X)
    assert predicted.dtype.kind == "U" and set(predicted) <= set(names)
    # the same model as with integer labels, in the label space of the caller
    np.testing.assert_array_equal(predicted, names[_make(case).fit(X, y).predict(X)])


PROBABILISTIC = [c for c in CLASSIFIERS if hasattr(_class(c), "predict_proba")]


@pytest.mark.parametrize("case", PROBABILISTIC, ids=_ids(PROBABILISTIC))
def test_predict_proba_rows_sum_to_one(case):
    X, y = _data(case)
    estimator = _make(case).fit(X, y)
    proba = estimator.predict_proba(X)
    assert proba.shape == (len(X), len(estimator.classes_))
    assert np.all(proba >= 0) and np.all(proba <= 1)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    # predict is the most probable class
    np.testing.assert_array_equal(estimator.predict(X), estimator.classes_[np.argmax(proba, axis=1)])
    if hasattr(estimator, "predict_log_proba"):
        np.testing.assert_allclose(np.exp(estimator.predict_log_proba(X)), proba, rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize("case", CLASSIFIERS, ids=_ids(CLASSIFIERS))
def test_bad_class_labels_raise(case):
    X, y = _data(case)
    with pytest.raises(ValueError, match="continuous"):
        _make(case).fit(X, y + 0.5)                                # regression targets


@pytest.mark.parametrize("case", CLASSIFIERS, ids=_ids(CLASSIFIERS))
def test_single_class_training_set(case):
    """Linear models need two classes (ValueError); trees and their ensembles predict the one class."""
    X, _ = _data(case)
    for label in (0, "only"):
        y = np.full(len(X), label)
        if case.one_class == "raises":
            with pytest.raises(ValueError, match="classes"):
                _make(case).fit(X, y)
            continue
        assert case.one_class == "predicts"
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            estimator = _make(case).fit(X, y)
            np.testing.assert_array_equal(estimator.classes_, [label])
            np.testing.assert_array_equal(estimator.predict(X), y)
            if hasattr(estimator, "predict_proba"):
                np.testing.assert_allclose(estimator.predict_proba(X), 1.0)


@pytest.mark.parametrize("case", CLASSIFIERS, ids=_ids(CLASSIFIERS))
def test_classifiers_learn_the_separated_classes(case):
    X, y = _data(case)
    assert np.mean(_make(case).fit(X, y).predict(X) == y) >= 0.9


# --------------------------------------------------------------------------- clusterers and transformers


@pytest.mark.parametrize("case", [c for c in ARRAY_CASES if c.kind == "clusterer"],
                         ids=_ids([c for c in ARRAY_CASES if c.kind == "clusterer"]))
def test_fit_predict_matches_fit_then_labels(case):
    X, _ = _data(case)
    labels = _make(case).fit_predict(X)
    estimator = _make(case).fit(X)
    expected = estimator.predict(X) if hasattr(estimator, "predict") else estimator.labels_
    np.testing.assert_array_equal(labels, expected)
    assert labels.shape == (len(X),)


TRANSFORMERS = [c for c in ARRAY_CASES if hasattr(_class(c), "fit_transform")]


@pytest.mark.parametrize("case", TRANSFORMERS, ids=_ids(TRANSFORMERS))
def test_fit_transform_matches_fit_then_transform(case):
    X, y = _data(case)
    args = (X,) if y is None or case.kind == "transformer" else (X, y)
    Z = _make(case).fit_transform(*args)
    np.testing.assert_allclose(Z, _make(case).fit(*args).transform(X), atol=1e-10)


# --------------------------------------------------------------------------- non-array estimators


def test_association_rules_fit_returns_self_and_keeps_transactions():
    from mlfromscratch.unsupervised_learning import Apriori, FPGrowth

    copy = [list(t) for t in TRANSACTIONS]
    apriori = Apriori(min_support=0.4, min_confidence=0.6)
    fp_growth = FPGrowth(min_support=0.4, min_confidence=0.6)
    assert apriori.fit(TRANSACTIONS) is apriori
    assert fp_growth.fit(TRANSACTIONS) is fp_growth
    assert TRANSACTIONS == copy
    assert apriori.frequent_itemsets_ == fp_growth.frequent_itemsets_
    assert apriori.rules_ == fp_growth.rules_
    # refit on other data, then on the first: the same as a fresh fit
    apriori.fit([["x", "y"], ["x"]]).fit(TRANSACTIONS)
    assert _learned(apriori) == _learned(Apriori(min_support=0.4, min_confidence=0.6).fit(TRANSACTIONS))


EVOLVERS = ("Neuroevolution", "ParticleSwarmOptimizedNN")
EVOLVER_CASES = [c for c in CASES if c.name in EVOLVERS]


def _evolver_data():
    """Three separated classes (X, integer class indices y), as ``evolve`` expects."""
    X, y = _data(Case("", SL, "", "classifier", {}, {}), n_samples=30, n_features=3)
    return X, y


@pytest.mark.parametrize("case", EVOLVER_CASES, ids=_ids(EVOLVER_CASES))
def test_evolvers_validate_input_and_are_reproducible(case):
    X, y = _evolver_data()
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    for X_bad, message in ((X[:, 0], "dimensions"), (X_nan, "NaN or infinity")):
        with pytest.raises(ValueError, match=message):
            _make(case).evolve(X_bad, y, n_generations=2)
    with pytest.raises(ValueError):
        _make(case).evolve(X, y[:-1], n_generations=2)             # X / y length mismatch
    with pytest.raises(ValueError):
        _make(case).evolve(X, y, n_generations=0)
    X_copy, y_copy = X.copy(), y.copy()
    state = np.random.get_state()
    first = _make(case)
    network, history = first.evolve(X, y, n_generations=3)
    np.testing.assert_array_equal(np.random.get_state()[1], state[1])
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    assert len(history["fitness"]) == 3 and history["fitness"][-1] >= history["fitness"][0]
    assert network.predict(X).shape == (len(X), 3)
    # the same seed (or a Generator seeded alike) evolves the same weights
    for random_state in (0, np.random.default_rng(0)):
        again = _make(case, random_state=random_state)
        again.evolve(X, y, n_generations=3)
        _assert_same(_learned(again), _learned(first))


def test_genetic_algorithm_is_reproducible_and_leaves_global_state_alone():
    from mlfromscratch.unsupervised_learning import GeneticAlgorithm

    state = np.random.get_state()
    first = GeneticAlgorithm("Hi", population_size=30, random_state=0).run(max_generations=300)
    second = GeneticAlgorithm("Hi", population_size=30, random_state=0).run(max_generations=300)
    assert first == second
    np.testing.assert_array_equal(np.random.get_state()[1], state[1])


# --------------------------------------------------------------------------- generative models and the agent

GENERATIVE = [c for c in CASES if c.kind == "generative"]
AGENTS = [c for c in CASES if c.kind == "agent"]
GENERATIVE_X_METHODS = ("transform", "reconstruct", "free_energy", "encode", "predict_proba")


def _generative_data(case, seed=0, other=False):
    """Small data in [0, 1]: 40 x 16 features, or 16 images 1 x 8 x 8 for DCGAN (H, W divisible by 4)."""
    rng = np.random.default_rng(seed)
    if case.name == "DCGAN":
        return rng.random((12, 1, 4, 8) if other else (16, 1, 8, 8))
    return rng.random((30, 12) if other else (40, 16))


def _fit_generative(case, estimator, X, *y):
    return estimator.fit(X, *y, **(case.fit_params or {}))


def _generative_probes(estimator, X):
    """name -> zero-argument call of everything a fitted generative model answers about X (or generates)."""
    probes = {m: (lambda m=m: getattr(estimator, m)(X)) for m in GENERATIVE_X_METHODS if hasattr(estimator, m)}
    if hasattr(estimator, "gibbs"):                                   # RBM
        probes["gibbs"] = lambda: estimator.gibbs(X, random_state=1)
        probes["sample"] = lambda: estimator.sample(3, n_gibbs_steps=5, random_state=1)
    if hasattr(estimator, "decode"):                                  # Autoencoder, VariationalAutoencoder
        width = getattr(estimator, "encoding_dim", None) or estimator.latent_dim
        probes["decode"] = lambda: estimator.decode(np.linspace(-1.0, 1.0, 2 * width).reshape(2, -1))
    if hasattr(estimator, "generate"):                                # GAN, DCGAN
        probes["generate"] = lambda: estimator.generate(np.linspace(-1.0, 1.0, 2 * estimator.latent_dim).reshape(2, -1))
        probes["sample"] = lambda: estimator.sample(3, random_state=1)
    if hasattr(estimator, "summary"):
        probes["summary"] = estimator.summary
    return probes


def _generative_outputs(estimator, X):
    out = {name: probe() for name, probe in _generative_probes(estimator, X).items()}
    out.update(_learned(estimator))
    return out


def _continued_sample(estimator):
    """A sample drawn from the generator ``fit`` seeded (random_state=None continues it)."""
    if hasattr(estimator, "gibbs"):
        return estimator.sample(2, n_gibbs_steps=3)
    return estimator.sample(2) if hasattr(estimator, "sample") else None


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_fit_returns_self_and_ignores_y(case):
    estimator = _make(case)
    before = set(vars(estimator))
    params = estimator.get_params()
    X = _generative_data(case)
    assert _fit_generative(case, estimator, X) is estimator
    for name, value in estimator.get_params().items():
        assert value is params[name], f"fit changed the hyperparameter {name}"
    public = {name for name in set(vars(estimator)) - before if not name.startswith("_")}
    assert public and all(name.endswith("_") for name in public), public
    assert estimator.n_features_in_ == np.prod(X.shape[1:])
    outputs = _generative_outputs(estimator, X)
    for name in _generative_probes(estimator, X):
        assert name == "summary" or np.all(np.isfinite(outputs[name])), name
    # y is ignored (present for scikit-learn compatibility)
    _assert_same(_generative_outputs(_fit_generative(case, _make(case), X, np.arange(len(X))), X), outputs)


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_methods_before_fit_raise_not_fitted(case):
    probes = _generative_probes(_make(case), _generative_data(case))
    assert "sample" in probes or "transform" in probes
    for name, probe in probes.items():
        with pytest.raises(NotFittedError):
            probe()


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_bad_input_raises(case):
    X = _generative_data(case)
    estimator = _fit_generative(case, _make(case), X)
    calls = {m: getattr(estimator, m) for m in GENERATIVE_X_METHODS if hasattr(estimator, m)}
    for bad_value in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad.flat[5] = bad_value
        with pytest.raises(ValueError, match="NaN or infinity"):
            _fit_generative(case, _make(case), X_bad)
        for method, call in calls.items():
            with pytest.raises(ValueError, match="NaN or infinity"):
                call(X_bad)
    # outside [0, 1]. The autoencoder's encoder maps any real vector, so only its
    # fit (whose sigmoid output cannot reach such targets) insists on the range.
    for X_out in (X + 0.5, X - 0.5):
        with pytest.raises(ValueError, match=r"\[0, 1\]"):
            _fit_generative(case, _make(case), X_out)
        for method, call in calls.items():
            if case.name != "Autoencoder":
                with pytest.raises(ValueError, match=r"\[0, 1\]"):
                    call(X_out)
    # a wrong number of dimensions (DCGAN also rejects flat vectors), one sample without its batch
    # axis (for DCGAN a bare H x W image: (n, H, W) is a valid batch of grey images)
    flat = X.reshape(len(X), -1)
    for wrong in (flat[:, 0], X[..., None]) + ((flat,) if case.name == "DCGAN" else ()):
        with pytest.raises(ValueError):
            _fit_generative(case, _make(case), wrong)
    for method, call in calls.items():
        with pytest.raises(ValueError):
            call(X[0, 0] if case.name == "DCGAN" else X[0])
        with pytest.raises(ValueError):
            call(X[..., :-4])                                             # fewer features / narrower images
    with pytest.raises(ValueError, match=r"at least \d+ sample"):
        _fit_generative(case, _make(case), X[:0])


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_inputs_untouched_and_global_random_state_unused(case):
    X = _generative_data(case)
    X_copy = X.copy()
    X.setflags(write=False)                                               # catches writes into views too
    state = np.random.get_state()
    estimator = _fit_generative(case, _make(case), X)
    expected = _generative_outputs(estimator, X)
    _continued_sample(estimator)
    after = np.random.get_state()
    assert state[0] == after[0] and state[2:] == after[2:]
    np.testing.assert_array_equal(state[1], after[1])
    np.testing.assert_array_equal(X, X_copy)
    # the model keeps no view of the training data
    X_train = X_copy.copy()
    estimator = _fit_generative(case, _make(case), X_train)
    X_train[:] = 0.0
    _assert_same(_generative_outputs(estimator, X_copy), expected)


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_same_random_state_same_result(case):
    X = _generative_data(case)
    first = _fit_generative(case, _make(case, random_state=0), X)
    reference = _generative_outputs(first, X)
    for random_state in (0, np.random.default_rng(0)):
        again = _fit_generative(case, _make(case, random_state=random_state), X)
        _assert_same(_generative_outputs(again, X), reference)
        _assert_same(_continued_sample(again), _continued_sample(_fit_generative(case, _make(case), X)))
    # the seed matters (so the equalities above are not vacuous)
    other = _generative_outputs(_fit_generative(case, _make(case, random_state=1), X), X)
    key = "reconstruct" if "reconstruct" in reference else "sample"
    assert not np.array_equal(other[key], reference[key])


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_refit_gives_the_same_as_a_fresh_fit(case):
    X = _generative_data(case)
    reused = _fit_generative(case, _make(case), _generative_data(case, seed=1, other=True))
    _fit_generative(case, reused, X)
    fresh = _fit_generative(case, _make(case), X)
    assert set(_learned(reused)) == set(_learned(fresh))
    _assert_same(_generative_outputs(reused, X), _generative_outputs(fresh, X))
    _assert_same(_continued_sample(reused), _continued_sample(fresh))


@pytest.mark.parametrize("case", GENERATIVE, ids=_ids(GENERATIVE))
def test_generative_pickle_round_trip(case):
    X = _generative_data(case)
    estimator = _fit_generative(case, _make(case), X)
    restored = pickle.loads(pickle.dumps(estimator))
    _assert_same(_generative_outputs(restored, X), _generative_outputs(estimator, X))
    # the seeded generator travels too: both continue the same stream
    _assert_same(_continued_sample(restored), _continued_sample(estimator))


def _agent_state(agent):
    """Everything a trained agent learned, plus its greedy actions on every state."""
    state = {k: v for k, v in _learned(agent).items() if k not in ("env_", "memory_")}
    state["memory_"] = vars(agent.memory_)
    state["actions"] = agent.predict(np.eye(agent.n_features_in_))
    return state


@pytest.mark.parametrize("case", AGENTS, ids=_ids(AGENTS))
def test_agent_train_sets_underscore_attributes_and_leaves_global_state_alone(case):
    agent = _make(case)
    before = set(vars(agent))
    params = agent.get_params()
    random_state = np.random.get_state()
    history = agent.train(n_episodes=4)
    assert history is agent.history_ and len(history["reward"]) == 4
    for name, value in agent.get_params().items():
        assert value is params[name], f"train changed the hyperparameter {name}"
    public = {name for name in set(vars(agent)) - before if not name.startswith("_")}
    assert public and all(name.endswith("_") for name in public), public
    assert (agent.n_features_in_, agent.n_actions_) == (5, 2)
    assert np.isfinite(history["loss"][-1])                            # it did learn (after step 16)
    np.testing.assert_array_equal(agent.play(n_episodes=2), agent.play(n_episodes=2))  # greedy: deterministic
    after = np.random.get_state()
    assert random_state[0] == after[0] and random_state[2:] == after[2:]
    np.testing.assert_array_equal(random_state[1], after[1])


@pytest.mark.parametrize("case", AGENTS, ids=_ids(AGENTS))
def test_agent_bad_input_and_not_fitted(case, tmp_path):
    agent = _make(case)
    for call in (lambda: agent.predict(np.eye(5)), lambda: agent.play(1), lambda: agent.save(tmp_path / "q.npz")):
        with pytest.raises(NotFittedError):
            call()
    agent.train(n_episodes=2)
    observations = np.eye(5)
    observations.setflags(write=False)
    agent.predict(observations)                                         # read-only input is fine, and untouched
    np.testing.assert_array_equal(observations, np.eye(5))
    for bad_value in (np.nan, np.inf):
        bad = np.eye(5)
        bad[1, 2] = bad_value
        with pytest.raises(ValueError, match="NaN or infinity"):
            agent.predict(bad)
    for wrong in (np.eye(5)[0], np.eye(5)[:, :4], np.eye(5)[None]):      # no batch axis, wrong feature counts
        with pytest.raises(ValueError):
            agent.predict(wrong)
    with pytest.raises(ValueError, match="n_episodes"):
        agent.play(n_episodes=0)


@pytest.mark.parametrize("case", AGENTS, ids=_ids(AGENTS))
def test_agent_seed_retrain_and_pickle(case):
    first = _make(case)
    first.train(n_episodes=4)
    reference = _agent_state(first)
    for random_state in (0, np.random.default_rng(0)):
        again = _make(case, random_state=random_state)
        again.train(n_episodes=4)
        _assert_same(_agent_state(again), reference)
    other = _make(case, random_state=1)
    other.train(n_episodes=4)
    assert not np.array_equal(other.q_network_.get_flat_params(), first.q_network_.get_flat_params())
    # training again starts fresh, even after another environment
    reused = _make(case, env=ChainEnv(n_states=4))
    reused.train(n_episodes=3)
    reused.set_params(env=case.params["env"]).train(n_episodes=4)
    _assert_same(_agent_state(reused), reference)
    # a pickled agent acts and plays the same
    restored = pickle.loads(pickle.dumps(first))
    _assert_same(_agent_state(restored), reference)
    np.testing.assert_array_equal(restored.play(n_episodes=1), first.play(n_episodes=1))


# --------------------------------------------------------------------------- deep-learning layers

# (factory, input_shape of one sample, a wrong batch shape or None where every shape is valid)
LAYERS = [
    ("Dense", lambda: _layer("Dense", 3, input_shape=(4,)), (4,), (2, 5)),
    ("Conv2D", lambda: _layer("Conv2D", 2, (3, 3), input_shape=(1, 6, 6)), (1, 6, 6), (2, 6, 6)),
    ("MaxPooling2D", lambda: _layer("MaxPooling2D", (2, 2), input_shape=(2, 4, 4)), (2, 4, 4), (2, 2, 4, 4, 1)),
    ("AveragePooling2D", lambda: _layer("AveragePooling2D", (2, 2), input_shape=(2, 4, 4)), (2, 4, 4),
     (2, 3, 4, 4)),
    ("BatchNormalization", lambda: _layer("BatchNormalization", input_shape=(3,)), (3,), (2, 4)),
    ("Dropout", lambda: _layer("Dropout", 0.5, input_shape=(3,)), (3,), None),
    ("Flatten", lambda: _layer("Flatten", input_shape=(2, 3)), (2, 3), None),
    ("Reshape", lambda: _layer("Reshape", (3, 2), input_shape=(6,)), (6,), (2, 5)),
    ("UpSampling2D", lambda: _layer("UpSampling2D", 2, input_shape=(1, 2, 3)), (1, 2, 3), (2, 2, 3)),
    ("ZeroPadding2D", lambda: _layer("ZeroPadding2D", 1, input_shape=(1, 2, 3)), (1, 2, 3), (2, 1, 3, 3)),
    ("ConstantPadding2D", lambda: _layer("ConstantPadding2D", (1, 0), value=2.0, input_shape=(1, 2, 3)),
     (1, 2, 3), (2, 2, 3)),
    ("Activation", lambda: _layer("Activation", "tanh", input_shape=(3,)), (3,), None),
    ("RNN", lambda: _layer("RNN", 4, input_shape=(5, 2)), (5, 2), (2, 5, 3)),
    ("LSTM", lambda: _layer("LSTM", 4, input_shape=(5, 2), return_sequences=False), (5, 2), (2, 4, 2)),
]


def _layer(name, *args, **kwargs):
    from mlfromscratch.deep_learning import layers

    return getattr(layers, name)(*args, **kwargs)


@pytest.mark.parametrize("name, factory, input_shape, wrong", LAYERS, ids=[entry[0] for entry in LAYERS])
def test_layer_contract(name, factory, input_shape, wrong):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, *input_shape))
    layer = factory()
    if name in ("Dense", "Conv2D", "RNN", "LSTM"):
        # used before initialize: a clear message instead of a bare KeyError
        with pytest.raises(ValueError, match="initialize"):
            layer.forward_pass(X)
    layer.initialize(rng=rng)
    X_copy = X.copy()
    out = layer.forward_pass(X)
    assert out.shape == (2, *layer.output_shape())
    assert set(layer.params) == set(layer.grads)
    grad = layer.backward_pass(np.ones_like(out))
    assert grad.shape == X.shape
    for key, value in layer.params.items():
        assert layer.grads[key].shape == value.shape
    np.testing.assert_array_equal(X, X_copy)                    # the input is not modified
    if wrong is not None:
        with pytest.raises(ValueError, match=name):                # the message names the layer
            layer.forward_pass(rng.standard_normal(wrong))
