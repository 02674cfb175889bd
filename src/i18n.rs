//! The one translation table: every string a user reads comes from `i18n/fr.toml`.
//!
//! Rust code asks for a key with [`t`] or [`f`]; templates receive the whole table as `t`.
//! A missing key is a programming error caught by the unit test below, never by a user.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const FR: &str = include_str!("../i18n/fr.toml");

/// Returns the whole French table, parsed once.
pub fn table() -> &'static BTreeMap<String, String> {
    static TABLE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| toml::from_str(FR).unwrap_or_default())
}

/// Returns the French string for `key`, or the key itself when it is missing.
pub fn t(key: &str) -> &str {
    table().get(key).map(String::as_str).unwrap_or(key)
}

/// Returns the French string for `key` with `{0}`, `{1}`… replaced by `args`.
pub fn f(key: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = t(key).to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_every_key_used_in_code_exists() {
        let parsed: Result<BTreeMap<String, String>, _> = toml::from_str(FR);
        let table = parsed.expect("i18n/fr.toml parses");
        let sources = [
            include_str!("diagnostic.rs"),
            include_str!("check/mod.rs"),
            include_str!("check/methodology.rs"),
            include_str!("check/communes.rs"),
            include_str!("check/ranges.rs"),
            include_str!("load/mod.rs"),
            include_str!("load/fs.rs"),
            include_str!("output.rs"),
            include_str!("site.rs"),
            include_str!("names.rs"),
            include_str!("load/yaml.rs"),
            include_str!("markdown.rs"),
            include_str!("render/mod.rs"),
            include_str!("render/handbook.rs"),
            include_str!("render/report.rs"),
            include_str!("render/tender.rs"),
            include_str!("render/territory.rs"),
            include_str!("config.rs"),
            include_str!("config/messages.rs"),
            include_str!("theme.rs"),
            include_str!("lib.rs"),
            include_str!("versions.rs"),
            include_str!("changelog.rs"),
            include_str!("render/changelog.rs"),
            include_str!("charts/mod.rs"),
            include_str!("charts/radar.rs"),
            include_str!("charts/heatmap.rs"),
            include_str!("charts/inventory.rs"),
            include_str!("charts/gantt.rs"),
            include_str!("charts/budget.rs"),
            include_str!("charts/progress.rs"),
            include_str!("charts/strip.rs"),
            include_str!("charts/layout.rs"),
            include_str!("charts/svg.rs"),
            include_str!("format.rs"),
        ];
        // Every string literal shaped like a key of a known group must be in the table.
        let groups = [
            "diag.",
            "help.",
            "cli.",
            "what.",
            "ref.",
            "report.",
            "personal.",
            "changelog.",
            "versions.",
            "chart.",
            "format.",
            "peers.",
            "tender.",
            "region.",
            "scaffold.",
            "table.",
        ];
        for source in sources {
            for literal in source.split('"').skip(1).step_by(2) {
                let is_key = groups.iter().any(|g| literal.starts_with(g))
                    && !literal.ends_with(".html")
                    && literal
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'-');
                if is_key {
                    assert!(table.contains_key(literal), "missing i18n key {literal}");
                }
            }
        }
    }

    #[test]
    fn formats_positional_arguments() {
        assert_eq!(f("diag.unknown-criterion", &[&"x"]), "critère inconnu `x`");
    }
}
