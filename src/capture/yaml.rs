//! The canonical audit writer: methodology + audit → the one text of that audit
//! (docs/FORMAT.md, « Forme canonique »). Pure: same input, same bytes.
//!
//! What is written plain is only what reads back as the same string: an id is plain when it
//! is a lowercase word of `[a-z0-9._-]` (and not a YAML keyword), a date or a quarter when it
//! has their exact form; anything else is double-quoted. So any [`AuditFile`], even one holding
//! a hostile string, becomes valid YAML that reads back to it.

use std::fmt::Write as _;

use super::{AuditFile, EconomicsFile, IndicatorsFile, InventoryFile, PlanFile};
use crate::model::{Access, AuditStatus, Methodology, PersonalData, PlanStatus, Track};
use crate::scaffold::yaml_string;

/// What the writer adds beyond the audit itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct WriteOptions {
    /// Each answer preceded by its criterion's question as a comment line.
    pub questions: bool,
}

/// The canonical text of `audit`, whose answers are put in the order of `m`'s criteria
/// (answers to criteria `m` does not have come last, in their order).
pub fn write_audit(m: &Methodology, audit: &AuditFile, options: WriteOptions) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&super::schema_line(&audit.methodology));
    out.push('\n');
    for line in &audit.comments {
        out.push_str(&comment(line));
        out.push('\n');
    }
    let _ = writeln!(out, "methodology: {}", yaml_string(&audit.methodology));
    let _ = writeln!(out, "date: {}", date(&audit.date));
    let _ = writeln!(out, "status: {}", status(audit.status));
    if let Some(t) = audit.track {
        let _ = writeln!(out, "track: {}", track(t));
    }
    list(&mut out, "", "auditors", &audit.auditors, |s| {
        yaml_string(s)
    });
    if let Some(summary) = audit.summary.as_deref().filter(|s| !s.is_empty()) {
        out.push_str("summary:");
        out.push_str(&block_or_quoted(summary, "  "));
        out.push('\n');
    }
    answers(&mut out, m, audit, options);
    items(&mut out, "inventory", &audit.inventory, inventory_item);
    items(&mut out, "plan", &audit.plan, plan_item);
    if let Some(i) = audit.indicators.as_ref().filter(|i| !i.is_empty()) {
        indicators(&mut out, i);
    }
    if !audit.outcomes.is_empty() {
        items(&mut out, "outcomes", &audit.outcomes, |out, o| {
            let _ = writeln!(out, "  - indicator: {}", id(&o.indicator));
            let _ = writeln!(out, "    value: {}", number(o.value));
            let _ = writeln!(out, "    date: {}", date(&o.date));
            let _ = writeln!(out, "    method: {}", yaml_string(&o.method));
        });
    }
    if !audit.economics.is_empty() {
        items(&mut out, "economics", &audit.economics, economics_item);
    }
    if let Some(e) = &audit.envelope {
        let _ = writeln!(out, "envelope:");
        let _ = writeln!(out, "  one_off: {}", number(e.one_off));
        let _ = writeln!(out, "  yearly: {}", number(e.yearly));
        let _ = writeln!(out, "  staff_days: {}", number(e.staff_days));
    }
    out
}

fn answers(out: &mut String, m: &Methodology, audit: &AuditFile, options: WriteOptions) {
    let position = |id: &str| m.criteria.iter().position(|c| c.id == id);
    let mut sorted: Vec<_> = audit.answers.iter().enumerate().collect();
    sorted.sort_by_key(|(i, a)| (position(&a.criterion).unwrap_or(usize::MAX), *i));
    if sorted.is_empty() {
        out.push_str("answers: []\n");
        return;
    }
    out.push_str("answers:\n");
    for (_, a) in sorted {
        if options.questions {
            if let Some(c) = position(&a.criterion).and_then(|i| m.criteria.get(i)) {
                let _ = writeln!(out, "  {}", comment(&c.question));
            }
        }
        let _ = writeln!(out, "  - criterion: {}", id(&a.criterion));
        let _ = writeln!(out, "    score: {}", a.score.as_str());
        if !a.evidence.is_empty() {
            let _ = writeln!(out, "    evidence: {}", yaml_string(&a.evidence));
        }
        if !a.sources.is_empty() {
            list(out, "    ", "sources", &a.sources, |s| id(s));
        }
    }
}

