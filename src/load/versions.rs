//! Stage 1, load (Git part): released methodology versions read from the repository's objects.
//!
//! A released version is a Git reference, found two ways: tags named `<tag_prefix><label>`
//! (default `methodologie-v1.1` → `1.1`) and `[versions]` entries of `parcours.toml` mapping a
//! label to a tag, a branch or a commit (full or abbreviated hash). Each version's `content/` is
//! read straight from the object database with `gix`: no checkout, the working tree is never
//! touched. The working tree's content stays the unreleased draft (decided in `check`).
//!
//! This module and `load` are the only readers of the repository. Problems are diagnostics:
//! an unresolvable reference says which `git` command fixes the clone; content of a tag that
//! does not validate is reported with the reference as a prefix (`methodologie-v1.1:content/…`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::git::{has_git_folder, io_kind, is_hex, read_content, resolve, short, Unresolved};
use super::{parse_edition, Edition, Files};
use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};

/// The command that completes a shallow clone, tags included.
pub const FETCH_UNSHALLOW: &str = "git fetch --unshallow --tags";
/// The command that brings the tags a clone lacks.
pub const FETCH_TAGS: &str = "git fetch --tags";

/// What the repository's history says about released versions.
#[derive(Debug, Default)]
pub struct Released {
    /// Released editions, oldest version first.
    pub editions: Vec<Edition>,
    /// Lines for the person running the build (where versions came from, or why there are none).
    pub notes: Vec<String>,
    /// The `git` command that completes this clone, when it lacks tags or history.
    pub fetch_hint: Option<String>,
    /// Released labels that `[versions]` has re-pointed since their release: errata, whose
    /// meaning `check` compares with the original release.
    pub repointed: Vec<Repointed>,
}

/// A released label whose `[versions]` entry now names another commit than when it was first
/// released (found in the history of `parcours.toml`).
#[derive(Debug)]
pub struct Repointed {
    /// The label, e.g. `1.2`.
    pub label: String,
    /// The commit it first named, shortened.
    pub original: String,
    /// The commit it names now, shortened.
    pub current: String,
    /// Line of the `[versions]` entry in `parcours.toml`.
    pub line: u64,
    /// The original release's content.
    pub edition: Edition,
}

/// The working tree's content, to compare with a release of the same label.
pub struct WorkingTree<'a> {
    /// The `version:` of the working tree's methodology, when it parsed.
    pub label: Option<&'a str>,
    /// The files under `content/`.
    pub files: &'a Files,
}

/// Where a released label came from.
struct Candidate {
    /// The reference as the user wrote it (tag name or `parcours.toml` value).
    reference: String,
    commit: gix::ObjectId,
    /// Line of the `parcours.toml` entry, when it came from there.
    config_line: Option<u64>,
}

