//! Lesson 06: queues and pipes. Run it with `cargo run -p lesson-06`; `--help`
//! lists the parts.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use course_kit::child::{die_with_parent, exit_after, role_arg};
use course_kit::python::{self, Python};
use course_kit::table::Table;
use course_kit::timing::speedup;
use course_kit::{Args, Lesson, Secs, timeline};
use lesson_06::pipes::CHILD_DEADLINE;
use lesson_06::stack::BlockingQueue;
use lesson_06::{
    bounded, ending, pipes, proc_queue, readers, shared_pipe, speed, waiting,
};

fn main() -> ExitCode {
    Lesson::new("lesson-06", "Queues and pipes")
        .part(
            "bounded",
            "a bounded queue: the producer waits when it is full",
            bounded_queue,
        )
        .part("many", "several producers and consumers on one queue", many)
        .part(
            "ending",
            "ending a stream: a sentinel, or closing the channel",
            ending_a_stream,
        )
        .part(
            "select",
            "waiting on several channels, or with a timeout",
            select,
        )
        .part(
            "lifo",
            "LIFO and priority queues from Mutex + Condvar",
            lifo,
        )
        .part(
            "pipe",
            "a pipe to a child's stdin and from its stdout",
            pipe,
        )
        .part(
            "duplex",
            "a two-way connection like Python's Pipe()",
            duplex,
        )
        .part(
            "queue",
            "several producer processes, one pipe, whole messages",
            queue,
        )
        .part(
            "readers",
            "several reader processes on one pipe, and the fix",
            readers,
        )
        .part(
            "credits",
            "a bounded queue of 10 between two processes",
            credits,
        )
        .part(
            "speed",
            "messages per second: threads, pipes, Python's queues",
            speed_part,
        )
        .option(
            "consume-ms",
            1,
            0..=100,
            "how long the consumer works on each item, in ms",
        )
        .option(
            "messages",
            20_000,
            100..=200_000,
            "how many messages part `speed` sends each way",
        )
        .option(
            "line-kb",
            100,
            1..=1024,
            "the size of each unframed line in part `queue`, in KiB",
        )
        .role("doubler", |_| {
            guarded()?;
            Ok(pipes::doubler()?)
        })
        .role("answerer", |_| {
            guarded()?;
            Ok(pipes::answerer()?)
        })
        .role("producer", |args| {
            guarded()?;
            shared_pipe::producer(args)
        })
        .role("counter", |_| {
            guarded()?;
            Ok(speed::counter()?)
        })
        .role("consumer", |args| {
            guarded()?;
            let micros = role_arg(args, 0, "microseconds of work")?;
            Ok(proc_queue::consumer(Duration::from_micros(micros))?)
        })
        .role("reader", |_| {
            guarded()?;
            Ok(readers::reader()?)
        })
        .run()
}

/// What every child of this lesson does first: it dies with its parent, even
/// a parent killed by SIGKILL, and gives up after [`CHILD_DEADLINE`].
fn guarded() -> Result<()> {
    die_with_parent()?;
    exit_after(CHILD_DEADLINE);
    Ok(())
}

fn bounded_queue(args: &Args) -> Result<()> {
    let work = args.millis("consume-ms");
    let (items, capacity) = (20, 4);
    println!("A producer sends {items} items into a queue of {capacity};");
    println!("the consumer works {} on each.", Secs(work));
    let (report, received) = bounded::producer_consumer(items, capacity, work);
    println!(
        "  consumer received {} items, in order: {}",
        received.len(),
        received.iter().copied().eq(0..items)
    );
    println!(
        "  the queue never held more than {} items",
        report.most_queued
    );
    println!(
        "  the producer found the queue full {} times and waited {} of its {}",
        report.found_full,
        Secs(report.waited),
        Secs(report.took)
    );
    println!("A full queue makes a fast producer wait for a slow consumer:");
    println!("memory stays bounded. Who waited when:");
    timeline::show();
    Ok(())
}

fn many(args: &Args) -> Result<()> {
    let work = args.millis("consume-ms");
    println!(
        "3 producers send 100 items each into one queue of 10; 2 consumers take them:"
    );
    let per_consumer = bounded::many_to_many(3, 100, 2, work);
    for (n, mine) in per_consumer.iter().enumerate() {
        println!("  consumer {} took {} items", n + 1, mine.len());
    }
    let mut all = per_consumer.concat();
    all.sort_unstable();
    println!(
        "  all {} items arrived exactly once: {}",
        all.len(),
        all.iter().copied().eq(0..300)
    );
    Ok(())
}

