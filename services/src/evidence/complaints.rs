//! Police complaints figures: imported from a CSV in the measures of the IOPC's police
//! complaints information bulletins (one row per force, quarter and measure, with the
//! most-similar-forces group's and the national figure), validated as the stop-and-search
//! import is — a file with any bad row is refused whole, each problem reported by line and
//! column, and nothing saved — and read back as series by quarter, with thresholds that
//! flag a force well above the national figure so that a question can be drafted from it.
//!
//! The file's columns (docs/EVIDENCE.md, "Complaints figures"; a template at
//! `/evidence/complaints-template.csv`): `force` (data.police.uk's name or slug),
//! `quarter` (`2025/26 Q1`), `measure` (a key of [`ComplaintMeasure`]), `value`,
//! `msf_value` and `national_value` (blank when not given). Re-importing a force's quarter
//! and measure replaces it.

use std::collections::{BTreeMap, HashSet};

use domain::evidence::{
    ComplaintImport, ComplaintMeasure, ComplaintPoint, ComplaintSeries, ComplaintsView, Force,
    Quarter, RowProblem, FORCES,
};
use domain::roles;
use sha2::{Digest, Sha256};
use sqlx::FromRow;

use super::lines::Lines;
use crate::audit::{self, Actor, Change};
use crate::common::london;
use crate::{Db, Error, Result};

/// The columns a file must have, in any order.
pub const COLUMNS: [&str; 6] = [
    "force",
    "quarter",
    "measure",
    "value",
    "msf_value",
    "national_value",
];
/// The largest file taken (a bulletin's worth for every force is far smaller).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Problems kept with a refused import (the count says how many more).
const MAX_PROBLEMS: usize = 200;

pub const TEMPLATE: &str = "force,quarter,measure,value,msf_value,national_value\r\n\
West Midlands Police,2025/26 Q1,cases_logged,1520,1310.5,\r\n\
West Midlands Police,2025/26 Q1,allegations_logged,2954,2601,\r\n\
West Midlands Police,2025/26 Q1,days_to_contact,4.2,3.1,3\r\n\
West Midlands Police,2025/26 Q1,days_to_log,5.8,4.4,4.1\r\n\
West Midlands Police,2025/26 Q1,days_to_finalise,148,131,125\r\n\
West Midlands Police,2025/26 Q1,allegations:discriminatory_behaviour,112,88,\r\n\
West Midlands Police,2025/26 Q1,discrimination:race,71,52,\r\n";

/// One row, read.
#[derive(Debug, Clone, Copy)]
struct Figure {
    force: Force,
    quarter: Quarter,
    measure: ComplaintMeasure,
    value: i64,
    msf: Option<i64>,
    national: Option<i64>,
}

fn force_named(text: &str) -> Option<Force> {
    let text = text.trim();
    FORCES.iter().copied().find(|f| {
        f.slug.eq_ignore_ascii_case(text)
            || f.name.eq_ignore_ascii_case(text)
            || f.name
                .trim_end_matches(" Police")
                .eq_ignore_ascii_case(text.trim_end_matches(" Police"))
    })
}

/// A count or an average as thousandths; blank is `None` when `optional`.
fn amount(text: &str, optional: bool) -> std::result::Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err("is blank: every row needs the force's figure".into())
        };
    }
    let cleaned = text.replace(',', "");
    let number: f64 = cleaned
        .parse()
        .map_err(|_| format!("“{text}” is not a number"))?;
    if !number.is_finite() {
        return Err(format!("“{text}” is not a number"));
    }
    if number < 0.0 {
        return Err(format!(
            "“{text}” is negative: a count or a number of days cannot be"
        ));
    }
    if number > 1e12 {
        return Err(format!("“{text}” is too large"));
    }
    Ok(Some((number * 1000.0).round() as i64))
}

