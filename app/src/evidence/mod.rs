//! Equality evidence: stop-and-search disproportionality from data.police.uk's files, the
//! imports that brought them in, and what their labels and denominators mean.

mod chart;
mod dashboard;
mod imports;
mod labels;
mod on_questions;
mod public;
pub mod server;

pub use chart::TrendChart;
pub use dashboard::EvidencePage;
pub use imports::{ImportPage, ImportRecordPage};
pub use labels::LabelsPage;
pub use on_questions::QuestionFigures;
pub use public::PublicEvidencePage;

/// A ratio or rate as the pages and CSV show it.
pub fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}")
}
