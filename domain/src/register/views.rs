//! What the register's pages are given to show: actions, questions and their timelines,
//! the register page, queues, search results, briefing packs, the ACTION lines in minutes.

use serde::{Deserialize, Serialize};

use super::{
    ActionStatus, DueState, ExtensionStatus, Origin, Owner, Priority, QuestionStatus,
    RegisterFilter,
};
use crate::LocalTime;

/// A row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionSummary {
    pub id: i64,
    pub reference: String,
    pub text: String,
    pub board_code: String,
    pub topic: String,
    pub owner: Owner,
    pub owner_name: String,
    pub priority: Priority,
    pub status: ActionStatus,
    pub due_on: String,
    /// The due date for people, e.g. "Thursday 31 December 2026".
    pub due_long: String,
    pub due_state: DueState,
    /// The due date was moved by an approved extension or an edit.
    pub extended: bool,
    pub published: bool,
    /// How many working days past its due date an overdue action is (0 otherwise, and
    /// where the list does not say).
    #[serde(default)]
    pub overdue_by: u32,
    /// The Commissioner's assurance, once recorded (a fact apart from the status).
    #[serde(default)]
    pub assurance: Option<crate::equality::Assurance>,
}

/// One thing that happened to a question or an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: LocalTime,
    pub who: String,
    /// What happened, for people ("Response submitted").
    pub what: String,
    /// Sanitised HTML of the Markdown text that came with it (a response, a reason).
    pub body_html: String,
    pub due_on: Option<String>,
    /// Whose words a response is and how it came, when the OPCC recorded it for its
    /// author: "Received by letter on Thursday 3 December 2026, recorded by the OPCC".
    pub received: Option<String>,
    /// The entry's key, for the page where the office chooses what the public reads of it.
    #[serde(default)]
    pub id: i64,
    /// For staff, what the public reads of a response or an answer ("Not published",
    /// "Published as written, 1 phrase redacted"); `None` for other entries.
    #[serde(default)]
    pub public: Option<String>,
    /// On the public pages: someone's words the office has not published (the public reads
    /// that there was a response, not what it said).
    #[serde(default)]
    pub withheld: bool,
}

/// A response or an answer on the page where the office chooses what the public reads of
/// it: its words, the redactions, the summary, and what the public reads now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseWords {
    pub entry_id: i64,
    /// "Action SPCB/2026/014" or the question's words.
    pub title: String,
    /// The record's staff page.
    pub back: String,
    /// Whether the record itself is on the public pages (the words are read there only then).
    pub record_published: bool,
    pub entry: TimelineEntry,
    /// The words as their author gave them (Markdown), for choosing phrases to redact.
    pub body: String,
    pub published_as: Option<super::Publication>,
    pub summary: String,
    /// "Published by Sam Secretariat on Monday 7 December 2026 at 10:02".
    pub published: Option<String>,
    /// What the public reads, or would read if published as written (HTML).
    pub public_html: String,
    pub redactions: Vec<Redaction>,
    /// Links in the words that the public cannot follow (an intranet, a private address).
    pub unreachable_links: Vec<String>,
}

/// A phrase kept from the public, and who decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    pub id: i64,
    pub phrase: String,
    pub reason: super::RedactionReason,
    /// "Redacted by Sam Secretariat on Monday 7 December 2026 at 10:02".
    pub made: String,
    /// "Lifted by …"; `None` while the phrase is redacted.
    pub lifted: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionView {
    pub id: i64,
    pub reason: String,
    pub due_on_before: String,
    pub proposed_due_on: String,
    pub status: ExtensionStatus,
    pub requested_by: String,
    pub requested_at: LocalTime,
    pub decision_note: String,
}

/// What the person looking may do with an action now; the services check again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPermissions {
    pub respond: bool,
    /// Responding records someone else's words (the OPCC for the force or a partner): the
    /// form asks when and how they were received.
    pub respond_for_owner: bool,
    pub assess: bool,
    pub request_extension: bool,
    pub decide_extension: bool,
    pub withdraw: bool,
    pub edit: bool,
}

