//! Commune report pages: the latest visible audit at `communes/<slug>/index.html`, earlier
//! ones under their id, with scores, charts, links, peers, progress and recommendations. Reads
//! the scored model only; every number is formatted here, through [`crate::format`].

mod brief;
mod compare;
mod context;
mod outcomes;
mod plan;

use compare::{peer_blocks, progress_block};

use context::*;

use super::{access_key, figures, personal_label, plan_key, root_of, score_label, Page, Renderer};
use crate::format;
use crate::i18n::t;
use crate::model::*;
use crate::render::Html;
use crate::score::{AuditScores, CommuneScores, Link};

/// Where one report sits: its path, the way back to the site root and to its handbook.
struct Place<'p> {
    path: &'p str,
    root: String,
    /// The handbook of the audit's methodology version, from the page.
    hb: String,
}

impl Renderer<'_> {
    /// Renders the tender page and a report per visible audit of the commune.
    pub(super) fn commune(&self, cs: &CommuneScores<'_>) -> Vec<Page> {
        let c = cs.commune;
        let mut pages = Vec::new();
        if let Some(last) = cs.current() {
            pages.push(self.tender(c, last));
        }
        for (i, scores) in cs.audits.iter().enumerate() {
            let path = if i + 1 == cs.audits.len() {
                format!("communes/{}/index.html", c.slug)
            } else {
                format!("communes/{}/{}/index.html", c.slug, scores.audit.id)
            };
            pages.push(self.report(cs, scores, &path));
        }
        pages
    }

    fn report(&self, cs: &CommuneScores<'_>, scores: &AuditScores<'_>, path: &str) -> Page {
        let (c, audit, m, card) = (cs.commune, scores.audit, scores.methodology, &scores.card);
        let root = root_of(path);
        let place = Place {
            path,
            hb: format!("{root}handbook/{}/", audit.methodology),
            root,
        };
        let current = cs.current().is_some_and(|a| a.audit.id == audit.id);
        let answers = |step: &Step| -> Vec<AnswerRow> {
            m.criteria
                .iter()
                .filter(|x| x.step == step.id)
                .map(|x| answer_row(m, audit, x, &place.hb))
                .collect()
        };
        let steps = m.steps.iter().zip(&card.steps);
        let angles = m.angles.iter().zip(&card.angles);
        let title = crate::i18n::f("report.title", &[&c.name]);
        let page = ReportPage {
            title: title.clone(),
            commune: self.commune_facts(c, m),
            audit: self.audit_facts(audit, &place),
            overall: format::score(card.overall),
            overall_band: format::band(card.overall),
            coverage: format::percent(Some(card.coverage)),
            steps: steps
                .map(|(s, p)| PartRow {
                    answers: Some(answers(s)),
                    ..part_row(&s.name, format!("{}etapes/{}.html", place.hb, s.id), p)
                })
                .collect(),
            angles: angles
                .map(|(a, p)| part_row(&a.name, format!("{}angles/{}.html", place.hb, a.id), p))
                .collect(),
            weak: scores
                .weak
                .iter()
                .map(|l| link_row(scores, l, &place))
                .collect(),
            strong: scores
                .strong
                .iter()
                .map(|l| link_row(scores, l, &place))
                .collect(),
            inventory: inventory_rows(m, audit, &place),
            gdpr_flags: audit.inventory.iter().filter(|i| i.gdpr_flag).count(),
            plan: plan_rows(m, audit, &place),
            total_one_off: format::euros(planned_total(audit, |p| p.budget_one_off)),
            total_yearly: format::euros(planned_total(audit, |p| p.budget_yearly)),
            proposed: plan::plan_block(scores, &place),
            indicators: indicator_facts(audit.indicators.as_ref()),
            audits: audit_links(cs, audit, &place),
            newer: self.newer_changes(audit, &place.root),
            scale: &m.scale,
            charts: report_figures(scores),
            brief: brief::brief(scores, &place),
            peers: if current {
                peer_blocks(scores)
            } else {
                Vec::new()
            },
            progress: scores.progress.as_ref().map(|(prev, p)| {
                let prev_m = self.model.methodologies.get(&prev.methodology);
                progress_block(m, prev_m, audit, prev, p, &place)
            }),
            tender: current
                .then(|| format!("{}communes/{}/cahier-des-charges.html", place.root, c.slug)),
            outcomes: outcomes::outcome_rows(&scores.outcomes),
            economics: outcomes::economics_rows(m, &audit.economics, &place),
        };
        self.render(place.path, "report.html", &title, &page)
    }

    fn commune_facts<'a>(&self, c: &'a Commune, m: &Methodology) -> CommuneFacts<'a> {
        CommuneFacts {
            name: &c.name,
            ins: &c.ins,
            province: &c.province,
            intercommunale: self.intercommunale_name(&c.intercommunale),
            population: format::thousands(c.population),
            population_year: c.population_year,
            area: c.area_km2.map(format::decimal),
            density: c.area_km2.filter(|a| *a > 0.0).map(|a| {
                format::integer(format::rounded(Some(c.population as f64 / a)).unwrap_or(0))
            }),
            degurba: m
                .degurba
                .iter()
                .find(|d| d.id == c.degurba)
                .map(|d| d.name.clone()),
            band: m.band_for(c.population).map(|b| b.name.clone()),
            sources_note: c.sources_note.as_deref(),
            fictional: c.fictional,
        }
    }

    fn audit_facts<'a>(&self, audit: &'a Audit, place: &Place<'_>) -> AuditFacts<'a> {
        AuditFacts {
            id: &audit.id,
            date: format::date(&audit.date),
            draft: audit.status == AuditStatus::Draft,
            auditors: &audit.auditors,
            summary: Html::submitted_markdown(&audit.summary),
            version: &audit.methodology,
            handbook: format!("{}index.html", place.hb),
            newer_version: self.newer_version(&audit.methodology),
            light: audit.track == crate::model::Track::Light,
            light_track: self
                .model
                .methodologies
                .get(&audit.methodology)
                .is_some_and(|m| m.criteria.iter().any(|c| c.light)),
        }
    }
}

