//! Handbook pages of one methodology version: home, chapters, generated reference pages
//! (steps, angles, criteria, data catalogue, action library, scale) and the version switcher.
//!
//! Each page's context is a struct of [`super::context::handbook`].

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

use super::context::handbook::*;
use super::context::{Html, Link};
use super::{personal_label, ref_href, root_of, Page, Renderer};
use crate::format;
use crate::i18n::t;
use crate::model::*;

mod nav;
mod questionnaire;
mod reference;

use nav::handbook_nav;

/// The handbook version being rendered: what all its pages share, built once per render.
pub(super) struct Version<'a> {
    /// The version, e.g. `1.1`.
    name: &'a str,
    /// Its methodology.
    m: &'a Methodology,
    /// Its chapters, in reading order.
    chapters: &'a [Chapter],
    /// Its folder in the site, `handbook/<version>/`.
    base: String,
    /// Whether it is the unreleased draft.
    draft: bool,
    /// The preview's banner about an edited release, when it concerns this version.
    notice: Option<String>,
    /// Its menu.
    nav: Nav<'a>,
    /// The menus rendered so far, by (open entry, way back to the version's folder).
    menus: Mutex<BTreeMap<(Option<usize>, String), String>>,
}

/// Where [`Frame::menu`] puts the menu in a rendered page: an HTML comment, which the French
/// typography pass leaves alone.
const MENU_MARK: &str = "<!--parcours:menu-->";

/// A share of the pages of a handbook version, rendered as one job.
#[derive(Clone, Copy, Debug)]
pub(super) enum Part {
    /// The home, the reference pages and the changelog.
    Reference,
    /// The chapters in this range of reading order.
    Chapters(usize, usize),
}

/// Chapters rendered in one job: enough to amortise, few enough to keep memory flat.
const CHAPTER_CHUNK: usize = 128;

impl<'a> Version<'a> {
    /// The version's name.
    pub(super) fn name(&self) -> &'a str {
        self.name
    }

    /// The version's folder in the site, `handbook/<version>/`.
    pub(super) fn base(&self) -> &str {
        &self.base
    }

    /// Its pages, cut into jobs.
    pub(super) fn parts(&self) -> Vec<Part> {
        let n = self.chapters.len();
        let mut parts = vec![Part::Reference];
        parts.extend(
            (0..n)
                .step_by(CHAPTER_CHUNK)
                .map(|i| Part::Chapters(i, (i + CHAPTER_CHUNK).min(n))),
        );
        parts
    }
}

impl Version<'_> {
    /// The way back from `page` to the version's folder.
    fn hb(&self, page: &str) -> String {
        root_of(page)
            .strip_prefix(&root_of(&self.base))
            .unwrap_or("")
            .to_string()
    }

    /// Renders handbook Markdown for `page`, its reference links relative to it.
    fn md(&self, page: &str, text: &str) -> Html {
        let hb = self.hb(page);
        Html::markdown(text, &|scheme, id| Some(ref_href(&hb, scheme, id)))
    }

    /// The page of `file` (`etapes/x.html`, `index.html`…) in the version's folder.
    fn path(&self, file: &str) -> String {
        format!("{}{file}", self.base)
    }
}

/// The banner a preview shows on the pages of `version` when the working tree edits a
/// released version: what will become of the edit and what to do.
fn edit_notice(edit: Option<&crate::model::WorkingEdit>, version: &str) -> Option<String> {
    use crate::model::WorkingEdit;
    match edit? {
        WorkingEdit::Meaning {
            released,
            shown_as,
            changes,
        } if shown_as == version => Some(crate::i18n::f(
            "version.meaning-banner",
            &[released, changes, shown_as],
        )),
        WorkingEdit::Erratum { label } if label == version => {
            Some(crate::i18n::f("version.erratum-banner", &[label]))
        }
        _ => None,
    }
}

/// A link titled `title` to `href`.
fn link(title: &str, href: String) -> Link<'_> {
    Link { title, href }
}

