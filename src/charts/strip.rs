//! The strip chart: each commune's overall index, one band per typology.

use super::layout::{clamp_to, x_axis};
use super::pen::{Drawn, Pen};
use super::svg::{empty_chart, finish_chart, render};
use super::text::{ellipsize, Font};
use super::{
    sentence, Chart, StripGroup, INK, LABEL_SIZE, LINE, MARGIN, MUTED, NOT_SCORED, OI_BLUE, RULE,
    SMALL_SIZE, WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};

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
    let points: Vec<Vec<(String, f64)>> = groups.iter().map(sorted_points).collect();
    if points.iter().all(Vec::is_empty) {
        return empty_chart(id, title, headers);
    }
    let (rows, desc) = strip_text(title, groups, &points);
    let (x0, x1) = (MARGIN + 14.0, WIDTH - MARGIN - 14.0);
    let scale = |v: f64| x0 + (x1 - x0) * v / 100.0;
    let name_font = Font::new(SMALL_SIZE, INK).at(HPos::Center, VPos::Center);
    let group_font = Font::new(LABEL_SIZE, INK)
        .bold()
        .at(HPos::Left, VPos::Center);
    let mut bands = Vec::with_capacity(groups.len());
    let mut y = MARGIN;
    for p in &points {
        let band = layout_band(p, scale, name_font, (x0 - 10.0, x1 + 10.0), y + LINE + 8.0);
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
            draw_band(pen, band, *empty, (x0, x1), name_font)?;
            head_y = band.bottom + 10.0 + LINE / 2.0;
        }
        Ok(())
    });
    finish_chart(id, title, caption, svg, headers, rows)
}

/// A typology's points: finite values clamped to 0–100, sorted by name as a French reader
/// expects ([`format::sort_key`]), never by value.
fn sorted_points(g: &StripGroup) -> Vec<(String, f64)> {
    let mut p: Vec<(String, f64)> = g
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .map(|p| (p.label.clone(), p.value.clamp(0.0, 100.0)))
        .collect();
    p.sort_by(|a, b| {
        format::sort_key(&a.0)
            .cmp(&format::sort_key(&b.0))
            .then(a.0.cmp(&b.0))
    });
    p
}

/// The table rows and the desc: communes alphabetically within each typology.
fn strip_text(
    title: &str,
    groups: &[StripGroup],
    points: &[Vec<(String, f64)>],
) -> (Vec<Vec<String>>, String) {
    let shown = |v: f64| format::score_or(Some(v), t(NOT_SCORED));
    let rows = groups
        .iter()
        .zip(points)
        .flat_map(|(g, p)| {
            p.iter()
                .map(|(name, v)| vec![g.label.clone(), name.clone(), shown(*v)])
        })
        .collect();
    let desc = sentence(
        &f("chart.strip.desc-intro", &[&title]),
        groups.iter().zip(points).map(|(g, p)| {
            let names = if p.is_empty() {
                t("chart.strip.none").to_string()
            } else {
                let names: Vec<String> = p
                    .iter()
                    .map(|(n, v)| f("chart.desc.pair", &[n, &shown(*v)]))
                    .collect();
                names.join(t("chart.desc.list-separator"))
            };
            f("chart.desc.item", &[&g.label, &names])
        }),
    );
    (rows, desc)
}

/// One typology's base line (or "aucune commune"), then leader lines, dots and names.
fn draw_band(pen: &mut Pen, band: &Band, empty: bool, (x0, x1): (f64, f64), font: Font) -> Drawn {
    pen.path(&[(x0, band.base_y), (x1, band.base_y)], RULE, 1)?;
    if empty {
        let none = Font::new(SMALL_SIZE, MUTED)
            .italic()
            .at(HPos::Left, VPos::Center);
        pen.text(t("chart.strip.none"), x0, band.base_y + 16.0, none)?;
    }
    for m in &band.marks {
        let edge = m.name.1 + if m.name.1 < m.dot.1 { 7.0 } else { -7.0 };
        pen.path(&[m.dot, (m.name.0, edge)], RULE, 1)?;
    }
    for m in &band.marks {
        pen.dot(m.dot.0, m.dot.1, 6.0, OI_BLUE)?;
    }
    for m in &band.marks {
        pen.backed_label(&m.text, m.name.0, m.name.1, font, &m.full)?;
    }
    Ok(())
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
