//! The files as written: structs that mirror the YAML exactly, with spans on every value
//! a later check may need to point at. Nothing here is validated beyond its type.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::model::limits as ranges;

use crate::model::{Access, AuditStatus, PersonalData, PlanStatus, Track};

mod outcomes;
mod plan;
pub use outcomes::*;
pub use plan::*;

/// A string with its place in the file.
pub type Sp<T> = Spanned<T>;

/// `content/methodology.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMethodology {
    pub version: Sp<String>,
    pub title: String,
    pub steps: Vec<RawStep>,
    pub angles: Vec<RawAngle>,
    pub scale: RawScale,
    pub criteria: Vec<RawCriterion>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub actions: Vec<RawAction>,
    /// Cost factors and default envelopes by population band (from 1.3).
    #[serde(default)]
    pub cost_bands: Vec<RawCostBand>,
    pub typologies: RawTypologies,
    #[serde(default)]
    pub outcomes: Vec<RawOutcomeIndicator>,
    /// The editors' notes on what this version changes, for the changelog.
    #[serde(default)]
    pub notes: Vec<RawNote>,
}

/// An editor's note on a change of this version: about one item or several (by id), or general.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    /// The id of a step, angle, criterion, source or action of this version, or a list of them
    /// (one sentence explaining a change made alike to several items); none for a note on the
    /// version as a whole.
    #[serde(default)]
    pub about: Option<RawAbout>,
    /// What changed and why, in a sentence or two (Markdown, one paragraph).
    pub text: Sp<String>,
}

/// What a note is about: one id, or a list of ids.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawAbout {
    /// `about: acheter`
    One(Sp<String>),
    /// `about: [acheter.a, acheter.b]`
    Many(Vec<Sp<String>>),
}

impl RawAbout {
    /// The ids, in file order.
    pub fn into_ids(self) -> Vec<Sp<String>> {
        match self {
            Self::One(id) => vec![id],
            Self::Many(ids) => ids,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub id: Sp<String>,
    pub name: String,
    #[serde(default)]
    pub short: Option<String>,
    /// Markdown, placed so `check` can point into it.
    #[serde(default)]
    pub description: Option<Sp<String>>,
    #[serde(default)]
    pub frictions: Vec<String>,
    #[serde(default)]
    pub replaces: Option<Sp<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAngle {
    pub id: Sp<String>,
    pub name: String,
    #[serde(default)]
    pub question: String,
    /// Markdown, placed so `check` can point into it.
    #[serde(default)]
    pub description: Option<Sp<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub levels: Sp<Vec<RawLevel>>,
    pub na: RawLabel,
    pub inconnu: RawLabel,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    pub level: Sp<i64>,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLabel {
    pub label: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub id: Sp<String>,
    pub step: Sp<String>,
    pub angle: Sp<String>,
    pub question: String,
    pub levels: Sp<Vec<String>>,
    pub weight: Sp<f64>,
    #[serde(default)]
    pub sources: Vec<Sp<String>>,
    #[serde(default)]
    pub guidance: Option<Sp<String>>,
    #[serde(default)]
    pub replaces: Option<Sp<String>>,
    #[serde(default)]
    pub light: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Sp<String>,
    pub name: String,
    /// Markdown, placed so `check` can point into it.
    #[serde(default)]
    pub description: Option<Sp<String>>,
    #[serde(default)]
    pub steps: Vec<Sp<String>>,
    #[serde(default)]
    pub holder: String,
    pub personal_data: PersonalData,
    /// Markdown, placed so `check` can point into it.
    #[serde(default)]
    pub lawful_use: Option<Sp<String>>,
    #[serde(default)]
    pub usual_cost: String,
    #[serde(default)]
    pub replaces: Option<Sp<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    pub id: Sp<String>,
    pub name: String,
    /// Markdown, placed so `check` can point into it.
    #[serde(default)]
    pub description: Option<Sp<String>>,
    pub triggers: Vec<RawTrigger>,
    /// Prerequisite action ids (from 1.3).
    #[serde(default)]
    pub requires: Vec<Sp<String>>,
    /// How its costs follow the size of the commune (from 1.3; default `band`).
    #[serde(default)]
    pub scaling: crate::model::Scaling,
    #[serde(default)]
    pub steps: Vec<Sp<String>>,
    #[serde(default)]
    pub angles: Vec<Sp<String>>,
    pub cost_one_off: Sp<[f64; 2]>,
    pub cost_yearly: Sp<[f64; 2]>,
    pub staff_days: Sp<[f64; 2]>,
    pub lead_time_months: u32,
    pub impact: Sp<i64>,
    #[serde(default)]
    pub benefit: String,
    #[serde(default)]
    pub gdpr: String,
    #[serde(default)]
    pub replaces: Option<Sp<String>>,
    #[serde(default)]
    pub light: bool,
    /// `marche`, `interne`, `convention` or `subside` (from 1.3); checked in `check`.
    #[serde(default)]
    pub kind: Option<Sp<String>>,
    #[serde(default)]
    pub deliverables: Vec<Sp<String>>,
    #[serde(default)]
    pub award_criteria: Vec<RawAwardCriterion>,
}

/// An award criterion of a procurable action as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAwardCriterion {
    pub name: Sp<String>,
    pub weight: Sp<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrigger {
    pub criterion: Sp<String>,
    pub max_level: Sp<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTypologies {
    pub degurba: Vec<RawTypology>,
    pub population_bands: Vec<RawBand>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTypology {
    pub id: Sp<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub id: Sp<String>,
    pub name: String,
    pub min: Sp<u64>,
    #[serde(default)]
    pub max: Option<u64>,
}

/// `communes/<slug>/commune.yaml` as written. Numbers and texts keep their place, so that a
/// value out of its range (`check::ranges`) is reported where it is written. The struct also
/// gives the JSON Schema of the file (`crate::scaffold::commune_schema`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "commune")]
pub struct RawCommune {
    #[schemars(with = "String", length(max = ranges::NAME_CHARS))]
    pub name: Sp<String>,
    #[schemars(with = "String", regex(pattern = r"^[0-9]{5}$"))]
    pub ins: Sp<String>,
    #[schemars(with = "String", length(max = ranges::NAME_CHARS))]
    pub province: Sp<String>,
    #[schemars(with = "String")]
    pub intercommunale: Sp<String>,
    #[schemars(with = "u64", range(min = ranges::POPULATION.min, max = ranges::POPULATION.max))]
    pub population: Sp<u64>,
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = ranges::POPULATION_YEAR.min, max = ranges::POPULATION_YEAR.max))]
    pub population_year: Option<Sp<u32>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(max = ranges::AREA_KM2_MAX))]
    pub area_km2: Option<Sp<f64>>,
    #[schemars(with = "String")]
    pub degurba: Sp<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = ranges::LINE_CHARS))]
    pub sources_note: Option<Sp<String>>,
    #[serde(default)]
    pub fictional: bool,
}

