//! Audit capture for people who do not write YAML: the canonical audit writer ([`yaml`]), the
//! questionnaire workbook ([`sheet`]) and its import ([`import`]).
//!
//! The three meet in [`AuditFile`]: an audit file as values, with nothing but what its YAML
//! holds (no spans, no defaults filled in), so that a file read and written again keeps every
//! key it had. The writer is the reference of the canonical form (docs/FORMAT.md, « Forme
//! canonique »); the browser questionnaire and `parcours new` write the same bytes.

pub mod command;
pub mod import;
pub mod read;
pub mod sheet;
pub mod yaml;

#[cfg(test)]
mod tests;

/// The largest workbook `parcours import` reads, in bytes.
pub const MAX_WORKBOOK: usize = read::MAX_FILE;

use crate::load::raw::{RawAudit, RawScore};
use crate::model::{Access, AuditStatus, PersonalData, PlanStatus, Track};

/// The level an answer gives: `0`–`4`, `na`, `inconnu` or `a-repondre` (not answered yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// A level of the scale, 0 to 4.
    Level(u8),
    /// Not applicable.
    Na,
    /// Unknown.
    Inconnu,
    /// Not answered yet (`a-repondre`): a draft only.
    ToAnswer,
}

impl Level {
    /// The word or digit written in a file and in the workbook.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Level(0) => "0",
            Level::Level(1) => "1",
            Level::Level(2) => "2",
            Level::Level(3) => "3",
            Level::Level(_) => "4",
            Level::Na => "na",
            Level::Inconnu => "inconnu",
            Level::ToAnswer => "a-repondre",
        }
    }

    /// Reads a level as written (`0`–`4`, `na`, `inconnu`, `a-repondre`).
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "0" | "1" | "2" | "3" | "4" => s.parse().ok().map(Level::Level),
            "na" => Some(Level::Na),
            "inconnu" => Some(Level::Inconnu),
            "a-repondre" => Some(Level::ToAnswer),
            _ => None,
        }
    }

    /// Every level a cell may hold, in the order of the workbook's drop-down.
    pub const ALL: [Level; 8] = [
        Level::Level(0),
        Level::Level(1),
        Level::Level(2),
        Level::Level(3),
        Level::Level(4),
        Level::Na,
        Level::Inconnu,
        Level::ToAnswer,
    ];
}

/// An audit file as values.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditFile {
    /// The file's leading comment lines (after the schema line), each starting with `#`.
    pub comments: Vec<String>,
    /// Methodology version label.
    pub methodology: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Draft or published.
    pub status: AuditStatus,
    /// The track, when written.
    pub track: Option<Track>,
    /// Who audited.
    pub auditors: Vec<String>,
    /// Markdown summary, when written and not empty.
    pub summary: Option<String>,
    /// Answers (the writer puts them in the methodology's order).
    pub answers: Vec<AnswerFile>,
    /// Data inventory.
    pub inventory: Vec<InventoryFile>,
    /// Action plan.
    pub plan: Vec<PlanFile>,
    /// Territory indicators, when written.
    pub indicators: Option<IndicatorsFile>,
    /// Measured outcomes.
    pub outcomes: Vec<OutcomeFile>,
    /// Cost and return per step.
    pub economics: Vec<EconomicsFile>,
    /// The resources for the next plan, when written.
    pub envelope: Option<EnvelopeFile>,
}

/// One answer.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerFile {
    /// Criterion id.
    pub criterion: String,
    /// Level.
    pub score: Level,
    /// Evidence (empty: not written).
    pub evidence: String,
    /// Source ids consulted.
    pub sources: Vec<String>,
}

/// One entry of the data inventory.
#[derive(Clone, Debug, PartialEq)]
pub struct InventoryFile {
    /// Source type id (`type:`).
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
    /// DPIA required, when written.
    pub dpia_required: Option<bool>,
    /// In the register of processing activities, when written.
    pub in_register: Option<bool>,
    /// Quality 0–4.
    pub quality: i64,
    /// Steps served.
    pub steps: Vec<String>,
    /// Citation (empty: not written).
    pub citation: String,
}

