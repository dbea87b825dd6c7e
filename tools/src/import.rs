//! `scrutineer-bench import --rows N`: how Scrutineer's stop-and-search import compares with
//! the least any import could do, and how long the disproportionality table takes over
//! what it imported.
//!
//! The floor is a bare loop — the `csv` crate reading each record and one prepared INSERT
//! of its fifteen cells as text into a plain table, in one transaction. Scrutineer's import
//! reads the same file, checks every cell, maps the labels, writes typed columns in batches
//! and rebuilds the month's counts. The table is then computed cold (the first time) and
//! warm (the median of 20).

use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use domain::evidence::{EthnicityBasis, Force, Month, Period};
use services::audit::Actor;
use services::common::spooled::Spooled;
use services::evidence::figures::{self, FigureQuery};
use services::evidence::files::{self, Choices};
use services::Db;
use sqlx::Executor;

use crate::load::spread;
use server::commands::{anyhow_from, open};
use server::config::Settings;

const SELF_DEFINED: [&str; 8] = [
    "White - English/Welsh/Scottish/Northern Irish/British",
    "White - Any other White background",
    "Black/African/Caribbean/Black British - Caribbean",
    "Black/African/Caribbean/Black British - African",
    "Asian/Asian British - Pakistani",
    "Mixed/Multiple ethnic groups - White and Black Caribbean",
    "Other ethnic group - Any other ethnic group",
    "Other ethnic group - Not stated",
];
const OFFICER: [&str; 5] = ["White", "Black", "Asian", "Other", ""];
const LEGISLATION: [&str; 3] = [
    "Misuse of Drugs Act 1971 (section 23)",
    "Police and Criminal Evidence Act 1984 (section 1)",
    "Criminal Justice and Public Order Act 1994 (section 60)",
];
const OUTCOMES: [&str; 4] = [
    "A no further action disposal",
    "Arrest",
    "Community resolution",
    "Nothing found - no further action",
];

