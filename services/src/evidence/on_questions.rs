//! Figures on questions: a figure is frozen when attached — its counts, population and
//! ratio, with where they came from — and shown on the question's page, and its public page
//! once published, beside what the same figure is today.

use domain::evidence::{BroadGroup, EvidenceFilter, FrozenFigure, QuestionFigure};
use domain::roles;
use sqlx::FromRow;

use super::figures::{self, FigureQuery};
use crate::audit::{self, Actor, Change};
use crate::db::codec::Key;
use crate::register::actions::Window;
use crate::register::questions;
use crate::{Db, Error, Result};

/// The filter that recomputes exactly this figure: every part explicit, the population
/// table included, so that a later change of default does not change "today".
fn pinned(query: &FigureQuery, table: Option<i64>) -> EvidenceFilter {
    EvidenceFilter {
        force: Some(query.force.slug.to_owned()),
        period: Some(query.period),
        legislation: query.legislation.clone(),
        basis: Some(query.basis),
        table,
    }
}

/// The figure for `group` as the evidence page at `address` shows it now.
async fn figure_at(
    db: &Db,
    address: &str,
    group: BroadGroup,
) -> Result<Option<(FrozenFigure, String)>> {
    let filter = EvidenceFilter::from_query(address).map_err(Error::Invalid)?;
    let Some(query) = figures::resolve(db, &filter).await? else {
        return Ok(None);
    };
    let figures = figures::compute(db, &query).await?;
    let table = figures.denominator.as_ref().map(|d| d.table_id);
    Ok(FrozenFigure::of(&figures, group).map(|f| (f, pinned(&query, table).to_query())))
}

/// Attaches the figure for `group` at the evidence page's `address` to a question, frozen.
pub async fn attach(
    db: &Db,
    actor: &Actor,
    question: i64,
    group: &str,
    address: &str,
) -> Result<i64> {
    actor.require(roles::OFFICE)?;
    let group = BroadGroup::parse(group)
        .ok()
        .filter(|g| *g != BroadGroup::White)
        .ok_or_else(|| {
            Error::invalid(
                "group",
                "Choose the group whose ratio to the White rate to attach",
            )
        })?;
    let exists = sqlx::query("SELECT id FROM questions WHERE id = $1")
        .bind(question)
        .fetch_optional(db.pool())
        .await?
        .is_some();
    if !exists {
        return Err(Error::invalid("question", "Choose a question"));
    }
    let (frozen, address) = figure_at(db, address, group).await?.ok_or_else(|| {
        Error::invalid(
            "group",
            "There are no figures to attach: import the force's data first",
        )
    })?;
    let json = serde_json::to_string(&frozen)
        .map_err(|e| Error::Unexpected(anyhow::Error::new(e).context("freezing a figure")))?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO question_figures (question_id, broad_group, address, figure, by_user, at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(question)
    .bind(group.as_str())
    .bind(&address)
    .bind(&json)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("question.figure_attached", "question", question).after(&serde_json::json!({
            "figure": frozen.statement(),
            "inputs": frozen.inputs(),
            "address": address,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A figure attached to a question, as stored.
#[derive(FromRow)]
struct AttachedRow {
    id: i64,
    broad_group: Key<BroadGroup>,
    address: String,
    figure: String,
    at: i64,
    by_name: String,
}

async fn of_question(db: &Db, question: i64) -> Result<Vec<QuestionFigure>> {
    let rows: Vec<AttachedRow> = sqlx::query_as(
        "SELECT f.id, f.broad_group, f.address, f.figure, f.at,
                COALESCE(u.display_name, '(command line)') AS by_name
         FROM question_figures f LEFT JOIN users u ON u.id = f.by_user
         WHERE f.question_id = $1 ORDER BY f.id",
    )
    .bind(question)
    .fetch_all(db.pool())
    .await?;
    let mut shown = Vec::new();
    for row in rows {
        let frozen: FrozenFigure = serde_json::from_str(&row.figure).map_err(|e| {
            Error::Unexpected(anyhow::Error::new(e).context("reading a frozen figure"))
        })?;
        let today = figure_at(db, &row.address, row.broad_group.0)
            .await?
            .map(|(f, _)| f);
        shown.push(QuestionFigure {
            id: row.id,
            frozen,
            today,
            address: row.address,
            by: row.by_name,
            at: crate::rfc3339(row.at),
        });
    }
    Ok(shown)
}

/// A question's figures, for whoever may see the question.
pub async fn for_question(
    db: &Db,
    actor: &Actor,
    question: i64,
    window: &Window,
) -> Result<Vec<QuestionFigure>> {
    questions::get(db, actor, question, window).await?;
    of_question(db, question).await
}

/// A published question's figures, for the public: who attached them is left out.
pub async fn for_public_question(
    db: &Db,
    question: i64,
    window: &Window,
) -> Result<Vec<QuestionFigure>> {
    questions::get_public(db, question, window).await?;
    let mut figures = of_question(db, question).await?;
    for f in &mut figures {
        f.by = String::new();
    }
    Ok(figures)
}

/// Questions a figure may be attached to: every question not withdrawn, newest first.
pub async fn questions_to_attach_to(db: &Db, actor: &Actor) -> Result<Vec<(i64, String)>> {
    actor.require(roles::OFFICE)?;
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, text FROM questions WHERE status <> 'withdrawn' ORDER BY id DESC LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text)| {
            let short: String = text.chars().take(90).collect();
            let short = if short.len() < text.len() {
                format!("{short}…")
            } else {
                short
            };
            (id, short)
        })
        .collect())
}
