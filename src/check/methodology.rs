//! Checks a methodology edition: ids, references, scale, weights, the step × angle grid, and
//! the handbook chapters that go with it.

use std::collections::BTreeSet;

use super::{at, links, Refs, Report};
use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::load::raw::*;
use crate::load::METHODOLOGY_FILE;
use crate::model::*;

/// Checks a methodology: ids, references, scale, weights, coverage of the step × angle grid.
pub fn check_methodology(
    raw: RawMethodology,
    chapters: BTreeSet<String>,
) -> (Methodology, Refs, Vec<Diagnostic>) {
    let mut r = Report::new(METHODOLOGY_FILE);
    let refs = check_ids(&raw, chapters, &mut r);
    check_scale(&raw.scale, &mut r);
    let mut steps = Vec::new();
    for s in raw.steps {
        steps.push(step(s, &refs, &mut r));
    }
    let angles = angles(raw.angles, &refs, &mut r);
    let mut criteria = Vec::new();
    for c in raw.criteria {
        criteria.push(criterion(c, &refs, &mut r));
    }
    check_grid(&steps, &angles, &criteria, &mut r);
    check_light_track(&steps, &criteria, &mut r);
    let mut sources = Vec::new();
    for s in raw.sources {
        sources.push(source(s, &refs, &mut r));
    }
    super::plan::check_requires(&raw.actions, &refs, &mut r);
    let classifies = super::procurement::classifies(&raw.actions);
    let mut actions = Vec::new();
    for a in raw.actions {
        actions.push(action(a, &refs, classifies, &mut r));
    }
    check_bands(&raw.typologies.population_bands, &mut r);
    let notes = notes(raw.notes, &refs, &mut r);
    let outcomes = super::outcomes::indicators(raw.outcomes, &refs, &mut r);
    let mut methodology = Methodology {
        version: raw.version.value,
        title: raw.title,
        scale: scale(raw.scale),
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
        cost_bands: Vec::new(),
        notes,
        outcomes,
    };
    methodology.cost_bands =
        super::plan::cost_bands(raw.cost_bands, &methodology.population_bands, &mut r);
    (methodology, refs, r.diagnostics)
}

