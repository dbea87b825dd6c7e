//! Reading questions as each person may see them: the list, one question, the public
//! pages, search, and what a meeting or a board's briefing shows.

use super::*;
use crate::db::codec::Key;
use domain::equality::Assurance;
use sqlx::FromRow;

const COLUMNS: &str = "q.id, q.text, b.code AS board_code, t.name AS topic, q.asked_on, q.due_on,
    q.status, q.published";
pub(super) const FROM: &str =
    "FROM questions q JOIN boards b ON b.id = q.board_id JOIN topics t ON t.id = q.topic_id";

/// The columns of [`COLUMNS`], as stored.
#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    text: String,
    board_code: String,
    topic: String,
    asked_on: String,
    due_on: String,
    status: Key<QuestionStatus>,
    published: Flag,
}

impl SummaryRow {
    /// The summary as people read it: dates in words, how near the due date is on `window`.
    fn summary(self, window: &Window) -> QuestionSummary {
        let status = self.status.0;
        QuestionSummary {
            id: self.id,
            text: self.text,
            board_code: self.board_code,
            topic: self.topic,
            asked_long: london::long_date_of(&self.asked_on),
            asked_on: self.asked_on,
            due_long: london::long_date_of(&self.due_on),
            due_state: window.derive(status.awaits_answer(), &self.due_on),
            due_on: self.due_on,
            status,
            published: self.published.0,
        }
    }
}

/// A question's summary from a row with (at least) the columns of [`COLUMNS`].
fn summary(row: &AnyRow, window: &Window) -> Result<QuestionSummary> {
    Ok(SummaryRow::from_row(row)?.summary(window))
}

/// The columns of a question's page.
#[derive(FromRow)]
struct ViewRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    board_id: i64,
    topic_id: i64,
    context: String,
    meeting_id: Option<i64>,
    starts_at: Option<i64>,
    answer: String,
    assessment_note: String,
    assurance: Option<Key<Assurance>>,
    assurance_reason: Option<String>,
}

/// A page of the questions the person may see (force liaison never sees drafts), newest
/// first, filtered by status (empty for all, "awaiting" for those owed an answer, or a
/// status), board and topic (ids; anything else is ignored).
pub async fn list(
    db: &Db,
    actor: &Actor,
    filter: &QuestionFilter,
    page: Option<u32>,
    window: &Window,
) -> Result<domain::Page<QuestionSummary>> {
    actor.require(&Role::ALL)?;
    let status = filter.status.as_str();
    let mut c = Conditions::default();
    if let Ok(board) = filter.board.trim().parse::<i64>() {
        c.add("q.board_id = ?", board);
    }
    if let Ok(topic) = filter.topic.trim().parse::<i64>() {
        c.add("q.topic_id = ?", topic);
    }
    if let Ok(tag) = domain::equality::Tag::parse(&filter.tag) {
        c.add(
            "EXISTS (SELECT 1 FROM equality_tags t WHERE t.subject = 'question' AND t.subject_id = q.id AND t.tag = ?)",
            tag.key(),
        );
    }
    let audience = Audience::of(actor);
    if audience != Audience::Office {
        c.require(visibility::question::sql(audience, "q"));
    }
    if status == "awaiting" {
        c.require("q.status IN ('awaiting_answer', 'further_information_requested')");
    } else if let Ok(status) = QuestionStatus::parse(status) {
        c.add("q.status = ?", status.as_str());
    }
    let filter = c.sql();
    page_of(
        db,
        &format!("SELECT COUNT(*) AS n FROM questions q{filter}"),
        &format!("SELECT {COLUMNS} {FROM}{filter} ORDER BY q.asked_on DESC, q.id DESC"),
        &c,
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
    let recorder = actor.require(domain::roles::OFFICE).is_ok();
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
            assess: actor.require(domain::roles::ASSESSORS).is_ok()
                && current.status == QuestionStatus::Answered,
            publish: recorder && current.status != QuestionStatus::Draft,
        },
        meeting_on_public_pages: Audience::of(actor) != Audience::Office,
        ..view
    })
}

