//! The bank holidays that working-day due dates skip, kept by admins: the list, a day
//! added (a one-off for a coronation), a day taken off. Counting with them is
//! `common::working_days`.

use domain::Role;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::codec::Day;
use crate::{Db, Error, Result};

#[derive(Serialize)]
struct Holiday<'a> {
    day: String,
    name: &'a str,
}

/// Adds a bank holiday (for example a one-off for a coronation). Admins only.
pub async fn add_holiday(db: &Db, actor: &Actor, day: &str, name: &str) -> Result<()> {
    actor.require(&[Role::Admin])?;
    let mut errors = domain::FieldErrors::new();
    let day = errors.check("day", crate::common::typed::iso_date(day));
    let name = crate::common::forms::text_field(
        &mut errors,
        "name",
        name,
        Some("Enter the holiday's name"),
        100,
        "Name",
    );
    errors.into_result()?;
    let day = day.ok_or_else(|| Error::invalid("day", "Enter the date"))?;
    let mut tx = db.begin().await?;
    let inserted = sqlx::query("INSERT INTO bank_holidays (day, name) VALUES ($1, $2)")
        .bind(Day(day))
        .bind(&name)
        .execute(&mut *tx)
        .await;
    match inserted {
        Ok(_) => {}
        Err(e) if crate::error::is_unique_violation(&e) => {
            return Err(Error::invalid("day", "That day is already a bank holiday"))
        }
        Err(e) => return Err(e.into()),
    }
    let record = Holiday {
        day: day.to_string(),
        name: &name,
    };
    audit::record(
        &mut tx,
        actor,
        Change::new("bank_holiday.added", "bank_holiday", &record.day).after(&record),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every bank holiday on the list, earliest first: (`YYYY-MM-DD`, name).
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<(String, String)>> {
    actor.require(&[Role::Admin])?;
    Ok(
        sqlx::query_as("SELECT day, name FROM bank_holidays ORDER BY day")
            .fetch_all(db.pool())
            .await?,
    )
}

/// Takes a day off the list (for example one entered by mistake). Admins only.
pub async fn remove_holiday(db: &Db, actor: &Actor, day: &str) -> Result<()> {
    actor.require(&[Role::Admin])?;
    let mut tx = db.begin().await?;
    let name: String = sqlx::query_scalar("SELECT name FROM bank_holidays WHERE day = $1")
        .bind(day.trim())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    sqlx::query("DELETE FROM bank_holidays WHERE day = $1")
        .bind(day.trim())
        .execute(&mut *tx)
        .await?;
    let record = Holiday {
        day: day.trim().to_owned(),
        name: &name,
    };
    audit::record(
        &mut tx,
        actor,
        Change::new("bank_holiday.removed", "bank_holiday", &record.day).before(&record),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
