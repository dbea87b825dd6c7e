//! Emails telling people of the events that give them work: a question put to the force,
//! further information asked for, a response or answer submitted, an extension asked for
//! or decided. Each person chooses which they get (all, unless they turn one off).
//!
//! An event writes its emails into `notifications` in the same transaction as the change
//! (an outbox), so a change and its emails stand or fall together; the server's background
//! job sends them ([`send_pending`]). Each is claimed before it is sent, so it goes once
//! even with several server processes; a failed send gives the claim back.

use domain::{Notice, Role, Step, UserId};
use sqlx::{AnyConnection, FromRow};

use crate::audit::Actor;
use crate::common::mail::Mailer;
use crate::register::Subject;
use crate::{Db, Result};

/// The outbox's kind for an invitation email, which carries a sign-in link: it is sent
/// without the "your choices" footer and wiped once sent.
pub(crate) const INVITATION: &str = "invitation";

/// Who a notice goes to: every active account with `role`, but not the person who acted.
struct To(Role);

/// The people on the owner's side of an action: the force's for a force-owned one, the
/// secretariat (who chase the OPCC and partners) for anyone else's.
fn owner_side(force: bool) -> To {
    To(if force {
        Role::ForceLiaison
    } else {
        Role::Secretariat
    })
}

/// Queues the emails a step on a record gives rise to, in the step's transaction (called
/// for every timeline entry; most steps give rise to none).
pub(crate) async fn on_step(
    conn: &mut AnyConnection,
    actor: &Actor,
    subject: Subject,
    id: i64,
    kind: Step,
    body: &str,
) -> Result<()> {
    if !matches!(
        kind,
        Step::Response
            | Step::Answer
            | Step::PutToForce
            | Step::Corrected
            | Step::Withdrawn
            | Step::FurtherInformationRequested
            | Step::ExtensionRequested
            | Step::ExtensionApproved
            | Step::ExtensionRefused
    ) {
        return Ok(());
    }
    let (notice, to, subject_line, path) = match subject {
        Subject::Action => {
            let (reference, owner): (String, String) =
                sqlx::query_as("SELECT reference, owner FROM actions WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
            let force = owner == "force";
            let (notice, to, what) = match kind {
                Step::Response => (
                    Notice::ResponseSubmitted,
                    To(Role::Commissioner),
                    "a response awaits your assessment",
                ),
                Step::FurtherInformationRequested => (
                    Notice::FurtherInformation,
                    owner_side(force),
                    "the Commissioner asks for further information",
                ),
                Step::ExtensionRequested => (
                    Notice::ExtensionRequested,
                    To(Role::Commissioner),
                    "more time is asked for",
                ),
                Step::ExtensionApproved => (
                    Notice::ExtensionDecided,
                    owner_side(force),
                    "the request for more time was approved",
                ),
                Step::ExtensionRefused => (
                    Notice::ExtensionDecided,
                    owner_side(force),
                    "the request for more time was refused",
                ),
                _ => return Ok(()),
            };
            (
                notice,
                to,
                format!("Action {reference}: {what}"),
                format!("/actions/{id}"),
            )
        }
        Subject::Question => {
            let text: String = sqlx::query_scalar("SELECT text FROM questions WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            let (notice, to, what) = match kind {
                Step::PutToForce => (
                    Notice::QuestionPut,
                    To(Role::ForceLiaison),
                    "A question for the force",
                ),
                Step::Corrected => (
                    Notice::QuestionPut,
                    To(Role::ForceLiaison),
                    "A question to the force was corrected",
                ),
                Step::Withdrawn => (
                    Notice::QuestionPut,
                    To(Role::ForceLiaison),
                    "A question to the force was withdrawn",
                ),
                Step::Answer => (
                    Notice::ResponseSubmitted,
                    To(Role::Commissioner),
                    "An answer awaits your assessment",
                ),
                Step::FurtherInformationRequested => (
                    Notice::FurtherInformation,
                    To(Role::ForceLiaison),
                    "Further information is asked for",
                ),
                _ => return Ok(()),
            };
            (
                notice,
                to,
                format!("{what}: {}", shorten(&text, 80)),
                format!("/questions/{id}"),
            )
        }
    };
    let text = if body.trim().is_empty() {
        subject_line.clone()
    } else {
        format!("{subject_line}.\n\n{}", shorten(body, 2000))
    };
    sqlx::query(
        "INSERT INTO notifications (user_id, notice, subject, body, path, created_at)
         SELECT u.id, $1, $2, $3, $4, $5 FROM users u
         WHERE u.role = $6 AND u.active = 1 AND u.id <> $7
           AND NOT EXISTS (SELECT 1 FROM notification_choices c
                           WHERE c.user_id = u.id AND c.notice = $1 AND c.wanted = 0)",
    )
    .bind(notice.as_str())
    .bind(&subject_line)
    .bind(text)
    .bind(path)
    .bind(crate::now())
    .bind(to.0.as_str())
    .bind(actor.user_id.map_or(-1, |u| u.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// The start of `text`, at most `most` characters, with an ellipsis if it was cut.
pub(crate) fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_owned();
    }
    let cut: String = text.chars().take(most).collect();
    format!("{}…", cut.trim_end())
}

/// The notices a person with `role` can receive.
pub fn for_role(role: Role) -> &'static [Notice] {
    match role {
        Role::Commissioner => &[Notice::ResponseSubmitted, Notice::ExtensionRequested],
        Role::ForceLiaison => &[
            Notice::QuestionPut,
            Notice::FurtherInformation,
            Notice::ExtensionDecided,
        ],
        // The secretariat chase the OPCC's and partners' actions.
        Role::Secretariat => &[Notice::FurtherInformation, Notice::ExtensionDecided],
        Role::Admin => &[],
    }
}

/// The person's choices: each notice their role can receive, and whether they get it.
pub async fn choices(db: &Db, actor: &Actor) -> Result<Vec<(Notice, bool)>> {
    actor.require(&Role::ALL)?;
    let (Some(user), Some(role)) = (actor.user_id, actor.role) else {
        return Ok(Vec::new());
    };
    let off: Vec<String> = sqlx::query_scalar(
        "SELECT notice FROM notification_choices WHERE user_id = $1 AND wanted = 0",
    )
    .bind(user.0)
    .fetch_all(db.pool())
    .await?;
    Ok(for_role(role)
        .iter()
        .map(|n| (*n, !off.iter().any(|o| o == n.as_str())))
        .collect())
}

/// Records the person's choices: `wanted` are the notices they get; the rest their role can
/// receive are turned off.
pub async fn choose(db: &Db, actor: &Actor, wanted: &[Notice]) -> Result<()> {
    actor.require(&Role::ALL)?;
    let (Some(user), Some(role)) = (actor.user_id, actor.role) else {
        return Ok(());
    };
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM notification_choices WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    for notice in for_role(role) {
        sqlx::query(
            "INSERT INTO notification_choices (user_id, notice, wanted) VALUES ($1, $2, $3)",
        )
        .bind(user.0)
        .bind(notice.as_str())
        .bind(i64::from(wanted.contains(notice)))
        .execute(&mut *tx)
        .await?;
    }
    let mut conn = tx;
    crate::audit::record(
        &mut conn,
        actor,
        crate::audit::Change::new("notification_choices", "user", user.0),
    )
    .await?;
    conn.commit().await?;
    Ok(())
}

/// Sends the emails waiting in the outbox, oldest first; returns how many went and how many
/// failed (those wait for the next run).
/// An email waiting in the outbox.
#[derive(FromRow)]
struct Waiting {
    id: i64,
    notice: String,
    subject: String,
    body: String,
    path: String,
    email: String,
}

pub async fn send_pending(db: &Db, mailer: &Mailer, base_url: &str) -> Result<(usize, usize)> {
    let rows: Vec<Waiting> = sqlx::query_as(
        "SELECT n.id, n.notice, n.subject, n.body, n.path, u.email FROM notifications n
         JOIN users u ON u.id = n.user_id
         WHERE n.sent_at IS NULL AND n.claimed_at IS NULL AND u.active = 1
         ORDER BY n.id LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?;
    let (mut sent, mut failed) = (0, 0);
    for row in rows {
        let id = row.id;
        let claimed = sqlx::query(
            "UPDATE notifications SET claimed_at = $1 WHERE id = $2 AND claimed_at IS NULL",
        )
        .bind(crate::now())
        .bind(id)
        .execute(db.pool())
        .await?
        .rows_affected();
        if claimed != 1 {
            continue;
        }
        let Waiting {
            email,
            subject,
            body,
            path,
            notice,
            ..
        } = row;
        let base = base_url.trim_end_matches('/');
        let invitation = notice == INVITATION;
        let text = if invitation {
            format!("{body}\n\n{base}{path}\n")
        } else {
            format!(
                "{body}\n\n{base}{path}\n\nYou get this email because of your choices at {base}/account/notifications\n"
            )
        };
        match mailer.send(&email, &subject, text).await {
            Ok(()) => {
                // An invitation's link is a key to an account: once sent, it is not kept.
                let sent_sql = if invitation {
                    "UPDATE notifications SET sent_at = $1, path = '', body = '' WHERE id = $2"
                } else {
                    "UPDATE notifications SET sent_at = $1 WHERE id = $2"
                };
                sqlx::query(sent_sql)
                    .bind(crate::now())
                    .bind(id)
                    .execute(db.pool())
                    .await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(error = %error, notification.id = id, "a notification email failed; it will be tried again");
                sqlx::query("UPDATE notifications SET claimed_at = NULL WHERE id = $1")
                    .bind(id)
                    .execute(db.pool())
                    .await?;
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}

/// What is waiting to be sent to `user`: (notice, subject); for tests and the command line.
pub async fn waiting_for(db: &Db, user: UserId) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT notice, subject FROM notifications WHERE user_id = $1 AND sent_at IS NULL ORDER BY id",
    )
    .bind(user.0)
    .fetch_all(db.pool())
    .await?)
}
