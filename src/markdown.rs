//! Markdown → HTML: the only place pulldown-cmark options are chosen.
//!
//! Two flavours. Text that communes submit (audit summaries) is Markdown without raw HTML:
//! its HTML is escaped, its headings start at `<h3>` (they sit under a section's `<h2>`) and
//! their ids start with `md-`, so they never meet the page's own. Handbook chapters and
//! methodology descriptions may keep the small allow-list of [`sanitize::AUTHORED_EXTRA_TAGS`].
//! Both flavours go through the same URL policy ([`urls`]): a refused link keeps its text and
//! loses its `<a>`, a refused image keeps its alternative text; then through `ammonia`.
//! The handbook's link schemes (`critere:`, `etape:`, …) are resolved to relative URLs by a
//! caller-supplied function; [`ref_links`] and [`problems`] list what `check` reports.

mod sanitize;
pub mod urls;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use sanitize::{AUTHORED_EXTRA_TAGS, ID_PREFIX, RESERVED_IDS};
use urls::{image_problem, link_problem, UrlProblem};

/// The link schemes that point at generated pages.
pub const SCHEMES: [&str; 7] = [
    "critere", "etape", "angle", "source", "action", "chapitre", "ref",
];

/// The prefix of footnote ids, so `[^plan]` never becomes the page's `id="plan"`.
const FOOTNOTE_PREFIX: &str = "note-";

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

/// A link or image the URL policy refuses, found in Markdown source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub problem: UrlProblem,
    /// The destination as parsed (entities decoded).
    pub dest: String,
    /// Byte offset of the link or image in the source.
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

/// Lists every refused link or image in `source`, and every link without text.
pub fn problems(source: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut link: Option<(usize, String, bool)> = None;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let mut report = |problem, dest: &str| {
            out.push(Problem {
                problem,
                dest: dest.to_string(),
                offset: range.start,
            })
        };
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(p) = link_problem(&dest_url) {
                    report(p, &dest_url);
                }
                link = Some((range.start, dest_url.to_string(), false));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(p) = image_problem(&dest_url) {
                    report(p, &dest_url);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) if !t.trim().is_empty() => {
                if let Some(l) = link.as_mut() {
                    l.2 = true;
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((offset, dest, false)) = link.take() {
                    out.push(Problem {
                        problem: UrlProblem::EmptyText,
                        dest,
                        offset,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Lists the raw HTML of a handbook text that the sanitizer removes: (byte offset, what).
pub fn removed_html(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            // The event's text is its source slice, except in blocks pulldown-cmark re-indents.
            let base = source[range.start..]
                .find(html.as_ref())
                .map_or(range.start, |p| range.start + p);
            out.extend(
                sanitize::removed(&html)
                    .into_iter()
                    .map(|(o, w)| (base + o, w)),
            );
        }
    }
    out
}

/// Who wrote a text, which decides what HTML it may keep and where its headings start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// Handbook chapters and methodology descriptions: `#` is `<h2>`, small HTML allow-list.
    Authored,
    /// Text that communes submit: no raw HTML, `#` is `<h3>`, ids prefixed with `md-`.
    Submitted,
}

/// Renders handbook Markdown to HTML, resolving link schemes with `resolve(scheme, id)`.
///
/// Headings are shifted so that `#` never competes with the page's own `<h1>`.
pub fn to_html(source: &str, resolve: &dyn Fn(&str, &str) -> Option<String>) -> String {
    render(source, resolve, Flavour::Authored)
}

/// Renders text that a commune submitted, to sit under a section's `<h2>`: raw HTML escaped.
pub fn to_submitted_html(source: &str) -> String {
    render(source, &|_, _| None, Flavour::Submitted)
}

fn render(
    source: &str,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    flavour: Flavour,
) -> String {
    let events = with_heading_ids(rewrite(source, resolve, flavour), flavour);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = sanitize::clean(&html, flavour == Flavour::Authored);
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

fn has_text(events: &[Event]) -> bool {
    events.iter().any(|e| match e {
        Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => !t.trim().is_empty(),
        _ => false,
    })
}

/// Applies the URL policy, resolves link schemes, escapes submitted HTML, prefixes footnotes.
fn rewrite<'a>(
    source: &'a str,
    resolve: &dyn Fn(&str, &str) -> Option<String>,
    flavour: Flavour,
) -> Vec<Event<'a>> {
    let mut out: Vec<Event> = Vec::new();
    // The open link: index of its start event, whether it is allowed, its URL.
    let mut link: Option<(usize, bool, String)> = None;
    // Whether each open image is allowed.
    let mut images: Vec<bool> = Vec::new();
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if flavour == Flavour::Submitted => {
                out.push(Event::Text(html))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let allowed = link_problem(&dest_url).is_none();
                let dest_url = match split_ref(&dest_url) {
                    Some((scheme, target)) => {
                        CowStr::from(resolve(scheme, target).unwrap_or_else(|| "#".into()))
                    }
                    None => dest_url,
                };
                link = Some((out.len(), allowed, dest_url.to_string()));
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, allowed, url)) = link.take() {
                    if !allowed {
                        out.remove(start);
                        continue;
                    }
                    if !has_text(&out[start + 1..]) {
                        out.push(Event::Text(url.into()));
                    }
                }
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image { dest_url, .. }) if image_problem(&dest_url).is_some() => {
                images.push(false)
            }
            Event::Start(image @ Tag::Image { .. }) => {
                images.push(true);
                out.push(Event::Start(image));
            }
            Event::End(TagEnd::Image) => {
                if images.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::FootnoteReference(name) => out.push(Event::FootnoteReference(
                format!("{FOOTNOTE_PREFIX}{name}").into(),
            )),
            Event::Start(Tag::FootnoteDefinition(name)) => out.push(Event::Start(
                Tag::FootnoteDefinition(format!("{FOOTNOTE_PREFIX}{name}").into()),
            )),
            other => out.push(other),
        }
    }
    out
}

