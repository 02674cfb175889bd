//! Content problems as data: a located message for a methodology author or an adviser.
//!
//! Every stage that reads user files returns `Diagnostic`s instead of failing early, so
//! `parcours check` can print them all at once, sorted, like a compiler.

use std::borrow::Cow;
use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How bad a problem is: errors stop the build, warnings are printed and let it go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the output is still meaningful.
    Warning,
}

/// One located problem in a user file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u64,
    /// 1-based column; 0 when unknown.
    pub column: u64,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in French.
    pub message: String,
    /// How to fix it, when a fix is known.
    pub help: Option<String>,
    /// The text of `line`, when known ([`attach_sources`]): shown under the message with a
    /// marker at `column`, like a compiler.
    /// (A boxed `str`, so that adding [`Diagnostic::cell`] kept the struct at its size.)
    pub source_line: Option<Box<str>>,
    /// The place in a workbook, for a problem in a spreadsheet (`line` and `column` are then 0).
    /// Boxed: most diagnostics are not in a workbook, and `Result<_, Diagnostic>` stays small.
    pub cell: Option<Box<SheetCell>>,
}

/// A place in a workbook: a sheet, and a cell of it when the problem is in one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SheetCell {
    /// The sheet's name.
    pub sheet: String,
    /// 0-based (row, column) of the cell; `None` for the whole sheet.
    pub at: Option<(u32, u32)>,
}

impl SheetCell {
    /// The spreadsheet reference, `Critères!F12` (the name quoted when it has to be).
    pub fn reference(&self) -> String {
        let plain = self.sheet.chars().all(char::is_alphanumeric);
        let sheet = if plain {
            self.sheet.clone()
        } else {
            format!("'{}'", self.sheet.replace('\'', "''"))
        };
        match self.at {
            Some((row, col)) => format!("{sheet}!{}{}", column_name(col), row + 1),
            None => sheet,
        }
    }
}

/// The letters of a 0-based column: `A`, `Z`, `AA`…
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Diagnostic {
    /// Creates an error at a place.
    pub fn error(
        path: impl Into<String>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            source_line: None,
            cell: None,
        }
    }

    /// Creates a warning at a place.
    pub fn warning(
        path: impl Into<String>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// Adds a help line saying how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Tells whether this diagnostic stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Keeps the text of the diagnostic's line out of `text`, the whole file it points into.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source_line = line_of(text, self.line);
        self
    }

    /// Places the problem in a workbook: in `sheet`, at the 0-based (row, column) when given.
    pub fn in_sheet(mut self, sheet: &str, at: Option<(u32, u32)>) -> Self {
        self.cell = Some(Box::new(SheetCell {
            sheet: sheet.to_string(),
            at,
        }));
        self
    }

    /// Prefixes the path, e.g. with the Git reference a file was read from.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        self.path = format!("{prefix}{}", self.path);
        self
    }
}

/// Makes text safe to print on a terminal or in a CI log: every control character (escape
/// sequences start with one), and the bidirectional overrides that reorder a line, become an
/// inert `\u{1b}`. Everything a diagnostic or a note echoes from a file goes through here.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", terminal_safe(&self.path))?;
        if let Some(cell) = &self.cell {
            write!(f, ":{}", terminal_safe(&cell.reference()))?;
        }
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let kind = match self.severity {
            Severity::Error => crate::i18n::t("diag.error"),
            Severity::Warning => crate::i18n::t("diag.warning"),
        };
        write!(f, ": {kind}: {}", terminal_safe(&self.message))?;
        if let Some(line) = &self.source_line {
            f.write_str(&snippet(line, self.line, self.column, self.severity))?;
        }
        if let Some(help) = &self.help {
            let help = terminal_safe(help);
            write!(f, "\n  = {} : {help}", crate::i18n::t("diag.help"))?;
        }
        Ok(())
    }
}

/// The source line under a message, with a `^` under `column` (rendered by
/// `annotate-snippets`, without colours, so logs and goldens stay plain text). The line goes
/// through [`terminal_safe`] first; the marker moves with what it points at.
fn snippet(text: &str, line: u64, column: u64, severity: Severity) -> String {
    let mut safe = String::with_capacity(text.len());
    let mut at = None;
    for (i, c) in text.chars().enumerate() {
        if i as u64 + 1 == column {
            at = Some(safe.len());
        }
        let mut buffer = [0; 4];
        safe.push_str(&terminal_safe(c.encode_utf8(&mut buffer)));
    }
    // A column just past the end (an error at the end of the line) points there.
    let start = at.unwrap_or(safe.len());
    let end = safe[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut source = Snippet::source(safe.as_str())
        .line_start(usize::try_from(line).unwrap_or(usize::MAX))
        .fold(false);
    if column > 0 {
        source = source.annotation(AnnotationKind::Primary.span(start..end));
    }
    let report = [Group::with_level(level).element(source)];
    let rendered = Renderer::plain().render(&report);
    let mut out = String::new();
    for row in rendered.lines() {
        out.push('\n');
        out.push_str(row.trim_end());
    }
    out
}

/// Line `line` (1-based) of `text`, if it has one.
fn line_of(text: &str, line: u64) -> Option<Box<str>> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    text.lines().nth(index).map(Box::from)
}

