//! The data inventory: sources per step, stacked by access type.

use super::layout::{
    draw_legend, label_column, legend_height, nice_step, step_label, ticks, x_axis, Key, LegendItem,
};
use super::pen::text_on;
use super::svg::{empty_chart, finish_chart, render};
use super::text::Font;
use super::{
    sentence, Axis, Chart, INK, LABEL_SIZE, MARGIN, NONE_FILL, OI_BLUE, OI_GREEN, OI_ORANGE,
    OI_SKY, RULE, SMALL_SIZE, STEP, TOTAL, WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, WHITE};

/// Access types of the data inventory, in `counts` order: name's i18n key, fill, hatched.
pub(super) const ACCESS: [(&str, RGBColor, bool); 5] = [
    ("chart.access.open", OI_GREEN, false),
    ("chart.access.internal", OI_BLUE, false),
    ("chart.access.partner", OI_SKY, false),
    ("chart.access.to-buy", OI_ORANGE, false),
    ("chart.access.none", NONE_FILL, true),
];

// ---------------------------------------------------------------------------------------
// 3. Data inventory

/// Draws the data sources of each step as a horizontal bar stacked by access type.
///
/// `counts[i]` holds, for `steps[i]`, the sources that are open, internal, from a partner,
/// to be bought, and without access; each segment has its count written in it (when
/// wider than the number) and the last type is hatched. `gdpr_flags[i]` sources with
/// personal data lacking a legal basis or a DPIA are marked "⚠ n" after the bar.
pub fn inventory(id: &str, steps: &[Axis], counts: &[[u32; 5]], gdpr_flags: &[u32]) -> Chart {
    let title = t("chart.inventory.title");
    let caption = t("chart.inventory.caption");
    let count = |i: usize| counts.get(i).copied().unwrap_or([0; 5]);
    let flag = |i: usize| gdpr_flags.get(i).copied().unwrap_or(0);
    let total = |i: usize| count(i).iter().map(|&c| u64::from(c)).sum::<u64>();
    let mut headers = vec![t(STEP).to_string()];
    headers.extend(ACCESS.iter().map(|a| t(a.0).to_string()));
    headers.push(t(TOTAL).into());
    headers.push(t("chart.inventory.gdpr").into());
    if (0..steps.len()).all(|i| total(i) == 0 && flag(i) == 0) {
        return empty_chart(id, title, headers);
    }
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![s.full.clone()];
            row.extend(count(i).iter().map(u32::to_string));
            row.push(total(i).to_string());
            row.push(flag(i).to_string());
            row
        })
        .collect();
    let desc = sentence(
        &f("chart.inventory.desc-intro", &[&title]),
        steps.iter().enumerate().map(|(i, s)| {
            let parts: Vec<String> = ACCESS
                .iter()
                .zip(count(i))
                .map(|(a, c)| f("chart.desc.pair", &[&t(a.0).to_lowercase(), &c]))
                .collect();
            let parts = parts.join(t("chart.desc.list-separator"));
            if flag(i) > 0 {
                f(
                    "chart.inventory.desc-item-gdpr",
                    &[&s.full, &sources(total(i)), &parts, &flag(i)],
                )
            } else {
                f(
                    "chart.inventory.desc-item",
                    &[&s.full, &sources(total(i)), &parts],
                )
            }
        }),
    );

    let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
    let label_w = label_column(steps, label_font);
    let x0 = MARGIN + label_w + 10.0;
    let max_total = (0..steps.len()).map(total).max().unwrap_or(0).max(1) as f64;
    let step = nice_step(max_total, 5.0).max(1.0);
    let domain = (max_total / step).ceil() * step;
    // Room after the longest bar for its total and its warning mark.
    let total_font = Font::new(LABEL_SIZE, INK)
        .bold()
        .at(HPos::Left, VPos::Center);
    let after = |i: usize| {
        let mark = if flag(i) > 0 {
            26.0 + total_font.width(&flag(i).to_string())
        } else {
            0.0
        };
        8.0 + total_font.width(&total(i).to_string()) + mark
    };
    let reserve = (0..steps.len()).map(after).fold(40.0, f64::max) + 4.0;
    let x1 = WIDTH - MARGIN - reserve;
    // Dividing first keeps huge amounts finite (width × 1e307 would be infinite).
    let scale = |v: f64| x0 + (x1 - x0) * (v / domain);
    let legend = inventory_legend();
    let top = MARGIN + legend_height(&legend) + 8.0;
    let row_h = 40.0;
    let axis_y = top + steps.len() as f64 * row_h;
    let height = axis_y + 48.0 + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        draw_legend(pen, &legend, MARGIN)?;
        let ticks: Vec<(f64, String)> = ticks(domain, step)
            .map(|v| (scale(v), format::integer(v as i64)))
            .collect();
        x_axis(pen, &ticks, top, axis_y)?;
        pen.text(
            t("chart.inventory.axis"),
            (x0 + x1) / 2.0,
            axis_y + 36.0,
            Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center),
        )?;
        for (i, s) in steps.iter().enumerate() {
            let mid = top + row_h * (i as f64 + 0.5);
            step_label(pen, s, x0 - 10.0, mid, label_w, label_font)?;
            let (y0, y1) = (mid - 13.0, mid + 13.0);
            let mut acc = 0.0;
            for (k, &c) in count(i).iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let (a, b) = (scale(acc), scale(acc + f64::from(c)));
                acc += f64::from(c);
                let (_, fill, hatched) = ACCESS[k];
                pen.rect(a, y0, b, y1, fill)?;
                if hatched {
                    pen.hatch(a, y0, b, y1, RULE)?;
                }
                pen.outline(a, y0, b, y1, INK)?;
                let text = c.to_string();
                let font = Font::new(SMALL_SIZE, text_on(fill))
                    .bold()
                    .at(HPos::Center, VPos::Center);
                if font.width(&text) + 6.0 <= b - a {
                    if hatched {
                        let half = font.width(&text) / 2.0 + 3.0;
                        pen.rect(
                            (a + b) / 2.0 - half,
                            mid - 9.0,
                            (a + b) / 2.0 + half,
                            mid + 9.0,
                            WHITE,
                        )?;
                    }
                    pen.text(&text, (a + b) / 2.0, mid, font)?;
                }
            }
            let end = scale(acc) + 8.0;
            let total_text = total(i).to_string();
            pen.text(&total_text, end, mid, total_font)?;
            if flag(i) > 0 {
                let wx = end + total_font.width(&total_text) + 14.0;
                pen.warning(wx, mid)?;
                pen.text(&flag(i).to_string(), wx + 12.0, mid, total_font)?;
            }
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

fn inventory_legend() -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = ACCESS
        .iter()
        .map(|&(name, fill, hatched)| LegendItem {
            text: t(name).into(),
            key: Key::Box { fill, hatched },
        })
        .collect();
    items.push(LegendItem {
        text: t("chart.inventory.gdpr").into(),
        key: Key::Warning,
    });
    items
}

/// Writes a number of sources: "1 source", "3 sources" (French: 0 and 1 are singular).
fn sources(n: u64) -> String {
    if n <= 1 {
        f("chart.sources.one", &[&n])
    } else {
        f("chart.sources.many", &[&n])
    }
}
