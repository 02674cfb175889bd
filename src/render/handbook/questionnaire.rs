//! `handbook/<version>/questionnaire.html`: the audit questionnaire of a methodology version, for
//! people who only have a browser.
//!
//! The page is a complete, printable form without JavaScript: every criterion grouped by step
//! then angle, its levels as radio buttons, an evidence field, the sources of the criterion as
//! checkboxes; the identity of the audit (commune, date, auditors, track). The theme's
//! `static/questionnaire.js`, loaded by this page only, keeps the answers in the browser, shows
//! the progress and reads and writes the audit YAML (docs/FORMAT.md, « Forme canonique »).

use serde::Serialize;

use super::Version;
use crate::i18n::t;
use crate::model::*;
use crate::render::{Page, Renderer};

/// The page's file in a version's folder.
pub(crate) const FILE: &str = "questionnaire.html";

/// The one script of the site, loaded by the questionnaire only (docs/DECISIONS.md).
pub(crate) const SCRIPT: &str = "questionnaire.js";

/// `questionnaire.html`, the audit questionnaire of a version.
#[derive(Serialize)]
struct QuestionnairePage<'a> {
    /// The page's title.
    title: &'static str,
    /// The script the page loads from the theme's `static/` (its policy allows `'self'`).
    script: &'static str,
    /// The schema line's path, relative to an audit file `communes/<slug>/audits/<id>.yaml`.
    schema: String,
    /// The versions that have a questionnaire in this site, oldest first, space-separated.
    versions: String,
    /// The version has a light track (criteria marked `light: true`).
    has_light: bool,
    /// Number of criteria of the version.
    total: usize,
    /// Number of criteria of the light track.
    light_total: usize,
    /// The communes of the repository, by slug.
    repo_communes: Vec<CommuneOption<'a>>,
    /// The Walloon communes of Statbel's list that the repository does not have yet.
    walloon_communes: Vec<CommuneOption<'a>>,
    /// The criteria, by step then angle.
    steps: Vec<QStep<'a>>,
    /// The scale's "not applicable" answer.
    na: &'a Level,
    /// The scale's "unknown" answer.
    inconnu: &'a Level,
    /// The script's messages (`quest.js.*` of the translation table), by short key.
    messages: Vec<Message>,
    /// Every source type of the version: an answer may cite one its criterion does not list.
    all_sources: Vec<QSource<'a>>,
}

/// A message of the script, from the translation table.
#[derive(Serialize)]
struct Message {
    key: &'static str,
    text: &'static str,
}

/// A commune in the identity list.
#[derive(Serialize)]
struct CommuneOption<'a> {
    /// Its folder name.
    slug: &'a str,
    /// Its name.
    name: &'a str,
    /// Its INS code (may be empty for a commune outside Statbel's list).
    ins: &'a str,
    /// Its province.
    province: &'a str,
}

/// A step and its criteria.
#[derive(Serialize)]
struct QStep<'a> {
    id: &'a str,
    name: &'a str,
    /// The angles that have criteria in the step, in methodology order.
    angles: Vec<QAngle<'a>>,
}

/// An angle of a step and the criteria of both.
#[derive(Serialize)]
struct QAngle<'a> {
    id: &'a str,
    name: &'a str,
    criteria: Vec<QCriterion<'a>>,
}

/// One criterion of the form.
#[derive(Serialize)]
struct QCriterion<'a> {
    id: &'a str,
    /// Its rank in the methodology, from 1 (the order of the exported answers).
    number: usize,
    question: &'a str,
    /// Its handbook page, relative to the questionnaire.
    href: String,
    light: bool,
    /// Levels 0 to 4 with the scale's label and the criterion's descriptor.
    levels: Vec<QLevel<'a>>,
    /// The source types that inform it.
    sources: Vec<QSource<'a>>,
}

/// A level of a criterion.
#[derive(Serialize)]
struct QLevel<'a> {
    value: String,
    label: &'a str,
    descriptor: &'a str,
}

/// A source type offered as a checkbox.
#[derive(Serialize)]
struct QSource<'a> {
    id: &'a str,
    name: &'a str,
}

impl Renderer<'_> {
    /// The questionnaire of version `v`.
    pub(super) fn questionnaire_page(&self, v: &Version<'_>) -> Page {
        let m = v.m;
        let page = QuestionnairePage {
            title: t("quest.title"),
            script: SCRIPT,
            schema: format!("../../../schemas/audit-{}.schema.json", v.name),
            versions: self.versions().join(" "),
            has_light: m.criteria.iter().any(|c| c.light),
            total: m.criteria.len(),
            light_total: m.criteria.iter().filter(|c| c.light).count(),
            repo_communes: self
                .model
                .communes
                .iter()
                .map(|c| CommuneOption {
                    slug: &c.slug,
                    name: &c.name,
                    ins: &c.ins,
                    province: &c.province,
                })
                .collect(),
            walloon_communes: walloon_communes(&self.model.communes),
            steps: questionnaire_steps(m),
            na: &m.scale.na,
            inconnu: &m.scale.inconnu,
            messages: messages(),
            all_sources: m
                .sources
                .iter()
                .map(|s| QSource {
                    id: &s.id,
                    name: &s.name,
                })
                .collect(),
        };
        let path = v.path(FILE);
        self.handbook_page(v, &path, "questionnaire.html", page.title, page)
    }
}

/// The script's messages: the `quest.js.*` keys of the translation table, without the prefix.
fn messages() -> Vec<Message> {
    crate::i18n::table()
        .iter()
        .filter_map(|(k, v)| {
            Some(Message {
                key: k.strip_prefix("quest.js.")?,
                text: v,
            })
        })
        .collect()
}

/// Statbel's Walloon communes the repository does not have, sorted by name.
fn walloon_communes(repo: &[Commune]) -> Vec<CommuneOption<'static>> {
    let mut list: Vec<CommuneOption<'static>> = crate::statbel::communes()
        .iter()
        .filter(|s| !repo.iter().any(|c| c.slug == s.slug))
        .map(|s| CommuneOption {
            slug: &s.slug,
            name: &s.name,
            ins: &s.ins,
            province: &s.province,
        })
        .collect();
    list.sort_by(|a, b| a.slug.cmp(b.slug));
    list
}

/// The criteria of `m` by step, then by angle; empty angles left out.
fn questionnaire_steps(m: &Methodology) -> Vec<QStep<'_>> {
    m.steps
        .iter()
        .map(|s| QStep {
            id: &s.id,
            name: &s.name,
            angles: m
                .angles
                .iter()
                .map(|a| QAngle {
                    id: &a.id,
                    name: &a.name,
                    criteria: m
                        .criteria
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.step == s.id && c.angle == a.id)
                        .map(|(i, c)| question(m, i + 1, c))
                        .collect(),
                })
                .filter(|a| !a.criteria.is_empty())
                .collect(),
        })
        .collect()
}

/// One criterion of the form.
fn question<'a>(m: &'a Methodology, number: usize, c: &'a Criterion) -> QCriterion<'a> {
    QCriterion {
        id: &c.id,
        number,
        question: &c.question,
        href: format!("criteres/{}.html", c.id),
        light: c.light,
        levels: c
            .levels
            .iter()
            .enumerate()
            .map(|(i, d)| QLevel {
                value: i.to_string(),
                label: m.scale.levels.get(i).map_or("", |l| l.label.as_str()),
                descriptor: d,
            })
            .collect(),
        sources: c
            .sources
            .iter()
            .filter_map(|s| m.source(s))
            .map(|s| QSource {
                id: &s.id,
                name: &s.name,
            })
            .collect(),
    }
}