/// `communes/<slug>/audits/<YYYY-MM>.yaml` as written. The audit structs also give the JSON
/// Schema of the format (`crate::scaffold::audit_schema`): the bounds below are those of
/// `check::ranges`, and the methodology's ids are added there.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "audit")]
pub struct RawAudit {
    #[schemars(with = "String")]
    pub methodology: Sp<String>,
    #[schemars(with = "String", regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Sp<String>,
    pub status: AuditStatus,
    #[serde(default)]
    #[schemars(with = "Vec<String>", length(max = ranges::AUDITORS))]
    #[schemars(inner(length(max = ranges::LINE_CHARS)))]
    pub auditors: Vec<Sp<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = ranges::TEXT_CHARS))]
    pub summary: Option<Sp<String>>,
    #[serde(default)]
    pub answers: Vec<RawAnswer>,
    #[serde(default)]
    #[schemars(length(max = ranges::INVENTORY_ITEMS))]
    pub inventory: Vec<RawInventoryItem>,
    #[serde(default)]
    #[schemars(length(max = ranges::PLAN_ITEMS))]
    pub plan: Vec<RawPlanItem>,
    #[serde(default)]
    pub indicators: Option<RawIndicators>,
    #[serde(default)]
    #[schemars(with = "Option<Track>")]
    pub track: Option<Sp<Track>>,
    #[serde(default)]
    #[schemars(length(max = ranges::OUTCOMES))]
    pub outcomes: Vec<RawOutcome>,
    #[serde(default)]
    pub economics: Vec<RawStepEconomics>,
    /// The resources the commune gives its next plan (optional).
    #[serde(default)]
    pub envelope: Option<RawEnvelope>,
}

