//! Golden, empty-data, determinism and id tests for the charts, on French fixtures shared
//! with the unit tests of `units.rs`.

use super::svg::{clean_id, escape};
use super::*;
use std::path::PathBuf;

mod marks;
mod units;

const GOLDEN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/charts/");

fn steps() -> Vec<Axis> {
    [
        ("S'informer", "S'informer en ligne"),
        ("Choisir", "Choisir et commander"),
        ("Se déplacer", "Se déplacer"),
        ("Stationner", "Stationner"),
        ("Acheter", "Acheter en boutique"),
        ("Retrait ou livraison", "Retirer ou se faire livrer"),
        ("Fidéliser", "Revenir et fidéliser"),
    ]
    .iter()
    .map(|(s, f)| Axis::new(*s, *f))
    .collect()
}

fn angles() -> Vec<Axis> {
    [
        ("Ressources humaines", "Ressources humaines"),
        ("Technologies", "Technologies"),
        ("RGPD", "Conformité RGPD"),
        ("Données", "Valorisation des données"),
        ("Coûts et bénéfices", "Coûts et bénéfices"),
    ]
    .iter()
    .map(|(s, f)| Axis::new(*s, *f))
    .collect()
}

fn task(
    label: &str,
    owner: &str,
    step: &str,
    start: (i32, u8),
    end: (i32, u8),
    status: &str,
) -> Task {
    Task {
        label: label.into(),
        owner: owner.into(),
        step_short: step.into(),
        start,
        end,
        status_label: status.into(),
    }
}

fn point(label: &str, value: f64) -> StripPoint {
    StripPoint {
        label: label.into(),
        value,
    }
}

/// The action plan of the Gantt fixture.
fn fixture_tasks() -> Vec<Task> {
    vec![
        task(
            "Créer une vitrine en ligne des commerces",
            "Service communication",
            "S'informer",
            (2026, 1),
            (2026, 3),
            "en cours",
        ),
        task(
            "Signalétique piétonne vers les parkings",
            "Échevinat de la mobilité",
            "Se déplacer",
            (2026, 2),
            (2027, 1),
            "prévu",
        ),
        task(
            "Zone bleue : 30 minutes gratuites",
            "Police locale",
            "Stationner",
            (2026, 4),
            (2026, 4),
            "prévu",
        ),
        task(
            "Casiers de retrait partagés sur la place communale",
            "ADL et association des commerçants",
            "Retrait ou livraison",
            (2027, 1),
            (2027, 4),
            "à financer",
        ),
        task(
            "Carte de fidélité commune à tous les commerces",
            "Association des commerçants",
            "Fidéliser",
            (2027, 2),
            (2027, 4),
            "à l'étude",
        ),
    ]
}

/// The typologies of the strip fixture, names in no particular order.
fn fixture_groups() -> Vec<StripGroup> {
    vec![
        StripGroup {
            label: "Villes moyennes".into(),
            points: vec![
                point("Wavre", 64.0),
                point("Ath", 58.0),
                point("Arlon", 61.0),
                point("Huy", 47.0),
                point("Ciney", 59.5),
            ],
        },
        StripGroup {
            label: "Communes rurales".into(),
            points: vec![
                point("Érezée", 38.0),
                point("Bièvre", 41.0),
                point("Vresse-sur-Semois", 36.5),
                point("Gouvy", 52.0),
            ],
        },
        StripGroup {
            label: "Grandes villes".into(),
            points: vec![
                point("Liège", 72.0),
                point("Namur", 70.0),
                point("Charleroi", 55.0),
                point("Mons", 71.0),
            ],
        },
    ]
}

