//! Unit tests of the shared pieces: contrast, the SVG wrapper, wrapping, axis steps, score
//! reading, and odd inputs that must draw without panicking.

use super::{angles, fixture_charts, point, steps, task};
use crate::charts::gantt::STEP_COLOURS;
use crate::charts::heatmap::{heat_colour, HEAT_COLOURS};
use crate::charts::inventory::ACCESS;
use crate::charts::layout::nice_step;
use crate::charts::pen::{contrast, text_on};
use crate::charts::svg::finish_svg;
use crate::charts::text::{wrap, Font};
use crate::charts::{
    budget, gantt, heatmap, inventory, progress, radar, score_at, strip, StripGroup, BLACK, INK,
    MUTED, NONE_FILL, OI_BLUE, OI_ORANGE, OI_VERMILLION, RULE,
};
use plotters::style::WHITE;

#[test]
fn text_on_heat_map_cells_reaches_4_5_to_1() {
    for score in 0..=100 {
        let fill = heat_colour(f64::from(score));
        let ratio = contrast(text_on(fill), fill);
        assert!(ratio >= 4.5, "score {score}: {ratio:.2}");
    }
    // The "—" of unscored cells, and the legend's class labels.
    assert!(contrast(INK, NONE_FILL) >= 4.5);
    for fill in HEAT_COLOURS {
        assert!(contrast(text_on(fill), fill) >= 4.5);
    }
}

#[test]
fn every_text_colour_reaches_4_5_to_1() {
    for ink in [INK, MUTED] {
        assert!(contrast(ink, WHITE) >= 4.5);
    }
    let fills = STEP_COLOURS
        .iter()
        .chain(ACCESS.iter().map(|a| &a.1))
        .chain([&OI_ORANGE]);
    for fill in fills {
        assert!(contrast(text_on(*fill), *fill) >= 4.5, "{fill:?}");
    }
}

#[test]
fn data_marks_reach_3_to_1_against_white() {
    for colour in [OI_BLUE, OI_VERMILLION, RULE, INK] {
        assert!(contrast(colour, WHITE) >= 3.0, "{colour:?}");
    }
}

#[test]
fn contrast_ratio_matches_wcag_examples() {
    assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
    assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    // #767676 on white is the classic 4.54:1.
    assert!((contrast(RULE, WHITE) - 4.54).abs() < 0.01);
}

#[test]
fn finish_svg_adds_role_title_desc_and_tooltips() {
    let raw = "<svg width=\"10\" height=\"20\" viewBox=\"0 0 10 20\" xmlns=\"http://www.w3.org/2000/svg\">\n\
               <text x=\"1\" font-size=\"12.096774193548388\" opacity=\"1\">\nS&apos;informer\n</text>\n</svg>\n";
    let tips = vec![("S'informer".to_string(), "S'informer en ligne".to_string())];
    let svg = finish_svg(raw, "c1", "Titre & co", "Desc <x>", &tips);
    assert_eq!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 20\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"c1-title c1-desc\" \
         font-family=\"system-ui, sans-serif\">\n<title id=\"c1-title\">Titre &amp; co</title>\n\
         <desc id=\"c1-desc\">Desc &lt;x&gt;</desc>\n<text x=\"1\" font-size=\"12.1\">\n\
         <title>S&apos;informer en ligne</title>S&apos;informer\n</text>\n</svg>\n"
    );
}

#[test]
fn long_labels_wrap_then_end_in_an_ellipsis() {
    let font = Font::new(15.0, INK);
    assert_eq!(
        wrap("Retirer ou se faire livrer", 120.0, font, 2),
        ["Retirer ou se", "faire livrer"]
    );
    let cut = wrap("Retirer ou se faire livrer à domicile", 100.0, font, 2);
    assert_eq!(cut.len(), 2);
    assert!(cut[1].ends_with('…'));
    assert!(cut.iter().all(|l| font.width(l) <= 100.0));
}

#[test]
fn axis_steps_are_round() {
    assert_eq!(nice_step(120_000.0, 3.0), 50_000.0);
    assert_eq!(nice_step(8.0, 5.0), 2.0);
    assert_eq!(nice_step(7.0, 5.0), 2.0);
    assert_eq!(nice_step(1.0, 5.0), 0.2);
    assert_eq!(nice_step(0.0, 5.0), 1.0);
}

#[test]
fn scores_are_clamped_and_rounded() {
    assert_eq!(score_at(&[Some(120.0)], 0), Some(100.0));
    assert_eq!(score_at(&[Some(f64::NAN)], 0), None);
    assert_eq!(score_at(&[], 3), None);
    assert_eq!(crate::format::score(Some(67.5)), "68");
    assert_eq!(heat_colour(19.6), HEAT_COLOURS[1]);
}

#[test]
fn desc_states_the_data_in_words() {
    let charts = fixture_charts();
    let radar = &charts[0].1.svg;
    assert!(radar.contains(
        "Stationner : 42 sur 100 (médiane : 35 sur 100) ; Acheter en boutique : non évalué"
    ));
    let strip = &charts[6].1;
    // Alphabetical, not by value: no ranking.
    assert_eq!(strip.table.rows[0][1], "Arlon");
    let rural = "Communes rurales : Bièvre 41, Érezée 38, Gouvy 52, Vresse-sur-Semois 37";
    assert!(strip.svg.contains(rural));
}

#[test]
fn odd_inputs_draw_without_panicking() {
    let s = steps();
    let one = &s[..1];
    let single = radar("r1", one, &[Some(50.0)], None);
    assert!(single.svg.contains(">\n50\n</text>"));
    radar(
        "r2",
        &s[..2],
        &[Some(f64::NAN), Some(-5.0)],
        Some(&[Some(500.0)]),
    );
    heatmap(
        "h",
        &s,
        &angles(),
        &[vec![Some(1.0)], vec![], vec![None; 9]],
    );
    inventory("i", &s, &[[1, 0, 0, 0, 0]], &[0; 12]);
    let odd = |start, end| task("Tâche", "", "Étape inconnue", start, end, "");
    let chart = gantt(
        "g",
        &[
            odd((2026, 0), (2026, 9)),
            odd((2027, 3), (2026, 1)),
            odd((2000, 1), (2100, 4)),
        ],
        &s,
    );
    assert!(chart.table.rows[0][3] == "T1 2026" && chart.table.rows[0][4] == "T4 2026");
    assert_eq!(
        chart.table.rows[1][4], "T3 2027",
        "an end before the start is the start"
    );
    budget("b", &s, &[f64::NAN, -3.0, f64::INFINITY, 1e12], &[]);
    progress(
        "p",
        &s,
        &[Some(10.0)],
        &[None, Some(20.0), Some(30.0)],
        "",
        "",
    );
    let chart = strip(
        "s",
        &[StripGroup {
            label: String::new(),
            points: vec![
                point("", f64::NAN),
                point("Bas", -10.0),
                point("Haut", 250.0),
            ],
        }],
    );
    assert_eq!(chart.table.rows.len(), 2, "NaN is left out");
    assert!(chart.svg.contains("Bas 0, Haut 100"));
}
