//! Outcome indicators (what a commune measures of its town centre, never mixed into maturity
//! scores) and the estimated cost and return of each step, as checked.

use serde::{Deserialize, Serialize};

/// Which way an outcome indicator improves.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// A higher value is better.
    Higher,
    /// A lower value is better.
    Lower,
}

/// An outcome indicator defined by the methodology.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeIndicator {
    /// Slug id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unit the value is written in, e.g. `%`.
    pub unit: String,
    /// Which way it improves.
    pub better: Better,
    /// Markdown: how to measure it.
    pub protocol: String,
    /// The slug of the handbook chapter that explains it.
    pub chapter: Option<String>,
}

/// One outcome measured by an audit.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeRecord {
    /// The indicator's id in the audit's methodology.
    pub indicator: String,
    /// The measured value, in the indicator's unit.
    pub value: f64,
    /// Date of the measure, `YYYY-MM-DD`.
    pub date: String,
    /// What was counted, where and when.
    pub method: String,
}

/// The estimated yearly cost and return of one step, in euros, low and high.
#[derive(Clone, Debug, Serialize)]
pub struct StepEconomics {
    /// Step id.
    pub step: String,
    /// Yearly cost range, euros.
    pub cost_yearly: Option<[f64; 2]>,
    /// Yearly return range, euros.
    pub return_yearly: Option<[f64; 2]>,
    /// What the ranges assume.
    pub assumptions: String,
}
