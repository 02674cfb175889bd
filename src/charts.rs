//! Charts: the figures of the render stage, drawn as accessible SVG.
//!
//! Takes plain data (labels as [`Axis`], scores 0–100 as `Option<f64>`, counts, euros,
//! quarters) and returns a [`Chart`]: a complete `<svg>` element with `role="img"`, a
//! `<title>` and a French `<desc>` that states the data in words, plus the same data as a
//! [`DataTable`] for an HTML table after the figure. Every word it writes comes from the
//! translation table (`chart.*` keys of `i18n/fr.toml`, through [`crate::i18n`]); it depends
//! on nothing else in the crate, reads no file, font or clock, and the same input always
//! gives the same bytes.
//!
//! Drawing goes through plotters' SVG backend on a bare drawing area (rectangles,
//! polygons, lines, text) rather than `ChartBuilder`: the layout is computed here with a
//! deliberately wide estimate of text width (tuned on DejaVu Sans, the widest common
//! `system-ui` fallback), since no font is ever measured. Drawn labels use each axis'
//! `short` name, wrapped or cut with "…"; the `full` name is in a `<title>` tooltip on the
//! label, in the `<desc>` and in the table. Any chart given no data draws a small frame
//! that says "Aucune donnée à représenter".

use crate::i18n::{f, t};
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle, WHITE,
};
use std::fmt::Write as _;

/// A labelled axis, step or angle: `short` is drawn, `full` is read in tooltips, desc and tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    /// The short label drawn on the chart, e.g. "Stationner".
    pub short: String,
    /// The full name, e.g. "Stationner à proximité des commerces".
    pub full: String,
}

impl Axis {
    /// Builds an axis from its short and full labels.
    pub fn new(short: impl Into<String>, full: impl Into<String>) -> Self {
        Axis {
            short: short.into(),
            full: full.into(),
        }
    }
}

/// A chart's data as text, for an HTML table placed after the figure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataTable {
    /// Column headers, in French.
    pub headers: Vec<String>,
    /// One row per data line, each as long as `headers`; empty when there is no data.
    pub rows: Vec<Vec<String>>,
}

/// A finished figure: its SVG and everything a template needs around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The id given by the caller, reduced to `[A-Za-z0-9_-]`; prefixes every id inside `svg`.
    pub id: String,
    /// A short French title, also the SVG's `<title>`; suits a `<figcaption>` heading.
    pub title: String,
    /// One or two French sentences telling how to read the figure.
    pub caption: String,
    /// A complete `<svg>` element, scalable (`viewBox`, `width="100%"`), with `<title>` and `<desc>`.
    pub svg: String,
    /// The data drawn, as text.
    pub table: DataTable,
}

/// One action of the plan, as drawn on the Gantt chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// What is to be done, e.g. "Créer une vitrine en ligne des commerces".
    pub label: String,
    /// Who carries it out, e.g. "Service communication".
    pub owner: String,
    /// The `short` (or `full`) name of the step it serves; it picks the bar colour.
    pub step_short: String,
    /// First quarter, as (year, quarter 1–4).
    pub start: (i32, u8),
    /// Last quarter, inclusive, as (year, quarter 1–4).
    pub end: (i32, u8),
    /// Its state in words, e.g. "en cours".
    pub status_label: String,
}

/// One typology of communes on the strip chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StripGroup {
    /// The typology, e.g. "Villes moyennes".
    pub label: String,
    /// The communes of this typology.
    pub points: Vec<StripPoint>,
}

/// One commune on the strip chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StripPoint {
    /// The commune's name.
    pub label: String,
    /// Its overall index, 0–100.
    pub value: f64,
}

// ---------------------------------------------------------------------------------------
// Look: sizes and colours. Every text colour is ≥ 4.5:1 on its background, every mark
// that carries data ≥ 3:1 against white (WCAG 2.1 AA 1.4.3 and 1.4.11).

/// Width of every chart's viewBox; the SVG scales from there.
const WIDTH: f64 = 560.0;
/// Outer margin.
const MARGIN: f64 = 12.0;
/// Font family named in the SVG; nothing is loaded.
const FONT: &str = "system-ui, sans-serif";
const LABEL_SIZE: f64 = 16.0;
const SMALL_SIZE: f64 = 14.0;
const LINE: f64 = 19.0;

const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
const BLACK: RGBColor = RGBColor(0, 0, 0);
const MUTED: RGBColor = RGBColor(0x4d, 0x4d, 0x4d);
const GRID: RGBColor = RGBColor(0xcc, 0xcc, 0xcc);
const RULE: RGBColor = RGBColor(0x76, 0x76, 0x76);
const NONE_FILL: RGBColor = RGBColor(0xf2, 0xf2, 0xf2);

// Okabe–Ito, colour-blind safe.
const OI_ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const OI_SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
const OI_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const OI_YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
const OI_BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const OI_VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const OI_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// Bar colours of the Gantt chart, by step index.
const STEP_COLOURS: [RGBColor; 7] = [
    OI_ORANGE,
    OI_SKY,
    OI_GREEN,
    OI_YELLOW,
    OI_BLUE,
    OI_VERMILLION,
    OI_PURPLE,
];

/// Heat-map classes, light to dark single-hue blue (ColorBrewer "Blues"), by 20 points.
const HEAT_COLOURS: [RGBColor; 5] = [
    RGBColor(0xef, 0xf3, 0xff),
    RGBColor(0xbd, 0xd7, 0xe7),
    RGBColor(0x6b, 0xae, 0xd6),
    RGBColor(0x21, 0x71, 0xb5),
    RGBColor(0x08, 0x30, 0x6b),
];
const HEAT_CLASSES: [&str; 5] = ["0–19", "20–39", "40–59", "60–79", "80–100"];

/// Access types of the data inventory, in `counts` order: name's i18n key, fill, hatched.
const ACCESS: [(&str, RGBColor, bool); 5] = [
    ("chart.access.open", OI_GREEN, false),
    ("chart.access.internal", OI_BLUE, false),
    ("chart.access.partner", OI_SKY, false),
    ("chart.access.to-buy", OI_ORANGE, false),
    ("chart.access.none", NONE_FILL, true),
];

/// i18n keys of the texts shared by several charts.
const NO_DATA: &str = "chart.no-data";
const NO_DATA_DESC: &str = "chart.desc.no-data";
const NOT_SCORED: &str = "chart.not-scored";
const STEP: &str = "chart.head.step";
const TOTAL: &str = "chart.head.total";

