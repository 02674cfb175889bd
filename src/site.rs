//! Stage 5, write: the output, written into a staging folder and swapped in at once.
//!
//! The site is built into a sibling folder of the output that belongs to this process alone
//! ([`Staging`]) and swapped in only when every file is written, so a failed build leaves the
//! previous output untouched. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: there is
//! no moment without a site. Elsewhere (or on a file system without it) two renames are used,
//! undone if the second fails. An advisory lock beside the output makes a second build of the
//! same output wait for the first. Only this process's staging folder is ever deleted, and the
//! output is replaced only when [`crate::output::check_output`] admits it. Files may be added
//! from several threads, so a large site can be written while it is rendered.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{bail, Context, Result};

use crate::i18n::f;
use crate::output::{MARKER, MARKER_TEXT};

pub use crate::render::Site;

/// Writes `site` to `out`, replacing its previous content only once everything is written.
/// Returns notes for the person running the build (e.g. an old site that could not be removed).
#[cfg(test)]
fn write_site(site: &Site, out: &Path) -> Result<Vec<String>> {
    let staging = Staging::create(out)?;
    staging.write_all(site)?;
    staging.commit()
}

/// A sibling folder of the output that receives the files, then replaces the output.
///
/// Dropping it without [`Staging::commit`] removes it and leaves the output untouched.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Held until the staging folder is gone: a second build of the same output waits.
    _lock: File,
}

impl Staging {
    /// Takes the output's lock (waiting for another build), then creates this process's own
    /// empty staging folder beside `out`.
    pub fn create(out: &Path) -> Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "build".into());
        std::fs::create_dir_all(parent).with_context(|| f("write.create", &[&parent.display()]))?;
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| f("write.create", &[&lock_path.display()]))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!("{}", f("write.waiting", &[&out.display()]));
                lock.lock()
                    .with_context(|| f("write.lock", &[&lock_path.display()]))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| f("write.lock", &[&lock_path.display()]))
            }
        }
        if out.exists() && !crate::output::replaceable(out).unwrap_or(false) {
            bail!(f("output.foreign", &[&out.display(), &MARKER]));
        }
        static BUILDS: AtomicUsize = AtomicUsize::new(0);
        let n = BUILDS.fetch_add(1, Ordering::Relaxed);
        let dir = parent.join(format!(".{name}.staging-{}-{n}", std::process::id()));
        // `create_dir`, not `create_dir_all`: fails if anything (a link, a folder) is there.
        std::fs::create_dir(&dir).with_context(|| f("write.create", &[&dir.display()]))?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            committed: false,
            _lock: lock,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Writes one file at `rel` (relative, with `/`), creating its folders. Safe from any
    /// thread. A path that is not made of plain components is refused.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if !crate::names::safe_relative(rel) {
            bail!(f("write.unsafe-path", &[&rel]));
        }
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| f("write.create", &[&dir.display()]))?;
        }
        std::fs::write(&path, bytes).with_context(|| f("write.file", &[&path.display()]))
    }

    /// Gives the file at `from`, already written, a second name `to` (relative, with `/`): a
    /// hard link, or a copy where the file system has none. Safe from any thread.
    pub fn link(&self, from: &str, to: &str) -> Result<()> {
        if !crate::names::safe_relative(from) || !crate::names::safe_relative(to) {
            bail!(f("write.unsafe-path", &[&to]));
        }
        let (source, path) = (self.dir.join(from), self.dir.join(to));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| f("write.create", &[&dir.display()]))?;
        }
        if std::fs::hard_link(&source, &path).is_ok() {
            return Ok(());
        }
        std::fs::copy(&source, &path)
            .map(drop)
            .with_context(|| f("write.file", &[&path.display()]))
    }

    /// Writes every file of `site`.
    pub fn write_all(&self, site: &Site) -> Result<()> {
        site.iter()
            .try_for_each(|(rel, bytes)| self.write(rel, bytes))
    }

    /// Replaces the output with the staging folder, then removes the previous site.
    ///
    /// An error means the output was not replaced and is as it was. Returns notes: a previous
    /// site that could not be removed is left (and named), not an error.
    pub fn commit(mut self) -> Result<Vec<String>> {
        let mut notes = Vec::new();
        let previous = if std::fs::symlink_metadata(&self.out).is_ok() {
            swap(&self.dir, &self.out)?;
            // After the swap the staging path holds the previous site.
            Some(self.dir.clone())
        } else {
            rename_new(&self.dir, &self.out)?;
            None
        };
        self.committed = true;
        if let Some(old) = previous {
            if let Err(e) = std::fs::remove_dir_all(&old) {
                notes.push(f(
                    "write.old-left",
                    &[&old.display(), &crate::load::io_reason(&e)],
                ));
            }
        }
        Ok(notes)
    }
}

/// The build's sink: each job's pages are written as soon as they are rendered.
impl crate::render::Sink for Staging {
    fn put(&self, pages: Site) -> Result<()> {
        self.write_all(&pages)
    }

    fn alias(&self, pairs: Vec<(String, String)>) -> Result<()> {
        pairs.iter().try_for_each(|(from, to)| self.link(from, to))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Exchanges two existing folders atomically, or with two renames undone on failure.
fn swap(new: &Path, out: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // Not supported by this kernel or file system: fall back to two renames.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => {
                return Err(std::io::Error::from(e))
                    .with_context(|| f("write.swap", &[&out.display()]))
            }
        }
    }
    let aside = PathBuf::from(format!("{}.old", new.display()));
    std::fs::rename(out, &aside).with_context(|| f("write.swap", &[&out.display()]))?;
    if let Err(e) = std::fs::rename(new, out) {
        if std::fs::rename(&aside, out).is_err() {
            bail!(f("write.swap-lost", &[&out.display(), &aside.display()]));
        }
        return Err(e).with_context(|| f("write.swap", &[&out.display()]));
    }
    // `new` must name the previous site afterwards, as after an exchange.
    std::fs::rename(&aside, new).with_context(|| f("write.swap", &[&out.display()]))
}

/// Moves the staging folder to an output that does not exist, never over one that appeared.
fn rename_new(new: &Path, out: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, out, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => {
                return Err(std::io::Error::from(e))
                    .with_context(|| f("write.swap", &[&out.display()]))
            }
        }
    }
    std::fs::rename(new, out).with_context(|| f("write.swap", &[&out.display()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("parcours-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn site(file: &str) -> Site {
        Site::from([(file.to_string(), b"x".to_vec())])
    }

    #[test]
    fn swaps_in_a_marked_site_and_removes_only_its_own_staging() {
        let dir = tmp("swap");
        let out = dir.join("build");
        write_site(&site("a.html"), &out).unwrap();
        assert!(out.join(MARKER).is_file() && out.join("a.html").is_file());
        std::fs::create_dir(dir.join(".build.staging-1")).unwrap(); // another process's
        write_site(&site("b.html"), &out).unwrap();
        assert!(out.join("b.html").is_file() && !out.join("a.html").exists());
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(left, [".build.lock", ".build.staging-1", "build"]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn refuses_a_folder_it_did_not_make_and_unsafe_paths() {
        let dir = tmp("foreign");
        let out = dir.join("victim");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("IMPORTANT.txt"), "keep").unwrap();
        assert!(write_site(&site("a.html"), &out).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("IMPORTANT.txt")).unwrap(),
            "keep"
        );
        let fresh = dir.join("fresh");
        for bad in ["../escape.html", "/etc/x", "a/../../b"] {
            assert!(write_site(&site(bad), &fresh).is_err(), "{bad}");
        }
        assert!(!fresh.exists() && !dir.join("escape.html").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
