//! Actions written into the minutes as they are taken, one per line:
//!
//! ```text
//! ACTION: Force to share the analysis of the disparity by 2026-12-31
//! ACTION: OPCC (Policy Lead) to write to the IOPC by 10 working days
//! - **ACTION:** Partner (City Council) to share the hate crime figures by 31/01/2027
//! ```
//!
//! That is `ACTION:`, the owner (`Force`, `OPCC` or `Partner`, optionally "The …", with a
//! name or team in brackets), `to` and what must be done, then `by` and the due date — a
//! date, or a number of working days counted from the meeting's date. A list marker or bold
//! around `ACTION:` is allowed. Lines that start with `ACTION` but do not follow this are
//! reported with the reason, never silently dropped. Each recognised line is linked to the
//! agenda item whose title matches the heading it is under.
//!
//! After the minutes are saved, the secretariat sees the recognised actions, chooses a
//! topic for each, and creates them in one transaction; an action remembers the line it
//! came from, so a line is never created twice.

use crate::db::codec::{day_text, Day};
use chrono::NaiveDate;
use domain::{MinutesActions, Owner, ProposedAction, UnreadableLine};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::audit::Actor;
use crate::register::actions::{self, NewAction, RECORDERS};
use crate::register::working_days::Calendar;
use crate::{london, meetings::minutes, register::due_dates, register::topics, Db, Error, Result};

/// A line read as an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLine {
    /// 1-based line number in the minutes.
    pub line_no: usize,
    /// The line as written, trimmed: how a created action is matched to its line.
    pub line: String,
    pub owner: Owner,
    pub owner_name: String,
    pub text: String,
    pub due_on: NaiveDate,
    /// The heading the line is under (without its numbering), if any.
    pub heading: Option<String>,
}

/// A line that starts like an action but cannot be read as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    pub line_no: usize,
    pub line: String,
    pub reason: String,
}

/// The lines of `minutes` that are actions, and those that look like actions but are not;
/// "N working days" counts from `meeting_day`.
pub fn recognise(
    minutes: &str,
    meeting_day: NaiveDate,
    calendar: &Calendar,
) -> (Vec<ActionLine>, Vec<Unreadable>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut heading = None;
    for (index, raw) in minutes.lines().enumerate() {
        let line = raw.trim();
        if let Some(title) = line.strip_prefix('#') {
            heading = Some(heading_title(title));
            continue;
        }
        let Some(rest) = after_marker(line) else {
            continue;
        };
        match parse_action(rest, meeting_day, calendar) {
            Ok((owner, owner_name, text, due_on)) => found.push(ActionLine {
                line_no: index + 1,
                line: line.to_owned(),
                owner,
                owner_name,
                text,
                due_on,
                heading: heading.clone(),
            }),
            Err(reason) => problems.push(Unreadable {
                line_no: index + 1,
                line: line.to_owned(),
                reason,
            }),
        }
    }
    (found, problems)
}

