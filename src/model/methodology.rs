//! The methodology as checked: steps, angles, scale, criteria, data catalogue, actions,
//! typologies, and the handbook's chapters.

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
    /// Cost bands for the action plan (none before 1.3: the built-in table applies).
    pub cost_bands: Vec<super::CostBand>,
    /// Outcome indicators (none before 1.2).
    pub outcomes: Vec<super::OutcomeIndicator>,
    /// The editors' notes on what this version changes, in file order.
    pub notes: Vec<Note>,
}

/// An editor's note on a change of a version, shown in its changelog.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Note {
    /// The ids of the items it is about; empty for a note on the whole version.
    pub about: Vec<String>,
    /// The note, one paragraph of Markdown.
    pub text: String,
}

impl Methodology {
    /// The editors' notes about the item `id`, in file order.
    pub fn notes_about<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Note> {
        self.notes
            .iter()
            .filter(move |n| n.about.iter().any(|a| a == id))
    }

    /// The editors' notes on the whole version.
    pub fn general_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.about.is_empty())
    }
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
    /// Finds an outcome indicator by id.
    pub fn outcome(&self, id: &str) -> Option<&super::OutcomeIndicator> {
        self.outcomes.iter().find(|o| o.id == id)
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
    /// Part of the light track served to small communes ("parcours allégé").
    pub light: bool,
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
    /// Actions that must be in place before this one starts (none before 1.3).
    pub requires: Vec<String>,
    /// How its costs follow the size of the commune.
    pub scaling: super::Scaling,
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
    /// Part of the light track: recommended first to a light audit.
    pub light: bool,
    /// What the action is for a tender; none in versions that do not classify actions (before 1.3).
    pub kind: Option<ActionKind>,
    /// What the contractor delivers (only `marche` actions need them).
    pub deliverables: Vec<String>,
    /// How offers are compared, weights summing to 100 (`marche` actions only).
    pub award_criteria: Vec<AwardCriterion>,
}

/// What an action is, for the tender: only procurable work becomes a lot.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    /// Procurable work: a public contract (*marché public*), a lot of the tender.
    Marche,
    /// Work the administration does itself (*travail interne*).
    Interne,
    /// An agreement with a partner that is not a procurement (*convention*): an operator, a
    /// neighbouring commune, an association, the intercommunale.
    Convention,
    /// An application for a subsidy or a call for projects (*demande de subside*).
    Subside,
}

impl ActionKind {
    /// Every kind, in the order the tender lists them.
    pub const ALL: [ActionKind; 4] = [
        ActionKind::Marche,
        ActionKind::Interne,
        ActionKind::Convention,
        ActionKind::Subside,
    ];

    /// The id written in `content/methodology.yaml`.
    pub fn id(self) -> &'static str {
        match self {
            ActionKind::Marche => "marche",
            ActionKind::Interne => "interne",
            ActionKind::Convention => "convention",
            ActionKind::Subside => "subside",
        }
    }

    /// The kind written `id`, if any.
    pub fn parse(id: &str) -> Option<ActionKind> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// An award criterion of a procurable action, with its weight out of 100.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AwardCriterion {
    /// What is compared, e.g. « Prix ».
    pub name: String,
    /// Weight in per cent.
    pub weight: f64,
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
