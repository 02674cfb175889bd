//! What the preview adds to the pages it sends: the reload script, the error overlay and, when
//! a page carries a Content-Security-Policy `<meta>`, the sources they need. The overlay folds
//! (a `<details>`, no script) to show the last good page under it.
//!
//! Pure text in, text out. Nothing here is ever written to `build/`. The additions carry no
//! inline script and no inline style, so a strict policy only has to allow `'self'`.

use crate::i18n::t;

/// The prefix of the preview's own resources; no page of a site can start with it.
pub(super) const OWN: &str = "/__parcours/";

/// The script added to every served page: reloads it when the preview is rebuilt.
pub(super) const RELOAD_JS: &str = r#"// parcours serve: reloads the page when the preview is rebuilt. Never part of build/.
(function () {
  var script = document.currentScript;
  var since = script ? script.getAttribute("data-generation") : "0";
  var events = new EventSource("/__parcours/events?since=" + encodeURIComponent(since));
  events.onmessage = function (e) {
    if (e.data === "reload") {
      events.close();
      window.location.reload();
    }
  };
})();
"#;

/// The overlay's stylesheet, served at `/__parcours/overlay.css` (a strict policy blocks
/// `style` attributes).
pub(super) const OVERLAY_CSS: &str = "/* parcours serve: the error overlay. Never part of build/. */
#parcours-erreurs{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:100vh;overflow:auto;margin:0;background:#1b1b1b;color:#fff;font:16px/1.5 system-ui,sans-serif}
#parcours-erreurs details{padding:0.75rem 2rem}
#parcours-erreurs details[open]{box-sizing:border-box;min-height:100vh;padding:2rem}
#parcours-erreurs summary{cursor:pointer;font-weight:bold}
#parcours-erreurs summary span{font-weight:normal;color:#ccc}
#parcours-erreurs pre{margin:1rem 0 0;white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;color:#ffd0d0}
";

/// Adds the reload script, and the diagnostics overlay when the last build failed, before
/// `</body>`; opens the page's Content-Security-Policy to them.
pub fn inject(html: &[u8], generation: u64, errors: Option<&str>) -> Vec<u8> {
    let mut snippet = String::new();
    if let Some(errors) = errors {
        snippet.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{OWN}overlay.css\"><div id=\"parcours-erreurs\" role=\"alert\"><details open><summary>{} <span>{}</span></summary><pre>{}</pre></details></div>\n",
            escape(t("serve.overlay")),
            escape(t("serve.overlay-fold")),
            escape(errors)
        ));
    }
    snippet.push_str(&format!(
        "<script src=\"{OWN}reload.js\" data-generation=\"{generation}\"></script>\n"
    ));
    let html = allow_preview(html);
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Rewrites the page's Content-Security-Policy `<meta>`, if any, so that the preview's own
/// script, event stream and overlay stylesheet load: `script-src`, `connect-src` and
/// `style-src` gain `'self'` (and lose `'none'`). A `<meta>` policy intersects with any header
/// policy, so rewriting it is the only way; the page's other directives are kept as written.
pub fn allow_preview(html: &[u8]) -> Vec<u8> {
    let Some((start, end)) = csp_content(html) else {
        return html.to_vec();
    };
    let Ok(policy) = std::str::from_utf8(&html[start..end]) else {
        return html.to_vec();
    };
    let rewritten = rewrite_policy(&unescape(policy));
    let mut out = Vec::with_capacity(html.len() + 64);
    out.extend_from_slice(&html[..start]);
    out.extend_from_slice(
        rewritten
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .as_bytes(),
    );
    out.extend_from_slice(&html[end..]);
    out
}

/// Finds the byte range of the `content` value of the first Content-Security-Policy `<meta>`
/// of the page's head.
fn csp_content(html: &[u8]) -> Option<(usize, usize)> {
    let head_end = find(html, b"</head>", 0).unwrap_or(html.len());
    let mut from = 0;
    while let Some(tag) = find(&html[..head_end], b"<meta", from) {
        let close = find(html, b">", tag)?;
        let inside = &html[tag..close];
        from = close;
        if find(inside, b"content-security-policy", 0).is_none() {
            continue;
        }
        let value = find(inside, b"content=\"", 0)? + "content=\"".len();
        let value_end = value + find(&inside[value..], b"\"", 0)?;
        return Some((tag + value, tag + value_end));
    }
    None
}

/// Finds `needle` in `hay` from `from`, ignoring ASCII case.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

