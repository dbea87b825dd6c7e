//! Boards, meetings, agendas, minutes and calendar feeds: stories run on SQLite and on
//! PostgreSQL alike.

use domain::{Attendance, DiffKind, MeetingStatus, MinutesStatus, Role};
use services::audit::Actor;
use services::meetings::agenda::{self, Direction, ItemDetails};
use services::meetings::boards::{self, NewBoard, NewMember};
use services::meetings::meeting::{self, AttendanceRecord, MeetingDetails};
use services::meetings::minutes::{self, MinutesBody};
use services::{meetings::calendar, Db, Error};

#[macro_use]
mod support;
use support::people::{audited, board, field, person};

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
    let shown = services::london::show(services::now() + days * DAY);
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

async fn boards_have_members_and_meetings(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let liaison = person(db, Role::ForceLiaison).await;

    // Only the secretariat and admins set up boards; the force cannot even read them.
    let new = NewBoard::parse("spcb", "Strategic Policing and Crime Board", "").unwrap();
    assert!(matches!(
        boards::create(db, &commissioner, new.clone()).await,
        Err(Error::Forbidden)
    ));
    let id = boards::create(db, &secretariat, new.clone())
        .await
        .unwrap()
        .id;
    assert_eq!(
        field(
            boards::create(db, &secretariat, new).await.unwrap_err(),
            "code"
        ),
        "A board with this code or name already exists"
    );
    assert!(matches!(
        boards::get(db, &liaison, id).await,
        Err(Error::Forbidden)
    ));

    // Members: a user, and someone from outside by name and organisation.
    let chair = commissioner.user_id.unwrap().0.to_string();
    boards::add_member(
        db,
        &secretariat,
        id,
        NewMember::parse(&chair, "", "OPCC", "Chair").unwrap(),
    )
    .await
    .unwrap();
    let outside = boards::add_member(
        db,
        &secretariat,
        id,
        NewMember::parse("", "Dr Jo Bloggs", "Independent Advisory Group", "").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        field(NewMember::parse("", " ", "", "").unwrap_err(), "name"),
        "Choose a user, or enter the name of someone from outside"
    );
    let again = boards::add_member(
        db,
        &secretariat,
        id,
        NewMember::parse(&chair, "", "", "").unwrap(),
    )
    .await;
    assert_eq!(
        field(again.unwrap_err(), "user"),
        "This user is already a member"
    );
    let view = boards::get(db, &commissioner, id).await.unwrap();
    let names: Vec<&str> = view.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Commissioner", "Dr Jo Bloggs"]);

    // A meeting, its attendance (members and guests), and who may see it.
    let meeting = meeting::create(db, &secretariat, id, details(-3, "held"))
        .await
        .unwrap();
    let members = vec![
        (view.members[0].id.to_string(), "attended".to_owned()),
        (outside.to_string(), "apologies".to_owned()),
    ];
    let record =
        AttendanceRecord::parse(&members, "Ann Guest, HMICFRS\r\nBob Visitor\n\n").unwrap();
    meeting::record_attendance(db, &secretariat, meeting, record)
        .await
        .unwrap();
    let shown = meeting::get(db, &commissioner, meeting).await.unwrap();
    assert_eq!(shown.attendance[0].attendance, Attendance::Attended);
    assert_eq!(shown.attendance[1].attendance, Attendance::Apologies);
    assert_eq!(shown.guests.len(), 2);
    assert_eq!(shown.guests[0].organisation, "HMICFRS");
    assert!(matches!(
        meeting::get(db, &liaison, meeting).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        meeting::get_public(db, meeting, &services::register::actions::Window::now(14)).await,
        Err(Error::NotFound)
    ));

    // A removed member leaves the board but stays in the attendance they were recorded in.
    boards::remove_member(db, &secretariat, id, outside)
        .await
        .unwrap();
    assert_eq!(
        boards::get(db, &secretariat, id)
            .await
            .unwrap()
            .members
            .len(),
        1
    );
    let shown = meeting::get(db, &commissioner, meeting).await.unwrap();
    assert!(shown.attendance.iter().any(|a| a.name == "Dr Jo Bloggs"));

    meeting::set_published(db, &secretariat, meeting, true)
        .await
        .unwrap();
    let public = meeting::get_public(db, meeting, &services::register::actions::Window::now(14))
        .await
        .unwrap();
    assert_eq!(public.attended[0], "Commissioner (Chair), OPCC");
    assert!(public
        .attended
        .iter()
        .any(|a| a == "Ann Guest (guest), HMICFRS"));
    assert_eq!(
        public.apologies,
        ["Dr Jo Bloggs, Independent Advisory Group"]
    );
    assert!(public.minutes_html.is_none());

    for action in [
        "board.created",
        "board.member_added",
        "board.member_removed",
        "meeting.created",
        "meeting.attendance_recorded",
        "meeting.published",
    ] {
        assert!(
            actions(db, action).await >= 1,
            "no {action} in the audit trail"
        );
    }
}

