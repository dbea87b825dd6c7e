//! Two-factor sign-in: a code from an authenticator app (`totp`) after the password, or one
//! of ten single-use recovery codes when the phone is lost.
//!
//! Setting up: the set-up page shows a new secret (as a QR code and as text) and the
//! recovery codes; they take effect when the person confirms a code from their app. Only
//! then are the recovery codes hashed and their plain copies cleared: they are never shown
//! again. Signing in: the password starts a session awaiting the code
//! (`sessions::Resumed::AwaitingCode`); the code, checked and throttled like a password,
//! replaces it with a session under a new token.

use domain::UserId;
use rand::Rng;
use serde_json::json;
use sqlx::{AnyConnection, FromRow};

use crate::accounts::auth::{self, attempt_succeeded, reserve_attempt, SignedIn, Throttle};
use crate::accounts::reauth;
use crate::accounts::sessions::{self, hash_token, AWAITING_CODE_SECS};
use crate::accounts::totp::{self, Secret};
use crate::audit::{self, Actor, Change};
use crate::common::sealing;
use crate::db::codec::Flag;
use crate::{Db, Error, Result};

/// Whether every account must have a second factor (`SCRUTINEER_SECOND_FACTOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Nobody reaches anything but the set-up page until they have one.
    #[default]
    Required,
    /// People may set one up; those who have one are asked for it. For the transition, and
    /// for tests that sign in many accounts.
    Optional,
}

impl Policy {
    pub fn parse(text: &str) -> Option<Policy> {
        match text.trim().to_ascii_lowercase().as_str() {
            "required" => Some(Policy::Required),
            "optional" => Some(Policy::Optional),
            _ => None,
        }
    }
}

/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// Recovery codes are drawn from these: no 0/o, 1/l/i to misread.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 10;

pub const CODE_FIELD: &str = "code";
const ENTER_CODE: &str = "Enter the 6-digit code from your authenticator app";
const WRONG_CODE: &str =
    "That code is not right: enter the 6-digit code your app shows now, or an unused recovery code";

/// A person's second factor, as their account page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    On {
        since: i64,
        recovery_codes_left: i64,
    },
    /// Not set up, and no key made yet: the page offers to make one ([`begin`]).
    NotStarted,
    /// Being set up: what the set-up page shows.
    Setting {
        secret: Secret,
        recovery_codes: Vec<String>,
    },
}

/// Ten characters in two groups of five: `abcde-fghjk`.
fn new_recovery_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let mut code = String::with_capacity(RECOVERY_LEN + 1);
    for i in 0..RECOVERY_LEN {
        if i == RECOVERY_LEN / 2 {
            code.push('-');
        }
        code.push(RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())] as char);
    }
    code
}

/// A recovery code as typed, in the form it is hashed in: lower case, no spaces or dashes.
fn normalise_recovery(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (code.len() == RECOVERY_LEN && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// Recovery codes carry 49 random bits each and are single use: SHA-256 is enough to keep
/// a copy of the database from handing them out (as for session tokens), where a password
/// needs argon2.
fn hash_recovery(code: &str) -> String {
    hash_token(code)
}

/// What the database holds of a person's second factor.
struct Stored {
    /// When it was turned on, if it is on.
    enabled_at: Option<i64>,
    /// The set-up page's secret and recovery codes (space-separated), until confirmed.
    pending: Option<(Secret, String)>,
}

/// What a stored secret holds: sealed (`common::sealing`) under the configured key for
/// this account, or — written before secrets were sealed, until `seal_unsealed` runs — as
/// it is.
fn unsealed(db: &Db, stored: &str, context: &str) -> Result<String> {
    if !sealing::is_sealed(stored) {
        return Ok(stored.to_owned());
    }
    db.sealing()?
        .open(stored, context)
        .map_err(|e| Error::Unexpected(anyhow::anyhow!("{e}")))
}

/// The associated data a secret of `user` is sealed with: it opens for that account only.
fn secret_context(user: UserId) -> String {
    format!("totp:{}", user.0)
}

fn codes_context(user: UserId) -> String {
    format!("recovery:{}", user.0)
}

async fn stored(db: &Db, conn: &mut AnyConnection, user: UserId) -> Result<Stored> {
    let (secret_now, enabled_at, pending_secret, recovery_pending): (
        Option<String>,
        Option<i64>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT totp_secret, totp_enabled_at, totp_pending_secret, recovery_pending
         FROM users WHERE id = $1",
    )
    .bind(user.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let secret = match pending_secret {
        Some(text) => Secret::parse(&unsealed(db, &text, &secret_context(user))?),
        None => None,
    };
    let codes = match recovery_pending {
        Some(text) => Some(unsealed(db, &text, &codes_context(user))?),
        None => None,
    };
    Ok(Stored {
        enabled_at: secret_now.map(|_| enabled_at.unwrap_or(0)),
        pending: secret.zip(codes),
    })
}

async fn codes_left(conn: &mut AnyConnection, user: UserId) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user.0)
    .fetch_one(conn)
    .await?)
}