fn inventory_item(out: &mut String, i: &InventoryFile) {
    let _ = writeln!(out, "  - type: {}", id(&i.kind));
    let _ = writeln!(out, "    name: {}", yaml_string(&i.name));
    let _ = writeln!(out, "    holder: {}", yaml_string(&i.holder));
    let _ = writeln!(out, "    access: {}", access(i.access));
    let _ = writeln!(out, "    format: {}", yaml_string(&i.format));
    let _ = writeln!(out, "    refresh: {}", yaml_string(&i.refresh));
    let _ = writeln!(out, "    personal_data: {}", personal(i.personal_data));
    let _ = writeln!(out, "    legal_basis: {}", yaml_string(&i.legal_basis));
    let _ = writeln!(out, "    dpia: {}", i.dpia);
    if let Some(b) = i.dpia_required {
        let _ = writeln!(out, "    dpia_required: {b}");
    }
    if let Some(b) = i.in_register {
        let _ = writeln!(out, "    in_register: {b}");
    }
    let _ = writeln!(out, "    quality: {}", i.quality);
    if !i.steps.is_empty() {
        list(out, "    ", "steps", &i.steps, |s| id(s));
    }
    if !i.citation.is_empty() {
        let _ = writeln!(out, "    citation: {}", yaml_string(&i.citation));
    }
}

fn plan_item(out: &mut String, p: &PlanFile) {
    let _ = writeln!(out, "  - action: {}", id(&p.action));
    if !p.criteria.is_empty() {
        list(out, "    ", "criteria", &p.criteria, |s| id(s));
    }
    let _ = writeln!(out, "    owner: {}", yaml_string(&p.owner));
    for (key, value) in [
        ("staff_days", p.staff_days),
        ("budget_one_off", p.budget_one_off),
        ("budget_yearly", p.budget_yearly),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "    {key}: {}", number(v));
        }
    }
    let _ = writeln!(out, "    start: {}", quarter(&p.start));
    let _ = writeln!(out, "    end: {}", quarter(&p.end));
    let _ = writeln!(out, "    status: {}", plan_status(p.status));
    if let Some(kpi) = &p.kpi {
        let _ = writeln!(out, "    kpi: {}", yaml_string(kpi));
    }
}

fn indicators(out: &mut String, i: &IndicatorsFile) {
    out.push_str("indicators:\n");
    let whole = [
        ("shops", i.shops.map(|v| v.to_string())),
        ("vacancy_rate", i.vacancy_rate.map(number)),
        ("parking_spaces", i.parking_spaces.map(|v| v.to_string())),
        (
            "collection_points",
            i.collection_points.map(|v| v.to_string()),
        ),
        ("footfall", i.footfall.map(|v| v.to_string())),
        (
            "footfall_source",
            i.footfall_source.as_deref().map(yaml_string),
        ),
    ];
    for (key, value) in whole {
        if let Some(v) = value {
            let _ = writeln!(out, "  {key}: {v}");
        }
    }
}

fn economics_item(out: &mut String, e: &EconomicsFile) {
    let _ = writeln!(out, "  - step: {}", id(&e.step));
    for (key, range) in [
        ("cost_yearly", e.cost_yearly),
        ("return_yearly", e.return_yearly),
    ] {
        if let Some([a, b]) = range {
            let _ = writeln!(out, "    {key}: [{}, {}]", number(a), number(b));
        }
    }
    if let Some(a) = &e.assumptions {
        let _ = writeln!(out, "    assumptions: {}", yaml_string(a));
    }
}

/// `key:` and its items, or `key: []`.
fn list<T>(out: &mut String, indent: &str, key: &str, values: &[T], show: impl Fn(&T) -> String) {
    if values.is_empty() {
        let _ = writeln!(out, "{indent}{key}: []");
        return;
    }
    let _ = writeln!(out, "{indent}{key}:");
    for v in values {
        let _ = writeln!(out, "{indent}  - {}", show(v));
    }
}

/// A top-level sequence of mappings, or `key: []`.
fn items<T>(out: &mut String, key: &str, values: &[T], item: impl Fn(&mut String, &T)) {
    if values.is_empty() {
        let _ = writeln!(out, "{key}: []");
        return;
    }
    let _ = writeln!(out, "{key}:");
    for v in values {
        item(out, v);
    }
}

