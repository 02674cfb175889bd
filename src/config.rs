//! Site configuration: `parcours.toml`, strictly parsed (unknown keys are errors).

mod messages;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};

/// The path of the configuration file, relative to the repository root.
pub const CONFIG_FILE: &str = "parcours.toml";

/// Site-wide settings from `parcours.toml`.
#[derive(Clone, Debug, Serialize)]
pub struct Config {
    /// The site title shown in every page header.
    pub title: String,
    /// The theme folder under `themes/`.
    pub theme: String,
    /// Line and column of `theme` in `parcours.toml`, (0, 0) when it is not written.
    #[serde(skip)]
    pub theme_at: (u64, u64),
    /// The output folder, relative to the repository root.
    pub output: String,
    /// The licence under which the open-data exports are published.
    pub data_licence: String,
    /// The publisher named in the footer (e.g. the regional agency).
    pub publisher: String,
    /// Economic-development intercommunales, by id.
    pub intercommunales: BTreeMap<String, Intercommunale>,
    /// Released methodology versions: label → Git tag or commit.
    pub versions: BTreeMap<String, String>,
    /// Glob-like prefix of the Git tags that release a methodology version.
    pub tag_prefix: String,
    /// Keys still accepted but no longer read, with their line and column (warned about by
    /// [`check_names`]).
    #[serde(skip)]
    pub obsolete: Vec<(&'static str, u64, u64)>,
}

/// An intercommunale as a fork brands it.
#[derive(Clone, Debug, Serialize)]
pub struct Intercommunale {
    /// The full name.
    pub name: String,
    /// Optional logo, a path inside the theme's `static/` folder.
    pub logo: Option<String>,
    /// Optional website.
    pub website: Option<String>,
    /// Line and column of `logo` in `parcours.toml`, for messages about it.
    #[serde(skip)]
    pub logo_at: (u64, u64),
}

/// `parcours.toml` as written, every value a message may point at with its place.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    /// No longer read: every link is relative (see [`check_names`]).
    #[serde(default)]
    base_path: Option<Spanned<toml::Value>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default = "default_output")]
    output: String,
    /// No longer read: only French exists (see [`check_names`]).
    #[serde(default)]
    language: Option<Spanned<toml::Value>>,
    #[serde(default = "default_licence")]
    data_licence: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    intercommunales: BTreeMap<String, RawIntercommunale>,
    #[serde(default)]
    versions: BTreeMap<String, String>,
    #[serde(default = "default_tag_prefix")]
    tag_prefix: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntercommunale {
    name: String,
    #[serde(default)]
    logo: Option<Spanned<String>>,
    #[serde(default)]
    website: Option<String>,
}

fn default_output() -> String {
    "build".into()
}
fn default_licence() -> String {
    "CC BY 4.0".into()
}
fn default_tag_prefix() -> String {
    "methodologie-v".into()
}

/// Parses `parcours.toml`, reporting every problem as a located diagnostic.
pub fn parse_config(text: &str) -> Result<Config, Diagnostic> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((0, 0));
        let (message, help) = messages::describe(e.message());
        Diagnostic::error(CONFIG_FILE, line, column, message).with_help(help)
    })?;
    let at = |span: std::ops::Range<usize>| line_column(text, span.start);
    let (theme, theme_at) = match raw.theme {
        Some(theme) => (theme.get_ref().clone(), at(theme.span())),
        None => ("default".to_string(), (0, 0)),
    };
    if !crate::is_slug(&theme) {
        let (line, column) = theme_at;
        return Err(
            Diagnostic::error(CONFIG_FILE, line, column, f("diag.bad-slug", &[&theme]))
                .with_help(f("help.theme-name", &[&crate::slugify(&theme)])),
        );
    }
    let mut intercommunales = BTreeMap::new();
    for (id, ic) in raw.intercommunales {
        let logo_at = ic.logo.as_ref().map_or((0, 0), |l| at(l.span()));
        let logo = ic.logo.map(Spanned::into_inner);
        if let Some(logo) = logo.as_deref().filter(|l| !is_inner_path(l)) {
            let (line, column) = logo_at;
            return Err(Diagnostic::error(
                CONFIG_FILE,
                line,
                column,
                f("diag.logo-outside", &[&logo, &id]),
            )
            .with_help(f("help.logo-outside", &[&theme])));
        }
        let website = ic.website;
        let name = ic.name;
        intercommunales.insert(
            id,
            Intercommunale {
                name,
                logo,
                website,
                logo_at,
            },
        );
    }
    let mut obsolete = Vec::new();
    for (key, value) in [("base_path", &raw.base_path), ("language", &raw.language)] {
        if let Some(value) = value {
            let (line, column) = at(value.span());
            obsolete.push((key, line, column));
        }
    }
    Ok(Config {
        title: raw.title,
        theme,
        theme_at,
        output: raw.output,
        data_licence: raw.data_licence,
        publisher: raw.publisher,
        intercommunales,
        versions: raw.versions,
        tag_prefix: raw.tag_prefix,
        obsolete,
    })
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

/// Checks the configuration beyond its types: every intercommunale id becomes a path component
/// and must be a slug ([`crate::names::Slug`]), located at its table in the text; and the keys
/// no longer read (`base_path`: every link is relative, so a site works from any folder;
/// `language`: only French exists) get a warning at their value, so old configurations still
/// build.
pub fn check_names(config: &Config, text: &str) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = config
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
        .collect();
    for &(key, line, column) in &config.obsolete {
        out.push(
            Diagnostic::warning(CONFIG_FILE, line, column, f("diag.key-not-read", &[&key]))
                .with_help(t(&format!("help.key-not-read.{key}"))),
        );
    }
    out
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
    fn keys_no_longer_read_are_warnings_at_their_value() {
        let text = "title = \"x\"\nlanguage = \"fr\"\nbase_path = \"/sub/\"\n";
        let config = parse_config(text).unwrap();
        let ds = check_names(&config, text);
        let shown: Vec<(u64, u64, bool)> = ds
            .iter()
            .map(|d| (d.line, d.column, d.is_error()))
            .collect();
        assert_eq!(shown, [(3, 13, false), (2, 12, false)], "{ds:?}");
        assert!(ds[0].message.contains("base_path"), "{}", ds[0].message);
        assert!(ds[1].help.as_deref().unwrap_or("").contains("français"));
        assert!(check_names(&parse_config("title = \"x\"\n").unwrap(), "").is_empty());
    }

    #[test]
    fn fills_defaults() {
        let c = parse_config("title = \"x\"\n").unwrap();
        assert_eq!((c.theme.as_str(), c.output.as_str()), ("default", "build"));
    }
}
