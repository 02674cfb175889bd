//! The light track ("parcours allégé", issue 13): light criteria and actions in the
//! methodology, light audits checked, scored, compared and shown as such.

use crate::support::{assert_golden, fixtures, Fixture};

fn page(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

fn edit(path: &std::path::Path, find: &str, replace: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(find), "{find} not in {}", path.display());
    std::fs::write(path, text.replacen(find, replace, 1)).unwrap();
}

/// `minimal` with one light criterion per step (the annuaire and the agents) and a light
/// action, and Val-d'Or's 2025-04 audit on the light track without the non-light registre.
fn light_fixture() -> Fixture {
    let fixture = Fixture::new("minimal");
    let m = fixture.root.join("content/methodology.yaml");
    edit(&m, "    weight: 2\n", "    weight: 2\n    light: true\n");
    edit(
        &m,
        "\"Toujours.\"]\n    weight: 1\n",
        "\"Toujours.\"]\n    weight: 1\n    light: true\n",
    );
    edit(&m, "    impact: 4\n", "    impact: 4\n    light: true\n");
    edit(&m, "    impact: 3\n", "    impact: 3\n    light: true\n");
    let audit = fixture.root.join("communes/valdor/audits/2025-04.yaml");
    edit(
        &audit,
        "status: published",
        "status: published\ntrack: light",
    );
    edit(
        &audit,
        "  - { criterion: s-informer.registre, score: 2 }\n",
        "",
    );
    fixture
}

#[test]
fn a_light_audit_is_scored_on_its_light_criteria_and_says_so() {
    let fixture = light_fixture();
    let outcome = fixture.build();
    assert!(
        !outcome
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("sans réponse")),
        "leaving out a non-light criterion is allowed: {:?}",
        outcome.diagnostics
    );
    let site = outcome.site.expect("builds");
    let report = page(&site, "communes/valdor/index.html");
    assert!(report.contains("Audit en parcours allégé"));
    // Counted: annuaire (3), agents (2), capteurs (1), all known; the registre is left out.
    // Coverage 3 of 3 (a full audit without the registre would cover 3 of 4).
    assert!(report.contains("Couverture</p><p class=\"kpi-value\">100"));
    // s-informer rests on the annuaire alone: 75; stationner (1×50 + 3×25)/4 → 31.
    assert!(report.contains("<span class=\"num\">75</span>"));
    assert!(report.contains("<span class=\"num\">31</span>"));
    // The light action it fired carries the tag among the recommendations.
    let recos = &report[report.find("id=\"recommandations\"").unwrap()..];
    assert!(
        recos.contains("AIPD des capteurs</strong></a> <span class=\"tag\">parcours allégé</span>")
    );
    // The earlier, full audit does not say it.
    let earlier = page(&site, "communes/valdor/2024-03/index.html");
    assert!(!earlier.contains("Audit en parcours allégé"));
}

#[test]
fn the_handbook_marks_light_criteria_and_actions_in_words() {
    let site = light_fixture().build().site.expect("builds");
    let light = page(&site, "handbook/1.0/criteres/s-informer.annuaire.html");
    assert!(light.contains("<strong class=\"tag\">parcours allégé</strong>"));
    let full = page(&site, "handbook/1.0/criteres/s-informer.registre.html");
    assert!(!full.contains("parcours allégé</strong>"));
    let action = page(&site, "handbook/1.0/actions/tenir-annuaire.html");
    assert!(action.contains("<strong class=\"tag\">parcours allégé</strong>"));
    let step = page(&site, "handbook/1.0/etapes/s-informer.html");
    assert_eq!(
        step.matches("<span class=\"tag\">parcours allégé</span>")
            .count(),
        1
    );
}

/// Adds a commune like Val-d'Or (same typology and intercommunale) with one published audit.
fn add_peer(root: &std::path::Path, slug: &str, ins: &str, track: &str) {
    let dir = root.join("communes").join(slug).join("audits");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        root.join("communes").join(slug).join("commune.yaml"),
        format!("name: \"{slug}\"\nins: \"{ins}\"\nprovince: \"Namur\"\nintercommunale: bep\npopulation: 5000\ndegurba: zones-rurales\n"),
    )
    .unwrap();
    let answers: String = [
        "s-informer.annuaire",
        "s-informer.registre",
        "stationner.agents",
        "stationner.capteurs",
    ]
    .iter()
    .map(|c| format!("  - {{ criterion: {c}, score: 2 }}\n"))
    .collect();
    std::fs::write(
        dir.join("2025-01.yaml"),
        format!("methodology: \"1.0\"\ndate: 2025-01-10\nstatus: published\ntrack: {track}\nanswers:\n{answers}"),
    )
    .unwrap();
}

fn peers_section(fixture: &Fixture) -> String {
    let report = page(
        &fixture.build().site.expect("builds"),
        "communes/valdor/index.html",
    );
    let start = report.find("id=\"pairs\"").expect("peer section");
    report[start..start + report[start..].find("</section>").unwrap()].to_string()
}

#[test]
fn peers_are_of_the_same_track() {
    let fixture = light_fixture();
    for (slug, ins) in [
        ("pair-a", "99011"),
        ("pair-b", "99012"),
        ("pair-c", "99013"),
    ] {
        add_peer(&fixture.root, slug, ins, "full");
    }
    // Three full audits alike are no peers of a light one.
    let section = peers_section(&fixture);
    assert!(!section.contains("Médiane des pairs"), "{section}");
    assert!(section.contains("aucune commune comparable"), "{section}");
    assert!(section.contains("qu&#39;à des audits en parcours allégé"));
    for (slug, ins) in [
        ("pair-a", "99011"),
        ("pair-b", "99012"),
        ("pair-c", "99013"),
    ] {
        add_peer(&fixture.root, slug, ins, "light");
    }
    let section = peers_section(&fixture);
    assert!(
        section.contains("Comparaison avec 3 communes."),
        "{section}"
    );
}

#[test]
fn light_track_diagnostics_are_pinned() {
    // An error: a light audit on a methodology without a light track.
    let fixture = Fixture::invalid("light-without-light-track");
    let outcome = fixture.build();
    assert!(outcome.site.is_none());
    let case = fixtures().join("invalid");
    assert_golden(
        &case.join("light-without-light-track/expected/diagnostics.txt"),
        &fixture.diagnostics(),
    );
    // Warnings only: a step without a light criterion, a light criterion left out.
    let fixture = Fixture::invalid("light-track-warnings");
    assert!(fixture.build().site.is_some());
    assert_golden(
        &case.join("light-track-warnings/expected/diagnostics.txt"),
        &fixture.diagnostics(),
    );
}
