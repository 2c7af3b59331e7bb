from itertools import combinations

import numpy as np
import pytest

from mlfromscratch.unsupervised_learning import Apriori

CLASSIC = [[1, 2, 3, 4], [1, 2, 4], [1, 2], [2, 3, 4], [2, 3], [3, 4], [2, 4]]


def _brute_force_itemsets(transactions, min_support):
    sets = [set(t) for t in transactions]
    items = sorted(set().union(*sets))
    found = []
    for size in range(1, len(items) + 1):
        for candidate in combinations(items, size):
            count = sum(set(candidate) <= t for t in sets)
            if count > 0 and count / len(sets) >= min_support:
                found.append((candidate, count / len(sets)))
    return found


def test_classic_demo_itemsets_and_rules():
    apriori = Apriori(min_support=0.25, min_confidence=0.8).fit(CLASSIC)
    itemsets = [itemset for itemset, _ in apriori.frequent_itemsets_]
    assert itemsets == [(1,), (2,), (3,), (4,), (1, 2), (1, 4), (2, 3), (2, 4), (3, 4),
                        (1, 2, 4), (2, 3, 4)]
    supports = dict(apriori.frequent_itemsets_)
    assert supports[(2,)] == pytest.approx(6 / 7)
    assert supports[(1, 4)] == pytest.approx(2 / 7)
    rules = [(r.antecedent, r.consequent, round(r.support, 2), r.confidence) for r in apriori.rules_]
    # 4 -> 2 has confidence exactly 4/5: it must pass min_confidence=0.8.
    assert rules == [((1,), (2,), 0.43, 1.0), ((4,), (2,), 0.57, 0.8), ((1, 4), (2,), 0.29, 1.0)]
    # lift = confidence / support(consequent) = 1.0 / (6/7).
    assert apriori.rules_[0].lift == pytest.approx(7 / 6)


def test_every_rule_over_threshold_is_found():
    rng = np.random.default_rng(0)
    transactions = [list(rng.choice(6, size=rng.integers(1, 6), replace=False)) for _ in range(40)]
    apriori = Apriori(min_support=0.1, min_confidence=0.5).fit(transactions)
    supports = {tuple(sorted(s)): v for s, v in apriori.frequent_itemsets_}
    expected = set()
    for itemset in supports:
        for size in range(1, len(itemset)):
            for antecedent in combinations(itemset, size):
                consequent = tuple(i for i in itemset if i not in antecedent)
                if supports[itemset] / supports[antecedent] >= 0.5 - 1e-12:
                    expected.add((antecedent, consequent))
    found = {(r.antecedent, r.consequent) for r in apriori.rules_}
    assert found == expected
    for rule in apriori.rules_:
        union = tuple(sorted(rule.antecedent + rule.consequent))
        assert rule.support == pytest.approx(supports[union])
        assert rule.confidence == pytest.approx(supports[union] / supports[rule.antecedent])
        assert rule.lift == pytest.approx(rule.confidence / supports[rule.consequent])


@pytest.mark.parametrize("min_support", [0.05, 0.2, 0.5, 1.0])
def test_matches_brute_force(min_support):
    rng = np.random.default_rng(1)
    transactions = [list(rng.choice(7, size=rng.integers(0, 7), replace=False)) for _ in range(30)]
    found = [(tuple(int(i) for i in s), v) for s, v in Apriori(min_support).fit(transactions).frequent_itemsets_]
    assert found == _brute_force_itemsets(transactions, min_support)


def test_string_items_ragged_transactions_and_duplicates():
    transactions = [["milk", "bread"], ["bread", "butter", "bread"], ["milk", "bread", "butter", "jam"], []]
    apriori = Apriori(min_support=0.5, min_confidence=1.0).fit(transactions)
    assert apriori.frequent_itemsets_ == [
        (("bread",), 0.75), (("butter",), 0.5), (("milk",), 0.5),
        (("bread", "butter"), 0.5), (("bread", "milk"), 0.5),
    ]
    assert [(r.antecedent, r.consequent) for r in apriori.rules_] == [
        (("butter",), ("bread",)), (("milk",), ("bread",)),
    ]
    # Mixed item types (not sortable together) keep their order of first appearance.
    mixed = Apriori(min_support=0.5).fit([[1, "a"], ["a", 1], ["a"]])
    assert [s for s, _ in mixed.frequent_itemsets_] == [(1,), ("a",), (1, "a")]