async fn meetings_refuse_bad_dates_and_the_past_as_scheduled(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let id = board(db, &secretariat, "AAB").await;
    let now = services::now();
    let (past, _) = day(-10);
    let error = MeetingDetails::parse(&past, "10:00", "HQ", "", "scheduled", now).unwrap_err();
    assert!(field(error, "status").starts_with("A meeting in the past cannot be scheduled"));
    let (future, _) = day(10);
    let error = MeetingDetails::parse(&future, "10:00", "HQ", "", "held", now).unwrap_err();
    assert!(field(error, "status").starts_with("A meeting cannot be held before it starts"));
    let error = MeetingDetails::parse("2026-13-01", "9am", "", "javascript:alert(1)", "maybe", now)
        .unwrap_err();
    let Error::Invalid(errors) = error else {
        panic!()
    };
    assert!(errors.get("date").unwrap().contains("real date"));
    assert!(errors.get("time").unwrap().contains("real time"));
    assert!(errors.get("online_link").unwrap().contains("https://"));
    assert!(errors.get("status").is_some());
    let error = MeetingDetails::parse(&future, "10:00", " ", "", "scheduled", now).unwrap_err();
    assert_eq!(
        field(error, "location"),
        "Enter the place, or an online link below"
    );
    // Nothing was saved by any of the refusals.
    let list = meeting::list_for_board(db, &secretariat, id, None, None)
        .await
        .unwrap();
    assert!(list.upcoming.is_empty() && list.past.is_empty());
    assert_eq!(actions(db, "meeting.created").await, 0);
    // An online-only meeting is fine.
    let online = MeetingDetails::parse(
        &future,
        "10:00",
        "",
        "https://meet.example/abc",
        "scheduled",
        now,
    )
    .unwrap();
    meeting::create(db, &secretariat, id, online).await.unwrap();
}

async fn meetings_list_by_year_with_pages(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let id = board(db, &secretariat, "SPCB").await;
    let now = services::now();
    // 23 past meetings in 2025, one in 2024, two upcoming.
    for n in 0..23 {
        let date = format!("2025-{:02}-{:02}", n % 12 + 1, n / 12 + 10);
        let d = MeetingDetails::parse(&date, "10:00", "HQ", "", "held", now).unwrap();
        meeting::create(db, &secretariat, id, d).await.unwrap();
    }
    let d = MeetingDetails::parse("2024-06-04", "14:00", "HQ", "", "cancelled", now).unwrap();
    meeting::create(db, &secretariat, id, d).await.unwrap();
    for days in [30, 5] {
        meeting::create(db, &secretariat, id, details(days, "scheduled"))
            .await
            .unwrap();
    }
    let all = meeting::list_for_board(db, &secretariat, id, None, None)
        .await
        .unwrap();
    assert_eq!(all.upcoming.len(), 2);
    assert!(
        all.upcoming[0].starts.utc < all.upcoming[1].starts.utc,
        "soonest first"
    );
    assert_eq!(all.past.len(), meeting::PAGE_SIZE as usize);
    assert_eq!(all.pages, 2);
    assert!(
        all.past[0].starts.utc > all.past[1].starts.utc,
        "latest first"
    );
    assert!(all.years.starts_with(&[2026]) || all.years.starts_with(&[2027]));
    assert!(all.years.ends_with(&[2025, 2024]));
    let second = meeting::list_for_board(db, &secretariat, id, None, Some(2))
        .await
        .unwrap();
    assert_eq!(second.past.len(), 4);
    assert_eq!(second.past.last().unwrap().status, MeetingStatus::Cancelled);
    let y2024 = meeting::list_for_board(db, &secretariat, id, Some(2024), None)
        .await
        .unwrap();
    assert_eq!(y2024.past.len(), 1);
    assert!(y2024.upcoming.is_empty());
    assert_eq!(
        y2024.past[0].starts.long,
        "Tuesday 4 June 2024, 14:00 (BST)"
    );
    // A page past the end shows the last page.
    let beyond = meeting::list_for_board(db, &secretariat, id, None, Some(99))
        .await
        .unwrap();
    assert_eq!(beyond.page, 2);
}

