//! What is written: a new version saved, text kept unsaved (previewed, or refused) and
//! thrown away, and the live preview.

use super::*;

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
    actor.require(domain::roles::EDITORS)?;
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
    actor.require(domain::roles::EDITORS)?;
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
    actor.require(domain::roles::EDITORS)?;
    if let Some(user) = actor.user_id {
        sqlx::query("DELETE FROM minutes_unsaved WHERE meeting_id = $1 AND user_id = $2")
            .bind(meeting_id)
            .bind(user.0)
            .execute(db.pool())
            .await?;
    }
    Ok(())
}

/// Renders text for a live preview (nothing is kept).
pub async fn preview(actor: &Actor, text: &str) -> Result<String> {
    actor.require(domain::roles::EDITORS)?;
    markdown::render_bounded(text.replace("\r\n", "\n"))
        .await
        .map_err(|e| Error::invalid("body", e.to_string()))
}
