//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 10` runs them on your answers in `exercises/`.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Once, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use lesson_10::ex1_compute_from_async::{crunch, crunch_all};
use lesson_10::ex2_isolated::run_isolated;
use lesson_10::ex3_predict;

/// A one-thread runtime: its tasks run on the thread that calls `block_on`.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// rayon's global pool with 4 threads, whatever the machine, so that
/// "several at once" can be seen on one core too. Every test that may touch
/// the global pool calls this first: the first call decides its size.
fn four_rayon_threads() {
    static SIZED: Once = Once::new();
    SIZED.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build_global();
    });
}

#[test]
fn ex1_answers_in_order() {
    four_rayon_threads();
    let inputs: Vec<u64> = (1..=20).collect();
    let expected: Vec<u64> = inputs.iter().map(|&i| crunch(i)).collect();
    assert_eq!(runtime().block_on(crunch_all(inputs, crunch)), expected);
}

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);
static OFF_RAYON: AtomicBool = AtomicBool::new(false);

/// Work that notes how many calls of it run at once, and whether it ran
/// anywhere but on rayon's pool.
fn noted(input: u64) -> u64 {
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    MOST_AT_ONCE.fetch_max(now, Ordering::SeqCst);
    if rayon::current_thread_index().is_none() {
        OFF_RAYON.store(true, Ordering::SeqCst);
    }
    thread::sleep(Duration::from_millis(20));
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    input * 2
}

#[test]
fn ex1_several_at_once_on_rayons_pool() {
    four_rayon_threads();
    let answers = runtime().block_on(crunch_all((0..16).collect(), noted));
    assert_eq!(answers, (0..16).map(|i| i * 2).collect::<Vec<_>>());
    assert!(
        !OFF_RAYON.load(Ordering::SeqCst),
        "`work` ran on a thread that is not one of rayon's"
    );
    let most = MOST_AT_ONCE.load(Ordering::SeqCst);
    assert!(
        most >= 2,
        "on a pool of 4 threads, at most {most} call of `work` ran at once"
    );
}

static TICKS: AtomicU64 = AtomicU64::new(0);
static HELD_UP: AtomicBool = AtomicBool::new(false);

/// Work that returns only once the runtime's ticker task has ticked twice
/// more: it cannot finish while the runtime's thread is held up. If that does
/// not happen within 3 s, it notes that the runtime was held up.
fn needs_the_runtime(input: u64) -> u64 {
    let seen = TICKS.load(Ordering::SeqCst);
    let since = Instant::now();
    while TICKS.load(Ordering::SeqCst) < seen + 2
        && !HELD_UP.load(Ordering::SeqCst)
    {
        if since.elapsed() > Duration::from_secs(3) {
            HELD_UP.store(true, Ordering::SeqCst);
        }
        thread::sleep(Duration::from_millis(1));
    }
    input
}