/// Adds `'self'` to the directives the preview needs, creating each one from `default-src`
/// when the policy does not name it.
fn rewrite_policy(policy: &str) -> String {
    let mut directives: Vec<Vec<String>> = policy
        .split(';')
        .map(|d| d.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|d| !d.is_empty())
        .collect();
    let default: Vec<String> = directives
        .iter()
        .find(|d| d[0].eq_ignore_ascii_case("default-src"))
        .map(|d| d[1..].to_vec())
        .unwrap_or_default();
    for name in ["script-src", "connect-src", "style-src"] {
        let at = match directives
            .iter()
            .position(|d| d[0].eq_ignore_ascii_case(name))
        {
            Some(at) => at,
            None => {
                let mut created = vec![name.to_string()];
                created.extend(default.iter().cloned());
                directives.push(created);
                directives.len() - 1
            }
        };
        let directive = &mut directives[at];
        directive.retain(|s| !s.eq_ignore_ascii_case("'none'"));
        if !directive[1..]
            .iter()
            .any(|s| s.eq_ignore_ascii_case("'self'"))
        {
            directive.push("'self'".to_string());
        }
    }
    let parts: Vec<String> = directives.iter().map(|d| d.join(" ")).collect();
    parts.join("; ")
}

/// Decodes the character references a template may have written in an attribute value.
fn unescape(value: &str) -> String {
    value
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: &str = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\
        <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; \
        style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'\">\
        <title>x</title></head><body><p>x</p></body></html>";

    fn policy_of(html: &str) -> String {
        let (start, end) = csp_content(html.as_bytes()).expect("a policy");
        html[start..end].to_string()
    }

    #[test]
    fn injects_before_body_and_escapes_the_overlay() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, 7, Some("a.yaml:1:1: <b>&"))).unwrap();
        assert!(out.contains("data-generation=\"7\"></script>\n</body></html>"));
        assert!(out.contains("a.yaml:1:1: &lt;b&gt;&amp;"));
        assert!(!out.contains("<b>&"));
    }

    #[test]
    fn opens_a_strict_page_policy_to_the_reload_script_and_its_stream() {
        let out = String::from_utf8(inject(STRICT.as_bytes(), 3, Some("e"))).unwrap();
        let policy = policy_of(&out);
        assert_eq!(
            policy,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             base-uri 'none'; form-action 'none'; connect-src 'self'"
        );
        // Everything else of the page is untouched.
        assert!(
            out.starts_with("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">")
        );
        assert!(out.contains("<title>x</title></head><body><p>x</p>"));
    }

    #[test]
    fn the_additions_carry_no_inline_script_or_style() {
        let out = String::from_utf8(inject(STRICT.as_bytes(), 3, Some("e"))).unwrap();
        let added = &out[out.find("<p>x</p>").unwrap() + "<p>x</p>".len()..];
        assert!(!added.contains("style="), "{added}");
        assert!(
            !added
                .split(|c: char| c.is_whitespace() || c == '<')
                .any(|w| w.starts_with("on") && w.contains('=')),
            "no event handler: {added}"
        );
        assert!(
            added.contains("<details open><summary>"),
            "the overlay folds: {added}"
        );
        assert!(added.contains("<script src=\"/__parcours/reload.js\""));
        assert!(added.contains("></script>"));
        // The only <script> has a src and an empty body.
        assert_eq!(added.matches("<script").count(), 1);
        assert!(added.contains("<link rel=\"stylesheet\" href=\"/__parcours/overlay.css\">"));
        assert!(!RELOAD_JS.contains("innerHTML") && !RELOAD_JS.contains("eval("));
        assert!(
            !RELOAD_JS.contains(".style"),
            "the script sets no inline style"
        );
    }

    #[test]
    fn the_questionnaire_keeps_its_own_script_and_gains_the_preview_stream() {
        let page = STRICT
            .replace("script-src 'none'", "script-src 'self'")
            .replace(
                "<title>x</title>",
                "<title>x</title><script src=\"../../static/questionnaire.js\" defer></script>",
            );
        let out = String::from_utf8(inject(page.as_bytes(), 2, None)).unwrap();
        assert_eq!(
            policy_of(&out),
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             base-uri 'none'; form-action 'none'; connect-src 'self'"
        );
        assert!(out.contains("<script src=\"../../static/questionnaire.js\" defer></script>"));
        assert!(out.contains("<script src=\"/__parcours/reload.js\""));
    }

    #[test]
    fn creates_missing_directives_from_default_src_and_keeps_other_sources() {
        let page = "<head><META HTTP-EQUIV=\"content-security-policy\" CONTENT=\"default-src 'self' https://a.example; script-src 'none' 'unsafe-hashes'\"></head><body></body>";
        let out = String::from_utf8(allow_preview(page.as_bytes())).unwrap();
        assert_eq!(
            policy_of(&out),
            "default-src 'self' https://a.example; script-src 'unsafe-hashes' 'self'; \
             connect-src 'self' https://a.example; style-src 'self' https://a.example"
        );
    }

    #[test]
    fn decodes_escaped_quotes_and_leaves_pages_without_a_policy_alone() {
        let page = "<head><meta content=\"default-src &#x27;none&#x27;\" http-equiv=\"Content-Security-Policy\"></head>";
        let out = String::from_utf8(allow_preview(page.as_bytes())).unwrap();
        assert_eq!(
            policy_of(&out),
            "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'"
        );
        let plain = "<head><meta name=\"description\" content=\"script-src 'none'\"></head><body>script-src 'none'</body>";
        assert_eq!(allow_preview(plain.as_bytes()), plain.as_bytes());
    }
}
