//! Many connections at once: a TCP echo server and many clients, on one thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Result, ensure};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinSet;
use tokio::time::{sleep, timeout};

/// How many connections the server has open now, and the most it has had at
/// once.
#[derive(Default)]
pub struct Gauge {
    open: AtomicUsize,
    pub peak: AtomicUsize,
}

// ANCHOR: server
/// Binds 127.0.0.1 on a port the OS picks (port 0), so the server is never
/// reachable from another machine and never clashes with another program.
/// `backlog` is how many connections the OS may hold for us before we accept
/// them; past it, a new client's connection attempt is dropped and retried
/// later.
pub fn start_server(backlog: u32) -> Result<(TcpListener, u16)> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(([127, 0, 0, 1], 0).into())?;
    let listener = socket.listen(backlog)?;
    let port = listener.local_addr()?.port();
    Ok((listener, port))
}
// ANCHOR_END: server

// ANCHOR: serve
/// Accepts connections forever, each served by a task of its own: a waiting
/// connection costs a small task, not a thread.
pub async fn serve(listener: TcpListener, gauge: Arc<Gauge>) -> Result<()> {
    loop {
        let (socket, _) = listener.accept().await?;
        let gauge = Arc::clone(&gauge);
        tokio::spawn(async move {
            let now = gauge.open.fetch_add(1, Ordering::SeqCst) + 1;
            gauge.peak.fetch_max(now, Ordering::SeqCst);
            let (reader, mut writer) = socket.into_split();
            let mut lines = BufReader::new(reader).lines();
            // Echo every line back until the client hangs up.
            while let Ok(Some(line)) = lines.next_line().await {
                if writer
                    .write_all(format!("{line}\n").as_bytes())
                    .await
                    .is_err()
                {
                    break;
                }
            }
            gauge.open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}
// ANCHOR_END: serve

// ANCHOR: client
/// One client: connects, thinks for `think` (a user typing, a slow network),
/// sends one line and checks that the same line comes back.
pub async fn client(port: u16, number: usize, think: Duration) -> Result<()> {
    let socket = TcpStream::connect(("127.0.0.1", port)).await?;
    let (reader, mut writer) = socket.into_split();
    sleep(think).await;
    let message = format!("hello from client {number}");
    writer.write_all(format!("{message}\n").as_bytes()).await?;
    let echoed = BufReader::new(reader).lines().next_line().await?;
    ensure!(
        echoed.as_deref() == Some(message.as_str()),
        "wrong echo: {echoed:?}"
    );
    Ok(())
}
// ANCHOR_END: client

// ANCHOR: many_clients
/// Runs `count` clients at once, each with a deadline; returns how many got
/// their own line back.
pub async fn many_clients(port: u16, count: usize, think: Duration) -> usize {
    let mut clients = JoinSet::new();
    for number in 0..count {
        clients.spawn(timeout(
            Duration::from_secs(10),
            client(port, number, think),
        ));
    }
    let results = clients.join_all().await;
    results
        .into_iter()
        .filter(|r| matches!(r, Ok(Ok(()))))
        .count()
}
// ANCHOR_END: many_clients

/// The whole exchange: a server, `count` clients, and the server's peak.
pub async fn echo_exchange(
    count: usize,
    think: Duration,
) -> Result<(usize, usize)> {
    let gauge = Arc::new(Gauge::default());
    let (listener, port) = start_server(1024)?;
    let server = tokio::spawn(serve(listener, Arc::clone(&gauge)));
    let echoed = many_clients(port, count, think).await;
    server.abort(); // the server loops forever; stop it with the part
    let peak = gauge.peak.load(Ordering::SeqCst);
    let _ = server.await;
    Ok((echoed, peak))
}
