//! Checks communes and their audits against the methodology version each audit names.

use std::collections::{BTreeMap, BTreeSet};

use super::Report;
use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::load::raw::*;
use crate::load::RawCommuneDir;
use crate::model::*;

/// The checked methodology versions an audit may name.
pub(super) struct Versions<'a> {
    /// Checked methodologies by label.
    pub methodologies: &'a BTreeMap<String, Methodology>,
    /// Labels, oldest first.
    pub order: &'a [String],
    /// The unreleased working tree's label, if any.
    pub draft: Option<&'a str>,
    /// The `git` command that completes an incomplete clone.
    pub fetch_hint: Option<&'a str>,
}

pub(super) fn check_commune(
    dir: RawCommuneDir,
    config: &crate::config::Config,
    versions: &Versions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Commune> {
    let raw = dir.commune?;
    let mut r = Report::new(&dir.path);
    let ins = &raw.ins;
    if ins.value.len() != 5 || !ins.value.bytes().all(|b| b.is_ascii_digit()) {
        r.error(ins, f("diag.bad-ins", &[&ins.value])).help = Some(t("help.ins").to_string());
    }
    let intercommunales: BTreeSet<String> = config.intercommunales.keys().cloned().collect();
    if !r.reference(
        &raw.intercommunale,
        &intercommunales,
        "diag.unknown-intercommunale",
    ) && suggest(
        &raw.intercommunale.value,
        intercommunales.iter().map(String::as_str),
    )
    .is_none()
    {
        if let Some(d) = r.diagnostics.last_mut() {
            d.help = Some(f(
                "help.declare-intercommunale",
                &[&raw.intercommunale.value],
            ));
        }
    }
    let newest = versions
        .order
        .last()
        .and_then(|v| versions.methodologies.get(v));
    if let Some(m) = newest {
        let degurba: BTreeSet<String> = m.degurba.iter().map(|d| d.id.clone()).collect();
        r.reference(&raw.degurba, &degurba, "diag.unknown-degurba");
    }
    diagnostics.extend(r.diagnostics);

    let mut audits = Vec::new();
    for (id, path, audit) in dir.audits {
        if let Some(a) = check_audit(&id, &path, audit, versions, diagnostics) {
            audits.push(a);
        }
    }
    Some(Commune {
        slug: dir.slug,
        name: raw.name,
        ins: raw.ins.value,
        province: raw.province,
        intercommunale: raw.intercommunale.value,
        population: raw.population,
        population_year: raw.population_year,
        area_km2: raw.area_km2,
        degurba: raw.degurba.value,
        sources_note: raw.sources_note,
        fictional: raw.fictional,
        audits,
    })
}

fn check_audit(
    id: &str,
    path: &str,
    raw: RawAudit,
    versions: &Versions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Audit> {
    let mut r = Report::new(path);
    if let Some(s) = &raw.summary {
        super::links::check_markdown(
            path,
            &s.value,
            super::links::Origin::of(s),
            &mut r.diagnostics,
        );
    }
    let Some(m) = versions.methodologies.get(&raw.methodology.value) else {
        let known = versions.order.join(", ");
        let mut help = f("help.known-versions", &[&known]);
        if let Some(fetch) = versions.fetch_hint {
            help = format!("{help} ; {}", f("help.version-maybe-missing", &[&fetch]));
        }
        r.error(
            &raw.methodology,
            f("diag.unknown-version", &[&raw.methodology.value]),
        )
        .help = Some(help);
        diagnostics.extend(r.diagnostics);
        return None;
    };
    let mut status = raw.status;
    if versions.draft == Some(raw.methodology.value.as_str()) && status == AuditStatus::Published {
        // Published against an unreleased methodology: its handbook pages do not exist yet.
        status = AuditStatus::Draft;
        r.warning(
            &raw.methodology,
            f("diag.audit-on-draft", &[&raw.methodology.value]),
        )
        .help = Some(t("help.audit-on-draft").to_string());
    }
    if !is_date(&raw.date.value) {
        r.error(&raw.date, f("diag.bad-date", &[&raw.date.value]))
            .help = Some(t("help.date").to_string());
    } else if !raw.date.value.starts_with(id) {
        r.warning(&raw.date, f("diag.date-mismatch", &[&raw.date.value, &id]));
    }
    let criteria: BTreeSet<String> = m.criteria.iter().map(|c| c.id.clone()).collect();
    let sources: BTreeSet<String> = m.sources.iter().map(|s| s.id.clone()).collect();
    let steps: BTreeSet<String> = m.steps.iter().map(|s| s.id.clone()).collect();
    let actions: BTreeSet<String> = m.actions.iter().map(|s| s.id.clone()).collect();

    let mut answers = BTreeMap::new();
    for a in raw.answers {
        if !r.reference(&a.criterion, &criteria, "diag.unknown-criterion") {
            continue;
        }
        if answers.contains_key(&a.criterion.value) {
            r.error(
                &a.criterion,
                f("diag.duplicate-answer", &[&a.criterion.value]),
            );
            continue;
        }
        let score = match &a.score.value {
            RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => {
                Score::Level(*n as u8)
            }
            RawScore::Word(w) if w == "na" => Score::Na,
            RawScore::Word(w) if w == "inconnu" => Score::Inconnu,
            RawScore::Number(n) => {
                r.error(&a.score, f("diag.score-range", &[&n])).help =
                    Some(t("help.score").to_string());
                continue;
            }
            RawScore::Word(w) => {
                let lower = w.trim().to_lowercase();
                let help = match suggest(&lower, ["na", "inconnu"]) {
                    Some(s) => f("help.did-you-mean", &[&s]),
                    None => t("help.score").to_string(),
                };
                r.error(&a.score, f("diag.score-word", &[&w])).help = Some(help);
                continue;
            }
        };
        for s in &a.sources {
            r.reference(s, &sources, "diag.unknown-source");
        }
        answers.insert(
            a.criterion.value,
            Answer {
                score,
                evidence: a.evidence,
                sources: a.sources.into_iter().map(|s| s.value).collect(),
            },
        );
    }
    let missing = m
        .criteria
        .iter()
        .filter(|c| !answers.contains_key(&c.id))
        .count();
    if missing > 0 {
        r.diagnostics.push(
            Diagnostic::warning(
                path,
                0,
                0,
                f("diag.missing-answers", &[&missing, &m.criteria.len()]),
            )
            .with_help(t("help.missing-answers")),
        );
    }

    let mut inventory = Vec::new();
    for item in raw.inventory {
        r.reference(&item.kind, &sources, "diag.unknown-source");
        if !(0..=4).contains(&item.quality.value) {
            r.error(&item.quality, f("diag.bad-quality", &[&item.quality.value]));
        }
        for s in &item.steps {
            r.reference(s, &steps, "diag.unknown-step");
        }
        let personal = item.personal_data.value != PersonalData::None;
        let gdpr_flag = personal && (item.legal_basis.trim().is_empty() || !item.dpia);
        inventory.push(InventoryItem {
            kind: item.kind.value,
            name: item.name,
            holder: item.holder,
            access: item.access,
            format: item.format,
            refresh: item.refresh,
            personal_data: item.personal_data.value,
            legal_basis: item.legal_basis,
            dpia: item.dpia,
            quality: item.quality.value.clamp(0, 4) as u8,
            steps: item.steps.into_iter().map(|s| s.value).collect(),
            citation: item.citation,
            gdpr_flag,
        });
    }

    let mut plan = Vec::new();
    for p in raw.plan {
        r.reference(&p.action, &actions, "diag.unknown-action");
        for c in &p.criteria {
            r.reference(c, &criteria, "diag.unknown-criterion");
        }
        let start = parse_quarter(&p.start.value);
        let end = parse_quarter(&p.end.value);
        for (q, raw_q) in [(start, &p.start), (end, &p.end)] {
            if q.is_none() {
                r.error(raw_q, f("diag.bad-quarter", &[&raw_q.value])).help =
                    Some(t("help.quarter").to_string());
            }
        }
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        if end < start {
            r.error(
                &p.end,
                f("diag.quarter-order", &[&p.start.value, &p.end.value]),
            );
        }
        for (v, what) in [
            (p.staff_days, "staff_days"),
            (p.budget_one_off, "budget_one_off"),
            (p.budget_yearly, "budget_yearly"),
        ] {
            if v < 0.0 || !v.is_finite() {
                r.error(&p.action, f("diag.negative", &[&what, &v]));
            }
        }
        plan.push(PlanItem {
            action: p.action.value,
            criteria: p.criteria.into_iter().map(|c| c.value).collect(),
            owner: p.owner,
            staff_days: p.staff_days,
            budget_one_off: p.budget_one_off,
            budget_yearly: p.budget_yearly,
            start,
            end,
            status: p.status,
            kpi: p.kpi,
        });
    }
    diagnostics.extend(r.diagnostics);
    Some(Audit {
        id: id.to_string(),
        path: path.to_string(),
        methodology: raw.methodology.value,
        date: raw.date.value,
        status,
        auditors: raw.auditors,
        summary: raw.summary.map(|s| s.value).unwrap_or_default(),
        answers,
        inventory,
        plan,
        indicators: raw.indicators,
    })
}

/// Tells whether `s` is a real `YYYY-MM-DD` date.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Parses `YYYY-Qn`.
pub fn parse_quarter(s: &str) -> Option<Quarter> {
    let (y, q) = s.split_once("-Q")?;
    let year: i32 = y.parse().ok().filter(|_| y.len() == 4)?;
    let quarter: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    Some(Quarter { year, quarter })
}
