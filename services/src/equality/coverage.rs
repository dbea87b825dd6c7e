//! Coverage: for a financial year, how many questions and actions touched each equality
//! objective, aim and protected characteristic in each quarter, and which objectives and
//! characteristics have had no scrutiny for a number of months.
//!
//! A question counts on the day it was asked (drafts never count: nothing was asked); an
//! action on the day it was recorded.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use domain::equality::{Aim, Characteristic, Coverage, CoverageRow, Tag, Touches};
use domain::roles;
use sqlx::FromRow;

use super::{financial_year, quarter_of, year_label};
use crate::audit::Actor;
use crate::common::london;
use crate::db::codec::{day_text, Day, Key};
use crate::{Db, Result};

/// The default number of months without scrutiny that a page flags.
pub const DEFAULT_MONTHS: u32 = 6;

/// Every (tag, whether a question, London day) a question or action touched.
pub(crate) async fn touches(db: &Db) -> Result<Vec<(String, bool, NaiveDate)>> {
    let mut all = Vec::new();
    let questions: Vec<(String, Day)> = sqlx::query_as(
        "SELECT t.tag, q.asked_on FROM equality_tags t
         JOIN questions q ON q.id = t.subject_id
         WHERE t.subject = 'question' AND q.status <> 'draft'",
    )
    .fetch_all(db.pool())
    .await?;
    for (tag, Day(day)) in questions {
        all.push((tag, true, day));
    }
    let actions: Vec<(String, i64)> = sqlx::query_as(
        "SELECT t.tag, a.created_at FROM equality_tags t
         JOIN actions a ON a.id = t.subject_id
         WHERE t.subject = 'action'",
    )
    .fetch_all(db.pool())
    .await?;
    for (tag, created_at) in actions {
        let day = Day::parse(&london::show(created_at).date).map_err(anyhow::Error::new)?;
        all.push((tag, false, day));
    }
    Ok(all)
}

pub async fn coverage(
    db: &Db,
    actor: &Actor,
    year: i32,
    months: u32,
    today: NaiveDate,
) -> Result<Coverage> {
    actor.require(roles::OFFICE)?;
    let (first, last) = financial_year(year);
    let since = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today);
    let mut quarters: HashMap<String, [Touches; 4]> = HashMap::new();
    let mut latest: HashMap<String, NaiveDate> = HashMap::new();
    for (tag, question, day) in touches(db).await? {
        let newest = latest.entry(tag.clone()).or_insert(day);
        *newest = (*newest).max(day);
        if day < first || day > last {
            continue;
        }
        let cell = &mut quarters.entry(tag).or_default()[quarter_of(day)];
        if question {
            cell.questions += 1;
        } else {
            cell.actions += 1;
        }
    }
    let row = |tag: Tag, label: &str| {
        let key = tag.key();
        let cells = quarters.get(&key).copied().unwrap_or_default();
        let year = cells.iter().fold(Touches::default(), |sum, t| Touches {
            questions: sum.questions + t.questions,
            actions: sum.actions + t.actions,
        });
        CoverageRow {
            last: latest.get(&key).map(|d| day_text(*d)),
            key,
            label: label.to_owned(),
            quarters: cells.to_vec(),
            year,
        }
    };
    let plans = super::objectives::objective_labels(db).await?;
    // The current plan's objectives are the ones coverage is about.
    let objectives: Vec<CoverageRow> = plans
        .first()
        .map(|(_, list)| {
            list.iter()
                .map(|(id, text)| row(Tag::Objective(*id), text))
                .collect()
        })
        .unwrap_or_default();
    let aims: Vec<CoverageRow> = Aim::ALL
        .iter()
        .map(|a| row(Tag::Aim(*a), a.label()))
        .collect();
    let characteristics: Vec<CoverageRow> = Characteristic::ALL
        .iter()
        .map(|c| row(Tag::Characteristic(*c), c.label()))
        .collect();
    let since_text = day_text(since);
    let untouched = |rows: &[CoverageRow]| -> Vec<String> {
        rows.iter()
            .filter(|r| {
                r.last
                    .as_deref()
                    .map(|d| d < since_text.as_str())
                    .unwrap_or(true)
            })
            .map(|r| r.label.clone())
            .collect()
    };
    let quarter_names = [
        "April to June",
        "July to September",
        "October to December",
        "January to March",
    ];
    Ok(Coverage {
        year,
        year_label: year_label(year),
        quarters: quarter_names
            .iter()
            .enumerate()
            .map(|(i, months)| {
                let calendar_year = if i == 3 { year + 1 } else { year };
                format!("Q{} ({months} {calendar_year})", i + 1)
            })
            .collect(),
        unscrutinised_objectives: untouched(&objectives),
        unscrutinised_characteristics: untouched(&characteristics),
        objectives,
        aims,
        characteristics,
        months,
        since_long: london::long_date(since),
    })
}

/// The assurance the Commissioner has recorded on the meeting's board's questions and
/// actions, latest first (at most 20), for the briefing pack.
pub async fn assured_for_meeting(
    db: &Db,
    actor: &Actor,
    meeting: i64,
) -> Result<Vec<domain::equality::ScrutinyItem>> {
    actor.require(roles::OFFICE)?;
    let board: i64 = sqlx::query_scalar("SELECT board_id FROM meetings WHERE id = $1")
        .bind(meeting)
        .fetch_optional(db.pool())
        .await?
        .ok_or(crate::Error::NotFound)?;
    let mut items = Vec::new();
    let rows: Vec<AssessedRow> = sqlx::query_as(
        "SELECT id, 'question' AS kind, 'Question' AS reference, text, status, assurance,
                assurance_reason, assured_at, published
         FROM questions WHERE board_id = $1 AND assurance IS NOT NULL
         UNION ALL
         SELECT id, 'action' AS kind, reference, text, status, assurance, assurance_reason,
                assured_at, published
         FROM actions WHERE board_id = $1 AND assurance IS NOT NULL
         ORDER BY assured_at DESC, id DESC LIMIT 20",
    )
    .bind(board)
    .fetch_all(db.pool())
    .await?;
    for row in rows {
        // One column for two closed sets: which, the kind says.
        let status = if row.kind == "question" {
            crate::stored(domain::QuestionStatus::parse(&row.status))?.label()
        } else {
            crate::stored(domain::ActionStatus::parse(&row.status))?.label()
        };
        items.push(domain::equality::ScrutinyItem {
            kind: row.kind,
            id: row.id,
            reference: row.reference,
            text: row.text,
            status: status.to_owned(),
            date: london::show(row.assured_at.unwrap_or_default()).date,
            assurance: Some(row.assurance.0),
            assurance_reason: row.assurance_reason,
            published: row.published.0,
        });
    }
    Ok(items)
}

/// A question or an action the Commissioner has assessed, as [`assured_for_meeting`] reads it.
#[derive(FromRow)]
struct AssessedRow {
    id: i64,
    kind: String,
    reference: String,
    text: String,
    status: String,
    assurance: Key<domain::equality::Assurance>,
    assurance_reason: String,
    assured_at: Option<i64>,
    published: crate::db::codec::Flag,
}
