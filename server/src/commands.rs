//! What each command of the `scrutineer` binary does.

use std::io::{BufRead, IsTerminal};
use std::time::Duration;

use anyhow::{bail, Context};
use app::context::{AppState, CookieSettings};
use services::accounts::auth::Throttle;
use services::accounts::sessions::SessionPolicy;
use services::accounts::users::NewUser;
use services::audit::Actor;
use services::Db;
use tracing_subscriber::EnvFilter;

use crate::config::{ServeSettings, Settings};

/// How often ended sessions are swept out of the database.
const PURGE_EVERY: Duration = Duration::from_secs(10 * 60);

pub fn init_logging(settings: &Settings) -> anyhow::Result<()> {
    let filter = EnvFilter::try_new(&settings.log)
        .with_context(|| format!("SCRUTINEER_LOG is not a valid filter: {}", settings.log))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if settings.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
    crate::incidents::log_panics();
    Ok(())
}

pub async fn open(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(&settings.database_url).await?;
    services::prepare(&db).await?;
    let db = match secrets_key(settings)? {
        Some(key) => db.with_sealing(key),
        None => db,
    };
    if db.backend() == services::Backend::Sqlite || settings.secrets_key.is_some() {
        let sealed = services::accounts::two_factor::seal_unsealed(&db)
            .await
            .map_err(anyhow_from)?;
        if sealed > 0 {
            tracing::info!(
                sealed,
                "second-factor secrets written before sealing are now sealed"
            );
        }
    }
    Ok(db)
}

/// The key second-factor secrets are sealed under: the setting, or for SQLite the key file
/// beside the database, made (owner-only) on first use; `None` for PostgreSQL without the
/// setting (the server refuses to start then).
pub(crate) fn secrets_key(
    settings: &Settings,
) -> anyhow::Result<Option<services::common::sealing::SealingKey>> {
    use services::common::sealing::SealingKey;
    if let Some(given) = &settings.secrets_key {
        return Ok(Some(SealingKey::parse(&given.0)?));
    }
    if services::db::Backend::from_url(&settings.database_url)? != services::Backend::Sqlite {
        return Ok(None);
    }
    let path = std::path::PathBuf::from(format!(
        "{}.secrets-key",
        services::db::backup::sqlite_file(&settings.database_url)?.display()
    ));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = SealingKey::generate();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(&path)
                .with_context(|| format!("creating the secrets key file {}", path.display()))?;
            std::io::Write::write_all(&mut file, format!("{key}\n").as_bytes())?;
            tracing::info!(path = %path.display(), "made a key for second-factor secrets: keep it with the database's backups, apart from them");
            key
        }
        Err(e) => {
            return Err(e)
                .with_context(|| format!("reading the secrets key file {}", path.display()))
        }
    };
    Ok(Some(SealingKey::parse(&text).with_context(|| {
        format!("the secrets key file {}", path.display())
    })?))
}

/// `scrutineer secrets keygen`: a new key, for SCRUTINEER_SECRETS_KEY.
pub fn secrets_keygen() {
    println!(
        "SCRUTINEER_SECRETS_KEY={}",
        services::common::sealing::SealingKey::generate()
    );
}

/// `scrutineer secrets rotate`: seals every second-factor secret again under `new`, in one
/// transaction; the setting (or key file) must then hold the new key.
pub async fn secrets_rotate(settings: &Settings, new: &str) -> anyhow::Result<()> {
    let new = services::common::sealing::SealingKey::parse(new)?;
    let db = open(settings).await?;
    let old = secrets_key(settings)?;
    let sealed = services::accounts::two_factor::reseal(&db, old.as_ref(), &new)
        .await
        .map_err(anyhow_from)?;
    db.close().await;
    println!(
        "{sealed} second-factor secrets are now sealed under the new key: put it in SCRUTINEER_SECRETS_KEY (or the key file) before the server starts again"
    );
    Ok(())
}

pub async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let db = open(settings).await?;
    tracing::info!(backend = ?db.backend(), "database is up to date");
    db.close().await;
    Ok(())
}

