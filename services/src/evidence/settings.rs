//! The office's evidence settings: the force it oversees — the evidence pages open on it,
//! whatever neighbours' months are imported beside it — and the fewest searches in a group
//! for its rate to be compared with the White rate.

use domain::evidence::{EvidenceSettings, Force};

use crate::audit::{self, Actor, Change};
use crate::{Db, Error, Result};

/// Who sets the fewest searches compared: admins and the Commissioner, who sets thresholds.
const JUDGES: &[domain::Role] = &[domain::Role::Admin, domain::Role::Commissioner];

/// The fewest searches compared when none is set.
pub const FEWEST_SEARCHES: u64 = 20;

pub async fn get(db: &Db) -> Result<EvidenceSettings> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT name, value FROM evidence_settings")
        .fetch_all(db.pool())
        .await?;
    let mut settings = EvidenceSettings {
        our_force: None,
        fewest_searches: FEWEST_SEARCHES,
    };
    for (name, value) in rows {
        match name.as_str() {
            "our_force" => settings.our_force = Force::by_slug(&value).map(|f| f.slug.to_owned()),
            "fewest_searches" => {
                settings.fewest_searches = value.parse().unwrap_or(FEWEST_SEARCHES)
            }
            _ => {}
        }
    }
    Ok(settings)
}

async fn set(db: &Db, actor: &Actor, name: &str, value: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let before: Option<String> =
        sqlx::query_scalar("SELECT value FROM evidence_settings WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *tx)
            .await?;
    let user = actor.user_id.map(|u| u.0);
    if before.is_some() {
        sqlx::query(
            "UPDATE evidence_settings SET value = $1, by_user = $2, at = $3 WHERE name = $4",
        )
        .bind(value)
        .bind(user)
        .bind(crate::now())
        .bind(name)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO evidence_settings (name, value, by_user, at) VALUES ($1, $2, $3, $4)",
        )
        .bind(name)
        .bind(value)
        .bind(user)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("evidence.setting_changed", "evidence_setting", 0)
            .before(&serde_json::json!({ name: before }))
            .after(&serde_json::json!({ name: value })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the force the office oversees (a data.police.uk slug).
pub async fn set_our_force(db: &Db, actor: &Actor, slug: &str) -> Result<()> {
    actor.require(domain::roles::ADMINS)?;
    let force = Force::by_slug(slug.trim())
        .ok_or_else(|| Error::invalid("force", "Choose a police force from the list"))?;
    set(db, actor, "our_force", force.slug).await
}

/// Sets the fewest searches in a group for its figures to be compared.
pub async fn set_fewest_searches(db: &Db, actor: &Actor, fewest: &str) -> Result<()> {
    actor.require(JUDGES)?;
    let fewest: u64 = match fewest.trim().parse() {
        Ok(n) if (1..=1000).contains(&n) => n,
        _ => {
            return Err(Error::invalid(
                "fewest",
                "Enter a whole number of searches between 1 and 1000, like 20",
            ))
        }
    };
    set(db, actor, "fewest_searches", &fewest.to_string()).await
}
