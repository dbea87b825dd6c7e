//! A question's steps: recorded, put to the force, answered, judged, corrected,
//! withdrawn, deleted as a draft, published; each checked against who is acting and
//! where the question stands.

use super::*;
use crate::db::codec::{day_text, Key};

/// Records a question; `put` puts it to the force at once, otherwise it stays a draft.
pub async fn create(db: &Db, actor: &Actor, new: NewQuestion, put: bool) -> Result<i64> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    boards::fetch(&mut tx, new.board_id)
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::invalid("board", "Choose a board"),
            other => other,
        })?;
    if let Some(meeting) = new.meeting_id {
        if actions::parent(&mut tx, actions::MEETING_BOARD, meeting).await? != Some(new.board_id) {
            return Err(Error::invalid(
                "meeting",
                "Choose a meeting of the chosen board",
            ));
        }
    }
    let status = if put {
        QuestionStatus::AwaitingAnswer
    } else {
        QuestionStatus::Draft
    };
    let now = crate::now();
    let due_on = day_text(new.due_on);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO questions (board_id, topic_id, text, context, meeting_id, asked_on, due_on,
             status, published, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $10) RETURNING id",
    )
    .bind(new.board_id)
    .bind(new.topic_id)
    .bind(&new.text)
    .bind(&new.context)
    .bind(new.meeting_id)
    .bind(Day(new.asked_on))
    .bind(&due_on)
    .bind(status.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let kind = if put { Step::PutToForce } else { Step::Created };
    timeline::add(
        &mut tx,
        actor,
        Subject::Question,
        id,
        Entry {
            kind,
            body: "",
            status: status.as_str(),
            due_on: Some(&due_on),
            said: None,
        },
    )
    .await?;
    // One audit name however the question starts (a draft, or put to the force at once).
    audit::record(
        &mut tx,
        actor,
        Change::new("question.created", "question", id)
            .after(&serde_json::json!({ "details": new, "status": status })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(super) struct Current {
    pub(super) status: QuestionStatus,
    pub(super) published: bool,
    pub(super) version: i64,
}

/// Whether `actor` may know of a question in `status` (`visibility::question`); the public
/// reads the public pages, not these.
fn may_see(actor: &Actor, status: QuestionStatus) -> Result<()> {
    actor.require(&Role::ALL)?;
    // The published flag never widens a signed-in person's view.
    if visibility::question::check(Audience::of(actor), status, false) {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

pub(super) async fn current(conn: &mut AnyConnection, actor: &Actor, id: i64) -> Result<Current> {
    let (Key(status), published, version): (Key<QuestionStatus>, Flag, i64) =
        sqlx::query_as("SELECT status, published, version FROM questions WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Error::NotFound)?;
    may_see(actor, status)?;
    Ok(Current {
        status,
        published: published.0,
        version,
    })
}

/// [`current`] for a change: claims the question for this transaction
/// ([`timeline::claim`]), so that of two people acting at once exactly one step applies
/// and the other is told why.
async fn for_change(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    field: &str,
) -> Result<Current> {
    let current = current(&mut *conn, actor, id).await?;
    if !timeline::claim(&mut *conn, Subject::Question, id, current.version).await? {
        return Err(Error::invalid(
            field,
            "Someone else changed this question a moment ago: reload the page to see what changed, then try again",
        ));
    }
    Ok(current)
}

async fn change_status(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    from: QuestionStatus,
    to: QuestionStatus,
    kind: Step,
    body: &str,
) -> Result<()> {
    let now = crate::now();
    // An answer or an assessment keeps its text on the question too, for the public page.
    let text_column = match kind {
        Step::Answer => Some("answer = $4, answered_at = $2"),
        Step::Satisfactory | Step::FurtherInformationRequested => {
            Some("assessment_note = $4, assessed_at = $2")
        }
        _ => None,
    };
    let sql = match text_column {
        Some(columns) => {
            format!("UPDATE questions SET status = $1, updated_at = $2, {columns} WHERE id = $3")
        }
        None => "UPDATE questions SET status = $1, updated_at = $2 WHERE id = $3".to_owned(),
    };
    let mut update = sqlx::query(&sql).bind(to.as_str()).bind(now).bind(id);
    if text_column.is_some() {
        update = update.bind(body);
    }
    update.execute(&mut *conn).await?;
    timeline::record(
        &mut *conn,
        actor,
        Subject::Question,
        id,
        Entry {
            kind,
            body,
            status: to.as_str(),
            due_on: None,
            said: None,
        },
        Some(serde_json::json!({ "status": from })),
        Some(serde_json::json!({ "status": to, "text": body })),
    )
    .await
}

fn refuse(field: &str, status: QuestionStatus, doing: &str) -> Error {
    Error::invalid(
        field,
        format!(
            "This question is {}: it cannot {doing} now",
            status.label().to_lowercase()
        ),
    )
}

/// Puts a draft question to the force.
pub async fn put_to_force(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "put").await?;
    if current.status != QuestionStatus::Draft {
        return Err(refuse("put", current.status, "be put to the force again"));
    }
    change_status(
        &mut tx,
        actor,
        id,
        current.status,
        QuestionStatus::AwaitingAnswer,
        Step::PutToForce,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The force's answer (typed by force liaison, or recorded by the secretariat).
pub async fn answer(db: &Db, actor: &Actor, id: i64, text: &str) -> Result<()> {
    if !matches!(
        actor.role,
        Some(Role::ForceLiaison | Role::Secretariat | Role::Admin)
    ) {
        actor.require(domain::roles::EDITORS)?;
    }
    let text = note("answer", text, "Enter the answer")?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "answer").await?;
    if !current.status.awaits_answer() {
        return Err(refuse("answer", current.status, "take an answer"));
    }
    change_status(
        &mut tx,
        actor,
        id,
        current.status,
        QuestionStatus::Answered,
        Step::Answer,
        &text,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The Commissioner's judgement of an answer: satisfactory, or further information needed
/// (then a note is required).
pub async fn assess(db: &Db, actor: &Actor, id: i64, outcome: &str, note_text: &str) -> Result<()> {
    assess_with(db, actor, id, outcome, note_text, None).await
}

/// [`assess`], with the Commissioner's assurance recorded in the same step.
pub async fn assess_with(
    db: &Db,
    actor: &Actor,
    id: i64,
    outcome: &str,
    note_text: &str,
    assured: Option<crate::equality::Assured>,
) -> Result<()> {
    actor.require(domain::roles::ASSESSORS)?;
    let (to, kind, text) = match outcome.trim() {
        "satisfactory" => {
            let text = note_text.trim().to_owned();
            if text.chars().count() > actions::MAX_NOTE {
                return Err(Error::invalid(
                    "note",
                    "The note must be 20000 characters or fewer",
                ));
            }
            (QuestionStatus::Satisfactory, Step::Satisfactory, text)
        }
        "further_information" => (
            QuestionStatus::FurtherInformationRequested,
            Step::FurtherInformationRequested,
            note("note", note_text, "Say what further information is needed")?,
        ),
        _ => {
            return Err(Error::invalid(
                "outcome",
                "Choose whether the answer is satisfactory or further information is needed",
            ))
        }
    };
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "outcome").await?;
    if current.status != QuestionStatus::Answered {
        return Err(refuse(
            "outcome",
            current.status,
            "be assessed until it is answered",
        ));
    }
    change_status(&mut tx, actor, id, current.status, to, kind, &text).await?;
    if let Some(assured) = &assured {
        crate::equality::assurance::record(&mut tx, actor, Subject::Question, id, assured).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A question's details as stored: what a correction changes (the audit event keeps both
/// sides) and what a deleted draft's audit event keeps.
#[derive(Debug, Serialize, sqlx::FromRow)]
struct Details {
    board_id: i64,
    topic_id: i64,
    text: String,
    context: String,
    meeting_id: Option<i64>,
    asked_on: String,
    due_on: String,
}

async fn details(conn: &mut AnyConnection, id: i64) -> Result<Details> {
    Ok(sqlx::query_as::<_, Details>(
        "SELECT board_id, topic_id, text, context, meeting_id, asked_on, due_on
         FROM questions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await?)
}

/// Corrects a question's details: a draft freely; once put and until answered, with a
/// `reason` that its timeline keeps and the force is told. It stays with its board.
pub async fn update(db: &Db, actor: &Actor, id: i64, new: NewQuestion, reason: &str) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "text").await?;
    let draft = current.status == QuestionStatus::Draft;
    if !(draft || current.status.awaits_answer()) {
        return Err(Error::invalid(
            "text",
            format!(
                "This question is {}: it can no longer be corrected. Withdraw it and put a new question instead",
                current.status.label().to_lowercase()
            ),
        ));
    }
    let reason = if draft {
        String::new()
    } else {
        note(
            "reason",
            reason,
            "Enter why the question is corrected: the force is told",
        )?
    };
    let before = details(&mut tx, id).await?;
    let board = before.board_id;
    if board != new.board_id {
        return Err(Error::invalid("board", "A question stays with its board"));
    }
    if let Some(meeting) = new.meeting_id {
        if actions::parent(&mut tx, actions::MEETING_BOARD, meeting).await? != Some(board) {
            return Err(Error::invalid(
                "meeting",
                "Choose a meeting of the question's board",
            ));
        }
    }
    let after = Details {
        board_id: board,
        topic_id: new.topic_id,
        text: new.text,
        context: new.context,
        meeting_id: new.meeting_id,
        asked_on: Day(new.asked_on).text(),
        due_on: Day(new.due_on).text(),
    };
    sqlx::query(
        "UPDATE questions SET topic_id = $1, text = $2, context = $3, meeting_id = $4,
             asked_on = $5, due_on = $6, updated_at = $7
         WHERE id = $8",
    )
    .bind(after.topic_id)
    .bind(&after.text)
    .bind(&after.context)
    .bind(after.meeting_id)
    .bind(&after.asked_on)
    .bind(&after.due_on)
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let due_changed = before.due_on != after.due_on;
    timeline::record(
        &mut tx,
        actor,
        Subject::Question,
        id,
        Entry {
            kind: if draft { Step::Edited } else { Step::Corrected },
            body: &reason,
            status: current.status.as_str(),
            due_on: due_changed.then_some(after.due_on.as_str()),
            said: None,
        },
        Some(serde_json::json!(before)),
        Some(serde_json::json!(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Withdraws a question put to the force, with a reason: the force owes nothing more, and
/// the public pages (if it is published) say it was withdrawn and why.
pub async fn withdraw(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let reason = note(
        "withdrawal_reason",
        reason,
        "Enter why the question is withdrawn",
    )?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "withdrawal_reason").await?;
    if current.status == QuestionStatus::Draft {
        return Err(Error::invalid(
            "withdrawal_reason",
            "This question was never put to the force: delete the draft instead",
        ));
    }
    if !current.status.is_open() {
        return Err(refuse("withdrawal_reason", current.status, "be withdrawn"));
    }
    change_status(
        &mut tx,
        actor,
        id,
        current.status,
        QuestionStatus::Withdrawn,
        Step::Withdrawn,
        &reason,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a draft that was never put to the force (nobody outside the OPCC has seen it).
/// Its details stay in the audit trail.
pub async fn discard(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "discard").await?;
    if current.status != QuestionStatus::Draft {
        return Err(Error::invalid(
            "discard",
            "This question has been put to the force: it cannot be deleted, only withdrawn",
        ));
    }
    let arising: i64 =
        sqlx::query_scalar("SELECT COUNT(*) AS n FROM actions WHERE question_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if arising > 0 {
        return Err(Error::invalid(
            "discard",
            "Actions have been recorded against this draft: it cannot be deleted",
        ));
    }
    let before = details(&mut tx, id).await?;
    timeline::forget(&mut tx, Subject::Question, id).await?;
    sqlx::query("DELETE FROM questions WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("question.discarded", "question", id).before(&before),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes the question (and its answer, once given) on the public pages, or hides it.
pub async fn set_published(db: &Db, actor: &Actor, id: i64, published: bool) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "published").await?;
    if published && current.status == QuestionStatus::Draft {
        return Err(Error::invalid(
            "published",
            "Put the question to the force before publishing it",
        ));
    }
    crate::register::publication::set(
        &mut tx,
        actor,
        Subject::Question,
        id,
        current.status.as_str(),
        current.published,
        published,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
