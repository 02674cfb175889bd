//! Accepts connections and gives each a thread of its own, within bounds: at most
//! [`Limits::connections`](super::Limits) at once (more are answered 503), a small stack per
//! thread, and no busy loop when the process runs out of file descriptors. A thread that cannot
//! be started is a 503 for that client, never the end of the accept loop.

use std::io::{ErrorKind, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use rustix::io::Errno;

use super::{http, Shared};
use crate::i18n::f;

/// How long the accept loop pauses when the process or the system is out of descriptors or
/// memory: the pending clients wait in the kernel's queue meanwhile.
const EXHAUSTED_PAUSE: Duration = Duration::from_millis(100);

/// How long it pauses after any other accept error.
const ERROR_PAUSE: Duration = Duration::from_millis(10);

/// Accepts connections until the preview stops.
pub(super) fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut exhausted = false;
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        match stream {
            Ok(stream) => {
                exhausted = false;
                admit(stream, &shared);
            }
            Err(e) => {
                let out = is_exhaustion(&e);
                if out && !exhausted {
                    eprintln!("{}", f("serve.exhausted", &[&e]));
                }
                exhausted = out;
                std::thread::sleep(if out { EXHAUSTED_PAUSE } else { ERROR_PAUSE });
            }
        }
    }
}

/// Tells whether an accept error means "out of descriptors or memory" (then retrying at once
/// would only spin).
fn is_exhaustion(e: &std::io::Error) -> bool {
    matches!(
        Errno::from_io_error(e),
        Some(Errno::MFILE | Errno::NFILE | Errno::NOBUFS | Errno::NOMEM)
    ) || e.kind() == ErrorKind::OutOfMemory
}

/// One of the bounded connection places; given back when dropped, even by a panicking thread.
struct Slot(Arc<Shared>);

impl Slot {
    fn take(shared: &Arc<Shared>) -> Option<Slot> {
        let before = shared.open.fetch_add(1, Ordering::SeqCst);
        if before >= shared.limits.connections {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(shared.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Starts a thread for `stream`, or answers 503 when the bound is reached or no thread starts.
fn admit(stream: TcpStream, shared: &Arc<Shared>) {
    let Some(slot) = Slot::take(shared) else {
        return turn_away(stream);
    };
    // The connection goes to the thread through a channel, so it stays ours if the thread
    // cannot be started.
    let (tx, rx) = mpsc::sync_channel::<(TcpStream, Slot)>(1);
    let worker = shared.clone();
    let spawned = std::thread::Builder::new()
        .name("parcours-http".into())
        .stack_size(shared.limits.stack)
        .spawn(move || {
            if let Ok((stream, _slot)) = rx.recv() {
                http::handle(stream, &worker);
            }
        });
    match spawned {
        Ok(_) => {
            let _ = tx.send((stream, slot));
        }
        Err(e) => {
            drop(slot);
            eprintln!("{}", f("serve.spawn-failed", &[&e]));
            turn_away(stream);
            std::thread::sleep(ERROR_PAUSE);
        }
    }
}

/// Answers 503 from the accept thread, without waiting on the client: what it already sent is
/// read without blocking, the answer is written with a short timeout, and the connection closed.
fn turn_away(mut stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        let mut buf = [0u8; 8192];
        for _ in 0..8 {
            if !matches!(stream.read(&mut buf), Ok(n) if n > 0) {
                break;
            }
        }
    }
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    http::refuse(&mut stream, 503);
    let _ = stream.shutdown(Shutdown::Write);
}
