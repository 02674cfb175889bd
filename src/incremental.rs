//! Incremental rebuild for the preview: after audits of a few communes change, re-render only
//! those communes, the communes that show them as peers, and every aggregate page.
//!
//! A page belongs to a commune when it lives under `communes/<slug>/` (or is one of its
//! open-data files under `data/communes/<slug>/`), to the handbook when it lives under
//! `handbook/`; every other page (portal, intercommunales, region, exports, static
//! files, and any aggregate added later) is re-rendered each time. The whole repository is still
//! loaded and checked, so diagnostics are exactly those of a full build; only rendering is
//! narrowed. A commune's pages show other communes only through their peer comparisons
//! ([`crate::score::Peers`]); of the communes that share a peer group with a changed one,
//! only those whose comparisons moved are re-rendered ([`PeerViews`]). The suite proves that
//! applying an [`Update`] to the previous full build gives the bytes of a new full build.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;

use crate::model::Model;
use crate::model::{Chapter, Commune};
use crate::render::{self, MemorySink, Selection};
use crate::score::{self, Peers, Scored};
use crate::site::Site;
use crate::{prepare_with, Options, Outcome};

/// Pages re-rendered after a change, to lay over the previous full build.
#[derive(Debug)]
pub struct Update {
    /// Communes whose pages were re-rendered (their previous pages are dropped).
    pub communes: BTreeSet<String>,
    /// The new pages: those communes' pages and every aggregate page, or, when
    /// `chapters_only`, the re-rendered chapter pages alone.
    pub pages: Site,
    /// Whether the update re-renders handbook chapters only (every other page stays).
    pub chapters_only: bool,
}

/// What the preview keeps from one build to make the next one cheaper.
#[derive(Debug, Default)]
pub struct Previous {
    /// Every commune's peer comparisons in the last good build; unknown before the first.
    pub views: Option<PeerViews>,
    /// Audit files already parsed.
    pub cache: crate::load::ParseCache,
    /// The handbook chapters of every version in the last good build.
    pub chapters: Option<BTreeMap<String, Vec<Chapter>>>,
}

/// What each commune's pages show of the others: for each of its visible audits, the peer
/// comparisons by typology and by intercommunale.
pub type PeerViews = BTreeMap<String, Vec<[Result<Peers, usize>; 2]>>;

/// Returns every commune's peer comparisons, as scored.
pub fn peer_views(scored: &Scored<'_>) -> PeerViews {
    scored
        .communes
        .iter()
        .map(|c| {
            let view = c.audits.iter().map(|a| a.peers.clone()).collect();
            (c.commune.slug.clone(), view)
        })
        .collect()
}

/// Builds the whole site in memory, as [`crate::build_site`] does, and keeps in `previous`
/// what a later [`rebuild`] needs.
pub fn build(options: &Options, previous: &mut Previous) -> Result<Outcome> {
    let (prepared, mut outcome) = prepare_with(options, Some(&mut previous.cache))?;
    let Some(p) = prepared else {
        return Ok(outcome);
    };
    let scored = score::score(&p.model, options.drafts);
    let sink = MemorySink::default();
    let rendered = render::render(&scored, &p.theme, &Selection::all(), &sink)?;
    if rendered.errors.is_empty() {
        let site = sink.into_site();
        outcome.files = site.len();
        outcome.site = Some(site);
        previous.views = Some(peer_views(&scored));
        previous.chapters = Some(p.model.handbooks.clone());
    }
    outcome.extend(rendered.errors);
    Ok(outcome)
}

impl Update {
    /// Applies the update to the previous full build made with the same options.
    pub fn apply(self, site: &mut Site) {
        if self.chapters_only {
            site.extend(self.pages);
            return;
        }
        site.retain(|path, _| match owner(path) {
            Owner::Handbook => true,
            Owner::Commune(slug) => !self.communes.contains(slug),
            Owner::Aggregate => false,
        });
        site.extend(self.pages);
    }
}

