//! Comparisons across audits: peers, progress between two audits, territory summaries.
//!
//! Pure functions over the checked model and scorecards. Peers are "communes like yours" (same
//! degree of urbanisation and population band, or same intercommunale), compared by median and
//! spread only: nothing here ranks communes or names one as better than another.

use std::collections::{BTreeMap, HashMap};

use crate::model::Model;
use crate::model::{Audit, AuditStatus, Commune, Methodology, PlanStatus, Score};
use crate::score::{score_audit, Scorecard};

/// The fewest peers a comparison needs before it is shown.
pub const MIN_PEERS: usize = 3;

/// A commune's audit that counts for comparisons: its latest visible one.
#[derive(Clone, Debug)]
pub struct Latest<'a> {
    /// The commune.
    pub commune: &'a Commune,
    /// Its latest visible audit.
    pub audit: &'a Audit,
    /// The audit's scores.
    pub card: Scorecard,
}

/// Every commune's latest visible audit, in slug order, indexed for peer comparisons.
///
/// Derefs to the list. The index makes [`peers`] cost a lookup and a few binary searches per
/// report instead of a pass over every commune, so a site's peers cost O(n log n), not O(n²).
#[derive(Debug)]
pub struct Latests<'a> {
    list: Vec<Latest<'a>>,
    /// Position of each commune's entry in `list`.
    position: HashMap<&'a str, usize>,
    /// (group, methodology version) → per step, the sorted scores of the published entries.
    groups: HashMap<(GroupKey, &'a str), Group>,
}

/// A peer group: same degree of urbanisation and population band, or same intercommunale.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GroupKey {
    Typology(String, Option<String>),
    Intercommunale(String),
}

#[derive(Debug, Default)]
struct Group {
    members: usize,
    steps: Vec<Vec<f64>>,
}

fn group_key(m: &Methodology, c: &Commune, group: PeerGroup) -> GroupKey {
    match group {
        PeerGroup::Typology => GroupKey::Typology(
            c.degurba.clone(),
            m.band_for(c.population).map(|b| b.id.clone()),
        ),
        PeerGroup::Intercommunale => GroupKey::Intercommunale(c.intercommunale.clone()),
    }
}

impl<'a> std::ops::Deref for Latests<'a> {
    type Target = [Latest<'a>];
    fn deref(&self) -> &[Latest<'a>] {
        &self.list
    }
}

/// Returns every commune's latest visible audit with its scores, in slug order.
pub fn latest_audits(model: &Model, drafts: bool) -> Latests<'_> {
    let list: Vec<Latest> = model
        .communes
        .iter()
        .filter_map(|c| {
            let audit = c.visible_audits(drafts).last()?;
            let m = model.methodologies.get(&audit.methodology)?;
            Some(Latest {
                commune: c,
                audit,
                card: score_audit(m, audit),
            })
        })
        .collect();
    let mut groups: HashMap<(GroupKey, &str), Group> = HashMap::new();
    for l in list
        .iter()
        .filter(|l| l.audit.status == AuditStatus::Published)
    {
        let m = &model.methodologies[&l.audit.methodology];
        for group in [PeerGroup::Typology, PeerGroup::Intercommunale] {
            let key = (group_key(m, l.commune, group), l.audit.methodology.as_str());
            let g = groups.entry(key).or_default();
            g.members += 1;
            g.steps.resize_with(l.card.steps.len(), Vec::new);
            for (values, step) in g.steps.iter_mut().zip(&l.card.steps) {
                values.extend(step.score);
            }
        }
    }
    for g in groups.values_mut() {
        for values in &mut g.steps {
            values.sort_by(f64::total_cmp);
        }
    }
    let position = list
        .iter()
        .enumerate()
        .map(|(i, l)| (l.commune.slug.as_str(), i))
        .collect();
    Latests {
        list,
        position,
        groups,
    }
}

/// Which communes count as peers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeerGroup {
    /// Same degree of urbanisation and same population band.
    Typology,
    /// Same intercommunale.
    Intercommunale,
}

/// Peer statistics per step: median and spread of the peers' scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Peers {
    /// How many peers (the commune itself excluded).
    pub count: usize,
    /// Per step of the audit's methodology: (median, min, max), none when no peer has a score.
    pub steps: Vec<Option<(f64, f64, f64)>>,
}

