//! Reading data.police.uk's stop-and-search files into the database, one force's month at
//! a time, streamed: the file is read on a blocking thread in batches of rows, each batch
//! written in a short transaction of its own under an import marked as loading; the month's
//! figures are replaced whole in one short transaction at the end, or left as they were.
//!
//! Blank cells are "not recorded", never an error. A row that cannot be read (a bad date, a
//! wrong number of cells, bytes that are not UTF-8, a label outside the known sets) is
//! reported with its line, column and reason; a file with any such row is refused whole
//! unless the person chose to skip bad rows. Every import, refused or not, is kept and
//! audited with its checksum.

use std::collections::HashMap;
use std::io::Read;

use domain::evidence::{
    AgeRange, BroadGroup, Force, Gender, ImportReport, LabelKind, Month, RowProblem, SearchType,
    UnknownLabel,
};
use domain::roles;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::lines::Lines;
pub(crate) use super::search::Search;
use crate::audit::{self, Actor, Change};
use crate::db::codec::Key;
use crate::{Backend, Db, Result};

/// The columns of a data.police.uk stop-and-search file, in its order.
pub const COLUMNS: [&str; 15] = [
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
];

/// Rows written per INSERT: 21 values each, well under both databases' limits on bound
/// values, and few enough statements that the database, not the round trips, sets the pace.
const BATCH: usize = 400;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub file_name: String,
    pub force: Force,
    pub month: Month,
    /// Import the rows that can be read and list the rest, instead of refusing the file.
    pub skip_bad_rows: bool,
    /// Only check the file: say what would be imported, asked or skipped; change nothing.
    pub check_only: bool,
}

/// The labels' meanings, read from the database once per import.
pub(crate) struct Labels {
    ethnicity: HashMap<String, Option<BroadGroup>>,
    outcomes: HashMap<String, domain::evidence::Outcome>,
}

impl Labels {
    pub(crate) async fn load(conn: &mut AnyConnection) -> Result<Labels> {
        let mut ethnicity = HashMap::new();
        let labels: Vec<(String, Option<Key<BroadGroup>>)> =
            sqlx::query_as("SELECT label, broad_group FROM ethnicity_labels")
                .fetch_all(&mut *conn)
                .await?;
        for (label, group) in labels {
            ethnicity.insert(folded(&label), group.map(|group| group.0));
        }
        let mut outcomes = HashMap::new();
        let labels: Vec<(String, Key<domain::evidence::Outcome>)> =
            sqlx::query_as("SELECT label, outcome FROM outcome_labels")
                .fetch_all(&mut *conn)
                .await?;
        for (label, outcome) in labels {
            outcomes.insert(folded(&label), outcome.0);
        }
        Ok(Labels {
            ethnicity,
            outcomes,
        })
    }
}

/// Labels compare without regard to case, spaces (of any kind, anywhere: "Black/
/// African" is "Black/African"), the dash a spreadsheet put in, or the 2001 Census code
/// older files put after them ("(B2)").
pub(crate) fn folded(label: &str) -> String {
    let label = label.trim();
    let without_code = match label
        .rsplit_once('(')
        .and_then(|(before, code)| Some((before, code.strip_suffix(')')?)))
    {
        Some((before, code))
            if (1..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            before
        }
        _ => label,
    };
    // Dashes go too: files have written the same label "White - White British",
    // "White – White British" and "White White British".
    without_code
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | '‐' | '‑'))
        .collect::<String>()
        .to_lowercase()
}

/// Where each known column is in this file (files have always had all fifteen, but
/// reading by heading keeps a reordered export readable).
struct Layout {
    at: [usize; 15],
    width: usize,
}

impl Layout {
    fn of(headings: &csv::ByteRecord) -> std::result::Result<Layout, RowProblem> {
        let names: Vec<String> = headings
            .iter()
            .map(|h| folded(String::from_utf8_lossy(h).trim_start_matches('\u{feff}')))
            .collect();
        let mut at = [0; 15];
        let mut missing = Vec::new();
        for (i, column) in COLUMNS.iter().enumerate() {
            match names.iter().position(|n| *n == folded(column)) {
                Some(p) => at[i] = p,
                None => missing.push(*column),
            }
        }
        if !missing.is_empty() {
            return Err(RowProblem {
                line: 1,
                column: "(headings)".into(),
                reason: format!(
                    "This is not a data.police.uk stop and search file: the columns {} are missing",
                    missing.join(", ")
                ),
            });
        }
        Ok(Layout {
            at,
            width: headings.len(),
        })
    }
}