/// What a page of the output belongs to.
#[derive(Debug, PartialEq, Eq)]
pub enum Owner<'a> {
    /// A page of the handbook, which depends on `content/` only.
    Handbook,
    /// A page under `communes/<slug>/`, or an open-data file under `data/communes/<slug>/`.
    Commune(&'a str),
    /// Any other page: it may show every commune.
    Aggregate,
}

/// Tells what the page at `path` belongs to.
pub fn owner(path: &str) -> Owner<'_> {
    if path.starts_with("handbook/") {
        return Owner::Handbook;
    }
    let own = path
        .strip_prefix("communes/")
        .or_else(|| path.strip_prefix("data/communes/"));
    match own.and_then(|rest| rest.split_once('/')) {
        Some((slug, _)) => Owner::Commune(slug),
        None => Owner::Aggregate,
    }
}

/// Re-renders what a change to the audits of `changed` communes affects.
///
/// Valid when only files under `communes/<slug>/audits/` of existing communes changed since the
/// last good build with the same `options`, of which `previous` keeps the peer comparisons
/// (when unknown, every commune sharing a peer group with a changed one is re-rendered); any
/// other change needs a full build. Returns the update when no diagnostic is an error; the
/// caller applies it, and `previous` then describes the updated site.
pub fn rebuild(
    options: &Options,
    changed: &BTreeSet<String>,
    previous: &mut Previous,
) -> Result<(Outcome, Option<Update>)> {
    let (prepared, mut outcome) = prepare_with(options, Some(&mut previous.cache))?;
    let Some(p) = prepared else {
        return Ok((outcome, None));
    };
    let scored = score::score(&p.model, options.drafts);
    let views = peer_views(&scored);
    let before = previous.views.as_ref();
    let communes: BTreeSet<String> = affected_communes(&p.model, changed)
        .into_iter()
        .filter(|slug| {
            changed.contains(slug) || before.is_none_or(|prev| prev.get(slug) != views.get(slug))
        })
        .collect();
    let sink = MemorySink::default();
    let selection = Selection::update(communes);
    let rendered = render::render(&scored, &p.theme, &selection, &sink)?;
    if !rendered.errors.is_empty() {
        outcome.extend(rendered.errors);
        return Ok((outcome, None));
    }
    let pages = sink.into_site();
    outcome.files = pages.len();
    previous.views = Some(views);
    let communes = selection.communes.unwrap_or_default();
    drop(scored);
    // Freeing the model is not on the way to the new pages.
    std::thread::spawn(move || drop(p));
    let update = Update {
        communes,
        pages,
        chapters_only: false,
    };
    Ok((outcome, Some(update)))
}

/// What a rebuild after edits of handbook chapters gives.
pub enum ChapterRebuild {
    /// The pages of the chapters whose body changed, or the diagnostics that stop the build.
    Done(Outcome, Option<Update>),
    /// More than bodies changed (a title, an order, a chapter added or removed…): the caller
    /// makes a full build.
    Full,
}

/// Re-renders the chapters whose body changed since the last good build, when only
/// Markdown files under `content/handbook/` changed and every chapter kept its title, order,
/// place and links to steps and angles (the menus, the contents and the reference pages are
/// then unchanged). The whole repository is still loaded and checked.
pub fn rebuild_chapters(options: &Options, previous: &mut Previous) -> Result<ChapterRebuild> {
    let Some(before) = previous.chapters.as_ref() else {
        return Ok(ChapterRebuild::Full);
    };
    let (prepared, mut outcome) = prepare_with(options, Some(&mut previous.cache))?;
    let Some(p) = prepared else {
        return Ok(ChapterRebuild::Done(outcome, None));
    };
    let Some(changed) = changed_bodies(before, &p.model.handbooks) else {
        return Ok(ChapterRebuild::Full);
    };
    let scored = score::score(&p.model, options.drafts);
    let sink = MemorySink::default();
    let rendered = render::render_chapters(&scored, &p.theme, &changed, &sink)?;
    if !rendered.errors.is_empty() {
        outcome.extend(rendered.errors);
        return Ok(ChapterRebuild::Done(outcome, None));
    }
    let pages = sink.into_site();
    outcome.files = pages.len();
    drop(scored);
    previous.chapters = Some(p.model.handbooks.clone());
    std::thread::spawn(move || drop(p));
    let update = Update {
        communes: BTreeSet::new(),
        pages,
        chapters_only: true,
    };
    Ok(ChapterRebuild::Done(outcome, Some(update)))
}

