"""Decision trees: classification (Gini / entropy), regression (variance) and XGBoost trees.

All three grow the same way. A node holds the indices of its training samples;
for a handful of candidate features it sorts the node's values once and scores
every threshold between consecutive distinct values with cumulative sums of
per-sample statistics (O(n log n) per feature), then sends the samples left
(x <= threshold) or right and repeats on each child. Only the statistics and the
impurity built from them differ:

===========================  ======================  ==================================
tree                         statistics per sample   weighted impurity of a node
===========================  ======================  ==================================
ClassificationTree (gini)    w * one_hot(y)          N (1 - sum_k p_k^2)
ClassificationTree (entropy) w * one_hot(y)          - N sum_k p_k log2 p_k
RegressionTree               (w, w (y - mean))       sum_i w_i (y_i - mean)^2
XGBoostRegressionTree        (g, h)                  - G^2 / (2 (H + lambda))
===========================  ======================  ==================================

The fitted tree is stored in flat arrays (``feature_``, ``threshold_``,
``children_left_``, ``children_right_``, ``value_``), so prediction moves all
samples down one level per step instead of walking the tree sample by sample.
"""

import abc
import numbers

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_X_y,
    column_or_1d,
)


def _ratio(numerator, denominator):
    """numerator / denominator, and 0 where the denominator is not positive.

    The right child's sums are computed as total - left; with weights spanning
    many orders of magnitude (late AdaBoost rounds) rounding can leave 0 or a
    tiny negative there, which must not blow up.
    """
    numerator = np.asarray(numerator, dtype=float)
    return np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)


def _xlog2x(x):
    """x log2(x) with 0 log 0 = 0 (also for the tiny negatives that rounding can produce)."""
    return x * np.log2(np.where(x > 0, x, 1.0))


# --------------------------------------------------------------------------- criteria
# A criterion holds per-sample statistics, stored statistic-first as
# (n_stats, n_samples) so that prefix sums run along contiguous memory, and
# turns summed statistics (n_stats, ...) into a node's weighted impurity
# ("cost"). Terms that add up over the children (N in Gini, sum w y^2 in the
# variance) are left out: they cancel in
#     gain = cost(parent) - cost(left) - cost(right).


class _Criterion:
    """What the criteria share: the cost of both children of every candidate split."""

    def split_costs(self, left, total):
        """cost(left) + cost(right) for every candidate, and which candidates are allowed (None: all).

        ``left`` (n_stats, k, n_positions) holds the prefix sums, ``total``
        (n_stats,) the node's sums; the right child has ``total - left``.
        """
        right = total[:, None, None] - left
        return self.cost(left) + self.cost(right), self.children_ok(left, right)

    def children_ok(self, left, right):
        return None


class _ClassCounts(_Criterion):
    """Weighted class counts c_k; the node value is the class distribution p_k = c_k / N."""

    def __init__(self, y_encoded, sample_weight, n_classes):
        self.stats = np.zeros((n_classes, len(y_encoded)))
        self.stats[y_encoded, np.arange(len(y_encoded))] = sample_weight  # w * one_hot(y)

    def node(self, idx):
        """Statistics (n_stats, n_node), value, impurity, weight and purity of the node holding ``idx``."""
        stats = self.stats[:, idx]
        counts = stats.sum(axis=1)
        weight = counts.sum()
        p = counts / weight
        return stats, p, self.impurity(p), weight, np.count_nonzero(counts) <= 1


class _Gini(_ClassCounts):
    def cost(self, counts):
        # N * gini = N - sum_k c_k^2 / N, without the additive N
        return -_ratio(np.einsum("k...,k...->...", counts, counts), counts.sum(axis=0))

    def split_costs(self, left, total):
        # sum_k R_k^2 = sum_k T_k^2 - 2 T.L + sum_k L_k^2 spares building R = T - L
        left_squares = np.einsum("k...,k...->...", left, left)
        right_squares = total @ total - 2.0 * np.tensordot(total, left, axes=1) + left_squares
        n_left = left.sum(axis=0)
        return -_ratio(left_squares, n_left) - _ratio(right_squares, total.sum() - n_left), None

    def impurity(self, p):
        return 1.0 - p @ p


