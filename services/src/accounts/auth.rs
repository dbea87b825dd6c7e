//! Signing in and out.
//!
//! Sign-in is two steps on purpose: [`check_credentials`] decides who someone is, and
//! [`start_session`] then starts the session. For a person with a second factor, a session
//! awaiting their code goes between the two (`two_factor::sign_in_with_code`).

use domain::FieldErrors;
use serde_json::json;
use sqlx::{AnyConnection, FromRow};

use crate::accounts::sessions::{self, SessionUser};
use crate::audit::{self, Actor, Change};
use crate::db::codec::Flag;
use crate::{accounts::passwords, Db, Error, Result};

/// Refused whatever the password: keeps hashing cost bounded for absurd input.
const MAX_PASSWORD_INPUT: usize = 1024;

/// Sign-in throttling, counted in the database so that it holds across server processes.
///
/// Failures slow the next attempt down instead of locking anyone out: past a number of free
/// failures, each key must wait `base_delay_secs`, doubling with every further failure, up
/// to `max_delay_secs`, after its latest failure. Three keys, so that no stranger can lock
/// the office out:
/// - an account from one address (`free_failures`): a person's own typing mistakes;
/// - an address, whatever the account (`per_address`): one client guessing at many;
/// - an account, from anywhere (`per_account`, much higher): guessing spread over many
///   addresses.
///
/// A success forgets the account's failures. IPv6 addresses count by their /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Failures older than this are forgotten.
    pub window_secs: i64,
    pub free_failures: i64,
    pub per_address: i64,
    pub per_account: i64,
    pub base_delay_secs: i64,
    pub max_delay_secs: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window_secs: 15 * 60,
            free_failures: 5,
            per_address: 20,
            per_account: 50,
            base_delay_secs: 15,
            max_delay_secs: 15 * 60,
        }
    }
}

impl Throttle {
    /// How long after its latest failure a key with `failures` must wait, given `free` ones.
    fn delay(&self, failures: i64, free: i64) -> i64 {
        if failures < free {
            return 0;
        }
        let doublings = (failures - free).min(30) as u32;
        self.base_delay_secs
            .saturating_mul(1i64 << doublings)
            .min(self.max_delay_secs)
    }
}

/// The address as throttling counts it: an IPv6 address by its /64 (one subscriber's
/// network), anything else as it is.
pub fn address_key(address: &str) -> String {
    match address.parse::<std::net::Ipv6Addr>() {
        Ok(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(v6) => v6
            .to_ipv4_mapped()
            .map_or_else(|| address.to_owned(), |v4| v4.to_string()),
        Err(_) => address.to_owned(),
    }
}

/// Attempts are kept this long, then purged (the audit trail keeps what matters).
pub const KEEP_ATTEMPTS_SECS: i64 = 24 * 60 * 60;

/// How long a successful sign-in is remembered, so that its person is let in from that
/// address while strangers elsewhere have their account throttled.
pub const KNOWN_PLACE_SECS: i64 = 90 * 24 * 60 * 60;

/// Removes old sign-in attempts (successes are kept longer: [`KNOWN_PLACE_SECS`]); run from
/// time to time by the server.
pub async fn purge_attempts(db: &Db, now: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM sign_in_attempts WHERE (succeeded = 0 AND at < $1) OR at < $2")
            .bind(now - KEEP_ATTEMPTS_SECS)
            .bind(now - KNOWN_PLACE_SECS)
            .execute(db.pool())
            .await?
            .rows_affected(),
    )
}

pub const WRONG_CREDENTIALS: &str = "Enter a correct email address and password";

pub struct SignedIn {
    /// For the session cookie.
    pub token: String,
    pub user: SessionUser,
    /// The password was right and the person has a second factor: the token is for a
    /// session that reaches only the page asking for the code (`two_factor::sign_in_with_code`).
    pub awaiting_code: bool,
}

/// The token is a bearer credential: it never goes into a log.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn")
            .field("token", &"<redacted>")
            .field("user", &self.user)
            .field("awaiting_code", &self.awaiting_code)
            .finish()
    }
}

fn throttled_message(wait_secs: i64) -> String {
    let wait_secs = wait_secs.max(1);
    if wait_secs < 60 {
        let unit = if wait_secs == 1 { "second" } else { "seconds" };
        return format!(
            "Too many failed sign-in attempts. Wait {wait_secs} {unit}, then try again."
        );
    }
    let minutes = (wait_secs + 59) / 60;
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many failed sign-in attempts. Wait {minutes} {unit}, then try again.")
}