/// Returns the methodology editions released in Git, oldest first.
///
/// Outside a Git repository there are none, and a note says the working tree is the only version.
pub fn load_released(
    root: &Path,
    config: &Config,
    config_text: &str,
    working: &WorkingTree<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Released> {
    let mut released = Released::default();
    let Some(repo) = open_repository(root, config, config_text, &mut released, diagnostics) else {
        return Ok(released);
    };
    let content_dir = content_path(root, repo.workdir());
    let shallow = repo.is_shallow().unwrap_or(false);
    let tags = tagged_versions(&repo, &config.tag_prefix, diagnostics);
    let tag_count = tags.len();
    let mut candidates: BTreeMap<String, Candidate> = tags.into_iter().collect();
    configured_versions(
        &repo,
        config,
        config_text,
        shallow,
        &mut candidates,
        diagnostics,
    );
    let mut labels: Vec<&String> = candidates.keys().collect();
    labels.sort_by(|a, b| crate::model::compare_versions(a, b));
    let mut found = Vec::new();
    for label in labels {
        let c = &candidates[label];
        let Some(edition) =
            read_release(&repo, label, c, &content_dir, shallow, working, diagnostics)
        else {
            continue;
        };
        let origin = match c.config_line {
            Some(_) => f("versions.from-config", &[&short(c.commit)]),
            None => f("versions.from-tag", &[&c.reference]),
        };
        found.push(format!("{label} ({origin})"));
        released.editions.push(edition);
    }
    let config_path = tree_path(root, repo.workdir(), CONFIG_FILE);
    let first = super::history::first_releases(&repo, &config_path);
    for edition in &released.editions {
        let Some(label) = edition.label.as_deref() else {
            continue;
        };
        let (Some(c), Some(original)) = (candidates.get(label), first.get(label)) else {
            continue;
        };
        if c.config_line.is_none() || *original == c.commit {
            continue;
        }
        if let Ok(files) = read_content(&repo, *original, &content_dir) {
            let mut ignored = Vec::new();
            let reference = format!("{}:", short(*original));
            released.repointed.push(Repointed {
                label: label.to_string(),
                original: short(*original),
                current: short(c.commit),
                line: c.config_line.unwrap_or(0),
                edition: parse_edition(Some(reference), Some(label.into()), &files, &mut ignored),
            });
        }
    }
    if found.is_empty() && (tag_count > 0 || !config.versions.is_empty()) {
        released.notes.push(t("versions.none-read").to_string());
    } else if found.is_empty() {
        released
            .notes
            .push(f("versions.none", &[&config.tag_prefix]));
    } else {
        released
            .notes
            .push(f("versions.found", &[&found.join(", ")]));
    }
    released.fetch_hint = if shallow {
        Some(FETCH_UNSHALLOW.to_string())
    } else if tag_count == 0 {
        Some(FETCH_TAGS.to_string())
    } else {
        None
    };
    Ok(released)
}

/// Reads `content/` of any Git revision of the repository around `root`: a branch (`main`,
/// `origin/main`), a tag, `HEAD` or a (possibly abbreviated) commit hash. Returns the commit's
/// short hash and the files, or the French reason it cannot.
pub fn read_revision(root: &Path, spec: &str) -> std::result::Result<(String, Files), String> {
    let repo = gix::discover(root).map_err(|_| t("review.no-git").to_string())?;
    let commit = match resolve(&repo, spec) {
        Ok(commit) => commit,
        Err(Unresolved::NotCommit(kind)) => {
            return Err(f("review.rev-not-commit", &[&spec, &t(kind)]))
        }
        Err(Unresolved::Missing) => return Err(f("review.unknown-rev", &[&spec])),
    };
    let content_dir = content_path(root, repo.workdir());
    let files = read_content(&repo, commit, &content_dir)?;
    Ok((short(commit), files))
}

/// Adds the `[versions]` entries of `parcours.toml` to the tagged `candidates`, reporting
/// labels that are not versions, references that give no commit, and conflicts with a tag.
fn configured_versions(
    repo: &gix::Repository,
    config: &Config,
    config_text: &str,
    shallow: bool,
    candidates: &mut BTreeMap<String, Candidate>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (label, spec) in &config.versions {
        let line = entry_line(config_text, label);
        if !crate::model::is_version(label) {
            diagnostics.push(
                Diagnostic::error(CONFIG_FILE, line, 0, f("diag.bad-version", &[label]))
                    .with_help(t("help.version")),
            );
            continue;
        }
        let commit = match resolve(repo, spec) {
            Ok(commit) => commit,
            Err(why) => {
                diagnostics.push(unresolved(why, spec, label, line, shallow));
                continue;
            }
        };
        if let Some(tagged) = candidates.get(label) {
            if tagged.commit != commit {
                diagnostics.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        line,
                        0,
                        f("diag.version-conflict", &[label, &tagged.reference]),
                    )
                    .with_help(t("help.version-conflict")),
                );
                continue;
            }
        }
        let reference = spec.clone();
        candidates.insert(
            label.clone(),
            Candidate {
                reference,
                commit,
                config_line: Some(line),
            },
        );
    }
}

/// Reads and parses the content of one released version; `None` (reported) when its content
/// cannot be read. Warns when the working tree edits a release of the same label.
fn read_release(
    repo: &gix::Repository,
    label: &str,
    c: &Candidate,
    content_dir: &str,
    shallow: bool,
    working: &WorkingTree<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Edition> {
    let files = match read_content(repo, c.commit, content_dir) {
        Ok(files) => files,
        Err(message) => {
            let help = if shallow {
                t("help.fetch-unshallow")
            } else {
                t("help.release-content")
            };
            diagnostics.push(
                Diagnostic::error(format!("{}:content", c.reference), 0, 0, message)
                    .with_help(help),
            );
            return None;
        }
    };
    // A release cannot be edited any more: only its errors are worth printing.
    let mut local = Vec::new();
    let mut edition = parse_edition(
        Some(c.reference.clone()),
        Some(label.to_string()),
        &files,
        &mut local,
    );
    edition.edited = working.label == Some(label) && working.files != &files;
    diagnostics.extend(local.into_iter().filter(Diagnostic::is_error));
    Some(edition)
}

/// Opens the repository around `root`; when there is none, or it cannot be read, says so once
/// (a note, and the errors worth fixing) and returns `None`.
fn open_repository(
    root: &Path,
    config: &Config,
    config_text: &str,
    released: &mut Released,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<gix::Repository> {
    let repo = match gix::discover(root) {
        Ok(repo) => repo,
        Err(_) if has_git_folder(root) => {
            // A `.git` is there but cannot be opened: say so once, not "not a repository".
            released
                .notes
                .push(t("versions.git-unreadable").to_string());
            diagnostics.push(
                Diagnostic::error(".git", 0, 0, t("diag.git-unreadable"))
                    .with_help(t("help.git-unreadable")),
            );
            return None;
        }
        Err(_) => {
            released.notes.push(t("versions.no-git").to_string());
            for label in config.versions.keys() {
                diagnostics.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        entry_line(config_text, label),
                        0,
                        f("diag.versions-no-git", &[label]),
                    )
                    .with_help(t("help.versions-no-git")),
                );
            }
            return None;
        }
    };
    if let Err(e) = std::fs::read_dir(repo.objects.store_ref().path()) {
        // Opened, but its objects cannot be listed (permissions): nothing can be resolved.
        released
            .notes
            .push(t("versions.git-unreadable").to_string());
        diagnostics.push(
            Diagnostic::error(
                ".git/objects",
                0,
                0,
                f("diag.git-objects-unreadable", &[&io_kind(&e)]),
            )
            .with_help(t("help.git-unreadable")),
        );
        return None;
    }
    Some(repo)
}

