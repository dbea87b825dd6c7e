//! Each person's next jobs, for their home page: what waits for them, counted, with the
//! first few and a link to the whole list (a register or questions filter). Which queues a
//! person has follows from their role; what is in them, from what they may see.

use domain::{Queue, QueueItem, Role};

use crate::audit::Actor;
use crate::common::london;
use crate::visibility::{self, Audience};
use crate::work::notifications::shorten;
use crate::{register::minutes_actions, Db, Result};

/// How much of a long text a queue's item shows.
const LABEL_CHARS: usize = 120;

/// How many of each queue the home page lists.
const SHOWN: i64 = 5;

/// The queues of the person acting, in the order their home page shows them.
pub async fn for_person(db: &Db, actor: &Actor) -> Result<Vec<Queue>> {
    actor.require(&Role::ALL)?;
    let Some(role) = actor.role else {
        return Ok(Vec::new());
    };
    let seen = visibility::action::sql(Audience::of(actor), "a");
    let asked = visibility::question::sql(Audience::of(actor), "q");
    Ok(match role {
        Role::Commissioner => vec![
            actions(
                db,
                "Responses awaiting your assessment",
                "/actions?status=response_submitted",
                &format!("{seen} AND a.status = 'response_submitted'"),
            )
            .await?,
            questions(
                db,
                "Answers awaiting your assessment",
                "/questions?status=answered",
                &format!("{asked} AND q.status = 'answered'"),
            )
            .await?,
            actions(
                db,
                "Extension requests to decide",
                "/actions?status=all&extension=pending",
                &format!(
                    "{seen} AND EXISTS (SELECT 1 FROM extension_requests e \
                     WHERE e.action_id = a.id AND e.status = 'pending')"
                ),
            )
            .await?,
        ],
        Role::Secretariat => vec![
            next_meetings(db).await?,
            minutes(db, "Minutes in draft", "draft").await?,
            minutes(db, "Minutes awaiting approval", "submitted").await?,
            action_lines(db, actor).await?,
            // Partners and OPCC teams send their updates in; the secretariat records them.
            actions(
                db,
                "Responses to record for the OPCC and partners",
                &format!(
                    "/actions?status={}&owner={}",
                    crate::register::actions::OWED,
                    crate::register::actions::NOT_FORCE
                ),
                &format!(
                    "{seen} AND a.owner <> 'force' \
                     AND a.status IN ('open', 'further_information_requested')"
                ),
            )
            .await?,
        ],
        Role::ForceLiaison => vec![
            actions(
                db,
                "Actions the force owes a response to",
                "/actions?status=open",
                &format!("{seen} AND a.status = 'open'"),
            )
            .await?,
            actions(
                db,
                "Actions where further information is asked for",
                "/actions?status=further_information_requested",
                &format!("{seen} AND a.status = 'further_information_requested'"),
            )
            .await?,
            questions(
                db,
                "Questions to answer",
                "/questions?status=awaiting",
                &format!(
                    "{asked} AND q.status IN ('awaiting_answer', 'further_information_requested')"
                ),
            )
            .await?,
        ],
        Role::Admin => Vec::new(),
    })
}

async fn actions(db: &Db, title: &str, href: &str, condition: &str) -> Result<Queue> {
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) AS n FROM actions a WHERE {condition}"
    ))
    .fetch_one(db.pool())
    .await?;
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT a.id, a.reference, a.text, a.due_on FROM actions a WHERE {condition}
         ORDER BY a.due_on, a.id LIMIT {SHOWN}"
    ))
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, reference, text, due_on)| QueueItem {
            href: format!("/actions/{id}"),
            label: format!("{reference}: {}", shorten(&text, LABEL_CHARS)),
            detail: format!("Due {}", london::long_date_of(&due_on)),
        })
        .collect();
    Ok(queue(title, href, count, items))
}

