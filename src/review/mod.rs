//! Reviewing a methodology change before it is merged: the changelog between any two
//! methodologies (released versions, Git revisions, the working tree) and what it would do to
//! the communes already audited.
//!
//! Pure once the two methodologies are in hand: (model, from, to) → [`Review`], printed as
//! terminal text or as Markdown for a pull-request comment. Published reports never change
//! (they stay pinned to their version); the impact says what the next audits would face.

mod impact;
mod settle;
mod text;

use std::path::Path;

use crate::changelog::{diff, Changelog};
use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::load::Files;
use crate::model::{compare_versions, Methodology, Model, Note};

pub use impact::{impact, AuditImpact, StepMove};
pub use settle::{settle, Preview};
pub use text::{to_markdown, to_text};

/// The word that names the working tree on the command line.
pub const WORKING_TREE: &str = ".";

/// One side of a comparison, as resolved.
#[derive(Clone, Debug)]
pub struct Side {
    /// How the side is named in the output: `1.1`, `main (3f2a9c01de)`, `arbre de travail`.
    pub name: String,
    /// The released label when the side is a released version of the model.
    pub released: Option<String>,
    /// Its methodology.
    pub methodology: Methodology,
}

/// What `parcours diff` prints: the changelog(s) from one side to the other, and the impact on
/// every published audit.
#[derive(Debug)]
pub struct Review {
    /// The older side's name.
    pub from: String,
    /// The newer side's name.
    pub to: String,
    /// Consecutive changelogs (several when both sides are released versions far apart), each
    /// with the editors' notes of its newer version.
    pub changelogs: Vec<(Changelog, Vec<Note>)>,
    /// One entry per published audit that can be carried to both sides, by commune then date.
    pub impact: Vec<AuditImpact>,
    /// Published audits under a version newer than the older side: not carried backwards.
    pub skipped: Vec<String>,
}

/// Resolves a side named on the command line: a released label (or `latest`), the working tree
/// (`.`), or any Git revision of the repository at `root`.
pub fn resolve(root: &Path, model: &Model, spec: &str) -> Result<Side, Vec<Diagnostic>> {
    let label = if spec == "latest" {
        model.latest()
    } else {
        spec
    };
    if let Some(m) = model.methodologies.get(label) {
        if model.draft.as_deref() != Some(label) {
            return Ok(Side {
                name: label.to_string(),
                released: Some(label.to_string()),
                methodology: m.clone(),
            });
        }
    }
    if spec == WORKING_TREE || model.draft.as_deref() == Some(label) {
        let files = crate::load::Repo::new(root).read_tree("content", &mut Vec::new());
        return from_files(None, t("review.working-tree").to_string(), &files);
    }
    match crate::load::versions::read_revision(root, spec) {
        Ok((commit, files)) => {
            from_files(Some(spec.to_string()), format!("{spec} ({commit})"), &files)
        }
        Err(reason) => Err(vec![Diagnostic::error(spec, 0, 0, reason)
            .with_help(f("review.help-side", &[&model.order.join(", ")]))]),
    }
}

/// Parses and checks the methodology of a content tree.
fn from_files(
    reference: Option<String>,
    name: String,
    files: &Files,
) -> Result<Side, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let edition = crate::load::parse_edition(reference, None, files, &mut diagnostics);
    let Some(raw) = edition.methodology else {
        return Err(diagnostics);
    };
    let slugs = edition.chapter_slugs.iter().cloned().collect();
    let (methodology, _, checked) = crate::check::check_methodology(raw, slugs);
    diagnostics.extend(checked);
    let prefix = edition_prefix(&name);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|d| d.prefixed(&prefix))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Side {
        name,
        released: None,
        methodology,
    })
}

/// The prefix of messages about a side's files: none for the working tree.
fn edition_prefix(name: &str) -> String {
    if name == t("review.working-tree") {
        String::new()
    } else {
        format!("{}:", name.split(' ').next().unwrap_or(name))
    }
}

