"""Lesson 06's messages in Python: the same small messages sent from one
thread to another through queue.Queue, and from this process to a consumer
process through multiprocessing.Pipe and multiprocessing.Queue(10).

`cargo run -p lesson-06 -- speed` runs this script itself when python3 is on
the PATH, and prints its rates beside Rust's. It prints key=value lines: the
best time of each route in seconds, and how many messages each one counted.

Run it by hand:
    python3 lessons/06-queues-and-pipes/python/messages.py --messages 20000
"""

import argparse
import multiprocessing
import os
import queue
import threading
import time


def watch_parent(parent):
    """A consumer process ends itself if the process that started it dies,
    so that it never outlives a killed lesson."""
    while os.getppid() == parent:
        time.sleep(0.1)
    os._exit(1)


def guarded(parent):
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()


def count_queue(q, counted):
    count = 0
    while q.get() is not None:
        count += 1
    counted.put(count)


def count_connection(reader, counted):
    count = 0
    while reader.recv() is not None:
        count += 1
    counted.put(count)


def consumer_of_queue(q, counted, parent):
    guarded(parent)
    count_queue(q, counted)


def consumer_of_pipe(ends, counted, parent):
    guarded(parent)
    reader, writer = ends
    writer.close()  # only the parent writes: the child keeps the read end
    count_connection(reader, counted)


def threads(messages):
    """queue.Queue(1024) between two threads, like the Rust channel."""
    q, counted = queue.Queue(1024), queue.Queue()
    consumer = threading.Thread(target=count_queue, args=(q, counted))
    consumer.start()
    started = time.perf_counter()
    for n in range(messages):
        q.put(n)
    q.put(None)
    consumer.join()
    return time.perf_counter() - started, counted.get()


def processes(messages, kind):
    """multiprocessing.Pipe(duplex=False) or Queue(10) to a consumer process.
    The clock starts once the consumer has started, as in Rust."""
    counted = multiprocessing.SimpleQueue()
    parent = os.getpid()
    if kind == "pipe":
        reader, writer = multiprocessing.Pipe(duplex=False)
        target, args = consumer_of_pipe, ((reader, writer), counted, parent)
        put = writer.send
    else:
        q = multiprocessing.Queue(10)
        target, args = consumer_of_queue, (q, counted, parent)
        put = q.put
    consumer = multiprocessing.Process(target=target, args=args)
    consumer.start()
    started = time.perf_counter()
    for n in range(messages):
        put(n)
    put(None)
    count = counted.get()
    took = time.perf_counter() - started
    consumer.join()
    return took, count


def main():
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--messages", type=int, required=True)
    options.add_argument("--rounds", type=int, default=1)
    options.add_argument("--routes", default="threads,pipe,queue")
    args = options.parse_args()
    every = {
        "threads": lambda: threads(args.messages),
        "pipe": lambda: processes(args.messages, "pipe"),
        "queue": lambda: processes(args.messages, "queue"),
    }
    routes = {route: every[route] for route in args.routes.split(",")}
    best = {}
    # The routes take turns, round after round; each keeps its fastest time.
    for _ in range(args.rounds):
        for route, run in routes.items():
            took, count = run()
            if count != args.messages:
                raise SystemExit(f"{route} counted {count}")
            best[route] = min(best.get(route, took), took)
    print(f"start_method={multiprocessing.get_start_method()}")
    for route in routes:
        print(f"{route}.seconds={best[route]:.6f}")


if __name__ == "__main__":
    main()
