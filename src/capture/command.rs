//! The two commands around the workbook: `parcours questionnaire` (the model → a workbook's
//! bytes) and `parcours import` (a workbook → `communes/<slug>/audits/<YYYY-MM>.yaml`).
//!
//! The only writes: the import's audit file, at a path made of a checked slug and a checked
//! date, inside a `communes/<slug>/audits/` folder that is a real folder (not a link), never
//! over a different file without `force`. The caller writes the questionnaire's bytes.

use std::path::Path;

use super::sheet::{questionnaire, Identity};
use super::yaml::{write_audit, WriteOptions};
use super::AuditFile;
use crate::diagnostic::Diagnostic;
use crate::i18n::f;
use crate::model::{AuditStatus, Model};

/// What `parcours questionnaire` is asked.
#[derive(Clone, Debug, Default)]
pub struct Ask {
    /// The commune's slug.
    pub slug: String,
    /// Start from this audit (`YYYY-MM`) rather than the latest.
    pub audit: Option<String>,
    /// Start a new audit against this version.
    pub methodology: Option<String>,
    /// The date of a new audit (`YYYY-MM-DD`; the caller gives today's).
    pub date: String,
}

/// A questionnaire to write: its default file name, its bytes, and what it was made from.
#[derive(Debug)]
pub struct Questionnaire {
    /// `questionnaire-<slug>-<YYYY-MM>.xlsx`.
    pub file_name: String,
    /// The workbook.
    pub bytes: Vec<u8>,
    /// The commune's name.
    pub name: String,
    /// The methodology version.
    pub methodology: String,
}

/// Builds the questionnaire asked for: prefilled from the commune's audit (the latest, or
/// `ask.audit`), or new (`ask.methodology`, else the latest version) for a commune of the
/// repository or a Walloon commune of `statbel`. Errors are (message, help) in French.
pub fn make_questionnaire(
    root: &Path,
    model: &Model,
    ask: &Ask,
) -> Result<Questionnaire, (String, String)> {
    let commune = model.communes.iter().find(|c| c.slug == ask.slug);
    let name = match (commune, crate::statbel::by_slug(&ask.slug)) {
        (Some(c), _) => c.name.clone(),
        (None, Some(s)) => s.name.clone(),
        (None, None) => {
            let near: Vec<&str> = crate::statbel::nearest(&ask.slug, 5)
                .iter()
                .map(|s| s.slug.as_str())
                .collect();
            let help = if near.is_empty() {
                String::new()
            } else {
                f("help.questionnaire-near", &[&near.join(", ")])
            };
            return Err((f("questionnaire.unknown-commune", &[&ask.slug]), help));
        }
    };
    let audits = commune.map(|c| c.audits.as_slice()).unwrap_or_default();
    let chosen = match (&ask.audit, &ask.methodology) {
        (Some(id), _) => match audits.iter().find(|a| &a.id == id) {
            Some(a) => Some(a),
            None => {
                let ids: Vec<&str> = audits.iter().map(|a| a.id.as_str()).collect();
                let message = f("questionnaire.no-audit", &[&ask.slug, id, &ids.join(", ")]);
                return Err((message, String::new()));
            }
        },
        (None, Some(_)) => None,
        (None, None) => audits.last(),
    };
    let audit = match chosen {
        Some(a) => {
            let text = std::fs::read_to_string(root.join(&a.path))
                .map_err(|e| (f("import.unreadable", &[&a.path, &e]), String::new()))?;
            super::read_audit(&a.path, &text).map_err(|d| (d.message, String::new()))?
        }
        None => {
            let version = ask
                .methodology
                .clone()
                .unwrap_or_else(|| model.latest().to_string());
            if !model.methodologies.contains_key(&version) {
                let message = f(
                    "questionnaire.unknown-version",
                    &[&version, &model.order.join(", ")],
                );
                return Err((message, String::new()));
            }
            blank(&version, &ask.date)
        }
    };
    let m = &model.methodologies[&audit.methodology];
    let who = Identity {
        slug: ask.slug.clone(),
        name: name.clone(),
    };
    let bytes = questionnaire(m, &who, &audit).map_err(|e| (e.to_string(), String::new()))?;
    Ok(Questionnaire {
        file_name: format!(
            "questionnaire-{}-{}.xlsx",
            ask.slug,
            audit.date.get(..7).unwrap_or("")
        ),
        bytes,
        name,
        methodology: audit.methodology,
    })
}

