use std::sync::Mutex;
use std::time::Duration;

static VISITS: Mutex<u64> = Mutex::new(0);

async fn count_visit() {
    let mut visits = VISITS.lock().unwrap();
    // Waiting while holding the lock: the guard lives across the `.await`.
    tokio::time::sleep(Duration::from_millis(10)).await;
    *visits += 1;
}

#[tokio::main]
async fn main() {
    tokio::spawn(count_visit()).await.unwrap();
}
