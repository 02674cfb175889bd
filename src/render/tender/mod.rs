//! The tender page: the planned actions of a commune assembled into the parts of a *cahier
//! spécial des charges*. Only procurable work (`kind: marche`) becomes a lot, with its own
//! deliverables, award criteria, amount HTVA and the procedure that amount implies; internal
//! work, agreements and subsidy applications are listed apart as what they are. The calendar
//! is relative to the plan's adoption and the award, so the page never shows a past date.

mod context;
mod items;

use super::{Page, Renderer};
use crate::format;
use crate::i18n::{f, t};
use crate::model::procurement::{self, Procedure, THRESHOLDS};
use crate::model::{ActionKind, AuditStatus, Commune, PersonalData, Score};
use crate::score::AuditScores;
use context::*;
use items::{estimate, split, tender_items, weak_links_of, TenderItem};

impl Renderer<'_> {
    /// Renders `communes/<slug>/cahier-des-charges.html` for the commune's latest audit.
    pub(super) fn tender(&self, c: &Commune, scores: &AuditScores<'_>) -> Page {
        let audit = scores.audit;
        let path = format!("communes/{}/cahier-des-charges.html", c.slug);
        let root = super::root_of(&path);
        let m = scores.methodology;
        let hb = format!("{root}handbook/{}/", audit.methodology);
        let (items, proposed) = tender_items(scores);
        let parts = split(m, items);
        let lots: Vec<Lot> = parts
            .lots
            .iter()
            .enumerate()
            .map(|(i, item)| lot(scores, item, i + 1, &hb))
            .collect();
        let others: Vec<OtherGroup> = parts
            .others
            .iter()
            .map(|(kind, list)| OtherGroup {
                kind: kind.id(),
                heading: kind_heading(*kind),
                intro: kind_intro(*kind),
                items: list.iter().map(|i| other(i, &hb)).collect(),
            })
            .collect();
        let unqualified: Vec<Other> = parts.unqualified.iter().map(|i| other(i, &hb)).collect();
        let weak = weak_links(scores, &parts.lots, &parts.unqualified);
        let criteria = if weak.is_empty() {
            addressed_criteria(&lots)
        } else {
            Vec::new()
        };
        let personal = personal_sources(scores, parts.lots.iter().chain(&parts.unqualified));
        let estimates: Vec<_> = parts.lots.iter().map(estimate).collect();
        let one_off: f64 = estimates.iter().map(|e| e.one_off).sum();
        let yearly: f64 = estimates.iter().map(|e| e.yearly).sum();
        let term: f64 = estimates.iter().map(|e| e.term).sum();
        let draft = audit.status == AuditStatus::Draft
            || self.model.draft.as_deref() == Some(audit.methodology.as_str());
        let title = f("tender.title", &[&c.name]);
        let page = TenderPage {
            title: title.clone(),
            draft,
            proposed,
            commune: TenderCommune {
                name: &c.name,
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
            classified: items::classifies(m),
            unclassified_text: f("tender.unqualified", &[&audit.methodology]),
            weak,
            criteria,
            lots,
            others,
            unqualified,
            personal,
            total_one_off: format::euros(one_off),
            total_yearly: format::euros(yearly),
            total_term: format::euros(term),
            total_procedure: procedure_name(procurement::procedure_for(term)),
            several_lots: parts.lots.len() > 1,
            thresholds: thresholds(),
            thresholds_note: f(
                "tender.thresholds-note",
                &[&format::date(procurement::THRESHOLDS_DATE)],
            ),
            term_note: f(
                "tender.term-note",
                &[&procurement::CONTRACT_YEARS.to_string()],
            ),
            legality_note: f(
                "tender.legality-note",
                &[&format::euros(procurement::LEGALITY_OPINION_FROM)],
            ),
        };
        self.render(&path, "tender.html", &title, &page)
    }
}

/// The sources of personal data of the inventory that serve a step the `items` act on.
fn personal_sources<'a: 'i, 'i>(
    scores: &AuditScores<'a>,
    items: impl Iterator<Item = &'i TenderItem<'a>>,
) -> Vec<PersonalSource<'a>> {
    let steps: Vec<&str> = items
        .flat_map(|i| i.action.steps.iter().map(String::as_str))
        .collect();
    scores
        .audit
        .inventory
        .iter()
        .filter(|i| i.personal_data != PersonalData::None)
        .filter(|i| i.steps.iter().any(|s| steps.contains(&s.as_str())))
        .map(|i| PersonalSource {
            name: &i.name,
            holder: &i.holder,
            personal: super::personal_label(i.personal_data),
            legal_basis: &i.legal_basis,
            dpia: i.dpia,
            flag: i.gdpr_flag,
        })
        .collect()
}

