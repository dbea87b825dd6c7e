//! The equality framework: the duty's aims and the protected characteristics (fixed), the
//! objectives an OPCC sets itself, and what questions and actions are tagged with.

mod views;
mod words;

pub use views::{
    AnnualReport, AssuranceView, CharacteristicSection, ContractView, Coverage, CoverageRow,
    Framework, GroupView, MonitoringDue, MonitoringState, MonitoringView, ObjectiveView, PlanView,
    ProgressUpdate, RecordEquality, ReportFigure, ReviewState, ScrutinyItem, TagChoice, Touches,
};
pub use words::{Aim, Assurance, Characteristic, ContractKind, ObjectiveGroup, Rating, Tag};
