//! Actions written into the minutes as they are taken, one per line (see [`lines`] for
//! every way of writing one):
//!
//! ```text
//! ACTION: Force to share the analysis of the disparity by 2026-12-31
//! • ACTION – Chief Constable to brief the board by the end of March
//! - **ACTION:** Partner (City Council) to share the hate crime figures by 31/01/2027
//! ```
//!
//! Lines that name an action but cannot be read are reported with the reason, never
//! silently dropped. Each recognised line is linked to the agenda item whose title matches
//! the heading it is under.
//!
//! After the minutes are saved, the secretariat sees the recognised actions, chooses a
//! topic for each, may correct a line's owner, due date or words (the minutes keep the
//! line as written; the action records what was corrected), and creates them in one
//! transaction; an action remembers the line it came from, so a line is never created
//! twice.

pub mod lines;

use crate::db::codec::{day_text, Day, Flag};
use chrono::NaiveDate;
use domain::{MinutesActions, Owner, ProposedAction, UnreadableLine};

use crate::audit::Actor;
use crate::common::london;
use crate::common::working_days::Calendar;
use crate::register::actions::{self, NewAction};
use crate::{meetings::minutes, register::due_dates, register::topics, Db, Error, Result};
pub use lines::{recognise, ActionLine, Reading, Titles, Unreadable};

/// A topic to suggest for an action from its words and heading; the secretariat confirms it.
fn suggest_topic(text: &str, heading: Option<&str>, topics: &[domain::Topic]) -> Option<i64> {
    let words = format!(
        "{} {}",
        text.to_lowercase(),
        heading.unwrap_or_default().to_lowercase()
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
    /// The day of the board's next meeting after this one, if one is scheduled.
    next_day: Option<NaiveDate>,
}

async fn meeting(db: &Db, meeting_id: i64) -> Result<Meeting> {
    let (board_id, board_name, starts_at): (i64, String, i64) = sqlx::query_as(
        "SELECT m.board_id, b.name, m.starts_at FROM meetings m JOIN boards b ON b.id = m.board_id
         WHERE m.id = $1",
    )
    .bind(meeting_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(Error::NotFound)?;
    let starts = london::show(starts_at);
    let day = Day::parse(&starts.date).map_err(anyhow::Error::new)?;
    let next: Option<i64> = sqlx::query_scalar(
        "SELECT starts_at FROM meetings WHERE board_id = $1 AND starts_at > $2
             AND status <> 'cancelled'
         ORDER BY starts_at LIMIT 1",
    )
    .bind(board_id)
    .bind(starts_at)
    .fetch_optional(db.pool())
    .await?;
    let next_day = match next {
        Some(next) => {
            let next = london::show(next);
            Some(Day::parse(&next.date).map_err(anyhow::Error::new)?)
        }
        None => None,
    };
    Ok(Meeting {
        board_id,
        board_name,
        starts,
        day,
        next_day,
    })
}

/// The review and, for creating them, the lines as read.
struct Reviewed {
    board_id: i64,
    review: MinutesActions,
    lines: Vec<ActionLine>,
    unreadable: Vec<Unreadable>,
    meeting_day: NaiveDate,
    next_meeting: Option<NaiveDate>,
    calendar: Calendar,
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
    let mut review = reviewed(db, actor, meeting_id).await?.review;
    review.may_edit_titles = actor.require(domain::roles::EDITORS).is_ok();
    Ok(review)
}

/// The actions created from a meeting's minutes, by the line they came from: (line as
/// written, id, reference, due date, published).
pub(crate) async fn created_from_lines(
    conn: &mut sqlx::AnyConnection,
    meeting_id: i64,
) -> Result<Vec<CreatedFromLine>> {
    let rows: Vec<(String, i64, String, Day, Flag)> = sqlx::query_as(
        "SELECT minutes_line, id, reference, due_on, published FROM actions
         WHERE meeting_id = $1 AND minutes_line IS NOT NULL",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(line, id, reference, due_on, published)| CreatedFromLine {
            line,
            id,
            reference,
            due_on: due_on.0,
            published: published.0,
        })
        .collect())
}

