//! A figure attached to a question: frozen as it was when attached, with its inputs, so
//! that later imports never change what the question rested on; beside it, what the same
//! figure is today.

use serde::{Deserialize, Serialize};

use super::{
    percent, BroadGroup, Denominator, Disproportionality, EthnicityBasis, NotComputable, Period,
    Ratio,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrozenFigure {
    pub group: BroadGroup,
    pub force_name: String,
    pub period: Period,
    pub legislation: Option<String>,
    pub basis: EthnicityBasis,
    pub group_searches: u64,
    pub group_population: u64,
    pub white_searches: u64,
    pub white_population: u64,
    pub unstated: u64,
    pub person_searches: u64,
    pub ratio: Result<Ratio, NotComputable>,
    pub denominator: Option<Denominator>,
}

impl FrozenFigure {
    /// The figure for `group` (not White) in a set of figures.
    pub fn of(figures: &Disproportionality, group: BroadGroup) -> Option<FrozenFigure> {
        let g = figures.group(group)?;
        let white = figures.group(BroadGroup::White)?;
        Some(FrozenFigure {
            group,
            force_name: figures.force_name.clone(),
            period: figures.period,
            legislation: figures.legislation.clone(),
            basis: figures.basis,
            group_searches: g.searches,
            group_population: g.population,
            white_searches: white.searches,
            white_population: white.population,
            unstated: figures.unstated,
            person_searches: figures.person_searches,
            ratio: g.ratio?,
            denominator: figures.denominator.clone(),
        })
    }

    /// "Black / White stop and search ratio, West Midlands, 2026/27 Q2: 3.40 (95% CI
    /// 3.10–3.80), 212 searches with ethnicity not stated (6.0%)".
    pub fn statement(&self) -> String {
        let legislation = match self.legislation.as_deref() {
            None => String::new(),
            Some("") => " (no legislation recorded)".to_owned(),
            Some(l) => format!(" ({l})"),
        };
        let value = match &self.ratio {
            Ok(r) => format!("{:.2} (95% CI {:.2}–{:.2})", r.ratio, r.low, r.high),
            Err(reason) => format!("not computable ({})", reason.reason()),
        };
        let share = percent(self.unstated, self.person_searches)
            .map(|p| format!(" ({p:.1}%)"))
            .unwrap_or_default();
        format!(
            "{} / White stop and search ratio{legislation}, {}, {}: {value}, {} searches with ethnicity not stated{share}",
            self.group.label(),
            self.force_name,
            self.period.label(),
            self.unstated,
        )
    }

    /// The inputs, for people checking the figure.
    pub fn inputs(&self) -> String {
        let denominator = self
            .denominator
            .as_ref()
            .map(|d| d.label())
            .unwrap_or_else(|| "no population table".to_owned());
        format!(
            "{} searches of {} {} people and {} of {} White people ({}); {}",
            self.group_searches,
            self.group_population,
            self.group.label(),
            self.white_searches,
            self.white_population,
            self.basis.label().to_lowercase(),
            denominator
        )
    }

    /// The same counts and population: the figure has not changed.
    pub fn same_as(&self, other: &FrozenFigure) -> bool {
        (
            self.group_searches,
            self.group_population,
            self.white_searches,
            self.white_population,
            self.unstated,
        ) == (
            other.group_searches,
            other.group_population,
            other.white_searches,
            other.white_population,
            other.unstated,
        ) && self.denominator == other.denominator
    }
}

/// A figure on a question: as frozen, and as it would be today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionFigure {
    pub id: i64,
    pub frozen: FrozenFigure,
    /// `None` when it cannot be computed today (its data or table is gone).
    pub today: Option<FrozenFigure>,
    /// The evidence page's address for the figure.
    pub address: String,
    pub by: String,
    pub at: String,
}

impl QuestionFigure {
    pub fn changed(&self) -> bool {
        self.today
            .as_ref()
            .is_none_or(|today| !self.frozen.same_as(today))
    }
}

/// When a figure is flagged on the evidence page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Threshold {
    /// The ratio is at or above this.
    RatioAtLeast(f64),
    /// The whole 95% interval is above this.
    IntervalAbove(f64),
}

impl Threshold {
    pub fn crossed_by(self, ratio: &Ratio) -> bool {
        match self {
            Threshold::RatioAtLeast(v) => ratio.ratio >= v,
            Threshold::IntervalAbove(v) => ratio.low > v,
        }
    }

