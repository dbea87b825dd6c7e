//! The parts every area uses, kept here so that areas share them without using each other:
//! the clock and London time, working days, text as people type it, form checks, Markdown,
//! CSV and iCalendar writing, mail, random tokens, temporary files, and the CPU-bound work
//! pool. Nothing here uses an area
//! (the map test in `tools/tests/map.rs` keeps it so).

pub mod clock;
pub(crate) mod cpu;
pub mod csv;
pub mod forms;
pub mod ical;
pub mod london;
pub mod mail;
pub mod markdown;
pub mod sealing;
pub mod spooled;
pub mod tokens;
pub mod typed;
pub mod working_days;
