//! The register exported as CSV, every matching row.

use super::*;

/// The most rows one export holds.
pub const EXPORT_LIMIT: u32 = 200_000;

/// The SQL of an export (every matching row, in the filter's order) and its values.
fn export_query(
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
    backend: Backend,
) -> (String, Conditions) {
    let (applied, conditions) = conditions(actor, filter, window, backend);
    // The equality tags, as one space-separated cell per action.
    let aggregate = match backend {
        Backend::Sqlite => "group_concat(t.tag, ' ')",
        Backend::Postgres => "string_agg(t.tag, ' ')",
    };
    let select = format!(
        "SELECT (SELECT {aggregate} FROM equality_tags t
                 WHERE t.subject = 'action' AND t.subject_id = a.id) AS tags, "
    );
    let sql = format!(
        "{}{} ORDER BY {} LIMIT {EXPORT_LIMIT}",
        SUMMARY.replacen("SELECT ", &select, 1),
        conditions.sql(),
        order_by(&applied.sort)
    );
    (sql, conditions)
}

/// Every action the filter matches (not a page of them), in its sort order, for export.
/// Mistyped dates are left out of the filter, as on the page.
/// The page lists what the rest of a filter picks and says which date it could not read;
/// a download has nowhere to say so, so it is refused instead (400, naming the date).
fn refuse_mistyped(filter: &RegisterFilter) -> Result<()> {
    match check_filter(filter) {
        Some(errors) => Err(Error::Invalid(errors)),
        None => Ok(()),
    }
}

pub async fn export(
    db: &Db,
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
) -> Result<Vec<(ActionSummary, TagCells)>> {
    actor.require(&Role::ALL)?;
    refuse_mistyped(filter)?;
    let (sql, conditions) = export_query(actor, filter, window, db.backend());
    let rows: Vec<ExportRow> = sqlx::query_as_with(&sql, conditions.arguments()?)
        .fetch_all(db.pool())
        .await?;
    let objectives = objective_names(db).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let tags = tag_cells(&row.tags.unwrap_or_default(), &objectives);
            (row.summary.summary(window), tags)
        })
        .collect())
}

/// An action's summary with its equality tags (comma-separated keys), as the export reads it.
#[derive(sqlx::FromRow)]
struct ExportRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    tags: Option<String>,
}

const CSV_HEADERS: &[&str] = &[
    "Reference",
    "Board",
    "Action",
    "Topic",
    "Owner",
    "Owner name",
    "Priority",
    "Status",
    "Due date",
    "Deadline",
    "Extended",
    "Published",
    "Assurance",
    "Equality objectives",
    "Aims",
    "Protected characteristics",
];

/// The equality tags of an export row, as the CSV's three columns.
#[derive(Debug, Clone, Default)]
pub struct TagCells {
    pub objectives: String,
    pub aims: String,
    pub characteristics: String,
}

/// The labels of the tags in `keys` (space-separated), objectives named by `objectives`.
fn tag_cells(keys: &str, objectives: &std::collections::HashMap<i64, String>) -> TagCells {
    use domain::equality::Tag;
    let mut cells = TagCells::default();
    let push = |cell: &mut String, label: &str| {
        if !cell.is_empty() {
            cell.push_str("; ");
        }
        cell.push_str(label);
    };
    for tag in keys.split_whitespace().filter_map(|k| Tag::parse(k).ok()) {
        match tag {
            Tag::Objective(id) => {
                let label = objectives
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("Objective {id}"));
                push(&mut cells.objectives, &label)
            }
            Tag::Aim(aim) => push(&mut cells.aims, aim.label()),
            Tag::Characteristic(c) => push(&mut cells.characteristics, c.label()),
        }
    }
    cells
}

async fn objective_names(db: &Db) -> Result<std::collections::HashMap<i64, String>> {
    Ok(crate::equality::objectives::objective_labels(db)
        .await?
        .into_iter()
        .flat_map(|(_, list)| list)
        .collect())
}

fn csv_row(out: &mut crate::common::csv::Writer, a: &ActionSummary, tags: &TagCells) {
    out.row(&[
        &a.reference,
        &a.board_code,
        &a.text,
        &a.topic,
        a.owner.label(),
        &a.owner_name,
        a.priority.label(),
        a.status.label(),
        &a.due_on,
        a.due_state.label(),
        if a.extended { "Yes" } else { "No" },
        if a.published { "Yes" } else { "No" },
        a.assurance.map(|l| l.label()).unwrap_or(""),
        &tags.objectives,
        &tags.aims,
        &tags.characteristics,
    ]);
}

/// The register as CSV (see [`crate::common::csv`]): one row per action.
pub fn to_csv(actions: &[(ActionSummary, TagCells)]) -> String {
    let mut out = crate::common::csv::Writer::new(CSV_HEADERS);
    for (a, tags) in actions {
        csv_row(&mut out, a, tags);
    }
    out.finish()
}

/// Rows written into one chunk of a streamed export.
const CSV_CHUNK_ROWS: usize = 256;

/// [`export`] as CSV, streamed: rows are read from the database as they come and sent to
/// `out` in chunks of a few hundred, so memory stays bounded however many rows match, and a
/// slow reader slows the query instead of filling memory. Stops early (`Ok`) when the
/// reader goes away. Returns the number of rows written.
pub async fn export_csv(
    db: &Db,
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
    out: tokio::sync::mpsc::Sender<String>,
) -> Result<u64> {
    use futures_util::TryStreamExt;
    actor.require(&Role::ALL)?;
    refuse_mistyped(filter)?;
    let (sql, conditions) = export_query(actor, filter, window, db.backend());
    let query = sqlx::query_as_with::<_, ExportRow, _>(&sql, conditions.arguments()?);
    let objectives = objective_names(db).await?;
    let mut rows = query.fetch(db.pool());
    let mut writer = crate::common::csv::Writer::new(CSV_HEADERS);
    let (mut written, mut in_chunk) = (0u64, 0usize);
    while let Some(row) = rows.try_next().await? {
        let tags = tag_cells(&row.tags.unwrap_or_default(), &objectives);
        csv_row(&mut writer, &row.summary.summary(window), &tags);
        written += 1;
        in_chunk += 1;
        if in_chunk == CSV_CHUNK_ROWS {
            in_chunk = 0;
            if out.send(writer.take()).await.is_err() {
                return Ok(written);
            }
        }
    }
    let _ = out.send(writer.finish()).await;
    Ok(written)
}
