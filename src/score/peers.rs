//! Peers: "communes like yours" (same degree of urbanisation and population band, or same
//! intercommunale), compared by median and spread only. Nothing here ranks communes or names
//! one as better than another.

use std::collections::HashMap;

use crate::model::Model;
use crate::model::{Audit, AuditStatus, Commune, Methodology, Track};

use super::card::Scorecard;

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
    /// (group, methodology version, track) → per step, the sorted scores of the published
    /// entries: light audits are compared with light audits only.
    groups: HashMap<(GroupKey, &'a str, Track), Group>,
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

impl<'a> Latests<'a> {
    /// Indexes every commune's latest visible audit (in slug order), already scored.
    pub(super) fn new(model: &'a Model, list: Vec<Latest<'a>>) -> Self {
        let mut groups: HashMap<(GroupKey, &str, Track), Group> = HashMap::new();
        for l in list
            .iter()
            .filter(|l| l.audit.status == AuditStatus::Published)
        {
            let Some(m) = model.methodologies.get(&l.audit.methodology) else {
                continue;
            };
            for group in [PeerGroup::Typology, PeerGroup::Intercommunale] {
                let key = (
                    group_key(m, l.commune, group),
                    l.audit.methodology.as_str(),
                    l.audit.track,
                );
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

/// Compares an audit with its peers' latest audits under the same methodology version and on
/// the same track (full or light).
///
/// Returns `Err(n)` with the number of peers found when there are fewer than [`MIN_PEERS`].
pub(super) fn peers(
    model: &Model,
    latest: &Latests<'_>,
    commune: &Commune,
    audit: &Audit,
    group: PeerGroup,
) -> Result<Peers, usize> {
    let m = &model.methodologies[&audit.methodology];
    let key = (
        group_key(m, commune, group),
        audit.methodology.as_str(),
        audit.track,
    );
    let Some(g) = latest.groups.get(&key) else {
        return Err(0);
    };
    // The commune's own latest audit is in its group when published under this version.
    let own = latest
        .position
        .get(commune.slug.as_str())
        .map(|&i| &latest.list[i])
        .filter(|l| l.audit.status == AuditStatus::Published)
        .filter(|l| l.audit.methodology == audit.methodology && l.audit.track == audit.track);
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

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[10.0, 20.0, 60.0]), 20.0);
        assert_eq!(median(&[10.0, 20.0, 30.0, 60.0]), 25.0);
    }
}
