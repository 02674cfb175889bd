//! Checks communes and their audits against the methodology version each audit names.

use std::collections::{BTreeMap, BTreeSet};

use super::ranges::{
    check_audit_texts, check_audit_years, check_identity, check_inventory_texts, check_plan_item,
};
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
    /// Declared versions that could not be read (already reported where they are declared).
    pub unreadable: &'a BTreeSet<String>,
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
    check_identity(&raw, &mut r);
    diagnostics.extend(r.diagnostics);

    let mut audits = Vec::new();
    for (id, path, audit) in dir.audits {
        if let Some(a) = check_audit(&id, &path, audit, versions, diagnostics) {
            audits.push(a);
        }
    }
    Some(Commune {
        slug: dir.slug,
        name: raw.name.value,
        ins: raw.ins.value,
        province: raw.province.value,
        intercommunale: raw.intercommunale.value,
        population: raw.population.value,
        population_year: raw.population_year.map(|y| y.value),
        area_km2: raw.area_km2.map(|a| a.value),
        degurba: raw.degurba.value,
        sources_note: raw.sources_note.map(|n| n.value),
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
    if versions.order.is_empty() || versions.unreadable.contains(&raw.methodology.value) {
        // The methodology itself failed: its error is the one to fix, not every audit on it.
        return None;
    }
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
    check_audit_years(id, path, &raw.date, &mut r);
    check_audit_texts(&raw, &mut r);
    let criteria: BTreeSet<String> = m.criteria.iter().map(|c| c.id.clone()).collect();
    let sources: BTreeSet<String> = m.sources.iter().map(|s| s.id.clone()).collect();
    let steps: BTreeSet<String> = m.steps.iter().map(|s| s.id.clone()).collect();
    let actions: BTreeSet<String> = m.actions.iter().map(|s| s.id.clone()).collect();

    let mut answers = BTreeMap::new();
    // Criteria answered in the file, even wrongly (a bad score, a misspelt id close to a real
    // one): an answer already reported as an error is not also counted as missing.
    let written: BTreeSet<String> = raw
        .answers
        .iter()
        .map(|a| {
            let id = a.criterion.value.as_str();
            if criteria.contains(id) {
                return id.to_string();
            }
            suggest(id, criteria.iter().map(String::as_str))
                .unwrap_or(id)
                .to_string()
        })
        .collect();
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
        // A level is one digit as written: `2.0`, `0x2`, `+2` or `02` read as 2 but are not.
        let one_digit = a.score.referenced.span().len() == 1;
        let score = match &a.score.value {
            RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) && one_digit => {
                Score::Level(*n as u8)
            }
            RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => {
                r.error(&a.score, f("diag.score-spelling", &[&n])).help =
                    Some(t("help.score-spelling").to_string());
                continue;
            }
            RawScore::Word(w) if w == "na" => Score::Na,
            RawScore::Word(w) if w == "inconnu" => Score::Inconnu,
            RawScore::Number(n) => {
                r.error(&a.score, f("diag.score-range", &[&n])).help =
                    Some(t("help.score").to_string());
                continue;
            }
            RawScore::Word(w) if w.trim().is_empty() => {
                r.error(&a.score, t("diag.score-empty").to_string()).help =
                    Some(t("help.score").to_string());
                continue;
            }
            RawScore::Word(w) if w.trim().parse::<f64>().is_ok() => {
                r.error(&a.score, f("diag.score-quoted", &[&w])).help =
                    Some(f("help.score-quoted", &[&w.trim()]));
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
                evidence: a.evidence.map(|e| e.value).unwrap_or_default(),
                sources: a.sources.into_iter().map(|s| s.value).collect(),
            },
        );
    }
    let missing = m
        .criteria
        .iter()
        .filter(|c| !answers.contains_key(&c.id) && !written.contains(&c.id))
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
        check_inventory_texts(&item, &mut r);
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
            name: item.name.value,
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
        check_plan_item(&p, (start, end), &mut r);
        let amount = |v: &Option<Sp<f64>>| v.as_ref().map_or(0.0, |v| v.value);
        plan.push(PlanItem {
            action: p.action.value,
            criteria: p.criteria.into_iter().map(|c| c.value).collect(),
            owner: p.owner.value,
            staff_days: amount(&p.staff_days),
            budget_one_off: amount(&p.budget_one_off),
            budget_yearly: amount(&p.budget_yearly),
            start,
            end,
            status: p.status,
            kpi: p.kpi.map(|k| k.value).unwrap_or_default(),
        });
    }
    diagnostics.extend(r.diagnostics);
    Some(Audit {
        id: id.to_string(),
        path: path.to_string(),
        methodology: raw.methodology.value,
        date: raw.date.value,
        status,
        auditors: raw.auditors.into_iter().map(|a| a.value).collect(),
        summary: raw.summary.map(|s| s.value).unwrap_or_default(),
        answers,
        inventory,
        plan,
        indicators: raw.indicators.map(indicators),
    })
}

/// The indicators as checked (their ranges are reported by `ranges::check_audit_texts`).
fn indicators(raw: RawIndicators) -> Indicators {
    let v = |n: Option<Sp<u64>>| n.map(|n| n.value);
    Indicators {
        shops: v(raw.shops),
        vacancy_rate: raw.vacancy_rate.map(|r| r.value),
        parking_spaces: v(raw.parking_spaces),
        collection_points: v(raw.collection_points),
        footfall: v(raw.footfall),
        footfall_source: raw.footfall_source.map(|s| s.value),
    }
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
