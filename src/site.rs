//! Stage 5, write: the output, written into a staging folder and swapped in at once.
//!
//! The site is built into a sibling temporary folder ([`Staging`]) and swapped in only when every
//! file is written, so a failed build leaves the previous output untouched. Files may be added
//! from several threads, so a large site can be written while it is rendered, chunk by chunk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The output: relative path (with `/`) → bytes, in sorted order.
pub type Site = BTreeMap<String, Vec<u8>>;

/// Writes `site` to `out`, replacing its previous content only once everything is written.
pub fn write_site(site: &Site, out: &Path) -> Result<()> {
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
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `out`, removing leftovers of an interrupted build.
    pub fn create(out: &Path) -> Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "build".into());
        std::fs::create_dir_all(parent)
            .with_context(|| format!("création de {}", parent.display()))?;
        let dir = parent.join(format!(".{name}.new"));
        let old = parent.join(format!(".{name}.old"));
        for leftover in [&dir, &old] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover)
                    .with_context(|| format!("suppression de {}", leftover.display()))?;
            }
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("création de {}", dir.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
            committed: false,
        })
    }

    /// Writes one file at `rel` (relative, with `/`), creating its folders. Safe from any thread.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("création de {}", dir.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("écriture de {}", path.display()))
    }

    /// Writes every file of `site`.
    pub fn write_all(&self, site: &Site) -> Result<()> {
        site.iter()
            .try_for_each(|(rel, bytes)| self.write(rel, bytes))
    }

    /// Replaces the output with the staging folder.
    pub fn commit(mut self) -> Result<()> {
        let out = &self.out;
        if out.exists() {
            std::fs::rename(out, &self.old)
                .with_context(|| format!("déplacement de {}", out.display()))?;
        }
        std::fs::rename(&self.dir, out)
            .with_context(|| format!("déplacement vers {}", out.display()))?;
        self.committed = true;
        if self.old.exists() {
            std::fs::remove_dir_all(&self.old)
                .with_context(|| format!("suppression de {}", self.old.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
