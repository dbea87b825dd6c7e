//! Invitations instead of invented passwords: an admin adds a person without a password,
//! and Scrutineer emails them a single-use link, valid for [`LIFETIME_SECS`], at which
//! they choose their own. Only the link's SHA-256 is kept; the email carrying it is written
//! to the outbox in the same transaction as the account (`crate::work::notifications`) and its
//! link is wiped from the outbox once sent.

use domain::{NewPassword, UserId};
use sqlx::AnyConnection;

use crate::audit::{self, Actor, Change};
use crate::common::tokens::{hash_token, new_token};
use crate::db::codec::Flag;
use crate::{accounts::passwords, accounts::sessions, Db, Error, Result};

/// The field for the acting admin's own password on the form that sends someone a new
/// invitation (as `users::YOUR_PASSWORD` is on the others).
pub const YOUR_PASSWORD_FOR_INVITE: &str = "your_password_for_invite";

/// How long an invitation link works: a week.
pub const LIFETIME_SECS: i64 = 7 * 24 * 60 * 60;

/// The address of an invitation's page, for the token `token`.
pub fn path(token: &str) -> String {
    format!("/invitation/{token}")
}

/// Makes a new invitation for `user` (any earlier one stops working) and queues its email,
/// in the caller's transaction.
pub(crate) async fn issue(
    conn: &mut AnyConnection,
    user: UserId,
    email_to: &str,
    display_name: &str,
    role_label: &str,
) -> Result<()> {
    let token = new_token();
    let now = crate::now();
    sqlx::query("DELETE FROM invitations WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_token(&token))
    .bind(user.0)
    .bind(now)
    .bind(now + LIFETIME_SECS)
    .execute(&mut *conn)
    .await?;
    let body = format!(
        "Hello {display_name},\n\nYou have been given a Scrutineer account ({role_label}), \
         for {email_to}. Choose your password within 7 days at the address below; the link works once."
    );
    sqlx::query(
        "INSERT INTO notifications (user_id, notice, subject, body, path, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user.0)
    .bind(crate::work::notifications::INVITATION)
    .bind("Your Scrutineer account: choose your password")
    .bind(body)
    .bind(path(&token))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sends a new invitation to an existing account (the admin's "Send a new invitation").
pub async fn reissue(db: &Db, actor: &Actor, user: UserId, confirm: &str) -> Result<()> {
    actor.require(&[domain::Role::Admin])?;
    // Whoever reads the account's email gets the account: the admin confirms it is them.
    crate::accounts::reauth::confirm(db, actor, YOUR_PASSWORD_FOR_INVITE, confirm).await?;
    let mut tx = db.begin().await?;
    let (email, display_name, role, active): (String, String, String, Flag) =
        sqlx::query_as("SELECT email, display_name, role, active FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
    if !active.0 {
        return Err(Error::invalid(
            "invite",
            "This account is deactivated: reactivate it first",
        ));
    }
    let role = domain::Role::parse(&role)
        .map(|r| r.label())
        .unwrap_or("user");
    issue(&mut tx, user, &email, &display_name, role).await?;
    audit::record(&mut tx, actor, Change::new("user.invited", "user", user.0)).await?;
    tx.commit().await?;
    Ok(())
}

/// Whom a working invitation link is for: (their name, their email).
pub async fn find(db: &Db, token: &str, now: i64) -> Result<(String, String)> {
    sqlx::query_as(
        "SELECT u.display_name, u.email FROM invitations i JOIN users u ON u.id = i.user_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND u.active = 1",
    )
    .bind(hash_token(token))
    .bind(now)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)
}

/// Sets the invited person's password from their link, once; the link then stops working.
pub async fn accept(db: &Db, token: &str, password: NewPassword, now: i64) -> Result<UserId> {
    // The link is looked up before the (deliberately slow) hashing: a made-up link costs
    // the server a query, not a hash. Whether it is still unused is settled below.
    let (user, email, name): (i64, String, String) = sqlx::query_as(
        "SELECT i.user_id, u.email, u.display_name FROM invitations i JOIN users u ON u.id = i.user_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND u.active = 1",
    )
    .bind(hash_token(token))
    .bind(now)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let user = UserId(user);
    passwords::check_guessable(&password, &[&email, &name])?;
    let hash = passwords::hash(&password).await?;
    let mut tx = db.begin().await?;
    // Claimed first, so that two uses of one link at once set one password.
    let claimed = sqlx::query(
        "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(hash_token(token))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Err(Error::NotFound);
    }
    sqlx::query(
        "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(&hash)
    .bind(now)
    .bind(user.0)
    .execute(&mut *tx)
    .await?;
    sessions::end_all_for(&mut tx, user).await?;
    let actor = Actor::invited(user, &email);
    audit::record(
        &mut tx,
        &actor,
        Change::new("user.invitation_accepted", "user", user.0),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}
