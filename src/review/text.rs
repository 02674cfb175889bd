//! A review printed for the terminal or as Markdown for a pull-request comment.

use super::{AuditImpact, Review};
use crate::changelog::{summary, to_text_with_notes, Changelog, Entry, Kind};
use crate::i18n::{f, t};
use crate::model::Note;

/// The review for the terminal: the changelog as `parcours diff` always printed it, then the
/// impact on the published audits.
pub fn to_text(r: &Review) -> String {
    let mut out = String::new();
    for (c, notes) in &r.changelogs {
        out.push_str(&to_text_with_notes(c, notes));
        out.push('\n');
    }
    out.push_str(&f("review.impact-title", &[&r.to]));
    out.push('\n');
    out.push_str(&format!("  {}\n", t("review.pinned")));
    if r.impact.is_empty() {
        out.push_str(&format!("  {}\n", t("review.no-audit")));
    }
    for a in &r.impact {
        out.push_str(&format!("  {}\n", headline(a)));
        for (label, ids) in lists(a) {
            out.push_str(&format!("      {label} : {ids}\n"));
        }
    }
    if !r.skipped.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            f("review.skipped", &[&r.to, &r.skipped.join(", ")])
        ));
    }
    out
}

/// The review as a Markdown pull-request comment: the changelog as lists, the impact as a
/// table.
pub fn to_markdown(r: &Review) -> String {
    let mut out = format!("# {}\n\n", md(&f("review.md-title", &[&r.from, &r.to])));
    for (c, notes) in &r.changelogs {
        changelog_markdown(c, notes, &mut out);
    }
    out.push_str(&format!(
        "## {}\n\n",
        md(&f("review.impact-title", &[&r.to]))
    ));
    out.push_str(&format!("> {}\n\n", md(t("review.pinned"))));
    if r.impact.is_empty() {
        out.push_str(&format!("{}\n\n", md(t("review.no-audit"))));
    } else {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            t("review.col-audit"),
            t("review.col-version"),
            t("review.col-index"),
            t("review.col-steps"),
            t("review.col-criteria"),
        ));
        for a in &r.impact {
            let steps: Vec<String> = a
                .steps
                .iter()
                .map(|s| format!("{} {}", s.name, arrow(s.before, s.after)))
                .collect();
            let criteria: Vec<String> = lists(a)
                .into_iter()
                .map(|(label, ids)| format!("{label} : {ids}"))
                .collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                cell(&format!("{} {}", a.commune, a.audit)),
                cell(&a.version),
                cell(&arrow(a.before, a.after)),
                cell(&or_dash(steps.join(" ; "))),
                cell(&or_dash(criteria.join(" ; "))),
            ));
        }
        out.push('\n');
    }
    if !r.skipped.is_empty() {
        out.push_str(&format!(
            "{}\n",
            md(&f("review.skipped", &[&r.to, &r.skipped.join(", ")]))
        ));
    }
    out
}

/// `Namur 2025-06 (audit selon 1.1) : indice 54 → 51 ; Stationner 58 → 55`.
fn headline(a: &AuditImpact) -> String {
    let mut line = f(
        "review.headline",
        &[&a.commune, &a.audit, &a.version, &arrow(a.before, a.after)],
    );
    for s in &a.steps {
        line.push_str(&format!(" ; {} {}", s.name, arrow(s.before, s.after)));
    }
    line
}

/// How many ids a list shows before « et N autres ».
const SHOWN: usize = 6;

/// The lists of criteria an audit would have to look at again, each with its label.
fn lists(a: &AuditImpact) -> Vec<(String, String)> {
    let ids = |v: &[String]| {
        let mut shown: Vec<String> = v.iter().take(SHOWN).map(|id| format!("`{id}`")).collect();
        if v.len() > SHOWN {
            shown.push(f("review.more", &[&(v.len() - SHOWN)]));
        }
        shown.join(", ")
    };
    let mut out = Vec::new();
    if !a.reworded.is_empty() {
        out.push((t("review.reworded").to_string(), ids(&a.reworded)));
    }
    if !a.split.is_empty() {
        let split: Vec<String> = a
            .split
            .iter()
            .map(|(old, new)| format!("`{old}` → {}", ids(new)))
            .collect();
        out.push((t("review.split").to_string(), split.join(", ")));
    }
    if !a.removed.is_empty() {
        out.push((t("review.removed").to_string(), ids(&a.removed)));
    }
    if !a.moved.is_empty() {
        out.push((t("review.moved").to_string(), ids(&a.moved)));
    }
    if !a.new_questions.is_empty() {
        out.push((
            f("review.new-questions", &[&a.new_questions.len()]),
            ids(&a.new_questions),
        ));
    }
    out
}

/// `54 → 51`, `54` when it does not move, `—` for no score.
fn arrow(before: Option<f64>, after: Option<f64>) -> String {
    let show = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
    let (b, a) = (show(before), show(after));
    if b == a {
        f("review.unchanged", &[&b])
    } else {
        format!("{b} → {a}")
    }
}

fn or_dash(s: String) -> String {
    if s.is_empty() {
        "—".into()
    } else {
        s
    }
}

/// One changelog as Markdown lists under a heading per kind.
fn changelog_markdown(c: &Changelog, notes: &[Note], out: &mut String) {
    out.push_str(&format!(
        "## {}\n\n",
        md(&f("changelog.title-text", &[&c.from, &c.to]))
    ));
    for n in notes.iter().filter(|n| n.about.is_empty()) {
        out.push_str(&format!(
            "> *{}* {}\n\n",
            t("changelog.note"),
            md(&crate::changelog::plain(&n.text))
        ));
    }
    if c.is_empty() {
        out.push_str(&format!("{}\n\n", md(t("changelog.none"))));
        return;
    }
    for kind in Kind::ALL {
        let entries: Vec<&Entry> = c.of_kind(kind).collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("### {}\n\n", t(kind.heading_key())));
        for e in entries {
            out.push_str(&format!("- **{}** — {}\n", md(&summary(e)), md(&e.name)));
            for d in &e.details {
                out.push_str(&format!("  - {}\n", md(&d.text())));
            }
            for n in notes.iter().filter(|n| n.about.contains(&e.id)) {
                out.push_str(&format!(
                    "  - *{}* {}\n",
                    t("changelog.note"),
                    md(&crate::changelog::plain(&n.text))
                ));
            }
        }
        out.push('\n');
    }
}

/// Text from the methodology, safe in Markdown: no HTML, no link or image syntax, one line.
/// Code spans (ids in backticks) are kept as they are.
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut code = false;
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '`' => {
                code = !code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            _ if code => out.push(c),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '!' | '*' | '_' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A table cell: [`md`], with pipes escaped (done there).
fn cell(s: &str) -> String {
    md(s)
}
