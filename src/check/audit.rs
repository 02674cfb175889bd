//! Checks one audit against the methodology version it names: answers, inventory and plan.

use std::collections::{BTreeMap, BTreeSet};

use super::communes::Versions;
use super::ranges::{check_audit_texts, check_audit_years, check_inventory_texts, check_plan_item};
use super::Report;
use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::load::raw::*;
use crate::model::*;

/// The ids of one methodology version that an audit may name.
struct Known {
    criteria: BTreeSet<String>,
    sources: BTreeSet<String>,
    steps: BTreeSet<String>,
    actions: BTreeSet<String>,
}

impl Known {
    fn of(m: &Methodology) -> Known {
        Known {
            criteria: m.criteria.iter().map(|c| c.id.clone()).collect(),
            sources: m.sources.iter().map(|s| s.id.clone()).collect(),
            steps: m.steps.iter().map(|s| s.id.clone()).collect(),
            actions: m.actions.iter().map(|s| s.id.clone()).collect(),
        }
    }
}

/// Checks one audit; `None` when its methodology is unknown or failed.
pub(super) fn check_audit(
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
    let Some((m, status)) = check_header(id, path, &raw, versions, &mut r) else {
        diagnostics.extend(r.diagnostics);
        return None;
    };
    let known = Known::of(m);
    let track = check_track(&raw, m, &mut r);
    let answers = check_answers(raw.answers, m, &known, (track, status), &mut r);
    let mut inventory = Vec::new();
    for item in raw.inventory {
        inventory.push(inventory_item(item, &known, &mut r));
    }
    let mut plan = Vec::new();
    for p in raw.plan {
        plan.extend(plan_item(p, &known, &mut r));
    }
    let outcomes = super::outcomes::records(raw.outcomes, m, &mut r);
    let economics = super::outcomes::economics(raw.economics, &known.steps, &mut r);
    let envelope = raw
        .envelope
        .as_ref()
        .map(|e| super::plan::envelope(e, &mut r));
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
        track,
        outcomes,
        economics,
        envelope,
    })
}

/// Reads the audit's track: a light audit needs a methodology with a light track (an error
/// otherwise, and the audit is then read as full).
fn check_track(raw: &RawAudit, m: &Methodology, r: &mut Report<'_>) -> Track {
    let Some(track) = &raw.track else {
        return Track::Full;
    };
    if track.value == Track::Light && !m.criteria.iter().any(|c| c.light) {
        r.error(track, f("diag.light-without-light-track", &[&m.version]))
            .help = Some(t("help.light-without-light-track").to_string());
        return Track::Full;
    }
    track.value
}

/// Checks the summary, the methodology version, the status and the date; returns the
/// methodology and the status to publish with, or `None` when the version is unknown.
fn check_header<'m>(
    id: &str,
    path: &str,
    raw: &RawAudit,
    versions: &Versions<'m>,
    r: &mut Report<'_>,
) -> Option<(&'m Methodology, AuditStatus)> {
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
    check_audit_years(id, path, &raw.date, r);
    check_audit_texts(raw, r);
    Some((m, status))
}

