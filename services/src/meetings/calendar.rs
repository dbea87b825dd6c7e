//! Meetings as calendars: a board's public feed of published meetings, and one meeting as a
//! download (written by `common::ical`).

use chrono::DateTime;
use domain::{MeetingStatus, MeetingSummary};

use crate::audit::Actor;
use crate::common::ical::{calendar, Event};
use crate::{meetings::agenda, meetings::meeting, Db, Result};

async fn event(
    db: &Db,
    meeting: &MeetingSummary,
    base_url: &str,
    online_link: Option<&str>,
) -> Result<Event> {
    let mut conn = db.pool().acquire().await?;
    let agenda = agenda::items(&mut conn, meeting.id).await?;
    let mut description: Vec<String> = agenda
        .iter()
        .map(|i| format!("{}. {} ({})", i.number, i.title, i.purpose.label()))
        .collect();
    if let Some(link) = online_link.filter(|l| !l.is_empty()) {
        description.insert(0, format!("Join online: {link}"));
    }
    let url = meeting
        .published
        .then(|| format!("{base_url}/public/meetings/{}", meeting.id));
    Ok(Event {
        uid: format!("meeting-{}@scrutineer", meeting.id),
        starts_at: DateTime::parse_from_rfc3339(&meeting.starts.utc)
            .map(|t| t.timestamp())
            .map_err(anyhow::Error::new)?,
        summary: meeting.board_name.clone(),
        location: meeting.location.clone(),
        description: description.join("\n"),
        url,
        cancelled: meeting.status == MeetingStatus::Cancelled,
    })
}

/// The public feed of a board's published meetings, by its code (`SPCB`).
pub async fn board_feed(db: &Db, code: &str, base_url: &str) -> Result<String> {
    let (board, published) = meeting::published_for_board(db, code).await?;
    let mut events = Vec::with_capacity(published.len());
    for meeting in &published {
        events.push(event(db, meeting, base_url, None).await?);
    }
    Ok(calendar(&board.name, &events, crate::now()))
}

/// One meeting as a download: staff may have any meeting (with its online link), others
/// only a published one.
pub async fn meeting_file(db: &Db, actor: &Actor, id: i64, base_url: &str) -> Result<String> {
    let staff = actor.require(domain::roles::OFFICE).is_ok();
    let (summary, online_link) = if staff {
        let meeting = meeting::get(db, actor, id).await?;
        (meeting.summary, Some(meeting.online_link))
    } else {
        let meeting =
            meeting::get_public(db, id, &crate::register::actions::Window::now(14)).await?;
        (meeting.summary, None)
    };
    let event = event(db, &summary, base_url, online_link.as_deref()).await?;
    Ok(calendar(&summary.board_name, &[event], crate::now()))
}
