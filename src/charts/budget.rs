//! The budget: one-off and yearly costs per step.

use super::layout::{
    draw_legend, label_column, legend_height, nice_step, step_label, ticks, x_axis, Key, LegendItem,
};
use super::svg::{empty_chart, finish_chart, render};
use super::text::Font;
use super::{
    sentence, Axis, Chart, INK, LABEL_SIZE, MARGIN, OI_BLUE, OI_ORANGE, SMALL_SIZE, STEP, TOTAL,
    WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};

/// Draws one-off and yearly costs per step as paired horizontal bars, amounts written in
/// euros ("12 000 €", narrow no-break space between thousands).
///
/// Missing, negative or non-finite amounts count as 0; all zero is "no data".
pub fn budget(id: &str, steps: &[Axis], one_off: &[f64], yearly: &[f64]) -> Chart {
    let title = t("chart.budget.title");
    let caption = t("chart.budget.caption");
    let amount = |v: &[f64], i: usize| {
        v.get(i)
            .copied()
            .filter(|x| x.is_finite() && *x > 0.0)
            .unwrap_or(0.0)
    };
    let headers: Vec<String> = [STEP, "chart.budget.one-off", "chart.budget.yearly"]
        .map(|key| t(key).to_string())
        .to_vec();
    let one_off: Vec<f64> = (0..steps.len()).map(|i| amount(one_off, i)).collect();
    let yearly: Vec<f64> = (0..steps.len()).map(|i| amount(yearly, i)).collect();
    if one_off.iter().chain(&yearly).all(|v| *v == 0.0) {
        return empty_chart(id, title, headers);
    }
    let (rows, desc) = budget_text(title, steps, &one_off, &yearly);
    let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
    let value_font = Font::new(SMALL_SIZE, INK).at(HPos::Left, VPos::Center);
    let label_w = label_column(steps, label_font);
    let x0 = MARGIN + label_w + 10.0;
    let max = (0..steps.len())
        .map(|i| one_off[i].max(yearly[i]))
        .fold(0.0, f64::max);
    let widest = (0..steps.len())
        .flat_map(|i| [one_off[i], yearly[i]])
        .map(|v| value_font.width(&format::euros(v)))
        .fold(0.0, f64::max);
    let x1 = WIDTH - MARGIN - widest - 8.0;
    let step = nice_step(max, 3.0);
    let domain = (max / step).ceil() * step;
    // Dividing first keeps huge amounts finite (width × 1e307 would be infinite).
    let scale = |v: f64| x0 + (x1 - x0) * (v / domain);
    let legend = budget_legend();
    let top = MARGIN + legend_height(&legend) + 8.0;
    let (bar_h, gap, row_h) = (16.0, 3.0, 52.0);
    let axis_y = top + steps.len() as f64 * row_h;
    let height = axis_y + 30.0 + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        draw_legend(pen, &legend, MARGIN)?;
        let ticks: Vec<(f64, String)> = ticks(domain, step)
            .map(|v| (scale(v), format::euros(v)))
            .collect();
        x_axis(pen, &ticks, top, axis_y)?;
        for (i, s) in steps.iter().enumerate() {
            let mid = top + row_h * (i as f64 + 0.5);
            step_label(pen, s, x0 - 10.0, mid, label_w, label_font)?;
            let bars = [
                (one_off[i], mid - gap / 2.0 - bar_h, OI_BLUE, false),
                (yearly[i], mid + gap / 2.0, OI_ORANGE, true),
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
                pen.text(&format::euros(v), end + 6.0, y + bar_h / 2.0, value_font)?;
            }
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// The table rows (each step, then the total) and the desc of cleaned amounts.
fn budget_text(
    title: &str,
    steps: &[Axis],
    one_off: &[f64],
    yearly: &[f64],
) -> (Vec<Vec<String>>, String) {
    let sum = |v: &[f64]| v.iter().sum::<f64>();
    let mut rows: Vec<Vec<String>> = steps
        .iter()
        .zip(one_off.iter().zip(yearly))
        .map(|(s, (a, b))| vec![s.full.clone(), format::euros(*a), format::euros(*b)])
        .collect();
    rows.push(vec![
        t(TOTAL).into(),
        format::euros(sum(one_off)),
        format::euros(sum(yearly)),
    ]);
    let mut desc = sentence(
        &f("chart.budget.desc-intro", &[&title]),
        steps
            .iter()
            .zip(one_off.iter().zip(yearly))
            .map(|(s, (a, b))| {
                f(
                    "chart.budget.desc-item",
                    &[&s.full, &format::euros(*a), &format::euros(*b)],
                )
            }),
    );
    desc.push(' ');
    desc.push_str(&f(
        "chart.budget.desc-total",
        &[&format::euros(sum(one_off)), &format::euros(sum(yearly))],
    ));
    (rows, desc)
}

/// One-off costs in plain blue, yearly costs hatched orange.
fn budget_legend() -> Vec<LegendItem> {
    vec![
        LegendItem {
            text: t("chart.budget.one-off").into(),
            key: Key::Box {
                fill: OI_BLUE,
                hatched: false,
            },
        },
        LegendItem {
            text: t("chart.budget.yearly").into(),
            key: Key::Box {
                fill: OI_ORANGE,
                hatched: true,
            },
        },
    ]
}
