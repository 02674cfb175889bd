//! The demo repository shipped at the root: it checks clean and builds deterministically.

use std::path::Path;

fn demo() -> parcours::Outcome {
    parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    })
    .expect("no I/O error")
}

#[test]
fn demo_checks_without_errors() {
    let outcome = demo();
    let errors: Vec<String> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(outcome.site.is_some());
}

#[test]
fn demo_builds_are_identical() {
    let a = demo().site.unwrap();
    let b = demo().site.unwrap();
    assert!(a == b);
}

#[test]
fn issue_13_the_changelog_of_1_2_says_why_in_the_editors_words() {
    let site = parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        drafts: true,
        ..Default::default()
    })
    .expect("no I/O error")
    .site
    .expect("the demo builds with its draft");
    let page = String::from_utf8(site["handbook/1.2/changements.html"].clone()).unwrap();
    assert!(page.contains("Notes des éditeurs"), "general notes shown");
    assert!(
        page.contains("<strong>cumulatifs</strong>"),
        "notes are Markdown"
    );
    // A note sits under the change it is about, after the machine's own line.
    let entry = page
        .find("criteres/acheter.securite-donnees.html")
        .expect("the new criterion is listed");
    let next = page[entry..].find("</li>").unwrap() + entry;
    assert!(
        page[entry..next].contains("Note des éditeurs"),
        "note under its entry"
    );
    assert!(page[entry..next].contains("jamais «\u{202f}sans objet\u{202f}»"));
}