/// `body`, a version of a meeting's minutes, as a page shows it: each ACTION line on its
/// own line, followed by the reference and due date of the action created from it, linked
/// — on the public pages only actions that are published.
pub(crate) async fn for_reading(
    conn: &mut sqlx::AnyConnection,
    meeting_id: i64,
    body: &str,
    public: bool,
) -> Result<String> {
    let created = created_from_lines(conn, meeting_id).await?;
    Ok(lines::for_reading(body, |line| {
        let action = created
            .iter()
            .find(|c| c.line == line && (c.published || !public))?;
        let href = if public {
            format!("/public/actions/{}", action.id)
        } else {
            format!("/actions/{}", action.id)
        };
        Some(format!(
            "— [{}, due {}]({href})",
            action.reference,
            london::long_date(action.due_on)
        ))
    }))
}

/// An action created from a line of the minutes.
#[derive(Debug, Clone)]
pub(crate) struct CreatedFromLine {
    pub line: String,
    pub id: i64,
    pub reference: String,
    pub due_on: NaiveDate,
    pub published: bool,
}

async fn reviewed(db: &Db, actor: &Actor, meeting_id: i64) -> Result<Reviewed> {
    actor.require(domain::roles::OFFICE)?;
    let meeting = meeting(db, meeting_id).await?;
    // Everything read through the pool comes first: holding `conn` while asking the pool
    // for another connection starved concurrent requests of connections.
    let calendar = crate::common::working_days::calendar(db).await?;
    let topics = topics::list(db).await?;
    let titles = super::owner_titles::titles(db).await?;
    let mut conn = db.pool().acquire().await?;
    let (version, body) = minutes::latest(&mut conn, meeting_id).await?;
    let reading = Reading {
        meeting_day: meeting.day,
        next_meeting: meeting.next_day,
        calendar: &calendar,
        titles: &titles,
    };
    let (found, unreadable) = recognise(&body, &reading);
    let items: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, title FROM agenda_items WHERE meeting_id = $1 ORDER BY position",
    )
    .bind(meeting_id)
    .fetch_all(&mut *conn)
    .await?;
    let created = created_from_lines(&mut conn, meeting_id).await?;
    let created_from = |line: &str| {
        created
            .iter()
            .find(|c| c.line == line)
            .map(|c| (c.id, c.reference.clone()))
    };
    let item_under = |heading: &Option<String>| {
        heading.as_ref().and_then(|h| {
            items
                .iter()
                .find(|(_, title)| title.eq_ignore_ascii_case(h))
                .cloned()
        })
    };
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
            due_written: action.due_written.clone(),
            doubt: crate::register::due_dates::doubt(action.due_on, london::today(), &calendar),
            agenda_item: item_under(&action.heading),
            topic: suggest_topic(&action.text, action.heading.as_deref(), &topics),
            created: created_from(&action.line),
        })
        .collect();
    let unreadable_lines = unreadable
        .iter()
        .map(|u| UnreadableLine {
            line_no: u.line_no,
            line: u.line.clone(),
            reason: u.reason.clone(),
            owner: u.guess.owner,
            owner_name: u.guess.owner_name.clone(),
            text: u.guess.text.clone(),
            due_written: u.guess.due_written.clone(),
            agenda_item: item_under(&u.heading),
            topic: suggest_topic(&u.guess.text, u.heading.as_deref(), &topics),
            created: created_from(&u.line),
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
            unreadable: unreadable_lines,
            topics: topics
                .into_iter()
                .filter(|t| !t.retired)
                .map(|t| (t.id, t.name))
                .collect(),
            may_edit_titles: false,
        },
        lines: found,
        unreadable,
        meeting_day: meeting.day,
        next_meeting: meeting.next_day,
        calendar,
    })
}

