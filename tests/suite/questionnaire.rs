//! Issue 15, part 1: the audit questionnaire of each methodology version
//! (`handbook/<version>/questionnaire.html`) and its one script.

use std::path::Path;

use crate::support::Fixture;

/// The policy of the questionnaire: the site's, with `script-src 'self'` for its own script.
const POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">";

fn page(site: &parcours::site::Site, path: &str) -> String {
    String::from_utf8(
        site.get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

/// The text of `html` as a reader sees it: tags dropped, entities decoded, spaces plain.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace(['\u{202f}', '\u{a0}'], " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words(text: &str) -> String {
    text.replace(['\u{202f}', '\u{a0}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_published_version_has_a_questionnaire_with_every_criterion_and_level() {
    let options = parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        ..Default::default()
    };
    let (prepared, _) = parcours::prepare(&options).unwrap();
    let model = prepared.expect("the demo checks").model;
    let site = parcours::build_site(&options).unwrap().site.unwrap();
    let published: Vec<&String> = model
        .order
        .iter()
        .filter(|v| Some(*v) != model.draft.as_ref())
        .collect();
    assert!(published.len() >= 4, "{published:?}");
    for version in published {
        let m = &model.methodologies[version];
        let html = page(&site, &format!("handbook/{version}/questionnaire.html"));
        assert_eq!(
            html.matches("<fieldset class=\"quest-criterion\"").count(),
            m.criteria.len(),
            "{version}"
        );
        assert!(html.contains(&format!("data-version=\"{version}\"")));
        for c in &m.criteria {
            let at = html
                .find(&format!("id=\"q-{}\" data-criterion=\"{}\"", c.id, c.id))
                .unwrap_or_else(|| panic!("{version}: no fieldset for {}", c.id));
            let end = at + html[at..].find("</fieldset>\n  ").expect("closed");
            let fieldset = &html[at..end];
            let text = plain(fieldset);
            assert!(text.contains(&words(&c.question)), "{version} {}", c.id);
            for (i, d) in c.levels.iter().enumerate() {
                assert!(
                    fieldset.contains(&format!(
                        "id=\"q-{}-{i}\" name=\"score:{}\" value=\"{i}\"",
                        c.id, c.id
                    )),
                    "{version} {} level {i}",
                    c.id
                );
                assert!(
                    text.contains(&words(d)),
                    "{version} {} level {i}: {d}",
                    c.id
                );
                assert!(text.contains(&words(&m.scale.levels[i].label)));
            }
            for value in ["na", "inconnu"] {
                assert!(fieldset.contains(&format!("value=\"{value}\"")), "{}", c.id);
            }
            assert!(
                fieldset.contains(&format!(
                    "id=\"q-{}-a-repondre\" name=\"score:{}\" value=\"a-repondre\" checked",
                    c.id, c.id
                )),
                "not yet answered is the default: {}",
                c.id
            );
            assert!(fieldset.contains(&format!("<textarea id=\"q-{}-evidence\"", c.id)));
            assert_eq!(
                fieldset.contains("data-light=\"true\""),
                c.light,
                "{version} {}",
                c.id
            );
            for s in &c.sources {
                assert!(
                    fieldset.contains(&format!("value=\"{s}\"")),
                    "{version} {} {s}",
                    c.id
                );
            }
        }
        let has_light = m.criteria.iter().any(|c| c.light);
        assert_eq!(
            html.contains("id=\"q-track-light\""),
            has_light,
            "{version}"
        );
        // The 261 Walloon communes are offered, the repository's first.
        assert!(html.matches("<option value=\"").count() >= parcours::WALLOON_COMMUNES);
        let repo = html.find("Communes du dépôt").expect("repository group");
        let walloon = html
            .find("Autres communes wallonnes")
            .expect("Statbel group");
        assert!(repo < walloon);
        assert!(html[repo..walloon]
            .contains("<option value=\"havelange\">Havelange (91064, Namur)</option>"));
        assert!(
            html[walloon..].contains("<option value=\"andenne\">Andenne (92003, Namur)</option>")
        );
    }
    assert_eq!(
        site["handbook/latest/questionnaire.html"],
        site[&format!("handbook/{}/questionnaire.html", model.latest())]
    );
}

#[test]
fn the_questionnaire_alone_may_run_a_script_its_own() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let js = String::from_utf8(site["static/questionnaire.js"].clone()).unwrap();
    assert!(js.contains("parseYaml") && js.contains("localStorage"));
    // What the script may not do: load, send, evaluate or write markup as text.
    for banned in [
        "fetch(",
        "XMLHttpRequest",
        "eval(",
        "new Function",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "http://",
        "https://",
        "import(",
        "sendBeacon",
        "WebSocket",
        "setAttribute(\"style\"",
    ] {
        assert!(!js.contains(banned), "questionnaire.js uses {banned}");
    }
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let head = &html[..html.find("</head>").unwrap()];
        if path.ends_with("/questionnaire.html") {
            assert!(head.contains(POLICY), "{path}");
            assert_eq!(html.matches("<script").count(), 1, "{path}");
            assert!(head.contains("<script src=\"../../static/questionnaire.js\" defer></script>"));
        } else {
            assert!(head.contains("script-src 'none'"), "{path}");
            assert!(!html.contains("<script"), "{path} has a script");
        }
    }
}

#[test]
fn the_questionnaire_is_linked_from_the_portal_the_handbook_and_its_menu() {
    let site = Fixture::new("minimal").build().site.expect("builds");
    let portal = page(&site, "index.html");
    assert!(portal.contains("href=\"handbook/latest/questionnaire.html\""));
    let home = page(&site, "handbook/1.0/index.html");
    assert!(home.contains("<a href=\"questionnaire.html\">"));
    let criterion = page(&site, "handbook/1.0/criteres/s-informer.annuaire.html");
    assert!(criterion.contains("href=\"../questionnaire.html\">Questionnaire d&#39;audit</a>"));
    let q = page(&site, "handbook/1.0/questionnaire.html");
    // The version switcher keeps the reader on the questionnaire, and the script and
    // stylesheet are found from the page's folder.
    assert!(q.contains("href=\"../../static/style.css\""));
    assert!(q.contains("<a href=\"criteres/s-informer.annuaire.html\">"));
}
