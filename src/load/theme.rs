//! The theme: Tera templates and static files, the built-in default overridden file by file.
//!
//! A fork can replace any file by putting its own under `themes/<name>/templates/` or
//! `themes/<name>/static/`; files it does not provide come from the default theme compiled
//! into the binary. Compiling the templates is render's job (`crate::render::templates`).

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::i18n::f;
use crate::load::{decode, Repo};

/// One template of the theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// Its Tera name, e.g. `report.html`.
    pub name: String,
    /// Its repository path, to locate errors (`themes/default/templates/report.html`).
    pub path: String,
    /// Its text.
    pub text: String,
}

/// The theme as loaded: its templates and its static files.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// Templates sorted by name, the fork's over the default ones.
    pub templates: Vec<Template>,
    /// Static files as (path under `static/`, bytes), sorted by path.
    pub statics: Vec<(String, Vec<u8>)>,
}

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, compiled in.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "handbook_base.html",
    "handbook_menu.html",
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
    "report_brief.html",
    "figure.html",
    "territory_summary.html",
    "aggregate_note.html",
    "intercommunale.html",
    "region.html",
    "tender.html",
    "questionnaire.html",
);

/// The default theme's static files, compiled in.
const DEFAULT_STATICS: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "questionnaire.js",
        include_bytes!("../../themes/default/static/questionnaire.js"),
    ),
];

/// Loads templates and static files of `theme`, over the built-in default.
pub fn load_theme(repo: &Repo, theme: &str, diagnostics: &mut Vec<Diagnostic>) -> Theme {
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
        match decode(&path, &bytes) {
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
    Theme {
        templates: templates
            .into_iter()
            .map(|(name, (path, text))| Template { name, path, text })
            .collect(),
        statics: statics.into_iter().collect(),
    }
}
