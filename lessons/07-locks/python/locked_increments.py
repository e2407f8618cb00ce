"""Lesson 07's locked bank in Python, with multiprocessing.Lock.

Two processes add +1 and -1 to one shared balance, each UPDATES times,
holding the lock for every update, and count how often the lock changed
hands. Both start together (a start gate), and
each times its own loop, as lesson 07's clerks do.

`cargo run -p lesson-07 -- processes` runs this script itself when python3
is on the PATH, and prints its rate beside Rust's locks. It prints key=value
lines. Run it by hand:
    python3 lessons/07-locks/python/locked_increments.py --updates 100000
"""

import argparse
import multiprocessing as mp
import time


def clerk(balance, last, turns, lock, amount, updates, ready, busy, cpu):
    with ready.get_lock():
        ready.value += 1
    while ready.value < 2:  # the start gate
        pass
    start, start_cpu = time.perf_counter(), time.thread_time()
    # ANCHOR: updates
    for _ in range(updates):
        with lock:
            balance.value += amount
            if last.value != amount:  # the lock changed hands
                if last.value != 0:  # (0: this is the first update)
                    turns.value += 1
                last.value = amount
    # ANCHOR_END: updates
    took = time.perf_counter() - start
    with busy.get_lock():
        busy.value = max(busy.value, took)
        cpu.value += time.thread_time() - start_cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=100_000)
    updates = parser.parse_args().updates
    balance = mp.Value("q", 200, lock=False)
    last = mp.Value("q", 0, lock=False)
    turns = mp.Value("q", 0, lock=False)
    lock = mp.Lock()
    ready = mp.Value("i", 0)
    busy = mp.Value("d", 0.0)
    cpu = mp.Value("d", 0.0, lock=False)
    clerks = [
        mp.Process(
            target=clerk,
            args=(balance, last, turns, lock, a, updates, ready, busy, cpu),
        )
        for a in (1, -1)
    ]
    for c in clerks:
        c.start()
    for c in clerks:
        c.join()
    print(f"balance={balance.value}")
    print(f"handovers={turns.value}")
    print(f"busy={busy.value:.6f}")
    print(f"cpu={cpu.value:.6f}")
    print(f"start_method={mp.get_start_method()}")


if __name__ == "__main__":
    main()
