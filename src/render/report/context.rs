//! The context of `report.html`, field by field: what a commune report shows. Every number and
//! date is already formatted (by [`crate::format`]); `Html` fields are the only ones a template
//! prints unescaped.

use serde::Serialize;

use crate::model::Scale;
use crate::render::context::changelog::NewerChanges;
use crate::render::figures::Figure;
use crate::render::Html;

/// `report.html`: one audit of one commune.
#[derive(Serialize)]
pub(crate) struct ReportPage<'a> {
    /// The page title ("Rapport — <commune>").
    pub title: String,
    /// Who and where the commune is.
    pub commune: CommuneFacts<'a>,
    /// Which audit this is.
    pub audit: AuditFacts<'a>,
    /// The overall index, formatted.
    pub overall: String,
    /// The colour band of the overall index (`low`, `mid`, `high`, `none`).
    pub overall_band: &'static str,
    /// Share of criteria answered and known, formatted as a percentage.
    pub coverage: String,
    /// One row per step, in methodology order, with its answers.
    pub steps: Vec<PartRow<'a>>,
    /// One row per angle, in methodology order.
    pub angles: Vec<PartRow<'a>>,
    /// The weakest step × angle cells, weakest first.
    pub weak: Vec<LinkRow<'a>>,
    /// The strongest cells, strongest first.
    pub strong: Vec<LinkRow<'a>>,
    /// The data inventory.
    pub inventory: Vec<InventoryRow<'a>>,
    /// How many inventory entries carry a GDPR flag.
    pub gdpr_flags: usize,
    /// The action plan.
    pub plan: Vec<PlanRow<'a>>,
    /// Planned one-off budget, dropped actions excepted, formatted.
    pub total_one_off: String,
    /// Planned yearly budget, dropped actions excepted, formatted.
    pub total_yearly: String,
    /// The proposed action plan: priority actions by horizon, the annex, its figures.
    pub proposed: super::plan::PlanBlock<'a>,
    /// Territory indicators, formatted.
    pub indicators: IndicatorFacts<'a>,
    /// Every visible audit of the commune, oldest first, to move between them.
    pub audits: Vec<AuditLink<'a>>,
    /// What changed in the methodology since the audit's version (null when it is the latest).
    pub newer: Option<NewerChanges>,
    /// The maturity scale of the audit's methodology.
    pub scale: &'a Scale,
    /// The figures: radar, heatmap, inventory and, with a previous audit, progress.
    pub charts: std::collections::BTreeMap<&'static str, Figure>,
    /// Comparisons with peers (the current report only; empty on earlier ones).
    pub peers: Vec<PeerBlock<'a>>,
    /// What moved since the previous audit.
    pub progress: Option<ProgressBlock<'a>>,
    /// The tender page, from the current report only.
    pub tender: Option<String>,
    /// Outcome indicators measured by the audit, with their trend (never in the scores).
    pub outcomes: Vec<super::outcomes::OutcomeRow<'a>>,
    /// Estimated yearly cost and return per step.
    pub economics: Vec<super::outcomes::EconomicsRow<'a>>,
    /// "En bref": the index and what it means, the weakest links, the first actions, the next
    /// audit.
    pub brief: super::brief::Brief,
}

/// The commune's identity card.
#[derive(Serialize)]
pub struct CommuneFacts<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its INS (NIS) code.
    pub ins: &'a str,
    /// Its province.
    pub province: &'a str,
    /// The name of its intercommunale.
    pub intercommunale: String,
    /// Its population, formatted.
    pub population: String,
    /// The year of the population figure.
    pub population_year: Option<u32>,
    /// Its area in km², formatted.
    pub area: Option<String>,
    /// Inhabitants per km², formatted.
    pub density: Option<String>,
    /// The name of its degree of urbanisation.
    pub degurba: Option<String>,
    /// The name of its population band.
    pub band: Option<String>,
    /// Where its figures come from.
    pub sources_note: Option<&'a str>,
    /// The commune is a made-up example.
    pub fictional: bool,
}

/// Which audit a report is of.
#[derive(Serialize)]
pub struct AuditFacts<'a> {
    /// Its id (the folder of earlier reports).
    pub id: &'a str,
    /// Its date, formatted.
    pub date: String,
    /// It is a draft (shown only with `--drafts` and in the preview).
    pub draft: bool,
    /// Who made it.
    pub auditors: &'a [String],
    /// Its summary, Markdown rendered and sanitised.
    pub summary: Html,
    /// The methodology version it was made against.
    pub version: &'a str,
    /// The home of that version of the handbook.
    pub handbook: String,
    /// A newer methodology version, when there is one.
    pub newer_version: Option<String>,
    /// It follows the light track ("parcours allégé").
    pub light: bool,
    /// Its methodology has a light track (so a full audit says it is compared with full ones).
    pub light_track: bool,
}

/// A step or an angle with its score.
#[derive(Serialize)]
pub struct PartRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// Its score, formatted ("—" when none).
    pub score: String,
    /// Its score as the width of a bar, 0–100.
    pub value: i64,
    /// Its colour band.
    pub band: &'static str,
    /// Share of its criteria answered and known, formatted.
    pub coverage: String,
    /// Its criteria and their answers (steps only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Vec<AnswerRow<'a>>>,
}