/// An action with where it came from and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub summary: ActionSummary,
    pub board_id: i64,
    pub board_name: String,
    pub topic_id: i64,
    pub origin: Origin,
    pub meeting: Option<(i64, LocalTime)>,
    pub agenda_item: Option<(i64, String)>,
    pub question: Option<(i64, String)>,
    pub minutes_version: Option<i64>,
    pub owner_user_id: Option<i64>,
    pub original_due_on: String,
    pub created: LocalTime,
    pub timeline: Vec<TimelineEntry>,
    pub extensions: Vec<ExtensionView>,
    pub may: ActionPermissions,
}

/// A published action as the public sees it: where it came from (only what is itself
/// published), who owns it, its due dates, and its published history — the force's
/// responses and the Commissioner's judgements — without staff names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicActionView {
    pub summary: ActionSummary,
    pub board_name: String,
    pub meeting: Option<(i64, LocalTime)>,
    pub question: Option<(i64, String)>,
    pub original_due_on: String,
    pub timeline: Vec<TimelineEntry>,
    /// Why the Commissioner was (or was not) assured, once recorded.
    pub assurance_reason: Option<String>,
    /// The follow-up action a "not assured" closure set, and the action this one follows,
    /// each if published: (id, reference).
    pub follow_up: Option<(i64, String)>,
    pub follows: Option<(i64, String)>,
}

/// How many actions stand where someone should look first, for the register's count strip
/// (within what the person may see).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterCounts {
    pub overdue: i64,
    pub awaiting_assessment: i64,
    pub extension_pending: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPage {
    pub actions: Vec<ActionSummary>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    /// The filter as applied (unknown values dropped), to show back in the form.
    pub filter: RegisterFilter,
    /// Dates in the filter that could not be read (the rest of the filter still applies).
    pub invalid: Option<crate::FieldErrors>,
    /// For the filter form: (id, board code) and (id, topic name).
    pub boards: Vec<(i64, String)>,
    pub topics: Vec<(i64, String)>,
    /// For the filter form: (tag, label) of the current objectives, aims and characteristics.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
    pub counts: RegisterCounts,
    /// The meeting the register is filtered to ("Strategic Policing and Crime Board,
    /// Thursday 3 December 2026"), and whether the reader may publish or take off the
    /// public pages every action set at it in one step.
    #[serde(default)]
    pub meeting: Option<(i64, String)>,
    #[serde(default)]
    pub may_publish_meeting: bool,
}

/// A title minutes name an owner by ("Head of PSD"), and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerTitle {
    pub id: i64,
    pub title: String,
    pub owner: Owner,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: i64,
    pub name: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub id: i64,
    pub text: String,
    pub board_code: String,
    pub topic: String,
    pub asked_on: String,
    /// The day it was asked, written out: "Tuesday 1 December 2026".
    #[serde(default)]
    pub asked_long: String,
    pub due_on: String,
    pub due_long: String,
    pub due_state: DueState,
    pub status: QuestionStatus,
    pub published: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionPermissions {
    pub put: bool,
    /// Correct the question's details (a draft freely; once put, with a reason).
    pub edit: bool,
    pub withdraw: bool,
    /// Delete a draft that was never put.
    pub discard: bool,
    pub answer: bool,
    pub assess: bool,
    pub publish: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub summary: QuestionSummary,
    pub board_id: i64,
    pub topic_id: i64,
    pub context: String,
    pub context_html: String,
    pub meeting: Option<(i64, LocalTime)>,
    /// The meeting it is raised at has not started yet: "to be raised at", not "asked at".
    #[serde(default)]
    pub meeting_ahead: bool,
    /// Why it was withdrawn, once it is (rendered Markdown).
    #[serde(default)]
    pub withdrawal_html: String,
    pub answer_html: String,
    /// On the public pages: the force answered, and the office has not published the
    /// answer (the public reads that it was answered, not what it says).
    #[serde(default)]
    pub answer_withheld: bool,
    /// The meeting it was raised at is read on the public pages (force liaison are shown
    /// only published meetings, and only there).
    #[serde(default)]
    pub meeting_on_public_pages: bool,
    pub assessment_note: String,
    /// How assured the Commissioner was by the answer, and why, once recorded.
    #[serde(default)]
    pub assurance: Option<crate::equality::Assurance>,
    #[serde(default)]
    pub assurance_reason: String,
    pub actions: Vec<ActionSummary>,
    pub timeline: Vec<TimelineEntry>,
    pub may: QuestionPermissions,
}