    pub fn label(self) -> String {
        match self {
            Threshold::RatioAtLeast(v) => format!("a ratio of {v} or more"),
            Threshold::IntervalAbove(v) => format!("a 95% interval wholly above {v}"),
        }
    }

    /// (kind, value) as stored and as forms send them.
    pub fn to_parts(self) -> (&'static str, f64) {
        match self {
            Threshold::RatioAtLeast(v) => ("ratio", v),
            Threshold::IntervalAbove(v) => ("interval", v),
        }
    }

    pub fn parse(kind: &str, value: &str) -> Result<Threshold, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::default();
        let value = match value.trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 && v <= 100.0 => Some(v),
            _ => {
                errors.add("value", "Enter a ratio between 0 and 100, like 3 or 2.5");
                None
            }
        };
        if !matches!(kind.trim(), "ratio" | "interval") {
            errors.add("kind", "Choose what the threshold looks at");
        }
        match (kind.trim(), value) {
            ("ratio", Some(v)) => Ok(Threshold::RatioAtLeast(v)),
            ("interval", Some(v)) => Ok(Threshold::IntervalAbove(v)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{GroupFigures, Month};

    fn figures(black_searches: u64) -> Disproportionality {
        let group = |group, searches, population, ratio| GroupFigures {
            group,
            searches,
            population,
            rate: Ok(0.0),
            ratio,
            unstated_range: None,
            arrests: 0,
            no_further_action: 0,
            outcome_recorded: 0,
            linked: 0,
            linked_recorded: 0,
        };
        Disproportionality {
            force_slug: "west-midlands".into(),
            force_name: "West Midlands".into(),
            period: Period::Quarter {
                year: 2026,
                quarter: 2,
            },
            legislation: None,
            basis: EthnicityBasis::SelfDefined,
            denominator: None,
            groups: vec![
                group(
                    BroadGroup::Black,
                    black_searches,
                    20_000,
                    Some(Ok(Ratio {
                        ratio: 3.4,
                        low: 3.1,
                        high: 3.8,
                    })),
                ),
                group(BroadGroup::White, 1_000, 500_000, None),
            ],
            unstated: 212,
            person_searches: 3_533,
            vehicle_only: 0,
            months_missing: vec![Month::parse("2026-07").unwrap()],
            fewest_searches: 20,
        }
    }

    #[test]
    fn a_figure_reads_as_the_board_expects_and_knows_when_it_changed() {
        let frozen = FrozenFigure::of(&figures(300), BroadGroup::Black).unwrap();
        assert_eq!(
            frozen.statement(),
            "Black / White stop and search ratio, West Midlands, 2026/27 Q2: 3.40 (95% CI 3.10–3.80), 212 searches with ethnicity not stated (6.0%)"
        );
        assert!(FrozenFigure::of(&figures(300), BroadGroup::White).is_none());
        let same = FrozenFigure::of(&figures(300), BroadGroup::Black).unwrap();
        let later = FrozenFigure::of(&figures(310), BroadGroup::Black).unwrap();
        let on_question = |today| QuestionFigure {
            id: 1,
            frozen: frozen.clone(),
            today,
            address: String::new(),
            by: String::new(),
            at: String::new(),
        };
        assert!(!on_question(Some(same)).changed());
        assert!(on_question(Some(later)).changed());
        assert!(on_question(None).changed());
    }

    #[test]
    fn thresholds_flag_ratios_and_intervals() {
        let r = Ratio {
            ratio: 3.4,
            low: 1.9,
            high: 5.0,
        };
        assert!(Threshold::RatioAtLeast(3.0).crossed_by(&r));
        assert!(!Threshold::RatioAtLeast(3.5).crossed_by(&r));
        assert!(!Threshold::IntervalAbove(2.0).crossed_by(&r));
        assert!(Threshold::IntervalAbove(1.5).crossed_by(&r));
        assert_eq!(
            Threshold::parse("ratio", "3").unwrap(),
            Threshold::RatioAtLeast(3.0)
        );
        assert!(Threshold::parse("ratio", "x")
            .unwrap_err()
            .get("value")
            .is_some());
        assert!(Threshold::parse("colour", "3")
            .unwrap_err()
            .get("kind")
            .is_some());
    }
}
