"""Decision trees: classification (Gini / entropy), regression (variance) and XGBoost trees.

A decision tree asks one question per node, "is x[feature] <= threshold?", and
predicts at each leaf what its training samples have in common. CART grows it
greedily from the root:

    grow(node holding the samples S):
        if the node is at max_depth, holds too few samples or is pure: it is a leaf
        for every feature j, and every threshold t halfway between two
        consecutive distinct values of x_j in S:
            L = {i in S : x_ij <= t},  R = S - L
            gain(j, t) = N_S i(S) - N_L i(L) - N_R i(R)
        if the best gain is large enough: split the node on that (j, t),
            grow(L), grow(R)

N is a node's (weighted) number of samples and i its impurity. The three
trees differ only in the impurity. Each one is a function of S, the sum over
the node's samples of per-sample statistics s_i: the "cost" N i(node), less
the terms that cancel in the gain (for XGBoost, the regularised objective):

===========================  ======================  =====================================
tree                         statistics s_i          cost of a node with sums S = sum s_i
===========================  ======================  =====================================
ClassificationTree (gini)    w_i one_hot(y_i)        N (1 - sum_k p_k^2)  ->  - sum_k c_k^2 / N
ClassificationTree (entropy) w_i one_hot(y_i)        - N sum_k p_k log2 p_k
RegressionTree               (w_i, w_i y_i)          sum_i w_i (y_i - mean)^2  ->  - S_y^2 / N
XGBoostRegressionTree        (g_i, h_i)              - G^2 / (2 (H + lambda))
===========================  ======================  =====================================

(c_k are the weighted class counts and p_k = c_k / N; the regression
statistics are centred on the node mean in the code.) Trying every threshold
one at a time costs O(n) each, O(n^2) per feature; that is
``_best_split_reference``, the first code below. ``_best_split`` (near the end
of the file) is its speed-up, which ``fit`` runs: sort each feature once, and
the sums of every candidate left child are prefix sums of the sorted
statistics, O(n log n) per feature.

The file follows the algorithm: the plain split search first, then the
growth loop (``DecisionTree._grow``), the impurities (one small class per row
of the table) and the three trees; the fast split search and the input
checks come last.
"""

import abc

import numpy as np

from mlfromscratch.supervised_learning._tree_export import export_text as _export_text
from mlfromscratch.utils.base import BaseEstimator, ClassifierMixin, RegressorMixin
from mlfromscratch.utils.validation import (
    _is_int,
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_random_state,
    check_scalar,
    check_X_y,
    column_or_1d,
)

# --------------------------------------------------------------------------- the split search
# Try every threshold of every feature and keep the one of largest gain.


def _best_split_reference(X_node, stats, criterion, min_leaf):
    """The split of largest gain: try every threshold of every column, one at a time.

    Parameters
    ----------
    X_node : ndarray of shape (n_node, k)
        The node's samples, candidate features only.
    stats : ndarray of shape (n_stats, n_node)
        Their per-sample statistics s_i (see the module docstring).
    criterion : one of the impurity classes below
    min_leaf : int
        Samples each child must keep.

    Returns
    -------
    (column, threshold, gain) or None
        None when no threshold leaves ``min_leaf`` samples (and, for
        XGBoost, enough hessian) on both sides.
    """
    total = stats.sum(axis=1)  # S, the node's sums, (n_stats,)
    best = None
    for column in range(X_node.shape[1]):
        values = np.unique(X_node[:, column])  # sorted distinct values
        for below, above in zip(values[:-1], values[1:]):
            threshold = _midpoint(below, above)
            goes_left = X_node[:, column] <= threshold
            left, right = stats[:, goes_left].sum(axis=1), stats[:, ~goes_left].sum(axis=1)  # S_L, S_R
            if min(goes_left.sum(), (~goes_left).sum()) < min_leaf:
                continue  # a child would be too small
            if not criterion.children_allowed(left, total):
                continue  # (XGBoost) a child would hold too little hessian
            gain = criterion.cost(total) - criterion.cost(left) - criterion.cost(right)
            if best is None or gain > best[2]:  # strictly larger: ties keep the first
                best = (column, threshold, float(gain))
    return best


