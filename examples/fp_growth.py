"""FP-Growth association analysis: build the FP-tree, mine it, and check against Apriori.

Compresses six shopping baskets into an FP-tree (each basket's frequent items
sorted by decreasing count share prefixes), prints the tree, the frequent
itemsets found by mining it and the rules above the confidence threshold, and
confirms that Apriori finds exactly the same itemsets.

    python examples/fp_growth.py
    python examples/fp_growth.py --min-support 0.3
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, print_result  # noqa: E402
from mlfromscratch.unsupervised_learning import Apriori, FPGrowth  # noqa: E402

TRANSACTIONS = [
    ["A", "B", "D", "E"],
    ["B", "C", "E"],
    ["A", "B", "D", "E"],
    ["A", "B", "C", "E"],
    ["A", "B", "C", "D", "E"],
    ["B", "C", "D"],
]


def format_itemset(itemset):
    """A single item bare (``'A'``), several as a list (``['A', 'B']``), as in the Apriori demo."""
    return repr(itemset[0]) if len(itemset) == 1 else repr(list(itemset))


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--min-support", type=float, default=0.5, help="minimum support (default: 0.5)")
    parser.add_argument("--min-confidence", type=float, default=0.8, help="minimum confidence (default: 0.8)")
    args = parser.parse_args(argv)  # --seed, --quick and plotting flags do not apply here

    start = time.perf_counter()
    fp = FPGrowth(min_support=args.min_support, min_confidence=args.min_confidence).fit(TRANSACTIONS)
    fit_time = time.perf_counter() - start
    apriori = Apriori(min_support=args.min_support, min_confidence=args.min_confidence).fit(TRANSACTIONS)
    same = fp.frequent_itemsets_ == apriori.frequent_itemsets_ and fp.rules_ == apriori.rules_

    print("+-------------+")
    print("|  FP-Growth  |")
    print("+-------------+")
    print(f"Minimum Support: {args.min_support}")
    print(f"Minimum Confidence: {args.min_confidence}")
    print("Transactions:")
    for transaction in TRANSACTIONS:
        print(f"    {transaction}")
    print("FP-Tree:")
    for line in fp.format_tree().splitlines():
        print(f"    {line}")
    print("Frequent Itemsets:")
    print("    [" + ", ".join(format_itemset(itemset) for itemset, _ in fp.frequent_itemsets_) + "]")
    print("Rules:")
    for rule in fp.rules_:
        print(f"    {format_itemset(rule.antecedent)} -> {format_itemset(rule.consequent)} "
              f"(support: {round(rule.support, 2)}, confidence: {round(rule.confidence, 2)})")
    print(f"Same itemsets and rules as Apriori: {same}")

    print_result("fp_growth", n_itemsets=len(fp.frequent_itemsets_), n_rules=len(fp.rules_),
                 matches_apriori=same, fit_time_s=fit_time)


if __name__ == "__main__":
    main()
