//! Server-side sessions. The browser holds a random 256-bit token; the database holds only
//! its SHA-256, the user, when the session began and when it was last used. A session ends
//! after `idle` without use or `absolute` after sign-in, whichever comes first, and when
//! the user is deactivated or their password is reset.

use domain::{Role, UserId};
use sqlx::{AnyConnection, FromRow};

use crate::audit::Actor;
pub(crate) use crate::common::tokens::hash_token;
use crate::common::tokens::looks_like_token;
pub use crate::common::tokens::new_token;
use crate::db::codec::Flag;
use crate::{Db, Result};

/// How often `last_seen_at` is written: finer would cost a write per request.
const TOUCH_EVERY_SECS: i64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_secs: i64,
    pub absolute_secs: i64,
}

impl Actor {
    /// The person a session belongs to, as services see them.
    pub fn user(user: &SessionUser, address: Option<String>) -> Actor {
        Actor::signed_in(user.id, user.role, user.email.clone(), address)
    }
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_secs: 30 * 60,
            absolute_secs: 12 * 60 * 60,
        }
    }
}

/// The person behind a live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Their password was set by an admin: until they change it, their session reaches only
    /// the page that does (`server::web`).
    pub must_change_password: bool,
    /// They have a second factor: without one, where it is required, their session reaches
    /// only the page that sets one up (`server::web`).
    pub two_factor_on: bool,
}

/// The columns of `users` that [`UserRow`] reads.
pub(crate) const USER_COLUMNS: &str = "id, email, display_name, role, must_change_password,
     CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END AS two_factor_on";

/// The columns of [`USER_COLUMNS`], as stored. The role stays text here: a session whose
/// person's role is no longer one Scrutineer knows is ended, not an error ([`resume`]).
#[derive(FromRow)]
pub(crate) struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    must_change_password: Flag,
    two_factor_on: Flag,
}

impl UserRow {
    fn user(self, role: Role) -> SessionUser {
        SessionUser {
            id: UserId(self.id),
            email: self.email,
            display_name: self.display_name,
            role,
            must_change_password: self.must_change_password.0,
            two_factor_on: self.two_factor_on.0,
        }
    }

    /// The person the row describes; a role Scrutineer does not know is an error here.
    pub(crate) fn session_user(self) -> Result<SessionUser> {
        let role = Role::parse(&self.role).map_err(|e| anyhow::anyhow!("stored role: {e}"))?;
        Ok(self.user(role))
    }
}

/// The columns [`resume`] reads: the session's and its person's.
#[derive(FromRow)]
struct ResumeRow {
    created_at: i64,
    last_seen_at: i64,
    ended_at: Option<i64>,
    awaiting_code: Flag,
    active: Flag,
    #[sqlx(flatten)]
    user: UserRow,
}

/// Starts a session for `user_id` and returns the token for the cookie. A new token every
/// time, so a session id planted before sign-in is never the one that signs in.
pub(crate) async fn start(conn: &mut AnyConnection, user_id: UserId, now: i64) -> Result<String> {
    insert(conn, user_id, now, false).await
}

/// How long a session awaiting its second factor's code lasts, in seconds.
pub const AWAITING_CODE_SECS: i64 = 5 * 60;

/// Starts a session that has passed the password but awaits the second factor's code: it
/// counts as nobody signed in (see [`Resumed::AwaitingCode`]).
pub(crate) async fn start_awaiting_code(
    conn: &mut AnyConnection,
    user_id: UserId,
    now: i64,
) -> Result<String> {
    insert(conn, user_id, now, true).await
}

async fn insert(
    conn: &mut AnyConnection,
    user_id: UserId,
    now: i64,
    awaiting_code: bool,
) -> Result<String> {
    let token = new_token();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, awaiting_code)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(user_id.0)
    .bind(now)
    .bind(i64::from(awaiting_code))
    .execute(conn)
    .await?;
    Ok(token)
}

