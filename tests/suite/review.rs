//! Issue 18: reviewing a methodology change in its pull request. The real binary, run in a
//! fresh clone of this repository the way a reviewer or CI runs it: `parcours diff` between any
//! released version, Git revision and the working tree, with the impact on the demo audits;
//! `check` refusing a change of meaning under a released label, and accepting an erratum.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::incremental::edit;
use crate::support::{assert_golden, TempDir};

/// A fresh clone of this repository (committed history only, like CI's).
pub fn clone_repo(dir: &TempDir) -> PathBuf {
    let clone = dir.0.join("parcours");
    let status = Command::new("git")
        .args(["clone", "-q", env!("CARGO_MANIFEST_DIR")])
        .arg(&clone)
        .status()
        .unwrap();
    assert!(status.success());
    clone
}

/// Runs `parcours <args>` in `dir`, as a user does from the repository folder.
pub fn parcours(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Commits everything in `dir`; returns the new commit's hash.
fn commit(dir: &Path, message: &str) -> String {
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(dir)
            .args([
                "-c",
                "user.name=Relecture",
                "-c",
                "user.email=relecture@example.org",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    git(&["commit", "-qam", message]);
    git(&["rev-parse", "HEAD"]).trim().to_string()
}

/// The pull request of the issue: a weight edited (`stationner.inventaire-places` 3 → 1), a
/// criterion split (`acheter.wifi-public` into coverage and welcome page), a level reworded
/// (`s-informer.referent-numerique`, level 1), with the references to the split one updated.
fn propose_change(root: &Path) {
    let file = "content/methodology.yaml";
    let path = root.join(file);
    let mut s = std::fs::read_to_string(&path).unwrap();
    let at = s.find("  - id: stationner.inventaire-places").unwrap();
    let weight = at + s[at..].find("    weight: 3").unwrap();
    s.replace_range(weight..weight + 13, "    weight: 1");
    let at = s.find("  - id: s-informer.referent-numerique").unwrap();
    let levels = at + s[at..].find("    levels:\n").unwrap();
    let first = levels + s[levels..].find("\n      - ").unwrap() + 1;
    let second = first + s[first..].find("\n      - ").unwrap() + 1;
    let end = second + s[second..].find('\n').unwrap();
    s.replace_range(
        second..end,
        "      - \"Un référent est désigné par écrit, avec au moins une demi-journée par semaine.\"",
    );
    let start = s.find("  - id: acheter.wifi-public\n").unwrap();
    let end = s.find("  - id: acheter.capteurs-aipd").unwrap();
    let block = s[start..end].to_string();
    let coverage = block.replacen(
        "  - id: acheter.wifi-public\n",
        "  - id: acheter.wifi-couverture\n    replaces: acheter.wifi-public\n",
        1,
    );
    let welcome = block
        .replacen(
            "  - id: acheter.wifi-public\n",
            "  - id: acheter.wifi-accueil\n    replaces: acheter.wifi-public\n",
            1,
        )
        .replacen(
            "Le centre commerçant offre-t-il un Wi-Fi public gratuit qui fonctionne dans les rues commerçantes, et dont la page d'accueil met en avant le commerce local ?",
            "La page d'accueil du Wi-Fi public met-elle en avant le commerce local ?",
            1,
        );
    s.replace_range(start..end, &format!("{coverage}{welcome}"));
    let s = s.replace(
        "{ criterion: acheter.wifi-public, max_level: 1 }",
        "{ criterion: acheter.wifi-couverture, max_level: 1 }",
    );
    std::fs::write(&path, s).unwrap();
    for entry in std::fs::read_dir(root.join("content/handbook")).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap();
        let fixed = page.replace(
            "critere:acheter.wifi-public)",
            "critere:acheter.wifi-couverture)",
        );
        if fixed != page {
            std::fs::write(&path, fixed).unwrap();
        }
    }
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/review")
        .join(name)
}

#[test]
fn issue_18_diff_1_1_against_an_edited_working_tree_prints_the_changes_and_their_impact() {
    let dir = TempDir::new("review");
    let root = clone_repo(&dir);
    propose_change(&root);
    let out = parcours(&root, &["diff", "1.1", "."]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.contains("Méthodologie 1.3 → arbre de travail"),
        "{printed}"
    );
    assert!(
        printed.contains("scission : `acheter.wifi-public`"),
        "{printed}"
    );
    assert!(printed.contains("poids : 3 → 1"), "{printed}");
    assert!(
        printed.contains("descripteurs modifiés (niveau(x) 1)"),
        "{printed}"
    );
    // Namur 2025-06 answered all three: its parking step loses weight on a level-3 answer.
    let namur = printed
        .lines()
        .find(|l| l.contains("Namur 2025-06 (audit selon 1.1)"))
        .unwrap();
    assert!(namur.contains("Stationner"), "{namur}");
    assert!(printed.contains("Les rapports publiés ne changent pas"));
    assert_golden(&golden("diff-1.1-travail.txt"), &printed);

    let out = parcours(&root, &["diff", "1.3", ".", "--format", "markdown"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let markdown = text(&out.stdout);
    assert!(markdown.starts_with("# Revue de la méthodologie : 1.3 → arbre de travail\n"));
    assert!(markdown.contains("| Audit | Version de l'audit | Indice |"));
    // Notes explaining 1.3 itself are not this change's: none is printed.
    assert!(!markdown.contains("Note des éditeurs"), "{markdown}");
    assert_golden(&golden("diff-1.3-travail.md"), &markdown);
}

#[test]
fn issue_18_diff_compares_git_revisions_and_says_what_it_cannot_find() {
    let dir = TempDir::new("review-revs");
    let root = clone_repo(&dir);
    let out = parcours(&root, &["diff", "HEAD", "."]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.starts_with("Méthodologie HEAD ("), "{printed}");
    assert!(printed.contains("aucun changement des étapes"), "{printed}");
    // A released version against the commit it names: the same methodology.
    let out = parcours(&root, &["diff", "1.3", "45af33e69815"]);
    assert!(
        text(&out.stdout).contains("aucun changement"),
        "{}",
        text(&out.stdout)
    );
    let out = parcours(&root, &["diff", "1.1", "branche-inconnue"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("`branche-inconnue` n'est ni une version publiée"),
        "{err}"
    );
    assert!(
        err.contains("versions publiées : 1.0, 1.1, 1.2, 1.3"),
        "{err}"
    );
}

#[test]
fn issue_18_changing_a_released_version_without_a_new_version_fails_check() {
    let dir = TempDir::new("review-check");
    let root = clone_repo(&dir);
    propose_change(&root);
    let out = parcours(&root, &["check"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("content/methodology.yaml:3:10: erreur: content/ change le sens de la version publiée 1.3 sans changer de numéro (6 changement(s)"),
        "{err}"
    );
    assert!(err.contains("écrivez version: \"1.4\""), "{err}");
    // The preview shows it as the next version's draft, under a banner.
    let out = parcours(&root, &["build", "--drafts", "-o", "site"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(root.join("site/handbook/1.4/index.html")).unwrap();
    assert!(
        page.contains("montré ici comme brouillon de la version 1.4"),
        "{page}"
    );
    // With the bump, it is an ordinary draft.
    edit(
        &root,
        "content/methodology.yaml",
        "version: \"1.3\"",
        "version: \"1.4\"",
    );
    let out = parcours(&root, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn issue_18_an_editorial_fix_is_accepted_as_an_erratum_and_a_change_of_meaning_is_not() {
    let dir = TempDir::new("review-erratum");
    let root = clone_repo(&dir);
    let chapter = "content/handbook/angle-technologies.md";
    let original = std::fs::read_to_string(root.join(chapter)).unwrap();
    std::fs::write(
        root.join(chapter),
        format!("{original}\nCette phrase corrige une coquille.\n"),
    )
    .unwrap();
    let out = parcours(&root, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("modifie le texte de la version publiée 1.3 sans en changer le sens"),
        "{}",
        text(&out.stderr)
    );
    let fixed = commit(&root, "Erratum 1.3: a typo");
    edit(
        &root,
        "parcours.toml",
        "\"1.3\" = \"45af33e69815ed606a220ae9a13904f7cb2f7022\"",
        &format!("\"1.3\" = \"{fixed}\""),
    );
    let out = parcours(&root, &["build", "-o", "site"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let changes = std::fs::read_to_string(root.join("site/handbook/1.3/changements.html")).unwrap();
    let errata = &changes[changes.find("id=\"errata\"").expect("an errata section")..];
    assert!(errata.contains("publiée au commit 45af33e698"), "{errata}");
    assert!(
        errata.contains("Technologies") && errata.contains("corrigé"),
        "{errata}"
    );
    let page =
        std::fs::read_to_string(root.join("site/handbook/1.3/angle-technologies.html")).unwrap();
    assert!(page.contains("Cette phrase corrige une coquille."));
    commit(&root, "Re-point 1.3 to its erratum");

    // The same label re-pointed to a commit that changes a weight: refused, at its line.
    propose_change(&root);
    let changed = commit(&root, "Not an erratum");
    edit(&root, "parcours.toml", &fixed, &changed);
    let out = parcours(&root, &["check"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    let line = std::fs::read_to_string(root.join("parcours.toml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("\"1.3\""))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("parcours.toml:{line}:"))
            && err.contains("dont le sens diffère de la version 1.3 publiée (45af33e698)"),
        "{err}"
    );
    assert!(
        err.contains("poids : 3 → 1") || err.contains("stationner.inventaire-places"),
        "{err}"
    );
}

#[test]
fn issue_18_the_review_script_of_the_ci_jobs_prints_the_markdown_against_the_target_branch() {
    let dir = TempDir::new("review-script");
    let root = clone_repo(&dir);
    let branch = Command::new("git")
        .current_dir(&root)
        .args(["branch", "cible"])
        .status()
        .unwrap();
    assert!(branch.success());
    propose_change(&root);
    let out = Command::new("bash")
        .current_dir(&root)
        .arg("tools/review.sh")
        .arg("cible")
        .env("PARCOURS_BIN", env!("CARGO_BIN_EXE_parcours"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let markdown = text(&out.stdout);
    assert!(
        markdown.starts_with("# Revue de la méthodologie : cible ("),
        "{markdown}"
    );
    assert!(markdown.contains("poids : 3 → 1"), "{markdown}");
    assert!(markdown.contains("| Namur 2025-06 | 1.1 |"), "{markdown}");
    // Both CI files call it against their target branch.
    for (file, call) in [
        (
            "github-revue-methodologie.yml",
            "tools/review.sh \"origin/${{ github.base_ref }}\"",
        ),
        (
            "gitlab-revue-methodologie.yml",
            "tools/review.sh \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"",
        ),
    ] {
        let job = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("docs/publishing")
                .join(file),
        )
        .unwrap();
        assert!(job.contains(call), "{file}");
    }
}