/// Checks the editors' notes: each names known items, each at most once, and says something.
/// An item may have several notes (it changed for two reasons); a note names an item once.
fn notes(raw: Vec<RawNote>, refs: &Refs, r: &mut Report<'_>) -> Vec<Note> {
    let known: BTreeSet<String> = [
        &refs.steps,
        &refs.angles,
        &refs.criteria,
        &refs.sources,
        &refs.actions,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    raw.into_iter()
        .map(|n| {
            let mut seen = BTreeSet::new();
            if n.text.value.trim().is_empty() {
                r.error(&n.text, t("diag.empty-note").to_string());
            }
            r.links(&n.text.value, links::Origin::of(&n.text), refs);
            let about = n.about.map(RawAbout::into_ids).unwrap_or_default();
            for id in &about {
                if r.reference(id, &known, "diag.unknown-note-about")
                    && !seen.insert(id.value.clone())
                {
                    r.error(id, f("diag.duplicate-note", &[&id.value]));
                }
            }
            Note {
                about: about.into_iter().map(|a| a.value).collect(),
                text: n.text.value,
            }
        })
        .collect()
}

/// Checks the version label and every id (slug shape, no duplicate); returns the known ids.
fn check_ids(raw: &RawMethodology, chapters: BTreeSet<String>, r: &mut Report<'_>) -> Refs {
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
    r.unique(
        raw.typologies.degurba.iter().map(|d| &d.id),
        t("what.typology"),
    );
    r.unique(
        raw.typologies.population_bands.iter().map(|b| &b.id),
        t("what.band"),
    );
    refs
}

/// Scale: five levels 0..4 in order.
fn check_scale(scale: &RawScale, r: &mut Report<'_>) {
    if scale.levels.value.len() != 5 {
        r.error(
            &scale.levels,
            f("diag.scale-count", &[&scale.levels.value.len()]),
        );
    }
    for (i, level) in scale.levels.value.iter().enumerate() {
        if level.level.value != i as i64 {
            r.error(
                &level.level,
                f("diag.scale-order", &[&i, &level.level.value]),
            );
        }
    }
}

/// The checked scale.
fn scale(raw: RawScale) -> Scale {
    let level = |l: &RawLevel| Level {
        level: l.level.value,
        label: l.label.clone(),
        description: l.description.clone(),
    };
    Scale {
        levels: raw.levels.value.iter().map(level).collect(),
        na: Level {
            level: -1,
            label: raw.na.label,
            description: raw.na.description,
        },
        inconnu: Level {
            level: -1,
            label: raw.inconnu.label,
            description: raw.inconnu.description,
        },
    }
}

/// A step, its description's links checked.
fn step(s: RawStep, refs: &Refs, r: &mut Report<'_>) -> Step {
    r.markdown(&s.description, refs);
    Step {
        short: s.short.clone().unwrap_or_else(|| s.name.clone()),
        id: s.id.value,
        name: s.name,
        description: text(s.description),
        frictions: s.frictions,
        replaces: s.replaces.map(|x| x.value),
    }
}

/// The angles, their descriptions' links checked.
fn angles(raw: Vec<RawAngle>, refs: &Refs, r: &mut Report<'_>) -> Vec<Angle> {
    for a in &raw {
        r.markdown(&a.description, refs);
    }
    raw.into_iter()
        .map(|a| Angle {
            id: a.id.value,
            name: a.name,
            question: a.question,
            description: text(a.description),
        })
        .collect()
}

/// A criterion: its step, angle and sources exist, five descriptors, a positive weight.
fn criterion(c: RawCriterion, refs: &Refs, r: &mut Report<'_>) -> Criterion {
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
    r.markdown(&c.guidance, refs);
    Criterion {
        id: c.id.value,
        step: c.step.value,
        angle: c.angle.value,
        question: c.question,
        levels: c.levels.value,
        weight: c.weight.value,
        sources: c.sources.into_iter().map(|s| s.value).collect(),
        guidance,
        replaces: c.replaces.map(|x| x.value),
        light: c.light,
    }
}

/// A non-empty light track should hold at least one light criterion in every step.
fn check_light_track(steps: &[Step], criteria: &[Criterion], r: &mut Report<'_>) {
    if !criteria.iter().any(|c| c.light) {
        return;
    }
    for s in steps {
        if !criteria.iter().any(|c| c.step == s.id && c.light) {
            r.diagnostics.push(
                Diagnostic::warning(METHODOLOGY_FILE, 0, 0, f("diag.light-step", &[&s.id]))
                    .with_help(t("help.light-step")),
            );
        }
    }
}

/// Every step × angle cell should hold a criterion.
fn check_grid(steps: &[Step], angles: &[Angle], criteria: &[Criterion], r: &mut Report<'_>) {
    for s in steps {
        for a in angles {
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
}

/// A data-source type: its steps exist, its Markdown links resolve.
fn source(s: RawSource, refs: &Refs, r: &mut Report<'_>) -> SourceType {
    r.markdown(&s.description, refs);
    r.markdown(&s.lawful_use, refs);
    for step in &s.steps {
        r.reference(step, &refs.steps, "diag.unknown-step");
    }
    SourceType {
        id: s.id.value,
        name: s.name,
        description: text(s.description),
        steps: s.steps.into_iter().map(|x| x.value).collect(),
        holder: s.holder,
        personal_data: s.personal_data,
        lawful_use: text(s.lawful_use),
        usual_cost: s.usual_cost,
        replaces: s.replaces.map(|x| x.value),
    }
}

/// An action: triggers on known criteria and levels, known steps and angles, sane ranges.
fn action(a: RawAction, refs: &Refs, classifies: bool, r: &mut Report<'_>) -> Action {
    let tender = super::procurement::tender_fields(&a, classifies, r);
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
    r.markdown(&a.description, refs);
    Action {
        id: a.id.value,
        name: a.name,
        description: text(a.description),
        triggers,
        requires: a.requires.into_iter().map(|x| x.value).collect(),
        scaling: a.scaling,
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
        light: a.light,
        kind: tender.kind,
        deliverables: tender.deliverables,
        award_criteria: tender.award_criteria,
    }
}

/// Population bands: contiguous from 0, only the last one open.
fn check_bands(bands: &[RawBand], r: &mut Report<'_>) {
    let mut expected_min = 0;
    for (i, b) in bands.iter().enumerate() {
        if b.min.value != expected_min {
            r.error(&b.min, f("diag.band-gap", &[&b.id.value, &expected_min]));
        }
        match b.max {
            Some(max) => expected_min = max + 1,
            None if i + 1 < bands.len() => {
                r.error(&b.id, f("diag.band-open", &[&b.id.value]));
            }
            None => {}
        }
    }
}

/// The text of an optional Markdown field.
fn text(field: Option<serde_saphyr::Spanned<String>>) -> String {
    field.map(|f| f.value).unwrap_or_default()
}

pub(super) fn check_chapters(
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
        r.links(&c.body, links::Origin::line(c.body_line), refs);
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
