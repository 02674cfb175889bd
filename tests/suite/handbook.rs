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

/// Writes `n` chapters into `minimal`, ten per section (subfolder), and builds it.
fn handbook_of(n: usize) -> std::collections::BTreeMap<String, Vec<u8>> {
    let fixture = Fixture::new("minimal");
    for i in 0..n {
        let dir = fixture
            .root
            .join(format!("content/handbook/partie-{:03}", i / 10));
        std::fs::create_dir_all(&dir).unwrap();
        let next = (i + 1) % n;
        let text = format!(
            "---\ntitle: \"Chapitre {i}\"\norder: {}\n---\nTexte du chapitre {i}, suivi du \
             [chapitre {next}](chapitre:chapitre-{next:04}).\n",
            100 + i
        );
        std::fs::write(dir.join(format!("chapitre-{i:04}.md")), text).unwrap();
    }
    fixture.build().site.expect("builds")
}

/// The largest page of the handbook other than its full contents (`index.html`).
fn largest_page(site: &std::collections::BTreeMap<String, Vec<u8>>) -> (String, usize) {
    site.iter()
        .filter(|(p, _)| p.starts_with("handbook/1.0/") && *p != "handbook/1.0/index.html")
        .map(|(p, b)| (p.clone(), b.len()))
        .max_by_key(|(_, len)| *len)
        .expect("handbook pages")
}

#[test]
fn page_size_does_not_grow_with_the_chapter_count() {
    let (small, large) = (handbook_of(50), handbook_of(500));
    let (_, before) = largest_page(&small);
    let (page, after) = largest_page(&large);
    // The menu of a page lists every section by its title, and the chapters of its own section.
    let chapter = String::from_utf8(large["handbook/1.0/chapitre-0205.html"].clone())
        .expect("a chapter page in UTF-8");
    let sections: Vec<String> = (0..50)
        .map(|s| {
            format!(
                "href=\"chapitre-{:04}.html\">Chapitre {}</a>",
                s * 10,
                s * 10
            )
        })
        .collect();
    for s in &sections {
        assert!(chapter.contains(s.as_str()), "{s} is not in the menu");
    }
    let section_list: usize = sections
        .iter()
        .map(|s| s.len() + "<li><a ></li>".len())
        .sum();
    assert!(
        after - before < section_list,
        "{page}: {before} → {after} bytes, more than the {section_list} bytes of the section list"
    );
    // The page shows its own section's ten chapters, not the other 490.
    let sub = chapter
        .split("<ul class=\"hb-sub\">")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .expect("the open section");
    assert_eq!(sub.matches("<li>").count(), 10);
    assert!(sub.contains("aria-current=\"page\" href=\"chapitre-0205.html\""));
    assert!(!chapter.contains("chapitre-0215.html\">"));
    // The full contents page lists every chapter.
    let contents = String::from_utf8(large["handbook/1.0/index.html"].clone()).unwrap();
    for i in [0, 205, 499] {
        assert!(
            contents.contains(&format!("href=\"chapitre-{i:04}.html\"")),
            "{i}"
        );
    }
}
