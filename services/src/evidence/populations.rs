//! Population tables: how many people of each broad ethnic group live in each police force
//! area — the denominators of every rate. The Census 2021 table is loaded at first start
//! and is the default; a person may import another (a newer estimate, an older census) in
//! the same CSV form and choose it.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use domain::evidence::{BroadGroup, Denominator, Force, RowProblem};
use domain::roles;
use sqlx::AnyConnection;

use super::lines::Lines;
use crate::audit::{self, Actor, Change};
use crate::db::codec::{Flag, Key};
use crate::{Db, Error, Result};

/// Census 2021 (ONS table TS021) aggregated to police force areas; see `services/data/`.
const CENSUS_2021: &str = include_str!("../../data/census-2021-ethnicity-by-police-force-area.csv");

/// The columns a population table's CSV has: `area_code` (or `pfa_code`), `ethnic_group`
/// (Asian, Black, Mixed, White, Other) and `population`; others (a name) are ignored.
pub const TEMPLATE: &str = "pfa_code,police_force_area,ethnic_group,population\n\
E23000014,West Midlands,Asian,0\n\
E23000014,West Midlands,Black,0\n\
E23000014,West Midlands,Mixed,0\n\
E23000014,West Midlands,White,0\n\
E23000014,West Midlands,Other,0\n";

/// A table's details, as the person names it.
#[derive(Debug, Clone)]
pub struct TableDetails {
    pub name: String,
    pub source: String,
    pub year: i64,
}

/// Loads the Census 2021 table when there is no table at all (a new database).
pub async fn ensure_census(db: &Db) -> Result<()> {
    let mut tx = db.begin().await?;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM population_tables")
        .fetch_one(&mut *tx)
        .await?;
    if n > 0 {
        return Ok(());
    }
    let details = TableDetails {
        name: "Census 2021".into(),
        source: "Office for National Statistics, table TS021".into(),
        year: 2021,
    };
    let rows = read_table(CENSUS_2021.as_bytes()).map_err(|problems| {
        Error::Unexpected(anyhow::anyhow!(
            "the built-in census table does not read: {problems:?}"
        ))
    })?;
    store(&mut tx, None, &details, &rows, true).await?;
    tx.commit().await?;
    Ok(())
}

