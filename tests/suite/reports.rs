//! Commune reports: latest published audit, earlier ones under their id, drafts never.

use crate::support::Fixture;

fn page(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn latest_published_audit_is_the_report_and_earlier_ones_keep_their_id() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let latest = page(&site, "communes/valdor/index.html");
    assert!(
        latest.contains("2 avril 2025"),
        "latest report is the 2025-04 audit"
    );
    let earlier = page(&site, "communes/valdor/2024-03/index.html");
    assert!(earlier.contains("12 mars 2024"));
}

#[test]
fn drafts_are_never_published_unless_asked() {
    let fixture = Fixture::new("minimal");
    let site = fixture.build().site.expect("builds");
    assert!(!site.keys().any(|p| p.contains("2025-09")));
    assert!(!page(&site, "communes/valdor/index.html").contains("15 septembre 2025"));
    let with_drafts = parcours::build_site(&parcours::Options {
        root: fixture.root.clone(),
        drafts: true,
        ..Default::default()
    })
    .unwrap()
    .site
    .unwrap();
    let report = page(&with_drafts, "communes/valdor/index.html");
    assert!(report.contains("15 septembre 2025"));
    assert!(report.contains("banner-draft"));
}

#[test]
fn report_shows_scores_weak_links_and_gdpr_flags() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let report = page(&site, "communes/valdor/index.html");
    // Hand-computed: s-informer = (2×75 + 1×50)/3 = 66.7 → 67; stationner = (1×50 + 3×25)/4 = 31.25 → 31.
    assert!(report.contains("<span class=\"num\">67</span>"));
    assert!(report.contains("<span class=\"num\">31</span>"));
    // Overall = mean of steps = 48.96 → 49.
    assert!(report.contains("<p class=\"kpi-value\">49 "));
    // Every cell of this fixture rests on one answer: marked "*" in the heat map and its
    // table, never named a weak link (issue 13).
    assert!(report.contains("<td>25 *</td>"));
    let links =
        &report[report.find("id=\"faibles\"").unwrap()..report.find("id=\"forts\"").unwrap()];
    assert!(!links.contains("Stationner × Conformité RGPD"), "{links}");
    assert!(links.contains("au moins deux réponses connues"));
    assert!(report.contains("⚠ <strong") || report.contains("<strong>⚠ 1</strong>"));
}

#[test]
fn recommendation_follows_the_answer() {
    let fixture = Fixture::new("minimal");
    let report = page(&fixture.build().site.unwrap(), "communes/valdor/index.html");
    let recos = &report
        [report.find("id=\"recommandations\"").unwrap()..report.find("id=\"inventaire\"").unwrap()];
    assert!(
        recos.contains("AIPD des capteurs"),
        "the trigger fires at level 1"
    );
    let path = fixture.root.join("communes/valdor/audits/2025-04.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "stationner.capteurs, score: 1",
            "stationner.capteurs, score: 4",
        ),
    )
    .unwrap();
    let report = page(&fixture.build().site.unwrap(), "communes/valdor/index.html");
    let recos = &report
        [report.find("id=\"recommandations\"").unwrap()..report.find("id=\"inventaire\"").unwrap()];
    assert!(
        !recos.contains("AIPD des capteurs"),
        "the trigger no longer fires at level 4"
    );
}

/// Adds a commune like Val-d'Or (rural, under 10 000 inhabitants, BEP) with one published audit.
fn add_peer(root: &std::path::Path, slug: &str, ins: &str, score: u8) {
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
    .map(|c| format!("  - {{ criterion: {c}, score: {score} }}\n"))
    .collect();
    std::fs::write(
        dir.join("2025-01.yaml"),
        format!("methodology: \"1.0\"\ndate: 2025-01-10\nstatus: published\nanswers:\n{answers}"),
    )
    .unwrap();
}

fn peers_section(site: &parcours::site::Site) -> String {
    let report = page(site, "communes/valdor/index.html");
    let start = report.find("id=\"pairs\"").expect("peer section");
    report[start..start + report[start..].find("</section>").unwrap()].to_string()
}

#[test]
fn peer_comparison_needs_three_peers() {
    let fixture = Fixture::new("minimal");
    add_peer(&fixture.root, "pair-a", "99011", 1);
    add_peer(&fixture.root, "pair-b", "99012", 2);
    let section = peers_section(&fixture.build().site.unwrap());
    assert!(
        !section.contains("Médiane des pairs"),
        "two peers are not enough"
    );
    assert!(section.contains("seules 2 communes comparables"));

    add_peer(&fixture.root, "pair-c", "99013", 4);
    let section = peers_section(&fixture.build().site.unwrap());
    assert!(section.contains("Comparaison avec 3 communes."));
    // Step s-informer: peers score 25, 50 and 100 → median 50, spread 25–100.
    assert!(
        section.contains("<td class=\"num\">50</td><td class=\"num\">25–100</td>"),
        "{section}"
    );
    // Peers are never named.
    assert!(!section.contains("pair-a"));
}

#[test]
fn intercommunale_page_carries_the_configured_logo_and_a_missing_logo_is_an_error() {
    let fixture = Fixture::new("minimal");
    let config = fixture.root.join("parcours.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "name = \"BEP — Namur\"",
            "name = \"BEP — Namur\"\nlogo = \"logos/bep.svg\"",
        ),
    )
    .unwrap();
    let outcome = fixture.build();
    assert!(outcome.site.is_none());
    assert!(
        outcome.diagnostics[0]
            .to_string()
            .contains("logo `logos/bep.svg`"),
        "{:?}",
        outcome.diagnostics
    );

    let logo = fixture.root.join("themes/default/static/logos");
    std::fs::create_dir_all(&logo).unwrap();
    std::fs::write(
        logo.join("bep.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let site = fixture.build().site.expect("builds with the logo in place");
    let ic = page(&site, "intercommunales/bep/index.html");
    assert!(ic.contains("src=\"../../static/logos/bep.svg\""), "{ic}");
    assert!(site.contains_key("static/logos/bep.svg"));
}

/// The "à régulariser" flag on a personal-data source, for an inventory entry written `entry`.
fn gdpr_flagged(entry: &str) -> bool {
    let fixture = Fixture::new("minimal");
    let path = fixture.root.join("communes/valdor/audits/2025-04.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replace("    legal_basis: \"\"\n", entry);
    assert_ne!(text, edited, "the fixture has the entry to edit");
    std::fs::write(&path, edited).unwrap();
    let report = page(&fixture.build().site.unwrap(), "communes/valdor/index.html");
    report.contains("class=\"flagged\"")
}

#[test]
fn issue_13_a_personal_source_is_to_regularise_only_when_something_is_missing() {
    let basis = "    legal_basis: \"Mission d'intérêt public (art. 6.1.e)\"\n";
    // No legal basis (blank counts as none): always flagged.
    assert!(gdpr_flagged(
        "    legal_basis: \"  \"\n    dpia_required: false\n"
    ));
    // A legal basis and no DPIA, its need unstated: flagged, as in methodology 1.0 and 1.1.
    assert!(gdpr_flagged(basis));
    // The DPO judged a DPIA not required: nothing is missing.
    assert!(!gdpr_flagged(&format!(
        "{basis}    dpia_required: false\n    in_register: true\n"
    )));
    // A DPIA made, but the processing is not in the register.
    assert!(gdpr_flagged(&format!(
        "{basis}    dpia: true\n    in_register: false\n"
    )));
    // A required DPIA made and the processing registered.
    assert!(!gdpr_flagged(&format!(
        "{basis}    dpia: true\n    dpia_required: true\n    in_register: true\n"
    )));
}
