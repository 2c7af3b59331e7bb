"""Apriori association analysis: the classic seven-transaction demo.

Finds every itemset that appears in at least 25% of the transactions and every
rule X -> Y whose confidence, support(X u Y) / support(X), is at least 0.8, and
prints them in the classic format.

    python examples/apriori.py
    python examples/apriori.py --min-support 0.4 --min-confidence 0.6
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, print_result  # noqa: E402
from mlfromscratch.unsupervised_learning import Apriori  # noqa: E402

TRANSACTIONS = [[1, 2, 3, 4], [1, 2, 4], [1, 2], [2, 3, 4], [2, 3], [3, 4], [2, 4]]


def format_itemset(itemset):
    """A single item bare (``1``), several as a list (``[1, 4]``), as in the classic output."""
    return repr(itemset[0]) if len(itemset) == 1 else repr(list(itemset))


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--min-support", type=float, default=0.25, help="minimum support (default: 0.25)")
    parser.add_argument("--min-confidence", type=float, default=0.8, help="minimum confidence (default: 0.8)")
    args = parser.parse_args(argv)  # --seed, --quick and plotting flags do not apply here

    start = time.perf_counter()
    apriori = Apriori(min_support=args.min_support, min_confidence=args.min_confidence).fit(TRANSACTIONS)
    fit_time = time.perf_counter() - start

    print("+-------------+")
    print("|   Apriori   |")
    print("+-------------+")
    print(f"Minimum Support: {args.min_support}")
    print(f"Minimum Confidence: {args.min_confidence}")
    print("Transactions:")
    for transaction in TRANSACTIONS:
        print(f"    {transaction}")
    print("Frequent Itemsets:")
    print("    [" + ", ".join(format_itemset(itemset) for itemset, _ in apriori.frequent_itemsets_) + "]")
    print("Rules:")
    for rule in apriori.rules_:
        print(f"    {format_itemset(rule.antecedent)} -> {format_itemset(rule.consequent)} "
              f"(support: {round(rule.support, 2)}, confidence: {round(rule.confidence, 2)})")

    print_result("apriori", n_itemsets=len(apriori.frequent_itemsets_), n_rules=len(apriori.rules_),
                 fit_time_s=fit_time)


if __name__ == "__main__":
    main()
