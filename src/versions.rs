//! Released methodology versions read from Git (issue 6). Today: the working tree only.
//!
//! Will read each released version's `content/` from the repository's objects; until then it
//! returns no released edition, so the working tree's methodology is the only version.

use std::path::Path;

use anyhow::Result;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Edition;

/// Returns the methodology editions released in Git (none yet: see issue 6).
pub fn load_released(
    _root: &Path,
    _config: &Config,
    _diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Edition>> {
    Ok(Vec::new())
}