class _Entropy(_ClassCounts):
    def cost(self, counts):
        # N * H = N log2 N - sum_k c_k log2 c_k
        return _xlog2x(counts.sum(axis=0)) - _xlog2x(counts).sum(axis=0)

    def impurity(self, p):
        return -_xlog2x(p).sum()


class _Variance(_Criterion):
    """Weighted sum of squared deviations from the node mean; the value is the mean."""

    def __init__(self, y, sample_weight):
        self.y = y
        self.w = sample_weight

    def node(self, idx):
        y, w = self.y[idx], self.w[idx]
        weight = w.sum()
        mean = w @ y / weight
        deviation = y - mean  # centring on the node mean keeps S_y^2 / N free of cancellation
        stats = np.empty((2, len(idx)))  # N and S_y terms
        stats[0] = w
        stats[1] = w * deviation
        impurity = w @ deviation**2 / weight
        return stats, np.array([mean]), impurity, weight, y.max() == y.min()

    def cost(self, stats):
        # sum w (y - m)^2 = sum w y^2 - S_y^2 / N, without the additive sum w y^2
        return -_ratio(stats[1] ** 2, stats[0])


class _SecondOrderGain(_Criterion):
    """XGBoost's structure score from gradient and hessian sums G, H of the node."""

    def __init__(self, gradient, hessian, reg_lambda, min_child_weight):
        self.stats = np.vstack([gradient, hessian])  # (2, n_samples)
        self.reg_lambda = reg_lambda
        self.min_child_weight = min_child_weight

    def node(self, idx):
        stats = self.stats[:, idx]
        G, H = stats.sum(axis=1)
        leaf_weight = -float(_ratio(G, H + self.reg_lambda))
        return stats, np.array([leaf_weight]), self.cost(np.array([G, H])), float(len(idx)), False

    def cost(self, stats):
        # objective at the optimal leaf weight: -1/2 G^2 / (H + lambda)
        return -0.5 * _ratio(stats[0] ** 2, stats[1] + self.reg_lambda)

    def children_ok(self, left, right):
        return (left[1] >= self.min_child_weight) & (right[1] >= self.min_child_weight)


# --------------------------------------------------------------------------- the tree


def _check_sample_weight(sample_weight, n_samples, estimator):
    if sample_weight is None:
        return np.ones(n_samples)
    sample_weight = check_array(sample_weight, ensure_2d=False, name="sample_weight", estimator=estimator)
    if sample_weight.shape != (n_samples,):
        raise ValueError(
            f"{type(estimator).__name__} expects sample_weight of shape ({n_samples},), "
            f"got {sample_weight.shape}"
        )
    if np.any(sample_weight < 0) or not np.any(sample_weight > 0):
        raise ValueError(f"{type(estimator).__name__} needs non-negative sample_weight with a positive sum")
    return sample_weight


