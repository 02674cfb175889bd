//! Help for people writing audit files: the JSON Schema of the audit format (criterion ids,
//! source types and actions of the methodology as enumerations, so editors complete them) and
//! the scaffold of a new commune with an audit that lists every criterion.
//!
//! Pure: methodology → text. `main` decides where it goes.

use schemars::generate::SchemaSettings;
use schemars::{json_schema, Schema, SchemaGenerator};
use serde_json::{json, Value};

use crate::check::ranges;
use crate::i18n::{f, t};
#[cfg(doc)]
use crate::load::raw::RawAnswer;
use crate::load::raw::RawAudit;
use crate::model::Methodology;

/// Returns the JSON Schema (draft-07) of `communes/<slug>/audits/<YYYY-MM>.yaml` for `m`.
///
/// The shape comes from the structs that read the files ([`RawAudit`] and its parts, through
/// `schemars`): `deny_unknown_fields` gives `additionalProperties: false`, `#[serde(default)]`
/// makes a field optional, and the bounds are those of `check::ranges`. Added here: the
/// methodology's ids as enumerations and the French descriptions of `i18n/fr.toml`
/// (`schema.<definition>.<field>`).
pub fn audit_schema(m: &Methodology) -> Value {
    let mut schema: Value = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawAudit>()
        .into();
    let criteria: Vec<&str> = m.criteria.iter().map(|c| c.id.as_str()).collect();
    let sources: Vec<&str> = m.sources.iter().map(|s| s.id.as_str()).collect();
    let steps: Vec<&str> = m.steps.iter().map(|s| s.id.as_str()).collect();
    let actions: Vec<&str> = m.actions.iter().map(|a| a.id.as_str()).collect();
    let outcomes: Vec<&str> = m.outcomes.iter().map(|o| o.id.as_str()).collect();
    for (definition, field, ids) in [
        ("answer", "criterion", &criteria),
        ("answer", "sources", &sources),
        ("inventory_item", "type", &sources),
        ("inventory_item", "steps", &steps),
        ("plan_item", "action", &actions),
        ("plan_item", "criteria", &criteria),
        ("step_economics", "step", &steps),
        ("outcome", "indicator", &outcomes),
    ] {
        if ids.is_empty() && definition == "outcome" {
            // No indicator before 1.2: `check` says so, with a help, better than `enum: []`.
            continue;
        }
        if let Some(p) = property(&mut schema, definition, field) {
            let target = match p.get_mut("items") {
                Some(items) => items,
                None => p,
            };
            target["enum"] = json!(ids);
        }
    }
    if let Some(p) = property(&mut schema, "audit", "methodology") {
        p["examples"] = json!([m.version]);
    }
    describe(&mut schema, "audit");
    if let Some(definitions) = schema.get_mut("definitions").and_then(Value::as_object_mut) {
        for (name, definition) in definitions.iter_mut() {
            describe(definition, name);
        }
    }
    schema["title"] = json!(f("schema.title", &[&m.version]));
    schema
}

/// The schema of `field` in `definition` (`audit` is the root), if there is one.
fn property<'a>(schema: &'a mut Value, definition: &str, field: &str) -> Option<&'a mut Value> {
    let object = if definition == "audit" {
        schema
    } else {
        schema.get_mut("definitions")?.get_mut(definition)?
    };
    object.get_mut("properties")?.get_mut(field)
}

/// Gives a definition and its fields their French description (`schema.<name>` and
/// `schema.<name>.<field>`), dropping the English ones `schemars` takes from doc comments, and
/// writes an enumeration of documented variants (`oneOf` of `const`s) as a plain `enum`.
fn describe(definition: &mut Value, name: &str) {
    let table = crate::i18n::table();
    let set = |schema: &mut Value, key: String| {
        if let Some(object) = schema.as_object_mut() {
            match table.get(&key) {
                Some(text) => object.insert("description".into(), json!(text)),
                None => object.remove("description"),
            };
        }
    };
    if let Some(variants) = definition.get("oneOf").and_then(Value::as_array) {
        let values: Option<Vec<Value>> = variants.iter().map(|v| v.get("const").cloned()).collect();
        if let (Some(values), Some(object)) = (values, definition.as_object_mut()) {
            object.remove("oneOf");
            object.insert("type".into(), json!("string"));
            object.insert("enum".into(), Value::Array(values));
        }
    }
    set(definition, format!("schema.{name}"));
    if let Some(fields) = definition
        .get_mut("properties")
        .and_then(Value::as_object_mut)
    {
        for (field, schema) in fields.iter_mut() {
            set(schema, format!("schema.{name}.{field}"));
            // `null` is what an absent optional field means; an editor should not write it.
            if let Some(object) = schema.as_object_mut() {
                if object.get("default") == Some(&Value::Null) {
                    object.remove("default");
                }
            }
        }
    }
}

/// The schema of a score: a level 0 to 4, `na` or `inconnu` (used by [`RawAnswer`]'s derive).
pub fn score_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "oneOf": [
            {"type": "integer", "minimum": 0, "maximum": 4},
            {"type": "string", "enum": ["na", "inconnu"]},
        ]
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
    fn every_part_and_field_of_the_schema_has_a_french_description() {
        let m = crate::testkit::methodology(&["a"], &["b"], vec![]);
        let schema = audit_schema(&m);
        let mut parts = vec![("audit", &schema)];
        for (name, d) in schema["definitions"].as_object().unwrap() {
            parts.push((name, d));
        }
        for (name, part) in parts {
            let fields = part["properties"].as_object();
            for (field, s) in fields.into_iter().flatten() {
                let text = s["description"].as_str();
                assert!(text.is_some_and(|t| !t.is_empty()), "{name}.{field}");
            }
            if fields.is_some() {
                assert!(part["description"].is_string(), "{name}");
                assert_eq!(part["additionalProperties"], false, "{name}");
            }
        }
        assert!(schema["title"].as_str().unwrap().starts_with("Audit"));
    }

    #[test]
    fn yaml_strings_escape_backslash_quote_and_newline() {
        assert_eq!(yaml_string("Ville\\"), "\"Ville\\\\\"");
        assert_eq!(yaml_string("a\"b\nc"), "\"a\\\"b\\nc\"");
    }
}