/// One chart of each kind, on French fixtures; the order fixes the golden file names.
fn fixture_charts() -> Vec<(&'static str, Chart)> {
    let s = steps();
    let scores = [
        Some(42.0),
        Some(67.5),
        Some(30.0),
        Some(42.0),
        None,
        Some(81.0),
        Some(55.0),
    ];
    let median = [
        Some(50.0),
        Some(60.0),
        Some(45.0),
        Some(35.0),
        Some(58.0),
        Some(70.0),
        None,
    ];
    let cells: Vec<Vec<Option<f64>>> = vec![
        vec![Some(40.0), Some(55.0), Some(12.0), Some(80.0), Some(35.0)],
        vec![Some(62.0), Some(71.0), None, Some(19.6), Some(48.0)],
        vec![Some(25.0), Some(30.0), Some(90.0), Some(5.0), Some(60.0)],
        vec![Some(42.0), None, Some(100.0), Some(38.0), Some(77.0)],
        vec![Some(85.0), Some(64.0), Some(50.0), Some(20.0), Some(0.0)],
        vec![None, None, None, None, None],
        vec![Some(59.4), Some(79.5), Some(99.0), Some(21.0), Some(44.0)],
    ];
    let counts = [
        [3, 2, 1, 0, 1],
        [1, 4, 2, 1, 0],
        [2, 0, 1, 0, 2],
        [4, 1, 0, 2, 0],
        [0, 3, 1, 0, 1],
        [1, 1, 3, 1, 1],
        [0, 5, 0, 0, 0],
    ];
    let tasks = fixture_tasks();
    let groups = fixture_groups();
    vec![
        ("radar", radar("radar", &s, &scores, Some(&median))),
        ("heatmap", heatmap("heatmap", &s, &angles(), &cells)),
        (
            "inventory",
            inventory("inventory", &s, &counts, &[0, 2, 0, 1, 0, 3, 0]),
        ),
        ("gantt", gantt("gantt", &tasks, &s)),
        (
            "budget",
            budget(
                "budget",
                &s,
                &[
                    12_000.0, 4_500.0, 35_000.0, 120_000.0, 0.0, 18_250.0, 2_000.0,
                ],
                &[1_500.0, 800.0, 2_000.0, 9_600.0, 0.0, 3_000.0, 4_200.0],
            ),
        ),
        (
            "progress",
            progress(
                "progress",
                &s,
                &[
                    Some(35.0),
                    Some(50.0),
                    Some(30.0),
                    Some(60.0),
                    None,
                    Some(40.0),
                    Some(20.0),
                ],
                &[
                    Some(60.0),
                    Some(55.0),
                    Some(28.0),
                    Some(61.0),
                    Some(45.0),
                    None,
                    Some(48.0),
                ],
                "Audit 2025",
                "Audit 2026",
            ),
        ),
        ("strip", strip("strip", &groups)),
    ]
}

/// One chart of each kind given no data.
fn empty_charts() -> Vec<(&'static str, Chart)> {
    let s = steps();
    let none = vec![None; 7];
    vec![
        ("radar", radar("e-radar", &s, &none, Some(&none))),
        (
            "heatmap",
            heatmap("e-heatmap", &s, &angles(), &[vec![None; 5]]),
        ),
        ("inventory", inventory("e-inventory", &s, &[[0; 5]; 7], &[])),
        ("gantt", gantt("e-gantt", &[], &s)),
        ("budget", budget("e-budget", &s, &[0.0; 7], &[])),
        (
            "progress",
            progress("e-progress", &s, &none, &[], "Avant", "Après"),
        ),
        (
            "strip",
            strip(
                "e-strip",
                &[StripGroup {
                    label: "Villes".into(),
                    points: vec![],
                }],
            ),
        ),
    ]
}

