//! Working days in England and Wales: Monday to Friday, except bank holidays (a list kept
//! in the database, seeded for 2024–2027 and maintained by admins). Deadlines such as "7
//! working days before the meeting" or "within 20 working days" are counted here.
//!
//! Admins keep the list at `/admin/bank-holidays` (`register::bank_holidays`).

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::db::codec::Day;
use crate::{Db, Result};

/// The bank holidays in force, as dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// How many working days come after `from`, up to and including `to` (0 when `to` is
    /// not after `from`): how late something due on `from` is on `to`. Counts at most ten
    /// years.
    pub fn count_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|day| *day <= to)
            .take(3660)
            .filter(|day| self.is_working_day(*day))
            .count() as u32
    }

    /// The day `n` working days after `from` (`from` itself does not count, whatever it
    /// is); `n = 0` is `from`.
    pub fn add(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.step(from, n, Days::new(1), NaiveDate::checked_add_days)
    }

    /// The day `n` working days before `from`, counted the same way backwards.
    pub fn subtract(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.step(from, n, Days::new(1), NaiveDate::checked_sub_days)
    }

    fn step(
        &self,
        from: NaiveDate,
        n: u32,
        one: Days,
        next: fn(NaiveDate, Days) -> Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = next(day, one)?;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }
}

/// The calendar as the database holds it now.
pub async fn calendar(db: &Db) -> Result<Calendar> {
    let days: Vec<Day> = sqlx::query_scalar("SELECT day FROM bank_holidays")
        .fetch_all(db.pool())
        .await?;
    Ok(Calendar::new(days.into_iter().map(|day| day.0)))
}

#[cfg(test)]
mod tests {

    #[test]
    fn lateness_counts_the_working_days_since_the_due_date() {
        let day = |t| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        let calendar = Calendar::new([day("2026-12-25"), day("2026-12-28")]);
        // Due on Wednesday 23 December; on Tuesday 29 December the 24th and the 29th
        // count (the 25th and 28th are bank holidays, the 26th and 27th a weekend).
        assert_eq!(
            calendar.count_between(day("2026-12-23"), day("2026-12-29")),
            2
        );
        assert_eq!(
            calendar.count_between(day("2026-12-23"), day("2026-12-23")),
            0
        );
        assert_eq!(
            calendar.count_between(day("2026-12-23"), day("2026-12-01")),
            0
        );
    }

    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn england_and_wales() -> Calendar {
        Calendar::new(
            [
                "2025-12-25",
                "2025-12-26",
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-12-25",
                "2026-12-28",
                "2027-01-01",
            ]
            .map(d),
        )
    }

    #[test]
    fn weekends_are_skipped() {
        let cal = Calendar::default();
        // Friday + 1 working day = Monday.
        assert_eq!(cal.add(d("2026-11-20"), 1), Some(d("2026-11-23")));
        // Saturday + 1 = Monday; Saturday + 0 = Saturday.
        assert_eq!(cal.add(d("2026-11-21"), 1), Some(d("2026-11-23")));
        assert_eq!(cal.add(d("2026-11-21"), 0), Some(d("2026-11-21")));
        assert_eq!(cal.add(d("2026-11-23"), 5), Some(d("2026-11-30")));
        assert_eq!(cal.subtract(d("2026-11-23"), 1), Some(d("2026-11-20")));
    }

    #[test]
    fn bank_holidays_and_the_year_end_are_skipped() {
        let cal = england_and_wales();
        // Thursday 24 December 2026: Friday 25 and Monday 28 are holidays, then 29, 30, 31,
        // Friday 1 January is a holiday, so the 4th working day is Monday 4 January 2027.
        assert_eq!(cal.add(d("2026-12-24"), 1), Some(d("2026-12-29")));
        assert_eq!(cal.add(d("2026-12-24"), 4), Some(d("2027-01-04")));
        // Easter 2026: Thursday 2 April + 1 = Tuesday 7 April.
        assert_eq!(cal.add(d("2026-04-02"), 1), Some(d("2026-04-07")));
        // Seven working days before a meeting on Tuesday 7 April 2026.
        assert_eq!(cal.subtract(d("2026-04-07"), 7), Some(d("2026-03-25")));
        // Across 2025 into 2026: Wednesday 24 December 2025 + 3 = Wednesday 31 December,
        // + 4 = Friday 2 January 2026 (New Year's Day is skipped).
        assert_eq!(cal.add(d("2025-12-24"), 3), Some(d("2025-12-31")));
        assert_eq!(cal.add(d("2025-12-24"), 4), Some(d("2026-01-02")));
        assert!(!cal.is_working_day(d("2026-12-28")));
        assert!(cal.is_working_day(d("2026-12-29")));
    }

    #[test]
    fn counting_is_consistent_both_ways() {
        let cal = england_and_wales();
        let mut day = d("2025-12-01");
        while day < d("2027-02-01") {
            if cal.is_working_day(day) {
                for n in [1, 5, 20] {
                    let later = cal.add(day, n).unwrap();
                    assert_eq!(cal.subtract(later, n), Some(day), "{day} + {n}");
                }
            }
            day = day.succ_opt().unwrap();
        }
    }
}
