//! Reading back what was imported: the record of each import, and what the files' labels
//! are read as.

use domain::evidence::{Force, ImportReport, LabelMeaning, Month, Outcome, RowProblem};
use domain::roles;
use sqlx::Row;

use crate::audit::Actor;
use crate::{Db, Error, Result};

const IMPORT_COLUMNS: &str = "i.id, i.force, i.month, i.file_name, i.checksum, i.outcome,
    i.rows_read, i.rows_imported, i.rows_skipped, i.vehicle_only, i.problems, i.problems_total, i.at,
    i.spreadsheet_edited, i.unknown_labels, i.checked_only, i.check_summary, i.continued_as,
    COALESCE(u.email, '(command line)') AS by_label";

fn report(row: &sqlx::any::AnyRow) -> Result<ImportReport> {
    let force: String = row.try_get("force")?;
    let month: String = row.try_get("month")?;
    let problems: String = row.try_get("problems")?;
    let problems: Vec<RowProblem> = serde_json::from_str(&problems).unwrap_or_default();
    let n = |c: &str| -> Result<u64> { Ok(row.try_get::<i64, _>(c)?.max(0) as u64) };
    let imported = row.try_get::<String, _>("outcome")? == "imported";
    Ok(ImportReport {
        id: row.try_get("id")?,
        force_name: Force::by_slug(&force)
            .map(|f| f.name.to_owned())
            .unwrap_or_else(|| force.clone()),
        force_slug: force,
        month: crate::stored(Month::parse(&month))?,
        file_name: row.try_get("file_name")?,
        checksum: row.try_get("checksum")?,
        imported,
        rows_read: n("rows_read")?,
        rows_imported: n("rows_imported")?,
        rows_skipped: n("rows_skipped")?,
        vehicle_only: n("vehicle_only")?,
        problems_total: n("problems_total")?,
        problems,
        replaced: false,
        by: row.try_get("by_label")?,
        at: crate::rfc3339(row.try_get("at")?),
        spreadsheet_edited: row.try_get::<i64, _>("spreadsheet_edited")? == 1,
        unknown_labels: serde_json::from_str(&row.try_get::<String, _>("unknown_labels")?)
            .unwrap_or_default(),
        checked_only: row.try_get::<i64, _>("checked_only")? == 1,
        checked: serde_json::from_str(&row.try_get::<String, _>("check_summary")?)
            .unwrap_or_default(),
        continued_as: row.try_get("continued_as")?,
    })
}

/// The latest imports, newest first.
pub async fn imports(db: &Db, actor: &Actor, limit: i64) -> Result<Vec<ImportReport>> {
    actor.require(roles::OFFICE)?;
    let rows = sqlx::query(&format!(
        "SELECT {IMPORT_COLUMNS} FROM stop_search_imports i LEFT JOIN users u ON u.id = i.by_user
         WHERE i.loading = 0 AND i.checked_only = 0 ORDER BY i.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(report).collect()
}

/// One import's record.
pub async fn import(db: &Db, actor: &Actor, id: i64) -> Result<ImportReport> {
    actor.require(roles::OFFICE)?;
    let row = sqlx::query(&format!(
        "SELECT {IMPORT_COLUMNS} FROM stop_search_imports i LEFT JOIN users u ON u.id = i.by_user
         WHERE i.id = $1 AND i.loading = 0"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    report(&row)
}

/// What the self-defined ethnicity labels and the outcome labels are read as.
pub async fn labels(db: &Db) -> Result<(Vec<LabelMeaning>, Vec<LabelMeaning>)> {
    let ethnicity = sqlx::query(
        "SELECT e.label, e.broad_group, e.note, u.email FROM ethnicity_labels e
         LEFT JOIN users u ON u.id = e.by_user ORDER BY e.label",
    )
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let group: Option<String> = row.try_get("broad_group")?;
        Ok(LabelMeaning {
            label: row.try_get("label")?,
            meaning: match group {
                Some(g) => crate::stored(domain::evidence::BroadGroup::parse(&g))?
                    .label()
                    .to_owned(),
                None => "Not stated".to_owned(),
            },
            legacy: false,
            note: match row.try_get::<Option<String>, _>("email")? {
                Some(by) => format!("Mapped by {by}"),
                None => row.try_get("note")?,
            },
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let outcomes = sqlx::query(
        "SELECT o.label, o.outcome, o.legacy, u.email FROM outcome_labels o
         LEFT JOIN users u ON u.id = o.by_user ORDER BY o.legacy, o.outcome, o.label",
    )
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let outcome: String = row.try_get("outcome")?;
        Ok(LabelMeaning {
            label: row.try_get("label")?,
            meaning: crate::stored(Outcome::parse(&outcome))?.label().to_owned(),
            legacy: row.try_get::<i64, _>("legacy")? == 1,
            note: row
                .try_get::<Option<String>, _>("email")?
                .map(|by| format!("Mapped by {by}"))
                .unwrap_or_default(),
        })
    })
    .collect::<Result<Vec<_>>>()?;
    Ok((ethnicity, outcomes))
}

/// The forces with data, most recently imported first.
pub async fn forces_with_data(db: &Db) -> Result<Vec<Force>> {
    let rows = sqlx::query(
        "SELECT force, MAX(id) AS latest FROM stop_search_imports
         WHERE outcome = 'imported' AND loading = 0
         GROUP BY force ORDER BY latest DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>("force").ok())
        .filter_map(|slug| Force::by_slug(&slug))
        .collect())
}
