//! Pages across communes: one per intercommunale and one for the Region.
//!
//! They show medians, means and counts over the communes' latest published audits; the overall
//! indexes appear as points grouped by typology, never as a ranking.

use serde::Serialize;

use super::figures::Figure;
use super::{Page, Renderer};
use crate::aggregate;
use crate::format;
use crate::i18n::t;
use crate::score::Latest;

/// What the intercommunale and Region pages share: the territory's weak spots and plans.
#[derive(Serialize)]
struct Summary {
    /// How many communes' latest audits count.
    audited: usize,
    /// How many of them are drafts.
    drafts_included: usize,
    /// The methodology versions mixed, when more than one.
    mixed_versions: Option<String>,
    /// Mean score per step of the latest methodology.
    steps: Vec<MeanRow>,
    /// Mean score per angle.
    angles: Vec<MeanRow>,
    /// The actions most often planned.
    actions: Vec<PlannedAction>,
    /// The overall indexes as points grouped by typology.
    strip: Figure,
}

/// A step or an angle across a territory.
#[derive(Serialize)]
struct MeanRow {
    name: String,
    /// Its handbook page.
    href: String,
    /// The mean, formatted.
    score: String,
    /// The mean as a bar width, 0–100.
    value: i64,
    /// Its colour band.
    band: &'static str,
    /// How many audits have a score for it.
    n: usize,
    /// The mean is below 50.
    weak: bool,
}

/// An action and how many plans hold it.
#[derive(Serialize)]
struct PlannedAction {
    title: String,
    href: String,
    count: usize,
    /// The latest methodology still has it (else its page is not linked).
    known: bool,
}

/// `intercommunale.html`.
#[derive(Serialize)]
struct IntercommunalePage {
    #[serde(flatten)]
    summary: Summary,
    title: String,
    /// Its communes, audited or not.
    communes: Vec<CommuneRow>,
    /// Its logo, from the page.
    logo: Option<String>,
    /// Its web site (http or https, checked).
    website: Option<String>,
}

/// A commune of an intercommunale.
#[derive(Serialize)]
struct CommuneRow {
    name: String,
    href: String,
    /// Its latest audit's date, formatted.
    audit: Option<String>,
    version: Option<String>,
    overall: Option<String>,
    coverage: Option<String>,
    /// How many of its audits are drafts.
    drafts: usize,
}

/// `region.html`.
#[derive(Serialize)]
struct RegionPage {
    #[serde(flatten)]
    summary: Summary,
    title: String,
    /// The data sources most often missing.
    missing_sources: Vec<MissingSource>,
    /// Communes and audits per intercommunale.
    by_intercommunale: Vec<IntercommunaleCount>,
    /// Communes in the repository.
    communes_total: usize,
    /// Of which with a published latest audit.
    published: usize,
    /// Communes in Wallonia.
    communes_region: usize,
}

/// A data source and how many audits lack it.
#[derive(Serialize)]
struct MissingSource {
    title: String,
    href: String,
    missing: usize,
}

/// An intercommunale's communes and audits.
#[derive(Serialize)]
struct IntercommunaleCount {
    name: String,
    href: String,
    communes: usize,
    audited: usize,
}

