//! The action plan by quarter (Gantt chart).

use super::pen::{text_on, Drawn, Pen};
use super::svg::{empty_chart, finish_chart, render};
use super::text::{ellipsize, wrap, Font};
use super::{
    sentence, Axis, Chart, Task, GRID, INK, LABEL_SIZE, LINE, MARGIN, OI_BLUE, OI_GREEN, OI_ORANGE,
    OI_PURPLE, OI_SKY, OI_VERMILLION, OI_YELLOW, RULE, SMALL_SIZE, STEP, WIDTH,
};
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

/// Bar colours of the Gantt chart, by step index.
pub(super) const STEP_COLOURS: [RGBColor; 7] = [
    OI_ORANGE,
    OI_SKY,
    OI_GREEN,
    OI_YELLOW,
    OI_BLUE,
    OI_VERMILLION,
    OI_PURPLE,
];

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
    let plan: Vec<Planned> = tasks.iter().map(|t| Planned::new(t, steps)).collect();
    let first = plan.iter().map(|p| p.span.0).min().unwrap_or(0);
    let last = plan.iter().map(|p| p.span.1).max().unwrap_or(0);
    let rows = plan
        .iter()
        .map(|p| {
            let (a, b) = p.span;
            let t = p.task;
            vec![
                t.label.clone(),
                p.step_full.clone(),
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
        plan.iter().map(Planned::desc_item),
    );
    let layout = GanttLayout::new(&plan, (first, last));
    let svg = render(id, title, &desc, layout.height, |pen| {
        layout.draw_grid(pen)?;
        for (p, row) in plan.iter().zip(&layout.rows) {
            layout.draw_task(pen, p, row)?;
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// A task with what the chart derives from it: its quarters and its step.
struct Planned<'a> {
    task: &'a Task,
    /// First and last quarter index; an end before the start is the start.
    span: (i64, i64),
    /// The index of its step among the chart's steps, if it names one.
    step: Option<usize>,
    /// The step's full name, or the name the task gives when it is not a known step.
    step_full: String,
}

impl<'a> Planned<'a> {
    fn new(task: &'a Task, steps: &[Axis]) -> Self {
        let a = quarter_index(task.start);
        let step = steps
            .iter()
            .position(|s| s.short == task.step_short || s.full == task.step_short);
        Planned {
            task,
            span: (a, quarter_index(task.end).max(a)),
            step,
            step_full: step.map_or(task.step_short.clone(), |i| steps[i].full.clone()),
        }
    }

    fn desc_item(&self) -> String {
        let (a, b) = self.span;
        let when = if a == b {
            f("chart.gantt.desc-in", &[&quarter_label(a)])
        } else {
            f(
                "chart.gantt.desc-from-to",
                &[&quarter_label(a), &quarter_label(b)],
            )
        };
        let t = self.task;
        f(
            "chart.gantt.desc-item",
            &[&t.label, &self.step_full, &t.owner, &when, &t.status_label],
        )
    }
}

/// The Gantt chart's columns and its rows, top to bottom.
struct GanttLayout {
    quarters: (i64, i64),
    x0: f64,
    x1: f64,
    col: f64,
    rows: Vec<GanttRow>,
    height: f64,
}

impl GanttLayout {
    const BAR_H: f64 = 26.0;

    fn new(plan: &[Planned], (first, last): (i64, i64)) -> Self {
        let quarters = (last - first + 1) as f64;
        let (x0, x1) = (MARGIN, WIDTH - MARGIN);
        let mut layout = GanttLayout {
            quarters: (first, last),
            x0,
            x1,
            col: (x1 - x0) / quarters,
            rows: Vec::with_capacity(plan.len()),
            height: 0.0,
        };
        let task_font = Font::new(LABEL_SIZE, INK).at(HPos::Left, VPos::Center);
        let bar_font = Font::new(SMALL_SIZE, INK);
        let mut y = MARGIN + 48.0;
        for p in plan {
            let t = p.task;
            // No-break spaces keep the status in one piece on the last line.
            let status = t.status_label.replace(' ', "\u{a0}");
            let text = f("chart.gantt.task", &[&t.label, &status]);
            let lines = wrap(&text, x1 - x0 - 12.0, task_font, 2);
            let top = y;
            let bar_y = y + lines.len() as f64 * LINE + 4.0;
            let (a, b) = p.span;
            let bar = (layout.qx(a) + 2.0, layout.qx(b + 1) - 2.0);
            let on_bar = f("chart.gantt.bar", &[&t.step_short, &t.owner]);
            let place = place_bar_text(bar_font.width(&on_bar), bar, (x0, x1));
            y = bar_y + Self::BAR_H + 14.0;
            if let BarText::Below(_) = place {
                y += LINE;
            }
            layout.rows.push(GanttRow {
                lines,
                top,
                bar_y,
                bar,
                on_bar,
                place,
            });
        }
        layout.height = y + MARGIN;
        layout
    }

    /// The x where quarter `q` begins.
    fn qx(&self, q: i64) -> f64 {
        self.x0 + (q - self.quarters.0) as f64 * self.col
    }

    /// The header, the quarter lines, the right edge and the rule under the header.
    fn draw_grid(&self, pen: &mut Pen) -> Drawn {
        let (x0, x1) = (self.x0, self.x1);
        gantt_grid(pen, self.quarters, &|q| self.qx(q), self.height)?;
        pen.path(&[(x1, MARGIN), (x1, self.height - MARGIN)], RULE, 1)?;
        let grid_top = MARGIN + 44.0;
        pen.path(&[(x0, grid_top), (x1, grid_top)], RULE, 1)
    }

    /// One task: its label and status, its bar, and the step and owner on or by the bar.
    fn draw_task(&self, pen: &mut Pen, p: &Planned, row: &GanttRow) -> Drawn {
        let (x0, x1) = (self.x0, self.x1);
        let task_font = Font::new(LABEL_SIZE, INK).at(HPos::Left, VPos::Center);
        let bar_font = Font::new(SMALL_SIZE, INK);
        let bar_h = Self::BAR_H;
        for (k, line) in row.lines.iter().enumerate() {
            let ly = row.top + LINE * (k as f64 + 0.5);
            pen.backed_label(line, x0 + 6.0, ly, task_font, line)?;
        }
        let (bx0, bx1) = row.bar;
        let fill = p
            .step
            .map_or(GRID, |i| STEP_COLOURS[i % STEP_COLOURS.len()]);
        pen.rect(bx0, row.bar_y, bx1, row.bar_y + bar_h, fill)?;
        pen.outline(bx0, row.bar_y, bx1, row.bar_y + bar_h, INK)?;
        let full = f("chart.gantt.bar", &[&p.step_full, &p.task.owner]);
        let mid = row.bar_y + bar_h / 2.0;
        let (x, y, font) = match row.place {
            BarText::Inside => (bx0 + 6.0, mid, bar_font.with_colour(text_on(fill))),
            BarText::Right => (bx1 + 6.0, mid, bar_font),
            BarText::Left => (bx0 - 6.0, mid, bar_font.at(HPos::Right, VPos::Center)),
            BarText::Below(x) => (x, row.bar_y + bar_h + LINE / 2.0 + 2.0, bar_font),
        };
        let text = ellipsize(&row.on_bar, x1 - x0 - 12.0, bar_font);
        match row.place {
            BarText::Inside => pen.label(&text, x, y, font, &full),
            _ => pen.backed_label(&text, x, y, font, &full),
        }
    }
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