async fn agenda_items_are_added_edited_reordered_and_removed(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let id = board(db, &secretariat, "SPCB").await;
    let meeting = meeting::create(db, &secretariat, id, details(7, "scheduled"))
        .await
        .unwrap();
    let Error::Invalid(errors) = ItemDetails::parse("  ", "", "for fun", "").unwrap_err() else {
        panic!("expected field errors")
    };
    assert_eq!(errors.get("title"), Some("Enter the item's title"));
    assert!(errors
        .get("purpose")
        .unwrap()
        .starts_with("Choose the purpose"));
    let mut ids = Vec::new();
    for (title, purpose) in [
        ("Review of Action Tracker", "assurance"),
        ("Stop and search disproportionality", "assurance"),
        ("Summary of actions arising", "information"),
    ] {
        let item = ItemDetails::parse(title, "Chief Constable", purpose, "").unwrap();
        ids.push(agenda::add(db, &secretariat, meeting, item).await.unwrap());
    }
    let forbidden = agenda::add(
        db,
        &commissioner,
        meeting,
        ItemDetails::parse("x", "", "decision", "").unwrap(),
    )
    .await;
    assert!(matches!(forbidden, Err(Error::Forbidden)));
    let titles = |items: Vec<domain::AgendaItemView>| -> Vec<String> {
        items
            .into_iter()
            .map(|i| format!("{} {}", i.number, i.title))
            .collect()
    };
    agenda::move_item(db, &secretariat, ids[2], Direction::Up)
        .await
        .unwrap();
    agenda::move_item(db, &secretariat, ids[0], Direction::Up)
        .await
        .unwrap(); // already first
    let agenda_now = meeting::get(db, &secretariat, meeting)
        .await
        .unwrap()
        .agenda;
    assert_eq!(
        titles(agenda_now),
        [
            "1 Review of Action Tracker",
            "2 Summary of actions arising",
            "3 Stop and search disproportionality"
        ]
    );
    let edited = ItemDetails::parse("Stop and search", "ACC Smith", "decision", "Paper 4").unwrap();
    agenda::update(db, &secretariat, ids[1], edited)
        .await
        .unwrap();
    agenda::remove(db, &secretariat, ids[0]).await.unwrap();
    agenda::move_item(db, &secretariat, ids[1], Direction::Up)
        .await
        .unwrap();
    let agenda_now = meeting::get(db, &secretariat, meeting)
        .await
        .unwrap()
        .agenda;
    assert_eq!(agenda_now[0].lead, "ACC Smith");
    assert_eq!(agenda_now[0].notes, "Paper 4");
    assert_eq!(
        titles(agenda_now),
        ["1 Stop and search", "2 Summary of actions arising"]
    );
    assert!(matches!(
        agenda::remove(db, &secretariat, ids[0]).await,
        Err(Error::NotFound)
    ));
    for action in [
        "agenda_item.added",
        "agenda_item.moved",
        "agenda_item.updated",
        "agenda_item.removed",
    ] {
        assert!(actions(db, action).await >= 1, "no {action}");
    }
}

const MINUTES_V1: &str = "# Minutes\n\n| Item | Lead |\n|---|---|\n| Stop and search | ACC |\n\n- Apologies noted\n- Minutes of the last meeting agreed\n";

