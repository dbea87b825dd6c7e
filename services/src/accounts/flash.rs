//! One-time notes from a form posted without JavaScript to the page it returns to: its
//! errors and the values typed, kept on the server and keyed to the browser that posted,
//! so that no typed value (an email on the sign-in form) travels in an address, and a
//! crafted address cannot put words on a trusted page.

use crate::common::tokens::{hash_token, new_token};
use crate::{Db, Result};

/// How long a note waits for its page, in seconds.
pub const KEEP_SECS: i64 = 10 * 60;

/// Keeps `query` for the browser holding `holder`; returns the note's id.
pub async fn put(db: &Db, holder: &str, query: &str, now: i64) -> Result<String> {
    let id = new_token();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM form_flashes WHERE created_at < $1")
        .bind(now - KEEP_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO form_flashes (id, holder_hash, query, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(hash_token(holder))
    .bind(query)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The note `id`, once, if `holder` is the browser it was kept for and it is recent.
pub async fn take(db: &Db, id: &str, holder: &str, now: i64) -> Result<Option<String>> {
    let mut tx = db.begin().await?;
    let query: Option<String> = sqlx::query_scalar(
        "SELECT query FROM form_flashes WHERE id = $1 AND holder_hash = $2 AND created_at >= $3",
    )
    .bind(id)
    .bind(hash_token(holder))
    .bind(now - KEEP_SECS)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(query) = query else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM form_flashes WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(query))
}
