//! Handbook pages of one methodology version: home, chapters, generated reference pages
//! (steps, angles, criteria, data catalogue, action library, scale) and the version switcher.

use serde_json::{json, Value};

use super::{first_paragraph, personal_label, ref_href, root_of, Page, Renderer};
use crate::format;
use crate::markdown;
use crate::model::*;

impl Renderer<'_> {
    /// Renders every handbook page of `version`.
    pub(super) fn handbook(&self, version: &str) -> Vec<Page> {
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
                    json!({"items": m.angles.iter().map(|a| json!({"title": a.name, "href": format!("angles/{}.html", a.id), "text": super::escape_html(&a.question), "count": m.criteria.iter().filter(|c| c.angle == a.id).count()})).collect::<Vec<_>>()})
                }
                "criteres" => json!({"grid": self.criteria_grid(m, "")}),
                "sources" => {
                    json!({"items": m.sources.iter().map(|s| json!({"title": s.name, "href": format!("sources/{}.html", s.id), "text": super::escape_html(&s.holder), "risk": personal_label(s.personal_data)})).collect::<Vec<_>>()})
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
}