async fn minutes_go_from_draft_to_published_with_versions(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let id = board(db, &secretariat, "SPCB").await;
    let meeting = meeting::create(db, &secretariat, id, details(-20, "held"))
        .await
        .unwrap();

    let empty = MinutesBody::parse(" \r\n ").await.unwrap_err();
    assert_eq!(field(empty, "body"), "Enter the minutes");
    let huge = MinutesBody::parse(&"a".repeat(services::markdown::MAX_BYTES + 1))
        .await
        .unwrap_err();
    assert!(field(huge, "body").starts_with("The text must be 256 KB or less"));

    let body = MinutesBody::parse(&MINUTES_V1.replace('\n', "\r\n"))
        .await
        .unwrap();
    assert_eq!(
        body.as_str(),
        MINUTES_V1,
        "CRLF from a browser is stored as LF"
    );
    assert_eq!(
        minutes::save(db, &secretariat, meeting, 0, body.clone(), "")
            .await
            .unwrap(),
        1
    );
    let same = minutes::save(db, &secretariat, meeting, 1, body, "")
        .await
        .unwrap_err();
    assert!(field(same, "body").contains("same as version 1"));
    let v2 = MinutesBody::parse(&MINUTES_V1.replace("agreed", "agreed as a true record"))
        .await
        .unwrap();
    // Someone editing version 0 (an old tab) cannot overwrite version 1.
    let stale = minutes::save(db, &secretariat, meeting, 0, v2.clone(), "")
        .await
        .unwrap_err();
    assert!(field(stale, "body").contains("Someone else saved version 1"));
    assert_eq!(
        minutes::save(db, &secretariat, meeting, 1, v2, "")
            .await
            .unwrap(),
        2
    );

    let view = minutes::get(db, &commissioner, meeting).await.unwrap();
    assert_eq!((view.status, view.version), (MinutesStatus::Draft, 2));
    assert!(view.html.contains("<table>") && view.html.contains("<li>"));
    assert_eq!(view.versions.len(), 2);
    assert_eq!(view.versions[0].author, "Secretariat");

    let diff = minutes::diff(db, &commissioner, meeting, 1, 2)
        .await
        .unwrap();
    assert_eq!((diff.added, diff.removed), (1, 1));
    let changed: Vec<_> = diff
        .lines
        .iter()
        .filter(|l| l.kind != DiffKind::Same)
        .collect();
    assert_eq!(changed[0].text, "- Minutes of the last meeting agreed");
    assert_eq!(
        changed[1].text,
        "- Minutes of the last meeting agreed as a true record"
    );
    let bad = minutes::diff(db, &commissioner, meeting, 1, 9)
        .await
        .unwrap_err();
    assert_eq!(field(bad, "to"), "Choose a version from the list");

    // Lifecycle: not approvable before submission, nor without a later meeting.
    let early = minutes::publish(db, &secretariat, meeting)
        .await
        .unwrap_err();
    assert!(field(early, "minutes").contains("cannot be published until they are approved"));
    minutes::submit(db, &secretariat, meeting).await.unwrap();
    let no_later = minutes::approve(db, &commissioner, meeting, "")
        .await
        .unwrap_err();
    assert!(field(no_later, "approved_at").contains("there is none yet"));
    let later = meeting::create(db, &secretariat, id, details(-2, "held"))
        .await
        .unwrap();
    let future = meeting::create(db, &secretariat, id, details(20, "scheduled"))
        .await
        .unwrap();
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(
        view.approval_meetings
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>(),
        [later],
        "only a later meeting that has started"
    );
    let wrong = minutes::approve(db, &commissioner, meeting, &future.to_string())
        .await
        .unwrap_err();
    assert!(field(wrong, "approved_at").starts_with("Choose the later meeting"));
    minutes::approve(db, &commissioner, meeting, &later.to_string())
        .await
        .unwrap();
    let liaison = person(db, Role::ForceLiaison).await;
    assert!(matches!(
        minutes::get(db, &liaison, meeting).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        minutes::publish(db, &commissioner, meeting).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        meeting::get_public(db, meeting, &services::register::actions::Window::now(14)).await,
        Err(Error::NotFound)
    ));
    minutes::publish(db, &secretariat, meeting).await.unwrap();

    let public = meeting::get_public(db, meeting, &services::register::actions::Window::now(14))
        .await
        .unwrap();
    let html = public.minutes_html.unwrap();
    assert!(html.contains("agreed as a true record"));
    assert!(public.minutes_approved_at.is_some());
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(view.status, MinutesStatus::Published);
    let approval = view.approved.unwrap();
    assert_eq!(
        (approval.meeting_id, approval.by.as_str()),
        (later, "Commissioner")
    );
    let unpublish = meeting::set_published(db, &secretariat, meeting, false)
        .await
        .unwrap_err();
    assert!(field(unpublish, "published").contains("stays public"));
    for action in [
        "minutes.saved",
        "minutes.submitted",
        "minutes.approved",
        "minutes.published",
        "meeting.published",
    ] {
        assert!(actions(db, action).await >= 1, "no {action}");
    }

    // A cancelled meeting has no minutes.
    let cancelled = meeting::create(db, &secretariat, id, details(-1, "cancelled"))
        .await
        .unwrap();
    let body = MinutesBody::parse("Not held").await.unwrap();
    let refused = minutes::save(db, &secretariat, cancelled, 0, body, "")
        .await
        .unwrap_err();
    assert!(field(refused, "body").contains("cancelled"));
}