/// "## 2. Stop and search" → "Stop and search".
fn heading_title(text: &str) -> String {
    let text = text.trim_start_matches('#').trim();
    let without_number = text
        .split_once(['.', ')'])
        .filter(|(number, _)| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .map_or(text, |(_, rest)| rest);
    without_number.trim().to_owned()
}

/// The text after `ACTION:` if the line starts with it (after a list marker or bold), or
/// `Some("")`-like problems for lines that start with the word ACTION without its colon.
fn after_marker(line: &str) -> Option<&str> {
    let line = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
        .unwrap_or(line)
        .trim_start();
    let line = line
        .split_once(". ")
        .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map_or(line, |(_, rest)| rest)
        .trim_start();
    let bare = line.trim_start_matches(['*', '_']);
    // `get`, not slicing: the sixth byte may fall inside a character ("Chair’s", "12345€").
    let (word, after) = (bare.get(..6)?, bare.get(6..)?);
    if !word.eq_ignore_ascii_case("action") {
        return None;
    }
    let after = after.trim_start_matches(['*', '_']);
    // "Actions arising" and the like are prose, not actions.
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some(after.trim_start_matches(['*', '_']).trim_start())
}

type Parsed = (Owner, String, String, NaiveDate);

fn parse_action(rest: &str, meeting_day: NaiveDate, calendar: &Calendar) -> Result<Parsed, String> {
    let Some(rest) = rest
        .strip_prefix(':')
        .map(|r| r.trim_start_matches(['*', '_']).trim())
    else {
        return Err(
            "Write a colon after ACTION, as in \"ACTION: Force to … by 2026-12-31\"".into(),
        );
    };
    let lower = rest.to_ascii_lowercase();
    let (who, what) =
        match lower.find(" to ") {
            Some(at) => (&rest[..at], &rest[at + 4..]),
            None => return Err(
                "Say who does what: \"ACTION: Force to … by 2026-12-31\" (the owner, then \"to\")"
                    .into(),
            ),
        };
    let (owner, owner_name) = owner(who)?;
    let lower_what = what.to_ascii_lowercase();
    let Some(at) = lower_what.rfind(" by ") else {
        return Err(
            "End the line with the due date: \"… by 2026-12-31\" or \"… by 10 working days\""
                .into(),
        );
    };
    let text = what[..at].trim().trim_end_matches(['.', ',']).trim();
    let due = what[at + 4..].trim().trim_end_matches('.').trim();
    if text.is_empty() {
        return Err("Say what must be done between \"to\" and \"by\"".into());
    }
    if text.chars().count() > 2000 {
        return Err("The action must be 2000 characters or fewer".into());
    }
    let due_on = due_dates::parse(due, meeting_day, calendar)?;
    let mut sentence = text.to_owned();
    if let Some(first) = sentence.get(..1) {
        let upper = first.to_uppercase();
        sentence.replace_range(..1, &upper);
    }
    Ok((owner, owner_name, sentence, due_on))
}

/// "Force", "The force", "OPCC (Policy Lead)", "Partner (City Council)".
fn owner(who: &str) -> Result<(Owner, String), String> {
    let who = who.trim();
    let (word, name) = match who.split_once('(') {
        Some((word, rest)) => (word.trim(), rest.trim_end_matches(')').trim()),
        None => (who, ""),
    };
    let word = word.to_ascii_lowercase();
    let word = word.strip_prefix("the ").unwrap_or(&word).trim();
    let owner = match word {
        "force" | "police" | "the force" => Owner::Force,
        "opcc" | "pcc" | "commissioner" => Owner::Opcc,
        "partner" => Owner::Partner,
        _ => {
            return Err(format!(
                "Start with who owns the action: Force, OPCC or Partner (not \"{who}\")"
            ))
        }
    };
    let name = if name.is_empty() {
        match owner {
            Owner::Force => "The force".to_owned(),
            Owner::Opcc => "OPCC".to_owned(),
            Owner::Partner => "Partner".to_owned(),
        }
    } else {
        name.chars().take(200).collect()
    };
    Ok((owner, name))
}

/// A topic to suggest for an action from its words and heading; the secretariat confirms it.
fn suggest_topic(line: &ActionLine, topics: &[domain::Topic]) -> Option<i64> {
    let words = format!(
        "{} {}",
        line.text.to_lowercase(),
        line.heading.clone().unwrap_or_default().to_lowercase()
    );
    let by_name = |name: &str| {
        topics
            .iter()
            .find(|t| !t.retired && t.name.eq_ignore_ascii_case(name))
            .map(|t| t.id)
    };
    let guess = [
        ("stop and search", "Stop and search"),
        ("search", "Stop and search"),
        ("complaint", "Complaints"),
        ("use of force", "Use of force"),
        ("taser", "Use of force"),
        ("workforce", "Workforce representation"),
        ("recruit", "Workforce representation"),
        ("hate crime", "Hate crime"),
        ("custody", "Custody"),
    ]
    .iter()
    .find(|(word, _)| words.contains(word))
    .and_then(|(_, topic)| by_name(topic));
    guess.or_else(|| by_name("Other"))
}

struct Meeting {
    board_id: i64,
    board_name: String,
    starts: domain::LocalTime,
    day: NaiveDate,
}

async fn meeting(db: &Db, meeting_id: i64) -> Result<Meeting> {
    let row = sqlx::query(
        "SELECT m.board_id, b.name, m.starts_at FROM meetings m JOIN boards b ON b.id = m.board_id
         WHERE m.id = $1",
    )
    .bind(meeting_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let starts = london::show(row.try_get("starts_at")?);
    Ok(Meeting {
        board_id: row.try_get("board_id")?,
        board_name: row.try_get("name")?,
        day: Day::parse(&starts.date).map_err(anyhow::Error::new)?,
        starts,
    })
}

/// The review and, for creating them, the lines as read.
struct Reviewed {
    board_id: i64,
    review: MinutesActions,
    lines: Vec<ActionLine>,
}

/// What saving the minutes led to: the version saved, and whether ACTION lines in it wait
/// to be confirmed (which is the secretariat's next step, before anything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedMinutes {
    pub version: i64,
    pub actions_to_confirm: bool,
}

/// Saves the minutes as typed. Text that is refused is kept as the person's unsaved draft,
/// so the form shows it again beside the reason (best effort: text too large to keep is
/// not kept, and the reason says so).
pub async fn save_minutes(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    based_on: i64,
    text: &str,
    reason: &str,
) -> Result<SavedMinutes> {
    let saved = match minutes::MinutesBody::parse(text).await {
        Ok(body) => minutes::save(db, actor, meeting_id, based_on, body, reason).await,
        Err(error) => Err(error),
    };
    match saved {
        Ok(version) => {
            let actions_to_confirm = review(db, actor, meeting_id)
                .await
                .is_ok_and(|review| review.needs_review());
            Ok(SavedMinutes {
                version,
                actions_to_confirm,
            })
        }
        Err(error @ Error::Invalid(_)) => {
            let _ = minutes::keep_unsaved(db, actor, meeting_id, based_on, text).await;
            Err(error)
        }
        Err(error) => Err(error),
    }
}

/// The actions recognised in the latest version of a meeting's minutes.
pub async fn review(db: &Db, actor: &Actor, meeting_id: i64) -> Result<MinutesActions> {
    Ok(reviewed(db, actor, meeting_id).await?.review)
}

async fn reviewed(db: &Db, actor: &Actor, meeting_id: i64) -> Result<Reviewed> {
    actor.require(RECORDERS)?;
    let meeting = meeting(db, meeting_id).await?;
    // Everything read through the pool comes first: holding `conn` while asking the pool
    // for another connection starved concurrent requests of connections.
    let calendar = crate::register::working_days::calendar(db).await?;
    let topics = topics::list(db).await?;
    let mut conn = db.pool().acquire().await?;
    let (version, body) = minutes::latest(&mut conn, meeting_id).await?;
    let (found, unreadable) = recognise(&body, meeting.day, &calendar);
    let items =
        sqlx::query("SELECT id, title FROM agenda_items WHERE meeting_id = $1 ORDER BY position")
            .bind(meeting_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| Ok((r.try_get::<i64, _>("id")?, r.try_get::<String, _>("title")?)))
            .collect::<Result<Vec<_>>>()?;
    let created = sqlx::query(
        "SELECT id, minutes_line, reference FROM actions WHERE meeting_id = $1 AND minutes_line IS NOT NULL",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok((
            r.try_get::<String, _>("minutes_line")?,
            (r.try_get::<i64, _>("id")?, r.try_get::<String, _>("reference")?),
        ))
    })
    .collect::<Result<Vec<_>>>()?;
    let proposed = found
        .iter()
        .map(|action| ProposedAction {
            line_no: action.line_no,
            line: action.line.clone(),
            owner: action.owner,
            owner_name: action.owner_name.clone(),
            text: action.text.clone(),
            due_on: day_text(action.due_on),
            due_long: london::long_date(action.due_on),
            doubt: crate::register::due_dates::doubt(action.due_on, london::today(), &calendar),
            agenda_item: action.heading.as_ref().and_then(|h| {
                items
                    .iter()
                    .find(|(_, title)| title.eq_ignore_ascii_case(h))
                    .cloned()
            }),
            topic: suggest_topic(action, &topics),
            created: created
                .iter()
                .find(|(line, _)| *line == action.line)
                .map(|(_, created)| created.clone()),
        })
        .collect();
    Ok(Reviewed {
        board_id: meeting.board_id,
        review: MinutesActions {
            meeting_id,
            meeting: meeting.starts,
            board_name: meeting.board_name,
            version,
            proposed,
            unreadable: unreadable
                .into_iter()
                .map(|u| UnreadableLine {
                    line_no: u.line_no,
                    line: u.line,
                    reason: u.reason,
                })
                .collect(),
            topics: topics
                .into_iter()
                .filter(|t| !t.retired)
                .map(|t| (t.id, t.name))
                .collect(),
        },
        lines: found,
    })
}

