//! `parcours schema`: every audit of the demo and of the valid fixtures validates against the
//! JSON Schema of its methodology version, and a broken audit does not.
//!
//! The validator below knows exactly the keywords the emitted schema uses and panics on any
//! other, so a schema change it does not understand fails here instead of passing unchecked
//! (the `jsonschema` crate would add 33 crates to the tree; see docs/DECISIONS.md).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{assert_golden, fixtures, overwrite};

/// Every `communes/<slug>/audits/*.yaml` under `root`, sorted.
fn audits(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(communes) = std::fs::read_dir(root.join("communes")) else {
        return out;
    };
    for commune in communes.flatten() {
        if let Ok(files) = std::fs::read_dir(commune.path().join("audits")) {
            out.extend(
                files
                    .flatten()
                    .map(|f| f.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
            );
        }
    }
    out.sort();
    out
}

/// The schema of each methodology version of the repository at `root`.
fn schemas(root: &Path) -> std::collections::BTreeMap<String, Value> {
    let options = parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let (prepared, diagnostics) = parcours::prepare(&options).unwrap();
    let model = prepared
        .unwrap_or_else(|| panic!("{root:?} checks: {diagnostics:?}"))
        .model;
    model
        .methodologies
        .iter()
        .map(|(v, m)| (v.clone(), parcours::scaffold::audit_schema(m)))
        .collect()
}

fn yaml(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn assert_all_valid(root: &Path) {
    let schemas = schemas(root);
    let files = audits(root);
    assert!(!files.is_empty(), "no audit under {root:?}");
    for file in files {
        let audit = yaml(&file);
        let version = audit["methodology"].as_str().unwrap();
        let schema = &schemas[version];
        let errors = validate(schema, schema, &audit, "");
        assert!(errors.is_empty(), "{file:?}: {errors:#?}");
    }
}

#[test]
fn demo_audits_validate_against_the_schema() {
    assert_all_valid(Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn fixture_audits_validate_against_the_schema() {
    assert_all_valid(&fixtures().join("minimal"));
    assert_all_valid(&fixtures().join("outcomes"));
    assert_all_valid(&fixtures().join("hostile/repo"));
}

/// The model of the repository at `root`, checked.
fn model(root: &Path) -> parcours::model::Model {
    let options = parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let (prepared, diagnostics) = parcours::prepare(&options).unwrap();
    prepared
        .unwrap_or_else(|| panic!("{root:?} checks: {diagnostics:?}"))
        .model
}

/// `schemas/` holds exactly what the repository gives: one audit schema per methodology
/// version (each released one as read from its commit, and the working tree's) and the schema
/// of commune.yaml. `GOLDEN=overwrite cargo test` (or `parcours schema --write`) refreshes it.
#[test]
fn committed_schemas_are_regenerated_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = model(root);
    let files = parcours::scaffold::schema_files(&model);
    for version in &model.order {
        let path = parcours::scaffold::audit_schema_path(version);
        assert!(files.iter().any(|(p, _)| *p == path), "{path}");
    }
    if overwrite() {
        let _ = std::fs::remove_dir_all(root.join("schemas"));
    }
    for (path, text) in &files {
        assert_golden(&root.join(path), text);
    }
    let mut committed: Vec<String> = std::fs::read_dir(root.join("schemas"))
        .unwrap()
        .map(|e| format!("schemas/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    committed.sort();
    let mut expected: Vec<String> = files.into_iter().map(|(p, _)| p).collect();
    expected.sort();
    assert_eq!(committed, expected, "a stale schema in schemas/");
}

#[test]
fn demo_communes_validate_against_the_commune_schema_and_placeholders_do_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema = parcours::scaffold::commune_schema(&model(root));
    for (field, s) in schema["properties"].as_object().unwrap() {
        let text = s["description"].as_str().unwrap_or("");
        assert!(!text.is_empty(), "{field} has no description");
    }
    assert_eq!(
        schema["properties"]["degurba"]["enumDescriptions"][0],
        "Villes (zones densément peuplées)"
    );
    let mut n = 0;
    for commune in std::fs::read_dir(root.join("communes")).unwrap() {
        let file = commune.unwrap().path().join("commune.yaml");
        let value = yaml(&file);
        let errors = validate(&schema, &schema, &value, "");
        assert!(errors.is_empty(), "{file:?}: {errors:#?}");
        n += 1;
        let mut broken = value.clone();
        broken["degurba"] = "a-renseigner".into();
        broken["ins"] = "00000a".into();
        broken["intercommunale"] = "nulle-part".into();
        assert_eq!(validate(&schema, &schema, &broken, "").len(), 3);
    }
    assert!(n >= 10);
}

/// A change that makes an audit invalid.
type Breakage = fn(&mut Value);

#[test]
fn broken_audits_do_not_validate() {
    let root = fixtures().join("minimal");
    let schema = &schemas(&root)["1.0"];
    let good = yaml(&audits(&root)[0]);
    let breakages: [(&str, Breakage); 9] = [
        ("unknown field", |a| a["statut"] = "draft".into()),
        ("missing status", |a| {
            a.as_object_mut().unwrap().remove("status");
        }),
        ("unknown criterion", |a| {
            a["answers"][0]["criterion"] = "stationner.nulle-part".into()
        }),
        ("score 5", |a| a["answers"][0]["score"] = 5.into()),
        ("bad status", |a| a["status"] = "publie".into()),
        ("bad date", |a| a["date"] = "14/03/2025".into()),
        ("long auditor", |a| {
            a["auditors"] = serde_json::json!(["x".repeat(501)])
        }),
        (
            "economics range of one",
            |a| a["economics"] = serde_json::json!([{"step": "stationner", "cost_yearly": [1]}]),
        ),
        (
            "economics of an unknown step",
            |a| a["economics"] = serde_json::json!([{"step": "voler", "cost_yearly": [1, 2]}]),
        ),
    ];
    assert!(validate(schema, schema, &good, "").is_empty());
    for (what, breakage) in breakages {
        let mut audit = good.clone();
        breakage(&mut audit);
        assert!(
            !validate(schema, schema, &audit, "").is_empty(),
            "{what} validated"
        );
    }
}

/// Validates `value` against `schema` (draft-07, the keywords `audit_schema` emits).
fn validate(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(keywords) = schema.as_object() else {
        panic!("{at}: schema is not an object");
    };
    macro_rules! fail {
        ($($what:tt)*) => { errors.push(format!("{at}: {}", format!($($what)*))) };
    }
    for (keyword, rule) in keywords {
        match keyword.as_str() {
            "$schema"
            | "title"
            | "description"
            | "examples"
            | "default"
            | "format"
            | "definitions"
            | "enumDescriptions"
            | "markdownEnumDescriptions" => {}
            "$ref" => {
                let name = rule
                    .as_str()
                    .unwrap()
                    .strip_prefix("#/definitions/")
                    .unwrap();
                let target = &root["definitions"][name];
                assert!(target.is_object(), "{at}: dangling {name}");
                errors.extend(validate(root, target, value, at));
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::Array(list) => list.iter().map(|t| t.as_str().unwrap()).collect(),
                    t => vec![t.as_str().unwrap()],
                };
                if !types.iter().any(|t| has_type(value, t)) {
                    fail!("{value} is not {types:?}");
                }
            }
            "enum" if !rule.as_array().unwrap().contains(value) => {
                fail!("{value} not in the enumeration")
            }
            "enum" => {}
            "anyOf" | "oneOf" => {
                let passing = rule
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| validate(root, s, value, at).is_empty())
                    .count();
                if passing == 0 || (keyword == "oneOf" && passing > 1) {
                    fail!("{value}: {passing} of {keyword} match");
                }
            }
            "minimum" | "maximum" | "maxLength" | "maxItems" | "minItems" | "pattern" => {
                if let Some(problem) = limit_broken(keyword, rule, value) {
                    fail!("{problem}");
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    errors.extend(validate(root, rule, item, &format!("{at}[{i}]")));
                }
            }
            "required" => {
                for key in rule.as_array().unwrap() {
                    if value.get(key.as_str().unwrap()).is_none() && value.is_object() {
                        fail!("missing {key}");
                    }
                }
            }
            "properties" => {
                for (key, item) in value.as_object().into_iter().flatten() {
                    if let Some(sub) = rule.get(key) {
                        errors.extend(validate(root, sub, item, &format!("{at}.{key}")));
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(rule, &Value::Bool(false), "{at}");
                let known = schema["properties"].as_object().unwrap();
                for key in value.as_object().into_iter().flatten().map(|(k, _)| k) {
                    if !known.contains_key(key) {
                        fail!("unknown field {key}");
                    }
                }
            }
            other => panic!("{at}: keyword {other} is not known to this validator"),
        }
    }
    errors
}

/// Checks one of the keywords that bound a value; the problem when the value breaks it.
fn limit_broken(keyword: &str, rule: &Value, value: &Value) -> Option<String> {
    match keyword {
        "minimum" | "maximum" => {
            let (v, bound) = (value.as_f64()?, rule.as_f64()?);
            let broken = (keyword == "minimum" && v < bound) || (keyword == "maximum" && v > bound);
            broken.then(|| format!("{v} beyond {keyword} {bound}"))
        }
        "maxLength" => {
            let s = value.as_str()?;
            (s.chars().count() as u64 > rule.as_u64().unwrap())
                .then(|| format!("text longer than {rule}"))
        }
        "maxItems" => {
            let items = value.as_array()?;
            (items.len() as u64 > rule.as_u64().unwrap()).then(|| format!("more than {rule} items"))
        }
        "minItems" => {
            let items = value.as_array()?;
            ((items.len() as u64) < rule.as_u64().unwrap())
                .then(|| format!("fewer than {rule} items"))
        }
        _ => {
            let s = value.as_str()?;
            (!matches_pattern(rule.as_str().unwrap(), s))
                .then(|| format!("{s:?} does not match {rule}"))
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        other => panic!("type {other} is not known to this validator"),
    }
}

/// Matches the anchored patterns the schema uses: literal characters, `[…]` classes of
/// characters and ranges, each optionally followed by `{n}`. Panics on any other syntax.
fn matches_pattern(pattern: &str, text: &str) -> bool {
    let body = pattern
        .strip_prefix('^')
        .and_then(|p| p.strip_suffix('$'))
        .expect("anchored pattern");
    let mut atoms: Vec<(Vec<(char, char)>, usize)> = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        let class = match c {
            '[' => {
                let mut ranges = Vec::new();
                while let Some(first) = chars.next().filter(|&c| c != ']') {
                    if chars.peek() == Some(&'-') {
                        chars.next();
                        ranges.push((first, chars.next().unwrap()));
                    } else {
                        ranges.push((first, first));
                    }
                }
                ranges
            }
            '{' | '}' | '(' | ')' | '*' | '+' | '?' | '.' | '|' | '\\' => {
                panic!("pattern syntax {c} is not known to this validator")
            }
            literal => vec![(literal, literal)],
        };
        let mut count = 1;
        if chars.peek() == Some(&'{') {
            chars.next();
            let digits: String = chars.by_ref().take_while(|&c| c != '}').collect();
            count = digits.parse().unwrap();
        }
        atoms.push((class, count));
    }
    let mut text = text.chars();
    for (class, count) in atoms {
        for _ in 0..count {
            let Some(c) = text.next() else {
                return false;
            };
            if !class.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)) {
                return false;
            }
        }
    }
    text.next().is_none()
}

/// TODO(lead): set to `true` once the canonical audit writer's branch (src/capture/) is merged:
/// it rewrites the demo audits in canonical form, schema line first. Until then the demo audits
/// are not edited here and only their schema file is checked to exist.
const DEMO_AUDITS_CARRY_THE_SCHEMA_LINE: bool = true;

/// Every demo YAML file starts with the `yaml-language-server` line naming its committed
/// schema by a path relative to the file, so editors complete and check it without a build.
#[test]
fn every_demo_yaml_carries_its_schema_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let line = |text: &str| text.lines().next().unwrap_or("").to_string();
    let mut checked = 0;
    for commune in std::fs::read_dir(root.join("communes")).unwrap() {
        let dir = commune.unwrap().path();
        let file = dir.join("commune.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        let expected = "# yaml-language-server: $schema=../../schemas/commune.schema.json";
        assert_eq!(line(&text), expected, "{file:?}");
        assert!(dir.join("../../schemas/commune.schema.json").is_file());
        checked += 1;
    }
    for file in audits(root) {
        let text = std::fs::read_to_string(&file).unwrap();
        let version = yaml(&file)["methodology"].as_str().unwrap().to_string();
        let schema = format!("../../../schemas/audit-{version}.schema.json");
        assert!(file.parent().unwrap().join(&schema).is_file(), "{schema}");
        if DEMO_AUDITS_CARRY_THE_SCHEMA_LINE {
            let expected = format!("# yaml-language-server: $schema={schema}");
            assert_eq!(line(&text), expected, "{file:?}");
        }
        checked += 1;
    }
    assert!(checked > 20, "{checked}");
}
