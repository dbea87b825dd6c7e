//! Boards, meetings, agendas and calendar feeds: the stories.

use super::*;

pub(super) async fn boards_have_members_and_meetings(db: &Db) {
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

pub(super) async fn meetings_refuse_bad_dates_and_the_past_as_scheduled(db: &Db) {
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
    // Dates as people type them; a weekend or bank holiday is asked about first.
    for typed in [
        "2/12/2026",
        "2 December 2026",
        "Wednesday 2nd December 2026",
        "2026-12-02",
    ] {
        let details = MeetingDetails::parse(typed, "10:00", "HQ", "", "held", now).unwrap();
        assert_eq!(
            services::common::london::show(details.starts_at).date,
            "2026-12-02",
            "{typed}"
        );
        details.check_day(db, false).await.unwrap();
    }
    let saturday = MeetingDetails::parse("5/12/2026", "10:00", "HQ", "", "held", now).unwrap();
    let error = saturday.check_day(db, false).await.unwrap_err();
    assert!(field(error, "confirm_day").contains("Saturday 5 December 2026, falls on a weekend"));
    saturday.check_day(db, true).await.unwrap();
    let christmas = MeetingDetails::parse("25 Dec 2025", "10:00", "HQ", "", "held", now).unwrap();
    let error = christmas.check_day(db, false).await.unwrap_err();
    assert!(field(error, "confirm_day").contains("is a bank holiday"));
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

pub(super) async fn meetings_list_by_year_with_pages(db: &Db) {
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

pub(super) async fn agenda_items_are_added_edited_reordered_and_removed(db: &Db) {
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

pub(super) async fn calendar_feeds_parse_and_hold_only_what_is_published(db: &Db) {
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

pub(super) async fn action_references_have_no_gaps_or_duplicates_under_50_concurrent_creations(
    db: &Db,
) {
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
