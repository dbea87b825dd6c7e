//! iCalendar (RFC 5545) for meetings: a board's public feed of published meetings, and one
//! meeting as a download. Times are written in UTC (`…Z`), which every calendar converts
//! to the reader's own zone, so no VTIMEZONE block is needed.

use chrono::DateTime;
use domain::{MeetingStatus, MeetingSummary};

use crate::audit::Actor;
use crate::{meetings::agenda, meetings::meeting, Db, Result};

/// One VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub starts_at: i64,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: Option<String>,
    pub cancelled: bool,
}

fn stamp(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// TEXT values escape backslash, semicolon, comma and newline (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so that no line is longer than 75 octets (§3.1),
/// never inside a UTF-8 character, each line ended by CRLF.
fn line(out: &mut String, name: &str, value: &str) {
    let content = format!("{name}:{value}");
    let mut width = 0;
    for c in content.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

fn begin(out: &mut String, name: &str) {
    line(out, "BEGIN", "VCALENDAR");
    line(out, "VERSION", "2.0");
    line(out, "PRODID", "-//Scrutineer//Board meetings//EN");
    line(out, "CALSCALE", "GREGORIAN");
    line(out, "METHOD", "PUBLISH");
    line(out, "X-WR-CALNAME", &escape(name));
}

/// A deadline: an all-day event on its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub uid: String,
    pub day: chrono::NaiveDate,
    pub summary: String,
    pub description: String,
    pub url: String,
}

/// A calendar of all-day deadlines, stamped `now`.
pub fn deadlines(name: &str, deadlines: &[Deadline], now: i64) -> String {
    let mut out = String::new();
    begin(&mut out, name);
    for d in deadlines {
        let next = d.day.succ_opt().unwrap_or(d.day);
        line(&mut out, "BEGIN", "VEVENT");
        line(&mut out, "UID", &escape(&d.uid));
        line(&mut out, "DTSTAMP", &stamp(now));
        line(
            &mut out,
            "DTSTART;VALUE=DATE",
            &d.day.format("%Y%m%d").to_string(),
        );
        line(
            &mut out,
            "DTEND;VALUE=DATE",
            &next.format("%Y%m%d").to_string(),
        );
        line(&mut out, "SUMMARY", &escape(&d.summary));
        line(&mut out, "DESCRIPTION", &escape(&d.description));
        line(&mut out, "URL", &d.url);
        line(&mut out, "TRANSP", "TRANSPARENT");
        line(&mut out, "END", "VEVENT");
    }
    line(&mut out, "END", "VCALENDAR");
    out
}

/// A whole calendar, stamped `now`.
pub fn calendar(name: &str, events: &[Event], now: i64) -> String {
    let mut out = String::new();
    begin(&mut out, name);
    for event in events {
        line(&mut out, "BEGIN", "VEVENT");
        line(&mut out, "UID", &escape(&event.uid));
        line(&mut out, "DTSTAMP", &stamp(now));
        line(&mut out, "DTSTART", &stamp(event.starts_at));
        line(&mut out, "SUMMARY", &escape(&event.summary));
        if !event.location.is_empty() {
            line(&mut out, "LOCATION", &escape(&event.location));
        }
        if !event.description.is_empty() {
            line(&mut out, "DESCRIPTION", &escape(&event.description));
        }
        if let Some(url) = &event.url {
            line(&mut out, "URL", url);
        }
        let status = if event.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        line(&mut out, "STATUS", status);
        line(&mut out, "END", "VEVENT");
    }
    line(&mut out, "END", "VCALENDAR");
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_at_75_octets() {
        let event = Event {
            uid: "meeting-1@scrutineer".into(),
            starts_at: 1_768_471_200,
            summary: "Board; with, commas\\".into(),
            location: "Room 1".into(),
            description: "é".repeat(100),
            url: None,
            cancelled: false,
        };
        let text = calendar("Test", &[event], 0);
        assert!(text.contains("SUMMARY:Board\\; with\\, commas\\\\\r\n"));
        assert!(text.contains("DTSTART:20260115T100000Z\r\n"));
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert!(!text.replace("\r\n", "").contains('\n'));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", "é".repeat(100))));
    }
}
