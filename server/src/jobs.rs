//! Background work of the server: the reminder emails and the notification emails. Every
//! process runs the job; claims in the database make each email go once (see
//! `services::register::reminders` and `services::work::notifications`).

use std::time::Duration;

use anyhow::Context;
use services::common::mail::Mailer;
use services::register::reminders::{self, Settings};
use services::Db;
use tokio::task::JoinHandle;

use crate::config::ServeSettings;

/// How often waiting notifications are sent, at most.
const NOTIFY_EVERY: Duration = Duration::from_secs(60);

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
    // Notifications are news: they go within a minute (or the reminders' interval, if
    // shorter), reminders at their own pace.
    let notify_every = every.min(NOTIFY_EVERY);
    tracing::info!(smtp = ?url, every = ?every, "reminder and notification emails are on");
    let db = db.clone();
    Ok(Some(tokio::spawn(async move {
        let mut reminder_tick = tokio::time::interval(every);
        reminder_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut notify_tick = tokio::time::interval(notify_every);
        notify_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = reminder_tick.tick() => {
                    match reminders::run_once(&db, &mailer, &settings, services::common::london::today()).await {
                        Ok(run) if run.sent > 0 || run.failed > 0 => {
                            tracing::info!(sent = run.sent, failed = run.failed, "reminder emails");
                        }
                        Ok(_) => {}
                        Err(error) => tracing::error!(error = ?error, "reminder job"),
                    }
                }
                _ = notify_tick.tick() => {
                    match services::work::notifications::send_pending(&db, &mailer, &settings.base_url).await {
                        Ok((sent, failed)) if sent > 0 || failed > 0 => {
                            tracing::info!(sent, failed, "notification emails");
                        }
                        Ok(_) => {}
                        Err(error) => tracing::error!(error = ?error, "notification job"),
                    }
                }
            }
        }
    })))
}
