//! The timeline of a question or an action: every response, assessment, extension request
//! and decision, withdrawal and edit, in order, with who did it. Written in the same
//! transaction as the change it records (beside the audit event, which keeps the
//! before/after data; the timeline keeps what people read).

use domain::{Publication, Step, TimelineEntry};
use sqlx::{AnyConnection, FromRow};

use crate::audit::{self, Actor, Change};
use crate::common::{london, markdown};
use crate::db::codec::Key;
use crate::register::public_words;
pub(crate) use crate::register::subject::Subject;
use crate::Result;

/// One entry: `kind` the step, `body` Markdown (may be empty), `status` the status after
/// it, `due_on` the due date when this entry set or changed it.
pub(crate) struct Entry<'a> {
    pub kind: Step,
    pub body: &'a str,
    pub status: &'a str,
    pub due_on: Option<&'a str>,
    /// Whose words `body` is, for a response or an answer.
    pub said: Option<Said>,
}

/// Whose words a response or answer is, and when and how it reached the office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// As the public reads it: "The force", "Community Scrutiny Panel".
    pub speaker: String,
    pub received_on: chrono::NaiveDate,
    pub channel: domain::Channel,
}

pub(crate) async fn add(
    conn: &mut AnyConnection,
    actor: &Actor,
    subject: Subject,
    id: i64,
    entry: Entry<'_>,
) -> Result<()> {
    let name = actor.display_name(&mut *conn).await?;
    let said = entry.said.as_ref();
    sqlx::query(
        "INSERT INTO timeline_entries (subject, subject_id, at, actor_id, actor_name, kind, body, status, due_on,
             speaker, received_on, channel)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(subject.as_str())
    .bind(id)
    .bind(crate::now())
    .bind(actor.user_id.map(|u| u.0))
    .bind(name)
    .bind(entry.kind.as_str())
    .bind(entry.body)
    .bind(entry.status)
    .bind(entry.due_on)
    .bind(said.map(|s| s.speaker.clone()))
    .bind(said.map(|s| s.received_on.to_string()))
    .bind(said.map(|s| s.channel.as_str()))
    .execute(&mut *conn)
    .await?;
    crate::work::notifications::on_step(conn, actor, subject, id, entry.kind, entry.body).await
}

/// Writes `entry` and its audit event (`action.response`, `question.answer`, …, with
/// `before` and `after` as the audit's data) in the caller's transaction.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    subject: Subject,
    id: i64,
    entry: Entry<'_>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<()> {
    let action = format!("{}.{}", subject.as_str(), entry.kind.as_str());
    add(&mut *conn, actor, subject, id, entry).await?;
    let mut change = Change::new(&action, subject.as_str(), id);
    change.before = before;
    change.after = after;
    audit::record(conn, actor, change).await
}

pub(crate) async fn read(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
) -> Result<Vec<TimelineEntry>> {
    read_as(conn, subject, id, false).await
}

/// [`read`] for the public pages: only the steps the public is shown (`Step::public_by`), by role.
pub(crate) async fn read_public(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
) -> Result<Vec<TimelineEntry>> {
    read_as(conn, subject, id, true).await
}

/// A timeline entry, as stored.
#[derive(FromRow)]
struct EntryRow {
    id: i64,
    at: i64,
    actor_name: String,
    kind: Key<Step>,
    body: String,
    due_on: Option<String>,
    speaker: Option<String>,
    received_on: Option<String>,
    channel: Option<String>,
    published_as: Option<Key<Publication>>,
    public_summary: Option<String>,
}