// ---------------------------------------------------------------------------------------
// 1. Radar

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
            let mut row = vec![axis.full.clone(), score_text(own[i])];
            if let Some(p) = &peer {
                row.push(score_text(p[i]));
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
            lines.push(score_text(own.get(i).copied().flatten()));
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

// ---------------------------------------------------------------------------------------
// 2. Heat map

/// Draws a step × angle grid of scores, the score written in each cell.
///
/// `cells[r][c]` belongs to `rows[r]` and `cols[c]`; `None` or missing cells show "—".
/// Fills come from five light-to-dark blue classes of 20 points (by the rounded score, so
/// the written number always matches its class), and the number's colour is picked for at
/// least 4.5:1 contrast on its fill. Fits up to about 8 columns.
pub fn heatmap(id: &str, rows: &[Axis], cols: &[Axis], cells: &[Vec<Option<f64>>]) -> Chart {
    let title = t("chart.heatmap.title");
    let caption = t("chart.heatmap.caption");
    let cell = |r: usize, c: usize| cells.get(r).and_then(|row| score_at(row, c));
    let mut headers = vec![t(STEP).to_string()];
    headers.extend(cols.iter().map(|c| c.full.clone()));
    let any = (0..rows.len()).any(|r| (0..cols.len()).any(|c| cell(r, c).is_some()));
    if !any {
        return empty_chart(id, title, headers);
    }
    let table_rows = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut line = vec![row.full.clone()];
            line.extend((0..cols.len()).map(|c| score_text(cell(r, c))));
            line
        })
        .collect();
    let desc = sentence(
        &f("chart.desc.out-of-hundred", &[&title]),
        rows.iter().enumerate().map(|(r, row)| {
            let scores: Vec<String> = cols
                .iter()
                .enumerate()
                .map(|(c, col)| f("chart.desc.pair", &[&col.full, &score_text(cell(r, c))]))
                .collect();
            f(
                "chart.desc.item",
                &[&row.full, &scores.join(t("chart.desc.list-separator"))],
            )
        }),
    );

    let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
    let label_w = label_column(rows, label_font);
    let grid_x = MARGIN + label_w + 8.0;
    let cell_w = ((WIDTH - MARGIN - grid_x) / cols.len() as f64).min(100.0);
    // The largest header size at which every word fits its column.
    let head_size = [SMALL_SIZE, 13.0, 12.0, 11.5]
        .into_iter()
        .find(|&size| {
            let font = Font::new(size, INK);
            cols.iter()
                .flat_map(|c| c.short.split(' '))
                .all(|w| font.width(w) <= cell_w - 4.0)
        })
        .unwrap_or(11.0);
    let head_font = Font::new(head_size, INK).at(HPos::Center, VPos::Center);
    let heads: Vec<Vec<String>> = cols
        .iter()
        .map(|c| wrap(&c.short, cell_w - 4.0, head_font, 3))
        .collect();
    let head_lines = heads.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let head_line = head_size + 3.0;
    let grid_y = MARGIN + head_lines * head_line + 6.0;
    let cell_h = 38.0;
    let legend_top = grid_y + rows.len() as f64 * cell_h + 18.0;
    let height = legend_top + 24.0 + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        for (c, lines) in heads.iter().enumerate() {
            let x = grid_x + cell_w * (c as f64 + 0.5);
            let top = grid_y - 6.0 - lines.len() as f64 * head_line;
            for (k, line) in lines.iter().enumerate() {
                let y = top + head_line * (k as f64 + 0.5);
                pen.label(line, x, y, head_font, &cols[c].full)?;
            }
        }
        for (r, row) in rows.iter().enumerate() {
            let y = grid_y + r as f64 * cell_h;
            let lines = wrap(&row.short, label_w, label_font, 2);
            let first = y + cell_h / 2.0 - (lines.len() as f64 - 1.0) * 8.0;
            for (k, line) in lines.iter().enumerate() {
                pen.label(
                    line,
                    grid_x - 8.0,
                    first + 16.0 * k as f64,
                    label_font,
                    &row.full,
                )?;
            }
            for c in 0..cols.len() {
                let x = grid_x + c as f64 * cell_w;
                let (fill, text) = match cell(r, c) {
                    Some(v) => (heat_colour(v), score_text(Some(v))),
                    None => (NONE_FILL, "—".to_string()),
                };
                pen.rect(x, y, x + cell_w, y + cell_h, fill)?;
                let font = Font::new(LABEL_SIZE, text_on(fill)).at(HPos::Center, VPos::Center);
                let font = if text == "—" { font } else { font.bold() };
                pen.text(&text, x + cell_w / 2.0, y + cell_h / 2.0, font)?;
            }
        }
        // Cell borders in white keep neighbouring classes apart; the frame in grey.
        for r in 1..rows.len() {
            let y = grid_y + r as f64 * cell_h;
            pen.path(
                &[(grid_x, y), (grid_x + cell_w * cols.len() as f64, y)],
                WHITE,
                2,
            )?;
        }
        for c in 1..cols.len() {
            let x = grid_x + c as f64 * cell_w;
            pen.path(
                &[(x, grid_y), (x, grid_y + cell_h * rows.len() as f64)],
                WHITE,
                2,
            )?;
        }
        pen.outline(
            grid_x,
            grid_y,
            grid_x + cell_w * cols.len() as f64,
            grid_y + cell_h * rows.len() as f64,
            RULE,
        )?;
        heat_legend(pen, legend_top)
    });
    finish_chart(id, title, caption, svg, headers, table_rows)
}

fn heat_legend(pen: &mut Pen, top: f64) -> Drawn {
    let caption = Font::new(SMALL_SIZE, INK).at(HPos::Left, VPos::Center);
    let legend = t("chart.heatmap.legend");
    pen.text(legend, MARGIN, top + 12.0, caption)?;
    let (w, h) = (58.0, 24.0);
    let mut x = MARGIN + text_width(legend, SMALL_SIZE, false) + 10.0;
    let swatch_top = top;
    for (fill, label) in HEAT_COLOURS.iter().zip(HEAT_CLASSES) {
        pen.rect(x, swatch_top, x + w, swatch_top + h, *fill)?;
        let font = Font::new(SMALL_SIZE, text_on(*fill)).at(HPos::Center, VPos::Center);
        pen.text(label, x + w / 2.0, swatch_top + h / 2.0, font)?;
        x += w;
    }
    pen.outline(x - 5.0 * w, swatch_top, x, swatch_top + h, RULE)?;
    x += 14.0;
    pen.rect(x, swatch_top, x + 30.0, swatch_top + h, NONE_FILL)?;
    pen.outline(x, swatch_top, x + 30.0, swatch_top + h, RULE)?;
    let dash = Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center);
    pen.text("—", x + 15.0, swatch_top + h / 2.0, dash)?;
    pen.text(t(NOT_SCORED), x + 36.0, swatch_top + h / 2.0, caption)
}

/// Returns the heat-map fill of a score, by class of 20 points of the rounded score.
fn heat_colour(score: f64) -> RGBColor {
    let class = ((score.round() as usize) / 20).min(4);
    HEAT_COLOURS[class]
}

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
            .map(|v| (scale(v), format_int(v as i64)))
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

// ---------------------------------------------------------------------------------------
// 4. Gantt

