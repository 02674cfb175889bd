//! `replaces:` references between consecutive methodology versions.
//!
//! Check warns about a `replaces:` that names no item of the previous version; the changelog
//! follows the ones that do. Both read items through [`Replacing`].

use super::{Action, Criterion, Methodology, SourceType, Step};

/// An item of the methodology with an id that may replace an item of the previous version.
pub trait Replacing {
    /// The item's id.
    fn id(&self) -> &str;
    /// The id of the older item it replaces, when it says so.
    fn replaces(&self) -> Option<&str>;
}

macro_rules! replacing {
    ($($t:ty),*) => {$(
        impl Replacing for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn replaces(&self) -> Option<&str> {
                self.replaces.as_deref()
            }
        }
    )*};
}

replacing!(Step, Criterion, SourceType, Action);

/// Lists `replaces:` in `new` that name no id of `old`: (kind key, id, replaced id).
pub fn dangling_replaces(
    old: &Methodology,
    new: &Methodology,
) -> Vec<(&'static str, String, String)> {
    fn check<T: Replacing>(
        what: &'static str,
        old: &[T],
        new: &[T],
        out: &mut Vec<(&'static str, String, String)>,
    ) {
        for n in new {
            if let Some(r) = n.replaces() {
                if !old.iter().any(|o| o.id() == r) {
                    out.push((what, n.id().to_string(), r.to_string()));
                }
            }
        }
    }
    let mut out = Vec::new();
    check("what.step", &old.steps, &new.steps, &mut out);
    check("what.criterion", &old.criteria, &new.criteria, &mut out);
    check("what.source", &old.sources, &new.sources, &mut out);
    check("what.action", &old.actions, &new.actions, &mut out);
    out
}
