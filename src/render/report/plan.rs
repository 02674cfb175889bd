//! The proposed action plan of a report: the envelope and where it comes from, the priority
//! actions by horizon with why each was chosen, the annex of the others, and the Gantt and
//! envelope figures. Reads the plan the score stage computed; formats only.

use serde::Serialize;

use super::Place;
use crate::charts::{self, Resource, Task};
use crate::format;
use crate::i18n::{f, t};
use crate::model::{Methodology, Quarter};
use crate::render::figures::{figure, Figure};
use crate::score::{
    audit_quarter, AuditScores, Candidate, Deferral, EnvelopeSource, Horizon, Plan,
};

/// The plan section of `report.html`.
#[derive(Serialize)]
pub struct PlanBlock<'a> {
    /// Where the envelope comes from, in a sentence.
    pub source: String,
    /// The cost band applied, in a sentence.
    pub band: String,
    /// The envelope, formatted: one-off, yearly, staff days.
    pub envelope: [String; 3],
    /// What the plan takes, formatted like `envelope`.
    pub total: [String; 3],
    /// The priority actions grouped by horizon, in order.
    pub horizons: Vec<HorizonGroup<'a>>,
    /// The other fired actions.
    pub annex: Vec<AnnexRow<'a>>,
    /// The Gantt chart of the sequence.
    pub gantt: Figure,
    /// The envelope against the plan.
    pub budget: Figure,
}

/// The actions starting in one horizon.
#[derive(Serialize)]
pub struct HorizonGroup<'a> {
    /// The horizon in words.
    pub title: &'static str,
    /// The number of its first action in the whole plan (the list goes on across horizons).
    pub start: usize,
    /// Its actions, by start then rank.
    pub actions: Vec<PlanAction<'a>>,
}

/// A priority action and why it was chosen.
#[derive(Serialize)]
pub struct PlanAction<'a> {
    /// Its name.
    pub title: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// It is part of the light track.
    pub light: bool,
    /// Why it was taken: its rank, or the action it is a prerequisite of.
    pub why: String,
    /// The criteria it raises, in sentences.
    pub raises: Vec<String>,
    /// Costs scaled to the commune: one-off, yearly, staff days.
    pub costs: [String; 3],
    /// Who does it, in words.
    pub who: String,
    /// When, in months from the start of the plan.
    pub when: String,
}

/// An action left for later.
#[derive(Serialize)]
pub struct AnnexRow<'a> {
    /// Its name.
    pub title: &'a str,
    /// Its page in the handbook.
    pub href: String,
    /// It is part of the light track.
    pub light: bool,
    /// Why it waits.
    pub reason: &'static str,
    /// Costs scaled to the commune: one-off, yearly, staff days.
    pub costs: [String; 3],
    /// The criteria it would raise, in sentences.
    pub raises: Vec<String>,
}

/// The plan block of a report.
pub(super) fn plan_block<'a>(scores: &AuditScores<'a>, place: &Place<'_>) -> PlanBlock<'a> {
    let (m, p) = (scores.methodology, &scores.plan);
    let band = f(
        if p.builtin_bands {
            "plan.band-builtin"
        } else {
            "plan.band"
        },
        &[
            &p.band.name,
            &format::decimal(p.band.cost_factor),
            &format::decimal(p.band.staff_factor),
        ],
    );
    let mut horizons: Vec<HorizonGroup<'a>> = Vec::new();
    for a in &p.actions {
        let Some(action) = m.action(&a.candidate.action) else {
            continue;
        };
        let why = match &a.pulled_by {
            Some(by) => f(
                "plan.why-prerequisite",
                &[&m.action(by).map_or(by.as_str(), |x| x.name.as_str())],
            ),
            None => f("plan.why-rank", &[&a.rank]),
        };
        let row = PlanAction {
            title: &action.name,
            href: format!("{}actions/{}.html", place.hb, action.id),
            light: action.light,
            why,
            raises: raises(scores, &a.candidate),
            costs: costs(&a.candidate),
            who: who(m, &action.angles),
            when: f("plan.when", &[&a.months.0, &a.months.1]),
        };
        let title = horizon_title(a.horizon);
        let start = 1 + horizons.iter().map(|g| g.actions.len()).sum::<usize>();
        match horizons.last_mut() {
            Some(g) if g.title == title => g.actions.push(row),
            _ => horizons.push(HorizonGroup {
                title,
                start,
                actions: vec![row],
            }),
        }
    }
    PlanBlock {
        source: source_text(p),
        band,
        envelope: envelope_text(&p.envelope),
        total: envelope_text(&p.total),
        horizons,
        annex: p
            .annex
            .iter()
            .filter_map(|d| {
                let action = m.action(&d.candidate.action)?;
                Some(AnnexRow {
                    title: &action.name,
                    href: format!("{}actions/{}.html", place.hb, action.id),
                    light: action.light,
                    reason: reason_text(d.reason),
                    costs: costs(&d.candidate),
                    raises: raises(scores, &d.candidate),
                })
            })
            .collect(),
        gantt: figure(charts::gantt(
            "calendrier",
            &tasks(scores),
            &crate::render::figures::step_axes(m),
        )),
        budget: figure(charts::envelope("budget", &resources(p))),
    }
}

