//! Checks the tender fields of the actions (from methodology 1.3): `kind`, `deliverables` and
//! `award_criteria`. Versions that classify none of their actions (1.0 to 1.2) are left alone:
//! the tender page then lists their actions as « à qualifier ». Pure, like the rest of `check`.

use super::Report;
use crate::i18n::{f, t};
use crate::load::raw::{RawAction, RawAwardCriterion};
use crate::model::{ActionKind, AwardCriterion};

/// The tender fields of one action, checked.
pub(super) struct TenderFields {
    pub kind: Option<ActionKind>,
    pub deliverables: Vec<String>,
    pub award_criteria: Vec<AwardCriterion>,
}

/// Whether a version classifies its actions: as soon as one has a `kind:`, all must.
pub(super) fn classifies(actions: &[RawAction]) -> bool {
    actions.iter().any(|a| a.kind.is_some())
}

/// Checks the kind, the deliverables and the award criteria of an action.
///
/// In a version that classifies its actions, every action has a known kind, and a `marche` has
/// at least one deliverable and award criteria whose weights sum to 100.
pub(super) fn tender_fields(a: &RawAction, classifies: bool, r: &mut Report<'_>) -> TenderFields {
    let kind = match &a.kind {
        None => {
            if classifies {
                r.error(&a.id, f("diag.action-no-kind", &[&a.id.value]))
                    .help = Some(t("help.action-kind").to_string());
            }
            None
        }
        Some(k) => {
            let parsed = ActionKind::parse(&k.value);
            if parsed.is_none() {
                r.error(k, f("diag.unknown-action-kind", &[&k.value])).help =
                    Some(t("help.action-kind").to_string());
            }
            parsed
        }
    };
    for d in &a.deliverables {
        if d.value.trim().is_empty() {
            r.error(d, f("diag.empty-deliverable", &[&a.id.value]));
        }
    }
    if kind == Some(ActionKind::Marche) {
        let at = a.kind.as_ref().expect("a kind was parsed");
        if a.deliverables.is_empty() {
            r.error(at, f("diag.marche-no-deliverables", &[&a.id.value]))
                .help = Some(t("help.deliverables").to_string());
        }
        if a.award_criteria.is_empty() {
            r.error(at, f("diag.marche-no-award-criteria", &[&a.id.value]))
                .help = Some(t("help.award-criteria").to_string());
        } else {
            check_award_criteria(&a.id.value, &a.award_criteria, r);
        }
    } else if let (Some(k), Some(first)) = (kind, a.award_criteria.first()) {
        r.warning(
            &first.name,
            f("diag.award-not-marche", &[&a.id.value, &k.id()]),
        )
        .help = Some(t("help.award-not-marche").to_string());
    }
    TenderFields {
        kind,
        deliverables: a.deliverables.iter().map(|d| d.value.clone()).collect(),
        award_criteria: a
            .award_criteria
            .iter()
            .map(|c| AwardCriterion {
                name: c.name.value.clone(),
                weight: c.weight.value,
            })
            .collect(),
    }
}

/// Each weight in (0, 100], names given and distinct, the sum exactly 100, price among them.
fn check_award_criteria(action: &str, criteria: &[RawAwardCriterion], r: &mut Report<'_>) {
    let mut names: Vec<String> = Vec::new();
    for c in criteria {
        let w = c.weight.value;
        if !(w > 0.0 && w <= 100.0) {
            r.error(&c.weight, f("diag.bad-award-weight", &[&w]));
        }
        let name = c.name.value.trim().to_lowercase();
        if name.is_empty() {
            r.error(&c.name, f("diag.empty-award-criterion", &[&action]));
        } else if names.contains(&name) {
            r.error(
                &c.name,
                f("diag.duplicate-award-criterion", &[&c.name.value]),
            );
        }
        names.push(name);
    }
    let sum: f64 = criteria.iter().map(|c| c.weight.value).sum();
    if (sum - 100.0).abs() > 1e-6 {
        r.error(
            &criteria[0].weight,
            f(
                "diag.award-weights-sum",
                &[&action, &crate::format::decimal(sum)],
            ),
        )
        .help = Some(t("help.award-weights-sum").to_string());
    }
    // Art. 81 of the law of 17 June 2016: the price or the cost is always among the criteria.
    if !names
        .iter()
        .any(|n| n.contains("prix") || n.contains("coût"))
    {
        r.warning(&criteria[0].name, f("diag.award-no-price", &[&action]))
            .help = Some(t("help.award-no-price").to_string());
    }
}