/// The question as `audience` may see it: the meeting it was raised at and the actions
/// arising only where the rules for those records allow (`visibility`).
pub(super) async fn read(
    conn: &mut AnyConnection,
    id: i64,
    window: &Window,
    audience: Audience,
) -> Result<QuestionView> {
    let row: ViewRow = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, q.board_id, q.topic_id, q.context, m.id AS meeting_id, m.starts_at, q.answer,
             q.assessment_note, q.assurance, q.assurance_reason
         {FROM} LEFT JOIN meetings m ON m.id = q.meeting_id AND {meeting} WHERE q.id = $1",
        meeting = visibility::meeting::sql(audience, "m"),
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let (meeting, meeting_ahead) = match (row.meeting_id, row.starts_at) {
        (Some(id), Some(at)) => (Some((id, london::show(at))), at > crate::now()),
        _ => (None, false),
    };
    let status = row.summary.status.0;
    let withdrawal_html = if status == QuestionStatus::Withdrawn {
        markdown::render_stored(
            timeline::latest_body(&mut *conn, Subject::Question, id, Step::Withdrawn).await?,
        )
        .await
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
        summary: row.summary.summary(window),
        board_id: row.board_id,
        topic_id: row.topic_id,
        context_html: markdown::render_stored(row.context.clone()).await,
        context: row.context,
        meeting,
        meeting_ahead,
        withdrawal_html,
        // The public reads the answer only as the office chose to publish it (`get_public`).
        answer_html: if audience == Audience::Public {
            String::new()
        } else {
            markdown::render_stored(row.answer).await
        },
        answer_withheld: false,
        meeting_on_public_pages: audience == Audience::Public,
        assessment_note: row.assessment_note,
        assurance: row.assurance.map(|level| level.0),
        assurance_reason: row.assurance_reason.unwrap_or_default(),
        actions,
        timeline: timeline::read(conn, Subject::Question, id).await?,
        may: QuestionPermissions::default(),
    })
}

/// A published question as the public reads it: the question, its answer and how the
/// Commissioner judged it. Anything unpublished is "not found".
pub async fn get_public(db: &Db, id: i64, window: &Window) -> Result<QuestionView> {
    let mut conn = db.pool().acquire().await?;
    let (status, published): (Key<QuestionStatus>, Flag) =
        sqlx::query_as("SELECT status, published FROM questions WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Error::NotFound)?;
    if !visibility::question::check(Audience::Public, status.0, published.0) {
        return Err(Error::NotFound);
    }
    let view = read(&mut conn, id, window, Audience::Public).await?;
    // The answer the public reads is the latest, as the office chose to publish it.
    let timeline = timeline::read_public(&mut conn, Subject::Question, id).await?;
    let answer = timeline
        .into_iter()
        .rev()
        .find(|e| e.what.starts_with(Step::Answer.label()));
    Ok(QuestionView {
        answer_withheld: answer.as_ref().is_some_and(|a| a.withheld),
        answer_html: answer.map(|a| a.body_html).unwrap_or_default(),
        timeline: Vec::new(),
        ..view
    })
}

/// Published questions, newest first, a page at a time.
pub async fn list_public(
    db: &Db,
    page: Option<u32>,
    window: &Window,
) -> Result<domain::Page<QuestionSummary>> {
    let mut c = Conditions::default();
    c.require(visibility::question::sql(Audience::Public, "q"));
    let filter = c.sql();
    page_of(
        db,
        &format!("SELECT COUNT(*) AS n FROM questions q{filter}"),
        &format!("SELECT {COLUMNS} {FROM}{filter} ORDER BY q.asked_on DESC, q.id DESC"),
        &c,
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
    /// An equality tag (`domain::equality::Tag`): only questions tagged with it.
    pub tag: String,
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
    Ok(sqlx::query_as(&format!(
        "SELECT q.id, q.text FROM questions q WHERE q.meeting_id = $1 AND {} ORDER BY q.id",
        visibility::question::sql(Audience::Public, "q")
    ))
    .bind(meeting)
    .fetch_all(db.pool())
    .await?)
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
