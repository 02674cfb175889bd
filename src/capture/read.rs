//! A workbook file (`.xlsx` or `.ods`) → its sheets as sparse grids of values, within bounds.
//!
//! The file is untrusted: before calamine sees it, the zip is opened and every entry
//! decompressed through a counter (a zip bomb stops at [`MAX_UNZIPPED`]); an `.ods` is
//! scanned for the repeated rows and columns that would make calamine allocate a huge grid;
//! an `.xlsx` sheet is read cell by cell and cells past [`MAX_ROWS`] × [`MAX_COLUMNS`] are
//! counted, not kept. Nothing here panics or waits on anything but the bytes given.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader};

/// The largest workbook file read, in bytes.
pub const MAX_FILE: usize = 20 * 1024 * 1024;
/// The most bytes all the entries of the zip may decompress to.
pub const MAX_UNZIPPED: u64 = 100 * 1024 * 1024;
/// The most entries of the zip.
const MAX_ENTRIES: usize = 2_000;
/// Rows kept of a sheet (a methodology has fewer than a hundred criteria).
pub const MAX_ROWS: u32 = 5_000;
/// Columns kept of a sheet.
pub const MAX_COLUMNS: u32 = 64;
/// The most cells an `.ods` sheet may span once its repeats are expanded.
const MAX_ODS_CELLS: u64 = 2_000_000;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A date, `YYYY-MM-DD` (the spreadsheet made a date of what was typed).
    Date(String),
    /// A formula error (`#DIV/0!`…) or a value that is not one of the above.
    Error(String),
}

/// One sheet: its name and its non-empty cells by (row, column), 0-based.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name.
    pub name: String,
    /// Non-empty cells.
    pub cells: BTreeMap<(u32, u32), Value>,
    /// The first non-empty cell past the bounds, if any (its contents are not kept).
    pub outside: Option<(u32, u32)>,
}

impl Grid {
    /// The value at (row, column).
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.cells.get(&(row, col))
    }
}

/// Why a file cannot be read as a workbook.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// Not a zip, or a zip of neither kind.
    NotWorkbook,
    /// Larger than [`MAX_FILE`] bytes.
    TooLarge,
    /// Decompresses past [`MAX_UNZIPPED`], or has too many entries, or an `.ods` sheet spans
    /// too many cells.
    Bomb,
    /// A workbook calamine could not read (its message, in English, kept for the help).
    Corrupt(String),
}

/// Reads the sheets of a workbook, in workbook order.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Grid>, ReadError> {
    if bytes.len() > MAX_FILE {
        return Err(ReadError::TooLarge);
    }
    let kind = sniff(bytes)?;
    match kind {
        Kind::Xlsx => read_xlsx(bytes),
        Kind::Ods => read_ods(bytes),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Xlsx,
    Ods,
}

/// Opens the zip, decompresses every entry through a counter and tells which kind it is.
fn sniff(bytes: &[u8]) -> Result<Kind, ReadError> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ReadError::NotWorkbook);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::NotWorkbook)?;
    if zip.len() > MAX_ENTRIES {
        return Err(ReadError::Bomb);
    }
    let mut total = 0u64;
    let (mut xlsx, mut ods) = (false, false);
    let mut buffer = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| ReadError::Corrupt(e.to_string()))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        xlsx |= name == "xl/workbook.xml";
        let mut mimetype = Vec::new();
        loop {
            let n = entry
                .read(&mut buffer)
                .map_err(|e| ReadError::Corrupt(e.to_string()))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_UNZIPPED {
                return Err(ReadError::Bomb);
            }
            if name == "mimetype" && mimetype.len() < 100 {
                mimetype.extend_from_slice(&buffer[..n.min(100)]);
            }
        }
        ods |= mimetype.starts_with(b"application/vnd.oasis.opendocument.spreadsheet");
    }
    match (xlsx, ods) {
        (true, _) => Ok(Kind::Xlsx),
        (false, true) => Ok(Kind::Ods),
        _ => Err(ReadError::NotWorkbook),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Grid>, ReadError> {
    let corrupt = |e: calamine::XlsxError| ReadError::Corrupt(e.to_string());
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let mut grid = Grid {
            name: name.clone(),
            ..Grid::default()
        };
        let mut reader = book.worksheet_cells_reader(&name).map_err(corrupt)?;
        while let Some(cell) = reader.next_cell().map_err(corrupt)? {
            let (row, col) = cell.get_position();
            let value = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::Int(i) => Value::Number(*i as f64),
                DataRef::Float(f) => Value::Number(*f),
                DataRef::String(s) => Value::Text(s.clone()),
                DataRef::SharedString(s) => Value::Text((*s).to_string()),
                DataRef::Bool(b) => Value::Bool(*b),
                DataRef::DateTime(d) => serial_date(d.as_f64()),
                DataRef::DateTimeIso(s) => iso_date(s),
                DataRef::DurationIso(s) => Value::Error(s.clone()),
                DataRef::Error(e) => Value::Error(e.to_string()),
            };
            keep(&mut grid, row, col, value);
        }
        grids.push(grid);
    }
    Ok(grids)
}

