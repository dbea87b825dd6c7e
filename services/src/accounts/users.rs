//! Staff accounts: created and changed by admins (or the command line), never deleted, only
//! deactivated, so that the audit trail always names a real account.

use domain::{DisplayName, Email, FieldErrors, NewPassword, Role, UserId, UserView};
use serde::Serialize;
use sqlx::{AnyConnection, FromRow};

use crate::accounts::{passwords, reauth, sessions};
use crate::audit::{self, Actor, Change};
use crate::db::codec::{Flag, Key};
use crate::error::is_unique_violation;
use crate::{rfc3339, Db, Error, Result};

const DUPLICATE_EMAIL: &str = "An account with this email address already exists";

/// A new account, every field parsed.
#[derive(Debug)]
pub struct NewUser {
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
    pub password: NewPassword,
}

impl NewUser {
    /// Parses the form fields, reporting every problem at once.
    pub fn parse(email: &str, display_name: &str, role: &str, password: &str) -> Result<NewUser> {
        let (email_text, name_text) = (email, display_name);
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(email));
        let display_name = errors.check("display_name", DisplayName::parse(display_name));
        let role = errors.check("role", Role::parse(role).map_err(|e| e.to_string()));
        let password = errors.check("password", NewPassword::parse(password));
        if let Some(new) = &password {
            if let Some(message) = passwords::too_guessable(new, &[email_text, name_text]) {
                errors.add("password", message);
            }
        }
        match (email, display_name, role, password) {
            (Some(email), Some(display_name), Some(role), Some(password)) if errors.is_empty() => {
                Ok(NewUser {
                    email,
                    display_name,
                    role,
                    password,
                })
            }
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// A person to invite: an account without a password, until they choose one from the link
/// emailed to them (`crate::accounts::invitations`).
#[derive(Debug, Clone)]
pub struct NewInvitee {
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
}

impl NewInvitee {
    pub fn parse(email: &str, display_name: &str, role: &str) -> Result<NewInvitee> {
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(email));
        let display_name = errors.check("display_name", DisplayName::parse(display_name));
        let role = errors.check("role", Role::parse(role).map_err(|e| e.to_string()));
        match (email, display_name, role) {
            (Some(email), Some(display_name), Some(role)) => Ok(NewInvitee {
                email,
                display_name,
                role,
            }),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// The editable details of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserDetails {
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
    pub active: bool,
}

impl UserDetails {
    pub fn parse(email: &str, display_name: &str, role: &str, active: bool) -> Result<UserDetails> {
        let mut errors = FieldErrors::new();
        let email = errors.check("email", Email::parse(email));
        let display_name = errors.check("display_name", DisplayName::parse(display_name));
        let role = errors.check("role", Role::parse(role).map_err(|e| e.to_string()));
        match (email, display_name, role) {
            (Some(email), Some(display_name), Some(role)) => Ok(UserDetails {
                email,
                display_name,
                role,
                active,
            }),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

const COLUMNS: &str = "id, email, display_name, role, active, created_at, last_sign_in_at,
     CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END AS two_factor_on";

/// The columns of [`COLUMNS`], as stored.
#[derive(FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    role: Key<Role>,
    active: Flag,
    created_at: i64,
    last_sign_in_at: Option<i64>,
    two_factor_on: Flag,
}

impl From<UserRow> for UserView {
    fn from(row: UserRow) -> UserView {
        UserView {
            id: UserId(row.id),
            email: row.email,
            display_name: row.display_name,
            role: row.role.0,
            active: row.active.0,
            created_at: rfc3339(row.created_at),
            last_sign_in_at: row.last_sign_in_at.map(rfc3339),
            two_factor_on: row.two_factor_on.0,
        }
    }
}

async fn fetch(conn: &mut AnyConnection, id: UserId) -> Result<UserView> {
    let row: UserRow = sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(row.into())
}

/// Audit snapshot of an account: what changed, never the password hash.
#[derive(Serialize)]
struct Snapshot<'a> {
    email: &'a str,
    display_name: &'a str,
    role: Role,
    active: bool,
}

impl<'a> From<&'a UserView> for Snapshot<'a> {
    fn from(user: &'a UserView) -> Self {
        Snapshot {
            email: &user.email,
            display_name: &user.display_name,
            role: user.role,
            active: user.active,
        }
    }
}

/// Adds an active account; a taken email is refused beside the email field.
/// What a name or an email looks like, for telling whether two could pass for each other:
/// compatibility forms folded (full-width and mathematical letters to plain ones), then
/// Unicode's confusable skeleton (UTS #39: Cyrillic "а" and Cherokee "Ꭺ" to "a", "rn" to
/// "m"), in one case, with any run of spaces (a no-break space among them) as one.
pub(crate) fn look(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text.nfkc().collect();
    let skeleton: String = unicode_security::skeleton(&folded).collect();
    skeleton
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Refuses a name or email that looks the same as another account's (`except` is the
/// account being changed): an exact copy, or one in look-alike letters, could make an
/// action, an answer or an audit event seem to come from someone else.
async fn refuse_look_alikes(
    conn: &mut sqlx::AnyConnection,
    except: Option<UserId>,
    email: &Email,
    display_name: &DisplayName,
) -> Result<()> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, email, display_name FROM users")
            .fetch_all(&mut *conn)
            .await?;
    let (name_look, email_look) = (look(display_name.as_str()), look(email.as_str()));
    let mut errors = FieldErrors::new();
    for (id, other_email, other_name) in rows {
        if Some(UserId(id)) == except {
            continue;
        }
        if look(&other_name) == name_look && errors.get("display_name").is_none() {
            errors.add(
                "display_name",
                "Another account has this name, or one that looks the same: add something people can tell apart, such as a middle initial",
            );
        }
        if other_email == email.as_str() && errors.get("email").is_none() {
            errors.add("email", DUPLICATE_EMAIL);
        } else if look(&other_email) == email_look && errors.get("email").is_none() {
            errors.add(
                "email",
                "This email address looks the same as another account's: check it letter by letter",
            );
        }
    }
    errors.into_result()?;
    Ok(())
}

async fn insert(
    conn: &mut sqlx::AnyConnection,
    email: &Email,
    display_name: &DisplayName,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<UserId> {
    refuse_look_alikes(&mut *conn, None, email, display_name).await?;
    let inserted = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, password_hash, active, created_at, updated_at, password_changed_at)
         VALUES ($1, $2, $3, $4, 1, $5, $5, $5) RETURNING id",
    )
    .bind(email.as_str())
    .bind(display_name.as_str())
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .fetch_one(conn)
    .await;
    match inserted {
        Ok(id) => Ok(UserId(id)),
        Err(e) if is_unique_violation(&e) => Err(Error::invalid("email", DUPLICATE_EMAIL)),
        Err(e) => Err(e.into()),
    }
}

/// The field where an admin types their own password to confirm a change that gives power
/// (`crate::accounts::reauth`).
pub const YOUR_PASSWORD: &str = "your_password";
/// The same, on the form that resets someone's password (a page may hold both forms).
pub const YOUR_PASSWORD_FOR_RESET: &str = "your_password_for_reset";
pub use crate::accounts::invitations::YOUR_PASSWORD_FOR_INVITE;

/// Creates an account with a password. Made by an admin, the password must be changed at
/// the person's first sign-in; adding an admin needs the acting admin's own password
/// (`confirm`; the command line is not asked).
pub async fn create(db: &Db, actor: &Actor, new: NewUser, confirm: &str) -> Result<UserView> {
    actor.require(&[Role::Admin])?;
    if new.role == Role::Admin {
        reauth::confirm(db, actor, YOUR_PASSWORD, confirm).await?;
    }
    let hash = passwords::hash(&new.password).await?;
    let now = crate::now();
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, &new.email, &new.display_name, new.role, &hash, now).await?;
    if actor.user_id.is_some() {
        sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
    }
    let user = fetch(&mut tx, id).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("user.created", "user", id).after(&Snapshot::from(&user)),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Adds a person without a password and emails them an invitation to choose one. Until they
/// do, the account has a random password nobody knows.
pub async fn invite(db: &Db, actor: &Actor, new: NewInvitee, confirm: &str) -> Result<UserView> {
    actor.require(&[Role::Admin])?;
    // An invited admin is an admin added: asked for like one made with a password.
    if new.role == Role::Admin {
        reauth::confirm(db, actor, YOUR_PASSWORD, confirm).await?;
    }
    let unknown = NewPassword::parse(&crate::common::tokens::new_token())
        .map_err(|e| Error::Unexpected(anyhow::anyhow!(e)))?;
    let hash = passwords::hash(&unknown).await?;
    let now = crate::now();
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, &new.email, &new.display_name, new.role, &hash, now).await?;
    let user = fetch(&mut tx, id).await?;
    crate::accounts::invitations::issue(
        &mut tx,
        id,
        new.email.as_str(),
        new.display_name.as_str(),
        new.role.label(),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("user.invited", "user", id).after(&Snapshot::from(&user)),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

pub async fn get(db: &Db, actor: &Actor, id: UserId) -> Result<UserView> {
    actor.require(&[Role::Admin])?;
    let mut conn = db.pool().acquire().await?;
    fetch(&mut conn, id).await
}

/// Which accounts the user list shows: those whose name or email contains `words` (any
/// case), with role `role`; empty means any. An unknown role is ignored.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub words: String,
    pub role: String,
}

/// The accounts `filter` picks, active first, by name.
pub async fn list(db: &Db, actor: &Actor, filter: &UserFilter) -> Result<Vec<UserView>> {
    actor.require(&[Role::Admin])?;
    let words = filter.words.trim().to_lowercase();
    // LIKE's own wildcards in what was typed match themselves.
    let pattern = format!(
        "%{}%",
        words
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let role = Role::parse(filter.role.trim()).ok();
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users
         WHERE (LOWER(display_name) LIKE $1 ESCAPE '\\' OR LOWER(email) LIKE $1 ESCAPE '\\')
           AND ($2 = '' OR role = $2)
         ORDER BY active DESC, display_name, id"
    ))
    .bind(pattern)
    .bind(role.map_or("", Role::as_str))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(UserView::from).collect())
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) AS n FROM users")
        .fetch_one(db.pool())
        .await?)
}

