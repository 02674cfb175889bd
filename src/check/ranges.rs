//! The accepted range of every number, date and text length a commune writes: one table,
//! read by the checks below (located errors, called by `communes`) and by the audit JSON
//! Schema (`scaffold`), and listed in `docs/FORMAT.md`.
//!
//! The bounds are fixed, never relative to today: the build reads no clock, so "not in the
//! future" is approximated by a last accepted year. They are wide enough for any real
//! Walloon commune and narrow enough that nothing downstream (sums, charts, reports) can
//! overflow, loop or grow without bound.

use super::Report;
use crate::diagnostic::Diagnostic;
use crate::i18n::{f, t};
use crate::load::raw::*;
use crate::model::is_date;
use crate::model::Quarter;

pub use crate::model::limits::*;

/// Writes a number for a message: plain when short, in scientific notation when huge or
/// tiny (`1e308` rather than 309 digits).
pub fn shown(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-6..1e12).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

// ---------------------------------------------------------------------------------------
// The checks: each reports a value out of its range where it is written, with the range as
// help. Called by `communes` while it resolves a commune and its audits.

/// Reports a number outside `bounds` at its place, the accepted range as help.
fn in_range<T: PartialOrd + Copy + std::fmt::Display>(
    r: &mut Report,
    v: &Sp<T>,
    what: &str,
    bounds: Bounds<T>,
) {
    if !bounds.contains(&v.value) {
        r.error(v, f("diag.out-of-range", &[&what, &v.value])).help =
            Some(f("help.range", &[&bounds.min, &bounds.max]));
    }
}

/// [`in_range`] for decimals, written short when huge (`1e308`, not 309 digits).
pub(super) fn in_range_f64(r: &mut Report, v: &Sp<f64>, what: &str, bounds: Bounds<f64>) {
    if !bounds.contains(&v.value) {
        r.error(v, f("diag.out-of-range", &[&what, &shown(v.value)]))
            .help = Some(f("help.range", &[&shown(bounds.min), &shown(bounds.max)]));
    }
}

/// Reports a text longer than `max` characters, at `at` (the text itself or its item).
pub(super) fn not_too_long<T>(r: &mut Report, at: &Sp<T>, text: &str, what: &str, max: usize) {
    let n = text.chars().count();
    if n > max {
        r.error(at, f("diag.too-long", &[&what, &n])).help = Some(f("help.too-long", &[&max]));
    }
}

/// Reports a list longer than `max` items, at its first item over the limit.
fn not_too_many<T>(
    r: &mut Report,
    items: &[T],
    at: impl Fn(&T) -> &Sp<String>,
    what: &str,
    max: usize,
) {
    if let Some(extra) = items.get(max) {
        r.error(at(extra), f("diag.too-many", &[&what, &items.len()]))
            .help = Some(f("help.too-many", &[&max]));
    }
}

/// Checks the ranges of a commune's identity: name, population, year, area.
pub(super) fn check_identity(raw: &RawCommune, r: &mut Report) {
    if raw.name.value.trim().is_empty() {
        r.error(&raw.name, t("diag.empty-name").to_string()).help =
            Some(t("help.empty-name").to_string());
    }
    not_too_long(r, &raw.name, &raw.name.value, "name", NAME_CHARS);
    not_too_long(
        r,
        &raw.province,
        &raw.province.value,
        "province",
        NAME_CHARS,
    );
    if let Some(note) = &raw.sources_note {
        not_too_long(r, note, &note.value, "sources_note", LINE_CHARS);
    }
    if raw.population.value != 0 {
        // 0 is the placeholder of an unknown population (`check::identity`).
        in_range(r, &raw.population, "population", POPULATION);
    }
    if let Some(year) = &raw.population_year {
        in_range(r, year, "population_year", POPULATION_YEAR);
    }
    if let Some(area) = &raw.area_km2 {
        if !(area.value > 0.0 && area.value <= AREA_KM2_MAX) {
            r.error(
                area,
                f("diag.out-of-range", &[&"area_km2", &shown(area.value)]),
            )
            .help = Some(f("help.area", &[&AREA_KM2_MAX]));
        }
    }
}

/// Checks the audit's year, in its id (the file name) and in its date, against a fixed range.
pub(super) fn check_audit_years(id: &str, path: &str, date: &Sp<String>, r: &mut Report) {
    let year = |s: &str| s.get(..4).and_then(|y| y.parse::<i32>().ok());
    let help = f("help.audit-year", &[&AUDIT_YEAR.min, &AUDIT_YEAR.max]);
    if let Some(y) = year(id).filter(|y| !AUDIT_YEAR.contains(y)) {
        r.diagnostics.push(
            Diagnostic::error(path, 0, 0, f("diag.audit-id-year", &[&id, &y])).with_help(&help),
        );
    }
    if is_date(&date.value) && year(&date.value).is_some_and(|y| !AUDIT_YEAR.contains(&y)) {
        r.error(date, f("diag.out-of-range", &[&"date", &date.value]))
            .help = Some(help);
    }
}