def test_invariants():
    transactions = [list(t) for t in CLASSIC]
    apriori = Apriori(0.25, 0.8)
    assert apriori.fit(transactions) is apriori
    assert transactions == CLASSIC
    first = list(apriori.frequent_itemsets_)
    apriori.fit([[1], [1, 2]])
    assert [s for s, _ in apriori.frequent_itemsets_] == [(1,), (2,), (1, 2)]
    assert Apriori(0.25, 0.8).fit(iter(CLASSIC)).frequent_itemsets_ == first


@pytest.mark.parametrize("min_support", [0, -0.1, 1.5, "0.3", None])
def test_bad_min_support(min_support):
    with pytest.raises(ValueError, match="min_support"):
        Apriori(min_support=min_support).fit(CLASSIC)


def test_bad_input():
    with pytest.raises(ValueError, match="min_confidence"):
        Apriori(min_confidence=1.2).fit(CLASSIC)
    with pytest.raises(ValueError, match="at least one transaction"):
        Apriori().fit([])
    with pytest.raises(ValueError, match="list of items"):
        Apriori().fit([1, 2, 3])
    with pytest.raises(ValueError, match="hashable"):
        Apriori().fit([[[1], 2]])


EVERY_ITEM_FREQUENT = [list(range(18))] * 8 + [list(range(0, 18, 2)), list(range(1, 18, 2))]


@pytest.mark.parametrize("max_len", [1, 2, 3])
def test_max_len_keeps_the_short_itemsets(max_len):
    rng = np.random.default_rng(1)
    transactions = [list(rng.choice(7, size=rng.integers(0, 7), replace=False)) for _ in range(30)]
    expected = [(s, v) for s, v in _brute_force_itemsets(transactions, 0.1) if len(s) <= max_len]
    found = Apriori(0.1, max_len=max_len).fit(transactions).frequent_itemsets_
    assert [(tuple(int(i) for i in s), v) for s, v in found] == expected
    # Rules only come from the itemsets found: none longer than max_len.
    assert all(len(r.antecedent) + len(r.consequent) <= max_len
               for r in Apriori(0.1, 0.3, max_len=max_len).fit(transactions).rules_)


def test_every_item_frequent_finishes_with_max_len():
    # 18 items in 80% of the baskets: all 2^18 - 1 itemsets are frequent (this used to hang).
    apriori = Apriori(min_support=0.5, min_confidence=0.8, max_len=3).fit(EVERY_ITEM_FREQUENT)
    assert len(apriori.frequent_itemsets_) == 18 + 153 + 816
    assert max(len(s) for s, _ in apriori.frequent_itemsets_) == 3
    # Each 2-itemset gives 2 rules and each 3-itemset 6, all with confidence >= 0.8.
    assert len(apriori.rules_) == 153 * 2 + 816 * 6


def test_exploding_itemsets_stop_with_a_clear_error():
    with pytest.raises(ValueError, match=r"max_itemsets=50000 .*min_support.*max_len"):
        Apriori(min_support=0.5).fit(EVERY_ITEM_FREQUENT)  # the default guard, within seconds
    with pytest.raises(ValueError, match="max_itemsets=100 "):
        Apriori(min_support=0.5, max_itemsets=100).fit(EVERY_ITEM_FREQUENT)
    with pytest.raises(ValueError, match=r"max_rules=1000 .*min_confidence.*max_len"):
        Apriori(min_support=0.5, max_len=3, max_rules=1000).fit(EVERY_ITEM_FREQUENT)
    # Exactly at the limits is allowed; None lifts them.
    fitted = Apriori(min_support=0.5, max_len=2, max_itemsets=171, max_rules=306).fit(EVERY_ITEM_FREQUENT)
    assert len(fitted.frequent_itemsets_) == 171 and len(fitted.rules_) == 306
    assert len(Apriori(0.5, max_len=4, max_itemsets=None, max_rules=None).fit(EVERY_ITEM_FREQUENT).rules_) == (
        153 * 2 + 816 * 6 + 3060 * 14)


@pytest.mark.parametrize("name, value", [
    ("min_support", np.nan), ("min_confidence", np.nan), ("min_confidence", -0.1), ("max_len", 0),
    ("max_len", 2.5), ("max_len", np.inf), ("max_itemsets", 0), ("max_itemsets", np.nan), ("max_rules", -5),
    ("max_rules", "10"),
])
def test_bad_limits_are_named(name, value):
    with pytest.raises(ValueError, match=name):
        Apriori().set_params(**{name: value}).fit(CLASSIC)
