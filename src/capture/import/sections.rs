//! The sheets of a questionnaire, one reader each.

use std::collections::BTreeMap;

use super::*;

/// (row, value column) of each key of a key-value sheet, and the auditor rows in order.
pub(super) struct Keys {
    pub(super) rows: BTreeMap<String, u32>,
    pub(super) repeated: Vec<u32>,
}

impl Cx<'_> {
    /// Reads the keys of a key-value sheet; `repeat` may appear on several rows.
    pub(super) fn keys(&mut self, g: &Grid, known: &[&str], repeat: Option<&str>) -> Keys {
        let mut keys = Keys {
            rows: BTreeMap::new(),
            repeated: Vec::new(),
        };
        self.header(g, &["key", "label", "value"]);
        for row in Cx::rows(g, 3) {
            let Some(key) = self.code(g, row, 0) else {
                if g.get(row, 2).is_some() {
                    self.error(
                        g,
                        Some((row, 0)),
                        t("import.no-key").to_string(),
                        t("help.import-no-key").to_string(),
                    );
                }
                continue;
            };
            if Some(key.as_str()) == repeat {
                keys.repeated.push(row);
            } else if !known.contains(&key.as_str()) {
                self.error(
                    g,
                    Some((row, 0)),
                    f("import.unknown-key", &[&key]),
                    f("help.import-known-keys", &[&known.join(", ")]),
                );
            } else if let Some(first) = keys.rows.get(&key) {
                let first = format!("A{}", first + 1);
                self.error(
                    g,
                    Some((row, 0)),
                    f("import.duplicate", &[&key, &first]),
                    t("help.import-duplicate").to_string(),
                );
            } else {
                keys.rows.insert(key, row);
            }
        }
        keys
    }

    /// The commune (when valid) and the audit's identity; `None` when the methodology cannot
    /// be known (the other sheets are not read then). A wrong cell is reported and left
    /// empty, so that the other sheets are still read and every problem shown at once.
    pub(super) fn identity(
        &mut self,
        g: &Grid,
        model: &Model,
    ) -> Option<(Option<Slug>, AuditFile)> {
        let keys = self.keys(g, &sheet::IDENTITY_KEYS, Some(sheet::AUDITOR));
        for key in ["commune", "methodology", "date", "status"] {
            if !keys.rows.contains_key(key) {
                self.error(
                    g,
                    None,
                    f("import.no-key-row", &[&key]),
                    t("help.import-no-key-row").to_string(),
                );
            }
        }
        let at = |key: &str| keys.rows.get(key).copied();
        let label = |key: &str| t(&format!("sheet.id.{key}")).to_string();
        let slug = at("commune").and_then(|r| {
            let s = self.required(g, r, 2, &label("commune"))?;
            match Slug::new(&s) {
                Ok(slug) => Some(slug),
                Err(e) => {
                    let d = crate::names::slug_diagnostic(self.path, &s, e);
                    self.error(g, Some((r, 2)), d.message, d.help.unwrap_or_default());
                    None
                }
            }
        });
        let methodology = at("methodology").and_then(|r| {
            let v = self.required(g, r, 2, &label("methodology"))?;
            if model.methodologies.contains_key(&v) {
                return Some(v);
            }
            self.error(
                g,
                Some((r, 2)),
                f("import.unknown-version", &[&v]),
                f("help.import-versions", &[&model.order.join(", ")]),
            );
            None
        });
        let date = at("date").and_then(|r| self.date(g, r, 2, &label("date")));
        let statuses = [
            ("draft", AuditStatus::Draft),
            ("published", AuditStatus::Published),
        ];
        let status = at("status").and_then(|r| {
            let before = self.diagnostics.len();
            let v = self.word(g, r, 2, &statuses);
            if v.is_none() && self.diagnostics.len() == before {
                self.error(
                    g,
                    Some((r, 2)),
                    f("import.missing", &[&label("status")]),
                    t("help.import-missing").to_string(),
                );
            }
            v
        });
        let track = at("track")
            .and_then(|r| self.word(g, r, 2, &[("full", Track::Full), ("light", Track::Light)]));
        let summary = at("summary").and_then(|r| self.text(g, r, 2, Len::Text));
        let comments = at("comments")
            .and_then(|r| self.text(g, r, 2, Len::Text))
            .map(|c| c.lines().map(super::super::yaml::comment).collect())
            .unwrap_or_default();
        let auditors = keys
            .repeated
            .iter()
            .filter_map(|r| self.text(g, *r, 2, Len::Line))
            .collect();
        Some((
            slug,
            AuditFile {
                comments,
                methodology: methodology?,
                date: date.unwrap_or_default(),
                status: status.unwrap_or(AuditStatus::Draft),
                track,
                auditors,
                summary,
                answers: Vec::new(),
                inventory: Vec::new(),
                plan: Vec::new(),
                indicators: None,
                outcomes: Vec::new(),
                economics: Vec::new(),
                envelope: None,
            },
        ))
    }

    /// One answer per criterion of `m`, in its order.
    pub(super) fn answers(
        &mut self,
        g: &Grid,
        m: &Methodology,
        track: Option<Track>,
    ) -> Vec<AnswerFile> {
        if !self.header(g, &sheet::CRITERIA_COLUMNS) {
            return Vec::new();
        }
        let light = track == Some(Track::Light);
        let mut found: BTreeMap<String, Option<AnswerFile>> = BTreeMap::new();
        let mut first_row: BTreeMap<String, u32> = BTreeMap::new();
        for row in Cx::rows(g, sheet::CRITERIA_COLUMNS.len()) {
            let Some((id, answer)) = self.answer_row(g, m, row) else {
                continue;
            };
            if let Some(first) = first_row.get(&id) {
                let first = format!("A{}", first + 1);
                self.error(
                    g,
                    Some((row, 0)),
                    f("import.duplicate", &[&id, &first]),
                    t("help.import-duplicate").to_string(),
                );
                continue;
            }
            first_row.insert(id.clone(), row);
            let Some(answer) = answer else {
                found.insert(id, None);
                continue;
            };
            let outside_track = light && m.criteria.iter().any(|c| c.id == id && !c.light);
            let untouched =
                answer.score.is_none() && answer.evidence.is_empty() && answer.sources.is_empty();
            let kept = (!(outside_track && untouched)).then(|| answer.into_answer());
            found.insert(id, kept);
        }
        let mut answers = Vec::new();
        for c in &m.criteria {
            match found.remove(&c.id) {
                Some(kept) => answers.extend(kept),
                None if light && !c.light => {}
                None => {
                    self.warning(
                        g,
                        None,
                        f("import.no-row", &[&c.id]),
                        t("help.import-no-row").to_string(),
                    );
                    answers.push(AnswerFile {
                        criterion: c.id.clone(),
                        score: Level::ToAnswer,
                        evidence: String::new(),
                        sources: Vec::new(),
                    });
                }
            }
        }
        answers
    }

    /// The criterion id of a row and what is filled in (`None` when the level is wrong);
    /// `None` when the id is missing or unknown (reported).
    fn answer_row(
        &mut self,
        g: &Grid,
        m: &Methodology,
        row: u32,
    ) -> Option<(String, Option<Partial>)> {
        let known: Vec<&str> = m.criteria.iter().map(|c| c.id.as_str()).collect();
        let sources: Vec<&str> = m.sources.iter().map(|s| s.id.as_str()).collect();
        let col = u32::from(sheet::SCORE_COLUMN);
        let id = self.required(g, row, 0, header("criterion"))?;
        let known_id = self.known_id(g, (row, 0), &id, &known, &noun("criterion"));
        let score = self.level(g, row, col);
        let evidence = self.text(g, row, col + 1, Len::Text).unwrap_or_default();
        let ids = self.ids(g, row, col + 2, &sources, &noun("source"));
        let partial = score.ok().map(|score| Partial {
            criterion: id.clone(),
            score,
            evidence,
            sources: ids,
        });
        known_id.then_some((id, partial))
    }

    /// The level of a cell: `Ok(None)` when empty, `Err` (reported) when not a level.
    fn level(&mut self, g: &Grid, row: u32, col: u32) -> Result<Option<Level>, ()> {
        let word = match g.get(row, col) {
            None => return Ok(None),
            Some(Value::Number(n)) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => {
                return Ok(Some(Level::Level(*n as u8)));
            }
            Some(_) => self.code(g, row, col),
        };
        let Some(word) = word else {
            return Ok(None);
        };
        match Level::parse(&word) {
            Some(level) => Ok(Some(level)),
            None => {
                let all: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
                self.error(
                    g,
                    Some((row, col)),
                    f("import.bad-level", &[&word]),
                    f("help.import-bad-level", &[&all.join(", ")]),
                );
                Err(())
            }
        }
    }
}

/// What a row of the criteria sheet holds, the level not yet decided.
struct Partial {
    criterion: String,
    score: Option<Level>,
    evidence: String,
    sources: Vec<String>,
}

impl Partial {
    fn into_answer(self) -> AnswerFile {
        AnswerFile {
            criterion: self.criterion,
            score: self.score.unwrap_or(Level::ToAnswer),
            evidence: self.evidence,
            sources: self.sources,
        }
    }
}
