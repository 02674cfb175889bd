//! Stages 4 and 5 for a large site: render communes in parallel chunks and write each chunk
//! straight into the staging folder.
//!
//! Takes a [`Prepared`] model and an output folder; returns how many files were written, or the
//! render diagnostics (and then nothing is swapped in). Peak memory holds the model, every
//! commune's latest scores (for peers and aggregates), the handbook and aggregate pages, and one
//! chunk of commune pages per thread, never the whole site. The bytes are those of
//! [`crate::render::render_site`]: the test suite compares the two.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::Result;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::{self, RenderOptions};
use crate::site::{Site, Staging};
use crate::Prepared;

/// What a successful write returns: the number of files and the notes of the swap.
pub type Written = (usize, Vec<String>);

/// Communes rendered together: small enough to keep memory flat, large enough to amortise.
const CHUNK: usize = 16;

/// Renders the site with `options` and writes it to `out`, replacing it only on success.
/// Returns the number of files written and the notes of the swap.
pub fn write_site(
    p: &Prepared,
    options: &RenderOptions,
    out: &Path,
) -> Result<Result<Written, Vec<Diagnostic>>> {
    let staging = Staging::create(out)?;
    let written = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let write = |site: Result<Site, Vec<Diagnostic>>| -> Result<Vec<Diagnostic>> {
        match site {
            Ok(site) => {
                staging.write_all(&site)?;
                written.fetch_add(site.len(), Ordering::Relaxed);
                Ok(Vec::new())
            }
            Err(ds) => {
                failed.store(true, Ordering::Relaxed);
                Ok(ds)
            }
        }
    };
    let (rest, communes) = rayon::join(
        || {
            // Everything but the communes' own pages: statics, handbook, portal, aggregates.
            let without_communes = RenderOptions {
                communes: Some(BTreeSet::new()),
                ..options.clone()
            };
            write(render::render_site(
                &p.model,
                &p.tera,
                &p.templates,
                &p.statics,
                &without_communes,
            ))
        },
        || {
            let latest = crate::aggregate::latest_audits(&p.model, options.drafts);
            let communes: Vec<&crate::model::Commune> = p
                .model
                .communes
                .iter()
                .filter(|c| options.renders_commune(&c.slug))
                .collect();
            communes
                .par_chunks(CHUNK)
                .map(|chunk| {
                    if failed.load(Ordering::Relaxed) {
                        return Ok(Vec::new());
                    }
                    write(render::render_communes(
                        &p.model,
                        &p.tera,
                        &p.templates,
                        options,
                        chunk,
                        &latest,
                    ))
                })
                .collect::<Result<Vec<_>>>()
        },
    );
    let mut diagnostics = rest?;
    for ds in communes? {
        for d in ds {
            if !diagnostics.contains(&d) {
                diagnostics.push(d);
            }
        }
    }
    if !diagnostics.is_empty() {
        return Ok(Err(diagnostics));
    }
    let notes = staging.commit()?;
    Ok(Ok((written.into_inner(), notes)))
}
