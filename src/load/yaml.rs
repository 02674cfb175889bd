//! The only place YAML is parsed: text → typed value, or one located diagnostic.
//!
//! Every message comes from the French table, chosen from serde-saphyr's structured error
//! (never its English text). Control characters are refused in every value of every file
//! before anything else sees them (`scan`).

mod scan;

use serde::de::DeserializeOwned;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{budget::BudgetBreach, Error, Options};

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t, type_key, wrong_type};
use scan::Finding;

/// Parses one YAML document into `T`, mapping a parse or type error to a diagnostic at its place.
pub fn parse_yaml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(path, 1, 1, t("diag.empty-file")).with_help(t("help.empty-file"))
        );
    }
    if let Some(found) = scan::raw(text).or_else(|| scan::decoded(text)) {
        return Err(finding(path, found));
    }
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|loc| (loc.line(), loc.column()))
            .filter(|(line, _)| *line > 0)
            // Without a place the parser stopped at the end of the file.
            .unwrap_or((text.lines().count().max(1) as u64, 1));
        let (message, help) = describe(original(&err), text, line, column);
        Diagnostic::error(path, line, column, message).with_help(help)
    })
}

/// YAML 1.2 booleans only: `yes`, `no`, `on` and `off` stay words, echoed as written.
fn options() -> Options {
    let mut options = Options::default();
    options.strict_booleans = true;
    options
}

/// The error itself, under the wrappers that only add a snippet or an alias location.
fn original(mut err: &Error) -> &Error {
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = err {
        err = error;
    }
    err
}

/// The diagnostic for a forbidden character or a binary value.
fn finding(path: &str, found: Finding) -> Diagnostic {
    match found {
        Finding::Utf16 => {
            Diagnostic::error(path, 1, 1, t("diag.yaml-utf16")).with_help(t("help.yaml-utf16"))
        }
        Finding::Raw { line, column, ch } => Diagnostic::error(
            path,
            line,
            column,
            f("diag.yaml-control-raw", &[&code_point(ch)]),
        )
        .with_help(t("help.yaml-control-raw")),
        Finding::Escaped { line, column, ch } => Diagnostic::error(
            path,
            line,
            column,
            f("diag.yaml-control-escaped", &[&code_point(ch)]),
        )
        .with_help(t("help.yaml-control-escaped")),
        Finding::Binary { line, column } => {
            Diagnostic::error(path, line, column, t("diag.yaml-binary"))
                .with_help(t("help.yaml-binary"))
        }
    }
}

/// `U+001B`, the way Unicode names a character.
fn code_point(ch: char) -> String {
    format!("U+{:04X}", ch as u32)
}

/// French message and help for one serde-saphyr error.
fn describe(err: &Error, text: &str, line: u64, column: u64) -> (String, String) {
    if let Some(found) = limits(err) {
        return found;
    }
    let plain = |key: &str, help: &str| (t(key).to_string(), t(help).to_string());
    match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let mut message = format!("{} `{field}`", t("diag.yaml-unknown-field"));
            if !expected.is_empty() {
                message = format!(
                    "{message} ; {} {}",
                    t("diag.yaml-expected-fields"),
                    expected.join(", ")
                );
            }
            (message, t("help.unknown-field").to_string())
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!(
                "{} `{variant}` ; {} {}",
                t("diag.yaml-unknown-variant"),
                t("diag.yaml-expected-values"),
                expected.join(", ")
            ),
            t("help.unknown-variant").to_string(),
        ),
        Error::SerdeMissingField { field, .. } => (
            format!("{} `{field}`", t("diag.yaml-missing-field")),
            t("help.missing-field").to_string(),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            wrong_type(unexpected, expected),
            t("help.wrong-type").to_string(),
        ),
        Error::Unexpected { expected, .. }
            if type_key(expected) != "type.value" && !expected.ends_with(" end") =>
        {
            (
                f("diag.yaml-expected-kind", &[&t(type_key(expected))]),
                t("help.wrong-type").to_string(),
            )
        }
        Error::InvalidScalar { ty, .. } => invalid_scalar(ty, &scalar_at(text, line, column)),
        Error::InvalidBooleanStrict { .. } => (
            f("diag.yaml-bool-word", &[&scalar_at(text, line, column)]),
            t("help.yaml-bool").to_string(),
        ),
        Error::NonFiniteFloat { value, .. } => (
            f("diag.yaml-non-finite", &[value]),
            t("help.yaml-non-finite").to_string(),
        ),
        Error::NullIntoString { .. } => plain("diag.yaml-null-string", "help.yaml-null-string"),
        Error::DuplicateMappingKey { key, .. } => match key {
            Some(key) => (
                f("diag.yaml-duplicate-named", &[key]),
                f("help.yaml-duplicate", &[key]),
            ),
            None => plain("diag.yaml-duplicate-key", "help.yaml-duplicate-any"),
        },
        Error::MultipleDocuments { .. } => plain("diag.yaml-multi-doc", "help.yaml-multi-doc"),
        Error::Eof { .. } => plain("diag.yaml-eof", "help.yaml-eof"),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            serde_saphyr::localizer::ExternalMessageSource::Parser(scan) => syntax(scan.kind()),
            _ => plain("diag.yaml-syntax", "help.indentation"),
        },
        Error::Message { .. }
        | Error::SerdeVariantId { .. }
        | Error::TaggedScalarCannotDeserializeIntoString { .. }
        | Error::TaggedEnumMismatch { .. } => plain("diag.yaml-bad-value", "help.wrong-type"),
        _ => plain("diag.yaml-syntax", "help.indentation"),
    }
}

