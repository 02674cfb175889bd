//! Checks what the action plan is computed from: each action's prerequisites (known actions,
//! no cycle), the methodology's cost bands (known population bands, each once, all covered,
//! sane factors) and an audit's envelope (amounts in range).

use std::collections::{BTreeMap, BTreeSet};

use super::ranges::in_range_f64;
use super::{Refs, Report};
use crate::i18n::{f, t};
use crate::load::raw::{RawAction, RawCostBand, RawEnvelope};
use crate::model::limits::{EUROS, STAFF_DAYS};
use crate::model::{CostBand, Envelope, PopulationBand};

/// The largest factor a cost band may apply (a tenfold commune is already the next band).
const MAX_FACTOR: f64 = 10.0;

/// Checks every action's `requires:`: known action ids, not itself, no cycle (reported once,
/// at the prerequisite that closes it).
pub(super) fn check_requires(actions: &[RawAction], refs: &Refs, r: &mut Report<'_>) {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in actions {
        for req in &a.requires {
            if req.value == a.id.value {
                r.error(req, f("diag.requires-itself", &[&a.id.value])).help =
                    Some(t("help.requires").to_string());
            } else if r.reference(req, &refs.actions, "diag.unknown-action") {
                graph.entry(&a.id.value).or_default().push(&req.value);
            }
        }
    }
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for a in actions {
        let mut path = Vec::new();
        if let Some((from, to)) = cycle_from(&a.id.value, &graph, &mut path, &mut done) {
            let Some(at) = actions
                .iter()
                .find(|x| x.id.value == from)
                .and_then(|x| x.requires.iter().find(|q| q.value == to))
            else {
                continue;
            };
            r.error(at, f("diag.requires-cycle", &[&from, &to])).help =
                Some(t("help.requires").to_string());
        }
    }
}

/// Depth-first search from `node`: the edge that closes a cycle, if one is reachable and not
/// yet reported (nodes fully explored go to `done`).
fn cycle_from<'a>(
    node: &'a str,
    graph: &BTreeMap<&'a str, Vec<&'a str>>,
    path: &mut Vec<&'a str>,
    done: &mut BTreeSet<&'a str>,
) -> Option<(String, String)> {
    if done.contains(node) {
        return None;
    }
    path.push(node);
    for next in graph.get(node).into_iter().flatten() {
        if path.contains(next) {
            done.extend(path.iter().copied());
            return Some((node.to_string(), next.to_string()));
        }
        if let Some(edge) = cycle_from(next, graph, path, done) {
            return Some(edge);
        }
    }
    path.pop();
    done.insert(node);
    None
}

/// Checks the cost bands against the population bands and resolves them; none written gives
/// none (the score stage then uses the built-in table).
pub(super) fn cost_bands(
    raw: Vec<RawCostBand>,
    bands: &[PopulationBand],
    r: &mut Report<'_>,
) -> Vec<CostBand> {
    let known: BTreeSet<String> = bands.iter().map(|b| b.id.clone()).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let first = raw.first().map(|b| b.band.clone());
    for b in raw {
        if !r.reference(&b.band, &known, "diag.unknown-band") {
            continue;
        }
        if !seen.insert(b.band.value.clone()) {
            r.error(&b.band, f("diag.duplicate-cost-band", &[&b.band.value]));
            continue;
        }
        for (v, what) in [
            (&b.cost_factor, "cost_factor"),
            (&b.staff_factor, "staff_factor"),
        ] {
            if !(v.value > 0.0 && v.value <= MAX_FACTOR) {
                r.error(v, f("diag.bad-factor", &[&what, &v.value])).help =
                    Some(f("help.factor", &[&MAX_FACTOR]));
            }
        }
        let p = bands.iter().find(|p| p.id == b.band.value);
        out.push(CostBand {
            band: b.band.value,
            name: p.map(|p| p.name.clone()).unwrap_or_default(),
            min: p.map_or(0, |p| p.min),
            max: p.and_then(|p| p.max),
            cost_factor: b.cost_factor.value,
            staff_factor: b.staff_factor.value,
            envelope: envelope(&b.envelope, r),
        });
    }
    if let Some(at) = first {
        for p in bands.iter().filter(|p| !seen.contains(&p.id)) {
            r.error(&at, f("diag.missing-cost-band", &[&p.id])).help =
                Some(t("help.missing-cost-band").to_string());
        }
    }
    out
}

/// An envelope with its amounts in range (an out-of-range amount is reported and kept: the
/// model is not built when there is an error).
pub(super) fn envelope(raw: &RawEnvelope, r: &mut Report<'_>) -> Envelope {
    in_range_f64(r, &raw.one_off, "one_off", EUROS);
    in_range_f64(r, &raw.yearly, "yearly", EUROS);
    in_range_f64(r, &raw.staff_days, "staff_days", STAFF_DAYS);
    Envelope {
        one_off: raw.one_off.value,
        yearly: raw.yearly.value,
        staff_days: raw.staff_days.value,
    }
}
