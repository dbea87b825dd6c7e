//! Questions the Commissioner puts to the Chief Constable, at a board meeting or in writing:
//!
//! ```text
//! draft ──put to the force──▶ awaiting answer ──answer──▶ answered ──▶ satisfactory
//!                                   ▲                        │
//!                                   └── further information requested ◀┘
//! ```
//!
//! A draft can be corrected freely or deleted. Once put, the force has read it: until it
//! is answered it can be corrected only with a reason, and until it is judged satisfactory
//! it can be withdrawn with a reason; both reasons stay in its timeline and the force is
//! told.
//!
//! A draft is the OPCC's alone: the force does not see it (it is "not found" to force
//! liaison, whatever id they try). Once put, the force sees it and answers it. The public
//! sees a question only once it is published, which needs it to have been put.

use chrono::NaiveDate;
use domain::{
    FieldErrors, QuestionPermissions, QuestionStatus, QuestionSummary, QuestionView, Role, Step,
    Topic,
};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::common::working_days::Calendar;
use crate::common::{london, markdown};
use crate::db::codec::{Day, Flag};
use crate::db::filter::Conditions;
use crate::db::paging::page_of;
use crate::register::actions::{self, check_note, note, Window};
use crate::register::timeline::{self, Entry, Subject};
use crate::visibility::{self, Audience};
use crate::{meetings::boards, register::due_dates, register::topics, Db, Error, Result};

mod input;
mod read;
mod workflow;

pub use input::*;
pub use read::*;
pub use workflow::*;

pub const PAGE_SIZE: u32 = 50;
