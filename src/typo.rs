//! French typography: the one function that sets the spaces a French reader expects, applied to
//! every page and chart just before it leaves the render stage.
//!
//! - **High punctuation** `? ! ; :` and the closing guillemet `»` take a narrow no-break space
//!   (U+202F) before them, and the opening guillemet `«` one after it, so no line starts with
//!   `?` or `:` and no guillemet is left alone at a line end. Only an existing space (or line
//!   break) is replaced, except inside guillemets, where a missing space is added: a `:` glued
//!   to a word may be a time (`10:30`), a URL or an identifier, so it is left as written.
//! - **Numbers**: a space between a group of one to three digits and a group of exactly three
//!   becomes U+202F (`50 000`), and the space between a number and its unit (`€`, `%`, `km²`…)
//!   or inside a range of numbers (`3 – 8`) becomes a no-break space (U+00A0), so a number never
//!   splits across lines.
//!
//! [`french`] works on plain text; [`french_html`] applies it to the text of an HTML or SVG
//! document only: never inside a tag (names, attributes, URLs), a comment, an entity, or the
//! elements whose text is not prose (`code`, `pre`, `kbd`, `samp`, `script`, `style`,
//! `textarea`). Both are idempotent. This module reads nothing and imports nothing of the crate.

/// Narrow no-break space, before high punctuation and inside guillemets.
const NNBSP: char = '\u{202f}';
/// No-break space, between a number and its unit.
const NBSP: char = '\u{a0}';

/// Units that follow a number after a no-break space (longest first, so `km²` wins over `km`).
const UNITS: [&str; 12] = [
    "km²", "km", "m²", "min", "hab.", "kg", "€", "%", "‰", "°C", "m", "h",
];

/// Elements whose text is code or machine text, left exactly as written.
const VERBATIM: [&str; 7] = ["code", "pre", "kbd", "samp", "script", "style", "textarea"];

/// Returns `text` with French spacing: see the module documentation.
pub fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            let end = run_end(&chars, i);
            out.extend(space_run(&chars, i, end, &out));
            i = end;
            continue;
        }
        if c == '»' && out.last().is_some_and(|p| !p.is_whitespace()) && opened(&out) {
            out.push(NNBSP);
        }
        out.push(c);
        if c == '«' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            out.push(NNBSP);
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// Returns `html` with [`french`] applied to its text nodes only.
pub fn french_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut rest = html;
    let mut in_svg = false;
    while let Some(lt) = rest.find('<') {
        out.push_str(&text_node(&rest[..lt], in_svg));
        rest = &rest[lt..];
        let end = markup_end(rest);
        let (markup, after) = rest.split_at(end);
        out.push_str(markup);
        rest = after;
        let lower = markup.to_ascii_lowercase();
        if lower.starts_with("<svg") {
            in_svg = true;
        } else if lower.starts_with("</svg") {
            in_svg = false;
        }
        if let Some(name) = verbatim_open(markup) {
            let close = find_close(rest, name);
            out.push_str(&rest[..close]);
            rest = &rest[close..];
        }
    }
    out.push_str(&french(rest));
    out
}

/// One text node: in SVG, where text never wraps and a space is drawn, the spaces around it
/// stay as written (`<text>\n!\n</text>` keeps its `!` in place).
fn text_node(text: &str, in_svg: bool) -> String {
    if !in_svg {
        return french(text);
    }
    let core = text.trim_matches(is_space);
    let start = text.len() - text.trim_start_matches(is_space).len();
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str(&text[..start]);
    out.push_str(&french(core));
    out.push_str(&text[start + core.len()..]);
    out
}

/// A space, tab or line break, which a browser may break a line at.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The index just past the run of breakable spaces starting at `start`.
fn run_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && is_space(chars[end]) {
        end += 1;
    }
    end
}

