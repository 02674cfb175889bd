//! Open data: the CSV exports parse, never hold drafts, and their numbers equal the report's.

use crate::support::Fixture;

fn text(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

/// Parses simple CSV (the exports quote only fields holding commas or quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                (c, _) => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    rows
}

#[test]
fn csv_numbers_equal_the_report() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let audits = parse_csv(&text(&site, "data/audits.csv"));
    let header = &audits[0];
    assert!(
        audits.iter().all(|r| r.len() == header.len()),
        "ragged audits.csv"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = audits
        .iter()
        .find(|r| r[col("commune")] == "valdor" && r[col("audit")] == "2025-04")
        .expect("the 2025-04 audit is exported");
    let overall: f64 = row[col("indice_global")].parse().unwrap();
    let report = text(&site, "communes/valdor/index.html");
    assert!(report.contains(&format!("<p class=\"kpi-value\">{overall:.0} ")));

    let scores = parse_csv(&text(&site, "data/scores.csv"));
    let h = &scores[0];
    let c = |name: &str| h.iter().position(|x| x == name).unwrap();
    for r in scores
        .iter()
        .skip(1)
        .filter(|r| r[c("audit")] == "2025-04" && r[c("niveau")] == "etape")
    {
        let score: f64 = r[c("score")].parse().unwrap();
        assert!(
            report.contains(&format!("<span class=\"num\">{score:.0}</span>")),
            "step {} score {score} not in the report",
            r[c("etape")]
        );
    }
}

#[test]
fn drafts_never_appear_in_exports_even_when_published_with_drafts() {
    let fixture = Fixture::new("minimal");
    let site = parcours::build_site(&parcours::Options {
        root: fixture.root.clone(),
        drafts: true,
        ..Default::default()
    })
    .unwrap()
    .site
    .unwrap();
    for (path, bytes) in site.iter().filter(|(p, _)| p.starts_with("data/")) {
        assert!(!path.contains("2025-09"), "{path}");
        assert!(
            !String::from_utf8_lossy(bytes).contains("2025-09"),
            "{path} mentions the draft"
        );
    }
}

#[test]
fn readme_describes_every_column() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let readme = text(&site, "data/README.md");
    for file in ["data/audits.csv", "data/scores.csv"] {
        let header = text(&site, file).lines().next().unwrap().to_string();
        for column in header.split(',') {
            assert!(
                readme.contains(&format!("`{column}`")),
                "{column} of {file} is not described"
            );
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&text(&site, "data/communes/valdor/2025-04.json")).unwrap();
    assert_eq!(json["audit"]["methodologie"], "1.0");
}

fn demo_site() -> parcours::site::Site {
    parcours::build_site(&parcours::Options {
        root: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    })
    .expect("no I/O error")
    .site
    .expect("the demo builds")
}

/// Every path of a JSON value, `[]` standing for the items of a list.
fn json_paths(
    value: &serde_json::Value,
    prefix: &str,
    out: &mut std::collections::BTreeSet<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(p.clone());
                json_paths(v, &p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                json_paths(v, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// The JSON of every demo audit uses only documented fields, each described in the README
/// with a sentence of the translation table; the demo exercises (nearly) all of them.
#[test]
fn every_json_field_of_the_demo_is_documented_in_french() {
    let site = demo_site();
    let readme = text(&site, "data/README.md");
    let documented: std::collections::BTreeSet<String> = parcours::export::json::FIELDS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let files: Vec<&str> = site
        .keys()
        .map(String::as_str)
        .filter(|p| p.starts_with("data/communes/") && p.ends_with(".json"))
        .collect();
    assert!(files.len() >= 10, "{files:?}");
    for path in files {
        let value: serde_json::Value = serde_json::from_str(&text(&site, path)).expect("JSON");
        json_paths(&value, "", &mut seen);
    }
    let undocumented: Vec<&String> = seen.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "undocumented JSON fields: {undocumented:?}"
    );
    for field in &documented {
        let line = format!("- `{field}` : ");
        let described = readme.lines().find(|l| l.starts_with(&line));
        assert!(
            described.is_some_and(|l| l.len() > line.len() + 5 && !l.contains("export.json.")),
            "{field} is not described in data/README.md"
        );
    }
    let english = [
        "footfall",
        "holder",
        "legal_basis",
        "owner",
        "staff_days",
        "higher",
        "better",
    ];
    for word in english {
        assert!(
            !seen.iter().any(|p| p.contains(word)),
            "an English field name ({word}) in the JSON"
        );
    }
}

/// The workbook holds the three tables, and every commune's demo rows say they are fictional.
#[test]
fn workbook_and_fictional_column() {
    let site = demo_site();
    let book = site.get("data/donnees.xlsx").expect("data/donnees.xlsx");
    assert!(book.starts_with(b"PK\x03\x04"), "an xlsx file is a zip");
    for file in ["data/audits.csv", "data/scores.csv", "data/outcomes.csv"] {
        let rows = parse_csv(&text(&site, file));
        let col = rows[0]
            .iter()
            .position(|c| c == "fictif")
            .expect("a fictif column");
        assert!(rows.len() > 1, "{file} has rows");
        assert!(
            rows[1..].iter().all(|r| r[col] == "true"),
            "{file}: demo data is fictional"
        );
    }
}
