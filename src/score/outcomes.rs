//! Outcome indicators of an audit with their trend: the same indicator in the commune's
//! previous visible audit that measured it, and whether the change is better or worse given
//! which way the indicator improves. Never mixed into maturity scores.

use crate::model::{Audit, Better, Methodology, OutcomeIndicator, OutcomeRecord};

/// Which way an outcome moved since its previous measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Improved, given the indicator's `better`.
    Better,
    /// Worsened.
    Worse,
    /// Unchanged.
    Same,
}

/// The previous measure of an indicator, in an earlier audit.
#[derive(Clone, Debug, PartialEq)]
pub struct Previous {
    /// The earlier audit's id.
    pub audit: String,
    /// Its value.
    pub value: f64,
    /// Its date.
    pub date: String,
    /// Value now minus value then.
    pub change: f64,
    /// Better, worse or unchanged.
    pub direction: Direction,
}

/// One recorded outcome, its definition and its trend.
#[derive(Clone, Debug)]
pub struct Outcome<'m> {
    /// The indicator as the audit's methodology defines it.
    pub indicator: &'m OutcomeIndicator,
    /// The measure.
    pub record: &'m OutcomeRecord,
    /// The same indicator in the latest earlier audit that has it.
    pub previous: Option<Previous>,
}

/// Which way `change` goes for an indicator that improves as `better` says.
pub fn direction(change: f64, better: Better) -> Direction {
    match (change.partial_cmp(&0.0), better) {
        (Some(std::cmp::Ordering::Greater), Better::Higher)
        | (Some(std::cmp::Ordering::Less), Better::Lower) => Direction::Better,
        (Some(std::cmp::Ordering::Greater), Better::Lower)
        | (Some(std::cmp::Ordering::Less), Better::Higher) => Direction::Worse,
        _ => Direction::Same,
    }
}

/// The outcomes of `audit` (defined in `m`), each with its trend over `earlier` audits
/// (oldest first), in the audit's order.
pub(super) fn outcomes<'m>(
    m: &'m Methodology,
    audit: &'m Audit,
    earlier: &[&'m Audit],
) -> Vec<Outcome<'m>> {
    audit
        .outcomes
        .iter()
        .filter_map(|record| {
            let indicator = m.outcome(&record.indicator)?;
            let previous = earlier.iter().rev().find_map(|a| {
                let before = a
                    .outcomes
                    .iter()
                    .find(|o| o.indicator == record.indicator)?;
                let change = record.value - before.value;
                Some(Previous {
                    audit: a.id.clone(),
                    value: before.value,
                    date: before.date.clone(),
                    change,
                    direction: direction(change, indicator.better),
                })
            });
            Some(Outcome {
                indicator,
                record,
                previous,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{audit, methodology};

    fn record(indicator: &str, value: f64) -> OutcomeRecord {
        OutcomeRecord {
            indicator: indicator.into(),
            value,
            date: "2025-01-01".into(),
            method: "comptage".into(),
        }
    }

    fn defined(better: Better) -> Methodology {
        let mut m = methodology(&[], &[], vec![]);
        for id in ["vide", "passants"] {
            m.outcomes.push(OutcomeIndicator {
                id: id.into(),
                name: id.into(),
                unit: "%".into(),
                better,
                protocol: String::new(),
                chapter: None,
            });
        }
        m
    }

    #[test]
    fn the_direction_follows_better() {
        assert_eq!(direction(2.0, Better::Higher), Direction::Better);
        assert_eq!(direction(2.0, Better::Lower), Direction::Worse);
        assert_eq!(direction(-2.0, Better::Lower), Direction::Better);
        assert_eq!(direction(-2.0, Better::Higher), Direction::Worse);
        assert_eq!(direction(0.0, Better::Higher), Direction::Same);
    }

    #[test]
    fn the_trend_reads_the_latest_earlier_audit_that_has_the_indicator() {
        let m = defined(Better::Lower);
        let mut oldest = audit(&[]);
        oldest.id = "2023-01".into();
        oldest.outcomes = vec![record("vide", 20.0), record("passants", 5.0)];
        let mut middle = audit(&[]);
        middle.id = "2024-01".into();
        middle.outcomes = vec![record("vide", 15.0)];
        let mut now = audit(&[]);
        now.outcomes = vec![record("vide", 12.0), record("passants", 9.0)];
        let got = outcomes(&m, &now, &[&oldest, &middle]);
        let vide = got[0].previous.as_ref().expect("vide before");
        assert_eq!((vide.audit.as_str(), vide.value), ("2024-01", 15.0));
        assert_eq!(vide.direction, Direction::Better);
        assert_eq!(vide.change, -3.0);
        let passants = got[1].previous.as_ref().expect("passants before");
        assert_eq!((passants.audit.as_str(), passants.value), ("2023-01", 5.0));
        assert_eq!(passants.direction, Direction::Worse);
        assert!(outcomes(&m, &oldest, &[])[0].previous.is_none());
    }
}
