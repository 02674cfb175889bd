//! Checks the outcome indicators of a methodology, and the outcome records and per-step cost
//! and return of an audit.

use std::collections::BTreeSet;

use super::ranges::{
    in_range_f64, not_too_long, AUDIT_YEAR, LINE_CHARS, OUTCOMES, OUTCOME_VALUE, STEP_EUROS,
};
use super::{Refs, Report};
use crate::i18n::{f, t};
use crate::load::raw::*;
use crate::model::*;

/// The methodology's outcome indicators: slug ids, unique, a known chapter, a unit and a name.
pub(super) fn indicators(
    raw: Vec<RawOutcomeIndicator>,
    refs: &Refs,
    r: &mut Report<'_>,
) -> Vec<OutcomeIndicator> {
    for o in &raw {
        r.slug(&o.id, false);
    }
    r.unique(raw.iter().map(|o| &o.id), t("what.outcome"));
    raw.into_iter()
        .map(|o| {
            if o.name.trim().is_empty() {
                r.error(&o.id, f("diag.outcome-no-name", &[&o.id.value]));
            }
            if let Some(c) = &o.chapter {
                r.reference(c, &refs.chapters, "diag.unknown-chapter");
            }
            r.markdown(&o.protocol, refs);
            OutcomeIndicator {
                id: o.id.value,
                name: o.name,
                unit: o.unit,
                better: o.better,
                protocol: o.protocol.map(|p| p.value).unwrap_or_default(),
                chapter: o.chapter.map(|c| c.value),
            }
        })
        .collect()
}

/// An audit's outcome records: a known indicator, once each, a real date, a value in range.
pub(super) fn records(
    raw: Vec<RawOutcome>,
    m: &Methodology,
    r: &mut Report<'_>,
) -> Vec<OutcomeRecord> {
    let known: BTreeSet<String> = m.outcomes.iter().map(|o| o.id.clone()).collect();
    if let Some(extra) = raw.get(OUTCOMES) {
        r.error(
            &extra.indicator,
            f("diag.too-many", &[&"outcomes", &raw.len()]),
        )
        .help = Some(f("help.too-many", &[&OUTCOMES]));
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for o in raw {
        if known.is_empty() {
            r.error(&o.indicator, f("diag.no-outcomes", &[&m.version]))
                .help = Some(t("help.no-outcomes").to_string());
            continue;
        }
        if !r.reference(&o.indicator, &known, "diag.unknown-outcome") {
            continue;
        }
        if !seen.insert(o.indicator.value.clone()) {
            r.error(
                &o.indicator,
                f("diag.duplicate-outcome", &[&o.indicator.value]),
            )
            .help = Some(t("help.duplicate-outcome").to_string());
            continue;
        }
        if !is_date(&o.date.value) {
            r.error(&o.date, f("diag.bad-date", &[&o.date.value])).help =
                Some(t("help.date").to_string());
        } else if !o.date.value[..4]
            .parse::<i32>()
            .is_ok_and(|y| AUDIT_YEAR.contains(&y))
        {
            r.error(&o.date, f("diag.out-of-range", &[&"date", &o.date.value]))
                .help = Some(f("help.range", &[&AUDIT_YEAR.min, &AUDIT_YEAR.max]));
        }
        in_range_f64(r, &o.value, "value", OUTCOME_VALUE);
        not_too_long(r, &o.method, &o.method.value, "method", LINE_CHARS);
        if o.method.value.trim().is_empty() {
            r.error(&o.method, t("diag.outcome-no-method").to_string())
                .help = Some(t("help.outcome-method").to_string());
        }
        out.push(OutcomeRecord {
            indicator: o.indicator.value,
            value: o.value.value,
            date: o.date.value,
            method: o.method.value,
        });
    }
    out
}

/// An audit's cost and return per step: a known step, once each, ranges low ≤ high within
/// bounds, assumptions written when a range is given.
pub(super) fn economics(
    raw: Vec<RawStepEconomics>,
    steps: &BTreeSet<String>,
    r: &mut Report<'_>,
) -> Vec<StepEconomics> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for e in raw {
        if !r.reference(&e.step, steps, "diag.unknown-step") {
            continue;
        }
        if !seen.insert(e.step.value.clone()) {
            r.error(&e.step, f("diag.duplicate-economics", &[&e.step.value]))
                .help = Some(t("help.duplicate-economics").to_string());
            continue;
        }
        let ranges = [&e.cost_yearly, &e.return_yearly];
        for (range, what) in ranges.into_iter().zip(["cost_yearly", "return_yearly"]) {
            if let Some(range) = range {
                euro_range(range, what, r);
            }
        }
        if ranges.iter().all(|x| x.is_none()) {
            r.error(&e.step, f("diag.economics-empty", &[&e.step.value]))
                .help = Some(t("help.economics-empty").to_string());
        }
        let assumptions = e.assumptions.as_ref().map_or("", |a| a.value.trim());
        if assumptions.is_empty() && ranges.iter().any(|x| x.is_some()) {
            r.error(
                &e.step,
                f("diag.economics-no-assumptions", &[&e.step.value]),
            )
            .help = Some(t("help.economics-assumptions").to_string());
        }
        if let Some(a) = &e.assumptions {
            not_too_long(r, a, &a.value, "assumptions", super::ranges::TEXT_CHARS);
        }
        out.push(StepEconomics {
            step: e.step.value,
            cost_yearly: e.cost_yearly.map(|x| x.value),
            return_yearly: e.return_yearly.map(|x| x.value),
            assumptions: e.assumptions.map(|a| a.value).unwrap_or_default(),
        });
    }
    out
}

/// A `[low, high]` range of euros per year: within bounds, low ≤ high.
fn euro_range(range: &Sp<[f64; 2]>, what: &str, r: &mut Report<'_>) {
    let [lo, hi] = range.value;
    if !STEP_EUROS.contains(&lo) || !STEP_EUROS.contains(&hi) {
        r.error(
            range,
            f(
                "diag.out-of-range",
                &[&what, &format!("[{}, {}]", shown(lo), shown(hi))],
            ),
        )
        .help = Some(f(
            "help.range",
            &[&shown(STEP_EUROS.min), &shown(STEP_EUROS.max)],
        ));
    } else if hi < lo {
        r.error(range, f("diag.bad-range", &[&lo, &hi]));
    }
}

use super::ranges::shown;