def _midpoint(below, above):
    """The threshold halfway between two consecutive distinct values.

    When the two are adjacent floats the midpoint rounds to one of them;
    ``below`` then keeps x <= threshold true for ``below`` only.
    """
    threshold = below / 2 + above / 2
    return float(threshold if below <= threshold < above else below)


# --------------------------------------------------------------------------- growing the tree


class Node:
    """One node of a fitted tree: a question with two children, or a leaf.

    Attributes
    ----------
    depth : int
        0 at the root.
    feature : int
        Feature the node tests; -1 at a leaf.
    threshold : float
        Samples with ``x[feature] <= threshold`` go to the left child; NaN at a leaf.
    left, right : int
        Positions of the children in the tree's ``nodes_`` list; -1 at a leaf.
    value : ndarray of shape (n_values,)
        What the node predicts: class distribution, mean target or leaf weight.
    impurity : float
        Impurity i(node) (for XGBoost trees: -1/2 G^2 / (H + lambda)).
    n_samples : int
        Training samples of positive weight that reach the node.
    weighted_n_samples : float
        Their total weight N.
    """

    def __init__(self, depth, value, impurity, n_samples, weighted_n_samples):
        self.depth = depth
        self.feature = -1
        self.threshold = np.nan
        self.left = -1
        self.right = -1
        self.value = value
        self.impurity = impurity
        self.n_samples = n_samples
        self.weighted_n_samples = weighted_n_samples

    def __repr__(self):
        if self.feature < 0:
            return f"Node(leaf, value={np.round(self.value, 3).tolist()}, n_samples={self.n_samples})"
        return f"Node(x[{self.feature}] <= {self.threshold:.4g}, left={self.left}, right={self.right})"