/// Draws the action plan by quarter: one bar per task, coloured by step, with the step and
/// the owner written on the bar or next to it and the task label with its status above.
///
/// Quarters outside 1–4 are clamped, and a task ending before it starts is drawn over its
/// start quarter only. Tasks keep the caller's order.
pub fn gantt(id: &str, tasks: &[Task], steps: &[Axis]) -> Chart {
    let title = t("chart.gantt.title");
    let caption = t("chart.gantt.caption");
    let headers: Vec<String> = [
        "chart.gantt.head-action",
        STEP,
        "chart.gantt.head-owner",
        "chart.gantt.head-start",
        "chart.gantt.head-end",
        "chart.gantt.head-status",
    ]
    .map(|key| t(key).to_string())
    .to_vec();
    if tasks.is_empty() {
        return empty_chart(id, title, headers);
    }
    let span = |t: &Task| {
        let a = quarter_index(t.start);
        (a, quarter_index(t.end).max(a))
    };
    let first = tasks.iter().map(|t| span(t).0).min().unwrap_or(0);
    let last = tasks.iter().map(|t| span(t).1).max().unwrap_or(0);
    let step_of = |t: &Task| {
        steps
            .iter()
            .position(|s| s.short == t.step_short || s.full == t.step_short)
    };
    let step_full = |t: &Task| step_of(t).map_or(t.step_short.clone(), |i| steps[i].full.clone());
    let rows = tasks
        .iter()
        .map(|t| {
            let (a, b) = span(t);
            vec![
                t.label.clone(),
                step_full(t),
                t.owner.clone(),
                quarter_label(a),
                quarter_label(b),
                t.status_label.clone(),
            ]
        })
        .collect();
    let desc = sentence(
        &f(
            "chart.gantt.desc-intro",
            &[&title, &quarter_label(first), &quarter_label(last)],
        ),
        tasks.iter().map(|task| {
            let (a, b) = span(task);
            let when = if a == b {
                f("chart.gantt.desc-in", &[&quarter_label(a)])
            } else {
                f(
                    "chart.gantt.desc-from-to",
                    &[&quarter_label(a), &quarter_label(b)],
                )
            };
            f(
                "chart.gantt.desc-item",
                &[
                    &task.label,
                    &step_full(task),
                    &task.owner,
                    &when,
                    &task.status_label,
                ],
            )
        }),
    );

    let quarters = (last - first + 1) as f64;
    let (x0, x1) = (MARGIN, WIDTH - MARGIN);
    let col = (x1 - x0) / quarters;
    let qx = |q: i64| x0 + (q - first) as f64 * col;
    let task_font = Font::new(LABEL_SIZE, INK).at(HPos::Left, VPos::Center);
    let bar_font = Font::new(SMALL_SIZE, INK);
    let bar_h = 26.0;
    let mut blocks = Vec::with_capacity(tasks.len());
    let mut y = MARGIN + 48.0;
    for t in tasks {
        // No-break spaces keep the status in one piece on the last line.
        let status = t.status_label.replace(' ', "\u{a0}");
        let text = f("chart.gantt.task", &[&t.label, &status]);
        let lines = wrap(&text, x1 - x0 - 12.0, task_font, 2);
        let top = y;
        let bar_y = y + lines.len() as f64 * LINE + 4.0;
        let (a, b) = span(t);
        let bar = (qx(a) + 2.0, qx(b + 1) - 2.0);
        let on_bar = f("chart.gantt.bar", &[&t.step_short, &t.owner]);
        let place = place_bar_text(bar_font.width(&on_bar), bar, (x0, x1));
        y = bar_y + bar_h + 14.0;
        if let BarText::Below(_) = place {
            y += LINE;
        }
        blocks.push(GanttRow {
            lines,
            top,
            bar_y,
            bar,
            on_bar,
            place,
        });
    }
    let grid_top = MARGIN + 44.0;
    let height = y + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        gantt_grid(pen, (first, last), &qx, height)?;
        pen.path(&[(x1, MARGIN), (x1, height - MARGIN)], RULE, 1)?;
        pen.path(&[(x0, grid_top), (x1, grid_top)], RULE, 1)?;
        for (t, row) in tasks.iter().zip(&blocks) {
            for (k, line) in row.lines.iter().enumerate() {
                let ly = row.top + LINE * (k as f64 + 0.5);
                pen.backed_label(line, x0 + 6.0, ly, task_font, line)?;
            }
            let (bx0, bx1) = row.bar;
            let fill = step_of(t).map_or(GRID, |i| STEP_COLOURS[i % STEP_COLOURS.len()]);
            pen.rect(bx0, row.bar_y, bx1, row.bar_y + bar_h, fill)?;
            pen.outline(bx0, row.bar_y, bx1, row.bar_y + bar_h, INK)?;
            let full = f("chart.gantt.bar", &[&step_full(t), &t.owner]);
            let mid = row.bar_y + bar_h / 2.0;
            let (x, y, font) = match row.place {
                BarText::Inside => (bx0 + 6.0, mid, bar_font.with_colour(text_on(fill))),
                BarText::Right => (bx1 + 6.0, mid, bar_font),
                BarText::Left => (bx0 - 6.0, mid, bar_font.at(HPos::Right, VPos::Center)),
                BarText::Below(x) => (x, row.bar_y + bar_h + LINE / 2.0 + 2.0, bar_font),
            };
            let text = ellipsize(&row.on_bar, x1 - x0 - 12.0, bar_font);
            match row.place {
                BarText::Inside => pen.label(&text, x, y, font, &full)?,
                _ => pen.backed_label(&text, x, y, font, &full)?,
            }
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// The most quarter columns the Gantt header numbers; a longer span gets year marks only.
const MAX_QUARTER_COLUMNS: i64 = 160;
/// The most year marks of a long span: every n-th year is marked beyond that.
const MAX_YEAR_MARKS: i64 = 40;

/// Draws the Gantt header and its vertical lines: years over their quarters, then quarter
/// numbers. The work is bounded whatever the span: a span over [`MAX_QUARTER_COLUMNS`]
/// quarters gets at most [`MAX_YEAR_MARKS`] year marks and no quarter numbers.
fn gantt_grid(
    pen: &mut Pen,
    (first, last): (i64, i64),
    qx: &dyn Fn(i64) -> f64,
    height: f64,
) -> Drawn {
    let head = Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center);
    if last - first >= MAX_QUARTER_COLUMNS {
        let (y0, y1) = (first.div_euclid(4), last.div_euclid(4));
        let stride = (y1 - y0) / MAX_YEAR_MARKS + 1;
        let mut year = y0;
        while year <= y1 {
            let (a, b) = (
                qx((year * 4).max(first)),
                qx((year + stride) * 4).min(qx(last + 1)),
            );
            let label = year.to_string();
            if head.bold().width(&label) <= b - a {
                pen.text(&label, (a + b) / 2.0, MARGIN + 10.0, head.bold())?;
            }
            pen.path(&[(a, MARGIN), (a, height - MARGIN)], RULE, 1)?;
            year += stride;
        }
        return Ok(());
    }
    let mut q = first;
    while q <= last {
        let year_end = (q.div_euclid(4) * 4 + 3).min(last);
        let label = q.div_euclid(4).to_string();
        let (a, b) = (qx(q), qx(year_end + 1));
        if head.bold().width(&label) <= b - a {
            pen.text(&label, (a + b) / 2.0, MARGIN + 10.0, head.bold())?;
        }
        q = year_end + 1;
    }
    for q in first..=last {
        let (a, b) = (qx(q), qx(q + 1));
        let label = f("chart.gantt.quarter", &[&(q.rem_euclid(4) + 1)]);
        if head.width(&label) + 4.0 <= b - a {
            pen.text(&label, (a + b) / 2.0, MARGIN + 30.0, head)?;
        }
        let colour = if q.rem_euclid(4) == 0 { RULE } else { GRID };
        pen.path(&[(a, MARGIN), (a, height - MARGIN)], colour, 1)?;
    }
    Ok(())
}

struct GanttRow {
    lines: Vec<String>,
    top: f64,
    bar_y: f64,
    bar: (f64, f64),
    on_bar: String,
    place: BarText,
}

/// Where the step and owner are written: in the bar, beside it, or under it from x.
#[derive(Clone, Copy)]
enum BarText {
    Inside,
    Right,
    Left,
    Below(f64),
}

/// Puts a text of width `w` inside the bar if it fits, else beside it, else under it.
fn place_bar_text(w: f64, (bx0, bx1): (f64, f64), (x0, x1): (f64, f64)) -> BarText {
    if w <= bx1 - bx0 - 12.0 {
        BarText::Inside
    } else if w <= x1 - bx1 - 8.0 {
        BarText::Right
    } else if w <= bx0 - x0 - 8.0 {
        BarText::Left
    } else {
        BarText::Below(bx0.min(x1 - 6.0 - w).max(x0 + 6.0))
    }
}

/// Numbers quarters consecutively: year × 4 + (quarter − 1), quarter clamped to 1–4.
fn quarter_index((year, quarter): (i32, u8)) -> i64 {
    i64::from(year) * 4 + i64::from(quarter.clamp(1, 4)) - 1
}

/// Writes a quarter index as "T1 2026".
fn quarter_label(q: i64) -> String {
    f(
        "chart.gantt.quarter-year",
        &[&(q.rem_euclid(4) + 1), &q.div_euclid(4)],
    )
}

// ---------------------------------------------------------------------------------------
// 5. Budget

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
    if (0..steps.len()).all(|i| amount(one_off, i) == 0.0 && amount(yearly, i) == 0.0) {
        return empty_chart(id, title, headers);
    }
    let sum = |v: &[f64]| (0..steps.len()).map(|i| amount(v, i)).sum::<f64>();
    let mut rows: Vec<Vec<String>> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                s.full.clone(),
                euros(amount(one_off, i)),
                euros(amount(yearly, i)),
            ]
        })
        .collect();
    rows.push(vec![
        t(TOTAL).into(),
        euros(sum(one_off)),
        euros(sum(yearly)),
    ]);
    let mut desc = sentence(
        &f("chart.budget.desc-intro", &[&title]),
        steps.iter().enumerate().map(|(i, s)| {
            f(
                "chart.budget.desc-item",
                &[
                    &s.full,
                    &euros(amount(one_off, i)),
                    &euros(amount(yearly, i)),
                ],
            )
        }),
    );
    desc.push(' ');
    desc.push_str(&f(
        "chart.budget.desc-total",
        &[&euros(sum(one_off)), &euros(sum(yearly))],
    ));

    let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
    let value_font = Font::new(SMALL_SIZE, INK).at(HPos::Left, VPos::Center);
    let label_w = label_column(steps, label_font);
    let x0 = MARGIN + label_w + 10.0;
    let max = (0..steps.len())
        .map(|i| amount(one_off, i).max(amount(yearly, i)))
        .fold(0.0, f64::max);
    let widest = (0..steps.len())
        .flat_map(|i| [amount(one_off, i), amount(yearly, i)])
        .map(|v| value_font.width(&euros(v)))
        .fold(0.0, f64::max);
    let x1 = WIDTH - MARGIN - widest - 8.0;
    let step = nice_step(max, 3.0);
    let domain = (max / step).ceil() * step;
    // Dividing first keeps huge amounts finite (width × 1e307 would be infinite).
    let scale = |v: f64| x0 + (x1 - x0) * (v / domain);
    let legend = vec![
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
    ];
    let top = MARGIN + legend_height(&legend) + 8.0;
    let (bar_h, gap, row_h) = (16.0, 3.0, 52.0);
    let axis_y = top + steps.len() as f64 * row_h;
    let height = axis_y + 30.0 + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        draw_legend(pen, &legend, MARGIN)?;
        let ticks: Vec<(f64, String)> = ticks(domain, step).map(|v| (scale(v), euros(v))).collect();
        x_axis(pen, &ticks, top, axis_y)?;
        for (i, s) in steps.iter().enumerate() {
            let mid = top + row_h * (i as f64 + 0.5);
            step_label(pen, s, x0 - 10.0, mid, label_w, label_font)?;
            let bars = [
                (amount(one_off, i), mid - gap / 2.0 - bar_h, OI_BLUE, false),
                (amount(yearly, i), mid + gap / 2.0, OI_ORANGE, true),
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
                pen.text(&euros(v), end + 6.0, y + bar_h / 2.0, value_font)?;
            }
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

// ---------------------------------------------------------------------------------------
// 6. Progress

/// Draws, per step, a dumbbell from the score before (hollow dot) to the score after
/// (filled dot), both 0–100, with "avant → après" written at the right.
///
/// `before_label` and `after_label` name the two moments (e.g. "Audit 2025").
pub fn progress(
    id: &str,
    steps: &[Axis],
    before: &[Option<f64>],
    after: &[Option<f64>],
    before_label: &str,
    after_label: &str,
) -> Chart {
    let title = t("chart.progress.title");
    let caption = f("chart.progress.caption", &[&before_label, &after_label]);
    let b = |i: usize| score_at(before, i);
    let a = |i: usize| score_at(after, i);
    let headers = vec![
        t(STEP).to_string(),
        f("chart.progress.head-score", &[&before_label]),
        f("chart.progress.head-score", &[&after_label]),
        t("chart.progress.head-change").to_string(),
    ];
    if (0..steps.len()).all(|i| b(i).is_none() && a(i).is_none()) {
        return empty_chart(id, title, headers);
    }
    let change = |i: usize| match (b(i), a(i)) {
        (Some(x), Some(y)) => {
            let d = y.round() - x.round();
            // A true minus sign, read "moins" by screen readers.
            if d > 0.0 {
                format!("+{d:.0}")
            } else if d < 0.0 {
                format!("−{:.0}", -d)
            } else {
                "0".to_string()
            }
        }
        _ => "—".to_string(),
    };
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                s.full.clone(),
                score_text(b(i)),
                score_text(a(i)),
                change(i),
            ]
        })
        .collect();
    let desc = sentence(
        &f(
            "chart.progress.desc-intro",
            &[&title, &before_label, &after_label],
        ),
        steps.iter().enumerate().map(|(i, s)| {
            let (before, after) = (score_words(b(i)), score_words(a(i)));
            if b(i).is_some() && a(i).is_some() {
                f(
                    "chart.progress.desc-item-change",
                    &[&s.full, &before, &after, &change(i)],
                )
            } else {
                f("chart.progress.desc-item", &[&s.full, &before, &after])
            }
        }),
    );

    let label_font = Font::new(LABEL_SIZE, INK).at(HPos::Right, VPos::Center);
    let label_w = label_column(steps, label_font);
    let x0 = MARGIN + label_w + 18.0;
    let value_font = Font::new(SMALL_SIZE, INK).at(HPos::Left, VPos::Center);
    let widest_values = f("chart.progress.values", &[&short_score(None), &100]);
    let x1 = WIDTH - MARGIN - value_font.width(&widest_values) - 20.0;
    let scale = |v: f64| x0 + (x1 - x0) * v / 100.0;
    let legend = vec![
        LegendItem {
            text: before_label.to_string(),
            key: Key::Hollow,
        },
        LegendItem {
            text: after_label.to_string(),
            key: Key::Dot,
        },
    ];
    let top = MARGIN + legend_height(&legend) + 8.0;
    let row_h = 36.0;
    let axis_y = top + steps.len() as f64 * row_h;
    let height = axis_y + 30.0 + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        draw_legend(pen, &legend, MARGIN)?;
        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|k| (scale(f64::from(k * 20)), (k * 20).to_string()))
            .collect();
        x_axis(pen, &ticks, top, axis_y)?;
        for (i, s) in steps.iter().enumerate() {
            let mid = top + row_h * (i as f64 + 0.5);
            step_label(pen, s, x0 - 18.0, mid, label_w, label_font)?;
            if let (Some(x), Some(y)) = (b(i), a(i)) {
                pen.path(&[(scale(x), mid), (scale(y), mid)], RULE, 3)?;
            }
            if let Some(x) = b(i) {
                pen.hollow(scale(x), mid, 6.0, INK)?;
            }
            if let Some(y) = a(i) {
                pen.dot(scale(y), mid, 6.0, OI_BLUE)?;
            }
            let text = f(
                "chart.progress.values",
                &[&short_score(b(i)), &short_score(a(i))],
            );
            pen.text(&text, x1 + 20.0, mid, value_font)?;
        }
        Ok(())
    });
    finish_chart(id, title, &caption, svg, headers, rows)
}

