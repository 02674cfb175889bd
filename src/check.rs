//! Stage 2, check: raw values → the resolved model, every reference checked.
//!
//! Takes the `Project` from `load` and returns a `Model` (when no error was found) plus every
//! diagnostic, sorted. Pure: reads nothing, writes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::load::raw::*;
use crate::load::{Edition, Project, RawCommuneDir, METHODOLOGY_FILE};
use crate::model::*;

/// Everything the site is rendered from, checked.
#[derive(Debug)]
pub struct Model {
    /// Site configuration.
    pub config: crate::config::Config,
    /// Methodology versions by label, oldest first by release order in `order`.
    pub methodologies: BTreeMap<String, Methodology>,
    /// Handbook chapters by version label, sorted by order then slug.
    pub handbooks: BTreeMap<String, Vec<Chapter>>,
    /// Version labels, oldest first; the last released one is the newest.
    pub order: Vec<String>,
    /// The label of the working tree's methodology when it is not a released version.
    pub draft: Option<String>,
    /// Communes sorted by slug.
    pub communes: Vec<Commune>,
}

impl Model {
    /// Returns the newest released version (or the working tree's when nothing is released).
    pub fn latest(&self) -> &str {
        self.order
            .iter()
            .rev()
            .find(|v| Some(*v) != self.draft.as_ref())
            .or(self.order.last())
            .map(String::as_str)
            .unwrap_or("")
    }
}

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
            id.value.split('.').count() <= 2 && id.value.split('.').all(crate::is_slug)
        } else {
            crate::is_slug(&id.value)
        };
        if !ok {
            let fix = crate::slugify(&id.value);
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
    /// Checks the link schemes in a Markdown text that starts at `line` of the file.
    fn links(&mut self, markdown: &str, line: u64, refs: &Refs) {
        for link in crate::markdown::ref_links(markdown) {
            if !refs.resolves(&link.scheme, &link.id) {
                let (l, c) = crate::config::line_column(markdown, link.offset);
                let mut d = Diagnostic::error(
                    self.path,
                    line + l - 1,
                    c,
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
        self.known(scheme).contains(id)
    }
}

/// Checks the whole project, returning the model when there is no error.
pub fn check(project: Project) -> (Option<Model>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut methodologies = BTreeMap::new();
    let mut handbooks = BTreeMap::new();
    let mut order = Vec::new();
    let mut draft = None;
    for (id, ic) in &project.config.intercommunales {
        if let Some(logo) = &ic.logo {
            if !project.statics.iter().any(|(name, _)| name == logo) {
                diagnostics.push(
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        0,
                        0,
                        f("diag.no-logo", &[&logo, &id]),
                    )
                    .with_help(f("help.no-logo", &[&project.config.theme, &logo])),
                );
            }
        }
    }
    let Project {
        config,
        editions,
        communes,
        fetch_hint,
        ..
    } = project;
    // Released editions first (oldest first), then the working tree.
    let mut editions: Vec<Edition> = editions;
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
        if let Some(previous) = order.last().and_then(|v| methodologies.get(v)) {
            if edition.reference.is_none() && !methodologies.contains_key(&label) {
                for (what, id, old) in crate::changelog::dangling_replaces(previous, &methodology) {
                    ds.push(
                        Diagnostic::warning(
                            METHODOLOGY_FILE,
                            0,
                            0,
                            f(
                                "diag.dangling-replaces",
                                &[&t(what), &id, &old, &previous.version],
                            ),
                        )
                        .with_help(t("help.dangling-replaces")),
                    );
                }
            }
        }
        // A released edition cannot be edited any more: only its errors are worth printing.
        let released = edition.reference.is_some();
        diagnostics.extend(
            ds.into_iter()
                .filter(|d| !released || d.is_error())
                .map(|d| d.prefixed(&prefix)),
        );
        if edition.reference.is_none() {
            if methodologies.contains_key(&label) {
                // The working tree is the released version itself: nothing new to publish.
                continue;
            }
            draft = edition
                .label
                .is_none()
                .then(|| label.clone())
                .filter(|_| !order.is_empty());
        }
        order.push(label.clone());
        handbooks.insert(label.clone(), chapters);
        methodologies.insert(label, methodology);
    }
    let mut checked = Vec::new();
    let versions = Versions {
        methodologies: &methodologies,
        order: &order,
        draft: draft.as_deref(),
        fetch_hint: fetch_hint.as_deref(),
    };
    for dir in communes {
        if let Some(c) = check_commune(dir, &config, &versions, &mut diagnostics) {
            checked.push(c);
        }
    }
    crate::diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) || methodologies.is_empty() {
        return (None, diagnostics);
    }
    (
        Some(Model {
            config,
            methodologies,
            handbooks,
            order,
            draft,
            communes: checked,
        }),
        diagnostics,
    )
}

