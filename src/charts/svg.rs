//! SVG output: the accessible `<svg>` wrapper, escaping, ids, and the chart for no data.

use super::pen::{Drawn, Pen};
use super::text::Font;
use super::{Chart, DataTable, FONT, INK, LABEL_SIZE, MARGIN, NO_DATA, NO_DATA_DESC, RULE, WIDTH};
use crate::i18n::{f, t};
use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::WHITE;
use std::fmt::Write as _;

/// Draws with `draw` on a white canvas of WIDTH × `height` and returns the finished SVG.
pub(super) fn render(
    id: &str,
    title: &str,
    desc: &str,
    height: f64,
    draw: impl FnOnce(&mut Pen) -> Drawn,
) -> String {
    let size = (WIDTH as u32, height.ceil() as u32);
    let mut raw = String::new();
    let tips = {
        let area = SVGBackend::with_string(&mut raw, size).into_drawing_area();
        let mut pen = Pen {
            area,
            tips: Vec::new(),
        };
        pen.area
            .fill(&WHITE)
            .and_then(|()| draw(&mut pen))
            .and_then(|()| pen.area.present())
            .expect("drawing into a String cannot fail");
        pen.tips
    };
    finish_svg(&raw, &clean_id(id), title, desc, &tips)
}

/// Turns plotters' SVG into an accessible, scalable one: a new root element with
/// `role="img"`, `aria-labelledby`, `viewBox` and `width="100%"`, then `<title>` and
/// `<desc>` with ids prefixed by `id`; rounds font sizes, drops `opacity="1"` and adds a
/// `<title>` tooltip to every text element whose content is an abbreviated label.
pub(super) fn finish_svg(
    raw: &str,
    id: &str,
    title: &str,
    desc: &str,
    tips: &[(String, String)],
) -> String {
    let body_start = raw.find(">\n").map_or(0, |i| i + 2);
    let view_box = attribute(raw, "viewBox").unwrap_or("0 0 0 0");
    let mut out = String::with_capacity(raw.len() + 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{view_box}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(title),
        escape(desc)
    );
    let body = round_font_sizes(&raw[body_start..]).replace(" opacity=\"1\"", "");
    // One pass over the text elements, so that many tooltips on a big chart stay linear.
    let mut tipped: std::collections::BTreeMap<String, String> = Default::default();
    for (text, full) in tips {
        tipped.entry(escape(text)).or_insert_with(|| escape(full));
    }
    const CLOSE: &str = "\n</text>";
    let mut rest = body.as_str();
    while let Some(end) = rest.find(CLOSE) {
        let head = &rest[..end];
        let tip = head
            .rfind(">\n")
            .and_then(|start| Some((start, tipped.get(&head[start + 2..])?)));
        match tip {
            Some((start, full)) => {
                let _ = write!(
                    out,
                    "{}\n<title>{full}</title>{}",
                    &head[..=start],
                    &head[start + 2..]
                );
            }
            None => out.push_str(head),
        }
        out.push_str(CLOSE);
        rest = &rest[end + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

pub(super) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Rewrites every `font-size="14.999999"` with at most one decimal.
pub(super) fn round_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let start = i + KEY.len();
        out.push_str(&rest[..start]);
        let len = rest[start..].find('"').unwrap_or(0);
        let value = &rest[start..start + len];
        match value.parse::<f64>() {
            Ok(v) => {
                let s = format!("{v:.1}");
                out.push_str(s.strip_suffix(".0").unwrap_or(&s));
            }
            Err(_) => out.push_str(value),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Escapes text for XML content and attributes, as plotters does.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Keeps `[A-Za-z0-9_-]`, replaces anything else by "-", and never starts with a digit.
pub(super) fn clean_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    match cleaned.chars().next() {
        None => "chart".to_string(),
        Some(c) if c.is_ascii_digit() => format!("chart-{cleaned}"),
        Some(_) => cleaned,
    }
}

pub(super) fn finish_chart(
    id: &str,
    title: &str,
    caption: &str,
    svg: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Chart {
    Chart {
        id: clean_id(id),
        title: title.to_string(),
        caption: caption.to_string(),
        svg,
        table: DataTable { headers, rows },
    }
}

/// The chart for no data: a small frame that says so, and a table with headers only.
pub(super) fn empty_chart(id: &str, title: &str, headers: Vec<String>) -> Chart {
    let desc = f(NO_DATA_DESC, &[&title]);
    let svg = render(id, title, &desc, 96.0, |pen| {
        pen.outline(MARGIN, MARGIN, WIDTH - MARGIN, 96.0 - MARGIN, RULE)?;
        let font = Font::new(LABEL_SIZE, INK).at(HPos::Center, VPos::Center);
        pen.text(t(NO_DATA), WIDTH / 2.0, 48.0, font)
    });
    finish_chart(id, title, t(NO_DATA), svg, headers, Vec::new())
}
