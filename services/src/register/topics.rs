//! Topics that questions and actions are filed under (stop and search, complaints, …): a
//! list kept by admins. A topic in use is retired rather than deleted, so old records keep
//! their topic while new ones cannot choose it.

use domain::{FieldErrors, Topic};

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::db::codec::Flag;
use crate::{Db, Error, Result};

pub async fn list(db: &Db) -> Result<Vec<Topic>> {
    let rows: Vec<(i64, String, Flag)> =
        sqlx::query_as("SELECT id, name, retired FROM topics ORDER BY position, name")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, retired)| Topic {
            id,
            name,
            retired: retired.0,
        })
        .collect())
}

/// Every topic, retired ones too, for the admin page.
pub async fn manage(db: &Db, actor: &Actor) -> Result<Vec<Topic>> {
    actor.require(domain::roles::ADMINS)?;
    list(db).await
}

/// The topic `text` names (an id), if it exists and may still be chosen.
pub(crate) fn choose(topics: &[Topic], text: &str, errors: &mut FieldErrors) -> Option<i64> {
    let found = text
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| topics.iter().find(|t| t.id == id && !t.retired));
    if found.is_none() {
        errors.add("topic", "Choose a topic");
    }
    found.map(|t| t.id)
}

pub async fn add(db: &Db, actor: &Actor, name: &str) -> Result<i64> {
    actor.require(domain::roles::ADMINS)?;
    let mut errors = FieldErrors::new();
    let name = text_field(
        &mut errors,
        "name",
        name,
        Some("Enter the topic's name"),
        80,
        "A topic",
    );
    errors.into_result()?;
    let mut tx = db.begin().await?;
    let exists = sqlx::query("SELECT id FROM topics WHERE LOWER(name) = LOWER($1)")
        .bind(&name)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(Error::invalid(
            "name",
            "There is already a topic with that name",
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO topics (name, position, retired, created_at)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM topics), 0, $2) RETURNING id",
    )
    .bind(&name)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("topic.added", "topic", id).after(&serde_json::json!({ "name": name })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_retired(db: &Db, actor: &Actor, id: i64, retired: bool) -> Result<()> {
    actor.require(domain::roles::ADMINS)?;
    let mut tx = db.begin().await?;
    let changed = sqlx::query("UPDATE topics SET retired = $1 WHERE id = $2")
        .bind(Flag(retired))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound);
    }
    let action = if retired {
        "topic.retired"
    } else {
        "topic.restored"
    };
    audit::record(&mut tx, actor, Change::new(action, "topic", id)).await?;
    tx.commit().await?;
    Ok(())
}
