//! Robustness of the charts (issue 11, D6 and D7): any label, any value, any span draws in
//! bounded time without panicking, with every coordinate of the SVG finite and near the canvas.

use super::layout::{nice_step, ticks};
use super::svg::attribute;
use super::text::{ellipsize, wrap, Font};
use super::*;
use proptest::prelude::*;
use std::sync::mpsc;
use std::time::Duration;

/// Runs `draw` on its own thread and fails if it panics or takes longer than `secs`.
fn within<T: Send + 'static>(secs: u64, draw: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(draw());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("drawing took more than {secs} s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("drawing panicked"),
    }
}

/// The numbers of the `x`/`cx` and `y`/`cy` attributes and of every `points` list.
fn coordinates(svg: &str) -> Vec<(char, f64)> {
    let mut out = Vec::new();
    for (key, axis) in [
        (" x=\"", 'x'),
        (" cx=\"", 'x'),
        (" y=\"", 'y'),
        (" cy=\"", 'y'),
    ] {
        for (i, _) in svg.match_indices(key) {
            let rest = &svg[i + key.len()..];
            let value = &rest[..rest.find('"').unwrap_or(0)];
            out.push((axis, value.parse::<f64>().unwrap_or(f64::NAN)));
        }
    }
    for (i, _) in svg.match_indices(" points=\"") {
        let rest = &svg[i + 9..];
        for pair in rest[..rest.find('"').unwrap_or(0)].split_whitespace() {
            let (x, y) = pair.split_once(',').unwrap_or((pair, "NaN"));
            out.push(('x', x.parse().unwrap_or(f64::NAN)));
            out.push(('y', y.parse().unwrap_or(f64::NAN)));
        }
    }
    out
}

/// Asserts that every coordinate is finite, x within a canvas width of the canvas, and y
/// within the view box (give or take a canvas width).
fn assert_sane(chart: &Chart) {
    let svg = &chart.svg;
    let height: f64 = attribute(svg, "viewBox")
        .and_then(|v| v.split(' ').nth(3))
        .and_then(|h| h.parse().ok())
        .expect("a viewBox");
    assert!(height.is_finite() && height > 0.0, "height {height}");
    for (axis, v) in coordinates(svg) {
        let ok = match axis {
            'x' => (-WIDTH..=2.0 * WIDTH).contains(&v),
            _ => (-WIDTH..=height + WIDTH).contains(&v),
        };
        assert!(ok, "{axis} = {v} out of the canvas (height {height})");
    }
}

fn label() -> impl Strategy<Value = String> {
    let c = prop_oneof![any::<char>(), Just(' '), Just('W'), Just('é'), Just('…')];
    prop::collection::vec(c, 0..300).prop_map(String::from_iter)
}

fn axis() -> impl Strategy<Value = Axis> {
    (label(), label()).prop_map(|(s, f)| Axis::new(s, f))
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        -10.0..110.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(1e306),
        Just(f64::MIN_POSITIVE),
    ]
}

fn score() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(value())
}

