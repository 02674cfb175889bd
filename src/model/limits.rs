//! The accepted range of every number, date and text length a commune writes: one table, read
//! by the checks (`check::ranges`, located errors) and by the audit JSON Schema (`scaffold`,
//! `load::raw`), and listed in `docs/FORMAT.md`. Pure data.

/// An inclusive range of accepted values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds<T> {
    /// The smallest accepted value.
    pub min: T,
    /// The largest accepted value.
    pub max: T,
}

impl<T: PartialOrd> Bounds<T> {
    /// Tells whether `v` lies in the range (NaN never does).
    pub fn contains(&self, v: &T) -> bool {
        self.min <= *v && *v <= self.max
    }
}

/// Inhabitants of a commune (the largest Belgian commune has about 530,000).
pub const POPULATION: Bounds<u64> = Bounds {
    min: 1,
    max: 10_000_000,
};
/// The year a population figure refers to.
pub const POPULATION_YEAR: Bounds<u32> = Bounds {
    min: 1990,
    max: 2050,
};
/// Area in km²: strictly positive (checked apart), at most this.
pub const AREA_KM2_MAX: f64 = 100_000.0;
/// Euros of one plan item, one-off or per year.
pub const EUROS: Bounds<f64> = Bounds { min: 0.0, max: 1e9 };
/// Person-days of municipal staff for one plan item.
pub const STAFF_DAYS: Bounds<f64> = Bounds {
    min: 0.0,
    max: 100_000.0,
};
/// Commercial vacancy rate, in percent.
pub const PERCENT: Bounds<f64> = Bounds {
    min: 0.0,
    max: 100.0,
};
/// Counts of the indicators: shops, parking spaces, collection points.
pub const COUNT: Bounds<u64> = Bounds {
    min: 0,
    max: 1_000_000,
};
/// Footfall figures (e.g. daily boardings at a station).
pub const FOOTFALL: Bounds<u64> = Bounds {
    min: 0,
    max: 100_000_000,
};
/// The year of an audit: its id `YYYY-MM` and its date.
pub const AUDIT_YEAR: Bounds<i32> = Bounds {
    min: 2000,
    max: 2050,
};
/// The years a plan may start and end in.
pub const PLAN_YEAR: Bounds<i32> = Bounds {
    min: 2000,
    max: 2070,
};
/// The longest plan item, in quarters from its start to its end inclusive (ten years).
pub const PLAN_QUARTERS: i64 = 40;
/// Characters of a name (commune, province).
pub const NAME_CHARS: usize = 120;
/// Characters of a one-line text (auditor, owner, indicator, inventory fields, notes).
pub const LINE_CHARS: usize = 500;
/// Characters of a free text (audit summary, evidence of an answer).
pub const TEXT_CHARS: usize = 20_000;
/// Auditors of one audit.
pub const AUDITORS: usize = 50;
/// Items of one audit's data inventory.
pub const INVENTORY_ITEMS: usize = 500;
/// Items of one audit's plan.
pub const PLAN_ITEMS: usize = 200;
/// The value of one outcome indicator, in its unit (percent, passers-by per hour, minutes…).
pub const OUTCOME_VALUE: Bounds<f64> = Bounds { min: 0.0, max: 1e9 };
/// Outcome records of one audit.
pub const OUTCOMES: usize = 100;
/// Euros per year of one step's estimated cost or return.
pub const STEP_EUROS: Bounds<f64> = Bounds { min: 0.0, max: 1e9 };
