//! Reminder emails: to an action's owner a set number of days before its due date and once
//! it is overdue, and a weekly digest to the secretariat. Sent by a background job in the
//! server (see `server::jobs`), over SMTP, and only when SMTP is configured.
//!
//! Each reminder is sent once, even across restarts and with several server processes on
//! one PostgreSQL database: before sending, a process claims the reminder's key in
//! `reminders_sent` (a primary key, so only one claim can succeed); a failed send gives
//! the claim back, so a later run tries again. A process that dies between claiming and
//! sending loses that one reminder rather than sending it twice.
//!
//! Who gets an action's reminders: the owner's account if the action names one; otherwise
//! every force liaison account for the force's actions, and the secretariat for the
//! OPCC's and partners'.

use crate::db::codec::day_text;
use chrono::{Datelike, Days, NaiveDate};
use sqlx::FromRow;

use crate::common::london;
use crate::common::mail::Mailer;
use crate::{Db, Result};

/// When reminders go out.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Days before the due date for the "due soon" reminder.
    pub days_before: u32,
    /// The address people reach Scrutineer at, for links in the emails.
    pub base_url: String,
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub sent: usize,
    pub failed: usize,
}

#[derive(FromRow)]
struct Due {
    id: i64,
    reference: String,
    text: String,
    due_on: String,
    owner: String,
    owner_email: Option<String>,
}

async fn emails_of(db: &Db, role: &str) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT email FROM users WHERE role = $1 AND active = 1 ORDER BY email")
            .bind(role)
            .fetch_all(db.pool())
            .await?,
    )
}

