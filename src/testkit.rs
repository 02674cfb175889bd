//! Builders of small models for unit tests: one place that knows every field, so tests state
//! only what they are about.

use crate::model::*;

/// A step named after its id.
pub fn step(id: &str) -> Step {
    Step {
        id: id.into(),
        name: id.into(),
        short: id.into(),
        description: String::new(),
        frictions: vec![],
        replaces: None,
    }
}

/// An angle named after its id.
pub fn angle(id: &str) -> Angle {
    Angle {
        id: id.into(),
        name: id.into(),
        question: String::new(),
        description: String::new(),
    }
}

/// A criterion of `step` under `angle` with a weight.
pub fn criterion(id: &str, step: &str, angle: &str, weight: f64) -> Criterion {
    Criterion {
        id: id.into(),
        step: step.into(),
        angle: angle.into(),
        question: String::new(),
        levels: vec![String::new(); 5],
        weight,
        sources: vec![],
        guidance: String::new(),
        replaces: None,
        light: false,
    }
}

/// An action fired by one criterion at or below `max_level`, with a one-off cost.
pub fn action(id: &str, criterion: &str, max_level: u8, impact: u8, cost: f64) -> Action {
    Action {
        id: id.into(),
        name: id.into(),
        description: String::new(),
        triggers: vec![Trigger {
            criterion: criterion.into(),
            max_level,
        }],
        requires: vec![],
        scaling: Scaling::Band,
        steps: vec![],
        angles: vec![],
        cost_one_off: [cost, cost],
        cost_yearly: [0.0, 0.0],
        staff_days: [0.0, 0.0],
        lead_time_months: 1,
        impact,
        benefit: String::new(),
        gdpr: String::new(),
        replaces: None,
        light: false,
        kind: None,
        deliverables: vec![],
        award_criteria: vec![],
    }
}

/// A methodology `1.0` with these steps, angles and criteria (no sources, actions, typologies).
pub fn methodology(steps: &[&str], angles: &[&str], criteria: Vec<Criterion>) -> Methodology {
    let level = |l| Level {
        level: l,
        label: String::new(),
        description: String::new(),
    };
    Methodology {
        version: "1.0".into(),
        title: String::new(),
        steps: steps.iter().map(|s| step(s)).collect(),
        angles: angles.iter().map(|a| angle(a)).collect(),
        scale: Scale {
            levels: (0..5).map(level).collect(),
            na: level(-1),
            inconnu: level(-1),
        },
        criteria,
        sources: vec![],
        actions: vec![],
        degurba: vec![],
        population_bands: vec![],
        cost_bands: vec![],
        notes: vec![],
        outcomes: vec![],
    }
}

/// A published audit with these answers and nothing else.
pub fn audit(scores: &[(&str, Score)]) -> Audit {
    Audit {
        id: "2025-01".into(),
        path: String::new(),
        methodology: "1.0".into(),
        date: "2025-01-01".into(),
        status: AuditStatus::Published,
        auditors: vec![],
        summary: String::new(),
        answers: scores
            .iter()
            .map(|(id, s)| {
                let answer = Answer {
                    score: *s,
                    evidence: String::new(),
                    sources: vec![],
                };
                (id.to_string(), answer)
            })
            .collect(),
        inventory: vec![],
        plan: vec![],
        indicators: None,
        track: Track::Full,
        outcomes: vec![],
        economics: vec![],
        envelope: None,
    }
}

/// A plan item for `action`, done in the first half of 2025.
pub fn done(action: &str) -> PlanItem {
    PlanItem {
        action: action.into(),
        criteria: vec![],
        owner: String::new(),
        staff_days: 0.0,
        budget_one_off: 0.0,
        budget_yearly: 0.0,
        start: Quarter {
            year: 2025,
            quarter: 1,
        },
        end: Quarter {
            year: 2025,
            quarter: 2,
        },
        status: PlanStatus::Done,
        kpi: String::new(),
    }
}
