//! Actions as the public pages show them: published only.

use super::*;
use sqlx::FromRow;

/// The meeting (id, when) and question (id, text) an action's row was joined with, where the
/// reader may see them (the joins decide).
pub(super) type Linked = (Option<(i64, domain::LocalTime)>, Option<(i64, String)>);

/// The columns of the joins with the action's meeting and question.
#[derive(FromRow)]
pub(super) struct LinkedRow {
    meeting_id: Option<i64>,
    starts_at: Option<i64>,
    question_id: Option<i64>,
    question_text: Option<String>,
}

impl LinkedRow {
    pub(super) fn linked(self) -> Linked {
        let meeting = match (self.meeting_id, self.starts_at) {
            (Some(id), Some(at)) => Some((id, london::show(at))),
            _ => None,
        };
        let question = self.question_id.zip(self.question_text);
        (meeting, question)
    }
}

#[derive(FromRow)]
struct PublicRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    #[sqlx(flatten)]
    linked: LinkedRow,
    board_name: String,
    assurance_reason: Option<String>,
}

/// A published action, as the public sees it; "not found" for any other.
pub async fn get_public(db: &Db, id: i64, window: &Window) -> Result<PublicActionView> {
    let mut conn = db.pool().acquire().await?;
    let public = Audience::Public;
    let row: PublicRow = sqlx::query_as(&format!(
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
    let (meeting, question) = row.linked.linked();
    let original_due_on = london::long_date_of(&row.summary.original_due_on);
    let summary = row.summary.summary(window);
    let (follow_up, follows) = crate::equality::tags::follow_ups(&mut conn, public, id).await?;
    let board_name = row.board_name;
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
        original_due_on,
        timeline,
        assurance_reason: row
            .assurance_reason
            .filter(|r| summary.assurance.is_some() && !r.trim().is_empty()),
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

/// Published actions for the public pages, latest due first, a page at a time: what was
/// asked, of whom, by when, and where it stands.
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
