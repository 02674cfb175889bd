//! Stage 3, score: the checked model → [`Scored`], every visible audit scored once.
//!
//! For each commune, in model order, and each of its visible audits, oldest first: the
//! scorecard (steps, angles, step × angle cells, index, coverage; [`card`]), the weak and strong
//! links, the recommendations grouped under the weak link they answer ([`recommend`]), the
//! comparison with peers ([`peers`]) and the progress since the previous audit ([`progress`]).
//! Render, export and the territory summaries only read a [`Scored`]: the scoring functions are
//! private to this module, so nothing after this stage can score again. Pure arithmetic, no formatting.

mod card;
mod outcomes;
mod peers;
mod plan;
mod progress;
mod recommend;

use rayon::prelude::*;

use crate::model::Model;
use crate::model::{Audit, AuditStatus, Commune, Methodology};

// The scoring functions stay private to this stage: nothing after it can score again.
use card::links;
pub use card::score_audit;
use progress::progress;
use recommend::{group_by_weak_link, recommend};

pub use card::{Link, Part, Scorecard};
pub use outcomes::{direction, Direction, Outcome, Previous};
pub use peers::{median, Latest, Latests, PeerGroup, Peers, MIN_PEERS};
pub use plan::{
    audit_quarter, fits, Candidate, Deferral, Deferred, EnvelopeSource, Horizon, Plan, Planned,
    Raise, MAX_PRIORITY,
};
pub use progress::Progress;
pub use recommend::Recommendation;

/// How many weak and how many strong links a report names.
pub const LINKS_SHOWN: usize = 5;

/// The scored model: what every page, chart and export shows of the audits.
#[derive(Debug)]
pub struct Scored<'m> {
    /// The checked model the scores are of.
    pub model: &'m Model,
    /// Drafts are visible (and scored, and counted in aggregates).
    pub drafts: bool,
    /// Every commune's latest visible audit, indexed for peers and aggregates.
    pub latest: Latests<'m>,
    /// Every commune, in model order, with its visible audits scored.
    pub communes: Vec<CommuneScores<'m>>,
}

/// A commune and its visible audits, scored, oldest first.
#[derive(Debug)]
pub struct CommuneScores<'m> {
    /// The commune.
    pub commune: &'m Commune,
    /// Its visible audits, oldest first; the last one is its current report.
    pub audits: Vec<AuditScores<'m>>,
}

/// One audit, scored.
#[derive(Debug)]
pub struct AuditScores<'m> {
    /// The audit.
    pub audit: &'m Audit,
    /// The methodology version it was made against.
    pub methodology: &'m Methodology,
    /// Its scores.
    pub card: Scorecard,
    /// The weakest cells below 50, at most [`LINKS_SHOWN`], weakest first.
    pub weak: Vec<Link>,
    /// The strongest cells from 75, at most [`LINKS_SHOWN`], strongest first.
    pub strong: Vec<Link>,
    /// Recommended actions grouped under the weak link (of all weak links) they answer, best
    /// value first inside a group; those answering no weak link come last, under `None`.
    pub recommendations: Vec<(Option<Link>, Vec<Recommendation>)>,
    /// The action plan: the fired actions that fit the envelope, sequenced, and the others.
    pub plan: Plan,
    /// Comparison with peers: by typology, then by intercommunale (`Err(n)`: only n peers).
    pub peers: [Result<Peers, usize>; 2],
    /// The previous visible audit and what moved since.
    pub progress: Option<(&'m Audit, Progress)>,
    /// Its outcome indicators, each with its trend since the previous audit that measured it.
    pub outcomes: Vec<Outcome<'m>>,
}

impl CommuneScores<'_> {
    /// The commune's current audit (its latest visible one), when it has one.
    pub fn current(&self) -> Option<&AuditScores<'_>> {
        self.audits.last()
    }
}

impl<'m> Scored<'m> {
    /// The scores of the commune `slug`.
    pub fn commune(&self, slug: &str) -> Option<&CommuneScores<'m>> {
        self.communes.iter().find(|c| c.commune.slug == slug)
    }
}

/// Scores every visible audit of `model` (drafts too when `drafts`), in parallel.
pub fn score(model: &Model, drafts: bool) -> Scored<'_> {
    let mut communes: Vec<CommuneScores> = model
        .communes
        .par_iter()
        .map(|c| CommuneScores {
            commune: c,
            audits: score_commune(model, c, drafts),
        })
        .collect();
    let latest = Latests::new(
        model,
        communes
            .iter()
            .filter_map(|c| {
                let last = c.audits.last()?;
                Some(Latest {
                    commune: c.commune,
                    audit: last.audit,
                    card: last.card.clone(),
                })
            })
            .collect(),
    );
    communes.par_iter_mut().for_each(|c| {
        for a in &mut c.audits {
            a.peers = [PeerGroup::Typology, PeerGroup::Intercommunale]
                .map(|g| peers::peers(model, &latest, c.commune, a.audit, g));
        }
    });
    Scored {
        model,
        drafts,
        latest,
        communes,
    }
}

/// Scores the visible audits of one commune; peers wait for every commune's latest audit.
fn score_commune<'m>(model: &'m Model, c: &'m Commune, drafts: bool) -> Vec<AuditScores<'m>> {
    let mut out: Vec<AuditScores<'m>> = Vec::new();
    for audit in c.visible_audits(drafts) {
        let Some(m) = model.methodologies.get(&audit.methodology) else {
            continue;
        };
        let card = score_audit(m, audit);
        let (weak, strong) = links(&card, LINKS_SHOWN);
        let (weak_all, _) = links(&card, usize::MAX);
        let fired = recommend(m, audit);
        let plan = plan::plan(
            m,
            audit,
            &plan::Context {
                population: c.population,
                weak: &weak,
                fired: &fired,
            },
        );
        let recommendations = group_by_weak_link(m, &fired, &weak_all)
            .into_iter()
            .map(|(link, recs)| (link, recs.into_iter().cloned().collect()))
            .collect();
        let progress = out
            .last()
            .map(|prev| (prev.audit, progress(prev.methodology, prev.audit, m, audit)));
        let earlier: Vec<&Audit> = out.iter().map(|a| a.audit).collect();
        let outcomes = outcomes::outcomes(m, audit, &earlier);
        out.push(AuditScores {
            audit,
            methodology: m,
            card,
            weak,
            strong,
            recommendations,
            plan,
            peers: [Err(0), Err(0)],
            progress,
            outcomes,
        });
    }
    out
}

impl<'m> AuditScores<'m> {
    /// Tells whether the audit is published (drafts are never exported).
    pub fn published(&self) -> bool {
        self.audit.status == AuditStatus::Published
    }
}
