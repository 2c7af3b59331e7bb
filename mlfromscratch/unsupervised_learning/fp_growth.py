"""FP-Growth: frequent itemsets from a compressed prefix tree, without candidate generation."""

from mlfromscratch.unsupervised_learning.apriori import (
    check_itemset_count,
    check_params,
    decode_results,
    encode_transactions,
    generate_rules,
    min_count,
)
from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import check_is_fitted


class FPNode:
    """A node of an FP-tree: an item, how many transactions pass through it, and links.

    Attributes
    ----------
    item : int or None
        Item code (None at the root).
    count : int
    parent : FPNode or None
    children : dict of item -> FPNode
    """

    def __init__(self, item, parent):
        self.item = item
        self.count = 0
        self.parent = parent
        self.children = {}

    def prefix_path(self):
        """Items on the path from this node's parent up to (not including) the root."""
        path = []
        node = self.parent
        while node.item is not None:
            path.append(node.item)
            node = node.parent
        return path[::-1]


def build_fp_tree(weighted_transactions, threshold):
    """Build an FP-tree from (items, weight) pairs, keeping only frequent items.

    Parameters
    ----------
    weighted_transactions : list of (iterable of int, int)
        Transactions (or conditional prefix paths) and how many times each occurs.
    threshold : int
        Minimum count of a frequent item.

    Returns
    -------
    root : FPNode
    header : dict of item -> list of FPNode
        Every node of each frequent item (the "node links").
    item_counts : dict of item -> int
        Count of each frequent item.
    """
    item_counts = {}
    for items, weight in weighted_transactions:
        for item in items:
            item_counts[item] = item_counts.get(item, 0) + weight
    item_counts = {item: c for item, c in item_counts.items() if c >= threshold}
    # Insert items by decreasing count (ties by code) so common prefixes are shared.
    rank = {item: r for r, item in enumerate(sorted(item_counts, key=lambda i: (-item_counts[i], i)))}

    root = FPNode(None, None)
    header = {item: [] for item in rank}
    for items, weight in weighted_transactions:
        node = root
        for item in sorted((i for i in items if i in rank), key=rank.__getitem__):
            child = node.children.get(item)
            if child is None:
                child = node.children[item] = FPNode(item, node)
                header[item].append(child)
            child.count += weight
            node = child
    return root, header, item_counts


def mine_fp_tree(header, item_counts, threshold, suffix, counts, max_len=None, max_itemsets=None):
    """Add every frequent itemset ending with ``suffix`` to ``counts`` (FP-Growth recursion).

    For each frequent item a (least frequent first), ``suffix + {a}`` is
    frequent; the prefix paths of a's nodes, weighted by the nodes' counts, form
    a's conditional pattern base, whose own FP-tree is mined for longer itemsets
    (up to ``max_len`` items; None: no limit). The recursion depth is at most
    the number of distinct items. More than ``max_itemsets`` itemsets in
    ``counts`` raise a ``ValueError`` (None: no limit).
    """
    for item in sorted(item_counts, key=lambda i: (item_counts[i], -i)):
        itemset = tuple(sorted(suffix + (item,)))
        counts[itemset] = item_counts[item]
        check_itemset_count(counts, max_itemsets, "FPGrowth")
        if max_len is not None and len(itemset) >= max_len:
            continue  # no longer itemsets wanted: skip a's conditional tree
        base = [(node.prefix_path(), node.count) for node in header[item]]
        _, conditional_header, conditional_counts = build_fp_tree(base, threshold)
        if conditional_counts:
            mine_fp_tree(conditional_header, conditional_counts, threshold, suffix + (item,), counts,
                         max_len, max_itemsets)


