//! Commune report pages: the latest published audit at `communes/<slug>/index.html`, earlier
//! ones under their id, with scores, charts, links, peers, progress and recommendations.

use serde_json::{json, Value};

use super::{access_key, figures, personal_label, plan_key, root_of, score_label, Page, Renderer};
use crate::aggregate::{self, Latests, PeerGroup};
use crate::format;
use crate::markdown;
use crate::model::*;
use crate::score::{links, score_audit, Scorecard};

impl Renderer<'_> {
    /// Renders the tender page and a report per visible audit of `c`.
    pub(super) fn commune(&self, c: &Commune, latest: &Latests<'_>) -> Vec<Page> {
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
                let delta = format::change(b, a);
                json!({"name": name, "before": format::score(b), "after": format::score(a),
                    "delta": delta.map(format::signed).unwrap_or_else(|| "—".into()),
                    "direction": delta.map(|d| if d > 0 { "up" } else if d < 0 { "down" } else { "same" }).unwrap_or("same")})
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
            .map(|(s, p)| json!({"name": s.name, "href": format!("{hb}etapes/{}.html", s.id), "score": format::score(p.score), "value": format::score_units(p.score).unwrap_or(0), "band": format::band(p.score), "coverage": format::percent(p.coverage),
                "answers": m.criteria.iter().filter(|x| x.step == s.id).map(|x| self.answer_json(m, audit, x, &hb)).collect::<Vec<_>>()}))
            .collect();
        let angles: Vec<Value> = m
            .angles
            .iter()
            .zip(&card.angles)
            .map(|(a, p)| json!({"name": a.name, "href": format!("{hb}angles/{}.html", a.id), "score": format::score(p.score), "value": format::score_units(p.score).unwrap_or(0), "band": format::band(p.score), "coverage": format::percent(p.coverage)}))
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
                    "density": c.area_km2.filter(|a| *a > 0.0).map(|a| format::integer(format::rounded(Some(c.population as f64 / a)).unwrap_or(0))),
                    "degurba": degurba, "band": band, "sources_note": c.sources_note, "fictional": c.fictional,
                },
                "audit": {
                    "id": audit.id, "date": format::date(&audit.date), "draft": audit.status == AuditStatus::Draft,
                    "auditors": audit.auditors, "summary": markdown::to_submitted_html(&audit.summary),
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