async fn locked_minutes_change_only_by_a_stated_correction(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let id = board(db, &secretariat, "AAB").await;
    let meeting = meeting::create(db, &secretariat, id, details(-30, "held"))
        .await
        .unwrap();
    let later = meeting::create(db, &secretariat, id, details(-1, "held"))
        .await
        .unwrap();
    let body = MinutesBody::parse(MINUTES_V1).await.unwrap();
    minutes::save(db, &secretariat, meeting, 0, body, "")
        .await
        .unwrap();
    minutes::submit(db, &secretariat, meeting).await.unwrap();
    let again = minutes::submit(db, &secretariat, meeting)
        .await
        .unwrap_err();
    assert!(field(again, "minutes").contains("cannot be submitted"));
    minutes::approve(db, &secretariat, meeting, &later.to_string())
        .await
        .unwrap();

    let fixed = MinutesBody::parse(&MINUTES_V1.replace("ACC", "ACC Jones"))
        .await
        .unwrap();
    let no_reason = minutes::save(db, &secretariat, meeting, 1, fixed.clone(), " ")
        .await
        .unwrap_err();
    assert!(field(no_reason, "reason").contains("give the reason"));
    assert_eq!(
        minutes::get(db, &secretariat, meeting)
            .await
            .unwrap()
            .version,
        1,
        "nothing saved"
    );
    minutes::save(
        db,
        &secretariat,
        meeting,
        1,
        fixed,
        "Name of the lead corrected",
    )
    .await
    .unwrap();
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(
        view.status,
        MinutesStatus::Approved,
        "a correction keeps the status"
    );
    assert_eq!(
        view.versions[0].reason.as_deref(),
        Some("Name of the lead corrected")
    );
    assert_eq!(actions(db, "minutes.corrected").await, 1);

    // Unsaved text is kept per person until saved or discarded.
    minutes::keep_unsaved(db, &secretariat, meeting, 2, "Draft in progress\r\n")
        .await
        .unwrap();
    let view = minutes::get(db, &secretariat, meeting).await.unwrap();
    assert_eq!(view.unsaved.as_deref(), Some("Draft in progress\n"));
    assert!(matches!(&view.unsaved_html, Some(Ok(html)) if html.contains("Draft in progress")));
    minutes::discard_unsaved(db, &secretariat, meeting)
        .await
        .unwrap();
    assert!(minutes::get(db, &secretariat, meeting)
        .await
        .unwrap()
        .unsaved
        .is_none());
}

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

