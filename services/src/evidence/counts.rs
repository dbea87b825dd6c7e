//! The counts kept beside the records: searches of persons by force, month, legislation,
//! basis and group, with the outcomes figures need. Added up while a file is imported (the
//! rows pass through anyway) and written for a force's month in the import's last, short
//! transaction, so a year's figures add up a few hundred rows, never a year's records —
//! and finishing an import never aggregates a month's records while holding the write lock.

use std::collections::BTreeMap;

use domain::evidence::{Month, Outcome};
use sqlx::AnyConnection;

use super::search::Search;
use crate::{Backend, Result};

/// One row of `stop_search_counts`, without its force and month.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    pub searches: i64,
    pub arrests: i64,
    pub no_further_action: i64,
    pub outcome_recorded: i64,
    pub linked: i64,
    pub linked_recorded: i64,
}

/// A month's counts, by (legislation, basis, broad group); `''` is "not recorded".
#[derive(Debug, Default)]
pub(crate) struct Counts(BTreeMap<(String, &'static str, &'static str), Tally>);

impl Counts {
    /// Counts the searches of persons among `searches`, by both bases.
    pub(crate) fn add(&mut self, searches: &[Search]) {
        for s in searches.iter().filter(|s| s.kind.of_a_person()) {
            let legislation = s.legislation.clone().unwrap_or_default();
            for (basis, group) in [("self", s.self_group), ("officer", s.officer_group)] {
                let group = group.map_or("", |g| g.as_str());
                let tally = self
                    .0
                    .entry((legislation.clone(), basis, group))
                    .or_default();
                tally.searches += 1;
                tally.arrests += i64::from(s.outcome == Some(Outcome::Arrest));
                tally.no_further_action += i64::from(s.outcome == Some(Outcome::NoFurtherAction));
                tally.outcome_recorded += i64::from(s.outcome.is_some());
                tally.linked += i64::from(s.linked == Some(true));
                tally.linked_recorded += i64::from(s.linked.is_some());
            }
        }
    }
}

impl Counts {
    /// Searches of persons by legislation and self-defined group, for a check's report.
    pub(crate) fn summary(&self) -> Vec<domain::evidence::CheckedCount> {
        self.0
            .iter()
            .filter(|((_, basis, _), _)| *basis == "self")
            .map(
                |((legislation, _, group), tally)| domain::evidence::CheckedCount {
                    legislation: legislation.clone(),
                    group: group.to_string(),
                    searches: tally.searches.max(0) as u64,
                },
            )
            .collect()
    }
}

/// Rows per INSERT: 11 values each.
const ROWS_AT_ONCE: usize = 100;

/// Replaces a force's month of counts with `counts`.
pub(crate) async fn replace(
    conn: &mut AnyConnection,
    backend: Backend,
    force: &str,
    month: Month,
    counts: &Counts,
) -> Result<()> {
    let month = month.to_string();
    sqlx::query("DELETE FROM stop_search_counts WHERE force = $1 AND month = $2")
        .bind(force)
        .bind(&month)
        .execute(&mut *conn)
        .await?;
    let rows: Vec<_> = counts.0.iter().collect();
    for chunk in rows.chunks(ROWS_AT_ONCE) {
        let mut sql = String::from(
            "INSERT INTO stop_search_counts
                 (force, month, legislation, basis, broad_group, searches, arrests,
                  no_further_action, outcome_recorded, linked, linked_recorded) VALUES ",
        );
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 { "(" } else { ",(" });
            sql.push_str(&crate::db::placeholders(backend, i * 11, 11));
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for ((legislation, basis, group), t) in chunk {
            query = query
                .bind(force)
                .bind(month.clone())
                .bind(legislation.clone())
                .bind(*basis)
                .bind(*group)
                .bind(t.searches)
                .bind(t.arrests)
                .bind(t.no_further_action)
                .bind(t.outcome_recorded)
                .bind(t.linked)
                .bind(t.linked_recorded);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
