//! Contexts of the handbook templates (`handbook_base.html` and the pages that extend it).
//!
//! Text fields borrow from the checked model; links are relative to the page that holds them.

use serde::Serialize;

use super::{Html, Link};
use crate::model::{Level, Scale};

/// A handbook page: the frame every handbook page shares, then the page's own fields.
#[derive(Serialize)]
pub(crate) struct HandbookPage<'a, T> {
    /// Version, menu and switcher (`handbook_base.html`).
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// The fields of the page's own template.
    #[serde(flatten)]
    pub page: T,
}

/// What `handbook_base.html` shows around every handbook page.
#[derive(Serialize)]
pub(crate) struct Frame<'a> {
    /// The methodology version of the page, e.g. `1.1`.
    pub version: &'a str,
    /// Whether that version is the unreleased draft (a banner says so).
    pub draft: bool,
    /// In a preview, what will become of the working tree's edit of a released version (a
    /// banner says it instead of the draft one).
    pub notice: Option<String>,
    /// The way back from the page to its version's folder: `""` or `../`.
    pub hb: String,
    /// Where the menu goes: a mark that the menu, rendered once per section and depth
    /// (`handbook_menu.html`, [`Menu`]), replaces.
    pub menu: &'static str,
    /// The version switcher, newest version first.
    pub switcher: Vec<Switch>,
}

/// The handbook menu of a version, built once; links are relative to the version's folder.
pub(crate) struct Nav<'a> {
    /// The top-level entries in reading order: chapters at the top of `content/handbook/`
    /// and the sections (subfolders), each with its chapters.
    pub entries: Vec<NavEntry<'a>>,
    /// The entry of each chapter, in reading order (the section it belongs to).
    pub entry_of: Vec<usize>,
    /// The generated reference pages and the changelog.
    pub reference: Vec<Link<'a>>,
}

/// A top-level entry of the menu: a chapter, or a section named by its first chapter.
#[derive(Serialize)]
pub(crate) struct NavEntry<'a> {
    /// The chapter's title, or the title of the section's first chapter.
    pub title: &'a str,
    /// The chapter, or the section's first chapter.
    pub href: String,
    /// The chapters of a section, in reading order; empty for a chapter.
    pub chapters: Vec<Link<'a>>,
}

/// `handbook_menu.html`: the menu of the pages of one section at one depth.
#[derive(Serialize)]
pub(crate) struct Menu<'a> {
    /// The methodology version, e.g. `1.1`.
    pub version: &'a str,
    /// The way back from the pages to their version's folder: `""` or `../`.
    pub hb: &'a str,
    /// The menu.
    pub nav: NavView<'a>,
}

/// The menu as the pages of one section show it: every top-level entry, and the chapters of
/// that section only; its size depends on the number of sections, never on the number of
/// chapters.
#[derive(Serialize)]
pub(crate) struct NavView<'a> {
    /// The top-level entries.
    pub entries: Vec<EntryView<'a>>,
    /// The generated reference pages and the changelog.
    pub reference: &'a [Link<'a>],
    /// Whether the handbook has sections (the menu then links to the full contents).
    pub sections: bool,
}

/// A top-level entry as one page shows it.
#[derive(Serialize)]
pub(crate) struct EntryView<'a> {
    /// The title.
    pub title: &'a str,
    /// The link.
    pub href: &'a str,
    /// The section's chapters when the page belongs to it; empty otherwise.
    pub chapters: &'a [Link<'a>],
}

/// One version in the switcher.
#[derive(Serialize)]
pub(crate) struct Switch {
    /// The version, e.g. `1.0`.
    pub label: String,
    /// Whether it is the version of the page.
    pub current: bool,
    /// Whether it is the unreleased draft.
    pub draft: bool,
    /// The page to open in that version's folder: the same page, or `index.html` when that
    /// version has no such page.
    pub target: String,
}

/// A link labelled by a step's, an angle's or a criterion's name.
#[derive(Serialize)]
pub(crate) struct NamedLink<'a> {
    /// The name, plain text.
    pub name: &'a str,
    /// The page's URL.
    pub href: String,
}

/// `handbook.html`, the home of a version.
#[derive(Serialize)]
pub(crate) struct Home<'a> {
    /// The methodology's title.
    pub title: &'a str,
    /// The full contents: every top-level entry, every section with all its chapters.
    pub contents: &'a [NavEntry<'a>],
    /// The generated reference pages and the changelog.
    pub reference: &'a [Link<'a>],
    /// How many items each part of the methodology has, formatted.
    pub counts: Counts,
}

/// The sizes of a methodology, already formatted.
#[derive(Serialize)]
pub(crate) struct Counts {
    /// Number of steps.
    pub steps: String,
    /// Number of angles.
    pub angles: String,
    /// Number of criteria.
    pub criteria: String,
    /// Number of source types.
    pub sources: String,
    /// Number of actions.
    pub actions: String,
}

