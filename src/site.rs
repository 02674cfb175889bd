//! Stage 5, write: the whole output in memory, then written at once.
//!
//! The site is built into a sibling temporary folder and swapped in only when every file is
//! written, so a failed build leaves the previous output untouched.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};

/// The output: relative path (with `/`) → bytes, in sorted order.
pub type Site = BTreeMap<String, Vec<u8>>;

/// Writes `site` to `out`, replacing its previous content only once everything is written.
pub fn write_site(site: &Site, out: &Path) -> Result<()> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "build".into());
    std::fs::create_dir_all(parent).with_context(|| format!("création de {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.new"));
    let old = parent.join(format!(".{name}.old"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)
                .with_context(|| format!("suppression de {}", leftover.display()))?;
        }
    }
    for (rel, bytes) in site {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("création de {}", dir.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("écriture de {}", path.display()))?;
    }
    if out.exists() {
        std::fs::rename(out, &old).with_context(|| format!("déplacement de {}", out.display()))?;
    }
    std::fs::rename(&staging, out).with_context(|| format!("déplacement vers {}", out.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).with_context(|| format!("suppression de {}", old.display()))?;
    }
    Ok(())
}
