//! Help for people writing audit files: the JSON Schema of the audit format (criterion ids,
//! source types and actions of the methodology as enumerations, so editors complete them) and
//! the scaffold of a new commune with an audit that lists every criterion.
//!
//! Pure: methodology → text. `main` decides where it goes.

use serde_json::{json, Value};

use crate::check::ranges;
use crate::i18n::{f, t};
use crate::model::Methodology;

/// Returns the JSON Schema (draft-07) of `communes/<slug>/audits/<YYYY-MM>.yaml` for `m`.
pub fn audit_schema(m: &Methodology) -> Value {
    let ids = |v: Vec<&str>| json!({"type": "string", "enum": v});
    let criteria = ids(m.criteria.iter().map(|c| c.id.as_str()).collect());
    let sources = ids(m.sources.iter().map(|s| s.id.as_str()).collect());
    let steps = ids(m.steps.iter().map(|s| s.id.as_str()).collect());
    let actions = ids(m.actions.iter().map(|a| a.id.as_str()).collect());
    let text = json!({"type": "string", "maxLength": ranges::LINE_CHARS});
    let long_text = json!({"type": "string", "maxLength": ranges::TEXT_CHARS});
    let quarter = json!({"type": "string", "pattern": "^[0-9]{4}-Q[1-4]$"});
    let euros =
        json!({"type": "number", "minimum": ranges::EUROS.min, "maximum": ranges::EUROS.max});
    let count =
        json!({"type": "integer", "minimum": ranges::COUNT.min, "maximum": ranges::COUNT.max});
    let personal = json!({"enum": ["none", "pseudonymised", "personal"]});
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": format!("Audit parcours-client — méthodologie {}", m.version),
        "type": "object",
        "additionalProperties": false,
        "required": ["methodology", "date", "status"],
        "properties": {
            "methodology": {"type": "string", "description": "Version de la méthodologie appliquée", "examples": [m.version]},
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "Date de l'audit (AAAA-MM-JJ)"},
            "status": {"enum": ["draft", "published"], "description": "draft : jamais publié ; published : publié"},
            "auditors": {"type": "array", "items": text, "maxItems": ranges::AUDITORS},
            "summary": {"type": "string", "maxLength": ranges::TEXT_CHARS, "description": "Synthèse (Markdown)"},
            "answers": {"type": "array", "items": {
                "type": "object", "additionalProperties": false, "required": ["criterion", "score"],
                "properties": {
                    "criterion": criteria,
                    "score": {"oneOf": [{"type": "integer", "minimum": 0, "maximum": 4}, {"enum": ["na", "inconnu"]}],
                              "description": "0 à 4, na (sans objet) ou inconnu"},
                    "evidence": long_text,
                    "sources": {"type": "array", "items": sources},
                },
            }},
            "inventory": {"type": "array", "maxItems": ranges::INVENTORY_ITEMS, "items": {
                "type": "object", "additionalProperties": false,
                "required": ["type", "name", "access", "personal_data", "quality"],
                "properties": {
                    "type": sources, "name": text, "holder": text,
                    "access": {"enum": ["open", "internal", "partner", "purchasable", "none"]},
                    "format": text, "refresh": text, "personal_data": personal, "legal_basis": text,
                    "dpia": {"type": "boolean"}, "quality": {"type": "integer", "minimum": 0, "maximum": 4},
                    "steps": {"type": "array", "items": steps}, "citation": text,
                },
            }},
            "plan": {"type": "array", "maxItems": ranges::PLAN_ITEMS, "items": {
                "type": "object", "additionalProperties": false,
                "required": ["action", "owner", "start", "end", "status"],
                "properties": {
                    "action": actions, "criteria": {"type": "array", "items": criteria}, "owner": text,
                    "staff_days": {"type": "number", "minimum": ranges::STAFF_DAYS.min, "maximum": ranges::STAFF_DAYS.max},
                    "budget_one_off": euros, "budget_yearly": euros, "start": quarter, "end": quarter,
                    "status": {"enum": ["planned", "in-progress", "done", "dropped"]}, "kpi": text,
                },
            }},
            "indicators": {"type": "object", "additionalProperties": false, "properties": {
                "shops": count, "vacancy_rate": {"type": "number", "minimum": ranges::PERCENT.min, "maximum": ranges::PERCENT.max},
                "parking_spaces": count, "collection_points": count,
                "footfall": {"type": "integer", "minimum": ranges::FOOTFALL.min, "maximum": ranges::FOOTFALL.max}, "footfall_source": text,
            }},
        },
    })
}

