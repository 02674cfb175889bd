//! Stage 2, check: raw values → the resolved model, every reference checked.
//!
//! Takes the `Project` from `load` and returns a `Model` (when no error was found) plus every
//! diagnostic, sorted. Pure: reads nothing, writes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

mod audit;
mod communes;
pub mod identity;
mod links;
mod methodology;
mod outcomes;
mod plan;
mod procurement;
pub mod ranges;

pub use audit::A_REPONDRE;
use communes::{check_commune, Versions};
use methodology::check_chapters;
pub use methodology::check_methodology;

use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::load::{Edition, Project, METHODOLOGY_FILE};
use crate::model::*;

/// Returns the line and column of a spanned value.
fn at<T>(s: &Spanned<T>) -> (u64, u64) {
    (s.referenced.line(), s.referenced.column())
}

/// Collects located diagnostics for one file.
struct Report<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    fn new(path: &'a str) -> Self {
        Report {
            path,
            diagnostics: Vec::new(),
        }
    }
    fn error<T>(&mut self, at_: &Spanned<T>, message: String) -> &mut Diagnostic {
        let (l, c) = at(at_);
        self.diagnostics
            .push(Diagnostic::error(self.path, l, c, message));
        self.diagnostics.last_mut().expect("just pushed")
    }
    fn warning<T>(&mut self, at_: &Spanned<T>, message: String) -> &mut Diagnostic {
        let (l, c) = at(at_);
        self.diagnostics
            .push(Diagnostic::warning(self.path, l, c, message));
        self.diagnostics.last_mut().expect("just pushed")
    }
    /// Checks that `id` is among `known`, suggesting the nearest one otherwise.
    fn reference(&mut self, id: &Spanned<String>, known: &BTreeSet<String>, key: &str) -> bool {
        if known.contains(&id.value) {
            return true;
        }
        let d = self.error(id, f(key, &[&id.value]));
        if let Some(s) = suggest(&id.value, known.iter().map(String::as_str)) {
            d.help = Some(f("help.did-you-mean", &[&s]));
        } else if !known.is_empty() && known.len() <= 12 {
            let list: Vec<&str> = known.iter().map(String::as_str).collect();
            d.help = Some(f("help.known-values", &[&list.join(", ")]));
        } else {
            d.help = Some(t("help.see-methodology").to_string());
        }
        false
    }
    fn slug(&mut self, id: &Spanned<String>, dotted: bool) {
        let ok = if dotted {
            id.value.split('.').count() <= 2 && id.value.split('.').all(crate::names::is_slug)
        } else {
            crate::names::is_slug(&id.value)
        };
        if !ok {
            let fix = crate::names::slugify(&id.value);
            self.error(id, f("diag.bad-id", &[&id.value])).help = Some(f("help.slug", &[&fix]));
        }
    }
    /// Reports duplicate ids, pointing at the second occurrence.
    fn unique<'b>(
        &mut self,
        ids: impl Iterator<Item = &'b Spanned<String>>,
        what: &str,
    ) -> BTreeSet<String> {
        let mut seen: BTreeMap<String, u64> = BTreeMap::new();
        for id in ids {
            if let Some(first) = seen.get(&id.value) {
                let first = *first;
                self.error(id, f("diag.duplicate-id", &[&what, &id.value]))
                    .help = Some(f("help.duplicate-id", &[&first]));
            } else {
                seen.insert(id.value.clone(), id.referenced.line());
            }
        }
        seen.into_keys().collect()
    }
    /// Checks an optional Markdown field of a YAML file, where it stands.
    fn markdown(&mut self, field: &Option<Spanned<String>>, refs: &Refs) {
        if let Some(f) = field {
            self.links(&f.value, links::Origin::of(f), refs);
        }
    }
    /// Checks the links of a Markdown text that starts at `origin` in the file.
    fn links(&mut self, markdown: &str, origin: links::Origin, refs: &Refs) {
        links::check_markdown(self.path, markdown, origin, &mut self.diagnostics);
        links::check_authored_html(self.path, markdown, origin, &mut self.diagnostics);
        for link in crate::markdown::ref_links(markdown) {
            if !refs.resolves(&link.scheme, &link.id) {
                let (line, column) = origin.place(markdown, link.offset);
                let mut d = Diagnostic::error(
                    self.path,
                    line,
                    column,
                    f("diag.bad-link", &[&link.scheme, &link.id]),
                );
                let known = refs.known(&link.scheme);
                d.help = Some(match suggest(&link.id, known.iter().map(String::as_str)) {
                    Some(s) => f("help.did-you-mean", &[&format!("{}:{s}", link.scheme)]),
                    None => t("help.link-schemes").to_string(),
                });
                self.diagnostics.push(d);
            }
        }
    }
}

