//! The selection pinned on small hand-made cases: envelope, ties, prerequisites, horizons, cap.

use super::*;
use crate::score::recommend::recommend;
use crate::testkit::{action, audit, criterion, done, methodology as build};

/// Criteria `a.1`…`a.n` in one cell, and the given actions; factors 1, no default envelope.
fn methodology(n: usize, actions: Vec<Action>) -> Methodology {
    let criteria = (1..=n)
        .map(|i| criterion(&format!("a.{i}"), "a", "x", 1.0))
        .collect();
    let mut m = build(&["a"], &["x"], criteria);
    m.actions = actions;
    m.cost_bands = vec![CostBand {
        band: "all".into(),
        name: String::new(),
        min: 0,
        max: None,
        cost_factor: 1.0,
        staff_factor: 1.0,
        envelope: Envelope::default(),
    }];
    m
}

/// An action on `a.<criterion>` (fires at level ≤ 1) with one-off cost and staff days.
fn act(id: &str, criterion: usize, impact: u8, euros: f64, days: f64) -> Action {
    let mut a = action(id, &format!("a.{criterion}"), 1, impact, euros);
    a.staff_days = [days, days];
    a
}

fn envelope(one_off: f64, yearly: f64, staff_days: f64) -> Envelope {
    Envelope {
        one_off,
        yearly,
        staff_days,
    }
}

/// Every criterion at level 0, with this envelope.
fn at_zero(n: usize, e: Envelope) -> Audit {
    let ids: Vec<String> = (1..=n).map(|i| format!("a.{i}")).collect();
    let answers: Vec<(&str, Score)> = ids.iter().map(|i| (i.as_str(), Score::Level(0))).collect();
    let mut a = audit(&answers);
    a.envelope = Some(e);
    a
}

fn run(m: &Methodology, a: &Audit) -> Plan {
    let fired = recommend(m, a);
    plan(
        m,
        a,
        &Context {
            population: 14_000,
            weak: &[],
            fired: &fired,
        },
    )
}

fn ids(p: &Plan) -> Vec<&str> {
    p.actions
        .iter()
        .map(|x| x.candidate.action.as_str())
        .collect()
}

fn annex(p: &Plan) -> Vec<(&str, Deferral)> {
    p.annex
        .iter()
        .map(|x| (x.candidate.action.as_str(), x.reason))
        .collect()
}

#[test]
fn the_envelope_is_never_exceeded_and_the_next_best_that_fits_is_taken() {
    let m = methodology(
        3,
        vec![
            act("big", 1, 5, 8_000.0, 0.0),
            act("mid", 2, 4, 5_000.0, 0.0),
            act("small", 3, 2, 1_000.0, 0.0),
        ],
    );
    let p = run(&m, &at_zero(3, envelope(9_000.0, 0.0, 0.0)));
    // big (5 ÷ 1.89) ranks first; mid no longer fits (13 000 €), small does.
    assert_eq!(ids(&p), ["big", "small"]);
    assert_eq!(annex(&p), [("mid", Deferral::OverEnvelope)]);
    assert!(fits(&p.total, &p.envelope));
    assert_eq!(p.total.one_off, 9_000.0);
    assert_eq!(p.source, EnvelopeSource::Audit);
}

#[test]
fn ties_are_broken_by_id() {
    let m = methodology(
        2,
        vec![
            act("zeta", 1, 3, 1_000.0, 0.0),
            act("alpha", 2, 3, 1_000.0, 0.0),
        ],
    );
    let p = run(&m, &at_zero(2, envelope(1_000.0, 0.0, 0.0)));
    assert_eq!(ids(&p), ["alpha"]);
    assert_eq!(annex(&p), [("zeta", Deferral::OverEnvelope)]);
}

#[test]
fn a_free_low_impact_action_does_not_outrank_a_structuring_one_that_fits() {
    let m = methodology(
        2,
        vec![
            act("free", 1, 1, 0.0, 0.0),
            act("manager", 2, 5, 10_000.0, 10.0),
        ],
    );
    let p = run(&m, &at_zero(2, envelope(20_000.0, 0.0, 40.0)));
    // manager: 5 × 2 ÷ (1 + 0.5 + 0.25) ≈ 5.7; free: 1 × 2 ÷ 1 = 2.
    assert_eq!(p.actions[0].rank, 1);
    assert_eq!(p.actions[0].candidate.action, "manager");
}

#[test]
fn a_prerequisite_is_pulled_in_first_and_the_action_starts_when_it_ends() {
    let mut dashboard = act("dashboard", 1, 5, 0.0, 0.0);
    dashboard.requires = vec!["referent".into()];
    let mut referent = act("referent", 2, 1, 0.0, 0.0);
    referent.lead_time_months = 3;
    let m = methodology(2, vec![dashboard, referent]);
    let p = run(&m, &at_zero(2, envelope(0.0, 0.0, 0.0)));
    assert_eq!(ids(&p), ["referent", "dashboard"]);
    let referent = &p.actions[0];
    assert_eq!(referent.pulled_by.as_deref(), Some("dashboard"));
    assert_eq!(referent.months, (0, 3));
    assert_eq!(p.actions[1].months.0, 3);
    assert_eq!(p.actions[1].horizon, Horizon::First);
}

#[test]
fn an_action_whose_prerequisites_do_not_fit_is_left_with_them() {
    let mut dashboard = act("dashboard", 1, 5, 1_000.0, 0.0);
    dashboard.requires = vec!["referent".into()];
    let m = methodology(2, vec![dashboard, act("referent", 2, 1, 1_000.0, 0.0)]);
    let p = run(&m, &at_zero(2, envelope(1_500.0, 0.0, 0.0)));
    // Together 2 000 €: dashboard waits; referent alone fits.
    assert_eq!(ids(&p), ["referent"]);
    assert_eq!(annex(&p), [("dashboard", Deferral::OverEnvelope)]);
}