class DecisionTree(BaseEstimator, metaclass=abc.ABCMeta):
    """Base class of the binary decision trees: greedy growth and prediction.

    Parameters
    ----------
    max_depth : int >= 0 or None, default=None
        Maximum depth; a root-only tree has depth 0. None grows until the
        leaves are pure or too small to split.
    min_samples_split : int >= 2 or float in (0, 1], default=2
        A node with fewer samples (a fraction of n_samples when float) is a leaf.
    min_samples_leaf : int >= 1 or float in (0, 1], default=1
        Each child of a split keeps at least this many samples (a fraction
        of n_samples when float).
    min_impurity_decrease : float >= 0, default=0.0
        Split only if the gain divided by the total training weight,
        (N_t i(t) - N_L i(L) - N_R i(R)) / N, is at least this.
    max_features : int, float in (0, 1], "sqrt", "log2" or None, default=None
        Number of features drawn at random at each split (all when None;
        a fraction of n_features when float), among the features that vary
        inside the node.
    random_state : None, int or numpy.random.Generator, default=None
        Seeds the feature draws; with all features the random order still
        decides between exactly equal splits, as in scikit-learn.

    Attributes
    ----------
    n_features_in_ : int
    nodes_ : list of Node
        The tree; ``nodes_[0]`` is the root, children come after their parent.
    n_nodes_ : int
    feature_importances_ : ndarray of shape (n_features,)
        Total gain of the splits on each feature, normalised to sum to 1
        (all zeros for a root-only tree).
    feature_, threshold_, children_left_, children_right_ : ndarray of shape (n_nodes,)
        The nodes' ``feature``, ``threshold``, ``left`` and ``right`` as flat
        arrays (entry i is ``nodes_[i]``), for vectorised prediction.
    value_ : ndarray of shape (n_nodes, n_values)
        The nodes' ``value``: class distribution, mean or leaf weight.
    impurity_, n_node_samples_, weighted_n_node_samples_ : ndarray of shape (n_nodes,)

    Notes
    -----
    The growth is the recursion of the module docstring. It runs from an
    explicit stack of nodes still to split rather than by recursion, because
    a tree can be thousands of levels deep (alternating labels along a line
    peel off one sample per level); popping the left child first visits the
    nodes in the order grow(L); grow(R) would.

    Samples with weight 0 are dropped; ``min_samples_*`` count the remaining
    samples, impurities use their weights, so integer weights act like
    repeated rows.

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
    >>> tree.nodes_[0]
    Node(x[0] <= 3.5, left=1, right=2)
    """

    _leaf_name = "value"  # how export_text labels what a leaf predicts

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

    @abc.abstractmethod
    def predict(self, X):
        """What the leaf of each sample predicts."""

    def _grow(self, X, criterion, sample_weight, min_gain):
        """Grow the tree greedily from the root (every ``fit`` ends here) and return self.

        ``criterion`` is one of the impurity classes below; a split must gain
        more than ``min_gain``.
        """
        n_samples, n_features = X.shape
        max_depth, min_split, min_leaf, n_candidates = _check_tree_params(self, n_samples, n_features)
        rng = check_random_state(self.random_state, estimator=self)
        importances = np.zeros(n_features)
        nodes = []

        def add_leaf(idx, depth):
            """Append a leaf for the samples ``idx``; return its position in ``nodes``."""
            value, impurity, weight = criterion.leaf(idx)
            nodes.append(Node(depth, value, impurity, len(idx), weight))
            return len(nodes) - 1

        root = np.flatnonzero(sample_weight > 0)  # samples of weight 0 take no part
        stack = [(add_leaf(root, 0), root)]  # nodes still to split, with their samples: grow's calls to come
        while stack:
            node_id, idx = stack.pop()
            node = nodes[node_id]
            if node.depth >= max_depth or len(idx) < min_split or criterion.is_pure(idx):
                continue  # the node stays a leaf
            split = self._find_split(X, idx, criterion, n_candidates, min_leaf, rng)
            if split is None:
                continue  # no feature varies, or no threshold leaves both children big enough
            feature, threshold, gain = split
            if gain <= min_gain:
                continue  # the best split does not gain enough: the node stays a leaf
            node.feature, node.threshold = feature, threshold
            importances[feature] += gain
            goes_left = X[idx, feature] <= threshold
            left, right = idx[goes_left], idx[~goes_left]
            node.left = add_leaf(left, node.depth + 1)
            node.right = add_leaf(right, node.depth + 1)
            # grow(L); grow(R): popped left first, so depth first, left before right
            stack.append((node.right, right))
            stack.append((node.left, left))

        total = importances.sum()
        self._store(nodes, importances / total if total > 0 else importances, n_features)
        return self

    def _find_split(self, X, idx, criterion, n_candidates, min_leaf, rng):
        """Best (feature, threshold, gain) for the node holding the samples ``idx``, or None.

        ``max_features``: the ``n_candidates`` features are drawn among those
        that vary inside the node (a constant feature cannot split it), as
        scikit-learn does. ``_best_split`` returns what ``_best_split_reference``
        (top of the file) would, only faster.
        """
        X_node = X[idx]  # (n_node, n_features)
        varying = np.flatnonzero(X_node.max(axis=0) > X_node.min(axis=0))
        if varying.size == 0:
            return None
        features = rng.permutation(varying)[:n_candidates]
        split = _best_split(X_node[:, features], criterion.stats(idx), criterion, min_leaf)
        if split is None:
            return None
        column, threshold, gain = split
        return int(features[column]), threshold, gain

    def _store(self, nodes, feature_importances, n_features):
        """Keep the grown tree, and the same tree as flat arrays (entry i is node i) for ``apply``."""
        self.n_features_in_ = n_features
        self.nodes_ = nodes
        self.n_nodes_ = len(nodes)
        self.feature_importances_ = feature_importances
        self.feature_ = np.array([node.feature for node in nodes], dtype=np.intp)
        self.threshold_ = np.array([node.threshold for node in nodes], dtype=np.float64)
        self.children_left_ = np.array([node.left for node in nodes], dtype=np.intp)
        self.children_right_ = np.array([node.right for node in nodes], dtype=np.intp)
        self.value_ = np.array([node.value for node in nodes], dtype=np.float64)  # (n_nodes, n_values)
        self.impurity_ = np.array([node.impurity for node in nodes], dtype=np.float64)
        self.n_node_samples_ = np.array([node.n_samples for node in nodes], dtype=np.intp)
        self.weighted_n_node_samples_ = np.array([node.weighted_n_samples for node in nodes], dtype=np.float64)

    def apply(self, X):
        """Index of the leaf that each sample lands in.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        leaves : ndarray of int of shape (n_samples,)
            Positions in ``nodes_`` (so below ``n_nodes_``); the same leaf
            always has the same index.
        """
        check_is_fitted(self, "nodes_")
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        node = np.zeros(len(X), dtype=np.intp)  # every sample starts at the root
        active = np.arange(len(X))  # samples not yet in a leaf
        # one level down per step for all active samples at once, instead of a walk per sample
        while active.size:
            current = node[active]
            internal = self.feature_[current] >= 0
            active, current = active[internal], current[internal]
            goes_left = X[active, self.feature_[current]] <= self.threshold_[current]
            node[active] = np.where(goes_left, self.children_left_[current], self.children_right_[current])
        return node

    def get_depth(self):
        """Depth of the fitted tree (0 for a root-only tree)."""
        check_is_fitted(self, "nodes_")
        return max(node.depth for node in self.nodes_)

    def get_n_leaves(self):
        """Number of leaves of the fitted tree."""
        check_is_fitted(self, "nodes_")
        return sum(node.feature < 0 for node in self.nodes_)

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
        check_is_fitted(self, "nodes_")
        return _export_text(self, feature_names, max_depth, decimals)

    def print_tree(self, feature_names=None, max_depth=10, decimals=2):
        """The classic name of ``export_text``: returns the text, ``print`` it to show it."""
        return self.export_text(feature_names=feature_names, max_depth=max_depth, decimals=decimals)


