//! Files as people bring them: one data.police.uk CSV, several, or the zip of monthly
//! folders the site's custom download produces (its street and outcomes files are passed
//! over). Each stop-and-search file is one force's month, imported on its own.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use domain::evidence::{Force, ImportReport, Month, UploadProblem};

use super::import::{import, ImportRequest};
use crate::audit::Actor;
use crate::common::spooled::Spooled;
use crate::{Db, Error, Result};

/// How a person asked for a file to be read.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// A force's slug, when the file's name does not say.
    pub force: Option<String>,
    /// A month (`2026-09`), when the file's name does not say.
    pub month: Option<String>,
    pub skip_bad_rows: bool,
    /// Only check the files: import nothing.
    pub check_only: bool,
}

/// What happened to each file of an upload or a command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub reports: Vec<ImportReport>,
    /// Files in a zip that are not stop-and-search files, passed over.
    pub passed_over: Vec<String>,
}

fn is_zip(file: &mut File) -> std::io::Result<bool> {
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic)?;
    file.rewind()?;
    Ok(n == 4 && magic == *b"PK\x03\x04")
}

/// The force and month of a file: as chosen, or as its name says.
pub fn force_and_month(
    name: &str,
    choices: &Choices,
) -> std::result::Result<(Force, Month), UploadProblem> {
    let named = domain::evidence::stop_search_file_name(name);
    let force = match choices
        .force
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(slug) => Force::by_slug(slug).ok_or(UploadProblem::BadForce)?,
        None => named.map(|(_, f)| f).ok_or(UploadProblem::NoForce)?,
    };
    let month = match choices
        .month
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(text) => Month::parse(text).map_err(|_| UploadProblem::BadMonth)?,
        None => named.map(|(m, _)| m).ok_or(UploadProblem::NoMonth)?,
    };
    Ok((force, month))
}

/// Imports the file at `path`, which people know as `name` (its name says the force and
/// month, unless `choices` do). A zip's stop-and-search files are each imported. A file
/// that cannot be started on at all is refused with the reason, nothing read.
pub async fn import_path(
    db: &Db,
    actor: &Actor,
    path: &Path,
    name: &str,
    choices: &Choices,
    progress: &(dyn Fn(&str, u64) + Sync),
) -> Result<std::result::Result<Outcome, UploadProblem>> {
    actor.require(domain::roles::OFFICE)?;
    let io =
        |e: std::io::Error| Error::Unexpected(anyhow::Error::new(e).context("reading an upload"));
    let mut file = File::open(path).map_err(io)?;
    let mut outcome = Outcome::default();
    if !is_zip(&mut file).map_err(io)? {
        let (force, month) = match force_and_month(name, choices) {
            Ok(known) => known,
            Err(problem) => return Ok(Err(problem)),
        };
        let request = ImportRequest {
            file_name: name.to_owned(),
            force,
            month,
            skip_bad_rows: choices.skip_bad_rows,
            check_only: choices.check_only,
        };
        let report = import(db, actor, &request, BufReader::new(file), &|rows| {
            progress(name, rows)
        })
        .await?;
        keep_if_asked(db, actor, &report, path, choices).await?;
        outcome.reports.push(report);
        return Ok(Ok(outcome));
    }
    // Unpacked on a blocking thread, within limits: a 4 MB upload once inflated to a
    // 4 GB temporary file in a request the deadline could not stop.
    let zipped = path.to_owned();
    let unpacked = tokio::task::spawn_blocking(move || unpack(&zipped, ZipLimits::default()))
        .await
        .map_err(|e| Error::Unexpected(anyhow::anyhow!("unpacking a zip: {e}")))?;
    let unpacked = match unpacked {
        Ok(unpacked) => unpacked,
        Err(problem) => return Ok(Err(problem)),
    };
    outcome.passed_over = unpacked.passed_over;
    for (entry, spooled) in unpacked.files {
        let Ok((force, month)) = force_and_month(&entry, &Choices::default()) else {
            continue;
        };
        let request = ImportRequest {
            file_name: entry.clone(),
            force,
            month,
            skip_bad_rows: choices.skip_bad_rows,
            check_only: choices.check_only,
        };
        let file = File::open(&spooled.path).map_err(io)?;
        let report = import(db, actor, &request, BufReader::new(file), &|rows| {
            progress(&entry, rows)
        })
        .await?;
        keep_if_asked(db, actor, &report, &spooled.path, choices).await?;
        outcome.reports.push(report);
    }
    if outcome.reports.is_empty() {
        return Ok(Err(UploadProblem::EmptyZip));
    }
    Ok(Ok(outcome))
}

/// Keeps the file of an import that waits for the office to map its labels, so that the
/// import continues from it once they are mapped.
async fn keep_if_asked(
    db: &Db,
    actor: &Actor,
    report: &ImportReport,
    path: &Path,
    choices: &Choices,
) -> Result<()> {
    if !report.asks() {
        return Ok(());
    }
    if let Some((kept, _)) =
        super::kept::keep(db, actor, path, &report.file_name, choices.skip_bad_rows).await?
    {
        sqlx::query("UPDATE stop_search_imports SET kept_upload = $1 WHERE id = $2")
            .bind(kept)
            .bind(report.id)
            .execute(db.pool())
            .await?;
    }
    Ok(())
}

