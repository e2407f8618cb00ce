"""Lesson 08's map in Python: the Collatz steps of 1..=N, first with the
built-in map on one thread, then with multiprocessing.Pool.map on one worker
process per CPU. The pool starts before the clock, as rayon's pool is already
running when Rust's row is timed.

`cargo run -p lesson-08 -- map` runs this script itself when python3 is on the
PATH, and prints its times beside Rust's. It prints key=value lines: what it
computed (to check it did Rust's work), and the best time of each row in
seconds.

Run it by hand:
    python3 lessons/08-pools/python/pool_map.py --numbers 30000
"""

import argparse
import multiprocessing
import os
import time


# ANCHOR: map
def collatz_steps(n):
    """Steps from n down to 1: halve even numbers, odd n becomes 3n + 1."""
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def on_one_thread(numbers):
    return list(map(collatz_steps, numbers))


def on_the_pool(pool, numbers):
    return pool.map(collatz_steps, numbers)  # answers in input order
# ANCHOR_END: map


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--numbers", type=int, required=True)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    numbers = range(1, args.numbers + 1)
    workers = len(os.sched_getaffinity(0))
    best = {}
    with multiprocessing.Pool(workers) as pool:
        rows = {
            "map": lambda: on_one_thread(numbers),
            "pool": lambda: on_the_pool(pool, numbers),
        }
        # The rows take turns, round after round; each keeps its best time.
        for _ in range(args.rounds):
            answers = []
            for row, run in rows.items():
                started = time.perf_counter()
                answers.append(run())
                took = time.perf_counter() - started
                best[row] = min(best.get(row, took), took)
            if answers[0] != answers[1]:
                raise SystemExit("the pool gave different answers")
    steps = answers[0]
    longest = max(steps)
    print(f"answers={len(steps)}")
    print(f"longest_start={steps.index(longest) + 1}")
    print(f"longest_steps={longest}")
    print(f"workers={workers}")
    print(f"start_method={multiprocessing.get_start_method()}")
    for row in rows:
        print(f"{row}={best[row]:.6f}")


if __name__ == "__main__":
    main()
