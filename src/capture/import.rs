//! `parcours import`: a questionnaire workbook ([`super::sheet`]) → the audit it holds, with
//! every problem of the workbook located by sheet and cell, all at once.
//!
//! Nothing is trusted: the slug goes through [`Slug`], the methodology must be a version the
//! repository knows, every id must be one of that version's, every number lies in the range
//! of `model::limits`. An unfilled level is `a-repondre` (on the light track, a criterion
//! outside it with nothing filled in is left out).

use std::collections::BTreeMap;

use super::read::{read_workbook, Grid, ReadError, Value};
use super::sheet::{self, header, NO, YES};
use super::{
    AnswerFile, AuditFile, EconomicsFile, EnvelopeFile, IndicatorsFile, InventoryFile, Level,
    OutcomeFile, PlanFile,
};
use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::model::{
    limits, Access, AuditStatus, Methodology, Model, PersonalData, PlanStatus, Track,
};
use crate::names::Slug;

/// What an id names, for messages: `import.what.<key>`.
fn noun(key: &str) -> String {
    t(&format!("import.what.{key}")).to_string()
}

/// What a workbook holds: the commune and its audit.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The commune (checked).
    pub slug: Slug,
    /// The audit.
    pub audit: AuditFile,
}

impl Imported {
    /// The audit's id, `YYYY-MM`, from its (checked) date.
    pub fn id(&self) -> &str {
        self.audit.date.get(..7).unwrap_or("")
    }

    /// Where the audit goes, relative to the repository.
    pub fn path(&self) -> String {
        format!("communes/{}/audits/{}.yaml", self.slug, self.id())
    }
}

/// Reads the workbook `bytes` (shown as `path` in messages) against the methodologies of
/// `model`: the audit when no diagnostic is an error, and every diagnostic.
pub fn import(path: &str, bytes: &[u8], model: &Model) -> (Option<Imported>, Vec<Diagnostic>) {
    let grids = match read_workbook(bytes) {
        Ok(grids) => grids,
        Err(e) => return (None, vec![unreadable(path, &e)]),
    };
    let mut cx = Cx {
        path,
        diagnostics: Vec::new(),
    };
    let mut sheets = BTreeMap::new();
    for key in sheet::SHEETS {
        match grids.iter().find(|g| g.name == t(key)) {
            Some(g) => {
                cx.outside(g);
                sheets.insert(key, g);
            }
            None => cx.missing_sheet(key, &grids),
        }
    }
    let identity = sheets
        .get(sheet::IDENTITY)
        .and_then(|g| cx.identity(g, model));
    let (Some((slug, mut audit)), true) = (identity, sheets.len() == sheet::SHEETS.len()) else {
        return (None, cx.finish());
    };
    let m = &model.methodologies[&audit.methodology];
    audit.answers = cx.answers(sheets[sheet::CRITERIA], m, audit.track);
    audit.inventory = cx.inventory(sheets[sheet::INVENTORY], m);
    audit.plan = cx.plan(sheets[sheet::PLAN], m);
    audit.indicators = cx.indicators(sheets[sheet::INDICATORS]);
    audit.outcomes = cx.outcomes(sheets[sheet::OUTCOMES], m);
    audit.economics = cx.economics(sheets[sheet::ECONOMICS], m);
    audit.envelope = cx.envelope(sheets[sheet::ENVELOPE]);
    let diagnostics = cx.finish();
    match slug {
        Some(slug) if !diagnostics.iter().any(Diagnostic::is_error) => {
            (Some(Imported { slug, audit }), diagnostics)
        }
        _ => (None, diagnostics),
    }
}

fn unreadable(path: &str, e: &ReadError) -> Diagnostic {
    let (message, help) = match e {
        ReadError::NotWorkbook => (
            t("import.not-workbook").to_string(),
            t("help.import-not-workbook").to_string(),
        ),
        ReadError::TooLarge => (
            f(
                "import.too-large",
                &[&(super::read::MAX_FILE / (1024 * 1024))],
            ),
            t("help.import-too-large").to_string(),
        ),
        ReadError::Bomb => (
            t("import.bomb").to_string(),
            t("help.import-too-large").to_string(),
        ),
        ReadError::Corrupt(reason) => (
            f("import.corrupt", &[reason]),
            t("help.import-not-workbook").to_string(),
        ),
    };
    Diagnostic::error(path, 0, 0, message).with_help(help)
}

/// The import's context: where messages point and what they are.
struct Cx<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic>,
}

/// A text field's length limit.
#[derive(Clone, Copy)]
enum Len {
    Line,
    Text,
}

