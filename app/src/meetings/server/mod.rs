//! Server functions for boards, meetings, agendas, minutes and the public pages. Each one
//! takes the acting person from the request, calls one service (which checks the role and
//! the record), and maps its error once. Forms posted without JavaScript are answered with
//! a redirect to the page that shows the result.

use std::collections::BTreeMap;

use domain::{
    AgendaItemView, BoardView, MeetingList, MeetingSummary, MeetingView, MinutesDiff, MinutesView,
    PublicMeeting,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
use crate::context::{acting, acting_as, anyone, record_id, refused};

mod agenda;
mod boards;
mod meetings;
mod minutes;
mod public;

pub use agenda::*;
pub use boards::*;
pub use meetings::*;
pub use minutes::*;
pub use public::*;
