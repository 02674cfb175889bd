//! The diff of two consecutive methodology versions: items compared by id, `replaces:` read as
//! renames (one replacement) or splits (several).

use std::collections::BTreeMap;

use crate::model::{Action, Criterion, Methodology, Replacing, SourceType, Step, Trigger};

use super::{Change, Changelog, Detail, Entry, Kind};

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
        push_if(&mut out, old.light, self.light, Detail::Light);
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
        push_if(&mut out, old.staff_days, self.staff_days, Detail::StaffDays);
        push_if(
            &mut out,
            old.lead_time_months,
            self.lead_time_months,
            Detail::LeadTime,
        );
        push_if(&mut out, old.impact, self.impact, Detail::Impact);
        out.extend(renames.links(Kind::Step, &old.steps, &self.steps, "changelog.links-steps"));
        if old.description.trim() != self.description.trim()
            || old.benefit.trim() != self.benefit.trim()
            || old.gdpr.trim() != self.gdpr.trim()
        {
            out.push(Detail::Description);
        }
        push_if(&mut out, old.light, self.light, Detail::Light);
        let old_requires: Vec<String> = old
            .requires
            .iter()
            .map(|r| renames.map(Kind::Action, r))
            .collect();
        out.extend(renames.links(
            Kind::Action,
            &old_requires,
            &self.requires,
            "changelog.links-requires",
        ));
        push_if(&mut out, old.scaling, self.scaling, Detail::Scaling);
        push_if(&mut out, old.kind, self.kind, Detail::ActionKind);
        if old.deliverables != self.deliverables || old.award_criteria != self.award_criteria {
            out.push(Detail::TenderTerms);
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