fn ending_a_stream(_: &Args) -> Result<()> {
    let patience = Duration::from_millis(300);
    let show = |label: &str, e: ending::Ending| {
        let text = format!("{} items, then {}", e.received, e.how);
        let after = format!("(after {:.1} ms)", e.after.as_secs_f64() * 1e3);
        // Wrapped to 80 columns, under the text after the label.
        let indent = label.len() + 4;
        let mut line = format!("  {label}:");
        for word in text.split(' ').chain([after.as_str()]) {
            if line.len() + 1 + word.len() > 80 {
                println!("{line}");
                line = " ".repeat(indent - 1);
            }
            line = format!("{line} {word}");
        }
        println!("{line}");
    };
    println!("Python's way: a sentinel message ends the stream.");
    show(
        "the producer finished",
        ending::with_sentinel(5, None, patience),
    );
    show(
        "it failed at item 3  ",
        ending::with_sentinel(5, Some(3), patience),
    );
    println!("Rust's way: the stream ends when the last Sender is dropped.");
    show("the producer finished", ending::with_close(5, None));
    show("it failed at item 3  ", ending::with_close(5, Some(3)));
    println!("A sentinel can be skipped by an error; a drop cannot.");
    Ok(())
}

fn select(_: &Args) -> Result<()> {
    let ms = Duration::from_millis;
    let (delays, every, deadline) =
        ([ms(60), ms(150), ms(900)], ms(100), ms(400));
    println!("Workers answer after 60 ms, 150 ms and 900 ms;");
    println!("a tick every 100 ms; deadline 400 ms:");
    let events = waiting::watch_workers(&delays, every, deadline);
    for (at, event) in &events {
        println!("  {:>9}  {event}", Secs(*at).to_string());
    }
    let seen: Vec<&str> = events.iter().map(|(_, e)| e.as_str()).collect();
    if seen != due_in_order(&delays, every, deadline) {
        println!(
            "Note: these came late, out of the order they were due in: \
             was the machine busy?"
        );
    }
    println!(
        "A worker that takes 250 ms, checked every 100 ms with recv_timeout:"
    );
    let (gave_up, took) = waiting::poll_with_timeout(ms(250), ms(100));
    println!("  {gave_up} timeouts, then the answer after {}", Secs(took));
    let (first, second) = waiting::both_ready(1000);
    println!("Two channels, both always ready, served 1000 times:");
    println!("  select! chose the first {first} times, the second {second}");
    println!("A channel that closed, beside one that answers after 100 ms:");
    for fixed in [false, true] {
        let spun = waiting::one_closes_early(ms(100), fixed);
        let how = if fixed {
            "swapped for never()"
        } else {
            "left in"
        };
        let times = match spun.closed_branch {
            1 => "once".to_string(),
            n => format!("{n} times"),
        };
        println!("  {how:<19}: its branch ran {times} in {}", Secs(spun.took));
    }
    Ok(())
}

/// What `watch_workers` reports when every event comes when it is due: the
/// workers that answer before the deadline, a tick every `every`, then the
/// deadline.
fn due_in_order(
    delays: &[Duration],
    every: Duration,
    deadline: Duration,
) -> Vec<String> {
    let mut due: Vec<(Duration, String)> = Vec::new();
    for (worker, &delay) in delays.iter().enumerate() {
        if delay < deadline {
            due.push((delay, format!("worker {} answered", worker + 1)));
        }
    }
    let ticks = (1..).map(|n| every * n).take_while(|&at| at < deadline);
    due.extend(ticks.map(|at| (at, "tick: still waiting".to_string())));
    let busy = delays.iter().filter(|&&delay| delay >= deadline).count();
    due.sort();
    due.push((deadline, format!("deadline: {busy} worker(s) still busy")));
    due.into_iter().map(|(_, event)| event).collect()
}

