//! The progress dumbbells: each step's score before and after.

use super::layout::{
    draw_legend, label_column, legend_height, step_label, x_axis, Key, LegendItem,
};
use super::svg::{empty_chart, finish_chart, render};
use super::text::Font;
use super::{
    score_at, score_words, sentence, Axis, Chart, INK, LABEL_SIZE, MARGIN, NOT_SCORED, OI_BLUE,
    RULE, SMALL_SIZE, STEP, WIDTH,
};
use crate::format;
use crate::i18n::{f, t};
use plotters::style::text_anchor::{HPos, VPos};

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
    // The change of the two scores as written, with a true minus sign.
    let change = |i: usize| format::change(b(i), a(i)).map_or("—".to_string(), format::signed);
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                s.full.clone(),
                format::score_or(b(i), t(NOT_SCORED)),
                format::score_or(a(i), t(NOT_SCORED)),
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
        format::score_or(Some(v), t(NOT_SCORED))
    })
}
