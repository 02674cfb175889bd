//! Issue 7: the preview's incremental rebuild and the streamed `build` give the bytes of a full
//! in-memory build.

use std::collections::BTreeSet;
use std::path::Path;

use parcours::model::{Audit, AuditStatus, Commune};
use parcours::score::{self, median, Latest, PeerGroup, Peers, MIN_PEERS};

use crate::support::{copy_dir, Fixture};

/// The `minimal` fixture with five more communes: three peers of `valdor` (same intercommunale,
/// same typology) and two that are nobody's peer.
pub fn several_communes() -> Fixture {
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    let config = std::fs::read_to_string(root.join("parcours.toml")).unwrap();
    std::fs::write(
        root.join("parcours.toml"),
        format!("{config}\n[intercommunales.idelux]\nname = \"IDELUX\"\n"),
    )
    .unwrap();
    let peers = [
        ("alpha", "Alpha", "bep", "zones-rurales", 8000),
        ("beta", "Bêta", "bep", "zones-rurales", 5000),
        ("gamma", "Gamma", "bep", "zones-rurales", 3000),
        ("delta", "Delta", "idelux", "villes", 20000),
        ("epsilon", "Epsilon", "idelux", "villes", 30000),
    ];
    let valdor = root.join("communes/valdor");
    let identity = std::fs::read_to_string(valdor.join("commune.yaml")).unwrap();
    for (i, (slug, name, ic, degurba, population)) in peers.iter().enumerate() {
        let dir = root.join("communes").join(slug);
        copy_dir(&valdor, &dir, &[]);
        std::fs::remove_file(dir.join("audits/2025-09.yaml")).unwrap(); // latest is published
        let text = identity
            .replace("Val-d'Or", name)
            .replace("99001", &format!("9900{}", i + 2))
            .replace("intercommunale: bep", &format!("intercommunale: {ic}"))
            .replace("degurba: zones-rurales", &format!("degurba: {degurba}"))
            .replace("population: 8200", &format!("population: {population}"));
        std::fs::write(dir.join("commune.yaml"), text).unwrap();
    }
    fixture
}

