//! Due dates as people type them and minutes state them: a date (`2026-12-31`,
//! `31/12/2026`, `31st March 2027`, `31 Mar` — the next 31 March), a number of working days
//! from a date (`20 working days from 2026-11-23`) or from the day counted from (`within 20
//! working days`), a span (`in two weeks`, `within a month`), the end of a month or
//! financial quarter (`the end of March`, `end of Q3` — the last working day of it), or
//! `the next meeting`. Working days skip weekends and the bank holidays in the database.

use crate::db::codec::day_text;
use chrono::NaiveDate;

use crate::common::working_days::Calendar;
use crate::common::{london, typed};

/// The most working days a due date may be counted ahead (about a year and a half).
pub const MAX_WORKING_DAYS: u32 = 400;

pub use domain::DUE_HINT as HINT;

/// What a due date is counted from: the day it was set (today in a form, the meeting's day
/// in minutes), the board's next meeting after that if there is one, and the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a> {
    pub from: NaiveDate,
    pub next_meeting: Option<NaiveDate>,
    pub calendar: &'a Calendar,
}

/// The due date `text` means, with `today` for "N working days" without a start.
pub fn parse(text: &str, today: NaiveDate, calendar: &Calendar) -> Result<NaiveDate, String> {
    parse_counted(
        text,
        Counted {
            from: today,
            next_meeting: None,
            calendar,
        },
    )
}

/// The due date `text` means, counted as `counted` says.
pub fn parse_counted(text: &str, counted: Counted) -> Result<NaiveDate, String> {
    let text = plain_spaces(text);
    let text = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.', ',', ';', ':', '–', '—', '-', ' '])
        .trim();
    if text.is_empty() {
        return Err(
            "Enter the due date, as a date (2026-12-31) or as working days (20 working days from 2026-11-23)"
                .into(),
        );
    }
    // ASCII lower case keeps byte positions, so `text` is cut where `lower` is.
    let lower = text.to_ascii_lowercase();
    let lower = strip_words(
        &lower,
        &[
            "due by ",
            "due on ",
            "due:",
            "due ",
            "by ",
            "before ",
            "until ",
            "no later than ",
            "on ",
        ],
    );
    let lower = lower.strip_prefix("the ").unwrap_or(lower).trim();
    let text = &text[text.len() - lower.len()..];
    if let Some((count, rest)) = lower.split_once("working day") {
        return working_days(count, rest, counted.from, counted.calendar);
    }
    if matches!(
        lower,
        "next meeting" | "next board meeting" | "next board" | "the next board meeting"
    ) {
        return counted.next_meeting.ok_or_else(|| {
            "The board has no meeting after this one yet: add its next meeting, or give the date".to_owned()
        });
    }
    if let Some(end) = lower
        .strip_prefix("end of ")
        .or_else(|| lower.strip_prefix("end "))
    {
        return end_of(end.trim_start_matches("the ").trim(), counted);
    }
    if let Some(span) = span(lower, counted.from) {
        return span;
    }
    match parse_day(text) {
        Ok(day) => Ok(day),
        Err(message) => without_year(lower, counted.from).ok_or(message),
    }
}

fn strip_words<'t>(text: &'t str, words: &[&str]) -> &'t str {
    words
        .iter()
        .find_map(|word| text.strip_prefix(word))
        .map_or(text, str::trim_start)
}

use crate::common::typed::without_ordinals;
pub use crate::common::typed::{date as parse_day, plain_spaces};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "march", "mar", "sept" as 3.
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word) || (word == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

/// The end of a month ("march", "march 2027", "the month") or a financial quarter ("q3",
/// "quarter 3", "the quarter"): its last working day, the first such end after `from`.
fn end_of(what: &str, counted: Counted) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    let from = counted.from;
    let shape = || {
        format!("Write the end of a month or quarter as \"the end of March\" or \"the end of Q3\" (not \"end of {what}\")")
    };
    let words: Vec<&str> = what.split_whitespace().collect();
    let (month, year) = match words.as_slice() {
        ["month"] | ["this", "month"] => (from.month(), Some(from.year())),
        ["quarter"] | ["this", "quarter"] => (quarter_end_month(quarter_of(from.month())), None),
        [q] if q.starts_with('q') => (
            quarter_end_month(quarter_number(&q[1..]).ok_or_else(shape)?),
            None,
        ),
        ["quarter", n] => (
            quarter_end_month(quarter_number(n).ok_or_else(shape)?),
            None,
        ),
        [month] => (month_number(month).ok_or_else(shape)?, None),
        [month, year] => (
            month_number(month).ok_or_else(shape)?,
            Some(year.parse::<i32>().map_err(|_| shape())?),
        ),
        _ => return Err(shape()),
    };
    let end_in = |year: i32| {
        let first_of_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }?;
        let mut day = first_of_next.pred_opt()?;
        while !counted.calendar.is_working_day(day) {
            day = day.pred_opt()?;
        }
        Some(day)
    };
    let day = match year {
        Some(year) => end_in(year),
        None => end_in(from.year())
            .filter(|d| *d > from)
            .or_else(|| end_in(from.year() + 1)),
    };
    let day = day.ok_or_else(shape)?;
    typed::iso_date(&day_text(day))
}

