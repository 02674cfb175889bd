//! Issue 11, hardening of what a repository may make the build do to the disk: the output
//! folder (redteam D1, D14, D8), names that become paths (D2), links out of the repository
//! (D4), files that are folders or unreadable (e11–e15), duplicate audits and chapters (D11,
//! f03, k-*) and drafts that leak into aggregates (D10). Each test is one reproduction.

use std::path::Path;
use std::process::Command;

use crate::support::{Fixture, TempDir};

fn options(root: &Path) -> parcours::Options {
    parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    }
}

/// Every error message of a build, one line each.
fn errors(outcome: &parcours::Outcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

/// Sets `output = …` in the fixture's parcours.toml.
fn set_output(root: &Path, value: &str) {
    let path = root.join("parcours.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("output = '{value}'\n{text}")).unwrap();
}

/// A hash-free snapshot of a folder: every file path and its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        out.push((
            entry.strip_prefix(dir).unwrap().display().to_string(),
            bytes,
        ));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() && !path.is_symlink() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn d1_configured_outputs_that_would_delete_sources_are_refused_before_any_write() {
    for (value, needle) in [
        ("content", "`content`"),
        ("communes", "`communes`"),
        ("communes/valdor", "`communes`"),
        (".git", "`.git`"),
        ("parcours.toml", "`parcours.toml`"),
        (".", "chemin relatif"),
        ("", "chemin relatif"),
        ("..", "chemin relatif"),
        ("build/..", "chemin relatif"),
        ("../victim", "chemin relatif"),
        ("/tmp", "chemin relatif"),
    ] {
        let fixture = Fixture::new("minimal");
        std::fs::create_dir_all(fixture.root.join(".git")).unwrap();
        set_output(&fixture.root, value);
        let before = snapshot(&fixture.root);
        let outcome = parcours::build(&options(&fixture.root)).unwrap();
        let errors = errors(&outcome);
        assert!(
            errors.iter().any(
                |e| e.starts_with("parcours.toml:1:1: erreur: dossier de sortie")
                    && e.contains(needle)
            ),
            "output = {value:?}: {errors:#?}"
        );
        assert_eq!(
            snapshot(&fixture.root),
            before,
            "output = {value:?} changed the repository"
        );
    }
}

#[test]
fn d1_command_line_output_never_replaces_the_repository_or_a_foreign_folder() {
    let fixture = Fixture::new("minimal");
    let victim = TempDir::new("victim");
    std::fs::write(victim.0.join("IMPORTANT.txt"), "keep").unwrap();
    let before = snapshot(&fixture.root);
    for out in [
        fixture.root.clone(),
        fixture.root.parent().unwrap().to_path_buf(),
        victim.0.clone(),
    ] {
        let outcome = parcours::build(&parcours::Options {
            output: Some(out.clone()),
            ..options(&fixture.root)
        })
        .unwrap();
        let errors = errors(&outcome);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("--output: erreur: dossier de sortie")),
            "{}: {errors:#?}",
            out.display()
        );
    }
    assert_eq!(
        std::fs::read_to_string(victim.0.join("IMPORTANT.txt")).unwrap(),
        "keep"
    );
    assert_eq!(snapshot(&fixture.root), before);
}

#[test]
fn d1_an_existing_file_or_a_link_is_not_an_output_folder() {
    let fixture = Fixture::new("minimal");
    let target = TempDir::new("link-target");
    std::fs::write(fixture.root.join("build"), "a file").unwrap();
    let outcome = parcours::build(&options(&fixture.root)).unwrap();
    assert!(
        errors(&outcome)
            .iter()
            .any(|e| e.contains("c'est un fichier")),
        "{:?}",
        errors(&outcome)
    );
    std::fs::remove_file(fixture.root.join("build")).unwrap();
    std::os::unix::fs::symlink(&target.0, fixture.root.join("build")).unwrap();
    let outcome = parcours::build(&options(&fixture.root)).unwrap();
    assert!(
        errors(&outcome)
            .iter()
            .any(|e| e.contains("lien symbolique")),
        "{:?}",
        errors(&outcome)
    );
    assert_eq!(std::fs::read_dir(&target.0).unwrap().count(), 0);
}

#[test]
fn d1_a_folder_parcours_made_is_replaced_and_one_it_did_not_make_is_kept() {
    let fixture = Fixture::new("minimal");
    let out = fixture.root.join("build");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let outcome = parcours::build(&options(&fixture.root)).unwrap();
    let errors = errors(&outcome);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("n'a pas été créé par parcours")),
        "{errors:#?}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    // `check` (and the preview) write nothing, so what lies in the output does not concern them.
    assert!(!parcours::build_site(&options(&fixture.root))
        .unwrap()
        .failed());
    std::fs::remove_dir_all(&out).unwrap();
    // An empty folder may be used, and the site it then holds carries the marker.
    std::fs::create_dir(&out).unwrap();
    assert!(!parcours::build(&options(&fixture.root)).unwrap().failed());
    assert!(out.join(parcours::output::MARKER).is_file());
    assert!(!parcours::build(&options(&fixture.root)).unwrap().failed());
}

