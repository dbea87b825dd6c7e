//! The arithmetic of disproportionality: rates per 1,000 people, the ratio of a group's rate
//! to the White rate with a 95% confidence interval by the Katz log method, and the range
//! that ratio could take if every search with no ethnicity stated belonged to one side.
//!
//! A figure that cannot be computed says why ([`NotComputable`]); nothing here divides by
//! zero or returns infinity.

use serde::{Deserialize, Serialize};

/// The z value of a two-sided 95% interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// Why a rate or ratio has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotComputable {
    /// The denominator has no people in this group for this area.
    NoPopulation,
    /// The denominator has no White people for this area, so there is no rate to compare with.
    NoWhitePopulation,
    /// No White person was searched, so the comparison rate is zero.
    NoWhiteSearches,
    /// No person of this group was searched: the ratio is 0 and the Katz interval does not exist.
    NoSearches,
}

impl NotComputable {
    pub fn reason(self) -> &'static str {
        match self {
            NotComputable::NoPopulation => "no population recorded for this group",
            NotComputable::NoWhitePopulation => "no White population recorded for this area",
            NotComputable::NoWhiteSearches => "no White people were searched in this period",
            NotComputable::NoSearches => {
                "no people of this group were searched: the ratio is 0 and has no interval"
            }
        }
    }
}

/// Searches per 1,000 people.
pub fn rate_per_1000(searches: u64, population: u64) -> Result<f64, NotComputable> {
    if population == 0 {
        return Err(NotComputable::NoPopulation);
    }
    Ok(searches as f64 * 1000.0 / population as f64)
}

/// A rate ratio with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ratio {
    pub ratio: f64,
    pub low: f64,
    pub high: f64,
}

/// The ratio of a group's search rate to the White rate, with the Katz log interval:
/// ln(RR) ± z·√(1/a − 1/n₁ + 1/b − 1/n₂), where a of n₁ people in the group and b of n₂
/// White people were searched. (A search is counted as a person here: the Home Office's
/// practice, though a person may be searched more than once.)
pub fn katz_ratio(
    group_searches: u64,
    group_population: u64,
    white_searches: u64,
    white_population: u64,
) -> Result<Ratio, NotComputable> {
    if group_population == 0 {
        return Err(NotComputable::NoPopulation);
    }
    if white_population == 0 {
        return Err(NotComputable::NoWhitePopulation);
    }
    if white_searches == 0 {
        return Err(NotComputable::NoWhiteSearches);
    }
    if group_searches == 0 {
        return Err(NotComputable::NoSearches);
    }
    let (a, n1, b, n2) = (
        group_searches as f64,
        group_population as f64,
        white_searches as f64,
        white_population as f64,
    );
    let ratio = (a / n1) / (b / n2);
    // More searches than people (possible: one person searched many times) would make the
    // variance term negative; the interval is then taken with those terms at zero.
    let variance = (1.0 / a - 1.0 / n1).max(0.0) + (1.0 / b - 1.0 / n2).max(0.0);
    let spread = Z_95 * variance.sqrt();
    Ok(Ratio {
        ratio,
        low: (ratio.ln() - spread).exp(),
        high: (ratio.ln() + spread).exp(),
    })
}

/// The least and greatest the ratio could be if every search with no ethnicity stated had
/// been of the White group (least) or of this group (greatest).
pub fn unstated_range(
    group_searches: u64,
    group_population: u64,
    white_searches: u64,
    white_population: u64,
    unstated: u64,
) -> Result<(f64, f64), NotComputable> {
    if group_population == 0 {
        return Err(NotComputable::NoPopulation);
    }
    if white_population == 0 {
        return Err(NotComputable::NoWhitePopulation);
    }
    let group_rate = |searches: u64| searches as f64 / group_population as f64;
    let white_rate = |searches: u64| searches as f64 / white_population as f64;
    let least = if white_searches + unstated == 0 {
        return Err(NotComputable::NoWhiteSearches);
    } else {
        group_rate(group_searches) / white_rate(white_searches + unstated)
    };
    if white_searches == 0 {
        return Err(NotComputable::NoWhiteSearches);
    }
    let greatest = group_rate(group_searches + unstated) / white_rate(white_searches);
    Ok((least, greatest))
}

