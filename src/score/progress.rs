//! Progress: what moved between two audits of one commune, on the criteria both methodology
//! versions share (a criterion with `replaces: old-id` is the same criterion).

use std::collections::BTreeMap;

use crate::model::{Audit, Methodology, PlanStatus};

use super::card::{score_audit, Scorecard};

/// What moved between two audits of one commune.
#[derive(Clone, Debug)]
pub struct Progress {
    /// Scores of the earlier audit, on the criteria both versions share.
    pub before: Scorecard,
    /// Scores of the later audit, on the same criteria.
    pub after: Scorecard,
    /// The later methodology, restricted to shared criteria (steps and angles unchanged).
    pub methodology: Methodology,
    /// Criteria of either version left out of the comparison.
    pub left_out: Vec<String>,
    /// Actions completed between the two audits.
    pub completed: Vec<String>,
}

/// Compares two audits; when their methodology versions differ, only shared criteria count
/// (a criterion with `replaces: old-id` in the later version is the same criterion).
pub(super) fn progress(
    before_m: &Methodology,
    before: &Audit,
    after_m: &Methodology,
    after: &Audit,
) -> Progress {
    // Map each later criterion to its id in the earlier version.
    let earlier_id = |c: &crate::model::Criterion| -> Option<String> {
        if before_m.criterion(&c.id).is_some() {
            Some(c.id.clone())
        } else {
            c.replaces
                .clone()
                .filter(|r| before_m.criterion(r).is_some())
        }
    };
    let mut shared = after_m.clone();
    shared.criteria.retain(|c| earlier_id(c).is_some());
    let mut left_out: Vec<String> = after_m
        .criteria
        .iter()
        .filter(|c| earlier_id(c).is_none())
        .map(|c| c.id.clone())
        .collect();
    let kept_earlier: Vec<String> = shared.criteria.iter().filter_map(earlier_id).collect();
    left_out.extend(
        before_m
            .criteria
            .iter()
            .filter(|c| !kept_earlier.contains(&c.id))
            .map(|c| c.id.clone()),
    );
    left_out.sort();
    left_out.dedup();
    // Re-key the earlier answers by the later ids.
    let mut remapped = before.clone();
    remapped.answers = shared
        .criteria
        .iter()
        .filter_map(|c| {
            let old = earlier_id(c)?;
            before.answers.get(&old).map(|a| (c.id.clone(), a.clone()))
        })
        .collect::<BTreeMap<_, _>>();
    let done_before: Vec<&str> = before
        .plan
        .iter()
        .filter(|p| p.status == PlanStatus::Done)
        .map(|p| p.action.as_str())
        .collect();
    let mut completed: Vec<String> = after
        .plan
        .iter()
        .filter(|p| p.status == PlanStatus::Done && !done_before.contains(&p.action.as_str()))
        .map(|p| p.action.clone())
        .collect();
    completed.sort();
    completed.dedup();
    Progress {
        before: score_audit(&shared, &remapped),
        after: score_audit(&shared, after),
        methodology: shared,
        left_out,
        completed,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Score;
    use crate::testkit::{audit, criterion, done, methodology as build};

    fn methodology(criteria: &[(&str, Option<&str>)]) -> Methodology {
        let criteria = criteria
            .iter()
            .map(|(id, replaces)| {
                let mut c = criterion(id, "a", "x", 1.0);
                c.replaces = replaces.map(str::to_string);
                c
            })
            .collect();
        build(&["a"], &["x"], criteria)
    }

    fn audit_done(scores: &[(&str, u8)], actions: &[&str]) -> crate::model::Audit {
        let scores: Vec<(&str, Score)> = scores
            .iter()
            .map(|(id, l)| (*id, Score::Level(*l)))
            .collect();
        let mut a = audit(&scores);
        a.plan = actions.iter().map(|x| done(x)).collect();
        a
    }

    #[test]
    fn progress_across_versions_compares_shared_criteria_only() {
        // 1.0 has a.old and a.gone; 1.1 renames a.old to a.new and adds a.added.
        let v1 = methodology(&[("a.old", None), ("a.gone", None)]);
        let v2 = methodology(&[("a.new", Some("a.old")), ("a.added", None)]);
        let before = audit_done(&[("a.old", 1), ("a.gone", 4)], &["x"]);
        let after = audit_done(&[("a.new", 3), ("a.added", 0)], &["x", "y"]);
        let p = progress(&v1, &before, &v2, &after);
        // Only a.old → a.new is compared: 25 then 75.
        assert_eq!(p.before.steps[0].score, Some(25.0));
        assert_eq!(p.after.steps[0].score, Some(75.0));
        assert_eq!(p.left_out, ["a.added", "a.gone"]);
        // `x` was already done at the first audit; `y` was completed in between.
        assert_eq!(p.completed, ["y"]);
    }
}