impl Cx<'_> {
    fn finish(mut self) -> Vec<Diagnostic> {
        crate::diagnostic::sort(&mut self.diagnostics);
        self.diagnostics
    }

    fn error(&mut self, g: &Grid, at: Option<(u32, u32)>, message: String, help: String) {
        self.diagnostics.push(
            Diagnostic::error(self.path, 0, 0, message)
                .with_help(help)
                .in_sheet(&g.name, at),
        );
    }

    fn warning(&mut self, g: &Grid, at: Option<(u32, u32)>, message: String, help: String) {
        self.diagnostics.push(
            Diagnostic::warning(self.path, 0, 0, message)
                .with_help(help)
                .in_sheet(&g.name, at),
        );
    }

    fn missing_sheet(&mut self, key: &str, grids: &[Grid]) {
        let found: Vec<String> = grids.iter().map(|g| format!("« {} »", g.name)).collect();
        self.diagnostics.push(
            Diagnostic::error(self.path, 0, 0, f("import.no-sheet", &[&t(key)]))
                .with_help(f("help.import-no-sheet", &[&t(key), &found.join(", ")])),
        );
    }

    fn outside(&mut self, g: &Grid) {
        if let Some(at) = g.outside {
            let limit = format!(
                "{}{}",
                crate::diagnostic::column_name(super::read::MAX_COLUMNS - 1),
                super::read::MAX_ROWS
            );
            self.error(
                g,
                Some(at),
                f("import.outside", &[&limit]),
                t("help.import-outside").to_string(),
            );
        }
    }

    /// The text of a cell (a number or a date typed there becomes its text); `None` when empty.
    fn text(&mut self, g: &Grid, row: u32, col: u32, len: Len) -> Option<String> {
        let text = match g.get(row, col)? {
            Value::Text(s) => s.clone(),
            Value::Number(n) => super::yaml::number(*n),
            Value::Bool(b) => (if *b { YES } else { NO }).to_string(),
            Value::Date(d) => d.clone(),
            Value::Error(e) => {
                self.error(
                    g,
                    Some((row, col)),
                    f("import.formula-error", &[e]),
                    t("help.import-formula-error").to_string(),
                );
                return None;
            }
        };
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            let code = format!("U+{:04X}", u32::from(c));
            self.error(
                g,
                Some((row, col)),
                f("import.control", &[&code]),
                t("help.import-control").to_string(),
            );
            return None;
        }
        let (max, multi) = match len {
            Len::Line => (limits::LINE_CHARS, false),
            Len::Text => (limits::TEXT_CHARS, true),
        };
        if !multi && text.contains('\n') {
            self.error(
                g,
                Some((row, col)),
                t("import.one-line").to_string(),
                t("help.import-one-line").to_string(),
            );
            return None;
        }
        let count = text.chars().count();
        if count > max {
            self.error(
                g,
                Some((row, col)),
                f("import.too-long", &[&count, &max]),
                t("help.import-too-long").to_string(),
            );
            return None;
        }
        (!text.is_empty()).then_some(text)
    }

    /// A code cell (id, level, enumeration word), trimmed; `None` when empty.
    fn code(&mut self, g: &Grid, row: u32, col: u32) -> Option<String> {
        self.text(g, row, col, Len::Line)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// A required code cell, or an error saying it is missing.
    fn required(&mut self, g: &Grid, row: u32, col: u32, what: &str) -> Option<String> {
        let before = self.diagnostics.len();
        let value = self.code(g, row, col);
        self.present(g, (row, col), what, value, before)
    }

    /// A required one-line text, or an error saying it is missing.
    fn required_text(&mut self, g: &Grid, row: u32, col: u32, what: &str) -> Option<String> {
        let before = self.diagnostics.len();
        let value = self.text(g, row, col, Len::Line);
        self.present(g, (row, col), what, value, before)
    }

    /// `v`, or an error saying it is missing when reading it reported nothing.
    fn present(
        &mut self,
        g: &Grid,
        at: (u32, u32),
        what: &str,
        v: Option<String>,
        before: usize,
    ) -> Option<String> {
        if v.is_none() && self.diagnostics.len() == before {
            self.error(
                g,
                Some(at),
                f("import.missing", &[&what]),
                t("help.import-missing").to_string(),
            );
        }
        v
    }

    /// One of `words`, or an error listing them.
    fn word<T: Copy>(&mut self, g: &Grid, row: u32, col: u32, words: &[(&str, T)]) -> Option<T> {
        let s = self.code(g, row, col)?;
        let found = words.iter().find(|(w, _)| *w == s).map(|(_, v)| *v);
        if found.is_none() {
            let all: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            self.error(
                g,
                Some((row, col)),
                f("import.bad-word", &[&s]),
                f("help.import-bad-word", &[&all.join(", ")]),
            );
        }
        found
    }

    /// An id that must be one of `known`, with the nearest one suggested.
    fn known_id(&mut self, g: &Grid, at: (u32, u32), id: &str, known: &[&str], what: &str) -> bool {
        if known.contains(&id) {
            return true;
        }
        let help = match suggest(id, known.iter().copied()) {
            Some(near) => f("help.import-near", &[&near]),
            None if known.len() <= 12 => f("help.import-known-list", &[&known.join(", ")]),
            None => f("help.import-known", &[&what]),
        };
        self.error(g, Some(at), f("import.unknown-id", &[&what, &id]), help);
        false
    }

    /// A list of ids separated by commas, semicolons or line breaks, each one of `known`.
    fn ids(&mut self, g: &Grid, row: u32, col: u32, known: &[&str], what: &str) -> Vec<String> {
        let Some(text) = self.text(g, row, col, Len::Text) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for id in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            if self.known_id(g, (row, col), id, known, what) {
                out.push(id.to_string());
            }
        }
        out
    }

    /// A number in `bounds`; `None` when empty or wrong (with an error).
    fn number(&mut self, g: &Grid, row: u32, col: u32, bounds: limits::Bounds<f64>) -> Option<f64> {
        let v = match g.get(row, col)? {
            Value::Number(n) => *n,
            Value::Text(s) if s.trim().is_empty() => return None,
            Value::Text(s) => match s
                .trim()
                .replace(',', ".")
                .replace([' ', '\u{a0}', '\u{202f}'], "")
                .parse::<f64>()
            {
                Ok(n) => n,
                Err(_) => {
                    self.error(
                        g,
                        Some((row, col)),
                        f("import.not-number", &[&s]),
                        t("help.import-not-number").to_string(),
                    );
                    return None;
                }
            },
            _ => {
                self.error(
                    g,
                    Some((row, col)),
                    f("import.not-number", &[&"?"]),
                    t("help.import-not-number").to_string(),
                );
                return None;
            }
        };
        if !bounds.contains(&v) {
            let range = format!(
                "{} – {}",
                super::yaml::number(bounds.min),
                super::yaml::number(bounds.max)
            );
            self.error(
                g,
                Some((row, col)),
                f("import.out-of-range", &[&super::yaml::number(v), &range]),
                t("help.import-out-of-range").to_string(),
            );
            return None;
        }
        Some(v)
    }

    /// A whole number in `bounds`.
    fn count(&mut self, g: &Grid, row: u32, col: u32, bounds: limits::Bounds<u64>) -> Option<u64> {
        let wide = limits::Bounds {
            min: bounds.min as f64,
            max: bounds.max as f64,
        };
        let v = self.number(g, row, col, wide)?;
        if v.fract() != 0.0 {
            self.error(
                g,
                Some((row, col)),
                f("import.not-whole", &[&super::yaml::number(v)]),
                t("help.import-not-whole").to_string(),
            );
            return None;
        }
        Some(v as u64)
    }

    /// A date `YYYY-MM-DD` (typed as text or made a date by the spreadsheet).
    fn date(&mut self, g: &Grid, row: u32, col: u32, what: &str) -> Option<String> {
        let s = self.required(g, row, col, what)?;
        if crate::model::is_date(&s) {
            return Some(s);
        }
        self.error(
            g,
            Some((row, col)),
            f("import.bad-date", &[&s]),
            t("help.import-bad-date").to_string(),
        );
        None
    }

    /// A boolean `oui`/`non` (or a spreadsheet boolean).
    fn boolean(&mut self, g: &Grid, row: u32, col: u32) -> Option<bool> {
        if let Some(Value::Bool(b)) = g.get(row, col) {
            return Some(*b);
        }
        let words = [
            (YES, true),
            (NO, false),
            ("true", true),
            ("false", false),
            ("vrai", true),
            ("faux", false),
        ];
        self.word(g, row, col, &words)
    }

    /// Checks a table's header row against `columns`: a renamed or moved column is an error.
    fn header(&mut self, g: &Grid, columns: &[&str]) -> bool {
        let mut ok = true;
        for (c, key) in columns.iter().enumerate() {
            let found = match g.get(0, c as u32) {
                Some(Value::Text(s)) => s.trim().to_string(),
                _ => String::new(),
            };
            if found != header(key) {
                ok = false;
                self.error(
                    g,
                    Some((0, c as u32)),
                    f("import.bad-header", &[&found, &header(key)]),
                    t("help.import-bad-header").to_string(),
                );
            }
        }
        ok
    }

    /// The data rows of a table (after the header) that have at least one cell.
    fn rows(g: &Grid, width: usize) -> Vec<u32> {
        let mut rows: Vec<u32> = g
            .cells
            .keys()
            .filter(|(r, c)| *r > 0 && (*c as usize) < width)
            .map(|(r, _)| *r)
            .collect();
        rows.dedup();
        rows
    }
}

mod sections;
mod tables;
