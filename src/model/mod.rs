//! The resolved model: what templates, scores and charts see once every reference is checked.
//!
//! Built by `check` from the raw files; never read from disk directly. The methodology and the
//! handbook are in [`methodology`], communes and audits in [`audit`]; the pure predicates that
//! several stages share (version labels, dates, `replaces:` references) sit here too, so that no stage
//! has to import a later one to use them.

use std::collections::BTreeMap;

use serde::Serialize;

mod audit;
mod dates;
pub mod limits;
mod methodology;
mod outcomes;
mod plan;
pub mod procurement;
mod replaces;
mod version;

pub use audit::*;
pub use dates::{is_audit_id, is_date, parse_quarter};
pub use methodology::*;
pub use outcomes::*;
pub use plan::*;
pub use replaces::{dangling_replaces, Replacing};
pub use version::{compare_versions, is_version, Version};

/// Everything the site is rendered from, checked.
#[derive(Debug)]
pub struct Model {
    /// Site configuration.
    pub config: crate::config::Config,
    /// Methodology versions by label, oldest first by release order in `order`.
    pub methodologies: BTreeMap<String, Methodology>,
    /// Handbook chapters by version label, sorted by order then slug.
    pub handbooks: BTreeMap<String, Vec<Chapter>>,
    /// Version labels, oldest first; the last released one is the newest.
    pub order: Vec<String>,
    /// The label of the working tree's methodology when it is not a released version.
    pub draft: Option<String>,
    /// Communes sorted by slug.
    pub communes: Vec<Commune>,
    /// What the working tree does to the released version its `version:` still names, when it
    /// edits one (shown in a preview under a banner; see [`WorkingEdit`]).
    pub working_edit: Option<WorkingEdit>,
    /// Released labels re-pointed to a corrected commit, by label (see [`Erratum`]).
    pub errata: BTreeMap<String, Erratum>,
    /// The working tree's methodology when its `version:` names a released version and its
    /// content differs: set aside by `check`, settled by `review::settle`.
    pub edited_release: Option<EditedRelease>,
    /// Released labels re-pointed since their release, with their original release checked:
    /// `review::settle` turns them into errata or refuses them.
    pub repointed: Vec<Repointing>,
}

/// A working tree that edits the released version its `version:` still names.
#[derive(Clone, Debug)]
pub struct EditedRelease {
    /// The released label.
    pub label: String,
    /// The working tree's methodology.
    pub methodology: Methodology,
    /// The working tree's chapters.
    pub chapters: Vec<Chapter>,
    /// Line and column of `version:` in `content/methodology.yaml`.
    pub version_at: (u64, u64),
}

/// A released label that `[versions]` now points at another commit than at its release.
#[derive(Clone, Debug)]
pub struct Repointing {
    /// The label.
    pub label: String,
    /// The commit first released under it, shortened.
    pub original: String,
    /// The commit it names now, shortened.
    pub current: String,
    /// Line of its `[versions]` entry in `parcours.toml`.
    pub line: u64,
    /// The original release's methodology.
    pub methodology: Methodology,
    /// The original release's chapters.
    pub chapters: Vec<Chapter>,
}

/// A released version re-pointed in `[versions]` to a commit that changes only its prose.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Erratum {
    /// The commit first released under the label, shortened.
    pub original: String,
    /// The commit the label names now, shortened.
    pub current: String,
    /// What the correction changed, in French, one line each (chapters, notes, explanations).
    pub changes: Vec<String>,
}

/// The working tree edits a released version without a new `version:`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum WorkingEdit {
    /// The edit changes the meaning: a preview shows it as the draft of the next version.
    Meaning {
        /// The released label `version:` still names.
        released: String,
        /// The label the preview shows it under.
        shown_as: String,
        /// How many changes of meaning.
        changes: usize,
    },
    /// The edit changes only prose or notes: a preview shows it in place of the release, as
    /// the erratum it can become.
    Erratum {
        /// The released label.
        label: String,
    },
}

impl Model {
    /// Returns the newest released version (or the working tree's when nothing is released).
    pub fn latest(&self) -> &str {
        self.order
            .iter()
            .rev()
            .find(|v| Some(*v) != self.draft.as_ref())
            .or(self.order.last())
            .map(String::as_str)
            .unwrap_or("")
    }
}
