//! Bad input: every invalid fixture gives its pinned diagnostics, never panics, writes nothing.

use crate::support::{assert_golden, fixtures, Fixture, TempDir};

/// Runs `parcours check` semantics on an invalid case and compares with its golden.
fn case(name: &str) {
    let fixture = Fixture::invalid(name);
    let outcome = fixture.build();
    assert!(
        outcome.site.is_none(),
        "{name}: an invalid repository produced a site"
    );
    assert!(
        outcome.diagnostics.iter().any(|d| d.is_error()),
        "{name}: no error reported"
    );
    assert_golden(
        &fixtures()
            .join("invalid")
            .join(name)
            .join("expected/diagnostics.txt"),
        &fixture.diagnostics(),
    );
}

macro_rules! cases {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(#[test] fn $test() { case($name); })*
    };
}

cases! {
    malformed_yaml => "malformed-yaml",
    wrong_type => "wrong-type",
    unknown_field => "unknown-field",
    duplicate_id => "duplicate-id",
    unknown_criterion_with_suggestion => "unknown-criterion",
    score_out_of_range_points_at_the_value => "score-out-of-range",
    unknown_methodology_version => "unknown-version",
    missing_commune_yaml => "missing-commune-yaml",
    empty_file => "empty-file",
    non_utf8_file => "non-utf8",
    front_matter_error => "front-matter",
    template_error_in_theme => "template-error",
    bad_slug => "bad-slug",
    unknown_step_in_criterion => "unknown-step",
    weight_not_positive => "bad-weight",
    broken_handbook_link => "broken-link",
    unknown_intercommunale => "unknown-intercommunale",
    bad_quarter => "bad-quarter",
    many_errors_reported_at_once => "many-errors",
}

#[test]
fn missing_config_says_where_to_run() {
    let dir = TempDir::new("no-config");
    let outcome = parcours::build_site(&parcours::Options {
        root: dir.0.clone(),
        ..Default::default()
    })
    .unwrap();
    assert!(outcome.site.is_none());
    assert!(outcome.diagnostics[0]
        .to_string()
        .starts_with("parcours.toml: erreur:"));
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let fixture = Fixture::invalid("score-out-of-range");
    let out = fixture.root.join("build");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "previous").unwrap();
    let outcome = parcours::build(&parcours::Options {
        root: fixture.root.clone(),
        ..Default::default()
    })
    .unwrap();
    assert!(outcome.site.is_none());
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "previous"
    );
    let entries: Vec<_> = std::fs::read_dir(&fixture.root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !entries
            .iter()
            .any(|n| n.to_string_lossy().starts_with(".build")),
        "{entries:?}"
    );
}

#[test]
fn successful_build_replaces_previous_output() {
    let fixture = Fixture::new("minimal");
    let out = fixture.root.join("build");
    let options = parcours::Options {
        root: fixture.root.clone(),
        ..Default::default()
    };
    assert!(!parcours::build(&options).unwrap().failed());
    std::fs::write(out.join("stale.html"), "stale").unwrap();
    let outcome = parcours::build(&options).unwrap();
    assert!(!outcome.failed() && outcome.files > 0);
    assert!(!out.join("stale.html").exists());
    assert!(out.join("index.html").exists());
}
