//! The typed, serialisable context of `tender.html`, every number already formatted.

use serde::Serialize;

use crate::render::Html;

/// `tender.html`: the tender of a commune's current audit.
#[derive(Serialize)]
pub(super) struct TenderPage<'a> {
    /// The page title.
    pub title: String,
    /// The audit or its methodology version is a draft: the page carries a « Brouillon » banner.
    pub draft: bool,
    /// The tender covers the plan the audit proposes (the commune has adopted none yet).
    pub proposed: bool,
    pub commune: TenderCommune<'a>,
    pub audit: TenderAudit<'a>,
    /// The audit's overall index, formatted.
    pub overall: String,
    /// The audit's coverage, formatted.
    pub coverage: String,
    /// The methodology version classifies its actions (`kind:`, from 1.3).
    pub classified: bool,
    /// Says that the version does not classify its actions.
    pub unclassified_text: String,
    /// The weak links the lots (or the actions to qualify) address, weakest first.
    pub weak: Vec<WeakLink<'a>>,
    /// The criteria the lots address, with the audit's answer, when no weak link is addressed
    /// (a light audit names none: its cells rest on one answer each).
    pub criteria: Vec<CriterionLink<'a>>,
    /// Procurable work, one lot each.
    pub lots: Vec<Lot<'a>>,
    /// Internal work, agreements and subsidy applications, by kind.
    pub others: Vec<OtherGroup<'a>>,
    /// Every planned action, when the version does not classify them.
    pub unqualified: Vec<Other<'a>>,
    /// Personal data the actions touch.
    pub personal: Vec<PersonalSource<'a>>,
    /// Totals of the lots, HTVA, formatted.
    pub total_one_off: String,
    pub total_yearly: String,
    pub total_term: String,
    /// The procedure the lots' total implies if they are awarded as one contract.
    pub total_procedure: &'static str,
    /// More than one lot: the page says what awarding them together implies.
    pub several_lots: bool,
    /// The procedure thresholds, lowest first.
    pub thresholds: Vec<ThresholdRow>,
    /// « Seuils en vigueur au …, à vérifier ».
    pub thresholds_note: String,
    /// How the term amount is computed.
    pub term_note: String,
    /// When the legality opinion of the financial director is needed.
    pub legality_note: String,
}

/// Who the tender is for.
#[derive(Serialize)]
pub(super) struct TenderCommune<'a> {
    pub name: &'a str,
    /// Formatted.
    pub population: String,
    /// The intercommunale's name.
    pub intercommunale: String,
    pub fictional: bool,
}

/// The audit a tender comes from.
#[derive(Serialize)]
pub(super) struct TenderAudit<'a> {
    /// Formatted.
    pub date: String,
    pub version: &'a str,
    /// The handbook of its version.
    pub handbook: String,
    /// Its report, beside the tender.
    pub report: &'static str,
}

/// A weak link, in words, with what addresses it (« lot 2 », or an action's name).
#[derive(Serialize)]
pub(super) struct WeakLink<'a> {
    pub step: &'a str,
    pub angle: &'a str,
    /// « Stationner, sous l'angle Coûts et bénéfices ».
    pub label: String,
    /// Formatted.
    pub score: String,
    pub by: Vec<String>,
}

/// A lot: one procurable action.
#[derive(Serialize)]
pub(super) struct Lot<'a> {
    /// 1, 2, … in plan order.
    pub number: usize,
    /// The action's id.
    pub id: &'a str,
    pub title: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// The library's description, Markdown rendered.
    pub description: Html,
    pub benefit: &'a str,
    pub gdpr: &'a str,
    /// The criteria the plan's line names.
    pub criteria: Vec<CriterionLink<'a>>,
    /// The weak links it addresses.
    pub weak: Vec<WeakLink<'a>>,
    /// The action's own deliverables.
    pub deliverables: &'a [String],
    /// The action's own award criteria.
    pub award: Vec<Award<'a>>,
    /// Estimated amounts HTVA, formatted.
    pub one_off: String,
    /// None when the action has no yearly cost.
    pub yearly: Option<String>,
    pub term: String,
    /// The procedure the term amount implies.
    pub procedure: &'static str,
    /// The term amount needs the legality opinion of the financial director.
    pub legality: bool,
    /// The plan gave no amount: the top of the library's range is shown.
    pub from_library: bool,
    /// Execution, relative to the award.
    pub period: String,
    pub owner: &'a str,
    pub kpi: &'a str,
}

/// An award criterion with its weight, formatted.
#[derive(Serialize)]
pub(super) struct Award<'a> {
    pub name: &'a str,
    pub weight: String,
}

/// Internal work, agreements or subsidy applications.
#[derive(Serialize)]
pub(super) struct OtherGroup<'a> {
    /// `interne`, `convention` or `subside`.
    pub kind: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub items: Vec<Other<'a>>,
}

/// An action outside the lots.
#[derive(Serialize)]
pub(super) struct Other<'a> {
    /// The action's id.
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub benefit: &'a str,
    pub owner: &'a str,
    pub kpi: &'a str,
    /// Formatted; none when nothing.
    pub one_off: Option<String>,
    pub yearly: Option<String>,
    /// « 5 jours de travail ».
    pub staff_days: String,
    /// Duration, relative to the plan's adoption.
    pub period: String,
}

/// A criterion an action answers.
#[derive(Serialize, Clone)]
pub(super) struct CriterionLink<'a> {
    /// Its question.
    pub title: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// The audit's answer in words: « niveau 1 sur 4 (initial) ».
    pub level: String,
    /// What addresses it (« lot 2 »), in the context section.
    pub by: Vec<String>,
}

/// A source of personal data the actions touch.
#[derive(Serialize)]
pub(super) struct PersonalSource<'a> {
    pub name: &'a str,
    pub holder: &'a str,
    /// In words.
    pub personal: &'static str,
    pub legal_basis: &'a str,
    pub dpia: bool,
    pub flag: bool,
}

/// A row of the threshold table.
#[derive(Serialize)]
pub(super) struct ThresholdRow {
    /// « de 30 000 € à moins de 140 000 € HTVA ».
    pub range: String,
    pub procedure: &'static str,
    /// Its legal basis.
    pub basis: &'static str,
    /// The amount is confirmed for the table's date; otherwise shown « à vérifier ».
    pub confirmed: bool,
}
