//! What pages show of boards, meetings, agendas and minutes, and the states they can be in.

use serde::{Deserialize, Serialize};

closed_set!(
    /// Where a meeting stands. A meeting in the past cannot be scheduled.
    MeetingStatus, "Choose whether the meeting is scheduled, held or cancelled", {
        Scheduled => ("scheduled", "Scheduled"),
        Held => ("held", "Held"),
        Cancelled => ("cancelled", "Cancelled"),
    }
);

closed_set!(
    /// The minutes' lifecycle: draft → submitted → approved → published.
    MinutesStatus, "Unknown minutes status", {
        Draft => ("draft", "Draft"),
        Submitted => ("submitted", "Submitted for approval"),
        Approved => ("approved", "Approved"),
        Published => ("published", "Published"),
    }
);

closed_set!(
    /// Why an item is on the agenda.
    AgendaPurpose, "Choose the purpose of the item: for decision, for assurance or for information", {
        Decision => ("decision", "For decision"),
        Assurance => ("assurance", "For assurance"),
        Information => ("information", "For information"),
    }
);

closed_set!(
    /// Whether a board member came to a meeting.
    Attendance, "Choose attended, sent apologies or not recorded", {
        Attended => ("attended", "Attended"),
        Apologies => ("apologies", "Sent apologies"),
        NotRecorded => ("not_recorded", "Not recorded"),
    }
);

impl MinutesStatus {
    /// Approved and published minutes change only by a correction with a stated reason.
    pub fn is_locked(self) -> bool {
        matches!(self, MinutesStatus::Approved | MinutesStatus::Published)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMember {
    pub id: i64,
    /// Set when the member is a Scrutineer user; external members have a name only.
    pub user_id: Option<i64>,
    pub name: String,
    pub organisation: String,
    /// For example "Chair".
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub members: Vec<BoardMember>,
}

/// A meeting's time in London, as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalTime {
    /// `YYYY-MM-DD`
    pub date: String,
    /// `HH:MM`, 24-hour
    pub time: String,
    /// For example "Tuesday 3 March 2026, 10:00 (GMT)"
    pub long: String,
    /// RFC 3339 in UTC, for `<time datetime>`
    pub utc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: i64,
    pub board_id: i64,
    pub board_code: String,
    pub board_name: String,
    pub starts: LocalTime,
    pub location: String,
    pub status: MeetingStatus,
    pub published: bool,
    pub minutes: Option<MinutesStatus>,
}

/// A board's meetings: upcoming soonest first, past latest first, with the past paged and
/// filtered by year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingList {
    pub board: BoardView,
    pub upcoming: Vec<MeetingSummary>,
    pub past: Vec<MeetingSummary>,
    pub year: Option<i32>,
    /// Years that have meetings, latest first.
    pub years: Vec<i32>,
    pub page: u32,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub member_id: i64,
    pub name: String,
    pub organisation: String,
    pub position: String,
    pub attendance: Attendance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    pub name: String,
    pub organisation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub id: i64,
    pub meeting_id: i64,
    /// 1-based position on the agenda.
    pub number: u32,
    pub title: String,
    pub lead: String,
    pub purpose: AgendaPurpose,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub summary: MeetingSummary,
    pub online_link: String,
    pub attendance: Vec<AttendanceEntry>,
    pub guests: Vec<Guest>,
    pub agenda: Vec<AgendaItemView>,
}

/// What the public sees of a published meeting: no attendance notes, no online link, no
/// agenda notes, and the minutes only once published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMeeting {
    pub summary: MeetingSummary,
    pub attended: Vec<String>,
    pub apologies: Vec<String>,
    pub agenda: Vec<AgendaItemView>,
    /// Sanitised HTML of the published minutes.
    pub minutes_html: Option<String>,
    pub minutes_approved_at: Option<String>,
    /// The published version of the minutes shown, and every published version (the first
    /// published, then each correction with its reason).
    #[serde(default)]
    pub minutes_version: Option<u32>,
    #[serde(default)]
    pub minutes_versions: Vec<crate::PublishedVersion>,
    /// Published actions arising from the meeting.
    pub actions: Vec<crate::ActionSummary>,
    /// Published questions raised at the meeting: (id, text).
    pub questions: Vec<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesVersion {
    pub number: i64,
    pub author: String,
    /// London time, long form.
    pub at: String,
    /// Given for a correction to approved minutes.
    pub reason: Option<String>,
    pub bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesView {
    pub meeting: MeetingSummary,
    pub status: MinutesStatus,
    /// The latest version's number (0 before the first save) and text.
    pub version: i64,
    pub body: String,
    /// Sanitised HTML of `body`.
    pub html: String,
    pub versions: Vec<MinutesVersion>,
    /// Text this person previewed but has not saved, if newer than the latest version.
    pub unsaved: Option<String>,
    /// Sanitised HTML of `unsaved`, or its problem.
    pub unsaved_html: Option<Result<String, String>>,
    pub approved: Option<Approval>,
    /// Later meetings of the board at which the minutes could be approved.
    pub approval_meetings: Vec<MeetingSummary>,
    /// Approved minutes: the actions set at the meeting that are not public yet, offered to
    /// publish with the minutes — (id, reference, what must be done).
    #[serde(default)]
    pub unpublished_actions: Vec<(i64, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub meeting_id: i64,
    pub meeting: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub old_number: Option<usize>,
    pub new_number: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesDiff {
    pub meeting: MeetingSummary,
    pub from: i64,
    pub to: i64,
    pub versions: Vec<MinutesVersion>,
    pub lines: Vec<DiffLine>,
    pub added: usize,
    pub removed: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_sets_round_trip_and_refuse_others() {
        for status in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::parse(status.as_str()), Ok(*status));
        }
        for purpose in AgendaPurpose::ALL {
            assert_eq!(AgendaPurpose::parse(purpose.as_str()), Ok(*purpose));
        }
        assert!(MeetingStatus::parse("postponed").is_err());
        assert!(AgendaPurpose::parse("").is_err());
        assert!(MinutesStatus::Approved.is_locked());
        assert!(!MinutesStatus::Submitted.is_locked());
    }
}