/// Reads one record into a search, or says what is wrong with it (every problem, by column).
fn read_search(
    record: &csv::ByteRecord,
    line: u64,
    layout: &Layout,
    labels: &Labels,
    unknown: &mut Vec<(LabelKind, String)>,
) -> std::result::Result<Search, Vec<RowProblem>> {
    let problem = |column: &str, reason: String| RowProblem::new(line, column, reason);
    if record.len() != layout.width {
        return Err(vec![problem(
            "(row)",
            format!(
                "has {} cells where the headings have {}",
                record.len(),
                layout.width
            ),
        )]);
    }
    let mut problems = Vec::new();
    // Each cell as text, None when blank.
    let mut cells: [Option<&str>; 15] = [None; 15];
    for (i, column) in COLUMNS.iter().enumerate() {
        let bytes = record.get(layout.at[i]).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let text = text.trim();
                cells[i] = (!text.is_empty()).then_some(text);
            }
            Err(e) => problems.push(problem(
                column,
                format!(
                    "is not UTF-8 text (byte {} of the cell cannot be read)",
                    e.valid_up_to() + 1
                ),
            )),
        }
    }
    let [kind, at, part_of_operation, operation, latitude, longitude, gender, age_range, self_defined, officer, legislation, object, outcome, linked, outer] =
        cells;

    // What a spreadsheet did to the file, if anything: read all the same, and said.
    let mut spreadsheet = false;
    let kind = match kind {
        None => Err("is blank: every search has a type".to_owned()),
        Some(text) => SearchType::from_label(text).ok_or_else(|| {
            format!("“{text}” is not a type of search (Person search, Person and Vehicle search, Vehicle search)")
        }),
    };
    let at = match at {
        None => Err("is blank: every search has a date".to_owned()),
        Some(text) => searched_at(text).map(|(at, edited)| {
            spreadsheet |= edited;
            at
        }),
    };
    let gender = match gender {
        None => Ok(None),
        Some(t) => Gender::from_label(t)
            .map(Some)
            .ok_or_else(|| format!("“{t}” is not a gender the files use (Male, Female, Other)")),
    };
    let age_range = match age_range {
        None => Ok(None),
        Some(t) => AgeRange::from_label(t)
            .or_else(|| {
                let read = spreadsheet_age(t);
                spreadsheet |= read.is_some();
                read
            })
            .map(Some)
            .ok_or_else(|| {
                format!(
                "“{t}” is not an age range the files use (under 10, 10-17, 18-24, 25-34, over 34)"
            )
            }),
    };
    // A label nobody has mapped is a question for the office, not a problem with the row.
    let self_group: std::result::Result<Option<BroadGroup>, String> = match self_defined {
        None => Ok(None),
        Some(t) => Ok(labels
            .ethnicity
            .get(&folded(t))
            .copied()
            .unwrap_or_else(|| {
                unknown.push((LabelKind::Ethnicity, t.to_owned()));
                None
            })),
    };
    let officer_group = match officer {
        None => Ok(None),
        Some(t) => BroadGroup::from_label(t).map(Some).ok_or_else(|| {
            format!("“{t}” is not an officer-defined ethnicity (Asian, Black, Mixed, White, Other)")
        }),
    };
    let outcome_read: std::result::Result<Option<domain::evidence::Outcome>, String> = match outcome
    {
        None => Ok(None),
        Some(t) => Ok(labels.outcomes.get(&folded(t)).copied().or_else(|| {
            unknown.push((LabelKind::Outcome, t.to_owned()));
            None
        })),
    };
    spreadsheet |= [part_of_operation, linked, outer]
        .iter()
        .any(|cell| matches!(cell, Some("TRUE" | "FALSE")));
    let mut cell = Cells {
        line,
        problems: &mut problems,
    };
    let search = Search {
        line,
        kind: cell.take(COLUMNS[0], kind).unwrap_or(SearchType::Person),
        at: cell.take(COLUMNS[1], at).unwrap_or_default(),
        part_of_operation: cell.take(COLUMNS[2], flag(part_of_operation)).flatten(),
        operation: operation.map(str::to_owned),
        latitude: cell.take(COLUMNS[4], coordinate(latitude, 90.0)).flatten(),
        longitude: cell
            .take(COLUMNS[5], coordinate(longitude, 180.0))
            .flatten(),
        gender: cell.take(COLUMNS[6], gender).flatten(),
        age_range: cell.take(COLUMNS[7], age_range).flatten(),
        self_defined: self_defined.map(str::to_owned),
        self_group: cell.take(COLUMNS[8], self_group).flatten(),
        officer_group: cell.take(COLUMNS[9], officer_group).flatten(),
        legislation: legislation.map(str::to_owned),
        object: object.map(str::to_owned),
        outcome_label: outcome.map(str::to_owned),
        outcome: cell.take(COLUMNS[12], outcome_read).flatten(),
        linked: cell.take(COLUMNS[13], flag(linked)).flatten(),
        outer_clothing: cell.take(COLUMNS[14], flag(outer)).flatten(),
        spreadsheet,
    };
    if problems.is_empty() {
        Ok(search)
    } else {
        Err(problems)
    }
}

