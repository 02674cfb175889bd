//! The repository's files as the load stage sees them: only what lies inside the repository.
//!
//! Every read goes through here. A symbolic link is followed only when its target is inside
//! the repository; one that leads outside (to `$HOME`, `/etc`, a device) is a located error and
//! is never read. I/O failures (permissions, a folder where a file belongs, a FIFO) become
//! diagnostics with the path and a hint, collected like content problems, so one unreadable
//! file never hides the others.

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};

/// Files of one content tree, keyed by repository-relative path.
pub type Files = Vec<(String, Vec<u8>)>;

/// Extensions of the files parcours reads: a folder named like one is a mistake.
const READ_EXTENSIONS: [&str; 4] = [".yaml", ".yml", ".md", ".toml"];

/// The repository root, once canonicalised, to test where links lead.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The root as given (paths are joined to it).
    pub root: PathBuf,
    /// The root with every link resolved; `None` when it cannot be resolved.
    canonical: Option<PathBuf>,
}

impl Repo {
    /// Opens the repository at `root`.
    pub fn new(root: &Path) -> Repo {
        Repo {
            root: root.to_path_buf(),
            canonical: root.canonicalize().ok(),
        }
    }

    /// Tells whether `path` (a link or anything under the root) resolves inside the repository.
    pub fn inside(&self, path: &Path) -> bool {
        match (&self.canonical, path.canonicalize()) {
            (Some(root), Ok(target)) => target.starts_with(root),
            _ => false,
        }
    }

    /// Checks the folder `rel` before it is listed: `Ok(false)` when it does not exist, an
    /// error when it is a link leading outside, a file, or unreadable.
    pub fn check_dir(&self, rel: &str) -> Result<bool, Diagnostic> {
        let path = self.root.join(rel);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(io_diagnostic(rel, &e)),
        };
        if meta.file_type().is_symlink() && !self.inside(&path) {
            return Err(outside(rel));
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => Ok(true),
            Ok(_) => {
                Err(Diagnostic::error(rel, 0, 0, t("diag.not-a-dir"))
                    .with_help(t("help.not-a-dir")))
            }
            Err(e) => Err(io_diagnostic(rel, &e)),
        }
    }

    /// Reads one file at `rel`; `Ok(None)` when it does not exist.
    pub fn read_file(&self, rel: &str) -> Result<Option<Vec<u8>>, Diagnostic> {
        let path = self.root.join(rel);
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_diagnostic(rel, &e)),
        };
        if meta.file_type().is_symlink() && !self.inside(&path) {
            return Err(outside(rel));
        }
        let meta = std::fs::metadata(&path).map_err(|e| io_diagnostic(rel, &e))?;
        if meta.is_dir() {
            return Err(
                Diagnostic::error(rel, 0, 0, t("diag.is-a-dir")).with_help(t("help.is-a-dir"))
            );
        }
        if !meta.is_file() {
            return Err(
                Diagnostic::error(rel, 0, 0, t("diag.not-a-file")).with_help(t("help.not-a-file"))
            );
        }
        std::fs::read(&path)
            .map(Some)
            .map_err(|e| io_diagnostic(rel, &e))
    }

    /// Reads every file under `sub`, sorted, as (repository path, bytes). Hidden files and
    /// folders are skipped; links are followed only inside the repository.
    pub fn read_tree(&self, sub: &str, diagnostics: &mut Vec<Diagnostic>) -> Files {
        let mut files = Vec::new();
        match self.check_dir(sub) {
            Ok(true) => {}
            Ok(false) => return files,
            Err(d) => {
                diagnostics.push(d);
                return files;
            }
        }
        let rel_of = |p: &Path| self.relative(p);
        let mut refused = Vec::new();
        let walk = WalkDir::new(self.root.join(sub))
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                    return false;
                }
                if e.depth() > 0 && e.path_is_symlink() && !self.inside(e.path()) {
                    refused.push(outside(&rel_of(e.path())));
                    return false;
                }
                true
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    diagnostics.push(walk_diagnostic(&e, &rel_of));
                    continue;
                }
            };
            let rel = rel_of(entry.path());
            let file_type = entry.file_type();
            if file_type.is_dir() {
                let name = entry.file_name().to_string_lossy();
                if entry.depth() > 0 && READ_EXTENSIONS.iter().any(|x| name.ends_with(x)) {
                    diagnostics.push(
                        Diagnostic::error(rel, 0, 0, t("diag.is-a-dir"))
                            .with_help(t("help.is-a-dir")),
                    );
                }
                continue;
            }
            if !file_type.is_file() {
                diagnostics.push(
                    Diagnostic::warning(rel, 0, 0, t("diag.not-a-file"))
                        .with_help(t("help.not-a-file")),
                );
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => files.push((rel, bytes)),
                Err(e) => diagnostics.push(io_diagnostic(&rel, &e)),
            }
        }
        diagnostics.extend(refused);
        files
    }

    /// The repository-relative form of `path`, with `/` separators.
    pub fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A link that leads outside the repository.
fn outside(rel: &str) -> Diagnostic {
    Diagnostic::error(rel, 0, 0, t("diag.link-outside")).with_help(t("help.link-outside"))
}

/// An I/O failure on `rel`, with its reason in French and a hint.
pub fn io_diagnostic(rel: &str, e: &io::Error) -> Diagnostic {
    let help = match e.kind() {
        io::ErrorKind::PermissionDenied => t("help.io-permission"),
        _ => t("help.io"),
    };
    Diagnostic::error(rel, 0, 0, f("diag.io", &[&io_reason(e)])).with_help(help)
}

/// A failure while listing a folder: a loop of links, or an unreadable folder.
fn walk_diagnostic(e: &walkdir::Error, rel_of: &dyn Fn(&Path) -> String) -> Diagnostic {
    let rel = e.path().map(rel_of).unwrap_or_default();
    if e.loop_ancestor().is_some() {
        return Diagnostic::warning(rel, 0, 0, t("diag.link-loop")).with_help(t("help.link-loop"));
    }
    match e.io_error() {
        Some(io) => io_diagnostic(&rel, io),
        None => Diagnostic::error(rel, 0, 0, f("diag.io", &[&e])).with_help(t("help.io")),
    }
}

/// Why an I/O operation failed, in French.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => t("io.permission").to_string(),
        io::ErrorKind::NotFound => t("io.not-found").to_string(),
        io::ErrorKind::IsADirectory => t("io.is-a-dir").to_string(),
        io::ErrorKind::NotADirectory => t("io.not-a-dir").to_string(),
        io::ErrorKind::ResourceBusy => t("io.busy").to_string(),
        io::ErrorKind::ReadOnlyFilesystem => t("io.read-only").to_string(),
        io::ErrorKind::StorageFull => t("io.full").to_string(),
        io::ErrorKind::InvalidFilename => t("io.bad-name").to_string(),
        _ => f("io.other", &[&e]),
    }
}
/// Decodes UTF-8, pointing at the first invalid byte otherwise.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string()),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = crate::config::line_column(valid, valid.len());
            Err(Diagnostic::error(path, line, column, t("diag.not-utf8"))
                .with_help(t("help.not-utf8")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_points_at_the_byte() {
        let d = decode("a.yaml", b"ab\ncd\xff").unwrap_err();
        assert_eq!((d.line, d.column), (2, 3));
    }
}