/// Reads a whole file: every figure, or every problem.
fn read(bytes: &[u8]) -> std::result::Result<Vec<Figure>, Vec<RowProblem>> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(Lines::new(bytes));
    let mut problems = Vec::new();
    let mut records = reader.byte_records();
    let problem = |line: u64, column: &str, reason: String| RowProblem::new(line, column, reason);
    let headings: Vec<String> = match records.next() {
        Some(Ok(r)) => r
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_lowercase())
            .collect(),
        _ => {
            return Err(vec![problem(
                1,
                "(headings)",
                "The file is empty: it needs a heading row".into(),
            )])
        }
    };
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !headings.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![problem(
            1,
            "(headings)",
            format!(
                "The columns {} are missing: the template shows every column",
                missing.join(", ")
            ),
        )]);
    }
    let at: Vec<usize> = COLUMNS
        .iter()
        .map(|c| headings.iter().position(|h| h == c).unwrap_or(0))
        .collect();
    drop(records);
    let mut figures = Vec::new();
    let mut seen = HashSet::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let read = reader.read_byte_record(&mut record);
        let start = match &read {
            Ok(_) => record.position().map(|p| p.byte()).unwrap_or(0),
            Err(e) => e.position().map(|p| p.byte()).unwrap_or(0),
        };
        let line = reader.get_mut().line_at(start);
        match read {
            Ok(false) => break,
            Err(e) => {
                problems.push(problem(
                    line,
                    "(row)",
                    format!("cannot be read as CSV ({e})"),
                ));
                break;
            }
            Ok(true) => {}
        }
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let mut cells: Vec<&str> = Vec::with_capacity(COLUMNS.len());
        let mut unreadable = false;
        for (i, column) in COLUMNS.iter().enumerate() {
            match std::str::from_utf8(record.get(at[i]).unwrap_or_default()) {
                Ok(text) => cells.push(text),
                Err(_) => {
                    problems.push(problem(line, column, "is not UTF-8 text".into()));
                    unreadable = true;
                    cells.push("");
                }
            }
        }
        if unreadable {
            continue;
        }
        let before = problems.len();
        let force = force_named(cells[0]);
        if force.is_none() {
            problems.push(problem(
                line,
                "force",
                format!(
                    "“{}” is not a police force of England and Wales",
                    cells[0].trim()
                ),
            ));
        }
        let quarter = Quarter::parse(cells[1])
            .map_err(|e| problems.push(problem(line, "quarter", e)))
            .ok();
        let measure = ComplaintMeasure::parse(cells[2])
            .map_err(|e| problems.push(problem(line, "measure", e)))
            .ok();
        let mut number = |i: usize, optional: bool| match amount(cells[i], optional) {
            Ok(v) => v,
            Err(e) => {
                problems.push(problem(line, COLUMNS[i], e));
                None
            }
        };
        let value = number(3, false);
        let msf = number(4, true);
        let national = number(5, true);
        if problems.len() > before {
            continue;
        }
        let (Some(force), Some(quarter), Some(measure), Some(value)) =
            (force, quarter, measure, value)
        else {
            continue;
        };
        if !seen.insert((force.slug, quarter, measure)) {
            problems.push(problem(
                line,
                "(row)",
                format!(
                    "repeats {} for {} in {}",
                    measure.key(),
                    force.name,
                    quarter.label()
                ),
            ));
            continue;
        }
        figures.push(Figure {
            force,
            quarter,
            measure,
            value,
            msf,
            national,
        });
    }
    if problems.is_empty() && figures.is_empty() {
        problems.push(problem(
            2,
            "(row)",
            "The file has headings but no figures".into(),
        ));
    }
    if problems.is_empty() {
        Ok(figures)
    } else {
        Err(problems)
    }
}

