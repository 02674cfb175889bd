//! What the tender is made of: the actions selected for it ([`tender_items`], the one place
//! that chooses them) and their split by kind into lots and the rest.

use crate::model::procurement::{self, Procedure};
use std::borrow::Cow;

use crate::model::{Action, ActionKind, Methodology, PlanItem, PlanStatus, Quarter};
use crate::score::{audit_quarter, AuditScores, Link, Planned};

/// An action the tender speaks of, with the line of the commune's plan that schedules it.
pub(super) struct TenderItem<'a> {
    /// The library's action, in the audit's methodology version.
    pub action: &'a Action,
    /// The plan's line: owner, budget, criteria, indicator (made from the proposed plan when
    /// the commune has adopted none).
    pub plan: Cow<'a, PlanItem>,
}

/// The actions the tender covers, and whether they come from the audit's proposed plan: the
/// commune's adopted plan lines not yet started (`planned`), in plan order; when it has none,
/// the priority actions of the plan the audit proposes, in its order.
///
/// Actions already under way or done need no tender, and their start dates lie in the past.
/// This is the one function that chooses what the tender covers.
pub(super) fn tender_items<'a>(scores: &AuditScores<'a>) -> (Vec<TenderItem<'a>>, bool) {
    let m: &'a Methodology = scores.methodology;
    let adopted: Vec<TenderItem<'a>> = scores
        .audit
        .plan
        .iter()
        .filter(|p| p.status == PlanStatus::Planned)
        .filter_map(|p| {
            Some(TenderItem {
                action: m.action(&p.action)?,
                plan: Cow::Borrowed(p),
            })
        })
        .collect();
    if !adopted.is_empty() {
        return (adopted, false);
    }
    let start = audit_quarter(&scores.audit.date).unwrap_or(Quarter {
        year: 2000,
        quarter: 1,
    });
    let proposed = scores
        .plan
        .actions
        .iter()
        .filter_map(|p| {
            Some(TenderItem {
                action: m.action(&p.candidate.action)?,
                plan: Cow::Owned(proposed_line(m, p, start)),
            })
        })
        .collect();
    (proposed, true)
}

/// A line of the proposed plan written as a plan line: the middle of its scaled costs, the
/// criteria it raises (its indicator: each criterion at the level it aims for), its months
/// after the audit's quarter, its owner to be named.
fn proposed_line(m: &Methodology, p: &Planned, start: Quarter) -> PlanItem {
    let mid = |r: [f64; 2]| (r[0] + r[1]) / 2.0;
    let at = |months: u32| {
        let q = i64::from(start.year) * 4 + i64::from(start.quarter) + i64::from(months / 3);
        Quarter {
            year: i32::try_from((q - 1) / 4).unwrap_or(start.year),
            quarter: u8::try_from((q - 1) % 4 + 1).unwrap_or(1),
        }
    };
    let costs = &p.candidate.costs;
    PlanItem {
        action: p.candidate.action.clone(),
        criteria: p
            .candidate
            .raises
            .iter()
            .map(|r| r.criterion.clone())
            .collect(),
        owner: crate::i18n::t("plan.owner-unnamed").to_string(),
        staff_days: mid(costs.staff_days),
        budget_one_off: mid(costs.one_off),
        budget_yearly: mid(costs.yearly),
        start: at(p.months.0 + 3),
        end: at(p.months.1 + 3),
        status: PlanStatus::Planned,
        kpi: p
            .candidate
            .raises
            .iter()
            .filter_map(|r| {
                let c = m.criterion(&r.criterion)?;
                Some(crate::i18n::f(
                    "tender.kpi-proposed",
                    &[&c.question, &r.to.to_string()],
                ))
            })
            .collect::<Vec<_>>()
            .join(" ; "),
    }
}

/// The tender's actions split by kind.
pub(super) struct Split<'a> {
    /// Procurable work, in plan order: the lots.
    pub lots: Vec<TenderItem<'a>>,
    /// Internal work, agreements and subsidy applications, by kind then plan order.
    pub others: Vec<(ActionKind, Vec<TenderItem<'a>>)>,
    /// Every action, when the methodology version does not classify its actions.
    pub unqualified: Vec<TenderItem<'a>>,
}

/// Splits the items by their action's kind; a version that classifies no action gives no lot.
pub(super) fn split<'a>(m: &Methodology, items: Vec<TenderItem<'a>>) -> Split<'a> {
    let mut out = Split {
        lots: Vec::new(),
        others: Vec::new(),
        unqualified: Vec::new(),
    };
    if !classifies(m) {
        out.unqualified = items;
        return out;
    }
    for item in items {
        match item.action.kind {
            Some(ActionKind::Marche) => out.lots.push(item),
            Some(kind) => match out.others.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, list)) => list.push(item),
                None => out.others.push((kind, vec![item])),
            },
            // `check` rejects an unclassified action in a version that classifies.
            None => out.unqualified.push(item),
        }
    }
    out.others.sort_by_key(|(k, _)| *k);
    out
}

/// Whether the version classifies its actions (`kind:`, from 1.3).
pub(super) fn classifies(m: &Methodology) -> bool {
    m.actions.iter().any(|a| a.kind.is_some())
}

/// The estimated amounts of a lot, HTVA: the plan's budget, or the top of the library's
/// range when the plan gives none.
pub(super) struct Estimate {
    pub one_off: f64,
    pub yearly: f64,
    /// One-off + yearly over the contract's term.
    pub term: f64,
    /// The lightest procedure the term amount allows.
    pub procedure: Procedure,
    /// The plan gave no amount: the library's range was used.
    pub from_library: bool,
}

/// Estimates an item's amounts and procedure.
pub(super) fn estimate(item: &TenderItem<'_>) -> Estimate {
    let p = &*item.plan;
    let from_library = p.budget_one_off <= 0.0 && p.budget_yearly <= 0.0;
    let (one_off, yearly) = if from_library {
        (item.action.cost_one_off[1], item.action.cost_yearly[1])
    } else {
        (p.budget_one_off, p.budget_yearly)
    };
    let term = procurement::contract_amount(one_off, yearly);
    Estimate {
        one_off,
        yearly,
        term,
        procedure: procurement::procedure_for(term),
        from_library,
    }
}

/// The weak links of the audit an item addresses: those it was recommended under, and those
/// holding a criterion the plan's line names, weakest first.
pub(super) fn weak_links_of(scores: &AuditScores<'_>, item: &TenderItem<'_>) -> Vec<Link> {
    let m = scores.methodology;
    let cell_of = |id: &str| {
        let c = m.criterion(id)?;
        let s = m.steps.iter().position(|s| s.id == c.step)?;
        let a = m.angles.iter().position(|a| a.id == c.angle)?;
        Some((s, a))
    };
    let cells: Vec<(usize, usize)> = item
        .plan
        .criteria
        .iter()
        .filter_map(|c| cell_of(c))
        .collect();
    let mut out: Vec<Link> = Vec::new();
    let known = scores
        .recommendations
        .iter()
        .filter_map(|(l, recs)| l.as_ref().map(|l| (l, recs)))
        .map(|(l, recs)| (l, recs.iter().any(|r| r.action == item.action.id)))
        .chain(scores.weak.iter().map(|l| (l, false)));
    for (link, recommended) in known {
        let named = cells.contains(&(link.step, link.angle));
        let seen = out
            .iter()
            .any(|o| (o.step, o.angle) == (link.step, link.angle));
        if (recommended || named) && !seen {
            out.push(link.clone());
        }
    }
    out.sort_by(|a, b| a.score.total_cmp(&b.score));
    out
}
