//! Unit tests of the preview's bounds and of its rebuild thread, on a server without a watcher
//! (a site set by hand) or a builder fed events by hand.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::builder::{Builder, Pending};
use super::*;

/// An accept loop serving a one-page site under `limits`.
struct Running {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Running {
    fn new(limits: Limits) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared::new(addr, limits));
        {
            let mut state = shared.state();
            state.site = Some(
                [(
                    "index.html".to_string(),
                    b"<html><body>ok</body></html>".to_vec(),
                )]
                .into(),
            );
            state.generation = 1;
        }
        let serving = shared.clone();
        let accept = std::thread::spawn(move || accept::accept_loop(listener, serving));
        Running {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    /// Sends a GET of `/` and returns the status (0 when the connection gave no answer).
    fn status(&self) -> u16 {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let _ = write!(
            stream,
            "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response)
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            accept.join().unwrap();
        }
    }
}

/// Waits until `done` holds, for at most `limit`.
fn wait_until(limit: Duration, what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn connections_over_the_bound_are_answered_503_then_served_again() {
    let server = Running::new(Limits {
        connections: 2,
        ..Limits::default()
    });
    let idle: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    wait_until(Duration::from_secs(5), "two open", || {
        server.shared.open.load(Ordering::SeqCst) == 2
    });
    assert_eq!(server.status(), 503, "a third connection over a bound of 2");
    drop(idle);
    wait_until(Duration::from_secs(5), "places given back", || {
        server.shared.open.load(Ordering::SeqCst) == 0
    });
    assert_eq!(server.status(), 200);
}

#[test]
fn a_trickled_head_is_cut_at_the_total_deadline() {
    let server = Running::new(Limits {
        head_time: Duration::from_millis(600),
        ..Limits::default()
    });
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let start = Instant::now();
    // One byte every 100 ms: each read succeeds well within any per-read timeout.
    let closed = loop {
        if slow.write_all(b"G").is_err() {
            break start.elapsed();
        }
        let mut buf = [0u8; 16];
        match slow.read(&mut buf) {
            Ok(0) => break start.elapsed(),
            Err(e)
                if e.kind() != std::io::ErrorKind::WouldBlock
                    && e.kind() != std::io::ErrorKind::TimedOut =>
            {
                break start.elapsed()
            }
            _ => {}
        }
        assert!(start.elapsed() < Duration::from_secs(5), "still open");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(closed >= Duration::from_millis(500), "{closed:?}");
    wait_until(Duration::from_secs(2), "its place given back", || {
        server.shared.open.load(Ordering::SeqCst) == 0
    });
    assert_eq!(server.status(), 200);
}

#[test]
fn a_thread_that_cannot_start_is_a_503_and_the_accept_loop_goes_on() {
    // No system gives a thread a 64 TiB stack: every spawn fails, as under a pids limit.
    let server = Running::new(Limits {
        stack: 1 << 46,
        ..Limits::default()
    });
    for _ in 0..3 {
        assert_eq!(server.status(), 503);
    }
    assert_eq!(server.shared.open.load(Ordering::SeqCst), 0);
    assert!(!server.accept.as_ref().unwrap().is_finished());
}

#[test]
fn bind_errors_say_what_to_do() {
    let addr: SocketAddr = "127.0.0.1:80".parse().unwrap();
    let denied = bind_error(addr, std::io::ErrorKind::PermissionDenied.into());
    let text = format!("{denied:#}");
    assert!(text.contains("le port 80 demande des privilèges"), "{text}");
    assert!(!text.contains("déjà pris"), "{text}");
    let taken = format!(
        "{:#}",
        bind_error(addr, std::io::ErrorKind::AddrInUse.into())
    );
    assert!(taken.contains("port déjà pris"), "{taken}");
}

#[test]
fn every_serve_key_used_in_code_exists() {
    let table: std::collections::BTreeMap<String, String> =
        toml::from_str(include_str!("../../i18n/fr.toml")).unwrap();
    for source in [
        include_str!("mod.rs"),
        include_str!("accept.rs"),
        include_str!("builder.rs"),
        include_str!("http.rs"),
        include_str!("page.rs"),
        include_str!("request.rs"),
    ] {
        for literal in source.split('"').skip(1).step_by(2) {
            let is_key = (literal.starts_with("serve.") || literal.starts_with("diag."))
                && literal
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'-');
            if is_key {
                assert!(table.contains_key(literal), "missing i18n key {literal}");
            }
        }
    }
}

/// Counts the builds that the panicking step ran.
static STEPS: AtomicUsize = AtomicUsize::new(0);

/// Panics on the first build, as a bug in a chart would, and builds normally afterwards.
fn panics_once(builder: &mut Builder) -> anyhow::Result<(crate::Outcome, usize)> {
    if STEPS.fetch_add(1, Ordering::SeqCst) == 0 {
        panic!("simulated bug in a chart");
    }
    Builder::run(builder)
}

fn minimal() -> PathBuf {
    std::fs::canonicalize(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/minimal"
    ))
    .unwrap()
}

fn modified(path: PathBuf) -> DebounceEventResult {
    use notify_debouncer_full::notify::event::{DataChange, ModifyKind};
    use notify_debouncer_full::notify::{Event, EventKind};
    let event = Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Content))).add_path(path);
    Ok(vec![notify_debouncer_full::DebouncedEvent::new(
        event,
        Instant::now(),
    )])
}

fn read(path: PathBuf) -> DebounceEventResult {
    use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
    use notify_debouncer_full::notify::{Event, EventKind};
    let event = Event::new(EventKind::Access(AccessKind::Close(AccessMode::Read))).add_path(path);
    Ok(vec![notify_debouncer_full::DebouncedEvent::new(
        event,
        Instant::now(),
    )])
}

#[test]
fn a_panicking_build_shows_an_overlay_and_the_next_save_rebuilds() {
    let root = minimal();
    let shared = Arc::new(Shared::new(
        "127.0.0.1:1".parse().unwrap(),
        Limits::default(),
    ));
    let options = crate::Options {
        root: root.clone(),
        drafts: true,
        ..Default::default()
    };
    let mut builder = Builder::new(options, shared.clone());
    builder.step = panics_once;
    builder.build(&[]);
    {
        let state = shared.state();
        assert_eq!(state.generation, 1);
        let errors = state.errors.as_deref().expect("the overlay");
        assert!(errors.contains("erreur interne de parcours"), "{errors}");
        assert!(errors.contains("simulated bug in a chart"), "{errors}");
    }
    assert_eq!(builder.pending, Pending::Full);

    // The watch thread lives on: a read changes nothing, the next save rebuilds.
    let (tx, rx) = std::sync::mpsc::channel();
    let watch = std::thread::spawn(move || builder.watch(rx));
    tx.send(read(root.join("parcours.toml"))).unwrap();
    tx.send(modified(root.join("communes/valdor/commune.yaml")))
        .unwrap();
    wait_until(Duration::from_secs(60), "the rebuild", || {
        shared.state().generation >= 2
    });
    {
        let state = shared.state();
        assert_eq!(state.generation, 2, "the read rebuilt nothing");
        assert!(state.errors.is_none(), "{:?}", state.errors);
        assert!(state.site.as_ref().unwrap().contains_key("index.html"));
    }
    drop(tx);
    watch.join().unwrap();
}
