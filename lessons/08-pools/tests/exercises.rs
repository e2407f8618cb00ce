//! The exercises' tests. `cargo test` runs them on the reference solutions;
//! `cargo exercises 08` runs them on your answers in `exercises/`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use course_test::deadline::within;

use lesson_08::ex1_letter_counts::letter_counts;
use lesson_08::ex2_first_answer::first_answer;
use lesson_08::ex3_pool_map::pool_map;
use lesson_08::ex4_sturdy_pool::SturdyPool;
use lesson_08::handmade::Pool;

const LIMIT: Duration = Duration::from_secs(10);

/// The plain one-thread count the answers are compared with.
fn one_thread_count(lines: &[String]) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    for letter in lines.iter().flat_map(|l| l.chars()) {
        if letter.is_alphabetic() {
            for lower in letter.to_lowercase() {
                *counts.entry(lower).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// A pool of 4 threads, whatever the machine: rayon then splits the work in
/// at least 4 pieces, as it would on a 4-core machine.
fn four_threads() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
}

#[test]
fn ex1_small_text() {
    let lines = vec!["Pool map".to_string(), "a Pool!".to_string()];
    let counts = letter_counts(&lines);
    let expected: HashMap<char, usize> =
        [('p', 3), ('o', 4), ('l', 2), ('m', 1), ('a', 2)]
            .into_iter()
            .collect();
    assert_eq!(counts, expected, "letters only, 'P' counted as 'p'");
    assert!(letter_counts::<String>(&[]).is_empty());
}

#[test]
fn ex1_letters_of_every_alphabet() {
    let lines = ["Éric était là.", "ÇA VA, Ça!", "Жук и ЖУК", "Straße 42"];
    let counts = letter_counts(&lines);
    for (letter, expected) in
        [('é', 2), ('ç', 2), ('ж', 2), ('à', 1), ('ß', 1), ('a', 5)]
    {
        assert_eq!(
            counts.get(&letter),
            Some(&expected),
            "'{letter}': letters of every alphabet count, 'É' as 'é' and 'Ж' as 'ж'"
        );
    }
    let lines: Vec<String> = lines.map(String::from).into();
    assert_eq!(counts, one_thread_count(&lines));
}

#[test]
fn ex1_matches_a_one_thread_count() {
    // The lesson's sample text, with capitals and accents mixed in.
    let lines: Vec<String> = lesson_08::reduce::sample_text(5_000, 8)
        .into_iter()
        .enumerate()
        .map(|(i, line)| match i % 3 {
            0 => line.to_uppercase(),
            1 => line.replace('e', "é").replace('o', "Ö"),
            _ => line,
        })
        .collect();
    let counts = four_threads().install(|| letter_counts(&lines));
    assert_eq!(counts, one_thread_count(&lines));
}

/// A line that notes who reads it, and when: each read takes 2 ms, so threads
/// that share the work are caught reading at the same moment.
struct WatchedLine {
    text: String,
    reading_now: Arc<AtomicUsize>,
    most_at_once: Arc<AtomicUsize>,
    off_the_pool: Arc<AtomicBool>,
}

impl AsRef<str> for WatchedLine {
    fn as_ref(&self) -> &str {
        let now = self.reading_now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_at_once.fetch_max(now, Ordering::SeqCst);
        if rayon::current_thread_index().is_none() {
            self.off_the_pool.store(true, Ordering::SeqCst);
        }
        thread::sleep(Duration::from_millis(2));
        self.reading_now.fetch_sub(1, Ordering::SeqCst);
        &self.text
    }
}

#[test]
fn ex1_several_threads_read_at_once() {
    let reading_now = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let off_the_pool = Arc::new(AtomicBool::new(false));
    let lines: Vec<WatchedLine> = (0..200)
        .map(|i| WatchedLine {
            text: format!("line {i} of the pool"),
            reading_now: Arc::clone(&reading_now),
            most_at_once: Arc::clone(&most_at_once),
            off_the_pool: Arc::clone(&off_the_pool),
        })
        .collect();
    let counts = four_threads().install(|| letter_counts(&lines));
    assert_eq!(counts[&'l'], 400, "'line' and 'pool' have an 'l' each");
    assert!(
        !off_the_pool.load(Ordering::SeqCst),
        "a line was read on a thread that is not rayon's"
    );
    let most = most_at_once.load(Ordering::SeqCst);
    assert!(
        most >= 2,
        "on 4 threads, at most {most} line was read at any moment: the lines \
         were read one after the other, not in parallel"
    );
}

/// Replicas for `first_answer`: each notes the thread it runs on, then waits
/// `millis` and answers `reply`.
struct Replicas {
    threads: Arc<Mutex<Vec<(ThreadId, bool)>>>,
}

impl Replicas {
    fn new() -> Self {
        Self {
            threads: Arc::new(Mutex::new(Vec::new())),
        }
    }

    fn replica(
        &self,
        millis: u64,
        reply: Option<&'static str>,
    ) -> impl FnOnce() -> Option<&'static str> + Send + 'static {
        let threads = Arc::clone(&self.threads);
        move || {
            let on_rayon = rayon::current_thread_index().is_some();
            threads
                .lock()
                .unwrap()
                .push((thread::current().id(), on_rayon));
            thread::sleep(Duration::from_millis(millis));
            reply
        }
    }

    /// Waits until `count` replicas have started (at most 5 s), and returns
    /// where they ran.
    fn started(&self, count: usize) -> Vec<(ThreadId, bool)> {
        let since = Instant::now();
        while self.threads.lock().unwrap().len() < count
            && since.elapsed() < Duration::from_secs(5)
        {
            thread::sleep(Duration::from_millis(10));
        }
        self.threads.lock().unwrap().clone()
    }
}

#[test]
fn ex2_the_fastest_answer_wins() {
    let replicas = Replicas::new();
    let mut asked: Vec<_> = (0..4)
        .map(|_| replicas.replica(3_000, Some("slow")))
        .collect();
    asked.push(replicas.replica(50, Some("fast")));
    let started = Instant::now();
    let answer = within(LIMIT, "first_answer never returned", move || {
        first_answer(asked, Duration::from_secs(20))
    });
    let took = started.elapsed();
    assert_eq!(answer, Some("fast"), "the fastest replica answers first");
    assert!(
        took < Duration::from_millis(1_500),
        "took {took:?}: the fast replica answered after 50 ms; do not wait for the \
         slow ones (3 s)"
    );
    let ran_on = replicas.started(5);
    let caller = thread::current().id();
    let threads: HashSet<ThreadId> = ran_on.iter().map(|(id, _)| *id).collect();
    assert!(
        ran_on.len() == 5 && threads.len() == 5 && !threads.contains(&caller),
        "5 replicas, each on a thread of its own: {} started within 5 s, on {} threads",
        ran_on.len(),
        threads.len()
    );
    assert!(
        ran_on.iter().all(|(_, on_rayon)| !on_rayon),
        "a replica ran on rayon's pool: it has a thread per core, so replicas that \
         wait take turns"
    );
}

#[test]
fn ex2_a_failure_is_not_an_answer() {
    let replicas = Replicas::new();
    let asked =
        vec![replicas.replica(0, None), replicas.replica(100, Some("up"))];
    let answer = within(LIMIT, "first_answer never returned", move || {
        first_answer(asked, Duration::from_secs(20))
    });
    assert_eq!(
        answer,
        Some("up"),
        "the first replica failed at once; the second answered after 100 ms"
    );
}

#[test]
fn ex2_gives_up_at_once_when_every_replica_failed() {
    let replicas = Replicas::new();
    let asked: Vec<_> = [0, 20, 40].map(|ms| replicas.replica(ms, None)).into();
    // A deadline far past the test's limit: only noticing that every replica
    // has failed can end the call in time.
    let answer = within(
        LIMIT,
        "every replica had failed after 40 ms, and first_answer was still waiting",
        move || first_answer(asked, Duration::from_secs(60)),
    );
    assert_eq!(answer, None);
}

#[test]
fn ex2_one_deadline_for_the_whole_call() {
    let replicas = Replicas::new();
    // Failures come in every 600 ms; the one good answer only after 30 s.
    let mut asked: Vec<_> = [600, 1_200, 1_800]
        .map(|ms| replicas.replica(ms, None))
        .into();
    asked.push(replicas.replica(30_000, Some("too late")));
    let started = Instant::now();
    let answer = within(LIMIT, "first_answer never returned", move || {
        first_answer(asked, Duration::from_secs(1))
    });
    let took = started.elapsed();
    assert_eq!(answer, None, "nothing answered within the deadline");
    assert!(
        took >= Duration::from_secs(1),
        "gave up after {took:?}, before the 1 s deadline"
    );
    assert!(
        took < Duration::from_secs(2),
        "gave up after {took:?}: the deadline is 1 s after the call, not 1 s after \
         the last failure"
    );
}

fn slow_square(n: u64) -> u64 {
    // The larger the number, the sooner it is done: arrival order is not input
    // order.
    thread::sleep(Duration::from_millis(50 - 5 * n));
    assert!(
        thread::current()
            .name()
            .is_some_and(|name| name.starts_with("pool-worker-")),
        "work must run on the pool's threads"
    );
    n * n
}

#[test]
fn ex3_results_keep_the_input_order() {
    let answers = within(LIMIT, "pool_map never returned", || {
        let pool = Pool::new(4).unwrap();
        // Out of order on purpose: sorting the answers cannot put them back.
        let answers =
            pool_map(&pool, vec![5, 3, 8, 1, 7, 2, 6, 4], slow_square);
        let none = pool_map(&pool, Vec::new(), slow_square);
        (answers, none)
    });
    assert_eq!(
        answers.0,
        [25, 9, 64, 1, 49, 4, 36, 16],
        "answer i must be work(items[i])"
    );
    assert!(answers.1.is_empty());
}

/// Where the calls of `meet_three_others` meet: how many are waiting, which
/// meeting this is, and whether one meeting was ever missed.
struct Meeting {
    waiting: usize,
    round: usize,
    missed: bool,
}

static MEETING: Mutex<Meeting> = Mutex::new(Meeting {
    waiting: 0,
    round: 0,
    missed: false,
});
static EVERYONE_CAME: Condvar = Condvar::new();

/// Work that returns only when 4 calls of it are running at the same moment
/// (or, if they never are, after 2 s, noting the miss).
fn meet_three_others(n: u64) -> u64 {
    let mut meeting = MEETING.lock().unwrap();
    if meeting.missed {
        return n; // no point in waiting again
    }
    meeting.waiting += 1;
    if meeting.waiting == 4 {
        meeting.waiting = 0;
        meeting.round += 1;
        EVERYONE_CAME.notify_all();
        return n;
    }
    let round = meeting.round;
    let (mut meeting, _) = EVERYONE_CAME
        .wait_timeout_while(meeting, Duration::from_secs(2), |m| {
            m.round == round && !m.missed
        })
        .unwrap();
    if meeting.round == round {
        meeting.missed = true;
        EVERYONE_CAME.notify_all();
    }
    n
}

#[test]
fn ex3_four_workers_work_at_once() {
    let answers = within(LIMIT, "pool_map never returned", || {
        let pool = Pool::new(4).unwrap();
        pool_map(&pool, (0..8).collect(), meet_three_others)
    });
    assert_eq!(answers, (0..8).collect::<Vec<u64>>());
    assert!(
        !MEETING.lock().unwrap().missed,
        "on a pool of 4, four calls of `work` never ran at the same moment: were \
         the items handed over one at a time?"
    );
}

/// Jobs for the sturdy pool: `panicking` of them panic, then `size` more must
/// run at the same moment, which needs `size` live workers.
fn panics_then_all_hands(size: usize, panicking: usize) -> (usize, bool) {
    within(LIMIT, "the pool never finished its jobs", move || {
        let pool = SturdyPool::new(size).unwrap();
        for i in 0..panicking {
            pool.execute(move || panic!("job {i} panics, on purpose (a test)"));
        }
        let gathered = Arc::new((Mutex::new(0), Condvar::new()));
        let (all_met, met) = crossbeam_channel::unbounded();
        for _ in 0..size {
            let (gathered, all_met) = (Arc::clone(&gathered), all_met.clone());
            pool.execute(move || {
                let (count, changed) = &*gathered;
                let mut count = count.lock().unwrap();
                *count += 1;
                changed.notify_all();
                let (count, _) = changed
                    .wait_timeout_while(count, Duration::from_secs(3), |c| {
                        *c < size
                    })
                    .unwrap();
                let _ = all_met.send(*count == size);
            });
        }
        // A dead pool runs none of them: give up waiting after 5 s.
        let everyone = (0..size).all(|_| {
            met.recv_timeout(Duration::from_secs(5))
                .is_ok_and(|met| met)
        });
        (pool.panicked(), everyone)
    })
}

#[test]
fn ex4_a_panic_costs_no_worker() {
    let (_, all_workers) = panics_then_all_hands(2, 6);
    assert!(
        all_workers,
        "after 6 panicking jobs, the 2 workers no longer ran 2 jobs at once: \
         a panic ended a worker"
    );
}

#[test]
fn ex4_every_panic_is_counted() {
    let (panicked, all_workers) = panics_then_all_hands(3, 5);
    assert!(all_workers, "a panic ended a worker");
    assert_eq!(panicked, 5, "5 jobs panicked");
}
