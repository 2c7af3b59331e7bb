"""Apriori: frequent itemsets by level-wise candidate generation, and association rules.

This module also holds the helpers that FP-Growth shares with Apriori (input
checks, the item encoding and rule generation), so both return identical results.
"""

import math
from collections import namedtuple
from itertools import combinations

import numpy as np

from mlfromscratch.utils.base import BaseEstimator
from mlfromscratch.utils.validation import check_scalar

FrequentItemset = namedtuple("FrequentItemset", ["itemset", "support"])
FrequentItemset.__doc__ = """A frequent itemset: ``itemset`` (tuple of items in canonical order) and its ``support``."""

Rule = namedtuple("Rule", ["antecedent", "consequent", "support", "confidence", "lift"])
Rule.__doc__ = """An association rule ``antecedent -> consequent`` (tuples of items) with its measures."""


def check_params(estimator):
    """Validate the hyperparameters Apriori and FP-Growth share; return (min_support, min_confidence).

    min_support in (0, 1], min_confidence in [0, 1]; ``max_len``, ``max_itemsets``
    and ``max_rules`` each an integer >= 1 or None (no limit).
    """
    min_support = check_scalar(estimator.min_support, "min_support", estimator, low=0.0, high=1.0,
                               include_low=False)
    min_confidence = check_scalar(estimator.min_confidence, "min_confidence", estimator, low=0.0, high=1.0)
    for name in ("max_len", "max_itemsets", "max_rules"):
        if getattr(estimator, name) is not None:
            check_scalar(getattr(estimator, name), name, estimator, integer=True, low=1)
    return float(min_support), float(min_confidence)


def check_itemset_count(counts, max_itemsets, estimator):
    """Stop with a clear ``ValueError`` once ``counts`` holds more than ``max_itemsets`` itemsets."""
    if max_itemsets is not None and len(counts) > max_itemsets:
        raise ValueError(
            f"{estimator}: more than max_itemsets={max_itemsets} frequent itemsets (n items that "
            f"are all frequent give up to 2^n - 1); raise min_support, set max_len (e.g. "
            f"max_len=3), or raise max_itemsets"
        )


def encode_transactions(transactions, estimator):
    """Validate transactions and encode their items as integers 0..n_items-1.

    Parameters
    ----------
    transactions : iterable of iterables of hashable items
        Duplicated items within a transaction count once.
    estimator : str
        Name used in error messages.

    Returns
    -------
    encoded : list of frozenset of int
        Each transaction as a set of item codes.
    items : list
        ``items[code]`` is the original item. Codes follow the sorted order of
        the items when they can be sorted, else the order of first appearance.
    """
    if isinstance(transactions, (str, bytes)) or not hasattr(transactions, "__iter__"):
        raise ValueError(f"{estimator} expects a list of transactions, got {type(transactions).__name__}")
    transactions = list(transactions)
    if not transactions:
        raise ValueError(f"{estimator} needs at least one transaction, got none")
    seen = {}
    for transaction in transactions:
        if isinstance(transaction, (str, bytes)) or not hasattr(transaction, "__iter__"):
            raise ValueError(
                f"{estimator} expects each transaction to be a list of items, got {transaction!r}"
            )
        for item in transaction:
            try:
                seen.setdefault(item, len(seen))
            except TypeError:
                raise ValueError(f"{estimator}: items must be hashable, got {item!r}") from None
    items = list(seen)
    try:
        items = sorted(items)
    except TypeError:
        pass  # mixed types: keep the order of first appearance
    code = {item: c for c, item in enumerate(items)}
    return [frozenset(code[item] for item in transaction) for transaction in transactions], items


def min_count(min_support, n_transactions):
    """Smallest count c with c / n_transactions >= min_support (exactly, despite rounding)."""
    c = max(math.ceil(min_support * n_transactions), 1)
    while c > 1 and (c - 1) / n_transactions >= min_support:
        c -= 1
    while c / n_transactions < min_support:
        c += 1
    return c


