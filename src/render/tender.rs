//! The tender page: the planned actions of a commune assembled into the parts of a
//! *cahier des charges* (context, objectives, scope, GDPR clauses, budget, calendar, indicators).

use serde::Serialize;

use super::{Html, Page, Renderer};
use crate::format;
use crate::model::{Commune, Methodology, PersonalData, PlanItem, PlanStatus};
use crate::score::AuditScores;

/// `tender.html`: the tender of a commune's current audit.
#[derive(Serialize)]
struct TenderPage<'a> {
    /// The page title.
    title: String,
    /// The commune.
    commune: TenderCommune<'a>,
    /// The audit the tender comes from.
    audit: TenderAudit<'a>,
    /// The audit's overall index, formatted.
    overall: String,
    /// The audit's coverage, formatted.
    coverage: String,
    /// The weak links the actions answer.
    weak: Vec<WeakLink<'a>>,
    /// The planned and ongoing actions.
    actions: Vec<TenderAction<'a>>,
    /// Personal data the actions touch.
    personal: Vec<PersonalSource<'a>>,
    /// Planned one-off budget, formatted.
    total_one_off: String,
    /// Planned yearly budget, formatted.
    total_yearly: String,
    /// Planned staff days, formatted.
    total_staff: String,
    /// First start → last end quarter, when anything is planned.
    calendar: Option<String>,
}

/// Who the tender is for.
#[derive(Serialize)]
struct TenderCommune<'a> {
    name: &'a str,
    ins: &'a str,
    province: &'a str,
    /// Formatted.
    population: String,
    /// The intercommunale's name.
    intercommunale: String,
    fictional: bool,
}

/// The audit a tender comes from.
#[derive(Serialize)]
struct TenderAudit<'a> {
    /// Formatted.
    date: String,
    version: &'a str,
    /// The handbook of its version.
    handbook: String,
    /// Its report, beside the tender.
    report: &'static str,
}

/// A weak link, in words.
#[derive(Serialize)]
struct WeakLink<'a> {
    step: &'a str,
    angle: &'a str,
    /// Formatted.
    score: String,
}

/// An action of the tender.
#[derive(Serialize)]
struct TenderAction<'a> {
    title: &'a str,
    /// Its page in the handbook.
    href: String,
    /// The library's description, Markdown rendered.
    description: Html,
    benefit: &'a str,
    gdpr: &'a str,
    /// The criteria it answers.
    criteria: Vec<CriterionLink<'a>>,
    owner: &'a str,
    /// Start → end quarter.
    period: String,
    /// Months from order to service.
    lead_time: u32,
    /// Formatted amounts.
    budget_one_off: String,
    budget_yearly: String,
    range_one_off: String,
    range_yearly: String,
    staff_days: String,
    kpi: &'a str,
}

/// A criterion an action answers.
#[derive(Serialize)]
struct CriterionLink<'a> {
    /// Its question.
    title: &'a str,
    /// Its page in the handbook.
    href: String,
}

/// A source of personal data the actions touch.
#[derive(Serialize)]
struct PersonalSource<'a> {
    name: &'a str,
    holder: &'a str,
    /// In words.
    personal: &'static str,
    legal_basis: &'a str,
    dpia: bool,
    flag: bool,
}

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
        let actions: Vec<TenderAction> = open
            .iter()
            .filter_map(|p| tender_action(m, p, &hb))
            .collect();
        let personal: Vec<PersonalSource> = audit
            .inventory
            .iter()
            .filter(|i| i.personal_data != PersonalData::None)
            .filter(|i| i.steps.iter().any(|s| steps_involved.contains(&s.as_str())))
            .map(|i| PersonalSource {
                name: &i.name,
                holder: &i.holder,
                personal: super::personal_label(i.personal_data),
                legal_basis: &i.legal_basis,
                dpia: i.dpia,
                flag: i.gdpr_flag,
            })
            .collect();
        let one_off: f64 = open.iter().map(|p| p.budget_one_off).sum();
        let yearly: f64 = open.iter().map(|p| p.budget_yearly).sum();
        let staff: f64 = open.iter().map(|p| p.staff_days).sum();
        let first = open.iter().map(|p| p.start).min();
        let last = open.iter().map(|p| p.end).max();
        let title = crate::i18n::f("tender.title", &[&c.name]);
        let page = TenderPage {
            title: title.clone(),
            commune: TenderCommune {
                name: &c.name,
                ins: &c.ins,
                province: &c.province,
                population: format::thousands(c.population),
                intercommunale: self.intercommunale_name(&c.intercommunale),
                fictional: c.fictional,
            },
            audit: TenderAudit {
                date: format::date(&audit.date),
                version: &audit.methodology,
                handbook: format!("{hb}index.html"),
                report: "index.html",
            },
            overall: format::score(scores.card.overall),
            coverage: format::percent(Some(scores.card.coverage)),
            weak: weak
                .iter()
                .map(|l| WeakLink {
                    step: &m.steps[l.step].name,
                    angle: &m.angles[l.angle].name,
                    score: format::score(Some(l.score)),
                })
                .collect(),
            actions,
            personal,
            total_one_off: format::euros(one_off),
            total_yearly: format::euros(yearly),
            total_staff: format::decimal(staff),
            calendar: first.zip(last).map(|(a, b)| format!("{a} → {b}")),
        };
        self.render(&path, "tender.html", &title, &page)
    }
}

/// An action of the plan as the tender describes it; none when the library lacks it.
fn tender_action<'a>(m: &'a Methodology, p: &'a PlanItem, hb: &str) -> Option<TenderAction<'a>> {
    let a = m.action(&p.action)?;
    let resolve = |s: &str, id: &str| Some(super::ref_href(hb, s, id));
    Some(TenderAction {
        title: &a.name,
        href: format!("{hb}actions/{}.html", a.id),
        description: Html::markdown(&a.description, &resolve),
        benefit: &a.benefit,
        gdpr: &a.gdpr,
        criteria: p
            .criteria
            .iter()
            .filter_map(|id| m.criterion(id))
            .map(|c| CriterionLink {
                title: &c.question,
                href: format!("{hb}criteres/{}.html", c.id),
            })
            .collect(),
        owner: &p.owner,
        period: format!("{} → {}", p.start, p.end),
        lead_time: a.lead_time_months,
        budget_one_off: format::euros(p.budget_one_off),
        budget_yearly: format::euros(p.budget_yearly),
        range_one_off: format::euro_range(a.cost_one_off),
        range_yearly: format::euro_range(a.cost_yearly),
        staff_days: format::decimal(p.staff_days),
        kpi: &p.kpi,
    })
}