/// Changes an account's details. An admin cannot take away their own admin role or
/// deactivate themselves: that is how an office locks itself out.
/// Changing a role needs the acting admin's own password (`confirm`).
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: UserId,
    details: UserDetails,
    confirm: &str,
) -> Result<UserView> {
    actor.require(&[Role::Admin])?;
    if actor.user_id == Some(id) {
        let mut errors = FieldErrors::new();
        if details.role != Role::Admin {
            errors.add(
                "role",
                "You cannot remove your own admin role; ask another admin",
            );
        }
        if !details.active {
            errors.add(
                "active",
                "You cannot deactivate your own account; ask another admin",
            );
        }
        errors.into_result()?;
    }
    let current = get(db, actor, id).await?;
    // Each of these hands the account, or more power, to whoever holds it next: a new
    // email receives the next invitation or reset link (that took over an account), a
    // reactivated account can sign in again.
    if current.role != details.role
        || current.email != details.email.as_str()
        || (!current.active && details.active)
    {
        reauth::confirm(db, actor, YOUR_PASSWORD, confirm).await?;
    }
    let mut tx = db.begin().await?;
    let before = fetch(&mut tx, id).await?;
    refuse_look_alikes(&mut tx, Some(id), &details.email, &details.display_name).await?;
    let updated = sqlx::query(
        "UPDATE users SET email = $1, display_name = $2, role = $3, active = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(details.email.as_str())
    .bind(details.display_name.as_str())
    .bind(details.role.as_str())
    .bind(i64::from(details.active))
    .bind(crate::now())
    .bind(id.0)
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Err(Error::invalid("email", DUPLICATE_EMAIL)),
        Err(e) => return Err(e.into()),
    }
    if !details.active || details.role != before.role {
        // A deactivated account, or one whose rights changed, must sign in afresh.
        sessions::end_all_for(&mut tx, id).await?;
    }
    let after = fetch(&mut tx, id).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("user.updated", "user", id)
            .before(&Snapshot::from(&before))
            .after(&Snapshot::from(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Sets a new password chosen by an admin (who confirms with their own, `confirm`), ends
/// the account's sessions, and has the person change it at their next sign-in.
pub async fn reset_password(
    db: &Db,
    actor: &Actor,
    id: UserId,
    password: NewPassword,
    confirm: &str,
) -> Result<()> {
    actor.require(&[Role::Admin])?;
    let user = get(db, actor, id).await?;
    reauth::confirm(db, actor, YOUR_PASSWORD_FOR_RESET, confirm).await?;
    passwords::check_guessable(&password, &[&user.email, &user.display_name])?;
    let hash = passwords::hash(&password).await?;
    let mut tx = db.begin().await?;
    fetch(&mut tx, id).await?;
    sqlx::query(
        "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2,
                must_change_password = 1
         WHERE id = $3",
    )
    .bind(&hash)
    .bind(crate::now())
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    sessions::end_all_for(&mut tx, id).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("user.password_reset", "user", id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Active accounts by name, for choosing board members: OPCC staff who manage boards may
/// see who can be chosen, without the admin's view of every account.
pub async fn directory(db: &Db, actor: &Actor) -> Result<Vec<(i64, String)>> {
    actor.require(domain::roles::EDITORS)?;
    Ok(
        sqlx::query_as("SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name")
            .fetch_all(db.pool())
            .await?,
    )
}

#[cfg(test)]
mod look_alike_tests {
    use super::look;

    #[test]
    fn names_that_pass_for_each_other_look_the_same() {
        let alex = look("Alex Admin");
        for disguise in [
            "alex admin",
            "Alex\u{00A0}Admin",
            "Alex  Admin",
            "\u{0410}\u{04CF}\u{0435}\u{0445} Admin",
            "\u{1D400}\u{1D425}\u{1D41E}\u{1D431} Admin",
            "\u{FF21}\u{FF4C}\u{FF45}\u{FF58} Admin",
        ] {
            assert_eq!(look(disguise), alex, "{disguise:?}");
        }
        // Cherokee letters that are Latin capitals to the eye.
        assert_eq!(look("\u{13AA}\u{13DE}\u{13AC}"), look("ALE"));
        // "rn" for "m" in an email.
        assert_eq!(look("rnary@opcc.example"), look("mary@opcc.example"));
        assert_ne!(look("Alex Admin"), look("Alex Adams"));
        assert_ne!(look("Mary"), look("Marie"));
    }
}
