//! Dates as the audit files write them: audit ids `YYYY-MM`, dates `YYYY-MM-DD` and plan
//! quarters `YYYY-Qn`. Pure predicates, shared by load (file names) and check (values).

use super::Quarter;

/// Tells whether an audit file stem is `YYYY-MM` with a real month.
pub fn is_audit_id(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && matches!(id[5..].parse::<u8>(), Ok(1..=12))
        && b[5..].iter().all(u8::is_ascii_digit)
}

/// Tells whether `s` is a real `YYYY-MM-DD` date.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Parses `YYYY-Qn`.
pub fn parse_quarter(s: &str) -> Option<Quarter> {
    let (y, q) = s.split_once("-Q")?;
    let year: i32 = y.parse().ok().filter(|_| y.len() == 4)?;
    let quarter: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    Some(Quarter { year, quarter })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_ids_are_year_and_month() {
        assert!(is_audit_id("2025-03"));
        assert!(!is_audit_id("2025-13"));
        assert!(!is_audit_id("2025-3"));
        assert!(!is_audit_id("mars-2025"));
    }

    #[test]
    fn dates_and_quarters() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("2025-3-01"));
        assert_eq!(
            parse_quarter("2025-Q3"),
            Some(Quarter {
                year: 2025,
                quarter: 3
            })
        );
        assert_eq!(parse_quarter("2025-Q5"), None);
    }
}
