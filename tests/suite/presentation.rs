//! One presentation policy (issue 12): every score shown for one audit is the same number
//! in the report's step table, its bar, the details summary, the radar's desc and data
//! table, `data/scores.csv` and the JSON export, exact halves included.
//!
//! The demo's Liège audit has a step at exactly 52.5, which used to read 52 in the text and
//! 53 in the bar and the radar. The expected number is computed here from the rule
//! (half away from zero), not with the crate's own formatter.

use std::path::Path;

const COMMUNE: &str = "liege";
const AUDIT: &str = "2025-02";

fn demo_site() -> parcours::site::Site {
    parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    })
    .expect("no I/O error")
    .site
    .expect("the demo builds")
}

fn text(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

/// The rule stated in `format.rs`, written independently: half away from zero.
fn shown(score: f64) -> i64 {
    (score.abs() + 0.5).floor().copysign(score) as i64
}

/// Undoes the escaping of HTML (Tera) and of the SVG (`&apos;`), so names compare as text.
fn unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text between `start` (after `from`) and the next `end`.
fn between<'a>(s: &'a str, from: &str, end: &str) -> Option<&'a str> {
    let i = s.find(from)? + from.len();
    Some(&s[i..i + s[i..].find(end)?])
}

/// `(step id, score)` of the audit's step rows in a scores CSV (no field of these rows is
/// quoted: ids and numbers only).
fn csv_steps(csv: &str) -> Vec<(String, f64)> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (commune, audit, level, step, score) = (
        col("commune"),
        col("audit"),
        col("niveau"),
        col("etape"),
        col("score"),
    );
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|r| r[commune] == COMMUNE && r[audit] == AUDIT && r[level] == "etape")
        .filter(|r| !r[score].is_empty())
        .map(|r| (r[step].to_string(), r[score].parse().unwrap()))
        .collect()
}

#[test]
fn issue_12_every_score_of_an_audit_is_the_same_number_everywhere() {
    let site = demo_site();
    let report = unescape(&text(&site, &format!("communes/{COMMUNE}/index.html")));
    let steps = csv_steps(&text(&site, "data/scores.csv"));
    assert!(
        steps.len() >= 3,
        "the audit's steps are exported: {steps:?}"
    );
    assert!(
        steps
            .iter()
            .any(|(_, v)| (v * 2.0).fract() == 0.0 && v.fract() != 0.0),
        "the case that disagreed: a step score at an exact half, e.g. 52.5 ({steps:?})"
    );
    let json: serde_json::Value = serde_json::from_str(&text(
        &site,
        &format!("data/communes/{COMMUNE}/{AUDIT}.json"),
    ))
    .unwrap();
    let radar = between(&report, "id=\"radar-figure\"", "</details>").expect("a radar figure");
    let radar_desc = between(radar, "<desc id=\"radar-desc\">", "</desc>").unwrap();
    for (id, score) in &steps {
        let n = shown(*score);
        // The JSON export holds the very number of the CSV.
        let exported = json["scores"]["etapes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["etape"] == id.as_str())
            .and_then(|s| s["score"].as_f64());
        assert_eq!(exported, Some(*score), "{id}: JSON against CSV");
        // The step table: name, bar width and number.
        let row = between(&report, &format!("etapes/{id}.html\">"), "</tr>")
            .unwrap_or_else(|| panic!("{id}: no row in the step table"));
        let name = &row[..row.find("</a>").unwrap()];
        assert!(
            row.contains(&format!(" w-{n}\"")),
            "{id} {score}: bar in {row}"
        );
        assert!(
            row.contains(&format!("<span class=\"num\">{n}</span>")),
            "{id} {score}: number in {row}"
        );
        assert!(
            report.contains(&format!("\">{name} — {n} sur 100</h3>")),
            "{id} {score}: answers heading of {name}"
        );
        assert!(
            radar_desc.contains(&format!("{name}\u{202f}: {n} sur 100")),
            "{id} {score}: radar desc {radar_desc}"
        );
        assert!(
            radar.contains(&format!("<th scope=\"row\">{name}</th><td>{n}</td>")),
            "{id} {score}: radar data table"
        );
    }
}
