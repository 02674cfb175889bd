//! The theme: Tera templates and static files, the built-in default overridden file by file.
//!
//! A fork can replace any file by putting its own under `themes/<name>/templates/` or
//! `themes/<name>/static/`; files it does not provide come from the default theme compiled
//! into the binary. `compile_templates` turns template syntax errors into diagnostics.

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::load::Repo;
use std::collections::BTreeMap;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, compiled in.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "handbook_base.html",
    "index.html",
    "handbook.html",
    "chapter.html",
    "reference.html",
    "step.html",
    "angle.html",
    "criterion.html",
    "source.html",
    "action.html",
    "report.html",
    "changelog.html",
    "report_newer.html",
    "figure.html",
    "territory_summary.html",
    "aggregate_note.html",
    "intercommunale.html",
    "region.html",
    "tender.html",
);

/// The default theme's static files, compiled in.
const DEFAULT_STATICS: &[(&str, &[u8])] = &[(
    "style.css",
    include_bytes!("../themes/default/static/style.css"),
)];

/// Loads templates and static files of `theme`, over the built-in default.
#[allow(clippy::type_complexity)]
pub fn load_theme(
    repo: &Repo,
    theme: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<(String, String, String)>, Vec<(String, Vec<u8>)>) {
    let base = format!("themes/{theme}");
    if theme != "default" && !repo.root.join(&base).is_dir() {
        let text = repo
            .read_file(crate::config::CONFIG_FILE)
            .ok()
            .flatten()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let (line, column) = crate::config::key_position(&text, &["theme"]);
        diagnostics.push(
            Diagnostic::error("parcours.toml", line, column, f("diag.no-theme", &[&theme]))
                .with_help(f("help.no-theme", &[&base])),
        );
    }
    let mut templates: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                (format!("themes/default/templates/{name}"), text.to_string()),
            )
        })
        .collect();
    for (path, bytes) in repo.read_tree(&format!("{base}/templates"), diagnostics) {
        let name = path
            .strip_prefix(&format!("{base}/templates/"))
            .unwrap_or(&path)
            .to_string();
        match crate::load::decode(&path, &bytes) {
            Ok(text) => {
                templates.insert(name, (path, text));
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let mut statics: BTreeMap<String, Vec<u8>> = DEFAULT_STATICS
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    for (path, bytes) in repo.read_tree(&format!("{base}/static"), diagnostics) {
        let name = path
            .strip_prefix(&format!("{base}/static/"))
            .unwrap_or(&path)
            .to_string();
        statics.insert(name, bytes);
    }
    (
        templates
            .into_iter()
            .map(|(name, (path, text))| (name, path, text))
            .collect(),
        statics.into_iter().collect(),
    )
}

/// Compiles templates into a Tera instance, or returns every syntax error as a diagnostic.
pub fn compile_templates(
    templates: &[(String, String, String)],
) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    let mut diagnostics = Vec::new();
    for (name, path, text) in templates {
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
        .map(|(n, p, _)| (n.as_str(), p.as_str()))
        .collect();
    tera.add_raw_templates(templates.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
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
