//! Actions: what the Chief Constable's force (or the OPCC, or a partner) must do, by when,
//! with a reference such as `SPCB/2026/014`, and the workflow that judges it done:
//!
//! ```text
//! open ──respond──▶ response submitted ──accept──▶ closed
//!   ▲                    │
//!   └─ (respond) ── further information requested ◀──request further information
//! any open state ──withdraw (with reason)──▶ withdrawn
//! ```
//!
//! Who may do what is decided here, on the server, by role and by ownership: force liaison
//! users see and respond only to actions the force owns (any other action is "not found"
//! to them), commissioners assess and decide extensions, the secretariat records. Every
//! change writes a timeline entry and an audit event in the same transaction.

use crate::db::codec::day_text;
use chrono::NaiveDate;
use domain::{
    ActionPermissions, ActionRef, ActionStatus, ActionSummary, ActionView, Channel, Deadlines,
    DueState, ExtensionDecision, ExtensionStatus, ExtensionView, FieldErrors, Origin, Owner,
    Priority, PublicActionView, RegisterCounts, RegisterFilter, RegisterPage, RegisterSort, Role,
    Step, Topic,
};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::common::london;
use crate::common::working_days::Calendar;
use crate::db::codec::Flag;
use crate::db::filter::Conditions;
use crate::db::paging::{page_of, page_within};
use crate::db::{fulltext, Backend};
use crate::register::timeline::{self, Entry, Subject};
use crate::visibility::{self, Audience};
use crate::{
    meetings::boards, register::due_dates, register::references, register::topics, Db, Error,
    Result,
};

mod choices;
mod deadlines;
mod export;
mod extensions;
mod input;
mod list;
mod public;
mod read;
mod record;
mod workflow;

pub use choices::*;
pub use deadlines::*;
pub use export::*;
pub use extensions::*;
pub use input::*;
pub use list::*;
pub use public::*;
pub use read::*;
pub use record::*;
pub use workflow::*;

/// Rows per page of the register.
pub const PAGE_SIZE: u32 = 50;
pub use crate::common::forms::{check_note, note, MAX_NOTE};

/// Today, and how many days ahead count as "due soon" (today included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub today: NaiveDate,
    pub soon_days: u32,
}

impl Window {
    pub fn now(soon_days: u32) -> Window {
        Window {
            today: london::today(),
            soon_days,
        }
    }

    pub(crate) fn today(&self) -> String {
        day_text(self.today)
    }

    pub(crate) fn soon_until(&self) -> String {
        day_text(
            self.today
                .checked_add_days(chrono::Days::new(u64::from(self.soon_days)))
                .unwrap_or(self.today),
        )
    }

    /// How a deadline on `due_on` stands, if something is owed (`awaiting`).
    pub(crate) fn derive(&self, awaiting: bool, due_on: &str) -> DueState {
        DueState::derive(awaiting, due_on, &self.today(), &self.soon_until())
    }
}
