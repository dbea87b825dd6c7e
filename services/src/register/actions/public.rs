//! Actions as the public pages show them: published only.

use super::*;

/// Published actions for the public pages, latest due first, a page at a time: what was
/// asked, of whom, by when, and where it stands.
/// The meeting (id, when) and question (id, text) an action's row was joined with, where the
/// reader may see them (the joins decide).
pub(super) type Linked = (Option<(i64, domain::LocalTime)>, Option<(i64, String)>);

pub(super) fn linked(row: &AnyRow) -> Result<Linked> {
    let meeting = match (
        row.try_get::<Option<i64>, _>("meeting_id")?,
        row.try_get::<Option<i64>, _>("starts_at")?,
    ) {
        (Some(id), Some(at)) => Some((id, london::show(at))),
        _ => None,
    };
    let question = match (
        row.try_get::<Option<i64>, _>("question_id")?,
        row.try_get::<Option<String>, _>("question_text")?,
    ) {
        (Some(id), Some(text)) => Some((id, text)),
        _ => None,
    };
    Ok((meeting, question))
}

/// A published action, as the public sees it; "not found" for any other.
pub async fn get_public(db: &Db, id: i64, window: &Window) -> Result<PublicActionView> {
    let mut conn = db.pool().acquire().await?;
    let public = Audience::Public;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, a.assurance_reason, b.name AS board_name, m.id AS meeting_id, m.starts_at,
            q.id AS question_id, q.text AS question_text
         FROM actions a JOIN boards b ON b.id = a.board_id JOIN topics t ON t.id = a.topic_id
         LEFT JOIN meetings m ON m.id = a.meeting_id AND {meeting}
         LEFT JOIN questions q ON q.id = a.question_id AND {question}
         WHERE a.id = $1 AND {action}",
        meeting = visibility::meeting::sql(public, "m"),
        question = visibility::question::sql(public, "q"),
        action = visibility::action::sql(public, "a"),
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let (meeting, question) = linked(&row)?;
    let summary = summary(&row, window)?;
    let (follow_up, follows) = crate::equality::tags::follow_ups(&mut conn, public, id).await?;
    let board_name: String = row.try_get("board_name")?;
    let mut timeline = timeline::read_public(&mut conn, Subject::Action, id).await?;
    // An action set at a meeting was set there, on its day, whenever it was typed in.
    if let Some((_, at)) = &meeting {
        let set = [Step::Created.label(), Step::CreatedFromMinutes.label()];
        for entry in timeline
            .iter_mut()
            .filter(|e| set.contains(&e.what.as_str()))
        {
            entry.what = "Set at the board's meeting".to_owned();
            entry.who = format!("The {board_name}");
            entry.at = at.clone();
        }
    }
    Ok(PublicActionView {
        board_name,
        meeting,
        question,
        original_due_on: london::long_date_of(&row.try_get::<String, _>("original_due_on")?),
        timeline,
        assurance_reason: summary
            .assurance
            .map(|_| row.try_get::<Option<String>, _>("assurance_reason"))
            .transpose()?
            .flatten()
            .filter(|r| !r.trim().is_empty()),
        follow_up,
        follows,
        summary,
    })
}

/// Published actions arising from the meeting `meeting` (itself published), for its public
/// page.
pub async fn published_for_meeting(
    db: &Db,
    meeting: i64,
    window: &Window,
) -> Result<Vec<ActionSummary>> {
    let rows = sqlx::query(&format!(
        "{SUMMARY} WHERE a.meeting_id = $1 AND {} ORDER BY b.code, a.year, a.number",
        visibility::action::sql(Audience::Public, "a")
    ))
    .bind(meeting)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary(row, window)).collect()
}

pub async fn published(
    db: &Db,
    page: Option<u32>,
    window: &Window,
) -> Result<domain::Page<ActionSummary>> {
    let mut c = Conditions::default();
    c.require(visibility::action::sql(Audience::Public, "a"));
    let filter = c.sql();
    page_of(
        db,
        &format!("SELECT COUNT(*) AS n FROM actions a{filter}"),
        &format!("{SUMMARY}{filter} ORDER BY a.due_on DESC, a.id DESC"),
        &c,
        PAGE_SIZE,
        page,
        |row| summary(row, window),
    )
    .await
}
