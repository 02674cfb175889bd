//! "En bref", the top of a report an official reads in two minutes: the overall index and what
//! it means, the three weakest links in plain words, the three first actions with their cost
//! and who carries them, and when the next audit is due.

use serde::Serialize;

use super::Place;
use crate::format;
use crate::i18n::{f, t};
use crate::model::{Audit, Methodology, PlanItem, PlanStatus};
use crate::score::{AuditScores, Link, Plan, Planned};

/// How many weak links and first actions "En bref" names.
const BRIEF_ITEMS: usize = 3;

/// How long after an audit the next one is due: "un nouvel audit tous les deux ans environ,
/// sur le même périmètre et à la même saison" (handbook, `conduire-un-audit.md`).
const NEXT_AUDIT_YEARS: u32 = 2;

/// The "En bref" block of a report.
#[derive(Serialize)]
pub struct Brief {
    /// What the overall index means, in one sentence.
    pub meaning: String,
    /// The weakest links, weakest first, in words.
    pub weak: Vec<BriefLink>,
    /// The first actions to take.
    pub actions: Vec<BriefAction>,
    /// When the next audit is due, e.g. "juin 2027".
    pub next_audit: String,
}

/// A weak link in plain words.
#[derive(Serialize)]
pub struct BriefLink {
    /// "Choisir et commander, sous l'angle « Coûts et bénéfices »".
    pub label: String,
    /// Its score, "0 sur 100".
    pub score: String,
}

/// One of the first actions.
#[derive(Serialize)]
pub struct BriefAction {
    /// Its name.
    pub title: String,
    /// Its page in the handbook.
    pub href: String,
    /// What it costs, in words: one-off, then yearly when it has a yearly cost.
    pub cost: String,
    /// Who carries it: the owner named in the plan, or "à désigner".
    pub owner: String,
}

/// Builds the "En bref" block of one audit.
pub(super) fn brief(scores: &AuditScores<'_>, place: &Place<'_>) -> Brief {
    let (m, audit) = (scores.methodology, scores.audit);
    let band = format::band(scores.card.overall);
    Brief {
        meaning: t(&format!("brief.band.{band}")).to_string(),
        weak: scores
            .weak
            .iter()
            .take(BRIEF_ITEMS)
            .map(|l| BriefLink {
                label: link_label(m, l),
                score: format!("{} {}", format::score(Some(l.score)), t("report.out-of")),
            })
            .collect(),
        actions: first_actions(&scores.plan)
            .into_iter()
            .filter_map(|r| brief_action(m, audit, r, place))
            .collect(),
        next_audit: next_audit(&audit.date),
    }
}

/// The first actions to take: the first [`BRIEF_ITEMS`] of the proposed plan, in its order
/// (by start month, then rank), so that « En bref » and the plan never disagree.
pub(super) fn first_actions(plan: &Plan) -> Vec<&Planned> {
    plan.actions.iter().take(BRIEF_ITEMS).collect()
}

fn brief_action(
    m: &Methodology,
    audit: &Audit,
    p: &Planned,
    place: &Place<'_>,
) -> Option<BriefAction> {
    let a = m.action(&p.candidate.action)?;
    let costs = &p.candidate.costs;
    let one_off = format::euro_range(costs.one_off);
    let cost = if costs.yearly[1] > 0.0 {
        f(
            "brief.cost-yearly",
            &[&one_off, &format::euro_range(costs.yearly)],
        )
    } else {
        f("brief.cost", &[&one_off])
    };
    let owner = owner_of(&audit.plan, &a.id)
        .map(str::to_string)
        .unwrap_or_else(|| t("brief.owner-none").to_string());
    Some(BriefAction {
        title: a.name.clone(),
        href: format!("{}actions/{}.html", place.hb, a.id),
        cost,
        owner,
    })
}

/// Who carries `action`: the owner of its first plan item that is not dropped and names one.
fn owner_of<'p>(plan: &'p [PlanItem], action: &str) -> Option<&'p str> {
    plan.iter()
        .find(|p| {
            p.action == action && p.status != PlanStatus::Dropped && !p.owner.trim().is_empty()
        })
        .map(|p| p.owner.as_str())
}

/// A step × angle cell in words: "Choisir et commander, sous l'angle « Coûts et bénéfices »".
pub(super) fn link_label(m: &Methodology, l: &Link) -> String {
    f(
        "report.link",
        &[&m.steps[l.step].name, &m.angles[l.angle].name],
    )
}

/// The month the next audit is due, [`NEXT_AUDIT_YEARS`] after `date` (`YYYY-MM-DD`), in words.
fn next_audit(date: &str) -> String {
    let mut parts = date.split('-');
    let year = parts.next().and_then(|y| y.parse::<u32>().ok());
    let month = parts.next();
    match (year, month) {
        (Some(y), Some(m)) => format::date(&format!("{}-{m}", y + NEXT_AUDIT_YEARS)),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{next_audit, owner_of};
    use crate::model::{PlanItem, PlanStatus, Quarter};

    fn item(action: &str, owner: &str, status: PlanStatus) -> PlanItem {
        let q = Quarter {
            year: 2025,
            quarter: 1,
        };
        PlanItem {
            action: action.into(),
            criteria: Vec::new(),
            owner: owner.into(),
            staff_days: 0.0,
            budget_one_off: 0.0,
            budget_yearly: 0.0,
            start: q,
            end: q,
            status,
            kpi: String::new(),
        }
    }

    #[test]
    fn the_owner_is_from_the_plan_never_a_dropped_or_blank_item() {
        let plan = vec![
            item("a", "ADL", PlanStatus::Dropped),
            item("a", " ", PlanStatus::Planned),
            item("a", "Service commerce", PlanStatus::InProgress),
            item("b", "DPO", PlanStatus::Done),
        ];
        assert_eq!(owner_of(&plan, "a"), Some("Service commerce"));
        assert_eq!(owner_of(&plan, "b"), Some("DPO"));
        assert_eq!(owner_of(&plan, "c"), None);
        assert_eq!(owner_of(&plan[..2], "a"), None);
    }

    #[test]
    fn next_audit_is_two_years_later_same_month() {
        assert_eq!(next_audit("2025-06-14"), "juin 2027");
        assert_eq!(next_audit("2024-12-01"), "décembre 2026");
        assert_eq!(next_audit("n/a"), "n/a");
    }
}
