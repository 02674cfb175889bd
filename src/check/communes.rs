//! Checks communes and their audits against the methodology version each audit names.

use std::collections::{BTreeMap, BTreeSet};

use super::audit::check_audit;
use super::ranges::check_identity;
use super::Report;
use crate::diagnostic::{suggest, Diagnostic};
use crate::i18n::{f, t};
use crate::load::RawCommuneDir;
use crate::model::*;

/// The checked methodology versions an audit may name.
pub(super) struct Versions<'a> {
    /// Checked methodologies by label.
    pub methodologies: &'a BTreeMap<String, Methodology>,
    /// Labels, oldest first.
    pub order: &'a [String],
    /// The unreleased working tree's label, if any.
    pub draft: Option<&'a str>,
    /// The `git` command that completes an incomplete clone.
    pub fetch_hint: Option<&'a str>,
    /// Declared versions that could not be read (already reported where they are declared).
    pub unreadable: &'a BTreeSet<String>,
}

pub(super) fn check_commune(
    dir: RawCommuneDir,
    config: &crate::config::Config,
    versions: &Versions<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Commune> {
    let raw = dir.commune?;
    let mut r = Report::new(&dir.path);
    let placeholders = super::identity::placeholders(&raw);
    let placeholder = |field: &str| placeholders.iter().any(|(p, _)| *p == field);
    let ins = &raw.ins;
    if placeholder("ins") {
        // Reported below, as a warning or an error depending on what is published.
    } else if ins.value.len() != 5 || !ins.value.bytes().all(|b| b.is_ascii_digit()) {
        r.error(ins, f("diag.bad-ins", &[&ins.value])).help = Some(t("help.ins").to_string());
    }
    let intercommunales: BTreeSet<String> = config.intercommunales.keys().cloned().collect();
    if !placeholder("intercommunale")
        && !r.reference(
            &raw.intercommunale,
            &intercommunales,
            "diag.unknown-intercommunale",
        )
        && suggest(
            &raw.intercommunale.value,
            intercommunales.iter().map(String::as_str),
        )
        .is_none()
    {
        if let Some(d) = r.diagnostics.last_mut() {
            d.help = Some(f(
                "help.declare-intercommunale",
                &[&raw.intercommunale.value],
            ));
        }
    }
    let newest = versions
        .order
        .last()
        .and_then(|v| versions.methodologies.get(v));
    if let Some(m) = newest.filter(|_| !placeholder("degurba")) {
        let degurba: BTreeSet<String> = m.degurba.iter().map(|d| d.id.clone()).collect();
        r.reference(&raw.degurba, &degurba, "diag.unknown-degurba");
    }
    check_identity(&raw, &mut r);
    diagnostics.extend(r.diagnostics);

    // Published as `check_audit` will read it (not demoted for an unreleased methodology), even
    // when the audit has errors of its own: every error is reported at once.
    let published = dir.audits.iter().any(|(_, _, a)| {
        a.status == AuditStatus::Published && versions.draft != Some(a.methodology.value.as_str())
    });
    let mut audits = Vec::new();
    for (id, path, audit) in dir.audits {
        if let Some(a) = check_audit(&id, &path, audit, versions, diagnostics) {
            audits.push(a);
        }
    }
    let known = |field: &str| match field {
        "intercommunale" => intercommunales
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        "degurba" => newest.map_or(String::new(), |m| {
            m.degurba
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        _ => String::new(),
    };
    super::identity::report(&dir.path, &placeholders, published, &known, diagnostics);
    Some(Commune {
        slug: dir.slug,
        name: raw.name.value,
        ins: raw.ins.value,
        province: raw.province.value,
        intercommunale: raw.intercommunale.value,
        population: raw.population.value,
        population_year: raw.population_year.map(|y| y.value),
        area_km2: raw.area_km2.map(|a| a.value),
        degurba: raw.degurba.value,
        sources_note: raw.sources_note.map(|n| n.value),
        fictional: raw.fictional,
        audits,
    })
}
