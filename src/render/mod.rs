//! Stage 4, render: the checked model → pages (path → bytes). Pure: no disk access.
//!
//! Every page receives `site`, `t` (the translation table), `root` (the relative path back to
//! the site root, so the output works from any base path and from a local folder) and its own
//! context, built here with every number already formatted.

mod figures;
mod tender;
mod territory;

mod changelog;

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::aggregate::{self, Latest, Latests, PeerGroup};

use crate::check::Model;
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::markdown;
use crate::model::*;
use crate::score::{links, score_audit, Scorecard};
use crate::site::Site;

/// What to render besides the published content.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Render draft audits and the unreleased methodology, with a banner.
    pub drafts: bool,
    /// Render the pages of these communes only (every commune's when `None`).
    pub communes: Option<std::collections::BTreeSet<String>>,
    /// Leave the handbook out (an incremental rebuild keeps the previous one).
    pub skip_handbook: bool,
}

impl RenderOptions {
    /// Tells whether the pages of the commune `slug` are to be rendered.
    pub fn renders_commune(&self, slug: &str) -> bool {
        self.communes
            .as_ref()
            .is_none_or(|only| only.contains(slug))
    }
}

/// Renders every page of the site.
pub fn render_site(
    model: &Model,
    tera: &tera::Tera,
    templates: &[(String, String, String)],
    statics: &[(String, Vec<u8>)],
    options: &RenderOptions,
) -> Result<Site, Vec<Diagnostic>> {
    let paths: BTreeMap<&str, &str> = templates
        .iter()
        .map(|(n, p, _)| (n.as_str(), p.as_str()))
        .collect();
    let r = Renderer {
        model,
        tera,
        paths,
        options,
    };
    let mut site = Site::default();
    let mut errors = Vec::new();
    for (name, bytes) in statics {
        site.insert(format!("static/{name}"), bytes.clone());
    }
    let latest = aggregate::latest_audits(model, options.drafts);
    let mut pages = vec![r.portal(&latest)];
    for version in r.versions().iter().filter(|_| !options.skip_handbook) {
        pages.extend(r.handbook(version));
    }
    for commune in model
        .communes
        .iter()
        .filter(|c| options.renders_commune(&c.slug))
    {
        pages.extend(r.commune(commune, &latest));
    }
    pages.extend(r.intercommunales(&latest));
    pages.push(r.region(&latest));
    for page in pages {
        match page {
            Ok((path, html)) => {
                site.insert(path, html.into_bytes());
            }
            Err(d) => {
                if !errors.contains(&d) {
                    errors.push(d)
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (path, bytes) in crate::export::export_data(model, &|slug| options.renders_commune(slug)) {
        site.insert(path, bytes);
    }
    let schema = crate::scaffold::audit_schema(&model.methodologies[model.latest()]);
    let mut schema = serde_json::to_string_pretty(&schema).unwrap_or_default();
    schema.push('\n');
    site.insert("data/audit.schema.json".into(), schema.into_bytes());
    // `latest/` mirrors the newest released version: same depth, so the same bytes work.
    let latest = model.latest().to_string();
    let prefix = format!("handbook/{latest}/");
    let copies: Vec<(String, Vec<u8>)> = site
        .iter()
        .filter_map(|(p, b)| {
            p.strip_prefix(&prefix)
                .map(|rest| (format!("handbook/latest/{rest}"), b.clone()))
        })
        .collect();
    for (p, b) in copies {
        site.insert(p, b);
    }
    Ok(site)
}

/// Renders the pages of `communes` only, all under `communes/<slug>/`, against every commune's
/// latest audit (`latest`, computed once by the caller): no handbook, no aggregate page, so a
/// large site can be rendered and written chunk by chunk.
pub fn render_communes(
    model: &Model,
    tera: &tera::Tera,
    templates: &[(String, String, String)],
    options: &RenderOptions,
    communes: &[&Commune],
    latest: &Latests<'_>,
) -> Result<Site, Vec<Diagnostic>> {
    let paths = templates
        .iter()
        .map(|(n, p, _)| (n.as_str(), p.as_str()))
        .collect();
    let r = Renderer {
        model,
        tera,
        paths,
        options,
    };
    let mut site = Site::default();
    let mut errors = Vec::new();
    for page in communes.iter().flat_map(|c| r.commune(c, latest)) {
        match page {
            Ok((path, html)) => drop(site.insert(path, html.into_bytes())),
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    site.extend(crate::export::export_communes(model, communes));
    Ok(site)
}

/// The translation table as a template value, built once and shared by every page (a template
/// value's map is reference-counted, so this costs no copy).
fn translations() -> tera::Value {
    static TABLE: std::sync::OnceLock<tera::Value> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| tera::Value::from_serializable(crate::i18n::table()))
        .clone()
}

pub(crate) struct Renderer<'a> {
    model: &'a Model,
    tera: &'a tera::Tera,
    paths: BTreeMap<&'a str, &'a str>,
    options: &'a RenderOptions,
}

pub(crate) type Page = Result<(String, String), Diagnostic>;

/// Returns the relative path from a page at `path` back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

impl Renderer<'_> {
    fn versions(&self) -> Vec<String> {
        self.model
            .order
            .iter()
            .filter(|v| self.options.drafts || Some(*v) != self.model.draft.as_ref())
            .cloned()
            .collect()
    }

    fn render(&self, path: &str, template: &str, title: &str, mut ctx: Value) -> Page {
        let root = root_of(path);
        let base = json!({
            "site": {
                "title": self.model.config.title,
                "publisher": self.model.config.publisher,
                "licence": self.model.config.data_licence,
            },
            "root": root,
            "page_title": title,
            "head_title": head_title(title, &self.model.config.title),
            "page_path": path,
            "latest": self.model.latest(),
            "demo_notice": self.model.communes.iter().any(|c| c.fictional),
        });
        if let (Value::Object(c), Value::Object(b)) = (&mut ctx, base) {
            for (k, v) in b {
                c.entry(k).or_insert(v);
            }
        }
        let mut context = tera::Context::from_serialize(&ctx).map_err(|e| {
            Diagnostic::error(path, 0, 0, crate::i18n::f("diag.template-render", &[&e]))
        })?;
        if !context.contains_key("t") {
            context.insert_value("t", translations());
        }
        self.tera
            .render(template, &context)
            .map(|html| (path.to_string(), html))
            .map_err(|e| crate::theme::template_error(&e, &self.paths))
    }

    fn portal(&self, latest: &[Latest<'_>]) -> Page {
        let communes: Vec<Value> = self
            .model
            .communes
            .iter()
            .map(|c| {
                let latest = c.visible_audits(self.options.drafts).last();
                json!({
                    "name": c.name,
                    "href": format!("communes/{}/index.html", c.slug),
                    "province": c.province,
                    "intercommunale": self.intercommunale_name(&c.intercommunale),
                    "audit": latest.map(|a| format::date(&a.date)),
                    "version": latest.map(|a| a.methodology.clone()),
                })
            })
            .collect();
        let versions: Vec<Value> = self
            .versions()
            .iter()
            .rev()
            .map(|v| json!({"label": v, "href": format!("handbook/{v}/index.html"), "draft": Some(v) == self.model.draft.as_ref()}))
            .collect();
        let m = &self.model.methodologies[self.model.latest()];
        self.render(
            "index.html",
            "index.html",
            &self.model.config.title,
            json!({
                "communes": communes,
                "versions": versions,
                "intercommunales": self.model.config.intercommunales.iter().filter(|(id, _)| self.model.communes.iter().any(|c| &c.intercommunale == *id)).map(|(id, ic)| json!({"name": ic.name, "href": format!("intercommunales/{id}/index.html")})).collect::<Vec<_>>(),
                "strip": self.strip_chart(latest, "portail-indices"),
                "audited": latest.len(),
                "methodology": {"title": m.title, "version": m.version, "steps": m.steps.iter().map(|s| &s.name).collect::<Vec<_>>(),
                    "criteria": m.criteria.len(), "sources": m.sources.len(), "actions": m.actions.len()},
            }),
        )
    }

    fn intercommunale_name(&self, id: &str) -> String {
        self.model
            .config
            .intercommunales
            .get(id)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    // ----- handbook -----

    fn handbook(&self, version: &str) -> Vec<Page> {
        let m = &self.model.methodologies[version];
        let chapters = &self.model.handbooks[version];
        let base = format!("handbook/{version}/");
        let mut pages = Vec::new();
        let draft = Some(version) == self.model.draft.as_deref();
        let nav = self.handbook_nav(m, chapters);
        let common = |page: &str, extra: Value| -> Value {
            let mut v = json!({
                "version": version,
                "draft": draft,
                "hb": root_of(page).strip_prefix(&root_of(&base)).unwrap_or("").to_string(),
                "nav": nav,
                "switcher": self.switcher(version, page.strip_prefix(&base).unwrap_or(page)),
            });
            if let (Value::Object(a), Value::Object(b)) = (&mut v, extra) {
                a.extend(b);
            }
            v
        };
        let md = |page: &str, text: &str| -> String {
            let hb = root_of(page)
                .strip_prefix(&root_of(&base))
                .unwrap_or("")
                .to_string();
            markdown::to_html(text, &|scheme, id| Some(ref_href(&hb, scheme, id)))
        };

        // Home.
        let path = format!("{base}index.html");
        pages.push(self.render(
            &path,
            "handbook.html",
            &m.title,
            common(&path, json!({"title": m.title, "chapters": chapters.iter().map(|c| json!({"title": c.title, "href": format!("{}.html", c.slug)})).collect::<Vec<_>>(),
                "counts": {"steps": m.steps.len(), "angles": m.angles.len(), "criteria": m.criteria.len(), "sources": m.sources.len(), "actions": m.actions.len()}})),
        ));

        // Chapters.
        for (i, c) in chapters.iter().enumerate() {
            let path = format!("{base}{}.html", c.slug);
            let prev = i.checked_sub(1).and_then(|j| chapters.get(j));
            let next = chapters.get(i + 1);
            let linked: Vec<Value> =
                c.steps
                    .iter()
                    .filter_map(|s| m.step(s))
                    .map(|s| json!({"name": s.name, "href": format!("etapes/{}.html", s.id)}))
                    .chain(
                        c.angles.iter().filter_map(|a| m.angle(a)).map(
                            |a| json!({"name": a.name, "href": format!("angles/{}.html", a.id)}),
                        ),
                    )
                    .collect();
            pages.push(self.render(
                &path,
                "chapter.html",
                &c.title,
                common(&path, json!({
                    "title": c.title,
                    "body": md(&path, &c.body),
                    "linked": linked,
                    "prev": prev.map(|p| json!({"title": p.title, "href": format!("{}.html", p.slug)})),
                    "next": next.map(|p| json!({"title": p.title, "href": format!("{}.html", p.slug)})),
                })),
            ));
        }

        // Reference list pages.
        let lists = [
            ("etapes", crate::i18n::t("ref.steps")),
            ("angles", crate::i18n::t("ref.angles")),
            ("criteres", crate::i18n::t("ref.criteria")),
            ("sources", crate::i18n::t("ref.sources")),
            ("actions", crate::i18n::t("ref.actions")),
            ("echelle", crate::i18n::t("ref.scale")),
        ];
        for (kind, title) in lists {
            let path = format!("{base}{kind}.html");
            let ctx = match kind {
                "etapes" => {
                    json!({"items": m.steps.iter().map(|s| json!({"title": s.name, "href": format!("etapes/{}.html", s.id), "text": markdown::to_inline_html(&first_paragraph(&s.description), &|_, _| None), "count": m.criteria.iter().filter(|c| c.step == s.id).count()})).collect::<Vec<_>>()})
                }
                "angles" => {
                    json!({"items": m.angles.iter().map(|a| json!({"title": a.name, "href": format!("angles/{}.html", a.id), "text": a.question, "count": m.criteria.iter().filter(|c| c.angle == a.id).count()})).collect::<Vec<_>>()})
                }
                "criteres" => json!({"grid": self.criteria_grid(m, "")}),
                "sources" => {
                    json!({"items": m.sources.iter().map(|s| json!({"title": s.name, "href": format!("sources/{}.html", s.id), "text": s.holder, "risk": personal_label(s.personal_data)})).collect::<Vec<_>>()})
                }
                "actions" => {
                    json!({"actions": m.actions.iter().map(|a| self.action_row(m, a, "")).collect::<Vec<_>>()})
                }
                _ => json!({"scale": m.scale}),
            };
            let mut ctx = ctx;
            ctx["kind"] = json!(kind);
            ctx["title"] = json!(title);
            pages.push(self.render(&path, "reference.html", title, common(&path, ctx)));
        }

        // Steps.
        for s in &m.steps {
            let path = format!("{base}etapes/{}.html", s.id);
            let by_angle: Vec<Value> = m
                .angles
                .iter()
                .map(|a| json!({"angle": a.name, "href": format!("../angles/{}.html", a.id), "criteria": m.criteria.iter().filter(|c| c.step == s.id && c.angle == a.id).map(|c| json!({"id": c.id, "question": c.question, "href": format!("../criteres/{}.html", c.id)})).collect::<Vec<_>>()}))
                .collect();
            pages.push(self.render(
                &path,
                "step.html",
                &s.name,
                common(&path, json!({
                    "title": s.name,
                    "description": md(&path, &s.description),
                    "frictions": s.frictions,
                    "by_angle": by_angle,
                    "sources": m.sources.iter().filter(|x| x.steps.contains(&s.id)).map(|x| json!({"title": x.name, "href": format!("../sources/{}.html", x.id)})).collect::<Vec<_>>(),
                    "actions": m.actions.iter().filter(|x| x.steps.contains(&s.id)).map(|x| json!({"title": x.name, "href": format!("../actions/{}.html", x.id)})).collect::<Vec<_>>(),
                    "chapters": chapters.iter().filter(|c| c.steps.contains(&s.id)).map(|c| json!({"title": c.title, "href": format!("../{}.html", c.slug)})).collect::<Vec<_>>(),
                })),
            ));
        }

        // Angles.
        for a in &m.angles {
            let path = format!("{base}angles/{}.html", a.id);
            let by_step: Vec<Value> = m
                .steps
                .iter()
                .map(|s| json!({"step": s.name, "href": format!("../etapes/{}.html", s.id), "criteria": m.criteria.iter().filter(|c| c.step == s.id && c.angle == a.id).map(|c| json!({"id": c.id, "question": c.question, "href": format!("../criteres/{}.html", c.id)})).collect::<Vec<_>>()}))
                .collect();
            pages.push(self.render(
                &path,
                "angle.html",
                &a.name,
                common(&path, json!({
                    "title": a.name,
                    "question": a.question,
                    "description": md(&path, &a.description),
                    "by_step": by_step,
                    "chapters": chapters.iter().filter(|c| c.angles.contains(&a.id)).map(|c| json!({"title": c.title, "href": format!("../{}.html", c.slug)})).collect::<Vec<_>>(),
                })),
            ));
        }

        // Criteria.
        for c in &m.criteria {
            let path = format!("{base}criteres/{}.html", c.id);
            let step = m.step(&c.step);
            let angle = m.angle(&c.angle);
            let levels: Vec<Value> = c
                .levels
                .iter()
                .enumerate()
                .map(|(i, d)| json!({"level": i, "label": m.scale.levels.get(i).map(|l| l.label.clone()).unwrap_or_default(), "descriptor": d}))
                .collect();
            pages.push(self.render(
                &path,
                "criterion.html",
                &c.question,
                common(&path, json!({
                    "title": c.question,
                    "id": c.id,
                    "step": step.map(|s| json!({"name": s.name, "href": format!("../etapes/{}.html", s.id)})),
                    "angle": angle.map(|a| json!({"name": a.name, "href": format!("../angles/{}.html", a.id)})),
                    "weight": format::decimal(c.weight),
                    "levels": levels,
                    "na": m.scale.na, "inconnu": m.scale.inconnu,
                    "guidance": md(&path, &c.guidance),
                    "sources": c.sources.iter().filter_map(|s| m.source(s)).map(|s| json!({"title": s.name, "href": format!("../sources/{}.html", s.id)})).collect::<Vec<_>>(),
                    "actions": m.actions.iter().filter_map(|a| a.triggers.iter().find(|t| t.criterion == c.id).map(|t| json!({"title": a.name, "href": format!("../actions/{}.html", a.id), "max_level": t.max_level}))).collect::<Vec<_>>(),
                })),
            ));
        }

        // Sources.
        for s in &m.sources {
            let path = format!("{base}sources/{}.html", s.id);
            pages.push(self.render(
                &path,
                "source.html",
                &s.name,
                common(&path, json!({
                    "title": s.name,
                    "description": md(&path, &s.description),
                    "holder": s.holder,
                    "risk": personal_label(s.personal_data),
                    "lawful_use": md(&path, &s.lawful_use),
                    "usual_cost": s.usual_cost,
                    "steps": s.steps.iter().filter_map(|x| m.step(x)).map(|x| json!({"title": x.name, "href": format!("../etapes/{}.html", x.id)})).collect::<Vec<_>>(),
                    "criteria": m.criteria.iter().filter(|c| c.sources.contains(&s.id)).map(|c| json!({"title": c.question, "href": format!("../criteres/{}.html", c.id)})).collect::<Vec<_>>(),
                })),
            ));
        }

        // Actions.
        for a in &m.actions {
            let path = format!("{base}actions/{}.html", a.id);
            let mut ctx = self.action_row(m, a, "../");
            ctx["description"] = json!(md(&path, &a.description));
            ctx["benefit"] = json!(a.benefit);
            ctx["gdpr"] = json!(a.gdpr);
            ctx["triggers"] = json!(a.triggers.iter().filter_map(|t| m.criterion(&t.criterion).map(|c| json!({"title": c.question, "href": format!("../criteres/{}.html", c.id), "max_level": t.max_level, "label": m.scale.levels.get(t.max_level as usize).map(|l| l.label.clone())}))).collect::<Vec<_>>());
            pages.push(self.render(&path, "action.html", &a.name, common(&path, ctx)));
        }

        // Changes since the previous version.
        let (path, title, ctx) = self.changelog_context(version);
        pages.push(self.render(&path, "changelog.html", &title, common(&path, ctx)));
        pages
    }

    fn handbook_nav(&self, m: &Methodology, chapters: &[Chapter]) -> Value {
        json!({
            "chapters": chapters.iter().map(|c| json!({"title": c.title, "href": format!("{}.html", c.slug)})).collect::<Vec<_>>(),
            "reference": [
                {"title": crate::i18n::t("ref.steps"), "href": "etapes.html"},
                {"title": crate::i18n::t("ref.angles"), "href": "angles.html"},
                {"title": crate::i18n::t("ref.criteria"), "href": "criteres.html"},
                {"title": crate::i18n::t("ref.scale"), "href": "echelle.html"},
                {"title": crate::i18n::t("ref.sources"), "href": "sources.html"},
                {"title": crate::i18n::t("ref.actions"), "href": "actions.html"},
                {"title": crate::i18n::t("changelog.nav"), "href": "changements.html"},
            ],
            "steps": m.steps.iter().map(|s| json!({"title": s.name, "href": format!("etapes/{}.html", s.id)})).collect::<Vec<_>>(),
        })
    }

    /// Links to the same page in every other version, or to that version's home.
    fn switcher(&self, current: &str, page: &str) -> Vec<Value> {
        self.versions()
            .iter()
            .rev()
            .map(|v| {
                let exists = self.page_exists(v, page);
                json!({
                    "label": v,
                    "current": v == current,
                    "draft": Some(v) == self.model.draft.as_ref(),
                    "target": if exists { page.to_string() } else { "index.html".to_string() },
                })
            })
            .collect()
    }

    fn page_exists(&self, version: &str, page: &str) -> bool {
        let m = &self.model.methodologies[version];
        let chapters = &self.model.handbooks[version];
        let stem = page.strip_suffix(".html").unwrap_or(page);
        match stem.split_once('/') {
            Some(("etapes", id)) => m.step(id).is_some(),
            Some(("angles", id)) => m.angle(id).is_some(),
            Some(("criteres", id)) => m.criterion(id).is_some(),
            Some(("sources", id)) => m.source(id).is_some(),
            Some(("actions", id)) => m.action(id).is_some(),
            Some(_) => false,
            None => {
                stem == "index"
                    || stem == "changements"
                    || crate::check::REF_PAGES.contains(&stem)
                    || chapters.iter().any(|c| c.slug == stem)
            }
        }
    }

    fn criteria_grid(&self, m: &Methodology, prefix: &str) -> Value {
        json!({
            "angles": m.angles.iter().map(|a| &a.name).collect::<Vec<_>>(),
            "rows": m.steps.iter().map(|s| json!({
                "step": s.name,
                "href": format!("{prefix}etapes/{}.html", s.id),
                "cells": m.angles.iter().map(|a| m.criteria.iter().filter(|c| c.step == s.id && c.angle == a.id).map(|c| json!({"id": c.id, "question": c.question, "href": format!("{prefix}criteres/{}.html", c.id)})).collect::<Vec<_>>()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }

    fn action_row(&self, m: &Methodology, a: &Action, prefix: &str) -> Value {
        json!({
            "title": a.name,
            "id": a.id,
            "href": format!("{prefix}actions/{}.html", a.id),
            "steps": a.steps.iter().filter_map(|s| m.step(s)).map(|s| json!({"title": s.name, "href": format!("{prefix}etapes/{}.html", s.id)})).collect::<Vec<_>>(),
            "angles": a.angles.iter().filter_map(|s| m.angle(s)).map(|s| json!({"title": s.name, "href": format!("{prefix}angles/{}.html", s.id)})).collect::<Vec<_>>(),
            "cost_one_off": format::euro_range(a.cost_one_off),
            "cost_yearly": format::euro_range(a.cost_yearly),
            "staff_days": format!("{}–{}", format::decimal(a.staff_days[0]), format::decimal(a.staff_days[1])),
            "lead_time": a.lead_time_months,
            "impact": a.impact,
        })
    }

    // ----- communes -----

    fn commune(&self, c: &Commune, latest: &Latests<'_>) -> Vec<Page> {
        let audits: Vec<&Audit> = c.visible_audits(self.options.drafts).collect();
        let mut pages = Vec::new();
        if let Some(last) = audits.last() {
            pages.push(self.tender(c, last));
        }
        for (i, audit) in audits.iter().enumerate() {
            let path = if i + 1 == audits.len() {
                format!("communes/{}/index.html", c.slug)
            } else {
                format!("communes/{}/{}/index.html", c.slug, audit.id)
            };
            let previous = i.checked_sub(1).map(|j| audits[j]);
            pages.push(self.report(c, audit, &audits, previous, &path, latest));
        }
        pages
    }

    fn report(
        &self,
        c: &Commune,
        audit: &Audit,
        all: &[&Audit],
        previous: Option<&Audit>,
        path: &str,
        latest: &Latests<'_>,
    ) -> Page {
        let m = &self.model.methodologies[&audit.methodology];
        let card: Scorecard = score_audit(m, audit);
        let is_latest = all.last().is_some_and(|a| a.id == audit.id);
        let typology_peers = aggregate::peers(self.model, latest, c, audit, PeerGroup::Typology);
        let ic_peers = aggregate::peers(self.model, latest, c, audit, PeerGroup::Intercommunale);
        let peer_block = |p: &Result<aggregate::Peers, usize>, key: &str| -> Value {
            match p {
                Ok(peers) => json!({
                    "label": crate::i18n::t(key),
                    "count": peers.count,
                    "rows": m.steps.iter().zip(&card.steps).zip(&peers.steps).map(|((s, own), st)| json!({
                        "step": s.name,
                        "own": format::score(own.score),
                        "median": format::score(st.map(|x| x.0)),
                        "spread": st.map(|(_, lo, hi)| format!("{}–{}", format::score(Some(lo)), format::score(Some(hi)))).unwrap_or_else(|| "—".into()),
                    })).collect::<Vec<_>>(),
                }),
                Err(n) => json!({"label": crate::i18n::t(key), "too_few": n}),
            }
        };
        let peers_json = if is_latest {
            json!([
                peer_block(&typology_peers, "peers.typology"),
                peer_block(&ic_peers, "peers.intercommunale")
            ])
        } else {
            json!([])
        };
        let median: Option<Vec<Option<f64>>> = typology_peers
            .as_ref()
            .ok()
            .map(|p| p.steps.iter().map(|s| s.map(|x| x.0)).collect());
        let progress = previous.and_then(|prev| {
            let pm = self.model.methodologies.get(&prev.methodology)?;
            Some((prev, aggregate::progress(pm, prev, m, audit)))
        });
        let before_label = previous.map(|p| format::date(&p.date)).unwrap_or_default();
        let after_label = format::date(&audit.date);
        let figures = figures::report_figures(
            m,
            audit,
            &card,
            median.as_deref(),
            progress.as_ref().map(|(_, p)| {
                (
                    &p.before,
                    &p.after,
                    before_label.as_str(),
                    after_label.as_str(),
                )
            }),
        );
        let progress_json = progress.as_ref().map(|(prev, p)| {
            let row = |name: &str, b: Option<f64>, a: Option<f64>| {
                let delta = b.zip(a).map(|(b, a)| a.round() - b.round());
                json!({"name": name, "before": format::score(b), "after": format::score(a),
                    "delta": delta.map(|d| if d > 0.0 { format!("+{d:.0}") } else { format!("{d:.0}") }).unwrap_or_else(|| "—".into()),
                    "direction": delta.map(|d| if d > 0.0 { "up" } else if d < 0.0 { "down" } else { "same" }).unwrap_or("same")})
            };
            json!({
                "from": format::date(&prev.date),
                "from_version": prev.methodology,
                "same_version": prev.methodology == audit.methodology,
                "steps": p.methodology.steps.iter().enumerate().map(|(i, s)| row(&s.name, p.before.steps[i].score, p.after.steps[i].score)).collect::<Vec<_>>(),
                "angles": p.methodology.angles.iter().enumerate().map(|(i, a)| row(&a.name, p.before.angles[i].score, p.after.angles[i].score)).collect::<Vec<_>>(),
                "left_out": p.left_out,
                "completed": p.completed.iter().map(|id| json!({"title": m.action(id).map(|a| a.name.clone()).unwrap_or(id.clone()), "href": format!("{}handbook/{}/actions/{id}.html", root_of(path), audit.methodology)})).collect::<Vec<_>>(),
            })
        });
        let root = root_of(path);
        let hb = format!("{root}handbook/{}/", audit.methodology);
        let (weak, strong) = links(&card, 5);
        let link_json = |l: &crate::score::Link| {
            let s = &m.steps[l.step];
            let a = &m.angles[l.angle];
            let criteria: Vec<Value> = m
                .criteria
                .iter()
                .filter(|x| x.step == s.id && x.angle == a.id)
                .map(|x| self.answer_json(m, audit, x, &hb))
                .collect();
            json!({"step": s.name, "angle": a.name, "score": format::score(Some(l.score)), "criteria": criteria})
        };
        let steps: Vec<Value> = m
            .steps
            .iter()
            .zip(&card.steps)
            .map(|(s, p)| json!({"name": s.name, "href": format!("{hb}etapes/{}.html", s.id), "score": format::score(p.score), "value": p.score.unwrap_or(0.0).round(), "band": format::band(p.score), "coverage": format::percent(p.coverage),
                "answers": m.criteria.iter().filter(|x| x.step == s.id).map(|x| self.answer_json(m, audit, x, &hb)).collect::<Vec<_>>()}))
            .collect();
        let angles: Vec<Value> = m
            .angles
            .iter()
            .zip(&card.angles)
            .map(|(a, p)| json!({"name": a.name, "href": format!("{hb}angles/{}.html", a.id), "score": format::score(p.score), "value": p.score.unwrap_or(0.0).round(), "band": format::band(p.score), "coverage": format::percent(p.coverage)}))
            .collect();
        let grid: Vec<Value> = m
            .steps
            .iter()
            .zip(&card.cells)
            .map(|(s, row)| json!({"step": s.name, "cells": row.iter().map(|p| json!({"score": if p.criteria == 0 { "".to_string() } else { format::score(p.score) }, "band": format::band(p.score)})).collect::<Vec<_>>()}))
            .collect();
        let inventory: Vec<Value> = audit
            .inventory
            .iter()
            .map(|i| json!({
                "name": i.name,
                "type": m.source(&i.kind).map(|s| s.name.clone()).unwrap_or_default(),
                "href": format!("{hb}sources/{}.html", i.kind),
                "holder": i.holder,
                "access": crate::i18n::t(&format!("access.{}", access_key(i.access))),
                "format": i.format, "refresh": i.refresh,
                "personal": personal_label(i.personal_data),
                "legal_basis": i.legal_basis,
                "dpia": i.dpia,
                "quality": i.quality,
                "steps": i.steps.iter().filter_map(|s| m.step(s)).map(|s| s.short.clone()).collect::<Vec<_>>().join(", "),
                "citation": i.citation,
                "flag": i.gdpr_flag,
            }))
            .collect();
        let plan: Vec<Value> = audit
            .plan
            .iter()
            .map(|p| {
                let a = m.action(&p.action);
                json!({
                    "title": a.map(|a| a.name.clone()).unwrap_or_default(),
                    "href": format!("{hb}actions/{}.html", p.action),
                    "owner": p.owner,
                    "period": format!("{} → {}", p.start, p.end),
                    "budget_one_off": format::euros(p.budget_one_off),
                    "budget_yearly": format::euros(p.budget_yearly),
                    "staff_days": format::decimal(p.staff_days),
                    "status": crate::i18n::t(&format!("plan.{}", plan_key(p.status))),
                    "status_key": plan_key(p.status),
                    "kpi": p.kpi,
                })
            })
            .collect();
        let total_one_off: f64 = audit
            .plan
            .iter()
            .filter(|p| p.status != PlanStatus::Dropped)
            .map(|p| p.budget_one_off)
            .sum();
        let total_yearly: f64 = audit
            .plan
            .iter()
            .filter(|p| p.status != PlanStatus::Dropped)
            .map(|p| p.budget_yearly)
            .sum();
        let fired = crate::recommend::recommend(m, audit);
        let (weak_all, _) = links(&card, usize::MAX);
        let recommendations: Vec<Value> = crate::recommend::group_by_weak_link(m, &fired, &weak_all)
            .into_iter()
            .map(|(link, recs)| {
                let shown = if link.is_some() { 3 } else { 5 };
                let items: Vec<Value> = recs.iter().filter_map(|r| {
                        let a = m.action(&r.action)?;
                        Some(json!({
                            "title": a.name,
                            "href": format!("{hb}actions/{}.html", a.id),
                            "planned": r.planned,
                            "cost_one_off": format::euro_range(a.cost_one_off),
                            "cost_yearly": format::euro_range(a.cost_yearly),
                            "impact": a.impact,
                            "because": r.because.iter().filter_map(|(cid, score)| m.criterion(cid).map(|c| json!({"title": c.question, "href": format!("{hb}criteres/{}.html", c.id), "level": score_label(m, *score)}))).collect::<Vec<_>>(),
                        }))
                    }).collect();
                json!({
                    "link": link.map(|l| format!("{} × {} ({} {})", m.steps[l.step].name, m.angles[l.angle].name, format::score(Some(l.score)), crate::i18n::t("report.out-of"))),
                    "actions": items.iter().take(shown).collect::<Vec<_>>(),
                    "more": items.iter().skip(shown).collect::<Vec<_>>(),
                })
            })
            .collect();
        let others: Vec<Value> = all
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let target = if i + 1 == all.len() {
                    format!("{root}communes/{}/index.html", c.slug)
                } else {
                    format!("{root}communes/{}/{}/index.html", c.slug, a.id)
                };
                json!({"id": a.id, "date": format::date(&a.date), "href": target, "current": a.id == audit.id, "version": a.methodology})
            })
            .collect();
        let band = m.band_for(c.population).map(|b| b.name.clone());
        let degurba = m
            .degurba
            .iter()
            .find(|d| d.id == c.degurba)
            .map(|d| d.name.clone());
        let indicators = audit.indicators.clone().unwrap_or_default();
        let title = crate::i18n::f("report.title", &[&c.name]);
        self.render(
            path,
            "report.html",
            &title,
            json!({
                "title": title,
                "commune": {
                    "name": c.name, "ins": c.ins, "province": c.province,
                    "intercommunale": self.intercommunale_name(&c.intercommunale),
                    "population": format::thousands(c.population), "population_year": c.population_year,
                    "area": c.area_km2.map(format::decimal),
                    "density": c.area_km2.filter(|a| *a > 0.0).map(|a| format::thousands((c.population as f64 / a).round() as u64)),
                    "degurba": degurba, "band": band, "sources_note": c.sources_note, "fictional": c.fictional,
                },
                "audit": {
                    "id": audit.id, "date": format::date(&audit.date), "draft": audit.status == AuditStatus::Draft,
                    "auditors": audit.auditors, "summary": markdown::to_html(&audit.summary, &|_, _| None),
                    "version": audit.methodology, "handbook": format!("{hb}index.html"),
                    "newer_version": self.newer_version(&audit.methodology),
                },
                "overall": format::score(card.overall),
                "overall_band": format::band(card.overall),
                "coverage": format::percent(Some(card.coverage)),
                "steps": steps,
                "angles": angles,
                "angle_names": m.angles.iter().map(|a| &a.name).collect::<Vec<_>>(),
                "grid": grid,
                "weak": weak.iter().map(link_json).collect::<Vec<_>>(),
                "strong": strong.iter().map(link_json).collect::<Vec<_>>(),
                "inventory": inventory,
                "gdpr_flags": audit.inventory.iter().filter(|i| i.gdpr_flag).count(),
                "plan": plan,
                "total_one_off": format::euros(total_one_off),
                "total_yearly": format::euros(total_yearly),
                "recommendations": recommendations,
                "indicators": {
                    "shops": indicators.shops.map(format::thousands),
                    "vacancy_rate": indicators.vacancy_rate.map(|v| format!("{}\u{a0}%", format::decimal(v))),
                    "parking_spaces": indicators.parking_spaces.map(format::thousands),
                    "collection_points": indicators.collection_points.map(format::thousands),
                    "footfall": indicators.footfall.map(format::thousands),
                    "footfall_source": indicators.footfall_source,
                },
                "audits": others,
                "newer": self.newer_changes(audit, &root),
                "scale": m.scale,
                "charts": figures,
                "peers": peers_json,
                "progress": progress_json,
                "is_latest": is_latest,
                "tender": is_latest.then(|| format!("{root}communes/{}/cahier-des-charges.html", c.slug)),
            }),
        )
    }

    fn answer_json(&self, m: &Methodology, audit: &Audit, c: &Criterion, hb: &str) -> Value {
        let answer = audit.answers.get(&c.id);
        let score = answer.map(|a| a.score);
        json!({
            "id": c.id,
            "question": c.question,
            "href": format!("{hb}criteres/{}.html", c.id),
            "level": score.map(|s| score_label(m, s)).unwrap_or_else(|| crate::i18n::t("report.unanswered").to_string()),
            "level_key": match score { Some(Score::Level(l)) => format!("l{l}"), Some(Score::Na) => "na".into(), Some(Score::Inconnu) => "inconnu".into(), None => "none".into() },
            "descriptor": match score { Some(Score::Level(l)) => c.levels.get(l as usize).cloned().unwrap_or_default(), _ => String::new() },
            "evidence": answer.map(|a| a.evidence.clone()).unwrap_or_default(),
        })
    }
}

/// The longest `<title>` kept whole (html-validate counts escaped apostrophes as five
/// characters against its limit of 70); longer ones lose the site name, then are cut at a word.
const TITLE_MAX: usize = 60;

/// Returns the document title: the page's, followed by the site's when both fit.
fn head_title(page: &str, site: &str) -> String {
    if page == site {
        return site.to_string();
    }
    let full = format!("{page} · {site}");
    if full.chars().count() <= TITLE_MAX {
        return full;
    }
    if page.chars().count() <= TITLE_MAX {
        return page.to_string();
    }
    let mut cut = String::new();
    for word in page.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 2 > TITLE_MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The relative URL of a generated handbook page, from a page whose way back to the version's
/// folder is `hb`.
pub fn ref_href(hb: &str, scheme: &str, id: &str) -> String {
    match scheme {
        "critere" => format!("{hb}criteres/{id}.html"),
        "etape" => format!("{hb}etapes/{id}.html"),
        "angle" => format!("{hb}angles/{id}.html"),
        "source" => format!("{hb}sources/{id}.html"),
        "action" => format!("{hb}actions/{id}.html"),
        _ => format!("{hb}{id}.html"),
    }
}

fn first_paragraph(md: &str) -> String {
    md.split("\n\n").next().unwrap_or("").to_string()
}

fn score_label(m: &Methodology, s: Score) -> String {
    match s {
        Score::Level(l) => format!(
            "{l} — {}",
            m.scale
                .levels
                .get(l as usize)
                .map(|x| x.label.as_str())
                .unwrap_or("")
        ),
        Score::Na => m.scale.na.label.clone(),
        Score::Inconnu => m.scale.inconnu.label.clone(),
    }
}

pub(crate) fn personal_label(p: PersonalData) -> &'static str {
    crate::i18n::t(match p {
        PersonalData::None => "personal.none",
        PersonalData::Pseudonymised => "personal.pseudonymised",
        PersonalData::Personal => "personal.personal",
    })
}

/// The translation key of an access kind.
pub fn access_key(a: Access) -> &'static str {
    match a {
        Access::Open => "open",
        Access::Internal => "internal",
        Access::Partner => "partner",
        Access::Purchasable => "purchasable",
        Access::None => "none",
    }
}

pub(crate) fn plan_key(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Planned => "planned",
        PlanStatus::InProgress => "in-progress",
        PlanStatus::Done => "done",
        PlanStatus::Dropped => "dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::head_title;

    #[test]
    fn titles_stay_short() {
        assert_eq!(head_title("Glossaire", "Site"), "Glossaire · Site");
        let long = "Les dispositifs qui captent des signaux des passants ont-ils fait l'objet d'une analyse d'impact ?";
        let t = head_title(long, "Smart Commerce — Parcours-client");
        assert!(t.chars().count() <= 60, "{t}");
        assert!(t.ends_with('…') && t.starts_with("Les dispositifs"), "{t}");
    }
}
