"""Gradient boosting: regression trees fit one after another to the negative gradient of the loss.

Friedman's algorithm, which both models below run with their own loss L(y, F):

    F_0 = argmin_c sum_i L(y_i, c)                       (a constant)
    for m = 1..M:
        r_i = -dL(y_i, F)/dF at F = F_{m-1}(x_i)         (pseudo-residuals)
        fit a regression tree to (x_i, r_i); its leaves are regions R_l
        gamma_l = argmin_g sum_{i in R_l} L(y_i, F_{m-1}(x_i) + g)
                ~ sum_{i in R_l} r_i / sum_{i in R_l} h_i    (one Newton step, h = d2L/dF2)
        F_m(x) = F_{m-1}(x) + nu gamma_{l(x)}

The tree only chooses the regions; the booster keeps its own value gamma_l
per leaf (``leaf_values_``) and looks leaves up with ``tree.apply``. For the
squared loss h = 1, so gamma_l is the mean residual of the leaf (the tree's
own prediction); for the log-loss it is the Newton step of Friedman (2001).
"""

import numpy as np

from mlfromscratch.supervised_learning.decision_tree import RegressionTree
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlfromscratch.utils.numerics import log_loss_from_scores, scores_to_probabilities
from mlfromscratch.utils.validation import (
    _is_int,
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_positive,
    check_random_state,
    check_scalar,
    check_X_y,
)


def _newton_leaf_values(leaves, residual, hessian):
    """One Newton step per leaf: gamma_l = sum_{i in l} r_i / sum_{i in l} h_i.

    Parameters
    ----------
    leaves : ndarray of int of shape (n_samples,)
        Leaf id of each sample (``tree.apply(X)``).
    residual : ndarray of shape (n_samples,)
        Negative gradient r_i of the loss at each sample.
    hessian : ndarray of shape (n_samples,)
        Second derivative h_i >= 0 of the loss at each sample.

    Returns
    -------
    gamma : ndarray of shape (max(leaves) + 1,)
        gamma[l] for every leaf id l; 0 for ids that are not leaves and for
        leaves whose hessian sum vanishes (below 1e-150, as scikit-learn).

    Examples
    --------
    >>> _newton_leaf_values(np.array([1, 1, 2]), np.array([1.0, 3.0, -1.0]), np.ones(3))
    array([ 0.,  2., -1.])
    """
    # np.bincount(leaves, w)[l] is the sum of w_i over the samples i in leaf l
    numerator = np.bincount(leaves, weights=residual)
    denominator = np.bincount(leaves, weights=hessian)
    safe = denominator > 1e-150
    gamma = np.zeros(len(numerator))
    gamma[safe] = numerator[safe] / denominator[safe]
    return gamma


