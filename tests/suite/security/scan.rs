//! A small HTML tag scanner for the security tests: it reads every start tag and its
//! attributes the way a browser's tokenizer does (quoted and unquoted values, entities in
//! values), and names everything that could run code or load from another origin.
//! Deliberately independent of the renderer's own URL policy.

/// A start tag: its lower-cased name and attributes (names lower-cased, values decoded).
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// Reads every start tag of `html`; comments, declarations and end tags are skipped.
pub fn tags(html: &str) -> Vec<Tag> {
    let chars: Vec<char> = html.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' {
            i += 1;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        if rest.starts_with("<!--") {
            i = find(&chars, i + 4, "-->").map_or(chars.len(), |e| e + 3);
            continue;
        }
        match chars.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, end) = read_tag(&chars, i + 1);
                out.push(tag);
                i = end;
            }
            Some('!' | '?' | '/') => i = find(&chars, i, ">").map_or(chars.len(), |e| e + 1),
            _ => i += 1,
        }
    }
    out
}

fn find(chars: &[char], from: usize, needle: &str) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    (from..chars.len()).find(|&k| chars[k..].starts_with(&n))
}

fn read_tag(chars: &[char], mut i: usize) -> (Tag, usize) {
    let start = i;
    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' && chars[i] != '/' {
        i += 1;
    }
    let name: String = chars[start..i].iter().collect::<String>().to_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        if i >= chars.len() || chars[i] == '>' {
            return (Tag { name, attrs }, i + 1);
        }
        let s = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '>' | '=' | '/') {
            i += 1;
        }
        let attr: String = chars[s..i].iter().collect::<String>().to_lowercase();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if chars.get(i) == Some(&'=') {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            if let Some(&q) = chars.get(i).filter(|c| **c == '"' || **c == '\'') {
                let s = i + 1;
                i = s;
                while i < chars.len() && chars[i] != q {
                    i += 1;
                }
                value = chars[s..i.min(chars.len())].iter().collect();
                i += 1;
            } else {
                let s = i;
                while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
                    i += 1;
                }
                value = chars[s..i].iter().collect();
            }
        }
        attrs.push((attr, decode(&value)));
    }
}

