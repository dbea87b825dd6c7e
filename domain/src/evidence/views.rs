//! What the evidence pages and the command line show: an import's record, the figures for
//! a force and period, and the labels' meanings.

use serde::{Deserialize, Serialize};

use super::{BroadGroup, EthnicityBasis, Month, NotComputable, Period, Ratio};

/// A row the import could not read: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// The file's line, counting the header as line 1.
    pub line: u64,
    /// The column's heading, or "(row)" when the row as a whole is wrong.
    pub column: String,
    pub reason: String,
}

impl RowProblem {
    /// The longest reason kept: enough to quote a cell that is wrong, never the megabytes a
    /// broken file can put in one cell (a 5 MB cell once became a 5 MB problem).
    pub const MAX_REASON_CHARS: usize = 300;

    pub fn new(line: u64, column: &str, reason: String) -> RowProblem {
        RowProblem {
            line,
            column: column.to_owned(),
            reason,
        }
        .shortened()
    }

    /// The problem with its reason cut to [`Self::MAX_REASON_CHARS`], marked with "…".
    pub fn shortened(mut self) -> RowProblem {
        if let Some((cut, _)) = self.reason.char_indices().nth(Self::MAX_REASON_CHARS) {
            self.reason.truncate(cut);
            self.reason.push('…');
        }
        self.column = self.column.chars().take(100).collect();
        self
    }
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub id: i64,
    pub force_slug: String,
    pub force_name: String,
    pub month: Month,
    pub file_name: String,
    /// SHA-256 of the file's bytes, in hex.
    pub checksum: String,
    pub imported: bool,
    pub rows_read: u64,
    pub rows_imported: u64,
    pub rows_skipped: u64,
    pub vehicle_only: u64,
    /// The first problems found (at most [`ImportReport::PROBLEMS_KEPT`]).
    pub problems: Vec<RowProblem>,
    pub problems_total: u64,
    /// A month already imported for this force was replaced.
    pub replaced: bool,
    pub by: String,
    pub at: String,
    /// Cells looked as a spreadsheet rewrites them ("Oct-17" for 10-17, TRUE, 04/11/2026
    /// 13:15): read all the same.
    pub spreadsheet_edited: bool,
    /// Labels nobody has mapped yet, with how many rows use each: the import waits for the
    /// office to say what they mean.
    pub unknown_labels: Vec<UnknownLabel>,
    /// Only checked ("check only", `--dry-run`): nothing was imported.
    pub checked_only: bool,
    /// What a check found would be imported: searches of persons by legislation and
    /// self-defined group.
    pub checked: Vec<CheckedCount>,
    /// Once its unknown labels were mapped: the import that then read the file.
    pub continued_as: Option<i64>,
}

impl ImportReport {
    pub const PROBLEMS_KEPT: usize = 200;

    /// Waiting for the office to say what its unknown labels mean.
    pub fn asks(&self) -> bool {
        !self.imported
            && !self.checked_only
            && !self.unknown_labels.is_empty()
            && self.continued_as.is_none()
    }
}

/// A label in a file that no one has said the meaning of yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownLabel {
    pub kind: super::LabelKind,
    pub label: String,
    pub count: u64,
}

/// Searches of persons a checked file would add, for one legislation and group ("" is
/// "not recorded" or "not stated").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedCount {
    pub legislation: String,
    pub group: String,
    pub searches: u64,
}

/// The population a rate was computed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Denominator {
    pub table_id: i64,
    pub name: String,
    pub source: String,
    pub year: i64,
}

impl Denominator {
    /// "Census 2021 (Office for National Statistics)".
    pub fn label(&self) -> String {
        format!("{} ({}, {})", self.name, self.source, self.year)
    }
}

/// One broad group's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    pub group: BroadGroup,
    pub searches: u64,
    pub population: u64,
    pub rate: Result<f64, NotComputable>,
    /// Against the White rate; `None` for White itself.
    pub ratio: Option<Result<Ratio, NotComputable>>,
    /// The least and greatest the ratio could be were every unstated search of White
    /// people or of this group; `None` for White.
    pub unstated_range: Option<Result<(f64, f64), NotComputable>>,
    pub arrests: u64,
    pub no_further_action: u64,
    /// Searches with an outcome recorded: what arrest and NFA rates are shares of.
    pub outcome_recorded: u64,
    /// Searches whose outcome was linked to the object of the search (the "find rate").
    pub linked: u64,
    pub linked_recorded: u64,
}

/// The disproportionality figures for a force, period, legislation and basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disproportionality {
    pub force_slug: String,
    pub force_name: String,
    pub period: Period,
    /// `None`: every legislation.
    pub legislation: Option<String>,
    pub basis: EthnicityBasis,
    pub denominator: Option<Denominator>,
    pub groups: Vec<GroupFigures>,
    /// Searches of persons whose ethnicity was not stated.
    pub unstated: u64,
    /// Every search of a person in the period, stated or not.
    pub person_searches: u64,
    /// Searches of vehicles only, which no rate counts.
    pub vehicle_only: u64,
    /// Months of the period with no file imported.
    pub months_missing: Vec<Month>,
    /// The fewest searches, in the group and in the White group, for a ratio to be compared.
    pub fewest_searches: u64,
}

impl Disproportionality {
    pub fn group(&self, group: BroadGroup) -> Option<&GroupFigures> {
        self.groups.iter().find(|g| g.group == group)
    }

    /// Too few searches in `group`, or in the White group, for its ratio to mean anything:
    /// shown greyed, never flagged, never the ground of a question.
    pub fn too_few(&self, group: BroadGroup) -> bool {
        let searches = |g| self.group(g).map_or(0, |g| g.searches);
        group != BroadGroup::White
            && (searches(group) < self.fewest_searches
                || searches(BroadGroup::White) < self.fewest_searches)
    }

