"""XGBoost: gradient boosting with second-order (Newton) trees and L2-regularised leaf weights.

The algorithm of Chen and Guestrin (2016), which both models below run with
their own loss l(y, F):

    F_0 = base margin                                  (a constant)
    for m = 1..M:
        g_i = dl(y_i, F)/dF,  h_i = d2l(y_i, F)/dF2    at F = F_{m-1}(x_i)
        grow a tree on (x_i, g_i, h_i): split gain and leaf weights
        w_l = -G_l / (H_l + lambda) come from the sums G, H of each leaf
        F_m(x) = F_{m-1}(x) + eta w_{l(x)}

Unlike gradient boosting (``gradient_boosting.py``), the tree itself is grown
on the second-order objective, so its predictions already are the Newton leaf
weights. Each round may see a random subset of the rows (``subsample``) and of
the features (``colsample_bytree``).
"""

import numpy as np

from mlfromscratch.supervised_learning.decision_tree import XGBoostRegressionTree
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlfromscratch.utils.numerics import log_loss_from_scores, scores_to_probabilities
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_random_state,
    check_scalar,
    check_X_y,
)


class _XGBoost(BaseEstimator):
    """The boosting loop of the classifier and the regressor below.

    Each subclass gives its loss as three short methods, next to its Notes:
    ``_initial_margin(Y)`` (F_0), ``_gradient_and_hessian(Y, F)`` (g and h)
    and ``_loss(Y, F)`` (the mean loss).
    """

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
        """Fit ``n_estimators`` rounds of the module docstring's loop to the targets Y; sets every fitted attribute."""
        self._check_params()
        rng = check_random_state(self.random_state, estimator=self)
        n_samples, n_features = X.shape
        n_outputs = Y.shape[1]
        n_rows = max(1, int(round(self.subsample * n_samples)))
        n_columns = max(1, int(round(self.colsample_bytree * n_features)))

        self.base_margin_ = self._initial_margin(Y)  # F_0, (n_outputs,)
        F = np.tile(self.base_margin_, (n_samples, 1))  # (n_samples, n_outputs)
        self.estimators_ = np.empty((self.n_estimators, n_outputs), dtype=object)
        self.estimator_features_ = np.empty((self.n_estimators, n_columns), dtype=np.intp)
        self.train_score_ = np.empty(self.n_estimators)
        # Y: the targets as columns, (n_samples, n_outputs): y itself (regression), "is it the
        #    second class?" (two classes) or one-hot (K > 2 classes).
        # F: the margins F_{m-1}(x_i) on every training sample, same shape: the regression value,
        #    the log-odds, or one score per class. Each column k gets its own tree per round.
        for m in range(self.n_estimators):
            # this round's random rows (subsample, without replacement) and features (colsample_bytree)
            rows = np.sort(rng.permutation(n_samples)[:n_rows])
            columns = np.sort(rng.permutation(n_features)[:n_columns])
            X_round = X[np.ix_(rows, columns)]
            # g_i = dl/dF and h_i = d2l/dF2 at F_{m-1}
            g, h = self._gradient_and_hessian(Y, F)  # (n_samples, n_outputs) each
            for k in range(n_outputs):
                # grow a tree on (x_i, g_i, h_i): its leaves hold w_l = -G_l / (H_l + lambda)
                tree = XGBoostRegressionTree(
                    reg_lambda=self.reg_lambda,
                    gamma=self.gamma,
                    min_child_weight=self.min_child_weight,
                    max_depth=self.max_depth,
                    random_state=int(rng.integers(2**31 - 1)),
                ).fit(X_round, g[rows, k], h[rows, k])
                F[:, k] += self.learning_rate * tree.predict(X[:, columns])  # F_m(x) = F_{m-1}(x) + eta w_{l(x)}
                self.estimators_[m, k] = tree
            self.estimator_features_[m] = columns
            self.train_score_[m] = self._loss(Y, F)
        self.n_estimators_ = self.n_estimators
        self.n_features_in_ = n_features

    def _check_params(self):
        """Every hyperparameter, checked here so that errors name this model, not a tree."""
        check_positive(self.n_estimators, "n_estimators", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", self, integer=True, low=0)
        check_scalar(self.reg_lambda, "reg_lambda", self, low=0.0)
        check_scalar(self.gamma, "gamma", self, low=0.0)
        check_scalar(self.min_child_weight, "min_child_weight", self, low=0.0)
        check_scalar(self.subsample, "subsample", self, low=0.0, high=1.0, include_low=False)
        check_scalar(self.colsample_bytree, "colsample_bytree", self, low=0.0, high=1.0, include_low=False)

    def _staged_raw_predict(self, X):
        """Margins F_m(X) after each round m = 1..M, each a new (n_samples, n_outputs) array."""
        check_is_fitted(self, "estimators_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        F = np.tile(self.base_margin_, (len(X), 1))
        for trees, columns in zip(self.estimators_, self.estimator_features_):
            for k, tree in enumerate(trees):
                F[:, k] += self.learning_rate * tree.predict(X[:, columns])
            yield F.copy()

    def _raw_predict(self, X):
        """Margins F_M(X) of the whole ensemble, shape (n_samples, n_outputs)."""
        for F in self._staged_raw_predict(X):
            pass
        return F


class XGBoost(ClassifierMixin, _XGBoost):
    """XGBoost classifier: binary logistic or multi-class softmax loss.

    Parameters
    ----------
    n_estimators : int >= 1, default=100
        Number of boosting rounds.
    learning_rate : float > 0, default=0.3
        Shrinkage eta of each tree's weights.
    max_depth : int >= 0 or None, default=6
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
    base_score : float in (0, 1) or None, default=None
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
    n_estimators_ : int
        Number of rounds fitted.
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

    h is floored at 1e-16, as in the xgboost library, so that a saturated
    sample never gives a zero hessian sum.

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
        X, y = check_X_y(X, y, estimator=self)
        if self.base_score is not None:
            check_scalar(self.base_score, "base_score", self, low=0.0, high=1.0, include_low=False, include_high=False)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        if len(self.classes_) == 2:
            Y = y_encoded.reshape(-1, 1).astype(float)  # (n_samples, 1): is it the second class?
        else:
            Y = np.eye(len(self.classes_))[y_encoded]  # one-hot (n_samples, K); one class gives a ones column
        self._boost(X, Y)
        return self

    def _initial_margin(self, Y):
        if len(self.classes_) == 2 and self.base_score is not None:
            prior = np.array([float(self.base_score)])
        else:
            prior = np.clip(Y.mean(axis=0), 1e-15, 1.0 - 1e-15)
        return np.log(prior / (1.0 - prior)) if len(self.classes_) == 2 else np.log(prior)

    def _gradient_and_hessian(self, Y, F):
        p = self._probabilities(F)
        p = p[:, 1:] if len(self.classes_) == 2 else p  # the columns that F models
        return p - Y, np.maximum(p * (1.0 - p), 1e-16)

    def _loss(self, Y, F):
        if len(self.classes_) == 1:
            return 0.0                                   # a single class is predicted with certainty
        # two classes: log(1 + e^F) - y F; K classes: -sum_k y_k log softmax(F)_k
        return log_loss_from_scores(Y, F)

    def _probabilities(self, F):
        """Margins -> class probabilities, (n_samples, n_classes): sigmoid or softmax."""
        if len(self.classes_) == 1:
            return np.ones((len(F), 1))
        return scores_to_probabilities(F)

    def decision_function(self, X):
        """Margins F(X): shape (n_samples,) for two classes, (n_samples, n_classes) otherwise."""
        F = self._raw_predict(X)
        return F[:, 0] if len(self.classes_) == 2 else F

    def staged_predict_proba(self, X):
        """Class probabilities after each round (a generator of (n_samples, n_classes) arrays)."""
        for F in self._staged_raw_predict(X):
            yield self._probabilities(F)

    def staged_predict(self, X):
        """Predicted labels after each round (a generator of (n_samples,) arrays)."""
        for proba in self.staged_predict_proba(X):
            yield self.classes_[np.argmax(proba, axis=1)]

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes)."""
        return self._probabilities(self._raw_predict(X))

    def predict(self, X):
        """Most probable class; ties go to the first label in ``classes_``."""
        proba = self.predict_proba(X)  # checks the fit before classes_ is read
        return self.classes_[np.argmax(proba, axis=1)]


class XGBoostRegressor(RegressorMixin, _XGBoost):
    """XGBoost regressor with the squared loss.

    Parameters
    ----------
    n_estimators : int >= 1, default=100
        Number of boosting rounds.
    learning_rate : float > 0, default=0.3
        Shrinkage eta of each tree's weights.
    max_depth : int >= 0 or None, default=6
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
    n_estimators_ : int
        Number of rounds fitted.
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

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : XGBoostRegressor
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        if self.base_score is not None:
            check_scalar(self.base_score, "base_score", self)
        self._boost(X, y.reshape(-1, 1))
        return self

    def _initial_margin(self, Y):
        return Y.mean(axis=0) if self.base_score is None else np.array([float(self.base_score)])

    def _gradient_and_hessian(self, Y, F):
        return F - Y, np.ones_like(F)

    def _loss(self, Y, F):
        return float(np.mean((Y - F) ** 2))

    def staged_predict(self, X):
        """Predictions after each round (a generator of (n_samples,) arrays)."""
        for F in self._staged_raw_predict(X):
            yield F[:, 0]

    def predict(self, X):
        """Predictions F_0 + eta sum_m w_m(X), shape (n_samples,)."""
        return self._raw_predict(X)[:, 0]
