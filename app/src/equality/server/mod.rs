//! The equality area's server functions, each thin over `services::equality`.

use domain::equality::{AnnualReport, Coverage, Framework, RecordEquality};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn subject(kind: &str) -> Result<services::register::Subject, AppError> {
    match kind {
        "question" => Ok(services::register::Subject::Question),
        "action" => Ok(services::register::Subject::Action),
        _ => Err(crate::context::fail(AppError::NotFound)),
    }
}

/// A year from a form or address: the financial year today is in when empty.
#[cfg(feature = "ssr")]
fn year_of(text: &str) -> Result<i32, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(services::equality::financial_year_of(
            services::common::london::today(),
        ));
    }
    text.get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| services::equality::report::YEARS.contains(y))
        .ok_or_else(|| {
            crate::context::refused(
                services::Error::invalid("year", "Enter a year such as 2026 (for 2026/27)"),
                &[("year", text)],
            )
        })
}

/// The equality part of a meeting's briefing pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefingSection {
    pub coverage: Coverage,
    pub monitoring: Vec<domain::equality::MonitoringDue>,
    pub assured: Vec<domain::equality::ScrutinyItem>,
    pub review: Option<(String, domain::equality::ReviewState, String)>,
}

mod contracts;
mod coverage;
mod framework;
mod record;
mod report;

pub use contracts::*;
pub use coverage::*;
pub use framework::*;
pub use record::*;
pub use report::*;
