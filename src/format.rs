//! The presentation policy: the only place that rounds and formats numbers, for pages,
//! charts, CSV and JSON alike, in French, before anything reaches a template or a chart.
//!
//! - **Rounding** is half away from zero, at any number of places: 52.5 → 53, 12.25 → 12.3,
//!   −0.5 → −1 ([`rounded`], [`round_to`]). A negative zero is written `0`.
//! - **One published value.** A score is published with [`SCORE_PLACES`] decimal and a
//!   share with [`SHARE_PLACES`] (the CSV and JSON exports); pages, bars and charts round
//!   that published value, never the raw one ([`score_units`], [`percent`]). So a reader
//!   who rounds the export gets the page's number: a raw 45.46 is exported 45.5 and shown
//!   46 everywhere, where rounding the raw value would show 45 beside an exported 45.5.
//!   Scores are multiples of 12.5 or 25 divided by weights, so exact halves are common.
//! - **Thousands** are grouped with a narrow no-break space (U+202F), the French grouping
//!   separator of CLDR and of the *Lexique des règles typographiques*; it never breaks a
//!   number across lines and is narrower than the U+00A0 that separates a number from its
//!   unit (`12 500 €`, `86 %`).
//! - **Signs**: a negative amount keeps its sign, written with a true minus (U+2212, read
//!   "moins" by screen readers); nothing is silently clamped.
//! - **Exports** ([`decimals`], [`round_to`]) use a point and a fixed number of places, so
//!   the CSV text and the JSON number of one value are the same digits.
//!
//! Every word and symbol comes from `i18n/fr.toml` (`format.*` keys).

use crate::i18n::{f, t};

/// Rounds to the unit, half away from zero; `None` or a non-finite value is `None`.
/// Values beyond the range of `i64` saturate.
pub fn rounded(value: Option<f64>) -> Option<i64> {
    value.filter(|v| v.is_finite()).map(|v| v.round() as i64)
}

/// The decimals a score (0–100) is published with, in the CSV and JSON exports.
pub const SCORE_PLACES: u8 = 1;
/// The decimals a share (0–1) is published with: a percentage with one decimal.
pub const SHARE_PLACES: u8 = 3;

/// A score as pages, bars and charts show it: its published value ([`SCORE_PLACES`])
/// rounded to the unit, half away from zero; `None` or a non-finite score is `None`.
pub fn score_units(score: Option<f64>) -> Option<i64> {
    rounded(score.map(|v| round_to(v, SCORE_PLACES)))
}