/// Compares `svg` with its golden file, or rewrites it under `GOLDEN=overwrite`.
fn assert_golden(name: &str, svg: &str) {
    let path = PathBuf::from(GOLDEN_DIR).join(format!("{name}.svg"));
    if std::env::var("GOLDEN").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(GOLDEN_DIR).unwrap();
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `GOLDEN=overwrite cargo test`", path.display()));
    if expected != svg {
        let line = expected
            .lines()
            .zip(svg.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(svg.lines().count()));
        panic!(
            "{} differs from line {}:\n- {}\n+ {}\n(run `GOLDEN=overwrite cargo test` and review the diff)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            svg.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn every_chart_matches_its_golden_svg() {
    for (name, chart) in fixture_charts() {
        assert_golden(name, &chart.svg);
    }
    // The frame drawn for no data is the same for every kind; one golden shows it.
    assert_golden("empty", &empty_charts()[0].1.svg);
}

#[test]
fn every_chart_is_an_accessible_scalable_svg() {
    for (name, chart) in fixture_charts().into_iter().chain(empty_charts()) {
        let svg = &chart.svg;
        let id = &chart.id;
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 560 "),
            "{name}"
        );
        assert!(svg.contains(" width=\"100%\" role=\"img\""), "{name}");
        assert!(
            svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")),
            "{name}"
        );
        assert!(
            svg.contains(&format!(
                "<title id=\"{id}-title\">{}</title>",
                escape(&chart.title)
            )),
            "{name}"
        );
        assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")), "{name}");
        assert!(svg.ends_with("</svg>\n"), "{name}");
        assert_eq!(svg.matches("<svg").count(), 1, "{name}");
        let root = &svg[..svg.find('>').unwrap()];
        assert!(
            !root.contains(" height=\""),
            "{name}: fixed height on the root"
        );
        let widths: Vec<usize> = chart.table.rows.iter().map(Vec::len).collect();
        assert!(
            widths.iter().all(|w| *w == chart.table.headers.len()),
            "{name}"
        );
    }
}

#[test]
fn every_chart_says_when_it_has_no_data() {
    for (name, chart) in empty_charts() {
        assert!(
            chart
                .svg
                .contains(">\nAucune donnée à représenter\n</text>"),
            "{name} draws no message"
        );
        assert!(
            chart.svg.contains("aucune donnée à représenter.</desc>"),
            "{name} desc"
        );
        assert!(chart.table.rows.is_empty(), "{name} table");
        assert!(!chart.table.headers.is_empty(), "{name} headers");
    }
    // Empty slices are no data too.
    assert!(radar("r", &[], &[], None).svg.contains(t(NO_DATA)));
    assert!(heatmap("h", &[], &[], &[]).svg.contains(t(NO_DATA)));
    assert!(inventory("i", &[], &[], &[]).svg.contains(t(NO_DATA)));
    assert!(budget("b", &[], &[], &[]).svg.contains(t(NO_DATA)));
    assert!(progress("p", &[], &[], &[], "a", "b")
        .svg
        .contains(t(NO_DATA)));
    assert!(strip("s", &[]).svg.contains(t(NO_DATA)));
}

#[test]
fn same_input_gives_same_bytes() {
    let a = fixture_charts();
    let b = fixture_charts();
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert_eq!(x, y, "{name}");
    }
}

#[test]
fn ids_inside_charts_are_prefixed_and_unique() {
    let charts = fixture_charts();
    let mut all: Vec<String> = Vec::new();
    for (_, chart) in &charts {
        for piece in chart.svg.split(" id=\"").skip(1) {
            let id = &piece[..piece.find('"').unwrap()];
            assert!(
                id.starts_with(&format!("{}-", chart.id)),
                "{id} not prefixed by {}",
                chart.id
            );
            all.push(id.to_string());
        }
    }
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "duplicate ids across charts");
    assert_eq!(count, 2 * charts.len());
    // Two charts of the same kind on one page differ only by the id they were given.
    let a = radar("avant", &steps(), &[Some(10.0)], None).svg;
    let b = radar("apres", &steps(), &[Some(10.0)], None).svg;
    assert!(a.contains("<title id=\"avant-title\">") && a.contains("<desc id=\"avant-desc\">"));
    assert!(b.contains("<title id=\"apres-title\">") && !b.contains("avant-"));
}

#[test]
fn ids_are_cleaned() {
    assert_eq!(clean_id("radar étape 1"), "radar--tape-1");
    assert_eq!(clean_id("2026"), "chart-2026");
    assert_eq!(clean_id(""), "chart");
    let chart = radar("x y", &steps(), &[Some(1.0)], None);
    assert_eq!(chart.id, "x-y");
    assert!(chart.svg.contains("aria-labelledby=\"x-y-title x-y-desc\""));
}
