//! Files as people bring them: one data.police.uk CSV, several, or the zip of monthly
//! folders the site's custom download produces (its street and outcomes files are passed
//! over). Each stop-and-search file is one force's month, imported on its own.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};

use domain::evidence::{Force, ImportReport, Month, UploadProblem};

use super::import::{import, ImportRequest};
use crate::audit::Actor;
use crate::{Db, Error, Result};

/// How a person asked for a file to be read.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// A force's slug, when the file's name does not say.
    pub force: Option<String>,
    /// A month (`2026-09`), when the file's name does not say.
    pub month: Option<String>,
    pub skip_bad_rows: bool,
}

/// What happened to each file of an upload or a command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub reports: Vec<ImportReport>,
    /// Files in a zip that are not stop-and-search files, passed over.
    pub passed_over: Vec<String>,
}

/// A temporary copy that removes itself.
pub struct Spooled {
    pub path: PathBuf,
}

impl Spooled {
    pub fn new() -> Spooled {
        let name = format!(
            "scrutineer-{}-{}.upload",
            std::process::id(),
            crate::accounts::tokens::new_token()
        );
        Spooled {
            path: std::env::temp_dir().join(name),
        }
    }
}

impl Default for Spooled {
    fn default() -> Self {
        Spooled::new()
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
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
        };
        outcome.reports.push(
            import(db, actor, &request, BufReader::new(file), &|rows| {
                progress(name, rows)
            })
            .await?,
        );
        return Ok(Ok(outcome));
    }
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(Err(UploadProblem::NotZip));
    };
    let Ok(mut entries) = archive
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<std::result::Result<Vec<String>, _>>()
    else {
        return Ok(Err(UploadProblem::NotZip));
    };
    entries.sort();
    for entry in entries {
        if entry.ends_with('/') {
            continue;
        }
        if domain::evidence::stop_search_file_name(&entry).is_none() {
            outcome.passed_over.push(entry);
            continue;
        }
        // Copied out first: a zip entry's reader cannot be held across the database's waits.
        let spooled = Spooled::new();
        {
            let Ok(mut inner) = archive.by_name(&entry) else {
                return Ok(Err(UploadProblem::NotZip));
            };
            let mut out = File::create(&spooled.path).map_err(io)?;
            if std::io::copy(&mut inner, &mut out).is_err() {
                return Ok(Err(UploadProblem::NotZip));
            }
        }
        let Ok((force, month)) = force_and_month(&entry, &Choices::default()) else {
            continue;
        };
        let request = ImportRequest {
            file_name: entry.clone(),
            force,
            month,
            skip_bad_rows: choices.skip_bad_rows,
        };
        let file = File::open(&spooled.path).map_err(io)?;
        outcome.reports.push(
            import(db, actor, &request, BufReader::new(file), &|rows| {
                progress(&entry, rows)
            })
            .await?,
        );
    }
    if outcome.reports.is_empty() {
        return Ok(Err(UploadProblem::EmptyZip));
    }
    Ok(Ok(outcome))
}
