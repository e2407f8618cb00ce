//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 10` runs them on your answers in `exercises/`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use lesson_10::ex1_compute_from_async::{crunch, crunch_all};
use lesson_10::ex2_isolated::run_isolated;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn ex1_answers_in_order() {
    let inputs: Vec<u64> = (1..=20).collect();
    let expected: Vec<u64> = inputs.iter().map(|&i| crunch(i)).collect();
    assert_eq!(runtime().block_on(crunch_all(inputs)), expected);
}

#[test]
fn ex1_the_runtime_stays_free() {
    let inputs: Vec<u64> = (0..64).collect();
    let (ticks, took) = runtime().block_on(async {
        let ticks = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&ticks);
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(5)).await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        let started = Instant::now();
        crunch_all(inputs).await;
        let took = started.elapsed();
        ticker.abort();
        (ticks.load(Ordering::Relaxed), took)
    });
    // A free runtime ticks about took/5 times; a blocked one never does.
    let expected = took.as_millis() as u32 / 20;
    assert!(
        ticks >= 1 && ticks >= expected,
        "the ticker ticked {ticks} times in {took:?}: the computing blocked the runtime"
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
    let crashed = run_isolated("kill -KILL $$", Duration::from_secs(20)).unwrap_err();
    assert!(
        crashed.contains("SIGKILL") || crashed.contains('9'),
        "{crashed}"
    );
}

/// Whether process `pid` still exists (a zombie counts: it was not reaped).
fn still_there(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn ex2_a_hang_is_killed_at_the_deadline() {
    // The shell writes its pid, then `exec` makes it become `sleep`: same pid.
    let pid_file = std::env::temp_dir().join(format!("lesson-10-ex2-{}", std::process::id()));
    let command_line = format!("echo $$ > {}; exec sleep 30", pid_file.display());
    let started = Instant::now();
    let hung = run_isolated(&command_line, Duration::from_millis(300));
    let took = started.elapsed();
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .expect("the command wrote its pid")
        .trim()
        .parse()
        .unwrap();
    let _ = std::fs::remove_file(&pid_file);
    let left_running = still_there(pid);
    if left_running {
        // Clean up for the learner, then fail.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
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