async fn read_as(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
    public: bool,
) -> Result<Vec<TimelineEntry>> {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT id, at, actor_name, kind, body, due_on, speaker, received_on, channel, published_as, public_summary
         FROM timeline_entries WHERE subject = $1 AND subject_id = $2 ORDER BY id",
    )
    .bind(subject.as_str())
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let redactions = public_words::in_force(&mut *conn, subject, id).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let entry_id = row.id;
        let kind = row.kind.0;
        let speaker = row.speaker;
        let actor_name = row.actor_name;
        let who = match (kind.public_by(), &speaker) {
            (None, _) if public => continue,
            // A response is its author's words, whoever typed them in.
            (Some(_), Some(speaker)) if public => speaker.clone(),
            (Some(role), None) if public => role.to_owned(),
            _ => actor_name.clone(),
        };
        let received = received(
            row.channel,
            row.received_on,
            speaker.as_deref(),
            if public { "the OPCC" } else { &actor_name },
            public,
        );
        let body = row.body;
        let published_as = row.published_as.map(|p| p.0);
        let redacted = redactions.get(&entry_id).map(Vec::as_slice).unwrap_or(&[]);
        let mut what = kind.label().to_owned();
        let (shown, withheld, state) = if !public_words::chosen(kind) {
            (body, false, None)
        } else if public {
            // Someone's words reach the public only as the office chose, redactions applied
            // here, before rendering: the phrases never leave the server for them.
            let summary = row.public_summary;
            if published_as == Some(Publication::Summary) {
                what = format!("{what}: summary by the Commissioner's office");
            }
            match public_words::public_text(
                published_as,
                &body,
                summary.as_deref().unwrap_or(""),
                redacted,
            ) {
                Some(text) => (text, false, None),
                None => (String::new(), true, None),
            }
        } else {
            let state = public_words::public_state(published_as, redacted.len());
            (body, false, Some(state))
        };
        entries.push(TimelineEntry {
            at: london::show(row.at),
            who,
            what,
            body_html: markdown::render_stored(shown).await,
            due_on: row.due_on.map(|d| london::long_date_of(&d)),
            received,
            id: entry_id,
            public: state,
            withheld,
        });
    }
    Ok(entries)
}

/// "Received by letter on Thursday 3 December 2026, recorded by the OPCC" for words the
/// office recorded for their author; for staff, whose words they are too. `None` for words
/// their author submitted in Scrutineer, and for entries before who said what was kept.
fn received(
    channel: Option<String>,
    received_on: Option<String>,
    speaker: Option<&str>,
    recorder: &str,
    public: bool,
) -> Option<String> {
    let channel = domain::Channel::parse(channel.as_deref()?).ok()?;
    let from = match speaker {
        Some(speaker) if !public => format!("From {speaker}. "),
        _ => String::new(),
    };
    if channel == domain::Channel::Scrutineer {
        return (!from.is_empty()).then(|| format!("{}Submitted in Scrutineer.", from));
    }
    let on = received_on
        .map(|d| format!(" on {}", london::long_date_of(&d)))
        .unwrap_or_default();
    Some(format!(
        "{from}Received {}{on}, recorded by {recorder}.",
        channel.label().to_lowercase()
    ))
}

/// The body of the latest entry of `kind` (empty if none), e.g. why a question was withdrawn.
pub(crate) async fn latest_body(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
    kind: Step,
) -> Result<String> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body FROM timeline_entries
         WHERE subject = $1 AND subject_id = $2 AND kind = $3 ORDER BY id DESC LIMIT 1",
    )
    .bind(subject.as_str())
    .bind(id)
    .bind(kind.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(body.unwrap_or_default())
}

/// Removes a record's timeline with the record (a discarded draft): the audit trail keeps
/// what it was.
pub(crate) async fn forget(conn: &mut AnyConnection, subject: Subject, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM timeline_entries WHERE subject = $1 AND subject_id = $2")
        .bind(subject.as_str())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Claims a record for the step this transaction takes: bumps the `version` it was read at
/// (compare-and-set). `false` when someone else's step got there first — on PostgreSQL the
/// second UPDATE waits for the first transaction, then matches no row; SQLite's
/// `BEGIN IMMEDIATE` already queues whole steps. So of two people acting at once exactly
/// one step applies.
pub(crate) async fn claim(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
    version: i64,
) -> Result<bool> {
    let claimed = sqlx::query(&format!(
        "UPDATE {} SET version = version + 1 WHERE id = $1 AND version = $2",
        subject.table()
    ))
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}
