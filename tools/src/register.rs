//! `scrutineer-bench register`: how long the register's queries take on the data in the
//! database, as a person would run them from the pages.

use server::commands::{anyhow_from, open};
use server::config::Settings;
use services::audit::Actor;

/// Times the register's queries as a person would run them from the pages.
pub async fn run(settings: &Settings, runs: usize) -> anyhow::Result<()> {
    use domain::RegisterFilter;
    let db = open(settings).await?;
    let runs = runs.max(1);
    let actor = Actor::command_line();
    let window = services::register::actions::Window::now(14);
    let total =
        services::register::actions::register(&db, &actor, &RegisterFilter::default(), &window)
            .await
            .map_err(anyhow_from)?
            .total;
    println!(
        "Register queries on {total} actions ({:?}), {runs} runs each; build: {}",
        db.backend(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!(
        "{:<44} {:>8} {:>10} {:>10} {:>10}",
        "query", "rows", "fastest", "median", "slowest"
    );
    let filter = |f: fn(&mut RegisterFilter)| {
        let mut filter = RegisterFilter::default();
        f(&mut filter);
        filter
    };
    let cases: Vec<(&str, RegisterFilter)> = vec![
        ("first page, by due date", RegisterFilter::default()),
        ("overdue only", filter(|f| f.overdue = true)),
        (
            "not closed, force-owned, by priority",
            filter(|f| {
                f.status = "live".into();
                f.owner = "force".into();
                f.sort = "priority".into();
            }),
        ),
        (
            "topic 1, due in 2020",
            filter(|f| {
                f.topic = "1".into();
                f.due_from = "2020-01-01".into();
                f.due_to = "2020-12-31".into();
            }),
        ),
        (
            "by reference, page 500",
            filter(|f| {
                f.sort = "reference".into();
                f.page = Some(500);
            }),
        ),
        (
            "last changed, last page",
            filter(|f| {
                f.sort = "updated".into();
                f.page = Some(u32::MAX);
            }),
        ),
    ];
    let time = |times: &mut Vec<std::time::Duration>| {
        times.sort();
        (times[0], times[times.len() / 2], times[times.len() - 1])
    };
    for (name, filter) in cases {
        let mut times = Vec::with_capacity(runs);
        let mut rows = 0;
        for _ in 0..runs {
            let started = std::time::Instant::now();
            let page = services::register::actions::register(&db, &actor, &filter, &window)
                .await
                .map_err(anyhow_from)?;
            times.push(started.elapsed());
            rows = page.total;
        }
        let (fastest, median, slowest) = time(&mut times);
        println!("{name:<44} {rows:>8} {fastest:>10.1?} {median:>10.1?} {slowest:>10.1?}");
    }
    for (name, which) in [
        ("home page deadlines panel", 0),
        ("CSV export of every action", 1),
    ] {
        let mut times = Vec::with_capacity(runs);
        let mut rows = 0;
        for _ in 0..runs {
            let started = std::time::Instant::now();
            rows = if which == 0 {
                let d = services::register::actions::deadlines(&db, &actor, &window)
                    .await
                    .map_err(anyhow_from)?;
                d.overdue_total + d.due_soon_total
            } else {
                let all = services::register::actions::export(
                    &db,
                    &actor,
                    &RegisterFilter::default(),
                    &window,
                )
                .await
                .map_err(anyhow_from)?;
                services::register::actions::to_csv(&all);
                all.len() as i64
            };
            times.push(started.elapsed());
        }
        let (fastest, median, slowest) = time(&mut times);
        println!("{name:<44} {rows:>8} {fastest:>10.1?} {median:>10.1?} {slowest:>10.1?}");
    }
    db.close().await;
    Ok(())
}