class FPGrowth(BaseEstimator):
    """Frequent itemsets and association rules with the FP-Growth algorithm.

    Parameters
    ----------
    min_support : float, default=0.25
        Fraction of transactions, in (0, 1], that an itemset must appear in.
    min_confidence : float, default=0.8
        Fraction in [0, 1]: minimum confidence of a rule.
    max_len : int or None, default=None
        Longest itemset to look for (None: no limit), as in mlxtend.
    max_itemsets : int or None, default=50000
        Stop with a ``ValueError`` when there are more frequent itemsets than
        this (None: no limit); see Notes on the cost.
    max_rules : int or None, default=100000
        Stop with a ``ValueError`` when there are more rules than this (None:
        no limit).

    Attributes
    ----------
    frequent_itemsets_ : list of FrequentItemset (itemset, support)
        Same content and order as ``Apriori.frequent_itemsets_``.
    rules_ : list of Rule (antecedent, consequent, support, confidence, lift)
        Same as ``Apriori.rules_`` (the same rule generator is used).
    tree_ : FPNode
        Root of the FP-tree of all transactions (see ``format_tree``).
    n_transactions_ : int
    items_ : list
        The distinct items in canonical order; ``items_[code]`` decodes a node's item.

    Notes
    -----
    Two passes over the data: count the items, then insert every transaction,
    restricted to its frequent items sorted by decreasing count, into a prefix
    tree whose nodes carry counts. Transactions that share their most frequent
    items share a path, so the tree is usually much smaller than the data.

    Mining needs no candidates: the itemsets that end in item a are found in
    a's conditional pattern base (the tree paths leading to a's nodes, each
    weighted by the node's count), which is itself turned into an FP-tree and
    mined recursively. Supports are the same fractions as in Apriori, and the
    output is sorted the same way, so both algorithms return identical lists.

    Cost: no candidates, but the output can still be exponential. When n items
    are all frequent there are 2^n - 1 frequent itemsets and about 3^n rules
    (18 items: 262,143 itemsets, 387 million rules); ``max_len`` bounds the
    itemset size, and ``max_itemsets`` / ``max_rules`` stop such a run at once
    with an error that says what to change (the same guards as Apriori's).

    References
    ----------
    Han, J., Pei, J. and Yin, Y. (2000). Mining frequent patterns without
    candidate generation. SIGMOD, 1-12.

    Examples
    --------
    >>> transactions = [[1, 2, 3, 4], [1, 2, 4], [1, 2], [2, 3, 4], [2, 3], [3, 4], [2, 4]]
    >>> fp = FPGrowth(min_support=0.25).fit(transactions)
    >>> len(fp.frequent_itemsets_)
    11
    >>> print(fp.format_tree())
    null
    +-- 2:6
    |   +-- 4:4
    |   |   +-- 3:2
    |   |   |   +-- 1:1
    |   |   +-- 1:1
    |   +-- 1:1
    |   +-- 3:1
    +-- 4:1
        +-- 3:1
    """

    def __init__(self, min_support=0.25, min_confidence=0.8, max_len=None, max_itemsets=50000,
                 max_rules=100000):
        self.min_support = min_support
        self.min_confidence = min_confidence
        self.max_len = max_len
        self.max_itemsets = max_itemsets
        self.max_rules = max_rules

    def fit(self, transactions, y=None):
        """Find the frequent itemsets and rules of ``transactions``.

        Parameters
        ----------
        transactions : iterable of iterables of hashable items
        y : ignored

        Returns
        -------
        self : FPGrowth
        """
        min_support, min_confidence = check_params(self)
        encoded, items = encode_transactions(transactions, "FPGrowth")
        n_transactions = len(encoded)
        threshold = min_count(min_support, n_transactions)

        root, header, item_counts = build_fp_tree([(t, 1) for t in encoded], threshold)
        counts = {}
        mine_fp_tree(header, item_counts, threshold, (), counts, self.max_len, self.max_itemsets)

        rules = generate_rules(counts, n_transactions, min_confidence, self.max_rules, "FPGrowth")
        self.frequent_itemsets_, self.rules_ = decode_results(counts, n_transactions, rules, items)
        self.tree_ = root
        self.n_transactions_ = n_transactions
        self.items_ = items
        return self

    def format_tree(self):
        """The FP-tree as indented text, one ``item:count`` node per line.

        Children appear by decreasing count (ties by item), under a ``null`` root.

        Returns
        -------
        text : str
        """
        check_is_fitted(self, "tree_")
        lines = ["null"]
        # Depth-first with an explicit stack of (node, indentation, is last child), so deep
        # trees need no recursion; children are pushed in reverse to pop in display order.
        stack = _children_entries(self.tree_, "")
        while stack:
            node, prefix, is_last = stack.pop()
            lines.append(f"{prefix}+-- {self.items_[node.item]}:{node.count}")
            stack.extend(_children_entries(node, prefix + ("    " if is_last else "|   ")))
        return "\n".join(lines)


def _children_entries(node, prefix):
    """Stack entries for ``node``'s children, by decreasing count then item, reversed."""
    children = sorted(node.children.values(), key=lambda c: (-c.count, c.item))
    entries = [(child, prefix, i == len(children) - 1) for i, child in enumerate(children)]
    return entries[::-1]