/// Checks a methodology: ids, references, scale, weights, coverage of the step × angle grid.
pub fn check_methodology(
    raw: RawMethodology,
    chapters: BTreeSet<String>,
) -> (Methodology, Refs, Vec<Diagnostic>) {
    let mut r = Report::new(METHODOLOGY_FILE);
    if !is_version(&raw.version.value) {
        r.error(&raw.version, f("diag.bad-version", &[&raw.version.value]))
            .help = Some(t("help.version").to_string());
    }
    for s in &raw.steps {
        r.slug(&s.id, false);
    }
    for a in &raw.angles {
        r.slug(&a.id, false);
    }
    for c in &raw.criteria {
        r.slug(&c.id, true);
    }
    for s in &raw.sources {
        r.slug(&s.id, false);
    }
    for a in &raw.actions {
        r.slug(&a.id, false);
    }
    let refs = Refs {
        steps: r.unique(raw.steps.iter().map(|s| &s.id), t("what.step")),
        angles: r.unique(raw.angles.iter().map(|a| &a.id), t("what.angle")),
        criteria: r.unique(raw.criteria.iter().map(|c| &c.id), t("what.criterion")),
        sources: r.unique(raw.sources.iter().map(|s| &s.id), t("what.source")),
        actions: r.unique(raw.actions.iter().map(|a| &a.id), t("what.action")),
        chapters,
    };
    let degurba = r.unique(
        raw.typologies.degurba.iter().map(|d| &d.id),
        t("what.typology"),
    );
    r.unique(
        raw.typologies.population_bands.iter().map(|b| &b.id),
        t("what.band"),
    );
    let _ = degurba;

    // Scale: five levels 0..4 in order.
    if raw.scale.levels.value.len() != 5 {
        r.error(
            &raw.scale.levels,
            f("diag.scale-count", &[&raw.scale.levels.value.len()]),
        );
    }
    for (i, level) in raw.scale.levels.value.iter().enumerate() {
        if level.level.value != i as i64 {
            r.error(
                &level.level,
                f("diag.scale-order", &[&i, &level.level.value]),
            );
        }
    }

    let mut steps = Vec::new();
    for s in raw.steps {
        r.links(&s.description, at(&s.id).0, &refs);
        steps.push(Step {
            short: s.short.clone().unwrap_or_else(|| s.name.clone()),
            id: s.id.value,
            name: s.name,
            description: s.description,
            frictions: s.frictions,
            replaces: s.replaces.map(|x| x.value),
        });
    }
    let angles: Vec<Angle> = raw
        .angles
        .into_iter()
        .map(|a| Angle {
            id: a.id.value,
            name: a.name,
            question: a.question,
            description: a.description,
        })
        .collect();

    let mut criteria = Vec::new();
    for c in raw.criteria {
        if r.reference(&c.step, &refs.steps, "diag.unknown-step")
            && !c.id.value.starts_with(&format!("{}.", c.step.value))
        {
            r.warning(
                &c.id,
                f("diag.criterion-prefix", &[&c.id.value, &c.step.value]),
            );
        }
        r.reference(&c.angle, &refs.angles, "diag.unknown-angle");
        for s in &c.sources {
            r.reference(s, &refs.sources, "diag.unknown-source");
        }
        if c.levels.value.len() != 5 {
            r.error(
                &c.levels,
                f(
                    "diag.descriptor-count",
                    &[&c.id.value, &c.levels.value.len()],
                ),
            )
            .help = Some(t("help.descriptors").to_string());
        }
        if c.weight.value <= 0.0 || !c.weight.value.is_finite() {
            r.error(&c.weight, f("diag.bad-weight", &[&c.weight.value]))
                .help = Some(t("help.weight").to_string());
        }
        let guidance = c
            .guidance
            .as_ref()
            .map(|g| g.value.clone())
            .unwrap_or_default();
        if let Some(g) = &c.guidance {
            r.links(&g.value, at(g).0 + 1, &refs);
        }
        criteria.push(Criterion {
            id: c.id.value,
            step: c.step.value,
            angle: c.angle.value,
            question: c.question,
            levels: c.levels.value,
            weight: c.weight.value,
            sources: c.sources.into_iter().map(|s| s.value).collect(),
            guidance,
            replaces: c.replaces.map(|x| x.value),
        });
    }

    // Every step × angle cell should hold a criterion.
    for s in &steps {
        for a in &angles {
            if !criteria.iter().any(|c| c.step == s.id && c.angle == a.id) {
                r.diagnostics.push(
                    Diagnostic::warning(
                        METHODOLOGY_FILE,
                        0,
                        0,
                        f("diag.empty-cell", &[&s.id, &a.id]),
                    )
                    .with_help(t("help.empty-cell")),
                );
            }
        }
    }

    let mut sources = Vec::new();
    for s in raw.sources {
        for step in &s.steps {
            r.reference(step, &refs.steps, "diag.unknown-step");
        }
        sources.push(SourceType {
            id: s.id.value,
            name: s.name,
            description: s.description,
            steps: s.steps.into_iter().map(|x| x.value).collect(),
            holder: s.holder,
            personal_data: s.personal_data,
            lawful_use: s.lawful_use,
            usual_cost: s.usual_cost,
            replaces: s.replaces.map(|x| x.value),
        });
    }

    let mut actions = Vec::new();
    for a in raw.actions {
        let mut triggers = Vec::new();
        if a.triggers.is_empty() {
            r.warning(&a.id, f("diag.no-trigger", &[&a.id.value]));
        }
        for tr in &a.triggers {
            r.reference(&tr.criterion, &refs.criteria, "diag.unknown-criterion");
            if !(0..=4).contains(&tr.max_level.value) {
                r.error(&tr.max_level, f("diag.bad-level", &[&tr.max_level.value]));
            }
            triggers.push(Trigger {
                criterion: tr.criterion.value.clone(),
                max_level: tr.max_level.value.clamp(0, 4) as u8,
            });
        }
        for s in &a.steps {
            r.reference(s, &refs.steps, "diag.unknown-step");
        }
        for x in &a.angles {
            r.reference(x, &refs.angles, "diag.unknown-angle");
        }
        for range in [&a.cost_one_off, &a.cost_yearly, &a.staff_days] {
            let [lo, hi] = range.value;
            if lo < 0.0 || hi < lo {
                r.error(range, f("diag.bad-range", &[&lo, &hi]));
            }
        }
        if !(1..=5).contains(&a.impact.value) {
            r.error(&a.impact, f("diag.bad-impact", &[&a.impact.value]));
        }
        r.links(&a.description, at(&a.id).0, &refs);
        actions.push(Action {
            id: a.id.value,
            name: a.name,
            description: a.description,
            triggers,
            steps: a.steps.into_iter().map(|x| x.value).collect(),
            angles: a.angles.into_iter().map(|x| x.value).collect(),
            cost_one_off: a.cost_one_off.value,
            cost_yearly: a.cost_yearly.value,
            staff_days: a.staff_days.value,
            lead_time_months: a.lead_time_months,
            impact: a.impact.value.clamp(1, 5) as u8,
            benefit: a.benefit,
            gdpr: a.gdpr,
            replaces: a.replaces.map(|x| x.value),
        });
    }

    // Population bands: contiguous from 0.
    let mut expected_min = 0;
    let band_count = raw.typologies.population_bands.len();
    for (i, b) in raw.typologies.population_bands.iter().enumerate() {
        if b.min.value != expected_min {
            r.error(&b.min, f("diag.band-gap", &[&b.id.value, &expected_min]));
        }
        match b.max {
            Some(max) => expected_min = max + 1,
            None if i + 1 < band_count => {
                r.error(&b.id, f("diag.band-open", &[&b.id.value]));
            }
            None => {}
        }
    }

    let level = |l: &RawLevel| Level {
        level: l.level.value,
        label: l.label.clone(),
        description: l.description.clone(),
    };
    let methodology = Methodology {
        version: raw.version.value,
        title: raw.title,
        scale: Scale {
            levels: raw.scale.levels.value.iter().map(level).collect(),
            na: Level {
                level: -1,
                label: raw.scale.na.label,
                description: raw.scale.na.description,
            },
            inconnu: Level {
                level: -1,
                label: raw.scale.inconnu.label,
                description: raw.scale.inconnu.description,
            },
        },
        steps,
        angles,
        criteria,
        sources,
        actions,
        degurba: raw
            .typologies
            .degurba
            .into_iter()
            .map(|d| Typology {
                id: d.id.value,
                name: d.name,
                description: d.description,
            })
            .collect(),
        population_bands: raw
            .typologies
            .population_bands
            .into_iter()
            .map(|b| PopulationBand {
                id: b.id.value,
                name: b.name,
                min: b.min.value,
                max: b.max,
            })
            .collect(),
    };
    (methodology, refs, r.diagnostics)
}

