//! The preview's rebuild thread: turns file events into builds, one at a time, and publishes
//! each result (the new site, or the diagnostics over the last good one) to the connections.
//!
//! Only a change rebuilds: reads (`Access` events, which every build causes) and paths outside
//! the watched folders do not, so a standing error is built and shown once, not in a loop. A
//! panic in a build is caught: the overlay says so, and the next save rebuilds from scratch.

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};
use std::time::Instant;

use anyhow::Result;
use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::EventKind;
use notify_debouncer_full::DebounceEventResult;

use super::Shared;
use crate::i18n::f;
use crate::Outcome;

/// What changed since the last good build.
#[derive(Debug, PartialEq)]
pub(super) enum Pending {
    /// Nothing.
    None,
    /// Only audits of these (existing) communes.
    Audits(BTreeSet<String>),
    /// Only Markdown files of the handbook (`content/handbook/**.md`).
    Chapters,
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
            (Pending::Chapters, Pending::Chapters) => Pending::Chapters,
            (Pending::Chapters, Pending::Audits(_)) | (Pending::Audits(_), Pending::Chapters) => {
                Pending::Full
            }
        }
    }
}

/// Tells what a change to `path` (relative to the repository root) needs rebuilt, given the
/// communes of the last good build; `None` when the path does not matter.
pub(super) fn classify(rel: &Path, communes: &BTreeSet<String>) -> Pending {
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
        ["content", "handbook", .., file] if file.ends_with(".md") => Pending::Chapters,
        [dir, ..] if *dir == "content" || *dir == "themes" => Pending::Full,
        ["communes", slug, "audits", _, ..] if communes.contains(*slug) => {
            Pending::Audits([slug.to_string()].into())
        }
        ["communes", ..] => Pending::Full,
        _ => Pending::None,
    }
}

/// Tells whether an event kind is a change of content (not a read, not an access time).
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// One build's result: the outcome and how many communes were re-rendered.
type Built = Result<(Outcome, usize)>;

/// Runs the builds, one at a time, on the watch thread.
pub(super) struct Builder {
    pub options: crate::Options,
    pub shared: Arc<Shared>,
    /// Changes not yet in a good build.
    pub pending: Pending,
    /// What the last good build leaves for the next one.
    pub previous: crate::incremental::Previous,
    /// Runs the pending build: [`Builder::run`], except in tests that make a build panic.
    pub step: fn(&mut Builder) -> Built,
}

impl Builder {
    /// A builder for `options` (whose root is absolute), with nothing built yet.
    pub fn new(options: crate::Options, shared: Arc<Shared>) -> Builder {
        Builder {
            options,
            shared,
            pending: Pending::Full,
            previous: Default::default(),
            step: Builder::run,
        }
    }

    /// Builds after each burst of events until the channel closes or the preview stops.
    pub fn watch(&mut self, rx: mpsc::Receiver<DebounceEventResult>) {
        while let Ok(events) = rx.recv() {
            if self.shared.stopping.load(Ordering::SeqCst) {
                break;
            }
            let paths: Vec<PathBuf> = match events {
                // Reading a file is an event too (the build reads them all): only changes count.
                Ok(events) => events
                    .into_iter()
                    .filter(|e| is_change(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect(),
                Err(errors) => {
                    for e in errors {
                        eprintln!("{}", f("serve.watch-error", &[&e]));
                    }
                    continue;
                }
            };
            if !paths.is_empty() {
                self.build(&paths);
            }
        }
    }

    /// Rebuilds after changes to `paths` (absolute); builds from scratch when `paths` is empty
    /// (the first build). Changes that do not matter build nothing.
    pub fn build(&mut self, paths: &[PathBuf]) {
        let communes = self.communes();
        let mut changed = Vec::new();
        let root = self.options.root.clone();
        for rel in paths.iter().filter_map(|p| p.strip_prefix(&root).ok()) {
            let need = classify(rel, &communes);
            if need != Pending::None {
                changed.push(rel.display().to_string());
                self.pending.add(need);
            }
        }
        if (changed.is_empty() && !paths.is_empty()) || self.pending == Pending::None {
            return;
        }
        if !changed.is_empty() {
            changed.sort();
            changed.dedup();
            eprintln!("{}", f("serve.changed", &[&changed.join(", ")]));
        }
        let start = Instant::now();
        let step = self.step;
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| step(self)));
        let ms = start.elapsed().as_millis();
        match result {
            Ok(Ok((outcome, rerendered))) => self.publish(&outcome, rerendered, ms),
            Ok(Err(e)) => {
                eprintln!("{}: {e:#}", crate::i18n::t("diag.error"));
                self.fail(format!("{}: {e:#}", crate::i18n::t("diag.error")));
            }
            Err(payload) => {
                let what = panic_message(payload.as_ref());
                let text = f("serve.panic", &[&what]);
                eprintln!("{text}");
                // What the build left half-done cannot be trusted: start again from scratch.
                self.previous = Default::default();
                self.pending = Pending::Full;
                self.fail(text);
            }
        }
    }

