//! Reading back what was imported: the record of each import, and what the files' labels
//! are read as.

use domain::evidence::{BroadGroup, Force, ImportReport, LabelMeaning, Month, Outcome, RowProblem};
use domain::roles;
use sqlx::FromRow;

use crate::audit::Actor;
use crate::db::codec::{Flag, Key};
use crate::{Db, Error, Result};

const IMPORT_COLUMNS: &str = "i.id, i.force, i.month, i.file_name, i.checksum, i.outcome,
    i.rows_read, i.rows_imported, i.rows_skipped, i.vehicle_only, i.problems, i.problems_total, i.at,
    i.spreadsheet_edited, i.unknown_labels, i.checked_only, i.check_summary, i.continued_as,
    COALESCE(u.email, '(command line)') AS by_label";

/// The columns of [`IMPORT_COLUMNS`], as stored.
#[derive(FromRow)]
struct ImportRow {
    id: i64,
    force: String,
    month: Key<Month>,
    file_name: String,
    checksum: String,
    outcome: String,
    rows_read: i64,
    rows_imported: i64,
    rows_skipped: i64,
    vehicle_only: i64,
    problems: String,
    problems_total: i64,
    at: i64,
    spreadsheet_edited: Flag,
    unknown_labels: String,
    checked_only: Flag,
    check_summary: String,
    continued_as: Option<i64>,
    by_label: String,
}

impl From<ImportRow> for ImportReport {
    fn from(row: ImportRow) -> ImportReport {
        let count = |n: i64| n.max(0) as u64;
        ImportReport {
            id: row.id,
            force_name: Force::by_slug(&row.force)
                .map(|f| f.name.to_owned())
                .unwrap_or_else(|| row.force.clone()),
            force_slug: row.force,
            month: row.month.0,
            file_name: row.file_name,
            checksum: row.checksum,
            imported: row.outcome == "imported",
            rows_read: count(row.rows_read),
            rows_imported: count(row.rows_imported),
            rows_skipped: count(row.rows_skipped),
            vehicle_only: count(row.vehicle_only),
            problems_total: count(row.problems_total),
            problems: serde_json::from_str::<Vec<RowProblem>>(&row.problems).unwrap_or_default(),
            replaced: false,
            by: row.by_label,
            at: crate::rfc3339(row.at),
            spreadsheet_edited: row.spreadsheet_edited.0,
            unknown_labels: serde_json::from_str(&row.unknown_labels).unwrap_or_default(),
            checked_only: row.checked_only.0,
            checked: serde_json::from_str(&row.check_summary).unwrap_or_default(),
            continued_as: row.continued_as,
        }
    }
}

/// The latest imports, newest first.
pub async fn imports(db: &Db, actor: &Actor, limit: i64) -> Result<Vec<ImportReport>> {
    actor.require(roles::OFFICE)?;
    let rows: Vec<ImportRow> = sqlx::query_as(&format!(
        "SELECT {IMPORT_COLUMNS} FROM stop_search_imports i LEFT JOIN users u ON u.id = i.by_user
         WHERE i.loading = 0 AND i.checked_only = 0 ORDER BY i.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(ImportReport::from).collect())
}

/// One import's record.
pub async fn import(db: &Db, actor: &Actor, id: i64) -> Result<ImportReport> {
    actor.require(roles::OFFICE)?;
    let row: ImportRow = sqlx::query_as(&format!(
        "SELECT {IMPORT_COLUMNS} FROM stop_search_imports i LEFT JOIN users u ON u.id = i.by_user
         WHERE i.id = $1 AND i.loading = 0"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    Ok(row.into())
}

/// A self-defined ethnicity label and what it is read as, as stored.
#[derive(FromRow)]
struct EthnicityLabelRow {
    label: String,
    broad_group: Option<Key<BroadGroup>>,
    note: String,
    email: Option<String>,
}

/// What the self-defined ethnicity labels and the outcome labels are read as.
pub async fn labels(db: &Db) -> Result<(Vec<LabelMeaning>, Vec<LabelMeaning>)> {
    let ethnicity: Vec<EthnicityLabelRow> = sqlx::query_as(
        "SELECT e.label, e.broad_group, e.note, u.email FROM ethnicity_labels e
         LEFT JOIN users u ON u.id = e.by_user ORDER BY e.label",
    )
    .fetch_all(db.pool())
    .await?;
    let ethnicity = ethnicity
        .into_iter()
        .map(|row| LabelMeaning {
            label: row.label,
            meaning: match row.broad_group {
                Some(Key(group)) => group.label().to_owned(),
                None => "Not stated".to_owned(),
            },
            legacy: false,
            note: match row.email {
                Some(by) => format!("Mapped by {by}"),
                None => row.note,
            },
        })
        .collect();
    let outcomes: Vec<(String, Key<Outcome>, Flag, Option<String>)> = sqlx::query_as(
        "SELECT o.label, o.outcome, o.legacy, u.email FROM outcome_labels o
         LEFT JOIN users u ON u.id = o.by_user ORDER BY o.legacy, o.outcome, o.label",
    )
    .fetch_all(db.pool())
    .await?;
    let outcomes = outcomes
        .into_iter()
        .map(|(label, Key(outcome), legacy, by)| LabelMeaning {
            label,
            meaning: outcome.label().to_owned(),
            legacy: legacy.0,
            note: by.map(|by| format!("Mapped by {by}")).unwrap_or_default(),
        })
        .collect();
    Ok((ethnicity, outcomes))
}

/// The forces with data, most recently imported first.
pub async fn forces_with_data(db: &Db) -> Result<Vec<Force>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT force, MAX(id) AS latest FROM stop_search_imports
         WHERE outcome = 'imported' AND loading = 0
         GROUP BY force ORDER BY latest DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .iter()
        .filter_map(|(slug, _)| Force::by_slug(slug))
        .collect())
}
