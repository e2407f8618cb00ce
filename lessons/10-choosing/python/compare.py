"""Lesson 10's jobs in Python, on every model Python has.

The same CPU-bound and I/O-bound jobs as the Rust part `compare`, so the two
can stand in one table. `cargo run -p lesson-10 -- compare` runs this script
itself when python3 is on the PATH. It prints key=value lines for the lesson
to read: each model's best time in seconds, and the sum of the answers (which
must match Rust's: the same work was done).

Run it by hand with the same options:
    python3 lessons/10-choosing/python/compare.py --cpu-jobs 8 \
        --rounds 120000 --io-jobs 20 --wait-ms 5 --runs 3 \
        --pool-threads 20 --pool-processes <your CPU count>
"""

import argparse
import asyncio
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

MASK = (1 << 64) - 1  # Python's ints grow: keep 64 bits, as Rust's u64 does


def compute(seed, rounds):
    """The CPU-bound job: rounds of xorshift64, as in jobs.rs."""
    state = seed | 1
    for _ in range(rounds):
        state ^= (state << 13) & MASK
        state ^= state >> 7
        state ^= (state << 17) & MASK
    return state % 1000


def wait(millis):
    """The I/O-bound job: sleep, as a request to a slow server would."""
    time.sleep(millis / 1000)
    return millis


def run(job):
    kind, number = job[0], job[1:]
    return compute(*number) if kind == "compute" else wait(*number)


async def run_async(job):
    if job[0] == "compute":
        return compute(*job[1:])  # holds the loop's one thread till done
    await asyncio.sleep(job[1] / 1000)
    return job[1]


# The models. Each runs every job and returns the sum of the answers.

# ANCHOR: models
def one_at_a_time(jobs, pools):
    return sum(run(job) for job in jobs)


def a_thread_each(jobs, pools):
    answers = [0] * len(jobs)

    def work(index):
        answers[index] = run(jobs[index])

    threads = [
        threading.Thread(target=work, args=(i,)) for i, _ in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(answers)


def thread_pool(jobs, pools):
    return sum(pools["threads"].map(run, jobs))


def process_pool(jobs, pools):
    return sum(pools["processes"].map(run, jobs))


def child(job, answers):
    answers.put(run(job))


def a_process_each(jobs, pools):
    answers = multiprocessing.SimpleQueue()
    processes = [
        multiprocessing.Process(target=child, args=(job, answers))
        for job in jobs
    ]
    for process in processes:
        process.start()
    total = sum(answers.get() for _ in jobs)
    for process in processes:
        process.join()
    return total


def async_tasks(jobs, pools):
    async def main():
        return sum(await asyncio.gather(*(run_async(job) for job in jobs)))

    return pools["loop"].run_until_complete(main())
# ANCHOR_END: models


MODELS = {
    "one_at_a_time": one_at_a_time,
    "a_thread_each": a_thread_each,
    "thread_pool": thread_pool,
    "process_pool": process_pool,
    "a_process_each": a_process_each,
    "async_tasks": async_tasks,
}


def measure(workload, jobs, models, pools, runs):
    """Every model runs the jobs `runs` times, the models taking turns; each
    keeps its fastest time, as the Rust part does."""
    best, answers = {}, set()
    for _ in range(runs):
        for name in models:
            started = time.perf_counter()
            answers.add(MODELS[name](jobs, pools))
            took = time.perf_counter() - started
            best[name] = min(best.get(name, took), took)
    if len(answers) != 1:
        raise SystemExit(f"the {workload} models disagree: {sorted(answers)}")
    print(f"{workload}.answer={answers.pop()}")
    for name in models:
        print(f"{workload}.{name}={best[name]:.6f}")


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ["cpu-jobs", "rounds", "io-jobs", "wait-ms", "runs"]:
        options.add_argument(f"--{name}", type=int, required=True)
    options.add_argument("--pool-threads", type=int, required=True)
    options.add_argument("--pool-processes", type=int, required=True)
    args = options.parse_args()
    rounds = args.rounds // args.cpu_jobs  # each job's share, as in jobs.rs
    cpu_jobs = [("compute", seed, rounds) for seed in range(args.cpu_jobs)]
    io_jobs = [("wait", args.wait_ms)] * args.io_jobs
    print(f"start_method={multiprocessing.get_start_method()}")
    # The pools start before the clock, and are warmed up, as in the Rust part.
    with ThreadPoolExecutor(args.pool_threads) as threads, \
            ProcessPoolExecutor(args.pool_processes) as processes:
        list(threads.map(wait, [1] * args.pool_threads))
        list(processes.map(wait, [1] * args.pool_processes * 2))
        loop = asyncio.new_event_loop()
        pools = {"threads": threads, "processes": processes, "loop": loop}
        measure("cpu", cpu_jobs, list(MODELS), pools, args.runs)
        io_models = [name for name in MODELS if name != "one_at_a_time"]
        measure("io", io_jobs, io_models, pools, args.runs)
        loop.close()


if __name__ == "__main__":
    main()
