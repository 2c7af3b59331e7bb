"""Genetic algorithm: evolve random strings into "Genetic Algorithm".

A population of 100 random strings of letters and spaces evolves by
fitness-proportional selection, single-point crossover and mutation (rate 0.05)
until one of them is the target; each generation's closest candidate is printed
as in the classic demo, and the figure shows the best and mean fitness per
generation.

    python examples/genetic_algorithm.py
    python examples/genetic_algorithm.py --target "Hello World" --quick --no-plot
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from examples._helpers import example_parser, get_pyplot, print_result, show_or_save  # noqa: E402
from mlfromscratch.unsupervised_learning import GeneticAlgorithm  # noqa: E402

DESCRIPTION = """Description: Implementation of a Genetic Algorithm which aims to produce
the user specified target string. This implementation calculates each
candidate's fitness based on the alphabetical distance between the candidate
and the target. A candidate is selected as a parent with probabilities proportional
to the candidate's fitness. Reproduction is implemented as a single-point
crossover between pairs of parents. Mutation is done by randomly assigning
new characters with uniform probability."""


def main(argv=None):
    parser = example_parser(__doc__)
    parser.add_argument("--target", default="Genetic Algorithm", help="string to evolve (letters and spaces)")
    parser.add_argument("--population-size", type=int, default=100, help="candidates per generation (default: 100)")
    parser.add_argument("--mutation-rate", type=float, default=0.05, help="per-character mutation rate (default: 0.05)")
    parser.add_argument("--max-generations", type=int, default=5000, help="give up after this many (default: 5000)")
    args = parser.parse_args(argv)

    print("+--------+")
    print("|   GA   |")
    print("+--------+")
    print(DESCRIPTION)
    print()
    print("Parameters")
    print("----------")
    print(f"Target String: '{args.target}'")
    print(f"Population Size: {args.population_size}")
    print(f"Mutation Rate: {args.mutation_rate}")
    print()

    ga = GeneticAlgorithm(target_string=args.target, population_size=args.population_size,
                          mutation_rate=args.mutation_rate, random_state=args.seed)
    start = time.perf_counter()
    # --quick keeps the run but not the 300-odd printed lines.
    best, history = ga.run(max_generations=args.max_generations, verbose=not args.quick)
    run_time = time.perf_counter() - start
    if args.quick:
        print(f"[{ga.n_generations_ - 1} {'Answer' if ga.converged_ else 'Closest Candidate'}: '{best}']")

    if not args.no_plot:
        plt = get_pyplot()
        fig, ax = plt.subplots()
        ax.plot(history["best_fitness"], label="best candidate")
        ax.plot(history["mean_fitness"], label="population mean")
        ax.set_yscale("log")
        ax.set_xlabel("Generation")
        ax.set_ylabel("Fitness 1 / (1 + character distance)")
        ax.set_title(f"Evolving '{args.target}'")
        ax.legend(loc="best")
        show_or_save(fig, args, "genetic_algorithm")

    print_result("genetic_algorithm", found=ga.converged_, generations=ga.n_generations_, run_time_s=run_time)


if __name__ == "__main__":
    main()