/// Imports a complaints file: all of it, or (with any bad row) none of it. Either way the
/// import is recorded and audited; returns its id and whether it was imported.
pub async fn import(db: &Db, actor: &Actor, file_name: &str, bytes: &[u8]) -> Result<(i64, bool)> {
    actor.require(roles::OFFICE)?;
    if bytes.len() > MAX_BYTES {
        return Err(Error::invalid(
            "file",
            "The file is larger than 20 MB: a complaints file is far smaller",
        ));
    }
    let file_name = file_name.trim();
    if file_name.is_empty() {
        return Err(Error::invalid("file", "Choose a CSV file"));
    }
    let checksum = crate::hex(&Sha256::digest(bytes));
    let read = read(bytes);
    let (rows, problems) = match &read {
        Ok(figures) => (figures.len(), Vec::new()),
        Err(problems) => (
            0,
            problems
                .iter()
                .take(MAX_PROBLEMS)
                .cloned()
                .collect::<Vec<_>>(),
        ),
    };
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaint_imports (file_name, checksum, outcome, rows_read, problems, by_user, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(file_name)
    .bind(&checksum)
    .bind(if read.is_ok() { "imported" } else { "refused" })
    .bind(rows as i64)
    .bind(serde_json::to_string(&problems).map_err(anyhow::Error::new)?)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    if let Ok(figures) = &read {
        replace_figures(&mut tx, db.backend(), id, figures).await?;
    }
    let name = if read.is_ok() {
        "evidence.complaints_imported"
    } else {
        "evidence.complaints_refused"
    };
    audit::record(
        &mut tx,
        actor,
        Change::new(name, "complaint_import", id).after(&serde_json::json!({
            "file": file_name, "checksum": checksum, "rows": rows, "problems": problems.len(),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok((id, read.is_ok()))
}

/// Rows per statement: 8 values each.
const FIGURES_AT_ONCE: usize = 200;

/// Writes a file's figures over any the database holds for the same force, measure and
/// quarter, a few hundred rows per statement (a 5.5 MB file once took one DELETE and one
/// INSERT per row, holding the write lock all the while). A file that repeats a figure
/// keeps its last.
async fn replace_figures(
    conn: &mut sqlx::AnyConnection,
    backend: crate::Backend,
    import_id: i64,
    figures: &[Figure],
) -> Result<()> {
    let mut latest = std::collections::BTreeMap::new();
    for f in figures {
        latest.insert(
            (
                f.force.slug,
                f.measure.key(),
                f.quarter.year,
                f.quarter.quarter,
            ),
            f,
        );
    }
    let rows: Vec<&Figure> = latest.into_values().collect();
    for chunk in rows.chunks(FIGURES_AT_ONCE) {
        let mut sql = String::from(
            "INSERT INTO complaint_figures (force, year, quarter, measure, value, msf, national, import_id) VALUES ",
        );
        for i in 0..chunk.len() {
            sql.push_str(if i == 0 { "(" } else { ",(" });
            sql.push_str(&crate::db::placeholders(backend, i * 8, 8));
            sql.push(')');
        }
        sql.push_str(
            " ON CONFLICT (force, measure, year, quarter) DO UPDATE SET value = excluded.value,
                 msf = excluded.msf, national = excluded.national, import_id = excluded.import_id",
        );
        let mut query = sqlx::query(&sql);
        for f in chunk {
            query = query
                .bind(f.force.slug)
                .bind(i64::from(f.quarter.year))
                .bind(i64::from(f.quarter.quarter))
                .bind(f.measure.key())
                .bind(f.value)
                .bind(f.msf)
                .bind(f.national)
                .bind(import_id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The columns of [`IMPORTS`], as stored.
#[derive(FromRow)]
struct ImportRow {
    id: i64,
    file_name: String,
    outcome: String,
    rows_read: i64,
    checksum: String,
    problems: String,
    at: i64,
    who: String,
}

impl ImportRow {
    fn import(self) -> Result<ComplaintImport> {
        Ok(ComplaintImport {
            id: self.id,
            file_name: self.file_name,
            imported: self.outcome == "imported",
            rows: self.rows_read,
            checksum: self.checksum,
            problems: serde_json::from_str(&self.problems).map_err(anyhow::Error::new)?,
            by: self.who,
            at: london::show(self.at),
        })
    }
}

const IMPORTS: &str =
    "SELECT i.id, i.file_name, i.outcome, i.rows_read, i.checksum, i.problems, i.at,
        COALESCE(u.display_name, '(command line)') AS who
    FROM complaint_imports i LEFT JOIN users u ON u.id = i.by_user";

pub async fn import_record(db: &Db, actor: &Actor, id: i64) -> Result<ComplaintImport> {
    actor.require(roles::OFFICE)?;
    let row: ImportRow = sqlx::query_as(&format!("{IMPORTS} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    row.import()
}

/// Adds a threshold: the latest quarter above the national figure by `percent` or more, on
/// `measure` (a key) or, when empty, on any measure.
pub async fn add_threshold(db: &Db, actor: &Actor, measure: &str, percent: &str) -> Result<i64> {
    actor.require(roles::ASSESSORS)?;
    let mut errors = domain::FieldErrors::new();
    let measure = match measure.trim() {
        "" => Some(String::new()),
        key => errors.check(
            "threshold_measure",
            ComplaintMeasure::parse(key).map(|m| m.key()),
        ),
    };
    let percent = errors.check(
        "percent",
        percent
            .trim()
            .trim_end_matches('%')
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=1000).contains(p))
            .ok_or_else(|| "Enter a whole percentage from 0 to 1000, such as 20".to_owned()),
    );
    errors.into_result()?;
    let (Some(measure), Some(percent)) = (measure, percent) else {
        return Err(Error::invalid("percent", "Check the threshold"));
    };
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaint_thresholds (measure, percent, by_user, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&measure)
    .bind(percent)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new(
            "evidence.complaints_threshold_added",
            "complaint_threshold",
            id,
        )
        .after(&serde_json::json!({ "measure": measure, "percent": percent })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove_threshold(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(roles::ASSESSORS)?;
    let mut tx = db.begin().await?;
    if sqlx::query("DELETE FROM complaint_thresholds WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 0
    {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        actor,
        Change::new(
            "evidence.complaints_threshold_removed",
            "complaint_threshold",
            id,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn threshold_label(measure: &str, percent: i64) -> String {
    let on = ComplaintMeasure::parse(measure)
        .map(|m| m.label())
        .unwrap_or_else(|_| "any measure".to_owned());
    format!("{on}: above the national figure by {percent}% or more")
}

/// The page: the chosen force's series (or the first force with figures), the imports and
/// the thresholds.
pub async fn page(db: &Db, actor: &Actor, force: &str) -> Result<ComplaintsView> {
    actor.require(roles::EVERYONE)?;
    let with_figures: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT force FROM complaint_figures ORDER BY force")
            .fetch_all(db.pool())
            .await?;
    let forces: Vec<Force> = with_figures
        .iter()
        .filter_map(|slug| Force::by_slug(slug))
        .collect();
    let chosen = match force.trim() {
        "" => forces.first().copied(),
        slug => Some(
            forces
                .iter()
                .copied()
                .find(|f| f.slug == slug)
                .ok_or(Error::NotFound)?,
        ),
    };
    let thresholds: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, measure, percent FROM complaint_thresholds ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    let series = match chosen {
        Some(force) => series(db, force, &thresholds).await?,
        None => Vec::new(),
    };
    let office = actor.require(roles::OFFICE).is_ok();
    let imports = if office {
        sqlx::query_as::<_, ImportRow>(&format!("{IMPORTS} ORDER BY i.id DESC LIMIT 10"))
            .fetch_all(db.pool())
            .await?
            .into_iter()
            .map(ImportRow::import)
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    Ok(ComplaintsView {
        forces: forces
            .iter()
            .map(|f| (f.slug.to_owned(), f.name.to_owned()))
            .collect(),
        force: chosen.map(|f| (f.slug.to_owned(), f.name.to_owned())),
        series,
        imports,
        thresholds: thresholds
            .iter()
            .map(|(id, m, p)| (*id, threshold_label(m, *p)))
            .collect(),
        may_import: office,
        may_set_thresholds: actor.require(roles::ASSESSORS).is_ok(),
    })
}

/// A quarter's figure of one measure, as stored (in thousandths).
#[derive(FromRow)]
struct FigureRow {
    measure: String,
    year: i64,
    quarter: i64,
    value: i64,
    msf: Option<i64>,
    national: Option<i64>,
}

/// Every measure of `force` with figures, oldest quarter first, flagged where its latest
/// quarter crosses a threshold.
async fn series(
    db: &Db,
    force: Force,
    thresholds: &[(i64, String, i64)],
) -> Result<Vec<ComplaintSeries>> {
    let rows: Vec<FigureRow> = sqlx::query_as(
        "SELECT measure, year, quarter, value, msf, national FROM complaint_figures
         WHERE force = $1 ORDER BY year, quarter",
    )
    .bind(force.slug)
    .fetch_all(db.pool())
    .await?;
    let mut by_measure: BTreeMap<String, Vec<ComplaintPoint>> = BTreeMap::new();
    let thousandths = |v: i64| v as f64 / 1000.0;
    for row in rows {
        let quarter = Quarter {
            year: row.year as i32,
            quarter: row.quarter as u8,
        };
        by_measure
            .entry(row.measure)
            .or_default()
            .push(ComplaintPoint {
                quarter,
                force: thousandths(row.value),
                msf: row.msf.map(thousandths),
                national: row.national.map(thousandths),
            });
    }
    Ok(ComplaintMeasure::all()
        .into_iter()
        .filter_map(|measure| {
            let points = by_measure.remove(&measure.key())?;
            let latest = points.last()?;
            let flagged = thresholds.iter().find_map(|(_, key, percent)| {
                let applies = key.is_empty() || *key == measure.key();
                let national = latest.national.filter(|n| *n > 0.0)?;
                let above = (latest.force / national - 1.0) * 100.0;
                (applies && above >= *percent as f64).then(|| {
                    format!(
                        "In {} the force's figure ({}) was {:.0}% above the national figure ({}): the threshold is {percent}%",
                        latest.quarter.label(),
                        show(latest.force),
                        above,
                        show(national)
                    )
                })
            });
            Some(ComplaintSeries { measure, points, flagged })
        })
        .collect())
}

/// A figure as the pages show it: whole numbers without decimals, averages to one place.
pub fn show(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_cleanly() {
        let figures = read(TEMPLATE.as_bytes()).unwrap();
        assert_eq!(figures.len(), 7);
        assert_eq!(figures[2].value, 4_200);
        assert_eq!(figures[0].national, None);
        assert_eq!(figures[0].force.slug, "west-midlands");
    }
}
