//! `scrutineer-bench hostile`: the security review's costliest stored text, measured. A
//! force response of 16.8 KB (three tables: a 100-column header, a delimiter row, a `--`
//! line and 2,600 rows) is put on the first action of the database as it would have been
//! saved before its check was tightened, the action published, and four clients read its
//! public page as fast as they can while `/healthz` is timed beside them. The floor is
//! `/healthz` with nothing else running, measured in the same run. It once took each view
//! 7–10 s and `/healthz` past 30 s; the aims are `/healthz` under 100 ms and the page under
//! 200 ms (release build).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use services::Db;

use crate::load::{agent, first, serve_in_process, spread};
use server::config::Settings;

pub async fn run(settings: &Settings, seconds: u64) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    services::prepare(&db).await?;
    let action = first(&db, "SELECT MIN(id) FROM actions")
        .await?
        .context("the database has no action: load one with `scrutineer demo` first")?;
    let body = services::common::markdown::corpus::dashed_tables();
    // Written directly, as a response saved before the check counted past `--` would be.
    sqlx::query(
        "INSERT INTO timeline_entries (subject, subject_id, at, actor_name, kind, body)
         VALUES ('action', $1, $2, 'bench-hostile', 'response', $3)",
    )
    .bind(action)
    .bind(services::now())
    .bind(&body)
    .execute(db.pool())
    .await?;
    sqlx::query("UPDATE actions SET published = 1 WHERE id = $1")
        .bind(action)
        .execute(db.pool())
        .await?;
    let (base, server) = serve_in_process(&db).await?;
    let client = agent(Duration::from_secs(60))?;
    let page = format!("{base}/public/actions/{action}");
    let health = format!("{base}/healthz");
    println!(
        "bench-hostile: {:?}, a {:.1} KB response on action {action}, build: {}",
        db.backend(),
        body.len() as f64 / 1024.0,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );

    let timed = move |url: String| {
        let client = client.clone();
        async move {
            let started = Instant::now();
            let response = client.get(&url).send().await?;
            let status = response.status();
            response.bytes().await?;
            anyhow::ensure!(status.is_success(), "{url}: {status}");
            Ok::<_, anyhow::Error>(started.elapsed())
        }
    };
    let mut floor = Vec::new();
    for _ in 0..20 {
        floor.push(timed(health.clone()).await?);
    }
    let mut alone = Vec::new();
    for _ in 0..10 {
        alone.push(timed(page.clone()).await?);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let mut readers = Vec::new();
    for _ in 0..4 {
        let (stop, page, timed) = (stop.clone(), page.clone(), timed.clone());
        readers.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                times.push(timed(page.clone()).await?);
            }
            Ok::<_, anyhow::Error>(times)
        }));
    }
    let mut loaded = Vec::new();
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        loaded.push(timed(health.clone()).await?);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let mut views = Vec::new();
    for reader in readers {
        views.extend(reader.await??);
    }
    let (floor_median, floor_slowest) = spread(floor);
    let (alone_median, alone_slowest) = spread(alone);
    let (health_median, health_slowest) = spread(loaded);
    let count = views.len();
    let (view_median, view_slowest) = spread(views);
    println!("  /healthz alone (the floor):          median {floor_median:.1} ms, slowest {floor_slowest:.1} ms");
    println!("  the action's public page, alone:     median {alone_median:.1} ms, slowest {alone_slowest:.1} ms (aim: under 200 ms)");
    println!("  under 4 readers of that page for {seconds} s ({count} views; median {view_median:.1} ms, slowest {view_slowest:.1} ms):");
    println!(
        "  /healthz:                            median {health_median:.1} ms, slowest {health_slowest:.1} ms (aim: under 100 ms; {:.1}× the floor's median)",
        health_median / floor_median.max(0.001)
    );
    server.abort();
    db.close().await;
    Ok(())
}