impl Renderer<'_> {
    /// Renders `intercommunales/<id>/index.html` for every intercommunale of the configuration.
    pub(super) fn intercommunales(&self, latest: &[Latest<'_>]) -> Vec<Page> {
        self.model
            .config
            .intercommunales
            .iter()
            .map(|(id, ic)| {
                let path = format!("intercommunales/{id}/index.html");
                let root = super::root_of(&path);
                let mine: Vec<Latest> = latest
                    .iter()
                    .filter(|l| l.commune.intercommunale == *id)
                    .cloned()
                    .collect();
                let communes: Vec<CommuneRow> = self
                    .model
                    .communes
                    .iter()
                    .filter(|c| c.intercommunale == *id)
                    .map(|c| {
                        let l = mine.iter().find(|l| l.commune.slug == c.slug);
                        CommuneRow {
                            name: c.name.clone(),
                            href: format!("{root}communes/{}/index.html", c.slug),
                            audit: l.map(|l| format::date(&l.audit.date)),
                            version: l.map(|l| l.audit.methodology.clone()),
                            overall: l.map(|l| format::score(l.card.overall)),
                            coverage: l.map(|l| format::percent(Some(l.card.coverage))),
                            drafts: c
                                .audits
                                .iter()
                                .filter(|a| a.status == crate::model::AuditStatus::Draft)
                                .count(),
                        }
                    })
                    .collect();
                let page = IntercommunalePage {
                    summary: self.territory_summary(&mine, &root),
                    title: ic.name.clone(),
                    communes,
                    logo: ic.logo.as_ref().map(|l| format!("{root}static/{l}")),
                    website: ic.website.clone(),
                };
                self.render(&path, "intercommunale.html", &ic.name, &page)
            })
            .collect()
    }

    /// Renders `region/index.html`: every commune, what is audited, what is weak everywhere.
    pub(super) fn region(&self, latest: &[Latest<'_>]) -> Page {
        let path = "region/index.html";
        let root = super::root_of(path);
        let m = &self.model.methodologies[self.model.latest()];
        let missing: Vec<MissingSource> = aggregate::missing_sources(latest, m)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .take(10)
            .filter_map(|(id, n)| {
                let s = m.source(&id)?;
                Some(MissingSource {
                    title: s.name.clone(),
                    href: format!("{root}handbook/{}/sources/{}.html", m.version, s.id),
                    missing: n,
                })
            })
            .collect();
        let by_ic: Vec<IntercommunaleCount> = self
            .model
            .config
            .intercommunales
            .iter()
            .map(|(id, ic)| {
                let total = self
                    .model
                    .communes
                    .iter()
                    .filter(|c| c.intercommunale == *id)
                    .count();
                let audited = latest
                    .iter()
                    .filter(|l| l.commune.intercommunale == *id)
                    .count();
                IntercommunaleCount {
                    name: ic.name.clone(),
                    href: format!("{root}intercommunales/{id}/index.html"),
                    communes: total,
                    audited,
                }
            })
            .collect();
        let title = t("region.title").to_string();
        let page = RegionPage {
            summary: self.territory_summary(latest, &root),
            title: title.clone(),
            missing_sources: missing,
            by_intercommunale: by_ic,
            communes_total: self.model.communes.len(),
            published: latest
                .iter()
                .filter(|l| l.audit.status == crate::model::AuditStatus::Published)
                .count(),
            communes_region: crate::WALLOON_COMMUNES,
        };
        self.render(path, "region.html", &title, &page)
    }

    /// The methodologies a page may quote, newest first: released versions, and the unreleased
    /// draft only when drafts are published (never by label order: "1.10" follows "1.9").
    fn visible_versions(&self) -> impl Iterator<Item = &crate::model::Methodology> {
        let draft = self.model.draft.as_ref();
        self.drafts
            .then_some(draft)
            .flatten()
            .into_iter()
            .chain(
                self.model
                    .order
                    .iter()
                    .rev()
                    .filter(move |v| Some(*v) != draft),
            )
            .filter_map(|v| self.model.methodologies.get(v))
    }

    /// Weak steps and angles, planned actions and the strip of overall indexes for a territory.
    fn territory_summary(&self, latest: &[Latest<'_>], root: &str) -> Summary {
        let m = &self.model.methodologies[self.model.latest()];
        let hb = format!("{root}handbook/{}/", m.version);
        let steps = aggregate::mean_by_step(latest, self.model);
        let angles = aggregate::mean_by_angle(latest, self.model);
        let row = |name: &str, href: String, v: Option<&(f64, usize)>| MeanRow {
            name: name.to_string(),
            href,
            score: format::score(v.map(|x| x.0)),
            value: format::score_units(v.map(|x| x.0)).unwrap_or(0),
            band: format::band(v.map(|x| x.0)),
            n: v.map(|x| x.1).unwrap_or(0),
            weak: format::score_units(v.map(|x| x.0)).is_some_and(|n| n < 50),
        };
        let step_rows: Vec<MeanRow> = m
            .steps
            .iter()
            .map(|s| {
                row(
                    &s.name,
                    format!("{hb}etapes/{}.html", s.id),
                    steps.get(&s.id),
                )
            })
            .collect();
        let angle_rows: Vec<MeanRow> = m
            .angles
            .iter()
            .map(|a| {
                row(
                    &a.name,
                    format!("{hb}angles/{}.html", a.id),
                    angles.get(&a.id),
                )
            })
            .collect();
        let actions: Vec<PlannedAction> = aggregate::planned_actions(latest)
            .into_iter()
            .take(10)
            .map(|(id, n)| {
                let name = self
                    .visible_versions()
                    .find_map(|m| m.action(&id).map(|a| a.name.clone()))
                    .unwrap_or(id.clone());
                PlannedAction {
                    title: name,
                    href: format!("{hb}actions/{id}.html"),
                    count: n,
                    known: m.action(&id).is_some(),
                }
            })
            .collect();
        let (drafts, mixed) = aggregate_caveats(latest);
        Summary {
            audited: latest.len(),
            drafts_included: drafts,
            mixed_versions: mixed,
            steps: step_rows,
            angles: angle_rows,
            actions,
            strip: self.strip_chart(latest, "strip"),
        }
    }
}

/// What a figure over several audits must say about itself: how many of the audits are drafts
/// (shown only with `--drafts` and in the preview), and the methodology versions it mixes when
/// there is more than one (their criteria differ).
pub(super) fn aggregate_caveats(latest: &[Latest<'_>]) -> (usize, Option<String>) {
    let drafts = latest
        .iter()
        .filter(|l| l.audit.status == crate::model::AuditStatus::Draft)
        .count();
    let mut versions: Vec<&str> = latest
        .iter()
        .map(|l| l.audit.methodology.as_str())
        .collect();
    versions.sort_by(|a, b| crate::model::compare_versions(a, b));
    versions.dedup();
    (drafts, (versions.len() > 1).then(|| versions.join(", ")))
}
