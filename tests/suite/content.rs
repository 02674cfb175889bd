//! The shipped methodology is complete: every step × angle cell holds a criterion, and every
//! criterion, data-source type and action page is reachable by following links from the
//! handbook's home page.

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

fn demo() -> parcours::site::Site {
    parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    })
    .expect("no I/O error")
    .site
    .expect("the demo builds")
}

/// Returns the relative links (`href="…"`) of a page, resolved against its folder.
fn links(from: &str, html: &str) -> Vec<String> {
    let dir: Vec<&str> = from.split('/').collect();
    let dir = &dir[..dir.len() - 1];
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| !h.contains("://") && !h.starts_with('#') && !h.starts_with("mailto:"))
        .map(|h| {
            let mut parts: Vec<&str> = dir.to_vec();
            for seg in h.split('#').next().unwrap_or("").split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            parts.join("/")
        })
        .collect()
}

#[test]
fn every_reference_page_is_reachable_from_the_handbook_home() {
    let site = demo();
    let home = "handbook/latest/index.html".to_string();
    let mut seen = BTreeSet::from([home.clone()]);
    let mut queue = VecDeque::from([home]);
    while let Some(page) = queue.pop_front() {
        let Some(bytes) = site.get(&page) else {
            continue;
        };
        let html = String::from_utf8_lossy(bytes);
        for target in links(&page, &html) {
            if target.starts_with("handbook/latest/") && seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    let pages: Vec<&String> = site
        .keys()
        .filter(|p| {
            ["criteres/", "sources/", "actions/", "etapes/", "angles/"]
                .iter()
                .any(|k| p.starts_with(&format!("handbook/latest/{k}")))
        })
        .collect();
    assert!(
        pages.len() > 100,
        "the demo methodology has its reference pages"
    );
    let unreachable: Vec<&&String> = pages.iter().filter(|p| !seen.contains(**p)).collect();
    assert!(unreachable.is_empty(), "not reachable: {unreachable:?}");
}

#[test]
fn every_step_angle_cell_holds_a_criterion() {
    let outcome = parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    })
    .unwrap();
    let empty: Vec<String> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("aucun critère pour l'étape"))
        .map(|d| d.to_string())
        .collect();
    assert!(empty.is_empty(), "{empty:?}");
    // And the check that would report them does fire on a cell left empty.
    let fixture = crate::support::Fixture::invalid("unknown-step");
    assert!(fixture
        .diagnostics()
        .contains("aucun critère pour l'étape `stationner` sous l'angle `rh`"));
}

/// The editors explained every change of the newest releases in a sentence of their own: each
/// entry of the 1.2 and 1.3 changelog pages carries at least one editor's note (the machine diff
/// alone says what changed, not why).
#[test]
fn every_change_of_the_newest_release_has_an_editors_note() {
    let site = demo();
    for version in ["1.2", "1.3"] {
        every_change_has_a_note(&site, version);
    }
}

fn every_change_has_a_note(site: &parcours::site::Site, version: &str) {
    let page = String::from_utf8(
        site.get(&format!("handbook/{version}/changements.html"))
            .expect("the changelog page")
            .to_vec(),
    )
    .expect("UTF-8");
    let entries: Vec<&str> = page.split("<li class=\"change ").skip(1).collect();
    assert!(
        entries.len() > 40,
        "the {version} changelog has {} entries",
        entries.len()
    );
    let bare: Vec<String> = entries
        .iter()
        .filter(|e| !e.contains("editor-note"))
        .map(|e| e.chars().take(120).collect())
        .collect();
    assert!(
        bare.is_empty(),
        "changes without an editor's note:\n{}",
        bare.join("\n")
    );
}
