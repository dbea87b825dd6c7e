//! Action references: the board's short code, the year and a number, e.g. `SPCB/2026/014`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActionRef {
    board_code: String,
    year: i32,
    number: u32,
}

impl ActionRef {
    /// `board_code` as boards store it (2 to 10 letters A to Z), a year, a number from 1.
    pub fn new(board_code: &str, year: i32, number: u32) -> Result<ActionRef, String> {
        let code_ok = (2..=10).contains(&board_code.len())
            && board_code.bytes().all(|b| b.is_ascii_uppercase());
        if !code_ok || !(2000..=2100).contains(&year) || number == 0 {
            return Err(format!(
                "Not an action reference: {board_code}/{year}/{number}"
            ));
        }
        Ok(ActionRef {
            board_code: board_code.to_owned(),
            year,
            number,
        })
    }

    /// Reads `SPCB/2026/014` (case and surrounding spaces forgiven).
    pub fn parse(text: &str) -> Result<ActionRef, String> {
        let shape = || "Enter a reference like SPCB/2026/014".to_owned();
        let upper = text.trim().to_ascii_uppercase();
        let mut parts = upper.split('/');
        let (Some(code), Some(year), Some(number), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(shape());
        };
        let year = year.parse::<i32>().map_err(|_| shape())?;
        let number = number.parse::<u32>().map_err(|_| shape())?;
        ActionRef::new(code, year, number).map_err(|_| shape())
    }

    pub fn board_code(&self) -> &str {
        &self.board_code
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }
}

impl std::fmt::Display for ActionRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{:03}", self.board_code, self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shows_three_digits_and_more_when_needed() {
        assert_eq!(
            ActionRef::new("SPCB", 2026, 14).unwrap().to_string(),
            "SPCB/2026/014"
        );
        assert_eq!(
            ActionRef::new("AAB", 2027, 1234).unwrap().to_string(),
            "AAB/2027/1234"
        );
        assert!(ActionRef::new("spcb", 2026, 1).is_err());
        assert!(ActionRef::new("SPCB", 2026, 0).is_err());
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(
            ActionRef::parse(" spcb/2026/014 ").unwrap(),
            ActionRef::new("SPCB", 2026, 14).unwrap()
        );
        for bad in [
            "",
            "SPCB/2026",
            "SPCB/2026/14/1",
            "SPCB/year/1",
            "S/2026/1",
            "SPCB/2026/-1",
        ] {
            assert!(ActionRef::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(code in "[A-Z]{2,10}", year in 2000i32..=2100, number in 1u32..100_000) {
            let reference = ActionRef::new(&code, year, number).unwrap();
            prop_assert_eq!(ActionRef::parse(&reference.to_string()).unwrap(), reference);
        }
    }
}