/// Finds tags `<prefix><label>` and the commit each one points at.
fn tagged_versions(
    repo: &gix::Repository,
    prefix: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Candidate)> {
    let mut out = Vec::new();
    let Ok(platform) = repo.references() else {
        return out;
    };
    let Ok(tags) = platform.tags() else {
        return out;
    };
    for mut tag in tags.flatten() {
        let name = tag.name().shorten().to_string();
        let Some(label) = name.strip_prefix(prefix) else {
            continue;
        };
        if !crate::model::is_version(label) {
            diagnostics.push(
                Diagnostic::warning(
                    name.clone(),
                    0,
                    0,
                    f("diag.tag-not-version", &[&name, &label]),
                )
                .with_help(t("help.version")),
            );
            continue;
        }
        match tag.peel_to_commit() {
            Ok(commit) => out.push((
                label.to_string(),
                Candidate {
                    reference: name,
                    commit: commit.id,
                    config_line: None,
                },
            )),
            Err(_) => diagnostics.push(
                Diagnostic::error(name.clone(), 0, 0, f("diag.tag-no-commit", &[&name]))
                    .with_help(t("help.fetch-unshallow")),
            ),
        }
    }
    out
}

/// The diagnostic for a `[versions]` entry whose reference gives no commit.
fn unresolved(why: Unresolved, spec: &str, label: &str, line: u64, shallow: bool) -> Diagnostic {
    if let Unresolved::NotCommit(kind) = why {
        return Diagnostic::error(
            CONFIG_FILE,
            line,
            0,
            f("diag.reference-not-commit", &[&spec, &label, &t(kind)]),
        )
        .with_help(t("help.reference-not-commit"));
    }
    let help = if shallow {
        t("help.fetch-unshallow")
    } else if is_hex(spec) {
        t("help.fetch-commit")
    } else {
        t("help.fetch-tags")
    };
    Diagnostic::error(
        CONFIG_FILE,
        line,
        0,
        f("diag.unknown-reference", &[&spec, &label]),
    )
    .with_help(help)
}

/// The path of the parcours root's `content/` inside the Git work tree.
fn content_path(root: &Path, workdir: Option<&Path>) -> String {
    tree_path(root, workdir, "content")
}

/// The path of `name` at the parcours root inside the Git work tree.
pub(super) fn tree_path(root: &Path, workdir: Option<&Path>, name: &str) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let inner: PathBuf = match workdir {
        Some(w) => canonical(root)
            .strip_prefix(canonical(w))
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        None => PathBuf::new(),
    };
    let mut parts: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    parts.push(name.into());
    parts.join("/")
}

/// Returns the 1-based line of `label = …` in the `[versions]` table (however it is written:
/// a table, dotted keys or an inline table), or 0 when not found.
fn entry_line(text: &str, label: &str) -> u64 {
    /// Only the `[versions]` table, each value with its place (other keys are ignored).
    #[derive(serde::Deserialize)]
    struct Versions {
        #[serde(default)]
        versions: BTreeMap<String, toml::Spanned<toml::Value>>,
    }
    toml::from_str::<Versions>(text)
        .ok()
        .and_then(|v| v.versions.get(label).map(toml::Spanned::span))
        .map_or(0, |span| crate::config::line_column(text, span.start).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_a_version_entry() {
        let text = "title = \"x\"\n\n[versions]\n\"1.0\" = \"abc\"\n'1.1' = \"def\"\n";
        assert_eq!(entry_line(text, "1.0"), 4);
        assert_eq!(entry_line(text, "1.1"), 5);
        assert_eq!(entry_line("versions.\"2.0\" = \"x\"\n", "2.0"), 1);
        assert_eq!(entry_line(text, "3.0"), 0);
    }

    #[test]
    fn content_path_follows_the_root_inside_the_work_tree() {
        let dir = std::env::temp_dir();
        assert_eq!(content_path(&dir, Some(&dir)), "content");
        assert_eq!(content_path(&dir, None), "content");
    }
}
