"""Gradient boosting: regression trees fit one after another to the negative gradient of the loss."""

import numpy as np

from mlfromscratch.deep_learning.activation_functions import Sigmoid, Softmax
from mlfromscratch.supervised_learning.decision_tree import RegressionTree
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_positive,
    check_X_y,
)


_sigmoid = Sigmoid()  # 1 / (1 + e^-z), without overflow
_softmax = Softmax()  # row-wise, shifted by the row maximum


def _log_softmax(F):
    return F - np.logaddexp.reduce(F, axis=1, keepdims=True)


class _GradientBoosting(BaseEstimator):
    """The boosting loop shared by the regressor and the classifier.

    A subclass defines the initial raw prediction F_0, the negative gradient
    and the leaf values of each stage's trees, and the loss.
    """

    def __init__(
        self,
        n_estimators=100,
        learning_rate=0.1,
        max_depth=3,
        min_samples_split=2,
        min_samples_leaf=1,
        min_impurity_decrease=0.0,
        max_features=None,
        subsample=1.0,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.max_features = max_features
        self.subsample = subsample
        self.random_state = random_state

    def _boost(self, X, Y):
        """Fit ``n_estimators`` stages to targets Y of shape (n_samples, n_outputs)."""
        check_positive(self.n_estimators, "n_estimators", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        subsample = self.subsample
        if isinstance(subsample, bool) or not isinstance(subsample, (int, float)) or not 0 < subsample <= 1:
            raise ValueError(f"{type(self).__name__}: subsample must be in (0, 1], got {self.subsample!r}")
        n_samples = len(X)
        n_in_bag = max(1, int(round(self.subsample * n_samples)))
        rng = np.random.default_rng(self.random_state)
        self.n_features_in_ = X.shape[1]
        self.init_ = self._initial_raw_prediction(Y)  # (n_outputs,)
        F = np.tile(self.init_, (n_samples, 1))  # raw predictions, (n_samples, n_outputs)
        self.estimators_ = np.empty((self.n_estimators, Y.shape[1]), dtype=object)
        self.train_score_ = np.empty(self.n_estimators)
        for m in range(self.n_estimators):
            # stochastic gradient boosting: each stage sees a random subset without replacement
            in_bag = np.sort(rng.permutation(n_samples)[:n_in_bag]) if n_in_bag < n_samples else np.arange(n_samples)
            X_bag = X[in_bag]
            residual = self._negative_gradient(Y[in_bag], F[in_bag])  # (n_in_bag, n_outputs)
            for k in range(Y.shape[1]):
                tree = RegressionTree(
                    max_depth=self.max_depth,
                    min_samples_split=self.min_samples_split,
                    min_samples_leaf=self.min_samples_leaf,
                    min_impurity_decrease=self.min_impurity_decrease,
                    max_features=self.max_features,
                    random_state=int(rng.integers(2**31 - 1)),
                ).fit(X_bag, residual[:, k])
                self._update_leaves(tree, X_bag, residual[:, k], Y[in_bag, k])
                F[:, k] += self.learning_rate * tree.predict(X)
                self.estimators_[m, k] = tree
            self.train_score_[m] = self._loss(Y[in_bag], F[in_bag])

    def _update_leaves(self, tree, X, residual, y):
        """Leaf values other than the mean residual (a Newton step), if the loss needs them."""

    def _check_X(self, X):
        check_is_fitted(self, "estimators_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X

    def _staged_raw_predict(self, X):
        """Raw predictions F_m(X) after each stage m = 1..n_estimators, shape (n_samples, n_outputs)."""
        X = self._check_X(X)
        F = np.tile(self.init_, (len(X), 1))
        for stage in self.estimators_:
            for k, tree in enumerate(stage):
                F[:, k] += self.learning_rate * tree.predict(X)
            yield F.copy()

    def _raw_predict(self, X):
        """Raw predictions F_M(X) of the whole ensemble, shape (n_samples, n_outputs)."""
        X = self._check_X(X)
        F = np.tile(self.init_, (len(X), 1))
        for stage in self.estimators_:
            for k, tree in enumerate(stage):
                F[:, k] += self.learning_rate * tree.predict(X)
        return F


class GradientBoostingRegressor(_GradientBoosting):
    """Gradient boosting for regression with the squared loss.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting stages (trees).
    learning_rate : float > 0, default=0.1
        Shrinkage nu applied to every tree.
    max_depth : int or None, default=3
        Depth of each regression tree.
    min_samples_split, min_samples_leaf, min_impurity_decrease, max_features
        Passed to each ``RegressionTree``.
    subsample : float in (0, 1], default=1.0
        Fraction of the samples (drawn without replacement) each tree is fit on.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    n_features_in_ : int
    init_ : ndarray of shape (1,)
        F_0, the mean of the training targets.
    estimators_ : ndarray of RegressionTree of shape (n_estimators, 1)
    train_score_ : ndarray of shape (n_estimators,)
        Mean squared error on the (in-bag) training samples after each stage.

    Notes
    -----
    With L(y, F) = 1/2 (y - F)^2, F_0 = mean(y) and for m = 1..M:

        r_i = -dL/dF(x_i) = y_i - F_{m-1}(x_i)          (the residuals)
        h_m = regression tree fit to (x_i, r_i), leaves = mean residual
        F_m(x) = F_{m-1}(x) + nu h_m(x)

    Each stage lowers the training loss: with leaf means, the sum of squares
    drops by (2 nu - nu^2) sum_leaves n_l mean_l^2 >= 0 for 0 < nu <= 1.

    References
    ----------
    J. Friedman, "Greedy Function Approximation: A Gradient Boosting Machine",
    Annals of Statistics 29, 2001.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.linspace(0, 1, 40).reshape(-1, 1)
    >>> model = GradientBoostingRegressor(n_estimators=50, random_state=0).fit(X, np.sin(6 * X[:, 0]))
    >>> bool(model.train_score_[-1] < 0.01)
    True
    """

    def fit(self, X, y):
        """Fit the boosted trees to (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : GradientBoostingRegressor
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        self._boost(X, y.reshape(-1, 1))
        return self

    def _initial_raw_prediction(self, Y):
        return Y.mean(axis=0)

    def _negative_gradient(self, Y, F):
        return Y - F

    def _loss(self, Y, F):
        return float(np.mean((Y - F) ** 2))

    def staged_predict(self, X):
        """Predictions after each stage (a generator of arrays of shape (n_samples,))."""
        for F in self._staged_raw_predict(X):
            yield F[:, 0]

    def predict(self, X):
        """F_0 + nu sum_m h_m(X), shape (n_samples,)."""
        return self._raw_predict(X)[:, 0]


class _BoostedClassifierMixin:
    """What the boosted classifiers share (gradient boosting and XGBoost).

    Targets are coded as one column "is it the second class?" for two classes
    and one-hot for more; raw scores F become probabilities by the sigmoid or
    the softmax. The host class provides ``_boost(X, Y)``, ``_raw_predict`` and
    ``_staged_raw_predict``.
    """

    def _fit_classes(self, X, y):
        """Validate (X, y), set ``classes_`` and boost on the coded targets."""
        X, y = check_X_y(X, y, estimator=self)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        n_classes = len(self.classes_)
        if n_classes == 2:
            Y = y_encoded.reshape(-1, 1).astype(float)  # (n_samples, 1): is it the second class?
        else:
            Y = np.eye(n_classes)[y_encoded]  # one-hot (n_samples, n_classes); one class gives a ones column
        self._boost(X, Y)
        return self

    def _binary(self):
        return len(self.classes_) == 2

    def _probabilities(self, F):
        if self._binary():
            p = _sigmoid(F)
            return np.hstack([1.0 - p, p])
        return _softmax(F)

    def staged_predict_proba(self, X):
        """Class probabilities after each stage (a generator of (n_samples, n_classes) arrays)."""
        for F in self._staged_raw_predict(X):
            yield self._probabilities(F)

    def staged_predict(self, X):
        """Predicted labels after each stage (a generator of (n_samples,) arrays)."""
        for proba in self.staged_predict_proba(X):
            yield self.classes_[np.argmax(proba, axis=1)]

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes)."""
        return self._probabilities(self._raw_predict(X))

    def predict(self, X):
        """Most probable class; ties go to the first label in ``classes_``."""
        proba = self.predict_proba(X)  # checks the fit before classes_ is read
        return self.classes_[np.argmax(proba, axis=1)]


class GradientBoostingClassifier(_BoostedClassifierMixin, _GradientBoosting):
    """Gradient boosting for classification: binary log-loss or multinomial deviance.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting stages (one tree per stage for two classes, K otherwise).
    learning_rate : float > 0, default=0.1
    max_depth : int or None, default=3
    min_samples_split, min_samples_leaf, min_impurity_decrease, max_features
        Passed to each ``RegressionTree``.
    subsample : float in (0, 1], default=1.0
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    init_ : ndarray of shape (n_outputs,)
        F_0: the log-odds of the positive class (binary), or the log prior of
        each class (multi-class).
    estimators_ : ndarray of RegressionTree of shape (n_estimators, n_outputs)
        n_outputs is 1 for two classes and K otherwise.
    train_score_ : ndarray of shape (n_estimators,)
        Mean log-loss (cross-entropy) on the (in-bag) training samples after each stage.

    Notes
    -----
    Binary (y in {0, 1}): p = sigmoid(F), L = -y log p - (1 - y) log(1 - p),
    F_0 = log(pbar / (1 - pbar)). Each tree is fit to the negative gradient
    r = y - p, then each leaf l gets one Newton step

        gamma_l = sum_{i in l} r_i / sum_{i in l} p_i (1 - p_i).

    Multi-class (K classes, one-hot y): p = softmax(F), L = -sum_k y_k log p_k,
    F_0,k = log prior_k. Each stage fits K trees to r_k = y_k - p_k with leaf values

        gamma_lk = (K - 1) / K * sum_{i in l} r_ik / sum_{i in l} |r_ik| (1 - |r_ik|),

    Friedman's (2001) algorithm 6, which scikit-learn also uses (for one-hot
    y, |r_ik| (1 - |r_ik|) = p_ik (1 - p_ik), the diagonal of the hessian).
    F_m = F_{m-1} + nu h_m; the predicted class is argmax_k p_k.

    References
    ----------
    J. Friedman, "Greedy Function Approximation: A Gradient Boosting Machine",
    Annals of Statistics 29, 2001.

    Examples
    --------
    >>> from mlfromscratch.utils.datasets import load_iris
    >>> X, y = load_iris()
    >>> model = GradientBoostingClassifier(n_estimators=20, random_state=0).fit(X, y)
    >>> float(np.mean(model.predict(X) == y)) > 0.95
    True
    """

    def fit(self, X, y):
        """Fit the boosted trees to (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type.

        Returns
        -------
        self : GradientBoostingClassifier
        """
        return self._fit_classes(X, y)

    def _initial_raw_prediction(self, Y):
        prior = np.clip(Y.mean(axis=0), 1e-15, 1.0 - 1e-15)
        if self._binary():
            return np.log(prior / (1.0 - prior))  # log-odds
        return np.log(prior)

    def _negative_gradient(self, Y, F):
        p = self._probabilities(F)
        return Y - (p[:, 1:] if self._binary() else p)

    def _update_leaves(self, tree, X, residual, y):
        # one Newton-Raphson step per leaf instead of the tree's mean residual:
        # sum r / sum p (1 - p), where p (1 - p) = |r| (1 - |r|) for y in {0, 1}
        p = y - residual
        n_nodes = len(tree.value_)
        leaves = tree.apply(X)
        numerator = np.bincount(leaves, residual, minlength=n_nodes)
        denominator = np.bincount(leaves, p * (1.0 - p), minlength=n_nodes)
        if not self._binary():
            numerator *= (len(self.classes_) - 1) / len(self.classes_)  # Friedman's (K - 1) / K
        is_leaf = tree.feature_ < 0
        safe = is_leaf & (denominator > 1e-150)
        tree.value_[is_leaf, 0] = 0.0
        tree.value_[safe, 0] = numerator[safe] / denominator[safe]

    def _loss(self, Y, F):
        if self._binary():
            # -y log p - (1 - y) log(1 - p) = log(1 + e^F) - y F
            return float(np.mean(np.logaddexp(0.0, F[:, 0]) - Y[:, 0] * F[:, 0]))
        return float(-np.mean(np.sum(Y * _log_softmax(F), axis=1)))

    def decision_function(self, X):
        """Raw scores F(X): shape (n_samples,) for two classes, (n_samples, n_classes) otherwise."""
        F = self._raw_predict(X)
        return F[:, 0] if self._binary() else F