impl<'m> Renderer<'m> {
    /// What every page of `version` shares.
    pub(super) fn version(&self, version: &str) -> Version<'m> {
        let (version, m) = self
            .model
            .methodologies
            .get_key_value(version)
            .expect("a rendered version has a methodology");
        let chapters = &self.model.handbooks[version];
        Version {
            name: version,
            m,
            chapters,
            base: format!("handbook/{version}/"),
            draft: Some(version.as_str()) == self.model.draft.as_deref(),
            notice: edit_notice(self.model.working_edit.as_ref(), version),
            nav: handbook_nav(chapters),
            menus: Mutex::default(),
        }
    }

    /// Renders one part of the handbook pages of version `v`.
    pub(super) fn handbook(&self, v: &Version<'_>, part: Part) -> Vec<Page> {
        match part {
            Part::Reference => self.handbook_reference(v),
            Part::Chapters(from, to) => self.chapter_pages(v, from, to),
        }
    }

    /// Renders the home, the reference pages and the changelog of version `v`.
    fn handbook_reference(&self, v: &Version<'_>) -> Vec<Page> {
        let (version, m) = (v.name, v.m);
        let mut pages = vec![self.handbook_home(v)];
        pages.extend(self.reference_pages(v));
        pages.extend(m.steps.iter().map(|s| self.step_page(v, s)));
        pages.extend(m.angles.iter().map(|a| self.angle_page(v, a)));
        pages.extend(m.criteria.iter().map(|c| self.criterion_page(v, c)));
        pages.extend(m.sources.iter().map(|s| self.source_page(v, s)));
        pages.extend(m.actions.iter().map(|a| self.action_page(v, a)));
        let (path, changes) = self.changelog_context(version);
        let title = changes.title.clone();
        pages.push(self.handbook_page(v, &path, "changelog.html", &title, changes));
        pages.push(self.questionnaire_page(v));
        pages
    }

    /// Renders a handbook page: the frame of its version around `page`.
    fn handbook_page(
        &self,
        v: &Version<'_>,
        path: &str,
        template: &str,
        title: &str,
        page: impl Serialize,
    ) -> Page {
        self.handbook_page_in(v, None, path, template, title, page)
    }

    /// Renders a handbook page whose menu opens the top-level entry `section`.
    fn handbook_page_in(
        &self,
        v: &Version<'_>,
        section: Option<usize>,
        path: &str,
        template: &str,
        title: &str,
        page: impl Serialize,
    ) -> Page {
        let current = path.strip_prefix(&v.base).unwrap_or(path);
        let hb = v.hb(path);
        let menu = self.menu(v, section, &hb, path)?;
        let own = format!("<a href=\"{hb}{current}\">");
        let marked = format!("<a aria-current=\"page\" href=\"{hb}{current}\">");
        // The page names its versioned URL, the same bytes under `latest/` (see DECISIONS.md).
        let canonical = format!(
            "<link rel=\"canonical\" href=\"{hb}../{}/{}\">\n</head>",
            super::escape_html(v.name),
            super::escape_html(current)
        );
        let frame = Frame {
            version: v.name,
            draft: v.draft,
            notice: v.notice.clone(),
            hb,
            menu: MENU_MARK,
            switcher: self.switcher(v.name, current),
        };
        let (path, html) =
            self.render_page(path, template, title, &HandbookPage { frame, page })?;
        let html = html
            .replacen(MENU_MARK, &menu.replacen(&own, &marked, 1), 1)
            .replacen("</head>", &canonical, 1);
        Ok((path, html))
    }

    fn handbook_home(&self, v: &Version<'_>) -> Page {
        let m = v.m;
        let home = Home {
            title: &m.title,
            contents: &v.nav.entries,
            reference: &v.nav.reference,
            counts: Counts {
                steps: m.steps.len().to_string(),
                angles: m.angles.len().to_string(),
                criteria: m.criteria.len().to_string(),
                sources: m.sources.len().to_string(),
                actions: m.actions.len().to_string(),
            },
        };
        self.handbook_page(v, &v.path("index.html"), "handbook.html", &m.title, home)
    }

    fn chapter_pages(&self, v: &Version<'_>, from: usize, to: usize) -> Vec<Page> {
        let (m, chapters) = (v.m, v.chapters);
        chapters[from..to]
            .iter()
            .zip(from..)
            .map(|(c, i)| {
                let path = v.path(&format!("{}.html", c.slug));
                let steps = c.steps.iter().filter_map(|s| m.step(s)).map(|s| NamedLink {
                    name: &s.name,
                    href: format!("etapes/{}.html", s.id),
                });
                let angles = c
                    .angles
                    .iter()
                    .filter_map(|a| m.angle(a))
                    .map(|a| NamedLink {
                        name: &a.name,
                        href: format!("angles/{}.html", a.id),
                    });
                let page = ChapterPage {
                    title: &c.title,
                    body: v.md(&path, &c.body),
                    linked: steps.chain(angles).collect(),
                    prev: i
                        .checked_sub(1)
                        .and_then(|j| chapters.get(j))
                        .map(|p| chapter_link(p, "")),
                    next: chapters.get(i + 1).map(|p| chapter_link(p, "")),
                };
                let section = v.nav.entry_of.get(i).copied();
                self.handbook_page_in(v, section, &path, "chapter.html", &c.title, page)
            })
            .collect()
    }

    fn step_page(&self, v: &Version<'_>, s: &Step) -> Page {
        let m = v.m;
        let path = v.path(&format!("etapes/{}.html", s.id));
        let by_angle = m
            .angles
            .iter()
            .map(|a| AngleCriteria {
                angle: &a.name,
                href: format!("../angles/{}.html", a.id),
                criteria: criterion_links(m, &s.id, &a.id),
            })
            .collect();
        let sources = m.sources.iter().filter(|x| x.steps.contains(&s.id));
        let actions = m.actions.iter().filter(|x| x.steps.contains(&s.id));
        let chapters = v.chapters.iter().filter(|c| c.steps.contains(&s.id));
        let page = StepPage {
            title: &s.name,
            description: v.md(&path, &s.description),
            frictions: &s.frictions,
            by_angle,
            sources: sources
                .map(|x| link(&x.name, format!("../sources/{}.html", x.id)))
                .collect(),
            actions: actions
                .map(|x| link(&x.name, format!("../actions/{}.html", x.id)))
                .collect(),
            chapters: chapter_links(chapters, "../"),
        };
        self.handbook_page(v, &path, "step.html", &s.name, page)
    }

    fn angle_page(&self, v: &Version<'_>, a: &Angle) -> Page {
        let m = v.m;
        let path = v.path(&format!("angles/{}.html", a.id));
        let by_step = m
            .steps
            .iter()
            .map(|s| StepCriteria {
                step: &s.name,
                href: format!("../etapes/{}.html", s.id),
                criteria: criterion_links(m, &s.id, &a.id),
            })
            .collect();
        let chapters = v.chapters.iter().filter(|c| c.angles.contains(&a.id));
        let page = AnglePage {
            title: &a.name,
            question: &a.question,
            description: v.md(&path, &a.description),
            by_step,
            chapters: chapter_links(chapters, "../"),
        };
        self.handbook_page(v, &path, "angle.html", &a.name, page)
    }

    fn criterion_page(&self, v: &Version<'_>, c: &Criterion) -> Page {
        let m = v.m;
        let path = v.path(&format!("criteres/{}.html", c.id));
        let levels = c
            .levels
            .iter()
            .enumerate()
            .map(|(i, d)| LevelRow {
                level: i.to_string(),
                label: m.scale.levels.get(i).map_or("", |l| l.label.as_str()),
                descriptor: d,
            })
            .collect();
        let actions = m.actions.iter().filter_map(|a| {
            let trigger = a.triggers.iter().find(|t| t.criterion == c.id)?;
            Some(TriggerLink {
                title: &a.name,
                href: format!("../actions/{}.html", a.id),
                max_level: trigger.max_level.to_string(),
                label: None,
            })
        });
        let sources = c.sources.iter().filter_map(|s| m.source(s));
        let page = CriterionPage {
            title: &c.question,
            id: &c.id,
            step: m.step(&c.step).map(|s| NamedLink {
                name: &s.name,
                href: format!("../etapes/{}.html", s.id),
            }),
            angle: m.angle(&c.angle).map(|a| NamedLink {
                name: &a.name,
                href: format!("../angles/{}.html", a.id),
            }),
            weight: format::decimal(c.weight),
            levels,
            na: &m.scale.na,
            inconnu: &m.scale.inconnu,
            guidance: v.md(&path, &c.guidance),
            sources: sources
                .map(|s| link(&s.name, format!("../sources/{}.html", s.id)))
                .collect(),
            actions: actions.collect(),
            light: c.light,
        };
        self.handbook_page(v, &path, "criterion.html", &c.question, page)
    }

    fn source_page(&self, v: &Version<'_>, s: &SourceType) -> Page {
        let m = v.m;
        let path = v.path(&format!("sources/{}.html", s.id));
        let steps = s.steps.iter().filter_map(|x| m.step(x));
        let criteria = m.criteria.iter().filter(|c| c.sources.contains(&s.id));
        let page = SourcePage {
            title: &s.name,
            description: v.md(&path, &s.description),
            holder: &s.holder,
            risk: personal_label(s.personal_data),
            lawful_use: v.md(&path, &s.lawful_use),
            usual_cost: &s.usual_cost,
            steps: steps
                .map(|x| link(&x.name, format!("../etapes/{}.html", x.id)))
                .collect(),
            criteria: criteria
                .map(|c| link(&c.question, format!("../criteres/{}.html", c.id)))
                .collect(),
        };
        self.handbook_page(v, &path, "source.html", &s.name, page)
    }

    fn action_page(&self, v: &Version<'_>, a: &Action) -> Page {
        let m = v.m;
        let path = v.path(&format!("actions/{}.html", a.id));
        let triggers = a.triggers.iter().filter_map(|t| {
            let c = m.criterion(&t.criterion)?;
            Some(TriggerLink {
                title: &c.question,
                href: format!("../criteres/{}.html", c.id),
                max_level: t.max_level.to_string(),
                label: m
                    .scale
                    .levels
                    .get(usize::from(t.max_level))
                    .map(|l| l.label.as_str()),
            })
        });
        let angles = a.angles.iter().filter_map(|x| m.angle(x));
        let page = ActionPage {
            facts: reference::action_facts(m, a, "../"),
            angles: angles
                .map(|x| link(&x.name, format!("../angles/{}.html", x.id)))
                .collect(),
            description: v.md(&path, &a.description),
            benefit: &a.benefit,
            gdpr: &a.gdpr,
            triggers: triggers.collect(),
            light: a.light,
            requires: a
                .requires
                .iter()
                .filter_map(|r| m.action(r))
                .map(|r| link(&r.name, format!("{}.html", r.id)))
                .collect(),
            scaling: action_scaling(m, a),
            bands: band_costs(m, a),
        };
        self.handbook_page(v, &path, "action.html", &a.name, page)
    }
}