fn quarter_number(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|q| (1..=4).contains(q))
}

/// The financial quarter (April to March) a month is in.
fn quarter_of(month: u32) -> u32 {
    (month + 8) % 12 / 3 + 1
}

/// The last month of financial quarter `q`: Q1 ends in June, Q4 in March.
fn quarter_end_month(q: u32) -> u32 {
    (q * 3 + 3 - 1) % 12 + 1
}

/// "in two weeks", "within 10 days", "within a month", "3 months": counted in calendar
/// days, weeks or months from `from`.
fn span(text: &str, from: NaiveDate) -> Option<Result<NaiveDate, String>> {
    let text = strip_words(text, &["within ", "in "]);
    let (count, unit) = text.split_once(' ')?;
    let n = number_word(count)?;
    let unit = unit
        .trim()
        .trim_end_matches("'s time")
        .trim_end_matches(" time");
    let day = match unit.trim_end_matches('s') {
        "day" => from.checked_add_days(chrono::Days::new(n.into())),
        "week" => from.checked_add_days(chrono::Days::new(u64::from(n) * 7)),
        "month" => from.checked_add_months(chrono::Months::new(n)),
        _ => return None,
    };
    if n == 0 || n > 366 {
        return Some(Err(
            "Enter a span between 1 and 366 days, weeks or months".into()
        ));
    }
    Some(
        day.ok_or_else(|| "That is too far ahead: enter an earlier date".to_owned())
            .and_then(|d| typed::iso_date(&day_text(d))),
    )
}

/// "2", "two", "a", "an" as numbers, up to twenty in words.
fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    match word {
        "a" | "an" => Some(1),
        _ => word
            .parse()
            .ok()
            .or_else(|| WORDS.iter().position(|w| *w == word).map(|n| n as u32)),
    }
}

/// "31 mar", "31st march", "march 31": the first such day after `from`.
fn without_year(text: &str, from: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let text = without_ordinals(&text.replace([',', '.'], " "));
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| month_number(w).is_some() || w.parse::<u32>().is_ok())
        .collect();
    let (day, month) = match words.as_slice() {
        [d, m] if d.parse::<u32>().is_ok() => (d.parse().ok()?, month_number(m)?),
        [m, d] => (d.parse().ok()?, month_number(m)?),
        _ => {
            // 31/03
            let (d, m) = text.trim().split_once('/')?;
            (d.parse().ok()?, m.parse().ok()?)
        }
    };
    if text.split_whitespace().count() != words.len() && !text.contains('/') {
        return None;
    }
    let this_year = NaiveDate::from_ymd_opt(from.year(), month, day);
    this_year
        .filter(|d| *d > from)
        .or_else(|| NaiveDate::from_ymd_opt(from.year() + 1, month, day))
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
    let count = strip_words(count.trim(), &["within ", "in "]).trim();
    let n: u32 = number_word(count).ok_or_else(shape)?;
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
    fn due_dates_as_minutes_state_them() {
        // A meeting on Thursday 3 December 2026; the board meets next on 4 February 2027.
        let calendar = calendar();
        let counted = Counted {
            from: day("2026-12-03"),
            next_meeting: Some(day("2027-02-04")),
            calendar: &calendar,
        };
        let parse = |t| parse_counted(t, counted);
        for (written, due) in [
            ("by the next meeting", "2027-02-04"),
            ("the next board meeting", "2027-02-04"),
            // The last working day of the month or financial quarter after the meeting.
            ("by the end of March", "2027-03-31"),
            ("end of December", "2026-12-31"),
            ("by end of Q3", "2026-12-31"),
            ("the end of quarter 4", "2027-03-31"),
            ("by the end of February 2027", "2027-02-26"),
            ("end of the month", "2026-12-31"),
            ("31st March 2027", "2027-03-31"),
            ("31 Mar", "2027-03-31"),
            ("by 15 January", "2027-01-15"),
            ("March 31, 2027", "2027-03-31"),
            ("Friday 29 January 2027", "2027-01-29"),
            ("31.03.2027", "2027-03-31"),
            ("31-03-2027", "2027-03-31"),
            ("31/03", "2027-03-31"),
            ("within 20 working days", "2027-01-05"),
            ("ten working days", "2026-12-17"),
            ("in two weeks", "2026-12-17"),
            ("within a month", "2027-01-03"),
            ("in 10 days", "2026-12-13"),
            ("(due 31/03/2027)", "2027-03-31"),
            ("by\u{a0}31\u{a0}January\u{a0}2027.", "2027-01-31"),
        ] {
            assert_eq!(parse(written), Ok(day(due)), "{written}");
        }
        let alone = Counted {
            next_meeting: None,
            ..counted
        };
        assert!(parse_counted("by the next meeting", alone)
            .unwrap_err()
            .contains("no meeting after this one"));
        assert!(parse("end of Q5").unwrap_err().contains("the end of Q3"));
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
        assert!(parse("many working days")
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
