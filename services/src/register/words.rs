//! What the public reads of a response or an answer: nothing until the office chooses, then
//! its words less any redacted phrases, or the office's summary instead.
//!
//! Publishing an action or a question publishes its record, not the words in its timeline:
//! a force's response can name an officer or a complainant, or link to its intranet. So
//! each response and answer is chosen on its own page (`/words/<entry>`), where the office
//! sees the words as written, what the public would read, the links the public cannot
//! follow, and redacts phrases: each redacted phrase is replaced, wherever it occurs, by
//! "[redacted: personal information]" (or another reason), before the Markdown is rendered
//! for any public page — the phrase never leaves the server for a public reader, in the
//! HTML or in the data the page hydrates from. Every choice, redaction and lift is in the
//! audit trail; a redaction is lifted, not deleted, so who redacted what and why stays.

use domain::{Publication, Redaction, RedactionReason, ResponseWords, Step};
use sqlx::{AnyConnection, FromRow};

use crate::audit::{self, Actor, Change};
use crate::common::{london, markdown};
use crate::db::codec::{Flag, Key};
use crate::register::public_words::*;
use crate::register::timeline::{self, Subject};
use crate::{Db, Error, Result};

/// The longest summary or phrase, in characters.
const MAX_SUMMARY: usize = 20_000;
const MAX_PHRASE: usize = 500;

struct Stored {
    subject: Subject,
    subject_id: i64,
    body: String,
    summary: String,
    published_as: Option<Publication>,
}

/// A response or an answer, as stored.
#[derive(FromRow)]
struct EntryRow {
    subject: Key<Subject>,
    subject_id: i64,
    kind: Key<Step>,
    body: String,
    public_summary: Option<String>,
    published_as: Option<Key<Publication>>,
}

async fn stored(conn: &mut AnyConnection, entry: i64) -> Result<Stored> {
    let row: EntryRow = sqlx::query_as(
        "SELECT subject, subject_id, kind, body, public_summary, published_as FROM timeline_entries WHERE id = $1",
    )
    .bind(entry)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    if !chosen(row.kind.0) {
        return Err(Error::NotFound);
    }
    Ok(Stored {
        subject: row.subject.0,
        subject_id: row.subject_id,
        body: row.body,
        summary: row.public_summary.unwrap_or_default(),
        published_as: row.published_as.map(|p| p.0),
    })
}

/// A redaction, as stored.
#[derive(FromRow)]
struct RedactionRow {
    id: i64,
    phrase: String,
    reason: Key<RedactionReason>,
    made_by_name: String,
    made_at: i64,
    lifted_by_name: Option<String>,
    lifted_at: Option<i64>,
}

/// The page where the office chooses what the public reads of a response or an answer.
pub async fn get(db: &Db, actor: &Actor, entry: i64) -> Result<ResponseWords> {
    actor.require(domain::roles::OFFICE)?;
    let mut conn = db.pool().acquire().await?;
    let s = stored(&mut conn, entry).await?;
    let (title, back, record_published) = record_of(&mut conn, s.subject, s.subject_id).await?;
    let timeline = timeline::read(&mut conn, s.subject, s.subject_id).await?;
    let shown = timeline
        .into_iter()
        .find(|e| e.id == entry)
        .ok_or(Error::NotFound)?;
    let rows: Vec<RedactionRow> = sqlx::query_as(
        "SELECT id, phrase, reason, made_by_name, made_at, lifted_by_name, lifted_at FROM redactions
         WHERE entry_id = $1 ORDER BY id",
    )
    .bind(entry)
    .fetch_all(&mut *conn)
    .await?;
    let mut redactions = Vec::with_capacity(rows.len());
    let mut active = Vec::new();
    for row in rows {
        let phrase = row.phrase;
        let reason = row.reason.0;
        let lifted = match row.lifted_at {
            Some(at) => Some(format!(
                "Lifted by {} on {}",
                row.lifted_by_name.unwrap_or_default(),
                london::show(at).long
            )),
            None => {
                active.push((phrase.clone(), reason));
                None
            }
        };
        redactions.push(Redaction {
            id: row.id,
            made: format!(
                "Redacted by {} on {}",
                row.made_by_name,
                london::show(row.made_at).long
            ),
            phrase,
            reason,
            lifted,
        });
    }
    let published: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT t.published_at, u.display_name FROM timeline_entries t
         LEFT JOIN users u ON u.id = t.published_by WHERE t.id = $1 AND t.published_at IS NOT NULL",
    )
    .bind(entry)
    .fetch_optional(&mut *conn)
    .await?;
    let published = published.map(|(at, by)| {
        let by = by.unwrap_or_else(|| "the office".to_owned());
        format!("Chosen by {by} on {}", london::show(at).long)
    });
    let would_read = public_text(
        Some(s.published_as.unwrap_or(Publication::Written)),
        &s.body,
        &s.summary,
        &active,
    )
    .unwrap_or_default();
    Ok(ResponseWords {
        entry_id: entry,
        title,
        back,
        record_published,
        entry: shown,
        unreachable_links: unreachable_links(&would_read),
        public_html: markdown::render_stored(would_read).await,
        body: s.body,
        published_as: s.published_as,
        summary: s.summary,
        published,
        redactions,
    })
}