#[test]
fn d1_a_path_git_tracks_is_not_an_output() {
    let fixture = Fixture::new("minimal");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&fixture.root)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
    };
    std::fs::create_dir(fixture.root.join("docs")).unwrap();
    std::fs::write(fixture.root.join("docs/guide.txt"), "suivi").unwrap();
    // A marker committed to the repository must not make a tracked folder replaceable.
    std::fs::write(fixture.root.join("docs").join(parcours::output::MARKER), "").unwrap();
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "x"]);
    set_output(&fixture.root, "docs");
    let outcome = parcours::build(&options(&fixture.root)).unwrap();
    assert!(
        errors(&outcome)
            .iter()
            .any(|e| e.contains("Git suit ce chemin")),
        "{:?}",
        errors(&outcome)
    );
    assert!(fixture.root.join("docs/guide.txt").is_file());
}

#[test]
fn d2_intercommunale_ids_cannot_become_paths_outside_the_site() {
    for id in [
        "../../../PWNED-ic",
        "../communes/valdor",
        "..",
        "Majuscule",
        "nul",
    ] {
        let fixture = Fixture::new("minimal");
        let path = fixture.root.join("parcours.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            format!("{text}\n[intercommunales.\"{id}\"]\nname = \"evil\"\n"),
        )
        .unwrap();
        let outcome = parcours::build(&options(&fixture.root)).unwrap();
        let errors = errors(&outcome);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("parcours.toml:6:1: erreur: nom")),
            "{id}: {errors:#?}"
        );
        assert!(!fixture.root.join("build").exists());
        assert!(!fixture.root.parent().unwrap().join("PWNED-ic").exists());
    }
}

#[test]
fn d4_links_out_of_the_repository_are_errors_and_never_read() {
    let secrets = TempDir::new("secrets");
    std::fs::write(secrets.0.join("id_rsa"), "TOP-SECRET-CANARY").unwrap();
    std::fs::write(
        secrets.0.join("commune.yaml"),
        "api_key: TOP-SECRET-CANARY\n",
    )
    .unwrap();
    type Make<'a> = &'a dyn Fn(&Path);
    let cases: [(&str, Make); 5] = [
        ("themes/default/static", &|root| {
            std::fs::create_dir_all(root.join("themes/default")).unwrap();
            std::os::unix::fs::symlink(&secrets.0, root.join("themes/default/static")).unwrap();
        }),
        ("communes/evil", &|root| {
            std::os::unix::fs::symlink(&secrets.0, root.join("communes/evil")).unwrap();
        }),
        ("communes/valdor/audits", &|root| {
            std::fs::remove_dir_all(root.join("communes/valdor/audits")).unwrap();
            std::os::unix::fs::symlink(&secrets.0, root.join("communes/valdor/audits")).unwrap();
        }),
        ("communes/valdor/commune.yaml", &|root| {
            std::fs::remove_file(root.join("communes/valdor/commune.yaml")).unwrap();
            std::os::unix::fs::symlink(
                secrets.0.join("commune.yaml"),
                root.join("communes/valdor/commune.yaml"),
            )
            .unwrap();
        }),
        ("content/handbook/secret.md", &|root| {
            std::os::unix::fs::symlink(
                secrets.0.join("id_rsa"),
                root.join("content/handbook/secret.md"),
            )
            .unwrap();
        }),
    ];
    for (path, make) in cases {
        let fixture = Fixture::new("minimal");
        make(&fixture.root);
        let outcome = parcours::build_site(&options(&fixture.root)).unwrap();
        let errors = errors(&outcome);
        assert!(
            errors.iter().any(
                |e| e.starts_with(&format!("{path}: erreur: lien symbolique vers l'extérieur"))
            ),
            "{path}: {errors:#?}"
        );
        assert!(
            !errors.iter().any(|e| e.contains("api_key")),
            "{path}: the outside file was read: {errors:#?}"
        );
    }
}

