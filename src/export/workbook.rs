//! `data/donnees.xlsx`: the tables of the CSV exports as the sheets of one workbook, for a
//! spreadsheet that reads a CSV with the wrong separator (a Belgian Excel expects `;`). Each
//! sheet is written from the CSV text itself, so the two can never disagree: a cell of a numeric
//! column becomes a number, any other cell stays text (a spreadsheet never runs it as a
//! formula, so the CSV's protective `'` is dropped). The file's dates come from the input (the
//! newest published audit), never from the clock: same input, same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::score::Scored;

/// Columns whose cells are numbers (empty cells stay empty).
const NUMERIC: &[&str] = &[
    "population",
    "indice_global",
    "couverture",
    "score",
    "valeur",
    "valeur_precedente",
    "evolution",
];

/// Builds the workbook of `sheets` (name, CSV text); empty bytes if the writer fails, which it
/// does only on an invalid sheet name (ours are constants).
pub(super) fn workbook(sheets: &[(&str, &str)], scored: &Scored<'_>) -> Vec<u8> {
    build(sheets, &newest_date(scored)).unwrap_or_default()
}

fn build(sheets: &[(&str, &str)], date: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::parse_from_str(date)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let header = Format::new().set_bold();
    for (name, text) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut numeric = Vec::new();
        let mut flags = Vec::new();
        for (r, record) in reader.records().enumerate() {
            let Ok(record) = record else { continue };
            let row = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in record.iter().enumerate() {
                let col = u16::try_from(c).unwrap_or(u16::MAX);
                if r == 0 {
                    numeric.push(NUMERIC.contains(&cell));
                    flags.push(cell == "fictif");
                    sheet.write_string_with_format(row, col, cell, &header)?;
                } else if cell.is_empty() {
                    continue;
                } else if let (true, Ok(n)) = (numeric.get(c) == Some(&true), cell.parse::<f64>()) {
                    sheet.write_number(row, col, n)?;
                } else if let (true, Ok(b)) = (flags.get(c) == Some(&true), cell.parse::<bool>()) {
                    sheet.write_boolean(row, col, b)?;
                } else {
                    sheet.write_string(row, col, unprotect(cell))?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

/// The CSV's formula guard (a leading `'` before `=`, `+`, `-`, `@`, a tab or a carriage
/// return) removed: a string cell of a workbook is never evaluated.
fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The date of the newest published audit (`YYYY-MM-DD`), or a fixed date without one.
fn newest_date(scored: &Scored<'_>) -> String {
    scored
        .communes
        .iter()
        .flat_map(|cs| cs.audits.iter().filter(|s| s.published()))
        .map(|s| s.audit.date.as_str())
        .max()
        .unwrap_or("2000-01-01")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_comes_off_only_where_the_csv_put_it() {
        assert_eq!(unprotect("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unprotect("'-2"), "-2");
        assert_eq!(unprotect("'hello"), "'hello");
        assert_eq!(unprotect("Namur"), "Namur");
    }

    #[test]
    fn same_tables_same_bytes_and_a_real_zip() {
        let csv = "commune,score,fictif\nnamur,52.5,true\n'=x,,false\n";
        let a = build(&[("scores", csv)], "2025-06-12").expect("builds");
        let b = build(&[("scores", csv)], "2025-06-12").expect("builds");
        assert_eq!(a, b, "no clock in the file");
        assert!(a.starts_with(b"PK\x03\x04"), "an xlsx file is a zip");
        let c = build(&[("scores", csv)], "2026-01-01").expect("builds");
        assert_ne!(a, c, "the creation date comes from the input");
    }
}