/// What a run of breakable spaces `chars[start..end]` becomes, given the text already written.
fn space_run(chars: &[char], start: usize, end: usize, out: &[char]) -> Vec<char> {
    let next = chars.get(end).copied();
    let prev = out.last().copied();
    let keep = || chars[start..end].to_vec();
    if prev == Some('«') {
        return vec![NNBSP];
    }
    let Some(next) = next else { return keep() };
    if matches!(next, '?' | '!' | ';' | ':' | '»') {
        return vec![NNBSP];
    }
    if prev == Some('–') && next.is_ascii_digit() && range_before(out) {
        return vec![NBSP];
    }
    let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
    if !after_digit || end - start != 1 {
        return keep();
    }
    if thousands_group(chars, end) && leading_group(out) {
        return vec![NNBSP];
    }
    if unit_at(chars, end) || range_at(chars, end) {
        return vec![NBSP];
    }
    keep()
}

/// Whether `chars[at..]` starts with exactly three digits, then no digit.
fn thousands_group(chars: &[char], at: usize) -> bool {
    (0..3).all(|k| chars.get(at + k).is_some_and(char::is_ascii_digit))
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

/// Whether the text written so far ends with a group of one to three digits that starts a
/// number or follows a thousands separator (so a year such as `2024` is not a group).
fn leading_group(out: &[char]) -> bool {
    let digits = out.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let before = out.len().checked_sub(digits + 1).map(|k| out[k]);
    (1..=3).contains(&digits)
        && !before.is_some_and(|b| b.is_alphanumeric() || b == ',' || b == '.')
}

/// Whether a unit of [`UNITS`] starts at `at`, not followed by a letter.
fn unit_at(chars: &[char], at: usize) -> bool {
    UNITS.iter().any(|u| {
        let n = u.chars().count();
        chars.len() >= at + n
            && chars[at..at + n].iter().copied().eq(u.chars())
            && !chars.get(at + n).is_some_and(|c| c.is_alphanumeric())
    })
}

/// Whether `chars[at..]` is `– 5…`: the dash of a range between numbers.
fn range_at(chars: &[char], at: usize) -> bool {
    chars.get(at) == Some(&'–')
        && chars
            .get(at + 1)
            .is_some_and(|c| is_space(*c) || *c == NBSP)
        && chars.get(at + 2).is_some_and(char::is_ascii_digit)
}

/// Whether the text written so far ends with `5 –`: a number, a space, the dash of a range.
fn range_before(out: &[char]) -> bool {
    let n = out.len();
    n >= 3 && out[n - 1] == '–' && matches!(out[n - 2], ' ' | NBSP) && out[n - 3].is_ascii_digit()
}

/// Whether the text written so far holds a `«` not yet closed by a `»`.
fn opened(out: &[char]) -> bool {
    out.iter()
        .rev()
        .take_while(|c| **c != '»')
        .any(|c| *c == '«')
}

/// The length of the tag, comment or declaration `s` starts with (all of `s` if unclosed).
fn markup_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |e| e + 3);
    }
    let mut quote = None;
    for (k, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return k + 1,
            _ => {}
        }
    }
    s.len()
}

/// The name of a verbatim element that `tag` opens (not a closing or self-closing tag).
fn verbatim_open(tag: &str) -> Option<&'static str> {
    let body = tag.strip_prefix('<')?;
    if tag.ends_with("/>") {
        return None;
    }
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    VERBATIM.iter().copied().find(|v| *v == name)
}

