//! Work posted after its sender's session ended. The post is not carried out (nobody is
//! signed in to do it); what was typed is kept for the person whose session it was, in the
//! browser that sent it, until they sign in again there, when [`take`] hands it back so
//! that their form can be shown again as they left it.

use domain::UserId;
use sqlx::FromRow;

pub use crate::accounts::sessions::KEEP_SECS;
use crate::common::tokens::{hash_token, new_token};
use crate::{Db, Result};

/// The most of a form kept, in bytes: the largest Markdown a form accepts with room for
/// its other fields. A larger post is not kept (the form refuses it anyway).
pub const MAX_BODY: usize = 1 << 20;

/// The most forms kept for one person at once; older ones go as newer ones come.
pub const MOST_PER_PERSON: i64 = 5;

/// A form posted too late, as kept.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Kept {
    /// The page the form was on (path and query), to go back to.
    pub page: String,
    /// The server function the form posts to, whose form the values belong to.
    pub server_fn: String,
    /// The form's fields, URL-encoded, as posted.
    pub body: String,
}

/// Keeps `kept` for `user` in the browser holding `holder`. Older kept work of anyone's
/// that has waited too long goes.
pub async fn keep(db: &Db, user: UserId, holder: &str, kept: &Kept, now: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM kept_work WHERE created_at < $1")
        .bind(now - KEEP_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO kept_work (id, user_id, holder_hash, page, server_fn, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_token())
    .bind(user.0)
    .bind(hash_token(holder))
    .bind(&kept.page)
    .bind(&kept.server_fn)
    .bind(&kept.body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // Bounded: a stale cookie posting again and again keeps only the latest few.
    sqlx::query(&format!(
        "DELETE FROM kept_work WHERE user_id = $1 AND id NOT IN (
             SELECT id FROM kept_work WHERE user_id = $1
             ORDER BY created_at DESC, id DESC LIMIT {MOST_PER_PERSON})"
    ))
    .bind(user.0)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The latest work kept for `user` in the browser holding `holder`, once: it and anything
/// older kept for them there are then gone (one form comes back; an earlier attempt at the
/// same form is superseded by the later one).
pub async fn take(db: &Db, user: UserId, holder: &str, now: i64) -> Result<Option<Kept>> {
    let holder_hash = hash_token(holder);
    let mut tx = db.begin().await?;
    let row: Option<Kept> = sqlx::query_as(
        "SELECT page, server_fn, body FROM kept_work
         WHERE user_id = $1 AND holder_hash = $2 AND created_at >= $3
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(user.0)
    .bind(&holder_hash)
    .bind(now - KEEP_SECS)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM kept_work WHERE user_id = $1 AND holder_hash = $2")
        .bind(user.0)
        .bind(&holder_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(row)
}
