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
    plan_requires_unknown_itself_and_cycle => "plan-requires",
    plan_cost_bands_and_envelope => "plan-bands-envelope",
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
    issue_14_a_lot_needs_deliverables_and_award_criteria_summing_to_100 => "tender-fields",
    issue_14_an_unknown_kind_and_award_criteria_outside_a_procurement => "tender-kind-unknown",
}

// Issue 11, messages: one case per redteam case id, each pinning the French text.
cases! {
    a01_terminal_escape => "a01-terminal-escape",
    d16_c1_in_methodology => "d16-c1-in-methodology",
    d16_raw_escape_in_chapter => "d16-raw-escape-in-chapter",
    e05_raw_nul => "e05-raw-nul",
    e06_escaped_controls => "e06-escaped-controls",
    e10_empty_toml => "e10-empty-toml",
    e17_utf16_no_bom => "e17-utf16-no-bom",
    e18_multi_document => "e18-multi-document",
    f04_order_too_large => "f04-order-too-large",
    s13_template_include_missing => "s13-template-include-missing",
    t01_toml_unknown_key => "t01-toml-unknown-key",
    t01b_toml_wrong_type => "t01b-toml-wrong-type",
    t10_theme_traversal => "t10-theme-traversal",
    t13_toml_deep_nesting => "t13-toml-deep-nesting",
    t14_toml_syntax_error => "t14-toml-syntax-error",
    t16_logo_traversal => "t16-logo-traversal",
    t16b_logo_missing => "t16b-logo-missing",
    y04_duplicate_key => "y04-duplicate-key",
    y07_number_too_large => "y07-number-too-large",
    y08_bad_score_no_cascade => "y08-bad-score-no-cascade",
    y11_score_nan => "y11-score-nan",
    y12_score_inf => "y12-score-inf",
    y14_score_yes => "y14-score-yes",
    y17_alias_budget => "y17-alias-budget",
    y27_binary_tag => "y27-binary-tag",
    y32_score_quoted => "y32-score-quoted",
    y34_score_empty => "y34-score-empty",
    t11_theme_missing => "t11-theme-missing",
    y31_fictional_yes => "y31-fictional-yes",
    a02_bidi_override_echoed => "a02-bidi-override-echoed",
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

/// Runs `git` in `dir` with no user or system configuration.
fn git(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The minimal fixture committed to a fresh repository; the working tree then moves to 1.1
/// so that audits on 1.0 need the release named in `[versions]`.
fn repository_with_release(reference: &str) -> Fixture {
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["config", "user.name", "Test parcours"],
        &["config", "user.email", "test@parcours.invalid"],
        &["config", "commit.gpgsign", "false"],
        &["add", "-A"],
        &["commit", "-q", "-m", "1.0"],
    ] {
        git(root, args);
    }
    let reference = match reference {
        "blob" => git(root, &["rev-parse", "HEAD:parcours.toml"]),
        other => other.to_string(),
    };
    let methodology = root.join("content/methodology.yaml");
    let text = std::fs::read_to_string(&methodology).unwrap();
    std::fs::write(
        &methodology,
        text.replacen("version: \"1.0\"", "version: \"1.1\"", 1),
    )
    .unwrap();
    let config = root.join("parcours.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!("\n[versions]\n\"1.0\" = \"{reference}\"\n"));
    std::fs::write(&config, text).unwrap();
    fixture
}

#[test]
fn t02_unknown_release_commit_is_reported_once_not_on_every_audit() {
    let fixture = repository_with_release("deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
    let shown = fixture.diagnostics();
    assert_eq!(shown.matches("erreur").count(), 1, "{shown}");
    assert!(
        shown.starts_with("parcours.toml:7: erreur: référence Git `deadbeef"),
        "{shown}"
    );
    assert!(
        !shown.contains("version de méthodologie inconnue"),
        "{shown}"
    );
}

#[test]
fn t06_release_reference_to_a_blob_says_it_is_not_a_commit() {
    let fixture = repository_with_release("blob");
    let shown = fixture.diagnostics();
    assert!(
        shown.contains("de la version 1.0 désigne un fichier (blob), pas un commit"),
        "{shown}"
    );
    assert!(
        !shown.contains("introuvable") && !shown.contains("git fetch"),
        "{shown}"
    );
    assert_eq!(shown.matches("erreur").count(), 1, "{shown}");
}

#[test]
fn u08_unreadable_git_folder_is_not_called_missing() {
    let fixture = repository_with_release("main");
    let objects = fixture.root.join(".git/objects");
    std::fs::remove_dir_all(&objects).unwrap();
    std::fs::write(&objects, "not a folder").unwrap();
    let shown = fixture.diagnostics();
    assert!(!shown.contains("n'est pas un dépôt Git"), "{shown}");
    assert!(
        shown.contains(
            ".git: erreur: ce dossier contient un dépôt Git (.git), mais il n'a pas pu être lu"
        ),
        "{shown}"
    );
    assert!(
        !shown.contains("version de méthodologie inconnue"),
        "{shown}"
    );
}
