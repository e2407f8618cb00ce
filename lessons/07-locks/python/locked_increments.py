"""What the chapter compares lesson 07's locks with: Python's multiprocessing.Lock.

Two processes add +1 and -1 to one shared balance, each 100,000 times, holding
the lock for every update. Both start together (a start gate), and each one
times its own loop, as lesson 07's clerks do. Run: python3 locked_increments.py
"""

import multiprocessing as mp
import time

UPDATES = 100_000


def clerk(balance, lock, amount, ready, busy):
    with ready.get_lock():
        ready.value += 1
    while ready.value < 2:  # the start gate
        pass
    start = time.perf_counter()
    for _ in range(UPDATES):
        with lock:
            balance.value += amount
    took = time.perf_counter() - start
    with busy.get_lock():
        busy.value = max(busy.value, took)


if __name__ == "__main__":
    balance = mp.Value("q", 200, lock=False)
    lock = mp.Lock()
    ready = mp.Value("i", 0)
    busy = mp.Value("d", 0.0)
    clerks = [mp.Process(target=clerk, args=(balance, lock, a, ready, busy)) for a in (1, -1)]
    for c in clerks:
        c.start()
    for c in clerks:
        c.join()
    rate = 2 * UPDATES / busy.value
    print(f"balance {balance.value}; {rate:,.0f} locked updates/s ({busy.value * 1e3:.1f} ms)")