fn short_score(v: Option<f64>) -> String {
    v.map_or(t("chart.not-scored-short").to_string(), |v| {
        score_text(Some(v))
    })
}

// ---------------------------------------------------------------------------------------
// 7. Strip

/// Draws each commune's overall index (0–100) as a labelled dot, one band per typology.
///
/// Names are placed in lanes above and below the dots so they never overlap; the desc and
/// table list communes alphabetically, never by rank. Values are clamped to 0–100 and
/// non-finite ones are left out.
pub fn strip(id: &str, groups: &[StripGroup]) -> Chart {
    let title = t("chart.strip.title");
    let caption = t("chart.strip.caption");
    let headers: Vec<String> = [
        "chart.strip.head-typology",
        "chart.strip.head-commune",
        "chart.strip.index",
    ]
    .map(|key| t(key).to_string())
    .to_vec();
    let points = |g: &StripGroup| -> Vec<(String, f64)> {
        let mut p: Vec<(String, f64)> = g
            .points
            .iter()
            .filter(|p| p.value.is_finite())
            .map(|p| (p.label.clone(), p.value.clamp(0.0, 100.0)))
            .collect();
        p.sort_by(|a, b| sort_key(&a.0).cmp(&sort_key(&b.0)).then(a.0.cmp(&b.0)));
        p
    };
    if groups.iter().all(|g| points(g).is_empty()) {
        return empty_chart(id, title, headers);
    }
    let rows = groups
        .iter()
        .flat_map(|g| {
            points(g)
                .into_iter()
                .map(|(name, v)| vec![g.label.clone(), name, score_text(Some(v))])
        })
        .collect();
    let desc = sentence(
        &f("chart.strip.desc-intro", &[&title]),
        groups.iter().map(|g| {
            let p = points(g);
            let names = if p.is_empty() {
                t("chart.strip.none").to_string()
            } else {
                let names: Vec<String> = p
                    .iter()
                    .map(|(n, v)| f("chart.desc.pair", &[n, &score_text(Some(*v))]))
                    .collect();
                names.join(t("chart.desc.list-separator"))
            };
            f("chart.desc.item", &[&g.label, &names])
        }),
    );

    let (x0, x1) = (MARGIN + 14.0, WIDTH - MARGIN - 14.0);
    let scale = |v: f64| x0 + (x1 - x0) * v / 100.0;
    let name_font = Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center);
    let group_font = Font::new(LABEL_SIZE, INK)
        .bold()
        .at(HPos::Left, VPos::Center);
    let mut bands = Vec::with_capacity(groups.len());
    let mut y = MARGIN;
    for g in groups {
        let p = points(g);
        let band = layout_band(&p, scale, name_font, (x0 - 10.0, x1 + 10.0), y + LINE + 8.0);
        y = band.bottom + 10.0;
        bands.push((band, p.is_empty()));
    }
    let axis_y = y;
    let height = axis_y + 48.0 + MARGIN;

    let svg = render(id, title, &desc, height, |pen| {
        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|k| (scale(f64::from(k * 20)), (k * 20).to_string()))
            .collect();
        x_axis(pen, &ticks, MARGIN, axis_y)?;
        let axis_font = Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center);
        pen.text(
            t("chart.strip.index"),
            (x0 + x1) / 2.0,
            axis_y + 36.0,
            axis_font,
        )?;
        let mut head_y = MARGIN + LINE / 2.0;
        for (g, (band, empty)) in groups.iter().zip(&bands) {
            let label = ellipsize(&g.label, x1 - x0, group_font);
            pen.backed_label(&label, MARGIN, head_y, group_font, &g.label)?;
            pen.path(&[(x0, band.base_y), (x1, band.base_y)], RULE, 1)?;
            if *empty {
                let font = Font::new(SMALL_SIZE, MUTED)
                    .italic()
                    .at(HPos::Left, VPos::Center);
                pen.text(t("chart.strip.none"), x0, band.base_y + 16.0, font)?;
            }
            for m in &band.marks {
                let edge = m.name.1 + if m.name.1 < m.dot.1 { 7.0 } else { -7.0 };
                pen.path(&[m.dot, (m.name.0, edge)], RULE, 1)?;
            }
            for m in &band.marks {
                pen.dot(m.dot.0, m.dot.1, 6.0, OI_BLUE)?;
            }
            for m in &band.marks {
                pen.backed_label(&m.text, m.name.0, m.name.1, name_font, &m.full)?;
            }
            head_y = band.bottom + 10.0 + LINE / 2.0;
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// A commune on the strip: its dot and the centre of its name (drawn cut to fit, if need be).
struct Mark {
    text: String,
    full: String,
    dot: (f64, f64),
    name: (f64, f64),
}

/// One typology's row of dots: marks, the y of the base line, the y of the lowest name.
struct Band {
    marks: Vec<Mark>,
    base_y: f64,
    bottom: f64,
}

const DOT_STEP: f64 = 13.0;
const LANE: f64 = 17.0;

/// Lays out one typology from `top`: dots that would overlap are stacked up and down
/// (a small beeswarm), and each name goes in the first lane, alternately above and below
/// the dots, where it overlaps no other name; a thin line joins name and dot.
fn layout_band(
    points: &[(String, f64)],
    scale: impl Fn(f64) -> f64,
    font: Font,
    (lo, hi): (f64, f64),
    top: f64,
) -> Band {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| points[a].1.total_cmp(&points[b].1).then(a.cmp(&b)));
    let alternate = |k: i32| if k % 2 == 1 { -(k + 1) / 2 } else { k / 2 };
    let mut dots: Vec<(i32, f64)> = Vec::new();
    let mut names: Vec<(i32, f64, f64)> = Vec::new();
    // The names already in each lane, so that finding a free lane does not scan every name.
    let mut lane_names: std::collections::HashMap<i32, Vec<(f64, f64)>> = Default::default();
    let mut placed = Vec::with_capacity(points.len());
    for i in order {
        let (text, v) = &points[i];
        let dot_x = scale(*v);
        // Dots come in ascending x, so only the last ones can be closer than a step.
        let near = dots.len()
            - dots
                .iter()
                .rev()
                .take_while(|&&(_, x)| (x - dot_x).abs() < DOT_STEP)
                .count();
        let slot = (0..)
            .map(alternate)
            .find(|&s| {
                !dots[near..]
                    .iter()
                    .any(|&(t, x)| t == s && (x - dot_x).abs() < DOT_STEP)
            })
            .unwrap_or(0);
        dots.push((slot, dot_x));
        // A name wider than the band is cut with "…"; the full name is its tooltip.
        let drawn = ellipsize(text, (hi - lo).max(0.0), font);
        let w = font.width(&drawn);
        let x = clamp_to(dot_x, lo + w / 2.0, hi - w / 2.0);
        let (a, b) = (x - w / 2.0 - 4.0, x + w / 2.0 + 4.0);
        // A dot stacked off the line keeps its name on its own side, so that leader lines
        // do not cross the other dots; a dot on the line alternates above and below.
        let n = points.len() as i32;
        let lanes: Box<dyn Iterator<Item = i32>> = match slot.signum() {
            0 => Box::new((1..=n).flat_map(|k| [-k, k])),
            side => Box::new((1..=n).map(move |k| side * k)),
        };
        let free = |lane: &i32| {
            !lane_names
                .get(lane)
                .is_some_and(|taken| taken.iter().any(|&(ta, tb)| a < tb && ta < b))
        };
        let lane = lanes.into_iter().find(free).unwrap_or(1);
        names.push((lane, a, b));
        lane_names.entry(lane).or_default().push((a, b));
        placed.push((drawn, text.clone(), dot_x, slot, x, lane));
    }
    let min_slot = dots.iter().map(|d| d.0).min().unwrap_or(0);
    let max_slot = dots.iter().map(|d| d.0).max().unwrap_or(0);
    let up = names.iter().map(|n| -n.0).max().unwrap_or(0).max(0);
    let down = names.iter().map(|n| n.0).max().unwrap_or(0).max(1);
    let base_y = top + f64::from(up) * LANE + f64::from(-min_slot) * DOT_STEP + 10.0;
    let upper = base_y + f64::from(min_slot) * DOT_STEP - 10.0;
    let lower = base_y + f64::from(max_slot) * DOT_STEP + 10.0;
    let marks = placed
        .into_iter()
        .map(|(text, full, dot_x, slot, x, lane)| {
            let k = f64::from(lane.abs()) - 0.5;
            let y = if lane < 0 {
                upper - k * LANE
            } else {
                lower + k * LANE
            };
            Mark {
                text,
                full,
                dot: (dot_x, base_y + f64::from(slot) * DOT_STEP),
                name: (x, y),
            }
        })
        .collect();
    Band {
        marks,
        base_y,
        bottom: lower + f64::from(down) * LANE,
    }
}

