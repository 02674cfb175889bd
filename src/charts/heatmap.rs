//! The step × angle heat map of scores.

use super::layout::label_column;
use super::pen::{text_on, Drawn, Pen};
use super::svg::{empty_chart, finish_chart, render};
use super::text::{text_width, wrap, Font};
use super::{
    score_at, sentence, Axis, Chart, INK, LABEL_SIZE, MARGIN, NONE_FILL, NOT_SCORED, RULE,
    SMALL_SIZE, STEP, WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, WHITE};

/// Heat-map classes, light to dark single-hue blue (ColorBrewer "Blues"), by 20 points.
pub(super) const HEAT_COLOURS: [RGBColor; 5] = [
    RGBColor(0xef, 0xf3, 0xff),
    RGBColor(0xbd, 0xd7, 0xe7),
    RGBColor(0x6b, 0xae, 0xd6),
    RGBColor(0x21, 0x71, 0xb5),
    RGBColor(0x08, 0x30, 0x6b),
];
const HEAT_CLASSES: [&str; 5] = ["0–19", "20–39", "40–59", "60–79", "80–100"];

/// What a heat-map cell says beside its score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CellMark {
    /// Nothing more than its score (or "—").
    #[default]
    Plain,
    /// Its score rests on a single known answer: "*" follows the number.
    OneAnswer,
    /// Every criterion is answered `na`: "sans objet" rather than "—".
    NotApplicable,
}

/// One cell as drawn: its clamped score and a mark that fits it.
#[derive(Clone, Copy)]
struct Cell {
    value: Option<f64>,
    mark: CellMark,
}

impl Cell {
    /// A mark only where it means something: "*" on a score, "sans objet" on none.
    fn new(value: Option<f64>, mark: CellMark) -> Self {
        let mark = match (value, mark) {
            (Some(_), CellMark::OneAnswer) | (None, CellMark::NotApplicable) => mark,
            _ => CellMark::Plain,
        };
        Cell { value, mark }
    }

    /// The cell's words in the data table, and drawn on the cell.
    fn shown(self) -> String {
        match self.mark {
            CellMark::OneAnswer => f("chart.heatmap.one-answer", &[&format::score(self.value)]),
            CellMark::NotApplicable => t("chart.heatmap.not-applicable").to_string(),
            CellMark::Plain => format::score_or(self.value, t(NOT_SCORED)),
        }
    }

    /// The cell's words in the desc, read aloud: the marker spelt out.
    fn words(self) -> String {
        match self.mark {
            CellMark::OneAnswer => f(
                "chart.heatmap.one-answer-words",
                &[&format::score(self.value)],
            ),
            _ => self.shown(),
        }
    }
}

/// Draws a step × angle grid of scores, the score written in each cell.
///
/// `cells[r][c]` belongs to `rows[r]` and `cols[c]`; `None` or missing cells show "—".
/// Fills come from five light-to-dark blue classes of 20 points (by the rounded score, so
/// the written number always matches its class), and the number's colour is picked for at
/// least 4.5:1 contrast on its fill. Fits up to about 8 columns.
pub fn heatmap(id: &str, rows: &[Axis], cols: &[Axis], cells: &[Vec<Option<f64>>]) -> Chart {
    heatmap_marked(id, rows, cols, cells, &[])
}

/// [`heatmap`] with a [`CellMark`] per cell (`marks[r][c]`, missing ones plain): a score resting
/// on one answer is written "42 *", a cell where every criterion is `na` "sans objet"; the
/// caption explains each marker shown, and the data table carries the same words.
pub fn heatmap_marked(
    id: &str,
    rows: &[Axis],
    cols: &[Axis],
    cells: &[Vec<Option<f64>>],
    marks: &[Vec<CellMark>],
) -> Chart {
    let title = t("chart.heatmap.title");
    let grid: Vec<Vec<Cell>> = (0..rows.len())
        .map(|r| {
            (0..cols.len())
                .map(|c| {
                    let value = cells.get(r).and_then(|row| score_at(row, c));
                    let mark = marks.get(r).and_then(|row| row.get(c)).copied();
                    Cell::new(value, mark.unwrap_or_default())
                })
                .collect()
        })
        .collect();
    let mut headers = vec![t(STEP).to_string()];
    headers.extend(cols.iter().map(|c| c.full.clone()));
    let flat = || grid.iter().flatten();
    if !flat().any(|c| c.value.is_some() || c.mark == CellMark::NotApplicable) {
        return empty_chart(id, title, headers);
    }
    let mut caption = t("chart.heatmap.caption").to_string();
    for (mark, key) in [
        (CellMark::OneAnswer, "chart.heatmap.caption-one-answer"),
        (
            CellMark::NotApplicable,
            "chart.heatmap.caption-not-applicable",
        ),
    ] {
        if flat().any(|c| c.mark == mark) {
            caption.push(' ');
            caption.push_str(t(key));
        }
    }
    let table_rows = rows
        .iter()
        .zip(&grid)
        .map(|(row, values)| {
            let mut line = vec![row.full.clone()];
            line.extend(values.iter().map(|c| c.shown()));
            line
        })
        .collect();
    let desc = sentence(
        &f("chart.desc.out-of-hundred", &[&title]),
        rows.iter().zip(&grid).map(|(row, values)| {
            let scores: Vec<String> = cols
                .iter()
                .zip(values)
                .map(|(col, c)| f("chart.desc.pair", &[&col.full, &c.words()]))
                .collect();
            f(
                "chart.desc.item",
                &[&row.full, &scores.join(t("chart.desc.list-separator"))],
            )
        }),
    );
    let layout = HeatLayout::new(rows, cols);
    let svg = render(id, title, &desc, layout.height, |pen| {
        layout.draw_heads(pen, cols)?;
        layout.draw_cells(pen, rows, &grid)?;
        layout.draw_frame(pen, rows.len(), cols.len())?;
        heat_legend(pen, layout.legend_top)
    });
    finish_chart(id, title, &caption, svg, headers, table_rows)
}

