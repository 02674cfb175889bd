//! The handbook: chapters, generated reference pages, navigation, relative links.

use crate::support::{assert_site_goldens, Fixture};

#[test]
fn handbook_pages_match_goldens() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    assert_site_goldens(
        "minimal",
        &site,
        &[
            "full/index.html",
            "full/handbook/1.0/questionnaire.html",
            "handbook/1.0/index.html",
            "handbook/1.0/principes.html",
            "handbook/1.0/criteres.html",
            "handbook/1.0/criteres/s-informer.annuaire.html",
            "handbook/1.0/actions/tenir-annuaire.html",
            "handbook/1.0/sources/occupation-parkings.html",
            "communes/valdor/index.html",
        ],
    );
}

#[test]
fn every_reference_page_exists_for_every_id() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    for page in [
        "etapes/s-informer.html",
        "etapes/stationner.html",
        "angles/rh.html",
        "angles/rgpd.html",
        "criteres/stationner.capteurs.html",
        "sources/annuaire-commerces.html",
        "actions/aipd-capteurs.html",
        "echelle.html",
        "glossaire.html",
    ] {
        assert!(
            site.contains_key(&format!("handbook/1.0/{page}")),
            "missing {page}"
        );
        assert!(
            site.contains_key(&format!("handbook/latest/{page}")),
            "missing latest/{page}"
        );
    }
}

#[test]
fn handbook_links_resolve_to_relative_pages() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let chapter = String::from_utf8(site["handbook/1.0/principes.html"].clone()).unwrap();
    assert!(chapter.contains("href=\"criteres/s-informer.annuaire.html\""));
    assert!(chapter.contains("href=\"glossaire.html\""));
    let criterion =
        String::from_utf8(site["handbook/1.0/criteres/s-informer.annuaire.html"].clone()).unwrap();
    assert!(criterion.contains("href=\"../echelle.html\""));
    assert!(criterion.contains("href=\"../../../static/style.css\""));
}

#[test]
fn raw_html_in_markdown_is_escaped() {
    let fixture = Fixture::new("minimal");
    let path = fixture.root.join("content/handbook/glossaire.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n<script>alert(1)</script>\n")).unwrap();
    let site = fixture.build().site.expect("builds");
    let page = String::from_utf8(site["handbook/1.0/glossaire.html"].clone()).unwrap();
    assert!(!page.contains("<script>"));
}
