//! The data inventory: sources per step, stacked by access type.

use super::layout::{
    draw_legend, label_column, legend_height, nice_step, step_label, ticks, x_axis, Key, LegendItem,
};
use super::pen::{text_on, Drawn, Pen};
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

/// Draws the data sources of each step as a horizontal bar stacked by access type.
///
/// `counts[i]` holds, for `steps[i]`, the sources that are open, internal, from a partner,
/// to be bought, and without access; each segment has its count written in it (when
/// wider than the number) and the last type is hatched. `gdpr_flags[i]` sources with
/// personal data lacking a legal basis or a DPIA are marked "⚠ n" after the bar.
pub fn inventory(id: &str, steps: &[Axis], counts: &[[u32; 5]], gdpr_flags: &[u32]) -> Chart {
    let title = t("chart.inventory.title");
    let caption = t("chart.inventory.caption");
    let n = steps.len();
    let counts: Vec<[u32; 5]> = (0..n)
        .map(|i| counts.get(i).copied().unwrap_or([0; 5]))
        .collect();
    let flags: Vec<u32> = (0..n)
        .map(|i| gdpr_flags.get(i).copied().unwrap_or(0))
        .collect();
    let totals: Vec<u64> = counts
        .iter()
        .map(|c| c.iter().map(|&c| u64::from(c)).sum::<u64>())
        .collect();
    let mut headers = vec![t(STEP).to_string()];
    headers.extend(ACCESS.iter().map(|a| t(a.0).to_string()));
    headers.push(t(TOTAL).into());
    headers.push(t("chart.inventory.gdpr").into());
    if totals.iter().zip(&flags).all(|(t, f)| *t == 0 && *f == 0) {
        return empty_chart(id, title, headers);
    }
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut row = vec![s.full.clone()];
            row.extend(counts[i].iter().map(|&c| format::thousands(c.into())));
            row.push(format::thousands(totals[i]));
            row.push(format::thousands(flags[i].into()));
            row
        })
        .collect();
    let desc = sentence(
        &f("chart.inventory.desc-intro", &[&title]),
        steps.iter().enumerate().map(|(i, s)| {
            let parts: Vec<String> = ACCESS
                .iter()
                .zip(counts[i])
                .map(|(a, c)| {
                    let name = t(a.0).to_lowercase();
                    f("chart.desc.pair", &[&name, &format::thousands(c.into())])
                })
                .collect();
            let parts = parts.join(t("chart.desc.list-separator"));
            let sources = sources(totals[i]);
            match flags[i] {
                0 => f("chart.inventory.desc-item", &[&s.full, &sources, &parts]),
                flag => f(
                    "chart.inventory.desc-item-gdpr",
                    &[&s.full, &sources, &parts, &format::thousands(flag.into())],
                ),
            }
        }),
    );
    let layout = InventoryLayout::new(steps, &totals, &flags);
    let svg = render(id, title, &desc, layout.height, |pen| {
        layout.draw_axes(pen)?;
        for (i, s) in steps.iter().enumerate() {
            layout.draw_row(pen, s, i, counts[i], (totals[i], flags[i]))?;
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// Where the inventory's legend, bars and axis go.
struct InventoryLayout {
    label_font: Font,
    total_font: Font,
    label_w: f64,
    x0: f64,
    x1: f64,
    domain: f64,
    step: f64,
    legend: Vec<LegendItem>,
    top: f64,
    axis_y: f64,
    height: f64,
}

impl InventoryLayout {
    const ROW_H: f64 = 40.0;

    fn new(steps: &[Axis], totals: &[u64], flags: &[u32]) -> Self {
        let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
        let label_w = label_column(steps, label_font);
        let x0 = MARGIN + label_w + 10.0;
        let max_total = totals.iter().copied().max().unwrap_or(0).max(1) as f64;
        let step = nice_step(max_total, 5.0).max(1.0);
        let domain = (max_total / step).ceil() * step;
        // Room after the longest bar for its total and its warning mark.
        let total_font = Font::new(LABEL_SIZE, INK)
            .bold()
            .at(HPos::Left, VPos::Center);
        let after = |(total, flag): (&u64, &u32)| {
            let mark = if *flag > 0 {
                26.0 + total_font.width(&format::thousands((*flag).into()))
            } else {
                0.0
            };
            8.0 + total_font.width(&format::thousands(*total)) + mark
        };
        let reserve = totals.iter().zip(flags).map(after).fold(40.0, f64::max) + 4.0;
        let legend = inventory_legend();
        let top = MARGIN + legend_height(&legend) + 8.0;
        let axis_y = top + steps.len() as f64 * Self::ROW_H;
        InventoryLayout {
            label_font,
            total_font,
            label_w,
            x0,
            x1: WIDTH - MARGIN - reserve,
            domain,
            step,
            legend,
            top,
            axis_y,
            height: axis_y + 48.0 + MARGIN,
        }
    }

    /// The x of `v` sources. Dividing first keeps huge counts finite.
    fn scale(&self, v: f64) -> f64 {
        self.x0 + (self.x1 - self.x0) * (v / self.domain)
    }

    /// The legend, the count axis and its name.
    fn draw_axes(&self, pen: &mut Pen) -> Drawn {
        draw_legend(pen, &self.legend, MARGIN)?;
        let ticks: Vec<(f64, String)> = ticks(self.domain, self.step)
            .map(|v| (self.scale(v), format::integer(v as i64)))
            .collect();
        x_axis(pen, &ticks, self.top, self.axis_y)?;
        pen.text(
            t("chart.inventory.axis"),
            (self.x0 + self.x1) / 2.0,
            self.axis_y + 36.0,
            Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center),
        )
    }

    /// One step: its label, its bar stacked by access type, its total and its warning.
    fn draw_row(
        &self,
        pen: &mut Pen,
        step: &Axis,
        i: usize,
        counts: [u32; 5],
        (total, flag): (u64, u32),
    ) -> Drawn {
        let mid = self.top + Self::ROW_H * (i as f64 + 0.5);
        step_label(
            pen,
            step,
            self.x0 - 10.0,
            mid,
            self.label_w,
            self.label_font,
        )?;
        let mut acc = 0.0;
        for (k, &c) in counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let (a, b) = (self.scale(acc), self.scale(acc + f64::from(c)));
            acc += f64::from(c);
            draw_segment(pen, ACCESS[k], (a, b), mid, &format::thousands(c.into()))?;
        }
        let end = self.scale(acc) + 8.0;
        let total_text = format::thousands(total);
        pen.text(&total_text, end, mid, self.total_font)?;
        if flag > 0 {
            let wx = end + self.total_font.width(&total_text) + 14.0;
            pen.warning(wx, mid)?;
            let flag = format::thousands(flag.into());
            pen.text(&flag, wx + 12.0, mid, self.total_font)?;
        }
        Ok(())
    }
}

/// One segment of a bar, from `a` to `b`, with its count written in it when it fits (over
/// a white box when the segment is hatched).
fn draw_segment(
    pen: &mut Pen,
    (_, fill, hatched): (&str, RGBColor, bool),
    (a, b): (f64, f64),
    mid: f64,
    text: &str,
) -> Drawn {
    let (y0, y1) = (mid - 13.0, mid + 13.0);
    pen.rect(a, y0, b, y1, fill)?;
    if hatched {
        pen.hatch(a, y0, b, y1, RULE)?;
    }
    pen.outline(a, y0, b, y1, INK)?;
    let font = Font::new(SMALL_SIZE, text_on(fill))
        .bold()
        .at(HPos::Center, VPos::Center);
    if font.width(text) + 6.0 <= b - a {
        if hatched {
            let half = font.width(text) / 2.0 + 3.0;
            let (l, r) = ((a + b) / 2.0 - half, (a + b) / 2.0 + half);
            pen.rect(l, mid - 9.0, r, mid + 9.0, WHITE)?;
        }
        pen.text(text, (a + b) / 2.0, mid, font)?;
    }
    Ok(())
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
        f("chart.sources.many", &[&format::thousands(n)])
    }
}
