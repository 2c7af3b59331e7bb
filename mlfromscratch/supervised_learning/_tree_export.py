"""A fitted decision tree as indented text (``DecisionTree.export_text``), kept apart from the algorithm."""

import numpy as np


def export_text(tree, feature_names=None, max_depth=10, decimals=2):
    """The fitted ``tree`` as indented text, one line per branch.

    Parameters
    ----------
    tree : ClassificationTree, RegressionTree or XGBoostRegressionTree
        A fitted tree.
    feature_names : list of str, optional
        Defaults to ``feature_0, feature_1, ...``.
    max_depth : int or None, default=10
        Splits down to this depth are shown; deeper branches read "truncated branch".
    decimals : int, default=2

    Returns
    -------
    text : str

    Examples
    --------
    >>> from mlfromscratch.supervised_learning import RegressionTree
    >>> tree = RegressionTree(max_depth=1).fit([[0.0], [1.0], [2.0], [3.0]], [1.0, 1.0, 5.0, 7.0])
    >>> print(export_text(tree, ["x"]))
    |--- x <= 1.50
    |   |--- value: 1.00 (2 samples)
    |--- x >  1.50
    |   |--- value: 6.00 (2 samples)
    """
    n_features = tree.n_features_in_
    names = feature_names if feature_names is not None else [f"feature_{j}" for j in range(n_features)]
    if len(names) != n_features:
        raise ValueError(f"feature_names has {len(names)} names for {n_features} features")
    lines = []
    stack = [0]  # entries are node ids, or finished lines; a stack keeps any depth safe
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            lines.append(item)
            continue
        node = tree.nodes_[item]
        prefix = "|   " * node.depth + "|--- "
        if node.feature < 0:
            lines.append(prefix + _leaf_text(tree, item, decimals))
        elif max_depth is not None and node.depth > max_depth:
            lines.append(prefix + f"truncated branch ({_samples_text(node)})")
        else:
            name = names[node.feature]
            stack.append(node.right)
            stack.append(f"{prefix}{name} >  {node.threshold:.{decimals}f}")
            stack.append(node.left)
            stack.append(f"{prefix}{name} <= {node.threshold:.{decimals}f}")
    return "\n".join(lines)


def _leaf_text(tree, node_id, decimals):
    """What a leaf predicts (read from ``value_``, as ``predict`` does), and how many samples it holds."""
    value = tree.value_[node_id]
    samples = _samples_text(tree.nodes_[node_id])
    if hasattr(tree, "classes_"):
        return f"class: {tree.classes_[np.argmax(value)]} ({samples})"
    return f"{tree._leaf_name}: {value[0]:.{decimals}f} ({samples})"


def _samples_text(node):
    return f"{node.n_samples} sample" if node.n_samples == 1 else f"{node.n_samples} samples"
