"""Random forests: averages of decision trees made different by bootstrap samples and feature draws."""

import warnings

import numpy as np

from mlfromscratch.supervised_learning.decision_tree import (
    ClassificationTree,
    RegressionTree,
    _check_tree_params,
)
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlfromscratch.utils.validation import (
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


class _Forest(BaseEstimator):
    """The loop both forests share: one bootstrap sample and one seed per tree."""

    def _fit_forest(self, X, y, make_tree):
        """Grow ``n_estimators`` trees; ``make_tree(seed)`` returns an unfitted tree."""
        n_samples = len(X)
        rng = check_random_state(self.random_state, estimator=self)
        # Averaging T trees cuts the variance of one deep tree only as far as
        # their errors are independent, so the forest makes the trees differ
        # in two random ways (Breiman 2001):
        # 1. bootstrap rows: each tree learns from n rows drawn with
        #    replacement. Drawing row i c_i times is the same as giving it
        #    weight c_i (a tree's class counts and sums are sums over rows), so
        #    the tree gets the counts as sample_weight instead of a copied
        #    data set; the rows with c_i = 0 (about e^-1 = 37%) are its
        #    out-of-bag rows, which the oob score uses as a test set.
        # 2. per-split feature sampling: at every split the tree tries only
        #    max_features random features (drawn inside the tree from its own
        #    seed), so a few strong features cannot make all trees alike.
        seeds = rng.integers(2**31 - 1, size=self.n_estimators)  # one seed per tree: each is reproducible alone
        self.estimators_ = []
        self.in_bag_counts_ = np.zeros((self.n_estimators, n_samples), dtype=np.intp)
        for t in range(self.n_estimators):
            if self.bootstrap:  # 1. c_i = how often row i is drawn
                counts = np.bincount(rng.integers(0, n_samples, n_samples), minlength=n_samples)
            else:
                counts = np.ones(n_samples, dtype=np.intp)
            self.in_bag_counts_[t] = counts
            # 2. happens inside fit: the tree draws max_features features at each split from its seed
            self.estimators_.append(make_tree(int(seeds[t])).fit(X, y, sample_weight=counts))
        self.n_features_in_ = X.shape[1]
        importances = np.mean([tree.feature_importances_ for tree in self.estimators_], axis=0)
        total = importances.sum()
        self.feature_importances_ = importances / total if total > 0 else importances

    def _oob_average(self, X, predict):
        """Average of ``predict(tree, X)`` over the trees that did not see each sample."""
        predictions = np.array([predict(tree, X) for tree in self.estimators_])  # (n_trees, n_samples[, n_classes])
        # out_of_bag[t, i]: tree t did not see sample i; (n_trees, n_samples[, 1]) to broadcast over classes
        out_of_bag = (self.in_bag_counts_ == 0).reshape(predictions.shape[:2] + (1,) * (predictions.ndim - 2))
        n_votes = out_of_bag.sum(axis=0)  # (n_samples[, 1]), trees that did not see the sample
        total = (predictions * out_of_bag).sum(axis=0)
        average = np.divide(total, n_votes, out=np.zeros_like(total), where=n_votes > 0)
        has_vote = n_votes.reshape(len(X), -1)[:, 0] > 0  # (n_samples,)
        if not has_vote.all():
            warnings.warn(
                f"{np.sum(~has_vote)} of {len(X)} samples were in every bootstrap sample; the out-of-bag "
                f"score leaves them out (use more trees)",
                UserWarning,
            )
        return average, has_vote

    def _check_params(self, X):
        """Check the forest's own hyperparameters and its trees', so that errors name the forest."""
        check_positive(self.n_estimators, "n_estimators", self, integer=True)
        for name in ("bootstrap", "oob_score"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise ValueError(f"{type(self).__name__}: {name} must be True or False, got {getattr(self, name)!r}")
        if self.oob_score and not self.bootstrap:
            raise ValueError(f"{type(self).__name__}: oob_score=True needs bootstrap=True")
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", self, low=0.0)
        _check_tree_params(self, *X.shape)

    def _tree_params(self):
        return dict(
            max_depth=self.max_depth,
            min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf,
            min_impurity_decrease=self.min_impurity_decrease,
            max_features=self.max_features,
        )

    def _check_X(self, X):
        check_is_fitted(self, "estimators_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X


class RandomForest(ClassifierMixin, _Forest):
    """Random forest classifier: the average of bootstrapped, feature-subsampled classification trees.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of trees.
    max_features : int, float, "sqrt", "log2" or None, default="sqrt"
        Features drawn at random at every split of every tree.
    criterion : {"gini", "entropy"}, default="gini"
    max_depth : int or None, default=None
        None grows each tree until its leaves are pure.
    min_samples_split : int or float, default=2
    min_samples_leaf : int or float, default=1
    min_impurity_decrease : float, default=0.0
    bootstrap : bool, default=True
        Fit each tree on a bootstrap sample (else on all samples).
    oob_score : bool, default=False
        Score each sample with the trees that did not see it (needs ``bootstrap``).
    random_state : None, int or numpy.random.Generator, default=None

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
    n_features_in_ : int
    estimators_ : list of ClassificationTree
        Fitted on the encoded labels 0..n_classes-1.
    in_bag_counts_ : ndarray of int of shape (n_estimators, n_samples)
        How many times each training sample is in each tree's bootstrap sample.
    feature_importances_ : ndarray of shape (n_features,)
        Mean of the trees' normalised impurity decreases, normalised again.
    oob_score_ : float
        Out-of-bag accuracy over the samples that some tree did not see (only
        with ``oob_score=True``; NaN when there are none).
    oob_decision_function_ : ndarray of shape (n_samples, n_classes)
        Out-of-bag class probabilities (zeros for samples in every bootstrap).

    Notes
    -----
    Each tree t is grown to full depth on a bootstrap sample (n draws with
    replacement, passed to the tree as per-sample counts, i.e. weights) and,
    at every split, looks only at ``max_features`` random features: two kinds
    of randomness that decorrelate the trees, so that averaging them cancels
    more of their errors. The forest predicts argmax_k (1/T) sum_t p_t(k | x), the average of
    the trees' leaf class distributions (soft voting, as scikit-learn does).
    About e^-1 = 37% of the samples are out of bag for a given tree, which
    gives a free validation estimate.

    References
    ----------
    L. Breiman, "Random Forests", Machine Learning 45, 2001.

    Examples
    --------
    >>> from mlfromscratch.utils.datasets import load_iris
    >>> X, y = load_iris()
    >>> forest = RandomForest(n_estimators=20, oob_score=True, random_state=0).fit(X, y)
    >>> forest.oob_score_ > 0.9
    True
    """

    def __init__(
        self,
        n_estimators=100,
        max_features="sqrt",
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_impurity_decrease=0.0,
        bootstrap=True,
        oob_score=False,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.max_features = max_features
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def fit(self, X, y):
        """Grow ``n_estimators`` trees on bootstrap samples of (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type.

        Returns
        -------
        self : RandomForest
        """
        X, y = check_X_y(X, y, estimator=self)
        self._check_params(X)
        check_option(self.criterion, "criterion", ("gini", "entropy"), self)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        self._fit_forest(
            X,
            y_encoded,
            lambda seed: ClassificationTree(criterion=self.criterion, random_state=seed, **self._tree_params()),
        )
        if self.oob_score:
            proba, has_vote = self._oob_average(X, lambda tree, X_: tree.predict_proba(X_))
            self.oob_decision_function_ = proba
            correct = np.argmax(proba[has_vote], axis=1) == y_encoded[has_vote]
            self.oob_score_ = float(np.mean(correct)) if has_vote.any() else np.nan
        return self

    def predict_proba(self, X):
        """Mean of the trees' class distributions, shape (n_samples, n_classes)."""
        X = self._check_X(X)
        return np.mean([tree.predict_proba(X) for tree in self.estimators_], axis=0)

    def predict(self, X):
        """Class with the highest mean probability; ties go to the first label in ``classes_``."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class RandomForestRegressor(RegressorMixin, _Forest):
    """Random forest regressor: the mean of bootstrapped regression trees.

    Parameters
    ----------
    n_estimators : int, default=100
    max_features : int, float, "sqrt", "log2" or None, default=1.0
        Features drawn at every split; 1.0 (all, as in scikit-learn) gives
        plain bagging, smaller values decorrelate the trees more.
    max_depth, min_samples_split, min_samples_leaf, min_impurity_decrease, bootstrap, oob_score, random_state
        As in ``RandomForest``.

    Attributes
    ----------
    n_features_in_ : int
    estimators_ : list of RegressionTree
    in_bag_counts_ : ndarray of int of shape (n_estimators, n_samples)
    feature_importances_ : ndarray of shape (n_features,)
    oob_score_ : float
        Out-of-bag R^2 (only with ``oob_score=True``; NaN when it is undefined).
    oob_prediction_ : ndarray of shape (n_samples,)

    Notes
    -----
    Prediction: (1/T) sum_t f_t(x), with f_t the mean target of x's leaf in tree t.

    References
    ----------
    L. Breiman, "Random Forests", Machine Learning 45, 2001.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.linspace(0, 1, 50).reshape(-1, 1)
    >>> forest = RandomForestRegressor(n_estimators=10, random_state=0).fit(X, X[:, 0] ** 2)
    >>> float(abs(forest.predict([[0.5]])[0] - 0.25)) < 0.05
    True
    """

    def __init__(
        self,
        n_estimators=100,
        max_features=1.0,
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_impurity_decrease=0.0,
        bootstrap=True,
        oob_score=False,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.max_features = max_features
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def fit(self, X, y):
        """Grow ``n_estimators`` regression trees on bootstrap samples of (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : RandomForestRegressor
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        self._check_params(X)
        self._fit_forest(X, y, lambda seed: RegressionTree(random_state=seed, **self._tree_params()))
        if self.oob_score:
            prediction, has_vote = self._oob_average(X, lambda tree, X_: tree.predict(X_))
            self.oob_prediction_ = prediction
            residual = np.sum((y[has_vote] - prediction[has_vote]) ** 2)
            spread = np.sum((y[has_vote] - y[has_vote].mean()) ** 2)
            self.oob_score_ = float(1.0 - residual / spread) if spread > 0 else np.nan
        return self

    def predict(self, X):
        """Mean of the trees' predictions, shape (n_samples,)."""
        X = self._check_X(X)
        return np.mean([tree.predict(X) for tree in self.estimators_], axis=0)
