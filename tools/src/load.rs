//! `scrutineer-bench load`: one real server, in this process, on the database in
//! `DATABASE_URL`, driven by a mixed load — every page as every role and signed out, the
//! server functions the pages call, forms posted without JavaScript, CSV exports and
//! calendar feeds — at each number of concurrent clients asked for, each request with a
//! timeout. Prints requests, responses by status, timeouts and latency percentiles, and
//! how long `/healthz` took under the load.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use app::context::{AppState, CookieSettings};
use domain::Role;
use rand::RngCore;
use services::accounts::auth::Throttle;
use services::accounts::sessions::SessionPolicy;
use services::accounts::users::NewUser;
use services::audit::Actor;
use services::Db;
use sqlx::Row;

use server::config::Settings;

/// One request of the mix.
#[derive(Clone)]
struct Request {
    who: usize,
    method: &'static str,
    path: String,
    form: Vec<(String, String)>,
    html: bool,
}

/// Ids of records the pages and functions are asked about.
struct Ids {
    board: i64,
    meeting: i64,
    agenda_item: i64,
    action: i64,
    question: i64,
    user: i64,
    board_code: String,
}

pub(crate) async fn first(db: &Db, sql: &str) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query(sql)
        .fetch_optional(db.pool())
        .await?
        .map(|r| r.try_get::<i64, _>(0))
        .transpose()?)
}

async fn ids(db: &Db) -> anyhow::Result<Ids> {
    let need = |v: Option<i64>, what: &str| {
        v.with_context(|| {
            format!("the database has no {what}: load one with `scrutineer demo` first")
        })
    };
    let board = need(
        first(db, "SELECT id FROM boards ORDER BY id LIMIT 1").await?,
        "board",
    )?;
    let board_code: String = sqlx::query("SELECT code FROM boards WHERE id = $1")
        .bind(board)
        .fetch_one(db.pool())
        .await?
        .try_get("code")?;
    Ok(Ids {
        board,
        meeting: need(
            first(
                db,
                "SELECT id FROM meetings WHERE published = 1 ORDER BY id LIMIT 1",
            )
            .await?,
            "published meeting",
        )?,
        agenda_item: first(db, "SELECT id FROM agenda_items ORDER BY id LIMIT 1")
            .await?
            .unwrap_or(1),
        action: need(
            first(
                db,
                "SELECT id FROM actions WHERE owner = 'force' ORDER BY id DESC LIMIT 1",
            )
            .await?,
            "force-owned action",
        )?,
        question: need(
            first(
                db,
                "SELECT id FROM questions WHERE status <> 'draft' ORDER BY id DESC LIMIT 1",
            )
            .await?,
            "question put to the force",
        )?,
        user: need(
            first(db, "SELECT id FROM users ORDER BY id LIMIT 1").await?,
            "user",
        )?,
        board_code,
    })
}

/// The mix: who (0 = signed out, then each role) asks for what.
fn mix(ids: &Ids, roles: &[Option<Role>]) -> Vec<Request> {
    let mut mix = Vec::new();
    for (who, role) in roles.iter().enumerate() {
        for page in app::routes::PAGES.iter().filter(|p| p.access.allows(*role)) {
            let id = if page.path.starts_with("/admin/users") {
                ids.user
            } else if page.path.contains("actions") {
                ids.action
            } else if page.path.contains("questions") {
                ids.question
            } else if page.path.starts_with("/boards") {
                ids.board
            } else if page.path.starts_with("/agenda-items") {
                ids.agenda_item
            } else {
                ids.meeting
            };
            mix.push(Request {
                who,
                method: "GET",
                path: page.path.replace(":id", &id.to_string()),
                form: Vec::new(),
                html: true,
            });
        }
        let call = |path: &str, form: &[(&str, String)]| Request {
            who,
            method: "POST",
            path: format!("/api/{path}"),
            form: form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            html: false,
        };
        mix.push(call("public/meetings", &[]));
        mix.push(call("public/actions", &[]));
        mix.push(call("public/question", &[("id", ids.question.to_string())]));
        mix.push(Request {
            who,
            method: "GET",
            path: format!("/public/boards/{}/meetings.ics", ids.board_code),
            form: Vec::new(),
            html: false,
        });
        if role.is_some() {
            mix.push(call("register/list", &[("query", "status=live".into())]));
            mix.push(call("register/get", &[("id", ids.action.to_string())]));
            mix.push(call("register/deadlines", &[]));
            mix.push(call("questions/list", &[]));
            mix.push(call("questions/get", &[("id", ids.question.to_string())]));
            // A form posted without JavaScript, refused (nothing typed): answered with a
            // redirect back to the form, and nothing saved.
            mix.push(Request {
                html: true,
                ..call(
                    "register/respond",
                    &[("id", ids.action.to_string()), ("response", String::new())],
                )
            });
            mix.push(Request {
                who,
                method: "GET",
                path: "/actions.csv?status=live".to_owned(),
                form: Vec::new(),
                html: false,
            });
        }
    }
    mix
}

