//! Versions in pages: the handbook's changelog page and the report's "what changed" section.
//!
//! Both read [`crate::changelog`], computed from the checked methodologies; nothing here compares
//! methodologies itself. Pure, like the rest of `render`.

use super::context::changelog::{
    ChangedCriterion, ChangelogLink, ChangelogPage, Entry, ErratumView, NewCriterion, NewerChanges,
    Previous, Section,
};
use super::context::Html;
use super::Renderer;
use crate::changelog::{diff, follow_criteria, summary, Change, Changelog, Detail, Kind};
use crate::i18n::{f, t};
use crate::model::Audit;

impl Renderer<'_> {
    /// The published version before `version`, if any.
    fn previous_version(&self, version: &str) -> Option<String> {
        let versions = self.versions();
        let i = versions.iter().position(|v| v == version)?;
        i.checked_sub(1).map(|j| versions[j].clone())
    }

    /// The newest released version when it is newer than `version`.
    pub(super) fn newer_version(&self, version: &str) -> Option<String> {
        let order = &self.model.order;
        let latest = self.model.latest();
        let (Some(i), Some(j)) = (
            order.iter().position(|v| v == version),
            order.iter().position(|v| v == latest),
        ) else {
            return None;
        };
        (i < j).then(|| latest.to_string())
    }

    /// The context of `handbook/<version>/changements.html`, with its path.
    /// The erratum section of `version`'s changelog page, when it has one.
    fn erratum(&self, version: &str) -> Option<ErratumView> {
        let e = self.model.errata.get(version)?;
        Some(ErratumView {
            title: t("erratum.title"),
            intro: f("erratum.intro", &[&version, &e.original, &e.current]),
            changes: e
                .changes
                .iter()
                .map(|c| Html::escape_with_code(c))
                .collect(),
        })
    }

    pub(super) fn changelog_context(&self, version: &str) -> (String, ChangelogPage) {
        let path = format!("handbook/{version}/changements.html");
        let title = f("changelog.page-title", &[&version]);
        let Some(previous) = self.previous_version(version) else {
            let page = ChangelogPage {
                title,
                first: true,
                intro: None,
                previous: None,
                sections: None,
                notes: Vec::new(),
                erratum: self.erratum(version),
            };
            return (path, page);
        };
        let new = &self.model.methodologies[version];
        let changelog = diff(&self.model.methodologies[&previous], new);
        let resolve = |scheme: &str, id: &str| Some(super::ref_href("", scheme, id));
        let sections = Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let entries: Vec<Entry> = changelog
                    .of_kind(kind)
                    .map(|e| {
                        // A removed item's page only exists in the older version.
                        let href = match e.change {
                            Change::Removed { .. } => {
                                format!("../{previous}/{}/{}.html", kind.folder(), e.id)
                            }
                            _ => format!("{}/{}.html", kind.folder(), e.id),
                        };
                        Entry {
                            change: e.change.key(),
                            summary: Html::escape_with_code(&summary(e)),
                            name: e.name.clone(),
                            href,
                            details: details(&e.details),
                            notes: new
                                .notes_about(&e.id)
                                .map(|n| Html::markdown(&n.text, &resolve))
                                .collect(),
                        }
                    })
                    .collect();
                (!entries.is_empty()).then(|| Section {
                    title: t(kind.heading_key()),
                    entries,
                })
            })
            .collect();
        let page = ChangelogPage {
            title,
            first: false,
            intro: Some(f("changelog.intro", &[&previous, &version])),
            previous: Some(Previous {
                href: format!("../{previous}/changements.html"),
                label: previous,
            }),
            sections: Some(sections),
            erratum: self.erratum(version),
            notes: new
                .general_notes()
                .map(|n| Html::markdown(&n.text, &resolve))
                .collect(),
        };
        (path, page)
    }

    /// What the newest version changes for an audit's answers, when a newer version exists.
    ///
    /// `root` leads from the report back to the site root.
    pub(super) fn newer_changes(&self, audit: &Audit, root: &str) -> Option<NewerChanges> {
        let latest = self.newer_version(&audit.methodology)?;
        let order = &self.model.order;
        let from = order
            .iter()
            .position(|v| *v == audit.methodology)
            .unwrap_or(0);
        let to = order.iter().position(|v| *v == latest).unwrap_or(from);
        let chain: Vec<Changelog> = order[from..=to]
            .windows(2)
            .map(|w| {
                diff(
                    &self.model.methodologies[&w[0]],
                    &self.model.methodologies[&w[1]],
                )
            })
            .collect();
        let old = &self.model.methodologies[&audit.methodology];
        let new = &self.model.methodologies[&latest];
        let old_ids: Vec<String> = old.criteria.iter().map(|c| c.id.clone()).collect();
        let answered: Vec<String> = old_ids
            .iter()
            .filter(|id| audit.answers.contains_key(*id))
            .cloned()
            .collect();
        let (fates, added) = follow_criteria(&chain, &old_ids, &answered);
        let old_hb = format!("{root}handbook/{}/", audit.methodology);
        let new_hb = format!("{root}handbook/{latest}/");
        let link = |id: &str| NewCriterion {
            id: id.to_string(),
            question: new
                .criterion(id)
                .map(|c| c.question.clone())
                .unwrap_or_default(),
            href: format!("{new_hb}criteres/{id}.html"),
        };
        let changed = fates
            .iter()
            .map(|fate| {
                let renamed = fate.now != [fate.id.clone()];
                ChangedCriterion {
                    id: fate.id.clone(),
                    question: old
                        .criterion(&fate.id)
                        .map(|c| c.question.clone())
                        .unwrap_or_default(),
                    href: format!("{old_hb}criteres/{}.html", fate.id),
                    removed: fate.now.is_empty(),
                    now: if renamed {
                        fate.now.iter().map(|id| link(id)).collect()
                    } else {
                        Vec::new()
                    },
                    details: details(&fate.details),
                }
            })
            .collect();
        Some(NewerChanges {
            title: f("report.newer-title", &[&latest]),
            intro: f("report.newer-intro", &[&audit.methodology, &latest]),
            changed,
            added: added.iter().map(|id| link(id)).collect(),
            changelog: ChangelogLink {
                title: f("report.newer-changelog", &[&latest]),
                href: format!("{new_hb}changements.html"),
            },
        })
    }
}

/// The lines of a change's details, escaped, with quoted ids in `<code>`.
fn details(details: &[Detail]) -> Vec<Html> {
    details
        .iter()
        .map(|d| Html::escape_with_code(&d.text()))
        .collect()
}