/// Writes `rows` rows of a plausible month in the data.police.uk format.
fn generate(path: &std::path::Path, rows: u64) -> anyhow::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    out.write_all(b"\xEF\xBB\xBFType,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\r\n")?;
    // A small linear congruential generator: the same file every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    for i in 0..rows {
        let vehicle = next(50) == 0;
        let kind = if vehicle {
            "Vehicle search"
        } else if next(5) == 0 {
            "Person and Vehicle search"
        } else {
            "Person search"
        };
        let day = 1 + (i % 30);
        let (gender, age, self_defined, officer) = if vehicle {
            ("", "", "", "")
        } else {
            (
                ["Male", "Female"][next(2) as usize],
                ["10-17", "18-24", "25-34", "over 34"][next(4) as usize],
                SELF_DEFINED[next(8) as usize],
                OFFICER[next(5) as usize],
            )
        };
        writeln!(
            out,
            "{kind},2026-09-{day:02}T{:02}:{:02}:00+00:00,False,,52.{:06},-1.{:06},{gender},{age},\"{self_defined}\",{officer},{},Controlled drugs,{},{},False\r",
            next(24),
            next(60),
            next(1_000_000),
            next(1_000_000),
            LEGISLATION[next(3) as usize],
            OUTCOMES[next(4) as usize],
            ["True", "False", ""][next(3) as usize],
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The floor: csv records, one prepared insert each, one transaction, a plain table.
async fn bare_loop(db: &Db, path: &std::path::Path) -> anyhow::Result<u64> {
    db.pool()
        .execute("DROP TABLE IF EXISTS bench_plain_stop_searches")
        .await?;
    db.pool()
        .execute(
            "CREATE TABLE bench_plain_stop_searches (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT,
             c6 TEXT, c7 TEXT, c8 TEXT, c9 TEXT, c10 TEXT, c11 TEXT, c12 TEXT, c13 TEXT, c14 TEXT, c15 TEXT)",
        )
        .await?;
    let mut reader = csv::Reader::from_path(path)?;
    let mut tx = db.begin().await?;
    let mut rows = 0;
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        let mut query = sqlx::query(
            "INSERT INTO bench_plain_stop_searches VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        );
        for cell in record.iter() {
            query = query.bind(cell.to_owned());
        }
        query.execute(&mut *tx).await?;
        rows += 1;
    }
    tx.commit().await?;
    db.pool()
        .execute("DROP TABLE bench_plain_stop_searches")
        .await?;
    Ok(rows)
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// Scrutineer's import of the generated file, as West Midlands' September.
async fn import_month(db: &Db, path: &std::path::Path) -> anyhow::Result<files::Outcome> {
    files::import_path(
        db,
        &Actor::command_line(),
        path,
        "2026-09-west-midlands-stop-and-search.csv",
        &Choices::default(),
        &|_, _| {},
    )
    .await
    .map_err(anyhow_from)?
    .map_err(|p| anyhow::anyhow!(p.label()))
}

/// Signs in (the service a sign-in request calls, password hashing and all) again and
/// again while the same file is imported a second time — replacing the month, so the
/// earlier rows are removed too — beside sign-ins with nothing else running (the floor).
/// Writers take turns with the import's short transactions; the aim is under 1 s each.
async fn signing_in_beside_an_import(db: &Db, path: &std::path::Path) -> anyhow::Result<()> {
    use services::accounts::auth;
    let (_, email, password) = crate::load::accounts(db)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no bench account"))?;
    let sign_in = || async {
        let started = Instant::now();
        auth::sign_in(
            db,
            auth::Throttle::default(),
            &email,
            &password,
            "127.0.0.1",
        )
        .await
        .map_err(anyhow_from)?;
        Ok::<_, anyhow::Error>(started.elapsed())
    };
    let mut floor = Vec::new();
    for _ in 0..10 {
        floor.push(sign_in().await?);
    }
    let importing = {
        let (db, path) = (db.clone(), path.to_owned());
        tokio::spawn(async move {
            let started = Instant::now();
            import_month(&db, &path).await?;
            Ok::<_, anyhow::Error>(started.elapsed())
        })
    };
    let mut beside = Vec::new();
    while !importing.is_finished() {
        beside.push(sign_in().await?);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took = importing.await??;
    let count = beside.len();
    let ((floor_median, floor_slowest), (median, slowest)) = (spread(floor), spread(beside));
    println!(
        "  sign-ins alone (the floor): median {floor_median:.0} ms, slowest {floor_slowest:.0} ms"
    );
    println!(
        "  {count} sign-ins during a second import of the file ({}): median {median:.0} ms, slowest {slowest:.0} ms (aim: under 1 s)",
        seconds(took)
    );
    Ok(())
}

pub async fn run(settings: &Settings, rows: u64) -> anyhow::Result<()> {
    let db = open(settings).await?;
    let spooled = Spooled::new();
    let started = Instant::now();
    generate(&spooled.path, rows)?;
    let bytes = std::fs::metadata(&spooled.path)?.len();
    println!(
        "bench-import: {:?}, {rows} rows, {:.1} MB, generated in {}",
        db.backend(),
        bytes as f64 / 1e6,
        seconds(started.elapsed())
    );

    let started = Instant::now();
    let bare_rows = bare_loop(&db, &spooled.path).await?;
    let bare = started.elapsed();

    let started = Instant::now();
    let outcome = import_month(&db, &spooled.path).await?;
    let ours = started.elapsed();
    let report = outcome
        .reports
        .first()
        .ok_or_else(|| anyhow::anyhow!("nothing imported"))?;
    anyhow::ensure!(
        report.imported && report.rows_imported == rows,
        "the import did not take every row: {} of {rows}, {} problems",
        report.rows_imported,
        report.problems_total
    );
    let per_second = |d: Duration| rows as f64 / d.as_secs_f64();
    println!(
        "  bare loop (csv + one prepared insert, one transaction): {bare_rows} rows in {} ({:.0} rows/s)",
        seconds(bare),
        per_second(bare)
    );
    println!(
        "  Scrutineer's import (checked, mapped, counted):        {} rows in {} ({:.0} rows/s)",
        report.rows_imported,
        seconds(ours),
        per_second(ours)
    );
    println!(
        "  ratio (Scrutineer's speed ÷ the bare loop's): {:.2}× (aim: at least 0.5×)",
        bare.as_secs_f64() / ours.as_secs_f64()
    );

    signing_in_beside_an_import(&db, &spooled.path).await?;

    let force = Force::by_slug("west-midlands").ok_or_else(|| anyhow::anyhow!("no force"))?;
    let month = Month::parse("2026-09").map_err(anyhow::Error::msg)?;
    let query = FigureQuery {
        force,
        period: Period::Rolling12(month),
        legislation: None,
        basis: EthnicityBasis::SelfDefined,
        table: None,
    };
    let actor = Actor::command_line();
    let started = Instant::now();
    let figures = figures::disproportionality(&db, &actor, &query)
        .await
        .map_err(anyhow_from)?;
    let cold = started.elapsed();
    let mut warm = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        figures::disproportionality(&db, &actor, &query)
            .await
            .map_err(anyhow_from)?;
        warm.push(started.elapsed());
    }
    warm.sort();
    println!(
        "  disproportionality table over {} searches of persons: cold {:.1} ms, warm median {:.1} ms, slowest {:.1} ms (aim: ≤ 50 ms warm)",
        figures.person_searches,
        cold.as_secs_f64() * 1000.0,
        warm[warm.len() / 2].as_secs_f64() * 1000.0,
        warm[warm.len() - 1].as_secs_f64() * 1000.0,
    );
    db.close().await;
    Ok(())
}
