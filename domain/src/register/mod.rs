//! The accountability register: questions put to the force, the actions that arise, where
//! each stands, and what pages show of them. Due dates are days (`YYYY-MM-DD`); whether a
//! deadline is near or missed is derived each time from today's date, never stored.

/// How a due date may be typed (see `services::due_dates`).
pub const DUE_HINT: &str = "A date such as 31/12/2026 or 31 December 2026, or working days such as \"20 working days from 2026-11-23\" (weekends and bank holidays are skipped)";

mod filter;
mod reference;
mod views;
mod words;

pub use filter::*;
pub use reference::ActionRef;
pub use views::*;
pub use words::*;
