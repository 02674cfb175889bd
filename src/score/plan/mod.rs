//! The action plan: out of the actions an audit fires, those that fit the commune's envelope,
//! with the best expected effect on its weak links, their prerequisites first, in three horizons.
//!
//! The rule, explained in the handbook chapter « Du diagnostic au plan d'actions »:
//! - costs are the action library's ranges times the factors of the commune's cost band (unless
//!   the action is `scaling: fixed`), and the plan counts the middle of each range;
//! - each fired trigger raises its criterion from the level found to `max_level + 1`; the expected
//!   effect is impact × Σ (weight × levels gained × 2 on a weak link, 1 elsewhere);
//! - the rank value is the effect ÷ (1 + the share of the envelope the action takes, one-off,
//!   yearly and staff days added); ties are broken by id; a light audit ranks the light track's
//!   actions first;
//! - in that order, an action is taken with its prerequisites not yet in place (a prerequisite is in
//!   place when the audit's plan has it planned, under way or done, or when its criteria already
//!   stand at the level it gives) when they all fit what is left of the envelope and the plan keeps at
//!   most [`MAX_PRIORITY`] actions; an action dropped in the audit's plan is never proposed again;
//! - an action starts when its prerequisites end, and the first six months take at most half the
//!   envelope's staff days (the next actions start at month six); the horizon is that of its start.
//!
//! Pure and deterministic.

use std::collections::BTreeSet;

use serde::Serialize;

use super::card::Link;
use super::Recommendation;
use crate::model::*;

#[cfg(test)]
mod tests;

/// The most actions a plan proposes (the report's priority actions).
pub const MAX_PRIORITY: usize = 8;

/// Months of the first horizon, and where the third begins.
const FIRST_HORIZON: u32 = 6;
const THIRD_HORIZON: u32 = 18;

/// Where the envelope of a plan comes from.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum EnvelopeSource {
    /// Stated in the audit.
    Audit,
    /// The default of the commune's cost band, from the methodology.
    Band,
    /// The default of the built-in cost bands (the methodology version has none).
    BuiltIn,
}

/// When a planned action starts.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Horizon {
    /// In the first six months.
    First,
    /// From six to eighteen months.
    Second,
    /// Beyond eighteen months.
    Third,
}

impl Horizon {
    /// The horizon of an action starting `month` months into the plan.
    pub fn of(month: u32) -> Horizon {
        if month < FIRST_HORIZON {
            Horizon::First
        } else if month < THIRD_HORIZON {
            Horizon::Second
        } else {
            Horizon::Third
        }
    }
}

/// A criterion an action raises: from the level found to the level it gives.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Raise {
    /// Criterion id.
    pub criterion: String,
    /// The answer found.
    pub from: Score,
    /// The level the action brings it to.
    pub to: u8,
    /// Its cell is one of the report's weak links.
    pub weak: bool,
}

/// A fired action, assessed for the plan.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Candidate {
    /// Action id.
    pub action: String,
    /// The criteria it raises.
    pub raises: Vec<Raise>,
    /// Expected effect on the scores (see the module's rule).
    pub effect: f64,
    /// Rank value: effect ÷ (1 + share of the envelope).
    pub value: f64,
    /// Its costs, scaled.
    pub costs: Costs,
}

/// An action of the plan.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Planned {
    /// The action and why.
    pub candidate: Candidate,
    /// Its rank among the fired actions (1 = best value).
    pub rank: usize,
    /// The action it was taken for, when taken as a prerequisite.
    pub pulled_by: Option<String>,
    /// Months from the start of the plan to its start, and to its end.
    pub months: (u32, u32),
    /// The horizon of its start.
    pub horizon: Horizon,
}

/// Why a fired action is not in the plan.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Deferral {
    /// It (with its prerequisites) does not fit what is left of the envelope.
    OverEnvelope,
    /// The plan already holds [`MAX_PRIORITY`] actions.
    Full,
    /// A prerequisite was dropped in the audit's plan.
    PrerequisiteDropped,
    /// The audit's plan dropped it.
    Dropped,
}

/// A fired action left for later.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Deferred {
    /// The action and its assessment.
    pub candidate: Candidate,
    /// Why it waits.
    pub reason: Deferral,
}

/// The plan of one audit.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Plan {
    /// The envelope the plan fits.
    pub envelope: Envelope,
    /// Where it comes from.
    pub source: EnvelopeSource,
    /// The cost band applied to the action library.
    pub band: CostBand,
    /// The cost bands are the built-in table (the methodology version has none).
    pub builtin_bands: bool,
    /// The planned actions, by start month, then rank.
    pub actions: Vec<Planned>,
    /// The other fired actions not yet planned, by rank.
    pub annex: Vec<Deferred>,
    /// What the planned actions take of the envelope (middles of their ranges).
    pub total: Envelope,
}

/// The inputs of a plan besides the methodology and the audit.
pub(super) struct Context<'a> {
    /// The commune's population.
    pub population: u64,
    /// The weak links the report names.
    pub weak: &'a [Link],
    /// The fired actions.
    pub fired: &'a [Recommendation],
}

