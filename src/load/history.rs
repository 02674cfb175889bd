//! The history of `parcours.toml`: which commit each released label first named, so that a
//! label re-pointed since (an erratum) can be compared with its first release.

use std::collections::BTreeMap;

use super::git::resolve;

/// How many commits of the first-parent history are searched for a label's first release.
const HISTORY_LIMIT: usize = 10_000;

/// The commit each `[versions]` label named when it first appeared, from the first-parent
/// history of `parcours.toml` (`config_path` inside the tree), newest commit first.
pub(super) fn first_releases(
    repo: &gix::Repository,
    config_path: &str,
) -> BTreeMap<String, gix::ObjectId> {
    let mut first = BTreeMap::new();
    let Ok(mut commit) = repo.head_commit() else {
        return first;
    };
    let mut last_blob = None;
    for _ in 0..HISTORY_LIMIT {
        let blob = commit
            .tree()
            .ok()
            .and_then(|tree| tree.lookup_entry_by_path(config_path).ok().flatten())
            .map(|entry| entry.object_id());
        if blob.is_some() && blob != last_blob {
            last_blob = blob;
            let text = blob
                .and_then(|id| repo.find_object(id).ok())
                .map(|o| String::from_utf8_lossy(&o.data).into_owned());
            for (label, spec) in text.as_deref().map(versions_table).unwrap_or_default() {
                if let Ok(id) = resolve(repo, &spec) {
                    first.insert(label, id);
                }
            }
        }
        let Some(parent) = commit.parent_ids().next() else {
            break;
        };
        match parent.object().ok().and_then(|o| o.try_into_commit().ok()) {
            Some(parent) => commit = parent,
            None => break,
        }
    }
    first
}

/// The `[versions]` table of a `parcours.toml` text, as label → reference.
fn versions_table(text: &str) -> BTreeMap<String, String> {
    #[derive(serde::Deserialize)]
    struct Versions {
        #[serde(default)]
        versions: BTreeMap<String, String>,
    }
    toml::from_str::<Versions>(text)
        .map(|v| v.versions)
        .unwrap_or_default()
}