/// A lot: a procurable action with its own deliverables, award criteria, amount and procedure.
fn lot<'a>(scores: &AuditScores<'a>, item: &'a TenderItem<'a>, number: usize, hb: &str) -> Lot<'a> {
    let a = item.action;
    let p = &*item.plan;
    let e = estimate(item);
    let resolve = |s: &str, id: &str| Some(super::ref_href(hb, s, id));
    Lot {
        number,
        id: &a.id,
        title: &a.name,
        href: format!("{hb}actions/{}.html", a.id),
        description: super::Html::markdown(&a.description, &resolve),
        benefit: &a.benefit,
        gdpr: &a.gdpr,
        criteria: criterion_links(scores, item, hb),
        weak: weak_links_of(scores, item)
            .iter()
            .map(|l| link_words(scores, l))
            .collect(),
        deliverables: &a.deliverables,
        award: a
            .award_criteria
            .iter()
            .map(|c| Award {
                name: &c.name,
                weight: f("tender.weight", &[&format::decimal(c.weight)]),
            })
            .collect(),
        one_off: format::euros(e.one_off),
        yearly: (e.yearly > 0.0).then(|| format::euros(e.yearly)),
        term: format::euros(e.term),
        procedure: procedure_name(e.procedure),
        legality: e.term >= procurement::LEGALITY_OPINION_FROM,
        from_library: e.from_library,
        period: period(a.lead_time_months),
        owner: &p.owner,
        kpi: &p.kpi,
    }
}

/// An action outside the lots, as the commune's own work, an agreement or an application.
fn other<'a>(item: &'a TenderItem<'a>, hb: &str) -> Other<'a> {
    let p = &*item.plan;
    Other {
        id: &item.action.id,
        title: &item.action.name,
        href: format!("{hb}actions/{}.html", item.action.id),
        benefit: &item.action.benefit,
        owner: &p.owner,
        kpi: &p.kpi,
        one_off: (p.budget_one_off > 0.0).then(|| format::euros(p.budget_one_off)),
        yearly: (p.budget_yearly > 0.0).then(|| format::euros(p.budget_yearly)),
        staff_days: f("tender.staff-days", &[&format::decimal(p.staff_days)]),
        period: f(
            "tender.duration",
            &[&item.action.lead_time_months.max(1).to_string()],
        ),
    }
}

/// The weak links the lots (or, in a version without kinds, the actions) address, weakest
/// first, each with what addresses it.
fn weak_links<'a>(
    scores: &AuditScores<'a>,
    lots: &[TenderItem<'a>],
    unqualified: &[TenderItem<'a>],
) -> Vec<WeakLink<'a>> {
    let mut out: Vec<(f64, WeakLink)> = Vec::new();
    let named = lots
        .iter()
        .enumerate()
        .map(|(i, item)| (f("tender.lot-n", &[&(i + 1).to_string()]), item))
        .chain(unqualified.iter().map(|i| (i.action.name.clone(), i)));
    for (name, item) in named {
        for l in weak_links_of(scores, item) {
            let words = link_words(scores, &l);
            match out
                .iter_mut()
                .find(|(_, w)| (w.step, w.angle) == (words.step, words.angle))
            {
                Some((_, w)) => w.by.push(name.clone()),
                None => out.push((
                    l.score,
                    WeakLink {
                        by: vec![name.clone()],
                        ..words
                    },
                )),
            }
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, w)| w).collect()
}

/// The criteria a plan's line names, with the audit's answer to each.
fn criterion_links<'a>(
    scores: &AuditScores<'a>,
    item: &TenderItem<'a>,
    hb: &str,
) -> Vec<CriterionLink<'a>> {
    let m = scores.methodology;
    item.plan
        .criteria
        .iter()
        .filter_map(|id| m.criterion(id))
        .map(|c| CriterionLink {
            title: &c.question,
            href: format!("{hb}criteres/{}.html", c.id),
            level: answer_words(m, scores.audit.answers.get(&c.id).map(|a| a.score)),
            by: Vec::new(),
        })
        .collect()
}