async fn questions(db: &Db, title: &str, href: &str, condition: &str) -> Result<Queue> {
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) AS n FROM questions q WHERE {condition}"
    ))
    .fetch_one(db.pool())
    .await?;
    let rows: Vec<(i64, String, String)> = sqlx::query_as(&format!(
        "SELECT q.id, q.text, q.due_on FROM questions q WHERE {condition}
         ORDER BY q.due_on, q.id LIMIT {SHOWN}"
    ))
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, text, due_on)| QueueItem {
            href: format!("/questions/{id}"),
            label: shorten(&text, LABEL_CHARS),
            detail: format!("Answer due {}", london::long_date_of(&due_on)),
        })
        .collect();
    Ok(queue(title, href, count, items))
}

async fn next_meetings(db: &Db) -> Result<Queue> {
    let now = crate::now();
    let condition = "m.status = 'scheduled' AND m.starts_at >= $1";
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) AS n FROM meetings m WHERE {condition}"
    ))
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT m.id, m.starts_at, b.name FROM meetings m JOIN boards b ON b.id = m.board_id
         WHERE {condition} ORDER BY m.starts_at, m.id LIMIT {SHOWN}"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, starts_at, name)| QueueItem {
            href: format!("/meetings/{id}"),
            label: name,
            detail: london::show(starts_at).long,
        })
        .collect();
    Ok(queue("Next meetings", "/boards", count, items))
}

/// Meetings whose minutes have `status`, most recent meeting first.
async fn minutes(db: &Db, title: &str, status: &str) -> Result<Queue> {
    let (count, items) = minutes_of(db, status).await?;
    let items = items
        .into_iter()
        .map(|(id, name, starts)| QueueItem {
            href: format!("/meetings/{id}/minutes"),
            label: name,
            detail: format!("Meeting of {starts}"),
        })
        .collect();
    Ok(queue(title, "/boards", count, items))
}

async fn minutes_of(db: &Db, status: &str) -> Result<(i64, Vec<(i64, String, String)>)> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM minutes WHERE status = $1")
        .bind(status)
        .fetch_one(db.pool())
        .await?;
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT m.id, m.starts_at, b.name FROM minutes n
         JOIN meetings m ON m.id = n.meeting_id JOIN boards b ON b.id = m.board_id
         WHERE n.status = $1 ORDER BY m.starts_at DESC, m.id DESC LIMIT {SHOWN}"
    ))
    .bind(status)
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, starts_at, name)| (id, name, london::show(starts_at).long))
        .collect();
    Ok((count, items))
}

/// The most meetings whose minutes are read for ACTION lines not yet confirmed: those not
/// yet published, newest first (published minutes have had theirs confirmed).
const MINUTES_READ: i64 = 20;

async fn action_lines(db: &Db, actor: &Actor) -> Result<Queue> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
        "SELECT m.id, m.starts_at, b.name FROM minutes n
         JOIN meetings m ON m.id = n.meeting_id JOIN boards b ON b.id = m.board_id
         WHERE n.status <> 'published' ORDER BY m.starts_at DESC, m.id DESC LIMIT {MINUTES_READ}"
    ))
    .fetch_all(db.pool())
    .await?;
    let mut items = Vec::new();
    for (id, starts_at, name) in rows {
        let review = minutes_actions::review(db, actor, id).await?;
        let waiting = review
            .proposed
            .iter()
            .filter(|p| p.created.is_none())
            .count()
            + review.unreadable.len();
        if waiting > 0 {
            items.push(QueueItem {
                href: format!("/meetings/{id}/minutes/actions"),
                label: name,
                detail: format!(
                    "Meeting of {}: {waiting} {}",
                    london::show(starts_at).long,
                    if waiting == 1 { "line" } else { "lines" }
                ),
            });
        }
    }
    let count = items.len() as i64;
    items.truncate(SHOWN as usize);
    Ok(queue(
        "ACTION lines in the minutes to confirm",
        "/boards",
        count,
        items,
    ))
}

fn queue(title: &str, href: &str, count: i64, items: Vec<QueueItem>) -> Queue {
    Queue {
        title: title.to_owned(),
        href: href.to_owned(),
        count,
        items,
    }
}
