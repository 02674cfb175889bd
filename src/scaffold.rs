//! Help for people writing audit files: the JSON Schema of the audit format (criterion ids,
//! source types and actions of the methodology as enumerations, so editors complete them) and
//! the scaffold of a new commune with an audit that lists every criterion.
//!
//! Pure: methodology → text. `main` decides where it goes.

use serde_json::{json, Value};

use crate::model::Methodology;

/// Returns the JSON Schema (draft-07) of `communes/<slug>/audits/<YYYY-MM>.yaml` for `m`.
pub fn audit_schema(m: &Methodology) -> Value {
    let ids = |v: Vec<&str>| json!({"type": "string", "enum": v});
    let criteria = ids(m.criteria.iter().map(|c| c.id.as_str()).collect());
    let sources = ids(m.sources.iter().map(|s| s.id.as_str()).collect());
    let steps = ids(m.steps.iter().map(|s| s.id.as_str()).collect());
    let actions = ids(m.actions.iter().map(|a| a.id.as_str()).collect());
    let text = json!({"type": "string"});
    let quarter = json!({"type": "string", "pattern": "^[0-9]{4}-Q[1-4]$"});
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
            "auditors": {"type": "array", "items": text},
            "summary": {"type": "string", "description": "Synthèse (Markdown)"},
            "answers": {"type": "array", "items": {
                "type": "object", "additionalProperties": false, "required": ["criterion", "score"],
                "properties": {
                    "criterion": criteria,
                    "score": {"oneOf": [{"type": "integer", "minimum": 0, "maximum": 4}, {"enum": ["na", "inconnu"]}],
                              "description": "0 à 4, na (sans objet) ou inconnu"},
                    "evidence": text,
                    "sources": {"type": "array", "items": sources},
                },
            }},
            "inventory": {"type": "array", "items": {
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
            "plan": {"type": "array", "items": {
                "type": "object", "additionalProperties": false,
                "required": ["action", "owner", "start", "end", "status"],
                "properties": {
                    "action": actions, "criteria": {"type": "array", "items": criteria}, "owner": text,
                    "staff_days": {"type": "number", "minimum": 0}, "budget_one_off": {"type": "number", "minimum": 0},
                    "budget_yearly": {"type": "number", "minimum": 0}, "start": quarter, "end": quarter,
                    "status": {"enum": ["planned", "in-progress", "done", "dropped"]}, "kpi": text,
                },
            }},
            "indicators": {"type": "object", "additionalProperties": false, "properties": {
                "shops": {"type": "integer", "minimum": 0}, "vacancy_rate": {"type": "number", "minimum": 0},
                "parking_spaces": {"type": "integer", "minimum": 0}, "collection_points": {"type": "integer", "minimum": 0},
                "footfall": {"type": "integer", "minimum": 0}, "footfall_source": text,
            }},
        },
    })
}

/// Returns the files of a new commune: `commune.yaml` and a draft audit listing every criterion
/// of `m` as `inconnu`, each with its question as a comment.
pub fn new_commune(m: &Methodology, slug: &str, name: &str, date: &str) -> Vec<(String, String)> {
    let month = date.get(..7).unwrap_or(date);
    let commune = format!(
        "# {}\nname: \"{}\"\nins: \"00000\"\nprovince: \"\"\nintercommunale: \"\"\npopulation: 0\npopulation_year: 2020\ndegurba: {}\n",
        crate::i18n::t("scaffold.commune-comment"),
        name.replace('"', "'"),
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
