//! Minutes: one Markdown document per meeting, every save a new numbered version with its
//! author and time, and a lifecycle: draft → submitted for approval → approved (at a later
//! meeting of the board, by someone) → published. Approved and published minutes are
//! locked: a change is a correction, which needs a stated reason and stays in the history.
//!
//! Text that has been previewed but not saved is kept per person ("unsaved"), so that a
//! preview or a refused save without JavaScript loses nothing.

use domain::{
    Approval, DiffKind, DiffLine, FieldErrors, MeetingStatus, MinutesDiff, MinutesStatus,
    MinutesVersion, MinutesView, Role,
};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::audit::{self, Actor, Change};
use crate::markdown::{self, MarkdownError};
use crate::meetings::boards::{EDITORS, OPCC};
use crate::meetings::record::{fetch_summary, summary};
use crate::{london, Db, Error, Result};

/// Who may record that the board approved the minutes.
pub const APPROVERS: &[Role] = crate::visibility::roles::OFFICE;

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
    let row = sqlx::query("SELECT status, version FROM minutes WHERE meeting_id = $1")
        .bind(meeting_id)
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        let status: String = row.try_get("status")?;
        Ok(State {
            status: MinutesStatus::parse(&status).map_err(anyhow::Error::msg)?,
            version: row.try_get("version")?,
        })
    })
    .transpose()
}

async fn body_of(conn: &mut AnyConnection, meeting_id: i64, number: i64) -> Result<String> {
    let row =
        sqlx::query("SELECT body FROM minutes_versions WHERE meeting_id = $1 AND number = $2")
            .bind(meeting_id)
            .bind(number)
            .fetch_optional(conn)
            .await?
            .ok_or(Error::NotFound)?;
    Ok(row.try_get("body")?)
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

#[derive(Serialize)]
struct Saved<'a> {
    version: i64,
    bytes: usize,
    reason: Option<&'a str>,
}

