//! One stop and search as read from a file: what the import writes and the monthly counts
//! add up.

use domain::evidence::{AgeRange, BroadGroup, Gender, SearchType};

/// One search, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Search {
    pub line: u64,
    pub kind: SearchType,
    pub at: String,
    pub part_of_operation: Option<bool>,
    pub operation: Option<String>,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub gender: Option<Gender>,
    pub age_range: Option<AgeRange>,
    pub self_defined: Option<String>,
    pub self_group: Option<BroadGroup>,
    pub officer_group: Option<BroadGroup>,
    pub legislation: Option<String>,
    pub object: Option<String>,
    pub outcome_label: Option<String>,
    pub outcome: Option<domain::evidence::Outcome>,
    pub linked: Option<bool>,
    pub outer_clothing: Option<bool>,
    /// A cell as a spreadsheet rewrites it ("Oct-17" for 10-17, TRUE, 04/11/2026 13:15).
    pub spreadsheet: bool,
}