/// Gathers each cell's problem, by column, while a row is read.
struct Cells<'a> {
    line: u64,
    problems: &'a mut Vec<RowProblem>,
}

impl Cells<'_> {
    fn take<T>(&mut self, column: &str, read: std::result::Result<T, String>) -> Option<T> {
        read.map_err(|reason| {
            self.problems
                .push(RowProblem::new(self.line, column, reason))
        })
        .ok()
    }
}

/// True, False or blank.
fn flag(text: Option<&str>) -> std::result::Result<Option<bool>, String> {
    match text {
        None => Ok(None),
        Some(t) if t.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(t) if t.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(t) => Err(format!("“{t}” is not True or False")),
    }
}

/// A latitude or longitude, kept as written.
fn coordinate(text: Option<&str>, limit: f64) -> std::result::Result<Option<String>, String> {
    match text {
        None => Ok(None),
        Some(t) => match t.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= limit => Ok(Some(t.to_owned())),
            _ => Err(format!("“{t}” is not a coordinate")),
        },
    }
}

/// The search's date and time: kept as the file wrote it when it is data.police.uk's own
/// (`2026-09-01T10:30:00+00:00`, or without the offset); as a spreadsheet rewrites it
/// (`04/11/2026 13:15`, `2026-11-04 13:15:00`), read and written the files' way, with
/// `true` to say so.
fn searched_at(text: &str) -> std::result::Result<(String, bool), String> {
    let refused = || format!("“{text}” is not a date and time like 2026-09-01T10:30:00+00:00");
    if chrono::DateTime::parse_from_rfc3339(text).is_ok() {
        return Ok((text.to_owned(), false));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if chrono::NaiveDateTime::parse_from_str(text, format).is_ok() {
            return Ok((text.to_owned(), false));
        }
    }
    for format in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ] {
        if let Ok(at) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Ok((at.format("%Y-%m-%dT%H:%M:%S").to_string(), true));
        }
    }
    Err(refused())
}

/// An age range a spreadsheet took for a date: 10-17 shown as "Oct-17" or "17-Oct".
fn spreadsheet_age(text: &str) -> Option<AgeRange> {
    let lower = text.trim().to_ascii_lowercase();
    matches!(lower.as_str(), "oct-17" | "17-oct" | "oct 17" | "17 oct")
        .then_some(AgeRange::From10To17)
}

