//! `parcours serve`: a live preview. Builds in memory (drafts included), serves the site over
//! HTTP, watches the repository and rebuilds on change, and tells open pages to reload.
//!
//! No logic of its own: every build goes through [`crate::build_site`] or, when only audits
//! changed, [`crate::incremental::rebuild`]. The site is served from memory and never written:
//! the reload script and the error overlay are added to the pages as they are sent
//! ([`http`]), so `build/` never holds them. On a failed rebuild the last good site stays
//! served, with the diagnostics over it until a rebuild succeeds.

mod http;

use std::collections::BTreeSet;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::i18n::f;
use crate::site::Site;
use crate::{Options, Outcome};

/// How long the watcher waits for a burst of file events to settle (an editor's save is
/// several events within a few milliseconds).
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// What the repository folders the preview watches are called, besides `parcours.toml`.
const WATCHED: [&str; 3] = ["content", "communes", "themes"];

/// The state shared by the rebuild thread and the connections.
struct Shared {
    state: Mutex<State>,
    /// Signalled on every rebuild and on stop.
    changed: Condvar,
    stopping: AtomicBool,
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
        self.shared.state.lock().expect("state lock").generation
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
    let options = Options {
        drafts: true,
        ..options.clone()
    };
    let listener = TcpListener::bind(addr).with_context(|| f("serve.bind", &[&addr]))?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            site: None,
            errors: None,
            generation: 0,
        }),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
    });
    let mut builder = Builder {
        options,
        shared: shared.clone(),
        pending: Pending::Full,
        previous: Default::default(),
    };
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
    let watch = std::thread::spawn(move || builder.watch(rx));
    let serving = shared.clone();
    let accept = std::thread::spawn(move || accept_loop(listener, serving));
    Ok(Server {
        addr,
        shared,
        watcher: Some(debouncer),
        threads: vec![watch, accept],
    })
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let shared = shared.clone();
        std::thread::spawn(move || http::handle(stream, &shared));
    }
}

/// What changed since the last good build.
#[derive(Debug, PartialEq)]
enum Pending {
    /// Nothing.
    None,
    /// Only audits of these (existing) communes.
    Audits(BTreeSet<String>),
    /// Anything else: methodology, handbook, theme, configuration, a commune's identity, a
    /// commune added or removed.
    Full,
}

impl Pending {
    fn add(&mut self, other: Pending) {
        *self = match (std::mem::replace(self, Pending::None), other) {
            (Pending::Full, _) | (_, Pending::Full) => Pending::Full,
            (Pending::None, x) | (x, Pending::None) => x,
            (Pending::Audits(mut a), Pending::Audits(b)) => {
                a.extend(b);
                Pending::Audits(a)
            }
        }
    }
}

/// Tells what a change to `path` (relative to the repository root) needs rebuilt, given the
/// communes of the last good build; `None` when the path does not matter.
fn classify(rel: &Path, communes: &BTreeSet<String>) -> Pending {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let name = parts.last().map(String::as_str).unwrap_or("");
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return Pending::None; // editor swap and backup files
    }
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["parcours.toml"] => Pending::Full,
        [dir, ..] if *dir == "content" || *dir == "themes" => Pending::Full,
        ["communes", slug, "audits", _, ..] if communes.contains(*slug) => {
            Pending::Audits([slug.to_string()].into())
        }
        ["communes", ..] => Pending::Full,
        _ => Pending::None,
    }
}

/// Runs the builds, one at a time, on the watch thread.
struct Builder {
    options: Options,
    shared: Arc<Shared>,
    /// Changes not yet in a good build.
    pending: Pending,
    /// What the last good build leaves for the next one.
    previous: crate::incremental::Previous,
}

impl Builder {
    fn watch(&mut self, rx: mpsc::Receiver<DebounceEventResult>) {
        while let Ok(events) = rx.recv() {
            if self.shared.stopping.load(Ordering::SeqCst) {
                break;
            }
            let paths: Vec<PathBuf> = match events {
                // Reading a file is an event too (the build reads them all): only changes count.
                Ok(events) => events
                    .into_iter()
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .collect(),
                Err(errors) => {
                    for e in errors {
                        eprintln!("{}", f("serve.watch-error", &[&e]));
                    }
                    continue;
                }
            };
            self.build(&paths);
        }
    }

    /// Rebuilds after changes to `paths` (absolute), or from scratch when `paths` is empty and
    /// nothing was built yet.
    fn build(&mut self, paths: &[PathBuf]) {
        let communes = self.communes();
        let mut changed = Vec::new();
        for path in paths {
            let rel = path.strip_prefix(&self.options.root).unwrap_or(path);
            let need = classify(rel, &communes);
            if need != Pending::None {
                changed.push(rel.display().to_string());
                self.pending.add(need);
            }
        }
        if self.pending == Pending::None {
            return;
        }
        if !changed.is_empty() {
            changed.sort();
            changed.dedup();
            eprintln!("{}", f("serve.changed", &[&changed.join(", ")]));
        }
        let start = Instant::now();
        let result = match &self.pending {
            Pending::Audits(slugs) => {
                let slugs = slugs.clone();
                self.rebuild(&slugs)
            }
            _ => self.full(),
        };
        let ms = start.elapsed().as_millis();
        let (outcome, rerendered) = match result {
            Ok(done) => done,
            Err(e) => {
                eprintln!("{}: {e:#}", crate::i18n::t("diag.error"));
                return;
            }
        };
        for d in &outcome.diagnostics {
            eprintln!("{d}");
        }
        let mut state = self.shared.state.lock().expect("state lock");
        state.generation += 1;
        if outcome.failed() {
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = outcome.diagnostics.len() - errors;
            eprintln!("{}", f("serve.failed", &[&errors, &warnings]));
            let text: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
            state.errors = Some(text.join("\n"));
        } else {
            let key = match &self.pending {
                Pending::Audits(s) => f("serve.rebuilt-partial", &[&ms, &s.len(), &rerendered]),
                _ => f("serve.rebuilt-full", &[&ms, &outcome.files]),
            };
            eprintln!("{key}");
            state.errors = None;
            self.pending = Pending::None;
        }
        drop(state);
        self.shared.changed.notify_all();
    }

    /// Builds everything and swaps the new site in.
    fn full(&mut self) -> Result<(Outcome, usize)> {
        let mut outcome = crate::incremental::build(&self.options, &mut self.previous)?;
        if let Some(site) = outcome.site.take() {
            self.shared.state.lock().expect("state lock").site = Some(site);
        }
        Ok((outcome, 0))
    }

    /// Re-renders what the audits of `slugs` affect and lays it over the current site; tells
    /// how many communes were re-rendered.
    fn rebuild(&mut self, slugs: &BTreeSet<String>) -> Result<(Outcome, usize)> {
        let (outcome, update) =
            crate::incremental::rebuild(&self.options, slugs, &mut self.previous)?;
        let mut rerendered = 0;
        if let Some(update) = update {
            rerendered = update.communes.len();
            if let Some(site) = self.shared.state.lock().expect("state lock").site.as_mut() {
                update.apply(site);
            }
        }
        Ok((outcome, rerendered))
    }

    /// Returns the communes that have pages in the last good build (none before the first).
    fn communes(&self) -> BTreeSet<String> {
        let state = self.shared.state.lock().expect("state lock");
        let keys = state.site.iter().flat_map(|site| site.keys());
        keys.filter_map(|path| match crate::incremental::owner(path) {
            crate::incremental::Owner::Commune(slug) => Some(slug.to_string()),
            _ => None,
        })
        .collect()
    }
}