/// One action of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFile {
    /// Action id.
    pub action: String,
    /// Criteria it answers.
    pub criteria: Vec<String>,
    /// Owner.
    pub owner: String,
    /// Staff person-days, when written.
    pub staff_days: Option<f64>,
    /// One-off budget, when written.
    pub budget_one_off: Option<f64>,
    /// Yearly budget, when written.
    pub budget_yearly: Option<f64>,
    /// First quarter `YYYY-Qn`.
    pub start: String,
    /// Last quarter `YYYY-Qn`.
    pub end: String,
    /// Status.
    pub status: PlanStatus,
    /// Indicator to follow, when written.
    pub kpi: Option<String>,
}

/// The territory indicators.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndicatorsFile {
    /// Shops.
    pub shops: Option<u64>,
    /// Vacancy rate, %.
    pub vacancy_rate: Option<f64>,
    /// Parking spaces.
    pub parking_spaces: Option<u64>,
    /// Collection points.
    pub collection_points: Option<u64>,
    /// Footfall.
    pub footfall: Option<u64>,
    /// Where the footfall comes from.
    pub footfall_source: Option<String>,
}

impl IndicatorsFile {
    /// Tells whether no indicator is written.
    pub fn is_empty(&self) -> bool {
        *self == IndicatorsFile::default()
    }
}

/// One measured outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeFile {
    /// Outcome indicator id.
    pub indicator: String,
    /// Value.
    pub value: f64,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// How it was measured.
    pub method: String,
}

/// The cost and return of one step.
#[derive(Clone, Debug, PartialEq)]
pub struct EconomicsFile {
    /// Step id.
    pub step: String,
    /// Yearly cost range, when written.
    pub cost_yearly: Option<[f64; 2]>,
    /// Yearly return range, when written.
    pub return_yearly: Option<[f64; 2]>,
    /// Assumptions, when written.
    pub assumptions: Option<String>,
}

/// The envelope of the next plan.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvelopeFile {
    /// One-off euros.
    pub one_off: f64,
    /// Yearly euros.
    pub yearly: f64,
    /// Staff person-days.
    pub staff_days: f64,
}

/// The line that ties an audit file to the JSON Schema of its methodology version.
pub fn schema_line(version: &str) -> String {
    format!("# yaml-language-server: $schema=../../../schemas/audit-{version}.schema.json")
}

/// The leading comment block of an audit file's text: the `#` lines before the first other
/// line, without the schema line, trailing spaces removed.
pub fn leading_comments(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| l.starts_with('#'))
        .filter(|l| !l.starts_with("# yaml-language-server:"))
        .map(|l| l.trim_end().to_string())
        .collect()
}