/// The person's second factor: on, being set up (the secret and recovery codes their
/// set-up page shows, kept until they confirm or start again), or not started. Only reads:
/// a page that is merely looked at (by a person, or a crawler signed in as them) writes
/// nothing; [`begin`] makes the key.
pub async fn status(db: &Db, user: UserId) -> Result<Status> {
    let mut conn = db.pool().acquire().await?;
    let stored = stored(db, &mut conn, user).await?;
    if let Some(since) = stored.enabled_at {
        return Ok(Status::On {
            since,
            recovery_codes_left: codes_left(&mut conn, user).await?,
        });
    }
    Ok(match stored.pending {
        Some((secret, codes)) => Status::Setting {
            secret,
            recovery_codes: codes.split(' ').map(str::to_owned).collect(),
        },
        None => Status::NotStarted,
    })
}

/// Makes the key and recovery codes the person's set-up page shows, unless it has them
/// already (the button pressed twice shows the same ones) or the factor is on.
pub async fn begin(db: &Db, actor: &Actor) -> Result<()> {
    let user = actor.user_id.ok_or(Error::Unauthenticated)?;
    let key = db.sealing()?.clone();
    let mut tx = db.begin().await?;
    let stored = stored(db, &mut tx, user).await?;
    if stored.enabled_at.is_some() || stored.pending.is_some() {
        return Ok(());
    }
    let secret = Secret::generate();
    let codes = (0..RECOVERY_CODES)
        .map(|_| new_recovery_code())
        .collect::<Vec<_>>()
        .join(" ");
    sqlx::query("UPDATE users SET totp_pending_secret = $1, recovery_pending = $2 WHERE id = $3")
        .bind(key.seal(&secret.base32(), &secret_context(user)))
        .bind(key.seal(&codes, &codes_context(user)))
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("two_factor.started", "user", user),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Turns two-factor sign-in on with the secret the set-up page showed, once the person has
/// typed a code their app made from it.
pub async fn confirm(db: &Db, actor: &Actor, typed: &str, now: i64) -> Result<()> {
    let user = actor.user_id.ok_or(Error::Unauthenticated)?;
    let code = if typed.trim().is_empty() {
        return Err(Error::invalid(CODE_FIELD, ENTER_CODE));
    } else {
        totp::parse_code(typed).ok_or_else(|| {
            Error::invalid(
                CODE_FIELD,
                "Enter the 6 digits your authenticator app shows",
            )
        })?
    };
    let mut tx = db.begin().await?;
    let stored = stored(db, &mut tx, user).await?;
    if stored.enabled_at.is_some() {
        return Err(Error::invalid(
            CODE_FIELD,
            "Two-factor sign-in is already on",
        ));
    }
    let Some((secret, codes)) = stored.pending else {
        return Err(Error::invalid(
            CODE_FIELD,
            "Open this page again and scan the code it shows",
        ));
    };
    let Some(step) = secret.matching_step(code, now) else {
        return Err(Error::invalid(
            CODE_FIELD,
            "That code does not match: check that your phone's clock is right and enter the code the app shows now",
        ));
    };
    sqlx::query(
        "UPDATE users SET totp_secret = $1, totp_last_step = $2, totp_enabled_at = $3,
                totp_pending_secret = NULL, recovery_pending = NULL, updated_at = $3
         WHERE id = $4",
    )
    .bind(db.sealing()?.seal(&secret.base32(), &secret_context(user)))
    .bind(step)
    .bind(now)
    .bind(user.0)
    .execute(&mut *tx)
    .await?;
    store_recovery_codes(&mut tx, user, codes.split(' ')).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("two_factor.enabled", "user", user),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn store_recovery_codes<'a>(
    conn: &mut AnyConnection,
    user: UserId,
    codes: impl Iterator<Item = &'a str>,
) -> Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    for code in codes {
        let Some(code) = normalise_recovery(code) else {
            return Err(anyhow::anyhow!("a stored recovery code is malformed").into());
        };
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user.0)
            .bind(hash_recovery(&code))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Removes a person's second factor and recovery codes, in the caller's transaction.
async fn clear(conn: &mut AnyConnection, user: UserId, now: i64) -> Result<bool> {
    let was_on = sqlx::query_scalar::<_, i64>(
        "SELECT CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END FROM users WHERE id = $1",
    )
    .bind(user.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?
        == 1;
    sqlx::query(
        "UPDATE users SET totp_secret = NULL, totp_last_step = NULL, totp_enabled_at = NULL,
                totp_pending_secret = NULL, recovery_pending = NULL, updated_at = $1
         WHERE id = $2",
    )
    .bind(now)
    .bind(user.0)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    Ok(was_on)
}

/// The person sets up their second factor again (a new phone, or recovery codes running
/// out): their password first; the old secret and codes stop working at once, and their
/// other sessions end.
pub async fn start_again(db: &Db, actor: &Actor, token: &str, password: &str) -> Result<()> {
    let user = actor.user_id.ok_or(Error::Unauthenticated)?;
    reauth::confirm(db, actor, "password", password).await?;
    let now = crate::now();
    let mut tx = db.begin().await?;
    clear(&mut tx, user, now).await?;
    sessions::end_others_in(&mut tx, user, token).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("two_factor.restarted", "user", user),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The field on the user page where the admin confirms a second factor's reset.
pub const YOUR_PASSWORD_FOR_TWO_FACTOR: &str = "your_password_for_two_factor";

/// An admin removes someone's second factor (a lost phone and no recovery codes): their
/// sessions end, and at their next sign-in they set up a new one.
pub async fn reset(db: &Db, actor: &Actor, user: UserId, your_password: &str) -> Result<()> {
    actor.require(&[domain::Role::Admin])?;
    crate::accounts::users::get(db, actor, user).await?;
    reauth::confirm(db, actor, YOUR_PASSWORD_FOR_TWO_FACTOR, your_password).await?;
    let mut tx = db.begin().await?;
    let was_on = clear(&mut tx, user, crate::now()).await?;
    sessions::end_all_for(&mut tx, user).await?;
    audit::record(
        &mut tx,
        actor,
        Change {
            action: "user.two_factor_reset",
            entity: "user",
            entity_id: Some(user.to_string()),
            before: Some(json!({ "two_factor_on": was_on })),
            after: Some(json!({ "two_factor_on": false })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Which second factor signed someone in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Used {
    Code,
    RecoveryCode { left: i64 },
}

/// A person's id and their three sealed columns (any may be empty).
type SecretsRow = (i64, Option<String>, Option<String>, Option<String>);

/// Seals every stored second-factor secret (and pending recovery codes) under `to`: those
/// sealed under `from`, and those written before secrets were sealed. In one transaction:
/// all move to the new key or none. Returns how many values were sealed.
pub async fn reseal(
    db: &Db,
    from: Option<&sealing::SealingKey>,
    to: &sealing::SealingKey,
) -> Result<u64> {
    let mut tx = db.begin().await?;
    let rows: Vec<SecretsRow> = sqlx::query_as(
        "SELECT id, totp_secret, totp_pending_secret, recovery_pending FROM users
         WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL
            OR recovery_pending IS NOT NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut sealed = 0;
    for (id, secret, pending_secret, recovery_pending) in rows {
        let user = UserId(id);
        let mut values = Vec::new();
        for (stored, context) in [
            (secret, secret_context(user)),
            (pending_secret, secret_context(user)),
            (recovery_pending, codes_context(user)),
        ] {
            let value = match stored {
                None => None,
                Some(text) if !sealing::is_sealed(&text) => Some(to.seal(&text, &context)),
                Some(text) => {
                    let key = from.ok_or_else(|| {
                        Error::Unexpected(anyhow::anyhow!(
                            "a secret is sealed and no old key was given"
                        ))
                    })?;
                    let plain = key
                        .open(&text, &context)
                        .map_err(|e| Error::Unexpected(anyhow::anyhow!("user {}: {e}", user.0)))?;
                    Some(to.seal(&plain, &context))
                }
            };
            sealed += u64::from(value.is_some());
            values.push(value);
        }
        sqlx::query(
            "UPDATE users SET totp_secret = $1, totp_pending_secret = $2, recovery_pending = $3
             WHERE id = $4",
        )
        .bind(values[0].clone())
        .bind(values[1].clone())
        .bind(values[2].clone())
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(sealed)
}

/// Seals, under the configured key, any secret written before secrets were sealed.
pub async fn seal_unsealed(db: &Db) -> Result<u64> {
    let key = db.sealing()?.clone();
    let plain: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE totp_secret NOT LIKE 'v1.%'
            OR totp_pending_secret NOT LIKE 'v1.%' OR recovery_pending NOT LIKE 'v1.%'",
    )
    .fetch_one(db.pool())
    .await?;
    if plain == 0 {
        return Ok(0);
    }
    reseal(db, Some(&key), &key).await
}

/// The person whose sign-in awaits a code, as stored.
#[derive(FromRow)]
struct AwaitingRow {
    active: Flag,
    totp_secret: Option<String>,
    #[sqlx(flatten)]
    user: sessions::UserRow,
}

/// The second step of signing in: `typed` (a code from the app, or a recovery code) for
/// the session awaiting it behind `token`. On success that session is replaced by a signed-in
/// one under a new token; failures count towards the same throttle as passwords.
pub async fn sign_in_with_code(
    db: &Db,
    throttle: Throttle,
    token: &str,
    typed: &str,
    address: &str,
    now: i64,
) -> Result<(SignedIn, Used)> {
    let awaiting = hash_token(token);
    let row: AwaitingRow = sqlx::query_as(&format!(
        "SELECT active, totp_secret, {} FROM users
             WHERE id = (SELECT user_id FROM sessions
                         WHERE id_hash = $1 AND awaiting_code = 1 AND ended_at IS NULL
                           AND created_at >= $2)",
        sessions::USER_COLUMNS
    ))
    .bind(&awaiting)
    .bind(now - AWAITING_CODE_SECS)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| {
        Error::invalid(
            CODE_FIELD,
            "This sign-in has timed out: sign in again with your email address and password",
        )
    })?;
    let active = row.active.0;
    let user = row.user.session_user()?;
    let secret = match row.totp_secret {
        Some(text) => Secret::parse(&unsealed(db, &text, &secret_context(user.id))?),
        None => None,
    };
    let (Some(secret), true) = (secret, active) else {
        // Deactivated, or the factor was reset, since the password was given.
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(&awaiting)
            .execute(db.pool())
            .await?;
        return Err(Error::invalid(
            CODE_FIELD,
            "This sign-in has timed out: sign in again with your email address and password",
        ));
    };
    if typed.trim().is_empty() {
        return Err(Error::invalid(CODE_FIELD, ENTER_CODE));
    }
    let attempt = reserve_attempt(db, throttle, &format!("code:{}", user.id), address, now).await?;
    let actor = Actor::user(&user, Some(address.to_owned()));
    let mut tx = db.begin().await?;
    let used = if let Some(code) = totp::parse_code(typed) {
        match secret.matching_step(code, now) {
            // Once a step's code has been accepted, it and every earlier one are spent.
            Some(step) => sqlx::query(
                "UPDATE users SET totp_last_step = $1
                 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
            )
            .bind(step)
            .bind(user.id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            .eq(&1)
            .then_some(Used::Code),
            None => None,
        }
    } else if let Some(code) = normalise_recovery(typed) {
        let spent = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1
             WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now)
        .bind(user.id.0)
        .bind(hash_recovery(&code))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if spent == 1 {
            Some(Used::RecoveryCode {
                left: codes_left(&mut tx, user.id).await?,
            })
        } else {
            None
        }
    } else {
        None
    };
    let Some(used) = used else {
        audit::record(
            &mut tx,
            &actor,
            Change::new("sign_in.code_failed", "user", user.id),
        )
        .await?;
        tx.commit().await?;
        return Err(Error::invalid(CODE_FIELD, WRONG_CODE));
    };
    attempt_succeeded(&mut tx, attempt).await?;
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(&awaiting)
        .execute(&mut *tx)
        .await?;
    if let Used::RecoveryCode { left } = used {
        audit::record(
            &mut tx,
            &actor,
            Change {
                action: "sign_in.recovery_code_used",
                entity: "user",
                entity_id: Some(user.id.to_string()),
                before: None,
                after: Some(json!({ "recovery_codes_left": left })),
            },
        )
        .await?;
    }
    tx.commit().await?;
    let signed_in = auth::start_session(db, user, address, now).await?;
    Ok((signed_in, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_read_as_typed() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 11);
        let plain = normalise_recovery(&code).unwrap();
        assert_eq!(
            normalise_recovery(&code.to_uppercase()),
            Some(plain.clone())
        );
        assert_eq!(
            normalise_recovery(&format!(" {} ", code.replace('-', " "))),
            Some(plain)
        );
        assert_eq!(
            normalise_recovery("abcde-fghi0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalise_recovery("123456"), None);
    }

    #[test]
    fn the_policy_is_read_from_its_setting() {
        assert_eq!(Policy::parse("Required"), Some(Policy::Required));
        assert_eq!(Policy::parse("optional"), Some(Policy::Optional));
        assert_eq!(Policy::parse("off"), None);
        assert_eq!(Policy::default(), Policy::Required);
    }
}