    /// One sentence for a resident above the tables: the group searched most often
    /// compared with White people (of those with enough searches to compare), rounded as
    /// people say it — "Black people were about 2 times as likely to be searched as White
    /// people in the 12 months to November 2026." `None` when no group can be compared.
    pub fn headline(&self) -> Option<String> {
        let (group, ratio) = self
            .groups
            .iter()
            .filter(|g| !self.too_few(g.group))
            .filter_map(|g| match &g.ratio {
                Some(Ok(r)) => Some((g.group, r.ratio)),
                _ => None,
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        Some(format!(
            "{} were {} White people in {}.",
            group.people(),
            likelihood(ratio),
            period_phrase(self.period)
        ))
    }
}

/// "the 12 months to November 2026", "September 2026", "2026/27".
fn period_phrase(period: Period) -> String {
    match period {
        Period::Rolling12(_) => format!("the {}", period.label()),
        _ => period.label(),
    }
}

/// A ratio as people say it, with its comparison: never more exact than the figures can
/// bear, and never rounded down past what the table shows ("1.95" is "about 2 times as
/// likely to be searched as", not "1.9").
pub fn likelihood(ratio: f64) -> String {
    let said = if !ratio.is_finite() || ratio <= 0.0 {
        return "not comparable with".to_owned();
    } else if ratio >= 1.75 {
        format!("about {} times as likely", ratio.round())
    } else if ratio >= 1.25 {
        "about 1.5 times as likely".to_owned()
    } else if ratio > 1.05 {
        return "a little more likely to be searched than".to_owned();
    } else if ratio >= 0.95 {
        "about as likely".to_owned()
    } else if (0.4..0.6).contains(&ratio) {
        "about half as likely".to_owned()
    } else {
        return "less likely to be searched than".to_owned();
    };
    format!("{said} to be searched as")
}

/// The office's evidence settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSettings {
    /// The force the office oversees (a data.police.uk slug), if set.
    pub our_force: Option<String>,
    pub fewest_searches: u64,
}

/// One month's ratios, for a trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub month: Month,
    /// Each compared group's ratio to the White rate, where computable.
    pub ratios: Vec<(BroadGroup, Result<Ratio, NotComputable>)>,
    pub searches: u64,
}

/// A label in the files and what Scrutineer reads it as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelMeaning {
    pub label: String,
    pub meaning: String,
    pub legacy: bool,
    /// Why it is read so ("Census 2001 category", "Mapped by the office").
    pub note: String,
}

/// Everything the evidence page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceView {
    /// The filter as applied, defaults filled in.
    pub filter: super::EvidenceFilter,
    /// What was wrong with the address, by field (the figures then use the defaults).
    pub invalid: Option<crate::FieldErrors>,
    /// `None` when no stop and search data has been imported yet.
    pub figures: Option<Disproportionality>,
    pub trend: Vec<TrendPoint>,
    /// Forces with data first, then the rest: (slug, name).
    pub forces: Vec<(String, String)>,
    pub legislations: Vec<String>,
    pub tables: Vec<(Denominator, bool)>,
    /// The viewer may import files and population tables, and attach figures to questions.
    pub can_import: bool,
    /// The Commissioner: sets thresholds and publishes figures.
    pub can_judge: bool,
    /// The Commissioner's thresholds, with their ids.
    pub thresholds: Vec<(i64, super::Threshold)>,
    /// This force's figures are on the public pages.
    pub published: bool,
    /// Questions a figure may be attached to (for those who may attach): (id, text).
    pub questions: Vec<(i64, String)>,
}

/// A force's published figures (the 12 months to its latest month), for the public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicEvidence {
    /// Forces whose figures are published: (slug, name).
    pub forces: Vec<(String, String)>,
    /// `None` when nothing is published, or the force has no data.
    pub figures: Option<Disproportionality>,
    pub trend: Vec<TrendPoint>,
    pub published_at: String,
    /// The day they were published, written out ("Monday 7 December 2026").
    #[serde(default)]
    pub published_on: String,
}

#[cfg(test)]
mod row_problem_tests {
    use super::RowProblem;

    #[test]
    fn a_huge_cell_is_quoted_in_part() {
        let p = RowProblem::new(
            7,
            "Outcome",
            format!("“{}” is not an outcome", "x".repeat(5_000_000)),
        );
        assert_eq!(p.reason.chars().count(), RowProblem::MAX_REASON_CHARS + 1);
        assert!(p.reason.ends_with('…'));
        let short = RowProblem::new(7, "Outcome", "“Arrestt” is not an outcome".into());
        assert_eq!(short.reason, "“Arrestt” is not an outcome");
    }
}

#[cfg(test)]
mod headline_tests {
    use super::likelihood;

    #[test]
    fn ratios_read_as_people_say_them() {
        assert_eq!(
            likelihood(1.95),
            "about 2 times as likely to be searched as"
        );
        assert_eq!(
            likelihood(1.76),
            "about 2 times as likely to be searched as"
        );
        assert_eq!(
            likelihood(3.49),
            "about 3 times as likely to be searched as"
        );
        assert_eq!(
            likelihood(1.4),
            "about 1.5 times as likely to be searched as"
        );
        assert_eq!(likelihood(1.1), "a little more likely to be searched than");
        assert_eq!(likelihood(1.0), "about as likely to be searched as");
        assert_eq!(likelihood(0.5), "about half as likely to be searched as");
        assert_eq!(likelihood(0.8), "less likely to be searched than");
    }
}