/// `chapter.html`, one chapter of the handbook.
#[derive(Serialize)]
pub(crate) struct ChapterPage<'a> {
    /// The chapter's title.
    pub title: &'a str,
    /// The chapter's text, rendered and sanitized.
    pub body: Html,
    /// The steps, then the angles, the chapter is about.
    pub linked: Vec<NamedLink<'a>>,
    /// The chapter before, if any.
    pub prev: Option<Link<'a>>,
    /// The chapter after, if any.
    pub next: Option<Link<'a>>,
}

/// `reference.html`, one generated list page.
#[derive(Serialize)]
pub(crate) struct Reference<'a> {
    /// Which list: `etapes`, `angles`, `criteres`, `sources`, `actions` or `echelle`.
    pub kind: &'static str,
    /// The page's title.
    pub title: &'static str,
    /// The list itself.
    #[serde(flatten)]
    pub list: ReferenceList<'a>,
}

/// The content of a reference page, by kind.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum ReferenceList<'a> {
    /// Steps, angles or sources, as cards.
    Cards {
        /// One card per item, in methodology order.
        items: Vec<Card<'a>>,
    },
    /// Criteria, as a grid of steps by angles.
    Criteria {
        /// The grid.
        grid: Grid<'a>,
    },
    /// The action library, as a table.
    Actions {
        /// One row per action.
        actions: Vec<ActionRow<'a>>,
    },
    /// The scale, as a table.
    Scale {
        /// The methodology's scale, printed as written.
        scale: &'a Scale,
        /// The outcome indicators, measured apart from the scale (none before 1.2).
        outcomes: Vec<OutcomeCard<'a>>,
    },
}

/// An outcome indicator on the scale page: how to measure it, never a score.
#[derive(Serialize)]
pub struct OutcomeCard<'a> {
    /// Its id, the anchor of its entry.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its unit.
    pub unit: &'a str,
    /// Which way it improves, in words.
    pub better: &'static str,
    /// How to measure it, Markdown rendered and sanitised.
    pub protocol: Html,
    /// The chapter that explains it.
    pub chapter: Option<Link<'a>>,
}

/// A card of the steps, angles or sources list.
#[derive(Serialize)]
pub(crate) struct Card<'a> {
    /// The item's name.
    pub title: &'a str,
    /// The item's page.
    pub href: String,
    /// A short text: the description's first paragraph, the angle's question, the holder.
    pub text: Html,
    /// How many criteria the step or angle has (a number: the template hides zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// The personal-data risk of a source, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<&'static str>,
}

/// The criteria grid: a row per step, a cell per angle.
#[derive(Serialize)]
pub(crate) struct Grid<'a> {
    /// The angles' names, the column headings.
    pub angles: Vec<&'a str>,
    /// One row per step.
    pub rows: Vec<GridRow<'a>>,
}

/// A step's row of the criteria grid.
#[derive(Serialize)]
pub(crate) struct GridRow<'a> {
    /// The step's name.
    pub step: &'a str,
    /// The step's page.
    pub href: String,
    /// Per angle, in the order of [`Grid::angles`], the criteria of the step and angle.
    pub cells: Vec<Vec<GridCell<'a>>>,
}

/// A criterion in the grid.
#[derive(Serialize)]
pub(crate) struct GridCell<'a> {
    /// The criterion's id.
    pub id: &'a str,
    /// The criterion's question.
    pub question: &'a str,
    /// The criterion's page.
    pub href: String,
    /// It is part of the light track.
    pub light: bool,
}

/// A criterion listed on a step or angle page.
#[derive(Serialize)]
pub(crate) struct CriterionLink<'a> {
    /// The criterion's question.
    pub question: &'a str,
    /// The criterion's page.
    pub href: String,
    /// It is part of the light track.
    pub light: bool,
}

/// What the action table and the action page both show.
#[derive(Serialize)]
pub(crate) struct ActionFacts<'a> {
    /// The action's name.
    pub title: &'a str,
    /// The steps the action improves.
    pub steps: Vec<Link<'a>>,
    /// One-off cost range, formatted in euros.
    pub cost_one_off: String,
    /// Yearly cost range, formatted in euros.
    pub cost_yearly: String,
    /// Staff days range, formatted.
    pub staff_days: String,
    /// Lead time in months, formatted.
    pub lead_time: String,
    /// Impact, formatted.
    pub impact: String,
}

/// A row of the action table.
#[derive(Serialize)]
pub(crate) struct ActionRow<'a> {
    /// The action's page.
    pub href: String,
    /// The facts of the row.
    #[serde(flatten)]
    pub facts: ActionFacts<'a>,
    /// It is part of the light track.
    pub light: bool,
}