/// Checks the lengths of the audit's texts and lists, and its indicators' ranges.
pub(super) fn check_audit_texts(raw: &RawAudit, r: &mut Report) {
    for a in &raw.auditors {
        not_too_long(r, a, &a.value, "auditors", LINE_CHARS);
    }
    not_too_many(r, &raw.auditors, |a| a, "auditors", AUDITORS);
    if let Some(s) = &raw.summary {
        not_too_long(r, s, &s.value, "summary", TEXT_CHARS);
    }
    for a in &raw.answers {
        if let Some(e) = &a.evidence {
            not_too_long(r, e, &e.value, "evidence", TEXT_CHARS);
        }
    }
    not_too_many(r, &raw.inventory, |i| &i.kind, "inventory", INVENTORY_ITEMS);
    not_too_many(r, &raw.plan, |p| &p.action, "plan", PLAN_ITEMS);
    let Some(ind) = &raw.indicators else {
        return;
    };
    for (v, what, bounds) in [
        (&ind.shops, "shops", COUNT),
        (&ind.parking_spaces, "parking_spaces", COUNT),
        (&ind.collection_points, "collection_points", COUNT),
        (&ind.footfall, "footfall", FOOTFALL),
    ] {
        if let Some(v) = v {
            in_range(r, v, what, bounds);
        }
    }
    if let Some(rate) = &ind.vacancy_rate {
        in_range_f64(r, rate, "vacancy_rate", PERCENT);
    }
    if let Some(s) = &ind.footfall_source {
        not_too_long(r, s, &s.value, "footfall_source", LINE_CHARS);
    }
}

/// Checks the lengths of an inventory item's texts, located at its name.
pub(super) fn check_inventory_texts(item: &RawInventoryItem, r: &mut Report) {
    for (text, what) in [
        (&item.name.value, "name"),
        (&item.holder, "holder"),
        (&item.format, "format"),
        (&item.refresh, "refresh"),
        (&item.legal_basis, "legal_basis"),
        (&item.citation, "citation"),
    ] {
        not_too_long(r, &item.name, text, what, LINE_CHARS);
    }
}

/// Checks a plan item's amounts, texts, years and length.
pub(super) fn check_plan_item(p: &RawPlanItem, (start, end): (Quarter, Quarter), r: &mut Report) {
    for (v, what, bounds) in [
        (&p.staff_days, "staff_days", STAFF_DAYS),
        (&p.budget_one_off, "budget_one_off", EUROS),
        (&p.budget_yearly, "budget_yearly", EUROS),
    ] {
        if let Some(v) = v {
            in_range_f64(r, v, what, bounds);
        }
    }
    not_too_long(r, &p.owner, &p.owner.value, "owner", LINE_CHARS);
    if let Some(k) = &p.kpi {
        not_too_long(r, k, &k.value, "kpi", LINE_CHARS);
    }
    let mut years_ok = true;
    for (q, at, what) in [(start, &p.start, "start"), (end, &p.end, "end")] {
        if !PLAN_YEAR.contains(&q.year) {
            years_ok = false;
            r.error(at, f("diag.out-of-range", &[&what, &at.value]))
                .help = Some(f("help.plan-year", &[&PLAN_YEAR.min, &PLAN_YEAR.max]));
        }
    }
    let index = |q: Quarter| i64::from(q.year) * 4 + i64::from(q.quarter) - 1;
    let quarters = index(end) - index(start) + 1;
    if years_ok && quarters > PLAN_QUARTERS {
        r.error(
            &p.end,
            f("diag.plan-too-long", &[&quarters, &PLAN_QUARTERS]),
        )
        .help = Some(t("help.plan-too-long").to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_inclusive_and_refuse_nan() {
        assert!(EUROS.contains(&0.0) && EUROS.contains(&1e9));
        assert!(!EUROS.contains(&-0.5) && !EUROS.contains(&f64::NAN));
        assert!(!EUROS.contains(&f64::INFINITY));
        assert!(AUDIT_YEAR.contains(&2025) && !AUDIT_YEAR.contains(&2099));
    }

    #[test]
    fn huge_numbers_are_shown_short() {
        assert_eq!(shown(1e308), "1e308");
        assert_eq!(shown(-1e308), "-1e308");
        assert_eq!(shown(12.5), "12.5");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(f64::INFINITY), "inf");
    }
}
