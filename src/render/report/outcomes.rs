//! The report's outcome indicators (with their trend) and its estimated cost and return per
//! step: typed rows, every number formatted here.

use serde::Serialize;

use super::Place;
use crate::format;
use crate::i18n::{f, t};
use crate::model::{Methodology, StepEconomics};
use crate::score::{Direction, Outcome};

/// One outcome indicator measured by the audit.
#[derive(Serialize)]
pub struct OutcomeRow<'a> {
    /// The indicator's name.
    pub name: &'a str,
    /// Which way it improves, in words.
    pub better: &'static str,
    /// The value with its unit, formatted.
    pub value: String,
    /// The date of the measure, formatted.
    pub date: String,
    /// What was counted, where and when.
    pub method: &'a str,
    /// The previous value with its unit, when an earlier audit measured it.
    pub previous: Option<String>,
    /// The date of the previous value, formatted.
    pub previous_date: Option<String>,
    /// The change in words, with its sign and whether it is better or worse.
    pub change: Option<String>,
    /// `better`, `worse` or `same`, for the style (the words above say it too).
    pub direction: Option<&'static str>,
}

/// One step's estimated yearly cost and return.
#[derive(Serialize)]
pub struct EconomicsRow<'a> {
    /// The step's name.
    pub step: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// The yearly cost range, formatted (`—` when not given).
    pub cost: String,
    /// The yearly return range, formatted (`—` when not given).
    pub gain: String,
    /// What the ranges assume.
    pub assumptions: &'a str,
}

/// A measured value: grouped thousands when whole, one decimal otherwise, a true minus.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format::integer(v as i64)
    } else if v < 0.0 {
        format!("{}{}", t("format.minus"), format::decimal(-v))
    } else {
        format::decimal(v)
    }
}

/// A value followed by its unit, joined by a no-break space.
fn with_unit(v: f64, unit: &str) -> String {
    if unit.trim().is_empty() {
        number(v)
    } else {
        format!("{}\u{a0}{unit}", number(v))
    }
}

/// A change of a value in `unit`: a change of a percentage is in percentage points.
fn change_with_unit(v: f64, unit: &str) -> String {
    if unit.trim() == "%" {
        format!("{}\u{a0}{}", number(v), t("outcomes.points"))
    } else {
        with_unit(v, unit)
    }
}

/// The outcome rows of an audit, in its order.
pub(super) fn outcome_rows<'a>(outcomes: &'a [Outcome<'a>]) -> Vec<OutcomeRow<'a>> {
    outcomes
        .iter()
        .map(|o| {
            let unit = o.indicator.unit.as_str();
            let p = o.previous.as_ref();
            OutcomeRow {
                name: &o.indicator.name,
                better: match o.indicator.better {
                    crate::model::Better::Higher => t("outcomes.better-higher"),
                    crate::model::Better::Lower => t("outcomes.better-lower"),
                },
                value: with_unit(o.record.value, unit),
                date: format::date(&o.record.date),
                method: &o.record.method,
                previous: p.map(|p| with_unit(p.value, unit)),
                previous_date: p.map(|p| format::date(&p.date)),
                change: p.map(|p| {
                    let amount = change_with_unit(p.change.abs(), unit);
                    let verdict = match p.direction {
                        Direction::Better => t("outcomes.better"),
                        Direction::Worse => t("outcomes.worse"),
                        Direction::Same => return t("outcomes.same").to_string(),
                    };
                    let key = if p.change > 0.0 {
                        "outcomes.up"
                    } else {
                        "outcomes.down"
                    };
                    f(key, &[&amount, &verdict])
                }),
                direction: p.map(|p| match p.direction {
                    Direction::Better => "better",
                    Direction::Worse => "worse",
                    Direction::Same => "same",
                }),
            }
        })
        .collect()
}

/// The cost and return rows of an audit, in its order.
pub(super) fn economics_rows<'a>(
    m: &'a Methodology,
    economics: &'a [StepEconomics],
    place: &Place<'_>,
) -> Vec<EconomicsRow<'a>> {
    let range =
        |r: Option<[f64; 2]>| r.map_or_else(|| t("format.missing").to_string(), format::euro_range);
    economics
        .iter()
        .map(|e| EconomicsRow {
            step: m.step(&e.step).map_or(e.step.as_str(), |s| s.name.as_str()),
            href: format!("{}etapes/{}.html", place.hb, e.step),
            cost: range(e.cost_yearly),
            gain: range(e.return_yearly),
            assumptions: &e.assumptions,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_french_with_their_unit() {
        assert_eq!(with_unit(12.5, "%"), "12,5\u{a0}%");
        assert_eq!(
            with_unit(1234.0, "passants/heure"),
            "1\u{202f}234\u{a0}passants/heure"
        );
        assert_eq!(number(-2.5), "\u{2212}2,5");
        assert_eq!(with_unit(3.0, ""), "3");
    }

    #[test]
    fn a_change_of_a_percentage_is_in_points() {
        assert_eq!(change_with_unit(3.7, "%"), "3,7\u{a0}points");
        assert_eq!(
            change_with_unit(18.0, "passants/heure"),
            "18\u{a0}passants/heure"
        );
    }
}