fn keep(grid: &mut Grid, row: u32, col: u32, value: Value) {
    if value == Value::Text(String::new()) {
        return;
    }
    if row >= MAX_ROWS || col >= MAX_COLUMNS {
        grid.outside = grid.outside.min(Some((row, col))).or(Some((row, col)));
    } else {
        grid.cells.insert((row, col), value);
    }
}

fn read_ods(bytes: &[u8]) -> Result<Vec<Grid>, ReadError> {
    ods_extent(bytes)?;
    let corrupt = |e: calamine::OdsError| ReadError::Corrupt(e.to_string());
    let mut book = calamine::Ods::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(corrupt)?;
        let mut grid = Grid {
            name: name.clone(),
            ..Grid::default()
        };
        for (row, col, data) in range.used_cells() {
            let (row, col) = (row as u32 + range.start().map_or(0, |s| s.0), col as u32);
            let col = col + range.start().map_or(0, |s| s.1);
            let value = match data {
                calamine::Data::Empty => continue,
                calamine::Data::Int(i) => Value::Number(*i as f64),
                calamine::Data::Float(f) => Value::Number(*f),
                calamine::Data::String(s) => Value::Text(s.clone()),
                calamine::Data::Bool(b) => Value::Bool(*b),
                calamine::Data::DateTime(d) => serial_date(d.as_f64()),
                calamine::Data::DateTimeIso(s) => iso_date(s),
                calamine::Data::DurationIso(s) => Value::Error(s.clone()),
                calamine::Data::Error(e) => Value::Error(e.to_string()),
            };
            keep(&mut grid, row, col, value);
        }
        grids.push(grid);
    }
    Ok(grids)
}

/// Refuses an `.ods` whose sheets would span more than [`MAX_ODS_CELLS`] once calamine expands
/// `number-rows-repeated` and `number-columns-repeated` up to their last non-empty cell.
fn ods_extent(bytes: &[u8]) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReadError::NotWorkbook)?;
    let mut content = String::new();
    zip.by_name("content.xml")
        .map_err(|e| ReadError::Corrupt(e.to_string()))?
        .take(MAX_UNZIPPED)
        .read_to_string(&mut content)
        .map_err(|e| ReadError::Corrupt(e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(&content);
    let repeats = |e: &quick_xml::events::BytesStart, attr: &str| -> u64 {
        e.try_get_attribute(attr)
            .ok()
            .flatten()
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    // Per table: rows so far, rows up to the last row with content, widest content.
    let (mut rows, mut used_rows, mut width) = (0u64, 0u64, 0u64);
    let (mut row_repeat, mut col, mut row_width) = (1u64, 0u64, 0u64);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ReadError::Corrupt(e.to_string()))?;
        let is_start = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                (rows, used_rows, width) = (0, 0, 0);
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                (row_repeat, col, row_width) = (repeats(&e, "table:number-rows-repeated"), 0, 0);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(row_repeat);
                if row_width > 0 {
                    used_rows = rows;
                    width = width.max(row_width);
                }
                if used_rows.saturating_mul(width) > MAX_ODS_CELLS {
                    return Err(ReadError::Bomb);
                }
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                col = col.saturating_add(repeats(&e, "table:number-columns-repeated"));
                let filled = is_start
                    || e.try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                if filled {
                    row_width = col;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn serial_date(serial: f64) -> Value {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return Value::Error(serial.to_string());
    }
    let days = serial.floor() as i64 - 25_569; // to days since 1970-01-01
    Value::Date(civil(days))
}

/// An ISO date or date-time (`.ods`) as `YYYY-MM-DD`.
fn iso_date(s: &str) -> Value {
    match s.get(..10) {
        Some(d) if crate::model::is_date(d) => Value::Date(d.to_string()),
        _ => Value::Error(s.to_string()),
    }
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (Howard Hinnant's civil-from-days).
pub fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_dates() {
        assert_eq!(serial_date(46_350.0), Value::Date("2026-11-24".into()));
        assert_eq!(serial_date(25_569.0), Value::Date("1970-01-01".into()));
        assert!(matches!(serial_date(-3.0), Value::Error(_)));
    }

    /// An `.ods` of one sheet whose content.xml is `rows`.
    fn ods(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        zip.start_file("content.xml", stored).unwrap();
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Plan">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_ods_of_repeated_cells_is_refused_before_calamine_expands_it() {
        // A few hundred bytes asking for a million rows of a thousand filled cells.
        let bomb = ods(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        );
        assert!(bomb.len() < 2_000, "{}", bomb.len());
        assert_eq!(read_workbook(&bomb), Err(ReadError::Bomb));
        // Trailing empty rows and cells, as LibreOffice writes them, are fine.
        let fine = ods(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        let grids = read_workbook(&fine).expect("reads");
        assert_eq!(grids[0].cells.len(), 1);
        assert_eq!(grids[0].get(0, 0), Some(&Value::Text("x".into())));
    }

    #[test]
    fn not_a_zip_is_not_a_workbook() {
        assert_eq!(read_workbook(b"name,score\n"), Err(ReadError::NotWorkbook));
        assert_eq!(
            read_workbook(b"PK\x03\x04garbage"),
            Err(ReadError::NotWorkbook)
        );
        assert_eq!(read_workbook(&[]), Err(ReadError::NotWorkbook));
    }
}
