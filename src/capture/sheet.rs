//! `parcours questionnaire`: an audit as a workbook to fill in with a spreadsheet (Excel,
//! LibreOffice). One sheet per part of the audit; [`super::import`] reads it back.
//!
//! The layout is shared with the import through the constants below: sheet names, the key
//! column of the identity-like sheets and the columns of the tables. A table's first row is
//! its header (frozen); an identity-like sheet has a key column (protected), a label and a
//! value. Codes (levels, statuses, access…) are the words of the YAML file, offered by
//! drop-downs; every header is French (`i18n/fr.toml`, `sheet.*`). The file's dates come from
//! the audit, never from the clock: same input, same bytes.

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, Note, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::yaml::{access, number, personal, plan_status, status_word, track_word};
use super::{AuditFile, Level};
use crate::i18n::t;
use crate::model::{Access, Methodology, PersonalData, PlanStatus};

/// The sheets, in workbook order: (i18n key of the name, what it holds).
pub const IDENTITY: &str = "sheet.identity";
/// One row per criterion.
pub const CRITERIA: &str = "sheet.criteria";
/// The data inventory.
pub const INVENTORY: &str = "sheet.inventory";
/// The action plan.
pub const PLAN: &str = "sheet.plan";
/// The territory indicators (key, label, value).
pub const INDICATORS: &str = "sheet.indicators";
/// The measured outcomes.
pub const OUTCOMES: &str = "sheet.outcomes";
/// The cost and return per step.
pub const ECONOMICS: &str = "sheet.economics";
/// The envelope of the next plan (key, label, value).
pub const ENVELOPE: &str = "sheet.envelope";

/// Every sheet the import needs.
pub const SHEETS: [&str; 8] = [
    IDENTITY, CRITERIA, INVENTORY, PLAN, INDICATORS, OUTCOMES, ECONOMICS, ENVELOPE,
];

/// The keys of the identity sheet (column A), the label's i18n key being `sheet.id.<key>`.
pub const IDENTITY_KEYS: [&str; 8] = [
    "commune",
    "name",
    "methodology",
    "date",
    "status",
    "track",
    "summary",
    "comments",
];
/// The key of an auditor row of the identity sheet (one row per auditor).
pub const AUDITOR: &str = "auditor";
/// Empty auditor rows offered after the written ones.
const SPARE_AUDITORS: usize = 3;
/// Keys of the indicators sheet.
pub const INDICATOR_KEYS: [&str; 6] = [
    "shops",
    "vacancy_rate",
    "parking_spaces",
    "collection_points",
    "footfall",
    "footfall_source",
];
/// Keys of the envelope sheet.
pub const ENVELOPE_KEYS: [&str; 3] = ["one_off", "yearly", "staff_days"];

/// The criteria table: id, step, angle, question, light, level, evidence, sources, then the
/// descriptors of levels 0 to 4.
pub const CRITERIA_COLUMNS: [&str; 13] = [
    "criterion",
    "step",
    "angle",
    "question",
    "light",
    "score",
    "evidence",
    "sources",
    "level0",
    "level1",
    "level2",
    "level3",
    "level4",
];
/// Column of the level in the criteria table.
pub const SCORE_COLUMN: u16 = 5;
/// The inventory table.
pub const INVENTORY_COLUMNS: [&str; 14] = [
    "type",
    "name",
    "holder",
    "access",
    "format",
    "refresh",
    "personal_data",
    "legal_basis",
    "dpia",
    "dpia_required",
    "in_register",
    "quality",
    "steps",
    "citation",
];
/// The plan table.
pub const PLAN_COLUMNS: [&str; 10] = [
    "action",
    "criteria",
    "owner",
    "staff_days",
    "budget_one_off",
    "budget_yearly",
    "start",
    "end",
    "status",
    "kpi",
];
/// The outcomes table.
pub const OUTCOME_COLUMNS: [&str; 4] = ["indicator", "value", "date", "method"];
/// The economics table.
pub const ECONOMICS_COLUMNS: [&str; 6] = [
    "step",
    "cost_min",
    "cost_max",
    "return_min",
    "return_max",
    "assumptions",
];
/// Empty rows with drop-downs offered under a table's written rows.
const SPARE_ROWS: u32 = 30;
/// "Yes" and "no" of the boolean cells.
pub const YES: &str = "oui";
/// See [`YES`].
pub const NO: &str = "non";