/// Counts and hashes the bytes read through it.
struct Checked<R> {
    inner: R,
    hash: Sha256,
    bytes: u64,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// A batch of rows read, on its way from the reading thread to the database.
struct Batch {
    searches: Vec<Search>,
    rows_read: u64,
}

/// What reading a whole file found, apart from the rows sent on in batches.
struct FileRead {
    problems: Vec<RowProblem>,
    problems_total: u64,
    rows_read: u64,
    rows_bad: u64,
    vehicle_only: u64,
    headings_read: bool,
    checksum: String,
    spreadsheet_edited: bool,
    /// Labels no one has mapped, by kind and label as first written, with their rows.
    unknown: std::collections::BTreeMap<(&'static str, String), (String, u64)>,
}

/// Reads the file to its end on a blocking thread (parsing a large file would otherwise
/// hold an async worker for seconds), sending the rows that can be kept in batches. Once
/// the file is sure to be refused (a bad row, not skipping), no more rows are sent, but
/// reading goes on so that every problem is listed.
fn read_file<R: Read>(
    file: R,
    labels: &Labels,
    skip_bad_rows: bool,
    check_only: bool,
    send: &dyn Fn(Batch) -> bool,
) -> FileRead {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(Lines::new(Checked {
            inner: file,
            hash: Sha256::new(),
            bytes: 0,
        }));
    let mut read = FileRead {
        problems: Vec::new(),
        problems_total: 0,
        rows_read: 0,
        rows_bad: 0,
        vehicle_only: 0,
        headings_read: false,
        checksum: String::new(),
        spreadsheet_edited: false,
        unknown: Default::default(),
    };
    let mut unknown = Vec::new();
    let note = |found: Vec<RowProblem>, read: &mut FileRead| {
        read.problems_total += found.len() as u64;
        for p in found {
            if read.problems.len() < ImportReport::PROBLEMS_KEPT {
                read.problems.push(p.shortened());
            }
        }
    };
    let mut batch: Vec<Search> = Vec::with_capacity(BATCH);
    let mut sending = true;
    let mut record = csv::ByteRecord::new();
    let mut layout: Option<Layout> = None;
    loop {
        let more = match csv.read_byte_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                let start = e.position().map(|p| p.byte()).unwrap_or(0);
                let line = csv.get_mut().line_at(start);
                note(
                    vec![RowProblem {
                        line,
                        column: "(file)".into(),
                        reason: format!("cannot be read as CSV: {e}"),
                    }],
                    &mut read,
                );
                read.rows_bad += 1;
                break;
            }
        };
        if !more {
            break;
        }
        let start = record.position().map(|p| p.byte()).unwrap_or(0);
        let line = csv.get_mut().line_at(start);
        let Some(known) = &layout else {
            match Layout::of(&record) {
                Ok(l) => layout = Some(l),
                Err(p) => {
                    note(vec![p], &mut read);
                    read.rows_bad += 1;
                    break;
                }
            }
            continue;
        };
        // A spreadsheet's trailing empty lines are not rows.
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        read.rows_read += 1;
        let found = read_search(&record, line, known, labels, &mut unknown);
        if !unknown.is_empty() {
            for (kind, label) in unknown.drain(..) {
                let entry = read
                    .unknown
                    .entry((kind.as_str(), folded(&label)))
                    .or_insert_with(|| (label, 0));
                entry.1 += 1;
            }
            // The import waits for the office: nothing more is written (a check counts on).
            sending = check_only;
        }
        match found {
            Ok(search) => {
                read.spreadsheet_edited |= search.spreadsheet;
                if !search.kind.of_a_person() {
                    read.vehicle_only += 1;
                }
                if sending {
                    batch.push(search);
                    if batch.len() == BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                        sending = send(Batch {
                            searches: full,
                            rows_read: read.rows_read,
                        });
                    }
                }
            }
            Err(found) => {
                read.rows_bad += 1;
                note(found, &mut read);
                if !skip_bad_rows && !check_only {
                    sending = false;
                }
            }
        }
    }
    read.headings_read = layout.is_some();
    if layout.is_none() && read.problems.is_empty() {
        note(
            vec![RowProblem {
                line: 1,
                column: "(file)".into(),
                reason: "is empty: a stop and search file starts with its headings".into(),
            }],
            &mut read,
        );
        read.rows_bad += 1;
    }
    if sending && !batch.is_empty() {
        send(Batch {
            searches: batch,
            rows_read: read.rows_read,
        });
    }
    // The checksum is of the whole file, read to its end even when reading stopped early.
    let mut checked = csv.into_inner().into_inner();
    let _ = std::io::copy(&mut checked, &mut std::io::sink());
    read.checksum = crate::hex(&checked.hash.finalize());
    read
}

