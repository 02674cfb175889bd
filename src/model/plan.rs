//! What the action plan is computed from: how an action's cost scales with the commune, the
//! cost bands of the methodology (with the built-in table used by versions that have none), and
//! the envelope an audit states.

use serde::{Deserialize, Serialize};

/// How an action's cost ranges and staff days follow the size of the commune.
#[derive(
    Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Scaling {
    /// Multiplied by the factors of the commune's cost band (the default).
    #[default]
    Band,
    /// A flat price and a fixed amount of work, whatever the size of the commune.
    Fixed,
}

/// The resources a commune gives its plan: one-off euros, euros per year, staff person-days.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Envelope {
    /// One-off budget in euros.
    pub one_off: f64,
    /// Yearly budget in euros.
    pub yearly: f64,
    /// Staff person-days.
    pub staff_days: f64,
}

/// A cost band: the factors applied to the action library's ranges (written for a commune of
/// 10,000 to 24,999 inhabitants) and the envelope assumed when an audit states none.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CostBand {
    /// The population band id it applies to.
    pub band: String,
    /// Its name, from the population band.
    pub name: String,
    /// Lowest population, inclusive.
    pub min: u64,
    /// Highest population, inclusive; none for the last band.
    pub max: Option<u64>,
    /// Factor on euros.
    pub cost_factor: f64,
    /// Factor on staff days.
    pub staff_factor: f64,
    /// The envelope assumed without one in the audit.
    pub envelope: Envelope,
}

impl CostBand {
    /// Tells whether a population falls in the band.
    pub fn holds(&self, population: u64) -> bool {
        population >= self.min && self.max.is_none_or(|max| population <= max)
    }
}

/// The cost bands used when a methodology version has none (1.0 to 1.2): the same values as
/// the `cost_bands:` of methodology 1.3, documented in `docs/FORMAT.md`.
pub fn builtin_cost_bands() -> Vec<CostBand> {
    let band =
        |band: &str, name: &str, (min, max), (cost, staff), (one_off, yearly, days)| CostBand {
            band: band.into(),
            name: name.into(),
            min,
            max,
            cost_factor: cost,
            staff_factor: staff,
            envelope: Envelope {
                one_off,
                yearly,
                staff_days: days,
            },
        };
    vec![
        band(
            "moins-10000",
            "Moins de 10 000 habitants",
            (0, Some(9_999)),
            (0.6, 0.7),
            (15_000.0, 6_000.0, 40.0),
        ),
        band(
            "10000-25000",
            "De 10 000 à 24 999 habitants",
            (10_000, Some(24_999)),
            (1.0, 1.0),
            (35_000.0, 12_000.0, 70.0),
        ),
        band(
            "25000-50000",
            "De 25 000 à 49 999 habitants",
            (25_000, Some(49_999)),
            (1.6, 1.4),
            (70_000.0, 25_000.0, 120.0),
        ),
        band(
            "plus-50000",
            "50 000 habitants et plus",
            (50_000, None),
            (2.5, 2.0),
            (150_000.0, 50_000.0, 220.0),
        ),
    ]
}

/// An action's costs scaled to the commune: [low, high] each.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Costs {
    /// One-off euros.
    pub one_off: [f64; 2],
    /// Euros per year.
    pub yearly: [f64; 2],
    /// Staff person-days.
    pub staff_days: [f64; 2],
}

impl Costs {
    /// What the plan counts: the middle of each range.
    pub fn middle(&self) -> Envelope {
        let mid = |r: [f64; 2]| (r[0] + r[1]) / 2.0;
        Envelope {
            one_off: mid(self.one_off),
            yearly: mid(self.yearly),
            staff_days: mid(self.staff_days),
        }
    }
}

impl super::Action {
    /// Its cost ranges and staff days for a commune of `band`: times the band's factors, or as
    /// written when the action is `scaling: fixed`. Negative or non-finite amounts count as 0.
    pub fn costs_for(&self, band: &CostBand) -> Costs {
        let (cost, staff) = match self.scaling {
            Scaling::Band => (band.cost_factor, band.staff_factor),
            Scaling::Fixed => (1.0, 1.0),
        };
        let times =
            |r: [f64; 2], k: f64| r.map(|v| if v.is_finite() { v.max(0.0) * k } else { 0.0 });
        Costs {
            one_off: times(self.cost_one_off, cost),
            yearly: times(self.cost_yearly, cost),
            staff_days: times(self.staff_days, staff),
        }
    }
}

impl super::Methodology {
    /// Its cost bands, or the built-in table when it has none (then `true`).
    pub fn cost_bands_or_builtin(&self) -> (Vec<CostBand>, bool) {
        if self.cost_bands.is_empty() {
            (builtin_cost_bands(), true)
        } else {
            (self.cost_bands.clone(), false)
        }
    }
}
