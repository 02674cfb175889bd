//! The shape of `src/`: no import cycle among top-level modules, no file over 500 lines.
//!
//! The module graph is read from the sources themselves: every `use crate::…` and `crate::…::`
//! reference outside comments and string literals is an edge from the file's top-level module
//! (a folder and its `<name>.rs` count as one module) to the module it names. A name re-exported
//! by `lib.rs` (`pub use names::slugify`) counts as its module; other items of the crate root
//! (`crate::Options`) are the orchestrator's and are not a module. `main.rs` is a separate binary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be.
const MAX_LINES: usize = 500;

/// One reference from a file to a top-level module: (target, file, line).
type Edge = (String, String, usize);

/// Every `.rs` file under `dir`, as (path relative to the crate, text), sorted.
fn sources(dir: &Path, crate_root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, crate_root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(crate_root).unwrap_or(&path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).expect("UTF-8 source")));
        }
    }
}

/// The top-level module a file belongs to (`src/load/fs.rs` → `load`); `None` for the roots.
fn module_of(rel: &str) -> Option<String> {
    let inner = rel.strip_prefix("src/")?;
    let first = inner.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// Blanks comments and the inside of string and char literals, keeping line breaks, so that
/// `crate::` in a doc link or a message is not read as a reference.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep_lines = |s: &[char], out: &mut String| {
        for c in s {
            out.push(if *c == '\n' { '\n' } else { ' ' });
        }
    };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            let end = (i..b.len()).find(|&j| b[j] == '\n').unwrap_or(b.len());
            keep_lines(&b[i..end], &mut out);
            i = end;
        } else if c == '/' && next == Some('*') {
            let end = (i + 2..b.len().saturating_sub(1))
                .find(|&j| b[j] == '*' && b[j + 1] == '/')
                .map_or(b.len(), |j| j + 2);
            keep_lines(&b[i..end], &mut out);
            i = end;
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !ident_before(&b, i) {
            let hashes = b[i + 1..].iter().take_while(|&&h| h == '#').count();
            if b.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body_start = i + 2 + hashes;
            let rest: String = b[body_start..].iter().collect();
            let end = rest.find(&close).map_or(b.len(), |k| {
                body_start + rest[..k].chars().count() + close.len()
            });
            keep_lines(&b[i..end], &mut out);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != '"' {
                j += if b[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            keep_lines(&b[i..end], &mut out);
            i = end;
        } else if c == '\'' && char_literal_end(&b, i).is_some() {
            let end = char_literal_end(&b, i).unwrap_or(i + 1);
            keep_lines(&b[i..end], &mut out);
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Tells whether an identifier character stands right before `i` (`for` in `fr"`, not `r"`).
fn ident_before(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// The end of a char literal starting at `i` (`'a'`, `'\n'`, `'\u{feff}'`); `None` for a
/// lifetime.
fn char_literal_end(b: &[char], i: usize) -> Option<usize> {
    match (b.get(i + 1), b.get(i + 2)) {
        (Some('\\'), _) => (i + 2..b.len().min(i + 12))
            .find(|&j| b[j] == '\'')
            .map(|j| j + 1),
        (Some(_), Some('\'')) => Some(i + 3),
        _ => None,
    }
}

/// Names a reference at `rest` (the text right after `crate::`) leads to: one, or one per
/// branch of a `{…}` group.
fn targets(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident(rest)];
    };
    let mut depth = 0;
    let mut names = Vec::new();
    let mut start = 0;
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(ident(&group[start..k]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(ident(&group[start..k]));
                start = k + 1;
            }
            _ => {}
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Names re-exported by `lib.rs` (`pub use names::{is_slug, slugify};`) → their module.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for statement in code_only(lib).split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let path = path.trim().trim_start_matches("crate::");
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.split_whitespace().last().unwrap_or("");
            if !item.is_empty() {
                out.insert(item.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

/// The module graph of `files`: module → every edge leaving it.
fn graph(files: &[(String, String)]) -> BTreeMap<String, Vec<Edge>> {
    let modules: BTreeSet<String> = files.iter().filter_map(|(p, _)| module_of(p)).collect();
    let reexports = files
        .iter()
        .find(|(p, _)| p == "src/lib.rs")
        .map(|(_, text)| root_reexports(text))
        .unwrap_or_default();
    let mut out: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
    for (path, text) in files {
        let Some(from) = module_of(path) else {
            continue;
        };
        let code = code_only(text);
        for (index, line) in code.lines().enumerate() {
            for (at, _) in line.match_indices("crate::") {
                if at > 0 && line[..at].ends_with('$') {
                    continue;
                }
                for name in targets(&line[at + "crate::".len()..]) {
                    let to = match reexports.get(&name) {
                        Some(module) => module.clone(),
                        None => name,
                    };
                    if to != from && modules.contains(&to) {
                        out.entry(from.clone())
                            .or_default()
                            .push((to, path.clone(), index + 1));
                    }
                }
            }
        }
    }
    out
}

/// A cycle of the graph, as the edges that close it, when there is one.
fn find_cycle(graph: &BTreeMap<String, Vec<Edge>>) -> Option<Vec<(String, Edge)>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, Vec<Edge>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<(String, Edge)>,
        on_path: &mut Vec<String>,
    ) -> Option<Vec<(String, Edge)>> {
        if let Some(start) = on_path.iter().position(|n| n == node) {
            return Some(path[start..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        on_path.push(node.to_string());
        let mut seen = BTreeSet::new();
        for edge in graph.get(node).into_iter().flatten() {
            if !seen.insert(edge.0.clone()) {
                continue;
            }
            path.push((node.to_string(), edge.clone()));
            if let Some(cycle) = visit(&edge.0, graph, done, path, on_path) {
                return Some(cycle);
            }
            path.pop();
        }
        on_path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let found = visit(node, graph, &mut done, &mut Vec::new(), &mut Vec::new());
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Prints a cycle as `a → b (src/a.rs:3) → a (src/b.rs:9)`.
fn show(cycle: &[(String, Edge)]) -> String {
    let mut out = cycle
        .first()
        .map(|(from, _)| from.clone())
        .unwrap_or_default();
    for (_, (to, file, line)) in cycle {
        out.push_str(&format!(" → {to} ({file}:{line})"));
    }
    out
}

fn crate_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), root, &mut files);
    assert!(files.len() > 20, "src/ was read: {} files", files.len());
    files
}

#[test]
fn issue_12_no_import_cycle_among_top_level_modules() {
    let files = crate_sources();
    let graph = graph(&files);
    // The graph was really built: load reads the model, check reads load.
    assert!(graph["load"].iter().any(|(to, _, _)| to == "model"));
    assert!(graph["check"].iter().any(|(to, _, _)| to == "load"));
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle among top-level modules: {}", show(&cycle));
    }
}

/// The stages up to check, lowest first: a module never imports one of a later layer.
/// (`score`, `render`, the writers and the orchestrator sit above them all.)
const LAYERS: [&[&str]; 4] = [
    &[
        "names",
        "diagnostic",
        "format",
        "typo",
        "i18n",
        "markdown",
        "config",
    ],
    &["model"],
    &["load"],
    &["check"],
];

/// The layer of a module: its index in [`LAYERS`], or past the end for every later stage.
fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or(LAYERS.len())
}

#[test]
fn issue_12_lower_stages_never_import_a_later_stage() {
    let graph = graph(&crate_sources());
    let upward: Vec<String> = graph
        .iter()
        .filter(|(from, _)| layer(from) < LAYERS.len())
        .flat_map(|(from, edges)| {
            edges
                .iter()
                .filter(|(to, _, _)| layer(to) > layer(from))
                .map(move |(to, file, line)| format!("{from} → {to} ({file}:{line})"))
        })
        .collect();
    assert!(
        upward.is_empty(),
        "imports from a later stage: {}",
        upward.join(", ")
    );
}

#[test]
fn issue_12_no_source_file_over_500_lines() {
    let over: Vec<String> = crate_sources()
        .iter()
        .map(|(path, text)| (path, text.lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(path, n)| format!("{path} ({n} lines)"))
        .collect();
    assert!(
        over.is_empty(),
        "files over {MAX_LINES} lines: {}",
        over.join(", ")
    );
}

/// The checker itself: a two-file cycle is found and printed; comments and strings are not read.
#[test]
fn issue_12_the_cycle_check_finds_a_cycle_and_ignores_comments() {
    let files = vec![
        (
            "src/lib.rs".to_string(),
            "pub mod a;\npub use b::helper;\n".to_string(),
        ),
        (
            "src/a.rs".to_string(),
            "use crate::{b::X, c};\n// crate::d::y\nlet s = \"crate::d\";\n".to_string(),
        ),
        ("src/b/mod.rs".to_string(), "fn f() {}\n".to_string()),
        (
            "src/b/inner.rs".to_string(),
            "fn g() { crate::helper(); crate::a::z(); }\n".to_string(),
        ),
        (
            "src/c.rs".to_string(),
            "/* crate::a */ let c = 'x';\n".to_string(),
        ),
        ("src/d.rs".to_string(), String::new()),
    ];
    let graph = graph(&files);
    let targets_of = |m: &str| -> BTreeSet<String> {
        graph
            .get(m)
            .into_iter()
            .flatten()
            .map(|e| e.0.clone())
            .collect()
    };
    assert_eq!(targets_of("a"), BTreeSet::from(["b".into(), "c".into()]));
    assert_eq!(targets_of("b"), BTreeSet::from(["a".into()]));
    assert!(targets_of("c").is_empty());
    let cycle = find_cycle(&graph).expect("a → b → a is a cycle");
    assert_eq!(show(&cycle), "a → b (src/a.rs:1) → a (src/b/inner.rs:1)");
}
