//! Pages across communes: one per intercommunale and one for the Region.
//!
//! They show medians, means and counts over the communes' latest published audits; the overall
//! indexes appear as points grouped by typology, never as a ranking.

use serde_json::{json, Value};

use super::{Page, Renderer};
use crate::aggregate::{self, Latest};
use crate::format;
use crate::i18n::t;

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
                let communes: Vec<Value> = self
                    .model
                    .communes
                    .iter()
                    .filter(|c| c.intercommunale == *id)
                    .map(|c| {
                        let l = mine.iter().find(|l| l.commune.slug == c.slug);
                        json!({
                            "name": c.name,
                            "href": format!("{root}communes/{}/index.html", c.slug),
                            "audit": l.map(|l| format::date(&l.audit.date)),
                            "version": l.map(|l| l.audit.methodology.clone()),
                            "overall": l.map(|l| format::score(l.card.overall)),
                            "coverage": l.map(|l| format::percent(Some(l.card.coverage))),
                            "drafts": c.audits.iter().filter(|a| a.status == crate::model::AuditStatus::Draft).count(),
                        })
                    })
                    .collect();
                let mut ctx = self.territory_summary(&mine, &root);
                ctx["title"] = json!(ic.name);
                ctx["communes"] = json!(communes);
                ctx["logo"] = json!(ic.logo.as_ref().map(|l| format!("{root}static/{l}")));
                ctx["website"] = json!(ic.website);
                self.render(&path, "intercommunale.html", &ic.name, ctx)
            })
            .collect()
    }

    /// Renders `region/index.html`: every commune, what is audited, what is weak everywhere.
    pub(super) fn region(&self, latest: &[Latest<'_>]) -> Page {
        let path = "region/index.html";
        let root = super::root_of(path);
        let m = &self.model.methodologies[self.model.latest()];
        let mut ctx = self.territory_summary(latest, &root);
        let missing: Vec<Value> = aggregate::missing_sources(latest, m)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .take(10)
            .filter_map(|(id, n)| {
                let s = m.source(&id)?;
                Some(json!({"title": s.name, "href": format!("{root}handbook/{}/sources/{}.html", m.version, s.id), "missing": n}))
            })
            .collect();
        let by_ic: Vec<Value> = self
            .model
            .config
            .intercommunales
            .iter()
            .map(|(id, ic)| {
                let total = self.model.communes.iter().filter(|c| c.intercommunale == *id).count();
                let audited = latest.iter().filter(|l| l.commune.intercommunale == *id).count();
                json!({"name": ic.name, "href": format!("{root}intercommunales/{id}/index.html"), "communes": total, "audited": audited})
            })
            .collect();
        let title = t("region.title").to_string();
        ctx["title"] = json!(title);
        ctx["missing_sources"] = json!(missing);
        ctx["by_intercommunale"] = json!(by_ic);
        ctx["communes_total"] = json!(self.model.communes.len());
        ctx["published"] = json!(latest
            .iter()
            .filter(|l| l.audit.status == crate::model::AuditStatus::Published)
            .count());
        ctx["communes_region"] = json!(crate::WALLOON_COMMUNES);
        self.render(path, "region.html", &title, ctx)
    }

    /// The methodologies a page may quote, newest first: released versions, and the unreleased
    /// draft only when drafts are published (never by label order: "1.10" follows "1.9").
    fn visible_versions(&self) -> impl Iterator<Item = &crate::model::Methodology> {
        let draft = self.model.draft.as_ref();
        self.options
            .drafts
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
    fn territory_summary(&self, latest: &[Latest<'_>], root: &str) -> Value {
        let m = &self.model.methodologies[self.model.latest()];
        let hb = format!("{root}handbook/{}/", m.version);
        let steps = aggregate::mean_by_step(latest, self.model);
        let angles = aggregate::mean_by_angle(latest, self.model);
        let row = |name: &str, href: String, v: Option<&(f64, usize)>| json!({"name": name, "href": href, "score": format::score(v.map(|x| x.0)), "value": v.map(|x| x.0.round()).unwrap_or(0.0), "band": format::band(v.map(|x| x.0)), "n": v.map(|x| x.1).unwrap_or(0), "weak": v.is_some_and(|x| x.0 < 50.0)});
        let step_rows: Vec<Value> = m
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
        let angle_rows: Vec<Value> = m
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
        let actions: Vec<Value> = aggregate::planned_actions(latest)
            .into_iter()
            .take(10)
            .map(|(id, n)| {
                let name = self
                    .visible_versions()
                    .find_map(|m| m.action(&id).map(|a| a.name.clone()))
                    .unwrap_or(id.clone());
                json!({"title": name, "href": format!("{hb}actions/{id}.html"), "count": n, "known": m.action(&id).is_some()})
            })
            .collect();
        let (drafts, mixed) = aggregate_caveats(latest);
        json!({
            "audited": latest.len(),
            "drafts_included": drafts,
            "mixed_versions": mixed,
            "steps": step_rows,
            "angles": angle_rows,
            "actions": actions,
            "strip": self.strip_chart(latest, "strip"),
        })
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
