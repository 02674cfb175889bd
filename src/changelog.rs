//! The changelog between two methodology versions, computed from the methodology itself.
//!
//! Pure: (older, newer) → [`Changelog`], and the French text of each change. Steps, criteria,
//! data-source types and actions are compared by id; an item of the newer version that names an
//! id of the older one in `replaces:` renames it (one replacement) or splits it (several). Ids
//! renamed this way are followed when comparing references (a criterion whose step was renamed
//! has not "moved"). Reads nothing, writes nothing; the handbook page, the report section and
//! `parcours diff` all print from here.

use std::collections::BTreeMap;

use crate::format;
use crate::i18n::{f, t};
use crate::model::{
    Action, Criterion, Methodology, PersonalData, Replacing, SourceType, Step, Trigger,
};

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
}

impl Detail {
    /// Says the change in French, e.g. `poids : 1 → 2`.
    pub fn text(&self) -> String {
        match self {
            Detail::Name(a, b) => f("changelog.name", &[a, b]),
            Detail::Description => t("changelog.description").to_string(),
            Detail::Frictions => t("changelog.frictions").to_string(),
            Detail::Step(a, b) => f("changelog.step", &[a, b]),
            Detail::Angle(a, b) => f("changelog.angle", &[a, b]),
            Detail::Weight(a, b) => f(
                "changelog.weight",
                &[&format::decimal(*a), &format::decimal(*b)],
            ),
            Detail::Descriptors(levels) => {
                let levels: Vec<String> = levels.iter().map(usize::to_string).collect();
                f("changelog.descriptors", &[&levels.join(", ")])
            }
            Detail::Links(key, added, removed) => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(f("changelog.links-added", &[&ids(added)]));
                }
                if !removed.is_empty() {
                    parts.push(f("changelog.links-removed", &[&ids(removed)]));
                }
                format!("{} : {}", t(key), parts.join(" ; "))
            }
            Detail::PersonalData(a, b) => f("changelog.personal", &[&personal(*a), &personal(*b)]),
            Detail::Triggers(a, b) => f("changelog.triggers", &[&triggers(a), &triggers(b)]),
            Detail::CostOneOff(a, b) => f(
                "changelog.cost-one-off",
                &[&format::euro_range(*a), &format::euro_range(*b)],
            ),
            Detail::CostYearly(a, b) => f(
                "changelog.cost-yearly",
                &[&format::euro_range(*a), &format::euro_range(*b)],
            ),
            Detail::Impact(a, b) => f("changelog.impact", &[a, b]),
        }
    }
}

fn ids(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn personal(p: PersonalData) -> &'static str {
    t(match p {
        PersonalData::None => "personal.none",
        PersonalData::Pseudonymised => "personal.pseudonymised",
        PersonalData::Personal => "personal.personal",
    })
}