/// Messages for the reader's safety limits, aliases and binary values.
fn limits(err: &Error) -> Option<(String, String)> {
    let plain = |key: &str, help: &str| Some((t(key).to_string(), t(help).to_string()));
    match err {
        Error::Budget { breach, .. } => Some((
            f("diag.yaml-budget", &[&t(budget_key(breach))]),
            t("help.yaml-budget").to_string(),
        )),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => Some((
            f("diag.yaml-budget", &[&t("diag.yaml-budget-aliases")]),
            t("help.yaml-budget").to_string(),
        )),
        Error::UnknownAnchor { .. } => {
            plain("diag.yaml-unknown-anchor", "help.yaml-unknown-anchor")
        }
        Error::InvalidBinaryBase64 { .. }
        | Error::BinaryNotUtf8 { .. }
        | Error::BytesNotSupportedMissingBinaryTag { .. } => {
            plain("diag.yaml-binary", "help.yaml-binary")
        }
        _ => None,
    }
}

/// Messages for the parser's syntax errors, grouped by what the author has to do.
fn syntax(kind: &ErrorKind) -> (String, String) {
    let plain = |key: &str, help: &str| (t(key).to_string(), t(help).to_string());
    match kind {
        ErrorKind::UnexpectedCharacter { character } if scan::is_forbidden(*character) => (
            f("diag.yaml-control-raw", &[&code_point(*character)]),
            t("help.yaml-control-raw").to_string(),
        ),
        ErrorKind::UnexpectedCharacter { character } => (
            f("diag.yaml-unexpected-char", &[character]),
            t("help.indentation").to_string(),
        ),
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => plain("diag.yaml-tab", "help.yaml-tab"),
        ErrorKind::UnexpectedEof
        | ErrorKind::UnexpectedEofBlockMapping
        | ErrorKind::UnexpectedEofBlockSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::UnclosedFlowCollection { .. } => plain("diag.yaml-unclosed", "help.yaml-eof"),
        ErrorKind::UnclosedQuotedScalar => plain("diag.yaml-unclosed-quote", "help.yaml-eof"),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidUnicodeEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::MissingLowSurrogate => plain("diag.yaml-bad-escape", "help.yaml-bad-escape"),
        ErrorKind::BlockEntryInFlowCollection | ErrorKind::BlockSequenceEntryNotAllowed => {
            plain("diag.yaml-dash", "help.indentation")
        }
        ErrorKind::MappingValueNotAllowed
        | ErrorKind::InvalidColonPlacement
        | ErrorKind::SimpleKeyExpected
        | ErrorKind::InvalidSimpleKey => plain("diag.yaml-colon", "help.indentation"),
        ErrorKind::RecursionLimitExceeded => (
            f("diag.yaml-budget", &[&t("diag.yaml-budget-depth")]),
            t("help.yaml-budget").to_string(),
        ),
        ErrorKind::MultipleDocumentsUnsupported
        | ErrorKind::ExpectedDocumentStart
        | ErrorKind::InvalidDocumentEnd => plain("diag.yaml-multi-doc", "help.yaml-multi-doc"),
        ErrorKind::UnknownAnchor => plain("diag.yaml-unknown-anchor", "help.yaml-unknown-anchor"),
        _ => plain("diag.yaml-syntax", "help.indentation"),
    }
}

/// The limit a budget breach names.
fn budget_key(breach: &BudgetBreach) -> &'static str {
    match breach {
        BudgetBreach::ScalarBytes { .. } => "diag.yaml-budget-bytes",
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => "diag.yaml-budget-aliases",
        BudgetBreach::Depth { .. } => "diag.yaml-budget-depth",
        _ => "diag.yaml-budget-size",
    }
}

