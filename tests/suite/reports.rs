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
    assert!(report.contains("Stationner × Conformité RGPD"));
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