fn part_row<'a>(name: &'a str, href: String, p: &crate::score::Part) -> PartRow<'a> {
    PartRow {
        name,
        href,
        score: format::score(p.score),
        value: format::score_units(p.score).unwrap_or(0),
        band: format::band(p.score),
        coverage: format::percent(p.coverage),
        answers: None,
    }
}

fn answer_row<'a>(m: &Methodology, audit: &'a Audit, c: &'a Criterion, hb: &str) -> AnswerRow<'a> {
    let answer = audit.answers.get(&c.id);
    let score = answer.map(|a| a.score);
    AnswerRow {
        id: &c.id,
        question: &c.question,
        href: format!("{hb}criteres/{}.html", c.id),
        level: score
            .map(|s| score_label(m, s))
            .unwrap_or_else(|| t("report.unanswered").to_string()),
        level_key: match score {
            Some(Score::Level(l)) => format!("l{l}"),
            Some(Score::Na) => "na".into(),
            Some(Score::Inconnu | Score::ARepondre) => "inconnu".into(),
            None => "none".into(),
        },
        descriptor: match score {
            Some(Score::Level(l)) => c.levels.get(l as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        },
        evidence: answer.map(|a| a.evidence.as_str()).unwrap_or_default(),
    }
}

fn link_row<'a>(scores: &AuditScores<'a>, l: &Link, place: &Place<'_>) -> LinkRow<'a> {
    let (m, audit) = (scores.methodology, scores.audit);
    let s = &m.steps[l.step];
    let a = &m.angles[l.angle];
    LinkRow {
        label: brief::link_label(m, l),
        step: &s.name,
        angle: &a.name,
        score: format::score(Some(l.score)),
        criteria: m
            .criteria
            .iter()
            .filter(|x| x.step == s.id && x.angle == a.id)
            .map(|x| answer_row(m, audit, x, &place.hb))
            .collect(),
    }
}

fn inventory_rows<'a>(
    m: &Methodology,
    audit: &'a Audit,
    place: &Place<'_>,
) -> Vec<InventoryRow<'a>> {
    audit
        .inventory
        .iter()
        .map(|i| InventoryRow {
            name: &i.name,
            kind: m
                .source(&i.kind)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            href: format!("{}sources/{}.html", place.hb, i.kind),
            holder: &i.holder,
            access: t(&format!("access.{}", access_key(i.access))).to_string(),
            format: &i.format,
            refresh: &i.refresh,
            personal: personal_label(i.personal_data),
            legal_basis: &i.legal_basis,
            dpia: i.dpia,
            quality: i.quality,
            steps: i
                .steps
                .iter()
                .filter_map(|s| m.step(s))
                .map(|s| s.short.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            citation: &i.citation,
            flag: i.gdpr_flag,
        })
        .collect()
}

