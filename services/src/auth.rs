//! Signing in and out.
//!
//! Sign-in is two steps on purpose: [`check_credentials`] decides who someone is, and
//! [`sign_in`] then starts the session. A second factor (TOTP or WebAuthn) goes between the
//! two without changing either: check credentials, ask for the factor, then start the session.

use domain::{FieldErrors, UserId};
use serde_json::json;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::sessions::{self, SessionUser};
use crate::{passwords, Db, Error, Result};

/// Refused whatever the password: keeps hashing cost bounded for absurd input.
const MAX_PASSWORD_INPUT: usize = 1024;

/// Sign-in throttling, counted in the database so that it holds across server processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub window_secs: i64,
    /// Failed attempts on one account, since its last success, within the window.
    pub per_account: i64,
    /// Failed attempts from one address within the window, whatever the account.
    pub per_address: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window_secs: 15 * 60,
            per_account: 5,
            per_address: 20,
        }
    }
}

pub const WRONG_CREDENTIALS: &str = "Enter a correct email address and password";

pub struct SignedIn {
    /// For the session cookie.
    pub token: String,
    pub user: SessionUser,
}

/// The token is a bearer credential: it never goes into a log.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("token", &"<redacted>")
            .field("user", &self.user)
            .finish()
    }
}

fn throttled_message(wait_secs: i64) -> String {
    let minutes = (wait_secs.max(1) + 59) / 60;
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many failed sign-in attempts. Wait {minutes} {unit}, then try again.")
}

async fn throttle_wait(
    db: &Db,
    throttle: Throttle,
    email: &str,
    address: &str,
    now: i64,
) -> Result<Option<i64>> {
    let since = now - throttle.window_secs;
    let account = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(at) AS first FROM sign_in_attempts
         WHERE email = $1 AND succeeded = 0 AND at > $2
           AND id > COALESCE((SELECT MAX(id) FROM sign_in_attempts WHERE email = $1 AND succeeded = 1), 0)",
    )
    .bind(email)
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    let by_address = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(at) AS first FROM sign_in_attempts
         WHERE address = $1 AND succeeded = 0 AND at > $2",
    )
    .bind(address)
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    for (row, limit) in [
        (account, throttle.per_account),
        (by_address, throttle.per_address),
    ] {
        let n: i64 = row.try_get("n")?;
        if n >= limit {
            let first: Option<i64> = row.try_get("first")?;
            return Ok(Some(first.unwrap_or(now) + throttle.window_secs - now));
        }
    }
    Ok(None)
}

/// Decides who is signing in. Every failure says the same thing, so that nobody can learn
/// which emails have accounts; the audit trail records the real reason for the admins.
pub async fn check_credentials(
    db: &Db,
    throttle: Throttle,
    email: &str,
    password: &str,
    address: &str,
    now: i64,
) -> Result<SessionUser> {
    let email = email.trim().to_lowercase();
    let mut errors = FieldErrors::new();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    } else if email.chars().count() > domain::Email::MAX_LEN {
        errors.add("email", "Email address must be 254 characters or fewer");
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    } else if password.len() > MAX_PASSWORD_INPUT {
        errors.add("password", WRONG_CREDENTIALS);
    }
    errors.into_result()?;

    let anonymous = Actor::anonymous(Some(address.to_owned()));
    if let Some(wait) = throttle_wait(db, throttle, &email, address, now).await? {
        let mut conn = db.pool().acquire().await?;
        audit::record(
            &mut conn,
            &anonymous,
            Change {
                action: "sign_in.throttled",
                entity: "session",
                entity_id: None,
                before: None,
                after: Some(json!({ "email": email })),
            },
        )
        .await?;
        return Err(Error::Throttled(throttled_message(wait)));
    }

    let row = sqlx::query(
        "SELECT id, email, display_name, role, active, password_hash FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(db.pool())
    .await?;
    let stored = match &row {
        Some(row) => Some(row.try_get::<String, _>("password_hash")?),
        None => None,
    };
    let password_ok = passwords::verify(password.to_owned(), stored).await?;
    let active = match &row {
        Some(row) => row.try_get::<i64, _>("active")? == 1,
        None => false,
    };
    let user = match &row {
        Some(row) => Some(SessionUser {
            id: UserId(row.try_get("id")?),
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            role: domain::Role::parse(&row.try_get::<String, _>("role")?)
                .map_err(|e| anyhow::anyhow!("stored role: {e}"))?,
        }),
        None => None,
    };
    let failure = match (&user, password_ok, active) {
        (None, _, _) => Some("unknown email"),
        (Some(_), false, _) => Some("wrong password"),
        (Some(_), true, false) => Some("account deactivated"),
        (Some(_), true, true) => None,
    };

    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO sign_in_attempts (email, address, at, succeeded) VALUES ($1, $2, $3, $4)",
    )
    .bind(&email)
    .bind(address)
    .bind(now)
    .bind(i64::from(failure.is_none()))
    .execute(&mut *tx)
    .await?;
    match (failure, user) {
        (None, Some(user)) => {
            tx.commit().await?;
            Ok(user)
        }
        (reason, user) => {
            audit::record(
                &mut tx,
                &anonymous,
                Change {
                    action: "sign_in.failed",
                    entity: "user",
                    entity_id: user.as_ref().map(|u| u.id.to_string()),
                    before: None,
                    // An unknown address may be a person's password typed into the
                    // wrong field, or someone else's address: the trail keeps it masked.
                    after: Some(json!({
                        "email": if user.is_some() { email.clone() } else { domain::mask_emails(&email) },
                        "reason": reason,
                    })),
                },
            )
            .await?;
            tx.commit().await?;
            Err(Error::invalid("password", WRONG_CREDENTIALS))
        }
    }
}

/// Starts a session for someone whose credentials (and, later, second factor) were checked.
pub async fn start_session(
    db: &Db,
    user: SessionUser,
    address: &str,
    now: i64,
) -> Result<SignedIn> {
    let mut tx = db.begin().await?;
    let token = sessions::start(&mut tx, user.id, now).await?;
    sqlx::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
        .bind(now)
        .bind(user.id.0)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        &Actor::user(&user, Some(address.to_owned())),
        Change::new("sign_in.succeeded", "user", user.id),
    )
    .await?;
    tx.commit().await?;
    Ok(SignedIn { token, user })
}

/// Checks credentials and starts a session: sign-in with a password alone.
pub async fn sign_in(
    db: &Db,
    throttle: Throttle,
    email: &str,
    password: &str,
    address: &str,
) -> Result<SignedIn> {
    let now = crate::now();
    let user = check_credentials(db, throttle, email, password, address, now).await?;
    start_session(db, user, address, now).await
}

pub async fn sign_out(db: &Db, actor: &Actor, token: &str) -> Result<()> {
    sessions::end(db, token).await?;
    if let Some(id) = actor.user_id {
        let mut conn = db.pool().acquire().await?;
        audit::record(&mut conn, actor, Change::new("sign_out", "user", id)).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_message_rounds_up_to_whole_minutes() {
        assert_eq!(
            throttled_message(61),
            "Too many failed sign-in attempts. Wait 2 minutes, then try again."
        );
        assert_eq!(
            throttled_message(0),
            "Too many failed sign-in attempts. Wait 1 minute, then try again."
        );
    }
}
