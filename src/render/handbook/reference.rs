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
                ReferenceList::Scale {
                    scale: &m.scale,
                    outcomes: outcome_cards(v),
                },
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

/// The outcome indicators of the version, for its scale page.
fn outcome_cards<'a>(v: &Version<'a>) -> Vec<OutcomeCard<'a>> {
    let page = v.path("echelle.html");
    v.m.outcomes
        .iter()
        .map(|o| OutcomeCard {
            id: &o.id,
            name: &o.name,
            unit: &o.unit,
            better: match o.better {
                Better::Higher => t("outcomes.better-higher"),
                Better::Lower => t("outcomes.better-lower"),
            },
            protocol: v.md(&page, &o.protocol),
            chapter: o
                .chapter
                .as_ref()
                .and_then(|slug| v.chapters.iter().find(|c| &c.slug == slug))
                .map(|c| link(&c.title, format!("{}.html", c.slug))),
        })
        .collect()
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
                light: c.light,
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
        light: a.light,
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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::{action_facts, action_row, criteria_grid};
    use crate::testkit::{action, criterion, methodology};

    const REFERENCE: &str = include_str!("../../../themes/default/templates/reference.html");
    const ACTION: &str = include_str!("../../../themes/default/templates/action.html");

    /// The keys of `value`, which must be an object.
    fn keys(value: &impl serde::Serialize) -> Vec<String> {
        match serde_json::to_value(value) {
            Ok(Value::Object(map)) => map.keys().cloned().collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    /// Fails on a field the template never reads as `var.field`: a dead field.
    fn all_read(template: &str, var: &str, keys: &[String]) {
        for k in keys {
            assert!(
                template.contains(&format!("{var}.{k}")),
                "{var}.{k} is never read"
            );
        }
    }

    fn sample() -> crate::model::Methodology {
        let mut m = methodology(&["s"], &["a"], vec![criterion("s.c", "s", "a", 1.0)]);
        let mut act = action("x", "s.c", 2, 3, 1000.0);
        act.steps = vec!["s".into()];
        act.angles = vec!["a".into()];
        m.actions = vec![act];
        m
    }

    #[test]
    fn every_field_of_the_action_table_and_the_criteria_grid_is_read() {
        let m = sample();
        all_read(REFERENCE, "a", &keys(&action_row(&m, &m.actions[0], "")));
        let grid = criteria_grid(&m, "");
        all_read(REFERENCE, "grid", &keys(&grid));
        all_read(REFERENCE, "row", &keys(&grid.rows[0]));
        all_read(REFERENCE, "c", &keys(&grid.rows[0].cells[0][0]));
    }

    #[test]
    fn every_fact_of_an_action_is_printed_on_its_page() {
        let m = sample();
        for k in keys(&action_facts(&m, &m.actions[0], "../")) {
            assert!(
                ACTION.contains(&format!("{{{{ {k} }}}}")) || ACTION.contains(&format!(" in {k} ")),
                "{k}"
            );
        }
    }

    #[test]
    fn the_grid_has_a_cell_per_angle_and_links_from_the_prefix() {
        let m = sample();
        let grid = criteria_grid(&m, "../");
        assert_eq!(grid.angles, ["a"]);
        assert_eq!(grid.rows[0].cells.len(), 1);
        assert_eq!(grid.rows[0].cells[0][0].href, "../criteres/s.c.html");
        let facts = action_facts(&m, &m.actions[0], "../");
        assert_eq!(facts.steps[0].href, "../etapes/s.html");
        assert_eq!(
            (facts.lead_time.as_str(), facts.impact.as_str()),
            ("1", "3")
        );
    }
}
