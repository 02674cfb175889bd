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
use crate::load::raw::{RawAudit, RawCommune};
use crate::model::{Methodology, Model};

mod new;
pub use new::*;

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
    let named = |id: &str, name: &str| (id.to_string(), name.to_string());
    let criteria: Vec<(String, String)> = m
        .criteria
        .iter()
        .map(|c| (c.id.clone(), criterion_text(c)))
        .collect();
    let questions: Vec<_> = m
        .criteria
        .iter()
        .map(|c| named(&c.id, &c.question))
        .collect();
    let sources: Vec<_> = m.sources.iter().map(|s| named(&s.id, &s.name)).collect();
    let steps: Vec<_> = m.steps.iter().map(|s| named(&s.id, &s.name)).collect();
    let actions: Vec<_> = m.actions.iter().map(|a| named(&a.id, &a.name)).collect();
    let outcomes: Vec<_> = m.outcomes.iter().map(|o| named(&o.id, &o.name)).collect();
    for (definition, field, ids) in [
        ("answer", "criterion", &criteria),
        ("answer", "sources", &sources),
        ("inventory_item", "type", &sources),
        ("inventory_item", "steps", &steps),
        ("plan_item", "action", &actions),
        ("plan_item", "criteria", &questions),
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
            enumerate(target, ids);
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
    if let Some(p) = property(&mut schema, "answer", "score") {
        scale(p, m);
    }
    schema["title"] = json!(f("schema.title", &[&m.version]));
    schema
}

/// Writes `ids` as the enumeration of `target`, with each value's text in `enumDescriptions`
/// and `markdownEnumDescriptions` (what VS Code and yaml-language-server show in completion).
fn enumerate(target: &mut Value, ids: &[(String, String)]) {
    let values: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    let texts: Vec<&str> = ids.iter().map(|(_, text)| text.as_str()).collect();
    target["enum"] = json!(values);
    target["enumDescriptions"] = json!(texts);
    target["markdownEnumDescriptions"] = json!(texts);
}

/// A criterion as completion shows it: its question, then each level's descriptor.
fn criterion_text(c: &crate::model::Criterion) -> String {
    let mut text = c.question.trim().to_string();
    for (level, descriptor) in c.levels.iter().enumerate() {
        text.push_str(&format!("\n\n{level} : {}", descriptor.trim()));
    }
    text
}

/// The score of an answer: the levels of the scale, `na`, `inconnu` and `a-repondre`, each
/// with its label and meaning.
fn scale(p: &mut Value, m: &Methodology) {
    let mut ids: Vec<(Value, String)> = m
        .scale
        .levels
        .iter()
        .map(|l| (json!(l.level), format!("{} : {}", l.label, l.description)))
        .collect();
    for (id, level) in [("na", &m.scale.na), ("inconnu", &m.scale.inconnu)] {
        ids.push((
            json!(id),
            format!("{} : {}", level.label, level.description),
        ));
    }
    ids.push((
        json!(crate::check::A_REPONDRE),
        t("schema.score.a-repondre").to_string(),
    ));
    let description = p.get("description").cloned();
    *p = json!({
        "enum": ids.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>(),
        "enumDescriptions": ids.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>(),
        "markdownEnumDescriptions": ids.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>(),
    });
    if let Some(d) = description {
        p["description"] = d;
    }
}

/// Returns the JSON Schema (draft-07) of `communes/<slug>/commune.yaml` in the repository of
/// `model`: the shape of [`RawCommune`], the configured intercommunales and the newest
/// methodology's typology as enumerations, French descriptions (`schema.commune.<field>`).
pub fn commune_schema(model: &Model) -> Value {
    let mut schema: Value = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawCommune>()
        .into();
    let intercommunales: Vec<(String, String)> = model
        .config
        .intercommunales
        .iter()
        .map(|(id, i)| (id.clone(), i.name.clone()))
        .collect();
    let degurba: Vec<(String, String)> = model
        .methodologies
        .get(model.latest())
        .map(|m| {
            m.degurba
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    for (field, ids) in [("intercommunale", &intercommunales), ("degurba", &degurba)] {
        if let Some(p) = property(&mut schema, "audit", field) {
            enumerate(p, ids);
        }
    }
    describe(&mut schema, "commune");
    schema["title"] = json!(t("schema.commune-title"));
    schema
}

/// The committed schema files of the repository of `model` (`schemas/` at its root): one per
/// methodology version, released or in the working tree, and the one of `commune.yaml`.
pub fn schema_files(model: &Model) -> Vec<(String, String)> {
    let text = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    let mut files: Vec<(String, String)> = model
        .methodologies
        .iter()
        .map(|(version, m)| (audit_schema_path(version), text(&audit_schema(m))))
        .collect();
    files.push((COMMUNE_SCHEMA.to_string(), text(&commune_schema(model))));
    files
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

/// The schema of a score: a level 0 to 4, `na`, `inconnu` or `a-repondre` (used by
/// [`RawAnswer`]'s derive; [`audit_schema`] then describes each value from the methodology).
pub fn score_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "oneOf": [
            {"type": "integer", "minimum": 0, "maximum": 4},
            {"type": "string", "enum": ["na", "inconnu", "a-repondre"]},
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
