//! Numbers for action references (`SPCB/2026/014`), one sequence per board and year.
//!
//! The number is taken inside the caller's transaction, the one that creates the action:
//! the counter row is locked until it commits (PostgreSQL's row lock, SQLite's write lock),
//! so concurrent creations queue for it, and a creation that fails gives its number back.

use domain::ActionRef;
use sqlx::AnyConnection;

use crate::Result;

/// The next reference of `board_code` (board `board_id`) in `year`, within the transaction
/// `conn` is in.
pub async fn next(
    conn: &mut AnyConnection,
    board_id: i64,
    board_code: &str,
    year: i32,
) -> Result<ActionRef> {
    sqlx::query(
        "INSERT INTO action_counters (board_id, year, last) VALUES ($1, $2, 0)
         ON CONFLICT (board_id, year) DO NOTHING",
    )
    .bind(board_id)
    .bind(i64::from(year))
    .execute(&mut *conn)
    .await?;
    let last: i64 = sqlx::query_scalar(
        "UPDATE action_counters SET last = last + 1 WHERE board_id = $1 AND year = $2 RETURNING last",
    )
    .bind(board_id)
    .bind(i64::from(year))
    .fetch_one(&mut *conn)
    .await?;
    let number = u32::try_from(last).map_err(anyhow::Error::new)?;
    Ok(ActionRef::new(board_code, year, number).map_err(anyhow::Error::msg)?)
}
