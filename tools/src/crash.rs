//! `scrutineer-bench crash`: is every write the server acknowledged still there after the
//! process dies? Runs the server (this binary, `serve`, as a child process) on a new SQLite
//! file, writes through its real endpoints from several clients at once, kills it with
//! SIGKILL at a random moment, and after each kill opens the file again and checks SQLite's
//! integrity, the audit trail's hash chain, and that every write answered with success is
//! present. Prints the figures; fails when a write was lost or a check failed.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use rand::Rng;
use services::Db;

use crate::load::{accounts, agent};

/// Clients writing at once.
const WRITERS: usize = 4;

#[derive(Default)]
struct Figures {
    cycles: u64,
    killed_starting: u64,
    attempted: u64,
    acknowledged: u64,
    lost: u64,
    in_flight_kept: u64,
    integrity_failures: u64,
    chain_breaks: u64,
}

pub async fn run(cycles: u64, keep: Option<&std::path::Path>) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("scrutineer-bench-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = match keep {
        Some(path) => path.to_owned(),
        None => dir.join("crash.db"),
    };
    if file.exists() {
        bail!(
            "{} exists: the bench starts from a new file",
            file.display()
        );
    }
    let url = format!("sqlite://{}", file.display());
    let db = Db::connect(&url).await?;
    services::prepare(&db).await?;
    let made = accounts(&db).await?;
    db.close().await;
    let (_, email, password) = made
        .iter()
        .find(|(role, ..)| *role == domain::Role::Admin)
        .context("an admin account")?
        .clone();

    // The server under test is the production binary, built beside this one.
    let exe = std::env::current_exe()?
        .parent()
        .context("where scrutineer-bench is")?
        .join("scrutineer");
    if !exe.exists() {
        bail!(
            "{} is not built: build the server first (cargo build -p server, with --release for release figures)",
            exe.display()
        );
    }
    let mut figures = Figures::default();
    let mut acknowledged: HashSet<String> = HashSet::new();
    let client = agent(Duration::from_secs(5))?;
    let started = Instant::now();
    let mut rng = rand::thread_rng();
    println!(
        "bench-crash: {cycles} cycles on {} (synchronous=FULL, WAL), {WRITERS} writers, build: {}",
        file.display(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    for cycle in 0..cycles {
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        let mut child = spawn(&exe, &url, port)?;
        // One cycle in ten dies while starting (migrating, sealing, binding).
        let dies_starting = cycle % 10 == 9;
        let sent: Arc<Mutex<Vec<(String, bool)>>> = Arc::default();
        if dies_starting {
            tokio::time::sleep(Duration::from_millis(rng.gen_range(0..300))).await;
            figures.killed_starting += 1;
        } else {
            wait_until_up(&base, &mut child).await?;
            sign_in(&client, &base, &email, &password).await?;
            let stop = Instant::now() + Duration::from_millis(rng.gen_range(20..700));
            let mut writers = Vec::new();
            for writer in 0..WRITERS {
                let (client, base, sent) = (client.clone(), base.clone(), sent.clone());
                writers.push(tokio::spawn(async move {
                    let mut n = 0u64;
                    while Instant::now() < stop {
                        let name = format!("Crash {cycle} {writer} {n}");
                        n += 1;
                        let answered = client
                            .post(format!("{base}/api/admin/topics/add"))
                            .form(&[("name", name.as_str())])
                            .send()
                            .await
                            .map(|r| r.status());
                        let ok = matches!(answered, Ok(s) if s.is_success() || s.is_redirection());
                        sent.lock().expect("sent").push((name, ok));
                    }
                }));
            }
            tokio::time::sleep_until(tokio::time::Instant::from_std(stop)).await;
            // Killed while the writers are mid-request; their unanswered requests fail.
            child.kill()?;
            for writer in writers {
                writer.await?;
            }
        }
        child.kill().ok();
        child.wait()?;
        figures.cycles += 1;

        let sent = std::mem::take(&mut *sent.lock().expect("sent"));
        figures.attempted += sent.len() as u64;
        for (name, ok) in &sent {
            if *ok {
                figures.acknowledged += 1;
                acknowledged.insert(name.clone());
            }
        }
        let db = Db::connect(&url).await?;
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(db.pool())
            .await?;
        if integrity != "ok" {
            figures.integrity_failures += 1;
            eprintln!("cycle {cycle}: integrity check: {integrity}");
        }
        let present: HashSet<String> =
            sqlx::query_scalar::<_, String>("SELECT name FROM topics WHERE name LIKE 'Crash %'")
                .fetch_all(db.pool())
                .await?
                .into_iter()
                .collect();
        let lost: Vec<&String> = acknowledged.difference(&present).collect();
        if !lost.is_empty() {
            eprintln!(
                "cycle {cycle}: {} acknowledged writes missing, e.g. {:?}",
                lost.len(),
                lost[0]
            );
        }
        figures.lost = figures.lost.max(lost.len() as u64);
        figures.in_flight_kept += sent
            .iter()
            .filter(|(name, ok)| !ok && present.contains(name))
            .count() as u64;
        // Writes in flight at the kill and kept count as acknowledged from now on: a later
        // cycle must not lose them either.
        acknowledged.extend(
            sent.into_iter()
                .filter(|(n, _)| present.contains(n))
                .map(|(n, _)| n),
        );
        let chain = services::audit::chain::verify(&db).await?;
        if let Some(broken) = chain.first_break {
            figures.chain_breaks += 1;
            eprintln!("cycle {cycle}: audit chain: {broken}");
        }
        db.close().await;
        if (cycle + 1) % 100 == 0 {
            println!(
                "  {:>5} cycles, {:>7} acknowledged, {} lost, {:.0} s",
                cycle + 1,
                figures.acknowledged,
                figures.lost,
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!("{:>26} {:>10}", "cycles", figures.cycles);
    println!(
        "{:>26} {:>10}",
        "killed while starting", figures.killed_starting
    );
    println!("{:>26} {:>10}", "writes attempted", figures.attempted);
    println!("{:>26} {:>10}", "writes acknowledged", figures.acknowledged);
    println!("{:>26} {:>10}", "acknowledged writes lost", figures.lost);
    println!(
        "{:>26} {:>10}",
        "unanswered writes kept", figures.in_flight_kept
    );
    println!(
        "{:>26} {:>10}",
        "integrity failures", figures.integrity_failures
    );
    println!("{:>26} {:>10}", "audit chain breaks", figures.chain_breaks);
    println!(
        "{:>26} {:>10.0}",
        "seconds",
        started.elapsed().as_secs_f64()
    );
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if figures.lost > 0 || figures.integrity_failures > 0 || figures.chain_breaks > 0 {
        bail!("acknowledged writes were lost or the database was damaged (above)");
    }
    Ok(())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn spawn(exe: &std::path::Path, url: &str, port: u16) -> anyhow::Result<Child> {
    Command::new(exe)
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("SCRUTINEER_ADDR", format!("127.0.0.1:{port}"))
        .env("SCRUTINEER_LOG", "error")
        // Its writer signs in with a password alone.
        .env("SCRUTINEER_SECOND_FACTOR", "optional")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the server")
}

async fn wait_until_up(base: &str, child: &mut Child) -> anyhow::Result<()> {
    let client = agent(Duration::from_secs(1))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return Ok(());
            }
        }
        if let Some(status) = child.try_wait()? {
            bail!("the server stopped by itself ({status})");
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    bail!("the server did not answer /healthz within 30 s")
}

/// Signs in afresh: the bench's admin, on the server just started.
async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<()> {
    let answer = client
        .post(format!("{base}/api/sign-in"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await?;
    if !(answer.status().is_success() || answer.status().is_redirection()) {
        bail!("the bench's admin could not sign in: {}", answer.status());
    }
    Ok(())
}
