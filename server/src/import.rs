//! `scrutineer import …`: data.police.uk stop-and-search files (CSV or zip) and population
//! tables from the command line, as the evidence pages import them, with progress shown.

use std::io::Write;
use std::path::PathBuf;

use services::audit::Actor;
use services::evidence::files::{self, Choices};

use crate::commands::{anyhow_from, open};
use crate::config::Settings;

/// Imports each file; prints a line per force's month and the rows it could not read.
/// Fails (exit status 1) if any file was refused.
pub async fn stop_search(
    settings: &Settings,
    paths: &[PathBuf],
    choices: &Choices,
) -> anyhow::Result<()> {
    let db = open(settings).await?;
    let actor = Actor::command_line();
    let mut refused = 0;
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let progress = |entry: &str, rows: u64| {
            eprint!("\r{entry}: {rows} rows read");
            let _ = std::io::stderr().flush();
        };
        let outcome = files::import_path(&db, &actor, path, &name, choices, &progress)
            .await
            .map_err(anyhow_from)?;
        eprint!("\r");
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(problem) => {
                eprintln!("{name}: not imported. {}", problem.label());
                refused += 1;
                continue;
            }
        };
        for entry in &outcome.passed_over {
            println!("{entry}: passed over (not a stop and search file)");
        }
        for report in &outcome.reports {
            if report.spreadsheet_edited {
                println!(
                    "{}: the file looks edited in a spreadsheet (dates, TRUE/FALSE or age ranges rewritten); read all the same",
                    report.file_name
                );
            }
            if report.checked_only {
                let searches: u64 = report.checked.iter().map(|c| c.searches).sum();
                println!(
                    "{}: {} {}: checked, nothing imported. {} rows read; {} searches of persons would be imported{}",
                    report.file_name,
                    report.force_name,
                    report.month.long(),
                    report.rows_read,
                    searches,
                    if report.rows_skipped + report.problems_total > 0 {
                        format!("; {} problems (refused unless --skip-bad-rows)", report.problems_total)
                    } else {
                        String::new()
                    },
                );
                for c in &report.checked {
                    println!(
                        "  {} · {}: {}",
                        if c.legislation.is_empty() {
                            "legislation not recorded"
                        } else {
                            &c.legislation
                        },
                        if c.group.is_empty() {
                            "ethnicity not stated"
                        } else {
                            &c.group
                        },
                        c.searches
                    );
                }
            } else if report.imported {
                println!(
                    "{}: {} {}: {} rows imported{}{} (sha256 {})",
                    report.file_name,
                    report.force_name,
                    report.month.long(),
                    report.rows_imported,
                    if report.rows_skipped > 0 {
                        format!(", {} skipped", report.rows_skipped)
                    } else {
                        String::new()
                    },
                    if report.replaced {
                        ", replacing the month imported before"
                    } else {
                        ""
                    },
                    report.checksum,
                );
            } else if report.asks() {
                refused += 1;
                println!(
                    "{}: NOT imported yet: labels no one has said the meaning of; map them on /evidence/imports/{} and the import continues",
                    report.file_name, report.id
                );
            } else {
                refused += 1;
                println!(
                    "{}: NOT imported, {} problems; nothing was saved:",
                    report.file_name, report.problems_total
                );
            }
            for label in &report.unknown_labels {
                println!(
                    "  {} \"{}\" is not known: {} rows",
                    label.kind.label(),
                    label.label,
                    label.count
                );
            }
            for p in report.problems.iter().take(20) {
                println!("  line {}, {}: {}", p.line, p.column, p.reason);
            }
            if report.problems_total > 20 {
                println!("  … and {} more", report.problems_total - 20);
            }
        }
    }
    db.close().await;
    if refused > 0 {
        anyhow::bail!("{refused} file(s) were not imported; run again with --skip-bad-rows to import the rows that can be read");
    }
    Ok(())
}

/// Imports a population table (`pfa_code,ethnic_group,population`).
pub async fn population(
    settings: &Settings,
    path: &PathBuf,
    details: services::evidence::populations::TableDetails,
    make_default: bool,
) -> anyhow::Result<()> {
    let db = open(settings).await?;
    let file = std::fs::File::open(path)?;
    let outcome = services::evidence::populations::import(
        &db,
        &Actor::command_line(),
        &details,
        make_default,
        std::io::BufReader::new(file),
    )
    .await
    .map_err(anyhow_from)?;
    db.close().await;
    match outcome {
        Ok(id) => {
            println!("Population table {id} imported: {}", details.name);
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("  line {}, {}: {}", p.line, p.column, p.reason);
            }
            anyhow::bail!("the table was not imported ({} problems)", problems.len())
        }
    }
}

/// Imports a complaints file: all of it, or (with any bad row) none, the problems listed.
pub async fn complaints(settings: &Settings, path: &PathBuf) -> anyhow::Result<()> {
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let db = open(settings).await?;
    let actor = Actor::command_line();
    let (id, imported) = services::evidence::complaints::import(&db, &actor, &name, &bytes)
        .await
        .map_err(anyhow_from)?;
    let record = services::evidence::complaints::import_record(&db, &actor, id)
        .await
        .map_err(anyhow_from)?;
    db.close().await;
    if imported {
        println!("{name}: {} rows imported (import {id})", record.rows);
        Ok(())
    } else {
        for p in &record.problems {
            eprintln!("  line {}, {}: {}", p.line, p.column, p.reason);
        }
        anyhow::bail!(
            "{name} was not imported ({} problems); nothing was saved",
            record.problems.len()
        )
    }
}
