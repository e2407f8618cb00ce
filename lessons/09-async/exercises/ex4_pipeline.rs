//! Exercise 4 (stretch, optional): a pipeline of tasks.
//!
//! A reader task takes lines from `lines` and hands them to `workers` worker
//! tasks, which run `work` on them; a writer task collects what they make.
//! `pipeline` returns the results in the order of the lines they came from.
//! - `work` may fail. A failed line's `Err` is reported in its place in the
//!   result, and the lines after it are still worked on.
//! - When there are enough lines, `workers` calls of `work` run at once.
//! - At most `capacity` lines wait for a worker: the reader takes a line
//!   only when there is room for it.
//! - When `stop` fires (or its sender is dropped), the reader takes no more
//!   lines. Every line already taken is finished and in the result, and no
//!   task is left running when `pipeline` returns.
//!
//! Check your answer with `cargo exercises 09`.

use std::future::Future;

use tokio::sync::oneshot;

pub async fn pipeline<L, F, Fut>(
    lines: L,
    workers: usize,
    capacity: usize,
    work: F,
    stop: oneshot::Receiver<()>,
) -> Vec<Result<String, String>>
where
    L: Iterator<Item = String> + Send + 'static,
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, String>> + Send + 'static,
{
    // TODO: a reader, `workers` workers and a writer, joined by channels.
    todo!("run the lines through the workers, and stop cleanly")
}
