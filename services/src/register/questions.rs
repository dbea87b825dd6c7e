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
    FieldErrors, QuestionPermissions, QuestionStatus, QuestionSummary, QuestionView, Role, Topic,
};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{self, Actor, Change};
use crate::db::form::{page_of, text_field};
use crate::register::actions::{self, check_note, note, Window, ASSESSORS, EDITORS, RECORDERS};
use crate::register::timeline::{self, Entry, Subject};
use crate::register::working_days::Calendar;
use crate::visibility::{self, Audience};
use crate::{
    london, meetings::boards, register::due_dates, register::topics, stored, Db, Error, Result,
};

pub const PAGE_SIZE: u32 = 50;

/// A question's form as posted.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput<'a> {
    pub board: &'a str,
    pub topic: &'a str,
    pub text: &'a str,
    pub context: &'a str,
    pub meeting: &'a str,
    pub asked_on: &'a str,
    pub due: &'a str,
    /// Ask before saving a due date that has passed or is not a working day
    /// (`due_dates::doubt`); a form sets this until the person ticks "keep it".
    pub check_due: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewQuestion {
    pub board_id: i64,
    pub topic_id: i64,
    pub text: String,
    pub context: String,
    pub meeting_id: Option<i64>,
    pub asked_on: NaiveDate,
    pub due_on: NaiveDate,
}

impl NewQuestion {
    /// "N working days" in the due date counts from the day asked.
    pub fn parse(
        input: &QuestionInput<'_>,
        topics: &[Topic],
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<NewQuestion> {
        let mut errors = FieldErrors::new();
        let board = input.board.trim().parse::<i64>().ok();
        if board.is_none() {
            errors.add("board", "Choose a board");
        }
        let topic = topics::choose(topics, input.topic, &mut errors);
        let text = text_field(
            &mut errors,
            "text",
            input.text,
            Some("Enter the question"),
            2000,
            "The question",
        );
        let context = check_note(&mut errors, "context", input.context, None);
        let meeting = match input.meeting.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add("meeting", "Choose a meeting, or \"In writing\"");
                    None
                }
            },
        };
        let asked_on = if input.asked_on.trim().is_empty() {
            Some(today)
        } else {
            errors.check("asked_on", due_dates::parse_day(input.asked_on))
        };
        let due = errors.check(
            "due",
            due_dates::parse(input.due, asked_on.unwrap_or(today), calendar),
        );
        if let (Some(asked), Some(due)) = (asked_on, due) {
            if due < asked {
                errors.add(
                    "due",
                    "The answer cannot be due before the question is asked",
                );
            } else if let Some(doubt) = input
                .check_due
                .then(|| due_dates::doubt_to_confirm(due, today, calendar))
                .flatten()
            {
                errors.add(due_dates::CONFIRM_FIELD, doubt);
            }
        }
        errors.into_result()?;
        match (board, topic, asked_on, due) {
            (Some(board_id), Some(topic_id), Some(asked_on), Some(due_on)) => Ok(NewQuestion {
                board_id,
                topic_id,
                text,
                context,
                meeting_id: meeting,
                asked_on,
                due_on,
            }),
            _ => Err(Error::invalid("text", "Check the question's details")),
        }
    }
}