class _GradientBoosting(BaseEstimator):
    """The boosting loop of the regressor and the classifier below.

    Each subclass gives its loss as three short methods, next to its Notes:
    ``_initial_raw_prediction(Y)`` (F_0), ``_gradient_and_hessian(Y, F)``
    (r = -dL/dF and h = d2L/dF2) and ``_loss(Y, F)`` (the mean loss).
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
        """Fit ``n_estimators`` stages of the module docstring's loop to the targets Y; sets every fitted attribute."""
        self._check_params(X.shape[1])
        rng = check_random_state(self.random_state, estimator=self)
        n_samples, n_outputs = Y.shape
        n_in_bag = max(1, int(round(self.subsample * n_samples)))
        # Friedman's (K - 1) / K, which multiplies the leaf values of the K trees per stage (multi-class only)
        scale = (n_outputs - 1) / n_outputs if n_outputs > 1 else 1.0

        self.init_ = self._initial_raw_prediction(Y)  # F_0, (n_outputs,)
        F = np.tile(self.init_, (n_samples, 1))  # (n_samples, n_outputs)
        self.estimators_ = np.empty((self.n_estimators, n_outputs), dtype=object)
        self.leaf_values_ = np.empty((self.n_estimators, n_outputs), dtype=object)
        self.train_score_ = np.empty(self.n_estimators)
        # Y: the targets as columns, (n_samples, n_outputs): y itself (regression), "is it the
        #    second class?" (two classes) or one-hot (K > 2 classes).
        # F: the raw predictions F_{m-1}(x_i) on every training sample, same shape: the regression
        #    value, the log-odds, or one score per class. Each column k gets its own tree per stage.
        for m in range(self.n_estimators):
            # stochastic gradient boosting: each stage sees a random subset drawn without replacement
            if n_in_bag < n_samples:
                in_bag = np.sort(rng.permutation(n_samples)[:n_in_bag])
            else:
                in_bag = np.arange(n_samples)
            X_bag = X[in_bag]
            # pseudo-residuals r_i = -dL/dF and hessians h_i = d2L/dF2 at F_{m-1}
            r, h = self._gradient_and_hessian(Y[in_bag], F[in_bag])  # (n_in_bag, n_outputs) each
            for k in range(n_outputs):
                tree = RegressionTree(
                    max_depth=self.max_depth,
                    min_samples_split=self.min_samples_split,
                    min_samples_leaf=self.min_samples_leaf,
                    min_impurity_decrease=self.min_impurity_decrease,
                    max_features=self.max_features,
                    random_state=int(rng.integers(2**31 - 1)),
                ).fit(X_bag, r[:, k])  # the tree chooses the regions R_l (its leaves) ...
                # ... the booster their values gamma_l = sum r / sum h (times (K - 1) / K for K classes)
                gamma = scale * _newton_leaf_values(tree.apply(X_bag), r[:, k], h[:, k])  # indexed by leaf id
                F[:, k] += self.learning_rate * gamma[tree.apply(X)]  # F_m(x) = F_{m-1}(x) + nu gamma_{l(x)}
                self.estimators_[m, k] = tree
                self.leaf_values_[m, k] = gamma
            self.train_score_[m] = self._loss(Y[in_bag], F[in_bag])
        self.n_estimators_ = self.n_estimators
        self.n_features_in_ = X.shape[1]

    def _check_params(self, n_features):
        """Every hyperparameter, checked here so that errors name this model, not a tree."""
        check_positive(self.n_estimators, "n_estimators", self, integer=True)
        check_positive(self.learning_rate, "learning_rate", self)
        if self.max_depth is not None:
            check_scalar(self.max_depth, "max_depth", self, integer=True, low=0)
        _check_count_or_fraction(self.min_samples_split, "min_samples_split", 2, self)
        _check_count_or_fraction(self.min_samples_leaf, "min_samples_leaf", 1, self)
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", self, low=0.0)
        if isinstance(self.max_features, str):
            check_option(self.max_features, "max_features", ("sqrt", "log2"), self)
        elif _is_int(self.max_features):
            check_scalar(self.max_features, "max_features", self, integer=True, low=1, high=n_features)
        elif self.max_features is not None:
            check_scalar(self.max_features, "max_features", self, low=0.0, high=1.0, include_low=False)
        check_scalar(self.subsample, "subsample", self, low=0.0, high=1.0, include_low=False)

    def _staged_raw_predict(self, X):
        """Raw predictions F_m(X) after each stage m = 1..M, each a new (n_samples, n_outputs) array."""
        check_is_fitted(self, "estimators_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        F = np.tile(self.init_, (len(X), 1))
        for trees, leaf_values in zip(self.estimators_, self.leaf_values_):
            for k, (tree, gamma) in enumerate(zip(trees, leaf_values)):
                F[:, k] += self.learning_rate * gamma[tree.apply(X)]
            yield F.copy()

    def _raw_predict(self, X):
        """Raw predictions F_M(X) of the whole ensemble, shape (n_samples, n_outputs)."""
        for F in self._staged_raw_predict(X):
            pass
        return F


class GradientBoostingRegressor(RegressorMixin, _GradientBoosting):
    """Gradient boosting for regression with the squared loss.

    Parameters
    ----------
    n_estimators : int >= 1, default=100
        Number of boosting stages (trees).
    learning_rate : float > 0, default=0.1
        Shrinkage nu applied to every tree.
    max_depth : int >= 0 or None, default=3
        Depth of each regression tree.
    min_samples_split : int >= 2 or float in (0, 1], default=2
    min_samples_leaf : int >= 1 or float in (0, 1], default=1
    min_impurity_decrease : float >= 0, default=0.0
    max_features : None, "sqrt", "log2", int or float in (0, 1], default=None
        Passed to each ``RegressionTree``: features tried at each split.
    subsample : float in (0, 1], default=1.0
        Fraction of the samples (drawn without replacement) each tree is fit on.
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    n_features_in_ : int
    init_ : ndarray of shape (1,)
        F_0, the mean of the training targets.
    estimators_ : ndarray of RegressionTree of shape (n_estimators, 1)
        The trees; they only choose the leaves (regions).
    leaf_values_ : ndarray of object of shape (n_estimators, 1)
        For each tree, an array gamma with gamma[leaf id] = the leaf's value
        (here the mean residual of its training samples).
    n_estimators_ : int
        Number of stages fitted.
    train_score_ : ndarray of shape (n_estimators,)
        Mean squared error on the (in-bag) training samples after each stage.

    Notes
    -----
    With L(y, F) = 1/2 (y - F)^2, F_0 = mean(y) and for m = 1..M:

        r_i = -dL/dF(x_i) = y_i - F_{m-1}(x_i)          (the residuals)
        h_m = regression tree fit to (x_i, r_i), leaves = mean residual
        F_m(x) = F_{m-1}(x) + nu h_m(x)

    The hessian is h_i = 1, so the Newton leaf value sum r / sum h is the
    mean residual: exact, because the loss is quadratic. Each stage lowers
    the training loss: with leaf means, the sum of squares drops by
    (2 nu - nu^2) sum_leaves n_l mean_l^2 >= 0 for 0 < nu <= 1.

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

    def _gradient_and_hessian(self, Y, F):
        return Y - F, np.ones_like(F)

    def _loss(self, Y, F):
        return float(np.mean((Y - F) ** 2))

    def staged_predict(self, X):
        """Predictions after each stage (a generator of arrays of shape (n_samples,))."""
        for F in self._staged_raw_predict(X):
            yield F[:, 0]

    def predict(self, X):
        """F_0 + nu sum_m gamma_m(X), shape (n_samples,)."""
        return self._raw_predict(X)[:, 0]


class GradientBoostingClassifier(ClassifierMixin, _GradientBoosting):
    """Gradient boosting for classification: binary log-loss or multinomial deviance.

    Parameters
    ----------
    n_estimators : int >= 1, default=100
        Number of boosting stages (one tree per stage for two classes, K otherwise).
    learning_rate : float > 0, default=0.1
    max_depth : int >= 0 or None, default=3
    min_samples_split : int >= 2 or float in (0, 1], default=2
    min_samples_leaf : int >= 1 or float in (0, 1], default=1
    min_impurity_decrease : float >= 0, default=0.0
    max_features : None, "sqrt", "log2", int or float in (0, 1], default=None
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
        n_outputs is 1 for two classes and K otherwise. The trees choose the
        leaves; their own mean-residual predictions are not used.
    leaf_values_ : ndarray of object of shape (n_estimators, n_outputs)
        For each tree, an array gamma with gamma[leaf id] = the Newton value.
    n_estimators_ : int
        Number of stages fitted.
    train_score_ : ndarray of shape (n_estimators,)
        Mean log-loss (cross-entropy) on the (in-bag) training samples after each stage.

    Notes
    -----
    Binary (y in {0, 1}): p = sigmoid(F), L = -y log p - (1 - y) log(1 - p),
    F_0 = log(pbar / (1 - pbar)). Each tree is fit to the negative gradient
    r = y - p, then each leaf l gets one Newton step (h = p (1 - p))

        gamma_l = sum_{i in l} r_i / sum_{i in l} p_i (1 - p_i).

    Multi-class (K classes, one-hot y): p = softmax(F), L = -sum_k y_k log p_k,
    F_0,k = log prior_k. Each stage fits K trees to r_k = y_k - p_k with leaf values

        gamma_lk = (K - 1) / K * sum_{i in l} r_ik / sum_{i in l} p_ik (1 - p_ik),

    Friedman's (2001) algorithm 6, which scikit-learn also uses (its
    |r_ik| (1 - |r_ik|) equals p_ik (1 - p_ik) for one-hot y: the diagonal of
    the hessian). F_m = F_{m-1} + nu gamma; the predicted class is argmax_k p_k.

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
        X, y = check_X_y(X, y, estimator=self)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        if len(self.classes_) == 2:
            Y = y_encoded.reshape(-1, 1).astype(float)  # (n_samples, 1): is it the second class?
        else:
            Y = np.eye(len(self.classes_))[y_encoded]  # one-hot (n_samples, K); one class gives a ones column
        self._boost(X, Y)
        return self

    def _initial_raw_prediction(self, Y):
        prior = np.clip(Y.mean(axis=0), 1e-15, 1.0 - 1e-15)
        if len(self.classes_) == 2:
            return np.log(prior / (1.0 - prior))  # log-odds
        return np.log(prior)

    def _gradient_and_hessian(self, Y, F):
        p = self._probabilities(F)
        p = p[:, 1:] if len(self.classes_) == 2 else p  # the columns that F models
        return Y - p, p * (1.0 - p)

    def _loss(self, Y, F):
        if len(self.classes_) == 1:
            return 0.0                                   # a single class is predicted with certainty
        # two classes: log(1 + e^F) - y F; K classes: -sum_k y_k log softmax(F)_k
        return log_loss_from_scores(Y, F)

    def _probabilities(self, F):
        """Raw predictions -> class probabilities, (n_samples, n_classes): sigmoid or softmax."""
        if len(self.classes_) == 1:
            return np.ones((len(F), 1))
        return scores_to_probabilities(F)

    def decision_function(self, X):
        """Raw scores F(X): shape (n_samples,) for two classes, (n_samples, n_classes) otherwise."""
        F = self._raw_predict(X)
        return F[:, 0] if len(self.classes_) == 2 else F

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


def _check_count_or_fraction(value, name, minimum, estimator):
    """An integer >= minimum, or a float fraction of the samples in (0, 1]."""
    if _is_int(value):
        check_scalar(value, name, estimator, integer=True, low=minimum)
    else:
        check_scalar(value, name, estimator, low=0.0, high=1.0, include_low=False)
