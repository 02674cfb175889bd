//! Markdown → HTML: the only place pulldown-cmark options are chosen.
//!
//! Raw HTML in the source is escaped (content is text, not markup), headings get stable ids,
//! and the handbook's link schemes (`critere:`, `etape:`, …) are resolved to relative URLs by
//! a caller-supplied function. `ref_links` lists those links so `check` can validate them.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The link schemes that point at generated pages.
pub const SCHEMES: [&str; 7] = [
    "critere", "etape", "angle", "source", "action", "chapitre", "ref",
];

/// A link to a generated page, found in Markdown source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefLink {
    /// The scheme, e.g. `critere`.
    pub scheme: String,
    /// The id after the colon.
    pub id: String,
    /// Byte offset of the link in the source.
    pub offset: usize,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Splits a destination like `critere:x` into scheme and id, when the scheme is one of ours.
pub fn split_ref(dest: &str) -> Option<(&str, &str)> {
    let (scheme, id) = dest.split_once(':')?;
    SCHEMES.contains(&scheme).then_some((scheme, id))
}

/// Lists every link to a generated page in `source`, with its byte offset.
pub fn ref_links(source: &str) -> Vec<RefLink> {
    Parser::new_ext(source, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                split_ref(&dest_url).map(|(s, id)| RefLink {
                    scheme: s.to_string(),
                    id: id.to_string(),
                    offset: range.start,
                })
            }
            _ => None,
        })
        .collect()
}

/// Renders Markdown to HTML, resolving link schemes with `resolve(scheme, id)`.
///
/// Headings are shifted so that `#` never competes with the page's own `<h1>`.
pub fn to_html(source: &str, resolve: &dyn Fn(&str, &str) -> Option<String>) -> String {
    let mut used_ids: Vec<String> = Vec::new();
    let mut in_heading: Option<(HeadingLevel, Option<String>, Vec<Event>)> = None;
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new_ext(source, options()) {
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match split_ref(&dest_url) {
                    Some((scheme, target)) => {
                        CowStr::from(resolve(scheme, target).unwrap_or_else(|| "#".into()))
                    }
                    None => dest_url,
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        match (&mut in_heading, event) {
            (None, Event::Start(Tag::Heading { level, id, .. })) => {
                let level = demote(level);
                in_heading = Some((level, id.map(|i| i.to_string()), Vec::new()));
            }
            (Some(_), Event::End(TagEnd::Heading(_))) => {
                let (level, id, inner) =
                    in_heading
                        .take()
                        .unwrap_or((HeadingLevel::H2, None, vec![]));
                let text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let mut id = id.unwrap_or_else(|| crate::slugify(&text));
                if id.is_empty() {
                    id = "section".into();
                }
                let base = id.clone();
                let mut n = 2;
                while used_ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                used_ids.push(id.clone());
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: vec![],
                    attrs: vec![],
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            (Some((_, _, inner)), event) => inner.push(event),
            (None, event) => events.push(event),
        }
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Wide tables scroll inside a focusable, uniquely named region rather than the page.
    let mut out = String::with_capacity(html.len() + 64);
    for (n, part) in html.split("<table>").enumerate() {
        if n > 0 {
            let label = crate::i18n::f("table.numbered", &[&n]);
            out.push_str(&format!(
                "<section class=\"table-scroll\" tabindex=\"0\" aria-label=\"{label}\"><table>"
            ));
        }
        out.push_str(&part.replace("</table>", "</table></section>"));
    }
    out
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

/// Renders a short Markdown text without its wrapping paragraph, for inline use.
pub fn to_inline_html(source: &str, resolve: &dyn Fn(&str, &str) -> Option<String>) -> String {
    let html = to_html(source, resolve);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
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
    fn escapes_raw_html() {
        let html = to_html("<script>alert(1)</script>\n\nok <b>x</b>", &resolve);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }

    #[test]
    fn gives_headings_unique_ids_and_demotes_h1() {
        let html = to_html("# Étape\n\n## Étape\n", &resolve);
        assert!(html.contains("<h2 id=\"etape\">"), "{html}");
        assert!(html.contains("<h2 id=\"etape-2\">"), "{html}");
    }

    #[test]
    fn lists_ref_links_with_offsets() {
        let src = "abc [x](etape:stationner) [y](https://example.org)";
        let links = ref_links(src);
        assert_eq!(links.len(), 1);
        assert_eq!((links[0].scheme.as_str(), links[0].offset), ("etape", 4));
    }
}
