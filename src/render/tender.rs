//! The tender page: the planned actions of a commune assembled into the parts of a
//! *cahier des charges* (context, objectives, scope, GDPR clauses, budget, calendar, indicators).

use serde_json::{json, Value};

use super::{Page, Renderer};
use crate::format;
use crate::markdown;
use crate::model::{Commune, PersonalData, PlanStatus};
use crate::score::AuditScores;

impl Renderer<'_> {
    /// Renders `communes/<slug>/cahier-des-charges.html` for the commune's latest audit.
    pub(super) fn tender(&self, c: &Commune, scores: &AuditScores<'_>) -> Page {
        let audit = scores.audit;
        let path = format!("communes/{}/cahier-des-charges.html", c.slug);
        let root = super::root_of(&path);
        let m = scores.methodology;
        let hb = format!("{root}handbook/{}/", audit.methodology);
        let weak = &scores.weak;
        let open: Vec<_> = audit
            .plan
            .iter()
            .filter(|p| matches!(p.status, PlanStatus::Planned | PlanStatus::InProgress))
            .collect();
        let steps_involved: Vec<&str> = open
            .iter()
            .filter_map(|p| m.action(&p.action))
            .flat_map(|a| a.steps.iter().map(String::as_str))
            .collect();
        let actions: Vec<Value> = open
            .iter()
            .filter_map(|p| {
                let a = m.action(&p.action)?;
                Some(json!({
                    "title": a.name,
                    "href": format!("{hb}actions/{}.html", a.id),
                    "description": markdown::to_html(&a.description, &|s, id| Some(super::ref_href(&hb, s, id))),
                    "benefit": a.benefit,
                    "gdpr": a.gdpr,
                    "criteria": p.criteria.iter().filter_map(|id| m.criterion(id)).map(|c| json!({"title": c.question, "href": format!("{hb}criteres/{}.html", c.id)})).collect::<Vec<_>>(),
                    "owner": p.owner,
                    "period": format!("{} → {}", p.start, p.end),
                    "lead_time": a.lead_time_months,
                    "budget_one_off": format::euros(p.budget_one_off),
                    "budget_yearly": format::euros(p.budget_yearly),
                    "range_one_off": format::euro_range(a.cost_one_off),
                    "range_yearly": format::euro_range(a.cost_yearly),
                    "staff_days": format::decimal(p.staff_days),
                    "kpi": p.kpi,
                }))
            })
            .collect();
        let personal: Vec<Value> = audit
            .inventory
            .iter()
            .filter(|i| i.personal_data != PersonalData::None)
            .filter(|i| i.steps.iter().any(|s| steps_involved.contains(&s.as_str())))
            .map(|i| {
                json!({
                    "name": i.name,
                    "holder": i.holder,
                    "personal": super::personal_label(i.personal_data),
                    "legal_basis": i.legal_basis,
                    "dpia": i.dpia,
                    "flag": i.gdpr_flag,
                })
            })
            .collect();
        let one_off: f64 = open.iter().map(|p| p.budget_one_off).sum();
        let yearly: f64 = open.iter().map(|p| p.budget_yearly).sum();
        let staff: f64 = open.iter().map(|p| p.staff_days).sum();
        let first = open.iter().map(|p| p.start).min();
        let last = open.iter().map(|p| p.end).max();
        let title = crate::i18n::f("tender.title", &[&c.name]);
        self.render(
            &path,
            "tender.html",
            &title,
            json!({
                "title": title,
                "commune": {"name": c.name, "ins": c.ins, "province": c.province, "population": format::thousands(c.population), "intercommunale": self.intercommunale_name(&c.intercommunale), "fictional": c.fictional},
                "audit": {"date": format::date(&audit.date), "version": audit.methodology, "handbook": format!("{hb}index.html"), "report": "index.html"},
                "overall": format::score(scores.card.overall),
                "coverage": format::percent(Some(scores.card.coverage)),
                "weak": weak.iter().map(|l| json!({"step": m.steps[l.step].name, "angle": m.angles[l.angle].name, "score": format::score(Some(l.score))})).collect::<Vec<_>>(),
                "actions": actions,
                "personal": personal,
                "total_one_off": format::euros(one_off),
                "total_yearly": format::euros(yearly),
                "total_staff": format::decimal(staff),
                "calendar": first.zip(last).map(|(a, b)| format!("{a} → {b}")),
            }),
        )
    }
}
