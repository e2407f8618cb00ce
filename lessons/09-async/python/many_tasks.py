"""Lesson 09's many sleeping tasks in Python: asyncio tasks on one thread.

Each task says it has started and waits at a gate (an asyncio.Event). When all
of them wait, memory is read from /proc; then the gate opens, and each task
sleeps, then ends. The same steps as many.rs, on the same two clocks.

`cargo run -p lesson-09 -- many` runs this script itself when python3 is on the
PATH. It prints key=value lines: times in seconds, memory in kB.

Run it by hand:
    python3 lessons/09-async/python/many_tasks.py --tasks 10000
"""

import argparse
import asyncio
import time


def proc_field(name, path="/proc/self/status"):
    """A number from /proc, such as VmRSS (resident memory, in kB)."""
    with open(path) as status:
        for line in status:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    raise SystemExit(f"no {name} in {path}")


async def crowd(count, nap):
    gate = asyncio.Event()
    waiting = 0

    async def sleeper():
        nonlocal waiting
        waiting += 1
        await gate.wait()
        await asyncio.sleep(nap)

    before = proc_field("VmRSS"), proc_field("VmPTE")
    started = time.perf_counter()
    tasks = [asyncio.create_task(sleeper()) for _ in range(count)]
    # Hand the loop to the tasks until every one waits at the gate.
    while waiting < count:
        await asyncio.sleep(0)
    ready = time.perf_counter() - started
    print(f"ready={ready:.6f}")
    print(f"resident_kb={proc_field('VmRSS') - before[0]}")
    print(f"page_tables_kb={proc_field('VmPTE') - before[1]}")
    print(f"os_threads={proc_field('Threads')}")
    opened = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    print(f"done={time.perf_counter() - opened:.6f}")


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--tasks", type=int, required=True)
    options.add_argument("--sleep-ms", type=int, default=200)
    args = options.parse_args()
    asyncio.run(crowd(args.tasks, args.sleep_ms / 1000))


if __name__ == "__main__":
    main()
