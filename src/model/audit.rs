//! Communes and their audits as checked: answers, data inventory, action plan, indicators.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::PersonalData;

/// A commune and its audits.
#[derive(Clone, Debug, Serialize)]
pub struct Commune {
    /// Slug = folder name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Statbel REFNIS code.
    pub ins: String,
    /// Province name.
    pub province: String,
    /// Intercommunale id.
    pub intercommunale: String,
    /// Population.
    pub population: u64,
    /// Year of the population figure.
    pub population_year: Option<u32>,
    /// Area in km².
    pub area_km2: Option<f64>,
    /// DEGURBA id.
    pub degurba: String,
    /// Attribution of identity data.
    pub sources_note: Option<String>,
    /// Audits are fictional demo data.
    pub fictional: bool,
    /// Audits sorted by id (oldest first), drafts included.
    pub audits: Vec<Audit>,
}

impl Commune {
    /// Returns published audits, oldest first (with drafts when asked).
    pub fn visible_audits(&self, drafts: bool) -> impl Iterator<Item = &Audit> {
        self.audits
            .iter()
            .filter(move |a| drafts || a.status == AuditStatus::Published)
    }
}

/// Whether an audit may be published.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AuditStatus {
    /// Work in progress, never published unless asked.
    Draft,
    /// Published.
    Published,
}

/// Which track an audit follows: every criterion, or the light track for small communes.
#[derive(
    Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, Hash, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Track {
    /// Every criterion answered exactly once.
    #[default]
    Full,
    /// Every light criterion answered; the others may be left out.
    Light,
}

/// An answer's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// A level 0..4.
    Level(u8),
    /// Not applicable: excluded from scores.
    Na,
    /// Unknown: counts as 0.
    Inconnu,
    /// Not answered yet (`a-repondre`): only in drafts; scored like `inconnu`, shown as
    /// "à répondre".
    ARepondre,
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Score::Level(l) => s.serialize_u8(*l),
            Score::Na => s.serialize_str("na"),
            Score::Inconnu => s.serialize_str("inconnu"),
            Score::ARepondre => s.serialize_str("a-repondre"),
        }
    }
}

/// An audit of one commune against one methodology version.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    /// Id = file stem, `YYYY-MM`.
    pub id: String,
    /// Repository-relative path.
    pub path: String,
    /// Methodology version label.
    pub methodology: String,
    /// Date `YYYY-MM-DD`.
    pub date: String,
    /// Draft or published.
    pub status: AuditStatus,
    /// Who audited.
    pub auditors: Vec<String>,
    /// Markdown summary.
    pub summary: String,
    /// Answers by criterion id.
    pub answers: BTreeMap<String, Answer>,
    /// Data inventory.
    pub inventory: Vec<InventoryItem>,
    /// Action plan.
    pub plan: Vec<PlanItem>,
    /// Optional indicators.
    pub indicators: Option<Indicators>,
    /// Full or light track.
    pub track: Track,
    /// Measured outcome indicators.
    pub outcomes: Vec<super::OutcomeRecord>,
    /// Estimated cost and return per step.
    pub economics: Vec<super::StepEconomics>,
    /// The resources the commune gives its next plan, when it states them.
    pub envelope: Option<super::Envelope>,
}

/// One answer.
#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    /// The score.
    pub score: Score,
    /// Evidence.
    pub evidence: String,
    /// Data-source types consulted.
    pub sources: Vec<String>,
}

/// Access to a data source.
#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Open data.
    Open,
    /// Held internally.
    Internal,
    /// Held by a partner.
    Partner,
    /// Can be bought.
    Purchasable,
    /// Not accessible.
    None,
}

impl Access {
    /// Every access kind, in display order.
    pub const ALL: [Access; 5] = [
        Access::Open,
        Access::Internal,
        Access::Partner,
        Access::Purchasable,
        Access::None,
    ];
}

/// One entry of the data inventory.
#[derive(Clone, Debug, Serialize)]
pub struct InventoryItem {
    /// Data-source type id.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Holder.
    pub holder: String,
    /// Access.
    pub access: Access,
    /// Format.
    pub format: String,
    /// Refresh rate.
    pub refresh: String,
    /// Personal data.
    pub personal_data: PersonalData,
    /// Legal basis.
    pub legal_basis: String,
    /// DPIA done.
    pub dpia: bool,
    /// Quality 0..4.
    pub quality: u8,
    /// Steps served.
    pub steps: Vec<String>,
    /// Citation of a real dataset.
    pub citation: String,
    /// Personal data without a legal basis or without DPIA.
    pub gdpr_flag: bool,
}

/// Status of a planned action.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlanStatus {
    /// Planned.
    Planned,
    /// Under way.
    InProgress,
    /// Completed.
    Done,
    /// Abandoned.
    Dropped,
}

/// A quarter, `YYYY-Qn`.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    /// Year.
    pub year: i32,
    /// 1..4.
    pub quarter: u8,
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "T{} {}", self.quarter, self.year)
    }
}

/// One action of a commune's plan.
#[derive(Clone, Debug, Serialize)]
pub struct PlanItem {
    /// Action id.
    pub action: String,
    /// Linked criteria.
    pub criteria: Vec<String>,
    /// Owner service.
    pub owner: String,
    /// Staff person-days.
    pub staff_days: f64,
    /// One-off budget in euros.
    pub budget_one_off: f64,
    /// Yearly budget in euros.
    pub budget_yearly: f64,
    /// First quarter.
    pub start: Quarter,
    /// Last quarter.
    pub end: Quarter,
    /// Status.
    pub status: PlanStatus,
    /// Indicator to follow.
    pub kpi: String,
}

/// Optional territory indicators.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    /// Number of shops.
    #[serde(default)]
    pub shops: Option<u64>,
    /// Commercial vacancy rate, percent.
    #[serde(default)]
    pub vacancy_rate: Option<f64>,
    /// Parking spaces.
    #[serde(default)]
    pub parking_spaces: Option<u64>,
    /// Collection points.
    #[serde(default)]
    pub collection_points: Option<u64>,
    /// Footfall figure.
    #[serde(default)]
    pub footfall: Option<u64>,
    /// Where the footfall figure comes from.
    #[serde(default)]
    pub footfall_source: Option<String>,
}