/// Reads a population CSV whole (it is a few hundred rows): every problem, by line.
pub fn read_table(
    file: impl Read,
) -> std::result::Result<Vec<(String, BroadGroup, u64)>, Vec<RowProblem>> {
    // Headings read as a record like the others, so that every line number is the file's.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(Lines::new(file));
    let problem = |line: u64, column: &str, reason: String| RowProblem::new(line, column, reason);
    let mut record = csv::StringRecord::new();
    let headings: Vec<String> = match reader.read_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').trim().to_lowercase())
            .collect(),
        Err(e) => {
            return Err(vec![problem(
                1,
                "(file)",
                format!("cannot be read as CSV: {e}"),
            )])
        }
        Ok(false) => return Err(vec![problem(1, "(file)", "is empty".into())]),
    };
    let find = |names: &[&str]| headings.iter().position(|h| names.contains(&h.as_str()));
    let (Some(code_at), Some(group_at), Some(people_at)) = (
        find(&["area_code", "pfa_code"]),
        find(&["ethnic_group"]),
        find(&["population"]),
    ) else {
        return Err(vec![problem(
            1,
            "(headings)",
            "needs the columns pfa_code (or area_code), ethnic_group and population".into(),
        )]);
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    loop {
        let more = reader.read_record(&mut record);
        let start = match &more {
            Ok(_) => record.position().map(|p| p.byte()).unwrap_or(0),
            Err(e) => e.position().map(|p| p.byte()).unwrap_or(0),
        };
        let line = reader.get_mut().line_at(start);
        match more {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                problems.push(problem(line, "(row)", format!("cannot be read: {e}")));
                if e.is_io_error() {
                    break;
                }
                continue;
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or_default().trim();
        let code = cell(code_at);
        if Force::by_area_code(code).is_none() {
            problems.push(problem(
                line,
                "pfa_code",
                format!("“{code}” is not the code of a police force area (E23…, W15…)"),
            ));
            continue;
        }
        let Some(group) = BroadGroup::from_label(cell(group_at)) else {
            problems.push(problem(
                line,
                "ethnic_group",
                format!(
                    "“{}” is not Asian, Black, Mixed, White or Other",
                    cell(group_at)
                ),
            ));
            continue;
        };
        let people = match cell(people_at).replace(',', "").parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                problems.push(problem(
                    line,
                    "population",
                    format!("“{}” is not a whole number of people", cell(people_at)),
                ));
                continue;
            }
        };
        let code = code.to_uppercase();
        if !seen.insert((code.clone(), group)) {
            problems.push(problem(
                line,
                "(row)",
                format!("{code} {} appears twice", group.label()),
            ));
            continue;
        }
        rows.push((code, group, people));
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(problem(2, "(file)", "has no rows".into()));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

async fn store(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    details: &TableDetails,
    rows: &[(String, BroadGroup, u64)],
    is_default: bool,
) -> Result<i64> {
    if is_default {
        sqlx::query("UPDATE population_tables SET is_default = 0")
            .execute(&mut *conn)
            .await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO population_tables (name, source, year, is_default, by_user, at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(&details.name)
    .bind(&details.source)
    .bind(details.year)
    .bind(i64::from(is_default))
    .bind(actor.and_then(|a| a.user_id).map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *conn)
    .await?;
    for (code, group, people) in rows {
        sqlx::query(
            "INSERT INTO populations (table_id, area_code, broad_group, people) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(code)
        .bind(group.as_str())
        .bind(*people as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Imports a person's own table; refused whole, with every problem, if any row is wrong.
pub async fn import(
    db: &Db,
    actor: &Actor,
    details: &TableDetails,
    make_default: bool,
    file: impl Read,
) -> Result<std::result::Result<i64, Vec<RowProblem>>> {
    actor.require(roles::OFFICE)?;
    let mut errors = domain::FieldErrors::default();
    if details.name.trim().is_empty() {
        errors.add(
            "name",
            "Enter a name for the table, like “ONS mid-2024 estimates”",
        );
    }
    if details.source.trim().is_empty() {
        errors.add("source", "Enter where the figures come from");
    }
    if !(1991..=2100).contains(&details.year) {
        errors.add("year", "Enter the year the figures are for, like 2024");
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let rows = match read_table(file) {
        Ok(rows) => rows,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut tx = db.begin().await?;
    let id = store(&mut tx, Some(actor), details, &rows, make_default).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("population_table.imported", "population_table", id).after(
            &serde_json::json!({
                "name": details.name, "source": details.source, "year": details.year,
                "rows": rows.len(), "default": make_default,
            }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Makes a table the default for every rate.
pub async fn choose_default(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(roles::OFFICE)?;
    let mut tx = db.begin().await?;
    sqlx::query("SELECT id FROM population_tables WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    sqlx::query("UPDATE population_tables SET is_default = CASE WHEN id = $1 THEN 1 ELSE 0 END")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("population_table.default", "population_table", id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A population table, as stored (`id, name, source, year`).
#[derive(sqlx::FromRow)]
struct TableRow {
    id: i64,
    name: String,
    source: String,
    year: i64,
}

impl From<TableRow> for Denominator {
    fn from(row: TableRow) -> Denominator {
        Denominator {
            table_id: row.id,
            name: row.name,
            source: row.source,
            year: row.year,
        }
    }
}

/// A table as the list of tables reads it: which is the default, too.
#[derive(sqlx::FromRow)]
struct ListedRow {
    #[sqlx(flatten)]
    table: TableRow,
    is_default: Flag,
}

/// Every table, the default first.
pub async fn tables(db: &Db) -> Result<Vec<(Denominator, bool)>> {
    let rows: Vec<ListedRow> = sqlx::query_as(
        "SELECT id, name, source, year, is_default FROM population_tables ORDER BY is_default DESC, id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.table.into(), row.is_default.0))
        .collect())
}

/// The table to use: the one asked for, or the default.
pub async fn chosen(db: &Db, id: Option<i64>) -> Result<Option<Denominator>> {
    let row: Option<TableRow> = match id {
        Some(id) => {
            sqlx::query_as("SELECT id, name, source, year FROM population_tables WHERE id = $1")
                .bind(id)
                .fetch_optional(db.pool())
                .await?
        }
        None => {
            sqlx::query_as(
                "SELECT id, name, source, year FROM population_tables ORDER BY is_default DESC, id DESC LIMIT 1",
            )
            .fetch_optional(db.pool())
            .await?
        }
    };
    Ok(row.map(Denominator::from))
}

/// A force area's people by group in a table (groups the table lacks are absent).
pub async fn of_area(db: &Db, table_id: i64, area_code: &str) -> Result<HashMap<BroadGroup, u64>> {
    let rows: Vec<(Key<BroadGroup>, i64)> = sqlx::query_as(
        "SELECT broad_group, people FROM populations WHERE table_id = $1 AND area_code = $2",
    )
    .bind(table_id)
    .bind(area_code)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(Key(group), people)| (group, people.max(0) as u64))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_census_table_reads_whole() {
        let rows = read_table(CENSUS_2021.as_bytes()).unwrap();
        assert_eq!(rows.len(), 43 * 5);
        let west_midlands_white = rows
            .iter()
            .find(|(code, group, _)| code == "E23000014" && *group == BroadGroup::White)
            .unwrap();
        assert!(west_midlands_white.2 > 1_000_000);
    }

    #[test]
    fn a_bad_table_is_refused_with_every_problem() {
        let file = "\u{feff}pfa_code,ethnic_group,population\r\n\
                    E23000014,Black,12000\r\n\
                    E99999999,Black,5\r\n\
                    E23000014,Purple,5\r\n\
                    E23000014,White,-3\r\n\
                    E23000014,Black,7\r\n";
        let problems = read_table(file.as_bytes()).unwrap_err();
        let lines: Vec<(u64, &str)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (3, "pfa_code"),
                (4, "ethnic_group"),
                (5, "population"),
                (6, "(row)")
            ]
        );
        assert!(read_table("a,b\n1,2\n".as_bytes()).unwrap_err()[0].column == "(headings)");
        let ok =
            read_table("area_code,ethnic_group,population\nw15000001,white,\"1,000\"\n".as_bytes())
                .unwrap();
        assert_eq!(ok, vec![("W15000001".to_owned(), BroadGroup::White, 1000)]);
    }
}