/// Fills [`Diagnostic::source_line`] from the files' texts (`text_of` gets a diagnostic's
/// path; each file is asked for once). Paths it does not know stay without a snippet.
pub fn attach_sources(diagnostics: &mut [Diagnostic], text_of: &dyn Fn(&str) -> Option<String>) {
    let mut texts: std::collections::BTreeMap<String, Option<String>> = Default::default();
    for d in diagnostics.iter_mut().filter(|d| d.line > 0) {
        let text = texts
            .entry(d.path.clone())
            .or_insert_with(|| text_of(&d.path));
        if let Some(text) = text {
            d.source_line = line_of(text, d.line);
        }
    }
}

/// Sorts diagnostics by file, then position, and removes exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.cell, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.column, &b.cell, b.severity, &b.message))
    });
    diagnostics.dedup();
}

/// Returns the known id closest to `unknown`, when one is close enough to be a typo.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        let distance = edit_distance(unknown, candidate);
        let limit = (unknown.chars().count().max(candidate.chars().count()) / 3).max(2);
        let shares_tail = !unknown.is_empty()
            && (candidate.ends_with(unknown.rsplit('.').next().unwrap_or(unknown))
                || unknown.ends_with(candidate.rsplit('.').next().unwrap_or(candidate)));
        let close = distance <= limit || (shares_tail && candidate.contains('.'));
        if close && best.is_none_or(|(d, c)| distance < d || (distance == d && candidate < c)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_id() {
        let known = [
            "stationner.info-temps-reel",
            "stationner.tarifs",
            "acheter.accueil",
        ];
        assert_eq!(
            suggest("stationner.temps-reel", known),
            Some("stationner.info-temps-reel")
        );
        assert_eq!(
            suggest("stationer.tarifs", known),
            Some("stationner.tarifs")
        );
        assert_eq!(suggest("zzz", known), None);
    }

    #[test]
    fn display_neutralises_terminal_escapes() {
        let d = Diagnostic::error(
            "communes/a\u{1b}[2J/commune.yaml",
            4,
            1,
            "champ inconnu `\u{1b}]0;PWNED\u{7}\u{1b}[31mFAKE OK\u{202e}`",
        )
        .with_help("ligne\rOK");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(!shown.contains('\u{202e}'), "{shown:?}");
        assert_eq!(shown.matches('\n').count(), 1, "{shown:?}");
        assert!(shown.contains("\\u{1b}]0;PWNED\\u{7}"), "{shown}");
    }

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::error("communes/a/commune.yaml", 3, 7, "message").with_help("fix");
        assert_eq!(
            d.to_string(),
            "communes/a/commune.yaml:3:7: erreur: message\n  = aide : fix"
        );
    }

    #[test]
    fn shows_the_line_with_a_marker_under_the_column() {
        let text = "name: Valdor\nins: 9901\n";
        let d = Diagnostic::error("communes/a/commune.yaml", 2, 6, "code INS invalide")
            .with_help("fix")
            .with_source(text);
        assert_eq!(
            d.to_string(),
            "communes/a/commune.yaml:2:6: erreur: code INS invalide\n  |\n2 | ins: 9901\n  |      ^\n  = aide : fix"
        );
    }

    #[test]
    fn the_marker_follows_escaped_control_characters() {
        let d = Diagnostic::error("a.yaml", 1, 9, "m").with_source("k: \"\u{1b}[2J\" x\n");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        let lines: Vec<&str> = shown.lines().collect();
        let caret = lines[3].find('^').unwrap();
        assert_eq!(&lines[2][caret..], "\" x", "{shown}");
    }

    #[test]
    fn a_workbook_problem_shows_its_sheet_and_cell() {
        let d =
            Diagnostic::error("q.xlsx", 0, 0, "niveau inconnu").in_sheet("Critères", Some((11, 5)));
        assert_eq!(d.to_string(), "q.xlsx:Critères!F12: erreur: niveau inconnu");
        let d = Diagnostic::error("q.xlsx", 0, 0, "m").in_sheet("Mon plan", None);
        assert_eq!(d.to_string(), "q.xlsx:'Mon plan': erreur: m");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn no_line_no_snippet() {
        let mut ds = vec![
            Diagnostic::error("a.yaml", 0, 0, "m"),
            Diagnostic::error("b.yaml", 9, 1, "m"),
        ];
        attach_sources(&mut ds, &|_| Some("one line\n".into()));
        assert_eq!(ds[0].source_line, None);
        assert_eq!(ds[1].source_line, None);
        assert_eq!(ds[1].to_string(), "b.yaml:9:1: erreur: m");
    }
}
