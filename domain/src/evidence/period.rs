//! Months and the periods figures are given for: a month, a financial quarter, a financial
//! year (April to March), the twelve months to a month, or any range of whole months.

use serde::{Deserialize, Serialize};
use std::fmt;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar month, as data.police.uk names its files by (`2026-09`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    year: u16,
    /// 1 to 12.
    month: u8,
}

impl std::str::FromStr for Month {
    type Err = String;
    fn from_str(text: &str) -> Result<Month, String> {
        Month::parse(text)
    }
}

impl Month {
    pub fn new(year: u16, month: u8) -> Option<Month> {
        ((1..=12).contains(&month) && (1990..=2200).contains(&year))
            .then_some(Month { year, month })
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, String> {
        let text = text.trim();
        let refused = || format!("“{text}” is not a month: write it as 2026-09");
        let (year, month) = text.split_once('-').ok_or_else(refused)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(refused());
        }
        let year = year.parse::<u16>().map_err(|_| refused())?;
        let month = month.parse::<u8>().map_err(|_| refused())?;
        Month::new(year, month).ok_or_else(refused)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    /// A count of months since year 0, for arithmetic.
    pub fn index(self) -> i32 {
        self.year as i32 * 12 + self.month as i32 - 1
    }

    pub fn from_index(index: i32) -> Option<Month> {
        let year = u16::try_from(index.div_euclid(12)).ok()?;
        Month::new(year, (index.rem_euclid(12) + 1) as u8)
    }

    /// The month `n` months on (or back, if negative).
    pub fn plus(self, n: i32) -> Month {
        Month::from_index(self.index() + n).unwrap_or(self)
    }

    /// "September 2026".
    pub fn long(self) -> String {
        format!("{} {}", MONTH_NAMES[self.month as usize - 1], self.year)
    }

    /// The first year of the financial year (April to March) this month falls in.
    pub fn financial_year(self) -> u16 {
        if self.month >= 4 {
            self.year
        } else {
            self.year - 1
        }
    }

    /// The financial quarter, 1 (April to June) to 4 (January to March).
    pub fn financial_quarter(self) -> u8 {
        (((self.month as i32 - 4).rem_euclid(12)) / 3 + 1) as u8
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The whole months a figure covers, first to last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    Month(Month),
    /// Financial year starting in April of `year`, quarter 1 to 4.
    Quarter {
        year: u16,
        quarter: u8,
    },
    /// April of the year to March of the next.
    FinancialYear(u16),
    /// The twelve months ending with this one.
    Rolling12(Month),
    Range {
        first: Month,
        last: Month,
    },
}

impl Period {
    pub fn first(self) -> Month {
        match self {
            Period::Month(m) => m,
            Period::Quarter { year, quarter } => Month::new(year, 4)
                .unwrap_or(Month { year, month: 4 })
                .plus(3 * (quarter as i32 - 1)),
            Period::FinancialYear(year) => Month::new(year, 4).unwrap_or(Month { year, month: 4 }),
            Period::Rolling12(last) => last.plus(-11),
            Period::Range { first, .. } => first,
        }
    }

    pub fn last(self) -> Month {
        match self {
            Period::Month(m) => m,
            Period::Quarter { .. } => self.first().plus(2),
            Period::FinancialYear(_) => self.first().plus(11),
            Period::Rolling12(last) => last,
            Period::Range { last, .. } => last,
        }
    }

    pub fn months(self) -> impl Iterator<Item = Month> {
        let (first, last) = (self.first().index(), self.last().index());
        (first..=last).filter_map(Month::from_index)
    }

    /// How people name it: "September 2026", "2026/27 Q2", "2026/27", "12 months to
    /// September 2026", "April 2026 to September 2026".
    pub fn label(self) -> String {
        let fy = |year: u16| format!("{}/{:02}", year, (year + 1) % 100);
        match self {
            Period::Month(m) => m.long(),
            Period::Quarter { year, quarter } => format!("{} Q{quarter}", fy(year)),
            Period::FinancialYear(year) => fy(year),
            Period::Rolling12(last) => format!("12 months to {}", last.long()),
            Period::Range { first, last } if first == last => first.long(),
            Period::Range { first, last } => format!("{} to {}", first.long(), last.long()),
        }
    }

    /// Reads a period from a form or an address: `kind` is month, quarter, year, rolling or
    /// range; `month` the month it ends with (or the only month), `from` the first of a range.
    /// A quarter or year is the one `month` falls in.
    pub fn from_form(kind: &str, month: &str, from: &str) -> Result<Period, String> {
        let month = Month::parse(month)?;
        match kind.trim() {
            "" | "month" => Ok(Period::Month(month)),
            "quarter" => Ok(Period::Quarter {
                year: month.financial_year(),
                quarter: month.financial_quarter(),
            }),
            "year" => Ok(Period::FinancialYear(month.financial_year())),
            "rolling" => Ok(Period::Rolling12(month)),
            "range" => {
                let first = Month::parse(from)?;
                if first > month {
                    return Err("The first month of a range must come before its last".into());
                }
                if month.index() - first.index() >= 120 {
                    return Err("A range can be at most ten years".into());
                }
                Ok(Period::Range { first, last: month })
            }
            _ => Err("Choose a month, quarter, financial year, 12 months or a range".into()),
        }
    }

    /// The inverse of [`Period::from_form`]: (kind, month, from).
    pub fn to_form(self) -> (&'static str, String, String) {
        let last = self.last().to_string();
        match self {
            Period::Month(_) => ("month", last, String::new()),
            Period::Quarter { .. } => ("quarter", last, String::new()),
            Period::FinancialYear(_) => ("year", last, String::new()),
            Period::Rolling12(_) => ("rolling", last, String::new()),
            Period::Range { first, .. } => ("range", last, first.to_string()),
        }
    }
}

/// The kinds of period a form offers: (kind, label).
pub const PERIOD_KINDS: &[(&str, &str)] = &[
    ("month", "One month"),
    ("quarter", "The financial quarter of that month"),
    ("year", "The financial year of that month"),
    ("rolling", "The 12 months to that month"),
    ("range", "A range of months"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn months_are_read_only_as_year_and_month() {
        assert_eq!(m("2026-09").to_string(), "2026-09");
        assert_eq!(m(" 2026-09 ").long(), "September 2026");
        for bad in [
            "2026-13",
            "2026-00",
            "26-09",
            "2026/09",
            "2026-9",
            "",
            "September",
        ] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn periods_cover_the_months_people_expect() {
        let q2 = Period::from_form("quarter", "2026-08", "").unwrap();
        assert_eq!((q2.first(), q2.last()), (m("2026-07"), m("2026-09")));
        assert_eq!(q2.label(), "2026/27 Q2");
        let q4 = Period::from_form("quarter", "2027-02", "").unwrap();
        assert_eq!((q4.first(), q4.last()), (m("2027-01"), m("2027-03")));
        assert_eq!(q4.label(), "2026/27 Q4");
        let year = Period::from_form("year", "2027-03", "").unwrap();
        assert_eq!((year.first(), year.last()), (m("2026-04"), m("2027-03")));
        assert_eq!(year.months().count(), 12);
        let rolling = Period::from_form("rolling", "2026-09", "").unwrap();
        assert_eq!(
            (rolling.first(), rolling.last()),
            (m("2025-10"), m("2026-09"))
        );
        assert_eq!(rolling.label(), "12 months to September 2026");
        let range = Period::from_form("range", "2026-09", "2026-04").unwrap();
        assert_eq!(range.months().count(), 6);
        assert!(Period::from_form("range", "2026-04", "2026-09").is_err());
        assert!(Period::from_form("fortnight", "2026-04", "").is_err());
        for period in [q2, q4, year, rolling, range] {
            let (kind, month, from) = period.to_form();
            assert_eq!(
                Period::from_form(kind, &month, &from).unwrap().first(),
                period.first()
            );
        }
    }
}
