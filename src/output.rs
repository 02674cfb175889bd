//! Where the site may go: the output folder is checked before anything touches the disk.
//!
//! A build replaces its output folder as a whole, so the folder it names must be one that
//! parcours made and nothing else: never the repository, an ancestor of it, a source folder, a
//! path Git tracks, a file, a symbolic link, or a non-empty folder without parcours' [`MARKER`].
//! `output` in `parcours.toml` comes from the repository (a pull request can change it), so it
//! must also stay inside the repository; `--output` is typed by the person running the build
//! and may point anywhere that passes the other rules.

use std::path::{Component, Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};

/// The file parcours writes at the top of every output folder it makes; only a folder holding
/// it is ever replaced.
pub const MARKER: &str = ".parcours-site";

/// What the marker file says to someone who opens it.
pub const MARKER_TEXT: &str = "Ce dossier est produit par parcours : chaque construction le remplace en entier.\nThis folder is made by parcours: every build replaces it.\n";

/// The repository's own files and folders, which no output may be, contain or lie in.
const SOURCES: [&str; 6] = ["content", "communes", "themes", ".git", CONFIG_FILE, "i18n"];

/// Where the output folder was named.
#[derive(Clone, Copy, Debug)]
pub enum Origin<'a> {
    /// `output` in `parcours.toml`, whose text is given to locate the key.
    Config(&'a str),
    /// `--output` on the command line.
    CommandLine,
}

/// Checks where `out` (already joined to the root when configured) lies: never the repository,
/// an ancestor, a source or a tracked path; inside the repository when configured. Returns
/// every problem; an empty list means the place is acceptable. Reads nothing of the output.
pub fn check_output(root: &Path, out: &Path, configured: &str, origin: Origin) -> Vec<Diagnostic> {
    let place = |message: String, help: &str| vec![locate(origin, message, help)];
    let shown = out.display().to_string();
    if let Origin::Config(_) = origin {
        if !plain_relative(configured) {
            return place(
                f("output.outside", &[&configured]),
                t("help.output-outside"),
            );
        }
    }
    let Ok(root) = root.canonicalize() else {
        return Vec::new(); // loading already reported an unreadable root
    };
    let Some(abs) = resolve(out) else {
        return place(f("output.unresolved", &[&shown]), t("help.output"));
    };
    if root.starts_with(&abs) {
        return place(f("output.is-root", &[&shown]), t("help.output"));
    }
    for source in SOURCES {
        let src = root.join(source);
        if abs.starts_with(&src) || src.starts_with(&abs) {
            return place(f("output.source", &[&shown, &source]), t("help.output"));
        }
    }
    if let Ok(rel) = abs.strip_prefix(&root) {
        if tracked(&root, rel) {
            return place(f("output.tracked", &[&shown]), t("help.output"));
        }
    }
    Vec::new()
}

/// Checks what is at `out` before a build replaces it: nothing, an empty folder, or a folder
/// carrying the [`MARKER`]; never a file, a link, or a folder parcours did not make.
pub fn check_existing(out: &Path, origin: Origin) -> Vec<Diagnostic> {
    let place = |message: String, help: &str| vec![locate(origin, message, help)];
    let shown = out.display().to_string();
    match std::fs::symlink_metadata(out) {
        Err(_) => Vec::new(),
        Ok(meta) if meta.file_type().is_symlink() => {
            place(f("output.symlink", &[&shown]), t("help.output"))
        }
        Ok(meta) if !meta.is_dir() => place(f("output.file", &[&shown]), t("help.output")),
        Ok(_) => match replaceable(out) {
            Ok(true) => Vec::new(),
            Ok(false) => place(
                f("output.foreign", &[&shown, &MARKER]),
                &f("help.output-foreign", &[&shown]),
            ),
            Err(e) => place(
                f("output.unreadable", &[&shown, &crate::load::io_reason(&e)]),
                t("help.output"),
            ),
        },
    }
}

/// An output error at the place the output was named.
fn locate(origin: Origin, message: String, help: &str) -> Diagnostic {
    match origin {
        Origin::Config(text) => {
            let (line, column) = key_position(text, "output");
            Diagnostic::error(CONFIG_FILE, line, column, message).with_help(help)
        }
        Origin::CommandLine => Diagnostic::error("--output", 0, 0, message).with_help(help),
    }
}

/// Tells whether an existing folder may be replaced: it is empty or carries the marker.
pub fn replaceable(dir: &Path) -> std::io::Result<bool> {
    if std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(true);
    }
    Ok(std::fs::read_dir(dir)?.next().is_none())
}

/// Tells whether a configured output is a plain relative path: no root, no `..`, not empty.
fn plain_relative(configured: &str) -> bool {
    let path = Path::new(configured);
    !configured.trim().is_empty()
        && !configured.contains('\\')
        && path.components().count() > 0
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && path.components().any(|c| matches!(c, Component::Normal(_)))
}

/// The absolute form of `path`, with every symbolic link of its existing part resolved and
/// `.` and `..` of the part that does not exist yet applied.
fn resolve(path: &Path) -> Option<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut out = canonical;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return Some(out);
        }
        rest.push(existing.components().next_back()?);
        existing = existing.parent()?;
    }
}

/// Tells whether Git tracks `rel` (a file or a folder) in the commit checked out at `root`.
fn tracked(root: &Path, rel: &Path) -> bool {
    let Ok(repo) = gix::discover(root) else {
        return false;
    };
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return false;
    };
    let Ok(inner) = root.join(rel).strip_prefix(&workdir).map(Path::to_path_buf) else {
        return false;
    };
    let Ok(commit) = repo.head_commit() else {
        return false;
    };
    let Ok(tree) = commit.tree() else {
        return false;
    };
    let parts: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if parts.is_empty() {
        return true;
    }
    tree.lookup_entry_by_path(parts.join("/"))
        .ok()
        .flatten()
        .is_some()
}

/// The 1-based line and column of `key = …` at the top level of a TOML text, or (0, 0).
pub fn key_position(text: &str, key: &str) -> (u64, u64) {
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('[') {
            break;
        }
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                let column = line.len() - trimmed.len() + 1;
                return (i as u64 + 1, column as u64);
            }
        }
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_outputs_stay_inside_the_repository() {
        assert!(plain_relative("build"));
        assert!(plain_relative("./site/public"));
        for bad in [
            "",
            ".",
            "./",
            "..",
            "../x",
            "build/..",
            "/tmp/x",
            "a\\b",
            "a/../../b",
        ] {
            assert!(!plain_relative(bad), "{bad:?}");
        }
    }

    #[test]
    fn finds_the_output_key() {
        let text = "title = \"x\"\n  output = 'b'\n[versions]\noutput = 1\n";
        assert_eq!(key_position(text, "output"), (2, 3));
        assert_eq!(key_position("title = 1\n", "output"), (0, 0));
    }

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let tmp = std::env::temp_dir().canonicalize().unwrap();
        assert_eq!(
            resolve(&tmp.join("parcours-no-such/a/../b")).unwrap(),
            tmp.join("parcours-no-such/b")
        );
    }
}
