//! The accountability register: actions and questions, their timelines, due dates and
//! working days, references, topics, reminders, calendar feeds, briefing packs and the
//! ACTION lines written into minutes.

pub mod actions;
pub mod bank_holidays;
pub mod briefing;
pub mod due_dates;
pub mod feeds;
pub mod minutes_actions;
pub mod owner_titles;
mod public_words;
pub(crate) mod publication;
pub mod questions;
pub mod references;
pub mod reminders;
mod subject;
pub(crate) mod timeline;
pub mod topics;
pub mod words;

pub use subject::Subject;
