//! The equality objectives register: plans (with a review date at most four years on, as
//! the Specific Duties Regulations require), objectives by group with an owner, and dated
//! progress updates in Markdown with a rating.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use domain::equality::{
    Framework, GroupView, ObjectiveGroup, ObjectiveView, PlanView, ProgressUpdate, Rating,
    ReviewState, Tag,
};
use domain::FieldErrors;
use sqlx::FromRow;

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::common::{london, markdown, typed};
use crate::db::codec::{day_text, Day, Key};
use crate::register::actions::check_note;
use crate::{Db, Error, Result};

/// How many days before a plan's review date the reminder shows.
pub const REVIEW_REMINDER_DAYS: i64 = 90;

/// A plan ready to record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewPlan {
    pub title: String,
    pub starts_on: NaiveDate,
    pub review_on: NaiveDate,
}

impl NewPlan {
    pub fn parse(title: &str, starts_on: &str, review_on: &str) -> Result<NewPlan> {
        let mut errors = FieldErrors::new();
        let title = text_field(
            &mut errors,
            "title",
            title,
            Some("Enter the plan's title, such as Equality Objectives 2025–2029"),
            200,
            "The title",
        );
        let starts = errors.check("starts_on", typed::iso_date(starts_on));
        let review = errors.check("review_on", typed::iso_date(review_on));
        if let (Some(starts), Some(review)) = (starts, review) {
            let latest = starts.checked_add_months(Months::new(48)).unwrap_or(starts);
            if review <= starts {
                errors.add("review_on", "The review date must be after the plan starts");
            } else if review > latest {
                errors.add(
                    "review_on",
                    format!(
                        "Objectives must be reviewed at least every four years: the review date must be on or before {}",
                        london::long_date(latest)
                    ),
                );
            }
        }
        errors.into_result()?;
        match (starts, review) {
            (Some(starts_on), Some(review_on)) => Ok(NewPlan {
                title,
                starts_on,
                review_on,
            }),
            _ => Err(Error::invalid("starts_on", "Enter the dates")),
        }
    }
}

