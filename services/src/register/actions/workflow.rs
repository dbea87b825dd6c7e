//! The steps of an action's workflow: respond, assess, withdraw, correct its details,
//! publish.

use super::*;
use crate::db::codec::{day_text, Key};

/// Moves the action to `to`, writing its timeline entry and audit event.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site per transition, all named"
)]
async fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    from: &Current,
    to: ActionStatus,
    kind: Step,
    body: &str,
    due_on: Option<&str>,
    said: Option<timeline::Said>,
) -> Result<()> {
    let now = crate::now();
    let closed_at = (to == ActionStatus::Closed).then_some(now);
    sqlx::query(
        "UPDATE actions SET status = $1, due_on = COALESCE($2, due_on), updated_at = $3,
             closed_at = $4
         WHERE id = $5",
    )
    .bind(to.as_str())
    .bind(due_on)
    .bind(now)
    .bind(closed_at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if !to.is_live() {
        // A request for more time on an action that has ended can no longer be decided.
        sqlx::query(
            "UPDATE extension_requests SET status = $1, decided_at = $2,
                 decision_note = $3
             WHERE action_id = $4 AND status = $5",
        )
        .bind(ExtensionStatus::Lapsed.as_str())
        .bind(now)
        .bind(format!("The action was {}", to.label().to_lowercase()))
        .bind(id)
        .bind(ExtensionStatus::Pending.as_str())
        .execute(&mut *conn)
        .await?;
    }
    timeline::record(
        &mut *conn,
        actor,
        Subject::Action,
        id,
        Entry {
            kind,
            body,
            status: to.as_str(),
            due_on,
            said,
        },
        Some(serde_json::json!({ "status": from.status, "due_on": from.due_on })),
        Some(serde_json::json!({ "status": to, "due_on": due_on.unwrap_or(&from.due_on), "text": body })),
    )
    .await
}

pub(super) fn refuse(field: &str, current: &Current, doing: &str) -> Error {
    Error::invalid(
        field,
        format!(
            "Action {} is {}: it cannot {doing} now",
            current.reference,
            current.status.label().to_lowercase()
        ),
    )
}

/// A response as its form sends it: the text and, when the OPCC records what the force or
/// a partner sent, the day it was received and how (`Channel`: letter, email, meeting).
#[derive(Debug, Clone, Copy, Default)]
pub struct ResponseInput<'a> {
    pub text: &'a str,
    pub received_on: &'a str,
    pub channel: &'a str,
}

/// The owner's response, submitted by its author in Scrutineer.
pub async fn respond(db: &Db, actor: &Actor, id: i64, response: &str) -> Result<()> {
    let input = ResponseInput {
        text: response,
        ..ResponseInput::default()
    };
    record_response(db, actor, id, &input).await
}

/// The owner's response: open or further information requested → response submitted. Kept
/// as its author's words ("Community Scrutiny Panel"), with when and how the office
/// received it when the office records it for them.
pub async fn record_response(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: &ResponseInput<'_>,
) -> Result<()> {
    let mut errors = FieldErrors::new();
    let response = check_note(
        &mut errors,
        "response",
        input.text,
        Some("Enter the response"),
    );
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "response").await?;
    if !speaks_for_owner(actor, current.owner) {
        return Err(Error::Forbidden);
    }
    if !current.status.awaits_owner() {
        return Err(refuse("response", &current, "take a response"));
    }
    let today = london::today();
    let (received_on, channel) = if records_for_owner(actor, current.owner) {
        let channel = match Channel::parse(input.channel.trim()) {
            Ok(Channel::Scrutineer) | Err(_) => {
                errors.add(
                    "channel",
                    "Choose how the response was received: by letter, by email or at a meeting",
                );
                None
            }
            Ok(channel) => Some(channel),
        };
        let received_on = match input.received_on.trim() {
            "" => {
                errors.add("received_on", "Enter the date the response was received");
                None
            }
            text => match crate::common::typed::date(text) {
                Ok(day) if day > today => {
                    errors.add(
                        "received_on",
                        "The date it was received cannot be in the future",
                    );
                    None
                }
                Ok(day) => Some(day),
                Err(message) => {
                    errors.add("received_on", message);
                    None
                }
            },
        };
        (received_on, channel)
    } else {
        (Some(today), Some(Channel::Scrutineer))
    };
    errors.into_result()?;
    let (Some(received_on), Some(channel)) = (received_on, channel) else {
        return Err(Error::Unexpected(anyhow::anyhow!(
            "a response checked without a date"
        )));
    };
    let said = timeline::Said {
        speaker: current.owner.speaker(&current.owner_name),
        received_on,
        channel,
    };
    transition(
        &mut tx,
        actor,
        id,
        &current,
        ActionStatus::ResponseSubmitted,
        Step::Response,
        &response,
        None,
        Some(said),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The Commissioner's judgement of a submitted response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assessment {
    /// Satisfied: the action closes.
    Accept { note: String },
    /// Not yet: the owner must respond again, by `due_on` if given.
    FurtherInformation {
        note: String,
        due_on: Option<NaiveDate>,
    },
}

