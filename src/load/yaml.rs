//! The only place YAML is parsed: text → typed value, or one located diagnostic.

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

use crate::diagnostic::Diagnostic;
use crate::i18n::t;

/// Parses one YAML document into `T`, mapping a parse or type error to a diagnostic at its place.
pub fn parse_yaml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(path, 1, 1, t("diag.empty-file")).with_help(t("help.empty-file"))
        );
    }
    serde_saphyr::from_str::<T>(text).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|loc| (loc.line(), loc.column()))
            .unwrap_or((0, 0));
        let message = DefaultMessageFormatter.format_message(err.without_snippet());
        let help = help_for(&message);
        let diagnostic = Diagnostic::error(path, line, column, translate(&message));
        match help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    })
}

/// Puts the parser's English message into French where the wording is known.
fn translate(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let rest = rest.replace(
            ", expected one of ",
            &format!(" ; {} ", t("diag.yaml-expected-fields")),
        );
        let rest = rest.replace(", there are no fields", "");
        return format!("{} {rest}", t("diag.yaml-unknown-field"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let rest = rest.replace(
            ", expected one of ",
            &format!(" ; {} ", t("diag.yaml-expected-values")),
        );
        let rest = rest.replace(
            ", expected ",
            &format!(" ; {} ", t("diag.yaml-expected-values")),
        );
        return format!("{} {rest}", t("diag.yaml-unknown-variant"));
    }
    if let Some(kind) = message
        .strip_prefix("invalid ")
        .filter(|k| ["u8", "u16", "u32", "u64", "i32", "i64", "f64", "bool"].contains(k))
    {
        let expected = if kind == "bool" {
            "diag.yaml-expected-bool"
        } else {
            "diag.yaml-expected-number"
        };
        return t(expected).to_string();
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{} {rest}", t("diag.yaml-missing-field"));
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return format!("{} ({message})", t("diag.yaml-wrong-type"));
    }
    if message.contains("duplicate") {
        return format!("{} ({message})", t("diag.yaml-duplicate-key"));
    }
    format!("{} : {message}", t("diag.yaml-invalid"))
}

fn help_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some(t("help.unknown-field").to_string())
    } else if message.contains("invalid type") {
        Some(t("help.wrong-type").to_string())
    } else if message.starts_with("unknown variant") {
        Some(t("help.unknown-variant").to_string())
    } else if message.starts_with("missing field") {
        Some(t("help.missing-field").to_string())
    } else if message.starts_with("invalid ") {
        Some(t("help.wrong-type").to_string())
    } else {
        Some(t("help.indentation").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        count: u32,
    }

    #[test]
    fn reports_unknown_field_at_its_line() {
        let err = parse_yaml::<Doc>("a.yaml", "name: x\ncount: 1\ncolour: red\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("colour"), "{}", err.message);
    }

    #[test]
    fn reports_wrong_type_at_the_value() {
        let err = parse_yaml::<Doc>("a.yaml", "name: x\ncount: many\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn reports_empty_file() {
        let err = parse_yaml::<Doc>("a.yaml", "  \n").unwrap_err();
        assert_eq!(err.message, t("diag.empty-file"));
    }
}
