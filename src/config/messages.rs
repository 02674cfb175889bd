//! The `toml` crate's messages about `parcours.toml`, in French.
//!
//! `toml` gives its errors as English text only; the kinds an author meets (missing or unknown
//! key, wrong type, syntax) are recognised by their wording and rewritten. Anything else keeps
//! a French frame and a French help, never the English text.

use crate::diagnostic::suggest;
use crate::i18n::{f, t};

/// French message and help for a `toml` error message.
pub fn describe(message: &str) -> (String, String) {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim_matches('`');
        return (
            f("diag.toml-missing", &[&key]),
            f("help.toml-missing", &[&key]),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let key = key.trim_matches('`');
        let allowed: Vec<&str> = expected
            .trim_start_matches(" one of")
            .split(',')
            .map(|k| k.trim().trim_matches('`'))
            .filter(|k| !k.is_empty())
            .collect();
        let mut text = f("diag.toml-unknown", &[&key]);
        if !allowed.is_empty() {
            text = format!(
                "{text} ; {}",
                f("diag.toml-allowed", &[&allowed.join(", ")])
            );
        }
        let help = match suggest(key, allowed.iter().copied()) {
            Some(s) => f("help.did-you-mean", &[&s]),
            None => t("help.config").to_string(),
        };
        return (text, help);
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (unexpected, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return (
                crate::i18n::wrong_type(unexpected, expected),
                t("help.toml-type").to_string(),
            );
        }
    }
    let (key, help) = if message.contains("duplicate") {
        ("diag.toml-duplicate", "help.toml-duplicate")
    } else if message.contains("recurs") {
        ("diag.toml-depth", "help.toml-syntax")
    } else if message.contains("must be quoted") || message.contains("unquoted string") {
        ("diag.toml-unquoted", "help.toml-unquoted")
    } else if message.contains("unclosed") || message.contains("end-of-input") {
        ("diag.toml-unclosed", "help.toml-syntax")
    } else if message.contains("missing value")
        || message.contains("no value")
        || message.contains("missing assignment")
    {
        ("diag.toml-no-value", "help.toml-syntax")
    } else {
        ("diag.toml-syntax", "help.toml-syntax")
    };
    (t(key).to_string(), t(help).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_errors_come_out_french() {
        let (m, h) = describe("unknown field `langage`, expected one of `title`, `language`");
        assert_eq!(m, "clé inconnue `langage` ; clés admises : title, language");
        assert_eq!(h, "vouliez-vous dire `language` ?");
        let (m, _) = describe("missing field `title`");
        assert!(m.contains("`title`") && !m.contains("missing"), "{m}");
        let (m, _) = describe("invalid type: integer `3`, expected a string");
        assert_eq!(
            m,
            "valeur du mauvais type : il faut ici un texte, le fichier donne un nombre"
        );
        let (m, _) = describe("string values must be quoted, expected literal string");
        assert!(!m.contains("quoted"), "{m}");
    }
}
