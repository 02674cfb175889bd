//! Recommendations: the library's actions whose triggers fire on an audit, ranked.
//!
//! A trigger fires when its criterion is answered at or below `max_level`; `inconnu` counts as
//! level 0, `na` and missing answers never fire. Actions are ranked by expected benefit against
//! cost and staff time: impact ÷ (1 + mean one-off cost / 10 000 € + mean yearly cost / 5 000 €
//! + mean staff days / 20). Pure.

use serde::Serialize;

use crate::model::{Audit, Methodology, Score};

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
}

/// Returns the actions whose triggers fire on `audit`, best value first.
pub fn recommend(methodology: &Methodology, audit: &Audit) -> Vec<Recommendation> {
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
                        Score::Inconnu => 0,
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
            Some(Recommendation {
                action: action.id.clone(),
                because,
                value: f64::from(action.impact) / cost,
                planned: audit.plan.iter().any(|p| p.action == action.id),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then_with(|| a.action.cmp(&b.action))
    });
    out
}