/// Imports one file. A refused file leaves the figures as they were, apart from the record
/// of the refusal (and its audit event).
///
/// The file is read on a blocking thread, and its rows written in short transactions under
/// an import marked as loading, which nothing reads; the figures change in one short
/// transaction at the end, and the month's earlier rows are removed after it, a few
/// thousand at a time. So writers never wait on an import for longer than one batch: a
/// 68 MB file once held SQLite's write lock for its whole run, and sign-ins failed beside it.
pub async fn import<R: Read + Send + 'static>(
    db: &Db,
    actor: &Actor,
    request: &ImportRequest,
    file: R,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportReport> {
    actor.require(roles::OFFICE)?;
    let labels = Labels::load(&mut *db.pool().acquire().await?).await?;
    let import_id = begin_loading(db, actor, request).await?;
    let written = write_rows(db, import_id, request, file, labels, progress).await;
    let (read, rows_imported, counts) = match written {
        Ok(done) => done,
        Err(error) => {
            // Best effort: anything left is removed at the next start (`abandon_unfinished`).
            let _ = discard_rows(db, request, import_id).await;
            let _ = sqlx::query("DELETE FROM stop_search_imports WHERE id = $1 AND loading = 1")
                .bind(import_id)
                .execute(db.pool())
                .await;
            return Err(error);
        }
    };
    let replaced = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) AS n FROM stop_search_imports
         WHERE force = $1 AND month = $2 AND outcome = 'imported' AND loading = 0",
    )
    .bind(request.force.slug)
    .bind(request.month.to_string())
    .fetch_one(db.pool())
    .await?
        > 0;
    let unknown_labels: Vec<UnknownLabel> = read
        .unknown
        .iter()
        .map(|((kind, _), (label, count))| UnknownLabel {
            kind: LabelKind::parse(kind).unwrap_or(LabelKind::Ethnicity),
            label: label.clone(),
            count: *count,
        })
        .collect();
    // A file whose headings cannot be read has no good rows to keep, skip or not; one with
    // labels no one has mapped waits for the office; a check imports nothing.
    let refused = request.check_only
        || !unknown_labels.is_empty()
        || (read.rows_bad > 0 && (!request.skip_bad_rows || !read.headings_read));
    let checked = if request.check_only {
        counts.summary()
    } else {
        Vec::new()
    };
    let report = ImportReport {
        id: import_id,
        force_slug: request.force.slug.to_owned(),
        force_name: request.force.name.to_owned(),
        month: request.month,
        file_name: request.file_name.clone(),
        checksum: read.checksum.clone(),
        imported: !refused,
        rows_read: read.rows_read,
        rows_imported: if refused { 0 } else { rows_imported },
        rows_skipped: if refused { 0 } else { read.rows_bad },
        vehicle_only: if refused { 0 } else { read.vehicle_only },
        problems: read.problems.clone(),
        problems_total: read.problems_total,
        replaced: !refused && replaced,
        by: actor.label.clone(),
        at: crate::rfc3339(crate::now()),
        spreadsheet_edited: read.spreadsheet_edited,
        unknown_labels,
        checked_only: request.check_only,
        checked,
        continued_as: None,
    };
    let problems_json = serde_json::to_string(&read.problems).unwrap_or_else(|_| "[]".into());
    if refused {
        discard_rows(db, request, import_id).await?;
    }
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE stop_search_imports SET outcome = $1, checksum = $2, rows_read = $3,
             rows_imported = $4, rows_skipped = $5, problems = $6, vehicle_only = $7,
             problems_total = $8, loading = 0, spreadsheet_edited = $10, unknown_labels = $11,
             checked_only = $12, check_summary = $13
         WHERE id = $9",
    )
    .bind(if refused { "refused" } else { "imported" })
    .bind(&read.checksum)
    .bind(report.rows_read as i64)
    .bind(report.rows_imported as i64)
    .bind(report.rows_skipped as i64)
    .bind(&problems_json)
    .bind(report.vehicle_only as i64)
    .bind(read.problems_total as i64)
    .bind(import_id)
    .bind(i64::from(report.spreadsheet_edited))
    .bind(serde_json::to_string(&report.unknown_labels).unwrap_or_else(|_| "[]".into()))
    .bind(i64::from(report.checked_only))
    .bind(serde_json::to_string(&report.checked).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *tx)
    .await?;
    if !refused {
        super::counts::replace(
            &mut tx,
            db.backend(),
            request.force.slug,
            request.month,
            &counts,
        )
        .await?;
    }
    let action = if request.check_only {
        "stop_search.checked"
    } else if report.asks() {
        "stop_search.asked"
    } else if refused {
        "stop_search.refused"
    } else {
        "stop_search.imported"
    };
    audit::record(
        &mut tx,
        actor,
        Change::new(action, "stop_search_import", import_id).after(&audit_view(&report)),
    )
    .await?;
    tx.commit().await?;
    if !refused {
        remove_earlier_rows(db, request, import_id).await?;
    }
    Ok(report)
}