// ---------------------------------------------------------------------------------------
// Shared layout pieces

/// Width of the left label column: the widest wrapped short label, within 90–160.
fn label_column(axes: &[Axis], font: Font) -> f64 {
    axes.iter()
        .flat_map(|a| wrap(&a.short, 160.0, font, 2))
        .map(|l| font.width(&l))
        .fold(90.0, f64::max)
        .min(160.0)
}

/// Writes a step's short label, right-aligned at `x`, on up to two lines centred on `mid`.
fn step_label(pen: &mut Pen, axis: &Axis, x: f64, mid: f64, width: f64, font: Font) -> Drawn {
    let lines = wrap(&axis.short, width, font, 2);
    let first = mid - (lines.len() as f64 - 1.0) * 8.0;
    for (k, line) in lines.iter().enumerate() {
        pen.label(line, x, first + 16.0 * k as f64, font, &axis.full)?;
    }
    Ok(())
}

/// Draws vertical grid lines with tick labels under the plot, between `top` and `bottom`.
fn x_axis(pen: &mut Pen, ticks: &[(f64, String)], top: f64, bottom: f64) -> Drawn {
    let font = Font::new(SMALL_SIZE, MUTED).at(HPos::Center, VPos::Center);
    for (k, (x, label)) in ticks.iter().enumerate() {
        pen.path(
            &[(*x, top), (*x, bottom)],
            if k == 0 { RULE } else { GRID },
            1,
        )?;
        pen.text(label, *x, bottom + 14.0, font)?;
    }
    if let (Some(first), Some(last)) = (ticks.first(), ticks.last()) {
        pen.path(&[(first.0, bottom), (last.0, bottom)], RULE, 1)?;
    }
    Ok(())
}