/// Replaces the first `find` by `replace` in a file of the fixture.
pub fn edit(root: &Path, file: &str, find: &str, replace: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "`{find}` not in {file}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

fn options(root: &Path) -> parcours::Options {
    parcours::Options {
        root: root.to_path_buf(),
        drafts: true,
        ..Default::default()
    }
}

fn assert_same(actual: &parcours::site::Site, expected: &parcours::site::Site) {
    let a: BTreeSet<&String> = actual.keys().collect();
    let e: BTreeSet<&String> = expected.keys().collect();
    assert_eq!(
        a.difference(&e).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "pages only in the incremental site"
    );
    assert_eq!(
        e.difference(&a).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "pages missing from the incremental site"
    );
    for (path, bytes) in expected {
        assert!(actual[path] == *bytes, "{path} differs from a full build");
    }
}

#[test]
fn issue_7_incremental_rebuild_after_an_audit_edit_equals_a_full_build() {
    let fixture = several_communes();
    let root = &fixture.root;
    let mut site = parcours::build_site(&options(root))
        .unwrap()
        .site
        .expect("builds");
    let before = site.clone();

    edit(
        root,
        "communes/alpha/audits/2025-04.yaml",
        "score: 1",
        "score: 4",
    );
    let changed: BTreeSet<String> = ["alpha".to_string()].into();
    let mut previous = parcours::incremental::Previous::default(); // no earlier comparisons
    let (outcome, update) =
        parcours::incremental::rebuild(&options(root), &changed, &mut previous).unwrap();
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    let update = update.expect("an update");
    let rerendered: Vec<&str> = update.communes.iter().map(String::as_str).collect();
    assert_eq!(
        rerendered,
        ["alpha", "beta", "gamma", "valdor"],
        "without the previous comparisons: the commune and every commune of its peer groups"
    );
    update.apply(&mut site);

    let full = parcours::build_site(&options(root))
        .unwrap()
        .site
        .expect("builds");
    assert_same(&site, &full);
    // The edit reached a peer's report (peer medians), and the portal or another aggregate.
    assert!(before["communes/alpha/index.html"] != full["communes/alpha/index.html"]);
    assert!(before["communes/delta/index.html"] == full["communes/delta/index.html"]);
}

#[test]
fn issue_7_incremental_rebuild_renders_only_the_peers_whose_comparisons_moved() {
    let fixture = several_communes();
    let root = &fixture.root;
    let mut previous = parcours::incremental::Previous::default();
    let outcome = parcours::incremental::build(&options(root), &mut previous).unwrap();
    let mut site = outcome.site.expect("builds");
    let changed: BTreeSet<String> = ["alpha".to_string()].into();

    // A finding's wording: no score moves, so no peer is re-rendered.
    let file = "communes/alpha/audits/2025-04.yaml";
    edit(root, file, "Annuaire en ligne revu", "Annuaire revu");
    let (_, update) =
        parcours::incremental::rebuild(&options(root), &changed, &mut previous).unwrap();
    let update = update.expect("an update");
    assert_eq!(update.communes.iter().collect::<Vec<_>>(), ["alpha"]);
    update.apply(&mut site);
    assert_same(
        &site,
        &parcours::build_site(&options(root)).unwrap().site.unwrap(),
    );

    // A score: the peers whose medians or spreads moved are re-rendered too.
    edit(root, file, "score: 1", "score: 4");
    let (_, update) =
        parcours::incremental::rebuild(&options(root), &changed, &mut previous).unwrap();
    let update = update.expect("an update");
    assert!(
        update.communes.contains("alpha") && update.communes.len() > 1,
        "{:?}",
        update.communes
    );
    assert!(!update.communes.contains("delta"));
    update.apply(&mut site);
    assert_same(
        &site,
        &parcours::build_site(&options(root)).unwrap().site.unwrap(),
    );
}

#[test]
fn issue_7_incremental_rebuild_of_an_older_audit_and_a_draft_equals_a_full_build() {
    let fixture = several_communes();
    let root = &fixture.root;
    let mut previous = parcours::incremental::Previous::default();
    let outcome = parcours::incremental::build(&options(root), &mut previous).unwrap();
    let mut site = outcome.site.expect("builds");
    edit(
        root,
        "communes/valdor/audits/2024-03.yaml",
        "score: 1",
        "score: 3",
    );
    edit(
        root,
        "communes/valdor/audits/2025-09.yaml",
        "score: 2",
        "score: 0",
    );
    edit(
        root,
        "communes/delta/audits/2025-04.yaml",
        "score: 1",
        "score: 2",
    );
    let changed: BTreeSet<String> = ["valdor".to_string(), "delta".to_string()].into();
    let (_, update) =
        parcours::incremental::rebuild(&options(root), &changed, &mut previous).unwrap();
    update.expect("an update").apply(&mut site);
    let full = parcours::build_site(&options(root))
        .unwrap()
        .site
        .expect("builds");
    assert_same(&site, &full);
}

#[test]
fn issue_7_incremental_rebuild_reports_errors_like_a_full_build() {
    let fixture = several_communes();
    let root = &fixture.root;
    edit(
        root,
        "communes/beta/audits/2025-04.yaml",
        "score: 1",
        "score: 9",
    );
    let changed: BTreeSet<String> = ["beta".to_string()].into();
    let mut previous = parcours::incremental::Previous::default(); // no earlier comparisons
    let (outcome, update) =
        parcours::incremental::rebuild(&options(root), &changed, &mut previous).unwrap();
    assert!(update.is_none());
    let full = parcours::build_site(&options(root)).unwrap();
    let show = |o: &parcours::Outcome| {
        o.diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    };
    assert!(outcome.failed());
    assert_eq!(show(&outcome), show(&full));
}

#[test]
fn issue_7_streamed_build_writes_the_bytes_of_the_in_memory_build() {
    let fixture = several_communes();
    let root = &fixture.root;
    for drafts in [false, true] {
        let options = parcours::Options {
            drafts,
            ..options(root)
        };
        let expected = parcours::build_site(&options)
            .unwrap()
            .site
            .expect("builds");
        let outcome = parcours::build(&options).unwrap();
        assert!(!outcome.failed());
        assert_eq!(outcome.files, expected.len());
        let mut written = parcours::site::Site::new();
        read_folder(&outcome.output, &outcome.output, &mut written);
        // The writer adds its marker, which says parcours made the folder; the rest is the site.
        assert!(written.remove(parcours::output::MARKER).is_some());
        assert_same(&written, &expected);
    }
}

#[test]
fn issue_7_build_never_writes_the_preview_script() {
    let fixture = several_communes();
    let outcome = parcours::build(&options(&fixture.root)).unwrap();
    let mut written = parcours::site::Site::new();
    read_folder(&outcome.output, &outcome.output, &mut written);
    for (path, bytes) in &written {
        assert!(
            !String::from_utf8_lossy(bytes).contains("__parcours"),
            "{path} holds the preview's reload script"
        );
    }
}

fn read_folder(base: &Path, dir: &Path, out: &mut parcours::site::Site) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_folder(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// The definition of peers, written directly: every other commune's latest published audit
/// under the same version, in the same group.
fn peers_by_definition(
    model: &parcours::model::Model,
    latest: &[Latest<'_>],
    commune: &Commune,
    audit: &Audit,
    group: PeerGroup,
) -> Result<Peers, usize> {
    let m = &model.methodologies[&audit.methodology];
    let band = |c: &Commune| m.band_for(c.population).map(|b| b.id.clone());
    let peers: Vec<&Latest> = latest
        .iter()
        .filter(|l| l.commune.slug != commune.slug)
        .filter(|l| l.audit.methodology == audit.methodology)
        .filter(|l| l.audit.status == AuditStatus::Published)
        .filter(|l| match group {
            PeerGroup::Typology => {
                l.commune.degurba == commune.degurba && band(l.commune) == band(commune)
            }
            PeerGroup::Intercommunale => l.commune.intercommunale == commune.intercommunale,
        })
        .collect();
    if peers.len() < MIN_PEERS {
        return Err(peers.len());
    }
    let steps = (0..m.steps.len())
        .map(|i| {
            let mut values: Vec<f64> = peers.iter().filter_map(|p| p.card.steps[i].score).collect();
            values.sort_by(f64::total_cmp);
            let (first, last) = (values.first()?, values.last()?);
            Some((median(&values), *first, *last))
        })
        .collect();
    Ok(Peers {
        count: peers.len(),
        steps,
    })
}

#[test]
fn issue_7_indexed_peers_equal_the_definition() {
    let fixture = several_communes();
    let root = &fixture.root;
    // A fourth peer with a different first-step score, so medians and spreads move.
    copy_dir(
        &root.join("communes/beta"),
        &root.join("communes/zeta"),
        &[],
    );
    edit(
        root,
        "communes/zeta/audits/2025-04.yaml",
        "score: 3",
        "score: 1",
    );
    let mut shown = 0;
    for drafts in [false, true] {
        let (p, outcome) = parcours::prepare(&parcours::Options {
            drafts,
            ..options(root)
        })
        .unwrap();
        let p = p.unwrap_or_else(|| panic!("{:?}", outcome.diagnostics));
        let scored = score::score(&p.model, drafts);
        for cs in &scored.communes {
            for a in &cs.audits {
                let groups = [PeerGroup::Typology, PeerGroup::Intercommunale];
                for (indexed, group) in a.peers.iter().zip(groups) {
                    let direct =
                        peers_by_definition(&p.model, &scored.latest, cs.commune, a.audit, group);
                    assert_eq!(
                        *indexed, direct,
                        "{} {} {group:?}",
                        cs.commune.slug, a.audit.id
                    );
                    shown += usize::from(indexed.is_ok());
                }
            }
        }
    }
    assert!(shown > 10, "the fixture shows peers ({shown})");
}

#[test]
fn issue_16_an_edited_chapter_is_rendered_alone_and_equals_a_full_build() {
    use parcours::incremental::ChapterRebuild;
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    let mut previous = parcours::incremental::Previous::default();
    let outcome = parcours::incremental::build(&options(root), &mut previous).unwrap();
    let mut site = outcome.site.expect("builds");

    let path = root.join("content/handbook/glossaire.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nUne phrase de plus.\n")).unwrap();
    let rebuilt = parcours::incremental::rebuild_chapters(&options(root), &mut previous).unwrap();
    let ChapterRebuild::Done(outcome, Some(update)) = rebuilt else {
        panic!("a body edit is rebuilt alone");
    };
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    let pages: Vec<&str> = update.pages.keys().map(String::as_str).collect();
    assert!(
        pages.contains(&"handbook/latest/glossaire.html"),
        "{pages:?}"
    );
    assert!(
        pages.iter().all(|p| p.ends_with("/glossaire.html")),
        "{pages:?}"
    );
    update.apply(&mut site);
    let full = parcours::build_site(&options(root))
        .unwrap()
        .site
        .expect("builds");
    assert_same(&site, &full);
    assert!(
        String::from_utf8_lossy(&full["handbook/latest/glossaire.html"])
            .contains("Une phrase de plus")
    );

    // A new title changes every menu: a full build.
    let text = std::fs::read_to_string(root.join("content/handbook/glossaire.md")).unwrap();
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    edit(
        root,
        "content/handbook/glossaire.md",
        &title,
        "title: \"Lexique\"",
    );
    let rebuilt = parcours::incremental::rebuild_chapters(&options(root), &mut previous).unwrap();
    assert!(matches!(rebuilt, ChapterRebuild::Full));
}
