//! Uploaded files kept for a little while, so that a person need not choose them again:
//! when a file's name did not say its force or month, and while the office is asked what
//! a file's unknown labels mean. Kept in the database (a backup carries them), for the
//! person who uploaded them only, up to [`KEPT_MAX`] bytes, and removed once used or after
//! [`KEPT_FOR`].

use std::path::Path;

use sqlx::FromRow;

use crate::db::codec::Flag;

use crate::audit::Actor;
use crate::common::spooled::Spooled;
use crate::{Db, Error, Result};

/// The largest file kept: a force's month is a few MB; larger uploads are chosen again.
pub const KEPT_MAX: u64 = 64 * 1024 * 1024;

/// How long a kept file waits, in seconds: a week.
pub const KEPT_FOR: i64 = 7 * 24 * 3600;

/// A kept upload, written back to a temporary file.
pub struct Kept {
    pub id: i64,
    pub file_name: String,
    pub skip_bad_rows: bool,
    pub spooled: Spooled,
}

/// Keeps the file at `path` for `actor`; `None` when it is too large to keep. Returns its
/// id and the token that names it in a form (a file kept from the command line is named by
/// no token anyone holds: only the import waiting on its labels reaches it).
pub async fn keep(
    db: &Db,
    actor: &Actor,
    path: &Path,
    file_name: &str,
    skip_bad_rows: bool,
) -> Result<Option<(i64, String)>> {
    let user = actor.user_id.map(|u| u.0);
    let io =
        |e: std::io::Error| Error::Unexpected(anyhow::Error::new(e).context("keeping an upload"));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > KEPT_MAX {
        return Ok(None);
    }
    let bytes = tokio::fs::read(path).await.map_err(io)?;
    let token = crate::common::tokens::new_token();
    let now = crate::now();
    sqlx::query("DELETE FROM kept_uploads WHERE created_at < $1")
        .bind(now - KEPT_FOR)
        .execute(db.pool())
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO kept_uploads (token, user_id, file_name, bytes, size, skip_bad_rows, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&token)
    .bind(user)
    .bind(file_name)
    .bind(bytes)
    .bind(size as i64)
    .bind(i64::from(skip_bad_rows))
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    Ok(Some((id, token)))
}

/// The name of the file kept under `token` for `actor`, if it is still kept.
pub async fn name(db: &Db, actor: &Actor, token: &str) -> Result<Option<String>> {
    let Some(user) = actor.user_id else {
        return Ok(None);
    };
    Ok(sqlx::query_scalar(
        "SELECT file_name FROM kept_uploads WHERE token = $1 AND user_id = $2 AND created_at >= $3",
    )
    .bind(token)
    .bind(user.0)
    .bind(crate::now() - KEPT_FOR)
    .fetch_optional(db.pool())
    .await?)
}

/// The kept file `which` names (its token, or its id for an import waiting on its labels),
/// for `actor`, written back to a temporary file.
pub async fn take(db: &Db, actor: &Actor, which: Which<'_>) -> Result<Option<Kept>> {
    let Some(user) = actor.user_id else {
        return Ok(None);
    };
    let since = crate::now() - KEPT_FOR;
    let row: Option<KeptRow> = match which {
        Which::Token(token) => {
            sqlx::query_as(
                "SELECT id, file_name, bytes, skip_bad_rows FROM kept_uploads
                 WHERE token = $1 AND user_id = $2 AND created_at >= $3",
            )
            .bind(token.to_owned())
            .bind(user.0)
            .bind(since)
            .fetch_optional(db.pool())
            .await?
        }
        // Any of the office may answer an import's question, not only its uploader.
        Which::Id(id) => {
            sqlx::query_as(
                "SELECT id, file_name, bytes, skip_bad_rows FROM kept_uploads
                 WHERE id = $1 AND created_at >= $2",
            )
            .bind(id)
            .bind(since)
            .fetch_optional(db.pool())
            .await?
        }
    };
    let Some(row) = row else {
        return Ok(None);
    };
    let spooled = Spooled::new();
    tokio::fs::write(&spooled.path, row.bytes)
        .await
        .map_err(|e| Error::Unexpected(anyhow::Error::new(e).context("writing a kept upload")))?;
    Ok(Some(Kept {
        id: row.id,
        file_name: row.file_name,
        skip_bad_rows: row.skip_bad_rows.0,
        spooled,
    }))
}

/// A kept upload, as stored.
#[derive(FromRow)]
struct KeptRow {
    id: i64,
    file_name: String,
    bytes: Vec<u8>,
    skip_bad_rows: Flag,
}

/// Which kept file.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    Token(&'a str),
    Id(i64),
}

/// Removes a kept file once it has been used.
pub async fn remove(db: &Db, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM kept_uploads WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}
