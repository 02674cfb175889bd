use super::*;

fn resolve(scheme: &str, id: &str) -> Option<String> {
    (id != "missing").then(|| format!("{scheme}/{id}.html"))
}

#[test]
fn resolves_link_schemes() {
    let html = to_html("[le critère](critere:stationner.tarifs)", &resolve);
    assert!(
        html.contains("href=\"critere/stationner.tarifs.html\""),
        "{html}"
    );
}

#[test]
fn escapes_raw_html_in_submitted_text() {
    let html = to_submitted_html("<script>alert(1)</script>\n\nok <b>x</b>");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;b&gt;"), "{html}");
}

#[test]
fn authored_text_keeps_only_the_allow_list() {
    let html = to_html(
        "<abbr title=\"Règlement\">RGPD</abbr> <script>x()</script> <b onclick=\"y()\">z</b>",
        &resolve,
    );
    assert!(
        html.contains("<abbr title=\"Règlement\">RGPD</abbr>"),
        "{html}"
    );
    assert!(
        !html.contains("<script") && !html.contains("onclick"),
        "{html}"
    );
    assert!(!html.contains("<b"), "{html}");
}

#[test]
fn gives_headings_unique_ids_and_demotes_h1() {
    let html = to_html("# Étape\n\n## Étape\n", &resolve);
    assert!(html.contains("<h2 id=\"etape\">"), "{html}");
    assert!(html.contains("<h2 id=\"etape-2\">"), "{html}");
}

#[test]
fn issue_11_submitted_headings_never_take_a_page_id() {
    let html =
        to_submitted_html("# Plan\n\n## Synthèse\n\n# x {#contenu}\n\n[^plan]\n\n[^plan]: n\n");
    for id in ["plan", "synthese", "contenu"] {
        assert!(!html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    assert!(html.contains("<h3 id=\"md-plan\">"), "{html}");
    assert!(html.contains("<h4 id=\"md-synthese\">"), "{html}");
    assert!(html.contains("<h3 id=\"md-x\">"), "{html}");
}

#[test]
fn issue_11_refused_links_keep_their_text_only() {
    for src in [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](&#106;avascript:alert(1))",
        "[a](java&#x09;script:alert(1))",
        "<javascript:alert(1)>",
        "[a][r]\n\n[r]: vbscript:msgbox",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
        "[a](//evil.example)",
    ] {
        let html = to_submitted_html(src);
        assert!(!html.contains("href"), "{src}: {html}");
        let html = to_html(src, &resolve);
        assert!(!html.contains("href"), "{src}: {html}");
    }
}

#[test]
fn issue_11_remote_images_are_never_emitted() {
    for src in [
        "![pixel](https://evil.example/p.gif)",
        "![pixel](//evil.example/p.gif)",
        "![pixel](data:image/svg+xml;base64,PHN2Zz4=)",
    ] {
        let html = to_html(src, &resolve);
        assert!(!html.contains("<img"), "{src}: {html}");
        assert!(html.contains("pixel"), "{src}: {html}");
    }
    assert!(to_html("![plan](../static/plan.png)", &resolve)
        .contains("<img src=\"../static/plan.png\""));
}

#[test]
fn empty_links_get_their_url_as_text() {
    let html = to_submitted_html("[](https://example.org)");
    assert!(
        html.contains("<a href=\"https://example.org\">https://example.org</a>"),
        "{html}"
    );
}

#[test]
fn lists_problems_with_offsets() {
    let p = problems("ok [a](javascript:x) ![](https://e.x/p.gif) [](https://e.x)");
    let kinds: Vec<_> = p.iter().map(|p| (p.problem.clone(), p.offset)).collect();
    assert_eq!(
        kinds,
        vec![
            (UrlProblem::Scheme("javascript".into()), 3),
            (UrlProblem::RemoteImage, 21),
            (UrlProblem::EmptyText, 44),
        ]
    );
}

#[test]
fn lists_ref_links_with_offsets() {
    let src = "abc [x](etape:stationner) [y](https://example.org)";
    let links = ref_links(src);
    assert_eq!(links.len(), 1);
    assert_eq!((links[0].scheme.as_str(), links[0].offset), ("etape", 4));
}

#[test]
fn table_cells_align_with_classes_not_styles() {
    let html = to_submitted_html("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    assert!(!html.contains("style="), "{html}");
    assert!(html.contains("class=\"align-right\""), "{html}");
}
