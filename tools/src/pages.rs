//! `scrutineer-bench pages`: Scrutineer's busiest pages beside the floor — a bare axum
//! handler that makes the same service calls (so the same queries, behind the same session
//! lookup) and writes the HTML with `format!` — both served from this process on the
//! database in `DATABASE_URL`, each driven by the same concurrent client in turn. Prints
//! throughput, p50 and p99 and the page's size for each, and Scrutineer's ratios to the floor.
//!
//! The floor writes each page's own content inside the same frame as Scrutineer's (head,
//! header, navigation and footer, taken once from Scrutineer's register page and pasted as
//! text), so that the two differ in how they render, not in what they send.

use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::context::{AppState, Caller};
use axum::extract::{Path, RawQuery};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use domain::{ActionSummary, RegisterFilter};
use services::Db;

use crate::load::{accounts, agent, first};
use server::config::Settings;

/// One page measured: its name and address.
struct Page {
    name: &'static str,
    path: String,
}

/// What one run of one page on one server gave.
struct Figures {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    bytes: usize,
    failures: usize,
}

pub async fn run(
    settings: &Settings,
    clients: usize,
    requests: usize,
    only: Option<&str>,
) -> anyhow::Result<()> {
    let db = Db::connect(&settings.database_url).await?;
    services::prepare(&db).await?;
    let action = first(&db, "SELECT MAX(id) AS id FROM actions")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no actions: load some with `demo --actions 50000`"))?;
    let made = accounts(&db).await?;
    let state = crate::load::state(&db, "");
    let scrutineer = serve(server::web::router(
        state.clone(),
        std::path::Path::new("target/site"),
    ))
    .await?;
    // The commissioner sees the whole register.
    let (_, email, password) = made
        .iter()
        .find(|(role, _, _)| *role == domain::Role::Commissioner)
        .ok_or_else(|| anyhow::anyhow!("no commissioner account"))?;
    let client = agent(Duration::from_secs(30))?;
    let signed_in = client
        .post(format!("{scrutineer}/api/sign-in"))
        .form(&[("email", email.as_str()), ("password", password.as_str())])
        .send()
        .await?;
    anyhow::ensure!(
        signed_in.status().is_success() || signed_in.status().is_redirection(),
        "the bench account could not sign in: {}",
        signed_in.status()
    );
    let register = client
        .get(format!("{scrutineer}/actions"))
        .send()
        .await?
        .text()
        .await?;
    let frame = Arc::new(Frame::cut(&register)?);
    let floor = serve(floor(state, frame)).await?;
    // The same client (and so the same session cookie, on 127.0.0.1) asks both servers.
    let pages = [
        Page {
            name: "register",
            path: "/actions".into(),
        },
        Page {
            name: "an action",
            path: format!("/actions/{action}"),
        },
        Page {
            name: "home",
            path: "/".into(),
        },
        Page {
            name: "public actions",
            path: "/public/actions".into(),
        },
    ];
    let actions = first(&db, "SELECT COUNT(*) AS id FROM actions")
        .await?
        .unwrap_or(0);
    println!(
        "bench-pages: {:?}, {actions} actions, {clients} concurrent clients, {requests} requests per page and server, build: {}",
        db.backend(),
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    println!(
        "{:<15} {:<10} {:>8} {:>8} {:>8} {:>9} {:>8}",
        "page", "server", "req/s", "p50 ms", "p99 ms", "bytes", "failed"
    );
    for page in pages
        .iter()
        .filter(|p| only.is_none_or(|name| p.name == name))
    {
        // A warm-up of each, so that neither pays for the other's cold caches.
        for base in [&floor, &scrutineer] {
            drive(
                &client,
                &format!("{base}{}", page.path),
                clients,
                clients * 4,
            )
            .await;
        }
        let bare = drive(&client, &format!("{floor}{}", page.path), clients, requests).await;
        let ours = drive(
            &client,
            &format!("{scrutineer}{}", page.path),
            clients,
            requests,
        )
        .await;
        for (server, f) in [("floor", &bare), ("scrutineer", &ours)] {
            println!(
                "{:<15} {:<10} {:>8.0} {:>8.1} {:>8.1} {:>9} {:>8}",
                page.name, server, f.per_second, f.p50_ms, f.p99_ms, f.bytes, f.failures
            );
        }
        println!(
            "{:<15} {:<10} {:>7.2}× {:>7.2}× {:>7.2}× {:>8.2}×",
            page.name,
            "ratio",
            ours.per_second / bare.per_second,
            ours.p50_ms / bare.p50_ms,
            ours.p99_ms / bare.p99_ms,
            ours.bytes as f64 / bare.bytes.max(1) as f64
        );
    }
    println!("ratio: Scrutineer ÷ floor (throughput: higher is better; latency and size: lower).");
    for (_, email, _) in &made {
        sqlx::query("UPDATE users SET active = 0 WHERE email = $1")
            .bind(email)
            .execute(db.pool())
            .await?;
    }
    db.close().await;
    Ok(())
}

async fn serve(router: Router) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
    });
    Ok(base)
}

