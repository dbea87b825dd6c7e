//! Minutes: one Markdown document per meeting, every save a new numbered version with its
//! author and time, and a lifecycle: draft → submitted for approval → approved (at a later
//! meeting of the board, by someone) → published. Approved and published minutes are
//! locked: a change is a correction, which needs a stated reason and stays in the history.
//!
//! Text that has been previewed but not saved is kept per person ("unsaved"), so that a
//! preview or a refused save without JavaScript loses nothing.

use domain::{
    Approval, DiffKind, DiffLine, FieldErrors, MeetingStatus, MinutesDiff, MinutesStatus,
    MinutesVersion, MinutesView,
};
use serde::Serialize;
use sqlx::AnyConnection;

use crate::audit::{self, Actor, Change};
use crate::common::london;
use crate::common::markdown::{self, MarkdownError};
use crate::db::codec::Key;
use crate::meetings::record::{fetch_summary, summary};
use crate::{Db, Error, Result};

mod approval;
mod reading;
mod writing;

pub use approval::*;
pub use reading::*;
pub use writing::*;

/// Unsaved text larger than this is not kept (it could never be saved anyway).
const MAX_UNSAVED_BYTES: usize = 4 * markdown::MAX_BYTES;

/// Minutes text that can be saved: not blank, within the size limit, and renderable in
/// time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesBody(String);

impl MinutesBody {
    pub async fn parse(text: &str) -> Result<MinutesBody> {
        // Browsers send CRLF from a textarea; versions and diffs compare lines, so one form.
        let text = text.replace("\r\n", "\n");
        if text.trim().is_empty() {
            return Err(Error::invalid("body", "Enter the minutes"));
        }
        markdown::render_bounded(text.clone())
            .await
            .map_err(|e| Error::invalid("body", e.to_string()))?;
        Ok(MinutesBody(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

struct State {
    status: MinutesStatus,
    version: i64,
}

async fn state(conn: &mut AnyConnection, meeting_id: i64) -> Result<Option<State>> {
    let row: Option<(Key<MinutesStatus>, i64)> =
        sqlx::query_as("SELECT status, version FROM minutes WHERE meeting_id = $1")
            .bind(meeting_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(Key(status), version)| State { status, version }))
}

async fn body_of(conn: &mut AnyConnection, meeting_id: i64, number: i64) -> Result<String> {
    sqlx::query_scalar("SELECT body FROM minutes_versions WHERE meeting_id = $1 AND number = $2")
        .bind(meeting_id)
        .bind(number)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The latest version's number and text (0 and empty before the first save).
pub(crate) async fn latest(conn: &mut AnyConnection, meeting_id: i64) -> Result<(i64, String)> {
    match state(&mut *conn, meeting_id).await? {
        Some(state) if state.version > 0 => {
            let body = body_of(conn, meeting_id, state.version).await?;
            Ok((state.version, body))
        }
        _ => Ok((0, String::new())),
    }
}