/// The ids a Markdown link may point at.
#[derive(Default)]
pub struct Refs {
    steps: BTreeSet<String>,
    angles: BTreeSet<String>,
    criteria: BTreeSet<String>,
    sources: BTreeSet<String>,
    actions: BTreeSet<String>,
    chapters: BTreeSet<String>,
}

/// The reference pages a `ref:` link may name.
pub const REF_PAGES: [&str; 6] = [
    "criteres", "sources", "actions", "echelle", "etapes", "angles",
];

impl Refs {
    fn known(&self, scheme: &str) -> BTreeSet<String> {
        match scheme {
            "critere" => self.criteria.clone(),
            "etape" => self.steps.clone(),
            "angle" => self.angles.clone(),
            "source" => self.sources.clone(),
            "action" => self.actions.clone(),
            "chapitre" => self.chapters.clone(),
            _ => REF_PAGES.iter().map(|s| s.to_string()).collect(),
        }
    }
    fn resolves(&self, scheme: &str, id: &str) -> bool {
        let set = match scheme {
            "critere" => &self.criteria,
            "etape" => &self.steps,
            "angle" => &self.angles,
            "source" => &self.sources,
            "action" => &self.actions,
            "chapitre" => &self.chapters,
            _ => return REF_PAGES.contains(&id),
        };
        set.contains(id)
    }
}

/// Checks the whole project, returning the model when there is no error.
pub fn check(project: Project) -> (Option<Model>, Vec<Diagnostic>) {
    let (model, diagnostics) = check_all(project);
    let usable = !diagnostics.iter().any(Diagnostic::is_error) && !model.methodologies.is_empty();
    (usable.then_some(model), diagnostics)
}

/// Checks the whole project and returns what was checked even when there are errors (the
/// communes and editions that failed are left out), for a later stage to add its own
/// diagnostics before the build gives up. [`check`] is what builds use.
pub fn check_all(project: Project) -> (Model, Vec<Diagnostic>) {
    let mut diagnostics = links::check_websites(&project.config_text);
    diagnostics.extend(check_logos(&project));
    let Project {
        config,
        editions,
        communes,
        fetch_hint,
        repointed,
        ..
    } = project;
    let Editions {
        methodologies,
        handbooks,
        order,
        draft,
        edited_release,
    } = check_editions(editions, &mut diagnostics);
    let repointed = check_repointed(repointed);
    let mut checked = Vec::new();
    // Versions declared in parcours.toml that did not load were reported there, once.
    let unreadable: BTreeSet<String> = config
        .versions
        .keys()
        .filter(|label| !methodologies.contains_key(*label))
        .cloned()
        .collect();
    let versions = Versions {
        methodologies: &methodologies,
        order: &order,
        draft: draft.as_deref(),
        fetch_hint: fetch_hint.as_deref(),
        unreadable: &unreadable,
    };
    for dir in communes {
        if let Some(c) = check_commune(dir, &config, &versions, &mut diagnostics) {
            checked.push(c);
        }
    }
    crate::diagnostic::sort(&mut diagnostics);
    (
        Model {
            config,
            methodologies,
            handbooks,
            order,
            draft,
            communes: checked,
            working_edit: None,
            errata: BTreeMap::new(),
            edited_release,
            repointed,
        },
        diagnostics,
    )
}

/// Every intercommunale logo named in `parcours.toml` must be a static file of the theme.
fn check_logos(project: &Project) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (id, ic) in &project.config.intercommunales {
        if let Some(logo) = &ic.logo {
            if !project.theme.statics.iter().any(|(name, _)| name == logo) {
                diagnostics.push(
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        ic.logo_at.0,
                        ic.logo_at.1,
                        f("diag.no-logo", &[&logo, &id]),
                    )
                    .with_help(f("help.no-logo", &[&project.config.theme, &logo])),
                );
            }
        }
    }
    diagnostics
}