/// Seconds to wait before `email` may be tried from `key` again, if any. Counts every
/// failed or still-running attempt (an attempt is reserved before its password is checked,
/// so a burst in parallel is counted as it comes).
async fn throttle_wait(
    conn: &mut AnyConnection,
    throttle: Throttle,
    email: &str,
    key: &str,
    now: i64,
) -> Result<Option<i64>> {
    let since = now - throttle.window_secs;
    let after_success =
        "id > COALESCE((SELECT MAX(id) FROM sign_in_attempts WHERE email = $1 AND succeeded = 1), 0)";
    let pair: (i64, Option<i64>) = sqlx::query_as(&format!(
        "SELECT COUNT(*) AS n, MAX(at) AS last FROM sign_in_attempts
         WHERE email = $1 AND address = $2 AND succeeded = 0 AND throttled = 0 AND at > $3
           AND {after_success}"
    ))
    .bind(email)
    .bind(key)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    let by_address: (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*) AS n, MAX(at) AS last FROM sign_in_attempts
         WHERE address = $1 AND succeeded = 0 AND throttled = 0 AND at > $2",
    )
    .bind(key)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    let account: (i64, Option<i64>) = sqlx::query_as(&format!(
        "SELECT COUNT(*) AS n, MAX(at) AS last FROM sign_in_attempts
         WHERE email = $1 AND succeeded = 0 AND throttled = 0 AND at > $2
           AND {after_success}"
    ))
    .bind(email)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?;
    // Where this subject has signed in successfully before, the account-wide count does
    // not apply: guesses from a dozen other addresses must not keep its person out (they
    // still wait, and so does anyone guessing from here, by the other two counts).
    let known_here: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempts
         WHERE email = $1 AND address = $2 AND succeeded = 1 AND at > $3",
    )
    .bind(email)
    .bind(key)
    .bind(now - KNOWN_PLACE_SECS)
    .fetch_one(&mut *conn)
    .await?;
    let mut counts = vec![
        (pair, throttle.free_failures),
        (by_address, throttle.per_address),
    ];
    if known_here == 0 {
        counts.push((account, throttle.per_account));
    }
    let mut wait = 0;
    for ((n, last), free) in counts {
        let delay = throttle.delay(n, free);
        if delay > 0 {
            wait = wait.max(last.unwrap_or(now) + delay - now);
        }
    }
    Ok((wait > 0).then_some(wait))
}

/// The account a sign-in names, as stored.
#[derive(FromRow)]
struct SignInRow {
    active: Flag,
    password_hash: String,
    #[sqlx(flatten)]
    user: sessions::UserRow,
}

/// Counts an attempt on `subject` (an email for a password, `code:<user id>` for a second
/// factor) from `address` before it is checked, or refuses it while the subject is
/// throttled. Returns the attempt's id, for [`attempt_succeeded`].
pub(crate) async fn reserve_attempt(
    db: &Db,
    throttle: Throttle,
    subject: &str,
    address: &str,
    now: i64,
) -> Result<i64> {
    let anonymous = Actor::anonymous(Some(address.to_owned()));
    let key = address_key(address);
    // Reserve the attempt before the (slow) password check, in one transaction with the
    // count: a burst of parallel guesses is counted as it arrives, not after it is hashed.
    let mut tx = db.begin().await?;
    if db.backend() == crate::Backend::Postgres {
        // SQLite's BEGIN IMMEDIATE already queues writers; PostgreSQL queues attempts on one
        // account with a lock held until this transaction ends.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text AS locked")
            .bind(subject)
            .fetch_one(&mut *tx)
            .await?;
    }
    if let Some(wait) = throttle_wait(&mut tx, throttle, subject, &key, now).await? {
        // One audit event per throttled spell, not one per refused request.
        let already = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) AS n FROM sign_in_attempts
             WHERE email = $1 AND address = $2 AND throttled = 1 AND at > $3",
        )
        .bind(subject)
        .bind(&key)
        .bind(now - throttle.window_secs)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO sign_in_attempts (email, address, at, succeeded, throttled)
             VALUES ($1, $2, $3, 0, 1)",
        )
        .bind(subject)
        .bind(&key)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if already == 0 {
            audit::record(
                &mut tx,
                &anonymous,
                Change {
                    action: "sign_in.throttled",
                    entity: "session",
                    entity_id: None,
                    before: None,
                    after: Some(
                        json!({ "email": domain::mask_emails(subject), "wait_secs": wait }),
                    ),
                },
            )
            .await?;
        }
        tx.commit().await?;
        return Err(Error::Throttled(throttled_message(wait)));
    }
    let attempt: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_attempts (email, address, at, succeeded, throttled)
         VALUES ($1, $2, $3, 0, 0) RETURNING id",
    )
    .bind(subject)
    .bind(&key)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(attempt)
}

