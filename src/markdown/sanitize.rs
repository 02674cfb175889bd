//! The last step of every Markdown rendering: the HTML goes through `ammonia` with an
//! allow-list, so whatever the event rewriting missed cannot reach a page.
//!
//! Text that communes submit has its raw HTML escaped before this step, so only the tags
//! pulldown-cmark writes can be in it. Handbook chapters and methodology descriptions may
//! also keep [`AUTHORED_EXTRA_TAGS`]. No `svg`, no `math`, no `style`, no event handler, no
//! `style=` attribute (the Content-Security-Policy would block it anyway), and every `href`
//! and `src` must pass the same policy as Markdown destinations.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::urls::{image_problem, link_problem};

/// The tags pulldown-cmark writes with the options of [`super::options`].
const MARKDOWN_TAGS: [&str; 26] = [
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
];

/// The raw HTML tags a handbook chapter or methodology description may keep, without
/// attributes except `title` (and `lang`) on any of them.
pub const AUTHORED_EXTRA_TAGS: [&str; 10] = [
    "abbr", "kbd", "sub", "sup", "span", "br", "small", "mark", "q", "dfn",
];

/// Ids of the elements the templates write: a Markdown text never takes one of them.
pub const RESERVED_IDS: [&str; 38] = [
    "actions-frequentes",
    "angles",
    "communes",
    "communes-ic",
    "contenu",
    "donnees",
    "etapes",
    "etapes-faibles",
    "evolution-titre",
    "faibles",
    "forts",
    "grille",
    "guide",
    "historique",
    "indicateurs",
    "indices",
    "inventaire",
    "nouvelle-version",
    "pairs",
    "par-intercommunale",
    "plan",
    "recommandations",
    "reponses",
    "sources-manquantes",
    "synthese",
    "t-budget",
    "t-calendrier",
    "t-contexte",
    "t-indicateurs",
    "t-objectifs",
    "t-perimetre",
    "t-rgpd",
    "territoires",
    "parcours-erreurs",
    "criteres",
    "sources",
    "actions",
    "echelle",
];

/// The prefix given to an id a Markdown text would otherwise share with the page.
pub const ID_PREFIX: &str = "md-";

fn builder(authored: bool) -> ammonia::Builder<'static> {
    let mut tags: HashSet<&'static str> = MARKDOWN_TAGS.into_iter().collect();
    tags.insert("div");
    if authored {
        tags.extend(AUTHORED_EXTRA_TAGS);
    }
    let mut attributes: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
    attributes.insert("a", ["href", "title"].into());
    attributes.insert("img", ["src", "alt", "title"].into());
    attributes.insert("ol", ["start"].into());
    attributes.insert("div", ["id"].into());
    for h in ["h2", "h3", "h4", "h5", "h6"] {
        attributes.insert(h, ["id"].into());
    }
    let mut classes: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
    classes.insert(
        "sup",
        ["footnote-reference", "footnote-definition-label"].into(),
    );
    classes.insert("div", ["footnote-definition"].into());
    for cell in ["th", "td"] {
        classes.insert(cell, ["align-left", "align-center", "align-right"].into());
    }
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .tag_attributes(attributes)
        .allowed_classes(classes)
        .generic_attributes(["title", "lang"].into())
        .url_schemes(["http", "https", "mailto"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean_content_tags(["script", "style"].into())
        .attribute_filter(filter);
    b
}

/// Drops every `href` or `src` the URL policy refuses, and moves reserved ids aside.
fn filter<'v>(element: &str, attribute: &str, value: &'v str) -> Option<std::borrow::Cow<'v, str>> {
    match (element, attribute) {
        (_, "href") if link_problem(value).is_some() => None,
        (_, "src") if image_problem(value).is_some() => None,
        (_, "id") if RESERVED_IDS.contains(&value) => Some(format!("{ID_PREFIX}{value}").into()),
        _ => Some(value.into()),
    }
}

/// Lists what the authored-text sanitizer removes from a piece of raw HTML: each tag outside
/// the allow-list, or attribute other than `title` and `lang`, with its byte offset.
pub fn removed(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p;
        let name_len = html[start + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        i = start + 1;
        if name_len == 0 || !bytes[start + 1].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start + 1..start + 1 + name_len].to_ascii_lowercase();
        if !AUTHORED_EXTRA_TAGS.contains(&name.as_str()) {
            out.push((start, format!("<{name}>")));
            continue;
        }
        let end = tag_end(html, start);
        for attr in attribute_names(&html[start + 1 + name_len..end]) {
            if attr != "title" && attr != "lang" {
                out.push((start, format!("<{name} {attr}>")));
            }
        }
    }
    out
}

/// The offset of the `>` that closes the tag opened at `start`, quoted values skipped.
fn tag_end(html: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return start + i,
            _ => {}
        }
    }
    html.len()
}

/// The attribute names of a tag's inside (after its name), quoted values skipped.
fn attribute_names(inside: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = inside.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() || c == '/' {
            continue;
        }
        let mut name = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_whitespace() || n == '=' || n == '/' {
                break;
            }
            name.push(n);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().copied() {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for v in chars.by_ref() {
                        if v == q {
                            break;
                        }
                    }
                }
                _ => {
                    while chars.peek().is_some_and(|c| !c.is_whitespace()) {
                        chars.next();
                    }
                }
            }
        }
        names.push(name.to_ascii_lowercase());
    }
    names
}

/// Cleans rendered Markdown: `authored` keeps the extra tags of chapters and descriptions.
pub fn clean(html: &str, authored: bool) -> String {
    static SUBMITTED: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    static AUTHORED: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let cell = if authored { &AUTHORED } else { &SUBMITTED };
    // pulldown-cmark aligns table cells with `style=`, which the page's CSP blocks.
    let html = html
        .replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"");
    cell.get_or_init(|| builder(authored))
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn keeps_the_small_allow_list_in_authored_text_only() {
        let html = "<p><abbr title=\"x\">RGPD</abbr> <kbd>F5</kbd></p>";
        assert_eq!(clean(html, true), html);
        assert_eq!(clean(html, false), "<p>RGPD F5</p>");
    }

    #[test]
    fn drops_scripts_handlers_styles_and_foreign_sources() {
        let html = "<p onclick=\"x()\" style=\"color:red\">a<script>b</script>\
            <img src=\"https://evil.example/p.gif\" onerror=\"x()\"><a href=\"javascript:x()\">c</a>\
            <svg><circle/></svg><span style=\"x\">d</span></p>";
        let out = clean(html, true);
        assert_eq!(out, "<p>a<img><a>c</a><span>d</span></p>", "{out}");
    }

    #[test]
    fn names_what_it_removes() {
        assert_eq!(
            super::removed("<abbr title=\"a > b\" onclick='x'>A</abbr><script>x</script><kbd>"),
            vec![
                (0, "<abbr onclick>".to_string()),
                (40, "<script>".to_string())
            ]
        );
        assert!(super::removed("</abbr> <!-- note --> <sub lang=fr>").is_empty());
    }

    #[test]
    fn reserved_ids_are_prefixed() {
        assert_eq!(
            clean("<h2 id=\"contenu\">x</h2>", true),
            "<h2 id=\"md-contenu\">x</h2>"
        );
    }

    #[test]
    fn table_alignment_becomes_a_class() {
        let out = clean(
            "<table><thead><tr><th style=\"text-align: right\">a</th></tr></thead></table>",
            false,
        );
        assert!(out.contains("<th class=\"align-right\">a</th>"), "{out}");
    }
}
