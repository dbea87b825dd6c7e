//! Police complaints figures in the measures of the IOPC's police complaints information
//! bulletins: per force and financial quarter, with the force's most-similar-forces group
//! and the national figure beside each.

use serde::{Deserialize, Serialize};

use crate::equality::Characteristic;

closed_set!(
    /// The categories allegations are counted in (the IOPC's guidance on recording data).
    AllegationCategory, "Unknown allegation category", {
        DeliveryOfDuties => ("delivery_of_duties", "Delivery of duties and service"),
        PolicePowers => ("police_powers", "Police powers, policies and procedures"),
        IndividualBehaviours => ("individual_behaviours", "Individual behaviours"),
        DiscriminatoryBehaviour => ("discriminatory_behaviour", "Discriminatory behaviour"),
        UseOfForce => ("use_of_force", "Use of force"),
        AbuseOfPosition => ("abuse_of_position", "Abuse of position or corruption"),
        SexualConduct => ("sexual_conduct", "Sexual conduct"),
        HandlingOfInformation => ("handling_of_information", "Access and disclosure of information"),
        Other => ("other", "Other"),
    }
);

/// One measure of a bulletin. Stored and written in files as its key:
/// `cases_logged`, `allegations_logged`, `days_to_contact`, `days_to_log`,
/// `days_to_finalise`, `allegations:<category>`, `discrimination:<characteristic>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ComplaintMeasure {
    CasesLogged,
    AllegationsLogged,
    /// Average working days from the complaint to contacting the complainant.
    DaysToContact,
    /// Average working days from the complaint to logging it.
    DaysToLog,
    /// Average days to finalise allegations handled under Schedule 3.
    DaysToFinalise,
    Allegations(AllegationCategory),
    /// Allegations of discriminatory behaviour, by the characteristic concerned.
    Discrimination(Characteristic),
}

impl ComplaintMeasure {
    /// Every measure, in the order the page shows them.
    pub fn all() -> Vec<ComplaintMeasure> {
        let mut all = vec![
            ComplaintMeasure::CasesLogged,
            ComplaintMeasure::AllegationsLogged,
            ComplaintMeasure::DaysToContact,
            ComplaintMeasure::DaysToLog,
            ComplaintMeasure::DaysToFinalise,
        ];
        all.extend(
            AllegationCategory::ALL
                .iter()
                .map(|c| ComplaintMeasure::Allegations(*c)),
        );
        all.extend(
            Characteristic::ALL
                .iter()
                .map(|c| ComplaintMeasure::Discrimination(*c)),
        );
        all
    }

    pub fn key(self) -> String {
        match self {
            ComplaintMeasure::CasesLogged => "cases_logged".into(),
            ComplaintMeasure::AllegationsLogged => "allegations_logged".into(),
            ComplaintMeasure::DaysToContact => "days_to_contact".into(),
            ComplaintMeasure::DaysToLog => "days_to_log".into(),
            ComplaintMeasure::DaysToFinalise => "days_to_finalise".into(),
            ComplaintMeasure::Allegations(c) => format!("allegations:{}", c.as_str()),
            ComplaintMeasure::Discrimination(c) => format!("discrimination:{}", c.as_str()),
        }
    }

    pub fn label(self) -> String {
        match self {
            ComplaintMeasure::CasesLogged => "Complaint cases logged".into(),
            ComplaintMeasure::AllegationsLogged => "Allegations logged".into(),
            ComplaintMeasure::DaysToContact => "Working days to contact the complainant".into(),
            ComplaintMeasure::DaysToLog => "Working days to log the complaint".into(),
            ComplaintMeasure::DaysToFinalise => "Days to finalise (Schedule 3)".into(),
            ComplaintMeasure::Allegations(c) => format!("Allegations: {}", c.label()),
            ComplaintMeasure::Discrimination(c) => {
                format!("Discriminatory behaviour allegations: {}", c.label())
            }
        }
    }

    /// Whether the measure is an average of days (higher is slower), not a count.
    pub fn is_days(self) -> bool {
        matches!(
            self,
            ComplaintMeasure::DaysToContact
                | ComplaintMeasure::DaysToLog
                | ComplaintMeasure::DaysToFinalise
        )
    }

