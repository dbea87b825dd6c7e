//! The equality duty's framework in the register: the OPCC's equality objectives and their
//! progress, what each question and action is tagged with, the Commissioner's assurance,
//! coverage by quarter, and the annual equality report.
//!
//! Who may do what: the office (admin, secretariat, commissioner) keeps the objectives and
//! tags records; the Commissioner records assurance when assessing (in the register's
//! workflows) and publishes the annual report; force liaison sees the tags and assurance on
//! the records they may see; the public, on published questions and actions and in a
//! published report.

pub mod assurance;
pub mod contracts;
pub mod coverage;
pub mod objectives;
pub mod report;
pub mod tags;

pub use assurance::{Assured, FollowUp};

use chrono::{Datelike, NaiveDate};

/// The first and last day of the financial year starting in April of `year`.
pub(crate) fn financial_year(year: i32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or(NaiveDate::MAX);
    (first, last)
}

/// The financial year (by the April it starts in) a day falls in.
pub fn financial_year_of(day: NaiveDate) -> i32 {
    if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}

/// "2026/27"
pub fn year_label(year: i32) -> String {
    format!("{year}/{:02}", (year + 1).rem_euclid(100))
}

/// The financial quarter (0–3, April–June first) of a day in `year`'s financial year.
pub(crate) fn quarter_of(day: NaiveDate) -> usize {
    ((day.month0() + 9) % 12 / 3) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years_and_quarters() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(financial_year_of(day(2026, 3, 31)), 2025);
        assert_eq!(financial_year_of(day(2026, 4, 1)), 2026);
        assert_eq!(quarter_of(day(2026, 4, 1)), 0);
        assert_eq!(quarter_of(day(2026, 9, 30)), 1);
        assert_eq!(quarter_of(day(2026, 12, 31)), 2);
        assert_eq!(quarter_of(day(2027, 1, 1)), 3);
        assert_eq!(quarter_of(day(2027, 3, 31)), 3);
        assert_eq!(year_label(2099), "2099/00");
    }
}