/// The header of column `key` of a table (`sheet.col.<key>`).
pub fn header(key: &str) -> &'static str {
    label(&format!("sheet.col.{key}"))
}

/// The French text of a key built at run time (the unit test checks they all exist).
fn label(key: &str) -> &'static str {
    crate::i18n::table().get(key).map_or("?", String::as_str)
}

/// Who the questionnaire is for: the commune's slug and name.
#[derive(Clone, Debug)]
pub struct Identity {
    /// Folder name.
    pub slug: String,
    /// Name shown.
    pub name: String,
}

struct Styles {
    header: Format,
    locked: Format,
    open: Format,
}

/// The workbook of `audit` (of commune `who`, against `m`).
pub fn questionnaire(
    m: &Methodology,
    who: &Identity,
    audit: &AuditFile,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date = if crate::model::is_date(&audit.date) {
        audit.date.as_str()
    } else {
        "2000-01-01"
    };
    let created = ExcelDateTime::parse_from_str(date)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title(crate::i18n::f("sheet.title", &[&who.name])),
    );
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let styles = Styles {
        header: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color("#DDE6F0"),
        locked: wrap.clone().set_background_color("#F2F2F2"),
        open: wrap.set_unlocked(),
    };
    identity_sheet(book.add_worksheet(), who, audit, &styles)?;
    criteria_sheet(book.add_worksheet(), m, audit, &styles)?;
    inventory_sheet(book.add_worksheet(), audit, &styles)?;
    plan_sheet(book.add_worksheet(), audit, &styles)?;
    indicators_sheet(book.add_worksheet(), audit, &styles)?;
    outcomes_sheet(book.add_worksheet(), audit, &styles)?;
    economics_sheet(book.add_worksheet(), audit, &styles)?;
    envelope_sheet(book.add_worksheet(), audit, &styles)?;
    book.save_to_buffer()
}

fn identity_sheet(
    sheet: &mut Worksheet,
    who: &Identity,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(IDENTITY))?;
    let comments = audit.comments.join("\n");
    let values: [(&str, String); 8] = [
        ("commune", who.slug.clone()),
        ("name", who.name.clone()),
        ("methodology", audit.methodology.clone()),
        ("date", audit.date.clone()),
        ("status", status_word(audit.status).to_string()),
        (
            "track",
            audit.track.map(track_word).unwrap_or("").to_string(),
        ),
        ("summary", audit.summary.clone().unwrap_or_default()),
        ("comments", comments),
    ];
    let mut rows: Vec<(&str, String)> = values.to_vec();
    for a in &audit.auditors {
        rows.push((AUDITOR, a.clone()));
    }
    rows.extend(std::iter::repeat_n(
        (AUDITOR, String::new()),
        SPARE_AUDITORS,
    ));
    key_value_sheet(sheet, "id", &rows, s)?;
    let row_of = |key: &str| IDENTITY_KEYS.iter().position(|k| *k == key).unwrap_or(0) as u32 + 1;
    list(
        sheet,
        row_of("status"),
        2,
        row_of("status"),
        &["draft", "published"],
    )?;
    list(
        sheet,
        row_of("track"),
        2,
        row_of("track"),
        &["full", "light"],
    )?;
    for key in ["summary", "comments"] {
        sheet.set_row_height(row_of(key), 90)?;
    }
    Ok(())
}

/// A sheet of (key, label, value) rows under a header; the label's key is
/// `sheet.<prefix>.<key>`.
fn key_value_sheet(
    sheet: &mut Worksheet,
    prefix: &str,
    rows: &[(&str, String)],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (c, key) in ["key", "label", "value"].iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, header(key), &s.header)?;
    }
    for (r, (key, value)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string_with_format(row, 0, *key, &s.locked)?;
        let label = label(&format!("sheet.{prefix}.{key}"));
        sheet.write_string_with_format(row, 1, label, &s.locked)?;
        sheet.write_string_with_format(row, 2, value, &s.open)?;
    }
    // Room to add rows (another auditor: key `auditor` in column A) without unprotecting.
    for row in rows.len() as u32 + 1..rows.len() as u32 + 20 {
        sheet.write_blank(row, 0, &s.open)?;
        sheet.write_blank(row, 2, &s.open)?;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 34)?;
    sheet.set_column_width(2, 90)?;
    sheet.set_freeze_panes(1, 0)?;
    protect(sheet);
    Ok(())
}

