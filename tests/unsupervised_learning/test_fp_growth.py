import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlfromscratch.unsupervised_learning import Apriori, FPGrowth
from mlfromscratch.utils.validation import NotFittedError

CLASSIC = [[1, 2, 3, 4], [1, 2, 4], [1, 2], [2, 3, 4], [2, 3], [3, 4], [2, 4]]


def test_classic_demo_and_tree():
    fp = FPGrowth(min_support=0.25, min_confidence=0.8).fit(CLASSIC)
    apriori = Apriori(min_support=0.25, min_confidence=0.8).fit(CLASSIC)
    assert fp.frequent_itemsets_ == apriori.frequent_itemsets_
    assert fp.rules_ == apriori.rules_
    # Item counts 2:6, 4:5, 3:4, 1:3 fix the insertion order 2, 4, 3, 1, e.g. [1, 2, 3, 4] -> 2-4-3-1.
    assert fp.format_tree().splitlines() == [
        "null",
        "+-- 2:6",
        "|   +-- 4:4",
        "|   |   +-- 3:2",
        "|   |   |   +-- 1:1",
        "|   |   +-- 1:1",
        "|   +-- 1:1",
        "|   +-- 3:1",
        "+-- 4:1",
        "    +-- 3:1",
    ]


def test_infrequent_items_left_out_of_tree():
    fp = FPGrowth(min_support=0.5).fit([["a", "b"], ["a", "c"], ["a", "b", "d"]])
    assert fp.format_tree() == "null\n+-- a:3\n    +-- b:2"
    assert [s for s, _ in fp.frequent_itemsets_] == [("a",), ("b",), ("a", "b")]


transactions_strategy = st.lists(
    st.lists(st.integers(min_value=0, max_value=7), max_size=7), min_size=1, max_size=25
)


@settings(max_examples=150, deadline=None)
@given(
    transactions=transactions_strategy,
    min_support=st.sampled_from([0.01, 0.1, 0.2, 0.25, 0.3, 1 / 3, 0.5, 0.8, 1.0]),
    min_confidence=st.sampled_from([0.0, 0.5, 0.8, 1.0]),
)
def test_same_itemsets_and_rules_as_apriori(transactions, min_support, min_confidence):
    fp = FPGrowth(min_support, min_confidence).fit(transactions)
    apriori = Apriori(min_support, min_confidence).fit(transactions)
    assert fp.frequent_itemsets_ == apriori.frequent_itemsets_
    assert fp.rules_ == apriori.rules_


def test_invariants_and_strings():
    transactions = [["x", "y"], ["y"], ["x", "y", "z"]]
    fp = FPGrowth(min_support=0.6)
    assert fp.fit(transactions) is fp
    assert transactions == [["x", "y"], ["y"], ["x", "y", "z"]]
    assert fp.frequent_itemsets_ == FPGrowth(min_support=0.6).fit(transactions).frequent_itemsets_
    fp.fit([[1]])
    assert fp.frequent_itemsets_ == [((1,), 1.0)]


def test_bad_input():
    with pytest.raises(ValueError, match="min_support"):
        FPGrowth(min_support=0).fit(CLASSIC)
    with pytest.raises(ValueError, match="min_support"):
        FPGrowth(min_support=2).fit(CLASSIC)
    with pytest.raises(ValueError, match="at least one transaction"):
        FPGrowth().fit([])
    with pytest.raises(NotFittedError):
        FPGrowth().format_tree()


EVERY_ITEM_FREQUENT = [list(range(18))] * 8 + [list(range(0, 18, 2)), list(range(1, 18, 2))]


@settings(max_examples=60, deadline=None)
@given(
    transactions=transactions_strategy,
    min_support=st.sampled_from([0.01, 0.1, 0.25, 0.5]),
    max_len=st.sampled_from([1, 2, 3, None]),
)
def test_max_len_same_as_apriori(transactions, min_support, max_len):
    fp = FPGrowth(min_support, 0.5, max_len=max_len).fit(transactions)
    apriori = Apriori(min_support, 0.5, max_len=max_len).fit(transactions)
    assert fp.frequent_itemsets_ == apriori.frequent_itemsets_
    assert fp.rules_ == apriori.rules_


def test_every_item_frequent_finishes_with_max_len_or_a_clear_error():
    # 18 items in 80% of the baskets: all 2^18 - 1 itemsets are frequent (this used to hang).
    fp = FPGrowth(min_support=0.5, max_len=3).fit(EVERY_ITEM_FREQUENT)
    assert fp.frequent_itemsets_ == Apriori(min_support=0.5, max_len=3).fit(EVERY_ITEM_FREQUENT).frequent_itemsets_
    assert len(fp.frequent_itemsets_) == 18 + 153 + 816
    with pytest.raises(ValueError, match=r"FPGrowth: more than max_itemsets=50000 .*max_len"):
        FPGrowth(min_support=0.5).fit(EVERY_ITEM_FREQUENT)
    with pytest.raises(ValueError, match="max_itemsets=10 "):
        FPGrowth(min_support=0.5, max_itemsets=10).fit(EVERY_ITEM_FREQUENT)
    with pytest.raises(ValueError, match=r"FPGrowth: more than max_rules=50 "):
        FPGrowth(min_support=0.5, max_len=2, max_rules=50).fit(EVERY_ITEM_FREQUENT)


@pytest.mark.parametrize("name, value", [("min_support", np.nan), ("max_len", 0), ("max_itemsets", 1.5),
                                         ("max_rules", np.nan)])
def test_bad_limits_are_named(name, value):
    with pytest.raises(ValueError, match=name):
        FPGrowth().set_params(**{name: value}).fit(CLASSIC)