/// A criterion and the audit's answer to it.
#[derive(Serialize)]
pub struct AnswerRow<'a> {
    /// The criterion id.
    pub id: &'a str,
    /// Its question.
    pub question: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// The level found, with its label ("Non renseigné" when unanswered).
    pub level: String,
    /// The level as a class name (`l0`…`l4`, `na`, `inconnu`, `none`).
    pub level_key: String,
    /// What the level means for this criterion.
    pub descriptor: String,
    /// What the auditor saw.
    pub evidence: &'a str,
}

/// A weak or strong step × angle cell.
#[derive(Serialize)]
pub struct LinkRow<'a> {
    /// The cell in words: "<step>, sous l'angle « <angle> »".
    pub label: String,
    /// The step's name.
    pub step: &'a str,
    /// The angle's name.
    pub angle: &'a str,
    /// The cell's score, formatted.
    pub score: String,
    /// The criteria of the cell and their answers.
    pub criteria: Vec<AnswerRow<'a>>,
}

/// A data source of the inventory.
#[derive(Serialize)]
pub struct InventoryRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// The name of its source type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The source type's page in the handbook.
    pub href: String,
    /// Who holds it.
    pub holder: &'a str,
    /// How it can be reached, in words.
    pub access: String,
    /// Its format.
    pub format: &'a str,
    /// How often it is refreshed.
    pub refresh: &'a str,
    /// Whether it holds personal data, in words.
    pub personal: &'static str,
    /// The GDPR legal basis.
    pub legal_basis: &'a str,
    /// A data-protection impact assessment was made.
    pub dpia: bool,
    /// Its quality, 1–5.
    pub quality: u8,
    /// The short names of the steps it serves, comma-separated.
    pub steps: String,
    /// Where it is cited.
    pub citation: &'a str,
    /// It raises a GDPR question.
    pub flag: bool,
}

/// An action of the plan.
#[derive(Serialize)]
pub struct PlanRow<'a> {
    /// The action's name.
    pub title: String,
    /// Its page in the handbook.
    pub href: String,
    /// Who carries it.
    pub owner: &'a str,
    /// Start → end quarter.
    pub period: String,
    /// One-off budget, formatted.
    pub budget_one_off: String,
    /// Yearly budget, formatted.
    pub budget_yearly: String,
    /// Staff days, formatted.
    pub staff_days: String,
    /// Its status, in words.
    pub status: String,
    /// Its status as a class name.
    pub status_key: &'static str,
    /// How success is measured.
    pub kpi: &'a str,
}

/// Territory indicators, formatted.
#[derive(Serialize)]
pub struct IndicatorFacts<'a> {
    /// Shops in the centre.
    pub shops: Option<String>,
    /// Vacant shop share, with its unit.
    pub vacancy_rate: Option<String>,
    /// Parking spaces.
    pub parking_spaces: Option<String>,
    /// Collection points.
    pub collection_points: Option<String>,
    /// Daily footfall.
    pub footfall: Option<String>,
    /// Where the footfall figure comes from.
    pub footfall_source: Option<&'a str>,
}

/// Another audit of the same commune.
#[derive(Serialize)]
pub struct AuditLink<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its date, formatted.
    pub date: String,
    /// Its report.
    pub href: String,
    /// It is the report on screen.
    pub current: bool,
    /// Its methodology version.
    pub version: &'a str,
}

/// A comparison with one group of peers.
#[derive(Serialize)]
pub struct PeerBlock<'a> {
    /// The group, in words.
    pub label: &'static str,
    /// How many peers (when there are enough).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// Per step: own score, peers' median and spread (when there are enough peers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<PeerRow<'a>>>,
    /// How many peers there are, when too few to compare.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub too_few: Option<usize>,
}

/// One step compared with peers.
#[derive(Serialize)]
pub struct PeerRow<'a> {
    /// The step's name.
    pub step: &'a str,
    /// The commune's score, formatted.
    pub own: String,
    /// The peers' median, formatted.
    pub median: String,
    /// The peers' lowest–highest, formatted.
    pub spread: String,
}

/// What moved since the previous audit.
#[derive(Serialize)]
pub struct ProgressBlock<'a> {
    /// The previous audit's date, formatted.
    pub from: String,
    /// The previous audit's methodology version.
    pub from_version: &'a str,
    /// Both audits use the same version.
    pub same_version: bool,
    /// Per step: before, after, change.
    pub steps: Vec<ProgressRow<'a>>,
    /// Per angle: before, after, change.
    pub angles: Vec<ProgressRow<'a>>,
    /// Criteria left out of the comparison (not in both versions), by their question.
    pub left_out: Vec<Titled>,
    /// Actions completed in between.
    pub completed: Vec<Titled>,
}

/// A step or angle before and after.
#[derive(Serialize)]
pub struct ProgressRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// The earlier score, formatted.
    pub before: String,
    /// The later score, formatted.
    pub after: String,
    /// The change in points, signed ("—" when either is missing).
    pub delta: String,
    /// `up`, `down` or `same`.
    pub direction: &'static str,
}

/// A linked title.
#[derive(Serialize)]
pub struct Titled {
    /// The text.
    pub title: String,
    /// Where it links.
    pub href: String,
}
