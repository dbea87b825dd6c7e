//! The accountability register: questions put to the force, the actions that arise, where
//! each stands, and what pages show of them. Due dates are days (`YYYY-MM-DD`); whether a
//! deadline is near or missed is derived each time from today's date, never stored.

use serde::{Deserialize, Serialize};

use crate::LocalTime;

/// How a due date may be typed (see `services::due_dates`).
pub const DUE_HINT: &str = "A date such as 31/12/2026 or 31 December 2026, or working days such as \"20 working days from 2026-11-23\" (weekends and bank holidays are skipped)";

closed_set!(
    /// Where an action stands. The force works on it while it is open or further
    /// information is requested; the OPCC judges a submitted response.
    ActionStatus, "Unknown action status", {
        Open => ("open", "Open"),
        ResponseSubmitted => ("response_submitted", "Response submitted"),
        FurtherInformationRequested => ("further_information_requested", "Further information requested"),
        Closed => ("closed", "Closed"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
);

impl ActionStatus {
    /// The status in words a resident would use, for the public pages.
    pub fn public_label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Waiting for a response",
            ActionStatus::ResponseSubmitted => {
                "Response received: the Commissioner is considering it"
            }
            ActionStatus::FurtherInformationRequested => "The Commissioner has asked for more",
            ActionStatus::Closed => "Done: the Commissioner accepted the response",
            ActionStatus::Withdrawn => "Withdrawn",
        }
    }

    /// Not yet closed or withdrawn.
    pub fn is_live(self) -> bool {
        !matches!(self, ActionStatus::Closed | ActionStatus::Withdrawn)
    }

    /// The owner owes a response: only these states can be overdue.
    pub fn awaits_owner(self) -> bool {
        matches!(
            self,
            ActionStatus::Open | ActionStatus::FurtherInformationRequested
        )
    }
}

closed_set!(
    /// The register's orders, by the key its address carries (`sort=`); due date first is
    /// the default.
    RegisterSort, "Choose how to sort the register", {
        Due => ("due", "Due date, earliest first"),
        DueDesc => ("due_desc", "Due date, latest first"),
        Reference => ("reference", "Reference"),
        Priority => ("priority", "Priority, highest first"),
        Updated => ("updated", "Last changed, newest first"),
    }
);

closed_set!(
    /// Who must carry an action out.
    Owner, "Choose who owns the action: the force, the OPCC or a partner", {
        Force => ("force", "Force"),
        Opcc => ("opcc", "OPCC"),
        Partner => ("partner", "Partner"),
    }
);

closed_set!(
    Priority, "Choose a priority: high, medium or low", {
        High => ("high", "High"),
        Medium => ("medium", "Medium"),
        Low => ("low", "Low"),
    }
);

closed_set!(
    /// Where the action came from.
    Origin, "Choose where the action came from", {
        Meeting => ("meeting", "A board meeting"),
        Question => ("question", "A question"),
        Standalone => ("standalone", "Standalone"),
    }
);

closed_set!(
    /// A question's life: drafted by the OPCC, put to the force, answered, judged.
    /// The labels are the one set used wherever a question's status is shown to staff
    /// (tags, filters, refusals, emails); the public reads [`QuestionStatus::public_label`].
    QuestionStatus, "Unknown question status", {
        Draft => ("draft", "Draft (not yet put)"),
        AwaitingAnswer => ("awaiting_answer", "Awaiting answer"),
        Answered => ("answered", "Answered (to be assessed)"),
        Satisfactory => ("satisfactory", "Answer satisfactory"),
        FurtherInformationRequested => ("further_information_requested", "Further information requested"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
);

impl QuestionStatus {
    /// The status in words a resident would use, for the public pages.
    pub fn public_label(self) -> &'static str {
        match self {
            QuestionStatus::Draft | QuestionStatus::AwaitingAnswer => {
                "Waiting for the force's answer"
            }
            QuestionStatus::Answered => "Answered: the Commissioner is considering it",
            QuestionStatus::Satisfactory => "Answered: the Commissioner is satisfied",
            QuestionStatus::FurtherInformationRequested => "The Commissioner has asked for more",
            QuestionStatus::Withdrawn => "Withdrawn by the Commissioner",
        }
    }

    /// What the "owed an answer" filter and queues group together.
    pub const OWED_LABEL: &'static str = "Awaiting answer or further information";

    /// Put to the force and not yet finished with: it can still be corrected (with a
    /// reason) or withdrawn.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            QuestionStatus::AwaitingAnswer
                | QuestionStatus::Answered
                | QuestionStatus::FurtherInformationRequested
        )
    }

    /// The force owes an answer.
    pub fn awaits_answer(self) -> bool {
        matches!(
            self,
            QuestionStatus::AwaitingAnswer | QuestionStatus::FurtherInformationRequested
        )
    }
}

