//! A meeting's page: the meeting with its attendance, agenda and minutes, and (for the
//! public) the published questions and actions that arose at it. The meeting as a record
//! is `record`, re-exported here.

use domain::{Attendance, AttendanceEntry, MeetingView, PublicMeeting};

use crate::audit::Actor;
use crate::visibility::{self, Audience};
use crate::{meetings::agenda, Db, Error, Result};

pub use crate::meetings::record::*;

/// A meeting in full, for OPCC staff.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<MeetingView> {
    actor.require(domain::roles::OFFICE)?;
    let mut conn = db.pool().acquire().await?;
    let summary = fetch_summary(&mut conn, id).await?;
    let (_, details) = fetch_details(&mut conn, id).await?;
    let (attendance, guests) = attendance(&mut conn, id, summary.board_id).await?;
    let agenda = agenda::items(&mut conn, id).await?;
    Ok(MeetingView {
        summary,
        online_link: details.online_link,
        attendance,
        guests,
        agenda,
    })
}

fn label(entry: &AttendanceEntry) -> String {
    let mut text = entry.name.clone();
    if !entry.position.is_empty() {
        text.push_str(&format!(" ({})", entry.position));
    }
    if !entry.organisation.is_empty() {
        text.push_str(&format!(", {}", entry.organisation));
    }
    text
}

/// A published meeting as the public sees it; anything unpublished is "not found", to
/// anyone, so that guessing ids tells nothing.
/// A published meeting as the public sees it, with the published actions arising from it
/// and the published questions raised at it.
pub async fn get_public(
    db: &Db,
    id: i64,
    window: &crate::register::actions::Window,
) -> Result<PublicMeeting> {
    get_public_version(db, id, None, window).await
}

/// [`get_public`] with version `minutes` of the published minutes (counted from the first
/// published); "not found" for a version that was never published.
pub async fn get_public_version(
    db: &Db,
    id: i64,
    minutes: Option<u32>,
    window: &crate::register::actions::Window,
) -> Result<PublicMeeting> {
    let mut conn = db.pool().acquire().await?;
    let summary = fetch_summary(&mut conn, id).await?;
    if !visibility::meeting::check(Audience::Public, summary.published) {
        return Err(Error::NotFound);
    }
    let summary = for_public(summary);
    let (entries, guests) = attendance(&mut conn, id, summary.board_id).await?;
    let mut agenda = agenda::items(&mut conn, id).await?;
    for item in &mut agenda {
        item.notes.clear();
    }
    let published = crate::meetings::minutes::published(&mut conn, id, minutes).await?;
    if minutes.is_some() && published.is_none() {
        return Err(Error::NotFound);
    }
    let attended = entries
        .iter()
        .filter(|e| e.attendance == Attendance::Attended)
        .map(label)
        .chain(guests.iter().map(|g| {
            if g.organisation.is_empty() {
                format!("{} (guest)", g.name)
            } else {
                format!("{} (guest), {}", g.name, g.organisation)
            }
        }))
        .collect();
    let apologies = entries
        .iter()
        .filter(|e| e.attendance == Attendance::Apologies)
        .map(label)
        .collect();
    let (minutes_html, minutes_approved_at, minutes_version, minutes_versions) = match published {
        Some(p) => (Some(p.html), p.approved, Some(p.version), p.versions),
        None => (None, None, None, Vec::new()),
    };
    drop(conn);
    let actions = crate::register::actions::published_for_meeting(db, id, window).await?;
    let questions = crate::register::questions::published_for_meeting(db, id).await?;
    Ok(PublicMeeting {
        summary,
        attended,
        apologies,
        agenda,
        minutes_html,
        minutes_approved_at,
        minutes_version,
        minutes_versions,
        actions,
        questions,
    })
}