/// A number that does not fit: too large, not whole, or not a number at all.
fn invalid_scalar(ty: &str, written: &str) -> (String, String) {
    let range = match ty {
        "u8" => Some(("0", "255")),
        "u16" => Some(("0", "65535")),
        "u32" => Some(("0", "4294967295")),
        "u64" | "usize" => Some(("0", "18446744073709551615")),
        "i32" => Some(("-2147483648", "2147483647")),
        "i64" | "isize" => Some(("-9223372036854775808", "9223372036854775807")),
        _ => None,
    };
    let numeric = written
        .trim()
        .replace('_', "")
        .parse::<f64>()
        .is_ok_and(f64::is_finite);
    match (ty, range) {
        ("bool", _) => (
            f("diag.yaml-bool-word", &[&written]),
            t("help.yaml-bool").to_string(),
        ),
        (_, Some((min, max))) if numeric => (
            f("diag.yaml-integer-range", &[&written, &min, &max]),
            t("help.yaml-integer-range").to_string(),
        ),
        (_, Some(("0", _))) => (
            t("diag.yaml-positive-integer").to_string(),
            t("help.wrong-type").to_string(),
        ),
        (_, Some(_)) => (
            t("diag.yaml-integer-expected").to_string(),
            t("help.wrong-type").to_string(),
        ),
        _ => (
            t("diag.yaml-expected-number").to_string(),
            t("help.wrong-type").to_string(),
        ),
    }
}

/// The plain scalar written at a 1-based line and column, up to the next separator.
fn scalar_at(text: &str, line: u64, column: u64) -> String {
    let Some(row) = text.lines().nth(line.saturating_sub(1) as usize) else {
        return String::new();
    };
    let rest: String = row
        .chars()
        .skip(column.saturating_sub(1) as usize)
        .collect();
    let end = rest.find([',', '}', ']', '#']).unwrap_or(rest.len());
    rest[..end].trim().trim_matches(['"', '\'']).to_string()
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
        #[serde(default)]
        flag: bool,
    }

    fn err(text: &str) -> Diagnostic {
        parse_yaml::<Doc>("a.yaml", text).unwrap_err()
    }

    #[test]
    fn reports_unknown_field_at_its_line() {
        let e = err("name: x\ncount: 1\ncolour: red\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("colour"), "{}", e.message);
    }

    #[test]
    fn reports_wrong_type_at_the_value() {
        let e = err("name: x\ncount: many\n");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn reports_empty_file() {
        assert_eq!(err("  \n").message, t("diag.empty-file"));
    }

    #[test]
    fn no_message_keeps_the_library_wording() {
        let cases = [
            "name: x\nname: y\ncount: 1\n",
            "name: x\ncount: 1\n---\nname: y\n",
            "name: x\ncount: 99999999999999999999\n",
            "name: x\ncount: .nan\n",
            "name: [x\ncount: 1\n",
            "name: \"x\ny\n",
            "name: x\ncount: 1\nflag: yes\n",
            "name: !!binary eA==\ncount: 1\n",
            "name: \"a\\eb\"\ncount: 1\n",
            "name: *nope\ncount: 1\n",
        ];
        for text in cases {
            let e = err(text);
            let shown = format!("{} {}", e.message, e.help.clone().unwrap_or_default());
            for english in [
                "expected",
                "invalid type",
                "invalid enum",
                "duplicate",
                "Options",
                "from_str",
                "policy",
                "budget",
                "unexpected",
                "found",
            ] {
                assert!(!shown.contains(english), "{text:?} → {shown}");
            }
            assert!(e.line > 0, "{text:?} → unlocated {shown}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Any text, valid or not: no panic, and an error is located, French and inert.
        #[test]
        fn any_text_gives_a_located_french_inert_message(
            text in "(name|count|flag|[a-z]{1,4}|[-:\\[\\]{},&*!#|>'\" \n\t0-9.]|\\\\[0aeNx]|\u{1b}|\u{85}|é){0,40}"
        ) {
            let fields = format!("name: {text}\ncount: {text}\nflag: {text}\n");
            for text in [text.as_str(), fields.as_str()] {
            if let Err(e) = parse_yaml::<Doc>("a.yaml", text) {
                let shown = e.to_string();
                proptest::prop_assert!(e.line > 0, "{:?} → {}", text, shown);
                proptest::prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{:?}", shown);
                for english in ["expected", "invalid type", "duplicate", "policy", "budget", "found"] {
                    proptest::prop_assert!(!shown.contains(english), "{:?} → {}", text, shown);
                }
            }
            }
        }
    }

    #[test]
    fn a_number_too_large_says_so() {
        let e = err("name: x\ncount: 99999999999999999999\n");
        assert!(e.message.contains("99999999999999999999"), "{}", e.message);
        assert!(e.message.contains("4294967295"), "{}", e.message);
    }
}
