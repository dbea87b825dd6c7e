//! A person changing their own password: the current one first, then a new one that is hard
//! to guess. Their other sessions end (someone who knew the old password may be signed in
//! with it), and a password an admin set stops needing a change.

use domain::{FieldErrors, NewPassword};

use crate::accounts::auth::{attempt_succeeded, reserve_attempt, Throttle};
use crate::accounts::{passwords, sessions};
use crate::audit::{self, Actor, Change};
use crate::{Db, Error, Result};

/// What the form sends.
pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    pub confirm: &'a str,
}

/// Changes the password of the person behind `token`; returns how many of their other
/// sessions ended.
pub async fn change(db: &Db, actor: &Actor, token: &str, form: PasswordChange<'_>) -> Result<u64> {
    let user = actor.user_id.ok_or(Error::Unauthenticated)?;
    let mut errors = FieldErrors::new();
    if form.current.is_empty() {
        errors.add("current_password", "Enter your current password");
    }
    let new = errors.check("password", NewPassword::parse(form.new));
    if new.is_some() && form.new != form.confirm {
        errors.add("confirm_password", "The passwords do not match");
    }
    errors.into_result()?;
    let new = new.ok_or_else(|| Error::invalid("password", "Enter a password"))?;

    // Counted like sign-ins, and with the admins' re-confirmations (one budget per person):
    // a session someone else is using must not be a way to guess the password at speed.
    let attempt = reserve_attempt(
        db,
        Throttle::default(),
        &format!("reauth:{user}"),
        actor.address.as_deref().unwrap_or("unknown"),
        crate::now(),
    )
    .await?;
    let (email, name, stored): (String, String, String) =
        sqlx::query_as("SELECT email, display_name, password_hash FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_one(db.pool())
            .await?;
    if !passwords::verify(form.current.to_owned(), Some(stored)).await? {
        let mut tx = db.begin().await?;
        audit::record(
            &mut tx,
            actor,
            Change::new("password_change.failed", "user", user.0),
        )
        .await?;
        tx.commit().await?;
        return Err(Error::invalid(
            "current_password",
            "That is not your current password",
        ));
    }
    attempt_succeeded(&mut *db.pool().acquire().await?, attempt).await?;
    if form.new == form.current {
        return Err(Error::invalid(
            "password",
            "Choose a new password, not the one you have now",
        ));
    }
    passwords::check_guessable(&new, &[&email, &name])?;
    let hash = passwords::hash(&new).await?;

    let mut tx = db.begin().await?;
    let now = crate::now();
    sqlx::query(
        "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2,
                must_change_password = 0
         WHERE id = $3",
    )
    .bind(&hash)
    .bind(now)
    .bind(user.0)
    .execute(&mut *tx)
    .await?;
    let ended = sessions::end_others_in(&mut tx, user, token).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("user.password_changed", "user", user.0)
            .after(&serde_json::json!({ "other_sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}
