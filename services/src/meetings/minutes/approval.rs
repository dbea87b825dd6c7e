//! The lifecycle: submitted for approval, returned to draft, approved by the board,
//! published.

use super::*;

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
                "UPDATE minutes SET status = $1, published_at = $2, updated_at = $2,
                        first_published_version = COALESCE(first_published_version, version)
                 WHERE meeting_id = $3",
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
    actor.require(domain::roles::EDITORS)?;
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
    actor.require(domain::roles::EDITORS)?;
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
    actor.require(domain::roles::OFFICE)?;
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
    publish_with(db, actor, meeting_id, &[]).await
}

/// [`publish`], with the actions set at the meeting that were chosen to go public with the
/// minutes (the page offers each, ticked): all in one transaction, each action's timeline
/// saying it was published. An action of another meeting is refused.
pub async fn publish_with(db: &Db, actor: &Actor, meeting_id: i64, actions: &[i64]) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    for id in actions {
        let of_meeting: Option<i64> =
            sqlx::query_scalar::<_, Option<i64>>("SELECT meeting_id FROM actions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .flatten();
        if of_meeting != Some(meeting_id) {
            return Err(Error::invalid(
                "actions",
                "Choose only actions set at this meeting",
            ));
        }
        crate::register::actions::publish_in(&mut tx, actor, *id, true).await?;
    }
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