/// Records a question; `put` puts it to the force at once, otherwise it stays a draft.
pub async fn create(db: &Db, actor: &Actor, new: NewQuestion, put: bool) -> Result<i64> {
    actor.require(RECORDERS)?;
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
    let due_on = new.due_on.format("%Y-%m-%d").to_string();
    let row = sqlx::query(
        "INSERT INTO questions (board_id, topic_id, text, context, meeting_id, asked_on, due_on,
             status, published, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $10) RETURNING id",
    )
    .bind(new.board_id)
    .bind(new.topic_id)
    .bind(&new.text)
    .bind(&new.context)
    .bind(new.meeting_id)
    .bind(new.asked_on.format("%Y-%m-%d").to_string())
    .bind(&due_on)
    .bind(status.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.try_get("id")?;
    let kind = if put { "put_to_force" } else { "created" };
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

struct Current {
    status: QuestionStatus,
    published: bool,
    version: i64,
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

async fn current(conn: &mut AnyConnection, actor: &Actor, id: i64) -> Result<Current> {
    let row = sqlx::query("SELECT status, published, version FROM questions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let status = stored(QuestionStatus::parse(&row.try_get::<String, _>("status")?))?;
    may_see(actor, status)?;
    Ok(Current {
        status,
        published: row.try_get::<i64, _>("published")? == 1,
        version: row.try_get("version")?,
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
    kind: &str,
    body: &str,
) -> Result<()> {
    let now = crate::now();
    // An answer or an assessment keeps its text on the question too, for the public page.
    let text_column = match kind {
        "answer" => Some("answer = $4, answered_at = $2"),
        "satisfactory" | "further_information_requested" => {
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
    actor.require(RECORDERS)?;
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
        "put_to_force",
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
        actor.require(EDITORS)?;
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
        "answer",
        &text,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The Commissioner's judgement of an answer: satisfactory, or further information needed
/// (then a note is required).
pub async fn assess(db: &Db, actor: &Actor, id: i64, outcome: &str, note_text: &str) -> Result<()> {
    actor.require(ASSESSORS)?;
    let (to, kind, text) = match outcome.trim() {
        "satisfactory" => {
            let text = note_text.trim().to_owned();
            if text.chars().count() > actions::MAX_NOTE {
                return Err(Error::invalid(
                    "note",
                    "The note must be 20000 characters or fewer",
                ));
            }
            (QuestionStatus::Satisfactory, "satisfactory", text)
        }
        "further_information" => (
            QuestionStatus::FurtherInformationRequested,
            "further_information_requested",
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
    tx.commit().await?;
    Ok(())
}

/// Corrects a question's details: a draft freely; once put and until answered, with a
/// `reason` that its timeline keeps and the force is told. It stays with its board.
pub async fn update(db: &Db, actor: &Actor, id: i64, new: NewQuestion, reason: &str) -> Result<()> {
    actor.require(RECORDERS)?;
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
    let before = sqlx::query(
        "SELECT board_id, topic_id, text, context, meeting_id, asked_on, due_on
         FROM questions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let board: i64 = before.try_get("board_id")?;
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
    let due_on = new.due_on.format("%Y-%m-%d").to_string();
    let before = serde_json::json!({
        "topic_id": before.try_get::<i64, _>("topic_id")?,
        "text": before.try_get::<String, _>("text")?,
        "context": before.try_get::<String, _>("context")?,
        "meeting_id": before.try_get::<Option<i64>, _>("meeting_id")?,
        "asked_on": before.try_get::<String, _>("asked_on")?,
        "due_on": before.try_get::<String, _>("due_on")?,
    });
    sqlx::query(
        "UPDATE questions SET topic_id = $1, text = $2, context = $3, meeting_id = $4,
             asked_on = $5, due_on = $6, updated_at = $7
         WHERE id = $8",
    )
    .bind(new.topic_id)
    .bind(&new.text)
    .bind(&new.context)
    .bind(new.meeting_id)
    .bind(new.asked_on.format("%Y-%m-%d").to_string())
    .bind(&due_on)
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let due_changed = before["due_on"].as_str() != Some(due_on.as_str());
    timeline::record(
        &mut tx,
        actor,
        Subject::Question,
        id,
        Entry {
            kind: if draft { "edited" } else { "corrected" },
            body: &reason,
            status: current.status.as_str(),
            due_on: due_changed.then_some(due_on.as_str()),
        },
        Some(before),
        Some(serde_json::json!({
            "topic_id": new.topic_id,
            "text": new.text,
            "context": new.context,
            "meeting_id": new.meeting_id,
            "asked_on": new.asked_on,
            "due_on": due_on,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Withdraws a question put to the force, with a reason: the force owes nothing more, and
/// the public pages (if it is published) say it was withdrawn and why.
pub async fn withdraw(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(RECORDERS)?;
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
        "withdrawn",
        &reason,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a draft that was never put to the force (nobody outside the OPCC has seen it).
/// Its details stay in the audit trail.
pub async fn discard(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(RECORDERS)?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "discard").await?;
    if current.status != QuestionStatus::Draft {
        return Err(Error::invalid(
            "discard",
            "This question has been put to the force: it cannot be deleted, only withdrawn",
        ));
    }
    let arising: i64 = sqlx::query("SELECT COUNT(*) AS n FROM actions WHERE question_id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    if arising > 0 {
        return Err(Error::invalid(
            "discard",
            "Actions have been recorded against this draft: it cannot be deleted",
        ));
    }
    let before = sqlx::query(
        "SELECT board_id, topic_id, text, context, meeting_id, asked_on, due_on
         FROM questions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let before = serde_json::json!({
        "board_id": before.try_get::<i64, _>("board_id")?,
        "topic_id": before.try_get::<i64, _>("topic_id")?,
        "text": before.try_get::<String, _>("text")?,
        "context": before.try_get::<String, _>("context")?,
        "meeting_id": before.try_get::<Option<i64>, _>("meeting_id")?,
        "asked_on": before.try_get::<String, _>("asked_on")?,
        "due_on": before.try_get::<String, _>("due_on")?,
    });
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
    actor.require(RECORDERS)?;
    let mut tx = db.begin().await?;
    let current = for_change(&mut tx, actor, id, "published").await?;
    if published && current.status == QuestionStatus::Draft {
        return Err(Error::invalid(
            "published",
            "Put the question to the force before publishing it",
        ));
    }
    if current.published == published {
        return Ok(());
    }
    sqlx::query("UPDATE questions SET published = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(published))
        .bind(crate::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let kind = if published {
        "published"
    } else {
        "unpublished"
    };
    timeline::record(
        &mut tx,
        actor,
        Subject::Question,
        id,
        Entry {
            kind,
            body: "",
            status: current.status.as_str(),
            due_on: None,
        },
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

const COLUMNS: &str = "q.id, q.text, b.code AS board_code, t.name AS topic, q.asked_on, q.due_on,
    q.status, q.published";
const FROM: &str =
    "FROM questions q JOIN boards b ON b.id = q.board_id JOIN topics t ON t.id = q.topic_id";

fn summary(row: &AnyRow, window: &Window) -> Result<QuestionSummary> {
    let status = stored(QuestionStatus::parse(&row.try_get::<String, _>("status")?))?;
    let due_on: String = row.try_get("due_on")?;
    Ok(QuestionSummary {
        id: row.try_get("id")?,
        text: row.try_get("text")?,
        board_code: row.try_get("board_code")?,
        topic: row.try_get("topic")?,
        asked_on: row.try_get("asked_on")?,
        due_long: london::long_date_of(&due_on),
        due_state: window.derive(status.awaits_answer(), &due_on),
        due_on,
        status,
        published: row.try_get::<i64, _>("published")? == 1,
    })
}

/// Questions, newest first, a page at a time; `status` may be empty (all), "awaiting"
/// (the force owes an answer) or a status. Force liaison never sees drafts.
/// A page of the questions the person may see, filtered by status ("awaiting" for those
/// owed an answer), board and topic (ids; anything else is ignored).
pub async fn list(
    db: &Db,
    actor: &Actor,
    filter: &QuestionFilter,
    page: Option<u32>,
    window: &Window,
) -> Result<(Vec<QuestionSummary>, u32, u32)> {
    actor.require(&Role::ALL)?;
    let status = filter.status.as_str();
    let mut clauses = Vec::new();
    let mut binds: Vec<&str> = Vec::new();
    let board = filter
        .board
        .trim()
        .parse::<i64>()
        .ok()
        .map(|id| id.to_string());
    let topic = filter
        .topic
        .trim()
        .parse::<i64>()
        .ok()
        .map(|id| id.to_string());
    // Ids are numbers: written into the SQL as numbers, never as text from the address.
    if let Some(board) = &board {
        clauses.push(format!("q.board_id = {board}"));
    }
    if let Some(topic) = &topic {
        clauses.push(format!("q.topic_id = {topic}"));
    }
    let audience = Audience::of(actor);
    if audience != Audience::Office {
        clauses.push(visibility::question::sql(audience, "q"));
    }
    if status == "awaiting" {
        clauses.push("q.status IN ('awaiting_answer', 'further_information_requested')".to_owned());
    } else if let Ok(status) = QuestionStatus::parse(status) {
        binds.push(status.as_str());
        clauses.push(format!("q.status = ${}", binds.len()));
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    page_of(
        db,
        &format!("SELECT COUNT(*) AS n FROM questions q{filter}"),
        &format!("SELECT {COLUMNS} {FROM}{filter} ORDER BY q.asked_on DESC, q.id DESC"),
        &binds,
        PAGE_SIZE,
        page,
        |row| summary(row, window),
    )
    .await
}

pub async fn get(db: &Db, actor: &Actor, id: i64, window: &Window) -> Result<QuestionView> {
    let mut conn = db.pool().acquire().await?;
    let current = current(&mut conn, actor, id).await?;
    let view = read(&mut conn, id, window, Audience::of(actor)).await?;
    let recorder = actor.require(RECORDERS).is_ok();
    let answers = matches!(
        actor.role,
        Some(Role::ForceLiaison | Role::Secretariat | Role::Admin)
    );
    Ok(QuestionView {
        may: QuestionPermissions {
            put: recorder && current.status == QuestionStatus::Draft,
            edit: recorder
                && (current.status == QuestionStatus::Draft || current.status.awaits_answer()),
            withdraw: recorder && current.status.is_open(),
            discard: recorder && current.status == QuestionStatus::Draft && view.actions.is_empty(),
            answer: answers && current.status.awaits_answer(),
            assess: actor.require(ASSESSORS).is_ok() && current.status == QuestionStatus::Answered,
            publish: recorder && current.status != QuestionStatus::Draft,
        },
        ..view
    })
}

/// The question as `audience` may see it: the meeting it was raised at and the actions
/// arising only where the rules for those records allow (`visibility`).
async fn read(
    conn: &mut AnyConnection,
    id: i64,
    window: &Window,
    audience: Audience,
) -> Result<QuestionView> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, q.board_id, q.topic_id, q.context, m.id AS meeting_id, m.starts_at, q.answer,
             q.assessment_note
         {FROM} LEFT JOIN meetings m ON m.id = q.meeting_id AND {meeting} WHERE q.id = $1",
        meeting = visibility::meeting::sql(audience, "m"),
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let context: String = row.try_get("context")?;
    let answer: String = row.try_get("answer")?;
    let (meeting, meeting_ahead) = match (
        row.try_get::<Option<i64>, _>("meeting_id")?,
        row.try_get::<Option<i64>, _>("starts_at")?,
    ) {
        (Some(id), Some(at)) => (Some((id, london::show(at))), at > crate::now()),
        _ => (None, false),
    };
    let status = stored(QuestionStatus::parse(&row.try_get::<String, _>("status")?))?;
    let withdrawal_html = if status == QuestionStatus::Withdrawn {
        timeline::render(
            &timeline::latest_body(&mut *conn, Subject::Question, id, "withdrawn").await?,
        )
    } else {
        String::new()
    };
    let action_rows = sqlx::query(&format!(
        "{} WHERE a.question_id = $1 AND {} ORDER BY a.id",
        actions::SUMMARY,
        visibility::action::sql(audience, "a"),
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let actions = action_rows
        .iter()
        .map(|row| actions::summary(row, window))
        .collect::<Result<Vec<_>>>()?;
    Ok(QuestionView {
        summary: summary(&row, window)?,
        board_id: row.try_get("board_id")?,
        topic_id: row.try_get("topic_id")?,
        context_html: timeline::render(&context),
        context,
        meeting,
        meeting_ahead,
        withdrawal_html,
        answer_html: timeline::render(&answer),
        assessment_note: row.try_get("assessment_note")?,
        actions,
        timeline: timeline::read(conn, Subject::Question, id).await?,
        may: QuestionPermissions::default(),
    })
}

/// A published question as the public reads it: the question, its answer and how the
/// Commissioner judged it. Anything unpublished is "not found".
pub async fn get_public(db: &Db, id: i64, window: &Window) -> Result<QuestionView> {
    let mut conn = db.pool().acquire().await?;
    let row = sqlx::query("SELECT status, published FROM questions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let status = stored(QuestionStatus::parse(&row.try_get::<String, _>("status")?))?;
    let published = row.try_get::<i64, _>("published")? == 1;
    if !visibility::question::check(Audience::Public, status, published) {
        return Err(Error::NotFound);
    }
    let view = read(&mut conn, id, window, Audience::Public).await?;
    Ok(QuestionView {
        timeline: Vec::new(),
        ..view
    })
}

/// Published questions, newest first, a page at a time.
pub async fn list_public(
    db: &Db,
    page: Option<u32>,
    window: &Window,
) -> Result<(Vec<QuestionSummary>, u32, u32)> {
    page_of(
        db,
        &format!(
            "SELECT COUNT(*) AS n FROM questions q WHERE {}",
            visibility::question::sql(Audience::Public, "q")
        ),
        &format!(
            "SELECT {COLUMNS} {FROM} WHERE {} ORDER BY q.asked_on DESC, q.id DESC",
            visibility::question::sql(Audience::Public, "q")
        ),
        &[],
        PAGE_SIZE,
        page,
        |row| summary(row, window),
    )
    .await
}

/// The questions list's filters, as the address carries them.
#[derive(Debug, Clone, Default)]
pub struct QuestionFilter {
    pub status: String,
    pub board: String,
    pub topic: String,
}

/// Questions `audience` may see whose text or context matches `query` (`fulltext::Terms`), most
/// recent first, at most `most`.
pub(crate) async fn search(
    db: &Db,
    audience: Audience,
    query: &str,
    most: i64,
    window: &Window,
) -> Result<Vec<QuestionSummary>> {
    let backend = db.backend();
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM} WHERE {} AND {} ORDER BY q.asked_on DESC, q.id DESC LIMIT {most}",
        visibility::question::sql(audience, "q"),
        crate::db::fulltext::matches(backend, crate::db::fulltext::Kind::Question, "q.id", "$1"),
    ))
    .bind(query)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary(row, window)).collect()
}

/// Published questions raised at the meeting `meeting`: (id, text), in the order asked.
pub async fn published_for_meeting(db: &Db, meeting: i64) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(&format!(
        "SELECT q.id, q.text FROM questions q WHERE q.meeting_id = $1 AND {} ORDER BY q.id",
        visibility::question::sql(Audience::Public, "q")
    ))
    .bind(meeting)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("text")?)))
        .collect()
}

/// Questions of a board still awaiting the force's answer, oldest due first.
pub(crate) async fn awaiting_for_board(
    db: &Db,
    board: i64,
    window: &Window,
) -> Result<Vec<QuestionSummary>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} {FROM}
         WHERE q.board_id = $1 AND q.status IN ('awaiting_answer', 'further_information_requested')
         ORDER BY q.due_on, q.id"
    ))
    .bind(board)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary(row, window)).collect()
}