# --------------------------------------------------------------------------- impurities


class _Criterion:
    """What a tree asks its impurity about the samples ``idx`` of a node.

    There is one subclass per row of the module docstring's table: the three
    trees differ only in which one they pass to ``DecisionTree._grow``.

    - ``stats(idx)``: the per-sample statistics s_i, shape (n_stats, n_node).
    - ``cost(S)``: the cost of a node whose statistics sum to S, shape
      (n_stats, ...) (trailing axes score many nodes at once). The gain of a
      split is cost(S) - cost(S_L) - cost(S_R).
    - ``leaf(idx)``: (value, impurity, N) of the node as a leaf: what it
      predicts, its impurity i, and its total weight.
    - ``is_pure(idx)``: True when all the node's targets are equal.

    Two more serve the split search, with the defaults below. Given the left
    sums of many thresholds at once, ``left`` of shape (n_stats, k, n_thresholds),
    ``children_cost(left, total)`` = cost(S_L) + cost(S - S_L) and
    ``children_allowed(left, total)`` says which thresholds the criterion
    accepts (all, except in XGBoost trees).
    """

    def children_cost(self, left, total):
        return self.cost(left) + self.cost(total[:, None, None] - left)

    def children_allowed(self, left, total):
        return True


class _ClassCounts(_Criterion):
    """Gini and entropy: statistics s_i = w_i one_hot(y_i), summing to the weighted class counts c_k.

    A node holds N = sum_k c_k and predicts the class distribution p_k = c_k / N.
    """

    def __init__(self, y_encoded, sample_weight, n_classes):
        self.y = y_encoded
        self.w = sample_weight
        self.one_hot = np.zeros((n_classes, len(y_encoded)))  # (n_classes, n_samples)
        self.one_hot[y_encoded, np.arange(len(y_encoded))] = sample_weight

    def stats(self, idx):
        return self.one_hot[:, idx]

    def leaf(self, idx):
        counts = np.bincount(self.y[idx], weights=self.w[idx], minlength=len(self.one_hot))
        weight = counts.sum()
        p = counts / weight  # the leaf predicts the class distribution
        return p, self.impurity(p), weight

    def is_pure(self, idx):
        y = self.y[idx]
        return y.min() == y.max()