#[test]
fn ex1_the_runtime_stays_free() {
    four_rayon_threads();
    let answers = runtime().block_on(async {
        let ticker = tokio::spawn(async {
            loop {
                TICKS.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        });
        tokio::task::yield_now().await; // let the ticker start
        let answers = crunch_all((0..8).collect(), needs_the_runtime).await;
        ticker.abort();
        answers
    });
    assert_eq!(answers, (0..8).collect::<Vec<_>>());
    assert!(
        !HELD_UP.load(Ordering::SeqCst),
        "while `work` ran, another task on the runtime could not run for 3 s: \
         the runtime's thread was held up, computing or waiting"
    );
}

#[test]
fn ex2_success_gives_the_output() {
    assert_eq!(
        run_isolated("echo isolated", Duration::from_secs(20)),
        Ok("isolated".to_string())
    );
}

#[test]
fn ex2_failure_and_crash_are_errors() {
    let failed = run_isolated("exit 4", Duration::from_secs(20)).unwrap_err();
    assert!(
        failed.contains('4'),
        "the exit code should be in the error: {failed}"
    );
    let crashed =
        run_isolated("kill -KILL $$", Duration::from_secs(20)).unwrap_err();
    assert!(
        crashed.contains("SIGKILL") || crashed.contains('9'),
        "the signal should be in the error: {crashed}"
    );
}

/// Whether process `pid` still exists (a zombie counts: it was not reaped).
fn still_there(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn ex2_a_hang_is_killed_at_the_deadline() {
    // The shell writes its pid, then `exec` makes it become `sleep`: same pid.
    let pid_file = std::env::temp_dir()
        .join(format!("lesson-10-ex2-{}", std::process::id()));
    let command_line =
        format!("echo $$ > {}; exec sleep 30", pid_file.display());
    let started = Instant::now();
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ =
            done.send(run_isolated(&command_line, Duration::from_millis(300)));
    });
    let hung = result.recv_timeout(Duration::from_secs(10));
    let took = started.elapsed();
    let pid: Option<u32> = std::fs::read_to_string(&pid_file)
        .ok()
        .and_then(|pid| pid.trim().parse().ok());
    let _ = std::fs::remove_file(&pid_file);
    let pid = pid.expect("the command wrote its pid");
    let left_running = still_there(pid);
    if left_running {
        // Clean up for the learner, then fail.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    let hung = hung.unwrap_or_else(|_| {
        panic!("run_isolated had not returned 10 s after its 300 ms deadline")
    });
    assert!(
        hung.is_err(),
        "a command past its deadline is an error: {hung:?}"
    );
    assert!(
        took < Duration::from_secs(10),
        "waited {took:?} for a 300 ms deadline"
    );
    assert!(
        !left_running,
        "process {pid} was still there after run_isolated returned: kill it (and reap it) \
         at the deadline; a thread that stops waiting leaves it running"
    );
}

/// Whether process `pid` has ended: gone, or a zombie. A grandchild's zombie
/// is not ours to reap: its new parent (pid 1, or a subreaper) does that.
fn ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the name, which is in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => true,
    }
}

/// Runs `run_isolated` on `command_line`, which starts `sleep 30 &` and writes
/// its pid to the file named `PIDFILE`. Gives back what it returned (`None`
/// if it had not returned 10 s later), how long it took, and whether the
/// `sleep` was still running 5 s after it returned (then kills it).
fn with_a_background_sleep(
    command_line: &str,
    deadline: Duration,
) -> (Option<Result<String, String>>, Duration, bool) {
    let pid_file = std::env::temp_dir().join(format!(
        "lesson-10-ex2-sleep-{}-{deadline:?}",
        std::process::id()
    ));
    let command_line =
        command_line.replace("PIDFILE", &pid_file.display().to_string());
    let started = Instant::now();
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(run_isolated(&command_line, deadline));
    });
    let returned = result.recv_timeout(Duration::from_secs(10)).ok();
    let took = started.elapsed();
    let pid: Option<u32> = std::fs::read_to_string(&pid_file)
        .ok()
        .and_then(|pid| pid.trim().parse().ok());
    let _ = std::fs::remove_file(&pid_file);
    let pid = pid.expect("the command wrote the pid of its sleep");
    // Load can delay the kill's effect, never undo it: give it 5 s.
    let left_running = !(0..100).any(|_| {
        thread::sleep(Duration::from_millis(50));
        ended(pid)
    });
    if left_running {
        // Clean up for the learner, then fail.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    (returned, took, left_running)
}

#[test]
fn ex2_what_a_hung_command_started_is_killed_too() {
    let (returned, took, left_running) = with_a_background_sleep(
        "sleep 30 & echo $! > PIDFILE; wait",
        Duration::from_millis(300),
    );
    let returned = returned.unwrap_or_else(|| {
        panic!("run_isolated had not returned 10 s after its 300 ms deadline")
    });
    assert!(
        returned.is_err(),
        "a command past its deadline is an error: {returned:?} after {took:?}"
    );
    assert!(
        !left_running,
        "the sleep that sh started was still running after run_isolated \
         returned: killing sh does not kill what it started"
    );
}

