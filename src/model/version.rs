//! Methodology version labels: dotted numbers (`1.0`, `2.1.3`), ordered numerically.

use std::cmp::Ordering;

/// A methodology version label, known to be one to three dotted numbers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Version(String);

impl Version {
    /// Reads a label such as `1.0` or `2.1.3`; `None` for anything else (`v1`, `1..0`).
    pub fn parse(label: &str) -> Option<Version> {
        let parts = label.split('.');
        let valid = !label.is_empty()
            && parts.clone().count() <= 3
            && parts
                .clone()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        valid.then(|| Version(label.to_string()))
    }

    /// The label as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_versions(&self.0, &other.0)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Tells whether a version label looks like `1.0` or `2.1.3`.
pub fn is_version(v: &str) -> bool {
    Version::parse(v).is_some()
}

/// Orders version labels numerically: `1.2` < `1.10` < `2.0`.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let key = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_dotted_numbers() {
        assert!(is_version("1.0"));
        assert!(is_version("1.1.2"));
        assert!(!is_version("v1"));
        assert!(!is_version("1..0"));
        assert!(!is_version("1.0.0.0"));
        assert!(!is_version(""));
    }

    #[test]
    fn versions_sort_numerically() {
        let mut v = vec!["1.10", "2.0", "1.2", "1.0"];
        v.sort_by(|a, b| compare_versions(a, b));
        assert_eq!(v, ["1.0", "1.2", "1.10", "2.0"]);
        let mut parsed: Vec<Version> = v.iter().rev().filter_map(|l| Version::parse(l)).collect();
        parsed.sort();
        assert_eq!(parsed[3].as_str(), "2.0");
    }
}