/// Saves a new version. `based_on` is the version the person was editing: if someone else
/// has saved since, the save is refused (and the text kept as unsaved by the caller) rather
/// than silently overwriting theirs. A change to approved or published minutes needs a
/// `reason`.
pub async fn save(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    based_on: i64,
    body: MinutesBody,
    reason: &str,
) -> Result<i64> {
    actor.require(EDITORS)?;
    let mut tx = db.begin().await?;
    let meeting = fetch_summary(&mut tx, meeting_id).await?;
    if meeting.status == MeetingStatus::Cancelled {
        return Err(Error::invalid(
            "body",
            "This meeting was cancelled, so it has no minutes",
        ));
    }
    let current = state(&mut tx, meeting_id).await?;
    let latest = current.as_ref().map_or(0, |s| s.version);
    if based_on != latest {
        return Err(Error::invalid(
            "body",
            format!(
                "Someone else saved version {latest} while you were editing version {based_on}. \
                 Your text is kept below: compare it with the history, then save again"
            ),
        ));
    }
    let reason = reason.trim();
    let locked = current.as_ref().is_some_and(|s| s.status.is_locked());
    let mut errors = FieldErrors::new();
    if locked && reason.is_empty() {
        errors.add(
            "reason",
            "These minutes are approved: give the reason for the correction",
        );
    }
    if reason.chars().count() > 500 {
        errors.add("reason", "Reason must be 500 characters or fewer");
    }
    if latest > 0 && body_of(&mut tx, meeting_id, latest).await? == body.as_str() {
        errors.add(
            "body",
            format!("The minutes are the same as version {latest}: change them before saving"),
        );
    }
    errors.into_result()?;
    let now = crate::now();
    let number = latest + 1;
    let reason = (locked && !reason.is_empty()).then_some(reason);
    sqlx::query(
        "INSERT INTO minutes_versions (meeting_id, number, body, author_id, author_label, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(meeting_id)
    .bind(number)
    .bind(body.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(&actor.label)
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if current.is_some() {
        sqlx::query("UPDATE minutes SET version = $1, updated_at = $2 WHERE meeting_id = $3")
            .bind(number)
            .bind(now)
            .bind(meeting_id)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO minutes (meeting_id, status, version, updated_at) VALUES ($1, 'draft', $2, $3)",
        )
        .bind(meeting_id)
        .bind(number)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(user) = actor.user_id {
        sqlx::query("DELETE FROM minutes_unsaved WHERE meeting_id = $1 AND user_id = $2")
            .bind(meeting_id)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
    }
    let action = if locked {
        "minutes.corrected"
    } else {
        "minutes.saved"
    };
    audit::record(
        &mut tx,
        actor,
        Change::new(action, "meeting", meeting_id).after(&Saved {
            version: number,
            bytes: body.as_str().len(),
            reason,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}

/// Keeps `text` as this person's unsaved minutes of the meeting (replacing any before), for
/// a preview or after a refused save. Not audited: nothing of the record has changed.
pub async fn keep_unsaved(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    based_on: i64,
    text: &str,
) -> Result<()> {
    actor.require(EDITORS)?;
    let Some(user) = actor.user_id else {
        return Ok(());
    };
    if text.len() > MAX_UNSAVED_BYTES {
        return Err(Error::invalid(
            "body",
            MarkdownError::TooLong(text.len()).to_string(),
        ));
    }
    let mut tx = db.begin().await?;
    fetch_summary(&mut tx, meeting_id).await?;
    sqlx::query("DELETE FROM minutes_unsaved WHERE meeting_id = $1 AND user_id = $2")
        .bind(meeting_id)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO minutes_unsaved (meeting_id, user_id, body, based_on, updated_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(meeting_id)
    .bind(user.0)
    .bind(text.replace("\r\n", "\n"))
    .bind(based_on)
    .bind(crate::now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Throws away this person's unsaved text.
pub async fn discard_unsaved(db: &Db, actor: &Actor, meeting_id: i64) -> Result<()> {
    actor.require(EDITORS)?;
    if let Some(user) = actor.user_id {
        sqlx::query("DELETE FROM minutes_unsaved WHERE meeting_id = $1 AND user_id = $2")
            .bind(meeting_id)
            .bind(user.0)
            .execute(db.pool())
            .await?;
    }
    Ok(())
}

async fn versions(conn: &mut AnyConnection, meeting_id: i64) -> Result<Vec<MinutesVersion>> {
    let rows = sqlx::query(
        "SELECT v.number, COALESCE(u.display_name, v.author_label) AS author, v.reason, v.created_at,
                LENGTH(v.body) AS bytes
         FROM minutes_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.meeting_id = $1 ORDER BY v.number DESC",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(MinutesVersion {
                number: row.try_get("number")?,
                author: row.try_get("author")?,
                at: london::show(row.try_get("created_at")?).long,
                reason: row.try_get("reason")?,
                bytes: row.try_get::<i64, _>("bytes")?.max(0) as usize,
            })
        })
        .collect()
}

async fn approval(conn: &mut AnyConnection, meeting_id: i64) -> Result<Option<Approval>> {
    let row = sqlx::query(
        "SELECT mi.approved_at_meeting_id, mi.approved_at, COALESCE(u.display_name, '(command line)') AS by
         FROM minutes mi LEFT JOIN users u ON u.id = mi.approved_by
         WHERE mi.meeting_id = $1 AND mi.approved_at_meeting_id IS NOT NULL",
    )
    .bind(meeting_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let at_meeting: i64 = row.try_get("approved_at_meeting_id")?;
    let approving = fetch_summary(conn, at_meeting).await?;
    Ok(Some(Approval {
        meeting_id: at_meeting,
        meeting: approving.starts.long,
        by: row.try_get("by")?,
        at: london::show(row.try_get::<Option<i64>, _>("approved_at")?.unwrap_or(0)).long,
    }))
}

/// Later meetings of the same board, not cancelled and already started: where minutes can
/// be approved.
async fn approval_meetings(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Vec<domain::MeetingSummary>> {
    let rows = sqlx::query(
        "SELECT m.id, m.board_id, b.code AS board_code, b.name AS board_name, m.starts_at,
                m.location, m.online_link, m.status, m.published, mi.status AS minutes_status
         FROM meetings m JOIN boards b ON b.id = m.board_id
         LEFT JOIN minutes mi ON mi.meeting_id = m.id
         JOIN meetings cur ON cur.id = $1
         WHERE m.board_id = cur.board_id AND m.starts_at > cur.starts_at
           AND m.starts_at <= $2 AND m.status <> 'cancelled'
         ORDER BY m.starts_at",
    )
    .bind(meeting_id)
    .bind(crate::now())
    .fetch_all(conn)
    .await?;
    rows.iter().map(summary).collect()
}

/// The minutes of a meeting for OPCC staff, with this person's unsaved text if any.
pub async fn get(db: &Db, actor: &Actor, meeting_id: i64) -> Result<MinutesView> {
    actor.require(OPCC)?;
    let mut conn = db.pool().acquire().await?;
    let meeting = fetch_summary(&mut conn, meeting_id).await?;
    let current = state(&mut conn, meeting_id).await?;
    let (status, version) = current
        .map(|s| (s.status, s.version))
        .unwrap_or((MinutesStatus::Draft, 0));
    let body = if version > 0 {
        body_of(&mut conn, meeting_id, version).await?
    } else {
        String::new()
    };
    let html = markdown::render_bounded(body.clone())
        .await
        .unwrap_or_else(|e| format!("<p>{e}</p>"));
    let unsaved = match actor.user_id {
        Some(user) => {
            sqlx::query("SELECT body FROM minutes_unsaved WHERE meeting_id = $1 AND user_id = $2")
                .bind(meeting_id)
                .bind(user.0)
                .fetch_optional(&mut *conn)
                .await?
                .map(|row| row.try_get::<String, _>("body"))
                .transpose()?
                .filter(|text| *text != body)
        }
        None => None,
    };
    let unsaved_html = match &unsaved {
        Some(text) => Some(
            markdown::render_bounded(text.clone())
                .await
                .map_err(|e| e.to_string()),
        ),
        None => None,
    };
    Ok(MinutesView {
        meeting,
        status,
        version,
        body,
        html,
        versions: versions(&mut conn, meeting_id).await?,
        unsaved,
        unsaved_html,
        approved: approval(&mut conn, meeting_id).await?,
        approval_meetings: approval_meetings(&mut conn, meeting_id).await?,
    })
}

/// A line-by-line comparison of two versions (either order), for OPCC staff.
pub async fn diff(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    from: i64,
    to: i64,
) -> Result<MinutesDiff> {
    actor.require(OPCC)?;
    let mut conn = db.pool().acquire().await?;
    let meeting = fetch_summary(&mut conn, meeting_id).await?;
    let all = versions(&mut conn, meeting_id).await?;
    let mut errors = FieldErrors::new();
    for (field, number) in [("from", from), ("to", to)] {
        if !all.iter().any(|v| v.number == number) {
            errors.add(field, "Choose a version from the list");
        }
    }
    errors.into_result()?;
    let old = body_of(&mut conn, meeting_id, from).await?;
    let new = body_of(&mut conn, meeting_id, to).await?;
    let lines = line_diff(&old, &new);
    let added = lines.iter().filter(|l| l.kind == DiffKind::Added).count();
    let removed = lines.iter().filter(|l| l.kind == DiffKind::Removed).count();
    Ok(MinutesDiff {
        meeting,
        from,
        to,
        versions: all,
        lines,
        added,
        removed,
    })
}

/// Lines of `new` compared with `old`. Bounded in time: a pathological pair falls back to
/// a coarser (still correct) diff rather than holding the request.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(old, new);
    diff.iter_all_changes()
        .map(|change| DiffLine {
            kind: match change.tag() {
                ChangeTag::Equal => DiffKind::Same,
                ChangeTag::Insert => DiffKind::Added,
                ChangeTag::Delete => DiffKind::Removed,
            },
            old_number: change.old_index().map(|i| i + 1),
            new_number: change.new_index().map(|i| i + 1),
            text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .collect()
}

#[derive(Serialize)]
struct Transition<'a> {
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_at_meeting: Option<i64>,
}

async fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    meeting_id: i64,
    from: MinutesStatus,
    to: MinutesStatus,
    approved_at_meeting: Option<i64>,
) -> Result<()> {
    let current = state(&mut *conn, meeting_id).await?;
    let Some(current) = current else {
        return Err(Error::invalid(
            "minutes",
            "There are no minutes yet: write and save them first",
        ));
    };
    if current.status != from {
        return Err(Error::invalid(
            "minutes",
            format!(
                "The minutes are {}, so they cannot be {}",
                current.status.label().to_lowercase(),
                match to {
                    MinutesStatus::Submitted => "submitted for approval",
                    MinutesStatus::Approved => "approved until they are submitted for approval",
                    MinutesStatus::Published => "published until they are approved",
                    MinutesStatus::Draft => "returned to draft",
                }
            ),
        ));
    }
    let now = crate::now();
    match to {
        MinutesStatus::Approved => {
            sqlx::query(
                "UPDATE minutes SET status = $1, approved_at_meeting_id = $2, approved_by = $3,
                        approved_at = $4, updated_at = $4 WHERE meeting_id = $5",
            )
            .bind(to.as_str())
            .bind(approved_at_meeting)
            .bind(actor.user_id.map(|u| u.0))
            .bind(now)
            .bind(meeting_id)
            .execute(&mut *conn)
            .await?;
        }
        MinutesStatus::Published => {
            sqlx::query(
                "UPDATE minutes SET status = $1, published_at = $2, updated_at = $2 WHERE meeting_id = $3",
            )
            .bind(to.as_str())
            .bind(now)
            .bind(meeting_id)
            .execute(&mut *conn)
            .await?;
        }
        MinutesStatus::Submitted | MinutesStatus::Draft => {
            sqlx::query("UPDATE minutes SET status = $1, updated_at = $2 WHERE meeting_id = $3")
                .bind(to.as_str())
                .bind(now)
                .bind(meeting_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    let action = match to {
        MinutesStatus::Draft => "minutes.returned_to_draft",
        MinutesStatus::Submitted => "minutes.submitted",
        MinutesStatus::Approved => "minutes.approved",
        MinutesStatus::Published => "minutes.published",
    };
    audit::record(
        conn,
        actor,
        Change::new(action, "meeting", meeting_id)
            .before(&Transition {
                status: from.as_str(),
                approved_at_meeting: None,
            })
            .after(&Transition {
                status: to.as_str(),
                approved_at_meeting,
            }),
    )
    .await
}

pub async fn submit(db: &Db, actor: &Actor, meeting_id: i64) -> Result<()> {
    actor.require(EDITORS)?;
    let mut tx = db.begin().await?;
    transition(
        &mut tx,
        actor,
        meeting_id,
        MinutesStatus::Draft,
        MinutesStatus::Submitted,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends submitted minutes back to draft (for example when the board asks for changes).
pub async fn return_to_draft(db: &Db, actor: &Actor, meeting_id: i64) -> Result<()> {
    actor.require(EDITORS)?;
    let mut tx = db.begin().await?;
    transition(
        &mut tx,
        actor,
        meeting_id,
        MinutesStatus::Submitted,
        MinutesStatus::Draft,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records that the board approved the minutes at `at_meeting`, a later meeting of the same
/// board that has started and was not cancelled; the approver is the person recording it.
pub async fn approve(db: &Db, actor: &Actor, meeting_id: i64, at_meeting: &str) -> Result<()> {
    actor.require(APPROVERS)?;
    let mut tx = db.begin().await?;
    fetch_summary(&mut tx, meeting_id).await?;
    let choices = approval_meetings(&mut tx, meeting_id).await?;
    let chosen = at_meeting
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| choices.iter().any(|m| m.id == *id));
    let Some(chosen) = chosen else {
        return Err(Error::invalid(
            "approved_at",
            if choices.is_empty() {
                "Minutes are approved at a later meeting of the board: there is none yet that has started"
            } else {
                "Choose the later meeting at which the board approved the minutes"
            },
        ));
    };
    transition(
        &mut tx,
        actor,
        meeting_id,
        MinutesStatus::Submitted,
        MinutesStatus::Approved,
        Some(chosen),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes approved minutes, and with them the meeting if it was not public yet.
pub async fn publish(db: &Db, actor: &Actor, meeting_id: i64) -> Result<()> {
    actor.require(EDITORS)?;
    let mut tx = db.begin().await?;
    let meeting = fetch_summary(&mut tx, meeting_id).await?;
    transition(
        &mut tx,
        actor,
        meeting_id,
        MinutesStatus::Approved,
        MinutesStatus::Published,
        None,
    )
    .await?;
    if !meeting.published {
        crate::meetings::record::publish(&mut tx, actor, meeting_id, true).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The published minutes of a meeting, rendered, with when they were approved; `None` when
/// they are not published.
pub(crate) async fn published(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Option<(String, Option<String>)>> {
    match state(&mut *conn, meeting_id).await? {
        Some(s) if s.status == MinutesStatus::Published => {
            let body = body_of(&mut *conn, meeting_id, s.version).await?;
            let html = markdown::render_bounded(body)
                .await
                .map_err(|e| anyhow::anyhow!("published minutes do not render: {e}"))?;
            let approved = approval(conn, meeting_id).await?.map(|a| a.meeting);
            Ok(Some((html, approved)))
        }
        _ => Ok(None),
    }
}

/// Renders text for a live preview (nothing is kept).
pub async fn preview(actor: &Actor, text: &str) -> Result<String> {
    actor.require(EDITORS)?;
    markdown::render_bounded(text.replace("\r\n", "\n"))
        .await
        .map_err(|e| Error::invalid("body", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_added_and_removed_lines_with_their_numbers() {
        let lines = line_diff("one\ntwo\nthree\n", "one\n2\nthree\nfour\n");
        let kinds: Vec<(DiffKind, &str)> =
            lines.iter().map(|l| (l.kind, l.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (DiffKind::Same, "one"),
                (DiffKind::Removed, "two"),
                (DiffKind::Added, "2"),
                (DiffKind::Same, "three"),
                (DiffKind::Added, "four"),
            ]
        );
        assert_eq!(lines[1].old_number, Some(2));
        assert_eq!(lines[4].new_number, Some(4));
    }
}