class _Gini(_ClassCounts):
    """Gini impurity i = 1 - sum_k p_k^2; cost(c) = -sum_k c_k^2 / N."""

    def impurity(self, p):
        return 1.0 - p @ p

    def cost(self, counts):
        # N (1 - sum_k p_k^2) = N - sum_k c_k^2 / N, without the N that cancels in the gain
        return -_ratio(np.einsum("k...,k...->...", counts, counts), counts.sum(axis=0))

    def children_cost(self, left, total):
        # speed-up: sum_k R_k^2 = sum_k T_k^2 - 2 T.L + sum_k L_k^2 spares building R = T - L
        left_squares = np.einsum("k...,k...->...", left, left)
        right_squares = total @ total - 2.0 * np.tensordot(total, left, axes=1) + left_squares
        n_left = left.sum(axis=0)
        return -_ratio(left_squares, n_left) - _ratio(right_squares, total.sum() - n_left)


class _Entropy(_ClassCounts):
    """Entropy i = -sum_k p_k log2 p_k; cost(c) = N i = N log2 N - sum_k c_k log2 c_k."""

    def impurity(self, p):
        return -_xlog2x(p).sum()

    def cost(self, counts):
        # - N sum_k p_k log2 p_k = N log2 N - sum_k c_k log2 c_k
        return _xlog2x(counts.sum(axis=0)) - _xlog2x(counts).sum(axis=0)


class _Variance(_Criterion):
    """Variance i = sum_i w_i (y_i - mean)^2 / N; cost(S) = -S_y^2 / N.

    The statistics s_i = (w_i, w_i (y_i - m)), with m the node's mean, sum to
    S = (N, S_y). N i = sum_i w_i y_i^2 - S_y^2 / N, and the first sum cancels
    in the gain. A node predicts its weighted mean.
    """

    def __init__(self, y, sample_weight):
        self.y = y
        self.w = sample_weight

    def stats(self, idx):
        y, w = self.y[idx], self.w[idx]
        # centring on the node mean m keeps S_y^2 / N free of cancellation; the gain does not change
        deviation = y - w @ y / w.sum()
        return np.array([w, w * deviation])  # (2, n_node)

    def leaf(self, idx):
        y, w = self.y[idx], self.w[idx]
        weight = w.sum()
        mean = w @ y / weight  # the leaf predicts the mean
        return np.array([mean]), w @ (y - mean) ** 2 / weight, weight

    def is_pure(self, idx):
        y = self.y[idx]
        return y.min() == y.max()

    def cost(self, stats):
        # sum_i w_i (y_i - mean)^2 = sum_i w_i y_i^2 - S_y^2 / N, without the first sum (it cancels)
        return -_ratio(stats[1] ** 2, stats[0])


class _SecondOrderGain(_Criterion):
    """XGBoost's objective: statistics s_i = (g_i, h_i), cost(G, H) = -1/2 G^2 / (H + lambda).

    A node predicts the weight w* = -G / (H + lambda) that minimises
    G w + 1/2 (H + lambda) w^2, whose value is that cost. Each child of a split
    needs H >= min_child_weight.
    """

    def __init__(self, gradient, hessian, reg_lambda, min_child_weight):
        self.gh = np.vstack([gradient, hessian])  # (2, n_samples)
        self.reg_lambda = reg_lambda
        self.min_child_weight = min_child_weight

    def stats(self, idx):
        return self.gh[:, idx]

    def leaf(self, idx):
        G, H = self.gh[:, idx].sum(axis=1)
        weight = -float(_ratio(G, H + self.reg_lambda))  # w* = -G / (H + lambda)
        return np.array([weight]), float(self.cost(np.array([G, H]))), float(len(idx))

    def is_pure(self, idx):
        return False  # gradients are never "pure": gamma and min_child_weight stop the growth

    def cost(self, stats):
        # objective at the optimal leaf weight: -1/2 G^2 / (H + lambda)
        return -0.5 * _ratio(stats[0] ** 2, stats[1] + self.reg_lambda)

    def children_allowed(self, left, total):
        # each child needs a hessian sum of at least min_child_weight
        return (left[1] >= self.min_child_weight) & (total[1] - left[1] >= self.min_child_weight)


