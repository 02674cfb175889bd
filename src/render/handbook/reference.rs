//! The generated list pages of a handbook version: steps, angles, criteria grid, sources,
//! action library and scale.

use super::{link, Version};
use crate::format;
use crate::i18n::t;
use crate::model::*;
use crate::render::context::handbook::*;
use crate::render::context::Html;
use crate::render::{first_paragraph, personal_label, Page, Renderer};

impl Renderer<'_> {
    /// The generated list pages: steps, angles, criteria, sources, actions, scale.
    pub(super) fn reference_pages(&self, v: &Version<'_>) -> Vec<Page> {
        let m = v.m;
        let count =
            |f: &dyn Fn(&Criterion) -> bool| Some(m.criteria.iter().filter(|c| f(c)).count());
        let steps = m.steps.iter().map(|s| Card {
            title: &s.name,
            href: format!("etapes/{}.html", s.id),
            text: Html::inline_markdown(&first_paragraph(&s.description)),
            count: count(&|c| c.step == s.id),
            risk: None,
        });
        let angles = m.angles.iter().map(|a| Card {
            title: &a.name,
            href: format!("angles/{}.html", a.id),
            text: Html::escape(&a.question),
            count: count(&|c| c.angle == a.id),
            risk: None,
        });
        let sources = m.sources.iter().map(|s| Card {
            title: &s.name,
            href: format!("sources/{}.html", s.id),
            text: Html::escape(&s.holder),
            count: None,
            risk: Some(personal_label(s.personal_data)),
        });
        let lists = [
            (
                "etapes",
                "ref.steps",
                ReferenceList::Cards {
                    items: steps.collect(),
                },
            ),
            (
                "angles",
                "ref.angles",
                ReferenceList::Cards {
                    items: angles.collect(),
                },
            ),
            (
                "criteres",
                "ref.criteria",
                ReferenceList::Criteria {
                    grid: criteria_grid(m, ""),
                },
            ),
            (
                "sources",
                "ref.sources",
                ReferenceList::Cards {
                    items: sources.collect(),
                },
            ),
            (
                "actions",
                "ref.actions",
                ReferenceList::Actions {
                    actions: m.actions.iter().map(|a| action_row(m, a, "")).collect(),
                },
            ),
            (
                "echelle",
                "ref.scale",
                ReferenceList::Scale { scale: &m.scale },
            ),
        ];
        lists
            .into_iter()
            .map(|(kind, key, list)| {
                let title = t(key);
                let page = Reference { kind, title, list };
                self.handbook_page(
                    v,
                    &v.path(&format!("{kind}.html")),
                    "reference.html",
                    title,
                    page,
                )
            })
            .collect()
    }
}

fn criteria_grid<'a>(m: &'a Methodology, prefix: &str) -> Grid<'a> {
    let cell = |s: &Step, a: &Angle| -> Vec<GridCell<'a>> {
        m.criteria
            .iter()
            .filter(|c| c.step == s.id && c.angle == a.id)
            .map(|c| GridCell {
                id: &c.id,
                question: &c.question,
                href: format!("{prefix}criteres/{}.html", c.id),
            })
            .collect()
    };
    Grid {
        angles: m.angles.iter().map(|a| a.name.as_str()).collect(),
        rows: m
            .steps
            .iter()
            .map(|s| GridRow {
                step: &s.name,
                href: format!("{prefix}etapes/{}.html", s.id),
                cells: m.angles.iter().map(|a| cell(s, a)).collect(),
            })
            .collect(),
    }
}

fn action_row<'a>(m: &'a Methodology, a: &'a Action, prefix: &str) -> ActionRow<'a> {
    ActionRow {
        href: format!("{prefix}actions/{}.html", a.id),
        facts: action_facts(m, a, prefix),
    }
}

pub(super) fn action_facts<'a>(m: &'a Methodology, a: &'a Action, prefix: &str) -> ActionFacts<'a> {
    let steps = a.steps.iter().filter_map(|s| m.step(s));
    ActionFacts {
        title: &a.name,
        steps: steps
            .map(|s| link(&s.name, format!("{prefix}etapes/{}.html", s.id)))
            .collect(),
        cost_one_off: format::euro_range(a.cost_one_off),
        cost_yearly: format::euro_range(a.cost_yearly),
        staff_days: format!(
            "{}–{}",
            format::decimal(a.staff_days[0]),
            format::decimal(a.staff_days[1])
        ),
        lead_time: a.lead_time_months.to_string(),
        impact: a.impact.to_string(),
    }
}