/// Computes the plan of `audit`.
pub(super) fn plan(m: &Methodology, audit: &Audit, cx: &Context<'_>) -> Plan {
    let (band, builtin_bands) = cost_band(m, cx.population);
    let (envelope, source) = match audit.envelope {
        Some(e) => (e, EnvelopeSource::Audit),
        None if builtin_bands => (band.envelope, EnvelopeSource::BuiltIn),
        None => (band.envelope, EnvelopeSource::Band),
    };
    let in_plan = |id: &str, dropped: bool| {
        audit
            .plan
            .iter()
            .any(|p| p.action == id && (p.status == PlanStatus::Dropped) == dropped)
    };
    let mut candidates: Vec<Candidate> = cx
        .fired
        .iter()
        .filter(|r| !in_plan(&r.action, false))
        .filter_map(|r| candidate(m, r, &band, &envelope, cx.weak))
        .collect();
    // A light audit sees the light track's actions first, as among its recommendations.
    let first =
        |c: &Candidate| audit.track == Track::Light && m.action(&c.action).is_some_and(|a| a.light);
    candidates.sort_by(|a, b| {
        first(b)
            .cmp(&first(a))
            .then_with(|| b.value.total_cmp(&a.value))
            .then_with(|| a.action.cmp(&b.action))
    });
    let dropped: BTreeSet<&str> = audit
        .plan
        .iter()
        .filter(|p| p.status == PlanStatus::Dropped && !in_plan(&p.action, false))
        .map(|p| p.action.as_str())
        .collect();
    let mut s = Selection {
        m,
        candidates: &candidates,
        dropped: &dropped,
        envelope,
        chosen: Vec::new(),
        annex: Vec::new(),
    };
    for (i, c) in candidates.iter().enumerate() {
        s.consider(i, c);
    }
    let actions = schedule(m, audit, &candidates, s.chosen, &envelope);
    let total = sum(actions.iter().map(|p| p.candidate.costs.middle()));
    Plan {
        envelope,
        source,
        band,
        builtin_bands,
        actions,
        annex: s.annex,
        total,
    }
}

/// The commune's cost band: the methodology's, else the built-in table's.
fn cost_band(m: &Methodology, population: u64) -> (CostBand, bool) {
    let (bands, builtin) = m.cost_bands_or_builtin();
    let band = bands
        .iter()
        .find(|b| b.holds(population))
        .or(bands.last())
        .cloned()
        .unwrap_or_else(|| builtin_cost_bands().remove(1));
    (band, builtin)
}

/// Assesses a fired action: what it raises, its effect, costs and value.
fn candidate(
    m: &Methodology,
    r: &Recommendation,
    band: &CostBand,
    envelope: &Envelope,
    weak: &[Link],
) -> Option<Candidate> {
    let a = m.action(&r.action)?;
    let weak_cell = |criterion: &str| -> bool {
        let Some(c) = m.criterion(criterion) else {
            return false;
        };
        let s = m.steps.iter().position(|x| x.id == c.step);
        let g = m.angles.iter().position(|x| x.id == c.angle);
        weak.iter().any(|l| Some(l.step) == s && Some(l.angle) == g)
    };
    let raises: Vec<Raise> = r
        .because
        .iter()
        .filter_map(|(criterion, from)| {
            let t = a.triggers.iter().find(|t| &t.criterion == criterion)?;
            Some(Raise {
                criterion: criterion.clone(),
                from: *from,
                to: (t.max_level + 1).min(4),
                weak: weak_cell(criterion),
            })
        })
        .collect();
    let effect = f64::from(a.impact)
        * raises
            .iter()
            .map(|x| {
                let found = match x.from {
                    Score::Level(l) => l,
                    _ => 0,
                };
                let weight = m.criterion(&x.criterion).map_or(1.0, |c| c.weight);
                let gained = f64::from(x.to.saturating_sub(found));
                weight * gained * if x.weak { 2.0 } else { 1.0 }
            })
            .sum::<f64>();
    let costs = a.costs_for(band);
    let mid = costs.middle();
    let share = |cost: f64, have: f64| {
        if cost > 0.0 {
            cost / have.max(1.0)
        } else {
            0.0
        }
    };
    let burden = share(mid.one_off, envelope.one_off)
        + share(mid.yearly, envelope.yearly)
        + share(mid.staff_days, envelope.staff_days);
    let value = effect / (1.0 + burden);
    Some(Candidate {
        action: a.id.clone(),
        raises,
        effect: if effect.is_finite() { effect } else { 0.0 },
        value: if value.is_finite() { value } else { 0.0 },
        costs,
    })
}

/// The greedy selection, in rank order.
struct Selection<'a> {
    m: &'a Methodology,
    candidates: &'a [Candidate],
    dropped: &'a BTreeSet<&'a str>,
    envelope: Envelope,
    /// Chosen: (candidate index, taken for).
    chosen: Vec<(usize, Option<String>)>,
    annex: Vec<Deferred>,
}