/// Compares an audit with its peers' latest audits under the same methodology version.
///
/// Returns `Err(n)` with the number of peers found when there are fewer than [`MIN_PEERS`].
pub fn peers(
    model: &Model,
    latest: &Latests<'_>,
    commune: &Commune,
    audit: &Audit,
    group: PeerGroup,
) -> Result<Peers, usize> {
    let m = &model.methodologies[&audit.methodology];
    let key = (group_key(m, commune, group), audit.methodology.as_str());
    let Some(g) = latest.groups.get(&key) else {
        return Err(0);
    };
    // The commune's own latest audit is in its group when published under this version.
    let own = latest
        .position
        .get(commune.slug.as_str())
        .map(|&i| &latest.list[i])
        .filter(|l| l.audit.status == AuditStatus::Published)
        .filter(|l| l.audit.methodology == audit.methodology);
    let count = g.members - usize::from(own.is_some());
    if count < MIN_PEERS {
        return Err(count);
    }
    let steps = (0..m.steps.len())
        .map(|i| {
            let values = g.steps.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let skip = own
                .and_then(|l| l.card.steps[i].score)
                .map(|x| values.partition_point(|v| v.total_cmp(&x).is_lt()));
            let n = values.len().saturating_sub(usize::from(skip.is_some()));
            let at = |k: usize| match skip {
                Some(r) if k >= r => values[k + 1],
                _ => values[k],
            };
            if n == 0 {
                return None;
            }
            let median = if n % 2 == 1 {
                at(n / 2)
            } else {
                (at(n / 2 - 1) + at(n / 2)) / 2.0
            };
            Some((median, at(0), at(n - 1)))
        })
        .collect();
    Ok(Peers { count, steps })
}

/// Returns the median of sorted values (mean of the two middle ones for an even count).
pub fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

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
pub fn progress(
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

/// Mean score per step id across audits (each audit scored against its own version).
pub fn mean_by_step(latest: &[Latest<'_>], model: &Model) -> BTreeMap<String, (f64, usize)> {
    mean_by(latest, model, |m, card| {
        m.steps
            .iter()
            .zip(&card.steps)
            .map(|(s, p)| (s.id.clone(), p.score))
            .collect()
    })
}

/// Mean score per angle id across audits.
pub fn mean_by_angle(latest: &[Latest<'_>], model: &Model) -> BTreeMap<String, (f64, usize)> {
    mean_by(latest, model, |m, card| {
        m.angles
            .iter()
            .zip(&card.angles)
            .map(|(a, p)| (a.id.clone(), p.score))
            .collect()
    })
}

fn mean_by(
    latest: &[Latest<'_>],
    model: &Model,
    parts: impl Fn(&Methodology, &Scorecard) -> Vec<(String, Option<f64>)>,
) -> BTreeMap<String, (f64, usize)> {
    let mut sums: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for l in latest {
        let m = &model.methodologies[&l.audit.methodology];
        for (id, score) in parts(m, &l.card) {
            if let Some(s) = score {
                let e = sums.entry(id).or_insert((0.0, 0));
                e.0 += s;
                e.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(k, (sum, n))| (k, (sum / n as f64, n)))
        .collect()
}

/// How many plans hold each action (dropped ones excepted), most frequent first.
pub fn planned_actions(latest: &[Latest<'_>]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for l in latest {
        let mut seen: Vec<&str> = Vec::new();
        for p in &l.audit.plan {
            if p.status != PlanStatus::Dropped && !seen.contains(&p.action.as_str()) {
                seen.push(&p.action);
                *counts.entry(p.action.clone()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// For each data-source type of `m`, how many audits lack it (absent or inaccessible).
pub fn missing_sources(latest: &[Latest<'_>], m: &Methodology) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = m
        .sources
        .iter()
        .map(|s| {
            let missing = latest
                .iter()
                .filter(|l| {
                    !l.audit
                        .inventory
                        .iter()
                        .any(|i| i.kind == s.id && i.access != crate::model::Access::None)
                })
                .count();
            (s.id.clone(), missing)
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Tells whether an answer is known (a level or `na`).
pub fn is_known(score: Score) -> bool {
    !matches!(score, Score::Inconnu)
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

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[10.0, 20.0, 60.0]), 20.0);
        assert_eq!(median(&[10.0, 20.0, 30.0, 60.0]), 25.0);
    }
}
