//! The heat map's cell marks: a score resting on one answer, a cell "sans objet".

use super::{angles, assert_golden, steps};
use crate::charts::pen::{contrast, text_on};
use crate::charts::{heatmap, heatmap_marked, CellMark, Chart, NONE_FILL};
use crate::i18n::t;

/// Three steps × five angles: row 0 has a one-answer 42 and a "sans objet" cell.
pub(super) fn marked() -> Chart {
    use CellMark::*;
    let s = steps();
    let cells = vec![
        vec![Some(42.0), None, Some(100.0), None, Some(77.0)],
        vec![Some(85.0), Some(64.0), None, Some(20.0), Some(0.0)],
        vec![None, None, None, None, None],
    ];
    let marks = vec![
        vec![OneAnswer, NotApplicable, Plain, Plain, OneAnswer],
        vec![Plain, Plain, NotApplicable, Plain, Plain],
        vec![
            NotApplicable,
            NotApplicable,
            NotApplicable,
            NotApplicable,
            NotApplicable,
        ],
    ];
    heatmap_marked("heatmap-marked", &s[..3], &angles(), &cells, &marks)
}

#[test]
fn marked_heat_map_matches_its_golden_svg() {
    assert_golden("heatmap-marked", &marked().svg);
}

#[test]
fn one_answer_and_not_applicable_cells_are_marked_in_svg_table_and_caption() {
    let chart = marked();
    let row = &chart.table.rows[0];
    assert_eq!(row[1], "42 *");
    assert_eq!(row[2], t("chart.heatmap.not-applicable"));
    assert_eq!(row[3], "100");
    assert_eq!(row[4], t("chart.not-scored"));
    assert_eq!(row[5], "77 *");
    assert!(chart.table.rows[2][1..]
        .iter()
        .all(|c| c == t("chart.heatmap.not-applicable")));
    assert!(chart.svg.contains(">\n42*\n</text>"), "{}", chart.svg);
    assert!(chart.svg.contains("sans"));
    assert!(chart
        .caption
        .contains(t("chart.heatmap.caption-one-answer")));
    assert!(chart
        .caption
        .contains(t("chart.heatmap.caption-not-applicable")));
    // Read aloud, the marker is spelt out.
    assert!(chart.svg.contains("42 (sur une seule réponse connue)"));
    // "sans objet" is written in ink legible on the empty-cell fill.
    assert!(contrast(text_on(NONE_FILL), NONE_FILL) >= 4.5);
}

#[test]
fn marks_that_do_not_fit_their_cell_are_dropped() {
    use CellMark::*;
    let s = steps();
    // A one-answer mark on no score, a "sans objet" mark on a score: both ignored.
    let chart = heatmap_marked(
        "h",
        &s[..1],
        &angles()[..2],
        &[vec![None, Some(50.0)]],
        &[vec![OneAnswer, NotApplicable]],
    );
    assert_eq!(chart.table.rows[0][1..], [t("chart.not-scored"), "50"]);
    assert_eq!(chart.caption, t("chart.heatmap.caption"));
}

#[test]
fn unmarked_heat_map_keeps_its_caption_and_only_na_cells_still_draw() {
    let plain = heatmap("h", &steps()[..1], &angles()[..1], &[vec![Some(10.0)]]);
    assert_eq!(plain.caption, t("chart.heatmap.caption"));
    let only_na = heatmap_marked(
        "h",
        &steps()[..1],
        &angles()[..1],
        &[vec![None]],
        &[vec![CellMark::NotApplicable]],
    );
    assert_eq!(only_na.table.rows, [["S'informer en ligne", "sans objet"]]);
}
