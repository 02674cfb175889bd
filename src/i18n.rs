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

/// "a number is expected here, the file has a text": serde's type names in French.
pub fn wrong_type(unexpected: &str, expected: &str) -> String {
    f(
        "diag.yaml-type-mismatch",
        &[&t(type_key(expected)), &t(type_key(unexpected))],
    )
}

/// The translation key naming a serde type description (`string "x"`, `a sequence`, `u32`…).
pub fn type_key(description: &str) -> &'static str {
    let d = description
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let word = d.split([' ', '`']).next().unwrap_or("");
    match word {
        "string" | "str" | "char" => "type.text",
        "integer" | "floating" | "float" | "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32"
        | "i64" | "f32" | "f64" | "usize" | "isize" | "number" => "type.number",
        "boolean" | "bool" => "type.bool",
        "sequence" | "seq" | "tuple" | "list" => "type.list",
        "map" | "mapping" | "struct" => "type.map",
        "unit" | "null" | "none" | "Option" => "type.empty",
        "scalar" => "type.scalar",
        "level" => "type.score",
        _ if d.starts_with("struct ") => "type.map",
        _ => "type.value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_every_key_used_in_code_exists() {
        let parsed: Result<BTreeMap<String, String>, _> = toml::from_str(FR);
        let table = parsed.expect("i18n/fr.toml parses");
        // Every Rust file of the crate, wherever it moves.
        let mut sources = Vec::new();
        let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
                let path = entry.expect("src/ is readable").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    sources.push(std::fs::read_to_string(&path).expect("a source file is text"));
                }
            }
        }
        assert!(sources.len() > 30, "the crate's sources were found");
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
            "serve.",
            "access.",
            "plan.",
            "procedure.",
            "procedure-basis.",
            "capture.",
            "sheet.",
            "import.",
            "questionnaire.",
        ];
        for source in &sources {
            for literal in source.split('"').skip(1).step_by(2) {
                let is_key = groups.iter().any(|g| literal.starts_with(g))
                    && !literal.ends_with(".html")
                    && !literal.ends_with(".js")
                    && !literal.ends_with('.')
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