fn source_text(p: &Plan) -> String {
    let [one_off, yearly, days] = envelope_text(&p.envelope);
    let key = match p.source {
        EnvelopeSource::Audit => "plan.source-audit",
        EnvelopeSource::Band => "plan.source-band",
        EnvelopeSource::BuiltIn => "plan.source-builtin",
    };
    f(key, &[&one_off, &yearly, &days, &p.band.name])
}

fn envelope_text(e: &crate::model::Envelope) -> [String; 3] {
    [
        format::euros(e.one_off),
        format::euros(e.yearly),
        f("chart.envelope.days", &[&format::decimal(e.staff_days)]),
    ]
}

fn costs(c: &Candidate) -> [String; 3] {
    let days = c.costs.staff_days.map(format::decimal);
    [
        format::euro_range(c.costs.one_off),
        format::euro_range(c.costs.yearly),
        if days[0] == days[1] {
            f("chart.envelope.days", &[&days[0]])
        } else {
            f("plan.days-range", &[&days[0], &days[1]])
        },
    ]
}

/// "fait passer « question » de 1 — Partiel au niveau 2 — Organisé (maillon faible Étape × Angle)".
fn raises(scores: &AuditScores<'_>, c: &Candidate) -> Vec<String> {
    let m = scores.methodology;
    // The raises on a weak link first: they are why the action ranks where it does.
    let weak = c.raises.iter().filter(|r| r.weak);
    weak.chain(c.raises.iter().filter(|r| !r.weak))
        .filter_map(|r| {
            let criterion = m.criterion(&r.criterion)?;
            let to = crate::render::score_label(m, crate::model::Score::Level(r.to));
            let from = crate::render::score_label(m, r.from);
            let mut s = f("plan.raises", &[&criterion.question, &from, &to]);
            if r.weak {
                let step = m.step(&criterion.step).map_or("", |x| x.name.as_str());
                let angle = m.angle(&criterion.angle).map_or("", |x| x.name.as_str());
                s.push_str(&f("plan.raises-weak", &[&step, &angle]));
            }
            Some(s)
        })
        .collect()
}

/// Who carries the action: named by the commune; the angles say which skills it takes.
fn who(m: &Methodology, angles: &[String]) -> String {
    let names: Vec<&str> = angles
        .iter()
        .filter_map(|a| m.angle(a))
        .map(|a| a.name.as_str())
        .collect();
    if names.is_empty() {
        t("plan.who").to_string()
    } else {
        f("plan.who-skills", &[&names.join(", ")])
    }
}

fn horizon_title(h: Horizon) -> &'static str {
    t(match h {
        Horizon::First => "plan.horizon-first",
        Horizon::Second => "plan.horizon-second",
        Horizon::Third => "plan.horizon-third",
    })
}

fn reason_text(d: Deferral) -> &'static str {
    t(match d {
        Deferral::OverEnvelope => "plan.reason-envelope",
        Deferral::Full => "plan.reason-full",
        Deferral::PrerequisiteDropped => "plan.reason-prerequisite-dropped",
        Deferral::Dropped => "plan.reason-dropped",
    })
}

/// The planned actions as Gantt tasks: quarters from the one after the audit.
fn tasks(scores: &AuditScores<'_>) -> Vec<Task> {
    let m = scores.methodology;
    let base = audit_quarter(&scores.audit.date).map_or(0, |q| index(q) + 1);
    let quarter = |i: i64| (i.div_euclid(4) as i32, (i.rem_euclid(4) + 1) as u8);
    scores
        .plan
        .actions
        .iter()
        .filter_map(|a| {
            let action = m.action(&a.candidate.action)?;
            let start = base + i64::from(a.months.0 / 3);
            let end = base + i64::from(a.months.1.saturating_sub(1) / 3);
            Some(Task {
                label: action.name.clone(),
                owner: t("plan.owner-unnamed").to_string(),
                step_short: action
                    .steps
                    .first()
                    .and_then(|s| m.step(s))
                    .map(|s| s.short.clone())
                    .unwrap_or_default(),
                start: quarter(start),
                end: quarter(end.max(start)),
                status_label: t(match a.horizon {
                    Horizon::First => "plan.start-first",
                    Horizon::Second => "plan.start-second",
                    Horizon::Third => "plan.start-third",
                })
                .to_string(),
            })
        })
        .collect()
}

fn index(q: Quarter) -> i64 {
    i64::from(q.year) * 4 + i64::from(q.quarter) - 1
}

fn resources(p: &Plan) -> Vec<Resource> {
    let row = |key: &str, planned: f64, available: f64, days: bool| Resource {
        label: t(key).to_string(),
        planned,
        available,
        days,
    };
    vec![
        row("col.one-off", p.total.one_off, p.envelope.one_off, false),
        row("col.yearly", p.total.yearly, p.envelope.yearly, false),
        row("col.staff", p.total.staff_days, p.envelope.staff_days, true),
    ]
}
