//! Boards: the meeting series whose short code starts every action reference
//! (`SPCB/2026/014`). Meetings, agendas and minutes build on this.

use domain::{FieldErrors, Role};
use serde::Serialize;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::error::is_unique_violation;
use crate::{Db, Error, Result};

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
        let name = name.trim().to_owned();
        if name.is_empty() {
            errors.add("name", "Enter the board's name");
        } else if name.chars().count() > 200 {
            errors.add("name", "Name must be 200 characters or fewer");
        }
        let description = description.trim().to_owned();
        if description.chars().count() > 5000 {
            errors.add(
                "description",
                "Description must be 5,000 characters or fewer",
            );
        }
        errors.into_result()?;
        Ok(NewBoard {
            code,
            name,
            description,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
}

pub async fn create(db: &Db, actor: &Actor, board: NewBoard) -> Result<Board> {
    actor.require(&[Role::Admin, Role::Secretariat])?;
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO boards (code, name, description, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&board.code)
    .bind(&board.name)
    .bind(&board.description)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(row) => row.try_get("id")?,
        Err(e) if is_unique_violation(&e) => {
            return Err(Error::invalid(
                "code",
                "A board with this code or name already exists",
            ))
        }
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

pub async fn list(db: &Db) -> Result<Vec<Board>> {
    let rows = sqlx::query("SELECT id, code, name, description FROM boards ORDER BY name")
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Board {
                id: row.try_get("id")?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
            })
        })
        .collect()
}
