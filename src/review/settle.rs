//! What becomes of a change to a released version, decided on the checked model: an edit of
//! the working tree under a released label, and a label re-pointed in `[versions]`.
//!
//! "Meaning" is the changelog's ([`crate::changelog::meaning_changes`]): an edit that changes
//! it needs a new `version:`; one that does not is an erratum.

use crate::changelog::{diff, meaning_changes};
use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::load::METHODOLOGY_FILE;
use crate::model::{Chapter, EditedRelease, Erratum, Methodology, Model, WorkingEdit};

/// What to do with a working tree that edits a released version without a new `version:`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preview {
    /// `check` and `build`: a change of meaning is an error, an erratum a warning.
    #[default]
    Off,
    /// `serve` and `build --drafts`: the working tree is shown, under a banner, as the next
    /// version's draft or as the erratum of the release.
    Show,
    /// `diff`: the releases stay as released; the edit is what is compared.
    Compare,
}

/// Settles the edited release and the re-pointed labels of `model`; returns the diagnostics
/// (errors for a change of meaning).
pub fn settle(model: &mut Model, preview: Preview) -> Vec<Diagnostic> {
    let mut diagnostics = errata(model);
    if let Some(edit) = model.edited_release.take() {
        if preview != Preview::Compare {
            diagnostics.extend(edited(model, edit, preview == Preview::Show));
        }
    }
    diagnostics
}

/// Turns each re-pointed label into an erratum, or refuses it at its `[versions]` line when the
/// commit it names now changes the meaning of the first release.
fn errata(model: &mut Model) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for r in std::mem::take(&mut model.repointed) {
        let Some(current) = model.methodologies.get(&r.label) else {
            continue;
        };
        let meaning = meaning_changes(&r.methodology, current);
        if !meaning.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    r.line,
                    0,
                    f(
                        "diag.erratum-meaning",
                        &[&r.label, &r.current, &r.original, &meaning.join(" ; ")],
                    ),
                )
                .with_help(f("help.erratum-meaning", &[&r.label, &r.original])),
            );
            continue;
        }
        let chapters = model.handbooks.get(&r.label).map_or(&[][..], Vec::as_slice);
        let changes = editorial_changes(&r.methodology, current, &r.chapters, chapters);
        model.errata.insert(
            r.label,
            Erratum {
                original: r.original,
                current: r.current,
                changes,
            },
        );
    }
    diagnostics
}

/// An edit of a released version: in a preview, shown as the next version's draft (a change of
/// meaning) or in place of the release (an erratum); otherwise an error or a warning.
fn edited(model: &mut Model, edit: EditedRelease, show: bool) -> Vec<Diagnostic> {
    let EditedRelease {
        label,
        mut methodology,
        chapters,
        version_at: (line, column),
    } = edit;
    let Some(release) = model.methodologies.get(&label) else {
        return Vec::new();
    };
    let changes = meaning_changes(release, &methodology);
    let next = next_version(&label, &model.order);
    match (changes.is_empty(), show) {
        (true, true) => {
            model.handbooks.insert(label.clone(), chapters);
            model.methodologies.insert(label.clone(), methodology);
            model.working_edit = Some(WorkingEdit::Erratum { label });
            Vec::new()
        }
        (false, true) => {
            methodology.version.clone_from(&next);
            model.handbooks.insert(next.clone(), chapters);
            model.methodologies.insert(next.clone(), methodology);
            model.order.push(next.clone());
            model.draft = Some(next.clone());
            model.working_edit = Some(WorkingEdit::Meaning {
                released: label,
                shown_as: next,
                changes: changes.len(),
            });
            Vec::new()
        }
        (true, false) => vec![Diagnostic::warning(
            METHODOLOGY_FILE,
            line,
            column,
            f("diag.release-erratum", &[&label]),
        )
        .with_help(f("help.release-erratum", &[&label]))],
        (false, false) => {
            let shown: Vec<&str> = changes.iter().take(3).map(String::as_str).collect();
            let mut listed = shown.join(" ; ");
            if changes.len() > shown.len() {
                listed.push_str(&f(
                    "diag.release-meaning-more",
                    &[&(changes.len() - shown.len())],
                ));
            }
            vec![Diagnostic::error(
                METHODOLOGY_FILE,
                line,
                column,
                f("diag.release-meaning", &[&label, &changes.len(), &listed]),
            )
            .with_help(f("help.release-meaning", &[&next, &label]))]
        }
    }
}

/// The label after `label` that no released version takes: the last number plus one.
pub(crate) fn next_version(label: &str, taken: &[String]) -> String {
    let mut parts: Vec<u64> = label.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    if parts.len() < 2 {
        parts.push(0);
    }
    let last = parts.len() - 1;
    loop {
        parts[last] = parts[last].saturating_add(1);
        let candidate = parts
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".");
        if !taken.contains(&candidate) || parts[last] == u64::MAX {
            return candidate;
        }
    }
}

/// What an erratum changed, in French: the chapters whose text changed, the items whose
/// explanation changed, the editors' notes.
fn editorial_changes(
    old: &Methodology,
    new: &Methodology,
    old_chapters: &[Chapter],
    new_chapters: &[Chapter],
) -> Vec<String> {
    let mut out = Vec::new();
    for c in new_chapters {
        match old_chapters.iter().find(|o| o.slug == c.slug) {
            Some(o) if o.title == c.title && o.body == c.body => {}
            Some(_) => out.push(f("erratum.chapter", &[&c.title])),
            None => out.push(f("erratum.chapter-added", &[&c.title])),
        }
    }
    for o in old_chapters {
        if !new_chapters.iter().any(|c| c.slug == o.slug) {
            out.push(f("erratum.chapter-removed", &[&o.title]));
        }
    }
    for e in diff(old, new).entries {
        out.push(f("erratum.explanation", &[&e.id]));
    }
    let texts = |m: &Methodology| m.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    if texts(old) != texts(new) {
        out.push(t("erratum.notes").to_string());
    }
    out
}
