//! Commune folders: `communes/<slug>/commune.yaml` and `communes/<slug>/audits/*.yaml`, read
//! on every core, with a cache of parsed audits for the preview's reloads.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::model::is_audit_id;

use super::fs::{decode, io_diagnostic, Repo};
use super::raw::{RawAudit, RawCommune};
use super::yaml::parse_yaml;

/// A commune folder.
#[derive(Debug)]
pub struct RawCommuneDir {
    /// Folder name.
    pub slug: String,
    /// Repository path of `commune.yaml`.
    pub path: String,
    /// Identity, when it parsed.
    pub commune: Option<RawCommune>,
    /// Audits that parsed: (id, path, audit).
    pub audits: Vec<(String, String, RawAudit)>,
}

/// Audit files parsed by an earlier load, reused while their bytes are unchanged: the preview
/// reloads the whole repository on every change, and parsing audits is most of a reload.
#[derive(Debug, Default)]
pub struct ParseCache {
    audits: std::collections::HashMap<String, (Vec<u8>, RawAudit)>,
}

pub(super) fn load_communes(
    repo: &Repo,
    diagnostics: &mut Vec<Diagnostic>,
    mut cache: Option<&mut ParseCache>,
) -> Vec<RawCommuneDir> {
    let mut communes = Vec::new();
    match repo.check_dir("communes") {
        Ok(true) => {}
        Ok(false) => return communes,
        Err(d) => {
            diagnostics.push(d);
            return communes;
        }
    }
    let entries = match std::fs::read_dir(repo.root.join("communes")) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(io_diagnostic("communes", &e));
            return communes;
        }
    };
    let mut folders: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                // Files beside the folders (a README) and hidden entries are not communes.
                if name.starts_with('.') || !path.is_dir() {
                    continue;
                }
                if path.is_symlink() && !repo.inside(&path) {
                    diagnostics.push(
                        Diagnostic::error(format!("communes/{name}"), 0, 0, t("diag.link-outside"))
                            .with_help(t("help.link-outside")),
                    );
                    continue;
                }
                folders.push(path);
            }
            Err(e) => diagnostics.push(io_diagnostic("communes", &e)),
        }
    }
    folders.sort();
    // Communes are independent: parse them on every core, keeping folder order.
    let known = cache.as_deref();
    let loaded: Vec<(Option<RawCommuneDir>, Vec<Diagnostic>, Vec<Parsed>)> = folders
        .par_iter()
        .map(|folder| {
            let mut local = Vec::new();
            let mut parsed = known.map(|_| Vec::new());
            let commune = load_commune(repo, folder, &mut local, known, parsed.as_mut());
            (commune, local, parsed.unwrap_or_default())
        })
        .collect();
    for (commune, local, parsed) in loaded {
        diagnostics.extend(local);
        communes.extend(commune);
        if let Some(cache) = cache.as_deref_mut() {
            for (path, bytes, audit) in parsed {
                cache.audits.insert(path, (bytes, audit));
            }
        }
    }
    communes
}

/// An audit file parsed anew: (repository path, bytes, value), for the cache.
type Parsed = (String, Vec<u8>, RawAudit);

/// Reads one commune folder: its identity and its audits; `None` when its name is not a slug
/// or the folder cannot be read. Audits whose bytes are in `known` are not parsed again; those
/// parsed go to `parsed`.
fn load_commune(
    repo: &Repo,
    folder: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    known: Option<&ParseCache>,
    mut parsed: Option<&mut Vec<Parsed>>,
) -> Option<RawCommuneDir> {
    let slug = folder
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let rel = format!("communes/{slug}");
    if let Err(e) = crate::names::Slug::new(&slug) {
        diagnostics.push(crate::names::slug_diagnostic(rel, &slug, e));
        return None;
    }
    if let Err(e) = std::fs::read_dir(folder) {
        diagnostics.push(io_diagnostic(&rel, &e));
        return None;
    }
    let path = format!("{rel}/commune.yaml");
    let commune = match repo.read_file(&path) {
        Ok(Some(bytes)) => match decode(&path, &bytes) {
            Ok(text) => parse_yaml::<RawCommune>(&path, &text)
                .map_err(|d| diagnostics.push(d))
                .ok(),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        Ok(None) => {
            diagnostics.push(
                Diagnostic::error(path.clone(), 0, 0, t("diag.no-commune-file"))
                    .with_help(t("help.no-commune-file")),
            );
            None
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    let mut audits = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for (audit_path, bytes) in repo.read_tree(&format!("{rel}/audits"), diagnostics) {
        let name = audit_path.rsplit('/').next().unwrap_or_default();
        let Some(id) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            diagnostics.push(
                Diagnostic::warning(audit_path.clone(), 0, 0, t("diag.not-yaml"))
                    .with_help(t("help.audit-name")),
            );
            continue;
        };
        if !is_audit_id(id) {
            diagnostics.push(
                Diagnostic::error(audit_path.clone(), 0, 0, f("diag.bad-audit-id", &[&id]))
                    .with_help(t("help.audit-name")),
            );
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(seen_id, _)| seen_id == id) {
            diagnostics.push(
                Diagnostic::error(
                    audit_path.clone(),
                    0,
                    0,
                    f("diag.duplicate-audit", &[&id, first]),
                )
                .with_help(t("help.duplicate-audit")),
            );
            continue;
        }
        seen.push((id.to_string(), audit_path.clone()));
        let cached = known.and_then(|c| c.audits.get(&audit_path));
        if let Some((_, audit)) = cached.filter(|(b, _)| *b == bytes) {
            audits.push((id.to_string(), audit_path, audit.clone()));
            continue;
        }
        match decode(&audit_path, &bytes) {
            Ok(text) => match parse_yaml::<RawAudit>(&audit_path, &text) {
                Ok(audit) => {
                    if let Some(parsed) = parsed.as_deref_mut() {
                        parsed.push((audit_path.clone(), bytes, audit.clone()));
                    }
                    audits.push((id.to_string(), audit_path, audit))
                }
                Err(d) => diagnostics.push(d),
            },
            Err(d) => diagnostics.push(d),
        }
    }
    Some(RawCommuneDir {
        slug,
        path,
        commune,
        audits,
    })
}