/// Rounds to `places` decimals, half away from zero (as [`rounded`] does at 0 places).
/// A non-finite value, or one too large to have decimals, comes back unchanged.
pub fn round_to(value: f64, places: u8) -> f64 {
    let scale = 10f64.powi(i32::from(places));
    let scaled = value * scale;
    if !scaled.is_finite() || scaled.abs() >= 2f64.powi(52) {
        return value;
    }
    let r = scaled.round() / scale;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Writes a number for an export: rounded by [`round_to`], a point, exactly `places`
/// decimals, e.g. `decimals(12.25, 1)` is `12.3`.
pub fn decimals(value: f64, places: u8) -> String {
    let r = round_to(value, places);
    let places = usize::from(places);
    format!("{r:.places$}")
}

/// Writes a 0–100 score rounded to the unit ([`score_units`]), or an em dash when there is none.
pub fn score(value: Option<f64>) -> String {
    score_or(value, t("format.missing"))
}

/// Writes a score rounded to the unit ([`score_units`]), or `missing` when there is none.
pub fn score_or(value: Option<f64>, missing: &str) -> String {
    score_units(value).map_or_else(|| missing.to_string(), integer)
}

/// The difference of two rounded scores, `after − before`, as shown: the same digits as the
/// two scores written side by side (53 − 52 is 1 even when the raw values differ by 0.5).
pub fn change(before: Option<f64>, after: Option<f64>) -> Option<i64> {
    Some(score_units(after)? - score_units(before)?)
}

/// Writes a change with its sign: `+3`, `−3` (a true minus) or `0`.
pub fn signed(change: i64) -> String {
    if change > 0 {
        format!("+{}", integer(change))
    } else {
        integer(change)
    }
}

/// Formats a 0–1 share as a French percentage, e.g. `86 %`: its published value
/// ([`SHARE_PLACES`]) as a percentage, rounded to the unit.
pub fn percent(share: Option<f64>) -> String {
    let published = share.map(|s| round_to(round_to(s, SHARE_PLACES) * 100.0, SHARE_PLACES - 2));
    rounded(published).map_or_else(
        || t("format.missing").to_string(),
        |p| f("format.percent", &[&integer(p)]),
    )
}

/// Formats an integer with French thousands separators, e.g. `12 500`.
pub fn thousands(value: u64) -> String {
    group(&value.to_string())
}

/// Formats a signed integer with French thousands separators and a true minus, e.g. `−1 500`.
pub fn integer(value: i64) -> String {
    let digits = group(&value.unsigned_abs().to_string());
    if value < 0 {
        format!("{}{digits}", t("format.minus"))
    } else {
        digits
    }
}

fn group(digits: &str) -> String {
    let separator = t("format.thousands-separator");
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// Formats euros rounded to the unit ([`rounded`]), e.g. `12 500 €`; a non-finite amount
/// is `0 €`.
pub fn euros(value: f64) -> String {
    f(
        "format.euros",
        &[&integer(rounded(Some(value)).unwrap_or(0))],
    )
}

/// Formats a range of euros, e.g. `5 000 – 15 000 €`.
pub fn euro_range(range: [f64; 2]) -> String {
    if range[0] == range[1] {
        euros(range[0])
    } else {
        f(
            "format.euro-range",
            &[
                &integer(rounded(Some(range[0])).unwrap_or(0)),
                &euros(range[1]),
            ],
        )
    }
}

/// Formats a range of person-days, e.g. `15–25 jours` (`10 jours` when both ends agree).
pub fn day_range(range: [f64; 2]) -> String {
    let span = if range[0] == range[1] {
        decimal(range[0])
    } else {
        format!("{}–{}", decimal(range[0]), decimal(range[1]))
    };
    f("format.days", &[&span])
}

/// Formats a decimal with at most one digit ([`round_to`]) and a French comma, dropping `,0`.
pub fn decimal(value: f64) -> String {
    let s = decimals(value, 1).replace('.', t("format.decimal-separator"));
    let zero = format!("{}0", t("format.decimal-separator"));
    s.strip_suffix(&zero).map(str::to_string).unwrap_or(s)
}

/// The French month names, January first, as [`date`] writes them.
pub const MONTHS: [&str; 12] = [
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

/// Formats a date `YYYY-MM-DD` as `14 mars 2025`.
pub fn date(iso: &str) -> String {
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

/// The maturity band of a score, for colour classes: 0 (weak) to 4 (strong), by the
/// number shown ([`score_units`]), so that a score written 25 is never in the band below.
pub fn band(value: Option<f64>) -> &'static str {
    match score_units(value) {
        None => "none",
        Some(v) if v < 25 => "b0",
        Some(v) if v < 50 => "b1",
        Some(v) if v < 65 => "b2",
        Some(v) if v < 80 => "b3",
        Some(_) => "b4",
    }
}

/// A lower-case letter without its accent, for slugs, sort keys and width estimates: the
/// one accent-folding table of the crate. `œ` and `æ` fold to `o` and `a`; anything not in
/// the table comes back unchanged.
pub fn fold_accent(c: char) -> char {
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'æ' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'œ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ÿ' => 'y',
        other => other,
    }
}

/// Sorts names as a French reader expects: case and accents ignored ([`fold_accent`]).
pub fn sort_key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_french_numbers() {
        assert_eq!(thousands(1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(integer(-1500), "\u{2212}1\u{202f}500");
        assert_eq!(euros(12500.0), "12\u{202f}500\u{a0}€");
        assert_eq!(euros(1_234_567.4), "1\u{202f}234\u{202f}567\u{a0}€");
        assert_eq!(euros(999.5), "1\u{202f}000\u{a0}€");
        assert_eq!(
            euros(-500.0),
            "\u{2212}500\u{a0}€",
            "a negative is never hidden"
        );
        assert_eq!(euros(f64::NAN), "0\u{a0}€");
        assert_eq!(
            euro_range([5000.0, 15000.0]),
            "5\u{202f}000\u{a0}–\u{a0}15\u{202f}000\u{a0}€"
        );
        assert_eq!(percent(Some(0.857)), "86\u{a0}%");
        assert_eq!(percent(Some(0.125)), "13\u{a0}%");
        assert_eq!(decimal(12.0), "12");
        assert_eq!(decimal(12.25), "12,3");
        assert_eq!(date("2025-03-01"), "1er mars 2025");
        assert_eq!(score(None), "—");
        assert_eq!(signed(3), "+3");
        assert_eq!(signed(-3), "\u{2212}3");
        assert_eq!(signed(0), "0");
    }

    #[test]
    fn halves_round_away_from_zero_everywhere() {
        // Liège's 52.5 (issue 12): 53 in the text, the bar, the chart and the exports.
        assert_eq!(score(Some(52.5)), "53");
        assert_eq!(rounded(Some(52.5)), Some(53));
        assert_eq!(rounded(Some(-0.5)), Some(-1));
        assert_eq!(rounded(Some(f64::NAN)), None);
        assert_eq!(decimals(12.25, 1), "12.3");
        assert_eq!(round_to(12.25, 1), 12.3);
        assert_eq!(decimals(52.5, 0), "53");
        assert_eq!(decimals(-0.04, 1), "0.0", "no negative zero");
        assert_eq!(decimals(0.0625, 3), "0.063");
        assert_eq!(change(Some(52.4), Some(52.5)), Some(1));
        // Pages round the published value: 45.46 is exported 45.5, so it shows 46.
        assert_eq!(score(Some(45.46)), "46");
        assert_eq!(score(Some(45.44)), "45");
        assert_eq!(percent(Some(0.4546)), "46\u{a0}%");
        assert_eq!(band(Some(24.96)), "b1", "shown 25, so in the band from 25");
        assert_eq!(band(Some(24.4)), "b0");
    }

    #[test]
    fn one_folding_table_for_slugs_and_sorting() {
        assert_eq!(sort_key("Érezée"), "erezee");
        assert_eq!(sort_key("Œuvre"), "ouvre");
        for c in "àâäáãçéèêëîïíìôöóòõùûüúÿœæ".chars() {
            assert!(fold_accent(c).is_ascii_lowercase(), "{c}");
        }
    }

    /// How a reader rounds a number written in an export, on its decimal text: half away
    /// from zero on the first decimal. Independent of the code under test.
    fn reader_rounds(text: &str) -> i64 {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let mut n: i64 = whole.parse().unwrap();
        if frac.as_bytes()[0] >= b'5' {
            n += 1;
        }
        if negative {
            -n
        } else {
            n
        }
    }

    /// A page writes a true minus; an export a hyphen.
    fn plain(page: &str) -> String {
        page.replace('\u{2212}', "-")
    }

    proptest! {
        /// The same score, written for a page, a chart, a bar width and an export, gives the
        /// same number: the one a reader gets by rounding the export.
        #[test]
        fn page_chart_bar_and_export_show_the_same_number(
            v in -999f64..999.0,
            half in any::<bool>(),
        ) {
            // Exact halves are the case that used to disagree (52.5 read 52 and 53).
            let v = if half { v.trunc() + 0.5f64.copysign(v) } else { v };
            let page = score(Some(v));
            let chart = score_or(Some(v), "non évalué");
            let bar = score_units(Some(v)).unwrap();
            let csv = decimals(v, SCORE_PLACES);
            let json = serde_json::json!(round_to(v, SCORE_PLACES)).to_string();
            prop_assert_eq!(&page, &chart);
            prop_assert_eq!(plain(&page), bar.to_string());
            prop_assert_eq!(reader_rounds(&csv), bar);
            prop_assert_eq!(csv.parse::<f64>().unwrap(), json.parse::<f64>().unwrap());
        }

        /// A share's percentage is the one a reader gets from the exported share.
        #[test]
        fn percent_is_the_rounded_exported_share(share in 0f64..1.0) {
            let csv = decimals(share, SHARE_PLACES);
            // "0.455" is 45.5 %: whole × 100 + two decimals, then the third decides.
            let (whole, frac) = csv.split_once('.').unwrap();
            let mut expected = whole.parse::<i64>().unwrap() * 100 + frac[..2].parse::<i64>().unwrap();
            if frac.as_bytes()[2] >= b'5' {
                expected += 1;
            }
            prop_assert_eq!(percent(Some(share)), format!("{expected}\u{a0}%"));
        }

        /// At one to three places, the CSV text and the JSON number are the same number.
        #[test]
        fn csv_and_json_decimals_agree(v in -1e6f64..1e6, places in 1u8..=3) {
            let csv: f64 = decimals(v, places).parse().unwrap();
            prop_assert_eq!(csv, round_to(v, places));
        }
    }
}