/// What the forms that record actions and questions offer to choose from: (value, label).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub boards: Vec<(i64, String)>,
    pub meetings: Vec<(i64, String)>,
    /// The agenda of the meeting the form was opened from, if any.
    pub agenda_items: Vec<(i64, String)>,
    pub topics: Vec<(i64, String)>,
    /// Active accounts that can own an action: (id, "Name (Force liaison)").
    pub people: Vec<(i64, String)>,
    pub questions: Vec<(i64, String)>,
}

/// An `ACTION:` line of the minutes, read, as the confirmation step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedAction {
    /// 1-based line number in the minutes.
    pub line_no: usize,
    pub line: String,
    pub owner: Owner,
    pub owner_name: String,
    pub text: String,
    pub due_on: String,
    pub due_long: String,
    /// The due date as the minutes state it ("by the end of March").
    pub due_written: String,
    /// Why the due date deserves a second look (past, weekend, bank holiday), if it does.
    pub doubt: Option<String>,
    /// The agenda item whose title matches the heading the line is under.
    pub agenda_item: Option<(i64, String)>,
    /// The suggested topic.
    pub topic: Option<i64>,
    /// The action already created from this line: (id, reference).
    pub created: Option<(i64, String)>,
}

/// A line that starts like an action but cannot be read as one, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadableLine {
    pub line_no: usize,
    pub line: String,
    pub reason: String,
    /// What could be read of it, to start the person's correction from.
    pub owner: Option<Owner>,
    pub owner_name: String,
    pub text: String,
    pub due_written: String,
    pub agenda_item: Option<(i64, String)>,
    pub topic: Option<i64>,
    /// The action created from this line once the person completed it: (id, reference).
    pub created: Option<(i64, String)>,
}

/// The actions recognised in a version of a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesActions {
    pub meeting_id: i64,
    pub meeting: LocalTime,
    pub board_name: String,
    pub version: i64,
    pub proposed: Vec<ProposedAction>,
    pub unreadable: Vec<UnreadableLine>,
    pub topics: Vec<(i64, String)>,
    /// Whether the reader keeps the list of owners' titles (the page links to it then).
    #[serde(default)]
    pub may_edit_titles: bool,
}

impl MinutesActions {
    /// Something for the secretariat to look at: lines not yet created, or unreadable.
    pub fn needs_review(&self) -> bool {
        self.unreadable.iter().any(|u| u.created.is_none())
            || self.proposed.iter().any(|p| p.created.is_none())
    }
}

/// One topic's part of a briefing pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingTopic {
    pub topic: String,
    pub overdue: Vec<ActionSummary>,
    /// Not closed or withdrawn, and not overdue.
    pub open: Vec<ActionSummary>,
    pub recently_closed: Vec<ActionSummary>,
    pub awaiting_answer: Vec<QuestionSummary>,
}

/// The Commissioner's briefing for a board meeting: the board's actions and questions,
/// by topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefing {
    pub meeting_id: i64,
    pub board_name: String,
    pub meeting: LocalTime,
    /// Actions closed on or after this day count as recently closed.
    pub closed_since: String,
    pub topics: Vec<BriefingTopic>,
    pub overdue_total: usize,
    pub open_total: usize,
}

/// The overdue and due-soon panel of a home page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub overdue: Vec<ActionSummary>,
    pub overdue_total: i64,
    pub due_soon: Vec<ActionSummary>,
    pub due_soon_total: i64,
    pub soon_days: u32,
}
