//! The portal, the site's home page: every commune with its latest audit, the handbook
//! versions, the intercommunales and the strip of overall indexes.

use serde::Serialize;

use super::{figures, territory, Page, Renderer};
use crate::format;
use crate::model::AuditStatus;
use crate::score::Latest;

/// `index.html`: the portal.
#[derive(Serialize)]
struct PortalPage<'a> {
    /// Every commune, audited or not.
    communes: Vec<PortalCommune<'a>>,
    /// The handbook versions, newest first.
    versions: Vec<PortalVersion>,
    /// The intercommunales that have communes here.
    intercommunales: Vec<PortalLink<'a>>,
    /// The overall indexes as points grouped by typology.
    strip: figures::Figure,
    /// How many communes' latest audits count.
    audited: usize,
    /// How many of them are drafts.
    drafts_included: usize,
    /// The methodology versions mixed, when more than one.
    mixed_versions: Option<String>,
    /// The latest methodology in numbers.
    methodology: PortalMethodology<'a>,
}

/// A commune on the portal.
#[derive(Serialize)]
struct PortalCommune<'a> {
    name: &'a str,
    href: String,
    province: &'a str,
    intercommunale: String,
    /// Its latest visible audit's date, formatted.
    audit: Option<String>,
    /// That audit's methodology version.
    version: Option<&'a str>,
    /// That audit is a draft.
    draft: bool,
}

/// A handbook version on the portal.
#[derive(Serialize)]
struct PortalVersion {
    label: String,
    /// Its home.
    href: String,
    /// Its changelog.
    changes: String,
    /// It is the unreleased draft.
    draft: bool,
}

/// A named link.
#[derive(Serialize)]
struct PortalLink<'a> {
    name: &'a str,
    href: String,
}

/// The latest methodology in numbers.
#[derive(Serialize)]
struct PortalMethodology<'a> {
    title: &'a str,
    version: &'a str,
    /// Its steps' names, in order.
    steps: Vec<&'a str>,
    criteria: usize,
    sources: usize,
    actions: usize,
}

impl Renderer<'_> {
    pub(super) fn portal(&self, latest: &[Latest<'_>]) -> Page {
        let model = self.model;
        let communes = model
            .communes
            .iter()
            .map(|c| {
                let latest = c.visible_audits(self.drafts).last();
                PortalCommune {
                    name: &c.name,
                    href: format!("communes/{}/index.html", c.slug),
                    province: &c.province,
                    intercommunale: self.intercommunale_name(&c.intercommunale),
                    audit: latest.map(|a| format::date(&a.date)),
                    version: latest.map(|a| a.methodology.as_str()),
                    draft: latest.is_some_and(|a| a.status == AuditStatus::Draft),
                }
            })
            .collect();
        let versions = self
            .versions()
            .into_iter()
            .rev()
            .map(|v| PortalVersion {
                href: format!("handbook/{v}/index.html"),
                changes: format!("handbook/{v}/changements.html"),
                draft: Some(&v) == model.draft.as_ref(),
                label: v,
            })
            .collect();
        let intercommunales = model
            .config
            .intercommunales
            .iter()
            .filter(|(id, _)| model.communes.iter().any(|c| &c.intercommunale == *id))
            .map(|(id, ic)| PortalLink {
                name: &ic.name,
                href: format!("intercommunales/{id}/index.html"),
            })
            .collect();
        let m = &model.methodologies[model.latest()];
        let (drafts, mixed) = territory::aggregate_caveats(latest);
        let page = PortalPage {
            communes,
            versions,
            intercommunales,
            strip: self.strip_chart(latest, "portail-indices"),
            audited: latest.len(),
            drafts_included: drafts,
            mixed_versions: mixed,
            methodology: PortalMethodology {
                title: &m.title,
                version: &m.version,
                steps: m.steps.iter().map(|s| s.name.as_str()).collect(),
                criteria: m.criteria.len(),
                sources: m.sources.len(),
                actions: m.actions.len(),
            },
        };
        self.render("index.html", "index.html", &model.config.title, &page)
    }
}
