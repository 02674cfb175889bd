//! The handbook menu of a version: built once from its chapters (sections are the subfolders of
//! `content/handbook/`), viewed with one section open, rendered once per section and depth.

use super::{chapter_link, link, Version};
use crate::i18n::t;
use crate::model::Chapter;
use crate::render::context::handbook::{EntryView, Menu, Nav, NavEntry, NavView, Switch};
use crate::render::Renderer;

impl Renderer<'_> {
    /// Links to the same page in every other version, or to that version's home.
    pub(super) fn switcher(&self, current: &str, page: &str) -> Vec<Switch> {
        self.versions()
            .into_iter()
            .rev()
            .map(|v| Switch {
                current: v == current,
                draft: Some(&v) == self.model.draft.as_ref(),
                target: if self.page_exists(&v, page) {
                    page
                } else {
                    "index.html"
                }
                .to_string(),
                label: v,
            })
            .collect()
    }

    fn page_exists(&self, version: &str, page: &str) -> bool {
        let m = &self.model.methodologies[version];
        let stem = page.strip_suffix(".html").unwrap_or(page);
        match stem.split_once('/') {
            Some(("etapes", id)) => m.step(id).is_some(),
            Some(("angles", id)) => m.angle(id).is_some(),
            Some(("criteres", id)) => m.criterion(id).is_some(),
            Some(("sources", id)) => m.source(id).is_some(),
            Some(("actions", id)) => m.action(id).is_some(),
            Some(_) => false,
            None => {
                stem == "index"
                    || stem == "changements"
                    || page == super::questionnaire::FILE
                    || crate::check::REF_PAGES.contains(&stem)
                    || self
                        .chapter_slugs
                        .get(version)
                        .is_some_and(|s| s.contains(stem))
            }
        }
    }

    /// The menu of the pages of top-level entry `open` whose way back to the version's folder
    /// is `hb`, rendered (and set in French typography) once per render; `path` is the page
    /// that asks, for errors.
    pub(super) fn menu(
        &self,
        v: &Version<'_>,
        open: Option<usize>,
        hb: &str,
        path: &str,
    ) -> Result<String, crate::diagnostic::Diagnostic> {
        let key = (open, hb.to_string());
        let lock = || v.menus.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(menu) = lock().get(&key) {
            return Ok(menu.clone());
        }
        let menu = Menu {
            version: v.name,
            hb,
            nav: v.nav.view(open),
        };
        let (_, html) = self.render(path, "handbook_menu.html", "", &menu)?;
        lock().insert(key, html.clone());
        Ok(html)
    }
}

/// The handbook menu of a version.
pub(super) fn handbook_nav(chapters: &[Chapter]) -> Nav<'_> {
    let reference = [
        ("ref.steps", "etapes.html"),
        ("ref.angles", "angles.html"),
        ("ref.criteria", "criteres.html"),
        ("ref.scale", "echelle.html"),
        ("ref.sources", "sources.html"),
        ("ref.actions", "actions.html"),
        ("changelog.nav", "changements.html"),
        ("quest.nav", super::questionnaire::FILE),
    ];
    let mut entries: Vec<NavEntry> = Vec::new();
    let mut entry_of = Vec::with_capacity(chapters.len());
    let mut sections: std::collections::BTreeMap<&str, usize> = Default::default();
    for c in chapters {
        let entry = match section_of(&c.path) {
            None => None,
            Some(folder) => sections.get(folder).copied().or_else(|| {
                sections.insert(folder, entries.len());
                None
            }),
        };
        let entry = entry.unwrap_or_else(|| {
            let link = chapter_link(c, "");
            entries.push(NavEntry {
                title: link.title,
                href: link.href,
                chapters: Vec::new(),
            });
            entries.len() - 1
        });
        if section_of(&c.path).is_some() {
            entries[entry].chapters.push(chapter_link(c, ""));
        }
        entry_of.push(entry);
    }
    Nav {
        entries,
        entry_of,
        reference: reference
            .into_iter()
            .map(|(key, href)| link(t(key), href.to_string()))
            .collect(),
    }
}

/// The section of a chapter: the first folder of its path under `content/handbook/`, if any.
fn section_of(path: &str) -> Option<&str> {
    let rest = path
        .split_once(&format!("{}/", crate::load::HANDBOOK_DIR))?
        .1;
    rest.split_once('/').map(|(folder, _)| folder)
}

impl<'a> Nav<'a> {
    /// The menu as a page of the top-level entry `open` shows it: that section opened.
    fn view(&'a self, open: Option<usize>) -> NavView<'a> {
        let entries = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| EntryView {
                title: e.title,
                href: &e.href,
                chapters: if Some(i) == open { &e.chapters } else { &[] },
            })
            .collect();
        NavView {
            entries,
            reference: &self.reference,
            sections: self.entries.iter().any(|e| !e.chapters.is_empty()),
        }
    }
}
