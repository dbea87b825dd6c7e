//! The briefing pack for a board meeting: what the Commissioner takes into the room. Every
//! open and overdue action of the board, those closed since its previous meeting (or in
//! the 90 days before this one), and the questions still awaiting the force's answer,
//! grouped by topic.

use crate::db::codec::{day_text, Day};
use chrono::Days;
use domain::{Briefing, BriefingTopic, DueState};

use crate::audit::Actor;
use crate::common::london;
use crate::register::actions::{self, Window};
use crate::{register::questions, Db, Error, Result};

pub async fn for_meeting(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    window: &Window,
) -> Result<Briefing> {
    actor.require(domain::roles::OFFICE)?;
    let (board, starts_at, board_name, previous): (i64, i64, String, Option<i64>) = sqlx::query_as(
        "SELECT m.board_id, m.starts_at, b.name,
                (SELECT MAX(p.starts_at) FROM meetings p
                 WHERE p.board_id = m.board_id AND p.starts_at < m.starts_at
                   AND p.status <> 'cancelled') AS previous
         FROM meetings m JOIN boards b ON b.id = m.board_id WHERE m.id = $1",
    )
    .bind(meeting_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let meeting = london::show(starts_at);
    let meeting_day = Day::parse(&meeting.date).map_err(anyhow::Error::new)?;
    let since = match previous {
        Some(previous) => london::show(previous).date,
        None => day_text(
            meeting_day
                .checked_sub_days(Days::new(90))
                .unwrap_or(meeting_day),
        ),
    };
    let since_start = london::start_of_day(&since);
    let action_rows = sqlx::query(&format!(
        "{} WHERE a.board_id = $1
           AND (a.status NOT IN ('closed', 'withdrawn')
                OR (a.status = 'closed' AND a.closed_at >= $2))
         ORDER BY t.position, a.due_on, a.id",
        actions::SUMMARY
    ))
    .bind(board)
    .bind(since_start)
    .fetch_all(db.pool())
    .await?;
    let mut topics: Vec<BriefingTopic> = Vec::new();
    let (mut overdue_total, mut open_total) = (0, 0);
    for row in &action_rows {
        let action = actions::summary(row, window)?;
        let part = part(&mut topics, &action.topic);
        if action.status == domain::ActionStatus::Closed {
            part.recently_closed.push(action);
        } else if action.due_state == DueState::Overdue {
            overdue_total += 1;
            part.overdue.push(action);
        } else {
            open_total += 1;
            part.open.push(action);
        }
    }
    for question in questions::awaiting_for_board(db, board, window).await? {
        part(&mut topics, &question.topic.clone())
            .awaiting_answer
            .push(question);
    }
    Ok(Briefing {
        meeting_id,
        board_name,
        meeting,
        closed_since: london::long_date_of(&since),
        topics,
        overdue_total,
        open_total,
    })
}

/// The part of the pack for topic `name`, added (in order of first appearance) if new.
fn part<'a>(topics: &'a mut Vec<BriefingTopic>, name: &str) -> &'a mut BriefingTopic {
    let index = match topics.iter().position(|t| t.topic == name) {
        Some(index) => index,
        None => {
            topics.push(BriefingTopic {
                topic: name.to_owned(),
                overdue: Vec::new(),
                open: Vec::new(),
                recently_closed: Vec::new(),
                awaiting_answer: Vec::new(),
            });
            topics.len() - 1
        }
    };
    &mut topics[index]
}