/// Starts an import's record, marked as loading. One import of a force's month at a time:
/// two at once would each remove the other's rows.
async fn begin_loading(db: &Db, actor: &Actor, request: &ImportRequest) -> Result<i64> {
    let mut tx = db.begin().await?;
    let under_way: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stop_search_imports WHERE force = $1 AND month = $2 AND loading = 1",
    )
    .bind(request.force.slug)
    .bind(request.month.to_string())
    .fetch_one(&mut *tx)
    .await?;
    if under_way > 0 {
        return Err(crate::Error::invalid(
            "file",
            format!(
                "{} for {} is being imported already: wait for that import to finish",
                request.force.name,
                request.month.long()
            ),
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO stop_search_imports
             (force, month, file_name, checksum, outcome, rows_read, rows_imported, rows_skipped, problems, by_user, at, loading)
         VALUES ($1, $2, $3, '', 'imported', 0, 0, 0, '[]', $4, $5, 1) RETURNING id",
    )
    .bind(request.force.slug)
    .bind(request.month.to_string())
    .bind(&request.file_name)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Reads the file on a blocking thread and writes what it sends, a batch per transaction;
/// the counts the figures need are added up on the way.
async fn write_rows<R: Read + Send + 'static>(
    db: &Db,
    import_id: i64,
    request: &ImportRequest,
    file: R,
    labels: Labels,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(FileRead, u64, super::counts::Counts)> {
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Batch>(2);
    let (skip, check_only) = (request.skip_bad_rows, request.check_only);
    let reader = tokio::task::spawn_blocking(move || {
        read_file(file, &labels, skip, check_only, &|batch| {
            sender.blocking_send(batch).is_ok()
        })
    });
    let mut counts = super::counts::Counts::default();
    let mut rows_imported = 0;
    while let Some(batch) = batches.recv().await {
        counts.add(&batch.searches);
        if check_only {
            continue;
        }
        db.give_way().await;
        let mut tx = db.begin().await?;
        rows_imported += insert(&mut tx, db.backend(), import_id, request, &batch.searches).await?;
        tx.commit().await?;
        progress(batch.rows_read);
    }
    let read = reader
        .await
        .map_err(|e| anyhow::anyhow!("reading a stop and search file: {e}"))?;
    Ok((read, rows_imported, counts))
}

/// Rows removed at most this many per transaction (a few tens of milliseconds).
const REMOVED_AT_ONCE: i64 = 2_000;

/// Removes an unfinished or refused import's rows, a few thousand per transaction.
async fn discard_rows(db: &Db, request: &ImportRequest, import_id: i64) -> Result<()> {
    remove_rows(
        db,
        request.force.slug,
        &request.month.to_string(),
        "import_id = $3",
        import_id,
    )
    .await
}

/// Removes the rows of the imports a finished one replaced (always older: one import of a
/// month runs at a time).
async fn remove_earlier_rows(db: &Db, request: &ImportRequest, import_id: i64) -> Result<()> {
    remove_rows(
        db,
        request.force.slug,
        &request.month.to_string(),
        "import_id < $3",
        import_id,
    )
    .await
}

async fn remove_rows(db: &Db, force: &str, month: &str, which: &str, import_id: i64) -> Result<()> {
    let sql = format!(
        "DELETE FROM stop_searches WHERE id IN (
             SELECT id FROM stop_searches WHERE force = $1 AND month = $2 AND {which} LIMIT {REMOVED_AT_ONCE})"
    );
    loop {
        db.give_way().await;
        let mut tx = db.begin().await?;
        let removed = sqlx::query(&sql)
            .bind(force)
            .bind(month)
            .bind(import_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        if removed == 0 {
            return Ok(());
        }
    }
}

/// Imports left loading by a server that stopped part way (older than an hour, so that
/// another server's import under way is left alone): their rows and records removed.
pub async fn abandon_unfinished(db: &Db) -> Result<u64> {
    let stale: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, force, month FROM stop_search_imports WHERE loading = 1 AND at < $1",
    )
    .bind(crate::now() - 3600)
    .fetch_all(db.pool())
    .await?;
    for (id, force, month) in &stale {
        let id = *id;
        remove_rows(db, force, month, "import_id = $3", id).await?;
        sqlx::query("DELETE FROM stop_search_imports WHERE id = $1 AND loading = 1")
            .bind(id)
            .execute(db.pool())
            .await?;
    }
    Ok(stale.len() as u64)
}

/// What the audit trail keeps of an import: the file and its counts, not its problems.
fn audit_view(report: &ImportReport) -> serde_json::Value {
    serde_json::json!({
        "force": report.force_slug,
        "month": report.month.to_string(),
        "file": report.file_name,
        "sha256": report.checksum,
        "rows_read": report.rows_read,
        "rows_imported": report.rows_imported,
        "rows_skipped": report.rows_skipped,
        "problems": report.problems_total,
        "replaced": report.replaced,
    })
}

/// Writes a batch in one statement; returns how many rows it wrote.
async fn insert(
    conn: &mut AnyConnection,
    backend: Backend,
    import_id: i64,
    request: &ImportRequest,
    batch: &[Search],
) -> Result<u64> {
    if batch.is_empty() {
        return Ok(0);
    }
    const COLUMNS_PER_ROW: usize = 21;
    let mut sql = String::from(
        "INSERT INTO stop_searches (import_id, force, month, line, search_type, searched_at,
             part_of_operation, operation, latitude, longitude, gender, age_range, self_defined,
             self_group, officer_group, legislation, object_of_search, outcome_label, outcome,
             outcome_linked, outer_clothing_removed) VALUES ",
    );
    for i in 0..batch.len() {
        sql.push_str(if i == 0 { "(" } else { ",(" });
        sql.push_str(&crate::db::placeholders(
            backend,
            i * COLUMNS_PER_ROW,
            COLUMNS_PER_ROW,
        ));
        sql.push(')');
    }
    let month = request.month.to_string();
    let flag = |b: Option<bool>| b.map(i64::from);
    let mut query = sqlx::query(&sql);
    for s in batch {
        query = query
            .bind(import_id)
            .bind(request.force.slug)
            .bind(month.clone())
            .bind(s.line as i64)
            .bind(s.kind.as_str())
            .bind(s.at.clone())
            .bind(flag(s.part_of_operation))
            .bind(s.operation.clone())
            .bind(s.latitude.clone())
            .bind(s.longitude.clone())
            .bind(s.gender.map(|g| g.as_str()))
            .bind(s.age_range.map(|a| a.as_str()))
            .bind(s.self_defined.clone())
            .bind(s.self_group.map(|g| g.as_str()))
            .bind(s.officer_group.map(|g| g.as_str()))
            .bind(s.legislation.clone())
            .bind(s.object.clone())
            .bind(s.outcome_label.clone())
            .bind(s.outcome.map(|o| o.as_str()))
            .bind(flag(s.linked))
            .bind(flag(s.outer_clothing));
    }
    let done = query.execute(&mut *conn).await?;
    Ok(done.rows_affected())
}
