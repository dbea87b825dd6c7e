//! Domain types of Scrutineer that both the server and the browser use.
//!
//! Every type here is parsed from untrusted text once, at the edge, and after that can only
//! hold a valid value ("parse, don't validate"). Nothing here touches the database or HTTP,
//! so this crate compiles to wasm as well as for the server.

/// Declares a closed set of values stored and submitted as snake_case text, with a label
/// for people and the message shown when a form sends something else.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident, $message:literal, { $($variant:ident => ($stored:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Result<$name, String> {
                let text = text.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| $message.to_owned())
            }

            /// (stored value, label) pairs, for a select or radios.
            pub fn options() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.as_str(), v.label())).collect()
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<$name, String> {
                $name::parse(text)
            }
        }
    };
}

mod accounts;
pub mod audit;
mod common;
pub mod equality;
pub mod evidence;
mod meetings;
mod register;
mod work;

pub use accounts::{
    look_alike, mask_emails, roles, DisplayName, Email, NewPassword, Role, SessionView,
    UnknownRole, UserId, UserView,
};
pub use audit::{AuditChainState, AuditChange, AuditEventView, AuditFilter, AuditPage};
pub use common::{FieldError, FieldErrors, Page, PublishedVersion};
pub use meetings::{
    AgendaItemView, AgendaPurpose, Approval, Attendance, AttendanceEntry, BoardMember, BoardView,
    DiffKind, DiffLine, Guest, LocalTime, MeetingList, MeetingStatus, MeetingSummary, MeetingView,
    MinutesDiff, MinutesStatus, MinutesVersion, MinutesView, PublicMeeting,
};
pub use register::{
    ActionPermissions, ActionRef, ActionStatus, ActionSummary, ActionView, Briefing, BriefingTopic,
    Channel, Choices, Deadlines, DueState, ExtensionDecision, ExtensionStatus, ExtensionView,
    MinutesActions, Notice, Origin, Owner, OwnerTitle, Priority, ProposedAction, PublicActionView,
    Publication, QuestionPermissions, QuestionStatus, QuestionSummary, QuestionView, Redaction,
    RedactionReason, RegisterCounts, RegisterFilter, RegisterPage, RegisterSort, ResponseWords,
    Step, TimelineEntry, Topic, UnreadableLine, DUE_HINT,
};
pub use work::{Queue, QueueItem, SearchHit, SearchResults};
