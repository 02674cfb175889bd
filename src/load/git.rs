//! The Git object database as the versions reader needs it: references resolved to commits,
//! a commit's `content/` read without a checkout, and the names of what went wrong.

use std::path::Path;

use super::fs::Files;
use crate::i18n::{f, t};

/// Why a `[versions]` reference gives no commit.
pub(super) enum Unresolved {
    /// Nothing of that name or hash in this clone.
    Missing,
    /// An object that is not a commit: the translation key of its kind.
    NotCommit(&'static str),
}

/// Resolves a tag, a branch or a (possibly abbreviated) commit hash to a commit present here.
pub(super) fn resolve(repo: &gix::Repository, spec: &str) -> Result<gix::ObjectId, Unresolved> {
    let id = match hex_object(repo, spec) {
        Some(id) => id,
        None => {
            let mut reference = repo
                .try_find_reference(spec)
                .ok()
                .flatten()
                .ok_or(Unresolved::Missing)?;
            reference
                .peel_to_id()
                .map_err(|_| Unresolved::Missing)?
                .detach()
        }
    };
    let object = repo.find_object(id).map_err(|_| Unresolved::Missing)?;
    let kind = object.kind;
    object
        .peel_to_commit()
        .map(|c| c.id)
        .map_err(|_| Unresolved::NotCommit(object_kind(kind)))
}

/// The object a (possibly abbreviated) hash names, when it is one.
fn hex_object(repo: &gix::Repository, spec: &str) -> Option<gix::ObjectId> {
    if !is_hex(spec) || spec.len() < 4 {
        return None;
    }
    let prefix = gix::hash::Prefix::from_hex(spec).ok()?;
    match repo.objects.lookup_prefix(prefix, None) {
        Ok(Some(Ok(id))) => Some(id),
        _ => None,
    }
}

/// The translation key naming a kind of Git object.
fn object_kind(kind: gix::object::Kind) -> &'static str {
    match kind {
        gix::object::Kind::Blob => "git.blob",
        gix::object::Kind::Tree => "git.tree",
        gix::object::Kind::Tag => "git.tag",
        gix::object::Kind::Commit => "git.commit",
    }
}

/// The French name of an I/O failure on the object database.
pub(super) fn io_kind(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => t("git.permission-denied").to_string(),
        std::io::ErrorKind::NotADirectory => t("git.not-a-folder").to_string(),
        std::io::ErrorKind::NotFound => t("git.missing").to_string(),
        _ => t("git.io-error").to_string(),
    }
}

/// Tells whether `root` or a folder above it holds a `.git` entry.
pub(super) fn has_git_folder(root: &Path) -> bool {
    let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    absolute.ancestors().any(|dir| dir.join(".git").exists())
}

/// Reads every file under `content_dir` of a commit as (repository-relative `content/…`, bytes).
pub(super) fn read_content(
    repo: &gix::Repository,
    commit: gix::ObjectId,
    content_dir: &str,
) -> Result<Files, String> {
    let missing = || f("diag.release-missing", &[&short(commit)]);
    let commit = repo.find_commit(commit).map_err(|_| missing())?;
    let tree = commit.tree().map_err(|_| missing())?;
    let entry = tree
        .lookup_entry_by_path(content_dir)
        .map_err(|_| missing())?
        .ok_or_else(|| f("diag.release-no-content", &[&short(commit.id)]))?;
    let content = entry
        .object()
        .map_err(|_| missing())?
        .peel_to_tree()
        .map_err(|_| missing())?;
    let records = content
        .traverse()
        .breadthfirst
        .files()
        .map_err(|_| missing())?;
    let mut files = Vec::new();
    for record in records {
        if !record.mode.is_blob() {
            continue;
        }
        let rel = record.filepath.to_string();
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let blob = repo.find_object(record.oid).map_err(|_| missing())?;
        files.push((format!("content/{rel}"), blob.data.clone()));
    }
    files.sort();
    Ok(files)
}

/// Tells whether `s` could be a (possibly abbreviated) commit hash.
pub(super) fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A commit hash shortened for messages.
pub(super) fn short(id: gix::ObjectId) -> String {
    id.to_hex_with_len(10).to_string()
}
