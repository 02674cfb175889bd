//! Territory summaries over the scored model: means by step and angle, planned actions and
//! missing data sources across communes. They read scorecards; they never score.

use std::collections::BTreeMap;

use crate::model::Model;
use crate::model::{Methodology, PlanStatus, Score};
use crate::score::{Latest, Scorecard};

/// Mean score per step id across audits (each audit scored against its own version).
pub fn mean_by_step(latest: &[Latest<'_>], model: &Model) -> BTreeMap<String, (f64, usize)> {
    mean_by(latest, model, |m, card| {
        m.steps
            .iter()
            .zip(&card.steps)
            .map(|(s, p)| (s.id.clone(), p.score))
            .collect()
    })
}

/// Mean score per angle id across audits.
pub fn mean_by_angle(latest: &[Latest<'_>], model: &Model) -> BTreeMap<String, (f64, usize)> {
    mean_by(latest, model, |m, card| {
        m.angles
            .iter()
            .zip(&card.angles)
            .map(|(a, p)| (a.id.clone(), p.score))
            .collect()
    })
}

fn mean_by(
    latest: &[Latest<'_>],
    model: &Model,
    parts: impl Fn(&Methodology, &Scorecard) -> Vec<(String, Option<f64>)>,
) -> BTreeMap<String, (f64, usize)> {
    let mut sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for l in latest {
        let m = &model.methodologies[&l.audit.methodology];
        for (id, score) in parts(m, &l.card) {
            if let Some(s) = score {
                let e = sums.entry(id).or_insert((0.0, 0));
                e.0 += s;
                e.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(k, (sum, n))| (k, (sum / n as f64, n)))
        .collect()
}

/// How many plans hold each action (dropped ones excepted), most frequent first.
pub fn planned_actions(latest: &[Latest<'_>]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for l in latest {
        let mut seen: Vec<&str> = Vec::new();
        for p in &l.audit.plan {
            if p.status != PlanStatus::Dropped && !seen.contains(&p.action.as_str()) {
                seen.push(&p.action);
                *counts.entry(p.action.clone()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// For each data-source type of `m`, how many audits lack it (absent or inaccessible).
pub fn missing_sources(latest: &[Latest<'_>], m: &Methodology) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = m
        .sources
        .iter()
        .map(|s| {
            let missing = latest
                .iter()
                .filter(|l| {
                    !l.audit
                        .inventory
                        .iter()
                        .any(|i| i.kind == s.id && i.access != crate::model::Access::None)
                })
                .count();
            (s.id.clone(), missing)
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Tells whether an answer is known (a level or `na`).
pub fn is_known(score: Score) -> bool {
    !matches!(score, Score::Inconnu | Score::ARepondre)
}
