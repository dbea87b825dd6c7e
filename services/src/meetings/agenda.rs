//! A meeting's agenda: ordered items, each with a title, a lead, a purpose and notes.
//! Items are numbered by `position`; moving one swaps it with its neighbour, in one
//! transaction, so the order never has gaps or ties that people can see.

use domain::{AgendaItemView, AgendaPurpose, FieldErrors};
use serde::Serialize;
use sqlx::{AnyConnection, FromRow};

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::db::codec::Key;
use crate::{Db, Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemDetails {
    pub title: String,
    pub lead: String,
    pub purpose: AgendaPurpose,
    pub notes: String,
}

impl ItemDetails {
    pub fn parse(title: &str, lead: &str, purpose: &str, notes: &str) -> Result<ItemDetails> {
        let mut errors = FieldErrors::new();
        let title = text_field(
            &mut errors,
            "title",
            title,
            Some("Enter the item's title"),
            300,
            "Title",
        );
        let lead = text_field(&mut errors, "lead", lead, None, 200, "Lead");
        let purpose = errors.check("purpose", AgendaPurpose::parse(purpose));
        let notes = text_field(&mut errors, "notes", notes, None, 10_000, "Notes");
        errors.into_result()?;
        let purpose = purpose.ok_or_else(|| Error::invalid("purpose", "Choose a purpose"))?;
        Ok(ItemDetails {
            title,
            lead,
            purpose,
            notes,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(text: &str) -> Result<Direction> {
        match text {
            "up" => Ok(Direction::Up),
            "down" => Ok(Direction::Down),
            _ => Err(Error::invalid(
                "direction",
                "Choose to move the item up or down",
            )),
        }
    }
}

pub(crate) async fn items(
    conn: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Vec<AgendaItemView>> {
    let rows: Vec<ItemRow> = sqlx::query_as(
        "SELECT id, meeting_id, title, lead, purpose, notes FROM agenda_items
         WHERE meeting_id = $1 ORDER BY position, id",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| AgendaItemView {
            id: row.id,
            meeting_id: row.meeting_id,
            number: index as u32 + 1,
            title: row.title,
            lead: row.lead,
            purpose: row.purpose.0,
            notes: row.notes,
        })
        .collect())
}

/// An agenda item, as stored.
#[derive(FromRow)]
struct ItemRow {
    id: i64,
    meeting_id: i64,
    title: String,
    lead: String,
    purpose: Key<AgendaPurpose>,
    notes: String,
}

async fn meeting_of(conn: &mut AnyConnection, item_id: i64) -> Result<i64> {
    sqlx::query_scalar("SELECT meeting_id FROM agenda_items WHERE id = $1")
        .bind(item_id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// One item, with its number on the agenda, for OPCC staff.
pub async fn get(db: &Db, actor: &Actor, item_id: i64) -> Result<AgendaItemView> {
    actor.require(domain::roles::OFFICE)?;
    let mut conn = db.pool().acquire().await?;
    let meeting_id = meeting_of(&mut conn, item_id).await?;
    items(&mut conn, meeting_id)
        .await?
        .into_iter()
        .find(|i| i.id == item_id)
        .ok_or(Error::NotFound)
}

/// Adds an item at the end of the agenda.
pub async fn add(db: &Db, actor: &Actor, meeting_id: i64, item: ItemDetails) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    crate::meetings::record::fetch_summary(&mut tx, meeting_id).await?;
    let next: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 AS next FROM agenda_items WHERE meeting_id = $1",
    )
    .bind(meeting_id)
    .fetch_one(&mut *tx)
    .await?;
    let now = crate::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agenda_items (meeting_id, position, title, lead, purpose, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(meeting_id)
    .bind(next)
    .bind(&item.title)
    .bind(&item.lead)
    .bind(item.purpose.as_str())
    .bind(&item.notes)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("agenda_item.added", "meeting", meeting_id).after(&item),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(db: &Db, actor: &Actor, item_id: i64, item: ItemDetails) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let meeting_id = meeting_of(&mut tx, item_id).await?;
    let before = items(&mut tx, meeting_id)
        .await?
        .into_iter()
        .find(|i| i.id == item_id)
        .ok_or(Error::NotFound)?;
    sqlx::query(
        "UPDATE agenda_items SET title = $1, lead = $2, purpose = $3, notes = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(&item.title)
    .bind(&item.lead)
    .bind(item.purpose.as_str())
    .bind(&item.notes)
    .bind(crate::now())
    .bind(item_id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("agenda_item.updated", "meeting", meeting_id)
            .before(&before)
            .after(&item),
    )
    .await?;
    tx.commit().await?;
    Ok(meeting_id)
}

/// Swaps the item with the one above or below it. Moving the first item up, or the last
/// down, changes nothing and is not an error.
pub async fn move_item(db: &Db, actor: &Actor, item_id: i64, direction: Direction) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let meeting_id = meeting_of(&mut tx, item_id).await?;
    let order = items(&mut tx, meeting_id).await?;
    let index = order
        .iter()
        .position(|i| i.id == item_id)
        .ok_or(Error::NotFound)?;
    let other = match direction {
        Direction::Up => index.checked_sub(1),
        Direction::Down => (index + 1 < order.len()).then_some(index + 1),
    };
    if let Some(other) = other {
        let mut ids: Vec<i64> = order.iter().map(|i| i.id).collect();
        ids.swap(index, other);
        // Renumbering every item also mends any gaps left by removals.
        for (position, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE agenda_items SET position = $1 WHERE id = $2")
                .bind(position as i64 + 1)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let after: Vec<String> = ids
            .iter()
            .filter_map(|id| order.iter().find(|i| i.id == *id))
            .map(|i| i.title.clone())
            .collect();
        let before: Vec<String> = order.iter().map(|i| i.title.clone()).collect();
        audit::record(
            &mut tx,
            actor,
            Change::new("agenda_item.moved", "meeting", meeting_id)
                .before(&before)
                .after(&after),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(meeting_id)
}

pub async fn remove(db: &Db, actor: &Actor, item_id: i64) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let meeting_id = meeting_of(&mut tx, item_id).await?;
    let before = items(&mut tx, meeting_id)
        .await?
        .into_iter()
        .find(|i| i.id == item_id)
        .ok_or(Error::NotFound)?;
    sqlx::query("DELETE FROM agenda_items WHERE id = $1")
        .bind(item_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("agenda_item.removed", "meeting", meeting_id).before(&before),
    )
    .await?;
    tx.commit().await?;
    Ok(meeting_id)
}
