//! Asking an admin for their own password again before a change that gives someone power:
//! adding an admin, changing a role, resetting a password. A session left open on an
//! unattended computer is then not enough to take over the office's accounts.

use crate::accounts::auth::{attempt_succeeded, reserve_attempt, Throttle};
use crate::audit::{self, Actor, Change};
use crate::{accounts::passwords, Db, Error, Result};

/// Checks that the person acting typed their own password into `field`. The command line,
/// which only someone on the server's machine reaches, is not asked. Wrong passwords count
/// towards the sign-in throttle (as `reauth:<user id>`), so that a session someone else is
/// using cannot be made to guess the password at speed.
pub async fn confirm(db: &Db, actor: &Actor, field: &str, password: &str) -> Result<()> {
    let Some(id) = actor.user_id else {
        return Ok(());
    };
    if password.is_empty() {
        return Err(Error::invalid(
            field,
            "Enter your own password to confirm this change",
        ));
    }
    let address = actor.address.as_deref().unwrap_or("unknown");
    let attempt = reserve_attempt(
        db,
        Throttle::default(),
        &format!("reauth:{id}"),
        address,
        crate::now(),
    )
    .await?;
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(id.0)
            .fetch_optional(db.pool())
            .await?;
    if passwords::verify(password.to_owned(), stored).await? {
        let mut conn = db.pool().acquire().await?;
        attempt_succeeded(&mut conn, attempt).await?;
        return Ok(());
    }
    // Kept, so that repeated guesses from a session someone else is using show up.
    let mut tx = db.begin().await?;
    audit::record(&mut tx, actor, Change::new("reauth.failed", "user", id)).await?;
    tx.commit().await?;
    Err(Error::invalid(
        field,
        "That is not your password: enter the password you sign in with",
    ))
}
