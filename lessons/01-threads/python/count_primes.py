"""Lesson 01's prime count in Python: the same trial division, the same blocks
of 1000 numbers dealt out in turn, on 1, 2 and 4 threads (threading), then on
1, 2 and 4 processes (multiprocessing).

`cargo run -p lesson-01 -- cpu` runs this script itself when python3 is on the
PATH, and prints its times beside Rust's. It prints key=value lines: the count,
and the best time of each row in seconds.

Run it by hand:
    python3 lessons/01-threads/python/count_primes.py --limit 20000
"""

import argparse
import multiprocessing
import threading
import time

BLOCK = 1000
WORKERS = [1, 2, 4]


def is_prime(n):
    """Trial division, slow on purpose, as in speed.rs."""
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count_dealt(limit, first_block, workers):
    """Counts the primes in blocks first_block, first_block + workers, ..."""
    count = 0
    for start in range(first_block * BLOCK, limit, workers * BLOCK):
        block = range(start, min(start + BLOCK, limit))
        count += sum(1 for n in block if is_prime(n))
    return count


def on_threads(limit, workers):
    counts = [0] * workers

    def counter(t):
        counts[t] = count_dealt(limit, t, workers)

    threads = [
        threading.Thread(target=counter, args=(t,)) for t in range(workers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts)


def count_into(limit, first_block, workers, answers):
    answers.put(count_dealt(limit, first_block, workers))


def on_processes(limit, workers):
    answers = multiprocessing.SimpleQueue()
    processes = [
        multiprocessing.Process(
            target=count_into, args=(limit, t, workers, answers)
        )
        for t in range(workers)
    ]
    for process in processes:
        process.start()
    total = sum(answers.get() for _ in processes)
    for process in processes:
        process.join()
    return total


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--limit", type=int, required=True)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    rows = [(kind, n) for kind in ["threads", "processes"] for n in WORKERS]
    run = {"threads": on_threads, "processes": on_processes}
    best, counts = {}, set()
    # The rows take turns, round after round, and each keeps its fastest time.
    for _ in range(args.rounds):
        for kind, workers in rows:
            started = time.perf_counter()
            counts.add(run[kind](args.limit, workers))
            took = time.perf_counter() - started
            best[kind, workers] = min(best.get((kind, workers), took), took)
    if len(counts) != 1:
        raise SystemExit(f"the rows disagree: {sorted(counts)}")
    print(f"primes={counts.pop()}")
    print(f"start_method={multiprocessing.get_start_method()}")
    for kind, workers in rows:
        print(f"{kind}.{workers}={best[kind, workers]:.6f}")


if __name__ == "__main__":
    main()