/// Creates, in one transaction, the actions of the lines chosen (by line number, with a
/// topic each) from minutes version `version`; lines already created are skipped. Refused
/// if the minutes changed since the person reviewed them.
pub async fn create(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    version: i64,
    chosen: &[(usize, String)],
) -> Result<Vec<String>> {
    actor.require(RECORDERS)?;
    if chosen.is_empty() {
        return Err(Error::invalid(
            "actions",
            "Choose at least one action to create",
        ));
    }
    let Reviewed {
        board_id,
        review: current,
        lines,
    } = reviewed(db, actor, meeting_id).await?;
    if current.version != version {
        return Err(Error::invalid(
            "actions",
            "The minutes were saved again since you reviewed them: check the actions again",
        ));
    }
    let topics = topics::list(db).await?;
    let mut errors = domain::FieldErrors::new();
    let mut new = Vec::new();
    for (line_no, topic) in chosen {
        let found = current
            .proposed
            .iter()
            .zip(&lines)
            .find(|(p, _)| p.line_no == *line_no);
        let Some((proposed, a)) = found else {
            errors.add(
                "actions",
                format!("Line {line_no} of the minutes is not an action"),
            );
            continue;
        };
        if proposed.created.is_some() {
            continue;
        }
        let field = format!("topic_{line_no}");
        let Some(topic_id) = topics::choose(&topics, topic, &mut domain::FieldErrors::new()) else {
            errors.add(
                &field,
                format!("Choose a topic for the action on line {line_no}"),
            );
            continue;
        };
        new.push((
            NewAction {
                board_id,
                text: a.text.clone(),
                topic_id,
                meeting_id: Some(meeting_id),
                agenda_item_id: proposed.agenda_item.as_ref().map(|(id, _)| *id),
                question_id: None,
                owner: a.owner,
                owner_name: a.owner_name.clone(),
                owner_user_id: None,
                priority: domain::Priority::Medium,
                due_on: a.due_on,
                published: false,
            },
            a.line.clone(),
        ));
    }
    errors.into_result()?;
    if new.is_empty() {
        return Err(Error::invalid(
            "actions",
            "Those actions were already created from these minutes",
        ));
    }
    let mut tx = db.begin().await?;
    let mut references = Vec::new();
    for (action, line) in &new {
        let (_, reference) =
            actions::insert(&mut tx, actor, action, Some((version, line.as_str()))).await?;
        references.push(reference.to_string());
    }
    tx.commit().await?;
    Ok(references)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn read(text: &str) -> (Vec<ActionLine>, Vec<Unreadable>) {
        let calendar = Calendar::new([day("2026-12-25"), day("2026-12-28")]);
        recognise(text, day("2026-12-21"), &calendar)
    }

    #[test]
    fn action_lines_are_read_with_owner_text_and_due_date() {
        let (found, problems) = read(
            "## 2. Stop and search\n\
             \n\
             ACTION: Force to share the analysis of the disparity by 2026-12-31\n\
             - **ACTION:** OPCC (Policy Lead) to write to the IOPC by 5 working days.\n\
             * action: the Partner (City Council) to share hate crime figures, by 31/01/2027\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].owner, Owner::Force);
        assert_eq!(found[0].owner_name, "The force");
        assert_eq!(found[0].text, "Share the analysis of the disparity");
        assert_eq!(found[0].due_on, day("2026-12-31"));
        assert_eq!(found[0].heading.as_deref(), Some("Stop and search"));
        assert_eq!(found[0].line_no, 3);
        assert_eq!(found[1].owner, Owner::Opcc);
        assert_eq!(found[1].owner_name, "Policy Lead");
        // Five working days from Monday 21 December, over Christmas.
        assert_eq!(found[1].due_on, day("2026-12-30"));
        assert_eq!(found[2].owner, Owner::Partner);
        assert_eq!(found[2].owner_name, "City Council");
        assert_eq!(found[2].due_on, day("2027-01-31"));
    }

    #[test]
    fn lines_that_look_like_actions_but_are_not_say_why() {
        let (found, problems) = read(
            "ACTION Force to do it by 2026-12-31\n\
             ACTION: Someone to do it by 2026-12-31\n\
             ACTION: Force to do it soon\n\
             ACTION: Force to do it by next week\n\
             ACTION: Force will do it by 2026-12-31\n\
             ## Summary of actions arising\n\
             Actions arising were noted.\n",
        );
        assert!(found.is_empty());
        let reasons: Vec<&str> = problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(reasons.len(), 5, "{reasons:?}");
        assert!(reasons[0].contains("colon"));
        assert!(reasons[1].contains("Force, OPCC or Partner"));
        assert!(reasons[2].contains("End the line with the due date"));
        assert!(reasons[3].contains("YYYY-MM-DD"));
        assert!(reasons[4].contains("Say who does what"));
        assert_eq!(problems[4].line_no, 5);
    }
}