fn plan_rows<'a>(m: &Methodology, audit: &'a Audit, place: &Place<'_>) -> Vec<PlanRow<'a>> {
    audit
        .plan
        .iter()
        .map(|p| PlanRow {
            title: m
                .action(&p.action)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            href: format!("{}actions/{}.html", place.hb, p.action),
            owner: &p.owner,
            period: format!("{} → {}", p.start, p.end),
            budget_one_off: format::euros(p.budget_one_off),
            budget_yearly: format::euros(p.budget_yearly),
            staff_days: format::decimal(p.staff_days),
            status: t(&format!("plan.{}", plan_key(p.status))).to_string(),
            status_key: plan_key(p.status),
            kpi: &p.kpi,
        })
        .collect()
}

/// The plan's total of `amount`, dropped actions excepted.
fn planned_total(audit: &Audit, amount: impl Fn(&PlanItem) -> f64) -> f64 {
    audit
        .plan
        .iter()
        .filter(|p| p.status != PlanStatus::Dropped)
        .map(amount)
        .sum()
}

fn indicator_facts(indicators: Option<&Indicators>) -> IndicatorFacts<'_> {
    IndicatorFacts {
        shops: indicators.and_then(|i| i.shops).map(format::thousands),
        vacancy_rate: indicators
            .and_then(|i| i.vacancy_rate)
            .map(|v| format!("{}\u{a0}%", format::decimal(v))),
        parking_spaces: indicators
            .and_then(|i| i.parking_spaces)
            .map(format::thousands),
        collection_points: indicators
            .and_then(|i| i.collection_points)
            .map(format::thousands),
        footfall: indicators.and_then(|i| i.footfall).map(format::thousands),
        footfall_source: indicators.and_then(|i| i.footfall_source.as_deref()),
    }
}

fn audit_links<'a>(cs: &CommuneScores<'a>, audit: &Audit, place: &Place<'_>) -> Vec<AuditLink<'a>> {
    let slug = &cs.commune.slug;
    let last = cs.audits.len().saturating_sub(1);
    cs.audits
        .iter()
        .enumerate()
        .map(|(i, s)| AuditLink {
            id: &s.audit.id,
            date: format::date(&s.audit.date),
            href: if i == last {
                format!("{}communes/{slug}/index.html", place.root)
            } else {
                format!("{}communes/{slug}/{}/index.html", place.root, s.audit.id)
            },
            current: s.audit.id == audit.id,
            version: &s.audit.methodology,
        })
        .collect()
}

fn report_figures(scores: &AuditScores<'_>) -> figures::Figures {
    let median: Option<Vec<Option<f64>>> = scores.peers[0]
        .as_ref()
        .ok()
        .map(|p| p.steps.iter().map(|s| s.map(|x| x.0)).collect());
    let labels = scores
        .progress
        .as_ref()
        .map(|(prev, _)| (format::date(&prev.date), format::date(&scores.audit.date)));
    figures::report_figures(
        scores.methodology,
        scores.audit,
        &scores.card,
        median.as_deref(),
        scores
            .progress
            .as_ref()
            .zip(labels.as_ref())
            .map(|((_, p), (before, after))| {
                (&p.before, &p.after, before.as_str(), after.as_str())
            }),
    )
}
