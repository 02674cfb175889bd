//! Belgian public-procurement thresholds: the one dated table the tender page chooses a
//! procedure by (law of 17 June 2016, royal decree « passation » of 18 April 2017, classic
//! sectors, supplies and services of a commune). The amounts change every two years with the
//! European thresholds; the page always says « seuils en vigueur au … , à vérifier ».

use serde::Serialize;

/// The date the amounts of [`THRESHOLDS`] are in force from, ISO `YYYY-MM-DD`.
pub const THRESHOLDS_DATE: &str = "2026-01-01";

/// Years over which a yearly cost counts in a contract's estimated amount (one-off + yearly ×
/// years): four years is the usual longest term of a service contract with renewals.
pub const CONTRACT_YEARS: u32 = 4;

/// From this amount (HTVA), a commune's decision needs the written legality opinion of its
/// *directeur financier* (Walloon CDLD, art. L1124-40).
pub const LEGALITY_OPINION_FROM: f64 = 22_000.0;

/// A procedure of award, by the estimated amount it allows.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Procedure {
    /// *Marché public de faible montant*: an accepted invoice (AR 2017, art. 92).
    FaibleMontant,
    /// *Procédure négociée sans publication préalable* (law of 2016, art. 42, § 1, 1°, a).
    NegocieeSansPublication,
    /// A procedure published in Belgium only: open, restricted, or negotiated with prior
    /// publication (law of 2016, art. 41) below the European thresholds.
    PublicationBelge,
    /// An open or restricted procedure published in the Official Journal of the EU.
    PublicationEuropeenne,
}

impl Procedure {
    /// The key of its name in the translation table (`procedure.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Procedure::FaibleMontant => "faible-montant",
            Procedure::NegocieeSansPublication => "negociee-sans-publication",
            Procedure::PublicationBelge => "publication-belge",
            Procedure::PublicationEuropeenne => "publication-europeenne",
        }
    }
}

/// One row of the table: a procedure is open to amounts strictly below `below` (HTVA, euros).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Threshold {
    /// The procedure.
    pub procedure: Procedure,
    /// The amount it stops at, excluded; none for the last row.
    pub below: Option<f64>,
    /// The amount is checked against an official source of [`THRESHOLDS_DATE`]; otherwise the
    /// page marks it « à vérifier » on its own.
    pub confirmed: bool,
}

/// The thresholds in force from [`THRESHOLDS_DATE`], lowest first.
///
/// 30 000 € HTVA: *faible montant* (AR 18 April 2017, art. 92, as amended in 2022). 140 000 €:
/// the Belgian publication threshold, which follows the European one of central authorities
/// (143 000 € in 2024–2025, 140 000 € from 2026; the royal decree of 2026 is to be checked).
/// 216 000 €: European threshold of supplies and services of sub-central authorities for
/// 2026–2027 (Commission regulations of October 2025; 221 000 € in 2024–2025).
pub const THRESHOLDS: [Threshold; 4] = [
    Threshold {
        procedure: Procedure::FaibleMontant,
        below: Some(30_000.0),
        confirmed: true,
    },
    Threshold {
        procedure: Procedure::NegocieeSansPublication,
        below: Some(140_000.0),
        confirmed: false,
    },
    Threshold {
        procedure: Procedure::PublicationBelge,
        below: Some(216_000.0),
        confirmed: true,
    },
    Threshold {
        procedure: Procedure::PublicationEuropeenne,
        below: None,
        confirmed: true,
    },
];

/// The lightest procedure an estimated amount (HTVA, over the whole term) allows.
///
/// A threshold is an upper bound excluded: 30 000 € exactly is no longer *faible montant*.
/// A negative or non-finite amount is treated as nothing to buy (*faible montant*).
pub fn procedure_for(amount_htva: f64) -> Procedure {
    let amount = if amount_htva.is_finite() {
        amount_htva.max(0.0)
    } else {
        0.0
    };
    THRESHOLDS
        .iter()
        .find(|t| t.below.is_none_or(|b| amount < b))
        .map_or(Procedure::PublicationEuropeenne, |t| t.procedure)
}

/// The estimated amount of a contract over its term: one-off + yearly × [`CONTRACT_YEARS`].
pub fn contract_amount(one_off: f64, yearly: f64) -> f64 {
    one_off + yearly * f64::from(CONTRACT_YEARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_threshold_is_excluded_from_the_procedure_below_it() {
        assert_eq!(procedure_for(0.0), Procedure::FaibleMontant);
        assert_eq!(procedure_for(29_999.99), Procedure::FaibleMontant);
        assert_eq!(procedure_for(30_000.0), Procedure::NegocieeSansPublication);
        assert_eq!(procedure_for(139_999.0), Procedure::NegocieeSansPublication);
        assert_eq!(procedure_for(140_000.0), Procedure::PublicationBelge);
        assert_eq!(procedure_for(215_999.0), Procedure::PublicationBelge);
        assert_eq!(procedure_for(216_000.0), Procedure::PublicationEuropeenne);
        assert_eq!(procedure_for(5e6), Procedure::PublicationEuropeenne);
    }

    #[test]
    fn a_nonsense_amount_is_nothing_to_buy() {
        assert_eq!(procedure_for(-5.0), Procedure::FaibleMontant);
        assert_eq!(procedure_for(f64::NAN), Procedure::FaibleMontant);
        assert_eq!(procedure_for(f64::INFINITY), Procedure::FaibleMontant);
    }

    #[test]
    fn yearly_costs_count_over_the_whole_term() {
        // 8 000 € once + 6 000 € a year over four years crosses the 30 000 € threshold.
        assert_eq!(contract_amount(8_000.0, 6_000.0), 32_000.0);
        assert_eq!(
            procedure_for(contract_amount(8_000.0, 5_000.0)),
            Procedure::FaibleMontant
        );
        assert_eq!(
            procedure_for(contract_amount(8_000.0, 5_500.0)),
            Procedure::NegocieeSansPublication
        );
    }

    #[test]
    fn the_table_rises_and_ends_open() {
        let bounds: Vec<f64> = THRESHOLDS.iter().filter_map(|t| t.below).collect();
        assert!(bounds.windows(2).all(|w| w[0] < w[1]));
        assert!(THRESHOLDS.last().unwrap().below.is_none());
        assert!(crate::model::is_date(THRESHOLDS_DATE));
    }
}