/// Links to `chapters`, from a page whose way back to the version's folder is `prefix`.
fn chapter_links<'a>(chapters: impl Iterator<Item = &'a Chapter>, prefix: &str) -> Vec<Link<'a>> {
    chapters.map(|c| chapter_link(c, prefix)).collect()
}

/// A link to chapter `c`, from a page whose way back to the version's folder is `prefix`.
fn chapter_link<'a>(c: &'a Chapter, prefix: &str) -> Link<'a> {
    link(&c.title, format!("{prefix}{}.html", c.slug))
}

/// The criteria of `step` under `angle`, from a step or angle page.
fn criterion_links<'a>(m: &'a Methodology, step: &str, angle: &str) -> Vec<CriterionLink<'a>> {
    m.criteria
        .iter()
        .filter(|c| c.step == step && c.angle == angle)
        .map(|c| CriterionLink {
            question: &c.question,
            href: format!("../criteres/{}.html", c.id),
            light: c.light,
        })
        .collect()
}

/// How an action's costs follow the commune's size, in a sentence.
fn action_scaling(m: &Methodology, a: &Action) -> String {
    let key = match (a.scaling, m.cost_bands.is_empty()) {
        (Scaling::Fixed, _) => "act.scaling-fixed",
        (Scaling::Band, false) => "act.scaling-band",
        (Scaling::Band, true) => "act.scaling-builtin",
    };
    t(key).to_string()
}

/// An action's costs for each cost band (the methodology's, else the built-in table).
fn band_costs(m: &Methodology, a: &Action) -> Vec<BandCosts> {
    m.cost_bands_or_builtin()
        .0
        .iter()
        .map(|b| {
            let c = a.costs_for(b);
            let days = c.staff_days.map(format::decimal);
            BandCosts {
                name: b.name.clone(),
                one_off: format::euro_range(c.one_off),
                yearly: format::euro_range(c.yearly),
                staff_days: crate::i18n::f("plan.days-range", &[&days[0], &days[1]]),
            }
        })
        .collect()
}
