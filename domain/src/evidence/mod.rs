//! Equality evidence: stop-and-search records from data.police.uk, the population they are
//! compared with, and the figures drawn from both.

mod complaints;
mod filter;
mod forces;
mod frozen;
mod period;
mod ratio;
mod views;
mod words;

pub use complaints::{
    AllegationCategory, ComplaintImport, ComplaintMeasure, ComplaintPoint, ComplaintSeries,
    ComplaintsView, Quarter,
};
pub use filter::EvidenceFilter;
pub use forces::{stop_search_file_name, Force, FORCES};
pub use frozen::{FrozenFigure, QuestionFigure, Threshold};
pub use period::{Month, Period, PERIOD_KINDS};
pub use ratio::{katz_ratio, percent, rate_per_1000, unstated_range, NotComputable, Ratio, Z_95};
pub use views::{
    likelihood, CheckedCount, Denominator, Disproportionality, EvidenceSettings, EvidenceView,
    GroupFigures, ImportReport, LabelMeaning, PublicEvidence, RowProblem, TrendPoint, UnknownLabel,
};
pub use words::{
    AgeRange, BroadGroup, EthnicityBasis, Gender, LabelKind, Outcome, SearchType, UploadProblem,
};