/// A comment line: `#` first (added with a space when missing), one line, no control
/// character (a YAML comment ends at any line break), no trailing space.
pub fn comment(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if is_unsafe_in_comment(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim_end();
    if clean.starts_with('#') {
        clean.to_string()
    } else if clean.is_empty() {
        "#".to_string()
    } else {
        format!("# {clean}")
    }
}

fn is_unsafe_in_comment(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A multi-line text as a literal block (` |` or ` |-`, lines at `indent`) when it reads back
/// the same, else as a double-quoted string; both start with the space after the colon.
fn block_or_quoted(text: &str, indent: &str) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let literal = text.contains('\n')
        && !body.trim().is_empty()
        && !body.ends_with('\n')
        && !body.starts_with('\n')
        && !body.starts_with(' ')
        && body
            .chars()
            .all(|c| c == '\n' || !(is_unsafe_in_comment(c) || c == '\u{85}' || c == '\t'))
        && body.lines().all(|l| l.trim_end() == l);
    if !literal {
        return format!(" {}", yaml_string(text));
    }
    let mut out = String::from(if text.ends_with('\n') { " |" } else { " |-" });
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
    out
}

/// An id plain when that reads back as the same string, else double-quoted.
pub fn id(s: &str) -> String {
    const KEYWORDS: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    let plain = s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
        && !KEYWORDS.contains(&s);
    if plain {
        s.to_string()
    } else {
        yaml_string(s)
    }
}

/// A date plain when it has the `YYYY-MM-DD` form, else double-quoted.
fn date(s: &str) -> String {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        s.to_string()
    } else {
        yaml_string(s)
    }
}

/// A quarter plain when it has the `YYYY-Qn` form, else double-quoted.
fn quarter(s: &str) -> String {
    let b = s.as_bytes();
    let ok = b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && &b[4..6] == b"-Q"
        && (b'1'..=b'4').contains(&b[6]);
    if ok {
        s.to_string()
    } else {
        yaml_string(s)
    }
}

/// A number as YAML reads it back to the same `f64`: the shortest decimal that does
/// (`12000`, `11.5`), `.nan`, `.inf`, `-.inf`.
pub fn number(v: f64) -> String {
    if v.is_nan() {
        ".nan".to_string()
    } else if v.is_infinite() {
        if v > 0.0 { ".inf" } else { "-.inf" }.to_string()
    } else if v == 0.0 {
        // `-0` would read back as the integer 0.
        if v.is_sign_negative() { "-0.0" } else { "0" }.to_string()
    } else {
        let s = format!("{v}");
        // Rust never writes an exponent; YAML reads digits without a point as an integer,
        // which serde turns back into the same f64 when it is exact (below 2^53).
        if s.contains('.') || v.abs() < 9_007_199_254_740_992.0 {
            s
        } else {
            format!("{s}.0")
        }
    }
}

fn status(s: AuditStatus) -> &'static str {
    match s {
        AuditStatus::Draft => "draft",
        AuditStatus::Published => "published",
    }
}

fn track(t: Track) -> &'static str {
    match t {
        Track::Full => "full",
        Track::Light => "light",
    }
}

/// The word of an access kind in a file.
pub fn access(a: Access) -> &'static str {
    match a {
        Access::Open => "open",
        Access::Internal => "internal",
        Access::Partner => "partner",
        Access::Purchasable => "purchasable",
        Access::None => "none",
    }
}

/// The word of a personal-data kind in a file.
pub fn personal(p: PersonalData) -> &'static str {
    match p {
        PersonalData::None => "none",
        PersonalData::Pseudonymised => "pseudonymised",
        PersonalData::Personal => "personal",
    }
}

/// The word of a plan status in a file.
pub fn plan_status(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Planned => "planned",
        PlanStatus::InProgress => "in-progress",
        PlanStatus::Done => "done",
        PlanStatus::Dropped => "dropped",
    }
}

/// The words of the status and track.
pub fn status_word(s: AuditStatus) -> &'static str {
    status(s)
}

/// The word of a track in a file.
pub fn track_word(t: Track) -> &'static str {
    track(t)
}
