//! The counts kept beside the records: searches of persons by force, month, legislation,
//! basis and group, with the outcomes figures need. Rebuilt for a force's month inside the
//! transaction that imports it, so a year's figures add up a few hundred rows, never a
//! year's records.

use domain::evidence::Month;
use sqlx::AnyConnection;

use crate::Result;

pub(crate) async fn rebuild(conn: &mut AnyConnection, force: &str, month: Month) -> Result<()> {
    let month = month.to_string();
    sqlx::query("DELETE FROM stop_search_counts WHERE force = $1 AND month = $2")
        .bind(force)
        .bind(&month)
        .execute(&mut *conn)
        .await?;
    for (basis, column) in [("self", "self_group"), ("officer", "officer_group")] {
        sqlx::query(&format!(
            "INSERT INTO stop_search_counts
                 (force, month, legislation, basis, broad_group, searches, arrests,
                  no_further_action, outcome_recorded, linked, linked_recorded)
             SELECT force, month, COALESCE(legislation, ''), '{basis}', COALESCE({column}, ''),
                    COUNT(*),
                    SUM(CASE WHEN outcome = 'arrest' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN outcome = 'no_further_action' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN outcome IS NULL THEN 0 ELSE 1 END),
                    SUM(CASE WHEN outcome_linked = 1 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN outcome_linked IS NULL THEN 0 ELSE 1 END)
             FROM stop_searches
             WHERE force = $1 AND month = $2 AND search_type <> 'vehicle'
             GROUP BY force, month, COALESCE(legislation, ''), COALESCE({column}, '')"
        ))
        .bind(force)
        .bind(&month)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