fn lifo(_: &Args) -> Result<()> {
    let patience = Duration::from_secs(5);
    let stack = BlockingQueue::new(Vec::new());
    (1..=5).for_each(|n| stack.put(n));
    let out: Vec<i32> =
        (0..5).filter_map(|_| stack.get_timeout(patience)).collect();
    println!("LIFO: put 1 2 3 4 5, got {out:?}");
    let tasks = BlockingQueue::new(BinaryHeap::new());
    for (priority, task) in [
        (3, "write the report"),
        (1, "fix the outage"),
        (2, "answer email"),
    ] {
        // Reverse: smallest number first, as in Python
        tasks.put(Reverse((priority, task)));
    }
    println!("Priority (smallest first), put in the order 3, 1, 2:");
    while let Some(Reverse((priority, task))) =
        tasks.get_timeout(Duration::ZERO)
    {
        println!("  {priority}: {task}");
    }
    let waiting_room = BlockingQueue::new(Vec::new());
    let start = Instant::now();
    let waited = thread::scope(|s| {
        let getter = s.spawn(|| {
            waiting_room
                .get_timeout(patience)
                .map(|n: i32| (n, start.elapsed()))
        });
        thread::sleep(Duration::from_millis(50));
        waiting_room.put(42);
        getter.join().unwrap()
    });
    let (item, after) = waited.expect("the put wakes the getter");
    println!(
        "A getter blocked on an empty stack got {item} after {},",
        Secs(after)
    );
    println!("when another thread put it.");
    Ok(())
}

fn pipe(_: &Args) -> Result<()> {
    println!(
        "The parent (pid {}) writes 1 2 3 to a child's stdin:",
        std::process::id()
    );
    let (pid, answers) = pipes::pipe_to_child(&[1, 2, 3])?;
    for answer in answers {
        println!("  child {pid} wrote back: {answer}");
    }
    Ok(())
}

fn duplex(_: &Args) -> Result<()> {
    let questions = [10, 20, 30];
    println!(
        "Over one socket pair, the parent sends {questions:?} before reading any answer:"
    );
    let (pid, answers) = pipes::ask_child(&questions)?;
    for (question, answer) in questions.iter().zip(&answers) {
        println!("  parent sent {question}, child {pid} answered {answer}");
    }
    Ok(())
}

fn queue(args: &Args) -> Result<()> {
    println!("3 producer processes write into ONE pipe; the parent reads it.");
    let messages = shared_pipe::receive_frames(3, 100, 40)?;
    let mut per_producer = BTreeMap::new();
    let mut whole = 0;
    for message in &messages {
        let words: Vec<&str> = message.split(' ').collect();
        if message.len() == 40
            && words[0] == "producer"
            && words[2] == "message"
        {
            whole += 1;
            *per_producer.entry(words[1].to_string()).or_insert(0) += 1;
        }
    }
    println!(
        "  framed messages of 40 bytes: {} received, {whole} whole",
        messages.len()
    );
    for (producer, count) in per_producer {
        println!("    from producer {producer}: {count}");
    }
    let size = usize::try_from(args.get("line-kb"))? * 1024;
    let (lines, mixed) = shared_pipe::receive_big_lines(3, 10, size)?;
    println!(
        "  unframed lines of {} KiB: {lines} received, {mixed} mixed from several producers",
        size / 1024
    );
    ensure!(whole == 300, "framed messages must all arrive whole");
    Ok(())
}

fn readers(_: &Args) -> Result<()> {
    let (readers, messages) = (2, 20_000);
    println!("The parent sends {messages} framed messages of 40 bytes to");
    println!(
        "{readers} reader processes, which read frames as Pipe().recv does."
    );
    let show = |said: &[readers::Said]| {
        for (n, said) in said.iter().enumerate() {
            let (whole, torn) = (said.whole, said.torn);
            println!(
                "    reader {}: {whole} whole, torn frames: {torn}",
                n + 1
            );
        }
        let whole: u32 = said.iter().map(|s| s.whole).sum();
        println!("    whole messages read: {whole} of {messages}");
    };
    println!("  ONE pipe, both readers on its read end:");
    let shared = readers::one_pipe_for_all(readers, messages)?;
    show(&shared);
    if shared.iter().all(|s| s.torn == 0) {
        println!("Note: no frame was torn this time: on a busy machine one");
        println!("Note: reader can run alone for a while. Run it again.");
    }
    println!("  a pipe for each reader, messages dealt in turn:");
    show(&readers::a_pipe_each(readers, messages)?);
    Ok(())
}

