//! Background work of the server: the reminder emails. Every process runs the job; the
//! reminders' keys in the database make each email go once (see `services::reminders`).

use std::time::Duration;

use anyhow::Context;
use services::reminders::{self, Mailer, Settings};
use services::Db;
use tokio::task::JoinHandle;

use crate::config::ServeSettings;

/// Starts the reminder job if SMTP is configured; says so in the log either way.
pub fn start_reminders(db: &Db, serve: &ServeSettings) -> anyhow::Result<Option<JoinHandle<()>>> {
    let Some(url) = &serve.smtp_url else {
        tracing::info!("reminder emails are off: SCRUTINEER_SMTP_URL is not set");
        return Ok(None);
    };
    let mailer = Mailer::new(&url.0, &serve.mail_from).context("reminder emails")?;
    let settings = Settings {
        days_before: serve.reminder_days,
        base_url: serve.public_url(),
    };
    let every = Duration::from_secs(serve.reminder_every_seconds);
    tracing::info!(smtp = ?url, every = ?every, "reminder emails are on");
    let db = db.clone();
    Ok(Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match reminders::run_once(&db, &mailer, &settings, services::london::today()).await {
                Ok(run) if run.sent > 0 || run.failed > 0 => {
                    tracing::info!(sent = run.sent, failed = run.failed, "reminder emails");
                }
                Ok(_) => {}
                Err(error) => tracing::error!(error = ?error, "reminder job"),
            }
        }
    })))
}