    /// Runs the pending build (incremental when only audits changed).
    pub fn run(&mut self) -> Built {
        match &self.pending {
            Pending::Audits(slugs) => {
                let slugs = slugs.clone();
                self.rebuild(&slugs)
            }
            Pending::Chapters => self.chapters(),
            _ => self.full(),
        }
    }

    /// Publishes a finished build: the new site, or its diagnostics over the last good one.
    fn publish(&mut self, outcome: &Outcome, rerendered: usize, ms: u128) {
        for d in &outcome.diagnostics {
            eprintln!("{d}");
        }
        if outcome.failed() {
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = outcome.diagnostics.len() - errors;
            eprintln!("{}", f("serve.failed", &[&errors, &warnings]));
            let text: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
            return self.fail(text.join("\n"));
        }
        let line = match &self.pending {
            Pending::Audits(s) => f("serve.rebuilt-partial", &[&ms, &s.len(), &rerendered]),
            Pending::Chapters if rerendered > 0 => f("serve.rebuilt-chapters", &[&ms, &rerendered]),
            _ => f("serve.rebuilt-full", &[&ms, &outcome.files]),
        };
        eprintln!("{line}");
        self.pending = Pending::None;
        let mut state = self.shared.state();
        state.generation += 1;
        state.errors = None;
        drop(state);
        self.shared.changed.notify_all();
    }

    /// Shows `errors` over the last good site; the pending changes stay pending.
    fn fail(&mut self, errors: String) {
        let mut state = self.shared.state();
        state.generation += 1;
        state.errors = Some(errors);
        drop(state);
        self.shared.changed.notify_all();
    }

    /// Builds everything and swaps the new site in.
    fn full(&mut self) -> Built {
        let mut outcome = crate::incremental::build(&self.options, &mut self.previous)?;
        if let Some(site) = outcome.site.take() {
            self.shared.state().site = Some(site);
        }
        Ok((outcome, 0))
    }

    /// Re-renders what the audits of `slugs` affect and lays it over the current site; tells
    /// how many communes were re-rendered.
    fn rebuild(&mut self, slugs: &BTreeSet<String>) -> Built {
        let (outcome, update) =
            crate::incremental::rebuild(&self.options, slugs, &mut self.previous)?;
        let mut rerendered = 0;
        if let Some(update) = update {
            rerendered = update.communes.len();
            if let Some(site) = self.shared.state().site.as_mut() {
                update.apply(site);
            }
        }
        Ok((outcome, rerendered))
    }

    /// Re-renders the chapters whose body changed and lays them over the current site, or
    /// builds everything when more than bodies changed; tells how many pages were re-rendered
    /// (none after a full build).
    fn chapters(&mut self) -> Built {
        use crate::incremental::ChapterRebuild;
        match crate::incremental::rebuild_chapters(&self.options, &mut self.previous)? {
            ChapterRebuild::Full => self.full(),
            ChapterRebuild::Done(outcome, update) => {
                let mut rerendered = 0;
                if let Some(update) = update {
                    rerendered = update.pages.len();
                    if let Some(site) = self.shared.state().site.as_mut() {
                        update.apply(site);
                    }
                }
                Ok((outcome, rerendered))
            }
        }
    }

    /// Returns the communes that have pages in the last good build (none before the first).
    fn communes(&self) -> BTreeSet<String> {
        let state = self.shared.state();
        let keys = state.site.iter().flat_map(|site| site.keys());
        keys.filter_map(|path| match crate::incremental::owner(path) {
            crate::incremental::Owner::Commune(slug) => Some(slug.to_string()),
            _ => None,
        })
        .collect()
    }
}

/// The text of a panic's payload (a `&str` or a `String` for `panic!` with a message).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("?")
    }
}