fn credits(args: &Args) -> Result<()> {
    let (messages, bound) = (50, 10);
    let work = args.millis("consume-ms");
    println!(
        "This process sends {messages} messages to a consumer process that"
    );
    println!(
        "works {} on each; at most {bound} may be sent and not yet taken:",
        Secs(work)
    );
    let report = proc_queue::send_to_a_process(messages, bound, work)?;
    println!("  the consumer took {} messages", report.taken);
    println!(
        "  most messages in flight at once: {}",
        report.most_in_flight
    );
    println!(
        "  sends that found {bound} in flight and waited: {}",
        report.found_full
    );
    ensure!(report.taken == messages, "the consumer lost messages");
    Ok(())
}

/// The routes of part `speed`, in the order of its table: between what, how,
/// and Python's version of the same route.
const ROUTES: [(&str, &str, Option<&str>); 4] = [
    ("threads", "channel of 1024", Some("threads")),
    ("processes", "pipe, a write each", Some("pipe")),
    ("processes", "pipe, buffered", None),
    ("processes", "queue of 10", Some("queue")),
];

fn speed_part(args: &Args) -> Result<()> {
    let messages = args.get("messages");
    let python = Python::find();
    let from_python = match &python {
        Some(python) => Some(measure_python(python, messages)?),
        None => None,
    };
    // The Rust routes take turns, 3 rounds; each keeps its fastest time.
    let mut best = [Duration::MAX; 4];
    for _ in 0..3 {
        let times = [
            speed::through_channel(messages),
            speed::through_pipe(messages, false)?,
            speed::through_pipe(messages, true)?,
            proc_queue::send_to_a_process(messages, 10, Duration::ZERO)?.took,
        ];
        for (best, took) in best.iter_mut().zip(times) {
            *best = (*best).min(took);
        }
    }
    println!("{messages} messages of 8 bytes, each route best of 3 rounds,");
    println!("in an {}:", course_kit::timing::build());
    let rate = |took: Duration| messages as f64 / took.as_secs_f64() / 1e3;
    let mut table =
        Table::new(["between", "how", "Rust k/s", "Python k/s", "Rust/Python"]);
    for (row, (between, how, in_python)) in ROUTES.iter().enumerate() {
        let python = in_python
            .zip(from_python.as_ref())
            .map(|(key, times)| times[key]);
        table.row([
            between.to_string(),
            how.to_string(),
            format!("{:.0}", rate(best[row])),
            python.map_or("-".into(), |t| format!("{:.0}", rate(t))),
            python.map_or("-".into(), |t| {
                format!("{:.0}x", speedup(t, best[row]))
            }),
        ]);
    }
    print!("{table}");
    println!("(k/s: thousands of messages a second)");
    match &python {
        Some(python) => {
            println!(
                "{}, same run: queue.Queue(1024) between threads,",
                python.version
            );
            println!("mp.Pipe(duplex=False) and mp.Queue(10) to a process.");
        }
        None => println!("{}", python::NOT_FOUND),
    }
    let (send, recv) = speed::framing_in_memory(messages);
    let per = |took: Duration| took.as_secs_f64() * 1e9 / messages as f64;
    println!(
        "Framing alone, in memory: send {:.0} ns, recv {:.0} ns a message.",
        per(send),
        per(recv)
    );
    if best[1] < best[0].max(best[2]) {
        println!("Note: one write per message is usually the slowest route;");
        println!("Note: was the machine busy this time?");
    }
    Ok(())
}

/// Python's times for the same routes, from `python/messages.py`: each the
/// best of 3 rounds, taking turns.
fn measure_python(
    python: &Python,
    messages: u64,
) -> Result<HashMap<&'static str, Duration>> {
    let script = python::script(env!("CARGO_MANIFEST_DIR"), "messages.py");
    let count = format!("--messages={messages}");
    let results = python.run(
        &script,
        &[&count, "--rounds=3"],
        Duration::from_secs(120),
    )?;
    let mut times = HashMap::new();
    for key in ["threads", "pipe", "queue"] {
        times.insert(key, results.seconds(&format!("{key}.seconds"))?);
    }
    Ok(times)
}