impl AuditFile {
    /// The audit of `raw` (read from `text`, for its leading comments) as values; the
    /// criterion whose score is not a level when one is not.
    pub fn from_raw(raw: &RawAudit, text: &str) -> Result<AuditFile, String> {
        let answers = raw
            .answers
            .iter()
            .map(|a| {
                Ok(AnswerFile {
                    criterion: a.criterion.value.clone(),
                    score: raw_level(&a.score.value).ok_or_else(|| a.criterion.value.clone())?,
                    evidence: a
                        .evidence
                        .as_ref()
                        .map(|e| e.value.clone())
                        .unwrap_or_default(),
                    sources: a.sources.iter().map(|s| s.value.clone()).collect(),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(AuditFile {
            comments: leading_comments(text),
            methodology: raw.methodology.value.clone(),
            date: raw.date.value.clone(),
            status: raw.status,
            track: raw.track.as_ref().map(|t| t.value),
            auditors: raw.auditors.iter().map(|a| a.value.clone()).collect(),
            summary: raw
                .summary
                .as_ref()
                .map(|s| s.value.clone())
                .filter(|s| !s.is_empty()),
            answers,
            inventory: raw.inventory.iter().map(inventory_of).collect(),
            plan: raw.plan.iter().map(plan_of).collect(),
            indicators: raw.indicators.as_ref().map(indicators_of),
            outcomes: raw.outcomes.iter().map(outcome_of).collect(),
            economics: raw.economics.iter().map(economics_of).collect(),
            envelope: raw.envelope.as_ref().map(|e| EnvelopeFile {
                one_off: e.one_off.value,
                yearly: e.yearly.value,
                staff_days: e.staff_days.value,
            }),
        })
    }
}

fn raw_level(score: &RawScore) -> Option<Level> {
    match score {
        RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => {
            Some(Level::Level(*n as u8))
        }
        RawScore::Number(_) => None,
        RawScore::Word(w) => Level::parse(w).filter(|l| !matches!(l, Level::Level(_))),
    }
}

fn inventory_of(i: &crate::load::raw::RawInventoryItem) -> InventoryFile {
    InventoryFile {
        kind: i.kind.value.clone(),
        name: i.name.value.clone(),
        holder: i.holder.clone(),
        access: i.access,
        format: i.format.clone(),
        refresh: i.refresh.clone(),
        personal_data: i.personal_data.value,
        legal_basis: i.legal_basis.clone(),
        dpia: i.dpia,
        dpia_required: i.dpia_required,
        in_register: i.in_register,
        quality: i.quality.value,
        steps: i.steps.iter().map(|s| s.value.clone()).collect(),
        citation: i.citation.clone(),
    }
}

fn plan_of(p: &crate::load::raw::RawPlanItem) -> PlanFile {
    PlanFile {
        action: p.action.value.clone(),
        criteria: p.criteria.iter().map(|c| c.value.clone()).collect(),
        owner: p.owner.value.clone(),
        staff_days: p.staff_days.as_ref().map(|v| v.value),
        budget_one_off: p.budget_one_off.as_ref().map(|v| v.value),
        budget_yearly: p.budget_yearly.as_ref().map(|v| v.value),
        start: p.start.value.clone(),
        end: p.end.value.clone(),
        status: p.status,
        kpi: p.kpi.as_ref().map(|k| k.value.clone()),
    }
}

fn indicators_of(i: &crate::load::raw::RawIndicators) -> IndicatorsFile {
    IndicatorsFile {
        shops: i.shops.as_ref().map(|v| v.value),
        vacancy_rate: i.vacancy_rate.as_ref().map(|v| v.value),
        parking_spaces: i.parking_spaces.as_ref().map(|v| v.value),
        collection_points: i.collection_points.as_ref().map(|v| v.value),
        footfall: i.footfall.as_ref().map(|v| v.value),
        footfall_source: i.footfall_source.as_ref().map(|v| v.value.clone()),
    }
}

fn outcome_of(o: &crate::load::raw::RawOutcome) -> OutcomeFile {
    OutcomeFile {
        indicator: o.indicator.value.clone(),
        value: o.value.value,
        date: o.date.value.clone(),
        method: o.method.value.clone(),
    }
}

fn economics_of(e: &crate::load::raw::RawStepEconomics) -> EconomicsFile {
    EconomicsFile {
        step: e.step.value.clone(),
        cost_yearly: e.cost_yearly.as_ref().map(|v| v.value),
        return_yearly: e.return_yearly.as_ref().map(|v| v.value),
        assumptions: e.assumptions.as_ref().map(|v| v.value.clone()),
    }
}

/// Reads an audit file's text through the normal loader into values.
pub fn read_audit(path: &str, text: &str) -> Result<AuditFile, crate::diagnostic::Diagnostic> {
    let raw = crate::load::yaml::parse_yaml::<RawAudit>(path, text)?;
    AuditFile::from_raw(&raw, text).map_err(|criterion| {
        crate::diagnostic::Diagnostic::error(
            path,
            0,
            0,
            crate::i18n::f("capture.bad-score", &[&criterion]),
        )
    })
}
