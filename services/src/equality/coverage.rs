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
use sqlx::Row;

use super::{financial_year, quarter_of, year_label};
use crate::audit::Actor;
use crate::common::london;
use crate::db::codec::{day_text, Day};
use crate::{Db, Result};

/// The default number of months without scrutiny that a page flags.
pub const DEFAULT_MONTHS: u32 = 6;

/// Every (tag, whether a question, London day) a question or action touched.
pub(crate) async fn touches(db: &Db) -> Result<Vec<(String, bool, NaiveDate)>> {
    let mut all = Vec::new();
    let questions = sqlx::query(
        "SELECT t.tag, q.asked_on FROM equality_tags t
         JOIN questions q ON q.id = t.subject_id
         WHERE t.subject = 'question' AND q.status <> 'draft'",
    )
    .fetch_all(db.pool())
    .await?;
    for row in &questions {
        let day = Day::parse(&row.try_get::<String, _>("asked_on")?).map_err(anyhow::Error::new)?;
        all.push((row.try_get("tag")?, true, day));
    }
    let actions = sqlx::query(
        "SELECT t.tag, a.created_at FROM equality_tags t
         JOIN actions a ON a.id = t.subject_id
         WHERE t.subject = 'action'",
    )
    .fetch_all(db.pool())
    .await?;
    for row in &actions {
        let day = Day::parse(&london::show(row.try_get("created_at")?).date)
            .map_err(anyhow::Error::new)?;
        all.push((row.try_get("tag")?, false, day));
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
    let board: i64 = sqlx::query("SELECT board_id FROM meetings WHERE id = $1")
        .bind(meeting)
        .fetch_optional(db.pool())
        .await?
        .ok_or(crate::Error::NotFound)?
        .try_get("board_id")?;
    let mut items = Vec::new();
    let rows = sqlx::query(
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
    for row in &rows {
        let kind: String = row.try_get("kind")?;
        let status: String = row.try_get("status")?;
        let status = if kind == "question" {
            crate::stored(domain::QuestionStatus::parse(&status))?.label()
        } else {
            crate::stored(domain::ActionStatus::parse(&status))?.label()
        };
        let level: String = row.try_get("assurance")?;
        items.push(domain::equality::ScrutinyItem {
            kind,
            id: row.try_get("id")?,
            reference: row.try_get("reference")?,
            text: row.try_get("text")?,
            status: status.to_owned(),
            date: london::show(
                row.try_get::<Option<i64>, _>("assured_at")?
                    .unwrap_or_default(),
            )
            .date,
            assurance: Some(crate::stored(domain::equality::Assurance::parse(&level))?),
            assurance_reason: row.try_get("assurance_reason")?,
            published: row.try_get::<crate::db::codec::Flag, _>("published")?.0,
        });
    }
    Ok(items)
}
