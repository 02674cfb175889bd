//! Shared layout pieces: the label column, axes and ticks, legends.

use super::pen::{Drawn, Pen};
use super::text::{ellipsize, wrap, Font};
use super::{Axis, GRID, INK, MARGIN, MUTED, NONE_FILL, OI_BLUE, RULE, SMALL_SIZE, WIDTH};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

/// Width of the left label column: the widest wrapped short label, within 90–160.
pub(super) fn label_column(axes: &[Axis], font: Font) -> f64 {
    axes.iter()
        .flat_map(|a| wrap(&a.short, 160.0, font, 2))
        .map(|l| font.width(&l))
        .fold(90.0, f64::max)
        .min(160.0)
}

/// Writes a step's short label, right-aligned at `x`, on up to two lines centred on `mid`.
pub(super) fn step_label(
    pen: &mut Pen,
    axis: &Axis,
    x: f64,
    mid: f64,
    width: f64,
    font: Font,
) -> Drawn {
    let lines = wrap(&axis.short, width, font, 2);
    let first = mid - (lines.len() as f64 - 1.0) * 8.0;
    for (k, line) in lines.iter().enumerate() {
        pen.label(line, x, first + 16.0 * k as f64, font, &axis.full)?;
    }
    Ok(())
}

/// Draws vertical grid lines with tick labels under the plot, between `top` and `bottom`.
pub(super) fn x_axis(pen: &mut Pen, ticks: &[(f64, String)], top: f64, bottom: f64) -> Drawn {
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
pub(super) fn nice_step(max: f64, count: f64) -> f64 {
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
pub(super) const F64_DECADES: usize = 320;
/// The most tick intervals an axis draws, whatever `domain` and `step` say.
pub(super) const MAX_TICKS: f64 = 100.0;

/// The ticks 0, step, 2 step … up to `domain`, at most [`MAX_TICKS`] + 1 of them.
pub(super) fn ticks(domain: f64, step: f64) -> impl Iterator<Item = f64> {
    let n = (domain / step).round();
    let n = if n.is_finite() {
        n.clamp(0.0, MAX_TICKS) as i64
    } else {
        0
    };
    (0..=n).map(move |k| k as f64 * step)
}

/// Clamps `v` into `[lo, hi]` without ever panicking: an empty range gives its middle, a
/// NaN bound leaves `v` to the other one.
pub(super) fn clamp_to(v: f64, lo: f64, hi: f64) -> f64 {
    if lo > hi {
        (lo + hi) / 2.0
    } else {
        v.max(lo).min(hi)
    }
}

pub(super) struct LegendItem {
    pub(super) text: String,
    pub(super) key: Key,
}

pub(super) enum Key {
    Line { colour: RGBColor, dashed: bool },
    Box { fill: RGBColor, hatched: bool },
    Warning,
    Hollow,
    Dot,
}

pub(super) const LEGEND_ROW: f64 = 24.0;
pub(super) const KEY_W: f64 = 30.0;

pub(super) fn legend_rows(items: &[LegendItem]) -> Vec<Vec<usize>> {
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
pub(super) fn legend_text(item: &LegendItem) -> String {
    let room = WIDTH - 2.0 * MARGIN - KEY_W - 6.0 - 18.0;
    ellipsize(&item.text, room, Font::new(SMALL_SIZE, INK))
}

pub(super) fn legend_height(items: &[LegendItem]) -> f64 {
    legend_rows(items).len() as f64 * LEGEND_ROW
}

/// Draws the legend left-aligned from `top`, wrapping items onto rows.
pub(super) fn draw_legend(pen: &mut Pen, items: &[LegendItem], top: f64) -> Drawn {
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
