//! Lesson 10: which model for which work. Run it with `cargo run -p lesson-10`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use course_kit::python::{self, Python, Results};
use course_kit::timing::{build, speedup};
use course_kit::{Args, Lesson, Table};
use lesson_10::chart::{self, Language, Panel};
use lesson_10::cpu_time::cpu_time;
use lesson_10::jobs::{self, Finished, Job, Spread, lateness};
use lesson_10::memory::{self, Cost};
use lesson_10::mixed;
use lesson_10::models::{self, Model, Pools, ThreadPool};

fn main() -> ExitCode {
    Lesson::new("lesson-10", "Which model for which work")
        .part(
            "compare",
            "the same jobs on every model, Rust beside Python",
            compare,
        )
        .part(
            "scale",
            "the computing on 1, 2, ... threads, up to every CPU",
            scale,
        )
        // One row per thread count, and machines have different numbers of
        // CPUs: the rows read alike with their numbers blanked, and count as
        // one.
        .repeats_vary()
        .part(
            "memory",
            "what a waiting thread, task and process cost in memory",
            memory_part,
        )
        .part(
            "mixed",
            "waiting and computing in one async program",
            mixed_part,
        )
        .option("cpu-jobs", 8, 1..=64, "how many CPU-bound jobs")
        .option(
            "rounds",
            120_000,
            1..=2_000_000,
            "compare's CPU-bound work, in rounds (Python runs it too)",
        )
        .option(
            "long-rounds",
            16_000_000,
            1..=200_000_000,
            "scale's and mixed's CPU-bound work, in rounds (Rust only)",
        )
        .option(
            "io-jobs",
            20,
            1..=200,
            "how many I/O-bound jobs, and the thread pool's size",
        )
        .option(
            "wait-ms",
            5,
            1..=200,
            "how long each I/O-bound job waits, in ms",
        )
        .role(models::ROLE, models::job_role)
        .role(models::WORKER_ROLE, models::worker_role)
        .role(memory::IDLE_ROLE, memory::idle_role)
        .run()
}

