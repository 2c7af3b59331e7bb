"""XGBoost: gradient boosting with second-order (Newton) trees and L2-regularised leaf weights."""

import numpy as np

from mlfromscratch.supervised_learning.decision_tree import XGBoostRegressionTree
from mlfromscratch.supervised_learning.gradient_boosting import _BoostedClassifierMixin
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_X_y,
)


class _XGBoostBase(BaseEstimator):
    """Boosting loop: each round fits one XGBoostRegressionTree per output on (g, h)."""

    def __init__(
        self,
        n_estimators=100,
        learning_rate=0.3,
        max_depth=6,
        reg_lambda=1.0,
        gamma=0.0,
        min_child_weight=1.0,
        subsample=1.0,
        colsample_bytree=1.0,
        base_score=None,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.reg_lambda = reg_lambda
        self.gamma = gamma
        self.min_child_weight = min_child_weight
        self.subsample = subsample
        self.colsample_bytree = colsample_bytree
        self.base_score = base_score
        self.random_state = random_state

    def _boost(self, X, Y):
        """Fit ``n_estimators`` rounds to targets Y of shape (n_samples, n_outputs)."""
        check_positive(self.n_estimators, "n_estimators", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        for name in ("subsample", "colsample_bytree"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                raise ValueError(f"{type(self).__name__}: {name} must be in (0, 1], got {value!r}")
        n_samples, n_features = X.shape
        n_rows = max(1, int(round(self.subsample * n_samples)))
        n_columns = max(1, int(round(self.colsample_bytree * n_features)))
        rng = np.random.default_rng(self.random_state)
        self.n_features_in_ = n_features
        self.base_margin_ = self._initial_margin(Y)  # (n_outputs,)
        F = np.tile(self.base_margin_, (n_samples, 1))  # margins, (n_samples, n_outputs)
        self.estimators_ = np.empty((self.n_estimators, Y.shape[1]), dtype=object)
        self.estimator_features_ = np.empty((self.n_estimators, n_columns), dtype=np.intp)
        self.train_score_ = np.empty(self.n_estimators)
        for m in range(self.n_estimators):
            rows = np.sort(rng.permutation(n_samples)[:n_rows])
            columns = np.sort(rng.permutation(n_features)[:n_columns])
            X_round = X[np.ix_(rows, columns)]
            gradient, hessian = self._gradient_hessian(Y, F)  # (n_samples, n_outputs) each
            for k in range(Y.shape[1]):
                tree = XGBoostRegressionTree(
                    reg_lambda=self.reg_lambda,
                    gamma=self.gamma,
                    min_child_weight=self.min_child_weight,
                    max_depth=self.max_depth,
                    random_state=int(rng.integers(2**31 - 1)),
                ).fit(X_round, gradient[rows, k], hessian[rows, k])
                F[:, k] += self.learning_rate * tree.predict(X[:, columns])
                self.estimators_[m, k] = tree
            self.estimator_features_[m] = columns
            self.train_score_[m] = self._loss(Y, F)

    def _check_X(self, X):
        check_is_fitted(self, "estimators_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X

    def _staged_raw_predict(self, X):
        """Raw scores after each round (the same array, updated in place), (n_samples, n_outputs)."""
        X = self._check_X(X)
        F = np.tile(self.base_margin_, (len(X), 1))
        for stage, columns in zip(self.estimators_, self.estimator_features_):
            for k, tree in enumerate(stage):
                F[:, k] += self.learning_rate * tree.predict(X[:, columns])
            yield F

    def _raw_predict(self, X):
        """Raw scores F(X) = base margin + learning_rate * sum of tree weights, (n_samples, n_outputs)."""
        for F in self._staged_raw_predict(X):
            pass
        return F


class XGBoost(_BoostedClassifierMixin, _XGBoostBase):
    """XGBoost classifier: binary logistic or multi-class softmax loss.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting rounds.
    learning_rate : float > 0, default=0.3
        Shrinkage eta of each tree's weights.
    max_depth : int or None, default=6
    reg_lambda : float >= 0, default=1.0
        lambda, the L2 penalty on leaf weights (``reg_lambda`` because
        ``lambda`` is a Python keyword).
    gamma : float >= 0, default=0.0
        Minimum loss reduction for a split.
    min_child_weight : float >= 0, default=1.0
        Minimum hessian sum in each child.
    subsample : float in (0, 1], default=1.0
        Fraction of the rows each round sees (drawn without replacement).
    colsample_bytree : float in (0, 1], default=1.0
        Fraction of the features each round sees.
    base_score : float or None, default=None
        Initial probability of the positive class (binary only; its log-odds
        is the starting margin). None starts from the class prior: log-odds
        for two classes, log prior per class otherwise.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    base_margin_ : ndarray of shape (n_outputs,)
        Starting margins F_0 (n_outputs is 1 for two classes, K otherwise).
    estimators_ : ndarray of XGBoostRegressionTree of shape (n_estimators, n_outputs)
    estimator_features_ : ndarray of int of shape (n_estimators, n_columns)
        Features each round's trees were grown on (``colsample_bytree``).
    train_score_ : ndarray of shape (n_estimators,)
        Mean log-loss on the training set after each round (named as in
        gradient boosting, although it is a loss).

    Notes
    -----
    At every round, for each sample the loss l(y, F) is expanded to second
    order around the current margin F: l(F + f) ~ l(F) + g f + 1/2 h f^2,
    and a tree is grown on (g, h) with leaf weights w* = -G / (H + lambda)
    and split gain 1/2 [G_L^2/(H_L + lambda) + G_R^2/(H_R + lambda)
    - G^2/(H + lambda)] - gamma (see ``XGBoostRegressionTree``). Then
    F <- F + eta f.

    - Binary: p = sigmoid(F), l = -y log p - (1 - y) log(1 - p),
      g = p - y, h = p (1 - p).
    - K classes: p = softmax(F), l = -sum_k y_k log p_k; one tree per class
      and round with g_k = p_k - y_k, h_k = p_k (1 - p_k), the diagonal of
      the softmax hessian (the xgboost library doubles it: 2 p_k (1 - p_k)).

    References
    ----------
    T. Chen, C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016.

    Examples
    --------
    >>> from mlfromscratch.utils.datasets import load_iris
    >>> X, y = load_iris()
    >>> model = XGBoost(n_estimators=10, max_depth=3, random_state=0).fit(X, y)
    >>> float(np.mean(model.predict(X) == y)) > 0.95
    True
    """

    def fit(self, X, y):
        """Boost trees on (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type.

        Returns
        -------
        self : XGBoost
        """
        return self._fit_classes(X, y)

    def _initial_margin(self, Y):
        if self._binary() and self.base_score is not None:
            if not 0 < self.base_score < 1:
                raise ValueError(f"XGBoost: base_score must be a probability in (0, 1), got {self.base_score!r}")
            prior = np.array([float(self.base_score)])
        else:
            prior = np.clip(Y.mean(axis=0), 1e-15, 1.0 - 1e-15)
        return np.log(prior / (1.0 - prior)) if self._binary() else np.log(prior)

    def _gradient_hessian(self, Y, F):
        p = self._probabilities(F)
        p = p[:, 1:] if self._binary() else p
        return p - Y, np.maximum(p * (1.0 - p), 1e-16)

    def _loss(self, Y, F):
        p = np.clip(self._probabilities(F), 1e-15, 1.0)
        if self._binary():
            return float(-np.mean(np.log(np.where(Y[:, 0] == 1, p[:, 1], p[:, 0]))))
        return float(-np.mean(np.sum(Y * np.log(p), axis=1)))



class XGBoostRegressor(_XGBoostBase):
    """XGBoost regressor with the squared loss.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting rounds.
    learning_rate : float > 0, default=0.3
        Shrinkage eta of each tree's weights.
    max_depth : int or None, default=6
    reg_lambda : float >= 0, default=1.0
        lambda, the L2 penalty on leaf weights (``reg_lambda`` because
        ``lambda`` is a Python keyword).
    gamma : float >= 0, default=0.0
        Minimum loss reduction for a split.
    min_child_weight : float >= 0, default=1.0
        Minimum hessian sum in each child.
    subsample : float in (0, 1], default=1.0
        Fraction of the rows each round sees (drawn without replacement).
    colsample_bytree : float in (0, 1], default=1.0
        Fraction of the features each round sees.
    base_score : float or None, default=None
        Starting prediction; None uses the mean of y.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    n_features_in_ : int
    base_margin_ : ndarray of shape (1,)
    estimators_ : ndarray of XGBoostRegressionTree of shape (n_estimators, 1)
    estimator_features_ : ndarray of int of shape (n_estimators, n_columns)
    train_score_ : ndarray of shape (n_estimators,)
        Training mean squared error after each round.

    Notes
    -----
    l = 1/2 (y - F)^2, so g = F - y and h = 1: every leaf weight is the
    shrunken mean residual -G / (H + lambda) = sum (y - F) / (n + lambda).

    References
    ----------
    T. Chen, C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016.

    Examples
    --------
    >>> X = np.linspace(0, 1, 40).reshape(-1, 1)
    >>> model = XGBoostRegressor(n_estimators=30, random_state=0).fit(X, np.sin(6 * X[:, 0]))
    >>> bool(model.train_score_[-1] < 0.01)
    True
    """

    def fit(self, X, y):
        """Boost trees on (X, y).

        Returns
        -------
        self : XGBoostRegressor
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        self._boost(X, y.reshape(-1, 1))
        return self

    def _initial_margin(self, Y):
        return Y.mean(axis=0) if self.base_score is None else np.array([float(self.base_score)])

    def _gradient_hessian(self, Y, F):
        return F - Y, np.ones_like(F)

    def _loss(self, Y, F):
        return float(np.mean((Y - F) ** 2))

    def predict(self, X):
        """Predictions, shape (n_samples,)."""
        return self._raw_predict(X)[:, 0]

    def staged_predict(self, X):
        """Predictions after each round (a generator of (n_samples,) arrays)."""
        for F in self._staged_raw_predict(X):
            yield F[:, 0].copy()
