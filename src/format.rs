//! Number and label formatting in French, done in Rust before anything reaches a template.

/// Formats a 0–100 score without decimals, or an em dash when there is none.
pub fn score(value: Option<f64>) -> String {
    value
        .map(|v| format!("{:.0}", v))
        .unwrap_or_else(|| "—".into())
}

/// Formats a 0–1 share as a French percentage, e.g. `86 %`.
pub fn percent(share: Option<f64>) -> String {
    share
        .map(|s| format!("{:.0}\u{a0}%", s * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// Formats an integer with French thousands separators, e.g. `12 500`.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// Formats euros without cents, e.g. `12 500 €`.
pub fn euros(value: f64) -> String {
    format!("{}\u{a0}€", thousands(value.max(0.0).round() as u64))
}

/// Formats a range of euros, e.g. `5 000 – 15 000 €`.
pub fn euro_range(range: [f64; 2]) -> String {
    if range[0] == range[1] {
        euros(range[0])
    } else {
        format!(
            "{}\u{a0}–\u{a0}{}",
            thousands(range[0].round() as u64),
            euros(range[1])
        )
    }
}

/// Formats a decimal with one digit and a French comma, dropping `,0`.
pub fn decimal(value: f64) -> String {
    let s = format!("{:.1}", value).replace('.', ",");
    s.strip_suffix(",0").map(str::to_string).unwrap_or(s)
}

/// Formats a date `YYYY-MM-DD` as `14 mars 2025`.
pub fn date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let parts: Vec<&str> = iso.split('-').collect();
    match (
        parts.first(),
        parts.get(1).and_then(|m| m.parse::<usize>().ok()),
        parts.get(2),
    ) {
        (Some(y), Some(m @ 1..=12), Some(d)) => {
            let day = d.trim_start_matches('0');
            let day = if day == "1" { "1er" } else { day };
            format!("{day} {} {y}", MONTHS[m - 1])
        }
        (Some(y), Some(m @ 1..=12), None) => format!("{} {y}", MONTHS[m - 1]),
        _ => iso.to_string(),
    }
}

/// The maturity band of a score, for colour classes: 0 (weak) to 4 (strong).
pub fn band(value: Option<f64>) -> &'static str {
    match value {
        None => "none",
        Some(v) if v < 25.0 => "b0",
        Some(v) if v < 50.0 => "b1",
        Some(v) if v < 65.0 => "b2",
        Some(v) if v < 80.0 => "b3",
        Some(_) => "b4",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_french_numbers() {
        assert_eq!(thousands(1234567), "1\u{a0}234\u{a0}567");
        assert_eq!(euros(12500.0), "12\u{a0}500\u{a0}€");
        assert_eq!(percent(Some(0.857)), "86\u{a0}%");
        assert_eq!(decimal(12.0), "12");
        assert_eq!(decimal(12.25), "12,2");
        assert_eq!(date("2025-03-01"), "1er mars 2025");
        assert_eq!(score(None), "—");
    }
}
