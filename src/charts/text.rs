//! Text: the width estimate (no font is measured), wrapping and ellipsis.

use crate::format;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

#[derive(Clone, Copy)]
pub(super) struct Font {
    pub(super) size: f64,
    pub(super) colour: RGBColor,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) h: HPos,
    pub(super) v: VPos,
}

impl Font {
    pub(super) fn new(size: f64, colour: RGBColor) -> Self {
        Font {
            size,
            colour,
            bold: false,
            italic: false,
            h: HPos::Left,
            v: VPos::Center,
        }
    }
    pub(super) fn bold(self) -> Self {
        Font { bold: true, ..self }
    }
    pub(super) fn italic(self) -> Self {
        Font {
            italic: true,
            ..self
        }
    }
    pub(super) fn at(self, h: HPos, v: VPos) -> Self {
        Font { h, v, ..self }
    }
    pub(super) fn with_colour(self, colour: RGBColor) -> Self {
        Font { colour, ..self }
    }
    pub(super) fn width(&self, text: &str) -> f64 {
        text_width(text, self.size, self.bold)
    }
    /// The width of a text whose characters' advances sum to `em`.
    pub(super) fn width_of_em(&self, em: f64) -> f64 {
        em_width(em, self.size, self.bold)
    }
}

/// Estimates the rendered width of `text`, on the wide side: DejaVu Sans advances (the
/// widest usual `system-ui` fallback) plus 4 %; bold adds 12 %.
pub(super) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    em_width(text.chars().map(char_em).sum(), size, bold)
}

pub(super) fn em_width(em: f64, size: f64, bold: bool) -> f64 {
    em * size * 1.04 * if bold { 1.12 } else { 1.0 }
}

/// Advance of one character in em, after DejaVu Sans; accented letters as their base.
pub(super) fn char_em(c: char) -> f64 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    // œ and æ are wide letters of their own; every other accent is measured as its base.
    let base = match lower {
        'œ' | 'æ' => lower,
        other => format::fold_accent(other),
    };
    let upper = c.is_uppercase();
    match (base, upper) {
        ('i' | 'j' | 'l', false) => 0.28,
        ('f', false) => 0.36,
        ('t', false) => 0.4,
        ('r', false) => 0.42,
        ('s' | 'z' | 'c', false) => 0.55,
        ('v' | 'x' | 'y' | 'k', false) => 0.6,
        ('m', false) => 0.98,
        ('w', false) => 0.82,
        ('œ' | 'æ', false) => 0.98,
        (_, false) if base.is_alphabetic() => 0.64,
        ('i' | 'j', true) => 0.3,
        ('m' | 'w', true) => 0.99,
        ('o' | 'q' | 'g' | 'd' | 'c', true) => 0.79,
        ('l' | 'f' | 'p' | 't' | 's' | 'e', true) => 0.64,
        (_, true) => 0.76,
        ('0'..='9' | '€' | '$' | '#' | '+' | '=' | '<' | '>', _) => 0.64,
        ('\'' | '’' | '|' | '.' | ',' | ':' | ';' | '!' | '·' | ' ' | '\u{a0}', _) => 0.34,
        ('\u{202f}', _) => 0.2,
        ('(' | ')' | '[' | ']' | '-' | '/', _) => 0.4,
        ('«' | '»' | '–' | '?', _) => 0.56,
        ('→', _) => 0.84,
        ('%' | '—' | '…' | '⚠' | '&' | '@', _) => 1.0,
        _ => 0.7,
    }
}

/// Splits `text` on spaces into lines no wider than `max_w`, at most `max_lines`; the last
/// line ends in "…" if the text does not fit. Linear in the length of `text`.
pub(super) fn wrap(text: &str, max_w: f64, font: Font, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_em = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        // The width of "current word", summed in the order `text_width` sums it.
        let mut em = if current.is_empty() {
            0.0
        } else {
            current_em + char_em(' ')
        };
        for c in word.chars() {
            em += char_em(c);
        }
        if current.is_empty() || font.width_of_em(em) <= max_w {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            current_em = em;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
            current_em = word.chars().map(char_em).sum();
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(format!("{rest}…"));
    }
    lines.iter().map(|l| ellipsize(l, max_w, font)).collect()
}

/// Cuts `text` and appends "…" until it fits in `max_w`. Linear in the length of `text`:
/// widths are sums over characters, so one pass finds the longest prefix that fits.
pub(super) fn ellipsize(text: &str, max_w: f64, font: Font) -> String {
    if font.width(text) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.trim_end_matches('…').chars().collect();
    let mut em = 0.0;
    // The em width of the prefix up to its last non-space character.
    let mut trimmed_em = 0.0;
    let mut best: Option<usize> = None;
    for (k, &c) in chars.iter().enumerate() {
        // The candidate is the first k characters, trimmed, then "…".
        if font.width_of_em(trimmed_em + char_em('…')) > max_w {
            break;
        }
        best = Some(k);
        em += char_em(c);
        if !c.is_whitespace() {
            trimmed_em = em;
        }
    }
    match best {
        Some(k) => chars[..k].iter().collect::<String>().trim_end().to_string() + "…",
        None => "…".to_string(),
    }
}