/// What a session cookie stands for now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resumed {
    /// A live session: this person is signed in.
    Live(SessionUser),
    /// A session that ended by going unused or too old: nobody is signed in, but work
    /// posted with it can be kept for the person it was (see `kept`).
    Ended(UserId),
    /// A session whose person gave their password and has yet to give their code: nobody is
    /// signed in, and the code page knows whom to ask.
    AwaitingCode(UserId),
    /// No session: never was, signed out, revoked, or long gone.
    Unknown,
}

impl Resumed {
    /// The signed-in person, if the session is live.
    pub fn live(self) -> Option<SessionUser> {
        match self {
            Resumed::Live(user) => Some(user),
            _ => None,
        }
    }
}

/// What the session behind `token` stands for at `now`. A session found past its idle or
/// absolute limit is marked ended (and is never live again); one whose user was
/// deactivated or lost their role is deleted.
pub async fn resume(db: &Db, token: &str, policy: SessionPolicy, now: i64) -> Result<Resumed> {
    if !looks_like_token(token) {
        return Ok(Resumed::Unknown);
    }
    let id_hash = hash_token(token);
    let row: Option<ResumeRow> = sqlx::query_as(
        "SELECT s.created_at, s.last_seen_at, s.ended_at, s.awaiting_code, u.id, u.email,
                u.display_name, u.role, u.active, u.must_change_password,
                CASE WHEN u.totp_secret IS NULL THEN 0 ELSE 1 END AS two_factor_on
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = $1",
    )
    .bind(&id_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(Resumed::Unknown);
    };
    let user_id = UserId(row.user.id);
    let (created_at, last_seen_at, ended_at) = (row.created_at, row.last_seen_at, row.ended_at);
    let Some(role) = Role::parse(&row.user.role).ok().filter(|_| row.active.0) else {
        delete(db, &id_hash).await?;
        return Ok(Resumed::Unknown);
    };
    if row.awaiting_code.0 {
        if ended_at.is_some() || now - created_at > AWAITING_CODE_SECS {
            delete(db, &id_hash).await?;
            return Ok(Resumed::Unknown);
        }
        return Ok(Resumed::AwaitingCode(user_id));
    }
    if ended_at.is_some() {
        return Ok(Resumed::Ended(user_id));
    }
    if now - last_seen_at > policy.idle_secs || now - created_at > policy.absolute_secs {
        sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&id_hash)
            .execute(db.pool())
            .await?;
        return Ok(Resumed::Ended(user_id));
    }
    if now - last_seen_at >= TOUCH_EVERY_SECS {
        touch(db, &id_hash, now).await?;
    }
    Ok(Resumed::Live(row.user.user(role)))
}