/// Compares two sides and measures the change on every published audit of `model`.
pub fn review(model: &Model, from: &Side, to: &Side) -> Review {
    let chain = match &from.released {
        Some(a) => chain_with_notes(model, a, to),
        None => Vec::new(),
    };
    let changelogs = if chain.is_empty() {
        vec![(
            named(diff(&from.methodology, &to.methodology), from, to),
            new_notes(&from.methodology, &to.methodology),
        )]
    } else {
        chain
    };
    let chain: Vec<Changelog> = changelogs.iter().map(|(c, _)| c.clone()).collect();
    let (impact, skipped) = impact(model, from, to, &chain);
    Review {
        from: from.name.clone(),
        to: to.name.clone(),
        changelogs,
        impact,
        skipped,
    }
}

/// The changelogs from the released version `a` to `to`, one per released version on the way
/// (each with the notes of its newer version), then from the last of them to `to` when it is
/// not released (with the notes written since). Empty when `to` is older than `a`.
fn chain_with_notes(model: &Model, a: &str, to: &Side) -> Vec<(Changelog, Vec<Note>)> {
    let Some(changelogs) = chain_to(model, a, to) else {
        return Vec::new();
    };
    let last = changelogs.len().saturating_sub(1);
    changelogs
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            if i == last && to.released.is_none() {
                let notes = model
                    .methodologies
                    .get(&c.from)
                    .map(|m| new_notes(m, &to.methodology))
                    .unwrap_or_default();
                c.to.clone_from(&to.name);
                (c, notes)
            } else {
                let notes = model
                    .methodologies
                    .get(&c.to)
                    .map(|m| m.notes.clone())
                    .unwrap_or_default();
                (c, notes)
            }
        })
        .collect()
}

/// The editors' notes that explain a change from `from` to `to`: all of `to`'s when it is
/// another version; only those written since `from` when both carry the same label (an edit of
/// a release, whose old notes explain the release itself).
fn new_notes(from: &Methodology, to: &Methodology) -> Vec<Note> {
    to.notes
        .iter()
        .filter(|n| from.version != to.version || !from.notes.iter().any(|o| o.text == n.text))
        .cloned()
        .collect()
}

/// Names a changelog's sides as the command line named them.
fn named(mut c: Changelog, from: &Side, to: &Side) -> Changelog {
    c.from = from.name.clone();
    c.to = to.name.clone();
    c
}

/// The consecutive released methodologies from `a` to `b` (both released), as pairs.
pub(crate) fn released_chain<'m>(
    model: &'m Model,
    a: &str,
    b: &str,
) -> Vec<(&'m Methodology, &'m Methodology)> {
    let released: Vec<&String> = model
        .order
        .iter()
        .filter(|v| model.draft.as_ref() != Some(*v))
        .collect();
    let (Some(i), Some(j)) = (
        released.iter().position(|v| *v == a),
        released.iter().position(|v| *v == b),
    ) else {
        return Vec::new();
    };
    if i >= j {
        return Vec::new();
    }
    released[i..=j]
        .windows(2)
        .map(|w| (&model.methodologies[w[0]], &model.methodologies[w[1]]))
        .collect()
}

/// The changelogs that lead from released version `v` to the methodology of `side`: the
/// released versions up to the side (or up to the newest released one not newer than its
/// label), then the side itself when it is not a released version. `None` when `side` is older
/// than `v`.
pub(crate) fn chain_to(model: &Model, v: &str, side: &Side) -> Option<Vec<Changelog>> {
    let target = side
        .released
        .as_deref()
        .unwrap_or(&side.methodology.version);
    if compare_versions(v, target).is_gt() {
        return None;
    }
    let last = match &side.released {
        Some(label) => label.clone(),
        None => model
            .order
            .iter()
            .rfind(|l| model.draft.as_ref() != Some(*l) && compare_versions(l, target).is_le())?
            .clone(),
    };
    if compare_versions(v, &last).is_gt() {
        return None;
    }
    let mut chain: Vec<Changelog> = released_chain(model, v, &last)
        .into_iter()
        .map(|(old, new)| diff(old, new))
        .collect();
    if side.released.is_none() {
        chain.push(diff(model.methodologies.get(&last)?, &side.methodology));
    }
    Some(chain)
}

#[cfg(test)]
mod tests;
