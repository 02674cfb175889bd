//! Fixture helper and golden comparison.
//!
//! `Fixture::new("minimal")` copies `tests/fixtures/minimal` into a fresh temporary folder.
//! Invalid cases live in `tests/fixtures/invalid/<case>/`: they start from `minimal`, then apply
//! `case.toml` (text edits and deletions) and overlay any other files they hold. Goldens are
//! compared byte for byte; `GOLDEN=overwrite cargo test` rewrites them for review as a diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the fixtures live.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A miniature repository copied into a temporary folder.
pub struct Fixture {
    pub root: PathBuf,
    _dir: TempDir,
}

/// A temporary folder removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("parcours-test-{}-{label}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(default)]
    edit: Vec<Edit>,
    #[serde(default)]
    delete: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
}

impl Fixture {
    /// Copies a fixture (by folder name under `tests/fixtures`) into a temporary folder.
    pub fn new(name: &str) -> Fixture {
        let dir = TempDir::new(&name.replace('/', "-"));
        let root = dir.0.join("repo");
        copy_dir(&fixtures().join(name), &root, &["expected"]);
        Fixture { root, _dir: dir }
    }

    /// Builds an invalid case: `minimal`, then the case's edits, deletions and overlaid files.
    pub fn invalid(case: &str) -> Fixture {
        let fixture = Fixture::new("minimal");
        let case_dir = fixtures().join("invalid").join(case);
        let spec: Case = match std::fs::read_to_string(case_dir.join("case.toml")) {
            Ok(text) => toml::from_str(&text).expect("case.toml parses"),
            Err(_) => Case::default(),
        };
        for e in spec.edit {
            let path = fixture.root.join(&e.file);
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                text.contains(&e.find),
                "{case}: `{}` not found in {}",
                e.find,
                e.file
            );
            std::fs::write(&path, text.replacen(&e.find, &e.replace, 1)).unwrap();
        }
        for d in spec.delete {
            let path = fixture.root.join(d);
            if path.is_dir() {
                std::fs::remove_dir_all(path).unwrap();
            } else {
                std::fs::remove_file(path).unwrap();
            }
        }
        copy_dir(&case_dir, &fixture.root, &["expected", "case.toml"]);
        fixture
    }

    /// Runs the pipeline in memory.
    pub fn build(&self) -> parcours::Outcome {
        parcours::build_site(&parcours::Options {
            root: self.root.clone(),
            ..Default::default()
        })
        .expect("no I/O error")
    }

    /// Renders the diagnostics as `parcours check` prints them.
    pub fn diagnostics(&self) -> String {
        let mut outcome = self.build();
        let root = &self.root;
        parcours::diagnostic::attach_sources(&mut outcome.diagnostics, &|path| {
            std::fs::read_to_string(root.join(path)).ok()
        });
        let mut out = String::new();
        for d in &outcome.diagnostics {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        out
    }
}

/// Copies a folder recursively, skipping top-level names in `skip`.
pub fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target, &[]);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Tells whether goldens should be rewritten instead of compared.
pub fn overwrite() -> bool {
    std::env::var("GOLDEN").is_ok_and(|v| v == "overwrite")
}

/// Compares `actual` with the golden file at `path` (or rewrites it), showing a line diff.
pub fn assert_golden(path: &Path, actual: &str) {
    if overwrite() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden {} (run GOLDEN=overwrite cargo test)",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "golden mismatch: {}\n{}\n(run GOLDEN=overwrite cargo test and review the diff)",
            path.display(),
            line_diff(&expected, actual)
        );
    }
}

/// A minimal line diff: the first differing lines with context.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let mut out = String::new();
    for line in e.iter().skip(first).take(8) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in a.iter().skip(first).take(8) {
        out.push_str(&format!("+ {line}\n"));
    }
    format!("first difference at line {}:\n{out}", first + 1)
}

/// Returns what is inside `<main …>…</main>` of a page.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>");
    html[start..end + "</main>".len()].to_string()
}

/// Compares `pages` of a built site with `tests/fixtures/<name>/expected/`: HTML pages by their
/// `<main>`, pages named `full/…` whole. Fails on a mismatch, a missing page or an unused golden.
pub fn assert_site_goldens(name: &str, site: &BTreeMap<String, Vec<u8>>, pages: &[&str]) {
    let expected_dir = fixtures().join(name).join("expected");
    for rel in pages {
        let (page, whole) = match rel.strip_prefix("full/") {
            Some(p) => (p, true),
            None => (*rel, false),
        };
        let bytes = site
            .get(page)
            .unwrap_or_else(|| panic!("the build did not produce {page}"));
        let text = String::from_utf8(bytes.clone()).unwrap();
        let actual = if whole || !page.ends_with(".html") {
            text
        } else {
            main_of(&text)
        };
        assert_golden(&expected_dir.join(rel), &actual);
    }
    let mut goldens = Vec::new();
    collect(&expected_dir, &expected_dir, &mut goldens);
    for g in goldens {
        assert!(
            g == "diagnostics.txt" || pages.contains(&g.as_str()),
            "unused golden {g} in {}: delete it or pin its page",
            expected_dir.display()
        );
    }
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            out.push(
                path.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}
