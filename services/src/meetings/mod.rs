//! Boards and their meetings: the meeting record, its agenda, its minutes (versioned,
//! approved, published) and the iCalendar files of a board's meetings.

pub mod agenda;
pub mod boards;
pub mod calendar;
pub mod meeting;
pub mod minutes;
pub mod record;
