//! The titles minutes name owners by ("Chief Constable", "Head of PSD", "Policy Officer"),
//! each with the organisation it belongs to: an ACTION line that names one is owned by
//! that organisation and keeps the title as the owner's name. Kept by the secretariat and
//! admins; every change is audited.

use domain::{FieldErrors, Owner, OwnerTitle};

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::register::minutes_actions::lines::{title_key, Titles};
use crate::{Db, Error, Result};

/// Every title, by organisation and then title.
pub async fn list(db: &Db) -> Result<Vec<OwnerTitle>> {
    let rows: Vec<(i64, String, crate::db::codec::Key<Owner>)> =
        sqlx::query_as("SELECT id, title, owner FROM owner_titles ORDER BY owner, title_key")
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, owner)| OwnerTitle {
            id,
            title,
            owner: owner.0,
        })
        .collect())
}

/// The titles as the minutes reader compares them.
pub async fn titles(db: &Db) -> Result<Titles> {
    Ok(Titles::new(
        list(db).await?.into_iter().map(|t| (t.title, t.owner)),
    ))
}

/// The list for the page that keeps it.
pub async fn manage(db: &Db, actor: &Actor) -> Result<Vec<OwnerTitle>> {
    actor.require(domain::roles::EDITORS)?;
    list(db).await
}

pub async fn add(db: &Db, actor: &Actor, title: &str, owner: &str) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut errors = FieldErrors::new();
    let title = text_field(
        &mut errors,
        "title",
        title,
        Some("Enter the title, for example Head of PSD"),
        100,
        "A title",
    );
    let owner = errors.check("owner", Owner::parse(owner));
    let key = title_key(&title);
    if !title.is_empty() && key.is_empty() {
        errors.add("title", "Enter a title with letters in it");
    }
    if key.contains(" to ") || key == "to" {
        errors.add(
            "title",
            "A title cannot contain the word \"to\": the minutes use it to start the action",
        );
    }
    errors.into_result()?;
    let owner = owner.ok_or_else(|| Error::invalid("owner", "Choose whose title it is"))?;
    let mut tx = db.begin().await?;
    let exists = sqlx::query("SELECT id FROM owner_titles WHERE title_key = $1")
        .bind(&key)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(Error::invalid("title", "That title is already on the list"));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO owner_titles (title, title_key, owner, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(&title)
    .bind(&key)
    .bind(owner.as_str())
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("owner_title.added", "owner_title", id)
            .after(&serde_json::json!({ "title": title, "owner": owner.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let (title, owner): (String, String) =
        sqlx::query_as("SELECT title, owner FROM owner_titles WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound)?;
    let before = serde_json::json!({ "title": title, "owner": owner });
    sqlx::query("DELETE FROM owner_titles WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("owner_title.removed", "owner_title", id).before(&before),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