/// The checked methodology editions.
struct Editions {
    methodologies: BTreeMap<String, Methodology>,
    handbooks: BTreeMap<String, Vec<Chapter>>,
    order: Vec<String>,
    draft: Option<String>,
    edited_release: Option<EditedRelease>,
}

/// Checks every methodology edition: released ones first (oldest first), then the working tree.
/// A working tree that edits a released version is set aside for `review::settle`.
fn check_editions(mut editions: Vec<Edition>, diagnostics: &mut Vec<Diagnostic>) -> Editions {
    let mut out = Editions {
        methodologies: BTreeMap::new(),
        handbooks: BTreeMap::new(),
        order: Vec::new(),
        draft: None,
        edited_release: None,
    };
    let edited: BTreeSet<String> = editions
        .iter()
        .filter(|e| e.edited)
        .filter_map(|e| e.label.clone())
        .collect();
    let n = 1.min(editions.len());
    editions.rotate_left(n);
    for edition in editions {
        let prefix = edition
            .reference
            .as_ref()
            .map(|r| format!("{r}:"))
            .unwrap_or_default();
        let Some(raw) = edition.methodology else {
            continue;
        };
        let version_at = at(&raw.version);
        let chapter_slugs: BTreeSet<String> = edition.chapter_slugs.iter().cloned().collect();
        let (methodology, refs, mut ds) = check_methodology(raw, chapter_slugs);
        let chapters = check_chapters(edition.chapters, &refs, &methodology, &mut ds);
        let label = edition.label.clone().unwrap_or(methodology.version.clone());
        if label != methodology.version {
            ds.push(
                Diagnostic::error(
                    METHODOLOGY_FILE,
                    0,
                    0,
                    f("diag.release-label", &[&label, &methodology.version]),
                )
                .with_help(t("help.release-label")),
            );
        }
        let previous = out.order.last().and_then(|v| out.methodologies.get(v));
        if let Some(previous) = previous {
            if edition.reference.is_none() && !out.methodologies.contains_key(&label) {
                ds.extend(dangling_warnings(previous, &methodology));
            }
        }
        // A released edition cannot be edited any more: only its errors are worth printing.
        let released = edition.reference.is_some();
        diagnostics.extend(
            ds.into_iter()
                .filter(|d| !released || d.is_error())
                .map(|d| d.prefixed(&prefix)),
        );
        if edition.reference.is_none() && out.methodologies.contains_key(&label) {
            // The working tree is the released version itself (nothing new to publish), or an
            // edit of it: `review::settle` decides whether that is an erratum.
            if edited.contains(&label) {
                out.edited_release = Some(EditedRelease {
                    label,
                    methodology,
                    chapters,
                    version_at,
                });
            }
            continue;
        } else if edition.reference.is_none() {
            out.draft = edition
                .label
                .is_none()
                .then(|| label.clone())
                .filter(|_| !out.order.is_empty());
        }
        out.order.push(label.clone());
        out.handbooks.insert(label.clone(), chapters);
        out.methodologies.insert(label, methodology);
    }
    out
}

/// Checks the original release of each re-pointed label (its errors were reported when it was
/// released), for `review::settle` to compare with what the label names now.
fn check_repointed(repointed: Vec<crate::load::versions::Repointed>) -> Vec<Repointing> {
    let mut out = Vec::new();
    for r in repointed {
        let Some(raw) = r.edition.methodology else {
            continue;
        };
        let slugs: BTreeSet<String> = r.edition.chapter_slugs.iter().cloned().collect();
        let (methodology, refs, mut ignored) = check_methodology(raw, slugs);
        let chapters = check_chapters(r.edition.chapters, &refs, &methodology, &mut ignored);
        out.push(Repointing {
            label: r.label,
            original: r.original,
            current: r.current,
            line: r.line,
            methodology,
            chapters,
        });
    }
    out
}

/// Warns about `replaces:` of the working tree that name nothing of the previous version.
fn dangling_warnings(previous: &Methodology, methodology: &Methodology) -> Vec<Diagnostic> {
    dangling_replaces(previous, methodology)
        .into_iter()
        .map(|(what, id, old)| {
            Diagnostic::warning(
                METHODOLOGY_FILE,
                0,
                0,
                f(
                    "diag.dangling-replaces",
                    &[&t(what), &id, &old, &previous.version],
                ),
            )
            .with_help(t("help.dangling-replaces"))
        })
        .collect()
}
