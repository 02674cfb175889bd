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