async fn record_of(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
) -> Result<(String, String, bool)> {
    let (sql, title) = match subject {
        Subject::Action => (
            "SELECT reference AS title, published FROM actions WHERE id = $1",
            "Action ",
        ),
        Subject::Question => (
            "SELECT text AS title, published FROM questions WHERE id = $1",
            "",
        ),
    };
    let (named, published): (String, Flag) = sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let back = match subject {
        Subject::Action => format!("/actions/{id}"),
        Subject::Question => format!("/questions/{id}"),
    };
    Ok((format!("{title}{named}"), back, published.0))
}

/// Chooses what the public reads of a response or an answer: `""` nothing, `"written"` its
/// words less redacted phrases, `"summary"` the `summary` given.
pub async fn choose(
    db: &Db,
    actor: &Actor,
    entry: i64,
    publication: &str,
    summary: &str,
) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let publication = match publication.trim() {
        "" | "none" => None,
        chosen => Some(Publication::parse(chosen).map_err(|e| Error::invalid("publish", e))?),
    };
    let summary = summary.trim();
    if publication == Some(Publication::Summary) && summary.is_empty() {
        return Err(Error::invalid(
            "summary",
            "Write the summary the public will read",
        ));
    }
    if summary.chars().count() > MAX_SUMMARY {
        return Err(Error::invalid(
            "summary",
            format!("The summary must be {MAX_SUMMARY} characters or fewer"),
        ));
    }
    markdown::check(summary).map_err(|e| Error::invalid("summary", e.to_string()))?;
    let mut tx = db.begin().await?;
    let before = stored(&mut tx, entry).await?;
    sqlx::query(
        "UPDATE timeline_entries SET published_as = $1, public_summary = $2, published_at = $3, published_by = $4
         WHERE id = $5",
    )
    .bind(publication.map(|p| p.as_str()))
    .bind(summary)
    .bind(publication.map(|_| crate::now()))
    .bind(publication.and(actor.user_id.map(|u| u.0)))
    .bind(entry)
    .execute(&mut *tx)
    .await?;
    let mut change = Change::new("words.chosen", before.subject.as_str(), before.subject_id);
    change.before = Some(serde_json::json!({
        "entry": entry, "published_as": before.published_as, "summary": before.summary,
    }));
    change.after = Some(serde_json::json!({
        "entry": entry, "published_as": publication, "summary": summary,
    }));
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps `phrase` (as it appears in the words or the summary) from the public, for `reason`.
pub async fn redact(db: &Db, actor: &Actor, entry: i64, phrase: &str, reason: &str) -> Result<()> {
    actor.require(domain::roles::OFFICE)?;
    let reason = RedactionReason::parse(reason).map_err(|e| Error::invalid("reason", e))?;
    // Only what was typed around the phrase is trimmed: the phrase itself is matched exactly.
    let phrase = phrase.trim_matches(|c: char| c.is_whitespace());
    if phrase.is_empty() {
        return Err(Error::invalid(
            "phrase",
            "Enter the words to redact, exactly as they appear",
        ));
    }
    if phrase.chars().count() > MAX_PHRASE {
        return Err(Error::invalid(
            "phrase",
            format!("Redact at most {MAX_PHRASE} characters at a time"),
        ));
    }
    let mut tx = db.begin().await?;
    let s = stored(&mut tx, entry).await?;
    if !s.body.contains(phrase) && !s.summary.contains(phrase) {
        return Err(Error::invalid(
            "phrase",
            "Those words are not in the response or its summary: copy them exactly, with the same capitals",
        ));
    }
    let name = actor.display_name(&mut tx).await?;
    sqlx::query(
        "INSERT INTO redactions (entry_id, phrase, reason, made_by, made_by_name, made_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry)
    .bind(phrase)
    .bind(reason.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(&name)
    .bind(crate::now())
    .execute(&mut *tx)
    .await?;
    let mut change = Change::new("words.redacted", s.subject.as_str(), s.subject_id);
    // The audit trail says that a phrase was redacted and why, not the phrase: it is read
    // more widely than the words themselves.
    change.after = Some(serde_json::json!({
        "entry": entry, "reason": reason, "characters": phrase.chars().count(),
    }));
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Lifts a redaction: the public reads the phrase again (if the words are published).
pub async fn lift(db: &Db, actor: &Actor, redaction: i64) -> Result<i64> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let entry: i64 =
        sqlx::query_scalar("SELECT entry_id FROM redactions WHERE id = $1 AND lifted_at IS NULL")
            .bind(redaction)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
    let s = stored(&mut tx, entry).await?;
    let name = actor.display_name(&mut tx).await?;
    sqlx::query(
        "UPDATE redactions SET lifted_by_name = $1, lifted_at = $2 WHERE id = $3 AND lifted_at IS NULL",
    )
    .bind(&name)
    .bind(crate::now())
    .bind(redaction)
    .execute(&mut *tx)
    .await?;
    let mut change = Change::new("words.redaction_lifted", s.subject.as_str(), s.subject_id);
    change.after = Some(serde_json::json!({ "entry": entry, "redaction": redaction }));
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(entry)
}

/// The latest response or answer on a record, if any (the one a page offers first).
pub async fn latest(db: &Db, subject: Subject, id: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM timeline_entries WHERE subject = $1 AND subject_id = $2 AND kind IN ('response', 'answer')
         ORDER BY id DESC LIMIT 1",
    )
    .bind(subject.as_str())
    .bind(id)
    .fetch_optional(db.pool())
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_occurrence_of_a_phrase_is_replaced_and_the_brackets_are_not_a_link() {
        let body =
            "PC Jane Smith (collar 1234) spoke to Jane Smith's family. [Jane Smith](https://x)";
        let out = redact_text(
            body,
            &[("Jane Smith".into(), RedactionReason::PersonalInformation)],
        );
        assert!(!out.contains("Jane Smith"), "{out}");
        assert_eq!(
            out.matches("\\[redacted: personal information\\]").count(),
            3
        );
        let html = markdown::render(&out).unwrap();
        assert!(!html.contains("Jane"), "{html}");
        assert!(html.contains("[redacted: personal information]"), "{html}");
    }

    #[test]
    fn overlapping_phrases_leave_nothing_readable() {
        let out = redact_text(
            "see the information on PC Smith",
            &[
                ("Smith".into(), RedactionReason::PersonalInformation),
                ("PC Smith".into(), RedactionReason::OperationallySensitive),
                ("information".into(), RedactionReason::ThirdParty),
            ],
        );
        assert_eq!(
            out,
            "see the \\[redacted: another organisation's information\\] on \\[redacted: operationally sensitive\\]"
        );
    }

    #[test]
    fn intranet_and_private_addresses_are_flagged_and_public_ones_are_not() {
        let body = "See http://intranet/policies, <https://force.sharepoint.com/sites/x>, \
                    http://10.1.2.3/report, https://portal.wmp.pnn.police.uk/a, \
                    \\\\fileserver\\share\\doc.xlsx and [the plan](http://hq:8080/plan). \
                    Public: https://www.gov.uk/guidance, https://www.police.uk/x.";
        assert_eq!(
            unreachable_links(body),
            [
                "http://intranet/policies",
                "https://force.sharepoint.com/sites/x",
                "http://10.1.2.3/report",
                "https://portal.wmp.pnn.police.uk/a",
                "\\\\fileserver\\share\\doc.xlsx",
                "http://hq:8080/plan",
            ]
        );
    }

    #[test]
    fn the_state_says_what_the_public_reads() {
        assert!(public_state(None, 0).starts_with("Not published"));
        assert_eq!(
            public_state(Some(Publication::Written), 2),
            "Published as written, 2 phrases redacted"
        );
        assert_eq!(
            public_state(Some(Publication::Summary), 0),
            "Published as a summary"
        );
    }
}
