//! Each person's private calendar feed of their deadlines: an address with a random token
//! that calendar programs subscribe to without signing in. Force liaison see the force's
//! open actions; OPCC staff the open actions whose owner's account is theirs. Replacing
//! the token stops the old address working; turning the feed off removes it.
//!
//! Only the token's SHA-256 is stored. A new address is shown once — held until the
//! person's page has shown it, then forgotten — and revoked with the person's sessions
//! when their password is reset, their role changed or their account deactivated.

use crate::db::codec::Day;
use domain::Role;

use crate::audit::{self, Actor, Change};
use crate::common::ical::{self, Deadline};
use crate::common::tokens::{hash_token, new_token};
use crate::{Db, Error, Result};

fn looks_like_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Where a person's feed stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedState {
    Off,
    /// On; its address was shown when it was made and cannot be shown again.
    On,
    /// Just made: this is the one time its token is given out.
    New(String),
}

/// The person's feed: off, on, or just made (its token given out now, and then forgotten).
pub async fn state(db: &Db, actor: &Actor) -> Result<FeedState> {
    actor.require(&Role::ALL)?;
    let user = actor.user_id.ok_or(Error::Forbidden)?;
    let mut tx = db.begin().await?;
    let Some(unseen): Option<Option<String>> =
        sqlx::query_scalar("SELECT unseen_token FROM calendar_feeds WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(FeedState::Off);
    };
    let Some(token) = unseen else {
        return Ok(FeedState::On);
    };
    sqlx::query("UPDATE calendar_feeds SET unseen_token = NULL WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(FeedState::New(token))
}

/// Makes a new token (the old address, if any, stops working) and returns it.
pub async fn renew(db: &Db, actor: &Actor) -> Result<String> {
    actor.require(&Role::ALL)?;
    let user = actor.user_id.ok_or(Error::Forbidden)?;
    let token = new_token();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, unseen_token, created_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(user.0)
    .bind(hash_token(&token))
    .bind(&token)
    .bind(crate::now())
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("calendar_feed.renewed", "user", user.0),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn turn_off(db: &Db, actor: &Actor) -> Result<()> {
    actor.require(&Role::ALL)?;
    let user = actor.user_id.ok_or(Error::Forbidden)?;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("calendar_feed.turned_off", "user", user.0),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The feed for `token`, or "not found" for a token that is unknown, replaced, or whose
/// account is deactivated.
pub async fn feed(db: &Db, token: &str, base_url: &str) -> Result<String> {
    if !looks_like_token(token) {
        return Err(Error::NotFound);
    }
    let (user, role, display_name): (i64, String, String) = sqlx::query_as(
        "SELECT u.id, u.role, u.display_name FROM calendar_feeds f JOIN users u ON u.id = f.user_id
         WHERE f.token_hash = $1 AND u.active = 1",
    )
    .bind(hash_token(token))
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let force = role == Role::ForceLiaison.as_str();
    let scope = if force {
        "a.owner = 'force'"
    } else {
        "a.owner_user_id = $1"
    };
    let sql = format!(
        "SELECT a.id, a.reference, a.text, a.due_on FROM actions a
         WHERE a.status NOT IN ('closed', 'withdrawn') AND {scope} ORDER BY a.due_on, a.id"
    );
    // A due date that does not read fails the feed, as a bug, rather than dropping the
    // action from someone's calendar without a word.
    let mut query = sqlx::query_as::<_, (i64, String, String, Day)>(&sql);
    if !force {
        query = query.bind(user);
    }
    let base = base_url.trim_end_matches('/');
    let mut deadlines = Vec::new();
    for (id, reference, text, Day(day)) in query.fetch_all(db.pool()).await? {
        deadlines.push(Deadline {
            uid: format!("action-{id}@scrutineer"),
            day,
            summary: format!("Due: {reference}"),
            description: text,
            url: format!("{base}/actions/{id}"),
        });
    }
    let name = format!("Scrutineer deadlines: {display_name}");
    Ok(ical::deadlines(&name, &deadlines, crate::now()))
}
