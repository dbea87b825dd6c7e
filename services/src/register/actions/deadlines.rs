//! The deadlines panel of a home page: overdue and due-soon actions.

use super::*;

/// How many rows of each list the home page shows.
const PANEL_ROWS: i64 = 10;

/// Overdue and due-soon actions for the home page: the force's for force liaison, all for
/// OPCC staff.
pub async fn deadlines(db: &Db, actor: &Actor, window: &Window) -> Result<Deadlines> {
    actor.require(&Role::ALL)?;
    let scope = format!(" AND {}", visibility::action::sql(Audience::of(actor), "a"));
    let (today, soon) = (window.today(), window.soon_until());
    let (overdue, overdue_total) =
        due_list(db, window, &format!("a.due_on < $1{scope}"), &[&today]).await?;
    let (due_soon, due_soon_total) = due_list(
        db,
        window,
        &format!("a.due_on >= $1 AND a.due_on <= $2{scope}"),
        &[&today, &soon],
    )
    .await?;
    Ok(Deadlines {
        overdue,
        overdue_total,
        due_soon,
        due_soon_total,
        soon_days: window.soon_days,
    })
}

/// The first rows and the number of actions still owed by their owner that also meet
/// `condition` (with `binds` as `$1`, …), earliest due first.
async fn due_list(
    db: &Db,
    window: &Window,
    condition: &str,
    binds: &[&str],
) -> Result<(Vec<ActionSummary>, i64)> {
    let filter = format!(" WHERE {AWAITING_OWNER} AND {condition}");
    let count = format!("SELECT COUNT(*) AS n FROM actions a{filter}");
    let total: i64 = binds
        .iter()
        .fold(sqlx::query_scalar(&count), |q, value| q.bind(*value))
        .fetch_one(db.pool())
        .await?;
    let list = format!("{SUMMARY}{filter} ORDER BY a.due_on, a.id LIMIT {PANEL_ROWS}");
    let rows: Vec<SummaryRow> = binds
        .iter()
        .fold(sqlx::query_as(&list), |q, value| q.bind(*value))
        .fetch_all(db.pool())
        .await?;
    let mut actions: Vec<ActionSummary> = rows.into_iter().map(|row| row.summary(window)).collect();
    note_lateness(db, &mut actions, window).await?;
    Ok((actions, total))
}