/// The offset of the `</name` that closes a verbatim element in `s` (its end if none).
fn find_close(s: &str, name: &str) -> usize {
    let needle = format!("</{name}");
    s.to_ascii_lowercase().find(&needle).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::{french, french_html};

    #[test]
    fn high_punctuation_takes_a_narrow_no_break_space() {
        assert_eq!(french("Parce que : oui"), "Parce que\u{202f}: oui");
        assert_eq!(
            french("Quoi ? Non ! a ; b"),
            "Quoi\u{202f}? Non\u{202f}! a\u{202f}; b"
        );
        assert_eq!(french("fin\n  : suite"), "fin\u{202f}: suite");
        assert_eq!(french("Déjà\u{a0}: oui"), "Déjà\u{a0}: oui");
    }

    #[test]
    fn glued_punctuation_is_left_as_written() {
        for s in ["10:30", "https://x.be/?a=1;b", "s-informer.site:2", "Quoi?"] {
            assert_eq!(french(s), s);
        }
    }

    #[test]
    fn guillemets_hold_their_text_with_narrow_spaces() {
        assert_eq!(french("« oui »"), "«\u{202f}oui\u{202f}»");
        assert_eq!(french("«oui»"), "«\u{202f}oui\u{202f}»");
        assert_eq!(french("a » b"), "a\u{202f}» b");
        // A lone closing guillemet glued to a word is not ours to space.
        assert_eq!(french("x»"), "x»");
    }

    #[test]
    fn numbers_never_split() {
        assert_eq!(french("50 000 habitants"), "50\u{202f}000 habitants");
        assert_eq!(french("1 234 567"), "1\u{202f}234\u{202f}567");
        assert_eq!(french("12 500 €"), "12\u{202f}500\u{a0}€");
        assert_eq!(
            french("86 % et 3 km² ou 3 km"),
            "86\u{a0}% et 3\u{a0}km² ou 3\u{a0}km"
        );
        assert_eq!(french("de 3 – 8 jours"), "de 3\u{a0}–\u{a0}8 jours");
        assert_eq!(
            french("0 – 5\u{202f}000\u{a0}€"),
            "0\u{a0}–\u{a0}5\u{202f}000\u{a0}€"
        );
    }

    #[test]
    fn years_and_words_are_not_thousands() {
        for s in [
            "en 2024 123 communes",
            "3 mois",
            "2 heures",
            "T3 2025",
            "v1.2 000",
        ] {
            assert_eq!(french(s), s, "{s}");
        }
    }

    #[test]
    fn applying_twice_changes_nothing() {
        let texts = [
            "Parce que : « oui » ; 50 000 € ? 3 – 8 h !",
            "«a» : 1 000 000 %",
            "<p>x : <a href=\"?a=1 ;\">y</a> ?</p>",
        ];
        for s in texts {
            let once = french(s);
            assert_eq!(french(&once), once);
            let once = french_html(s);
            assert_eq!(french_html(&once), once);
        }
    }

    #[test]
    fn html_tags_attributes_and_entities_are_untouched() {
        let html = "<a href=\"a.html?x=1 ; y\" title=\"Quoi ?\">Quoi ?</a> l&#x27;audit&amp;co ;";
        assert_eq!(
            french_html(html),
            "<a href=\"a.html?x=1 ; y\" title=\"Quoi ?\">Quoi\u{202f}?</a> l&#x27;audit&amp;co\u{202f};"
        );
        assert_eq!(
            french_html("<!-- a : b --> c : d"),
            "<!-- a : b --> c\u{202f}: d"
        );
        assert_eq!(french_html("<br/> : x"), "<br/>\u{202f}: x");
    }

    #[test]
    fn code_and_scripts_keep_their_text() {
        let html =
            "<pre><code>a : b</code></pre> c : d <script>x ? y : z</script><code>1 000</code>";
        assert_eq!(
            french_html(html),
            "<pre><code>a : b</code></pre> c\u{202f}: d <script>x ? y : z</script><code>1 000</code>"
        );
    }

    #[test]
    fn svg_text_is_set_too() {
        assert_eq!(
            french_html("<svg><text x=\"1\">Coûts : 1 000 €</text></svg>"),
            "<svg><text x=\"1\">Coûts\u{202f}: 1\u{202f}000\u{a0}€</text></svg>"
        );
        assert_eq!(
            french_html("<svg><text>\n!\n</text></svg><p>\n!</p>"),
            "<svg><text>\n!\n</text></svg><p>\u{202f}!</p>"
        );
    }
}