/// Tells whether a version label looks like `1.0` or `2.1.3`.
pub fn is_version(v: &str) -> bool {
    !v.is_empty()
        && v.split('.').count() <= 3
        && v.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn check_chapters(
    raw: Vec<crate::load::RawChapter>,
    refs: &Refs,
    methodology: &Methodology,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Chapter> {
    let step_ids: BTreeSet<String> = methodology.steps.iter().map(|s| s.id.clone()).collect();
    let angle_ids: BTreeSet<String> = methodology.angles.iter().map(|s| s.id.clone()).collect();
    let mut chapters = Vec::new();
    for c in raw {
        let mut r = Report::new(&c.path);
        // Front matter spans are relative to the YAML block, which starts on line 2.
        for s in &c.front.steps {
            if !step_ids.contains(&s.value) {
                let (l, col) = at(s);
                let mut d =
                    Diagnostic::error(&c.path, l + 1, col, f("diag.unknown-step", &[&s.value]));
                if let Some(x) = suggest(&s.value, step_ids.iter().map(String::as_str)) {
                    d.help = Some(f("help.did-you-mean", &[&x]));
                }
                r.diagnostics.push(d);
            }
        }
        for a in &c.front.angles {
            if !angle_ids.contains(&a.value) {
                let (l, col) = at(a);
                let mut d =
                    Diagnostic::error(&c.path, l + 1, col, f("diag.unknown-angle", &[&a.value]));
                if let Some(x) = suggest(&a.value, angle_ids.iter().map(String::as_str)) {
                    d.help = Some(f("help.did-you-mean", &[&x]));
                }
                r.diagnostics.push(d);
            }
        }
        if c.front.title.trim().is_empty() {
            r.diagnostics.push(
                Diagnostic::error(&c.path, 2, 1, t("diag.empty-title"))
                    .with_help(t("help.front-matter")),
            );
        }
        r.links(&c.body, c.body_line, refs);
        diagnostics.extend(r.diagnostics);
        chapters.push(Chapter {
            slug: c.slug,
            path: c.path,
            title: c.front.title,
            order: c.front.order,
            steps: c.front.steps.into_iter().map(|s| s.value).collect(),
            angles: c.front.angles.into_iter().map(|s| s.value).collect(),
            body: c.body,
            body_line: c.body_line,
        });
    }
    chapters.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    chapters
}

/// The checked methodology versions an audit may name.
struct Versions<'a> {
    methodologies: &'a BTreeMap<String, Methodology>,
    /// Labels, oldest first.
    order: &'a [String],
    /// The unreleased working tree's label, if any.
    draft: Option<&'a str>,
    /// The `git` command that completes an incomplete clone.
    fetch_hint: Option<&'a str>,
}

fn check_commune(
    dir: RawCommuneDir,
    config: &crate::config::Config,
    versions: &Versions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Commune> {
    let raw = dir.commune?;
    let mut r = Report::new(&dir.path);
    let ins = &raw.ins;
    if ins.value.len() != 5 || !ins.value.bytes().all(|b| b.is_ascii_digit()) {
        r.error(ins, f("diag.bad-ins", &[&ins.value])).help = Some(t("help.ins").to_string());
    }
    let intercommunales: BTreeSet<String> = config.intercommunales.keys().cloned().collect();
    if !r.reference(
        &raw.intercommunale,
        &intercommunales,
        "diag.unknown-intercommunale",
    ) && suggest(
        &raw.intercommunale.value,
        intercommunales.iter().map(String::as_str),
    )
    .is_none()
    {
        if let Some(d) = r.diagnostics.last_mut() {
            d.help = Some(f(
                "help.declare-intercommunale",
                &[&raw.intercommunale.value],
            ));
        }
    }
    let newest = versions
        .order
        .last()
        .and_then(|v| versions.methodologies.get(v));
    if let Some(m) = newest {
        let degurba: BTreeSet<String> = m.degurba.iter().map(|d| d.id.clone()).collect();
        r.reference(&raw.degurba, &degurba, "diag.unknown-degurba");
    }
    diagnostics.extend(r.diagnostics);

    let mut audits = Vec::new();
    for (id, path, audit) in dir.audits {
        if let Some(a) = check_audit(&id, &path, audit, versions, diagnostics) {
            audits.push(a);
        }
    }
    Some(Commune {
        slug: dir.slug,
        name: raw.name,
        ins: raw.ins.value,
        province: raw.province,
        intercommunale: raw.intercommunale.value,
        population: raw.population,
        population_year: raw.population_year,
        area_km2: raw.area_km2,
        degurba: raw.degurba.value,
        sources_note: raw.sources_note,
        fictional: raw.fictional,
        audits,
    })
}

fn check_audit(
    id: &str,
    path: &str,
    raw: RawAudit,
    versions: &Versions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Audit> {
    let mut r = Report::new(path);
    let Some(m) = versions.methodologies.get(&raw.methodology.value) else {
        let known = versions.order.join(", ");
        let mut help = f("help.known-versions", &[&known]);
        if let Some(fetch) = versions.fetch_hint {
            help = format!("{help} ; {}", f("help.version-maybe-missing", &[&fetch]));
        }
        r.error(
            &raw.methodology,
            f("diag.unknown-version", &[&raw.methodology.value]),
        )
        .help = Some(help);
        diagnostics.extend(r.diagnostics);
        return None;
    };
    let mut status = raw.status;
    if versions.draft == Some(raw.methodology.value.as_str()) && status == AuditStatus::Published {
        // Published against an unreleased methodology: its handbook pages do not exist yet.
        status = AuditStatus::Draft;
        r.warning(
            &raw.methodology,
            f("diag.audit-on-draft", &[&raw.methodology.value]),
        )
        .help = Some(t("help.audit-on-draft").to_string());
    }
    if !is_date(&raw.date.value) {
        r.error(&raw.date, f("diag.bad-date", &[&raw.date.value]))
            .help = Some(t("help.date").to_string());
    } else if !raw.date.value.starts_with(id) {
        r.warning(&raw.date, f("diag.date-mismatch", &[&raw.date.value, &id]));
    }
    let criteria: BTreeSet<String> = m.criteria.iter().map(|c| c.id.clone()).collect();
    let sources: BTreeSet<String> = m.sources.iter().map(|s| s.id.clone()).collect();
    let steps: BTreeSet<String> = m.steps.iter().map(|s| s.id.clone()).collect();
    let actions: BTreeSet<String> = m.actions.iter().map(|s| s.id.clone()).collect();

    let mut answers = BTreeMap::new();
    for a in raw.answers {
        if !r.reference(&a.criterion, &criteria, "diag.unknown-criterion") {
            continue;
        }
        if answers.contains_key(&a.criterion.value) {
            r.error(
                &a.criterion,
                f("diag.duplicate-answer", &[&a.criterion.value]),
            );
            continue;
        }
        let score = match &a.score.value {
            RawScore::Number(n) if n.fract() == 0.0 && (0.0..=4.0).contains(n) => {
                Score::Level(*n as u8)
            }
            RawScore::Word(w) if w == "na" => Score::Na,
            RawScore::Word(w) if w == "inconnu" => Score::Inconnu,
            RawScore::Number(n) => {
                r.error(&a.score, f("diag.score-range", &[&n])).help =
                    Some(t("help.score").to_string());
                continue;
            }
            RawScore::Word(w) => {
                let lower = w.trim().to_lowercase();
                let help = match suggest(&lower, ["na", "inconnu"]) {
                    Some(s) => f("help.did-you-mean", &[&s]),
                    None => t("help.score").to_string(),
                };
                r.error(&a.score, f("diag.score-word", &[&w])).help = Some(help);
                continue;
            }
        };
        for s in &a.sources {
            r.reference(s, &sources, "diag.unknown-source");
        }
        answers.insert(
            a.criterion.value,
            Answer {
                score,
                evidence: a.evidence,
                sources: a.sources.into_iter().map(|s| s.value).collect(),
            },
        );
    }
    let missing = m
        .criteria
        .iter()
        .filter(|c| !answers.contains_key(&c.id))
        .count();
    if missing > 0 {
        r.diagnostics.push(
            Diagnostic::warning(
                path,
                0,
                0,
                f("diag.missing-answers", &[&missing, &m.criteria.len()]),
            )
            .with_help(t("help.missing-answers")),
        );
    }

    let mut inventory = Vec::new();
    for item in raw.inventory {
        r.reference(&item.kind, &sources, "diag.unknown-source");
        if !(0..=4).contains(&item.quality.value) {
            r.error(&item.quality, f("diag.bad-quality", &[&item.quality.value]));
        }
        for s in &item.steps {
            r.reference(s, &steps, "diag.unknown-step");
        }
        let personal = item.personal_data.value != PersonalData::None;
        let gdpr_flag = personal && (item.legal_basis.trim().is_empty() || !item.dpia);
        inventory.push(InventoryItem {
            kind: item.kind.value,
            name: item.name,
            holder: item.holder,
            access: item.access,
            format: item.format,
            refresh: item.refresh,
            personal_data: item.personal_data.value,
            legal_basis: item.legal_basis,
            dpia: item.dpia,
            quality: item.quality.value.clamp(0, 4) as u8,
            steps: item.steps.into_iter().map(|s| s.value).collect(),
            citation: item.citation,
            gdpr_flag,
        });
    }

    let mut plan = Vec::new();
    for p in raw.plan {
        r.reference(&p.action, &actions, "diag.unknown-action");
        for c in &p.criteria {
            r.reference(c, &criteria, "diag.unknown-criterion");
        }
        let start = parse_quarter(&p.start.value);
        let end = parse_quarter(&p.end.value);
        for (q, raw_q) in [(start, &p.start), (end, &p.end)] {
            if q.is_none() {
                r.error(raw_q, f("diag.bad-quarter", &[&raw_q.value])).help =
                    Some(t("help.quarter").to_string());
            }
        }
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        if end < start {
            r.error(
                &p.end,
                f("diag.quarter-order", &[&p.start.value, &p.end.value]),
            );
        }
        for (v, what) in [
            (p.staff_days, "staff_days"),
            (p.budget_one_off, "budget_one_off"),
            (p.budget_yearly, "budget_yearly"),
        ] {
            if v < 0.0 || !v.is_finite() {
                r.error(&p.action, f("diag.negative", &[&what, &v]));
            }
        }
        plan.push(PlanItem {
            action: p.action.value,
            criteria: p.criteria.into_iter().map(|c| c.value).collect(),
            owner: p.owner,
            staff_days: p.staff_days,
            budget_one_off: p.budget_one_off,
            budget_yearly: p.budget_yearly,
            start,
            end,
            status: p.status,
            kpi: p.kpi,
        });
    }
    diagnostics.extend(r.diagnostics);
    Some(Audit {
        id: id.to_string(),
        path: path.to_string(),
        methodology: raw.methodology.value,
        date: raw.date.value,
        status,
        auditors: raw.auditors,
        summary: raw.summary,
        answers,
        inventory,
        plan,
        indicators: raw.indicators,
    })
}

/// Tells whether `s` is a real `YYYY-MM-DD` date.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Parses `YYYY-Qn`.
pub fn parse_quarter(s: &str) -> Option<Quarter> {
    let (y, q) = s.split_once("-Q")?;
    let year: i32 = y.parse().ok().filter(|_| y.len() == 4)?;
    let quarter: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    Some(Quarter { year, quarter })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_quarters() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("2025-3-01"));
        assert_eq!(
            parse_quarter("2025-Q3"),
            Some(Quarter {
                year: 2025,
                quarter: 3
            })
        );
        assert_eq!(parse_quarter("2025-Q5"), None);
    }

    #[test]
    fn versions_are_dotted_numbers() {
        assert!(is_version("1.0"));
        assert!(is_version("1.1.2"));
        assert!(!is_version("v1"));
        assert!(!is_version("1..0"));
    }
}
