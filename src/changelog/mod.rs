//! The changelog between two methodology versions, computed from the methodology itself.
//!
//! Pure: (older, newer) → [`Changelog`], and the French text of each change. Steps, criteria,
//! data-source types and actions are compared by id; an item of the newer version that names an
//! id of the older one in `replaces:` renames it (one replacement) or splits it (several). Ids
//! renamed this way are followed when comparing references (a criterion whose step was renamed
//! has not "moved"). Reads nothing, writes nothing; the handbook page, the report section and
//! `parcours diff` all print from here.

mod diff;
mod follow;
mod text;

use crate::model::{Methodology, PersonalData, Trigger};

pub use diff::diff;
pub use follow::{follow_criteria, Fate};
pub(crate) use text::plain;
pub use text::{summary, to_text, to_text_with_notes};

/// What kind of methodology item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A journey step.
    Step,
    /// A criterion.
    Criterion,
    /// A data-source type of the catalogue.
    Source,
    /// An action of the library.
    Action,
}

impl Kind {
    /// Every kind, in the order the changelog lists them.
    pub const ALL: [Kind; 4] = [Kind::Step, Kind::Criterion, Kind::Source, Kind::Action];

    /// The translation key of the section heading.
    pub fn heading_key(self) -> &'static str {
        match self {
            Kind::Step => "changelog.steps",
            Kind::Criterion => "changelog.criteria",
            Kind::Source => "changelog.sources",
            Kind::Action => "changelog.actions",
        }
    }

    /// The folder of the item's handbook pages.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Step => "etapes",
            Kind::Criterion => "criteres",
            Kind::Source => "sources",
            Kind::Action => "actions",
        }
    }

    /// The translation key of the item's name (`what.step`, …).
    pub fn what_key(self) -> &'static str {
        match self {
            Kind::Step => "what.step",
            Kind::Criterion => "what.criterion",
            Kind::Source => "what.source",
            Kind::Action => "what.action",
        }
    }
}

/// How an item changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// New in the newer version; `from` is the older item it was split from, if any.
    Added {
        /// The older id named by `replaces:` while that id still exists or was split.
        from: Option<String>,
    },
    /// Renamed: the newer item says `replaces: from` and is the only one to do so.
    Renamed {
        /// The older id.
        from: String,
    },
    /// Gone; `into` lists the newer items that replace it when it was split.
    Removed {
        /// The newer ids that name it in `replaces:` (two or more: a split).
        into: Vec<String>,
    },
    /// Same id, something else changed.
    Changed,
}

impl Change {
    fn rank(&self) -> u8 {
        match self {
            Change::Added { .. } => 0,
            Change::Renamed { .. } => 1,
            Change::Removed { .. } => 2,
            Change::Changed => 3,
        }
    }

    /// A stable name for templates and CSS (`added`, `renamed`, `removed`, `split`, `changed`).
    pub fn key(&self) -> &'static str {
        match self {
            Change::Added { .. } => "added",
            Change::Renamed { .. } => "renamed",
            Change::Removed { into } if into.len() > 1 => "split",
            Change::Removed { .. } => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One changed field of an item that exists in both versions (or was renamed).
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// The name (or a criterion's question) changed.
    Name(String, String),
    /// The Markdown description or guidance changed.
    Description,
    /// A step's typical frictions changed.
    Frictions,
    /// A criterion moved to another step.
    Step(String, String),
    /// A criterion moved to another angle.
    Angle(String, String),
    /// A criterion's weight changed.
    Weight(f64, f64),
    /// The descriptors of these levels changed.
    Descriptors(Vec<usize>),
    /// Linked ids added and removed (sources of a criterion, steps of a source or an action).
    Links(&'static str, Vec<String>, Vec<String>),
    /// A data-source type's personal-data risk changed.
    PersonalData(PersonalData, PersonalData),
    /// An action's triggers changed.
    Triggers(Vec<Trigger>, Vec<Trigger>),
    /// An action's one-off cost range changed.
    CostOneOff([f64; 2], [f64; 2]),
    /// An action's yearly cost range changed.
    CostYearly([f64; 2], [f64; 2]),
    /// An action's expected impact changed.
    Impact(u8, u8),
    /// An action's staff-time range changed.
    StaffDays([f64; 2], [f64; 2]),
    /// An action's lead time changed (months).
    LeadTime(u32, u32),
    /// A criterion or an action joined or left the light track.
    Light(bool, bool),
    /// An action's cost rule changed (scaled by population band, or fixed).
    Scaling(crate::model::Scaling, crate::model::Scaling),
    /// What an action is for a tender changed (`None`: not classified).
    ActionKind(
        Option<crate::model::ActionKind>,
        Option<crate::model::ActionKind>,
    ),
    /// An action's deliverables or award criteria changed.
    TenderTerms,
}

/// One item that changed between two versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Step, criterion, source or action.
    pub kind: Kind,
    /// How it changed.
    pub change: Change,
    /// Its id in the newer version (in the older one when removed).
    pub id: String,
    /// Its name (a criterion's question), in the newer version when it exists there.
    pub name: String,
    /// What changed in it (renamed or changed items only).
    pub details: Vec<Detail>,
}

/// Every change from one methodology version to the next.
#[derive(Clone, Debug, PartialEq)]
pub struct Changelog {
    /// The older version's label.
    pub from: String,
    /// The newer version's label.
    pub to: String,
    /// Changed items, by kind, then added, renamed, removed, changed, each in file order.
    pub entries: Vec<Entry>,
}

impl Changelog {
    /// Tells whether nothing changed in steps, criteria, sources or actions.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns the entries of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }
}

impl Entry {
    /// Whether the change leaves the methodology's meaning intact: an item that exists on both
    /// sides and changed only its explanatory text (description, guidance, typical frictions).
    /// Everything else the changelog reports (added, removed, renamed, split, reworded,
    /// re-weighted, moved, level descriptors, sources, triggers, costs…) changes the meaning.
    pub fn is_editorial(&self) -> bool {
        self.change == Change::Changed
            && self
                .details
                .iter()
                .all(|d| matches!(d, Detail::Description | Detail::Frictions))
    }
}

/// What changes the meaning of a methodology from `old` to `new`, in French, one line each:
/// every changelog entry that is not editorial ([`Entry::is_editorial`]), and the parts the
/// changelog does not list item by item (scale, angles, typologies, population and cost bands,
/// outcome indicators), named when they differ. Empty: `new` is at most an erratum of `old`.
pub fn meaning_changes(old: &Methodology, new: &Methodology) -> Vec<String> {
    let mut out: Vec<String> = diff(old, new)
        .entries
        .iter()
        .filter(|e| !e.is_editorial())
        .map(summary)
        .collect();
    fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
        serde_json::to_value(v).unwrap_or_default()
    }
    for (key, a, b) in [
        ("changelog.part-scale", json(&old.scale), json(&new.scale)),
        (
            "changelog.part-angles",
            json(&old.angles),
            json(&new.angles),
        ),
        (
            "changelog.part-degurba",
            json(&old.degurba),
            json(&new.degurba),
        ),
        (
            "changelog.part-bands",
            json(&old.population_bands),
            json(&new.population_bands),
        ),
        (
            "changelog.part-costs",
            json(&old.cost_bands),
            json(&new.cost_bands),
        ),
        (
            "changelog.part-outcomes",
            json(&old.outcomes),
            json(&new.outcomes),
        ),
    ] {
        if a != b {
            out.push(crate::i18n::t(key).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests;