/// Where the heat map's labels, headers and cells go.
struct HeatLayout {
    label_font: Font,
    label_w: f64,
    grid_x: f64,
    grid_y: f64,
    cell_w: f64,
    head_font: Font,
    head_line: f64,
    heads: Vec<Vec<String>>,
    legend_top: f64,
    height: f64,
}

impl HeatLayout {
    const CELL_H: f64 = 38.0;

    fn new(rows: &[Axis], cols: &[Axis]) -> Self {
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
        let legend_top = grid_y + rows.len() as f64 * Self::CELL_H + 18.0;
        HeatLayout {
            label_font,
            label_w,
            grid_x,
            grid_y,
            cell_w,
            head_font,
            head_line,
            heads,
            legend_top,
            height: legend_top + 24.0 + MARGIN,
        }
    }

    /// The column headers, wrapped, with the full angle name as tooltip.
    fn draw_heads(&self, pen: &mut Pen, cols: &[Axis]) -> Drawn {
        for (c, lines) in self.heads.iter().enumerate() {
            let x = self.grid_x + self.cell_w * (c as f64 + 0.5);
            let top = self.grid_y - 6.0 - lines.len() as f64 * self.head_line;
            for (k, line) in lines.iter().enumerate() {
                let y = top + self.head_line * (k as f64 + 0.5);
                pen.label(line, x, y, self.head_font, &cols[c].full)?;
            }
        }
        Ok(())
    }

    /// Each row's label, then its cells: the class fill and the rounded score written on it.
    fn draw_cells(&self, pen: &mut Pen, rows: &[Axis], grid: &[Vec<Cell>]) -> Drawn {
        let cell_h = Self::CELL_H;
        for (r, (row, values)) in rows.iter().zip(grid).enumerate() {
            let y = self.grid_y + r as f64 * cell_h;
            let lines = wrap(&row.short, self.label_w, self.label_font, 2);
            let first = y + cell_h / 2.0 - (lines.len() as f64 - 1.0) * 8.0;
            for (k, line) in lines.iter().enumerate() {
                let ly = first + 16.0 * k as f64;
                pen.label(line, self.grid_x - 8.0, ly, self.label_font, &row.full)?;
            }
            for (c, cell) in values.iter().enumerate() {
                let x = self.grid_x + c as f64 * self.cell_w;
                self.draw_cell(pen, x, y, *cell)?;
            }
        }
        Ok(())
    }

    /// One cell: its fill and its words, the score bold, "—" or "sans objet" plain and
    /// wrapped to the cell's width.
    fn draw_cell(&self, pen: &mut Pen, x: f64, y: f64, cell: Cell) -> Drawn {
        let cell_h = Self::CELL_H;
        let fill = cell.value.map_or(NONE_FILL, heat_colour);
        pen.rect(x, y, x + self.cell_w, y + cell_h, fill)?;
        let (cx, cy) = (x + self.cell_w / 2.0, y + cell_h / 2.0);
        let font = Font::new(LABEL_SIZE, text_on(fill)).at(HPos::Center, VPos::Center);
        match (cell.value, cell.mark) {
            (Some(v), CellMark::OneAnswer) => {
                let text = format!("{}{}", format::score(Some(v)), t("chart.heatmap.mark"));
                pen.text(&text, cx, cy, font.bold())
            }
            (Some(v), _) => pen.text(&format::score(Some(v)), cx, cy, font.bold()),
            (None, CellMark::NotApplicable) => {
                let small = Font::new(SMALL_SIZE, text_on(fill)).at(HPos::Center, VPos::Center);
                let words = t("chart.heatmap.not-applicable");
                let lines = wrap(words, self.cell_w - 4.0, small, 2);
                let first = cy - (lines.len() as f64 - 1.0) * 8.0;
                for (k, line) in lines.iter().enumerate() {
                    pen.text(line, cx, first + 16.0 * k as f64, small)?;
                }
                Ok(())
            }
            (None, _) => pen.text("—", cx, cy, font),
        }
    }

    /// Cell borders in white keep neighbouring classes apart; the frame in grey.
    fn draw_frame(&self, pen: &mut Pen, n_rows: usize, n_cols: usize) -> Drawn {
        let (x0, y0) = (self.grid_x, self.grid_y);
        let x1 = x0 + self.cell_w * n_cols as f64;
        let y1 = y0 + Self::CELL_H * n_rows as f64;
        for r in 1..n_rows {
            let y = y0 + r as f64 * Self::CELL_H;
            pen.path(&[(x0, y), (x1, y)], WHITE, 2)?;
        }
        for c in 1..n_cols {
            let x = x0 + c as f64 * self.cell_w;
            pen.path(&[(x, y0), (x, y1)], WHITE, 2)?;
        }
        pen.outline(x0, y0, x1, y1, RULE)
    }
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
pub(super) fn heat_colour(score: f64) -> RGBColor {
    let class = (format::score_units(Some(score)).unwrap_or(0).clamp(0, 100) / 20).min(4) as usize;
    HEAT_COLOURS[class]
}
