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
