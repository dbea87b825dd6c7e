//! iCalendar (RFC 5545) writing: timed events and all-day deadlines, escaped and folded as
//! the standard asks. Times are written in UTC (`…Z`), which every calendar converts to the
//! reader's own zone, so no VTIMEZONE block is needed. Used by the meetings' calendars and
//! the register's private deadline feeds; uses no area.

use chrono::DateTime;

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
