use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::commands;
use server::config::{ServeSettings, Settings};

/// Allocation-heavy rendering on many threads: glibc's malloc took a quarter of the time
/// of a page under load, mimalloc much less (docs/PERFORMANCE.md, "Lean pages").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Scrutineer: the Police and Crime Commissioner's accountability tracker.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrates the database and serves the web application (the default).
    Serve(ServeSettings),
    /// Creates or upgrades the database schema, then exits.
    Migrate,
    /// Writes a checked copy of the SQLite database to FILE (a new file), while the server
    /// runs. On PostgreSQL use pg_dump (docs/OPERATIONS.md, "Backups").
    Backup { file: std::path::PathBuf },
    /// Restores a backup written by `backup` into the new, empty SQLite database that
    /// DATABASE_URL names, and migrates it.
    Restore { file: std::path::PathBuf },
    /// Checks the audit trail's hash chain, signs its head, or makes a signing key.
    Audit {
        #[command(subcommand)]
        what: Audit,
    },
    /// The key second-factor secrets are sealed under: make one, or move every secret to a
    /// new one.
    Secrets {
        #[command(subcommand)]
        what: Secrets,
    },
    /// Creates an account; the only way to make the first administrator. The password is
    /// asked for at a prompt, or read as one line from standard input when that is not a
    /// terminal.
    CreateUser {
        #[arg(long)]
        email: String,
        /// The name shown in Scrutineer and in the audit trail.
        #[arg(long)]
        name: String,
        /// admin, secretariat, commissioner or force_liaison.
        #[arg(long)]
        role: String,
    },
    /// Loads the demonstration data set (boards and one account per role) into an empty
    /// database and prints the accounts' passwords, once. With `--actions N`, also
    /// generates ten years of meetings, questions and N actions, for measuring at scale.
    Demo {
        /// How many actions to generate (for example 50000); none by default.
        #[arg(long, default_value_t = 0)]
        actions: u32,
    },
    /// Imports data.police.uk stop and search files or a population table.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Lists every page and who may see it, as JSON (used by the browser tests).
    Routes,
    /// Writes gzip and brotli copies of the built files in DIR (the site's `pkg`), for the
    /// server to send as they are; run by the site build (`scripts/lib.sh`).
    Precompress { dir: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
enum Audit {
    /// Reads the whole trail and names the first event edited, deleted, inserted or moved;
    /// exits 1 when it finds one. With --checkpoint, also checks that the chain still has
    /// the head a checkpoint signed.
    Verify {
        /// A file holding a line printed by `audit checkpoint`.
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
    },
    /// Prints the chain's head signed with the key in SCRUTINEER_AUDIT_KEY, to keep
    /// somewhere else (docs/SECURITY.md, "The audit trail").
    Checkpoint {
        #[arg(long, env = "SCRUTINEER_AUDIT_KEY", hide_env_values = true)]
        key: String,
    },
    /// Prints a new signing key for checkpoints and its public half.
    Keygen,
}

#[derive(Debug, Subcommand)]
enum Secrets {
    /// Prints a new key for SCRUTINEER_SECRETS_KEY.
    Keygen,
    /// Seals every stored second-factor secret under NEW_KEY (in one transaction), opening
    /// them with the current key (the setting, or the SQLite key file); then put NEW_KEY in
    /// the setting or the key file before the server starts again.
    Rotate {
        #[arg(long, env = "SCRUTINEER_NEW_SECRETS_KEY", hide_env_values = true)]
        new_key: String,
    },
}

#[derive(Debug, Subcommand)]
enum Import {
    /// One or more stop and search CSV files, or zips of them as data.police.uk's custom
    /// download gives them. Each file's name says its force and month
    /// (2026-09-west-midlands-stop-and-search.csv) unless --force and --month do.
    StopSearch {
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// The force's data.police.uk name, e.g. west-midlands.
        #[arg(long)]
        force: Option<String>,
        /// The month, e.g. 2026-09.
        #[arg(long)]
        month: Option<String>,
        /// Import the rows that can be read and list the rest, instead of refusing the file.
        #[arg(long)]
        skip_bad_rows: bool,
        /// Only check the files: say what would be imported (by month, legislation and
        /// group), asked about or skipped, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A population table: CSV with pfa_code, ethnic_group and population columns.
    Population {
        file: std::path::PathBuf,
        /// What the table is called, e.g. "ONS mid-2024 estimates".
        #[arg(long)]
        name: String,
        /// Where its figures come from.
        #[arg(long)]
        source: String,
        /// The year its figures are for.
        #[arg(long)]
        year: i64,
        /// Use it for rates by default.
        #[arg(long)]
        default: bool,
    },
    /// Police complaints figures: CSV with force, quarter, measure, value, msf_value and
    /// national_value columns (docs/EVIDENCE.md, "Complaints figures").
    Complaints { file: std::path::PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = commands::init_logging(&cli.settings) {
        eprintln!("scrutineer: {error:#}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("scrutineer: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let settings = cli.settings;
    let result = runtime.block_on(async move {
        match cli.command {
            None => match ServeSettings::from_env() {
                Ok(serve) => commands::serve(&settings, &serve).await,
                Err(error) => error.exit(),
            },
            Some(Command::Serve(serve)) => commands::serve(&settings, &serve).await,
            Some(Command::Migrate) => commands::migrate(&settings).await,
            Some(Command::Backup { file }) => commands::backup(&settings, &file).await,
            Some(Command::Restore { file }) => commands::restore(&settings, &file).await,
            Some(Command::Audit {
                what: Audit::Verify { checkpoint },
            }) => commands::audit_verify(&settings, checkpoint.as_deref()).await,
            Some(Command::Audit {
                what: Audit::Checkpoint { key },
            }) => commands::audit_checkpoint(&settings, &key).await,
            Some(Command::Audit {
                what: Audit::Keygen,
            }) => {
                commands::audit_keygen();
                Ok(())
            }
            Some(Command::Secrets {
                what: Secrets::Keygen,
            }) => {
                commands::secrets_keygen();
                Ok(())
            }
            Some(Command::Secrets {
                what: Secrets::Rotate { new_key },
            }) => commands::secrets_rotate(&settings, &new_key).await,
            Some(Command::CreateUser { email, name, role }) => {
                commands::create_user(&settings, &email, &name, &role).await
            }
            Some(Command::Demo { actions }) => commands::demo(&settings, actions).await,
            Some(Command::Routes) => commands::routes(),
            Some(Command::Import {
                what:
                    Import::StopSearch {
                        files,
                        force,
                        month,
                        skip_bad_rows,
                        dry_run,
                    },
            }) => {
                let choices = services::evidence::files::Choices {
                    force,
                    month,
                    skip_bad_rows,
                    check_only: dry_run,
                };
                server::import::stop_search(&settings, &files, &choices).await
            }
            Some(Command::Import {
                what:
                    Import::Population {
                        file,
                        name,
                        source,
                        year,
                        default,
                    },
            }) => {
                let details = services::evidence::populations::TableDetails { name, source, year };
                server::import::population(&settings, &file, details, default).await
            }
            Some(Command::Import {
                what: Import::Complaints { file },
            }) => server::import::complaints(&settings, &file).await,
            Some(Command::Precompress { dir }) => server::assets::precompress(&dir),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scrutineer: {error:#}");
            ExitCode::FAILURE
        }
    }
}