/// A new audit: a draft with nothing answered.
pub fn blank(version: &str, date: &str) -> AuditFile {
    AuditFile {
        comments: Vec::new(),
        methodology: version.to_string(),
        date: date.to_string(),
        status: AuditStatus::Draft,
        track: None,
        auditors: Vec::new(),
        summary: None,
        answers: Vec::new(),
        inventory: Vec::new(),
        plan: Vec::new(),
        indicators: None,
        outcomes: Vec::new(),
        economics: Vec::new(),
        envelope: None,
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Every problem of the workbook, and of writing.
    pub diagnostics: Vec<Diagnostic>,
    /// The audit file, repository-relative, when the workbook was read without error.
    pub path: Option<String>,
    /// Whether the file was written (false: unchanged, or refused).
    pub written: bool,
}

/// Imports the workbook `bytes` (named `shown` in messages) into the repository at `root`.
pub fn import_into(
    root: &Path,
    model: &Model,
    shown: &str,
    bytes: &[u8],
    force: bool,
) -> ImportReport {
    let (imported, diagnostics) = super::import::import(shown, bytes, model);
    let mut report = ImportReport {
        diagnostics,
        ..ImportReport::default()
    };
    let Some(imported) = imported else {
        return report;
    };
    let rel = imported.path();
    let m = &model.methodologies[&imported.audit.methodology];
    let text = write_audit(m, &imported.audit, WriteOptions::default());
    let folder = format!("communes/{}", imported.slug);
    let error = |message: String, help: String| {
        Diagnostic::error(rel.clone(), 0, 0, message).with_help(help)
    };
    if !real_folder(&root.join(&folder)) {
        let slug = imported.slug.as_str();
        report.diagnostics.push(error(
            f("import.no-commune", &[&slug]),
            f("help.import-no-commune", &[&slug]),
        ));
        return report;
    }
    let audits = root.join(&folder).join("audits");
    if std::fs::symlink_metadata(&audits).is_ok() && !real_folder(&audits) {
        report.diagnostics.push(error(
            f("import.not-folder", &[&format!("{folder}/audits")]),
            String::new(),
        ));
        return report;
    }
    let target = root.join(&rel);
    match std::fs::symlink_metadata(&target) {
        Ok(meta) if !meta.is_file() => {
            report
                .diagnostics
                .push(error(f("import.not-folder", &[&rel]), String::new()));
            return report;
        }
        Ok(_) => {
            let same = std::fs::read(&target).is_ok_and(|old| old == text.as_bytes());
            if same {
                report.path = Some(rel);
                return report;
            }
            if !force {
                report.diagnostics.push(error(
                    f("import.exists", &[&rel]),
                    crate::i18n::t("help.import-exists").to_string(),
                ));
                return report;
            }
        }
        Err(_) => {}
    }
    let written = std::fs::create_dir_all(&audits).and_then(|_| {
        let temp = audits.join(format!(".{}.yaml.tmp", imported.id()));
        std::fs::write(&temp, &text)?;
        std::fs::rename(&temp, &target)
    });
    match written {
        Ok(()) => report.written = true,
        Err(e) => report
            .diagnostics
            .push(error(crate::load::io_reason(&e).to_string(), String::new())),
    }
    report.path = Some(rel);
    report
}

/// Tells whether `path` is a folder and not a symbolic link.
fn real_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}