/// A line chosen on the review page, with what the person corrected: `None` keeps what was
/// read from the minutes. Fields refused are named `<field>_<line>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    pub line_no: usize,
    pub topic: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub text: Option<String>,
    pub due: Option<String>,
    /// Keep a corrected due date that has passed or falls on a weekend or bank holiday.
    pub keep_due: bool,
}

/// What a line was read as, before the person's corrections.
struct AsRead {
    line: String,
    owner: Option<Owner>,
    owner_name: String,
    text: String,
    due_on: Option<NaiveDate>,
    due_written: String,
    agenda_item: Option<i64>,
    created: bool,
}

/// Creates, in one transaction, the actions of the lines chosen from minutes version
/// `version`, with the person's corrections; lines already created are skipped. Refused if
/// the minutes changed since the person reviewed them.
pub async fn create(
    db: &Db,
    actor: &Actor,
    meeting_id: i64,
    version: i64,
    chosen: &[Chosen],
) -> Result<Vec<String>> {
    actor.require(domain::roles::OFFICE)?;
    if chosen.is_empty() {
        return Err(Error::invalid(
            "actions",
            "Choose at least one action to create",
        ));
    }
    let reviewed = reviewed(db, actor, meeting_id).await?;
    if reviewed.review.version != version {
        return Err(Error::invalid(
            "actions",
            "The minutes were saved again since you reviewed them: check the actions again",
        ));
    }
    let topics = topics::list(db).await?;
    let mut errors = domain::FieldErrors::new();
    let mut new = Vec::new();
    for choice in chosen {
        let line_no = choice.line_no;
        let Some(read) = as_read(&reviewed, line_no) else {
            errors.add(
                "actions",
                format!("Line {line_no} of the minutes is not an action"),
            );
            continue;
        };
        if read.created {
            continue;
        }
        let Some(topic_id) =
            topics::choose(&topics, &choice.topic, &mut domain::FieldErrors::new())
        else {
            errors.add(
                &format!("topic_{line_no}"),
                format!("Choose a topic for the action on line {line_no}"),
            );
            continue;
        };
        let Some((fields, corrected)) = corrected(&reviewed, &read, choice, &mut errors) else {
            continue;
        };
        new.push((
            NewAction {
                board_id: reviewed.board_id,
                text: fields.text,
                topic_id,
                meeting_id: Some(meeting_id),
                agenda_item_id: read.agenda_item,
                question_id: None,
                owner: fields.owner,
                owner_name: fields.owner_name,
                owner_user_id: None,
                priority: domain::Priority::Medium,
                due_on: fields.due_on,
                published: false,
            },
            read.line,
            corrected,
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
    for (action, line, corrected) in &new {
        let from = actions::FromMinutes {
            version,
            line,
            corrected,
        };
        let (_, reference) = actions::insert(&mut tx, actor, action, Some(from)).await?;
        references.push(reference.to_string());
    }
    tx.commit().await?;
    Ok(references)
}

fn as_read(reviewed: &Reviewed, line_no: usize) -> Option<AsRead> {
    let review = &reviewed.review;
    if let Some((proposed, line)) = review
        .proposed
        .iter()
        .zip(&reviewed.lines)
        .find(|(p, _)| p.line_no == line_no)
    {
        return Some(AsRead {
            line: line.line.clone(),
            owner: Some(line.owner),
            owner_name: line.owner_name.clone(),
            text: line.text.clone(),
            due_on: Some(line.due_on),
            due_written: line.due_written.clone(),
            agenda_item: proposed.agenda_item.as_ref().map(|(id, _)| *id),
            created: proposed.created.is_some(),
        });
    }
    let (shown, line) = review
        .unreadable
        .iter()
        .zip(&reviewed.unreadable)
        .find(|(u, _)| u.line_no == line_no)?;
    Some(AsRead {
        line: line.line.clone(),
        owner: line.guess.owner,
        owner_name: line.guess.owner_name.clone(),
        text: line.guess.text.clone(),
        due_on: None,
        due_written: line.guess.due_written.clone(),
        agenda_item: shown.agenda_item.as_ref().map(|(id, _)| *id),
        created: shown.created.is_some(),
    })
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim)
}

/// An action's owner, words and due date once corrected.
struct Fields {
    owner: Owner,
    owner_name: String,
    text: String,
    due_on: NaiveDate,
}

/// The line's fields with the person's corrections applied and checked, and the sentence
/// that records what was corrected ("" when nothing was); `None` when a correction is
/// refused (the reasons are added to `errors`).
fn corrected(
    reviewed: &Reviewed,
    read: &AsRead,
    choice: &Chosen,
    errors: &mut domain::FieldErrors,
) -> Option<(Fields, String)> {
    let n = choice.line_no;
    let mut notes = Vec::new();
    let owner = match given(&choice.owner).filter(|o| !o.is_empty()) {
        Some(text) => errors.check(&format!("owner_{n}"), Owner::parse(text)),
        None => read.owner,
    };
    if owner.is_none() {
        errors.add(
            &format!("owner_{n}"),
            format!("Choose who owns the action on line {n}"),
        );
    }
    let owner_name = match given(&choice.owner_name) {
        Some(name) if name.chars().count() > 200 => {
            errors.add(
                &format!("owner_name_{n}"),
                "The owner's name must be 200 characters or fewer",
            );
            None
        }
        Some(name) => Some(name.to_owned()),
        None => Some(read.owner_name.clone()),
    };
    let text = match given(&choice.text).unwrap_or(&read.text) {
        "" => {
            errors.add(
                &format!("text_{n}"),
                format!("Say what must be done (line {n})"),
            );
            None
        }
        text if text.chars().count() > 2000 => {
            errors.add(
                &format!("text_{n}"),
                "The action must be 2000 characters or fewer",
            );
            None
        }
        text => Some(text.to_owned()),
    };
    let counted = due_dates::Counted {
        from: reviewed.meeting_day,
        next_meeting: reviewed.next_meeting,
        calendar: &reviewed.calendar,
    };
    let due_on = match given(&choice.due).filter(|d| !d.is_empty()) {
        Some(text) => errors.check(&format!("due_{n}"), due_dates::parse_counted(text, counted)),
        None => {
            if read.due_on.is_none() {
                errors.add(
                    &format!("due_{n}"),
                    format!("Enter the due date of the action on line {n}"),
                );
            }
            read.due_on
        }
    };
    let (owner, owner_name, text, due_on) = (owner?, owner_name?, text?, due_on?);
    let owner_name = if owner_name.is_empty() {
        lines::default_name(owner).to_owned()
    } else {
        owner_name
    };
    if Some(due_on) != read.due_on {
        if let Some(doubt) =
            due_dates::doubt_to_confirm(due_on, london::today(), &reviewed.calendar)
        {
            if !choice.keep_due {
                errors.add(&format!("due_{n}"), doubt);
                return None;
            }
        }
    }
    if read.owner.is_some_and(|o| o != owner) {
        notes.push(format!(
            "owner {} (the minutes say {})",
            owner.label(),
            read.owner.map_or("", Owner::label)
        ));
    }
    if owner_name != read.owner_name && !(read.owner_name.is_empty() && read.owner.is_none()) {
        notes.push(format!(
            "owner's name \"{owner_name}\" (the minutes say \"{}\")",
            read.owner_name
        ));
    }
    if text != read.text {
        notes.push(format!(
            "what must be done (the minutes say \"{}\")",
            read.text
        ));
    }
    match read.due_on {
        Some(day) if day != due_on => notes.push(format!(
            "due date {} (the minutes say \"{}\", {})",
            london::long_date(due_on),
            read.due_written,
            london::long_date(day)
        )),
        None => notes.push(format!(
            "due date {} (the line could not be read as it was written)",
            london::long_date(due_on)
        )),
        _ => {}
    }
    let corrected = if notes.is_empty() {
        String::new()
    } else {
        format!(
            "Corrected from the minutes when it was created: {}.",
            notes.join("; ")
        )
    };
    Some((
        Fields {
            owner,
            owner_name,
            text,
            due_on,
        },
        corrected,
    ))
}
