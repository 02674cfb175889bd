//! `parcours serve`: a live preview. Builds in memory (drafts included), serves the site over
//! HTTP, watches the repository and rebuilds on change, and tells open pages to reload.
//!
//! No logic of its own: every build goes through [`crate::incremental::build`] or, when only
//! audits changed, [`crate::incremental::rebuild`] ([`builder`]). The site is served from memory
//! and never written: the reload script and the error overlay are added to the pages as they
//! are sent ([`page`]), so `build/` never holds them. On a failed rebuild the last good site
//! stays served, with the diagnostics over it until a rebuild succeeds.
//!
//! The root is made absolute and canonical once, at start: the watcher reports absolute
//! paths, and they are matched against it. Connections are bounded and read within a
//! deadline ([`accept`], [`request`]); only requests naming the preview's own address or
//! `localhost` in `Host` are answered.

mod accept;
mod builder;
mod http;
mod page;
mod request;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::i18n::f;
use crate::site::Site;
use crate::Options;

/// How long the watcher waits for a burst of file events to settle (an editor's save is
/// several events within a few milliseconds).
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// What the repository folders the preview watches are called, besides `parcours.toml`.
const WATCHED: [&str; 3] = ["content", "communes", "themes"];

/// The bounds of the server.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Connections open at once (event streams included); more are answered 503.
    pub connections: usize,
    /// How long a client has to send its whole request head.
    pub head_time: Duration,
    /// The stack of each connection's thread.
    pub stack: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 256,
            head_time: Duration::from_secs(5),
            stack: 256 * 1024,
        }
    }
}

/// The state shared by the rebuild thread and the connections.
pub(crate) struct Shared {
    state: Mutex<State>,
    /// Signalled on every rebuild and on stop.
    changed: Condvar,
    stopping: AtomicBool,
    /// The address listened on, the one `Host` must name.
    bound: SocketAddr,
    limits: Limits,
    /// Connections being answered.
    open: AtomicUsize,
}

impl Shared {
    fn new(bound: SocketAddr, limits: Limits) -> Shared {
        Shared {
            state: Mutex::new(State {
                site: None,
                errors: None,
                generation: 0,
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            bound,
            limits,
            open: AtomicUsize::new(0),
        }
    }

    /// Locks the state; a thread that panicked holding it left it whole (every write is a
    /// single assignment), so a poisoned lock is used as it is.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What the preview currently serves.
struct State {
    /// The last good site.
    site: Option<Site>,
    /// The diagnostics of the last failed build, shown over the pages until fixed.
    errors: Option<String>,
    /// Counts builds, good or failed; open pages reload when it moves.
    generation: u64,
}

/// A running preview: drop it or call [`Server::stop`] to stop it.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    watcher: Option<Watcher>,
    threads: Vec<JoinHandle<()>>,
}

type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

impl Server {
    /// Returns the address the preview listens on (with the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Returns how many builds have run, good or failed (1 after the first).
    pub fn generation(&self) -> u64 {
        self.shared.state().generation
    }

    /// Stops watching and serving, and waits for the threads to finish.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        // Dropping the watcher closes the channel the rebuild thread waits on.
        if let Some(watcher) = self.watcher.take() {
            watcher.stop();
        }
        // Wake the accept loop with a connection of our own.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.threads.is_empty() {
            self.shutdown();
        }
    }
}

/// Builds the site with drafts, starts serving it on `addr` and watching the repository.
///
/// Prints the diagnostics of each build on standard error. Returns once the server listens.
pub fn start(options: &Options, addr: SocketAddr) -> Result<Server> {
    let root = std::fs::canonicalize(&options.root)
        .with_context(|| f("serve.root", &[&options.root.display()]))?;
    let options = Options {
        drafts: true,
        root,
        ..options.clone()
    };
    let listener = TcpListener::bind(addr).map_err(|e| bind_error(addr, e))?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(addr, Limits::default()));
    let mut builder = builder::Builder::new(options, shared.clone());
    builder.build(&[]);

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)?;
    let root = &builder.options.root;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        if root.join(dir).is_dir() {
            debouncer.watch(root.join(dir), RecursiveMode::Recursive)?;
        }
    }
    let watch = std::thread::Builder::new()
        .name("parcours-watch".into())
        .spawn(move || builder.watch(rx))?;
    let serving = shared.clone();
    let accept = std::thread::Builder::new()
        .name("parcours-accept".into())
        .spawn(move || accept::accept_loop(listener, serving))?;
    Ok(Server {
        addr,
        shared,
        watcher: Some(debouncer),
        threads: vec![watch, accept],
    })
}

/// Says why the preview cannot listen on `addr`, with what to do about it.
fn bind_error(addr: SocketAddr, e: std::io::Error) -> anyhow::Error {
    let key = match e.kind() {
        std::io::ErrorKind::AddrInUse => "serve.bind",
        std::io::ErrorKind::PermissionDenied => "serve.bind-denied",
        std::io::ErrorKind::AddrNotAvailable => "serve.bind-unavailable",
        _ => "serve.bind-other",
    };
    anyhow::Error::new(e).context(f(key, &[&addr, &addr.port()]))
}

#[cfg(test)]
mod tests;