/// `scrutineer backup FILE`.
pub async fn backup(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    services::db::backup::sqlite_file(&settings.database_url)?;
    let db = Db::connect(&settings.database_url).await?;
    let result = services::db::backup::backup(&db, file).await;
    db.close().await;
    println!("Backed up to {}: {}", file.display(), result?);
    Ok(())
}

/// `scrutineer restore FILE`.
pub async fn restore(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let summary = services::db::backup::restore(file, &settings.database_url).await?;
    println!("Restored {}: {summary}", file.display());
    Ok(())
}

/// `scrutineer audit verify`: an error (exit 1) when the chain is broken.
pub async fn audit_verify(
    settings: &Settings,
    checkpoint: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use services::audit::chain;
    let checkpoint = match checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Some(chain::Checkpoint::parse(&text)?)
        }
        None => None,
    };
    let db = open(settings).await?;
    let report = match &checkpoint {
        Some(checkpoint) => chain::verify_against(&db, checkpoint).await,
        None => chain::verify(&db).await,
    };
    db.close().await;
    let report = report?;
    if let Some(broken) = report.first_break {
        bail!("the audit trail has been tampered with: {broken}");
    }
    match report.head {
        Some(head) => println!(
            "The audit trail is intact: {} events, the last is event {} with hash {}.",
            report.events, head.seq, head.hash
        ),
        None => println!("The audit trail is empty."),
    }
    if let Some(checkpoint) = checkpoint {
        println!(
            "It still holds the checkpoint's event {} (signed by key {}).",
            checkpoint.seq, checkpoint.public_key
        );
    }
    Ok(())
}

/// `scrutineer audit checkpoint`.
pub async fn audit_checkpoint(settings: &Settings, key: &str) -> anyhow::Result<()> {
    let key = services::audit::chain::SigningKey::parse(key)?;
    let db = open(settings).await?;
    let checkpoint = services::audit::chain::checkpoint(&db, &key).await;
    db.close().await;
    match checkpoint? {
        Some(checkpoint) => println!("{}", checkpoint.line()),
        None => bail!("the audit trail is empty: there is nothing to sign yet"),
    }
    Ok(())
}

/// `scrutineer audit keygen`.
pub fn audit_keygen() {
    let key = services::audit::chain::SigningKey::generate();
    println!("SCRUTINEER_AUDIT_KEY={}", key.secret());
    println!("# public key, to check checkpoints with: {}", key.public());
}

pub async fn serve(settings: &Settings, serve: &ServeSettings) -> anyhow::Result<()> {
    let db = open(settings).await?;
    anyhow::ensure!(
        secrets_key(settings)?.is_some(),
        "SCRUTINEER_SECRETS_KEY must be set on PostgreSQL (the same on every server): make one with `scrutineer secrets keygen`"
    );
    let policy = serve.session_policy();
    if no_accounts(&db).await? {
        tracing::warn!(
            "there are no accounts yet: create the first administrator with \
             `scrutineer create-user --role admin --email … --name …`"
        );
    }
    let state = AppState {
        db: db.clone(),
        sessions: policy,
        throttle: Throttle::default(),
        due_soon_days: serve.due_soon_days,
        mail_on: serve.smtp_url.is_some(),
        trusted_proxies: serve.trusted_proxies.clone(),
        second_factor: serve.second_factor,
        windows: Default::default(),
        public_url: serve.public_url(),
        feedback_url: serve.feedback_url.clone(),
        cookie: CookieSettings {
            secure: serve.secure(),
        },
    };
    let purge = tokio::spawn(purge_sessions(db.clone(), policy));
    let reminders = crate::jobs::start_reminders(&db, serve)?;
    let router = crate::web::router(state, &serve.site_root);
    let listener = tokio::net::TcpListener::bind(serve.addr)
        .await
        .with_context(|| format!("cannot listen on {}", serve.addr))?;
    tracing::info!(addr = %serve.addr, backend = ?db.backend(), "Scrutineer is listening on http://{}", serve.addr);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("the server stopped with an error")?;
    purge.abort();
    if let Some(job) = reminders {
        job.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn no_accounts(db: &Db) -> anyhow::Result<bool> {
    Ok(services::accounts::users::count(db)
        .await
        .map_err(anyhow_from)?
        == 0)
}

async fn purge_sessions(db: Db, policy: SessionPolicy) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        every.tick().await;
        match services::accounts::sessions::purge_expired(&db, policy, services::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "purged ended sessions"),
            Err(error) => tracing::warn!(error = ?error, "could not purge ended sessions"),
        }
        if let Err(error) = services::accounts::auth::purge_attempts(&db, services::now()).await {
            tracing::warn!(error = ?error, "could not purge old sign-in attempts");
        }
    }
}