/// `action.html`, one action of the library.
#[derive(Serialize)]
pub(crate) struct ActionPage<'a> {
    /// Name, steps, costs, staff, lead time, impact.
    #[serde(flatten)]
    pub facts: ActionFacts<'a>,
    /// The angles the action improves.
    pub angles: Vec<Link<'a>>,
    /// The action's description, rendered and sanitized.
    pub description: Html,
    /// The expected benefit, plain text.
    pub benefit: &'a str,
    /// The data-protection notes, plain text.
    pub gdpr: &'a str,
    /// The criteria that recommend the action.
    pub triggers: Vec<TriggerLink<'a>>,
    /// It is part of the light track.
    pub light: bool,
    /// The actions that must be in place before it starts.
    pub requires: Vec<Link<'a>>,
    /// How its costs follow the size of the commune, in a sentence.
    pub scaling: String,
    /// Its costs for each population band.
    pub bands: Vec<BandCosts>,
}

/// An action's costs for one population band, formatted.
#[derive(Serialize)]
pub(crate) struct BandCosts {
    /// The band's name.
    pub name: String,
    /// One-off cost range.
    pub one_off: String,
    /// Yearly cost range.
    pub yearly: String,
    /// Staff days range.
    pub staff_days: String,
}

/// A criterion that recommends an action at or below a level.
#[derive(Serialize)]
pub(crate) struct TriggerLink<'a> {
    /// The criterion's question, or the action's name on a criterion page.
    pub title: &'a str,
    /// The page of that criterion or action.
    pub href: String,
    /// The highest level that recommends the action, formatted.
    pub max_level: String,
    /// That level's label, on the action page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
}

/// `step.html`, one step of the journey.
#[derive(Serialize)]
pub(crate) struct StepPage<'a> {
    /// The step's name.
    pub title: &'a str,
    /// The step's description, rendered and sanitized.
    pub description: Html,
    /// The frictions of the step, plain text.
    pub frictions: &'a [String],
    /// Per angle, the criteria of the step.
    pub by_angle: Vec<AngleCriteria<'a>>,
    /// The source types that inform the step.
    pub sources: Vec<Link<'a>>,
    /// The actions that improve the step.
    pub actions: Vec<Link<'a>>,
    /// The chapters about the step.
    pub chapters: Vec<Link<'a>>,
}

/// An angle and the criteria of one step under it.
#[derive(Serialize)]
pub(crate) struct AngleCriteria<'a> {
    /// The angle's name.
    pub angle: &'a str,
    /// The angle's page.
    pub href: String,
    /// The criteria.
    pub criteria: Vec<CriterionLink<'a>>,
}

/// `angle.html`, one angle of analysis.
#[derive(Serialize)]
pub(crate) struct AnglePage<'a> {
    /// The angle's name.
    pub title: &'a str,
    /// The angle's question, plain text.
    pub question: &'a str,
    /// The angle's description, rendered and sanitized.
    pub description: Html,
    /// Per step, the criteria of the angle.
    pub by_step: Vec<StepCriteria<'a>>,
    /// The chapters about the angle.
    pub chapters: Vec<Link<'a>>,
}

/// A step and the criteria of one angle under it.
#[derive(Serialize)]
pub(crate) struct StepCriteria<'a> {
    /// The step's name.
    pub step: &'a str,
    /// The step's page.
    pub href: String,
    /// The criteria.
    pub criteria: Vec<CriterionLink<'a>>,
}

/// `criterion.html`, one criterion.
#[derive(Serialize)]
pub(crate) struct CriterionPage<'a> {
    /// The criterion's question.
    pub title: &'a str,
    /// The criterion's id.
    pub id: &'a str,
    /// Its step, when it exists.
    pub step: Option<NamedLink<'a>>,
    /// Its angle, when it exists.
    pub angle: Option<NamedLink<'a>>,
    /// Its weight, formatted.
    pub weight: String,
    /// What each level means for this criterion.
    pub levels: Vec<LevelRow<'a>>,
    /// The scale's "not applicable" answer.
    pub na: &'a Level,
    /// The scale's "unknown" answer.
    pub inconnu: &'a Level,
    /// How to assess the criterion, rendered and sanitized.
    pub guidance: Html,
    /// The source types that inform it.
    pub sources: Vec<Link<'a>>,
    /// The actions it recommends, with the level at or below which it does.
    pub actions: Vec<TriggerLink<'a>>,
    /// It is part of the light track.
    pub light: bool,
}

/// One level of a criterion.
#[derive(Serialize)]
pub(crate) struct LevelRow<'a> {
    /// The level, formatted.
    pub level: String,
    /// The scale's label of that level.
    pub label: &'a str,
    /// What the level means for the criterion, plain text.
    pub descriptor: &'a str,
}

/// `source.html`, one source type of the data catalogue.
#[derive(Serialize)]
pub(crate) struct SourcePage<'a> {
    /// The source type's name.
    pub title: &'a str,
    /// Its description, rendered and sanitized.
    pub description: Html,
    /// Who holds the data, plain text.
    pub holder: &'a str,
    /// The personal-data risk, in words.
    pub risk: &'static str,
    /// The lawful use, rendered and sanitized.
    pub lawful_use: Html,
    /// The usual cost, plain text.
    pub usual_cost: &'a str,
    /// The steps it informs.
    pub steps: Vec<Link<'a>>,
    /// The criteria it informs.
    pub criteria: Vec<Link<'a>>,
}

#[cfg(test)]
mod tests;
