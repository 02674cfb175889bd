//! What the action plan is computed from, as written: the cost bands of the methodology and
//! the envelope of an audit.

use schemars::JsonSchema;
use serde::Deserialize;

use super::Sp;
use crate::model::limits as ranges;

/// A cost band of `content/methodology.yaml` (`cost_bands:`) as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCostBand {
    /// A population band id of `typologies:`.
    pub band: Sp<String>,
    pub cost_factor: Sp<f64>,
    pub staff_factor: Sp<f64>,
    pub envelope: RawEnvelope,
}

/// An envelope as written: in a cost band, or in an audit (`envelope:`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "envelope")]
pub struct RawEnvelope {
    /// One-off budget in euros for the actions the plan proposes.
    #[schemars(with = "f64", range(min = ranges::EUROS.min, max = ranges::EUROS.max))]
    pub one_off: Sp<f64>,
    /// Yearly budget in euros for the running costs of those actions.
    #[schemars(with = "f64", range(min = ranges::EUROS.min, max = ranges::EUROS.max))]
    pub yearly: Sp<f64>,
    /// Staff person-days available for those actions.
    #[schemars(with = "f64", range(min = ranges::STAFF_DAYS.min, max = ranges::STAFF_DAYS.max))]
    pub staff_days: Sp<f64>,
}