pub async fn add_plan(db: &Db, actor: &Actor, plan: NewPlan) -> Result<i64> {
    actor.require(domain::roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO equality_plans (title, starts_on, review_on, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&plan.title)
    .bind(day_text(plan.starts_on))
    .bind(day_text(plan.review_on))
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("equality.plan_added", "equality_plan", id).after(&plan),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an objective at the end of its group in plan `plan_id`.
pub async fn add_objective(
    db: &Db,
    actor: &Actor,
    plan_id: i64,
    group: &str,
    text: &str,
    owner: &str,
) -> Result<i64> {
    actor.require(domain::roles::OFFICE)?;
    let mut errors = FieldErrors::new();
    let group = errors.check("group", ObjectiveGroup::parse(group));
    let text = text_field(
        &mut errors,
        "objective",
        text,
        Some("Enter the objective"),
        2_000,
        "The objective",
    );
    let owner = text_field(
        &mut errors,
        "owner",
        owner,
        Some("Enter who owns the objective, a person or a team"),
        200,
        "The owner",
    );
    errors.into_result()?;
    let group = group.ok_or_else(|| Error::invalid("group", "Choose a group"))?;
    let mut tx = db.begin().await?;
    sqlx::query("SELECT id FROM equality_plans WHERE id = $1")
        .bind(plan_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO equality_objectives (plan_id, grouping, position, text, owner, created_at)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM equality_objectives
                          WHERE plan_id = $1 AND grouping = $2), $3, $4, $5)
         RETURNING id",
    )
    .bind(plan_id)
    .bind(group.as_str())
    .bind(&text)
    .bind(&owner)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("equality.objective_added", "equality_objective", id).after(
            &serde_json::json!({ "plan": plan_id, "group": group, "text": text, "owner": owner }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A dated progress update on an objective, with its rating.
pub async fn add_update(
    db: &Db,
    actor: &Actor,
    objective_id: i64,
    rating: &str,
    body: &str,
) -> Result<i64> {
    actor.require(domain::roles::OFFICE)?;
    let mut errors = FieldErrors::new();
    let rating = errors.check("rating", Rating::parse(rating));
    let body = check_note(
        &mut errors,
        "progress",
        body,
        Some("Enter what has happened since the last update"),
    );
    errors.into_result()?;
    let rating = rating.ok_or_else(|| Error::invalid("rating", "Choose a rating"))?;
    let mut tx = db.begin().await?;
    sqlx::query("SELECT id FROM equality_objectives WHERE id = $1")
        .bind(objective_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO objective_updates (objective_id, rating, body, by_user, at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(objective_id)
    .bind(rating.as_str())
    .bind(&body)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new(
            "equality.progress_updated",
            "equality_objective",
            objective_id,
        )
        .after(&serde_json::json!({ "rating": rating, "update": body })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The objectives register as the office reads it.
pub async fn framework(db: &Db, actor: &Actor, today: NaiveDate) -> Result<Framework> {
    actor.require(domain::roles::OFFICE)?;
    Ok(Framework {
        plans: plans(db, today, None).await?,
        may_edit: true,
    })
}

fn review_state(review_on: NaiveDate, today: NaiveDate) -> ReviewState {
    let days = (review_on - today).num_days();
    if days < 0 {
        ReviewState::Overdue(-days)
    } else if days <= REVIEW_REMINDER_DAYS {
        ReviewState::Soon(days)
    } else {
        ReviewState::Later
    }
}

/// Every plan, newest first, with its objectives, their progress (updates up to the end of
/// `until`, if given, newest first) and how many questions and actions are tagged with each.
pub(crate) async fn plans(
    db: &Db,
    today: NaiveDate,
    until: Option<NaiveDate>,
) -> Result<Vec<PlanView>> {
    let plan_rows: Vec<(i64, String, String, Day)> = sqlx::query_as(
        "SELECT id, title, starts_on, review_on FROM equality_plans ORDER BY starts_on DESC, id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    let objective_rows: Vec<ObjectiveRow> = sqlx::query_as(
        "SELECT id, plan_id, grouping, text, owner FROM equality_objectives
         ORDER BY plan_id, position, id",
    )
    .fetch_all(db.pool())
    .await?;
    let until_at = until
        .and_then(|day| day.succ_opt())
        .map(|next| london::start_of_day(&day_text(next)))
        .unwrap_or(i64::MAX);
    let update_rows: Vec<UpdateRow> = sqlx::query_as(
        "SELECT u.objective_id, u.rating, u.body, u.at, COALESCE(p.display_name, 'Scrutineer') AS who
         FROM objective_updates u LEFT JOIN users p ON p.id = u.by_user
         WHERE u.at < $1
         ORDER BY u.at DESC, u.id DESC",
    )
    .bind(until_at)
    .fetch_all(db.pool())
    .await?;
    let mut updates: HashMap<i64, Vec<ProgressUpdate>> = HashMap::new();
    for row in update_rows {
        updates
            .entry(row.objective_id)
            .or_default()
            .push(ProgressUpdate {
                rating: row.rating.0,
                body_html: markdown::render_stored(row.body).await,
                at: london::show(row.at),
                who: row.who,
            });
    }
    let counts = tag_counts(db).await?;
    let mut plans: Vec<PlanView> = Vec::new();
    for (id, title, starts_on, review_day) in plan_rows {
        let review_day = review_day.0;
        let mut groups: Vec<GroupView> = ObjectiveGroup::ALL
            .iter()
            .map(|&group| GroupView {
                group,
                objectives: Vec::new(),
            })
            .collect();
        for o in objective_rows.iter().filter(|o| o.plan_id == id) {
            let objective_id = o.id;
            let group = o.grouping.0;
            let (questions, actions) = counts
                .get(&Tag::Objective(objective_id).key())
                .copied()
                .unwrap_or((0, 0));
            if let Some(g) = groups.iter_mut().find(|g| g.group == group) {
                g.objectives.push(ObjectiveView {
                    id: objective_id,
                    plan_id: id,
                    group,
                    text: o.text.clone(),
                    owner: o.owner.clone(),
                    updates: updates.remove(&objective_id).unwrap_or_default(),
                    questions,
                    actions,
                });
            }
        }
        plans.push(PlanView {
            id,
            title,
            starts_on,
            review_long: london::long_date(review_day),
            review: review_state(review_day, today),
            review_on: day_text(review_day),
            groups,
        });
    }
    Ok(plans)
}

#[derive(FromRow)]
struct ObjectiveRow {
    id: i64,
    plan_id: i64,
    grouping: Key<ObjectiveGroup>,
    text: String,
    owner: String,
}

#[derive(FromRow)]
struct UpdateRow {
    objective_id: i64,
    rating: Key<Rating>,
    body: String,
    at: i64,
    who: String,
}

/// How many questions (not drafts) and actions carry each tag.
async fn tag_counts(db: &Db) -> Result<HashMap<String, (i64, i64)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT t.tag, t.subject, COUNT(*) AS n FROM equality_tags t
         LEFT JOIN questions q ON t.subject = 'question' AND q.id = t.subject_id
         WHERE t.subject = 'action' OR q.status <> 'draft'
         GROUP BY t.tag, t.subject",
    )
    .fetch_all(db.pool())
    .await?;
    let mut counts: HashMap<String, (i64, i64)> = HashMap::new();
    for (tag, subject, n) in rows {
        let entry = counts.entry(tag).or_default();
        if subject == "question" {
            entry.0 = n;
        } else {
            entry.1 = n;
        }
    }
    Ok(counts)
}

/// The current plan (the latest to start), if its review date is near or past: for the
/// reminders on the home page, the register of objectives and the briefing pack
/// (title, state, review date).
pub async fn review_due(
    db: &Db,
    today: NaiveDate,
) -> Result<Option<(String, ReviewState, String)>> {
    let Some((title, Day(day))): Option<(String, Day)> = sqlx::query_as(
        "SELECT title, review_on FROM equality_plans ORDER BY starts_on DESC, id DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    Ok(match review_state(day, today) {
        ReviewState::Later => None,
        state => Some((title, state, london::long_date(day))),
    })
}

/// (tag key, label) of every objective, for the tagging form and filters: grouped by
/// plan title, newest plan first.
pub(crate) async fn objective_labels(db: &Db) -> Result<Vec<(String, Vec<(i64, String)>)>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT o.id, o.text, p.title FROM equality_objectives o
         JOIN equality_plans p ON p.id = o.plan_id
         ORDER BY p.starts_on DESC, p.id DESC, o.grouping, o.position, o.id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut plans: Vec<(String, Vec<(i64, String)>)> = Vec::new();
    for (id, text, title) in rows {
        if plans.last().map(|(t, _)| t != &title).unwrap_or(true) {
            plans.push((title, Vec::new()));
        }
        if let Some((_, list)) = plans.last_mut() {
            list.push((id, text));
        }
    }
    Ok(plans)
}
