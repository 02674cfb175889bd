//! What a methodology change would do to each published audit: its answers carried to the
//! older and the newer methodology (following renames; a split or removed criterion loses its
//! answer), scored under each, and the answered criteria whose meaning changes.

use std::collections::BTreeMap;

use super::{chain_to, Side};
use crate::changelog::{follow_criteria, Changelog, Detail};
use crate::model::{Audit, AuditStatus, Methodology, Model, Track};
use crate::score::score_audit;

/// A step whose score moves.
#[derive(Clone, Debug, PartialEq)]
pub struct StepMove {
    /// The step's name in the newer methodology (the older one when it is gone).
    pub name: String,
    /// Its score under the older methodology, 0–100.
    pub before: Option<f64>,
    /// Its score under the newer methodology, 0–100.
    pub after: Option<f64>,
}

/// The effect of the change on one published audit.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditImpact {
    /// The commune's name.
    pub commune: String,
    /// The audit's id, `YYYY-MM`.
    pub audit: String,
    /// The methodology version the audit was published under.
    pub version: String,
    /// Overall index under the older methodology, with the audit's answers.
    pub before: Option<f64>,
    /// Overall index under the newer methodology, with the same answers.
    pub after: Option<f64>,
    /// Steps whose rounded score moves.
    pub steps: Vec<StepMove>,
    /// Answered criteria that disappear.
    pub removed: Vec<String>,
    /// Answered criteria split into several: (old id, new ids), each to answer anew.
    pub split: Vec<(String, Vec<String>)>,
    /// Answered criteria whose question or level descriptors change: answers to check again.
    pub reworded: Vec<String>,
    /// Answered criteria that move to another step or angle, or change weight.
    pub moved: Vec<String>,
    /// Criteria of the newer methodology the audit has no answer for (its track's only).
    pub new_questions: Vec<String>,
}

/// Measures the change from `from` to `to` on every published audit of `model`. An audit under
/// a version newer than `from` is measured from its own version; one newer than `to` cannot be
/// carried back to it and is listed apart.
///
/// `chain` is the changelogs from `from` to `to`, along which the answered criteria are followed.
pub fn impact(
    model: &Model,
    from: &Side,
    to: &Side,
    chain: &[Changelog],
) -> (Vec<AuditImpact>, Vec<String>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for commune in &model.communes {
        for audit in commune
            .audits
            .iter()
            .filter(|a| a.status == AuditStatus::Published)
        {
            let Some(to_to) = chain_to(model, &audit.methodology, to) else {
                skipped.push(format!(
                    "{} {} ({})",
                    commune.name, audit.id, audit.methodology
                ));
                continue;
            };
            // An audit newer than the older side starts from its own version.
            let own;
            let (old_side, to_from, along) = match chain_to(model, &audit.methodology, from) {
                Some(carried) => (from, carried, chain),
                None => {
                    let Some(m) = model.methodologies.get(&audit.methodology) else {
                        continue;
                    };
                    own = Side {
                        name: audit.methodology.clone(),
                        released: Some(audit.methodology.clone()),
                        methodology: m.clone(),
                    };
                    (&own, Vec::new(), to_to.as_slice())
                }
            };
            let before = carry(audit, &to_from, &old_side.methodology);
            let after = carry(audit, &to_to, &to.methodology);
            let mut entry = measure(&before, &after, (old_side, to), along);
            entry.commune.clone_from(&commune.name);
            entry.version.clone_from(&audit.methodology);
            out.push(entry);
        }
    }
    (out, skipped)
}

/// The audit's answers carried along `chain` onto `target`: a renamed criterion keeps its
/// answer under its new id; a split or removed one loses it.
fn carry(audit: &Audit, chain: &[Changelog], target: &Methodology) -> Audit {
    let answered: Vec<String> = audit.answers.keys().cloned().collect();
    let (fates, _) = follow_criteria(chain, &[], &answered);
    let mut answers = BTreeMap::new();
    for (id, answer) in &audit.answers {
        let now = fates
            .iter()
            .find(|fate| &fate.id == id)
            .map_or_else(|| vec![id.clone()], |fate| fate.now.clone());
        if let [only] = now.as_slice() {
            if target.criteria.iter().any(|c| &c.id == only) {
                answers.insert(only.clone(), answer.clone());
            }
        }
    }
    let mut carried = audit.clone();
    carried.answers = answers;
    carried.methodology.clone_from(&target.version);
    carried
}

/// Scores `before` under `from` and `after` under `to`, and sorts what happens to each
/// criterion `before` answered along `chain` (the changelogs from `from` to `to`).
fn measure(
    before: &Audit,
    after: &Audit,
    (from, to): (&Side, &Side),
    chain: &[Changelog],
) -> AuditImpact {
    let (old, new) = (&from.methodology, &to.methodology);
    let card_before = score_audit(old, before);
    let card_after = score_audit(new, after);
    let mut steps = Vec::new();
    for (i, step) in new.steps.iter().enumerate() {
        let previous = old.steps.iter().position(|s| s.id == step.id);
        let b = previous.and_then(|p| card_before.steps[p].score);
        let a = card_after.steps[i].score;
        if b.map(f64::round) != a.map(f64::round) {
            steps.push(StepMove {
                name: step.name.clone(),
                before: b,
                after: a,
            });
        }
    }
    let answered: Vec<String> = before.answers.keys().cloned().collect();
    let (fates, added) = follow_criteria(chain, &[], &answered);
    let mut entry = AuditImpact {
        commune: String::new(),
        audit: before.id.clone(),
        version: String::new(),
        before: card_before.overall,
        after: card_after.overall,
        steps,
        removed: Vec::new(),
        split: Vec::new(),
        reworded: Vec::new(),
        moved: Vec::new(),
        new_questions: Vec::new(),
    };
    for fate in fates {
        match fate.now.len() {
            0 => entry.removed.push(fate.id),
            1 => {
                let meaning = fate
                    .details
                    .iter()
                    .any(|d| matches!(d, Detail::Name(..) | Detail::Descriptors(_)));
                let place = fate.details.iter().any(|d| {
                    matches!(d, Detail::Step(..) | Detail::Angle(..) | Detail::Weight(..))
                });
                if meaning {
                    entry.reworded.push(fate.id);
                } else if place {
                    entry.moved.push(fate.id);
                }
            }
            _ => entry.split.push((fate.id, fate.now)),
        }
    }
    let split_parts: Vec<&String> = entry.split.iter().flat_map(|(_, now)| now).collect();
    entry.new_questions = new
        .criteria
        .iter()
        .filter(|c| after.track == Track::Full || c.light)
        .filter(|c| !after.answers.contains_key(&c.id))
        .filter(|c| added.contains(&c.id) || split_parts.contains(&&c.id))
        .map(|c| c.id.clone())
        .collect();
    entry
}
