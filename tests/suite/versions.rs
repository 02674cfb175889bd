//! Methodology versions from Git (issue 6): temporary repositories with tagged releases and
//! releases named in `parcours.toml`, their handbooks, the switcher, the changelog, and reports
//! pinned to the version they were audited against.
//!
//! Each repository starts from the `minimal` fixture (version 1.0), then:
//! - 1.1 renames `stationner.capteurs` to `stationner.capteurs-rgpd` (`replaces:`), removes
//!   `stationner.agents`, adds `stationner.accueil` and `s-informer.reseaux`, weighs
//!   `s-informer.annuaire` 3 instead of 2; the 2025-04 audit moves to 1.1;
//! - 1.2 renames the step `stationner` to `se-garer`, and its criteria with it.

use std::path::Path;
use std::process::Command;

use crate::support::Fixture;

/// A fixture turned into a Git repository.
struct Repo {
    fixture: Fixture,
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

impl Repo {
    /// The minimal fixture, committed as the first commit of `main`.
    fn new() -> Repo {
        let repo = Repo {
            fixture: Fixture::new("minimal"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test parcours"]);
        repo.git(&["config", "user.email", "test@parcours.invalid"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo.git(&["config", "tag.gpgsign", "false"]);
        repo.commit("methodology 1.0");
        repo
    }

    fn root(&self) -> &Path {
        &self.fixture.root
    }

    fn git(&self, args: &[&str]) -> String {
        git(self.root(), args)
    }

    /// Commits everything and returns the commit's full hash.
    fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    fn tag(&self, name: &str) {
        self.git(&["tag", "-a", "-m", name, name]);
    }

    fn edit(&self, file: &str, edits: &[(&str, &str)]) {
        let path = self.root().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (find, replace) in edits {
            assert!(text.contains(find), "`{find}` not in {file}");
            text = text.replace(find, replace);
        }
        std::fs::write(path, text).unwrap();
    }

    /// Methodology 1.1 in the working tree, with the 2025-04 audit moved to it.
    fn make_1_1(&self) {
        self.edit(
            "content/methodology.yaml",
            &[
                ("version: \"1.0\"", "version: \"1.1\""),
                ("    weight: 2\n    sources: [annuaire-commerces]", "    weight: 3\n    sources: [annuaire-commerces]"),
                (
                    "  - id: stationner.agents\n    step: stationner\n    angle: rh\n    question: \"Des agents informent-ils sur le stationnement ?\"",
                    "  - id: s-informer.reseaux\n    step: s-informer\n    angle: rh\n    question: \"Un agent anime-t-il les réseaux sociaux du centre ?\"\n    levels: [\"Non.\", \"Rarement.\", \"Parfois.\", \"Chaque semaine.\", \"Chaque jour.\"]\n    weight: 1\n  - id: stationner.accueil\n    step: stationner\n    angle: rh\n    question: \"Un accueil renseigne-t-il sur les parkings ?\"",
                ),
                ("  - id: stationner.capteurs\n", "  - id: stationner.capteurs-rgpd\n    replaces: stationner.capteurs\n"),
                ("criterion: stationner.capteurs, max_level: 2", "criterion: stationner.capteurs-rgpd, max_level: 1"),
            ],
        );
        self.edit(
            "communes/valdor/audits/2025-04.yaml",
            &[
                ("methodology: \"1.0\"", "methodology: \"1.1\""),
                ("stationner.capteurs, score: 1", "stationner.capteurs-rgpd, score: 1"),
                ("stationner.agents, score: 2 }", "stationner.accueil, score: 2 }\n  - { criterion: s-informer.reseaux, score: 3 }"),
            ],
        );
    }

    /// Methodology 1.2 in the working tree: the step `stationner` becomes `se-garer`.
    fn make_1_2(&self) {
        self.edit(
            "content/methodology.yaml",
            &[
                ("version: \"1.1\"", "version: \"1.2\""),
                ("    replaces: stationner.capteurs\n", ""),
                (
                    "  - id: stationner\n",
                    "  - id: se-garer\n    replaces: stationner\n",
                ),
                ("step: stationner\n", "step: se-garer\n"),
                ("[stationner]", "[se-garer]"),
                (
                    "  - id: stationner.capteurs-rgpd\n",
                    "  - id: se-garer.capteurs-rgpd\n    replaces: stationner.capteurs-rgpd\n",
                ),
                (
                    "  - id: stationner.accueil\n",
                    "  - id: se-garer.accueil\n    replaces: stationner.accueil\n",
                ),
                (
                    "criterion: stationner.capteurs-rgpd",
                    "criterion: se-garer.capteurs-rgpd",
                ),
            ],
        );
    }

    /// Three tagged versions: 1.0, 1.1 and 1.2 (the working tree is 1.2, nothing unreleased).
    fn three_tags() -> Repo {
        let repo = Repo::new();
        repo.tag("methodologie-v1.0");
        repo.make_1_1();
        repo.commit("methodology 1.1");
        repo.tag("methodologie-v1.1");
        repo.make_1_2();
        repo.commit("methodology 1.2");
        repo.tag("methodologie-v1.2");
        repo
    }

    fn outcome(&self, drafts: bool) -> parcours::Outcome {
        parcours::build_site(&parcours::Options {
            root: self.root().to_path_buf(),
            drafts,
            ..Default::default()
        })
        .expect("no I/O error")
    }

    fn site(&self, drafts: bool) -> parcours::site::Site {
        let outcome = self.outcome(drafts);
        let errors: Vec<String> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        outcome
            .site
            .unwrap_or_else(|| panic!("the build failed:\n{}", errors.join("\n")))
    }
}

fn page(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

fn errors(outcome: &parcours::Outcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn every_tagged_version_gets_its_handbook_and_latest_is_the_newest() {
    let repo = Repo::three_tags();
    let site = repo.site(false);
    for v in ["1.0", "1.1", "1.2", "latest"] {
        assert!(
            site.contains_key(&format!("handbook/{v}/index.html")),
            "no handbook/{v}/"
        );
    }
    assert!(site.contains_key("handbook/1.0/criteres/stationner.agents.html"));
    assert!(!site.contains_key("handbook/1.1/criteres/stationner.agents.html"));
    assert!(site.contains_key("handbook/1.1/criteres/stationner.capteurs-rgpd.html"));
    assert!(site.contains_key("handbook/1.2/etapes/se-garer.html"));
    assert_eq!(
        page(&site, "handbook/latest/index.html"),
        page(&site, "handbook/1.2/index.html")
    );
    assert!(site.contains_key("handbook/latest/criteres/se-garer.capteurs-rgpd.html"));
    // The working tree is still on main, untouched: reading tags needs no checkout.
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    // The note says where the versions came from.
    let notes = repo.outcome(false).notes.join("\n");
    assert!(
        notes.contains("étiquette methodologie-v1.0")
            && notes.contains("1.2 (étiquette methodologie-v1.2)"),
        "{notes}"
    );
}

#[test]
fn switcher_goes_to_the_same_page_in_the_other_version_or_to_its_home() {
    let site = Repo::three_tags().site(false);
    let kept = page(&site, "handbook/1.2/criteres/s-informer.annuaire.html");
    assert!(
        kept.contains("href=\"../../1.0/criteres/s-informer.annuaire.html\""),
        "same page in 1.0"
    );
    assert!(
        kept.contains("href=\"../../1.1/criteres/s-informer.annuaire.html\""),
        "same page in 1.1"
    );
    let renamed = page(&site, "handbook/1.2/criteres/se-garer.capteurs-rgpd.html");
    assert!(
        renamed.contains("href=\"../../1.0/index.html\""),
        "home of 1.0 when the page does not exist there"
    );
    assert!(!renamed.contains("1.0/criteres/se-garer"));
    let changelog = page(&site, "handbook/1.0/changements.html");
    assert!(
        changelog.contains("href=\"../1.2/changements.html\""),
        "every version has a changelog page"
    );
}

#[test]
fn changelog_page_lists_renames_additions_removals_and_weights() {
    let site = Repo::three_tags().site(false);
    let c11 = page(&site, "handbook/1.1/changements.html");
    for needle in [
        "renommage\u{202f}: <code>stationner.capteurs</code> → <code>stationner.capteurs-rgpd</code>",
        "ajout\u{202f}: <code>s-informer.reseaux</code>",
        "ajout\u{202f}: <code>stationner.accueil</code>",
        "suppression\u{202f}: <code>stationner.agents</code>",
        "poids\u{202f}: 2 → 3",
        "déclencheurs\u{202f}: <code>stationner.capteurs-rgpd</code> ≤ 2 → <code>stationner.capteurs-rgpd</code> ≤ 1",
    ] {
        assert!(c11.contains(needle), "1.1 changelog lacks {needle}");
    }
    // A removed criterion links to its page in the older version.
    assert!(c11.contains("href=\"../1.0/criteres/stationner.agents.html\""));
    let c12 = page(&site, "handbook/1.2/changements.html");
    assert!(
        c12.contains("renommage\u{202f}: <code>stationner</code> → <code>se-garer</code>"),
        "step rename"
    );
    // The criteria followed their step: no "étape :" change is reported for them.
    assert!(!c12.contains("étape :"));
    assert!(page(&site, "handbook/1.0/changements.html").contains("Première version publiée"));
    // The handbook nav links to it.
    assert!(page(&site, "handbook/1.1/index.html").contains("href=\"changements.html\""));
}

#[test]
fn reports_are_scored_and_linked_against_their_own_version() {
    let repo = Repo::new();
    repo.tag("methodologie-v1.0");
    repo.make_1_1();
    repo.commit("methodology 1.1");
    repo.tag("methodologie-v1.1");
    let site = repo.site(false);
    let latest = page(&site, "communes/valdor/index.html");
    assert!(
        latest.contains("href=\"../../handbook/1.1/index.html\""),
        "the 1.1 audit links to the 1.1 handbook"
    );
    // s-informer under 1.1: (3×75 + 1×50 + 1×75) / 5 = 70; under 1.0's weights it would be 67.
    assert!(latest.contains("<span class=\"num\">70</span>"));
    assert!(latest.contains("stationner.capteurs-rgpd.html"));
    assert!(
        !latest.contains("id=\"nouvelle-version\""),
        "nothing newer than 1.1"
    );

    let earlier = page(&site, "communes/valdor/2024-03/index.html");
    assert!(
        earlier.contains("href=\"../../../handbook/1.0/index.html\""),
        "the 1.0 audit links to the 1.0 handbook"
    );
    assert!(
        earlier.contains("Des agents informent-ils sur le stationnement\u{202f}?"),
        "scored against 1.0's criteria"
    );
    let newer = &earlier[earlier
        .find("id=\"nouvelle-version\"")
        .expect("says a newer version exists")..];
    let newer = &newer[..newer.find("</section>").unwrap()];
    assert!(
        newer.contains("stationner.capteurs-rgpd"),
        "the renamed criterion"
    );
    assert!(
        newer.contains("stationner.agents.html\">Des agents informent-ils sur le stationnement\u{202f}?</a>\u{202f}: supprimé"),
        "the removed criterion"
    );
    assert!(newer.contains("poids\u{202f}: 2 → 3"));
    assert!(
        newer.contains("s-informer.reseaux") && newer.contains("stationner.accueil"),
        "new criteria to answer"
    );
    assert!(newer.contains("href=\"../../../handbook/1.1/changements.html\""));
}

#[test]
fn answers_are_followed_across_three_versions() {
    let site = Repo::three_tags().site(false);
    let earlier = page(&site, "communes/valdor/2024-03/index.html");
    let newer = &earlier[earlier.find("id=\"nouvelle-version\"").unwrap()..];
    assert!(
        newer.contains("se-garer.capteurs-rgpd"),
        "1.0 → 1.1 → 1.2 renames are chained"
    );
    assert!(
        newer.contains("se-garer.accueil"),
        "added in 1.1, renamed in 1.2: still new"
    );
    let latest = page(&site, "communes/valdor/index.html");
    assert!(latest.contains("Une version plus récente de la méthodologie existe (1.2)"));
}

#[test]
fn draft_methodology_is_published_only_with_drafts_and_a_banner() {
    let repo = Repo::new();
    repo.tag("methodologie-v1.0");
    repo.make_1_1();
    // 1.1 is not committed: it is the draft, and so is the audit made against it.
    let outcome = repo.outcome(false);
    assert!(errors(&outcome).is_empty(), "{:?}", errors(&outcome));
    assert!(
        outcome
            .notes
            .iter()
            .any(|n| n.contains("brouillon (copie de travail) : 1.1")),
        "{:?}",
        outcome.notes
    );
    assert!(outcome
        .diagnostics
        .iter()
        .any(|d| d.path.ends_with("2025-04.yaml") && d.message.contains("pas encore publiée")));
    let site = outcome.site.unwrap();
    assert!(!site.keys().any(|p| p.starts_with("handbook/1.1/")));
    assert_eq!(
        page(&site, "handbook/latest/index.html"),
        page(&site, "handbook/1.0/index.html")
    );
    assert!(
        page(&site, "communes/valdor/index.html").contains("12 mars 2024"),
        "the 1.1 audit waits for its release"
    );

    let drafts = repo.site(true);
    let home = page(&drafts, "handbook/1.1/index.html");
    assert!(home.contains("banner-draft"));
    assert!(page(&drafts, "handbook/1.1/changements.html")
        .contains("suppression\u{202f}: <code>stationner.agents</code>"));
    assert_eq!(
        page(&drafts, "handbook/latest/index.html"),
        page(&drafts, "handbook/1.0/index.html"),
        "latest is released only"
    );
}

#[test]
fn releases_can_be_commits_of_main_named_in_parcours_toml() {
    let repo = Repo::new();
    let v10 = repo.git(&["rev-parse", "HEAD"]);
    repo.make_1_1();
    let v11 = repo.commit("methodology 1.1");
    let config = std::fs::read_to_string(repo.root().join("parcours.toml")).unwrap();
    let short = &v11[..10];
    std::fs::write(
        repo.root().join("parcours.toml"),
        format!("{config}\n[versions]\n\"1.0\" = \"{v10}\"\n\"1.1\" = \"{short}\"\n"),
    )
    .unwrap();
    repo.commit("release 1.0 and 1.1");
    let site = repo.site(false);
    assert!(site.contains_key("handbook/1.0/criteres/stationner.agents.html"));
    assert!(site.contains_key("handbook/1.1/criteres/stationner.capteurs-rgpd.html"));
    assert_eq!(
        page(&site, "handbook/latest/index.html"),
        page(&site, "handbook/1.1/index.html")
    );
    // Same repository cloned elsewhere (without tags, which do not matter here): same bytes.
    let clone = crate::support::TempDir::new("clone");
    git(
        &clone.0,
        &[
            "clone",
            "-q",
            "--no-tags",
            repo.root().to_str().unwrap(),
            "repo",
        ],
    );
    let other = parcours::build_site(&parcours::Options {
        root: clone.0.join("repo"),
        ..Default::default()
    })
    .unwrap()
    .site
    .expect("the clone builds");
    assert!(other == site, "a clone builds the same site");
}

#[test]
fn unknown_version_lists_the_known_ones_and_how_to_fetch_tags() {
    let repo = Repo::new();
    repo.tag("methodologie-v1.0");
    repo.edit(
        "communes/valdor/audits/2024-03.yaml",
        &[("methodology: \"1.0\"", "methodology: \"1.5\"")],
    );
    let outcome = repo.outcome(false);
    let errors = errors(&outcome);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with(
        "communes/valdor/audits/2024-03.yaml:1:14: erreur: version de méthodologie inconnue `1.5`"
    ));
    assert!(
        errors[0].contains("versions connues : 1.0"),
        "{}",
        errors[0]
    );

    // Without any tag, the help also says how to fetch them.
    repo.git(&["tag", "-d", "methodologie-v1.0"]);
    let errors: Vec<String> = self::errors(&repo.outcome(false));
    assert!(errors[0].contains("git fetch --tags"), "{}", errors[0]);
}

#[test]
fn shallow_clone_says_the_git_command_that_fixes_it() {
    let repo = Repo::new();
    let v10 = repo.git(&["rev-parse", "HEAD"]);
    repo.make_1_1();
    repo.commit("methodology 1.1");
    let config = std::fs::read_to_string(repo.root().join("parcours.toml")).unwrap();
    std::fs::write(
        repo.root().join("parcours.toml"),
        format!("{config}\n[versions]\n\"1.0\" = \"{v10}\"\n"),
    )
    .unwrap();
    repo.commit("release 1.0");
    let clone = crate::support::TempDir::new("shallow");
    let url = format!("file://{}", repo.root().display());
    git(&clone.0, &["clone", "-q", "--depth", "1", &url, "repo"]);
    let outcome = parcours::build_site(&parcours::Options {
        root: clone.0.join("repo"),
        ..Default::default()
    })
    .unwrap();
    let errors = errors(&outcome);
    assert!(outcome.site.is_none());
    assert!(
        outcome.notes.iter().any(|n| n.contains("n'a pu être lue")),
        "{:?}",
        outcome.notes
    );
    let first = errors
        .iter()
        .find(|e| e.starts_with("parcours.toml:"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(
        first.contains(&format!("`{v10}` introuvable pour la version 1.0")),
        "{first}"
    );
    assert!(first.contains("git fetch --unshallow --tags"), "{first}");
    // The command does fix it.
    git(
        &clone.0.join("repo"),
        &["fetch", "-q", "--unshallow", "--tags"],
    );
    let fixed = parcours::build_site(&parcours::Options {
        root: clone.0.join("repo"),
        ..Default::default()
    })
    .unwrap();
    assert!(fixed.site.is_some(), "{:?}", self::errors(&fixed));
}

#[test]
fn a_tag_whose_content_does_not_validate_is_named_in_every_diagnostic() {
    let repo = Repo::new();
    repo.edit(
        "content/methodology.yaml",
        &[
            ("version: \"1.0\"", "version: \"0.9\""),
            ("weight: 3", "weight: 0"),
            (
                "criterion: s-informer.annuaire, max_level: 1",
                "criterion: s-informer.annuair, max_level: 1",
            ),
        ],
    );
    repo.commit("broken 0.9");
    repo.tag("methodologie-v0.9");
    repo.git(&["revert", "--no-edit", "HEAD"]);
    let outcome = repo.outcome(false);
    let errors = errors(&outcome);
    assert_eq!(errors.len(), 2, "{errors:?}");
    for e in &errors {
        assert!(
            e.starts_with("methodologie-v0.9:content/methodology.yaml:"),
            "{e}"
        );
    }
    assert!(outcome.site.is_none());
}

#[test]
fn a_tag_on_the_wrong_commit_is_an_error() {
    let repo = Repo::new();
    repo.tag("methodologie-v2.0");
    let errors = errors(&repo.outcome(false));
    assert!(errors.iter().any(|e| e.starts_with("methodologie-v2.0:content/methodology.yaml: erreur: cette référence publie la version 2.0")), "{errors:?}");
}

#[test]
fn changing_the_meaning_of_a_released_version_without_a_new_number_is_an_error() {
    let repo = Repo::new();
    repo.tag("methodologie-v1.0");
    repo.edit("content/methodology.yaml", &[("weight: 3", "weight: 2")]);
    let outcome = repo.outcome(false);
    let error = outcome
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(
        error
            .message
            .contains("change le sens de la version publiée 1.0 sans changer de numéro")
            && (error.path.as_str(), error.line) == ("content/methodology.yaml", 1),
        "{:?}",
        outcome.diagnostics
    );
    assert!(error
        .help
        .as_deref()
        .unwrap_or("")
        .contains("version: \"1.1\""));
    assert!(outcome.site.is_none(), "nothing is built");
}

#[test]
fn outside_git_the_working_tree_is_the_only_version_and_the_build_says_so() {
    let outcome = Fixture::new("minimal").build();
    assert!(
        outcome
            .notes
            .iter()
            .any(|n| n.contains("hors d'un dépôt Git")),
        "{:?}",
        outcome.notes
    );
    let site = outcome.site.unwrap();
    assert!(
        site.contains_key("handbook/1.0/index.html")
            && site.contains_key("handbook/latest/index.html")
    );
}

#[test]
fn diff_command_prints_the_same_changes_as_the_page() {
    let repo = Repo::three_tags();
    let out = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args([
            "--root",
            repo.root().to_str().unwrap(),
            "diff",
            "1.0",
            "latest",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Méthodologie 1.0 → 1.1\n"), "{text}");
    assert!(text.contains("Méthodologie 1.1 → 1.2"));
    assert!(text.contains("renommage : `stationner.capteurs` → `stationner.capteurs-rgpd`"));
    assert!(text.contains("renommage : `stationner` → `se-garer`"));
    assert!(text.contains("poids : 2 → 3"));
    let wrong = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args([
            "--root",
            repo.root().to_str().unwrap(),
            "diff",
            "1.0",
            "3.0",
        ])
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        err.contains("`3.0` n'est ni une version publiée")
            && err.contains("versions publiées : 1.0, 1.1, 1.2"),
        "{err}"
    );
}

#[test]
fn the_site_may_live_in_a_subfolder_of_the_repository_and_tags_may_be_lightweight() {
    let fixture = Fixture::new("minimal");
    let outer = fixture.root.parent().unwrap().to_path_buf();
    std::fs::write(outer.join("LISEZMOI.md"), "Le site est dans repo/.\n").unwrap();
    git(&outer, &["init", "-q", "-b", "main"]);
    git(&outer, &["config", "user.name", "Test parcours"]);
    git(&outer, &["config", "user.email", "test@parcours.invalid"]);
    git(&outer, &["config", "commit.gpgsign", "false"]);
    git(&outer, &["add", "-A"]);
    git(&outer, &["commit", "-q", "-m", "1.0"]);
    git(&outer, &["tag", "methodologie-v1.0"]);
    let repo = Repo { fixture };
    repo.make_1_1();
    let outcome = repo.outcome(false);
    assert!(
        outcome
            .notes
            .iter()
            .any(|n| n.contains("1.0 (étiquette methodologie-v1.0)")),
        "{:?}",
        outcome.notes
    );
    let site = outcome.site.expect("builds");
    assert!(
        site.contains_key("handbook/1.0/criteres/stationner.agents.html"),
        "1.0 read from repo/content/ in the tag"
    );
    assert!(
        !site.contains_key("handbook/1.1/index.html"),
        "1.1 is the draft"
    );
}

/// Issue 11 (redteam D10): the unreleased methodology's action names never reach the territory
/// pages of a build without `--drafts`; with `--drafts` they do, and the pages say so.
#[test]
fn draft_action_names_stay_out_of_aggregates_without_drafts() {
    let repo = Repo::new();
    // The published audit and the later draft both plan the action.
    for audit in ["2025-04", "2025-09"] {
        let path = repo
            .root()
            .join(format!("communes/valdor/audits/{audit}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            format!("{text}plan:\n  - action: aipd-capteurs\n    criteria: [stationner.capteurs]\n    owner: \"DPO\"\n    status: planned\n    start: 2025-Q2\n    end: 2025-Q3\n"),
        )
        .unwrap();
    }
    repo.commit("a plan");
    repo.tag("methodologie-v1.0");
    repo.edit(
        "content/methodology.yaml",
        &[
            ("version: \"1.0\"", "version: \"1.1\""),
            (
                "name: \"Réaliser l'AIPD des capteurs\"",
                "name: \"NOM NON PUBLIE\"",
            ),
        ],
    );
    let site = repo.site(false);
    let leaks: Vec<&String> = site
        .iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains("NOM NON PUBLIE"))
        .map(|(p, _)| p)
        .collect();
    assert!(
        leaks.is_empty(),
        "the draft's action name leaked into {leaks:?}"
    );
    let region = page(&site, "region/index.html");
    assert!(region.contains("AIPD des capteurs"), "{region}");
    let drafts = repo.site(true);
    let region = page(&drafts, "region/index.html");
    assert!(region.contains("NOM NON PUBLIE"), "{region}");
    assert!(region.contains("1 audit(s) en brouillon"), "{region}");
}
