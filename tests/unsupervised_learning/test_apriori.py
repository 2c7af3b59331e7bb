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
