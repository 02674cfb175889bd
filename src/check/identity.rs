//! Placeholders in a commune's identity: the values `parcours new` writes for what it cannot
//! know (`"00000"`, `population: 0`, an empty text, or [`A_RENSEIGNER`]). They are warnings
//! while the commune has only drafts, and errors as soon as one of its audits is published:
//! a placeholder identity is never published.

use crate::diagnostic::Diagnostic;
use crate::i18n::f;
use crate::load::raw::RawCommune;

/// The marker of an identity field still to fill in (`commune.yaml`).
pub const A_RENSEIGNER: &str = "a-renseigner";

/// Whether a text field of the identity still holds a placeholder.
pub fn is_placeholder_text(value: &str) -> bool {
    let v = value.trim();
    v.is_empty() || v == A_RENSEIGNER
}

/// Whether an INS code is a placeholder (the old scaffold wrote `00000`).
pub fn is_placeholder_ins(value: &str) -> bool {
    is_placeholder_text(value) || value.trim() == "00000"
}

/// The identity fields of `raw` that still hold a placeholder, with their place, in file order.
pub(super) fn placeholders(raw: &RawCommune) -> Vec<(&'static str, (u64, u64))> {
    let mut out = Vec::new();
    if is_placeholder_ins(&raw.ins.value) {
        out.push(("ins", super::at(&raw.ins)));
    }
    if is_placeholder_text(&raw.province.value) {
        out.push(("province", super::at(&raw.province)));
    }
    if is_placeholder_text(&raw.intercommunale.value) {
        out.push(("intercommunale", super::at(&raw.intercommunale)));
    }
    if raw.population.value == 0 {
        out.push(("population", super::at(&raw.population)));
    }
    if is_placeholder_text(&raw.degurba.value) {
        out.push(("degurba", super::at(&raw.degurba)));
    }
    out.sort_by_key(|(_, place)| *place);
    out
}

/// Reports each placeholder field: a warning while nothing is published, an error otherwise.
/// `fields` come from [`placeholders`]; the help says what to write (`help.placeholder-<field>`,
/// given `known(field)`: the accepted ids of the field, when it has a list).
pub(super) fn report(
    path: &str,
    fields: &[(&'static str, (u64, u64))],
    published: bool,
    known: &dyn Fn(&str) -> String,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (field, (line, column)) in fields {
        let help = f(&format!("help.placeholder-{field}"), &[&known(field)]);
        let d = if published {
            Diagnostic::error(
                path,
                *line,
                *column,
                f("diag.placeholder-published", &[field]),
            )
        } else {
            Diagnostic::warning(path, *line, *column, f("diag.placeholder-draft", &[field]))
        };
        diagnostics.push(d.with_help(help));
    }
}