fn triggers(list: &[Trigger]) -> String {
    if list.is_empty() {
        return t("crit.none").to_string();
    }
    list.iter()
        .map(|tr| format!("`{}` ≤ {}", tr.criterion, tr.max_level))
        .collect::<Vec<_>>()
        .join(", ")
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

/// What the diff needs to know of an item.
trait Item: Replacing {
    fn name(&self) -> &str;
    fn details(&self, old: &Self, renames: &Renames) -> Vec<Detail>;
}

/// Old id → new id, for every kind, when renamed.
#[derive(Default)]
struct Renames(BTreeMap<(Kind, String), String>);

impl Renames {
    fn map(&self, kind: Kind, id: &str) -> String {
        self.0
            .get(&(kind, id.to_string()))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
    fn links(
        &self,
        kind: Kind,
        old: &[String],
        new: &[String],
        key: &'static str,
    ) -> Option<Detail> {
        let old: Vec<String> = old.iter().map(|x| self.map(kind, x)).collect();
        let added: Vec<String> = new.iter().filter(|x| !old.contains(x)).cloned().collect();
        let removed: Vec<String> = old.iter().filter(|x| !new.contains(x)).cloned().collect();
        (!added.is_empty() || !removed.is_empty()).then_some(Detail::Links(key, added, removed))
    }
}

fn push_if<T: PartialEq>(
    out: &mut Vec<Detail>,
    old: T,
    new: T,
    detail: impl FnOnce(T, T) -> Detail,
) {
    if old != new {
        out.push(detail(old, new));
    }
}

impl Item for Step {
    fn name(&self) -> &str {
        &self.name
    }
    fn details(&self, old: &Self, _: &Renames) -> Vec<Detail> {
        let mut out = Vec::new();
        push_if(&mut out, old.name.clone(), self.name.clone(), Detail::Name);
        if old.description.trim() != self.description.trim() {
            out.push(Detail::Description);
        }
        if old.frictions != self.frictions {
            out.push(Detail::Frictions);
        }
        out
    }
}

impl Item for Criterion {
    fn name(&self) -> &str {
        &self.question
    }
    fn details(&self, old: &Self, renames: &Renames) -> Vec<Detail> {
        let mut out = Vec::new();
        push_if(
            &mut out,
            old.question.clone(),
            self.question.clone(),
            Detail::Name,
        );
        push_if(
            &mut out,
            renames.map(Kind::Step, &old.step),
            self.step.clone(),
            Detail::Step,
        );
        push_if(
            &mut out,
            old.angle.clone(),
            self.angle.clone(),
            Detail::Angle,
        );
        push_if(&mut out, old.weight, self.weight, Detail::Weight);
        let levels: Vec<usize> = (0..old.levels.len().max(self.levels.len()))
            .filter(|&i| {
                old.levels.get(i).map(|s| s.trim()) != self.levels.get(i).map(|s| s.trim())
            })
            .collect();
        if !levels.is_empty() {
            out.push(Detail::Descriptors(levels));
        }
        out.extend(renames.links(
            Kind::Source,
            &old.sources,
            &self.sources,
            "changelog.links-sources",
        ));
        if old.guidance.trim() != self.guidance.trim() {
            out.push(Detail::Description);
        }
        out
    }
}

impl Item for SourceType {
    fn name(&self) -> &str {
        &self.name
    }
    fn details(&self, old: &Self, renames: &Renames) -> Vec<Detail> {
        let mut out = Vec::new();
        push_if(&mut out, old.name.clone(), self.name.clone(), Detail::Name);
        push_if(
            &mut out,
            old.personal_data,
            self.personal_data,
            Detail::PersonalData,
        );
        out.extend(renames.links(Kind::Step, &old.steps, &self.steps, "changelog.links-steps"));
        if old.description.trim() != self.description.trim()
            || old.lawful_use.trim() != self.lawful_use.trim()
        {
            out.push(Detail::Description);
        }
        out
    }
}

impl Item for Action {
    fn name(&self) -> &str {
        &self.name
    }
    fn details(&self, old: &Self, renames: &Renames) -> Vec<Detail> {
        let mut out = Vec::new();
        push_if(&mut out, old.name.clone(), self.name.clone(), Detail::Name);
        let old_triggers: Vec<Trigger> = old
            .triggers
            .iter()
            .map(|tr| Trigger {
                criterion: renames.map(Kind::Criterion, &tr.criterion),
                max_level: tr.max_level,
            })
            .collect();
        push_if(
            &mut out,
            old_triggers,
            self.triggers.clone(),
            Detail::Triggers,
        );
        push_if(
            &mut out,
            old.cost_one_off,
            self.cost_one_off,
            Detail::CostOneOff,
        );
        push_if(
            &mut out,
            old.cost_yearly,
            self.cost_yearly,
            Detail::CostYearly,
        );
        push_if(&mut out, old.impact, self.impact, Detail::Impact);
        out.extend(renames.links(Kind::Step, &old.steps, &self.steps, "changelog.links-steps"));
        if old.description.trim() != self.description.trim() {
            out.push(Detail::Description);
        }
        out
    }
}

/// Finds renames of one kind: old id → the single newer item that replaces it.
fn renames_of<T: Item>(kind: Kind, old: &[T], new: &[T], out: &mut Renames) {
    for o in old {
        if new.iter().any(|n| n.id() == o.id()) {
            continue;
        }
        let mut by = new.iter().filter(|n| n.replaces() == Some(o.id()));
        if let (Some(n), None) = (by.next(), by.next()) {
            out.0.insert((kind, o.id().to_string()), n.id().to_string());
        }
    }
}

/// Diffs one kind of item.
fn diff_items<T: Item>(kind: Kind, old: &[T], new: &[T], renames: &Renames) -> Vec<Entry> {
    let find = |id: &str| old.iter().find(|o| o.id() == id);
    let mut entries = Vec::new();
    for n in new {
        let entry = |change, details| Entry {
            kind,
            change,
            id: n.id().to_string(),
            name: n.name().to_string(),
            details,
        };
        if let Some(o) = find(n.id()) {
            let details = n.details(o, renames);
            if !details.is_empty() {
                entries.push(entry(Change::Changed, details));
            }
            continue;
        }
        match n.replaces().and_then(find) {
            Some(o)
                if renames
                    .0
                    .get(&(kind, o.id().to_string()))
                    .map(String::as_str)
                    == Some(n.id()) =>
            {
                entries.push(entry(
                    Change::Renamed {
                        from: o.id().to_string(),
                    },
                    n.details(o, renames),
                ));
            }
            Some(o) => entries.push(entry(
                Change::Added {
                    from: Some(o.id().to_string()),
                },
                Vec::new(),
            )),
            None => entries.push(entry(Change::Added { from: None }, Vec::new())),
        }
    }
    for o in old {
        if new.iter().any(|n| n.id() == o.id())
            || renames.0.contains_key(&(kind, o.id().to_string()))
        {
            continue;
        }
        let into = new
            .iter()
            .filter(|n| n.replaces() == Some(o.id()))
            .map(|n| n.id().to_string())
            .collect();
        entries.push(Entry {
            kind,
            change: Change::Removed { into },
            id: o.id().to_string(),
            name: o.name().to_string(),
            details: Vec::new(),
        });
    }
    entries.sort_by_key(|e| e.change.rank());
    entries
}

/// Computes every change from `old` to `new` (consecutive versions).
pub fn diff(old: &Methodology, new: &Methodology) -> Changelog {
    let mut renames = Renames::default();
    renames_of(Kind::Step, &old.steps, &new.steps, &mut renames);
    renames_of(Kind::Criterion, &old.criteria, &new.criteria, &mut renames);
    renames_of(Kind::Source, &old.sources, &new.sources, &mut renames);
    renames_of(Kind::Action, &old.actions, &new.actions, &mut renames);
    let mut entries = diff_items(Kind::Step, &old.steps, &new.steps, &renames);
    entries.extend(diff_items(
        Kind::Criterion,
        &old.criteria,
        &new.criteria,
        &renames,
    ));
    entries.extend(diff_items(
        Kind::Source,
        &old.sources,
        &new.sources,
        &renames,
    ));
    entries.extend(diff_items(
        Kind::Action,
        &old.actions,
        &new.actions,
        &renames,
    ));
    Changelog {
        from: old.version.clone(),
        to: new.version.clone(),
        entries,
    }
}

/// Says how an entry changed, in French, without its details.
pub fn summary(e: &Entry) -> String {
    match &e.change {
        Change::Added { from: Some(from) } => f("changelog.added-from", &[&e.id, from]),
        Change::Added { from: None } => f("changelog.added", &[&e.id]),
        Change::Renamed { from } => f("changelog.renamed", &[from, &e.id]),
        Change::Removed { into } if into.len() > 1 => f("changelog.split", &[&e.id, &ids(into)]),
        Change::Removed { into } if into.len() == 1 => {
            f("changelog.replaced", &[&e.id, &ids(into)])
        }
        Change::Removed { .. } => f("changelog.removed", &[&e.id]),
        Change::Changed => f("changelog.changed", &[&e.id]),
    }
}

/// Prints a changelog for the terminal, as `parcours diff` shows it.
pub fn to_text(c: &Changelog) -> String {
    let mut out = f("changelog.title-text", &[&c.from, &c.to]);
    out.push('\n');
    if c.is_empty() {
        out.push_str(&format!("  {}\n", t("changelog.none")));
        return out;
    }
    for kind in Kind::ALL {
        let entries: Vec<&Entry> = c.of_kind(kind).collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", t(kind.heading_key())));
        for e in entries {
            let sign = match e.change.key() {
                "added" => '+',
                "removed" | "split" => '-',
                "renamed" => '→',
                _ => '~',
            };
            out.push_str(&format!("  {sign} {} — {}\n", summary(e), e.name));
            for d in &e.details {
                out.push_str(&format!("      {}\n", d.text()));
            }
        }
    }
    out
}

/// What became of one answered criterion in a newer version.
#[derive(Clone, Debug, PartialEq)]
pub struct Fate {
    /// The criterion id in the audit's version.
    pub id: String,
    /// Its id(s) in the newer version: none when removed, several when split.
    pub now: Vec<String>,
    /// What changed in it along the way.
    pub details: Vec<Detail>,
}

/// Follows criteria through consecutive changelogs (oldest first).
///
/// Returns the fate of each of `answered` that changed, and the newer version's criteria that
/// no criterion of the older version leads to (new questions to answer).
pub fn follow_criteria(
    chain: &[Changelog],
    old_ids: &[String],
    answered: &[String],
) -> (Vec<Fate>, Vec<String>) {
    let step = |id: &str, c: &Changelog, details: &mut Vec<Detail>| -> Vec<String> {
        for e in c.of_kind(Kind::Criterion) {
            match &e.change {
                Change::Renamed { from } if from == id => {
                    details.extend(e.details.iter().cloned());
                    return vec![e.id.clone()];
                }
                Change::Removed { into } if e.id == id => return into.clone(),
                Change::Changed if e.id == id => {
                    details.extend(e.details.iter().cloned());
                    return vec![id.to_string()];
                }
                _ => {}
            }
        }
        vec![id.to_string()]
    };
    let trace = |id: &str| -> (Vec<String>, Vec<Detail>) {
        let mut now = vec![id.to_string()];
        let mut details = Vec::new();
        for c in chain {
            now = now.iter().flat_map(|x| step(x, c, &mut details)).collect();
        }
        (now, details)
    };
    let fates = answered
        .iter()
        .filter_map(|id| {
            let (now, details) = trace(id);
            (now != [id.clone()] || !details.is_empty()).then(|| Fate {
                id: id.clone(),
                now,
                details,
            })
        })
        .collect();
    let reached: Vec<String> = old_ids.iter().flat_map(|id| trace(id).0).collect();
    let mut added: Vec<String> = Vec::new();
    for c in chain {
        // A criterion added earlier in the chain may be renamed or removed later.
        added = added
            .iter()
            .flat_map(|id| step(id, c, &mut Vec::new()))
            .collect();
        for e in c.of_kind(Kind::Criterion) {
            if matches!(e.change, Change::Added { .. })
                && !reached.contains(&e.id)
                && !added.contains(&e.id)
            {
                added.push(e.id.clone());
            }
        }
    }
    (fates, added)
}

#[cfg(test)]
mod tests;
