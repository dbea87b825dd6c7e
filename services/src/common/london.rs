//! Meeting times: typed and shown in London time (GMT or BST), stored as UTC seconds.
//!
//! The clocks change twice a year, so a wall-clock time can be missing (01:30 on the last
//! Sunday of March) or happen twice (01:30 on the last Sunday of October). The first is
//! refused with a message saying why; the second is taken as the first of the two, the
//! earlier instant, and the page shows which (BST or GMT).

use crate::db::codec::{day_text, Day};
use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::London;
use domain::{FieldErrors, LocalTime};

/// Parses a date (`YYYY-MM-DD`) and a time (`HH:MM`, 24-hour) in London into UTC seconds,
/// putting any problem against `date_field` or `time_field`.
pub fn parse(
    date: &str,
    time: &str,
    date_field: &str,
    time_field: &str,
    errors: &mut FieldErrors,
) -> Option<i64> {
    // A date as people type it: 2/12/2026, 2 December 2026, 2026-12-02.
    let date = errors.check(date_field, crate::common::typed::date(date));
    let time = errors.check(time_field, parse_time(time));
    let (date, time) = (date?, time?);
    match London.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Some(t.timestamp()),
        LocalResult::Ambiguous(earlier, _) => Some(earlier.timestamp()),
        LocalResult::None => {
            errors.add(
                time_field,
                "That time does not exist in London on that day because the clocks go forward: enter a time after 02:00",
            );
            None
        }
    }
}

fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter the start time, for example 10:00".into());
    }
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| "Enter a real time in 24-hour format HH:MM, for example 14:30".into())
}

/// How a stored time is shown.
pub fn show(seconds: i64) -> LocalTime {
    let utc = DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default();
    let local = utc.with_timezone(&London);
    LocalTime {
        date: day_text(local.date_naive()),
        time: local.format("%H:%M").to_string(),
        long: local.format("%A %-d %B %Y, %H:%M (%Z)").to_string(),
        utc: utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// Today's date in London.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&London).date_naive()
}

/// A day for people, e.g. "Thursday 31 December 2026".
pub fn long_date(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// [`long_date`] of a stored `YYYY-MM-DD`, or the text itself if it is not one.
pub fn long_date_of(text: &str) -> String {
    Day::parse(text)
        .map(long_date)
        .unwrap_or_else(|_| text.to_owned())
}

/// UTC seconds at the start of `day` (`YYYY-MM-DD`) in London; 0 if it is not a date.
pub fn start_of_day(day: &str) -> i64 {
    Day::parse(day)
        .ok()
        .and_then(|d| {
            London
                .from_local_datetime(&d.and_time(NaiveTime::MIN))
                .earliest()
        })
        .map(|t| t.timestamp())
        .unwrap_or(0)
}

/// The London calendar year of a stored time.
pub fn year(seconds: i64) -> i32 {
    chrono::Datelike::year(
        &DateTime::<Utc>::from_timestamp(seconds, 0)
            .unwrap_or_default()
            .with_timezone(&London),
    )
}

/// UTC seconds at the start of 1 January of `year` in London.
pub fn start_of_year(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| {
            London
                .from_local_datetime(&d.and_time(NaiveTime::MIN))
                .earliest()
        })
        .map(|t| t.timestamp())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> Result<i64, FieldErrors> {
        let mut errors = FieldErrors::new();
        let parsed = parse(date, time, "date", "time", &mut errors);
        errors.into_result()?;
        Ok(parsed.unwrap())
    }

    #[test]
    fn winter_is_gmt_and_summer_is_bst() {
        let winter = at("2026-01-15", "10:00").unwrap();
        assert_eq!(show(winter).utc, "2026-01-15T10:00:00Z");
        assert_eq!(show(winter).long, "Thursday 15 January 2026, 10:00 (GMT)");
        let summer = at("2026-07-15", "10:00").unwrap();
        assert_eq!(show(summer).utc, "2026-07-15T09:00:00Z");
        assert_eq!(show(summer).time, "10:00");
        assert_eq!(show(summer).long, "Wednesday 15 July 2026, 10:00 (BST)");
    }

    #[test]
    fn a_time_skipped_by_the_clocks_is_refused_and_a_repeated_one_is_the_first() {
        let missing = at("2026-03-29", "01:30").unwrap_err();
        assert!(missing.get("time").unwrap().contains("clocks go forward"));
        let twice = at("2026-10-25", "01:30").unwrap();
        assert_eq!(show(twice).utc, "2026-10-25T00:30:00Z");
    }

    #[test]
    fn bad_dates_and_times_say_what_is_wrong() {
        let errors = at("2026-02-30", "25:00").unwrap_err();
        assert!(errors.get("date").unwrap().contains("real date"));
        assert!(errors.get("time").unwrap().contains("real time"));
        let errors = at("", "").unwrap_err();
        assert_eq!(
            errors.get("date"),
            Some("Enter the date, for example 2026-03-31")
        );
        assert!(at("1999-12-31", "10:00").is_err());
        assert!(at("31/13/2026", "10:00").is_err());
        assert!(at("next Tuesday", "10:00").is_err());
        // Dates as people type them are read, the day first as in Britain.
        let typed = at("31/12/2026", "10:00").unwrap();
        assert_eq!(show(typed).date, "2026-12-31");
    }

    #[test]
    fn years_follow_london() {
        // 23:30 on 31 December in London is still that year, in winter UTC too.
        let new_year_eve = at("2026-12-31", "23:30").unwrap();
        assert_eq!(year(new_year_eve), 2026);
        assert_eq!(show(start_of_year(2027)).date, "2027-01-01");
    }
}