/// The chapters (version → slugs) whose body differs between two builds, or `None` when
/// anything else about the chapters differs.
fn changed_bodies(
    before: &BTreeMap<String, Vec<Chapter>>,
    after: &BTreeMap<String, Vec<Chapter>>,
) -> Option<BTreeMap<String, BTreeSet<String>>> {
    if before.len() != after.len() {
        return None;
    }
    let mut changed = BTreeMap::new();
    for ((v, old), (w, new)) in before.iter().zip(after) {
        if v != w || old.len() != new.len() {
            return None;
        }
        let mut slugs = BTreeSet::new();
        for (a, b) in old.iter().zip(new) {
            let same_place = (&a.slug, &a.path, &a.title, a.order, &a.steps, &a.angles)
                == (&b.slug, &b.path, &b.title, b.order, &b.steps, &b.angles);
            if !same_place {
                return None;
            }
            if a.body != b.body {
                slugs.insert(b.slug.clone());
            }
        }
        if !slugs.is_empty() {
            changed.insert(v.clone(), slugs);
        }
    }
    Some(changed)
}

/// Returns `changed` and every commune whose pages may show their audits: the peers of
/// [`crate::score::Peers`], that is communes of the same intercommunale, or of the same
/// degree of urbanisation and population band (under any methodology version).
pub fn affected_communes(model: &Model, changed: &BTreeSet<String>) -> BTreeSet<String> {
    let bands = |c: &Commune| -> Vec<Option<String>> {
        model
            .methodologies
            .values()
            .map(|m| m.band_for(c.population).map(|b| b.id.clone()))
            .collect()
    };
    let sources: Vec<(&Commune, Vec<Option<String>>)> = model
        .communes
        .iter()
        .filter(|c| changed.contains(&c.slug))
        .map(|c| (c, bands(c)))
        .collect();
    let mut affected = changed.clone();
    for c in &model.communes {
        let own = bands(c);
        let peer = sources.iter().any(|(s, b)| {
            s.intercommunale == c.intercommunale || (s.degurba == c.degurba && *b == own)
        });
        if peer {
            affected.insert(c.slug.clone());
        }
    }
    affected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_belong_to_the_handbook_a_commune_or_the_aggregates() {
        assert_eq!(owner("handbook/1.0/index.html"), Owner::Handbook);
        assert_eq!(owner("communes/ciney/index.html"), Owner::Commune("ciney"));
        assert_eq!(
            owner("communes/ciney/2024-03/index.html"),
            Owner::Commune("ciney")
        );
        assert_eq!(owner("communes/index.html"), Owner::Aggregate);
        assert_eq!(
            owner("data/communes/ciney/2024-03.json"),
            Owner::Commune("ciney")
        );
        assert_eq!(owner("data/audits.csv"), Owner::Aggregate);
        assert_eq!(owner("index.html"), Owner::Aggregate);
        assert_eq!(owner("intercommunales/bep/index.html"), Owner::Aggregate);
    }

    #[test]
    fn update_keeps_the_handbook_and_other_communes() {
        let mut site: Site = [
            "handbook/1.0/index.html",
            "communes/a/index.html",
            "communes/a/2024-01/index.html",
            "communes/b/index.html",
            "index.html",
            "data/communes.csv",
        ]
        .iter()
        .map(|p| (p.to_string(), b"old".to_vec()))
        .collect();
        let update = Update {
            communes: ["a".to_string()].into(),
            pages: [
                ("communes/a/index.html".to_string(), b"new".to_vec()),
                ("index.html".to_string(), b"new".to_vec()),
            ]
            .into(),
            chapters_only: false,
        };
        update.apply(&mut site);
        let keys: Vec<&str> = site.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "communes/a/index.html",
                "communes/b/index.html",
                "handbook/1.0/index.html",
                "index.html"
            ]
        );
        assert_eq!(site["communes/a/index.html"], b"new");
    }
}
