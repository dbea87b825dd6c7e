//! The one search box: actions, questions and minutes each person may see, found through
//! the full-text index (`crate::db::fulltext`).

use domain::{SearchHit, SearchResults};

use crate::audit::Actor;
use crate::common::london;
use crate::db::fulltext::{matches, Kind, Terms};
use crate::register::actions::Window;
use crate::visibility::{self, Audience};
use crate::{Db, Result};

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
                q.asked_long,
                if public {
                    q.status.public_label()
                } else {
                    q.status.label()
                }
            ),
        });
    }
    let outside = audience != Audience::Office;
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&format!(
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
    for (id, starts_at, name) in rows {
        results.meetings.push(SearchHit {
            href: if outside {
                format!("/public/meetings/{id}")
            } else {
                format!("/meetings/{id}/minutes")
            },
            title: format!("Minutes: {name}"),
            detail: format!("Meeting of {}", london::show(starts_at).long),
        });
    }
    Ok(results)
}