/// Returns a round step (1, 2 or 5 × 10ⁿ) giving about `count` intervals up to `max`.
///
/// Any input ends: a non-finite or non-positive `max` gives 1, and the loops are bounded
/// by the range of `f64` (10^±308), whatever the value.
fn nice_step(max: f64, count: f64) -> f64 {
    let raw = max / count;
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    // Powers of ten by multiplication, not powf/log10, so every platform gets the same step.
    let mut base = 1.0;
    for _ in 0..F64_DECADES {
        if base * 10.0 > raw {
            break;
        }
        base *= 10.0;
    }
    for _ in 0..F64_DECADES {
        if base <= raw || base <= 1e-9 {
            break;
        }
        base /= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * base)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * base)
}

/// More powers of ten than `f64` holds on either side of 1.
const F64_DECADES: usize = 320;
/// The most tick intervals an axis draws, whatever `domain` and `step` say.
const MAX_TICKS: f64 = 100.0;

/// The ticks 0, step, 2 step … up to `domain`, at most [`MAX_TICKS`] + 1 of them.
fn ticks(domain: f64, step: f64) -> impl Iterator<Item = f64> {
    let n = (domain / step).round();
    let n = if n.is_finite() {
        n.clamp(0.0, MAX_TICKS) as i64
    } else {
        0
    };
    (0..=n).map(move |k| k as f64 * step)
}

/// The most hatching lines one rectangle gets (a 560 × 5,000 canvas needs under 1,000).
const MAX_HATCH_LINES: usize = 2_000;

/// Clamps `v` into `[lo, hi]` without ever panicking: an empty range gives its middle, a
/// NaN bound leaves `v` to the other one.
fn clamp_to(v: f64, lo: f64, hi: f64) -> f64 {
    if lo > hi {
        (lo + hi) / 2.0
    } else {
        v.max(lo).min(hi)
    }
}

struct LegendItem {
    text: String,
    key: Key,
}

enum Key {
    Line { colour: RGBColor, dashed: bool },
    Box { fill: RGBColor, hatched: bool },
    Warning,
    Hollow,
    Dot,
}

const LEGEND_ROW: f64 = 24.0;
const KEY_W: f64 = 30.0;

