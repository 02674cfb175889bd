//! The outcome indicators and the per-step cost and return as written (methodology and audit).

use schemars::JsonSchema;
use serde::Deserialize;

use super::Sp;
use crate::model::limits as ranges;
use crate::model::Better;

/// An outcome indicator of `content/methodology.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcomeIndicator {
    pub id: Sp<String>,
    pub name: String,
    pub unit: String,
    pub better: Better,
    /// Markdown, placed so `check` can point into it.
    #[serde(default)]
    pub protocol: Option<Sp<String>>,
    #[serde(default)]
    pub chapter: Option<Sp<String>>,
}

/// One measured outcome of an audit as written.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "outcome")]
pub struct RawOutcome {
    #[schemars(with = "String")]
    pub indicator: Sp<String>,
    #[schemars(with = "f64", range(min = ranges::OUTCOME_VALUE.min, max = ranges::OUTCOME_VALUE.max))]
    pub value: Sp<f64>,
    #[schemars(with = "String", regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Sp<String>,
    #[schemars(with = "String", length(max = ranges::LINE_CHARS))]
    pub method: Sp<String>,
}

/// The estimated cost and return of one step as written.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "step_economics")]
pub struct RawStepEconomics {
    #[schemars(with = "String")]
    pub step: Sp<String>,
    #[serde(default)]
    #[schemars(with = "Option<[f64; 2]>")]
    #[schemars(inner(range(min = ranges::STEP_EUROS.min, max = ranges::STEP_EUROS.max)))]
    pub cost_yearly: Option<Sp<[f64; 2]>>,
    #[serde(default)]
    #[schemars(with = "Option<[f64; 2]>")]
    #[schemars(inner(range(min = ranges::STEP_EUROS.min, max = ranges::STEP_EUROS.max)))]
    pub return_yearly: Option<Sp<[f64; 2]>>,
    #[serde(default)]
    #[schemars(with = "Option<String>", length(max = ranges::TEXT_CHARS))]
    pub assumptions: Option<Sp<String>>,
}