/// A bench account per role, with a password nobody else knows.
pub(crate) async fn accounts(db: &Db) -> anyhow::Result<Vec<(Role, String, String)>> {
    let mut made = Vec::new();
    let mut tag = [0u8; 4];
    rand::rngs::OsRng.fill_bytes(&mut tag);
    let tag = services::hex(&tag);
    for role in Role::ALL {
        let email = format!(
            "bench-{}-{tag}@bench.example",
            role.as_str().replace('_', "-")
        );
        let mut secret = [0u8; 18];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let password = services::hex(&secret);
        let new = NewUser::parse(
            &email,
            // Each run's accounts have names of their own, as every account must.
            &format!("Bench {} {tag}", role.label()),
            role.as_str(),
            &password,
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        services::accounts::users::create(db, &Actor::command_line(), new, "")
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        made.push((role, email, password));
    }
    Ok(made)
}

#[derive(Default)]
struct Tally {
    statuses: BTreeMap<u16, u64>,
    timeouts: u64,
    errors: u64,
    latencies: Vec<Duration>,
    /// Per kind of request (its index in the mix): time spent and timeouts.
    by_kind: BTreeMap<usize, (u64, Duration, u64)>,
}

/// (median, slowest) of `times`, in milliseconds.
pub(crate) fn spread(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    match times.as_slice() {
        [] => (0.0, 0.0),
        all => (ms(all[all.len() / 2]), ms(all[all.len() - 1])),
    }
}

/// The real server on a free port in this process, on `db`: its address and its task.
/// The server's state as the benchmarks run it: the production defaults, no email, and
/// accounts that sign in with a password alone.
pub(crate) fn state(db: &Db, public_url: &str) -> AppState {
    AppState {
        db: db.clone(),
        sessions: SessionPolicy::default(),
        // The bench signs in a few times from one address; throttling is not what it measures.
        throttle: Throttle::default(),
        second_factor: services::accounts::two_factor::Policy::Optional,
        windows: Default::default(),
        cookie: CookieSettings { secure: false },
        public_url: public_url.to_owned(),
        due_soon_days: 14,
        mail_on: false,
        feedback_url: None,
        trusted_proxies: Vec::new(),
    }
}

pub(crate) async fn serve_in_process(
    db: &Db,
) -> anyhow::Result<(String, tokio::task::JoinHandle<std::io::Result<()>>)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let router = server::web::router(state(db, &base), std::path::Path::new("target/site"));
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Ok((base, server))
}