impl Assessment {
    pub fn parse(
        outcome: &str,
        note_text: &str,
        due: &str,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Assessment> {
        match outcome.trim() {
            "accept" => Ok(Assessment::Accept {
                note: note_text.trim().to_owned(),
            }),
            "further_information" => {
                let mut errors = FieldErrors::new();
                let note = check_note(
                    &mut errors,
                    "note",
                    note_text,
                    Some("Say what further information is needed"),
                );
                let due_on = if due.trim().is_empty() {
                    None
                } else {
                    errors.check("due", due_dates::parse(due, today, calendar))
                };
                errors.into_result()?;
                Ok(Assessment::FurtherInformation { note, due_on })
            }
            _ => Err(Error::invalid(
                "outcome",
                "Choose whether to accept the response or ask for further information",
            )),
        }
    }
}

pub async fn assess(db: &Db, actor: &Actor, id: i64, assessment: Assessment) -> Result<()> {
    assess_with(db, actor, id, assessment, None, None)
        .await
        .map(|_| ())
}

/// [`assess`], with the Commissioner's assurance recorded in the same step and, when a
/// response is accepted as not assuring, a follow-up action recorded with it: the same
/// board, topic, owner, priority and origin, linked to the action it follows. Returns the
/// follow-up's id.
pub async fn assess_with(
    db: &Db,
    actor: &Actor,
    id: i64,
    assessment: Assessment,
    assured: Option<crate::equality::Assured>,
    follow_up: Option<crate::equality::FollowUp>,
) -> Result<Option<i64>> {
    actor.require(domain::roles::ASSESSORS)?;
    if follow_up.is_some()
        && !(matches!(assessment, Assessment::Accept { .. })
            && assured.as_ref().map(|a| a.level) == Some(domain::equality::Assurance::NotAssured))
    {
        return Err(Error::invalid(
            "follow_up",
            "A follow-up action is recorded with a response accepted as not assured: choose \"Accept\" and \"Not assured\", or leave the follow-up empty",
        ));
    }
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "outcome").await?;
    if current.status != ActionStatus::ResponseSubmitted {
        return Err(refuse(
            "outcome",
            &current,
            "be assessed until a response is submitted",
        ));
    }
    match &assessment {
        Assessment::Accept { note } => {
            if note.chars().count() > MAX_NOTE {
                return Err(Error::invalid(
                    "note",
                    "The note must be 20000 characters or fewer",
                ));
            }
            transition(
                &mut tx,
                actor,
                id,
                &current,
                ActionStatus::Closed,
                Step::Accepted,
                note,
                None,
                None,
            )
            .await?
        }
        Assessment::FurtherInformation { note, due_on } => {
            let due = due_on.map(day_text);
            transition(
                &mut tx,
                actor,
                id,
                &current,
                ActionStatus::FurtherInformationRequested,
                Step::FurtherInformationRequested,
                note,
                due.as_deref(),
                None,
            )
            .await?
        }
    }
    if let Some(assured) = &assured {
        crate::equality::assurance::record(&mut tx, actor, Subject::Action, id, assured).await?;
    }
    let spawned = match follow_up {
        Some(follow_up) => Some(spawn_follow_up(&mut tx, actor, id, follow_up).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(spawned)
}

/// What a follow-up takes from the action it follows.
#[derive(sqlx::FromRow)]
struct FollowedRow {
    board_id: i64,
    topic_id: i64,
    meeting_id: Option<i64>,
    agenda_item_id: Option<i64>,
    question_id: Option<i64>,
    owner: Key<Owner>,
    owner_name: String,
    owner_user_id: Option<i64>,
    priority: Key<Priority>,
}

async fn spawn_follow_up(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    follow_up: crate::equality::FollowUp,
) -> Result<i64> {
    let row: FollowedRow = sqlx::query_as(
        "SELECT board_id, topic_id, meeting_id, agenda_item_id, question_id, owner, owner_name,
                owner_user_id, priority
         FROM actions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let new = NewAction {
        board_id: row.board_id,
        text: follow_up.text,
        topic_id: row.topic_id,
        meeting_id: row.meeting_id,
        agenda_item_id: row.agenda_item_id,
        question_id: row.question_id,
        owner: row.owner.0,
        owner_name: row.owner_name,
        owner_user_id: row.owner_user_id,
        priority: row.priority.0,
        due_on: follow_up.due_on,
        published: false,
    };
    let (spawned, _) = insert(&mut *conn, actor, &new, None).await?;
    sqlx::query("UPDATE actions SET follows_action_id = $1 WHERE id = $2")
        .bind(id)
        .bind(spawned)
        .execute(&mut *conn)
        .await?;
    // The follow-up carries the equality tags of the action it follows.
    sqlx::query(
        "INSERT INTO equality_tags (subject, subject_id, tag)
         SELECT subject, $1, tag FROM equality_tags WHERE subject = 'action' AND subject_id = $2",
    )
    .bind(spawned)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(spawned)
}

pub async fn withdraw(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let reason = note(
        "withdrawal_reason",
        reason,
        "Enter why the action is withdrawn",
    )?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "withdrawal_reason").await?;
    if !current.status.is_live() {
        return Err(refuse("withdrawal_reason", &current, "be withdrawn"));
    }
    transition(
        &mut tx,
        actor,
        id,
        &current,
        ActionStatus::Withdrawn,
        Step::Withdrawn,
        &reason,
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Corrects an action's details — text, topic, owner, priority, due date — while it is
/// open. `new` is parsed from the edit form with the action's own board; where the action
/// came from does not change.
pub async fn update(db: &Db, actor: &Actor, id: i64, new: NewAction) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "text").await?;
    if !current.status.is_live() {
        return Err(refuse("text", &current, "be edited"));
    }
    let (text, topic_id, owner, owner_name, owner_user_id, priority, board): (
        String,
        i64,
        String,
        String,
        Option<i64>,
        String,
        i64,
    ) = sqlx::query_as(
        "SELECT text, topic_id, owner, owner_name, owner_user_id, priority, board_id
         FROM actions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if board != new.board_id {
        return Err(Error::invalid("text", "An action stays with its board"));
    }
    check_links(&mut tx, &new).await?;
    let due_on = day_text(new.due_on);
    let before = serde_json::json!({
        "text": text,
        "topic_id": topic_id,
        "owner": owner,
        "owner_name": owner_name,
        "owner_user_id": owner_user_id,
        "priority": priority,
        "due_on": current.due_on,
    });
    sqlx::query(
        "UPDATE actions SET text = $1, topic_id = $2, owner = $3, owner_name = $4,
             owner_user_id = $5, priority = $6, due_on = $7, updated_at = $8
         WHERE id = $9",
    )
    .bind(&new.text)
    .bind(new.topic_id)
    .bind(new.owner.as_str())
    .bind(&new.owner_name)
    .bind(new.owner_user_id)
    .bind(new.priority.as_str())
    .bind(&due_on)
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let due_changed = due_on != current.due_on;
    timeline::record(
        &mut tx,
        actor,
        Subject::Action,
        id,
        Entry {
            kind: Step::Edited,
            body: "",
            status: current.status.as_str(),
            due_on: due_changed.then_some(due_on.as_str()),
            said: None,
        },
        Some(before),
        Some(serde_json::json!({
            "text": new.text,
            "topic_id": new.topic_id,
            "owner": new.owner,
            "owner_name": new.owner_name,
            "owner_user_id": new.owner_user_id,
            "priority": new.priority,
            "due_on": due_on,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the action's text and status visible on the public pages, or hides it again.
pub async fn set_published(db: &Db, actor: &Actor, id: i64, published: bool) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    publish_in(&mut tx, actor, id, published).await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes (or takes off the public pages) every action set at `meeting`, in one step;
/// each action's timeline says so. Returns how many changed.
pub async fn set_published_for_meeting(
    db: &Db,
    actor: &Actor,
    meeting: i64,
    published: bool,
) -> Result<usize> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM actions WHERE meeting_id = $1 AND published = $2 ORDER BY id",
    )
    .bind(meeting)
    .bind(Flag(!published))
    .fetch_all(&mut *tx)
    .await?;
    for &id in &ids {
        publish_in(&mut tx, actor, id, published).await?;
    }
    tx.commit().await?;
    Ok(ids.len())
}

/// [`set_published`] in the caller's transaction (minutes published with their actions).
pub(crate) async fn publish_in(
    tx: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    published: bool,
) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let current = current(&mut *tx, actor, id, "published").await?;
    crate::register::publication::set(
        tx,
        actor,
        Subject::Action,
        id,
        current.status.as_str(),
        current.published,
        published,
    )
    .await
}
