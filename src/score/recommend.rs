//! Recommendations: the library's actions whose triggers fire on an audit, ranked.
//!
//! A trigger fires when its criterion is answered at or below `max_level`; `inconnu` counts as
//! level 0, `na` and missing answers never fire. Actions are ranked by expected benefit against
//! cost and staff time: impact ÷ (1 + mean one-off cost / 10 000 € + mean yearly cost / 5 000 €
//! + mean staff days / 20). Pure.

use serde::Serialize;

use super::card::Link;
use crate::model::{Audit, Methodology, Score, Track};

/// One recommended action and why it fired.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Recommendation {
    /// Action id.
    pub action: String,
    /// Criteria that fired it, with the level found.
    pub because: Vec<(String, Score)>,
    /// Ranking value: higher is better value for money.
    pub value: f64,
    /// Already in the commune's plan.
    pub planned: bool,
    /// The action is part of the light track.
    pub light: bool,
}

/// Returns the actions whose triggers fire on `audit`, best value first.
pub(super) fn recommend(methodology: &Methodology, audit: &Audit) -> Vec<Recommendation> {
    let mut out: Vec<Recommendation> = methodology
        .actions
        .iter()
        .filter_map(|action| {
            let because: Vec<(String, Score)> = action
                .triggers
                .iter()
                .filter_map(|t| {
                    let score = audit.answers.get(&t.criterion)?.score;
                    let level = match score {
                        Score::Level(l) => l,
                        Score::Inconnu | Score::ARepondre => 0,
                        Score::Na => return None,
                    };
                    (level <= t.max_level).then(|| (t.criterion.clone(), score))
                })
                .collect();
            if because.is_empty() {
                return None;
            }
            let mean = |r: [f64; 2]| (r[0] + r[1]) / 2.0;
            let cost = 1.0
                + mean(action.cost_one_off) / 10_000.0
                + mean(action.cost_yearly) / 5_000.0
                + mean(action.staff_days) / 20.0;
            // Costs come from the methodology: a negative or non-finite one must not make
            // an infinite or NaN value that would rank ahead of everything.
            let value = f64::from(action.impact) / cost;
            Some(Recommendation {
                action: action.id.clone(),
                because,
                value: if value.is_finite() && cost > 0.0 {
                    value
                } else {
                    0.0
                },
                planned: audit.plan.iter().any(|p| p.action == action.id),
                light: action.light,
            })
        })
        .collect();
    // A light audit sees the light track's actions first (the others it fired follow: a
    // criterion it chose to answer still says something), each part by value.
    let light_first = audit.track == Track::Light;
    out.sort_by(|a, b| {
        let first = |r: &Recommendation| light_first && r.light;
        first(b)
            .cmp(&first(a))
            .then_with(|| b.value.total_cmp(&a.value))
            .then_with(|| a.action.cmp(&b.action))
    });
    out
}

/// Groups recommendations under the weak link (step × angle cell) of the first criterion that
/// fired them, weak links in the order given; those fired elsewhere come last, under `None`.
/// Each recommendation appears once; the ranking is kept inside each group.
pub(super) fn group_by_weak_link<'a>(
    methodology: &Methodology,
    recommendations: &'a [Recommendation],
    weak: &[Link],
) -> Vec<(Option<Link>, Vec<&'a Recommendation>)> {
    let cell_of = |criterion: &str| -> Option<(usize, usize)> {
        let c = methodology.criterion(criterion)?;
        let s = methodology.steps.iter().position(|x| x.id == c.step)?;
        let a = methodology.angles.iter().position(|x| x.id == c.angle)?;
        Some((s, a))
    };
    let mut groups: Vec<(Option<Link>, Vec<&Recommendation>)> =
        weak.iter().map(|l| (Some(l.clone()), Vec::new())).collect();
    let mut rest = Vec::new();
    for r in recommendations {
        let home = weak.iter().position(|l| {
            r.because
                .iter()
                .any(|(c, _)| cell_of(c) == Some((l.step, l.angle)))
        });
        match home {
            Some(i) => groups[i].1.push(r),
            None => rest.push(r),
        }
    }
    groups.retain(|(_, v)| !v.is_empty());
    if !rest.is_empty() {
        groups.push((None, rest));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Link;
    use crate::testkit::{action, audit, criterion, methodology as build};

    fn methodology() -> Methodology {
        let mut m = build(
            &["a", "b"],
            &["x"],
            vec![
                criterion("a.1", "a", "x", 1.0),
                criterion("b.1", "b", "x", 1.0),
            ],
        );
        m.actions = vec![
            action("cheap", "a.1", 1, 3, 0.0),
            action("dear", "a.1", 1, 3, 90_000.0),
            action("other", "b.1", 2, 5, 0.0),
            action("never", "b.1", 0, 5, 0.0),
        ];
        m
    }

    #[test]
    fn fires_at_or_below_the_level_and_ranks_by_value() {
        let m = methodology();
        let recs = recommend(
            &m,
            &audit(&[("a.1", Score::Level(1)), ("b.1", Score::Level(2))]),
        );
        let ids: Vec<&str> = recs.iter().map(|r| r.action.as_str()).collect();
        // `never` needs b.1 at 0; `other` (impact 5, free) beats `cheap` (impact 3) beats `dear`.
        assert_eq!(ids, ["other", "cheap", "dear"]);
    }

    #[test]
    fn a_light_audit_sees_light_actions_first_and_a_full_audit_by_value_only() {
        let mut m = methodology();
        m.actions[1].light = true; // "dear"
        let answers = [("a.1", Score::Level(1)), ("b.1", Score::Level(2))];
        let mut a = audit(&answers);
        a.track = crate::model::Track::Light;
        let ids = |recs: Vec<Recommendation>| -> Vec<String> {
            recs.into_iter().map(|r| r.action).collect()
        };
        assert_eq!(ids(recommend(&m, &a)), ["dear", "other", "cheap"]);
        assert_eq!(
            ids(recommend(&m, &audit(&answers))),
            ["other", "cheap", "dear"]
        );
    }

    #[test]
    fn issue_11_absurd_costs_rank_last_rather_than_first() {
        let mut m = methodology();
        m.actions = vec![
            action("negative", "a.1", 1, 3, -10_000.0),
            action("infinite", "a.1", 1, 3, f64::INFINITY),
            action("nan", "a.1", 1, 3, f64::NAN),
            action("sane", "a.1", 1, 3, 1_000.0),
        ];
        let recs = recommend(&m, &audit(&[("a.1", Score::Level(0))]));
        assert!(recs.iter().all(|r| r.value.is_finite()));
        assert_eq!(recs[0].action, "sane");
    }

    #[test]
    fn inconnu_fires_and_na_does_not() {
        let m = methodology();
        let recs = recommend(&m, &audit(&[("a.1", Score::Na), ("b.1", Score::Inconnu)]));
        let ids: Vec<&str> = recs.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(ids, ["never", "other"]);
    }

    #[test]
    fn groups_under_the_weak_link_that_fired_them() {
        let m = methodology();
        let recs = recommend(
            &m,
            &audit(&[("a.1", Score::Level(0)), ("b.1", Score::Level(2))]),
        );
        let weak = [Link {
            step: 0,
            angle: 0,
            score: 0.0,
        }];
        let groups = group_by_weak_link(&m, &recs, &weak);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            groups[0]
                .1
                .iter()
                .map(|r| r.action.as_str())
                .collect::<Vec<_>>(),
            ["cheap", "dear"]
        );
        assert!(groups[1].0.is_none());
        assert_eq!(groups[1].1[0].action, "other");
    }
}