/// A share of a whole, as a percentage, or nothing when the whole is empty.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(actual: f64, expected: f64, places: i32) {
        let tolerance = 0.5 * 10f64.powi(-places);
        assert!(
            (actual - expected).abs() <= tolerance,
            "{actual} is not {expected} to {places} places"
        );
    }

    /// Worked by hand: 300 searches of 20,000 Black people, 1,000 of 500,000 White people.
    /// Rates 15 and 2 per 1,000; RR = 7.5; SE = √(1/300 − 1/20000 + 1/1000 − 1/500000)
    /// = √0.0042813… = 0.065432; ln 7.5 = 2.014903; 2.014903 ± 1.959964 × 0.065432
    /// = [1.886658, 2.143148] → [6.5973, 8.5262].
    #[test]
    fn rates_ratio_and_katz_interval_match_the_hand_computed_case() {
        near(rate_per_1000(300, 20_000).unwrap(), 15.0, 6);
        near(rate_per_1000(1_000, 500_000).unwrap(), 2.0, 6);
        let r = katz_ratio(300, 20_000, 1_000, 500_000).unwrap();
        near(r.ratio, 7.5, 6);
        near(r.low, 6.5973, 3);
        near(r.high, 8.5262, 3);
    }

    /// 12 of 4,000 Asian people, 40 of 10,000 White: RR 0.75; SE = √(1/12 − 1/4000 + 1/40 −
    /// 1/10000) = √0.107983 = 0.328608; ln 0.75 = −0.287682 ± 0.644060 → [0.3939, 1.4281].
    #[test]
    fn a_ratio_below_one_has_an_interval_around_it() {
        let r = katz_ratio(12, 4_000, 40, 10_000).unwrap();
        near(r.ratio, 0.75, 6);
        near(r.low, 0.3939, 3);
        near(r.high, 1.4281, 3);
        assert!(r.low < r.ratio && r.ratio < r.high);
    }

    #[test]
    fn empty_groups_and_zero_white_searches_are_not_computable() {
        assert_eq!(rate_per_1000(5, 0), Err(NotComputable::NoPopulation));
        assert_eq!(katz_ratio(5, 0, 10, 100), Err(NotComputable::NoPopulation));
        assert_eq!(
            katz_ratio(5, 100, 10, 0),
            Err(NotComputable::NoWhitePopulation)
        );
        assert_eq!(
            katz_ratio(5, 100, 0, 100),
            Err(NotComputable::NoWhiteSearches)
        );
        assert_eq!(katz_ratio(0, 100, 10, 100), Err(NotComputable::NoSearches));
        assert_eq!(percent(3, 0), None);
        for reason in [
            NotComputable::NoPopulation,
            NotComputable::NoWhitePopulation,
            NotComputable::NoWhiteSearches,
            NotComputable::NoSearches,
        ] {
            assert!(!reason.reason().is_empty());
        }
    }

    /// 300 of 20,000 Black and 1,000 of 500,000 White, 100 unstated: all White →
    /// 15 / 2.2 = 6.8182; all Black → 20 / 2 = 10.
    #[test]
    fn unstated_ethnicity_gives_the_range_the_ratio_could_take() {
        let (least, greatest) = unstated_range(300, 20_000, 1_000, 500_000, 100).unwrap();
        near(least, 6.8182, 4);
        near(greatest, 10.0, 6);
        let (least, greatest) = unstated_range(300, 20_000, 1_000, 500_000, 0).unwrap();
        near(least, 7.5, 6);
        near(greatest, 7.5, 6);
        assert_eq!(
            unstated_range(3, 100, 0, 100, 5),
            Err(NotComputable::NoWhiteSearches)
        );
    }

    #[test]
    fn more_searches_than_people_still_gives_a_finite_interval() {
        let r = katz_ratio(50, 10, 2, 1_000).unwrap();
        assert!(r.ratio.is_finite() && r.low.is_finite() && r.high.is_finite());
        assert!(r.low <= r.ratio && r.ratio <= r.high);
    }
}
