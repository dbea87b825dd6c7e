//! Due dates as people type them: a date (`2026-12-31` or `31/12/2026`), or a number of
//! working days from a date (`20 working days from 2026-11-23`), or from today
//! (`20 working days`). Working days skip weekends and the bank holidays in the database.

use crate::db::codec::day_text;
use chrono::NaiveDate;

use crate::london;
use crate::register::working_days::Calendar;

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

/// The field a form shows, once a due date needs confirming, for the person to say "use it
/// anyway" (`yes` when ticked).
pub const CONFIRM_FIELD: &str = "confirm_due";

/// Why the due date `day` should be looked at again before it is saved — it has passed, or
/// falls on a weekend or bank holiday — or `None` when it is an ordinary future working day.
pub fn doubt(day: NaiveDate, today: NaiveDate, calendar: &Calendar) -> Option<String> {
    use chrono::{Datelike, Weekday};
    let long = london::long_date(day);
    let why = if day < today {
        "is in the past: it would be overdue as soon as it is saved".to_owned()
    } else if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        "falls on a weekend".to_owned()
    } else if !calendar.is_working_day(day) {
        "is a bank holiday".to_owned()
    } else {
        return None;
    };
    Some(format!("The due date, {long}, {why}."))
}

/// [`doubt`] as a form's message beside the box that keeps the date.
pub fn doubt_to_confirm(day: NaiveDate, today: NaiveDate, calendar: &Calendar) -> Option<String> {
    doubt(day, today, calendar).map(|why| format!("{why} Change it, or tick the box to keep it."))
}

/// A date as people type it — `2026-12-31`, `31/12/2026`, `31/12/26`, `31 December 2026`,
/// `31st Dec 2026` — between 2000 and 2100.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let words = without_ordinals(&text.replace(',', " "));
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    // Two-digit years first: chrono's %Y would read "27" as the year 27.
    let day = short_year(text).or_else(|| {
        ["%d/%m/%Y", "%d %B %Y", "%d %b %Y"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(&words, format).ok())
    });
    match day {
        Some(day) => london::parse_date(&day_text(day)),
        None => london::parse_date(text).map_err(|message| {
            if message.contains("real date") {
                "Enter a real date, for example 31/12/2026, 31 December 2026 or 2026-12-31 (YYYY-MM-DD)"
                    .to_owned()
            } else {
                message
            }
        }),
    }
}

/// `31/1/27` as 31 January 2027: two-digit years are this century's.
fn short_year(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 2 {
        return None;
    }
    let year = 2000 + y.parse::<i32>().ok()?;
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// "1st", "22nd", "3rd", "31st" as "1", "22", "3", "31" (only right after digits).
fn without_ordinals(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            match ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suffix| lower.strip_suffix(suffix))
            {
                Some(number)
                    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    number.to_owned()
                }
                _ => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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

    #[test]
    fn past_weekend_and_holiday_dates_are_doubted() {
        let day = |t| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        let today = day("2026-11-25");
        let calendar = Calendar::new([day("2026-12-25")]);
        assert!(doubt(day("2026-11-24"), today, &calendar)
            .unwrap()
            .contains("Tuesday 24 November 2026, is in the past"));
        assert!(doubt(day("2026-11-28"), today, &calendar)
            .unwrap()
            .contains("falls on a weekend"));
        assert!(doubt(day("2026-12-25"), today, &calendar)
            .unwrap()
            .contains("is a bank holiday"));
        assert_eq!(doubt(day("2026-11-25"), today, &calendar), None);
        assert_eq!(doubt(day("2026-11-30"), today, &calendar), None);
    }

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
        // As people write dates in letters and minutes.
        for typed in [
            "31 January 2027",
            "31 january 2027",
            "31st January 2027",
            "31 Jan 2027",
            "31 Jan, 2027",
            "31/1/27",
            "31/01/2027",
        ] {
            assert_eq!(parse(typed), Ok(day("2027-01-31")), "{typed}");
        }
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
        assert!(parse("soon").unwrap_err().contains("31 December 2026"));
        assert!(parse("31 Febuary 2027").unwrap_err().contains("real date"));
        assert!(parse("30/2/27").unwrap_err().contains("real date"));
        assert!(parse("1st of never").unwrap_err().contains("real date"));
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