def generate_rules(counts, n_transactions, min_confidence, max_rules=None, estimator="Apriori"):
    """All association rules X -> Y with confidence >= ``min_confidence``.

    Parameters
    ----------
    counts : dict of tuple -> int
        Number of transactions holding each frequent itemset (tuples of item
        codes, sorted). By the Apriori property every subset of a key is also
        a key.
    n_transactions : int
    min_confidence : float
    max_rules : int or None, default=None
        Raise ``ValueError`` once more rules than this are found (None: no limit).
    estimator : str, default="Apriori"
        Name used in the error message.

    Returns
    -------
    rules : list of (antecedent, consequent, support, confidence, lift)
        Antecedents and consequents are sorted tuples of codes. Rules come in
        the order of their itemset (by size, then lexicographically) and, for
        one itemset, by growing consequent.

    Notes
    -----
    For a frequent itemset Z and a split Z = X u Y (both non-empty):
    support = s(Z), confidence = s(Z) / s(X), lift = confidence / s(Y).
    Confidence is computed from the integer counts, count(Z) / count(X), so a
    ratio such as 4/5 compares equal to 0.8 instead of falling just below it.
    For a fixed Z, moving an item from X to Y shrinks X, which can only raise
    s(X) and so lower the confidence. Consequents are therefore grown
    level-wise, only from consequents that passed (Agrawal and Srikant's
    ap-genrules), instead of trying all 2^|Z| - 2 splits.
    """
    rules = []
    for itemset in sorted(counts, key=lambda s: (len(s), s)):
        if len(itemset) < 2:
            continue
        count = counts[itemset]
        consequents = [(item,) for item in itemset]
        while consequents and len(consequents[0]) < len(itemset):
            passed = []
            for consequent in consequents:
                antecedent = tuple(i for i in itemset if i not in consequent)
                confidence = count / counts[antecedent]
                if confidence >= min_confidence:
                    lift = confidence * n_transactions / counts[consequent]
                    rules.append((antecedent, consequent, count / n_transactions, confidence, lift))
                    passed.append(consequent)
            # Consequents one item larger, all of whose subsets passed.
            consequents = _join(passed)
        if max_rules is not None and len(rules) > max_rules:
            raise ValueError(
                f"{estimator}: more than max_rules={max_rules} rules (a frequent k-itemset gives "
                f"up to 2^k - 2); raise min_confidence or min_support, set max_len, or raise max_rules"
            )
    return rules


def _join(itemsets):
    """Candidates of size k+1 from sorted k-tuples: join pairs sharing their first k-1
    items, and prune those with a k-subset that is not in ``itemsets``."""
    known = set(itemsets)
    candidates = []
    itemsets = sorted(itemsets)
    for a_pos, a in enumerate(itemsets):
        for b in itemsets[a_pos + 1:]:
            if a[:-1] != b[:-1]:
                break  # sorted: no later b shares the prefix
            candidate = a + (b[-1],)
            if all(subset in known for subset in combinations(candidate, len(a))):
                candidates.append(candidate)
    return candidates


def decode_results(counts, n_transactions, rules, items):
    """Turn code tuples back into items: (frequent itemsets, rules) as named tuples."""
    def decode(codes):
        return tuple(items[c] for c in codes)

    itemsets = [
        FrequentItemset(decode(s), counts[s] / n_transactions)
        for s in sorted(counts, key=lambda s: (len(s), s))
    ]
    rules = [Rule(decode(a), decode(c), s, conf, lift) for a, c, s, conf, lift in rules]
    return itemsets, rules