fn task() -> impl Strategy<Value = Task> {
    let quarter = (any::<i32>(), any::<u8>());
    let near = (1990..2100i32, 0..6u8);
    let q = prop_oneof![quarter, near];
    (label(), label(), label(), q.clone(), q, label()).prop_map(|(l, o, s, start, end, st)| Task {
        label: l,
        owner: o,
        step_short: s,
        start,
        end,
        status_label: st,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn radar_and_heatmap_take_any_labels_and_scores(
        axes in prop::collection::vec(axis(), 0..9),
        cols in prop::collection::vec(axis(), 0..9),
        values in prop::collection::vec(score(), 0..9),
        peer in prop::option::of(prop::collection::vec(score(), 0..9)),
    ) {
        let cells = vec![values.clone(); axes.len()];
        let (r, h) = within(10, move || {
            (radar("r", &axes, &values, peer.as_deref()), heatmap("h", &axes, &cols, &cells))
        });
        assert_sane(&r);
        assert_sane(&h);
    }

    #[test]
    fn inventory_budget_and_progress_take_any_numbers(
        steps in prop::collection::vec(axis(), 0..9),
        counts in prop::collection::vec(any::<[u32; 5]>(), 0..9),
        flags in prop::collection::vec(any::<u32>(), 0..9),
        one_off in prop::collection::vec(value(), 0..9),
        yearly in prop::collection::vec(value(), 0..9),
        before in prop::collection::vec(score(), 0..9),
        after in prop::collection::vec(score(), 0..9),
        labels in (label(), label()),
    ) {
        let charts = within(10, move || {
            [
                inventory("i", &steps, &counts, &flags),
                budget("b", &steps, &one_off, &yearly),
                progress("p", &steps, &before, &after, &labels.0, &labels.1),
            ]
        });
        charts.iter().for_each(assert_sane);
    }

    #[test]
    fn gantt_takes_any_span_and_labels(
        tasks in prop::collection::vec(task(), 0..12),
        steps in prop::collection::vec(axis(), 0..9),
    ) {
        let chart = within(10, move || gantt("g", &tasks, &steps));
        assert_sane(&chart);
    }

    #[test]
    fn strip_takes_any_names_and_values(
        groups in prop::collection::vec(
            (label(), prop::collection::vec((label(), value()), 0..40)),
            0..4,
        ),
    ) {
        let groups: Vec<StripGroup> = groups
            .into_iter()
            .map(|(label, points)| StripGroup {
                label,
                points: points
                    .into_iter()
                    .map(|(label, value)| StripPoint { label, value })
                    .collect(),
            })
            .collect();
        let chart = within(10, move || strip("s", &groups));
        assert_sane(&chart);
    }

    #[test]
    fn ellipsize_and_wrap_match_the_character_by_character_definition(
        text in label(),
        max_w in -10.0..400.0f64,
        lines in 0..4usize,
    ) {
        let font = Font::new(SMALL_SIZE, INK);
        prop_assert_eq!(ellipsize(&text, max_w, font), reference_ellipsize(&text, max_w, font));
        prop_assert_eq!(wrap(&text, max_w, font, lines), reference_wrap(&text, max_w, font, lines));
    }
}

/// `ellipsize` as first written: quadratic, kept as the definition the fast one must match.
fn reference_ellipsize(text: &str, max_w: f64, font: Font) -> String {
    if font.width(text) <= max_w {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.trim_end_matches('…').chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if font.width(&candidate) <= max_w {
            return candidate;
        }
    }
    "…".to_string()
}

/// `wrap` as first written, on `reference_ellipsize`.
fn reference_wrap(text: &str, max_w: f64, font: Font, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || font.width(&candidate) <= max_w {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(format!("{rest}…"));
    }
    lines
        .iter()
        .map(|l| reference_ellipsize(l, max_w, font))
        .collect()
}

/// Redteam c01/c02: a commune name wider than its band panicked in `f64::clamp`.
#[test]
fn issue_11_c01_strip_names_wider_than_the_band_are_cut_with_the_full_name_as_tooltip() {
    let long = "W".repeat(200);
    let real = "Commune de Saint-Georges-sur-Meuse et environs — centre historique";
    let chart = within(10, move || {
        strip(
            "s",
            &[StripGroup {
                label: "Villes".into(),
                points: vec![
                    StripPoint {
                        label: long,
                        value: 40.0,
                    },
                    StripPoint {
                        label: real.into(),
                        value: 41.0,
                    },
                ],
            }],
        )
    });
    assert!(chart
        .svg
        .contains(&format!("<title>{}</title>", "W".repeat(200))));
    assert!(
        chart.svg.contains("WWW…"),
        "the drawn name ends in an ellipsis"
    );
    assert_eq!(
        chart.table.rows[1][1],
        "W".repeat(200),
        "the table keeps it whole"
    );
    assert_sane(&chart);
}

/// Redteam m01/m01b: a yearly budget of 1e306–1e308 looped forever (scale overflowed to
/// infinity, then the hatching never reached it).
#[test]
fn issue_11_m01_huge_budgets_draw_in_bounded_time() {
    for v in [1e305, 1e306, 1e307, 1e308, f64::MAX] {
        let chart = within(10, move || {
            let s = [Axis::new("A", "A"), Axis::new("B", "B")];
            budget("b", &s, &[v, 1.0], &[v, v])
        });
        assert_sane(&chart);
    }
    assert_eq!(nice_step(f64::INFINITY, 3.0), 1.0);
    assert_eq!(nice_step(f64::NAN, 3.0), 1.0);
    assert!(nice_step(f64::MAX, 3.0).is_finite());
    assert!(ticks(f64::INFINITY, 1.0).count() <= 101);
    assert!(ticks(1e300, 1e-300).count() <= 101);
}

/// Redteam m03: a plan from 0001-Q1 to 9999-Q4 drew a header of 40,000 quarters (3.4 MB).
#[test]
fn issue_11_m03_a_very_long_plan_draws_a_bounded_header() {
    let task = |start, end| Task {
        label: "Tâche".into(),
        owner: "Service".into(),
        step_short: "A".into(),
        start,
        end,
        status_label: "prévue".into(),
    };
    for (start, end) in [((1, 1), (9999, 4)), ((i32::MIN, 1), (i32::MAX, 4))] {
        let chart = within(10, move || {
            gantt("g", &[task(start, end)], &[Axis::new("A", "A")])
        });
        assert!(chart.svg.len() < 20_000, "{} bytes", chart.svg.len());
        assert_sane(&chart);
    }
}
