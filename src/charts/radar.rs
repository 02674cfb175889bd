//! The radar of step scores, with an optional peer-median outline.

use super::layout::{draw_legend, legend_height, Key, LegendItem};
use super::pen::{Drawn, Pen};
use super::svg::{empty_chart, finish_chart, render};
use super::text::{wrap, Font};
use super::{
    score_at, score_words, sentence, Axis, Chart, GRID, INK, LABEL_SIZE, LINE, MARGIN, MUTED,
    NOT_SCORED, OI_BLUE, OI_VERMILLION, RULE, SMALL_SIZE, STEP, WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};

/// Draws step scores (0–100) on a radar, with an optional dashed peer-median outline.
///
/// `values[i]` belongs to `axes[i]`; a missing or `None` value is "non évalué": a gap in
/// the outline, said under the axis label and in the desc. Values are clamped to 0–100 and
/// shown rounded to the unit. Meant for 3 or more axes.
pub fn radar(
    id: &str,
    axes: &[Axis],
    values: &[Option<f64>],
    peer_median: Option<&[Option<f64>]>,
) -> Chart {
    let title = t("chart.radar.title");
    let own: Vec<Option<f64>> = (0..axes.len()).map(|i| score_at(values, i)).collect();
    let peer: Option<Vec<Option<f64>>> =
        peer_median.map(|p| (0..axes.len()).map(|i| score_at(p, i)).collect());
    let mut headers = vec![t(STEP).to_string(), t("chart.radar.head-score").to_string()];
    if peer.is_some() {
        headers.push(t("chart.radar.head-median").to_string());
    }
    let any_peer = peer.iter().flatten().any(Option::is_some);
    if !own.iter().any(Option::is_some) && !any_peer {
        return empty_chart(id, title, headers);
    }
    let caption = if peer.is_some() {
        t("chart.radar.caption-peer")
    } else {
        t("chart.radar.caption")
    };
    let rows: Vec<Vec<String>> = axes
        .iter()
        .enumerate()
        .map(|(i, axis)| {
            let mut row = vec![axis.full.clone(), format::score_or(own[i], t(NOT_SCORED))];
            if let Some(p) = &peer {
                row.push(format::score_or(p[i], t(NOT_SCORED)));
            }
            row
        })
        .collect();
    let desc = sentence(
        &f("chart.desc.out-of-hundred", &[&title]),
        axes.iter().enumerate().map(|(i, axis)| match &peer {
            Some(p) => f(
                "chart.radar.desc-item-peer",
                &[&axis.full, &score_words(own[i]), &score_words(p[i])],
            ),
            None => f("chart.desc.item", &[&axis.full, &score_words(own[i])]),
        }),
    );
    let layout = RadarLayout::new(axes, &own);
    let legend = radar_legend(peer.is_some());
    let legend_top = layout.bottom + 16.0;
    let height = legend_top + legend_height(&legend) + MARGIN;
    let svg = render(id, title, &desc, height, |pen| {
        layout.draw_grid(pen)?;
        if let Some(p) = &peer {
            layout.draw_series(pen, p, Series::Peer)?;
        }
        layout.draw_series(pen, &own, Series::Own)?;
        layout.draw_labels(pen, axes, &own)?;
        draw_legend(pen, &legend, legend_top)
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

#[derive(Clone, Copy, PartialEq)]
enum Series {
    Own,
    Peer,
}

struct RadarLayout {
    cx: f64,
    cy: f64,
    radius: f64,
    n: usize,
    /// Per axis: label lines (name, then score), anchor, x, top of the block.
    labels: Vec<(Vec<String>, HPos, f64, f64)>,
    bottom: f64,
}

impl RadarLayout {
    const RADIUS: f64 = 140.0;
    const GAP: f64 = 12.0;

    fn new(axes: &[Axis], own: &[Option<f64>]) -> Self {
        let n = axes.len();
        let cx = WIDTH / 2.0;
        let radius = Self::RADIUS;
        let angle =
            |i: usize| -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n as f64;
        let font = Font::new(LABEL_SIZE, INK);
        // First pass with cy = 0 to find how far labels reach above the centre.
        let mut blocks = Vec::with_capacity(n);
        for (i, axis) in axes.iter().enumerate() {
            let (sin, cos) = angle(i).sin_cos();
            let lx = cx + (radius + Self::GAP) * cos;
            // Side labels stop at the margin; a label over or under the centre may be wider,
            // up to where the neighbouring axes' labels begin.
            let (h, max_w) = if cos > 0.25 {
                (HPos::Left, (WIDTH - MARGIN - lx).min(150.0))
            } else if cos < -0.25 {
                (HPos::Right, (lx - MARGIN).min(150.0))
            } else {
                let room = 2.0 * (lx - MARGIN).min(WIDTH - MARGIN - lx);
                (HPos::Center, room.min(180.0))
            };
            let mut lines = wrap(&axis.short, max_w, font, 2);
            lines.push(format::score_or(
                own.get(i).copied().flatten(),
                t(NOT_SCORED),
            ));
            let block_h = lines.len() as f64 * LINE;
            let ly = (radius + Self::GAP) * sin;
            let top = if sin < -0.25 {
                ly - block_h
            } else if sin > 0.25 {
                ly
            } else {
                ly - block_h / 2.0
            };
            blocks.push((lines, h, lx, top));
        }
        let reach_up = blocks.iter().map(|b| -b.3).fold(radius, f64::max);
        let cy = MARGIN + reach_up;
        let mut bottom = cy + radius;
        for b in &mut blocks {
            b.3 += cy;
            bottom = bottom.max(b.3 + b.0.len() as f64 * LINE);
        }
        RadarLayout {
            cx,
            cy,
            radius,
            n,
            labels: blocks,
            bottom,
        }
    }

    fn point(&self, i: usize, value: f64) -> (f64, f64) {
        let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / self.n as f64;
        let r = self.radius * value / 100.0;
        (self.cx + r * a.cos(), self.cy + r * a.sin())
    }

    fn draw_grid(&self, pen: &mut Pen) -> Drawn {
        for level in [20.0, 40.0, 60.0, 80.0, 100.0] {
            let mut ring: Vec<(f64, f64)> = (0..self.n).map(|i| self.point(i, level)).collect();
            ring.push(ring[0]);
            let colour = if level == 100.0 { RULE } else { GRID };
            pen.path(&ring, colour, 1)?;
        }
        for i in 0..self.n {
            pen.path(&[(self.cx, self.cy), self.point(i, 100.0)], GRID, 1)?;
        }
        let tick = Font::new(11.0, MUTED).at(HPos::Left, VPos::Center);
        for level in [20, 40, 60, 80, 100] {
            let (_, y) = self.point(0, f64::from(level));
            pen.text(&level.to_string(), self.cx + 4.0, y + 7.0, tick)?;
        }
        Ok(())
    }

    fn draw_series(&self, pen: &mut Pen, values: &[Option<f64>], series: Series) -> Drawn {
        let colour = if series == Series::Own {
            OI_BLUE
        } else {
            OI_VERMILLION
        };
        let all = values.iter().all(Option::is_some);
        if all && series == Series::Own {
            let poly: Vec<(f64, f64)> = values
                .iter()
                .enumerate()
                .map(|(i, v)| self.point(i, v.unwrap_or(0.0)))
                .collect();
            pen.polygon(&poly, colour, 0.12)?;
        }
        // Outline: runs of consecutive scored axes; a missing score leaves a gap.
        for i in 0..self.n {
            let j = (i + 1) % self.n;
            if j == i || (self.n == 2 && j == 0) {
                continue;
            }
            if let (Some(a), Some(b)) = (values[i], values[j]) {
                let seg = [self.point(i, a), self.point(j, b)];
                match series {
                    Series::Own => pen.path(&seg, colour, 3)?,
                    Series::Peer => pen.dashed(&seg, colour, 2, 8.0, 5.0)?,
                }
            }
        }
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let (x, y) = self.point(i, *v);
                match series {
                    Series::Own => pen.dot(x, y, 5.0, colour)?,
                    Series::Peer => pen.diamond(x, y, 6.0, colour)?,
                }
            }
        }
        Ok(())
    }

    fn draw_labels(&self, pen: &mut Pen, axes: &[Axis], own: &[Option<f64>]) -> Drawn {
        for (i, (lines, h, x, top)) in self.labels.iter().enumerate() {
            let name = Font::new(LABEL_SIZE, INK).at(*h, VPos::Center);
            let last = lines.len() - 1;
            for (k, line) in lines.iter().enumerate() {
                let y = top + LINE * (k as f64 + 0.5);
                if k < last {
                    pen.label(line, *x, y, name, &axes[i].full)?;
                } else if own[i].is_some() {
                    pen.text(line, *x, y, name.bold())?;
                } else {
                    pen.text(
                        line,
                        *x,
                        y,
                        Font::new(SMALL_SIZE, MUTED).at(*h, VPos::Center).italic(),
                    )?;
                }
            }
        }
        Ok(())
    }
}

fn radar_legend(with_peer: bool) -> Vec<LegendItem> {
    let mut items = vec![LegendItem {
        text: t("chart.radar.legend-own").into(),
        key: Key::Line {
            colour: OI_BLUE,
            dashed: false,
        },
    }];
    if with_peer {
        items.push(LegendItem {
            text: t("chart.radar.legend-median").into(),
            key: Key::Line {
                colour: OI_VERMILLION,
                dashed: true,
            },
        });
    }
    items
}