closed_set!(
    /// A step in an action's or a question's timeline: stored as its key
    /// (`timeline_entries.kind`, and the audit event `action.<key>` / `question.<key>`), read
    /// as its label.
    Step, "Unknown timeline step", {
        Created => ("created", "Recorded"),
        CreatedFromMinutes => ("created_from_minutes", "Recorded from the minutes"),
        PutToForce => ("put_to_force", "Put to the force"),
        Response => ("response", "Response submitted"),
        Answer => ("answer", "Answer given"),
        Accepted => ("accepted", "Response accepted: action closed"),
        Satisfactory => ("satisfactory", "Answer judged satisfactory"),
        FurtherInformationRequested => ("further_information_requested", "Further information requested"),
        Withdrawn => ("withdrawn", "Withdrawn"),
        ExtensionRequested => ("extension_requested", "Extension requested"),
        ExtensionApproved => ("extension_approved", "Extension approved"),
        ExtensionRefused => ("extension_refused", "Extension refused"),
        Edited => ("edited", "Details edited"),
        Corrected => ("corrected", "Corrected after it was put to the force"),
        Published => ("published", "Published"),
        Unpublished => ("unpublished", "Made private"),
    }
);

impl Step {
    /// Who took the step, in a resident's words, for the public pages; `None` for steps the
    /// public is not shown (edits, requests, publishing).
    pub fn public_by(self) -> Option<&'static str> {
        match self {
            Step::Created | Step::CreatedFromMinutes => Some("The board"),
            Step::PutToForce
            | Step::Accepted
            | Step::Satisfactory
            | Step::FurtherInformationRequested
            | Step::Withdrawn
            | Step::ExtensionApproved => Some("The Commissioner"),
            Step::Response | Step::Answer => Some("The force"),
            Step::ExtensionRequested
            | Step::ExtensionRefused
            | Step::Edited
            | Step::Corrected
            | Step::Published
            | Step::Unpublished => None,
        }
    }
}

closed_set!(
    /// The events someone can be emailed about, each a job for them.
    Notice, "Unknown kind of email", {
        QuestionPut => ("question_put", "A question is put to the force, corrected or withdrawn"),
        FurtherInformation => ("further_information", "The Commissioner asks for further information"),
        ResponseSubmitted => ("response_submitted", "The force submits a response or answers a question"),
        ExtensionRequested => ("extension_requested", "Someone asks for more time on an action"),
        ExtensionDecided => ("extension_decided", "A request for more time is decided"),
    }
);

closed_set!(
    /// The Commissioner's answer to a request for more time.
    ExtensionDecision, "Choose approve or refuse", {
        Approve => ("approve", "Approve the new due date"),
        Refuse => ("refuse", "Refuse: keep the current due date"),
    }
);

closed_set!(
    /// An extension request's outcome.
    ExtensionStatus, "Unknown extension status", {
        Pending => ("pending", "Awaiting a decision"),
        Approved => ("approved", "Approved"),
        Refused => ("refused", "Refused"),
        Lapsed => ("lapsed", "Lapsed: the action ended first"),
    }
);

/// How a deadline stands today. Derived, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueState {
    /// Nothing owed by the owner now (closed, withdrawn, or a response awaits judging).
    Settled,
    OnTrack,
    /// Due within the configured number of days (today included).
    DueSoon,
    Overdue,
}

impl DueState {
    /// From the status, the due date and today (all `YYYY-MM-DD`), and the last day that
    /// still counts as "soon".
    pub fn derive(awaiting: bool, due_on: &str, today: &str, soon_until: &str) -> DueState {
        if !awaiting {
            DueState::Settled
        } else if due_on < today {
            DueState::Overdue
        } else if due_on <= soon_until {
            DueState::DueSoon
        } else {
            DueState::OnTrack
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DueState::Settled => "",
            DueState::OnTrack => "On track",
            DueState::DueSoon => "Due soon",
            DueState::Overdue => "Overdue",
        }
    }
}

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
}

/// The register's filters, as the address carries them; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFilter {
    /// A status, "live" (not closed or withdrawn), "all", or empty for all. An address
    /// with no status at all opens on live work ([`RegisterFilter::from_query`]).
    pub status: String,
    pub owner: String,
    pub board: String,
    pub topic: String,
    pub due_from: String,
    pub due_to: String,
    pub overdue: bool,
    /// Only actions whose owner's account is the person looking ("my actions").
    pub mine: bool,
    /// "pending": only actions with an extension request awaiting a decision.
    pub extension: String,
    /// Words to search for in the reference and text.
    pub q: String,
    pub sort: String,
    pub page: Option<u32>,
}