class DecisionTree(BaseEstimator, metaclass=abc.ABCMeta):
    """Base class of the binary decision trees: greedy growth, flat storage, vectorised prediction.

    Parameters
    ----------
    max_depth : int or None, default=None
        Maximum depth; a root-only tree has depth 0. None grows until the
        leaves are pure or too small to split.
    min_samples_split : int >= 2 or float in (0, 1], default=2
        A node with fewer samples (a fraction of n_samples when float) is a leaf.
    min_samples_leaf : int >= 1 or float in (0, 1], default=1
        Each child of a split keeps at least this many samples (a fraction
        of n_samples when float).
    min_impurity_decrease : float >= 0, default=0.0
        Split only if (weighted) N_t / N * (impurity - N_L / N_t * impurity_L
        - N_R / N_t * impurity_R) is at least this.
    max_features : int, float, "sqrt", "log2" or None, default=None
        Number of features drawn at random at each split (all when None;
        a fraction of n_features when float), among the features that vary
        inside the node.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the feature draws; with all features the random order still
        decides between exactly equal splits, as in scikit-learn.

    Attributes
    ----------
    n_features_in_ : int
    feature_ : ndarray of int of shape (n_nodes,)
        Feature tested at each node; -1 at leaves.
    threshold_ : ndarray of shape (n_nodes,)
        Samples with ``x[feature] <= threshold`` go left; NaN at leaves.
    children_left_, children_right_ : ndarray of int of shape (n_nodes,)
        Child node ids; -1 at leaves. Node 0 is the root.
    value_ : ndarray of shape (n_nodes, n_values)
        Prediction of each node (class distribution, mean, or leaf weight).
    impurity_ : ndarray of shape (n_nodes,)
    n_node_samples_ : ndarray of int of shape (n_nodes,)
    weighted_n_node_samples_ : ndarray of shape (n_nodes,)
    feature_importances_ : ndarray of shape (n_features,)
        Total weighted impurity decrease (gain) of the splits on each feature,
        normalised to sum to 1 (all zeros for a root-only tree).

    Notes
    -----
    At a node with samples sorted by feature j, the first i samples form the
    candidate left child. With per-sample statistics s (see the module
    docstring) the left child's statistics are the prefix sums
    S_L(i) = s_1 + ... + s_i and the right child's S_R(i) = S - S_L(i), so all
    thresholds of a feature are scored in one pass:
    gain(i) = cost(S) - cost(S_L(i)) - cost(S_R(i)). Thresholds lie midway
    between consecutive distinct values. Sorting is O(n log n) per node and
    feature and the scan O(n); the tree grows depth first from an explicit
    stack, so any depth is fine.

    Samples with weight 0 are dropped; ``min_samples_*`` count the remaining
    samples, impurities use their weights.

    References
    ----------
    L. Breiman, J. Friedman, R. Olshen, C. Stone, "Classification and
    Regression Trees", Wadsworth, 1984.

    Examples
    --------
    ``DecisionTree`` is abstract; its subclasses are the usable trees:

    >>> tree = RegressionTree(max_depth=2).fit([[1.0], [2.0], [3.0], [4.0]], [1.0, 2.0, 3.0, 8.0])
    >>> tree.get_depth(), tree.get_n_leaves()
    (2, 3)
    """

    def __init__(
        self,
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_impurity_decrease=0.0,
        max_features=None,
        random_state=None,
    ):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.max_features = max_features
        self.random_state = random_state

    # ------------------------------------------------------------------ growing

    def _resolve_params(self, n_samples, n_features):
        """Validated hyperparameters as plain numbers."""
        name = type(self).__name__
        if self.max_depth is None:
            max_depth = np.inf
        elif _is_int(self.max_depth) and self.max_depth >= 0:
            max_depth = int(self.max_depth)
        else:
            raise ValueError(f"{name}: max_depth must be None or an integer >= 0, got {self.max_depth!r}")
        min_split = _count_or_fraction(self.min_samples_split, "min_samples_split", 2, n_samples, name)
        min_leaf = _count_or_fraction(self.min_samples_leaf, "min_samples_leaf", 1, n_samples, name)
        for param in self._split_rule_params:
            value = getattr(self, param)
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value >= 0:
                raise ValueError(f"{name}: {param} must be a number >= 0, got {value!r}")
        max_features = self.max_features
        if max_features is None:
            k = n_features
        elif max_features == "sqrt":
            k = int(np.sqrt(n_features))
        elif max_features == "log2":
            k = int(np.log2(n_features))
        elif _is_int(max_features) and 1 <= max_features <= n_features:
            k = int(max_features)
        elif isinstance(max_features, float) and 0 < max_features <= 1:
            k = int(max_features * n_features)
        else:
            raise ValueError(
                f"{name}: max_features must be None, 'sqrt', 'log2', an integer in [1, {n_features}] "
                f"or a float in (0, 1], got {max_features!r}"
            )
        return max_depth, max(min_split, 2 * min_leaf), min_leaf, max(k, 1)

    def _grow(self, X, criterion, sample_weight):
        """Grow the tree depth first from the samples with positive weight."""
        n_samples, n_features = X.shape
        max_depth, min_split, min_leaf, n_candidates = self._resolve_params(n_samples, n_features)
        rng = np.random.default_rng(self.random_state)
        root_weight = sample_weight.sum()
        # the flat arrays, as lists while growing (node i is entry i of each)
        node_feature, node_threshold, node_left, node_right = [], [], [], []
        node_value, node_impurity, node_n_samples, node_weight = [], [], [], []
        importances = np.zeros(n_features)

        # depth-first: popping the left child first numbers the nodes in pre-order
        stack = [(np.flatnonzero(sample_weight > 0), 0, -1, False)]  # (samples, depth, parent, is_left)
        while stack:
            idx, depth, parent, is_left = stack.pop()
            node_id = len(node_feature)
            if parent >= 0:
                (node_left if is_left else node_right)[parent] = node_id
            stats, value, impurity, weight, pure = criterion.node(idx)
            node_value.append(value)
            node_impurity.append(impurity)
            node_n_samples.append(len(idx))
            node_weight.append(weight)
            node_left.append(-1)
            node_right.append(-1)

            split = None
            if depth < max_depth and len(idx) >= min_split and not pure:
                split = self._find_split(X, idx, stats, criterion, n_candidates, min_leaf, rng)
            if split is not None and not self._worth_splitting(split[2], root_weight):
                split = None
            if split is None:
                node_feature.append(-1)
                node_threshold.append(np.nan)
                continue
            feature, threshold, gain = split
            node_feature.append(feature)
            node_threshold.append(threshold)
            importances[feature] += gain
            goes_left = X[idx, feature] <= threshold
            stack.append((idx[~goes_left], depth + 1, node_id, False))
            stack.append((idx[goes_left], depth + 1, node_id, True))

        self.n_features_in_ = n_features
        self.feature_ = np.array(node_feature, dtype=np.intp)
        self.threshold_ = np.array(node_threshold, dtype=np.float64)
        self.children_left_ = np.array(node_left, dtype=np.intp)
        self.children_right_ = np.array(node_right, dtype=np.intp)
        self.value_ = np.array(node_value, dtype=np.float64)  # (n_nodes, n_values)
        self.impurity_ = np.array(node_impurity, dtype=np.float64)
        self.n_node_samples_ = np.array(node_n_samples, dtype=np.intp)
        self.weighted_n_node_samples_ = np.array(node_weight, dtype=np.float64)
        total = importances.sum()
        self.feature_importances_ = importances / total if total > 0 else importances

    _split_rule_params = ("min_impurity_decrease",)

    def _worth_splitting(self, gain, root_weight):
        """scikit-learn's rule: weighted impurity decrease / total weight >= min_impurity_decrease."""
        return gain / root_weight + 1e-12 >= self.min_impurity_decrease

    def _find_split(self, X, idx, stats, criterion, n_candidates, min_leaf, rng):
        """Best (feature, threshold, gain) for the samples ``idx``, or None.

        The ``n_candidates`` features are drawn among those that vary inside
        the node (a constant feature cannot split it), as scikit-learn does.
        """
        X_node = X[idx]  # (n_node, n_features)
        varying = np.flatnonzero(X_node.max(axis=0) > X_node.min(axis=0))
        if varying.size == 0:
            return None
        features = rng.permutation(varying)[:n_candidates]
        return _best_split(X_node[:, features].T, stats, features, criterion, min_leaf)

    # ------------------------------------------------------------------ prediction

    def apply(self, X):
        """Index of the leaf that each sample lands in.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        leaves : ndarray of int of shape (n_samples,)
        """
        check_is_fitted(self, "value_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        node = np.zeros(len(X), dtype=np.intp)
        active = np.arange(len(X))
        # one step down per iteration for every sample not yet in a leaf
        while active.size:
            current = node[active]
            internal = self.feature_[current] >= 0
            active, current = active[internal], current[internal]
            goes_left = X[active, self.feature_[current]] <= self.threshold_[current]
            node[active] = np.where(goes_left, self.children_left_[current], self.children_right_[current])
        return node

    def get_depth(self):
        """Depth of the fitted tree (0 for a root-only tree)."""
        check_is_fitted(self, "value_")
        depth = np.zeros(len(self.feature_), dtype=np.intp)
        for node in range(len(self.feature_)):  # pre-order: parents come before children
            if self.feature_[node] >= 0:
                depth[[self.children_left_[node], self.children_right_[node]]] = depth[node] + 1
        return int(depth.max())

    def get_n_leaves(self):
        """Number of leaves of the fitted tree."""
        check_is_fitted(self, "value_")
        return int(np.sum(self.feature_ < 0))

    @abc.abstractmethod
    def _leaf_text(self, node, decimals):
        """What a leaf predicts, as text."""

    def _samples_text(self, node):
        n = self.n_node_samples_[node]
        return f"{n} sample" if n == 1 else f"{n} samples"

    def export_text(self, feature_names=None, max_depth=10, decimals=2):
        """The tree as indented text, one line per branch (print it to read it).

        Parameters
        ----------
        feature_names : list of str, optional
            Defaults to ``feature_0, feature_1, ...``.
        max_depth : int or None, default=10
            Splits down to this depth are shown (as in scikit-learn's
            ``export_text``); deeper branches read "truncated branch".
        decimals : int, default=2

        Returns
        -------
        text : str
        """
        check_is_fitted(self, "value_")
        names = feature_names if feature_names is not None else [f"feature_{j}" for j in range(self.n_features_in_)]
        if len(names) != self.n_features_in_:
            raise ValueError(f"feature_names has {len(names)} names for {self.n_features_in_} features")
        lines = []
        stack = [(0, 0)]  # entries are (node, depth) or a finished line
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                lines.append(item)
                continue
            node, depth = item
            prefix = "|   " * depth + "|--- "
            if self.feature_[node] < 0:
                lines.append(prefix + self._leaf_text(node, decimals))
            elif max_depth is not None and depth > max_depth:
                lines.append(prefix + f"truncated branch ({self._samples_text(node)})")
            else:
                name, threshold = names[self.feature_[node]], self.threshold_[node]
                stack.append((self.children_right_[node], depth + 1))
                stack.append(f"{prefix}{name} >  {threshold:.{decimals}f}")
                stack.append((self.children_left_[node], depth + 1))
                stack.append(f"{prefix}{name} <= {threshold:.{decimals}f}")
        return "\n".join(lines)

    def print_tree(self, feature_names=None, max_depth=10, decimals=2):
        """The classic name of ``export_text``: returns the text, ``print`` it to show it."""
        return self.export_text(feature_names=feature_names, max_depth=max_depth, decimals=decimals)


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _count_or_fraction(value, name, minimum, n_samples, estimator_name):
    """An int >= minimum, or a fraction of n_samples (rounded up)."""
    if _is_int(value) and value >= minimum:
        return int(value)
    if isinstance(value, float) and 0 < value <= 1:
        return max(int(np.ceil(value * n_samples)), minimum)
    raise ValueError(f"{estimator_name}: {name} must be an integer >= {minimum} or a float in (0, 1], got {value!r}")


def _best_split(values, stats, features, criterion, min_leaf):
    """Best split of a node among ``features``, scored with prefix sums.

    ``values`` (k, n_node) holds the node's samples for each candidate feature
    and ``stats`` (n_stats, n_node) their statistics. Returns (feature,
    threshold, gain), or None when no threshold leaves ``min_leaf`` samples
    (or enough hessian) on both sides.
    """
    n = values.shape[1]
    order = np.argsort(values, axis=1)  # each feature sorted once
    values = values[np.arange(len(features))[:, None], order]
    # position i: the first i + 1 sorted samples go left; only positions
    # lo .. hi - 1 leave min_leaf samples on each side
    lo, hi = min_leaf - 1, n - min_leaf
    left = np.cumsum(stats[:, order[:, :hi]], axis=2)  # (n_stats, k, hi), prefix sums
    total = stats.sum(axis=1)  # (n_stats,)
    # the best split has the largest gain = cost(parent) - cost(left) - cost(right),
    # i.e. the smallest cost of the two children
    children, allowed = criterion.split_costs(left, total)  # (k, hi)
    valid = values[:, 1 : hi + 1] > values[:, :hi]  # a threshold fits between distinct values
    valid[:, :lo] = False
    if allowed is not None:
        valid &= allowed
    if not valid.any():
        return None
    children = np.where(valid, children, np.inf)
    position = np.argmin(children, axis=1)  # best threshold per feature
    best = children[np.arange(len(features)), position]
    j = int(np.argmin(best))  # first best feature in the random order
    i = position[j]
    below, above = values[j, i], values[j, i + 1]
    threshold = below / 2 + above / 2
    if not below <= threshold < above:  # rounding when the two values are adjacent floats
        threshold = below
    return int(features[j]), float(threshold), float(criterion.cost(total) - best[j])


# --------------------------------------------------------------------------- the three trees


class ClassificationTree(DecisionTree):
    """Classification tree (CART) splitting on the Gini impurity or the entropy.

    Parameters
    ----------
    criterion : {"gini", "entropy"}, default="gini"
        Impurity of a node with class fractions p_k: Gini 1 - sum_k p_k^2,
        entropy - sum_k p_k log2 p_k (information gain).
    max_depth, min_samples_split, min_samples_leaf, min_impurity_decrease, max_features, random_state
        See ``DecisionTree``.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        Sorted labels.
    value_ : ndarray of shape (n_nodes, n_classes)
        Weighted class distribution of each node.
    Other attributes as in ``DecisionTree``.

    Notes
    -----
    A split of node t into L and R is scored by the weighted impurity
    decrease N_t i(t) - N_L i(L) - N_R i(R), with N the (weighted) sample counts,
    computed for every threshold from prefix sums of the class counts. A node
    is a leaf when it is pure, too small, at ``max_depth``, or when no feature
    varies inside it; it predicts its class distribution.

    References
    ----------
    L. Breiman et al., "Classification and Regression Trees", 1984.
    J. R. Quinlan, "Induction of decision trees", Machine Learning 1, 1986.

    Examples
    --------
    >>> X = [[0.0], [1.0], [2.0], [3.0]]
    >>> tree = ClassificationTree(max_depth=1).fit(X, ["a", "a", "b", "b"])
    >>> tree.predict([[0.5], [2.5]]).tolist(), float(tree.threshold_[0])
    (['a', 'b'], 1.5)
    """

    def __init__(
        self,
        criterion="gini",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_impurity_decrease=0.0,
        max_features=None,
        random_state=None,
    ):
        super().__init__(
            max_depth, min_samples_split, min_samples_leaf, min_impurity_decrease, max_features, random_state
        )
        self.criterion = criterion

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type.
        sample_weight : array-like of shape (n_samples,), optional
            Non-negative weights (counts with bootstrap, AdaBoost's weights);
            samples of weight 0 are ignored.

        Returns
        -------
        self : ClassificationTree
        """
        X, y = check_X_y(X, y, estimator=self)
        check_option(self.criterion, "criterion", ("gini", "entropy"), self)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        sample_weight = _check_sample_weight(sample_weight, len(y), self)
        impurity = _Gini if self.criterion == "gini" else _Entropy
        self._grow(X, impurity(y_encoded, sample_weight, len(self.classes_)), sample_weight)
        return self

    def predict_proba(self, X):
        """Class distribution of the leaf of each sample, shape (n_samples, n_classes)."""
        leaves = self.apply(X)
        return self.value_[leaves]

    def predict(self, X):
        """Most frequent (weighted) class in the leaf of each sample; ties go to the first label."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def _leaf_text(self, node, decimals):
        label = self.classes_[np.argmax(self.value_[node])]
        return f"class: {label} ({self._samples_text(node)})"


class RegressionTree(DecisionTree):
    """Regression tree (CART) splitting on the reduction of variance.

    Parameters
    ----------
    max_depth, min_samples_split, min_samples_leaf, min_impurity_decrease, max_features, random_state
        See ``DecisionTree``.

    Attributes
    ----------
    value_ : ndarray of shape (n_nodes, 1)
        Weighted mean target of each node.
    Other attributes as in ``DecisionTree``.

    Notes
    -----
    The impurity of a node is the weighted variance of its targets; a split is
    scored by sum_t w (y - mean_t)^2 - sum_L w (y - mean_L)^2 - sum_R w (y - mean_R)^2
    = S_L^2 / N_L + S_R^2 / N_R - S^2 / N, with S the weighted sums of the
    targets (centred on the node mean). Leaves predict their mean.

    References
    ----------
    L. Breiman et al., "Classification and Regression Trees", 1984.

    Examples
    --------
    >>> tree = RegressionTree(max_depth=1).fit([[0.0], [1.0], [2.0], [3.0]], [1.0, 1.0, 5.0, 7.0])
    >>> tree.predict([[0.0], [3.0]]).tolist()
    [1.0, 6.0]
    """

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), optional

        Returns
        -------
        self : RegressionTree
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        sample_weight = _check_sample_weight(sample_weight, len(y), self)
        self._grow(X, _Variance(y, sample_weight), sample_weight)
        return self

    def predict(self, X):
        """Mean target of the leaf of each sample, shape (n_samples,)."""
        leaves = self.apply(X)
        return self.value_[leaves, 0]

    def _leaf_text(self, node, decimals):
        return f"value: {self.value_[node, 0]:.{decimals}f} ({self._samples_text(node)})"


class XGBoostRegressionTree(DecisionTree):
    """Regression tree on gradients and hessians, the base learner of XGBoost.

    Parameters
    ----------
    reg_lambda : float >= 0, default=1.0
        lambda, the L2 penalty on leaf weights.
    gamma : float >= 0, default=0.0
        Minimum gain for a split (the penalty per leaf).
    min_child_weight : float >= 0, default=1.0
        Minimum hessian sum H in each child.
    max_depth : int or None, default=6
    min_samples_split, min_samples_leaf, max_features, random_state
        See ``DecisionTree``.

    Attributes
    ----------
    value_ : ndarray of shape (n_nodes, 1)
        Weight w* = -G / (H + lambda) of each node.
    impurity_ : ndarray of shape (n_nodes,)
        Objective of each node as a leaf, -1/2 G^2 / (H + lambda).
    Other attributes as in ``DecisionTree``.

    Notes
    -----
    A second-order expansion of the loss around the current predictions gives,
    for a leaf with gradient and hessian sums G and H, the objective
    G w + 1/2 (H + lambda) w^2, minimised by w* = -G / (H + lambda) with value
    -1/2 G^2 / (H + lambda). A split is kept when

        gain = 1/2 [G_L^2 / (H_L + lambda) + G_R^2 / (H_R + lambda)
                    - G^2 / (H + lambda)] > gamma.

    References
    ----------
    T. Chen, C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016.

    Examples
    --------
    >>> tree = XGBoostRegressionTree(max_depth=0).fit([[0.0], [1.0]], [1.0, 2.0], [1.0, 1.0])
    >>> tree.predict([[0.0]]).tolist()  # -G / (H + lambda) = -3 / 3
    [-1.0]
    """

    def __init__(
        self,
        reg_lambda=1.0,
        gamma=0.0,
        min_child_weight=1.0,
        max_depth=6,
        min_samples_split=2,
        min_samples_leaf=1,
        max_features=None,
        random_state=None,
    ):
        self.reg_lambda = reg_lambda
        self.gamma = gamma
        self.min_child_weight = min_child_weight
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X, gradient, hessian):
        """Grow the tree on the gradients and hessians of the loss at each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        gradient : array-like of shape (n_samples,)
            g_i = dl(y_i, F_i) / dF_i at the current predictions.
        hessian : array-like of shape (n_samples,)
            h_i = d2l(y_i, F_i) / dF_i^2 >= 0.

        Returns
        -------
        self : XGBoostRegressionTree
        """
        X, gradient = check_X_y(X, gradient, y_numeric=True, estimator=self)
        hessian = check_array(column_or_1d(hessian, "hessian", self), ensure_2d=False, name="hessian", estimator=self)
        if hessian.shape != gradient.shape or np.any(hessian < 0):
            raise ValueError(f"{type(self).__name__} expects a non-negative hessian of shape {gradient.shape}")
        criterion = _SecondOrderGain(gradient, hessian, self.reg_lambda, self.min_child_weight)
        self._grow(X, criterion, np.ones(len(gradient)))
        return self

    _split_rule_params = ("reg_lambda", "gamma", "min_child_weight")  # gamma replaces min_impurity_decrease

    def _worth_splitting(self, gain, root_weight):
        return gain > self.gamma

    def predict(self, X):
        """Leaf weight of each sample, shape (n_samples,)."""
        leaves = self.apply(X)
        return self.value_[leaves, 0]

    def _leaf_text(self, node, decimals):
        return f"weight: {self.value_[node, 0]:.{decimals}f} ({self._samples_text(node)})"
