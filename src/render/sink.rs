//! What a render is asked for ([`Selection`]), where its pages go ([`Sink`]) and what it did
//! ([`Rendered`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;

/// The output: relative path (with `/`) → bytes, in sorted order.
pub type Site = BTreeMap<String, Vec<u8>>;

/// Which pages to render.
#[derive(Clone, Debug)]
pub struct Selection {
    /// The handbook (an incremental rebuild keeps the previous one).
    pub handbook: bool,
    /// The communes whose own pages to render; every commune's when `None`.
    pub communes: Option<BTreeSet<String>>,
}

impl Selection {
    /// The whole site.
    pub fn all() -> Self {
        Selection {
            handbook: true,
            communes: None,
        }
    }

    /// The pages a change to the audits of `communes` affects: theirs and every aggregate page.
    pub fn update(communes: BTreeSet<String>) -> Self {
        Selection {
            handbook: false,
            communes: Some(communes),
        }
    }

    pub(super) fn renders_commune(&self, slug: &str) -> bool {
        self.communes
            .as_ref()
            .is_none_or(|only| only.contains(slug))
    }
}

/// Where rendered pages go, a job's worth at a time, from several threads at once.
pub trait Sink: Sync {
    /// Takes the pages of one job.
    fn put(&self, pages: Site) -> anyhow::Result<()>;

    /// Gives each page already put, the first of a pair, a second path with the same bytes,
    /// the second of the pair (`handbook/latest/`): a hard link on disk, a copy in memory.
    fn alias(&self, pairs: Vec<(String, String)>) -> anyhow::Result<()>;
}

/// A sink that keeps the pages in memory.
#[derive(Default)]
pub struct MemorySink(Mutex<Site>);

impl MemorySink {
    /// The pages received.
    pub fn into_site(self) -> Site {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, pages: Site) -> anyhow::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(pages);
        Ok(())
    }

    fn alias(&self, pairs: Vec<(String, String)>) -> anyhow::Result<()> {
        let mut site = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (from, to) in pairs {
            if let Some(bytes) = site.get(&from).cloned() {
                site.insert(to, bytes);
            }
        }
        Ok(())
    }
}

/// What a render did: how many files it put, and the errors that make its output unusable.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Files put into the sink.
    pub files: usize,
    /// Render errors, sorted; when there is one, the sink's content must not be published.
    pub errors: Vec<Diagnostic>,
}
