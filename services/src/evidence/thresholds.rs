//! The Commissioner's thresholds (a figure crossing one is flagged on the evidence page,
//! with an offer to draft a question from it), and the publication of a force's figures
//! on the public pages.

use domain::evidence::{Force, Period, PublicEvidence, Threshold};
use domain::roles;

use super::figures::{self, FigureQuery};
use crate::audit::{self, Actor, Change};
use crate::{Db, Error, Result};

/// Every threshold, oldest first.
pub async fn list(db: &Db) -> Result<Vec<(i64, Threshold)>> {
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, kind, hundredths FROM evidence_thresholds ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    rows.into_iter()
        .map(|(id, kind, hundredths)| {
            let value = hundredths as f64 / 100.0;
            let threshold = match kind.as_str() {
                "ratio" => Threshold::RatioAtLeast(value),
                "interval" => Threshold::IntervalAbove(value),
                other => crate::stored(Err(format!("unknown threshold kind {other}")))?,
            };
            Ok((id, threshold))
        })
        .collect()
}

pub async fn add(db: &Db, actor: &Actor, kind: &str, value: &str) -> Result<i64> {
    actor.require(roles::ASSESSORS)?;
    let threshold = Threshold::parse(kind, value)?;
    let (kind, value) = threshold.to_parts();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evidence_thresholds (kind, hundredths, by_user, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(kind)
    .bind((value * 100.0).round() as i64)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("evidence.threshold_added", "evidence_threshold", id)
            .after(&serde_json::json!({ "threshold": threshold.label() })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(roles::ASSESSORS)?;
    let mut tx = db.begin().await?;
    let gone = sqlx::query("DELETE FROM evidence_thresholds WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if gone.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("evidence.threshold_removed", "evidence_threshold", id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a force's figures are on the public pages.
pub async fn is_published(db: &Db, force: Force) -> Result<bool> {
    Ok(
        sqlx::query("SELECT force FROM evidence_publications WHERE force = $1")
            .bind(force.slug)
            .fetch_optional(db.pool())
            .await?
            .is_some(),
    )
}

/// Puts a force's latest 12 months of figures on the public pages, or takes them off.
pub async fn set_published(db: &Db, actor: &Actor, force: &str, published: bool) -> Result<()> {
    actor.require(roles::ASSESSORS)?;
    let force =
        Force::by_slug(force).ok_or_else(|| Error::invalid("force", "Choose a police force"))?;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM evidence_publications WHERE force = $1")
        .bind(force.slug)
        .execute(&mut *tx)
        .await?;
    if published {
        sqlx::query("INSERT INTO evidence_publications (force, by_user, at) VALUES ($1, $2, $3)")
            .bind(force.slug)
            .bind(actor.user_id.map(|u| u.0))
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new(
            if published {
                "evidence.published"
            } else {
                "evidence.unpublished"
            },
            "evidence_publication",
            force.slug,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn public(db: &Db, force: Option<&str>) -> Result<PublicEvidence> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT force, at FROM evidence_publications ORDER BY force")
            .fetch_all(db.pool())
            .await?;
    let mut published = Vec::new();
    for (slug, at) in rows {
        if let Some(f) = Force::by_slug(&slug) {
            published.push((f, at));
        }
    }
    let forces = published
        .iter()
        .map(|(f, _)| (f.slug.to_owned(), f.name.to_owned()))
        .collect();
    // The force the office oversees first, when its figures are published.
    let ours = super::settings::get(db).await?.our_force;
    let chosen = match force {
        Some(slug) => published.iter().find(|(f, _)| f.slug == slug),
        None => ours
            .and_then(|ours| published.iter().find(|(f, _)| f.slug == ours))
            .or_else(|| published.first()),
    };
    let Some((force, at)) = chosen.copied() else {
        if force.is_some() {
            return Err(Error::NotFound);
        }
        return Ok(PublicEvidence {
            forces,
            figures: None,
            trend: Vec::new(),
            published_at: String::new(),
            published_on: String::new(),
        });
    };
    let Some(latest) = figures::latest_month(db, force).await? else {
        return Ok(PublicEvidence {
            forces,
            figures: None,
            trend: Vec::new(),
            published_at: crate::rfc3339(at),
            published_on: crate::common::london::long_date_of(
                &crate::common::london::show(at).date,
            ),
        });
    };
    let query = FigureQuery {
        force,
        period: Period::Rolling12(latest),
        legislation: None,
        basis: domain::evidence::EthnicityBasis::SelfDefined,
        table: None,
    };
    Ok(PublicEvidence {
        forces,
        figures: Some(figures::compute(db, &query).await?),
        trend: figures::trend_of(db, &query).await?,
        published_at: crate::rfc3339(at),
        published_on: crate::common::london::long_date_of(&crate::common::london::show(at).date),
    })
}
