//! Full-text search, one interface over two engines: SQLite's FTS5 and PostgreSQL's text
//! search, each over the `search_index` its migrations keep up to date by trigger (actions
//! by reference and text, questions by text and context, minutes by their latest version).
//!
//! What people type is read as words (letters and digits; everything else separates them);
//! a record matches when it has every word, each also as the start of a longer word
//! ("disproportion" finds "disproportionality"). Only words reach the engines' query
//! languages, so nothing typed can change a query's meaning.

use domain::{SearchHit, SearchResults};
use sqlx::Row;

use crate::audit::Actor;
use crate::db::Backend;
use crate::register::actions::Window;
use crate::visibility::{self, Audience};
use crate::{london, Db, Result};

/// The most hits of each kind one search shows.
const MOST: i64 = 20;

/// Everything the person may see that matches `text`: actions (by reference and text),
/// questions (by text and context) and meetings (by their minutes — for anyone outside the
/// office, only published minutes of published meetings). Links go where the person may
/// follow them: the public pages for the public (and, for meetings, force liaison).
pub async fn everything(
    db: &Db,
    actor: &Actor,
    text: &str,
    window: &Window,
) -> Result<SearchResults> {
    let terms = Terms::parse(text);
    let mut results = SearchResults {
        q: text.trim().to_owned(),
        ..SearchResults::default()
    };
    if terms.is_empty() {
        return Ok(results);
    }
    let audience = Audience::of(actor);
    let backend = db.backend();
    let query = terms.query(backend);
    let public = audience == Audience::Public;
    let rows = sqlx::query(&format!(
        "{} WHERE {} AND {} ORDER BY a.updated_at DESC, a.id DESC LIMIT {MOST}",
        crate::register::actions::SUMMARY,
        visibility::action::sql(audience, "a"),
        matches(backend, Kind::Action, "a.id", "$1"),
    ))
    .bind(&query)
    .fetch_all(db.pool())
    .await?;
    for row in &rows {
        let a = crate::register::actions::summary(row, window)?;
        results.actions.push(SearchHit {
            href: if public {
                format!("/public/actions/{}", a.id)
            } else {
                format!("/actions/{}", a.id)
            },
            title: format!("{}: {}", a.reference, a.text),
            detail: if public {
                a.status.public_label().to_owned()
            } else {
                format!("{} · due {}", a.status.label(), a.due_long)
            },
        });
    }
    for q in crate::register::questions::search(db, audience, &query, MOST, window).await? {
        results.questions.push(SearchHit {
            href: if public {
                format!("/public/questions/{}", q.id)
            } else {
                format!("/questions/{}", q.id)
            },
            title: q.text.clone(),
            detail: format!(
                "{} · asked {} · {}",
                q.board_code,
                q.asked_on,
                q.status.label()
            ),
        });
    }
    let outside = audience != Audience::Office;
    let rows = sqlx::query(&format!(
        "SELECT m.id, m.starts_at, b.name FROM meetings m JOIN boards b ON b.id = m.board_id
         JOIN minutes n ON n.meeting_id = m.id
         WHERE {} AND {} AND {}
         ORDER BY m.starts_at DESC, m.id DESC LIMIT {MOST}",
        visibility::meeting::sql(audience, "m"),
        if outside {
            "n.status = 'published'"
        } else {
            "1 = 1"
        },
        matches(backend, Kind::Minutes, "m.id", "$1"),
    ))
    .bind(&query)
    .fetch_all(db.pool())
    .await?;
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        results.meetings.push(SearchHit {
            href: if outside {
                format!("/public/meetings/{id}")
            } else {
                format!("/meetings/{id}/minutes")
            },
            title: format!("Minutes: {name}"),
            detail: format!(
                "Meeting of {}",
                london::show(row.try_get("starts_at")?).long
            ),
        });
    }
    Ok(results)
}

/// The kinds of record in the index, as each row's key encodes them (`id * 8 + kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Action = 1,
    Question = 2,
    Minutes = 3,
}

/// The most words a search uses, and the longest word.
const MAX_WORDS: usize = 8;
const MAX_WORD: usize = 40;

/// Common words left out of every search: PostgreSQL's English dictionary drops them, so
/// SQLite must too, or the two would answer "stop and search" differently.
const IGNORED: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will",
    "with",
];

/// Words to search for; empty when the text has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms(Vec<String>);

impl Terms {
    pub fn parse(text: &str) -> Terms {
        Terms(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().take(MAX_WORD).collect::<String>().to_lowercase())
                .filter(|w| !IGNORED.contains(&w.as_str()))
                .take(MAX_WORDS)
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The words in the engine's query language: every word, each as a prefix.
    pub fn query(&self, backend: Backend) -> String {
        match backend {
            Backend::Sqlite => self
                .0
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" "),
            Backend::Postgres => self
                .0
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & "),
        }
    }
}

/// An SQL condition: `id` (a column of `kind`'s table) is among the records matching the
/// query bound at `placeholder` (see [`Terms::query`]).
pub fn matches(backend: Backend, kind: Kind, id: &str, placeholder: &str) -> String {
    let kind = kind as i64;
    match backend {
        Backend::Sqlite => format!(
            "{id} IN (SELECT rowid / 8 FROM search_index \
             WHERE search_index MATCH {placeholder} AND rowid % 8 = {kind})"
        ),
        Backend::Postgres => format!(
            "{id} IN (SELECT key / 8 FROM search_index \
             WHERE doc @@ to_tsquery('english', {placeholder}) AND key % 8 = {kind})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_reach_the_engines() {
        let terms = Terms::parse("SPCB/2026/014 \"stop\" OR search* -- NEAR(x)");
        assert_eq!(
            terms.query(Backend::Sqlite),
            "\"spcb\"* \"2026\"* \"014\"* \"stop\"* \"search\"* \"near\"* \"x\"*"
        );
        assert_eq!(
            Terms::parse("Stop & search!").query(Backend::Postgres),
            "stop:* & search:*"
        );
        assert!(Terms::parse(" -- ! ").is_empty());
        assert_eq!(Terms::parse(&"word ".repeat(20)).0.len(), MAX_WORDS);
    }
}