    pub fn parse(text: &str) -> Result<ComplaintMeasure, String> {
        let text = text.trim();
        ComplaintMeasure::all()
            .into_iter()
            .find(|m| m.key() == text)
            .ok_or_else(|| format!("“{text}” is not a measure: the template lists them"))
    }
}

/// A financial quarter: the April the year starts in, and 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    pub quarter: u8,
}

impl Quarter {
    /// "2025/26 Q1" (as the bulletins write it), also "2025-26 Q1" and "Q1 2025/26".
    pub fn parse(text: &str) -> Result<Quarter, String> {
        let refused = || format!("“{}” is not a quarter: write it as 2025/26 Q1", text.trim());
        let words: Vec<&str> = text.split_whitespace().collect();
        let (year, quarter) = match words.as_slice() {
            [year, q] if q.starts_with(['Q', 'q']) => (*year, *q),
            [q, year] if q.starts_with(['Q', 'q']) => (*year, *q),
            _ => return Err(refused()),
        };
        let quarter: u8 = quarter
            .get(1..)
            .unwrap_or_default()
            .parse()
            .map_err(|_| refused())?;
        let (first, second) = year.split_once(['/', '-']).ok_or_else(refused)?;
        let first: i32 = first.parse().map_err(|_| refused())?;
        let second: i32 = second.parse().map_err(|_| refused())?;
        if !(1..=4).contains(&quarter)
            || !(2000..=2100).contains(&first)
            || second != (first + 1) % 100
        {
            return Err(refused());
        }
        Ok(Quarter {
            year: first,
            quarter,
        })
    }

    pub fn label(self) -> String {
        format!(
            "{}/{:02} Q{}",
            self.year,
            (self.year + 1) % 100,
            self.quarter
        )
    }

    /// The quarter before this one.
    pub fn previous(self) -> Quarter {
        if self.quarter == 1 {
            Quarter {
                year: self.year - 1,
                quarter: 4,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter - 1,
            }
        }
    }
}

/// One quarter of a measure: the force's figure and, where given, its group's and the
/// nation's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintPoint {
    pub quarter: Quarter,
    pub force: f64,
    pub msf: Option<f64>,
    pub national: Option<f64>,
}

/// A measure's quarters for one force, oldest first, with what a threshold says of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintSeries {
    pub measure: ComplaintMeasure,
    pub points: Vec<ComplaintPoint>,
    /// The threshold the latest quarter crosses, said in words.
    pub flagged: Option<String>,
}

/// A complaints file's import, refused or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintImport {
    pub id: i64,
    pub file_name: String,
    pub imported: bool,
    pub rows: i64,
    pub checksum: String,
    pub problems: Vec<super::RowProblem>,
    pub by: String,
    pub at: crate::LocalTime,
}

/// The complaints page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintsView {
    /// Forces with figures: (slug, name).
    pub forces: Vec<(String, String)>,
    pub force: Option<(String, String)>,
    pub series: Vec<ComplaintSeries>,
    pub imports: Vec<ComplaintImport>,
    /// (id, "Above the national figure by 20% or more").
    pub thresholds: Vec<(i64, String)>,
    pub may_import: bool,
    pub may_set_thresholds: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_as_the_bulletins_write_them() {
        let q = Quarter {
            year: 2025,
            quarter: 1,
        };
        for text in ["2025/26 Q1", "2025-26 q1", "Q1 2025/26", " 2025/26  Q1 "] {
            assert_eq!(Quarter::parse(text), Ok(q), "{text}");
        }
        for bad in [
            "2025/27 Q1",
            "2025/26 Q5",
            "2025 Q1",
            "Q1",
            "",
            "1999/00 Q1",
            "2025/26 Qx",
        ] {
            assert!(Quarter::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Quarter::parse("2099/00 Q4").unwrap().label(), "2099/00 Q4");
        assert_eq!(
            q.previous(),
            Quarter {
                year: 2024,
                quarter: 4
            }
        );
    }

    #[test]
    fn measures_round_trip() {
        for m in ComplaintMeasure::all() {
            assert_eq!(ComplaintMeasure::parse(&m.key()), Ok(m));
        }
        assert_eq!(ComplaintMeasure::all().len(), 5 + 9 + 9);
        assert!(ComplaintMeasure::parse("allegations:rudeness").is_err());
    }
}
