//! Tera compilation of the theme's templates, and Tera errors as located diagnostics.
//!
//! The theme's files are read by the load stage ([`crate::load::theme`]); turning them into a
//! [`tera::Tera`] and its syntax errors into diagnostics is render's part.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::load::theme::Template;

/// Compiles templates into a Tera instance, or returns every syntax error as a diagnostic.
pub fn compile_templates(templates: &[Template]) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    let mut diagnostics = Vec::new();
    for Template { name, path, text } in templates {
        let mut probe = tera::Tera::new();
        if let Err(e) = probe.add_raw_template(name, text) {
            if let tera::ErrorKind::SyntaxError(report) = e.kind() {
                diagnostics.push(
                    Diagnostic::error(
                        path.clone(),
                        report.span().start_line as u64,
                        report.span().start_col as u64 + 1,
                        match report.message() {
                            m if m.starts_with("Unknown tag") => t("diag.template-tag").to_string(),
                            m => f("diag.template-syntax", &[&m]),
                        },
                    )
                    .with_help(t("help.template-syntax")),
                );
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let paths: BTreeMap<&str, &str> = templates
        .iter()
        .map(|t| (t.name.as_str(), t.path.as_str()))
        .collect();
    tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
        .map_err(|e| match e.kind() {
            tera::ErrorKind::Msg(text) => reports(text, &paths),
            _ => vec![template_error(&e, &paths)],
        })?;
    Ok(tera)
}

/// Splits Tera's joined reports (`error: …` then ` --> file:line:col`) into one located
/// diagnostic each, short, with the message in French where its wording is known.
fn reports(text: &str, paths: &BTreeMap<&str, &str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for report in text.split("\n\n") {
        let mut lines = report.lines();
        let Some(message) = lines.next().map(|l| l.trim_start_matches("error: ").trim()) else {
            continue;
        };
        let place = lines.find_map(|l| l.trim_start().strip_prefix("--> "));
        let (name, line, column) = place
            .and_then(|p| {
                let mut parts = p.rsplitn(3, ':');
                let column = parts.next()?.parse().ok()?;
                let line = parts.next()?.parse().ok()?;
                Some((parts.next()?, line, column))
            })
            .unwrap_or(("", 0, 0));
        let path = paths.get(name).copied().unwrap_or("themes");
        let (message, help) = translate(message);
        let d = Diagnostic::error(path, line, column, message);
        out.push(match help {
            Some(help) => d.with_help(help),
            None => d,
        });
    }
    out
}

/// Tera's usual complaints about a theme, in French; others keep a French frame.
fn translate(message: &str) -> (String, Option<String>) {
    let name = message.split('`').nth(1).unwrap_or("");
    let known = [
        ("Block `", "diag.template-block", "help.template-block"),
        (
            "Unknown template `",
            "diag.template-unknown",
            "help.template-unknown",
        ),
        (
            "Unknown filter `",
            "diag.template-filter",
            "help.template-name",
        ),
        (
            "Unknown function `",
            "diag.template-function",
            "help.template-name",
        ),
        ("Unknown test `", "diag.template-test", "help.template-name"),
    ];
    for (prefix, key, help) in known {
        if message.starts_with(prefix) {
            return (f(key, &[&name]), Some(f(help, &[&name])));
        }
    }
    (f("diag.template-render", &[&message]), None)
}

/// Turns a Tera error into a diagnostic at the template's file, line and column.
pub fn template_error(e: &tera::Error, paths: &BTreeMap<&str, &str>) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let path = paths.get(r.filename()).copied().unwrap_or(r.filename());
            Diagnostic::error(
                path,
                r.span().start_line as u64,
                r.span().start_col as u64 + 1,
                f("diag.template-render", &[&r.message()]),
            )
        }
        other => Diagnostic::error(
            "themes",
            0,
            0,
            f("diag.template-render", &[&other.to_string()]),
        ),
    }
}
