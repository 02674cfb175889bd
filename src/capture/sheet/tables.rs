//! The table sheets of the questionnaire (inventory, plan, outcomes, economics) and the
//! key-value ones for the indicators and the envelope.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::*;

/// A cell of a table: text, a number, or nothing.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt_number(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

fn yes_no(b: bool) -> Cell {
    text(if b { YES } else { NO })
}

/// Writes the rows of a table under its header.
fn table_rows(sheet: &mut Worksheet, rows: Vec<Vec<Cell>>, s: &Styles) -> Result<u32, XlsxError> {
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let (row, col) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(t) => sheet.write_string_with_format(row, col, t, &s.open)?,
                Cell::Number(n) => sheet.write_number_with_format(row, col, *n, &s.open)?,
                Cell::Empty => sheet.write_blank(row, col, &s.open)?,
            };
        }
    }
    Ok(rows.len() as u32 + SPARE_ROWS)
}

pub(super) fn inventory_sheet(
    sheet: &mut Worksheet,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(INVENTORY))?;
    let widths = [
        22.0, 36.0, 28.0, 12.0, 20.0, 18.0, 14.0, 40.0, 8.0, 8.0, 8.0, 8.0, 24.0, 36.0,
    ];
    table_header(sheet, &INVENTORY_COLUMNS, &widths, s)?;
    let rows = audit
        .inventory
        .iter()
        .map(|i| {
            vec![
                text(&i.kind),
                text(&i.name),
                text(&i.holder),
                text(access(i.access)),
                text(&i.format),
                text(&i.refresh),
                text(personal(i.personal_data)),
                text(&i.legal_basis),
                yes_no(i.dpia),
                i.dpia_required.map_or(Cell::Empty, yes_no),
                i.in_register.map_or(Cell::Empty, yes_no),
                Cell::Number(i.quality as f64),
                text(&i.steps.join(", ")),
                text(&i.citation),
            ]
        })
        .collect();
    let last = table_rows(sheet, rows, s)?;
    let accesses: Vec<&str> = Access::ALL.iter().map(|a| access(*a)).collect();
    list(sheet, 1, 3, last, &accesses)?;
    let personal_words = [
        PersonalData::None,
        PersonalData::Pseudonymised,
        PersonalData::Personal,
    ]
    .map(personal);
    list(sheet, 1, 6, last, &personal_words)?;
    for c in 8..=10 {
        list(sheet, 1, c, last, &[YES, NO])?;
    }
    list(sheet, 1, 11, last, &["0", "1", "2", "3", "4"])?;
    Ok(())
}

pub(super) fn plan_sheet(
    sheet: &mut Worksheet,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(PLAN))?;
    let widths = [26.0, 30.0, 28.0, 10.0, 12.0, 12.0, 10.0, 10.0, 12.0, 40.0];
    table_header(sheet, &PLAN_COLUMNS, &widths, s)?;
    let rows = audit
        .plan
        .iter()
        .map(|p| {
            vec![
                text(&p.action),
                text(&p.criteria.join(", ")),
                text(&p.owner),
                opt_number(p.staff_days),
                opt_number(p.budget_one_off),
                opt_number(p.budget_yearly),
                text(&p.start),
                text(&p.end),
                text(plan_status(p.status)),
                p.kpi.as_deref().map_or(Cell::Empty, text),
            ]
        })
        .collect();
    let last = table_rows(sheet, rows, s)?;
    let statuses = [
        PlanStatus::Planned,
        PlanStatus::InProgress,
        PlanStatus::Done,
        PlanStatus::Dropped,
    ]
    .map(plan_status);
    list(sheet, 1, 8, last, &statuses)?;
    Ok(())
}

pub(super) fn indicators_sheet(
    sheet: &mut Worksheet,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(INDICATORS))?;
    let i = audit.indicators.clone().unwrap_or_default();
    let count = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let rows: Vec<(&str, String)> = vec![
        ("shops", count(i.shops)),
        (
            "vacancy_rate",
            i.vacancy_rate.map(number).unwrap_or_default(),
        ),
        ("parking_spaces", count(i.parking_spaces)),
        ("collection_points", count(i.collection_points)),
        ("footfall", count(i.footfall)),
        ("footfall_source", i.footfall_source.unwrap_or_default()),
    ];
    numeric_key_values(sheet, "ind", &rows, &[5], s)
}

pub(super) fn envelope_sheet(
    sheet: &mut Worksheet,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(ENVELOPE))?;
    let (a, b, c) = audit
        .envelope
        .as_ref()
        .map(|e| (number(e.one_off), number(e.yearly), number(e.staff_days)))
        .unwrap_or_default();
    let rows = vec![("one_off", a), ("yearly", b), ("staff_days", c)];
    numeric_key_values(sheet, "env", &rows, &[], s)
}

/// A key-value sheet whose values are numbers, except the rows listed in `texts`.
fn numeric_key_values(
    sheet: &mut Worksheet,
    prefix: &str,
    rows: &[(&str, String)],
    texts: &[usize],
    s: &Styles,
) -> Result<(), XlsxError> {
    key_value_sheet(sheet, prefix, rows, s)?;
    for (r, (_, value)) in rows.iter().enumerate() {
        if let (false, Ok(n)) = (texts.contains(&r), value.parse::<f64>()) {
            sheet.write_number_with_format(r as u32 + 1, 2, n, &s.open)?;
        }
    }
    Ok(())
}

pub(super) fn outcomes_sheet(
    sheet: &mut Worksheet,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(OUTCOMES))?;
    table_header(sheet, &OUTCOME_COLUMNS, &[26.0, 12.0, 12.0, 80.0], s)?;
    let rows = audit
        .outcomes
        .iter()
        .map(|o| {
            vec![
                text(&o.indicator),
                Cell::Number(o.value),
                text(&o.date),
                text(&o.method),
            ]
        })
        .collect();
    table_rows(sheet, rows, s)?;
    Ok(())
}

pub(super) fn economics_sheet(
    sheet: &mut Worksheet,
    audit: &AuditFile,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(ECONOMICS))?;
    let widths = [16.0, 12.0, 12.0, 12.0, 12.0, 80.0];
    table_header(sheet, &ECONOMICS_COLUMNS, &widths, s)?;
    let pair = |r: Option<[f64; 2]>| (opt_number(r.map(|r| r[0])), opt_number(r.map(|r| r[1])));
    let rows = audit
        .economics
        .iter()
        .map(|e| {
            let (c0, c1) = pair(e.cost_yearly);
            let (r0, r1) = pair(e.return_yearly);
            vec![
                text(&e.step),
                c0,
                c1,
                r0,
                r1,
                e.assumptions.as_deref().map_or(Cell::Empty, text),
            ]
        })
        .collect();
    table_rows(sheet, rows, s)?;
    Ok(())
}