/// The optional territory indicators of an audit as written.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "indicators")]
pub struct RawIndicators {
    #[serde(default)]
    #[schemars(with = "Option<u64>", range(min = ranges::COUNT.min, max = ranges::COUNT.max))]
    pub shops: Option<Sp<u64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = ranges::PERCENT.min, max = ranges::PERCENT.max))]
    pub vacancy_rate: Option<Sp<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<u64>", range(min = ranges::COUNT.min, max = ranges::COUNT.max))]
    pub parking_spaces: Option<Sp<u64>>,
    #[serde(default)]
    #[schemars(with = "Option<u64>", range(min = ranges::COUNT.min, max = ranges::COUNT.max))]
    pub collection_points: Option<Sp<u64>>,
    #[serde(default)]
    #[schemars(with = "Option<u64>", range(min = ranges::FOOTFALL.min, max = ranges::FOOTFALL.max))]
    pub footfall: Option<Sp<u64>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = ranges::LINE_CHARS))]
    pub footfall_source: Option<Sp<String>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "answer")]
pub struct RawAnswer {
    #[schemars(with = "String")]
    pub criterion: Sp<String>,
    #[schemars(schema_with = "crate::scaffold::score_schema")]
    pub score: Sp<RawScore>,
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = ranges::TEXT_CHARS))]
    pub evidence: Option<Sp<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sources: Vec<Sp<String>>,
}

/// A score as written: a number or a word; checked later so errors point at it. Integers,
/// floats (`2.0`) and other spellings (`0x2`, `+2`) all come as numbers: `check` tells
/// them apart by the length of the written scalar.
#[derive(Debug, Clone, PartialEq)]
pub enum RawScore {
    Number(f64),
    Word(String),
}

impl<'de> Deserialize<'de> for RawScore {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawScore;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level 0-4, `na` or `inconnu`")
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawScore, E> {
                Ok(RawScore::Number(v as f64))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawScore, E> {
                Ok(RawScore::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawScore, E> {
                Ok(RawScore::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawScore, E> {
                Ok(RawScore::Word(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawScore, E> {
                Ok(RawScore::Word(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<RawScore, E> {
                Ok(RawScore::Word(String::new()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "inventory_item")]
pub struct RawInventoryItem {
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub kind: Sp<String>,
    #[schemars(with = "String", length(max = ranges::LINE_CHARS))]
    pub name: Sp<String>,
    #[serde(default)]
    #[schemars(length(max = ranges::LINE_CHARS))]
    pub holder: String,
    pub access: Access,
    #[serde(default)]
    #[schemars(length(max = ranges::LINE_CHARS))]
    pub format: String,
    #[serde(default)]
    #[schemars(length(max = ranges::LINE_CHARS))]
    pub refresh: String,
    #[schemars(with = "PersonalData")]
    pub personal_data: Sp<PersonalData>,
    #[serde(default)]
    #[schemars(length(max = ranges::LINE_CHARS))]
    pub legal_basis: String,
    #[serde(default)]
    pub dpia: bool,
    /// Whether a DPIA is required (art. 35 or the APD list); when absent, a personal-data source
    /// without one is taken as requiring it (the rule of methodology 1.0 and 1.1).
    #[serde(default)]
    pub dpia_required: Option<bool>,
    /// Whether the processing is in the commune's register of processing activities.
    #[serde(default)]
    pub in_register: Option<bool>,
    #[schemars(with = "i64", range(min = 0, max = 4))]
    pub quality: Sp<i64>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub steps: Vec<Sp<String>>,
    #[serde(default)]
    #[schemars(length(max = ranges::LINE_CHARS))]
    pub citation: String,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "plan_item")]
pub struct RawPlanItem {
    #[schemars(with = "String")]
    pub action: Sp<String>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub criteria: Vec<Sp<String>>,
    #[schemars(with = "String", length(max = ranges::LINE_CHARS))]
    pub owner: Sp<String>,
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = ranges::STAFF_DAYS.min, max = ranges::STAFF_DAYS.max))]
    pub staff_days: Option<Sp<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = ranges::EUROS.min, max = ranges::EUROS.max))]
    pub budget_one_off: Option<Sp<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>", range(min = ranges::EUROS.min, max = ranges::EUROS.max))]
    pub budget_yearly: Option<Sp<f64>>,
    #[schemars(with = "String", regex(pattern = r"^[0-9]{4}-Q[1-4]$"))]
    pub start: Sp<String>,
    #[schemars(with = "String", regex(pattern = r"^[0-9]{4}-Q[1-4]$"))]
    pub end: Sp<String>,
    pub status: PlanStatus,
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = ranges::LINE_CHARS))]
    pub kpi: Option<Sp<String>>,
}

/// A handbook chapter's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: String,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub steps: Vec<Sp<String>>,
    #[serde(default)]
    pub angles: Vec<Sp<String>>,
}
