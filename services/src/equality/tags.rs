//! What a question or action concerns in the equality framework — objectives, aims of the
//! duty, protected characteristics — and its assurance, as its page shows them.

use std::collections::BTreeSet;

use domain::equality::{
    Aim, Assurance, AssuranceView, Characteristic, RecordEquality, Tag, TagChoice,
};
use domain::roles;
use sqlx::AnyConnection;

use crate::audit::{self, Actor, Change};
use crate::common::london;
use crate::db::codec::Key;
use crate::register::Subject;
use crate::visibility::{self, Audience};
use crate::{Db, Error, Result};

/// Whether `audience` may know of the record; "not found" otherwise (`visibility`).
pub(crate) async fn visible(
    conn: &mut AnyConnection,
    audience: Audience,
    subject: Subject,
    id: i64,
) -> Result<()> {
    let condition = match subject {
        Subject::Action => visibility::action::sql(audience, "r"),
        Subject::Question => visibility::question::sql(audience, "r"),
    };
    sqlx::query(&format!(
        "SELECT r.id FROM {} r WHERE r.id = $1 AND {condition}",
        subject.table()
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    Ok(())
}

pub(crate) async fn read(conn: &mut AnyConnection, subject: Subject, id: i64) -> Result<Vec<Tag>> {
    let tags: Vec<Key<Tag>> =
        sqlx::query_scalar("SELECT tag FROM equality_tags WHERE subject = $1 AND subject_id = $2")
            .bind(subject.as_str())
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(tags.into_iter().map(|tag| tag.0).collect())
}

/// Replaces the record's tags with `keys` (the form's ticked boxes); refuses the whole
/// change if any is not a known objective, aim or characteristic.
pub async fn set(db: &Db, actor: &Actor, subject: Subject, id: i64, keys: &[String]) -> Result<()> {
    actor.require(roles::OFFICE)?;
    // Keyed by the stored text, so that a box ticked twice counts once.
    let mut chosen = std::collections::BTreeMap::new();
    for key in keys {
        let tag = Tag::parse(key).map_err(|e| Error::invalid("tags", e))?;
        chosen.insert(tag.key(), tag);
    }
    let mut tx = db.begin().await?;
    visible(&mut tx, Audience::of(actor), subject, id).await?;
    for tag in chosen.values() {
        if let Tag::Objective(objective) = *tag {
            sqlx::query("SELECT id FROM equality_objectives WHERE id = $1")
                .bind(objective)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| {
                    Error::invalid(
                        "tags",
                        "That equality objective no longer exists: reload the page",
                    )
                })?;
        }
    }
    let before: BTreeSet<String> = read(&mut tx, subject, id)
        .await?
        .into_iter()
        .map(Tag::key)
        .collect();
    let chosen: BTreeSet<String> = chosen.into_keys().collect();
    if before == chosen {
        return Ok(());
    }
    sqlx::query("DELETE FROM equality_tags WHERE subject = $1 AND subject_id = $2")
        .bind(subject.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for key in &chosen {
        sqlx::query("INSERT INTO equality_tags (subject, subject_id, tag) VALUES ($1, $2, $3)")
            .bind(subject.as_str())
            .bind(id)
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("equality.tagged", subject.as_str(), id)
            .before(&serde_json::json!({ "tags": before }))
            .after(&serde_json::json!({ "tags": chosen })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The record's tags, assurance and (for the office) the tagging form's choices.
pub async fn for_record(
    db: &Db,
    actor: &Actor,
    subject: Subject,
    id: i64,
) -> Result<RecordEquality> {
    actor.require(&domain::Role::ALL)?;
    describe(
        db,
        Audience::of(actor),
        subject,
        id,
        actor.require(roles::OFFICE).is_ok(),
    )
    .await
}

/// The same for the public pages: only a published record.
pub async fn for_public(db: &Db, subject: Subject, id: i64) -> Result<RecordEquality> {
    describe(db, Audience::Public, subject, id, false).await
}

async fn describe(
    db: &Db,
    audience: Audience,
    subject: Subject,
    id: i64,
    may_tag: bool,
) -> Result<RecordEquality> {
    let mut conn = db.pool().acquire().await?;
    visible(&mut conn, audience, subject, id).await?;
    let tags = read(&mut conn, subject, id).await?;
    let (assurance, reason, assured_at): (Option<Key<Assurance>>, String, Option<i64>) =
        sqlx::query_as(&format!(
            "SELECT assurance, assurance_reason, assured_at FROM {} WHERE id = $1",
            subject.table()
        ))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let assurance = assurance.map(|Key(level)| AssuranceView {
        level,
        reason,
        at: london::show(assured_at.unwrap_or_default()),
    });
    let (follow_up, follows) = match subject {
        Subject::Action => follow_ups(&mut conn, audience, id).await?,
        Subject::Question => (None, None),
    };
    drop(conn);
    let objectives = super::objectives::objective_labels(db).await?;
    let has = |tag: Tag| tags.contains(&tag);
    let mut equality = RecordEquality {
        objectives: objectives
            .iter()
            .flat_map(|(_, list)| list)
            .filter(|(oid, _)| has(Tag::Objective(*oid)))
            .map(|(_, text)| text.clone())
            .collect(),
        aims: Aim::ALL
            .iter()
            .filter(|a| has(Tag::Aim(**a)))
            .map(|a| a.label().to_owned())
            .collect(),
        characteristics: Characteristic::ALL
            .iter()
            .filter(|c| has(Tag::Characteristic(**c)))
            .map(|c| c.label().to_owned())
            .collect(),
        assurance,
        objective_choices: Vec::new(),
        aim_choices: Vec::new(),
        characteristic_choices: Vec::new(),
        may_tag,
        follow_up,
        follows,
    };
    if may_tag {
        let choice = |tag: Tag, label: &str| TagChoice {
            key: tag.key(),
            label: label.to_owned(),
            chosen: has(tag),
        };
        equality.objective_choices = objectives
            .iter()
            .map(|(plan, list)| {
                (
                    plan.clone(),
                    list.iter()
                        .map(|(oid, text)| choice(Tag::Objective(*oid), text))
                        .collect(),
                )
            })
            .collect();
        equality.aim_choices = Aim::ALL
            .iter()
            .map(|a| choice(Tag::Aim(*a), a.label()))
            .collect();
        equality.characteristic_choices = Characteristic::ALL
            .iter()
            .map(|c| choice(Tag::Characteristic(*c), c.label()))
            .collect();
    }
    Ok(equality)
}

type Link = Option<(i64, String)>;

/// The follow-up spawned by this action and the action it follows, each only if the
/// audience may see it.
pub(crate) async fn follow_ups(
    conn: &mut AnyConnection,
    audience: Audience,
    id: i64,
) -> Result<(Link, Link)> {
    let condition = visibility::action::sql(audience, "a");
    let follow_up = sqlx::query_as(&format!(
        "SELECT a.id, a.reference FROM actions a WHERE a.follows_action_id = $1 AND {condition}
         ORDER BY a.id LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let follows = sqlx::query_as(&format!(
        "SELECT a.id, a.reference FROM actions a JOIN actions f ON f.follows_action_id = a.id
         WHERE f.id = $1 AND {condition}"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok((follow_up, follows))
}

/// (tag, label) of the current plan's objectives, the aims and the characteristics, for
/// the filters of the register and the questions list.
pub async fn filter_options(db: &Db) -> Result<Vec<(String, String)>> {
    let plans = super::objectives::objective_labels(db).await?;
    let mut options: Vec<(String, String)> = plans
        .first()
        .map(|(_, list)| {
            list.iter()
                .map(|(id, text)| {
                    let short: String = text.chars().take(60).collect();
                    let label = if short.len() < text.len() {
                        format!("Objective: {short}…")
                    } else {
                        format!("Objective: {short}")
                    };
                    (Tag::Objective(*id).key(), label)
                })
                .collect()
        })
        .unwrap_or_default();
    options.extend(
        Aim::ALL
            .iter()
            .map(|a| (Tag::Aim(*a).key(), format!("Aim: {}", a.label()))),
    );
    options.extend(
        Characteristic::ALL
            .iter()
            .map(|c| (Tag::Characteristic(*c).key(), c.label().to_owned())),
    );
    Ok(options)
}
