//! Boards: the meeting series whose short code starts every action reference
//! (`SPCB/2026/014`), and their members — Scrutineer users, or people from outside named
//! with their organisation. Members are never deleted, only marked removed, so that past
//! attendance still names them.

use domain::{BoardMember, BoardView, FieldErrors};
use serde::Serialize;
use sqlx::{AnyConnection, FromRow};

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::error::is_unique_violation;
use crate::{Db, Error, Result};

const DUPLICATE: &str = "A board with this code or name already exists";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewBoard {
    pub code: String,
    pub name: String,
    pub description: String,
}

impl NewBoard {
    pub fn parse(code: &str, name: &str, description: &str) -> Result<NewBoard> {
        let mut errors = FieldErrors::new();
        let code = code.trim().to_uppercase();
        if code.is_empty() {
            errors.add("code", "Enter a short code, for example SPCB");
        } else if !(2..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            errors.add("code", "Short code must be 2 to 10 letters A to Z");
        }
        let name = text_field(
            &mut errors,
            "name",
            name,
            Some("Enter the board's name"),
            200,
            "Name",
        );
        let description = text_field(
            &mut errors,
            "description",
            description,
            None,
            5000,
            "Description",
        );
        errors.into_result()?;
        Ok(NewBoard {
            code,
            name,
            description,
        })
    }
}

/// A member to add: a user, or a name and organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewMember {
    pub user_id: Option<i64>,
    pub name: String,
    pub organisation: String,
    pub position: String,
}

impl NewMember {
    /// `user` is a user's id from the list, or empty for someone from outside, who then
    /// needs a name.
    pub fn parse(user: &str, name: &str, organisation: &str, position: &str) -> Result<NewMember> {
        let mut errors = FieldErrors::new();
        let user_id = match user.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add("user", "Choose a user from the list");
                    None
                }
            },
        };
        let required = user_id
            .is_none()
            .then_some("Choose a user, or enter the name of someone from outside");
        let name = text_field(&mut errors, "name", name, required, 100, "Name");
        let organisation = text_field(
            &mut errors,
            "organisation",
            organisation,
            None,
            200,
            "Organisation",
        );
        let position = text_field(&mut errors, "position", position, None, 100, "Role");
        errors.into_result()?;
        Ok(NewMember {
            user_id,
            name,
            organisation,
            position,
        })
    }
}

/// A board, as stored (`SELECT id, code, name, description FROM boards`).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Board {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
}

pub async fn create(db: &Db, actor: &Actor, board: NewBoard) -> Result<Board> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let now = crate::now();
    let inserted = sqlx::query_scalar(
        "INSERT INTO boards (code, name, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(&board.code)
    .bind(&board.name)
    .bind(&board.description)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => return Err(Error::invalid("code", DUPLICATE)),
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &mut tx,
        actor,
        Change::new("board.created", "board", id).after(&board),
    )
    .await?;
    tx.commit().await?;
    Ok(Board {
        id,
        code: board.code,
        name: board.name,
        description: board.description,
    })
}

pub async fn update(db: &Db, actor: &Actor, id: i64, details: NewBoard) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let before = fetch(&mut tx, id).await?;
    let updated = sqlx::query(
        "UPDATE boards SET code = $1, name = $2, description = $3, updated_at = $4 WHERE id = $5",
    )
    .bind(&details.code)
    .bind(&details.name)
    .bind(&details.description)
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await;
    match updated {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Err(Error::invalid("code", DUPLICATE)),
        Err(e) => return Err(e.into()),
    }
    let before = NewBoard {
        code: before.code,
        name: before.name,
        description: before.description,
    };
    audit::record(
        &mut tx,
        actor,
        Change::new("board.updated", "board", id)
            .before(&before)
            .after(&details),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn fetch(conn: &mut AnyConnection, id: i64) -> Result<Board> {
    sqlx::query_as("SELECT id, code, name, description FROM boards WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound)
}

pub(crate) async fn members(conn: &mut AnyConnection, board_id: i64) -> Result<Vec<BoardMember>> {
    let rows: Vec<(i64, Option<i64>, String, String, String)> = sqlx::query_as(
        "SELECT m.id, m.user_id, COALESCE(u.display_name, m.name) AS name, m.organisation, m.position
         FROM board_members m LEFT JOIN users u ON u.id = m.user_id
         WHERE m.board_id = $1 AND m.removed = 0 ORDER BY m.id",
    )
    .bind(board_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, user_id, name, organisation, position)| BoardMember {
            id,
            user_id,
            name,
            organisation,
            position,
        })
        .collect())
}

/// A board with its current members, for OPCC staff.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<BoardView> {
    actor.require(domain::roles::OFFICE)?;
    let mut conn = db.pool().acquire().await?;
    let board = fetch(&mut conn, id).await?;
    let members = members(&mut conn, id).await?;
    Ok(BoardView {
        id: board.id,
        code: board.code,
        name: board.name,
        description: board.description,
        members,
    })
}

/// Every board, by name, without members. Used by the demo loader and the command line as
/// well as the boards page, so the role check is the caller's (see [`list_for`]).
pub async fn list(db: &Db) -> Result<Vec<Board>> {
    Ok(
        sqlx::query_as("SELECT id, code, name, description FROM boards ORDER BY name")
            .fetch_all(db.pool())
            .await?,
    )
}

pub async fn list_for(db: &Db, actor: &Actor) -> Result<Vec<Board>> {
    actor.require(domain::roles::OFFICE)?;
    list(db).await
}

pub async fn add_member(db: &Db, actor: &Actor, board_id: i64, member: NewMember) -> Result<i64> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    fetch(&mut tx, board_id).await?;
    if let Some(user_id) = member.user_id {
        let known = sqlx::query("SELECT id FROM users WHERE id = $1 AND active = 1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Err(Error::invalid("user", "Choose a user from the list"));
        }
        let already = sqlx::query(
            "SELECT id FROM board_members WHERE board_id = $1 AND user_id = $2 AND removed = 0",
        )
        .bind(board_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        if already.is_some() {
            return Err(Error::invalid("user", "This user is already a member"));
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO board_members (board_id, user_id, name, organisation, position, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(board_id)
    .bind(member.user_id)
    .bind(&member.name)
    .bind(&member.organisation)
    .bind(&member.position)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("board.member_added", "board", board_id).after(&member),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove_member(db: &Db, actor: &Actor, board_id: i64, member_id: i64) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    let current = members(&mut tx, board_id).await?;
    let member = current
        .into_iter()
        .find(|m| m.id == member_id)
        .ok_or(Error::NotFound)?;
    sqlx::query("UPDATE board_members SET removed = 1 WHERE id = $1")
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("board.member_removed", "board", board_id).before(&member),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
