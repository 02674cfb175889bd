//! The envelope against the plan: for each resource (one-off euros, euros per year, staff
//! days), what the planned actions take beside what the commune gives.

use super::layout::{draw_legend, label_column, legend_height, Key, LegendItem};
use super::svg::{empty_chart, finish_chart, render};
use super::text::Font;
use super::{
    sentence, Axis, Chart, INK, LABEL_SIZE, MARGIN, NONE_FILL, OI_BLUE, SMALL_SIZE, WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};

/// One resource of the envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// What it is, e.g. "Budget ponctuel".
    pub label: String,
    /// What the plan takes.
    pub planned: f64,
    /// What the envelope gives.
    pub available: f64,
    /// Staff days (written "12 j") rather than euros.
    pub days: bool,
}

impl Resource {
    fn amount(&self, v: f64) -> String {
        if self.days {
            f("chart.envelope.days", &[&format::decimal(v)])
        } else {
            format::euros(v)
        }
    }
}

/// Draws, per resource, the plan (plain blue) over the envelope (hatched grey), each row on its
/// own scale (the longer of the two fills the row), amounts written at the bar ends.
///
/// Negative or non-finite amounts count as 0; all zero is "no data".
pub fn envelope(id: &str, resources: &[Resource]) -> Chart {
    let title = t("chart.envelope.title");
    let caption = t("chart.envelope.caption");
    let headers: Vec<String> = [
        "chart.envelope.head-resource",
        "chart.envelope.planned",
        "chart.envelope.available",
        "chart.envelope.head-share",
    ]
    .map(|key| t(key).to_string())
    .to_vec();
    let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let items: Vec<Resource> = resources
        .iter()
        .map(|r| Resource {
            planned: clean(r.planned),
            available: clean(r.available),
            ..r.clone()
        })
        .collect();
    if items.iter().all(|r| r.planned == 0.0 && r.available == 0.0) {
        return empty_chart(id, title, headers);
    }
    let share =
        |r: &Resource| format::percent((r.available > 0.0).then(|| r.planned / r.available));
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.amount(r.planned),
                r.amount(r.available),
                share(r),
            ]
        })
        .collect();
    let desc = sentence(
        &f("chart.envelope.desc-intro", &[&title]),
        items.iter().map(|r| {
            f(
                "chart.envelope.desc-item",
                &[&r.label, &r.amount(r.planned), &r.amount(r.available)],
            )
        }),
    );
    let axes: Vec<Axis> = items
        .iter()
        .map(|r| Axis::new(&r.label, &r.label))
        .collect();
    let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
    let value_font = Font::new(SMALL_SIZE, INK).at(HPos::Left, VPos::Center);
    let label_w = label_column(&axes, label_font);
    let x0 = MARGIN + label_w + 10.0;
    let widest = items
        .iter()
        .flat_map(|r| [r.amount(r.planned), r.amount(r.available)])
        .map(|s| value_font.width(&s))
        .fold(0.0, f64::max);
    let x1 = WIDTH - MARGIN - widest - 8.0;
    let legend = legend();
    let top = MARGIN + legend_height(&legend) + 8.0;
    let (bar_h, gap, row_h) = (16.0, 3.0, 52.0);
    let height = top + items.len() as f64 * row_h + MARGIN;
    let svg = render(id, title, &desc, height, |pen| {
        draw_legend(pen, &legend, MARGIN)?;
        for (i, r) in items.iter().enumerate() {
            let mid = top + row_h * (i as f64 + 0.5);
            super::layout::step_label(pen, &axes[i], x0 - 10.0, mid, label_w, label_font)?;
            let domain = r.planned.max(r.available).max(1e-9);
            let scale = |v: f64| x0 + (x1 - x0) * (v / domain);
            let bars = [
                (r.planned, mid - gap / 2.0 - bar_h, OI_BLUE, false),
                (r.available, mid + gap / 2.0, NONE_FILL, true),
            ];
            for (v, y, fill, hatched) in bars {
                let end = scale(v);
                if v > 0.0 {
                    pen.rect(x0, y, end, y + bar_h, fill)?;
                    if hatched {
                        pen.hatch(x0, y, end, y + bar_h, INK)?;
                    }
                    pen.outline(x0, y, end, y + bar_h, INK)?;
                }
                pen.text(&r.amount(v), end + 6.0, y + bar_h / 2.0, value_font)?;
            }
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// The plan in plain blue, the envelope hatched grey.
fn legend() -> Vec<LegendItem> {
    vec![
        LegendItem {
            text: t("chart.envelope.planned").into(),
            key: Key::Box {
                fill: OI_BLUE,
                hatched: false,
            },
        },
        LegendItem {
            text: t("chart.envelope.available").into(),
            key: Key::Box {
                fill: NONE_FILL,
                hatched: true,
            },
        },
    ]
}