/// How many times every measurement runs, the rows taking turns; the fastest
/// run of each row is shown.
const RUNS: usize = 3;

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A time in ms, with two decimals below 10 ms: one unit for a whole column.
fn ms(time: Duration) -> String {
    let ms = time.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// How many times as long `slow` took as `fast`: `64x`, `1.3x`.
fn times(slow: Duration, fast: Duration) -> String {
    let ratio = speedup(slow, fast);
    if ratio >= 10.0 {
        format!("{ratio:.0}x")
    } else {
        format!("{ratio:.1}x")
    }
}

/// One model's fastest run of a workload.
struct Best {
    model: Model,
    took: Duration,
    answer: u64,
    late: Spread,
}

/// Every model in `models` runs `jobs` [`RUNS`] times, the models taking turns,
/// so that a moment when other programs take the cores hurts every row alike;
/// each keeps its fastest run. Every run must give the same answer.
fn measure(
    pools: &mut Pools,
    models: &[Model],
    jobs: &[Job],
    wait: Duration,
) -> Result<Vec<Best>> {
    let mut best: Vec<Option<Best>> = models.iter().map(|_| None).collect();
    for _ in 0..RUNS {
        for (&model, best) in models.iter().zip(&mut best) {
            let started = Instant::now();
            let done: Vec<Finished> = pools.run(model, jobs)?;
            let took = started.elapsed();
            ensure!(done.len() == jobs.len(), "{model:?} lost a job");
            let answer = done.iter().map(|d| d.answer).sum();
            if let Some(before) = best.as_ref() {
                ensure!(before.answer == answer, "{model:?} gave two answers");
            }
            if best.as_ref().is_none_or(|b| took < b.took) {
                let late = lateness(started, &done, wait);
                *best = Some(Best {
                    model,
                    took,
                    answer,
                    late,
                });
            }
        }
    }
    let best: Vec<Best> =
        best.into_iter().map(|b| b.expect("RUNS > 0")).collect();
    ensure!(
        best.iter().all(|b| b.answer == best[0].answer),
        "the models disagree about the answer"
    );
    Ok(best)
}

/// The two workloads, after checking that the options are in range: every job
/// is a thread, a task and a process at once, and a machine runs out of those.
fn workloads(args: &Args, rounds: u64) -> Result<(Vec<Job>, Vec<Job>)> {
    let (cpu_jobs, io_jobs) = (args.get("cpu-jobs"), args.get("io-jobs"));
    ensure!(
        (1..=64).contains(&cpu_jobs) && (1..=200).contains(&io_jobs),
        "--cpu-jobs must be from 1 to 64 and --io-jobs from 1 to 200"
    );
    Ok((
        jobs::compute_jobs(cpu_jobs, rounds),
        jobs::wait_jobs(io_jobs, args.get("wait-ms")),
    ))
}

fn compare(args: &Args) -> Result<()> {
    let cpus = cpus();
    let rounds = args.get("rounds");
    let (cpu_jobs, io_jobs) = workloads(args, rounds)?;
    let wait = args.millis("wait-ms");
    let python = Python::find();
    print!("On this machine ({cpus} CPUs): Rust in an {}", build());
    match &python {
        Some(python) => {
            println!(",\nbeside {} (python3 on this PATH).", python.version)
        }
        None => println!(".\n{}", python::NOT_FOUND),
    }
    println!(
        "Every row is the best of {RUNS} runs, the rows taking turns. Pools start"
    );
    println!(
        "before the clock, as a program keeps one; a thread each or a process each"
    );
    println!("starts on the clock: that is its cost.");
    let mut pools = Pools::start(io_jobs.len(), cpus)?;
    let cpu = measure(&mut pools, &Model::ALL, &cpu_jobs, Duration::ZERO)?;
    // one wait after another needs no measuring
    let io_models = &Model::ALL[1..];
    let io = measure(&mut pools, io_models, &io_jobs, wait)?;
    let names: Vec<String> =
        Model::ALL.iter().map(|m| m.name(&pools)).collect();
    pools.stop()?;
    let python = match python {
        Some(python) => Some(PythonTimes::measure(python, args, cpus)?),
        None => None,
    };
    if let Some(python) = &python {
        ensure!(
            python.results.number::<u64>("cpu.answer")? == cpu[0].answer
                && python.results.number::<u64>("io.answer")? == io[0].answer,
            "Python's answers differ from Rust's: it did not do the same work"
        );
    }

    let cpu_title = format!(
        "CPU-bound: {} jobs that compute, {} rounds each",
        cpu_jobs.len(),
        rounds / cpu_jobs.len() as u64
    );
    let io_title = format!(
        "I/O-bound: {} jobs that wait {} each ({} one after another)",
        io_jobs.len(),
        ms(wait),
        ms(wait * io_jobs.len() as u32)
    );
    let mut panels = [Panel::new(&cpu_title), Panel::new(&io_title)];
    panels[1]
        .reference(wait * io_jobs.len() as u32, "the waits one after another");

    println!();
    println!("{cpu_title}");
    let mut header = vec!["model", "Rust", "speedup"];
    if python.is_some() {
        header.extend(["Python", "speedup", "Python/Rust"]);
    }
    let mut table = Table::new(header);
    for row in &cpu {
        let name = &names[row.model as usize];
        let mut cells =
            vec![name.clone(), ms(row.took), times(cpu[0].took, row.took)];
        panels[0].bar(name, Language::Rust, row.took);
        if let Some(python) = &python {
            let alone = python.time("cpu", Model::OneAtATime)?;
            match (python.time("cpu", row.model)?, alone) {
                (Some(took), Some(alone)) => {
                    cells.extend([
                        ms(took),
                        times(alone, took),
                        times(took, row.took),
                    ]);
                    panels[0].bar(name, Language::Python, took);
                }
                _ => cells.extend(["-".into(), "-".into(), "-".into()]),
            }
        }
        table.row(cells);
    }
    print!("{table}");
    println!(
        "(speedup: over the same jobs one at a time, in the same language)"
    );

    println!();
    println!("{io_title}");
    let mut header = vec!["model", "Rust", "late: median", "worst"];
    if python.is_some() {
        header.extend(["Python", "Python/Rust"]);
    }
    let mut table = Table::new(header);
    for row in &io {
        let name = &names[row.model as usize];
        let late = [ms(row.late.median), ms(row.late.worst)];
        let mut cells =
            vec![name.clone(), ms(row.took), late[0].clone(), late[1].clone()];
        panels[1].bar(name, Language::Rust, row.took);
        if let Some(python) = &python {
            match python.time("io", row.model)? {
                Some(took) => {
                    cells.extend([ms(took), times(took, row.took)]);
                    panels[1].bar(name, Language::Python, took);
                }
                None => cells.extend(["-".into(), "-".into()]),
            }
        }
        table.row(cells);
    }
    print!("{table}");
    println!(
        "(late: how long after its {} each Rust wait ended, from the",
        ms(wait)
    );
    println!(" moment the batch began: the median wait, and the last one)");
    if let Some(python) = &python {
        println!(
            "Python/Rust: how many times as long Python took for the same jobs."
        );
        println!("Python's processes start by {}.", python.start_method);
        python.note_if_threads_looked_parallel()?;
    }
    let title = match python {
        Some(_) => {
            "lesson-10 compare: how long each model took, Rust and Python"
        }
        None => "lesson-10 compare: how long each model took in Rust",
    };
    args.write_svg(&chart::chart(title, &panels))
        .context("writing the chart")?;
    Ok(())
}

/// What `python/compare.py` measured.
struct PythonTimes {
    results: Results,
    /// How its processes start: fork, forkserver or spawn.
    start_method: String,
}

impl PythonTimes {
    /// Python's best time for `model` on `workload` ("cpu" or "io"), if Python
    /// has the model.
    fn time(&self, workload: &str, model: Model) -> Result<Option<Duration>> {
        match model.python_key() {
            Some(key) => {
                Ok(Some(self.results.seconds(&format!("{workload}.{key}"))?))
            }
            None => Ok(None),
        }
    }

    /// Threads (the GIL) and asyncio (one thread) compute one job at a time: a
    /// run in which they looked faster than that gets a Note saying why.
    fn note_if_threads_looked_parallel(&self) -> Result<()> {
        let alone =
            self.time("cpu", Model::OneAtATime)?.expect("Python has it");
        let mut fastest = Duration::MAX;
        for model in [Model::AThreadEach, Model::ThreadPool, Model::AsyncTasks]
        {
            fastest =
                fastest.min(self.time("cpu", model)?.expect("Python has it"));
        }
        if speedup(alone, fastest) > 1.25 {
            println!(
                "Note: Python's threads or tasks looked faster than one at a time, yet"
            );
            println!(
                "Note: Python computes on one thread at a time there: this machine ran"
            );
            println!("Note: some runs faster than others.");
        }
        Ok(())
    }
}

impl PythonTimes {
    /// Runs `python/compare.py` on the same workloads, as many runs, with pools
    /// of the same sizes.
    fn measure(python: Python, args: &Args, cpus: usize) -> Result<Self> {
        let script = python::script(env!("CARGO_MANIFEST_DIR"), "compare.py");
        let option = |name: &str| format!("--{name}={}", args.get(name));
        let words = [
            option("cpu-jobs"),
            option("rounds"),
            option("io-jobs"),
            option("wait-ms"),
            format!("--runs={RUNS}"),
            format!("--pool-threads={}", args.get("io-jobs")),
            format!("--pool-processes={cpus}"),
        ];
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let results = python.run(&script, &words, Duration::from_secs(300))?;
        let start_method =
            results.get("start_method").unwrap_or("?").to_string();
        Ok(Self {
            results,
            start_method,
        })
    }
}

/// 1, 2, 4, ... up to `cpus`, and `cpus` itself.
fn thread_counts(cpus: usize) -> Vec<usize> {
    let mut counts: Vec<usize> =
        std::iter::successors(Some(1), |n| Some(n * 2))
            .take_while(|&n| n < cpus)
            .collect();
    counts.push(cpus);
    counts
}

fn scale(args: &Args) -> Result<()> {
    let cpus = cpus();
    let counts = thread_counts(cpus);
    let jobs = jobs::compute_jobs(4 * cpus as u64, args.get("long-rounds"));
    println!(
        "{} jobs that compute (4 per CPU), {} rounds each, on a pool of",
        jobs.len(),
        args.get("long-rounds") / jobs.len() as u64
    );
    println!(
        "1 to {cpus} threads; best of {RUNS} runs, in turns, in an {}:",
        build()
    );
    let pools = counts
        .iter()
        .map(|&n| ThreadPool::new(n))
        .collect::<Result<Vec<_>>>()?;
    // Each row keeps its fastest run, and how many CPUs' worth of time that
    // run got: its threads' CPU time over the time that passed.
    let mut best = vec![(Duration::MAX, 0.0); counts.len()];
    let mut answers = vec![0; counts.len()];
    for _ in 0..RUNS {
        for (n, pool) in pools.iter().enumerate() {
            let (cpu_before, started) = (cpu_time()?, Instant::now());
            let done = pool.map(&jobs);
            let took = started.elapsed();
            let cpus_used =
                (cpu_time()? - cpu_before).as_secs_f64() / took.as_secs_f64();
            if took < best[n].0 {
                best[n] = (took, cpus_used);
            }
            answers[n] = done.iter().map(|d| d.answer).sum();
        }
    }
    ensure!(
        answers.iter().all(|&a| a == answers[0]),
        "the pools disagree"
    );
    let mut table = Table::new(["threads", "time", "speedup", "CPUs used"]);
    for (n, &threads) in counts.iter().enumerate() {
        table.row([
            threads.to_string(),
            ms(best[n].0),
            format!("{:.1}x", speedup(best[0].0, best[n].0)),
            format!("{:.2}", best[n].1),
        ]);
    }
    print!("{table}");
    println!("(CPUs used: the threads' CPU time over the time that passed)");
    let (threads, (_, used)) = (cpus, best[counts.len() - 1]);
    if threads > 1 && used < 0.75 * threads as f64 {
        println!(
            "Note: the {threads} threads got only {used:.2} CPUs' worth of time: other"
        );
        println!(
            "Note: programs had the rest. Run the part again at a quieter moment."
        );
    }
    Ok(())
}

/// A cost in bytes, for people: `512 B`, `9.4 kB`, `8196 kB`.
fn bytes(amount: f64) -> String {
    if amount < 1000.0 {
        format!("{amount:.0} B")
    } else if amount < 100_000.0 {
        format!("{:.1} kB", amount / 1024.0)
    } else {
        format!("{:.0} kB", amount / 1024.0)
    }
}

fn memory_part(_: &Args) -> Result<()> {
    let (threads, tasks, processes) = (500, 10_000, 20);
    println!(
        "{threads} threads, then {tasks} tokio tasks, then {processes} processes, \
         each kind all at once;"
    );
    println!("what each one added, read from /proc (Linux):");
    let costs = [
        ("a thread", memory::per_thread(threads)?),
        ("a tokio task", memory::per_task(tasks)?),
        ("a process", memory::per_process(processes)?),
    ];
    let mut table = Table::new([
        "each",
        "resident",
        "private",
        "virtual",
        "page tables",
        "kernel stack",
    ]);
    let or_dash = |cost: Option<f64>| cost.map_or("-".to_string(), bytes);
    for (what, cost) in &costs {
        table.row([
            what.to_string(),
            bytes(cost.resident),
            bytes(cost.private),
            bytes(cost.virtual_size),
            bytes(cost.page_tables),
            or_dash(cost.kernel_stack),
        ]);
    }
    print!("{table}");
    print_memory_notes(&costs);
    Ok(())
}

fn print_memory_notes(costs: &[(&str, Cost); 3]) {
    let [(_, thread), (_, task), (_, process)] = costs;
    let total = |cost: &Cost| {
        cost.private + cost.page_tables + cost.kernel_stack.unwrap_or(0.0)
    };
    println!(
        "resident: in RAM, with the pages it shares with other processes;"
    );
    println!(
        "private: its own pages; virtual: address space reserved, mostly never"
    );
    println!(
        "touched; page tables and kernel stack: the kernel's memory for it (the"
    );
    println!(
        "kernel stacks are read machine-wide, so other programs blur them)."
    );
    println!(
        "All told (private, page tables, kernel stack): a thread {}, a task {},",
        bytes(total(thread)),
        bytes(total(task))
    );
    println!(
        "a process {}. Left out: the kernel's own record of each thread.",
        bytes(total(process))
    );
}

fn mixed_part(args: &Args) -> Result<()> {
    let cpus = cpus();
    let (computations, waits) = workloads(args, args.get("long-rounds"))?;
    let wait = args.millis("wait-ms");
    println!(
        "{} waits of {} beside {} computations of {} rounds, as tasks on one",
        waits.len(),
        ms(wait),
        computations.len(),
        args.get("long-rounds") / computations.len() as u64
    );
    println!(
        "multi-thread runtime ({cpus} worker threads); best of {RUNS} runs, in turns:"
    );
    // The same computations alone, on the same clock, to compare "all done"
    // with.
    let alone_pool = ThreadPool::new(cpus)?;
    let mut alone = [Duration::MAX; 2];
    let mut best: [Option<(Spread, Duration, u64)>; 2] = [None, None];
    for _ in 0..RUNS {
        for (n, off_the_runtime) in [false, true].into_iter().enumerate() {
            let run = mixed::waits_beside_computing(
                &waits,
                &computations,
                off_the_runtime,
            )?;
            let late = lateness(run.started, &run.waited, wait);
            if let Some((_, _, answer)) = best[n] {
                ensure!(answer == run.answer, "two answers");
            }
            if best[n].is_none_or(|(b, _, _)| late.worst < b.worst) {
                best[n] = Some((late, run.all_done, run.answer));
            }
        }
        let started = Instant::now();
        models::one_at_a_time(&computations);
        alone[0] = alone[0].min(started.elapsed());
        let started = Instant::now();
        alone_pool.map(&computations);
        alone[1] = alone[1].min(started.elapsed());
    }
    let mut table = Table::new([
        "the computing",
        "waits late: median",
        "worst",
        "all done",
    ]);
    for (n, how) in ["on the runtime's threads", "sent to spawn_blocking"]
        .into_iter()
        .enumerate()
    {
        let (late, all_done, _) = best[n].expect("RUNS > 0");
        table.row([
            how.to_string(),
            ms(late.median),
            ms(late.worst),
            ms(all_done),
        ]);
    }
    print!("{table}");
    println!("(each row: its run whose last wait ended least late)");
    let [on, off] = best.map(|b| b.expect("RUNS > 0").0.worst);
    if off >= on {
        println!(
            "Note: sent off, the waits ended no sooner: other programs were using the CPUs."
        );
    }
    println!(
        "The computations alone: {} one at a time, {} on {cpus} threads.",
        ms(alone[0]),
        ms(alone[1])
    );
    Ok(())
}