/// Gives every heading a unique id and its level in the page.
fn with_heading_ids(events: Vec<Event<'_>>, flavour: Flavour) -> Vec<Event<'_>> {
    let mut used_ids: Vec<String> = Vec::new();
    let mut in_heading: Option<(HeadingLevel, Option<String>, Vec<Event>)> = None;
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for event in events {
        match (&mut in_heading, event) {
            (None, Event::Start(Tag::Heading { level, id, .. })) => {
                let given = id.filter(|_| flavour == Flavour::Authored);
                in_heading = Some((shift(level, flavour), given.map(|i| i.to_string()), vec![]));
            }
            (Some(_), Event::End(TagEnd::Heading(_))) => {
                let (level, given, inner) =
                    in_heading
                        .take()
                        .unwrap_or((HeadingLevel::H2, None, vec![]));
                let id = heading_id(given, &inner, flavour, &mut used_ids);
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: vec![],
                    attrs: vec![],
                }));
                out.extend(inner);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            (Some((_, _, inner)), event) => inner.push(event),
            (None, event) => out.push(event),
        }
    }
    out
}

fn heading_id(
    given: Option<String>,
    inner: &[Event],
    flavour: Flavour,
    used_ids: &mut Vec<String>,
) -> String {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let mut id = given.unwrap_or_else(|| crate::slugify(&text));
    if id.is_empty() {
        id = "section".into();
    }
    if flavour == Flavour::Submitted || RESERVED_IDS.contains(&id.as_str()) {
        id = format!("{ID_PREFIX}{id}");
    }
    let base = id.clone();
    let mut n = 2;
    while used_ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used_ids.push(id.clone());
    id
}

/// Authored `#` becomes `<h2>` under the page's `<h1>`; submitted text sits under a section's
/// `<h2>`, so its levels move down two (at most `<h6>`).
fn shift(level: HeadingLevel, flavour: Flavour) -> HeadingLevel {
    use HeadingLevel::*;
    match (flavour, level) {
        (Flavour::Authored, H1) => H2,
        (Flavour::Authored, other) => other,
        (Flavour::Submitted, H1) => H3,
        (Flavour::Submitted, H2) => H4,
        (Flavour::Submitted, H3) => H5,
        (Flavour::Submitted, _) => H6,
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
mod tests;
