//! Outcome indicators (issue 13): defined by the methodology, measured by audits, shown with
//! their trend in the report and on the scale page, exported in the audit JSON; and the
//! estimated cost and return per step. Never mixed into maturity scores.

use crate::support::{assert_golden, assert_site_goldens, fixtures, Fixture};

fn page(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

fn built() -> parcours::site::Site {
    let outcome = Fixture::new("outcomes").build();
    assert!(
        !outcome.diagnostics.iter().any(|d| d.is_error()),
        "{:?}",
        outcome.diagnostics
    );
    outcome.site.expect("builds")
}

#[test]
fn the_report_the_scale_page_and_the_json_match_their_goldens() {
    let site = built();
    assert_site_goldens(
        "outcomes",
        &site,
        &[
            "communes/valdor/index.html",
            "communes/valdor/2024-03/index.html",
            "handbook/1.0/echelle.html",
            "data/communes/valdor/2025-04.json",
            "data/outcomes.csv",
        ],
    );
}

#[test]
fn the_trend_says_better_or_worse_in_words_given_which_way_is_better() {
    let report = page(&built(), "communes/valdor/index.html");
    // Vacancy 14.5 → 12 % (2.5 points) and lower is better: better. Passers-by 1 250 → 1 100, higher is better: worse.
    assert!(
        report.contains("en baisse de 2,5\u{a0}points\u{202f}: mieux"),
        "{report}"
    );
    assert!(report.contains("en baisse de 150\u{a0}passants/heure\u{202f}: moins bien"));
    assert!(report.contains("trend-better") && report.contains("trend-worse"));
    // The earlier audit has no previous measure.
    let earlier = page(&built(), "communes/valdor/2024-03/index.html");
    assert!(earlier.contains("première mesure"));
    assert!(!earlier.contains("en baisse"));
}

#[test]
fn outcomes_never_move_the_maturity_scores() {
    let with = page(&built(), "communes/valdor/index.html");
    let without = page(
        &Fixture::new("minimal").build().site.expect("builds"),
        "communes/valdor/index.html",
    );
    let overall = |html: &str| {
        let at = html.find("<p class=\"kpi-value\">").expect("overall index");
        html[at..at + 40].to_string()
    };
    assert_eq!(overall(&with), overall(&without));
}

#[test]
fn the_cost_and_return_table_shows_ranges_and_assumptions() {
    let report = page(&built(), "communes/valdor/index.html");
    assert!(report.contains("Coût et retour estimés par étape"));
    assert!(report.contains("4\u{202f}000\u{a0}–\u{a0}9\u{202f}000\u{a0}€"));
    // A step without a return estimate reads as a dash, not as zero.
    assert!(report.contains("12\u{202f}000\u{a0}€</td><td class=\"num\">—</td>"));
    assert!(report.contains("Annuaire tenu par 0,1 ETP"));
}

#[test]
fn the_audit_json_carries_outcomes_with_their_trend_and_the_economics() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&page(&site, "data/communes/valdor/2025-04.json")).unwrap();
    let outcomes = json["audit"]["resultats"].as_array().unwrap();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0]["indicateur"], "vacance-commerciale");
    assert_eq!(outcomes[0]["valeur"], 12.0);
    assert_eq!(outcomes[0]["precedent"]["valeur"], 14.5);
    assert_eq!(outcomes[0]["precedent"]["evolution"], -2.5);
    assert_eq!(outcomes[0]["precedent"]["sens"], "mieux");
    assert_eq!(outcomes[1]["precedent"]["sens"], "moins-bien");
    let economics = json["audit"]["couts_retours"].as_array().unwrap();
    assert_eq!(economics[0]["etape"], "s-informer");
    assert_eq!(
        economics[0]["cout_annuel"],
        serde_json::json!([1500.0, 3000.0])
    );
    assert!(economics[1]["retour_annuel"].is_null());
    let first: serde_json::Value =
        serde_json::from_str(&page(&site, "data/communes/valdor/2024-03.json")).unwrap();
    assert!(first["audit"]["resultats"][0]["precedent"].is_null());
    assert_eq!(first["audit"]["couts_retours"], serde_json::json!([]));
}

#[test]
fn outcomes_csv_has_its_header_even_without_any_outcome() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let text = page(&site, "data/outcomes.csv");
    assert!(
        text.starts_with("commune,ins,audit,methodologie,indicateur,"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
    assert!(page(&site, "data/README.md").contains("`sens` : mieux"));
}

#[test]
fn the_station_boardings_figure_is_labelled_for_what_it_is() {
    let fr = include_str!("../../i18n/fr.toml");
    assert!(fr.contains("\"report.footfall\" = \"Montées en gare (SNCB, jour ouvrable moyen)\""));
    let format = include_str!("../../docs/FORMAT.md");
    assert!(format.contains("station boardings (SNCB, average weekday)"));
}

/// An invalid case's diagnostics, as `parcours check` prints them, against its golden.
fn case(name: &str) {
    let fixture = Fixture::invalid(name);
    let outcome = fixture.build();
    assert!(outcome.site.is_none(), "{name}: produced a site");
    assert!(outcome.diagnostics.iter().any(|d| d.is_error()), "{name}");
    assert_golden(
        &fixtures()
            .join("invalid")
            .join(name)
            .join("expected/diagnostics.txt"),
        &fixture.diagnostics(),
    );
}

#[test]
fn outcome_records_are_checked_where_they_are_written() {
    case("outcome-record-errors");
}

#[test]
fn an_outcome_on_a_methodology_without_indicators_is_refused_with_a_help() {
    case("outcome-without-definitions");
}

#[test]
fn outcome_indicator_definitions_are_checked() {
    case("outcome-definition-errors");
}

#[test]
fn economics_are_checked_where_they_are_written() {
    case("economics-errors");
}