impl RegisterFilter {
    /// The filter an address's query (without the `?`) asks for: the one reading of the
    /// register's address, used by the page, its server function and the CSV export. An
    /// address that names no status opens on live work; "all" asks for every status.
    pub fn from_query(query: &str) -> RegisterFilter {
        let mut filter = RegisterFilter {
            status: "live".to_owned(),
            ..RegisterFilter::default()
        };
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            let value = value.into_owned();
            match key.as_ref() {
                "status" => filter.status = value,
                "owner" => filter.owner = value,
                "board" => filter.board = value,
                "topic" => filter.topic = value,
                "due_from" => filter.due_from = value,
                "due_to" => filter.due_to = value,
                "overdue" => filter.overdue = matches!(value.as_str(), "on" | "true"),
                "mine" => filter.mine = matches!(value.as_str(), "on" | "true"),
                "extension" if matches!(value.as_str(), "pending" | "on") => {
                    filter.extension = "pending".to_owned();
                }
                "q" => filter.q = value,
                "sort" => filter.sort = value,
                "page" => filter.page = value.trim().parse().ok(),
                _ => {}
            }
        }
        filter
    }

    /// The query (without the `?`) that [`RegisterFilter::from_query`] reads back as this
    /// filter, at `page`.
    pub fn to_query(&self, page: Option<u32>) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        // The status is always written: an address without one means "live".
        out.append_pair(
            "status",
            if self.status.is_empty() {
                "all"
            } else {
                &self.status
            },
        );
        for (key, value) in [
            ("owner", &self.owner),
            ("board", &self.board),
            ("topic", &self.topic),
            ("due_from", &self.due_from),
            ("due_to", &self.due_to),
            ("extension", &self.extension),
            ("q", &self.q),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        if self.overdue {
            out.append_pair("overdue", "on");
        }
        if self.mine {
            out.append_pair("mine", "on");
        }
        if let Some(page) = page {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }
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
    pub counts: RegisterCounts,
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
    pub assessment_note: String,
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
}

impl MinutesActions {
    /// Something for the secretariat to look at: lines not yet created, or unreadable.
    pub fn needs_review(&self) -> bool {
        !self.unreadable.is_empty() || self.proposed.iter().any(|p| p.created.is_none())
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

/// One search's hits, by kind, within what the person may see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The text searched for, as typed.
    pub q: String,
    pub actions: Vec<SearchHit>,
    pub questions: Vec<SearchHit>,
    pub meetings: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub href: String,
    pub title: String,
    pub detail: String,
}

/// A list of someone's next jobs on their home page: how many, the first few, and the
/// address of the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub title: String,
    pub count: i64,
    pub href: String,
    pub items: Vec<QueueItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub href: String,
    pub label: String,
    pub detail: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_steps_read_back_and_keep_internal_ones_from_the_public() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Ok(*step));
        }
        assert!(Step::parse("updated").is_err());
        assert_eq!(Step::Response.public_by(), Some("The force"));
        assert_eq!(Step::Withdrawn.public_by(), Some("The Commissioner"));
        for internal in [Step::Edited, Step::Corrected, Step::ExtensionRequested] {
            assert_eq!(internal.public_by(), None, "{internal:?}");
        }
        assert_eq!(
            ExtensionDecision::parse("refuse"),
            Ok(ExtensionDecision::Refuse)
        );
    }

    #[test]
    fn the_register_address_reads_back_as_written() {
        let opened = RegisterFilter::from_query("");
        assert_eq!(opened.status, "live", "the register opens on live work");
        let filter = RegisterFilter::from_query(
            "status=all&q=stop%20and%20search&extension=pending&overdue=on&page=3&junk=1",
        );
        assert_eq!(filter.status, "all");
        assert_eq!(filter.q, "stop and search");
        assert_eq!(filter.extension, "pending");
        assert!(filter.overdue && !filter.mine);
        assert_eq!(filter.page, Some(3));
        let again = RegisterFilter::from_query(&filter.to_query(Some(3)));
        assert_eq!(again, filter);
        let all = RegisterFilter {
            status: String::new(),
            ..RegisterFilter::default()
        };
        assert_eq!(
            RegisterFilter::from_query(&all.to_query(None)).status,
            "all"
        );
    }

    #[test]
    fn due_state_is_derived_from_today() {
        let derive = |awaiting, due| DueState::derive(awaiting, due, "2026-11-23", "2026-12-07");
        assert_eq!(derive(true, "2026-11-22"), DueState::Overdue);
        assert_eq!(derive(true, "2026-11-23"), DueState::DueSoon);
        assert_eq!(derive(true, "2026-12-07"), DueState::DueSoon);
        assert_eq!(derive(true, "2026-12-08"), DueState::OnTrack);
        assert_eq!(derive(false, "2020-01-01"), DueState::Settled);
    }

    #[test]
    fn only_states_awaiting_the_owner_can_be_overdue() {
        let awaiting: Vec<_> = ActionStatus::ALL
            .iter()
            .filter(|s| s.awaits_owner())
            .collect();
        assert_eq!(
            awaiting,
            [
                &ActionStatus::Open,
                &ActionStatus::FurtherInformationRequested
            ]
        );
        assert!(!ActionStatus::Withdrawn.is_live());
        assert!(ActionStatus::ResponseSubmitted.is_live());
    }
}