/// `requests` GETs of `url` from `clients` workers at once, as a browser asks for a page.
async fn drive(client: &reqwest::Client, url: &str, clients: usize, requests: usize) -> Figures {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (next, client, url) = (next.clone(), client.clone(), url.to_owned());
        workers.push(tokio::spawn(async move {
            let mut took = Vec::new();
            let (mut bytes, mut failures) = (0, 0);
            while next.fetch_add(1, Ordering::Relaxed) < requests {
                let sent = Instant::now();
                let response = client.get(&url).header("accept", "text/html").send().await;
                match response {
                    Ok(r) if r.status().is_success() => match r.bytes().await {
                        Ok(body) => {
                            took.push(sent.elapsed());
                            bytes = body.len();
                        }
                        Err(_) => failures += 1,
                    },
                    _ => failures += 1,
                }
            }
            (took, bytes, failures)
        }));
    }
    let (mut took, mut bytes, mut failures) = (Vec::new(), 0, 0);
    for worker in workers {
        if let Ok((t, b, f)) = worker.await {
            took.extend(t);
            bytes = bytes.max(b);
            failures += f;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    took.sort_unstable();
    let at = |q: f64| {
        took.get(((took.len() as f64 * q) as usize).min(took.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Figures {
        per_second: took.len() as f64 / elapsed,
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        bytes,
        failures,
    }
}

/// Scrutineer's page around its `<main>`: what the floor pastes around its own content.
struct Frame {
    before: String,
    after: String,
}

impl Frame {
    fn cut(page: &str) -> anyhow::Result<Frame> {
        let start = page
            .find("<main")
            .and_then(|at| page[at..].find('>').map(|end| at + end + 1))
            .ok_or_else(|| anyhow::anyhow!("the register page has no <main>"))?;
        let end = page
            .rfind("</main>")
            .ok_or_else(|| anyhow::anyhow!("the register page has no </main>"))?;
        Ok(Frame {
            before: without_scripts(&page[..start]),
            after: without_scripts(&page[end..]),
        })
    }

    fn page(&self, title: &str, body: &str) -> Html<String> {
        Html(format!(
            "{}<h1 class=\"govuk-heading-l\">{title}</h1>{body}{}",
            self.before, self.after
        ))
    }
}

/// `html` with its `<script>` elements left out: the floor sends no hydration data.
fn without_scripts(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        kept.push_str(&rest[..start]);
        match rest[start..].find("</script>") {
            Some(end) => rest = &rest[start + end + "</script>".len()..],
            None => rest = "",
        }
    }
    kept.push_str(rest);
    kept
}

/// The floor: the same pages' data from the same services, behind the same session lookup,
/// written out with `format!` and nothing else.
fn floor(state: AppState, frame: Arc<Frame>) -> Router {
    Router::new()
        .route("/actions", get(floor_register))
        .route("/actions/{id}", get(floor_action))
        .route("/", get(floor_home))
        .route("/public/actions", get(floor_public_actions))
        .layer(Extension(frame))
        .layer(axum::middleware::from_fn_with_state(
            state,
            server::web::caller,
        ))
}

fn failed(error: services::Error) -> Response {
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        format!("{error:?}"),
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rows(actions: &[ActionSummary]) -> String {
    let mut html = String::from("<table><tbody>");
    for a in actions {
        let _ = write!(
            html,
            "<tr><td><a href=\"/actions/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            a.id,
            escape(&a.reference),
            escape(&a.text),
            escape(&a.board_code),
            escape(&a.topic),
            escape(&a.owner_name),
            a.status.label(),
            escape(&a.due_long)
        );
    }
    html.push_str("</tbody></table>");
    html
}

async fn floor_register(
    Extension(state): Extension<AppState>,
    Extension(frame): Extension<Arc<Frame>>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let filter = RegisterFilter::from_query(query.as_deref().unwrap_or(""));
    let window = state.window();
    match services::register::actions::register(&state.db, &caller.actor(), &filter, &window).await
    {
        Ok(register) => {
            let mut body = format!(
                "<p>{} overdue, {} awaiting assessment, {} extensions pending</p><p>{} actions, page {} of {}</p>",
                register.counts.overdue,
                register.counts.awaiting_assessment,
                register.counts.extension_pending,
                register.total,
                register.page,
                register.pages
            );
            for (id, code) in &register.boards {
                let _ = write!(body, "<option value=\"{id}\">{}</option>", escape(code));
            }
            for (id, name) in &register.topics {
                let _ = write!(body, "<option value=\"{id}\">{}</option>", escape(name));
            }
            body.push_str(&rows(&register.actions));
            frame.page("Actions", &body).into_response()
        }
        Err(e) => failed(e),
    }
}

async fn floor_action(
    Extension(state): Extension<AppState>,
    Extension(frame): Extension<Arc<Frame>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Response {
    match services::register::actions::get(&state.db, &caller.actor(), id, &state.window()).await {
        Ok(view) => {
            let mut body = rows(std::slice::from_ref(&view.summary));
            let _ = write!(body, "<p>{}</p><ol>", escape(&view.board_name));
            for entry in &view.timeline {
                let _ = write!(
                    body,
                    "<li>{} {} {}</li>",
                    escape(&entry.at.long),
                    escape(&entry.what),
                    entry.body_html
                );
            }
            body.push_str("</ol>");
            frame.page(&view.summary.reference, &body).into_response()
        }
        Err(e) => failed(e),
    }
}

async fn floor_home(
    Extension(state): Extension<AppState>,
    Extension(frame): Extension<Arc<Frame>>,
    Extension(caller): Extension<Caller>,
) -> Response {
    let actor = caller.actor();
    let window = state.window();
    let (queues, deadlines) = match (
        services::work::queues::for_person(&state.db, &actor).await,
        services::register::actions::deadlines(&state.db, &actor, &window).await,
    ) {
        (Ok(q), Ok(d)) => (q, d),
        (Err(e), _) | (_, Err(e)) => return failed(e),
    };
    let mut body = String::new();
    for queue in &queues {
        let _ = write!(
            body,
            "<h2><a href=\"{}\">{} ({})</a></h2><ul>",
            escape(&queue.href),
            escape(&queue.title),
            queue.count
        );
        for item in &queue.items {
            let _ = write!(
                body,
                "<li><a href=\"{}\">{}</a> {}</li>",
                escape(&item.href),
                escape(&item.label),
                escape(&item.detail)
            );
        }
        body.push_str("</ul>");
    }
    body.push_str(&rows(&deadlines.overdue));
    body.push_str(&rows(&deadlines.due_soon));
    frame.page("Home", &body).into_response()
}

async fn floor_public_actions(
    Extension(state): Extension<AppState>,
    Extension(frame): Extension<Arc<Frame>>,
    RawQuery(_): RawQuery,
) -> Response {
    match services::register::actions::published(&state.db, None, &state.window()).await {
        Ok(list) => frame
            .page("Published actions", &rows(&list.items))
            .into_response(),
        Err(e) => failed(e),
    }
}