/// Marks an attempt as having succeeded: the subject's earlier failures are forgiven.
pub(crate) async fn attempt_succeeded(conn: &mut AnyConnection, attempt: i64) -> Result<()> {
    sqlx::query("UPDATE sign_in_attempts SET succeeded = 1 WHERE id = $1")
        .bind(attempt)
        .execute(conn)
        .await?;
    Ok(())
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
    let attempt = reserve_attempt(db, throttle, &email, address, now).await?;

    let row: Option<SignInRow> = sqlx::query_as(&format!(
        "SELECT active, password_hash, {} FROM users WHERE email = $1",
        sessions::USER_COLUMNS
    ))
    .bind(&email)
    .fetch_optional(db.pool())
    .await?;
    let stored = row.as_ref().map(|row| row.password_hash.clone());
    let password_ok = passwords::verify(password.to_owned(), stored).await?;
    let active = row.as_ref().is_some_and(|row| row.active.0);
    let user = row.map(|row| row.user.session_user()).transpose()?;
    let failure = match (&user, password_ok, active) {
        (None, _, _) => Some("unknown email"),
        (Some(_), false, _) => Some("wrong password"),
        (Some(_), true, false) => Some("account deactivated"),
        (Some(_), true, true) => None,
    };

    let mut tx = db.begin().await?;
    if failure.is_none() {
        attempt_succeeded(&mut tx, attempt).await?;
    }
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

/// Starts a session for someone whose credentials (and second factor, if they have one)
/// were checked.
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
    Ok(SignedIn {
        token,
        user,
        awaiting_code: false,
    })
}

/// Checks credentials and starts a session — or, for a person with a second factor, a
/// session awaiting their code, which counts as nobody signed in until the code is given.
pub async fn sign_in(
    db: &Db,
    throttle: Throttle,
    email: &str,
    password: &str,
    address: &str,
) -> Result<SignedIn> {
    let now = crate::now();
    let user = check_credentials(db, throttle, email, password, address, now).await?;
    if user.two_factor_on {
        let mut tx = db.begin().await?;
        let token = sessions::start_awaiting_code(&mut tx, user.id, now).await?;
        tx.commit().await?;
        return Ok(SignedIn {
            token,
            user,
            awaiting_code: true,
        });
    }
    start_session(db, user, address, now).await
}

pub async fn sign_out(db: &Db, actor: &Actor, token: &str) -> Result<()> {
    sessions::end(db, token).await?;
    if let Some(id) = actor.user_id {
        let mut tx = db.begin().await?;
        audit::record(&mut tx, actor, Change::new("sign_out", "user", id)).await?;
        tx.commit().await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_from_the_free_failures_to_a_cap() {
        let t = Throttle::default();
        assert_eq!(t.delay(4, 5), 0);
        assert_eq!(t.delay(5, 5), 15);
        assert_eq!(t.delay(6, 5), 30);
        assert_eq!(t.delay(9, 5), 240);
        assert_eq!(t.delay(1000, 5), 900);
    }

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        assert_eq!(address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(address_key("2001:db8:1:2:ffff::1"), "2001:db8:1:2::/64");
        assert_eq!(address_key("::ffff:10.0.0.1"), "10.0.0.1");
        assert_eq!(address_key("10.0.0.1"), "10.0.0.1");
        assert_eq!(address_key("unknown"), "unknown");
    }

    #[test]
    fn throttle_message_rounds_up_to_whole_minutes() {
        assert_eq!(
            throttled_message(15),
            "Too many failed sign-in attempts. Wait 15 seconds, then try again."
        );
        assert_eq!(
            throttled_message(61),
            "Too many failed sign-in attempts. Wait 2 minutes, then try again."
        );
        assert_eq!(
            throttled_message(0),
            "Too many failed sign-in attempts. Wait 1 second, then try again."
        );
    }
}