/// Resolves on SIGTERM (how service managers and containers stop a process) or Ctrl-C;
/// requests in flight are finished before the server stops.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

pub async fn create_user(
    settings: &Settings,
    email: &str,
    name: &str,
    role: &str,
) -> anyhow::Result<()> {
    // Check what can be checked before asking for a password.
    NewUser::parse(email, name, role, "a placeholder long enough").map_err(anyhow_from)?;
    let password = read_password()?;
    let new = NewUser::parse(email, name, role, &password).map_err(anyhow_from)?;
    let db = open(settings).await?;
    let user = services::accounts::users::create(&db, &Actor::command_line(), new, "")
        .await
        .map_err(anyhow_from)?;
    println!(
        "Created {} ({}) as {}.",
        user.email,
        user.display_name,
        user.role.label()
    );
    db.close().await;
    Ok(())
}

/// From a prompt (typed twice, not echoed) or, when standard input is not a terminal,
/// its first line.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            bail!("the two passwords differ; nothing was created");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

pub async fn demo(settings: &Settings, actions: u32) -> anyhow::Result<()> {
    let db = open(settings).await?;
    match services::demo::load(&db).await {
        Ok(accounts) => {
            println!("Demo data loaded. These passwords are shown once; keep them somewhere safe.");
            for account in accounts {
                println!(
                    "  {:<14} {:<28} {}",
                    account.role.label(),
                    account.email,
                    account.password
                );
            }
            println!(
                "Each account sets up two-factor sign-in (an authenticator app) when it first signs in;\n\
                 to try the demo without one, serve with SCRUTINEER_SECOND_FACTOR=optional."
            );
        }
        // Generating a large set on top of a loaded demo is fine.
        Err(services::Error::Invalid(_)) if actions > 0 => {
            println!("The demo data set is already loaded; adding to it.");
        }
        Err(error) => return Err(anyhow_from(error)),
    }
    if actions > 0 {
        let started = std::time::Instant::now();
        let made = services::demo::scale::generate(&db, actions, 2026)
            .await
            .map_err(anyhow_from)?;
        println!(
            "Generated {} meetings, {} questions, {} actions and {} timeline entries in {:.1?}.",
            made.meetings,
            made.questions,
            made.actions,
            made.timeline_entries,
            started.elapsed()
        );
    }
    db.close().await;
    Ok(())
}

/// Service errors on the command line: field problems listed one per line.
pub fn anyhow_from(error: services::Error) -> anyhow::Error {
    match error {
        services::Error::Invalid(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| {
                    let option = if e.field == "display_name" {
                        "name"
                    } else {
                        e.field.as_str()
                    };
                    format!("  {option}: {}", e.message)
                })
                .collect();
            anyhow::anyhow!("nothing was saved:\n{}", lines.join("\n"))
        }
        services::Error::Unexpected(cause) => cause,
        other => anyhow::anyhow!("{other}"),
    }
}

pub fn routes() -> anyhow::Result<()> {
    use app::routes::{Access, PAGES};
    let pages: Vec<serde_json::Value> = PAGES
        .iter()
        .map(|page| {
            let roles: Vec<&str> = match page.access {
                Access::Public => vec!["public"],
                Access::SignedIn => vec!["signed_in"],
                Access::Only(roles) => roles.iter().map(|r| r.as_str()).collect(),
            };
            serde_json::json!({ "path": page.path, "title": page.title, "access": roles })
        })
        .collect();
    println!("{}", serde_json::to_string_pretty(&pages)?);
    Ok(())
}