/// Claims `key` for this process; `false` if another run (here or elsewhere) has it.
async fn claim(db: &Db, key: &str, kind: &str, recipient: &str) -> Result<bool> {
    let claimed = sqlx::query(
        "INSERT INTO reminders_sent (key, kind, recipient, claimed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(kind)
    .bind(recipient)
    .bind(crate::now())
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

/// Sends one claimed reminder, or gives the claim back if sending fails.
async fn deliver(
    db: &Db,
    mailer: &Mailer,
    key: &str,
    to: &str,
    subject: &str,
    body: String,
    run: &mut Run,
) -> Result<()> {
    if !claim(db, key, key.split(':').next().unwrap_or(""), to).await? {
        return Ok(());
    }
    match mailer.send(to, subject, body).await {
        Ok(()) => {
            sqlx::query("UPDATE reminders_sent SET sent_at = $1 WHERE key = $2")
                .bind(crate::now())
                .bind(key)
                .execute(db.pool())
                .await?;
            run.sent += 1;
        }
        Err(error) => {
            // The key ends with the recipient, and SMTP errors quote addresses: neither is
            // logged as it is.
            let reminder = key.rsplit_once(':').map_or(key, |(kind, _)| kind);
            let error = domain::mask_emails(&error.to_string());
            tracing::warn!(error = %error, reminder, "reminder not sent; will retry");
            sqlx::query("DELETE FROM reminders_sent WHERE key = $1")
                .bind(key)
                .execute(db.pool())
                .await?;
            run.failed += 1;
        }
    }
    Ok(())
}

async fn due_actions(db: &Db, condition: &str, bounds: &[String]) -> Result<Vec<Due>> {
    let sql = format!(
        "SELECT a.id, a.reference, a.text, a.due_on, a.owner, u.email AS owner_email
         FROM actions a LEFT JOIN users u ON u.id = a.owner_user_id AND u.active = 1
         WHERE a.status IN ('open', 'further_information_requested') AND {condition}
         ORDER BY a.due_on, a.id"
    );
    let mut query = sqlx::query_as::<_, Due>(&sql);
    for bound in bounds {
        query = query.bind(bound.as_str());
    }
    Ok(query.fetch_all(db.pool()).await?)
}

/// Sends every reminder due on `today` that has not been sent.
pub async fn run_once(
    db: &Db,
    mailer: &Mailer,
    settings: &Settings,
    today: NaiveDate,
) -> Result<Run> {
    let mut run = Run::default();
    let today_text = day_text(today);
    let soon = day_text(
        today
            .checked_add_days(Days::new(u64::from(settings.days_before)))
            .unwrap_or(today),
    );
    let liaison = emails_of(db, "force_liaison").await?;
    let secretariat = emails_of(db, "secretariat").await?;
    let recipients = |action: &Due| match &action.owner_email {
        Some(email) => vec![email.clone()],
        None if action.owner == "force" => liaison.clone(),
        None => secretariat.clone(),
    };
    let link = |id: i64| format!("{}/actions/{id}", settings.base_url.trim_end_matches('/'));
    for action in due_actions(
        db,
        "a.due_on >= $1 AND a.due_on <= $2",
        &[today_text.clone(), soon.clone()],
    )
    .await?
    {
        for to in recipients(&action) {
            let key = format!("due_soon:{}:{}:{to}", action.id, action.due_on);
            let subject = format!(
                "Action {} is due on {}",
                action.reference,
                london::long_date_of(&action.due_on)
            );
            let body = format!(
                "Action {} is due on {}.\n\n{}\n\nRespond or ask for more time at {}\n",
                action.reference,
                london::long_date_of(&action.due_on),
                action.text,
                link(action.id)
            );
            deliver(db, mailer, &key, &to, &subject, body, &mut run).await?;
        }
    }
    let overdue = due_actions(db, "a.due_on < $1", std::slice::from_ref(&today_text)).await?;
    for action in &overdue {
        for to in recipients(action) {
            let key = format!("overdue:{}:{}:{to}", action.id, action.due_on);
            let subject = format!("Action {} is overdue", action.reference);
            let body = format!(
                "Action {} was due on {} and no response has been submitted.\n\n{}\n\nRespond or ask for more time at {}\n",
                action.reference, london::long_date_of(&action.due_on), action.text, link(action.id)
            );
            deliver(db, mailer, &key, &to, &subject, body, &mut run).await?;
        }
    }
    // Contract and grant monitoring returns: to the secretariat, who keep that register.
    for due in crate::equality::contracts::due(db, today).await? {
        let reminder = match due.state {
            domain::equality::MonitoringState::Overdue => "monitoring_overdue",
            _ if due.due_on.as_str() <= soon.as_str() => "monitoring_due",
            _ => continue,
        };
        for to in &secretariat {
            let key = format!("{reminder}:{}:{}:{to}", due.contract_id, due.due_on);
            let when = london::long_date_of(&due.due_on);
            let subject = if reminder == "monitoring_overdue" {
                format!("Equality monitoring from {} is overdue", due.party)
            } else {
                format!("Equality monitoring from {} is due on {when}", due.party)
            };
            let body = format!(
                "The equality monitoring return for \"{}\" ({}) is due on {when}.\n\nRecord what was received at {}/equality/contracts/{}\n",
                due.title,
                due.party,
                settings.base_url.trim_end_matches('/'),
                due.contract_id
            );
            deliver(db, mailer, &key, to, &subject, body, &mut run).await?;
        }
    }
    let week = today.iso_week();
    let fortnight = day_text(today.checked_add_days(Days::new(14)).unwrap_or(today));
    let coming = due_actions(
        db,
        "a.due_on >= $1 AND a.due_on <= $2",
        &[today_text, fortnight],
    )
    .await?;
    for to in &secretariat {
        let key = format!("digest:{}-W{:02}:{to}", week.year(), week.week());
        let line = |a: &Due| {
            format!(
                "- {} (due {}): {}\n",
                a.reference,
                london::long_date_of(&a.due_on),
                a.text
            )
        };
        let mut body = format!("Overdue actions: {}\n", overdue.len());
        body.extend(overdue.iter().map(line));
        body.push_str(&format!("\nDue in the next 14 days: {}\n", coming.len()));
        body.extend(coming.iter().map(line));
        body.push_str(&format!(
            "\nThe register: {}/actions\n",
            settings.base_url.trim_end_matches('/')
        ));
        let subject = format!(
            "Scrutineer weekly digest: {} overdue, {} due soon",
            overdue.len(),
            coming.len()
        );
        deliver(db, mailer, &key, to, &subject, body, &mut run).await?;
    }
    Ok(run)
}
