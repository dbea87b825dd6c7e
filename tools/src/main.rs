//! `scrutineer-bench`: the benchmarks, apart from the production binary. Each prints its
//! figures beside a floor measured in the same run (docs/PERFORMANCE.md); none is a test.
//! Settings come from the environment as the server's do (`DATABASE_URL`, …).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::config::Settings;

/// As the server does: the page benchmarks compare like with like (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod crash;
mod hostile;
mod import;
mod load;
mod markdown;
mod pages;
mod register;

#[derive(Debug, Parser)]
#[command(name = "scrutineer-bench", about = "Scrutineer's benchmarks")]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Bench,
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// Prints how long the register's queries take on the data in the database (load a
    /// large set first with `scrutineer demo --actions 50000`).
    Register {
        /// Runs of each query; the figures are the fastest, the median and the slowest.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Drives one server (started in this process, on the database in DATABASE_URL) with a
    /// mixed load — every page as every role, server functions, forms posted without
    /// JavaScript, CSV exports, calendar feeds — and prints requests, statuses, timeouts and
    /// latency for each number of concurrent clients.
    Load {
        /// Concurrent clients, one run each: for example 32,200.
        #[arg(long, value_delimiter = ',', default_values_t = [32usize, 200])]
        clients: Vec<usize>,
        /// Requests in each run.
        #[arg(long, default_value_t = 20_000)]
        requests: usize,
        /// Seconds before a request counts as timed out.
        #[arg(long, default_value_t = 10)]
        timeout_secs: u64,
    },
    /// Serves the register, an action, the home page and the public actions beside a bare
    /// axum handler making the same service calls (the floor), drives each with the same
    /// concurrent client, and prints throughput, p50, p99 and size with their ratios. Load
    /// a large set first with `scrutineer demo --actions 50000`.
    Pages {
        /// Concurrent clients.
        #[arg(long, default_value_t = 32)]
        clients: usize,
        /// Requests for each page on each server.
        #[arg(long, default_value_t = 2_000)]
        requests: usize,
        /// Only this page (register, "an action", home, "public actions"), e.g. to profile it.
        #[arg(long)]
        page: Option<String>,
    },
    /// Generates ROWS rows in the data.police.uk format and times a bare loop (the csv
    /// crate and one prepared insert, in one transaction, into a plain table) beside
    /// Scrutineer's own import of the same file, then the disproportionality table over
    /// them, cold and warm. Run it on a scratch database: it leaves the rows there.
    Import {
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
    },
    /// Puts the security review's costliest stored response (16.8 KB of padded tables) on
    /// the first action, publishes it, and times `/healthz` while four clients read its
    /// public page, beside `/healthz` alone. Run it on a scratch copy of the demo.
    Hostile {
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Runs the server on a new SQLite file, writes through its endpoints, kills it with
    /// SIGKILL at random moments, and after each restart checks the file's integrity, the
    /// audit chain and that every acknowledged write is there; prints the figures.
    Crash {
        #[arg(long, default_value_t = 1000)]
        cycles: u64,
        /// Keep the database at this (new) path instead of a temporary one.
        #[arg(long)]
        keep: Option<std::path::PathBuf>,
    },
    /// Prints how long the Markdown renderer takes on the worst inputs it accepts (minutes
    /// at the size limit, built to stress the parser) and on the hostile corpus.
    Markdown {
        /// Renders of each input; the figures are the fastest, the median and the slowest.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = server::commands::init_logging(&cli.settings) {
        eprintln!("scrutineer-bench: {error:#}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("scrutineer-bench: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let settings = cli.settings;
    let result = runtime.block_on(async move {
        match cli.command {
            Bench::Register { runs } => register::run(&settings, runs).await,
            Bench::Load {
                clients,
                requests,
                timeout_secs,
            } => {
                load::run(
                    &settings,
                    &clients,
                    requests,
                    std::time::Duration::from_secs(timeout_secs),
                )
                .await
            }
            Bench::Pages {
                clients,
                requests,
                page,
            } => pages::run(&settings, clients, requests, page.as_deref()).await,
            Bench::Import { rows } => import::run(&settings, rows).await,
            Bench::Hostile { seconds } => hostile::run(&settings, seconds).await,
            Bench::Crash { cycles, keep } => crash::run(cycles, keep.as_deref()).await,
            Bench::Markdown { runs } => markdown::run(runs),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("scrutineer-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}
