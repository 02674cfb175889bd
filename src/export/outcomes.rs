//! `data/outcomes.csv`: one row per outcome measured by a published audit, with its trend.

use serde::Serialize;

use super::{columns, csv, decimal, Text};
use crate::score::Scored;

/// One row of `outcomes.csv` (`export.outcomes.<column>` in `i18n/fr.toml`, and
/// docs/FORMAT.md).
#[derive(Default, Serialize)]
pub struct OutcomeRow<'a> {
    commune: Text<'a>,
    ins: Text<'a>,
    audit: Text<'a>,
    methodologie: Text<'a>,
    indicateur: Text<'a>,
    unite: Text<'a>,
    mieux: Text<'a>,
    valeur: String,
    date: Text<'a>,
    methode: Text<'a>,
    valeur_precedente: String,
    date_precedente: Text<'a>,
    evolution: String,
    sens: Text<'a>,
    fictif: bool,
}

/// The rows of every published audit's outcomes, in commune and audit order.
pub(super) fn outcome_rows<'a>(scored: &'a Scored<'_>) -> Vec<OutcomeRow<'a>> {
    let mut rows = Vec::new();
    for cs in &scored.communes {
        for s in cs.audits.iter().filter(|s| s.published()) {
            for o in &s.outcomes {
                let p = o.previous.as_ref();
                rows.push(OutcomeRow {
                    commune: Text(&cs.commune.slug),
                    ins: Text(&cs.commune.ins),
                    audit: Text(&s.audit.id),
                    methodologie: Text(&s.audit.methodology),
                    indicateur: Text(&o.indicator.id),
                    unite: Text(&o.indicator.unit),
                    mieux: Text(super::json::better_id(o.indicator.better)),
                    valeur: decimal(Some(o.record.value), 3),
                    date: Text(&o.record.date),
                    methode: Text(&o.record.method),
                    valeur_precedente: decimal(p.map(|p| p.value), 3),
                    date_precedente: Text(p.map_or("", |p| p.date.as_str())),
                    evolution: decimal(p.map(|p| p.change), 3),
                    sens: Text(p.map_or("", |p| super::json::direction_id(p.direction))),
                    fictif: cs.commune.fictional,
                });
            }
        }
    }
    rows
}

/// `data/outcomes.csv`: its header alone when no published audit measured an outcome yet.
pub(super) fn outcomes_csv(scored: &Scored<'_>) -> String {
    let rows = outcome_rows(scored);
    if rows.is_empty() {
        return format!("{}\n", columns::<OutcomeRow>().join(","));
    }
    csv(&rows)
}