class Apriori(BaseEstimator):
    """Frequent itemsets and association rules with the Apriori algorithm.

    Parameters
    ----------
    min_support : float, default=0.25
        Fraction of transactions, in (0, 1], that an itemset must appear in
        to be frequent.
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
        Every frequent itemset (of at most ``max_len`` items) as a tuple of
        items in canonical order (sorted when the items are sortable), ordered
        by size and then lexicographically, with its support (a fraction).
    rules_ : list of Rule (antecedent, consequent, support, confidence, lift)
        Every rule X -> Y between non-empty disjoint X, Y with X u Y frequent
        and confidence >= ``min_confidence``.
    n_transactions_ : int
    items_ : list
        The distinct items, in canonical order.

    Notes
    -----
    support(Z) = |{t : Z subset of t}| / n_transactions. The Apriori property
    says every subset of a frequent itemset is frequent. Level k+1 candidates
    are therefore built by joining two frequent k-itemsets that share their
    first k-1 items, and dropped if any k-subset is not frequent; only the
    survivors are counted against the data. Counting is vectorised: each
    transaction is a row of a boolean matrix, and a candidate is contained in
    a transaction when all of its columns are True.

    Rules X -> Y of a frequent Z = X u Y have support s(Z), confidence
    s(Z) / s(X) and lift confidence / s(Y); see ``generate_rules``.

    Cost: the output itself can be exponential. When n items are all frequent
    (baskets that hold most items, or a low ``min_support``), every one of the
    2^n - 1 subsets is a frequent itemset and a k-itemset gives up to 2^k - 2
    rules, about 3^n in all: 18 such items mean 262,143 itemsets and 387
    million rules. ``max_len`` bounds the itemset size (n^k / k! itemsets of
    size k), and ``max_itemsets`` / ``max_rules`` turn a run that would take
    minutes into an immediate error that says what to change.

    References
    ----------
    Agrawal, R. and Srikant, R. (1994). Fast algorithms for mining association
    rules. VLDB, 487-499.

    Examples
    --------
    >>> transactions = [[1, 2, 3, 4], [1, 2, 4], [1, 2], [2, 3, 4], [2, 3], [3, 4], [2, 4]]
    >>> apriori = Apriori(min_support=0.25, min_confidence=0.8).fit(transactions)
    >>> [itemset for itemset, support in apriori.frequent_itemsets_][-2:]
    [(1, 2, 4), (2, 3, 4)]
    >>> [(r.antecedent, r.consequent, round(r.confidence, 2)) for r in apriori.rules_]
    [((1,), (2,), 1.0), ((4,), (2,), 0.8), ((1, 4), (2,), 1.0)]
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
            Transactions may have different lengths (and may be empty).
        y : ignored

        Returns
        -------
        self : Apriori
        """
        min_support, min_confidence = check_params(self)
        encoded, items = encode_transactions(transactions, "Apriori")
        n_transactions = len(encoded)
        threshold = min_count(min_support, n_transactions)

        # contains[t, i]: transaction t holds item i, shape (n_transactions, n_items).
        contains = np.zeros((n_transactions, len(items)), dtype=bool)
        for t, transaction in enumerate(encoded):
            contains[t, list(transaction)] = True

        counts = {}
        candidates = [(i,) for i in range(len(items))]      # level k = 1
        while candidates and (self.max_len is None or len(candidates[0]) <= self.max_len):
            frequent = []
            for candidate, count in zip(candidates, _count(contains, candidates)):
                if count >= threshold:
                    counts[candidate] = int(count)
                    frequent.append(candidate)
            check_itemset_count(counts, self.max_itemsets, "Apriori")
            candidates = _join(frequent)                     # level k + 1

        rules = generate_rules(counts, n_transactions, min_confidence, self.max_rules, "Apriori")
        self.frequent_itemsets_, self.rules_ = decode_results(counts, n_transactions, rules, items)
        self.n_transactions_ = n_transactions
        self.items_ = items
        return self


def _count(contains, candidates):
    """Number of transactions holding each candidate (tuples of equal length), shape (n,)."""
    columns = np.array(candidates, dtype=int).reshape(len(candidates), -1)  # (n_cand, k)
    counts = np.empty(len(candidates), dtype=int)
    # Blocks keep the (n_transactions, block, k) boolean array small.
    block = max(1, 2**24 // max(contains.shape[0] * columns.shape[1], 1))
    for start in range(0, len(candidates), block):
        held = contains[:, columns[start:start + block]].all(axis=2)  # (n_transactions, block)
        counts[start:start + block] = held.sum(axis=0)
    return counts