/// Decodes the character references a browser decodes in an attribute value.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p + 1..];
        let (code, len) = if let Some(hex) = rest.strip_prefix("#x").or(rest.strip_prefix("#X")) {
            let n = hex.chars().take_while(|c| c.is_ascii_hexdigit()).count();
            (u32::from_str_radix(&hex[..n], 16).ok(), n + 2)
        } else if let Some(dec) = rest.strip_prefix('#') {
            let n = dec.chars().take_while(|c| c.is_ascii_digit()).count();
            (dec[..n].parse().ok(), n + 1)
        } else {
            let named = [
                ("amp", '&'),
                ("lt", '<'),
                ("gt", '>'),
                ("quot", '"'),
                ("apos", '\''),
                ("colon", ':'),
                ("tab", '\t'),
                ("newline", '\n'),
            ];
            let lower = rest.to_ascii_lowercase();
            match named.iter().find(|(n, _)| lower.starts_with(n)) {
                Some((n, c)) => (Some(*c as u32), n.len()),
                None => (None, 0),
            }
        };
        match code.and_then(char::from_u32) {
            Some(c) if len > 0 => {
                out.push(c);
                rest = &rest[len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The URL as a browser reads its scheme: without any whitespace or control character.
fn squeezed(url: &str) -> String {
    url.chars()
        .filter(|c| *c > ' ' && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
        .replace('\\', "/")
}

fn scheme(url: &str) -> Option<String> {
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    url[..end].find(':').map(|c| url[..c].to_string())
}

const BANNED: [&str; 26] = [
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "keygen",
    "style",
    "math",
    "video",
    "audio",
    "source",
    "isindex",
    "bgsound",
    "foreignobject",
    "animate",
    "set",
    "use",
    "image",
];
const BANNED_ATTRS: [&str; 12] = [
    "style",
    "srcset",
    "poster",
    "ping",
    "background",
    "formaction",
    "action",
    "dynsrc",
    "lowsrc",
    "xlink:href",
    "data",
    "codebase",
];

/// Names every tag or attribute of `html` that could run code or load another origin.
pub fn problems(html: &str) -> Vec<String> {
    scan(html, false)
}

/// [`problems`] of a questionnaire page (`handbook/<v>/questionnaire.html`): its own form
/// controls (ids `q-…`, radio, checkbox, date and file inputs, buttons of type button) and its
/// one script (`static/questionnaire.js`, empty, from the site) are allowed; anything else is
/// judged as on every page.
pub fn questionnaire_problems(html: &str) -> Vec<String> {
    scan(html, true)
}

/// The questionnaire's own elements.
fn ours(tag: &Tag) -> bool {
    let attr = |n: &str| {
        tag.attrs
            .iter()
            .find(|(a, _)| a == n)
            .map(|(_, v)| v.as_str())
    };
    let own_id = attr("id").is_some_and(|i| i.starts_with("q-"));
    match tag.name.as_str() {
        "script" => {
            attr("src").is_some_and(|s| s == "../../static/questionnaire.js")
                && tag.attrs.len() == 2
                && attr("defer").is_some()
        }
        "input" => own_id && matches!(attr("type"), Some("radio" | "checkbox" | "date" | "file")),
        "button" => own_id && attr("type") == Some("button"),
        "select" | "textarea" => own_id,
        _ => false,
    }
}

fn scan(html: &str, questionnaire: bool) -> Vec<String> {
    let mut out = Vec::new();
    for tag in tags(html) {
        let attr = |n: &str| {
            tag.attrs
                .iter()
                .find(|(a, _)| a == n)
                .map(|(_, v)| v.as_str())
        };
        if BANNED.contains(&tag.name.as_str()) && !(questionnaire && ours(&tag)) {
            out.push(format!("<{}>", tag.name));
        }
        let our_meta = attr("charset").is_some()
            || attr("name") == Some("viewport")
            || attr("http-equiv") == Some("Content-Security-Policy");
        if tag.name == "meta" && !our_meta {
            out.push("<meta> of the text".into());
        }
        let relative = |h: &str| scheme(h).is_none() && !h.starts_with('/');
        let our_link = match attr("rel") {
            Some("stylesheet") => {
                attr("href").is_some_and(|h| h.ends_with("static/style.css") && relative(h))
            }
            // A handbook page names its versioned URL (issue 16), relatively.
            Some("canonical") => attr("href").is_some_and(|h| h.ends_with(".html") && relative(h)),
            _ => false,
        };
        if tag.name == "link" && !our_link {
            out.push("<link> of the text".into());
        }
        for (name, value) in &tag.attrs {
            let url = squeezed(value);
            if name.starts_with("on") || BANNED_ATTRS.contains(&name.as_str()) {
                out.push(format!("<{} {name}=…>", tag.name));
            } else if name == "href" {
                let bad_scheme = scheme(&url)
                    .is_some_and(|s| !["http", "https", "mailto"].contains(&s.as_str()));
                if bad_scheme || url.starts_with("//") {
                    out.push(format!("<{} href={value:?}>", tag.name));
                }
            } else if name == "src" && (scheme(&url).is_some() || url.starts_with("//")) {
                out.push(format!("<{} src={value:?}>", tag.name));
            }
        }
    }
    out
}

#[test]
fn the_scanner_sees_through_encodings_and_broken_quoting() {
    let found = problems(
        "<p>ok</p><a href=\"&#106;ava&#x09;script:x\">a</a><IMG SRC=//e.x/p><b/onclick=x>\
         <!-- <script> --><svg><use href=\"#a\"></use></svg><a href='mailto:a@b'>m</a>",
    );
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(problems("<a href=\"../x.html#y\">x</a><img src=\"../static/a.png\">").is_empty());
}