fn legend_rows(items: &[LegendItem]) -> Vec<Vec<usize>> {
    let font = Font::new(SMALL_SIZE, INK);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0.0;
    for (i, item) in items.iter().enumerate() {
        let w = KEY_W + 6.0 + font.width(&legend_text(item)) + 18.0;
        if x + w > WIDTH - 2.0 * MARGIN && x > 0.0 {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(row) = rows.last_mut() {
            row.push(i);
        }
        x += w;
    }
    rows
}

/// An item's text as drawn: cut with "…" when it is wider than a legend row.
fn legend_text(item: &LegendItem) -> String {
    let room = WIDTH - 2.0 * MARGIN - KEY_W - 6.0 - 18.0;
    ellipsize(&item.text, room, Font::new(SMALL_SIZE, INK))
}

fn legend_height(items: &[LegendItem]) -> f64 {
    legend_rows(items).len() as f64 * LEGEND_ROW
}

/// Draws the legend left-aligned from `top`, wrapping items onto rows.
fn draw_legend(pen: &mut Pen, items: &[LegendItem], top: f64) -> Drawn {
    let font = Font::new(SMALL_SIZE, INK).at(HPos::Left, VPos::Center);
    for (r, row) in legend_rows(items).iter().enumerate() {
        let y = top + LEGEND_ROW * (r as f64 + 0.5);
        let mut x = MARGIN;
        for &i in row {
            let item = &items[i];
            match item.key {
                Key::Line { colour, dashed } => {
                    let seg = [(x, y), (x + KEY_W, y)];
                    if dashed {
                        pen.dashed(&seg, colour, 2, 8.0, 5.0)?;
                        pen.diamond(x + KEY_W / 2.0, y, 6.0, colour)?;
                    } else {
                        pen.path(&seg, colour, 3)?;
                        pen.dot(x + KEY_W / 2.0, y, 5.0, colour)?;
                    }
                }
                Key::Box { fill, hatched } => {
                    pen.rect(x, y - 8.0, x + KEY_W, y + 8.0, fill)?;
                    if hatched {
                        pen.hatch(
                            x,
                            y - 8.0,
                            x + KEY_W,
                            y + 8.0,
                            if fill == NONE_FILL { RULE } else { INK },
                        )?;
                    }
                    pen.outline(x, y - 8.0, x + KEY_W, y + 8.0, INK)?;
                }
                Key::Warning => pen.warning(x + KEY_W / 2.0, y)?,
                Key::Hollow => pen.hollow(x + KEY_W / 2.0, y, 6.0, INK)?,
                Key::Dot => pen.dot(x + KEY_W / 2.0, y, 6.0, OI_BLUE)?,
            }
            let text = legend_text(item);
            pen.label(&text, x + KEY_W + 6.0, y, font, &item.text)?;
            x += KEY_W + 6.0 + font.width(&text) + 18.0;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Text: width estimate, wrapping, French formatting

#[derive(Clone, Copy)]
struct Font {
    size: f64,
    colour: RGBColor,
    bold: bool,
    italic: bool,
    h: HPos,
    v: VPos,
}

impl Font {
    fn new(size: f64, colour: RGBColor) -> Self {
        Font {
            size,
            colour,
            bold: false,
            italic: false,
            h: HPos::Left,
            v: VPos::Center,
        }
    }
    fn bold(self) -> Self {
        Font { bold: true, ..self }
    }
    fn italic(self) -> Self {
        Font {
            italic: true,
            ..self
        }
    }
    fn at(self, h: HPos, v: VPos) -> Self {
        Font { h, v, ..self }
    }
    fn with_colour(self, colour: RGBColor) -> Self {
        Font { colour, ..self }
    }
    fn width(&self, text: &str) -> f64 {
        text_width(text, self.size, self.bold)
    }
    /// The width of a text whose characters' advances sum to `em`.
    fn width_of_em(&self, em: f64) -> f64 {
        em_width(em, self.size, self.bold)
    }
}

/// Estimates the rendered width of `text`, on the wide side: DejaVu Sans advances (the
/// widest usual `system-ui` fallback) plus 4 %; bold adds 12 %.
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    em_width(text.chars().map(char_em).sum(), size, bold)
}

fn em_width(em: f64, size: f64, bold: bool) -> f64 {
    em * size * 1.04 * if bold { 1.12 } else { 1.0 }
}

/// Advance of one character in em, after DejaVu Sans; accented letters as their base.
fn char_em(c: char) -> f64 {
    let base = fold_accent(c.to_lowercase().next().unwrap_or(c));
    let upper = c.is_uppercase();
    match (base, upper) {
        ('i' | 'j' | 'l', false) => 0.28,
        ('f', false) => 0.36,
        ('t', false) => 0.4,
        ('r', false) => 0.42,
        ('s' | 'z' | 'c', false) => 0.55,
        ('v' | 'x' | 'y' | 'k', false) => 0.6,
        ('m', false) => 0.98,
        ('w', false) => 0.82,
        ('œ' | 'æ', false) => 0.98,
        (_, false) if base.is_alphabetic() => 0.64,
        ('i' | 'j', true) => 0.3,
        ('m' | 'w', true) => 0.99,
        ('o' | 'q' | 'g' | 'd' | 'c', true) => 0.79,
        ('l' | 'f' | 'p' | 't' | 's' | 'e', true) => 0.64,
        (_, true) => 0.76,
        ('0'..='9' | '€' | '$' | '#' | '+' | '=' | '<' | '>', _) => 0.64,
        ('\'' | '’' | '|' | '.' | ',' | ':' | ';' | '!' | '·' | ' ' | '\u{a0}', _) => 0.34,
        ('\u{202f}', _) => 0.2,
        ('(' | ')' | '[' | ']' | '-' | '/', _) => 0.4,
        ('«' | '»' | '–' | '?', _) => 0.56,
        ('→', _) => 0.84,
        ('%' | '—' | '…' | '⚠' | '&' | '@', _) => 1.0,
        _ => 0.7,
    }
}

/// Splits `text` on spaces into lines no wider than `max_w`, at most `max_lines`; the last
/// line ends in "…" if the text does not fit. Linear in the length of `text`.
fn wrap(text: &str, max_w: f64, font: Font, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_em = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        // The width of "current word", summed in the order `text_width` sums it.
        let mut em = if current.is_empty() {
            0.0
        } else {
            current_em + char_em(' ')
        };
        for c in word.chars() {
            em += char_em(c);
        }
        if current.is_empty() || font.width_of_em(em) <= max_w {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            current_em = em;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
            current_em = word.chars().map(char_em).sum();
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(format!("{rest}…"));
    }
    lines.iter().map(|l| ellipsize(l, max_w, font)).collect()
}

/// Cuts `text` and appends "…" until it fits in `max_w`. Linear in the length of `text`:
/// widths are sums over characters, so one pass finds the longest prefix that fits.
fn ellipsize(text: &str, max_w: f64, font: Font) -> String {
    if font.width(text) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.trim_end_matches('…').chars().collect();
    let mut em = 0.0;
    // The em width of the prefix up to its last non-space character.
    let mut trimmed_em = 0.0;
    let mut best: Option<usize> = None;
    for (k, &c) in chars.iter().enumerate() {
        // The candidate is the first k characters, trimmed, then "…".
        if font.width_of_em(trimmed_em + char_em('…')) > max_w {
            break;
        }
        best = Some(k);
        em += char_em(c);
        if !c.is_whitespace() {
            trimmed_em = em;
        }
    }
    match best {
        Some(k) => chars[..k].iter().collect::<String>().trim_end().to_string() + "…",
        None => "…".to_string(),
    }
}

/// Reads score `i`, clamped to 0–100; missing or non-finite is `None`.
fn score_at(values: &[Option<f64>], i: usize) -> Option<f64> {
    values
        .get(i)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(0.0, 100.0))
}

/// Writes a score rounded to the unit, or "non évalué".
fn score_text(v: Option<f64>) -> String {
    v.map_or(t(NOT_SCORED).to_string(), |v| {
        format!("{}", v.round() as i64)
    })
}

/// Writes a score for the desc: "42 sur 100" or "non évalué".
fn score_words(v: Option<f64>) -> String {
    v.map_or(t(NOT_SCORED).to_string(), |v| {
        f("chart.score-words", &[&(v.round() as i64)])
    })
}

/// Groups thousands with a narrow no-break space: 12345 → "12 345".
fn format_int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (k, d) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push_str(t("chart.thousands-separator"));
        }
        out.push(d);
    }
    out
}

/// Writes euros rounded to the unit, French style: "12 000 €".
fn euros(v: f64) -> String {
    f("chart.euros", &[&format_int(v.round() as i64)])
}

/// Joins `parts` into "intro. a ; b ; c."
fn sentence(intro: &str, parts: impl Iterator<Item = String>) -> String {
    let parts: Vec<String> = parts.collect();
    f(
        "chart.desc.sentence",
        &[&intro, &parts.join(t("chart.desc.separator"))],
    )
}

/// Sorts names as a French reader expects: case and accents ignored.
fn sort_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

/// A lower-case French letter without its accent.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ÿ' => 'y',
        other => other,
    }
}

// ---------------------------------------------------------------------------------------
// Colour contrast (WCAG 2.1 relative luminance)

fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance(c: RGBColor) -> f64 {
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// Returns the WCAG contrast ratio of two colours, from 1 to 21.
fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Picks the text colour for a fill: dark grey or white if either reaches 4.5:1, else
/// black or white, one of which always does.
fn text_on(fill: RGBColor) -> RGBColor {
    [INK, WHITE]
        .into_iter()
        .find(|c| contrast(*c, fill) >= 4.5)
        .unwrap_or(if contrast(BLACK, fill) >= contrast(WHITE, fill) {
            BLACK
        } else {
            WHITE
        })
}

// ---------------------------------------------------------------------------------------
// Drawing on plotters' SVG backend

type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// The drawing area plus the tooltips to add to abbreviated labels afterwards.
struct Pen<'a> {
    area: DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    tips: Vec<(String, String)>,
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn pts(points: &[(f64, f64)]) -> Vec<(i32, i32)> {
    points.iter().map(|&(x, y)| pt(x, y)).collect()
}

impl Pen<'_> {
    fn text(&mut self, text: &str, x: f64, y: f64, font: Font) -> Drawn {
        let style = if font.bold {
            FontStyle::Bold
        } else if font.italic {
            FontStyle::Italic
        } else {
            FontStyle::Normal
        };
        let desc = FontDesc::new(FontFamily::Name(FONT), font.size * 1.24, style);
        let style = TextStyle::from(desc)
            .color(&font.colour)
            .pos(Pos::new(font.h, font.v));
        self.area
            .draw(&Text::new(text.to_string(), pt(x, y), style))
    }

    /// Writes a label and, if it is not the full name, remembers the full name as tooltip.
    fn label(&mut self, text: &str, x: f64, y: f64, font: Font, full: &str) -> Drawn {
        if text != full && !text.is_empty() {
            self.tips.push((text.to_string(), full.to_string()));
        }
        self.text(text, x, y, font)
    }

    /// Writes a label over a white box, so grid lines do not cross it.
    fn backed_label(&mut self, text: &str, x: f64, y: f64, font: Font, full: &str) -> Drawn {
        let w = font.width(text);
        let x0 = match font.h {
            HPos::Left => x,
            HPos::Center => x - w / 2.0,
            HPos::Right => x - w,
        };
        let half = font.size * 0.65;
        self.rect(x0 - 2.0, y - half, x0 + w + 2.0, y + half, WHITE)?;
        self.label(text, x, y, font, full)
    }

    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: RGBColor) -> Drawn {
        self.area
            .draw(&Rectangle::new([pt(x0, y0), pt(x1, y1)], fill.filled()))
    }

    fn outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, colour: RGBColor) -> Drawn {
        self.area.draw(&Rectangle::new(
            [pt(x0, y0), pt(x1, y1)],
            colour.stroke_width(1),
        ))
    }

    /// Hatches a rectangle with 45° lines, 6 units apart.
    fn hatch(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, colour: RGBColor) -> Drawn {
        let mut c = x0 + y0 + 6.0;
        // Bounded by a count too: with a huge or infinite corner, `c += 6` would never end.
        let mut drawn = 0;
        while c < x1 + y1 && drawn < MAX_HATCH_LINES {
            let a = (c - y1).max(x0);
            let b = (c - y0).min(x1);
            if b - a > 0.5 {
                self.path(&[(a, c - a), (b, c - b)], colour, 1)?;
            }
            c += 6.0;
            drawn += 1;
        }
        Ok(())
    }

    fn path(&mut self, points: &[(f64, f64)], colour: RGBColor, width: u32) -> Drawn {
        self.area
            .draw(&PathElement::new(pts(points), colour.stroke_width(width)))
    }

    fn dashed(
        &mut self,
        points: &[(f64, f64)],
        colour: RGBColor,
        width: u32,
        dash: f64,
        gap: f64,
    ) -> Drawn {
        let style: ShapeStyle = colour.stroke_width(width);
        self.area
            .draw(&DashedPathElement::new(pts(points), dash, gap, style))
    }

    fn polygon(&mut self, points: &[(f64, f64)], colour: RGBColor, opacity: f64) -> Drawn {
        self.area
            .draw(&Polygon::new(pts(points), colour.mix(opacity).filled()))
    }

    /// A filled dot with a white ring, so overlapping dots stay apart.
    fn dot(&mut self, x: f64, y: f64, r: f64, colour: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(pt(x, y), r.round() as i32, colour.filled()))?;
        self.area.draw(&Circle::new(
            pt(x, y),
            r.round() as i32 + 1,
            WHITE.stroke_width(1),
        ))
    }

    fn hollow(&mut self, x: f64, y: f64, r: f64, colour: RGBColor) -> Drawn {
        self.area
            .draw(&Circle::new(pt(x, y), r.round() as i32, WHITE.filled()))?;
        self.area.draw(&Circle::new(
            pt(x, y),
            r.round() as i32,
            colour.stroke_width(2),
        ))
    }

    fn diamond(&mut self, x: f64, y: f64, r: f64, colour: RGBColor) -> Drawn {
        let d = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
        self.polygon(&d, colour, 1.0)
    }

    /// A warning triangle with "!" centred on (x, y).
    fn warning(&mut self, x: f64, y: f64) -> Drawn {
        let tri = [(x, y - 9.0), (x + 10.0, y + 8.0), (x - 10.0, y + 8.0)];
        self.polygon(&tri, OI_ORANGE, 1.0)?;
        let mut edge = tri.to_vec();
        edge.push(tri[0]);
        self.path(&edge, INK, 1)?;
        let font = Font::new(12.0, INK).bold().at(HPos::Center, VPos::Center);
        self.text("!", x, y + 2.0, font)
    }
}

/// Draws with `draw` on a white canvas of WIDTH × `height` and returns the finished SVG.
fn render(
    id: &str,
    title: &str,
    desc: &str,
    height: f64,
    draw: impl FnOnce(&mut Pen) -> Drawn,
) -> String {
    let size = (WIDTH as u32, height.ceil() as u32);
    let mut raw = String::new();
    let tips = {
        let area = SVGBackend::with_string(&mut raw, size).into_drawing_area();
        let mut pen = Pen {
            area,
            tips: Vec::new(),
        };
        pen.area
            .fill(&WHITE)
            .and_then(|()| draw(&mut pen))
            .and_then(|()| pen.area.present())
            .expect("drawing into a String cannot fail");
        pen.tips
    };
    finish_svg(&raw, &clean_id(id), title, desc, &tips)
}

/// Turns plotters' SVG into an accessible, scalable one: a new root element with
/// `role="img"`, `aria-labelledby`, `viewBox` and `width="100%"`, then `<title>` and
/// `<desc>` with ids prefixed by `id`; rounds font sizes, drops `opacity="1"` and adds a
/// `<title>` tooltip to every text element whose content is an abbreviated label.
fn finish_svg(raw: &str, id: &str, title: &str, desc: &str, tips: &[(String, String)]) -> String {
    let body_start = raw.find(">\n").map_or(0, |i| i + 2);
    let view_box = attribute(raw, "viewBox").unwrap_or("0 0 0 0");
    let mut out = String::with_capacity(raw.len() + 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view_box}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    );
    let body = round_font_sizes(&raw[body_start..]).replace(" opacity=\"1\"", "");
    // One pass over the text elements, so that many tooltips on a big chart stay linear.
    let mut tipped: std::collections::BTreeMap<String, String> = Default::default();
    for (text, full) in tips {
        tipped.entry(escape(text)).or_insert_with(|| escape(full));
    }
    const CLOSE: &str = "\n</text>";
    let mut rest = body.as_str();
    while let Some(end) = rest.find(CLOSE) {
        let head = &rest[..end];
        let tip = head
            .rfind(">\n")
            .and_then(|start| Some((start, tipped.get(&head[start + 2..])?)));
        match tip {
            Some((start, full)) => {
                let _ = write!(
                    out,
                    "{}\n<title>{full}</title>{}",
                    &head[..=start],
                    &head[start + 2..]
                );
            }
            None => out.push_str(head),
        }
        out.push_str(CLOSE);
        rest = &rest[end + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Rewrites every `font-size="14.999999"` with at most one decimal.
fn round_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let start = i + KEY.len();
        out.push_str(&rest[..start]);
        let len = rest[start..].find('"').unwrap_or(0);
        let value = &rest[start..start + len];
        match value.parse::<f64>() {
            Ok(v) => {
                let s = format!("{v:.1}");
                out.push_str(s.strip_suffix(".0").unwrap_or(&s));
            }
            Err(_) => out.push_str(value),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Escapes text for XML content and attributes, as plotters does.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Keeps `[A-Za-z0-9_-]`, replaces anything else by "-", and never starts with a digit.
fn clean_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    match cleaned.chars().next() {
        None => "chart".to_string(),
        Some(c) if c.is_ascii_digit() => format!("chart-{cleaned}"),
        Some(_) => cleaned,
    }
}

fn finish_chart(
    id: &str,
    title: &str,
    caption: &str,
    svg: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Chart {
    Chart {
        id: clean_id(id),
        title: title.to_string(),
        caption: caption.to_string(),
        svg,
        table: DataTable { headers, rows },
    }
}

/// The chart for no data: a small frame that says so, and a table with headers only.
fn empty_chart(id: &str, title: &str, headers: Vec<String>) -> Chart {
    let desc = f(NO_DATA_DESC, &[&title]);
    let svg = render(id, title, &desc, 96.0, |pen| {
        pen.outline(MARGIN, MARGIN, WIDTH - MARGIN, 96.0 - MARGIN, RULE)?;
        let font = Font::new(LABEL_SIZE, INK).at(HPos::Center, VPos::Center);
        pen.text(t(NO_DATA), WIDTH / 2.0, 48.0, font)
    });
    finish_chart(id, title, t(NO_DATA), svg, headers, Vec::new())
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