# numerical helpers of the costs above


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


# --------------------------------------------------------------------------- the three trees


class ClassificationTree(ClassifierMixin, DecisionTree):
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
    decrease N_t i(t) - N_L i(L) - N_R i(R), with N the (weighted) sample counts.
    A node is a leaf when it is pure, too small, at ``max_depth``, or when no
    feature varies inside it; it predicts its class distribution.

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
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.min_impurity_decrease = min_impurity_decrease
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Grow the tree on (X, y).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Labels of any sortable type.
        sample_weight : array-like of shape (n_samples,), optional
            Non-negative weights with a positive sum (counts with bootstrap,
            AdaBoost's weights); samples of weight 0 are ignored.

        Returns
        -------
        self : ClassificationTree
        """
        X, y = check_X_y(X, y, estimator=self)
        check_option(self.criterion, "criterion", ("gini", "entropy"), self)
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", self, low=0.0)
        self.classes_, y_encoded = check_classification_targets(y, estimator=self)
        sample_weight = _check_sample_weight(sample_weight, len(y), self)
        impurity = _Gini if self.criterion == "gini" else _Entropy
        criterion = impurity(y_encoded, sample_weight, len(self.classes_))
        # gain / N >= min_impurity_decrease, with a tolerance so that a zero gain still splits (XOR)
        min_gain = (self.min_impurity_decrease - 1e-12) * sample_weight.sum()
        return self._grow(X, criterion, sample_weight, min_gain)

    def predict_proba(self, X):
        """Class distribution of the leaf of each sample, shape (n_samples, n_classes)."""
        leaves = self.apply(X)
        return self.value_[leaves]

    def predict(self, X):
        """Most frequent (weighted) class in the leaf of each sample; ties go to the first label."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]


class RegressionTree(RegressorMixin, DecisionTree):
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
            Non-negative weights with a positive sum; samples of weight 0 are ignored.

        Returns
        -------
        self : RegressionTree
        """
        X, y = check_X_y(X, y, y_numeric=True, estimator=self)
        check_scalar(self.min_impurity_decrease, "min_impurity_decrease", self, low=0.0)
        sample_weight = _check_sample_weight(sample_weight, len(y), self)
        min_gain = (self.min_impurity_decrease - 1e-12) * sample_weight.sum()
        return self._grow(X, _Variance(y, sample_weight), sample_weight, min_gain)

    def predict(self, X):
        """Mean target of the leaf of each sample, shape (n_samples,)."""
        leaves = self.apply(X)
        return self.value_[leaves, 0]


class XGBoostRegressionTree(DecisionTree):
    """Regression tree on gradients and hessians, the base learner of XGBoost.

    It is fitted on the loss's derivatives, not on targets, so it has no
    ``score``; ``XGBoost`` and ``XGBoostRegressor`` are the estimators.

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

    _leaf_name = "weight"

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
        for name in ("reg_lambda", "gamma", "min_child_weight"):
            check_scalar(getattr(self, name), name, self, low=0.0)
        criterion = _SecondOrderGain(gradient, hessian, self.reg_lambda, self.min_child_weight)
        return self._grow(X, criterion, np.ones(len(gradient)), min_gain=self.gamma)

    def predict(self, X):
        """Leaf weight of each sample, shape (n_samples,)."""
        leaves = self.apply(X)
        return self.value_[leaves, 0]


# --------------------------------------------------------------------------- split search, fast
# The split search that ``fit`` runs: ``_best_split_reference`` vectorised.


def _best_split(X_node, stats, criterion, min_leaf):
    """``_best_split_reference`` vectorised: every threshold of every column scored at once.

    Sort each column once. With the samples in that order, the left child of
    the threshold after position i holds the first i + 1 samples, so its sums
    are the prefix sums S_L(i) = s_1 + ... + s_{i+1} and the right child's
    are S - S_L(i): one ``cumsum`` per column prices all thresholds, and the
    best split is the one whose two children cost least. Same parameters,
    same result (ties go to the first column, then the lowest threshold).
    """
    n, k = X_node.shape
    if n < 2 * min_leaf:
        return None
    order = np.argsort(X_node.T, axis=1)  # (k, n), each column sorted once
    values = X_node.T[np.arange(k)[:, None], order]  # (k, n), sorted values
    # position i sends the first i + 1 sorted samples left; only positions
    # lo .. hi - 1 leave min_leaf samples on each side
    lo, hi = min_leaf - 1, n - min_leaf
    left = np.cumsum(stats[:, order[:, :hi]], axis=2)  # (n_stats, k, hi), the S_L(i)
    total = stats.sum(axis=1)  # (n_stats,), S
    children = criterion.children_cost(left, total)  # (k, hi), cost(L) + cost(R)
    valid = values[:, 1 : hi + 1] > values[:, :hi]  # a threshold fits between distinct values
    valid[:, :lo] = False
    valid &= criterion.children_allowed(left, total)
    if not valid.any():
        return None
    children = np.where(valid, children, np.inf)
    position = np.argmin(children, axis=1)  # best threshold of each column
    best = children[np.arange(k), position]
    column = int(np.argmin(best))  # first best column
    i = position[column]
    threshold = _midpoint(values[column, i], values[column, i + 1])
    return column, threshold, float(criterion.cost(total) - best[column])


# --------------------------------------------------------------------------- validation


def _check_sample_weight(sample_weight, n_samples, estimator):
    """``sample_weight`` as a float array of shape (n_samples,): finite, >= 0, with a positive sum."""
    if sample_weight is None:
        return np.ones(n_samples)
    name = type(estimator).__name__
    sample_weight = check_array(sample_weight, ensure_2d=False, name="sample_weight", estimator=estimator)
    if sample_weight.shape != (n_samples,):
        raise ValueError(f"{name} expects sample_weight of shape ({n_samples},), got {sample_weight.shape}")
    if np.any(sample_weight < 0):
        raise ValueError(f"{name} got negative sample_weight; weights must be >= 0")
    if not np.any(sample_weight > 0):
        raise ValueError(f"{name} got sample_weight that are all zero; at least one sample needs a positive weight")
    return sample_weight


def _check_tree_params(estimator, n_samples, n_features):
    """The growth limits of a tree (or forest) as plain numbers, after checking each one.

    Returns
    -------
    max_depth : int or inf
    min_split : int
        ``min_samples_split``, at least 2 * ``min_samples_leaf``.
    min_leaf : int
    n_candidates : int
        Features tried per split (``max_features``), at least 1.
    """
    name = type(estimator).__name__
    max_depth = estimator.max_depth
    if max_depth is None:
        max_depth = np.inf
    elif not (_is_int(max_depth) and max_depth >= 0):
        raise ValueError(f"{name}: max_depth must be None or an integer >= 0, got {max_depth!r}")
    min_split = _count_or_fraction(estimator.min_samples_split, "min_samples_split", 2, n_samples, name)
    min_leaf = _count_or_fraction(estimator.min_samples_leaf, "min_samples_leaf", 1, n_samples, name)
    max_features = estimator.max_features
    if max_features is None:
        k = n_features
    elif isinstance(max_features, str) and max_features in ("sqrt", "log2"):
        k = int(np.sqrt(n_features) if max_features == "sqrt" else np.log2(n_features))
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


def _count_or_fraction(value, name, minimum, n_samples, estimator_name):
    """An int >= minimum, or a fraction in (0, 1] of n_samples (rounded up)."""
    if _is_int(value) and value >= minimum:
        return int(value)
    if isinstance(value, float) and 0 < value <= 1:
        return max(int(np.ceil(value * n_samples)), minimum)
    raise ValueError(f"{estimator_name}: {name} must be an integer >= {minimum} or a float in (0, 1], got {value!r}")
