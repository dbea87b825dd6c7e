//! Equality evidence: stop-and-search disproportionality from data.police.uk's files, the
//! imports that brought them in, and what their labels and denominators mean.

mod chart;
mod complaints;
mod dashboard;
mod imports;
mod labels;
mod on_questions;
mod public;
mod upload;

pub use chart::TrendChart;
pub use complaints::{ComplaintImportPage, ComplaintsPage};
pub use dashboard::EvidencePage;
pub use imports::{ImportPage, ImportRecordPage};
pub use labels::LabelsPage;
pub use on_questions::QuestionFigures;
pub use public::PublicEvidencePage;
pub use upload::UploadProgress;

/// A ratio or rate as the pages and CSV show it.
pub fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}")
}

/// A count as people read it: 1,234,567.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "West Midlands' figures", "Cleveland's figures".
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// "1 search of vehicles only", "1,204 searches of vehicles only".
pub fn searches(n: u64, after: &str) -> String {
    let noun = if n == 1 { "search" } else { "searches" };
    format!("{} {noun}{after}", thousands(n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_and_counts_read_as_english() {
        assert_eq!(super::possessive("West Midlands"), "West Midlands'");
        assert_eq!(super::possessive("Cleveland"), "Cleveland's");
        assert_eq!(
            super::searches(1, " of vehicles only"),
            "1 search of vehicles only"
        );
        assert_eq!(super::searches(1204, ""), "1,204 searches");
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_000), "1,000");
        assert_eq!(super::thousands(1_793_173), "1,793,173");
    }
}