pub async fn run(
    settings: &Settings,
    clients: &[usize],
    requests: usize,
    timeout: Duration,
) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    services::prepare(&db).await?;
    let ids = ids(&db).await?;
    let made = accounts(&db).await?;
    let (base, server) = serve_in_process(&db).await?;
    let mut roles: Vec<Option<Role>> = vec![None];
    let mut agents = vec![agent(timeout)?];
    for (role, email, password) in &made {
        let client = agent(timeout)?;
        let response = client
            .post(format!("{base}/api/sign-in"))
            .form(&[("email", email.as_str()), ("password", password.as_str())])
            .send()
            .await?;
        anyhow::ensure!(
            response.status().is_success() || response.status().is_redirection(),
            "the bench account for {role} could not sign in: {}",
            response.status()
        );
        roles.push(Some(*role));
        agents.push(client);
    }
    let mix = Arc::new(mix(&ids, &roles));
    let actions: i64 = sqlx::query("SELECT COUNT(*) AS n FROM actions")
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
    println!(
        "bench-load: {:?}, {actions} actions, {} kinds of request across {} callers, {requests} requests per level, timeout {} s, build: {}",
        db.backend(),
        mix.len(),
        roles.len(),
        timeout.as_secs(),
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    println!(
        "{:>7} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10}  statuses",
        "clients",
        "requests",
        "req/s",
        "timeouts",
        "errors",
        "5xx",
        "p50 ms",
        "p99 ms",
        "healthz ms"
    );
    let mut slowest: Option<Vec<(f64, u64, String)>> = None;
    for &level in clients {
        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..level {
            let (next, mix, agents) = (next.clone(), mix.clone(), agents.clone());
            let base = base.clone();
            workers.push(tokio::spawn(async move {
                let mut tally = Tally::default();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        break tally;
                    }
                    let kind = n % mix.len();
                    let request = &mix[kind];
                    let client = &agents[request.who];
                    let url = format!("{base}{}", request.path);
                    let mut builder = if request.method == "GET" {
                        client.get(url)
                    } else {
                        client.post(url).form(&request.form)
                    };
                    if request.html {
                        builder = builder.header("accept", "text/html");
                    }
                    let sent = Instant::now();
                    let outcome = match builder.send().await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            response.bytes().await.map(|_| status)
                        }
                        Err(e) => Err(e),
                    };
                    let took = sent.elapsed();
                    let entry = tally.by_kind.entry(kind).or_default();
                    entry.0 += 1;
                    entry.1 += took;
                    match outcome {
                        Ok(status) => {
                            *tally.statuses.entry(status).or_default() += 1;
                            tally.latencies.push(took);
                        }
                        Err(e) if e.is_timeout() => {
                            tally.timeouts += 1;
                            entry.2 += 1;
                        }
                        Err(_) => tally.errors += 1,
                    }
                }
            }));
        }
        // The health check, asked while the load runs.
        let probe = agents[0].clone();
        let health_url = format!("{base}/healthz");
        let health = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let asked = Instant::now();
            let ok = probe
                .get(health_url)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            (ok, asked.elapsed())
        });
        let mut total = Tally::default();
        for worker in workers {
            let tally = worker.await?;
            for (status, n) in tally.statuses {
                *total.statuses.entry(status).or_default() += n;
            }
            total.timeouts += tally.timeouts;
            total.errors += tally.errors;
            total.latencies.extend(tally.latencies);
            for (kind, (n, took, timeouts)) in tally.by_kind {
                let entry = total.by_kind.entry(kind).or_default();
                entry.0 += n;
                entry.1 += took;
                entry.2 += timeouts;
            }
        }
        let elapsed = started.elapsed();
        let (health_ok, health_took) = health.await?;
        let mut kinds: Vec<(f64, u64, String)> = total
            .by_kind
            .iter()
            .map(|(kind, (n, took, timeouts))| {
                let r = &mix[*kind];
                let who = roles[r.who].map_or("signed out", |role| role.as_str());
                (
                    took.as_secs_f64() * 1000.0 / (*n).max(1) as f64,
                    *timeouts,
                    format!("{} {} as {who}", r.method, r.path),
                )
            })
            .collect();
        kinds.sort_by(|a, b| b.0.total_cmp(&a.0));
        kinds.truncate(8);
        slowest = Some(kinds);
        total.latencies.sort_unstable();
        let at = |q: f64| {
            total
                .latencies
                .get(
                    ((total.latencies.len() as f64 * q) as usize)
                        .min(total.latencies.len().saturating_sub(1)),
                )
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        let server_errors: u64 = total
            .statuses
            .iter()
            .filter(|(s, _)| **s >= 500)
            .map(|(_, n)| n)
            .sum();
        let statuses = total
            .statuses
            .iter()
            .map(|(s, n)| format!("{s}:{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        println!(
            "{level:>7} {requests:>9} {:>8.0} {:>8} {:>8} {:>8} {:>8.1} {:>8.1} {:>10}  {statuses}",
            requests as f64 / elapsed.as_secs_f64(),
            total.timeouts,
            total.errors,
            server_errors,
            at(0.50),
            at(0.99),
            if health_ok {
                format!("{:.0}", health_took.as_secs_f64() * 1000.0)
            } else {
                "failed".to_owned()
            },
        );
    }
    // Where the time goes: the slowest kinds of request of the last run, by mean.
    if let Some(slowest) = slowest.take() {
        println!("slowest kinds of request in the last run (mean ms, timeouts):");
        for (mean, timeouts, label) in slowest {
            println!("  {mean:>9.1} {timeouts:>5}  {label}");
        }
    }
    server.abort();
    // The bench accounts go: deactivated, so they cannot be signed in to.
    for (_, email, _) in &made {
        sqlx::query("UPDATE users SET active = 0 WHERE email = $1")
            .bind(email)
            .execute(db.pool())
            .await?;
    }
    db.close().await;
    Ok(())
}

pub(crate) fn agent(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .pool_max_idle_per_host(256)
        .build()?)
}
