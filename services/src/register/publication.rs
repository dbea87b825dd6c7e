//! Putting a record on the public pages, or taking it off: the one step actions and
//! questions share once each has checked that it may (who may publish, and what, differs:
//! see `actions::publish_in` and `questions::set_published`).

use domain::Step;
use sqlx::AnyConnection;

use crate::audit::Actor;
use crate::db::codec::Flag;
use crate::register::timeline::{self, Entry};
use crate::register::Subject;
use crate::Result;

/// Sets the record's published flag to `published` and says so in its timeline, in the
/// caller's transaction; `was` is the flag as read. Pressing the button twice (two tabs, a
/// resent form) records nothing new.
pub(crate) async fn set(
    conn: &mut AnyConnection,
    actor: &Actor,
    subject: Subject,
    id: i64,
    status: &str,
    was: bool,
    published: bool,
) -> Result<()> {
    if was == published {
        return Ok(());
    }
    // The table is the subject's own name for it, never typed text.
    sqlx::query(&format!(
        "UPDATE {} SET published = $1, updated_at = $2 WHERE id = $3",
        subject.table()
    ))
    .bind(Flag(published))
    .bind(crate::now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let kind = if published {
        Step::Published
    } else {
        Step::Unpublished
    };
    timeline::record(
        &mut *conn,
        actor,
        subject,
        id,
        Entry {
            kind,
            body: "",
            status,
            due_on: None,
            said: None,
        },
        None,
        None,
    )
    .await
}