impl Selection<'_> {
    fn consider(&mut self, i: usize, c: &Candidate) {
        if self.chosen.iter().any(|(j, _)| *j == i) {
            return;
        }
        let defer = |reason| Deferred {
            candidate: c.clone(),
            reason,
        };
        if self.dropped.contains(c.action.as_str()) {
            self.annex.push(defer(Deferral::Dropped));
            return;
        }
        let mut closure = Vec::new();
        if !self.closure(&c.action, &mut closure, &mut BTreeSet::new()) {
            self.annex.push(defer(Deferral::PrerequisiteDropped));
            return;
        }
        let used = sum(self
            .chosen
            .iter()
            .map(|(j, _)| self.candidates[*j].costs.middle()));
        let extra = sum(closure.iter().map(|j| self.candidates[*j].costs.middle()));
        if !fits(&add(used, extra), &self.envelope) {
            self.annex.push(defer(Deferral::OverEnvelope));
        } else if self.chosen.len() + closure.len() > MAX_PRIORITY {
            self.annex.push(defer(Deferral::Full));
        } else {
            for j in closure {
                let pulled = (j != i).then(|| c.action.clone());
                self.chosen.push((j, pulled));
            }
        }
    }

    /// The candidates to take for `id`, prerequisites first; false when one was dropped.
    fn closure(&self, id: &str, out: &mut Vec<usize>, seen: &mut BTreeSet<String>) -> bool {
        if !seen.insert(id.to_string()) {
            return true;
        }
        for req in self
            .m
            .action(id)
            .map(|a| a.requires.as_slice())
            .unwrap_or(&[])
        {
            if self.dropped.contains(req.as_str()) {
                return false;
            }
            if !self.closure(req, out, seen) {
                return false;
            }
        }
        // In place (planned, done, or not fired) unless it is a candidate not yet chosen.
        if let Some(j) = self.candidates.iter().position(|c| c.action == id) {
            if !self.chosen.iter().any(|(k, _)| *k == j) && !out.contains(&j) {
                out.push(j);
            }
        }
        true
    }
}

/// Starts and horizons: after the prerequisites' ends, and the first horizon within half the
/// envelope's staff days.
fn schedule(
    m: &Methodology,
    audit: &Audit,
    candidates: &[Candidate],
    chosen: Vec<(usize, Option<String>)>,
    envelope: &Envelope,
) -> Vec<Planned> {
    let mut out: Vec<Planned> = Vec::new();
    let mut first_staff = 0.0;
    for (j, pulled_by) in chosen {
        let c = &candidates[j];
        let a = m.action(&c.action);
        let after = a
            .map(|a| a.requires.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|req| {
                out.iter()
                    .find(|p| &p.candidate.action == req)
                    .map(|p| p.months.1)
                    .unwrap_or_else(|| committed_end(audit, req))
            })
            .max()
            .unwrap_or(0);
        let staff = c.costs.middle().staff_days;
        let mut start = after;
        if start < FIRST_HORIZON {
            if first_staff + staff <= envelope.staff_days / 2.0 {
                first_staff += staff;
            } else {
                start = FIRST_HORIZON;
            }
        }
        let lead = a.map_or(1, |a| a.lead_time_months.max(1));
        out.push(Planned {
            candidate: c.clone(),
            rank: j + 1,
            pulled_by,
            months: (start, start.saturating_add(lead)),
            horizon: Horizon::of(start),
        });
    }
    out.sort_by_key(|p| (p.months.0, p.rank));
    out
}

/// Months from the audit to the end of a prerequisite the audit's plan has under way or
/// planned (0 when done, or when not in the plan: its criteria already stand at its level).
fn committed_end(audit: &Audit, id: &str) -> u32 {
    let Some(p) = audit.plan.iter().find(|p| {
        p.action == id && matches!(p.status, PlanStatus::Planned | PlanStatus::InProgress)
    }) else {
        return 0;
    };
    let Some(from) = audit_quarter(&audit.date) else {
        return 0;
    };
    let index = |q: Quarter| i64::from(q.year) * 4 + i64::from(q.quarter) - 1;
    // The plan starts the quarter after the audit; the prerequisite ends with its end quarter.
    let quarters = index(p.end) - index(from);
    u32::try_from(quarters.clamp(0, 40) * 3).unwrap_or(0)
}

/// The quarter of a `YYYY-MM-DD` date.
pub fn audit_quarter(date: &str) -> Option<Quarter> {
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u8 = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some(Quarter {
        year,
        quarter: (month - 1) / 3 + 1,
    })
}

fn add(a: Envelope, b: Envelope) -> Envelope {
    Envelope {
        one_off: a.one_off + b.one_off,
        yearly: a.yearly + b.yearly,
        staff_days: a.staff_days + b.staff_days,
    }
}

fn sum(items: impl Iterator<Item = Envelope>) -> Envelope {
    items.fold(Envelope::default(), add)
}

/// Tells whether `used` stays within `envelope` (to the cent, against rounding).
pub fn fits(used: &Envelope, envelope: &Envelope) -> bool {
    const EPS: f64 = 0.005;
    used.one_off <= envelope.one_off + EPS
        && used.yearly <= envelope.yearly + EPS
        && used.staff_days <= envelope.staff_days + EPS
}
