//! What the equality pages show: the objectives register, a record's tags and assurance,
//! coverage by quarter and the annual equality report.

use serde::{Deserialize, Serialize};

use super::{Assurance, ObjectiveGroup, Rating};
use crate::LocalTime;

/// A plan of equality objectives with its objectives by group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub id: i64,
    pub title: String,
    pub starts_on: String,
    pub review_on: String,
    /// "1 April 2025"
    pub review_long: String,
    /// The review date has passed, or is within the reminder window.
    pub review: ReviewState,
    pub groups: Vec<GroupView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewState {
    Later,
    /// Within the reminder window (days left).
    Soon(i64),
    /// Passed (days ago).
    Overdue(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub group: ObjectiveGroup,
    pub objectives: Vec<ObjectiveView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveView {
    pub id: i64,
    pub plan_id: i64,
    pub group: ObjectiveGroup,
    pub text: String,
    pub owner: String,
    /// Newest first.
    pub updates: Vec<ProgressUpdate>,
    /// Questions and actions tagged with it.
    pub questions: i64,
    pub actions: i64,
}

impl ObjectiveView {
    pub fn rating(&self) -> Option<Rating> {
        self.updates.first().map(|u| u.rating)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressUpdate {
    pub rating: Rating,
    pub body_html: String,
    pub at: LocalTime,
    pub who: String,
}

/// The objectives register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    pub plans: Vec<PlanView>,
    /// Whether the person may add plans, objectives and progress updates.
    pub may_edit: bool,
}

/// One box of the tagging form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagChoice {
    pub key: String,
    pub label: String,
    pub chosen: bool,
}

/// The Commissioner's assurance on a question or action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssuranceView {
    pub level: Assurance,
    pub reason: String,
    pub at: LocalTime,
}

/// A question's or action's place in the equality framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEquality {
    /// The chosen tags' labels: objectives, then aims, then characteristics.
    pub objectives: Vec<String>,
    pub aims: Vec<String>,
    pub characteristics: Vec<String>,
    pub assurance: Option<AssuranceView>,
    /// For the tagging form (empty when the person may not tag).
    pub objective_choices: Vec<(String, Vec<TagChoice>)>,
    pub aim_choices: Vec<TagChoice>,
    pub characteristic_choices: Vec<TagChoice>,
    pub may_tag: bool,
    /// The follow-up action spawned by a "not assured" closure, or the action this one
    /// follows: (id, reference).
    pub follow_up: Option<(i64, String)>,
    pub follows: Option<(i64, String)>,
}

/// How many questions and actions touched something in one quarter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touches {
    pub questions: i64,
    pub actions: i64,
}

impl Touches {
    pub fn total(self) -> i64 {
        self.questions + self.actions
    }

    /// "2 questions, 1 action", or "None".
    pub fn describe(self) -> String {
        let part = |n: i64, one: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {one}s")),
        };
        let parts: Vec<String> = [
            part(self.questions, "question"),
            part(self.actions, "action"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "None".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub key: String,
    pub label: String,
    /// One per quarter of the year, April first.
    pub quarters: Vec<Touches>,
    pub year: Touches,
    /// The London date of the latest question or action touching it, ever.
    pub last: Option<String>,
}

/// Objectives × quarters and characteristics × quarters for a financial year, and what
/// has had no scrutiny for `months` months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The April the financial year starts in.
    pub year: i32,
    /// "2026/27"
    pub year_label: String,
    /// "Q1 (April to June 2026)", …
    pub quarters: Vec<String>,
    pub objectives: Vec<CoverageRow>,
    pub aims: Vec<CoverageRow>,
    pub characteristics: Vec<CoverageRow>,
    pub months: u32,
    /// The date before which no scrutiny counts as recent.
    pub since_long: String,
    /// Labels of objectives and characteristics untouched since `since`.
    pub unscrutinised_objectives: Vec<String>,
    pub unscrutinised_characteristics: Vec<String>,
}

/// A question or action as the annual report and the briefing pack list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScrutinyItem {
    /// "question" or "action"
    pub kind: String,
    pub id: i64,
    /// The action's reference, or "Question".
    pub reference: String,
    pub text: String,
    pub status: String,
    pub date: String,
    pub assurance: Option<Assurance>,
    pub assurance_reason: String,
    pub published: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharacteristicSection {
    pub label: String,
    pub items: Vec<ScrutinyItem>,
    pub assured: i64,
    pub partly_assured: i64,
    pub not_assured: i64,
    pub not_recorded: i64,
}

/// The stop-and-search figure the report carries for a force: the Black/White ratio for
/// the financial year, as the evidence pages compute it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFigure {
    pub force: String,
    pub period: String,
    pub searches: i64,
    /// (group, rate per 1,000, ratio to White) as shown text.
    pub rows: Vec<(String, String, String)>,
    pub population: String,
}

/// One financial year's equality information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: i32,
    pub year_label: String,
    pub published: bool,
    pub published_at: Option<String>,
    pub plans: Vec<PlanView>,
    pub characteristics: Vec<CharacteristicSection>,
    pub questions: i64,
    pub actions: i64,
    pub stop_search: Vec<ReportFigure>,
    /// Contracts and grants with a monitoring return due in the year.
    #[serde(default)]
    pub contracts: Vec<ContractView>,
    pub may_publish: bool,
    /// The published version this is (public pages), `None` for the office's live report.
    #[serde(default)]
    pub version: Option<u32>,
    /// Every published version, oldest first.
    #[serde(default)]
    pub versions: Vec<crate::PublishedVersion>,
}

/// Where a monitoring return stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MonitoringState {
    Received,
    /// Due within the reminder window.
    DueSoon,
    Overdue,
    Later,
}

impl MonitoringState {
    pub fn label(self) -> &'static str {
        match self {
            MonitoringState::Received => "Received",
            MonitoringState::DueSoon => "Due soon",
            MonitoringState::Overdue => "Overdue",
            MonitoringState::Later => "Not yet due",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringView {
    pub id: i64,
    pub due_on: String,
    pub due_long: String,
    pub received_on: Option<String>,
    pub evidence_html: String,
    pub rating: Option<Rating>,
    pub state: MonitoringState,
}

/// A contract or grant and its equality monitoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractView {
    pub id: i64,
    pub kind: super::ContractKind,
    pub title: String,
    pub party: String,
    /// "£12,500.00"
    pub value: String,
    pub starts_on: String,
    pub ends_on: String,
    pub requirements_html: String,
    pub manager: String,
    /// The rating of the latest return received.
    pub rating: Option<Rating>,
    pub monitoring: Vec<MonitoringView>,
}

impl ContractView {
    /// The earliest return not yet received.
    pub fn next_due(&self) -> Option<&MonitoringView> {
        self.monitoring.iter().find(|m| m.received_on.is_none())
    }
}

/// A monitoring return due or overdue, for the briefing pack and the reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringDue {
    pub contract_id: i64,
    pub title: String,
    pub party: String,
    pub due_on: String,
    pub state: MonitoringState,
}