/// Protects the locked cells (no password: a guard against slips, not a lock), still letting
/// people resize, insert and delete rows.
fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        ..ProtectionOptions::new()
    };
    sheet.protect_with_options(&options);
}

/// A drop-down of `words` on the cells from (`r0`, `c`) to (`r1`, `c`).
fn list(sheet: &mut Worksheet, r0: u32, c: u16, r1: u32, words: &[&str]) -> Result<(), XlsxError> {
    let v = DataValidation::new()
        .allow_list_strings(words)?
        .set_error_title(t("sheet.bad-choice-title"))?
        .set_error_message(crate::i18n::f("sheet.bad-choice", &[&words.join(", ")]))?;
    sheet.add_data_validation(r0, c, r1, c, &v)?;
    Ok(())
}

fn table_header(
    sheet: &mut Worksheet,
    columns: &[&str],
    widths: &[f64],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (c, key) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, header(key), &s.header)?;
        sheet.set_column_width(c as u16, widths.get(c).copied().unwrap_or(20.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn criteria_sheet(
    sheet: &mut Worksheet,
    m: &Methodology,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(CRITERIA))?;
    let widths = [
        28.0, 14.0, 14.0, 50.0, 8.0, 11.0, 60.0, 24.0, 30.0, 30.0, 30.0, 30.0, 30.0,
    ];
    table_header(sheet, &CRITERIA_COLUMNS, &widths, s)?;
    sheet.set_freeze_panes(1, 1)?;
    let note = crate::i18n::f(
        "sheet.score-note",
        &[&m.scale.na.label, &m.scale.inconnu.label],
    );
    sheet.insert_note(
        0,
        SCORE_COLUMN,
        &Note::new(note).set_author("parcours").set_width(360),
    )?;
    let answer_of = |id: &str| audit.answers.iter().find(|a| a.criterion == id);
    let mut row = 1u32;
    for c in &m.criteria {
        let step = m
            .steps
            .iter()
            .find(|st| st.id == c.step)
            .map_or("", |st| &st.name);
        let angle = m
            .angles
            .iter()
            .find(|a| a.id == c.angle)
            .map_or("", |a| &a.name);
        let light = if c.light { YES } else { "" };
        let fixed = [c.id.as_str(), step, angle, &c.question, light];
        for (col, text) in fixed.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, *text, &s.locked)?;
        }
        answer_row(sheet, row, answer_of(&c.id), s)?;
        for (i, text) in c.levels.iter().take(5).enumerate() {
            sheet.write_string_with_format(row, 8 + i as u16, text, &s.locked)?;
        }
        row += 1;
    }
    // Answers to criteria this version does not have: kept, so that the import reports them.
    for a in audit
        .answers
        .iter()
        .filter(|a| !m.criteria.iter().any(|c| c.id == a.criterion))
    {
        sheet.write_string_with_format(row, 0, &a.criterion, &s.open)?;
        answer_row(sheet, row, Some(a), s)?;
        row += 1;
    }
    let words: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
    list(sheet, 1, SCORE_COLUMN, row.max(2) - 1, &words)?;
    protect(sheet);
    Ok(())
}

fn answer_row(
    sheet: &mut Worksheet,
    row: u32,
    answer: Option<&super::AnswerFile>,
    s: &Styles,
) -> Result<(), XlsxError> {
    let (score, evidence, sources) = match answer {
        Some(a) => (a.score.as_str(), a.evidence.clone(), a.sources.join(", ")),
        None => ("", String::new(), String::new()),
    };
    sheet.write_string_with_format(row, SCORE_COLUMN, score, &s.open)?;
    sheet.write_string_with_format(row, SCORE_COLUMN + 1, &evidence, &s.open)?;
    sheet.write_string_with_format(row, SCORE_COLUMN + 2, &sources, &s.open)?;
    Ok(())
}

mod tables;
use tables::*;
