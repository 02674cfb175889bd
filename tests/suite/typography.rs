//! French typography over the whole built demo (issue 14): no text starts a line with `?`, `:`,
//! `;`, `!` or `»` after a breakable space, no guillemet is followed by one, and no number is
//! split by an ASCII space; and the top of a report is "En bref", then its table of contents,
//! with every answer outside any folded `<details>`, so that it prints.

use std::path::Path;

fn demo_with_drafts() -> parcours::site::Site {
    parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        drafts: true,
        ..Default::default()
    })
    .expect("no I/O error")
    .site
    .expect("the demo builds")
}

/// The text of `html` outside tags, comments and code-like elements, as runs of characters
/// (one per text node), written independently of `parcours::typo`.
fn text_nodes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut skip_until: Option<String> = None;
    // SVG text never wraps: the spaces around a node are layout, not a line break.
    let mut in_svg = false;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                out.push(rest.to_string());
            }
            break;
        };
        if skip_until.is_none() && lt > 0 {
            let node = &rest[..lt];
            out.push(if in_svg { node.trim() } else { node }.to_string());
        }
        rest = &rest[lt..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(rest.len(), |e| e + 3)
        } else {
            rest.find('>').map_or(rest.len(), |e| e + 1)
        };
        let tag = rest[..end].to_ascii_lowercase();
        if tag.starts_with("<svg") {
            in_svg = true;
        } else if tag.starts_with("</svg") {
            in_svg = false;
        }
        if let Some(close) = &skip_until {
            if tag.starts_with(close.as_str()) {
                skip_until = None;
            }
        } else {
            for name in ["code", "pre", "script", "style", "kbd", "samp", "textarea"] {
                let open = format!("<{name}");
                let next = tag[open.len().min(tag.len())..].chars().next();
                if tag.starts_with(&open) && matches!(next, Some('>' | ' ')) {
                    skip_until = Some(format!("</{name}"));
                }
            }
        }
        rest = &rest[end..];
    }
    out
}

/// The places in `text` where French typography is broken, with a little context.
fn faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let context = |i: usize| -> String {
        let from = i.saturating_sub(25);
        let to = (i + 25).min(chars.len());
        chars[from..to]
            .iter()
            .collect::<String>()
            .replace('\n', "⏎")
    };
    let breakable = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    for i in 1..chars.len() {
        let (prev, c) = (chars[i - 1], chars[i]);
        if breakable(prev) && matches!(c, '?' | ':' | ';' | '!' | '»') {
            out.push(format!("`{c}` after a breakable space: «{}»", context(i)));
        }
        if c == '«' && chars.get(i + 1).copied().is_some_and(breakable) {
            out.push(format!("breakable space after `«`: «{}»", context(i)));
        }
        // A group of 1–3 digits starting a number, an ASCII space, then exactly three digits.
        if prev.is_ascii_digit() && c == ' ' {
            let digits = chars[..i]
                .iter()
                .rev()
                .take_while(|d| d.is_ascii_digit())
                .count();
            let before = (i - digits).checked_sub(1).map(|k| chars[k]);
            let starts = !before.is_some_and(|b| b.is_alphanumeric() || b == ',' || b == '.');
            let three = (1..=3).all(|k| chars.get(i + k).is_some_and(char::is_ascii_digit))
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
            if digits <= 3 && starts && three {
                out.push(format!("ASCII space inside a number: «{}»", context(i)));
            }
        }
    }
    out
}

#[test]
fn issue_14_no_line_starts_with_high_punctuation_and_no_number_splits() {
    let site = demo_with_drafts();
    let mut found = Vec::new();
    let mut pages = 0;
    for (path, bytes) in &site {
        if !(path.ends_with(".html") || path.ends_with(".svg")) {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(bytes);
        for node in text_nodes(&html) {
            found.extend(faults(&node).into_iter().map(|f| format!("{path}: {f}")));
        }
    }
    assert!(pages > 100, "the demo has its pages ({pages})");
    assert!(
        found.is_empty(),
        "{} typography faults, first ones:\n{}",
        found.len(),
        found
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_checker_finds_what_it_names() {
    let bad = "Parce que : oui ? « non » 50 000 habitants";
    assert_eq!(faults(bad).len(), 5, "{:?}", faults(bad));
    assert!(faults("Parce que\u{202f}: oui\u{202f}? en 2024 123 communes").is_empty());
    assert_eq!(
        text_nodes("<p>a : b</p><code>x : y</code><pre><code>z ?</code></pre>"),
        ["a : b"]
    );
}

#[test]
fn issue_14_report_opens_with_en_bref_then_its_contents_and_prints_every_answer() {
    let site = demo_with_drafts();
    let html = String::from_utf8_lossy(&site["communes/namur/index.html"]);
    let headings: Vec<&str> = html
        .split("<h2 id=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .collect();
    assert_eq!(headings[..2], ["en-bref", "sommaire"], "{headings:?}");
    let brief = html
        .split("<section class=\"brief\"")
        .nth(1)
        .and_then(|b| b.split("</section>").next())
        .expect("an En bref block");
    assert_eq!(
        brief.matches("<li>").count(),
        6,
        "three links, three actions"
    );
    assert!(brief.contains("Prochain audit conseillé"));
    // Every anchor of the table of contents exists on the page.
    let toc = html.split("<nav class=\"report-toc\"").nth(1).unwrap();
    let toc = toc.split("</nav>").next().unwrap();
    for anchor in toc
        .split("href=\"#")
        .skip(1)
        .filter_map(|a| a.split('"').next())
    {
        assert!(html.contains(&format!("id=\"{anchor}\"")), "#{anchor}");
    }
    // The answers are never folded: each criterion's evidence sits outside any <details>.
    let answers = html
        .split("<h2 id=\"reponses\"")
        .nth(1)
        .expect("the answers");
    let answers = answers.split("<h2 ").next().unwrap();
    assert!(answers.matches("<tr><th scope=\"row\">").count() >= 40);
    let before_details = answers.split("<details").next().unwrap();
    assert_eq!(
        before_details.matches("<tr><th scope=\"row\">").count(),
        answers.matches("<tr><th scope=\"row\">").count(),
        "an answer is inside a <details>"
    );
}