/// Checks the answers (known criteria, one each, a valid score) and counts missing ones;
/// `a-repondre` answers are listed (a draft) or refused (a published audit).
fn check_answers(
    raw: Vec<RawAnswer>,
    m: &Methodology,
    known: &Known,
    (track, status): (Track, AuditStatus),
    r: &mut Report<'_>,
) -> BTreeMap<String, Answer> {
    let criteria = &known.criteria;
    let mut answers = BTreeMap::new();
    let mut to_answer: Vec<(String, Sp<RawScore>)> = Vec::new();
    // Criteria answered in the file, even wrongly (a bad score, a misspelt id close to a real
    // one): an answer already reported as an error is not also counted as missing.
    let written: BTreeSet<String> = raw
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
    for a in raw {
        if !r.reference(&a.criterion, criteria, "diag.unknown-criterion") {
            continue;
        }
        if answers.contains_key(&a.criterion.value) {
            r.error(
                &a.criterion,
                f("diag.duplicate-answer", &[&a.criterion.value]),
            );
            continue;
        }
        let Some(score) = score(&a.score, r) else {
            continue;
        };
        if score == Score::ARepondre {
            to_answer.push((a.criterion.value.clone(), a.score.clone()));
        }
        for s in &a.sources {
            r.reference(s, &known.sources, "diag.unknown-source");
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
    // A light audit must answer the light criteria; the others it may leave out.
    let required: Vec<&Criterion> = m
        .criteria
        .iter()
        .filter(|c| track == Track::Full || c.light)
        .collect();
    let missing = required
        .iter()
        .filter(|c| !answers.contains_key(&c.id) && !written.contains(&c.id))
        .count();
    if missing > 0 {
        let (key, help) = match track {
            Track::Full => ("diag.missing-answers", "help.missing-answers"),
            Track::Light => ("diag.missing-light-answers", "help.missing-light-answers"),
        };
        r.diagnostics.push(
            Diagnostic::warning(r.path, 0, 0, f(key, &[&missing, &required.len()]))
                .with_help(t(help)),
        );
    }
    report_to_answer(&to_answer, status, r);
    answers
}

/// Most criteria a draft's warning names one by one; the others are counted.
const TO_ANSWER_LISTED: usize = 12;

/// Reports the `a-repondre` answers: one warning for a draft, at the first of them, naming
/// them with their lines; one error each, with the fix, for a published audit.
fn report_to_answer(to_answer: &[(String, Sp<RawScore>)], status: AuditStatus, r: &mut Report<'_>) {
    let Some((_, first)) = to_answer.first() else {
        return;
    };
    if status == AuditStatus::Published {
        for (id, at) in to_answer {
            r.error(at, f("diag.a-repondre-published", &[id])).help =
                Some(t("help.a-repondre-published").to_string());
        }
        return;
    }
    let mut listed: Vec<String> = to_answer
        .iter()
        .take(TO_ANSWER_LISTED)
        .map(|(id, at)| f("diag.a-repondre-item", &[id, &super::at(at).0]))
        .collect();
    if to_answer.len() > TO_ANSWER_LISTED {
        listed.push(f(
            "diag.a-repondre-more",
            &[&(to_answer.len() - TO_ANSWER_LISTED)],
        ));
    }
    r.warning(
        first,
        f(
            "diag.a-repondre-draft",
            &[&to_answer.len(), &listed.join(", ")],
        ),
    )
    .help = Some(t("help.a-repondre-draft").to_string());
}

/// The score of a criterion not answered yet.
pub const A_REPONDRE: &str = "a-repondre";

/// Reads a score as written: a one-digit level 0 to 4, `na`, `inconnu` or `a-repondre`; `None`
/// (reported) otherwise.
fn score(raw: &Sp<RawScore>, r: &mut Report<'_>) -> Option<Score> {
    // A level is one digit as written: `2.0`, `0x2`, `+2` or `02` read as 2 but are not.
    let one_digit = raw.referenced.span().len() == 1;
    let (message, help) = match &raw.value {
        RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) && one_digit => {
            return Some(Score::Level(*n as u8));
        }
        RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => (
            f("diag.score-spelling", &[&n]),
            t("help.score-spelling").to_string(),
        ),
        RawScore::Word(w) if w == "na" => return Some(Score::Na),
        RawScore::Word(w) if w == "inconnu" => return Some(Score::Inconnu),
        RawScore::Word(w) if w == A_REPONDRE => return Some(Score::ARepondre),
        RawScore::Number(n) => (f("diag.score-range", &[&n]), t("help.score").to_string()),
        RawScore::Word(w) if w.trim().is_empty() => (
            t("diag.score-empty").to_string(),
            t("help.score").to_string(),
        ),
        RawScore::Word(w) if w.trim().parse::<f64>().is_ok() => (
            f("diag.score-quoted", &[&w]),
            f("help.score-quoted", &[&w.trim()]),
        ),
        RawScore::Word(w) => {
            let lower = w.trim().to_lowercase();
            let help = match suggest(&lower, ["na", "inconnu", A_REPONDRE]) {
                Some(s) => f("help.did-you-mean", &[&s]),
                None => t("help.score").to_string(),
            };
            (f("diag.score-word", &[&w]), help)
        }
    };
    r.error(raw, message).help = Some(help);
    None
}

/// One entry of the data inventory: a known source type, a quality 0 to 4, known steps.
fn inventory_item(item: RawInventoryItem, known: &Known, r: &mut Report<'_>) -> InventoryItem {
    r.reference(&item.kind, &known.sources, "diag.unknown-source");
    check_inventory_texts(&item, r);
    if !(0..=4).contains(&item.quality.value) {
        r.error(&item.quality, f("diag.bad-quality", &[&item.quality.value]));
    }
    for s in &item.steps {
        r.reference(s, &known.steps, "diag.unknown-step");
    }
    let gdpr_flag = needs_regularising(&item);
    InventoryItem {
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
    }
}

/// Tells whether a source is "à régulariser": it holds personal data and something is actually
/// missing: no legal basis, not in the register, or a required DPIA not made. The absence of a DPIA
/// alone does not flag a source whose DPIA is declared not required (`dpia_required: false`).
fn needs_regularising(item: &RawInventoryItem) -> bool {
    let personal = item.personal_data.value != PersonalData::None;
    let dpia_missing = item.dpia_required.unwrap_or(true) && !item.dpia;
    personal
        && (item.legal_basis.trim().is_empty() || item.in_register == Some(false) || dpia_missing)
}

/// One action of the plan: a known action and criteria, real quarters in order; `None` when a
/// quarter does not parse.
fn plan_item(p: RawPlanItem, known: &Known, r: &mut Report<'_>) -> Option<PlanItem> {
    r.reference(&p.action, &known.actions, "diag.unknown-action");
    for c in &p.criteria {
        r.reference(c, &known.criteria, "diag.unknown-criterion");
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
        return None;
    };
    if end < start {
        r.error(
            &p.end,
            f("diag.quarter-order", &[&p.start.value, &p.end.value]),
        );
    }
    check_plan_item(&p, (start, end), r);
    let amount = |v: &Option<Sp<f64>>| v.as_ref().map_or(0.0, |v| v.value);
    Some(PlanItem {
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
