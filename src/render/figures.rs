//! Chart contexts: model data → `charts` inputs → `{id, title, caption, svg, table}` for the
//! `figure.html` include. Numbers stay numbers until `charts` formats them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Html;

use super::Renderer;
use crate::charts::{self, Axis, Chart, StripGroup, StripPoint};
use crate::model::{Access, Audit, Methodology};
use crate::score::{Latest, Scorecard};

/// The context the `figure.html` include expects: a chart and its data as a table.
#[derive(Serialize)]
pub struct Figure {
    /// The figure's id (prefixes every id inside `svg`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// How to read it.
    pub caption: String,
    /// The drawing, an `<svg>` element made by [`crate::charts`]: printed unescaped.
    pub svg: Html,
    /// The data table's column headers.
    pub headers: Vec<String>,
    /// The data table's rows.
    pub rows: Vec<Vec<String>>,
}

/// Turns a chart into the context the `figure.html` include expects.
pub fn figure(chart: Chart) -> Figure {
    Figure {
        id: chart.id,
        title: chart.title,
        caption: chart.caption,
        svg: Html::chart(chart.svg),
        headers: chart.table.headers,
        rows: chart.table.rows,
    }
}

/// The figures of a report, by name.
pub type Figures = BTreeMap<&'static str, Figure>;

/// The step axes of a methodology.
pub fn step_axes(m: &Methodology) -> Vec<Axis> {
    m.steps
        .iter()
        .map(|s| Axis::new(&s.short, &s.name))
        .collect()
}

fn angle_axes(m: &Methodology) -> Vec<Axis> {
    m.angles
        .iter()
        .map(|a| Axis::new(short_angle(&a.name), &a.name))
        .collect()
}

/// A short angle label for narrow chart columns.
fn short_angle(name: &str) -> String {
    match name.split_whitespace().next() {
        Some(first) if name.chars().count() > 14 => first.to_string(),
        _ => name.to_string(),
    }
}

/// The charts of a commune report.
pub fn report_figures(
    m: &Methodology,
    audit: &Audit,
    card: &Scorecard,
    peer_median: Option<&[Option<f64>]>,
    progress: Option<(&Scorecard, &Scorecard, &str, &str)>,
) -> Figures {
    let steps = step_axes(m);
    let scores: Vec<Option<f64>> = card.steps.iter().map(|p| p.score).collect();
    let (cells, marks) = heat_cells(card);
    let mut counts = vec![[0u32; 5]; m.steps.len()];
    let mut flags = vec![0u32; m.steps.len()];
    for item in &audit.inventory {
        let access = Access::ALL
            .iter()
            .position(|a| *a == item.access)
            .unwrap_or(4);
        for s in &item.steps {
            if let Some(i) = m.steps.iter().position(|x| &x.id == s) {
                counts[i][access] += 1;
                if item.gdpr_flag {
                    flags[i] += 1;
                }
            }
        }
    }
    let mut out = Figures::from([
        (
            "radar",
            figure(charts::radar("radar", &steps, &scores, peer_median)),
        ),
        (
            "heatmap",
            figure(charts::heatmap_marked(
                "heatmap",
                &steps,
                &angle_axes(m),
                &cells,
                &marks,
            )),
        ),
        (
            "inventory",
            figure(charts::inventory(
                "inventaire-graphique",
                &steps,
                &counts,
                &flags,
            )),
        ),
    ]);
    if let Some((before, after, before_label, after_label)) = progress {
        let b: Vec<Option<f64>> = before.steps.iter().map(|p| p.score).collect();
        let a: Vec<Option<f64>> = after.steps.iter().map(|p| p.score).collect();
        let chart = charts::progress("evolution", &steps, &b, &a, before_label, after_label);
        out.insert("progress", figure(chart));
    }
    out
}

impl Renderer<'_> {
    /// The strip chart of overall indexes grouped by degree of urbanisation.
    pub(super) fn strip_chart(&self, latest: &[Latest<'_>], id: &str) -> Figure {
        let m = &self.model.methodologies[self.model.latest()];
        let groups: Vec<StripGroup> = m
            .degurba
            .iter()
            .map(|d| StripGroup {
                label: d.name.clone(),
                points: latest
                    .iter()
                    .filter(|l| l.commune.degurba == d.id)
                    .filter_map(|l| {
                        l.card.overall.map(|v| StripPoint {
                            label: l.commune.name.clone(),
                            value: v,
                        })
                    })
                    .collect(),
            })
            .collect();
        figure(charts::strip(id, &groups))
    }
}

/// The heat map's scores and marks, step by angle.
fn heat_cells(card: &Scorecard) -> (Vec<Vec<Option<f64>>>, Vec<Vec<charts::CellMark>>) {
    let cells = card.cells.iter();
    (
        cells
            .clone()
            .map(|row| row.iter().map(|p| p.score).collect())
            .collect(),
        cells
            .map(|row| row.iter().map(cell_mark).collect())
            .collect(),
    )
}

/// The heat-map mark of a scored cell: one known answer, or every criterion `na`.
fn cell_mark(part: &crate::score::Part) -> charts::CellMark {
    if part.not_applicable {
        charts::CellMark::NotApplicable
    } else if part.thin() {
        charts::CellMark::OneAnswer
    } else {
        charts::CellMark::Plain
    }
}
