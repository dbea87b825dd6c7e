//! Boards, meetings, agendas, minutes and calendar feeds: stories run on SQLite and on
//! PostgreSQL alike.

use domain::{Attendance, DiffKind, MeetingStatus, MinutesStatus, Role};
use services::audit::Actor;
use services::meetings::agenda::{self, Direction, ItemDetails};
use services::meetings::boards::{self, NewBoard, NewMember};
use services::meetings::meeting::{self, AttendanceRecord, MeetingDetails};
use services::meetings::minutes::{self, MinutesBody};
use services::{meetings::calendar, Db, Error};

use crate::support::people::{audited, board, field, person};

on_both!(
    boards_have_members_and_meetings,
    meetings_refuse_bad_dates_and_the_past_as_scheduled,
    meetings_list_by_year_with_pages,
    agenda_items_are_added_edited_reordered_and_removed,
    minutes_go_from_draft_to_published_with_versions,
    locked_minutes_change_only_by_a_stated_correction,
    calendar_feeds_parse_and_hold_only_what_is_published,
    action_references_have_no_gaps_or_duplicates_under_50_concurrent_creations,
);

const DAY: i64 = 24 * 60 * 60;

/// A date and time `days` from now, in London, as a form would send them.
fn day(days: i64) -> (String, String) {
    let shown = services::common::london::show(services::now() + days * DAY);
    (shown.date, "10:00".to_owned())
}

fn details(days: i64, status: &str) -> MeetingDetails {
    let (date, time) = day(days);
    MeetingDetails::parse(
        &date,
        &time,
        "Police HQ, Room 1",
        "",
        status,
        services::now(),
    )
    .unwrap()
}

async fn actions(db: &Db, action: &str) -> i64 {
    audited(db, action).await
}

const MINUTES_V1: &str = "# Minutes\n\n| Item | Lead |\n|---|---|\n| Stop and search | ACC |\n\n- Apologies noted\n- Minutes of the last meeting agreed\n";

/// RFC 5545's shape, checked by hand where the parser is lenient: CRLF line ends, lines of
/// at most 75 octets, the calendar's required properties, and each event's.
fn prop(props: &[icalendar::parser::Property<'_>], name: &str) -> Option<String> {
    props
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.val.as_str().to_owned())
}

fn check_rfc5545(text: &str) -> icalendar::parser::Calendar<'static> {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
    let unfolded: &'static str = Box::leak(icalendar::parser::unfold(text).into_boxed_str());
    let parsed = icalendar::parser::read_calendar(unfolded).expect("a valid iCalendar");
    assert_eq!(prop(&parsed.properties, "VERSION").as_deref(), Some("2.0"));
    assert!(prop(&parsed.properties, "PRODID").is_some());
    for event in &parsed.components {
        assert_eq!(event.name, "VEVENT");
        for required in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
            assert!(
                prop(&event.properties, required).is_some(),
                "VEVENT without {required}"
            );
        }
        let start = prop(&event.properties, "DTSTART").unwrap();
        assert!(
            chrono::NaiveDateTime::parse_from_str(&start, "%Y%m%dT%H%M%SZ").is_ok(),
            "DTSTART {start} is not a UTC date-time"
        );
    }
    parsed
}

mod stories;
mod versions;
use stories::*;
use versions::*;