/// An answer in words: « niveau 1 sur 4 (initial) », or the special answer's label.
fn answer_words(m: &crate::model::Methodology, score: Option<Score>) -> String {
    match score {
        Some(Score::Level(l)) => {
            let label = m.scale.levels.get(usize::from(l)).map_or("", |x| &x.label);
            f("tender.level", &[&l, &label])
        }
        Some(Score::Na) => m.scale.na.label.clone(),
        Some(Score::Inconnu) => m.scale.inconnu.label.clone(),
        Some(Score::ARepondre) => t("score.a-repondre").to_string(),
        None => t("tender.unanswered").to_string(),
    }
}

/// Every criterion the lots name, once, with the lots that name it, in lot order.
fn addressed_criteria<'a>(lots: &[Lot<'a>]) -> Vec<CriterionLink<'a>> {
    let mut out: Vec<CriterionLink> = Vec::new();
    for lot in lots {
        let name = f("tender.lot-n", &[&lot.number]);
        for c in &lot.criteria {
            match out.iter_mut().find(|o| o.href == c.href) {
                Some(o) => o.by.push(name.clone()),
                None => out.push(CriterionLink {
                    by: vec![name.clone()],
                    ..c.clone()
                }),
            }
        }
    }
    out
}

/// A weak link in words.
fn link_words<'a>(scores: &AuditScores<'a>, l: &crate::score::Link) -> WeakLink<'a> {
    let m = scores.methodology;
    let (step, angle) = (&m.steps[l.step].name, &m.angles[l.angle].name);
    WeakLink {
        step,
        angle,
        label: f("tender.cell", &[step, angle]),
        score: format::score(Some(l.score)),
        by: Vec::new(),
    }
}

/// The execution period, relative to the award: « mois 1 à 6 après l'attribution ».
fn period(lead_time_months: u32) -> String {
    if lead_time_months <= 1 {
        t("tender.period-one").to_string()
    } else {
        f("tender.period", &[&lead_time_months.to_string()])
    }
}

/// The threshold table in words.
fn thresholds() -> Vec<ThresholdRow> {
    let mut from: Option<f64> = None;
    THRESHOLDS
        .iter()
        .map(|th| {
            let range = match (from, th.below) {
                (None, Some(b)) => f("tender.threshold-below", &[&format::euros(b)]),
                (Some(a), Some(b)) => f(
                    "tender.threshold-between",
                    &[&format::euros(a), &format::euros(b)],
                ),
                (Some(a), None) => f("tender.threshold-from", &[&format::euros(a)]),
                (None, None) => String::new(),
            };
            from = th.below;
            ThresholdRow {
                range,
                procedure: procedure_name(th.procedure),
                basis: procedure_basis(th.procedure),
                confirmed: th.confirmed,
            }
        })
        .collect()
}

/// The name of a procedure.
fn procedure_name(p: Procedure) -> &'static str {
    match p {
        Procedure::FaibleMontant => t("procedure.faible-montant"),
        Procedure::NegocieeSansPublication => t("procedure.negociee-sans-publication"),
        Procedure::PublicationBelge => t("procedure.publication-belge"),
        Procedure::PublicationEuropeenne => t("procedure.publication-europeenne"),
    }
}

/// The legal basis of a procedure.
fn procedure_basis(p: Procedure) -> &'static str {
    match p {
        Procedure::FaibleMontant => t("procedure-basis.faible-montant"),
        Procedure::NegocieeSansPublication => t("procedure-basis.negociee-sans-publication"),
        Procedure::PublicationBelge => t("procedure-basis.publication-belge"),
        Procedure::PublicationEuropeenne => t("procedure-basis.publication-europeenne"),
    }
}

/// The heading of the actions of a kind outside the lots.
fn kind_heading(k: ActionKind) -> &'static str {
    match k {
        ActionKind::Marche => t("tender.kind.marche"),
        ActionKind::Interne => t("tender.kind.interne"),
        ActionKind::Convention => t("tender.kind.convention"),
        ActionKind::Subside => t("tender.kind.subside"),
    }
}

/// What the actions of a kind outside the lots are, in a sentence.
fn kind_intro(k: ActionKind) -> &'static str {
    match k {
        ActionKind::Marche => t("tender.kind-intro.marche"),
        ActionKind::Interne => t("tender.kind-intro.interne"),
        ActionKind::Convention => t("tender.kind-intro.convention"),
        ActionKind::Subside => t("tender.kind-intro.subside"),
    }
}