#[test]
fn a_prerequisite_in_place_is_not_pulled_in_and_a_dropped_one_blocks() {
    let mut dashboard = act("dashboard", 1, 5, 0.0, 0.0);
    dashboard.requires = vec!["referent".into()];
    let m = methodology(2, vec![dashboard, act("referent", 2, 1, 0.0, 0.0)]);
    let mut a = at_zero(2, envelope(0.0, 0.0, 0.0));
    a.plan = vec![done("referent")];
    assert_eq!(ids(&run(&m, &a)), ["dashboard"]);
    // Its criterion already at the level it gives: in place too.
    let mut b = at_zero(2, envelope(0.0, 0.0, 0.0));
    b.answers.get_mut("a.2").expect("answered").score = Score::Level(3);
    assert_eq!(ids(&run(&m, &b)), ["dashboard"]);
    // Dropped by the commune: neither proposed again nor pulled in.
    a.plan[0].status = PlanStatus::Dropped;
    let p = run(&m, &a);
    assert!(p.actions.is_empty());
    assert_eq!(
        annex(&p),
        [
            ("dashboard", Deferral::PrerequisiteDropped),
            ("referent", Deferral::Dropped)
        ]
    );
}

#[test]
fn at_most_eight_actions_are_planned() {
    let actions = (1..=10)
        .map(|i| act(&format!("x{i:02}"), i, 3, 0.0, 0.0))
        .collect();
    let m = methodology(10, actions);
    let p = run(&m, &at_zero(10, envelope(0.0, 0.0, 0.0)));
    assert_eq!(p.actions.len(), MAX_PRIORITY);
    assert_eq!(
        annex(&p),
        [("x09", Deferral::Full), ("x10", Deferral::Full)]
    );
}

#[test]
fn the_first_six_months_take_at_most_half_the_staff_days() {
    let m = methodology(
        3,
        vec![
            act("one", 1, 5, 0.0, 10.0),
            act("two", 2, 4, 0.0, 10.0),
            act("three", 3, 3, 0.0, 10.0),
        ],
    );
    let p = run(&m, &at_zero(3, envelope(0.0, 0.0, 40.0)));
    let when: Vec<(&str, Horizon)> = p
        .actions
        .iter()
        .map(|x| (x.candidate.action.as_str(), x.horizon))
        .collect();
    assert_eq!(
        when,
        [
            ("one", Horizon::First),
            ("two", Horizon::First),
            ("three", Horizon::Second)
        ]
    );
    assert_eq!(p.actions[2].months.0, 6);
}

#[test]
fn horizons_are_six_and_eighteen_months() {
    assert_eq!(Horizon::of(0), Horizon::First);
    assert_eq!(Horizon::of(5), Horizon::First);
    assert_eq!(Horizon::of(6), Horizon::Second);
    assert_eq!(Horizon::of(17), Horizon::Second);
    assert_eq!(Horizon::of(18), Horizon::Third);
}

#[test]
fn costs_follow_the_band_unless_the_action_is_fixed() {
    let band = CostBand {
        cost_factor: 0.5,
        staff_factor: 2.0,
        ..builtin_cost_bands().remove(0)
    };
    let mut a = act("x", 1, 3, 1_000.0, 10.0);
    assert_eq!(a.costs_for(&band).one_off, [500.0, 500.0]);
    assert_eq!(a.costs_for(&band).staff_days, [20.0, 20.0]);
    a.scaling = Scaling::Fixed;
    assert_eq!(a.costs_for(&band).one_off, [1_000.0, 1_000.0]);
    assert_eq!(a.costs_for(&band).staff_days, [10.0, 10.0]);
}

#[test]
fn without_an_envelope_the_band_default_applies_and_says_where_it_comes_from() {
    let m = methodology(1, vec![act("x", 1, 3, 0.0, 0.0)]);
    let mut a = at_zero(1, envelope(0.0, 0.0, 0.0));
    a.envelope = None;
    let p = run(&m, &a);
    assert_eq!(p.source, EnvelopeSource::Band);
    let mut bare = m.clone();
    bare.cost_bands.clear();
    let p = run(&bare, &a);
    assert_eq!(p.source, EnvelopeSource::BuiltIn);
    assert!(p.builtin_bands);
    assert_eq!(p.band.band, "10000-25000");
    assert_eq!(p.envelope, builtin_cost_bands()[1].envelope);
}

#[test]
fn a_weak_link_doubles_the_effect_and_each_raise_says_to_which_level() {
    let m = methodology(1, vec![act("x", 1, 3, 0.0, 0.0)]);
    let a = at_zero(1, envelope(0.0, 0.0, 0.0));
    let fired = recommend(&m, &a);
    let weak = [Link {
        step: 0,
        angle: 0,
        score: 0.0,
    }];
    let with = |weak: &[Link]| {
        plan(
            &m,
            &a,
            &Context {
                population: 1,
                weak,
                fired: &fired,
            },
        )
        .actions[0]
            .candidate
            .clone()
    };
    let (plain, doubled) = (with(&[]), with(&weak));
    // From 0 to max_level + 1 = 2: impact 3 × 2 levels, twice on a weak link.
    assert_eq!(plain.effect, 6.0);
    assert_eq!(doubled.effect, 12.0);
    assert_eq!(doubled.raises[0].to, 2);
    assert!(doubled.raises[0].weak);
}
