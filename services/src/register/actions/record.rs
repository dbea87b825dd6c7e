//! Recording a new action: its links checked, its reference taken, its first timeline entry.

use super::*;
use crate::db::codec::day_text;

/// Checks that the records `new` links to exist and belong together.
pub(super) async fn check_links(conn: &mut AnyConnection, new: &NewAction) -> Result<()> {
    if let Some(meeting) = new.meeting_id {
        if parent(&mut *conn, MEETING_BOARD, meeting).await? != Some(new.board_id) {
            return Err(Error::invalid(
                "meeting",
                "Choose a meeting of the action's board",
            ));
        }
    }
    if let Some(item) = new.agenda_item_id {
        let meeting = parent(
            &mut *conn,
            "SELECT meeting_id AS parent FROM agenda_items WHERE id = $1",
            item,
        )
        .await?;
        if meeting.is_none() || meeting != new.meeting_id {
            return Err(Error::invalid(
                "agenda_item",
                "Choose an item on the agenda of the chosen meeting",
            ));
        }
    }
    if let Some(question) = new.question_id {
        let board = parent(
            &mut *conn,
            "SELECT board_id AS parent FROM questions WHERE id = $1",
            question,
        )
        .await?;
        if board != Some(new.board_id) {
            return Err(Error::invalid(
                "question",
                "Choose a question put at the action's board",
            ));
        }
    }
    if let Some(user) = new.owner_user_id {
        let row: Option<(String, Flag)> =
            sqlx::query_as("SELECT role, active FROM users WHERE id = $1")
                .bind(user)
                .fetch_optional(&mut *conn)
                .await?;
        let fits = match row {
            Some((role, active)) => {
                let force = role == Role::ForceLiaison.as_str();
                active.0
                    && match new.owner {
                        Owner::Force => force,
                        Owner::Opcc => !force,
                        Owner::Partner => false,
                    }
            }
            None => false,
        };
        if !fits {
            return Err(Error::invalid(
                "owner_user",
                "Choose an active account of the owning organisation (force liaison for the force, OPCC staff for the OPCC), or leave it empty",
            ));
        }
    }
    Ok(())
}

/// The minutes line an action was created from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FromMinutes<'a> {
    pub version: i64,
    /// The ACTION line as written.
    pub line: &'a str,
    /// What the person corrected when creating it, as a sentence ("" when nothing).
    pub corrected: &'a str,
}

/// Records `new` inside the caller's transaction and returns its id and reference.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    actor: &Actor,
    new: &NewAction,
    from_minutes: Option<FromMinutes<'_>>,
) -> Result<(i64, ActionRef)> {
    let board = boards::fetch(&mut *conn, new.board_id)
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::invalid("board", "Choose a board"),
            other => other,
        })?;
    check_links(&mut *conn, new).await?;
    let now = crate::now();
    let reference = references::next(&mut *conn, board.id, &board.code, london::year(now)).await?;
    let due_on = day_text(new.due_on);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO actions (board_id, year, number, reference, text, topic_id, origin, meeting_id,
             agenda_item_id, question_id, minutes_version, minutes_line, owner, owner_name,
             owner_user_id, priority, status, due_on, original_due_on, published, created_by,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'open',
             $17, $17, $18, $19, $20, $20)
         RETURNING id",
    )
    .bind(board.id)
    .bind(i64::from(reference.year()))
    .bind(i64::from(reference.number()))
    .bind(reference.to_string())
    .bind(&new.text)
    .bind(new.topic_id)
    .bind(new.origin().as_str())
    .bind(new.meeting_id)
    .bind(new.agenda_item_id)
    .bind(new.question_id)
    .bind(from_minutes.map(|m| m.version))
    .bind(from_minutes.map(|m| m.line))
    .bind(new.owner.as_str())
    .bind(&new.owner_name)
    .bind(new.owner_user_id)
    .bind(new.priority.as_str())
    .bind(&due_on)
    .bind(Flag(new.published))
    .bind(actor.user_id.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let kind = if from_minutes.is_some() {
        Step::CreatedFromMinutes
    } else {
        Step::Created
    };
    timeline::add(
        &mut *conn,
        actor,
        Subject::Action,
        id,
        Entry {
            kind,
            body: from_minutes.map_or("", |m| m.corrected),
            status: ActionStatus::Open.as_str(),
            due_on: Some(&due_on),
            said: None,
        },
    )
    .await?;
    // One audit name for every way an action is recorded; the minutes version says which.
    audit::record(
        &mut *conn,
        actor,
        Change::new("action.created", "action", id).after(&serde_json::json!({
            "reference": reference.to_string(),
            "details": new,
            "from_minutes_version": from_minutes.map(|m| m.version),
            "corrected_from_minutes": from_minutes.map(|m| m.corrected).filter(|c| !c.is_empty()),
        })),
    )
    .await?;
    Ok((id, reference))
}

pub async fn create(db: &Db, actor: &Actor, new: NewAction) -> Result<(i64, ActionRef)> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let created = insert(&mut tx, actor, &new, None).await?;
    tx.commit().await?;
    Ok(created)
}