#[test]
fn d4_links_inside_the_repository_are_followed_and_loops_do_not_hang() {
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(root.join("logo-source.svg"), "<svg/>").unwrap();
    std::os::unix::fs::symlink(
        root.join("logo-source.svg"),
        root.join("themes/default/static/logo.svg"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", root.join("communes/valdor/audits/up")).unwrap();
    let outcome = parcours::build_site(&options(root)).unwrap();
    assert!(!outcome.failed(), "{:?}", errors(&outcome));
    assert_eq!(outcome.site.unwrap()["static/logo.svg"], b"<svg/>");
}

#[test]
fn e11_to_e15_folders_where_files_belong_are_errors_not_silent_losses() {
    for (path, needle) in [
        (
            "communes/valdor/audits/2024-06.yaml",
            "un fichier est attendu ici, c'est un dossier",
        ),
        (
            "content/handbook/zz.md",
            "un fichier est attendu ici, c'est un dossier",
        ),
    ] {
        let fixture = Fixture::new("minimal");
        std::fs::create_dir_all(fixture.root.join(path)).unwrap();
        let outcome = parcours::build_site(&options(&fixture.root)).unwrap();
        let errors = errors(&outcome);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(path) && e.contains(needle)),
            "{path}: {errors:#?}"
        );
    }
    let fixture = Fixture::new("minimal");
    std::fs::remove_file(fixture.root.join("content/methodology.yaml")).unwrap();
    std::fs::create_dir(fixture.root.join("content/methodology.yaml")).unwrap();
    std::fs::remove_file(fixture.root.join("communes/valdor/commune.yaml")).unwrap();
    std::fs::create_dir(fixture.root.join("communes/valdor/commune.yaml")).unwrap();
    let outcome = parcours::build_site(&options(&fixture.root)).unwrap();
    let errors = errors(&outcome);
    for path in ["content/methodology.yaml", "communes/valdor/commune.yaml"] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("{path}: erreur: un fichier est attendu ici"))),
            "{path}: {errors:#?}"
        );
    }
    assert!(
        !errors.iter().any(|e| e.contains("introuvable")),
        "{errors:#?}"
    );
}

#[test]
fn e14_a_folder_as_parcours_toml_is_a_located_error() {
    let fixture = Fixture::new("minimal");
    std::fs::remove_file(fixture.root.join("parcours.toml")).unwrap();
    std::fs::create_dir(fixture.root.join("parcours.toml")).unwrap();
    let outcome = parcours::build(&options(&fixture.root)).unwrap();
    assert_eq!(
        errors(&outcome)[0].lines().next().unwrap(),
        "parcours.toml: erreur: un fichier est attendu ici, c'est un dossier"
    );
}

#[test]
fn d11_duplicate_audit_ids_are_errors() {
    let fixture = Fixture::new("minimal");
    let audits = fixture.root.join("communes/valdor/audits");
    let first = std::fs::read_dir(&audits)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let stem = first.file_stem().unwrap().to_string_lossy().to_string();
    std::fs::copy(&first, audits.join(format!("{stem}.yml"))).unwrap();
    std::fs::create_dir(audits.join("archive")).unwrap();
    std::fs::copy(&first, audits.join(format!("archive/{stem}.yaml"))).unwrap();
    let outcome = parcours::build_site(&options(&fixture.root)).unwrap();
    let errors = errors(&outcome);
    assert_eq!(
        errors
            .iter()
            .filter(|e| e.contains(&format!("audit `{stem}` en double")))
            .count(),
        2,
        "{errors:#?}"
    );
}

#[test]
fn f03_and_k_chapters_cannot_shadow_each_other_or_generated_pages() {
    let fixture = Fixture::new("minimal");
    let handbook = fixture.root.join("content/handbook");
    let chapter = std::fs::read_dir(&handbook)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = chapter.file_name().unwrap().to_string_lossy().to_string();
    std::fs::create_dir(handbook.join("sub")).unwrap();
    std::fs::copy(&chapter, handbook.join("sub").join(&name)).unwrap();
    for reserved in ["index", "criteres", "changements", "sources"] {
        std::fs::copy(&chapter, handbook.join(format!("{reserved}.md"))).unwrap();
    }
    let outcome = parcours::build_site(&parcours::Options {
        drafts: true,
        ..options(&fixture.root)
    })
    .unwrap();
    let errors = errors(&outcome);
    assert!(
        errors.iter().any(|e| e.contains("en double")),
        "{errors:#?}"
    );
    for reserved in ["index", "criteres", "changements", "sources"] {
        assert!(
            errors.iter().any(|e| e.starts_with(&format!(
                "content/handbook/{reserved}.md: erreur: chapitre `{reserved}` refusé"
            ))),
            "{reserved}: {errors:#?}"
        );
    }
}

#[test]
fn d8_two_builds_at_once_both_finish_with_a_whole_site() {
    let fixture = Fixture::new("minimal");
    let opts = options(&fixture.root);
    let expected = parcours::build_site(&opts).unwrap().site.unwrap();
    std::thread::scope(|s| {
        let a = s.spawn(|| parcours::build(&opts).unwrap());
        let b = s.spawn(|| parcours::build(&opts).unwrap());
        assert!(!a.join().unwrap().failed());
        assert!(!b.join().unwrap().failed());
    });
    let out = fixture.root.join("build");
    for page in expected.keys() {
        assert!(
            out.join(page).is_file(),
            "{page} missing after two concurrent builds"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&fixture.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
