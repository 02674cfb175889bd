//! The resolved model: what templates, scores and charts see once every reference is checked.
//!
//! Built by `check` from the raw files; never read from disk directly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A methodology version: steps, angles, scale, criteria, data catalogue, actions, typologies.
#[derive(Clone, Debug, Serialize)]
pub struct Methodology {
    /// The version label, e.g. `1.0`.
    pub version: String,
    /// The methodology title.
    pub title: String,
    /// The journey steps, in order.
    pub steps: Vec<Step>,
    /// The five angles, in order.
    pub angles: Vec<Angle>,
    /// The maturity scale.
    pub scale: Scale,
    /// Every criterion, in file order.
    pub criteria: Vec<Criterion>,
    /// The data catalogue.
    pub sources: Vec<SourceType>,
    /// The action library.
    pub actions: Vec<Action>,
    /// Eurostat degrees of urbanisation.
    pub degurba: Vec<Typology>,
    /// Population bands for peer comparison.
    pub population_bands: Vec<PopulationBand>,
}

impl Methodology {
    /// Finds a criterion by id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
    /// Finds a step by id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }
    /// Finds an angle by id.
    pub fn angle(&self, id: &str) -> Option<&Angle> {
        self.angles.iter().find(|a| a.id == id)
    }
    /// Finds a data-source type by id.
    pub fn source(&self, id: &str) -> Option<&SourceType> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// Finds an action by id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }
    /// Returns the population band a population falls in.
    pub fn band_for(&self, population: u64) -> Option<&PopulationBand> {
        self.population_bands
            .iter()
            .find(|b| population >= b.min && b.max.is_none_or(|max| population <= max))
    }
}

/// A step of the customer journey.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// Slug id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name for charts.
    pub short: String,
    /// Markdown description.
    pub description: String,
    /// Typical frictions.
    pub frictions: Vec<String>,
    /// The id this step had in the previous version, when renamed.
    pub replaces: Option<String>,
}

/// One of the five angles.
#[derive(Clone, Debug, Serialize)]
pub struct Angle {
    /// Slug id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// The question the angle asks of a step.
    pub question: String,
    /// Markdown description.
    pub description: String,
}

/// The maturity scale.
#[derive(Clone, Debug, Serialize)]
pub struct Scale {
    /// Levels 0 to 4.
    pub levels: Vec<Level>,
    /// Not applicable.
    pub na: Level,
    /// Unknown.
    pub inconnu: Level,
}

/// One level of the maturity scale.
#[derive(Clone, Debug, Serialize)]
pub struct Level {
    /// 0..4, or -1 for na/inconnu.
    pub level: i64,
    /// Short label.
    pub label: String,
    /// What the level means.
    pub description: String,
}

/// A criterion: one question about one step under one angle.
#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    /// Id, by convention `<step>.<slug>`.
    pub id: String,
    /// Step id.
    pub step: String,
    /// Angle id.
    pub angle: String,
    /// The question.
    pub question: String,
    /// One descriptor per level, 0 to 4.
    pub levels: Vec<String>,
    /// Weight in the step, angle and cell means.
    pub weight: f64,
    /// Data-source type ids that inform it.
    pub sources: Vec<String>,
    /// Markdown guidance.
    pub guidance: String,
    /// The id this criterion had in the previous version, when renamed.
    pub replaces: Option<String>,
}

/// Whether a data source holds personal data.
#[derive(
    Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PersonalData {
    /// No personal data.
    None,
    /// Pseudonymised personal data.
    Pseudonymised,
    /// Personal data.
    Personal,
}

/// A data-source type of the catalogue.
#[derive(Clone, Debug, Serialize)]
pub struct SourceType {
    /// Slug id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Markdown description.
    pub description: String,
    /// Steps it serves.
    pub steps: Vec<String>,
    /// Usual holder.
    pub holder: String,
    /// Personal-data risk.
    pub personal_data: PersonalData,
    /// Markdown: lawful way to use it.
    pub lawful_use: String,
    /// Usual cost.
    pub usual_cost: String,
    /// The id this source had in the previous version, when renamed.
    pub replaces: Option<String>,
}

/// An action of the library.
#[derive(Clone, Debug, Serialize)]
pub struct Action {
    /// Slug id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Markdown description.
    pub description: String,
    /// Fires when any trigger holds.
    pub triggers: Vec<Trigger>,
    /// Steps it acts on.
    pub steps: Vec<String>,
    /// Angles it acts on.
    pub angles: Vec<String>,
    /// One-off cost range in euros.
    pub cost_one_off: [f64; 2],
    /// Yearly cost range in euros.
    pub cost_yearly: [f64; 2],
    /// Staff person-days range.
    pub staff_days: [f64; 2],
    /// Lead time in months.
    pub lead_time_months: u32,
    /// Expected benefit 1..5.
    pub impact: u8,
    /// Expected benefit in words.
    pub benefit: String,
    /// GDPR notes.
    pub gdpr: String,
    /// The id this action had in the previous version, when renamed.
    pub replaces: Option<String>,
}

/// A trigger: the action fires when the criterion's score is at or below `max_level`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Trigger {
    /// Criterion id.
    pub criterion: String,
    /// Highest level at which the trigger fires.
    pub max_level: u8,
}

/// A degree of urbanisation.
#[derive(Clone, Debug, Serialize)]
pub struct Typology {
    /// Slug id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// A population band.
#[derive(Clone, Debug, Serialize)]
pub struct PopulationBand {
    /// Slug id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Lowest population, inclusive.
    pub min: u64,
    /// Highest population, inclusive; none for the last band.
    pub max: Option<u64>,
}

/// A handbook chapter.
#[derive(Clone, Debug, Serialize)]
pub struct Chapter {
    /// Slug = file stem.
    pub slug: String,
    /// Repository-relative source path.
    pub path: String,
    /// Title from the front matter.
    pub title: String,
    /// Order from the front matter.
    pub order: i64,
    /// Linked step ids.
    pub steps: Vec<String>,
    /// Linked angle ids.
    pub angles: Vec<String>,
    /// Markdown body.
    pub body: String,
    /// Line of the body's first line in the file (for diagnostics).
    pub body_line: u64,
}

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

/// An answer's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// A level 0..4.
    Level(u8),
    /// Not applicable: excluded from scores.
    Na,
    /// Unknown: counts as 0.
    Inconnu,
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Score::Level(l) => s.serialize_u8(*l),
            Score::Na => s.serialize_str("na"),
            Score::Inconnu => s.serialize_str("inconnu"),
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