async fn touch(db: &Db, id_hash: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND ended_at IS NULL")
        .bind(now)
        .bind(id_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Counts the live session behind `token` as used now, however recently it was: for a
/// person still typing into a long form, whose page asks for nothing else.
pub async fn keep_alive(db: &Db, token: &str, now: i64) -> Result<()> {
    touch(db, &hash_token(token), now).await
}

async fn delete(db: &Db, id_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends the session behind `token`, if any.
pub async fn end(db: &Db, token: &str) -> Result<()> {
    delete(db, &hash_token(token)).await
}

/// Ends every session of a user and revokes their calendar feed's address: on
/// deactivation, password reset and a change of role (what the feed shows depends on it).
pub(crate) async fn end_all_for(conn: &mut AnyConnection, user_id: UserId) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How long an ended session, and the work kept for its person (`kept`), wait for them to
/// sign in again, in seconds: a working day and a night, so that a draft typed late is
/// still there in the morning.
pub const KEEP_SECS: i64 = 24 * 60 * 60;

/// Marks ended the sessions past their limits, and removes those ended longer ago than
/// work is kept for (`KEEP_SECS`); run from time to time by the server.
pub async fn purge_expired(db: &Db, policy: SessionPolicy, now: i64) -> Result<u64> {
    sqlx::query(
        "UPDATE sessions SET ended_at = $1
         WHERE ended_at IS NULL AND (last_seen_at < $2 OR created_at < $3)",
    )
    .bind(now)
    .bind(now - policy.idle_secs)
    .bind(now - policy.absolute_secs)
    .execute(db.pool())
    .await?;
    let done = sqlx::query("DELETE FROM sessions WHERE ended_at < $1")
        .bind(now - KEEP_SECS)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// "Chrome on Windows", from a User-Agent header; "Unknown browser" when it says nothing
/// recognisable.
pub fn browser_of(user_agent: &str) -> String {
    let ua = user_agent;
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chrome/") || ua.contains("Chromium/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        return "Unknown browser".to_owned();
    };
    let system = if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("iPhone") || ua.contains("iPad") {
        "iOS"
    } else if ua.contains("Android") {
        "Android"
    } else if ua.contains("Mac OS X") {
        "macOS"
    } else if ua.contains("Linux") || ua.contains("X11") {
        "Linux"
    } else {
        return browser.to_owned();
    };
    format!("{browser} on {system}")
}

/// Notes the browser and address a new session was started from, for the sessions page.
pub async fn describe(db: &Db, token: &str, user_agent: &str, address: &str) -> Result<()> {
    sqlx::query("UPDATE sessions SET browser = $1, address = $2 WHERE id_hash = $3")
        .bind(browser_of(user_agent))
        .bind(address.chars().take(64).collect::<String>())
        .bind(hash_token(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The live sessions of the person signed in with `token`, latest used first.
pub async fn own(
    db: &Db,
    user: UserId,
    token: &str,
    policy: SessionPolicy,
    now: i64,
) -> Result<Vec<domain::SessionView>> {
    let current = hash_token(token);
    let rows: Vec<(String, i64, i64, String, String)> = sqlx::query_as(
        "SELECT id_hash, created_at, last_seen_at, browser, address FROM sessions
         WHERE user_id = $1 AND ended_at IS NULL AND awaiting_code = 0
           AND last_seen_at >= $2 AND created_at >= $3
         ORDER BY last_seen_at DESC, created_at DESC",
    )
    .bind(user.0)
    .bind(now - policy.idle_secs)
    .bind(now - policy.absolute_secs)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id_hash, created_at, last_seen_at, browser, address)| domain::SessionView {
                started: crate::common::london::show(created_at),
                last_seen: crate::common::london::show(last_seen_at),
                browser: if browser.is_empty() {
                    "Unknown browser".to_owned()
                } else {
                    browser
                },
                address,
                current: id_hash == current,
            },
        )
        .collect())
}

/// Ends, in the caller's transaction, every session of `user` but the one behind `token`,
/// and revokes their calendar feed's address (someone who had their sessions or password
/// could have copied it); returns how many sessions ended. Used by "sign out of all other
/// sessions", a change of one's own password and setting up two-factor sign-in again.
pub(crate) async fn end_others_in(
    conn: &mut AnyConnection,
    user: UserId,
    token: &str,
) -> Result<u64> {
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user.0)
        .bind(hash_token(token))
        .execute(&mut *conn)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    Ok(ended)
}

/// Ends every session of the person but the one behind `token`; returns how many ended.
pub async fn end_others(db: &Db, actor: &crate::audit::Actor, token: &str) -> Result<u64> {
    let user = actor.user_id.ok_or(crate::Error::Unauthenticated)?;
    let mut tx = db.begin().await?;
    let ended = end_others_in(&mut tx, user, token).await?;
    crate::audit::record(
        &mut tx,
        actor,
        crate::audit::Change::new("sessions.others_ended", "user", user.0)
            .after(&serde_json::json!({ "ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shape_is_checked_before_any_query() {
        assert!(looks_like_token(&"a".repeat(43)));
        assert!(!looks_like_token(&"a".repeat(42)));
        assert!(!looks_like_token(&format!("{}=", "a".repeat(42))));
        assert_eq!(hash_token("x").len(), 64);
    }

    #[test]
    fn browsers_are_named_from_their_user_agent() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
        assert_eq!(browser_of(chrome), "Chrome on Linux");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";
        assert_eq!(browser_of(edge), "Edge on Windows");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_of(safari), "Safari on iOS");
        assert_eq!(browser_of("curl/8.0"), "Unknown browser");
        assert_eq!(browser_of(""), "Unknown browser");
    }
}
