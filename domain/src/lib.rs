//! Domain types of Scrutineer that both the server and the browser use.
//!
//! Every type here is parsed from untrusted text once, at the edge, and after that can only
//! hold a valid value ("parse, don't validate"). Nothing here touches the database or HTTP,
//! so this crate compiles to wasm as well as for the server.

mod audit;
mod fields;
mod meeting;
mod reference;
mod role;
mod user;

pub use audit::{AuditEventView, AuditFilter, AuditPage};
pub use fields::{FieldError, FieldErrors};
pub use meeting::{
    AgendaItemView, AgendaPurpose, Approval, Attendance, AttendanceEntry, BoardMember, BoardView,
    DiffKind, DiffLine, Guest, LocalTime, MeetingList, MeetingStatus, MeetingSummary, MeetingView,
    MinutesDiff, MinutesStatus, MinutesVersion, MinutesView, PublicMeeting,
};
pub use reference::ActionRef;
pub use role::{Role, UnknownRole};
pub use user::{DisplayName, Email, NewPassword, UserId, UserView};
