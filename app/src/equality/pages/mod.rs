//! The equality duty's framework: the objectives register, tags and assurance on questions
//! and actions, coverage by quarter and the annual equality report.

mod contracts;
mod coverage;
mod framework;
mod record;
mod report;

pub use contracts::{ContractPage, ContractsPage};
pub use coverage::{BriefingEquality, CoveragePage};
pub use framework::EqualityPage;
pub use record::{AssuranceFields, EqualityPanel};
pub use report::{PublicReportPage, PublicReportsPage, ReportPage};
