//! Charts: the figures of the render stage, drawn as accessible SVG.
//!
//! Takes plain data (labels as [`Axis`], scores 0–100 as `Option<f64>`, counts, euros,
//! quarters) and returns a [`Chart`]: a complete `<svg>` element with `role="img"`, a
//! `<title>` and a French `<desc>` that states the data in words, plus the same data as a
//! [`DataTable`] for an HTML table after the figure. Every word it writes comes from the
//! translation table (`chart.*` keys of `i18n/fr.toml`, through [`crate::i18n`]), and every
//! number is rounded and written by [`crate::format`], so a chart shows the digits the page
//! around it shows; it depends on nothing else in the crate, reads no file, font or clock,
//! and the same input always gives the same bytes.
//!
//! Drawing goes through plotters' SVG backend on a bare drawing area (rectangles,
//! polygons, lines, text) rather than `ChartBuilder`: the layout is computed here with a
//! deliberately wide estimate of text width (tuned on DejaVu Sans, the widest common
//! `system-ui` fallback), since no font is ever measured. Drawn labels use each axis'
//! `short` name, wrapped or cut with "…"; the `full` name is in a `<title>` tooltip on the
//! label, in the `<desc>` and in the table. Any chart given no data draws a small frame
//! that says "Aucune donnée à représenter".

//!
//! One file per figure ([`radar()`], [`heatmap()`], [`inventory()`], [`gantt()`], [`budget()`],
//! [`progress()`], [`strip()`]) over four shared pieces that never import a figure:
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | the public types, sizes and palette, the shared i18n keys and desc helpers |
//! | `layout.rs` | label columns, axes and ticks, legends |
//! | `text.rs` | the text-width estimate, wrapping and "…" |
//! | `pen.rs` | WCAG contrast and the drawing pen on plotters' SVG backend |
//! | `svg.rs` | the accessible `<svg>` wrapper, escaping, ids and the empty chart |

mod budget;
mod envelope;
mod gantt;
mod heatmap;
mod inventory;
mod layout;
mod pen;
mod progress;
mod radar;
mod strip;
mod svg;
mod text;

pub use budget::budget;
pub use envelope::{envelope, Resource};
pub use gantt::gantt;
pub use heatmap::{heatmap, heatmap_marked, CellMark};
pub use inventory::inventory;
pub use progress::progress;
pub use radar::radar;
pub use strip::strip;

use crate::format;
use crate::i18n::{f, t};
use plotters::style::RGBColor;

/// A labelled axis, step or angle: `short` is drawn, `full` is read in tooltips, desc and tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    /// The short label drawn on the chart, e.g. "Stationner".
    pub short: String,
    /// The full name, e.g. "Stationner à proximité des commerces".
    pub full: String,
}

impl Axis {
    /// Builds an axis from its short and full labels.
    pub fn new(short: impl Into<String>, full: impl Into<String>) -> Self {
        Axis {
            short: short.into(),
            full: full.into(),
        }
    }
}

/// A chart's data as text, for an HTML table placed after the figure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataTable {
    /// Column headers, in French.
    pub headers: Vec<String>,
    /// One row per data line, each as long as `headers`; empty when there is no data.
    pub rows: Vec<Vec<String>>,
}

/// A finished figure: its SVG and everything a template needs around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The id given by the caller, reduced to `[A-Za-z0-9_-]`; prefixes every id inside `svg`.
    pub id: String,
    /// A short French title, also the SVG's `<title>`; suits a `<figcaption>` heading.
    pub title: String,
    /// One or two French sentences telling how to read the figure.
    pub caption: String,
    /// A complete `<svg>` element, scalable (`viewBox`, `width="100%"`), with `<title>` and `<desc>`.
    pub svg: String,
    /// The data drawn, as text.
    pub table: DataTable,
}

/// One action of the plan, as drawn on the Gantt chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// What is to be done, e.g. "Créer une vitrine en ligne des commerces".
    pub label: String,
    /// Who carries it out, e.g. "Service communication".
    pub owner: String,
    /// The `short` (or `full`) name of the step it serves; it picks the bar colour.
    pub step_short: String,
    /// First quarter, as (year, quarter 1–4).
    pub start: (i32, u8),
    /// Last quarter, inclusive, as (year, quarter 1–4).
    pub end: (i32, u8),
    /// Its state in words, e.g. "en cours".
    pub status_label: String,
}

/// One typology of communes on the strip chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StripGroup {
    /// The typology, e.g. "Villes moyennes".
    pub label: String,
    /// The communes of this typology.
    pub points: Vec<StripPoint>,
}

/// One commune on the strip chart.
#[derive(Debug, Clone, PartialEq)]
pub struct StripPoint {
    /// The commune's name.
    pub label: String,
    /// Its overall index, 0–100.
    pub value: f64,
}

// ---------------------------------------------------------------------------------------
// Look: sizes and colours. Every text colour is ≥ 4.5:1 on its background, every mark
// that carries data ≥ 3:1 against white (WCAG 2.1 AA 1.4.3 and 1.4.11).

/// Width of every chart's viewBox; the SVG scales from there.
const WIDTH: f64 = 560.0;
/// Outer margin.
const MARGIN: f64 = 12.0;
/// Font family named in the SVG; nothing is loaded.
const FONT: &str = "system-ui, sans-serif";
const LABEL_SIZE: f64 = 16.0;
const SMALL_SIZE: f64 = 14.0;
const LINE: f64 = 19.0;

const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
const BLACK: RGBColor = RGBColor(0, 0, 0);
const MUTED: RGBColor = RGBColor(0x4d, 0x4d, 0x4d);
const GRID: RGBColor = RGBColor(0xcc, 0xcc, 0xcc);
const RULE: RGBColor = RGBColor(0x76, 0x76, 0x76);
const NONE_FILL: RGBColor = RGBColor(0xf2, 0xf2, 0xf2);

// Okabe–Ito, colour-blind safe.
const OI_ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const OI_SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
const OI_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const OI_YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
const OI_BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const OI_VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const OI_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// i18n keys of the texts shared by several charts.
const NO_DATA: &str = "chart.no-data";
const NO_DATA_DESC: &str = "chart.desc.no-data";
const NOT_SCORED: &str = "chart.not-scored";
const STEP: &str = "chart.head.step";
const TOTAL: &str = "chart.head.total";

// ---------------------------------------------------------------------------------------
// Data and words shared by the figures

/// Reads score `i`, clamped to 0–100; missing or non-finite is `None`.
fn score_at(values: &[Option<f64>], i: usize) -> Option<f64> {
    values
        .get(i)
        .copied()
        .flatten()
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(0.0, 100.0))
}

/// Writes a score for the desc: "42 sur 100" (rounded by [`format::rounded`]) or "non évalué".
fn score_words(v: Option<f64>) -> String {
    match format::score_units(v) {
        Some(_) => f("chart.score-words", &[&format::score(v)]),
        None => t(NOT_SCORED).to_string(),
    }
}

/// Joins `parts` into "intro. a ; b ; c."
fn sentence(intro: &str, parts: impl Iterator<Item = String>) -> String {
    let parts: Vec<String> = parts.collect();
    f(
        "chart.desc.sentence",
        &[&intro, &parts.join(t("chart.desc.separator"))],
    )
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
