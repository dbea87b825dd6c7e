//! What the forms that record actions and questions offer to choose from.

use super::*;
use crate::db::codec::Key;

/// What the action and question forms offer: boards, meetings (newest first), the agenda of
/// `meeting` if given, topics still in use, people who can own actions, and questions.
pub async fn choices(db: &Db, actor: &Actor, meeting: Option<i64>) -> Result<domain::Choices> {
    actor.require(domain::roles::OFFICE)?;
    let pool = db.pool();
    let boards: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, code, name FROM boards ORDER BY name")
            .fetch_all(pool)
            .await?;
    let boards = boards
        .into_iter()
        .map(|(id, code, name)| (id, format!("{name} ({code})")))
        .collect();
    let meetings: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT m.id, b.code, m.starts_at FROM meetings m JOIN boards b ON b.id = m.board_id
         WHERE m.status <> 'cancelled' ORDER BY m.starts_at DESC LIMIT 500",
    )
    .fetch_all(pool)
    .await?;
    let meetings = meetings
        .into_iter()
        .map(|(id, code, starts_at)| (id, format!("{code}: {}", london::show(starts_at).long)))
        .collect();
    let agenda_items = match meeting {
        Some(meeting) => {
            let items: Vec<(i64, i64, String)> = sqlx::query_as(
                "SELECT id, position, title FROM agenda_items WHERE meeting_id = $1 ORDER BY position",
            )
            .bind(meeting)
            .fetch_all(pool)
            .await?;
            items
                .into_iter()
                .map(|(id, position, title)| (id, format!("{position}. {title}")))
                .collect()
        }
        None => Vec::new(),
    };
    let topics = topics::list(db)
        .await?
        .into_iter()
        .filter(|t| !t.retired)
        .map(|t| (t.id, t.name))
        .collect();
    let people: Vec<(i64, String, Key<Role>)> = sqlx::query_as(
        "SELECT id, display_name, role FROM users WHERE active = 1 AND role <> 'admin'
         ORDER BY display_name",
    )
    .fetch_all(pool)
    .await?;
    let people = people
        .into_iter()
        .map(|(id, name, role)| (id, format!("{name} ({})", role.0.label())))
        .collect();
    let questions: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT q.id, b.code, q.text FROM questions q JOIN boards b ON b.id = q.board_id
         ORDER BY q.id DESC LIMIT 200",
    )
    .fetch_all(pool)
    .await?;
    let questions = questions
        .into_iter()
        .map(|(id, code, text)| {
            let short: String = text.chars().take(80).collect();
            let ellipsis = if short.len() < text.len() { "…" } else { "" };
            (id, format!("{code}: {short}{ellipsis}"))
        })
        .collect();
    Ok(domain::Choices {
        boards,
        meetings,
        agenda_items,
        topics,
        people,
        questions,
    })
}
