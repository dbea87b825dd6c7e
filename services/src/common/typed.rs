//! Text as people type it and paste it from other programs: every kind of space, and dates
//! written in the ways people in England write them. Used by every form and reader of
//! typed text; uses no area.

use chrono::NaiveDate;

use crate::db::codec::{day_text, Day};

/// A date written `YYYY-MM-DD` between the years 2000 and 2100, as date fields and
/// stored days hold them.
pub fn iso_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter the date, for example 2026-03-31".into());
    }
    let date = Day::parse(text)
        .map_err(|_| "Enter a real date in the format YYYY-MM-DD, for example 2026-03-31")?;
    if !(2000..=2100).contains(&chrono::Datelike::year(&date)) {
        return Err("Enter a date between the years 2000 and 2100".into());
    }
    Ok(date)
}

/// Every kind of space as a plain space, and the characters Word adds that are not text
/// (zero-width spaces, soft hyphens, byte-order marks) removed; a non-breaking hyphen is a
/// hyphen.
pub fn plain_spaces(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            )
        })
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

/// A date as people type it — `2026-12-31`, `31/12/2026`, `31/12/26`, `31.12.2026`,
/// `31 December 2026`, `31st Dec 2026`, `Thursday 31 December 2026`, `December 31, 2026` —
/// between 2000 and 2100.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let text = plain_spaces(text);
    let text = text.trim();
    let words = without_ordinals(&text.replace(',', " ").replace(". ", " "));
    let words: Vec<&str> = words
        .split_whitespace()
        .filter(|w| !is_weekday(w) && !w.eq_ignore_ascii_case("of"))
        .collect();
    let words = words.join(" ");
    let slashed = words.replace(['.', '-'], "/");
    // Two-digit years first: chrono's %Y would read "27" as the year 27.
    let day = short_year(&words).or_else(|| {
        ["%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(&words, format).ok())
            // 31.12.2026 and 31-12-2026.
            .or_else(|| NaiveDate::parse_from_str(&slashed, "%d/%m/%Y").ok())
    });
    match day {
        Some(day) => iso_date(&day_text(day)),
        None => iso_date(text).map_err(|message| {
            if message.contains("real date") {
                "Enter a real date, for example 31/12/2026, 31 December 2026 or 2026-12-31 (YYYY-MM-DD)"
                    .to_owned()
            } else {
                message
            }
        }),
    }
}

fn is_weekday(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| *d == word || (word.len() >= 3 && d.starts_with(&word) && word.len() <= 4))
}

/// `31/1/27` as 31 January 2027: two-digit years are this century's.
fn short_year(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split(['/', '.']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 2 {
        return None;
    }
    let year = 2000 + y.parse::<i32>().ok()?;
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// "1st", "22nd", "3rd", "31st" as "1", "22", "3", "31" (only right after digits).
pub(crate) fn without_ordinals(text: &str) -> String {
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
