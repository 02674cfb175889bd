//! What became of an audit's criteria in newer methodology versions, through a chain of
//! changelogs.

use super::{Change, Changelog, Detail, Kind};

/// What became of one answered criterion in a newer version.
#[derive(Clone, Debug, PartialEq)]
pub struct Fate {
    /// The criterion id in the audit's version.
    pub id: String,
    /// Its id(s) in the newer version: none when removed, several when split.
    pub now: Vec<String>,
    /// What changed in it along the way.
    pub details: Vec<Detail>,
}

/// Follows criteria through consecutive changelogs (oldest first).
///
/// Returns the fate of each of `answered` that changed, and the newer version's criteria that
/// no criterion of the older version leads to (new questions to answer).
pub fn follow_criteria(
    chain: &[Changelog],
    old_ids: &[String],
    answered: &[String],
) -> (Vec<Fate>, Vec<String>) {
    let step = |id: &str, c: &Changelog, details: &mut Vec<Detail>| -> Vec<String> {
        for e in c.of_kind(Kind::Criterion) {
            match &e.change {
                Change::Renamed { from } if from == id => {
                    details.extend(e.details.iter().cloned());
                    return vec![e.id.clone()];
                }
                Change::Removed { into } if e.id == id => return into.clone(),
                Change::Changed if e.id == id => {
                    details.extend(e.details.iter().cloned());
                    return vec![id.to_string()];
                }
                _ => {}
            }
        }
        vec![id.to_string()]
    };
    let trace = |id: &str| -> (Vec<String>, Vec<Detail>) {
        let mut now = vec![id.to_string()];
        let mut details = Vec::new();
        for c in chain {
            now = now.iter().flat_map(|x| step(x, c, &mut details)).collect();
        }
        (now, details)
    };
    let fates = answered
        .iter()
        .filter_map(|id| {
            let (now, details) = trace(id);
            (now != [id.clone()] || !details.is_empty()).then(|| Fate {
                id: id.clone(),
                now,
                details,
            })
        })
        .collect();
    let reached: Vec<String> = old_ids.iter().flat_map(|id| trace(id).0).collect();
    let mut added: Vec<String> = Vec::new();
    for c in chain {
        // A criterion added earlier in the chain may be renamed or removed later.
        added = added
            .iter()
            .flat_map(|id| step(id, c, &mut Vec::new()))
            .collect();
        for e in c.of_kind(Kind::Criterion) {
            if matches!(e.change, Change::Added { .. })
                && !reached.contains(&e.id)
                && !added.contains(&e.id)
            {
                added.push(e.id.clone());
            }
        }
    }
    (fates, added)
}