async fn calendar_feeds_parse_and_hold_only_what_is_published(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let id = board(db, &secretariat, "SPCB").await;
    let public = meeting::create(db, &secretariat, id, details(14, "scheduled"))
        .await
        .unwrap();
    let (date, _) = day(21);
    let tricky = MeetingDetails::parse(
        &date,
        "09:30",
        "Room 2, Police HQ; Lloyd House — Birmingham; a very long place name that must be folded over lines",
        "https://meet.example/x",
        "scheduled",
        services::now(),
    )
    .unwrap();
    let hidden = meeting::create(db, &secretariat, id, details(28, "scheduled"))
        .await
        .unwrap();
    let second = meeting::create(db, &secretariat, id, tricky).await.unwrap();
    let item = ItemDetails::parse(
        "Stop and search, use of force; custody",
        "ACC",
        "assurance",
        "",
    )
    .unwrap();
    agenda::add(db, &secretariat, second, item).await.unwrap();
    for m in [public, second] {
        meeting::set_published(db, &secretariat, m, true)
            .await
            .unwrap();
    }

    let feed = calendar::board_feed(db, "spcb", "http://localhost:3000")
        .await
        .unwrap();
    let parsed = check_rfc5545(&feed);
    assert_eq!(
        parsed.components.len(),
        2,
        "only published meetings: {feed}"
    );
    assert!(!feed.contains(&format!("meeting-{hidden}@")));
    assert!(
        !feed.contains("meet.example"),
        "the public feed has no online link"
    );
    let second_event = &parsed.components[1];
    let location = second_event
        .find_prop("LOCATION")
        .unwrap()
        .val
        .as_str()
        .to_owned();
    // The parser unescapes: the text comes back exactly as typed, over folded lines.
    assert_eq!(
        location,
        "Room 2, Police HQ; Lloyd House — Birmingham; a very long place name that must be folded over lines"
    );
    let description = second_event
        .find_prop("DESCRIPTION")
        .unwrap()
        .val
        .as_str()
        .to_owned();
    assert_eq!(
        description,
        "1. Stop and search, use of force; custody (For assurance)"
    );
    assert!(feed.contains(&format!(
        "URL:http://localhost:3000/public/meetings/{second}"
    )));
    assert!(matches!(
        calendar::board_feed(db, "NOPE", "http://x").await,
        Err(Error::NotFound)
    ));

    // One meeting: staff get any (with the online link), the public only a published one.
    let staff_file = calendar::meeting_file(db, &secretariat, second, "http://x")
        .await
        .unwrap();
    check_rfc5545(&staff_file);
    assert!(staff_file.contains("meet.example"));
    let anonymous = Actor::anonymous(None);
    let public_file = calendar::meeting_file(db, &anonymous, public, "http://x")
        .await
        .unwrap();
    assert_eq!(check_rfc5545(&public_file).components.len(), 1);
    assert!(matches!(
        calendar::meeting_file(db, &anonymous, hidden, "http://x").await,
        Err(Error::NotFound)
    ));
    let liaison = person(db, Role::ForceLiaison).await;
    assert!(matches!(
        calendar::meeting_file(db, &liaison, hidden, "http://x").await,
        Err(Error::NotFound)
    ));
    // A cancelled meeting stays in the feed, marked cancelled, so calendars remove it.
    let mut d = details(14, "scheduled");
    d.status = MeetingStatus::Cancelled;
    meeting::update(db, &secretariat, public, d).await.unwrap();
    let feed = calendar::board_feed(db, "SPCB", "http://x").await.unwrap();
    assert!(feed.contains("STATUS:CANCELLED"));
}

async fn action_references_have_no_gaps_or_duplicates_under_50_concurrent_creations(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let spcb = board(db, &secretariat, "SPCB").await;
    let aab = board(db, &secretariat, "AAB").await;
    // The scratch pool has one connection; concurrency needs a pool of the usual size.
    let wide = db.another_pool().await;
    let mut tasks = Vec::new();
    for n in 0..50 {
        let db = wide.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin().await.unwrap();
            let reference = services::register::references::next(&mut tx, spcb, "SPCB", 2026)
                .await
                .unwrap();
            // Every fifth creation fails after taking its number: the number goes back.
            if n % 5 == 4 {
                tx.rollback().await.unwrap();
                None
            } else {
                tx.commit().await.unwrap();
                Some(reference)
            }
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        if let Some(reference) = task.await.unwrap() {
            assert_eq!((reference.board_code(), reference.year()), ("SPCB", 2026));
            numbers.push(reference.number());
        }
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=40).collect::<Vec<u32>>(),
        "gaps or duplicates"
    );
    // Each board and year has its own sequence.
    let mut tx = db.begin().await.unwrap();
    let first = services::register::references::next(&mut tx, aab, "AAB", 2026)
        .await
        .unwrap();
    let next_year = services::register::references::next(&mut tx, spcb, "SPCB", 2027)
        .await
        .unwrap();
    let next_spcb = services::register::references::next(&mut tx, spcb, "SPCB", 2026)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(first.to_string(), "AAB/2026/001");
    assert_eq!(next_year.to_string(), "SPCB/2027/001");
    assert_eq!(next_spcb.to_string(), "SPCB/2026/041");
}
