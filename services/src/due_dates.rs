//! Due dates as people type them: a date (`2026-12-31` or `31/12/2026`), or a number of
//! working days from a date (`20 working days from 2026-11-23`), or from today
//! (`20 working days`). Working days skip weekends and the bank holidays in the database.

use chrono::NaiveDate;

use crate::london;
use crate::working_days::Calendar;

/// The most working days a due date may be counted ahead (about a year and a half).
pub const MAX_WORKING_DAYS: u32 = 400;

pub use domain::DUE_HINT as HINT;

/// The due date `text` means, with `today` for "N working days" without a start.
pub fn parse(text: &str, today: NaiveDate, calendar: &Calendar) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(
            "Enter the due date, as a date (2026-12-31) or as working days (20 working days from 2026-11-23)"
                .into(),
        );
    }
    let lower = text.to_ascii_lowercase();
    if let Some((count, rest)) = lower.split_once("working day") {
        return working_days(count, rest, today, calendar);
    }
    parse_day(text)
}

/// A date as `YYYY-MM-DD` or `D/M/YYYY`, between 2000 and 2100.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%d/%m/%Y") {
        return london::parse_date(&day.format("%Y-%m-%d").to_string());
    }
    london::parse_date(text)
}

fn working_days(
    count: &str,
    rest: &str,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<NaiveDate, String> {
    let shape = || {
        "Write working days as \"20 working days from 2026-11-23\" (or \"20 working days\" from today)"
            .to_owned()
    };
    let count = count.trim().trim_start_matches("in ").trim();
    let n: u32 = count.parse().map_err(|_| shape())?;
    if n == 0 || n > MAX_WORKING_DAYS {
        return Err(format!(
            "Enter between 1 and {MAX_WORKING_DAYS} working days"
        ));
    }
    let rest = rest.trim_start_matches('s').trim();
    let from = if rest.is_empty() {
        today
    } else {
        let date = rest
            .strip_prefix("from")
            .or_else(|| rest.strip_prefix("after"))
            .ok_or_else(shape)?;
        parse_day(date)?
    };
    calendar
        .add(from, n)
        .ok_or_else(|| "That is too far ahead: enter an earlier date".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn calendar() -> Calendar {
        Calendar::new(["2026-12-25", "2026-12-28", "2027-01-01"].map(day))
    }

    #[test]
    fn dates_and_working_days_are_understood() {
        let today = day("2026-11-23");
        let parse = |t| parse(t, today, &calendar());
        assert_eq!(parse("2026-12-31"), Ok(day("2026-12-31")));
        assert_eq!(parse(" 31/12/2026 "), Ok(day("2026-12-31")));
        // Monday + 5 working days = the next Monday.
        assert_eq!(parse("5 working days"), Ok(day("2026-11-30")));
        assert_eq!(parse("in 1 working day"), Ok(day("2026-11-24")));
        // From Christmas Eve: 25th and 28th are holidays, 26th/27th a weekend.
        assert_eq!(
            parse("2 Working Days from 2026-12-24"),
            Ok(day("2026-12-30"))
        );
        // Across the year end: 31st, then 1 January is a holiday, then 4 January.
        assert_eq!(
            parse("2 working days after 30/12/2026"),
            Ok(day("2027-01-04"))
        );
    }

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        let today = day("2026-11-23");
        let parse = |t| parse(t, today, &calendar());
        assert!(parse("").unwrap_err().contains("Enter the due date"));
        assert!(parse("soon").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse("2026-02-30").unwrap_err().contains("real date"));
        assert!(parse("0 working days").unwrap_err().contains("between 1"));
        assert!(parse("401 working days").unwrap_err().contains("between 1"));
        assert!(parse("ten working days")
            .unwrap_err()
            .contains("Write working days"));
        assert!(parse("5 working days since 2026-01-01")
            .unwrap_err()
            .contains("Write working days"));
        assert!(parse("5 working days from 1999-01-01")
            .unwrap_err()
            .contains("between the years"));
    }
}