/// Checks a commune name given to `parcours new`: one line, no control character, not empty,
/// at most [`ranges::NAME_CHARS`] characters. Returns the message and its help otherwise.
pub fn check_name(name: &str) -> Result<(), (String, String)> {
    let shown: String = name.escape_debug().collect();
    if name
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err((
            f("scaffold.bad-name", &[&shown]),
            t("scaffold.help-name").into(),
        ));
    }
    if name.trim().is_empty() {
        return Err((t("diag.empty-name").into(), t("help.empty-name").into()));
    }
    let n = name.chars().count();
    if n > ranges::NAME_CHARS {
        return Err((
            f("diag.too-long", &[&"--name", &n]),
            f("help.too-long", &[&ranges::NAME_CHARS]),
        ));
    }
    Ok(())
}

/// Writes `s` as a YAML double-quoted scalar that reads back as exactly `s`: `\` and `"`
/// escaped, and every control or line-breaking character as an escape sequence.
pub fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            // Control characters, the byte-order mark and the two non-characters YAML does
            // not allow raw.
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Returns the files of a new commune: `commune.yaml` and a draft audit listing every criterion
/// of `m` as `inconnu`, each with its question as a comment.
pub fn new_commune(m: &Methodology, slug: &str, name: &str, date: &str) -> Vec<(String, String)> {
    let month = date.get(..7).unwrap_or(date);
    let commune = format!(
        "# {}\nname: {}\nins: \"00000\"\nprovince: \"\"\nintercommunale: \"\"\npopulation: 0\npopulation_year: 2020\ndegurba: {}\n",
        crate::i18n::t("scaffold.commune-comment"),
        yaml_string(name),
        m.degurba.first().map(|d| d.id.as_str()).unwrap_or("")
    );
    let mut audit = format!(
        "# yaml-language-server: $schema=../../../build/data/audit.schema.json\n# {}\nmethodology: \"{}\"\ndate: {date}\nstatus: draft\nauditors: []\nanswers:\n",
        crate::i18n::t("scaffold.audit-comment"),
        m.version
    );
    for step in &m.steps {
        audit.push_str(&format!("  # — {} —\n", step.name));
        for c in m.criteria.iter().filter(|c| c.step == step.id) {
            audit.push_str(&format!(
                "  - criterion: {}   # {}\n    score: inconnu\n    evidence: \"\"\n",
                c.id,
                c.question.replace('\n', " ")
            ));
        }
    }
    audit.push_str("inventory: []\nplan: []\n");
    vec![
        (format!("communes/{slug}/commune.yaml"), commune),
        (format!("communes/{slug}/audits/{month}.yaml"), audit),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Redteam n01/n05: whatever the name, the YAML written reads back as that name.
        #[test]
        fn yaml_strings_read_back_as_written(s in any::<String>()) {
            let read: String = serde_saphyr::from_str(&yaml_string(&s)).unwrap();
            prop_assert_eq!(read, s);
        }
    }

    #[test]
    fn yaml_strings_escape_backslash_quote_and_newline() {
        assert_eq!(yaml_string("Ville\\"), "\"Ville\\\\\"");
        assert_eq!(yaml_string("a\"b\nc"), "\"a\\\"b\\nc\"");
    }
}
