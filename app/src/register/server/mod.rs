//! Server functions of the accountability register: actions, questions, deadlines. Each
//! takes the acting person from the request, parses the form into domain values, calls one
//! service (which checks role and ownership), and maps its error once. Forms posted without
//! JavaScript are answered with a redirect to the page that shows the result.
//!
//! A form posts its fields as one flat list: the action, question and assessment forms are
//! read into one type each (`ActionFields`, `QuestionFields`, `AssessmentFields`, taken with
//! `#[server(flatten)]`, so the fields keep their plain names with and without JavaScript),
//! which gives the service its input (`ActionInput`, `QuestionInput`); the meetings' and
//! contracts' forms do the same (`MeetingFields`, `ContractFields`).

use domain::{ActionView, Choices, Deadlines, QuestionSummary, QuestionView, RegisterPage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
use crate::context::{acting, acting_as, anyone, record_id, refused};

/// The bank holidays and today, for parsing due dates typed into a form.
#[cfg(feature = "ssr")]
async fn calendar(
    state: &crate::context::AppState,
) -> services::Result<services::common::working_days::Calendar> {
    services::common::working_days::calendar(&state.db).await
}

mod actions;
mod bank_holidays;
mod briefing;
mod minutes;
mod owner_titles;
mod public;
mod questions;
mod topics;
mod words;

pub use actions::*;
pub use bank_holidays::*;
pub use briefing::*;
pub use minutes::*;
pub use owner_titles::*;
pub use public::*;
pub use questions::*;
pub use topics::*;
pub use words::*;