#[test]
fn ex2_a_job_sent_off_with_an_ampersand_holds_nothing_up() {
    let (returned, took, left_running) = with_a_background_sleep(
        "sleep 30 & echo $! > PIDFILE; echo done",
        Duration::from_secs(20),
    );
    let returned = returned.unwrap_or_else(|| {
        panic!(
            "sh exited at once, but run_isolated had not returned 10 s later: \
             the sleep it sent off still holds the stdout pipe"
        )
    });
    assert_eq!(returned, Ok("done".to_string()), "after {took:?}");
    assert!(
        !left_running,
        "the sleep that sh sent off was still running after run_isolated \
         returned"
    );
}

/// Counts how many of the calls between `enter` and `leave` overlap.
#[derive(Default)]
struct AtOnce {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl AtOnce {
    fn enter(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
    }

    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }

    fn most(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

/// Compares a prediction with what happened, and prints both.
fn check_prediction(question: &str, predicted: usize, measured: usize) {
    println!("{question}\n  you predicted {predicted}; measured: {measured}");
    assert_eq!(
        predicted, measured,
        "{question}: you predicted {predicted}, but it was {measured} (see the hint)"
    );
}

#[test]
fn ex3_sleeping_jobs_on_rayon() {
    // A pool of rayon's default size, which the global pool has in programs
    // that do not choose one.
    let pool = rayon::ThreadPoolBuilder::new().build().unwrap();
    let cores = pool.current_num_threads();
    let predicted = ex3_predict::sleeping_jobs_on_rayon(cores);
    let at_once = AtOnce::default();
    pool.install(|| {
        (0..4 * cores).into_par_iter().for_each(|_| {
            at_once.enter();
            thread::sleep(Duration::from_millis(20));
            at_once.leave();
        })
    });
    check_prediction(
        &format!("{} sleeping jobs on rayon's pool of {cores}", 4 * cores),
        predicted,
        at_once.most(),
    );
}

fn cores() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

#[test]
fn ex3_computing_tasks_on_one_thread() {
    let predicted = ex3_predict::computing_tasks_on_one_thread(cores());
    let at_once = Arc::new(AtOnce::default());
    runtime().block_on(async {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let at_once = Arc::clone(&at_once);
                tokio::spawn(async move {
                    at_once.enter();
                    let started = Instant::now();
                    while started.elapsed() < Duration::from_millis(20) {
                        std::hint::spin_loop(); // computing
                    }
                    at_once.leave();
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    check_prediction(
        "8 computing tasks on a one-thread runtime",
        predicted,
        at_once.most(),
    );
}

#[test]
fn ex3_blocking_sleeps_from_one_thread() {
    let predicted = ex3_predict::blocking_sleeps_from_one_thread(cores());
    let at_once = Arc::new(AtOnce::default());
    runtime().block_on(async {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let at_once = Arc::clone(&at_once);
                tokio::spawn(async move {
                    tokio::task::spawn_blocking(move || {
                        at_once.enter();
                        thread::sleep(Duration::from_millis(300));
                        at_once.leave();
                    })
                    .await
                    .unwrap();
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    check_prediction(
        "8 sleeps handed to spawn_blocking",
        predicted,
        at_once.most(),
    );
}

#[test]
fn ex3_sleeping_tasks_on_one_thread() {
    let predicted = ex3_predict::sleeping_tasks_on_one_thread(cores());
    let at_once = Arc::new(AtOnce::default());
    // A paused clock: the 20 ms only start to pass once every task waits.
    let paused = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    paused.block_on(async {
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let at_once = Arc::clone(&at_once);
                tokio::spawn(async move {
                    at_once.enter();
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    at_once.leave();
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    check_prediction(
        "100 sleeping tasks on a one-thread runtime",
        predicted,
        at_once.most(),
    );
}
