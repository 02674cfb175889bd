//! Site configuration: `parcours.toml`, strictly parsed (unknown keys are errors).

mod messages;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::i18n::f;

/// The path of the configuration file, relative to the repository root.
pub const CONFIG_FILE: &str = "parcours.toml";

/// Site-wide settings from `parcours.toml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site title shown in every page header.
    pub title: String,
    /// Where the site is published; links stay relative whatever it is.
    #[serde(default = "default_base_path")]
    pub base_path: String,
    /// The theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The output folder, relative to the repository root.
    #[serde(default = "default_output")]
    pub output: String,
    /// The interface language (only `fr` today).
    #[serde(default = "default_language")]
    pub language: String,
    /// The licence under which the open-data exports are published.
    #[serde(default = "default_licence")]
    pub data_licence: String,
    /// The publisher named in the footer (e.g. the regional agency).
    #[serde(default)]
    pub publisher: String,
    /// Economic-development intercommunales, by id.
    #[serde(default)]
    pub intercommunales: BTreeMap<String, Intercommunale>,
    /// Released methodology versions: label → Git tag or commit.
    #[serde(default)]
    pub versions: BTreeMap<String, String>,
    /// Glob-like prefix of the Git tags that release a methodology version.
    #[serde(default = "default_tag_prefix")]
    pub tag_prefix: String,
}

/// An intercommunale as a fork brands it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Intercommunale {
    /// The full name.
    pub name: String,
    /// Optional logo, a path inside the theme's `static/` folder.
    #[serde(default)]
    pub logo: Option<String>,
    /// Optional website.
    #[serde(default)]
    pub website: Option<String>,
    /// Line and column of `logo` in `parcours.toml`, for messages about it.
    #[serde(skip)]
    pub logo_at: (u64, u64),
}

fn default_base_path() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output() -> String {
    "build".into()
}
fn default_language() -> String {
    "fr".into()
}
fn default_licence() -> String {
    "CC BY 4.0".into()
}
fn default_tag_prefix() -> String {
    "methodologie-v".into()
}

/// Parses `parcours.toml`, reporting every problem as a located diagnostic.
pub fn parse_config(text: &str) -> Result<Config, Diagnostic> {
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((0, 0));
        let (message, help) = messages::describe(e.message());
        Diagnostic::error(CONFIG_FILE, line, column, message).with_help(help)
    })?;
    if !crate::is_slug(&config.theme) {
        let (line, column) = key_position(text, &["theme"]);
        return Err(Diagnostic::error(
            CONFIG_FILE,
            line,
            column,
            f("diag.bad-slug", &[&config.theme]),
        )
        .with_help(f("help.theme-name", &[&crate::slugify(&config.theme)])));
    }
    for (id, ic) in config.intercommunales.iter_mut() {
        ic.logo_at = key_position(text, &["intercommunales", id, "logo"]);
        if let Some(logo) = ic.logo.as_deref().filter(|l| !is_inner_path(l)) {
            let (line, column) = ic.logo_at;
            return Err(Diagnostic::error(
                CONFIG_FILE,
                line,
                column,
                f("diag.logo-outside", &[&logo, &id]),
            )
            .with_help(f("help.logo-outside", &[&config.theme])));
        }
    }
    Ok(config)
}

/// Tells whether a path stays inside the folder it is relative to: no `..`, no root, no `\`.
fn is_inner_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(['\\', ':'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Returns the line and column of the value at `keys` (table names, then the key) in a TOML
/// text, or `(0, 0)` when it is not there.
pub fn key_position(text: &str, keys: &[&str]) -> (u64, u64) {
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return (0, 0);
    };
    let mut table = root.get_ref();
    for (i, key) in keys.iter().enumerate() {
        let Some(value) = table.get(*key) else {
            return (0, 0);
        };
        if i + 1 == keys.len() {
            return line_column(text, value.span().start);
        }
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ => return (0, 0),
        }
    }
    (0, 0)
}

/// Converts a byte offset into a 1-based line and column (in characters).
pub fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    (line, column)
}

/// Checks the names in the configuration that become path components: every intercommunale id
/// must be a slug ([`crate::names::Slug`]), located at its table in the text.
pub fn check_names(config: &Config, text: &str) -> Vec<Diagnostic> {
    config
        .intercommunales
        .keys()
        .filter_map(|id| {
            let error = crate::names::Slug::new(id).err()?;
            let (line, column) = table_position(text, "intercommunales", id);
            let mut d = crate::names::slug_diagnostic(CONFIG_FILE, id, error);
            d.line = line;
            d.column = column;
            Some(d)
        })
        .collect()
}

/// The 1-based line and column of the table `[table.key]` (or `[table."key"]`), or (0, 0).
fn table_position(text: &str, table: &str, key: &str) -> (u64, u64) {
    let forms = [
        format!("[{table}.{key}]"),
        format!("[{table}.\"{key}\"]"),
        format!("[{table}.'{key}']"),
    ];
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            let indent = line.len() - line.trim_start().len();
            forms
                .iter()
                .any(|form| compact.starts_with(form.as_str()))
                .then_some((i as u64 + 1, indent as u64 + 1))
        })
        .unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unknown_keys_with_their_line() {
        let err = parse_config("title = \"x\"\nthme = \"default\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.message.contains("thme"), "{}", err.message);
    }

    #[test]
    fn intercommunale_ids_must_be_slugs_located_at_their_table() {
        let text = "title = \"x\"\n\n[intercommunales.\"../../tmp/x\"]\nname = \"evil\"\n\n[intercommunales.bep]\nname = \"BEP\"\n";
        let config = parse_config(text).unwrap();
        let ds = check_names(&config, text);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!((ds[0].line, ds[0].column), (3, 1));
        assert!(ds[0].message.contains("../../tmp/x"), "{}", ds[0].message);
    }

    #[test]
    fn locates_a_bad_theme_and_a_logo_outside_static() {
        let err = parse_config("title = \"x\"\ntheme = \"../../../etc\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        let text = "title = \"x\"\n[intercommunales.bep]\nname = \"B\"\nlogo = \"../../x\"\n";
        let err = parse_config(text).unwrap_err();
        assert_eq!((err.line, err.column), (4, 8));
        assert!(!err.help.unwrap_or_default().contains("../"));
    }

    #[test]
    fn fills_defaults() {
        let c = parse_config("title = \"x\"\n").unwrap();
        assert_eq!((c.theme.as_str(), c.output.as_str()), ("default", "build"));
    }
}