/// What a zip may unpack to. A month of the largest force is tens of MB of CSV, which
/// compresses about tenfold.
#[derive(Debug, Clone, Copy)]
pub struct ZipLimits {
    /// Bytes one file may unpack to.
    pub entry: u64,
    /// Bytes all the files together may unpack to.
    pub total: u64,
    /// How many times its packed size a file may unpack to (plus a megabyte for small files).
    pub ratio: u64,
}

impl Default for ZipLimits {
    fn default() -> ZipLimits {
        ZipLimits {
            entry: 1 << 30,
            total: 2 << 30,
            ratio: 100,
        }
    }
}

/// A zip's stop-and-search files, each copied out to a temporary file.
#[derive(Default)]
pub struct Unpacked {
    pub files: Vec<(String, Spooled)>,
    pub passed_over: Vec<String>,
}

/// Copies out the stop-and-search files of the zip at `path`, in name order, counting the
/// bytes as they come (the sizes a zip declares are not believed) and stopping at the
/// first file past `limits`.
pub fn unpack(path: &Path, limits: ZipLimits) -> std::result::Result<Unpacked, UploadProblem> {
    let file = File::open(path).map_err(|_| UploadProblem::NotZip)?;
    let mut archive = zip::ZipArchive::new(file).map_err(|_| UploadProblem::NotZip)?;
    let mut entries = archive
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<std::result::Result<Vec<String>, _>>()
        .map_err(|_| UploadProblem::NotZip)?;
    entries.sort();
    let mut unpacked = Unpacked::default();
    let mut total = 0u64;
    for entry in entries {
        if entry.ends_with('/') {
            continue;
        }
        if domain::evidence::stop_search_file_name(&entry).is_none() {
            unpacked.passed_over.push(entry);
            continue;
        }
        let mut inner = archive.by_name(&entry).map_err(|_| UploadProblem::NotZip)?;
        let allowed = limits.entry.min(limits.total.saturating_sub(total)).min(
            inner
                .compressed_size()
                .saturating_mul(limits.ratio)
                .saturating_add(1 << 20),
        );
        let spooled = Spooled::new();
        let mut out = File::create(&spooled.path).map_err(|_| UploadProblem::NotZip)?;
        let copied = std::io::copy(&mut (&mut inner).take(allowed + 1), &mut out)
            .map_err(|_| UploadProblem::NotZip)?;
        if copied > allowed {
            return Err(UploadProblem::ZipTooLarge);
        }
        total += copied;
        drop(inner);
        unpacked.files.push((entry, spooled));
    }
    Ok(unpacked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Spooled {
        let spooled = Spooled::new();
        let mut zip = zip::ZipWriter::new(File::create(&spooled.path).unwrap());
        for (name, data) in entries {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        spooled
    }

    const NAME: &str = "2026-09/2026-09-west-midlands-stop-and-search.csv";

    #[test]
    fn a_zip_bomb_is_refused_and_its_copy_removed() {
        // 8 MB of zeros packs to a few KB: far past a hundred times its packed size.
        let bomb = vec![0u8; 8 << 20];
        let zip = zip_of(&[(NAME, &bomb)]);
        assert!(std::fs::metadata(&zip.path).unwrap().len() < 64 * 1024);
        assert!(matches!(
            unpack(&zip.path, ZipLimits::default()),
            Err(UploadProblem::ZipTooLarge)
        ));
        // Each file, and all of them together.
        let text = b"Type,Date\n".repeat(1000);
        let zip = zip_of(&[(NAME, &text)]);
        let small = ZipLimits {
            entry: 1000,
            total: 1 << 30,
            ratio: 1000,
        };
        assert!(matches!(
            unpack(&zip.path, small),
            Err(UploadProblem::ZipTooLarge)
        ));
        let two = zip_of(&[
            (NAME, &text),
            ("2026-10/2026-10-west-midlands-stop-and-search.csv", &text),
        ]);
        let total = ZipLimits {
            entry: 1 << 30,
            total: 15_000,
            ratio: 1000,
        };
        assert!(matches!(
            unpack(&two.path, total),
            Err(UploadProblem::ZipTooLarge)
        ));
        let roomy = ZipLimits {
            entry: 1 << 30,
            total: 30_000,
            ratio: 1000,
        };
        let unpacked = unpack(&two.path, roomy).unwrap();
        assert_eq!(unpacked.files.len(), 2);
        assert_eq!(std::fs::read(&unpacked.files[0].1.path).unwrap(), text);
    }

    #[test]
    fn other_files_are_passed_over() {
        let zip = zip_of(&[
            (NAME, b"Type\n"),
            ("2026-09/2026-09-west-midlands-street.csv", b"x"),
        ]);
        let unpacked = unpack(&zip.path, ZipLimits::default()).unwrap();
        assert_eq!(unpacked.files.len(), 1);
        assert_eq!(
            unpacked.passed_over,
            ["2026-09/2026-09-west-midlands-street.csv"]
        );
    }
}
