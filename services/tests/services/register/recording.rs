//! Recording actions: bad input refused whole, doubtful due dates asked about, fifty at once
//! numbered without gaps, and two people acting at once.

use super::*;

pub(super) async fn bad_action_input_is_refused_and_saves_nothing(db: &Db) {
    let s = setup(db).await;
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let e = NewAction::parse(&ActionInput::default(), &topics, today(), &calendar).unwrap_err();
    match e {
        Error::Invalid(errors) => {
            for (name, message) in [
                ("board", "Choose a board"),
                ("text", "Enter what must be done"),
                ("topic", "Choose a topic"),
                (
                    "owner",
                    "Choose who owns the action: the force, the OPCC or a partner",
                ),
                ("priority", "Choose a priority: high, medium or low"),
            ] {
                assert_eq!(errors.get(name), Some(message), "{name}");
            }
            assert!(errors.get("due").unwrap().starts_with("Enter the due date"));
            assert!(errors.get("owner_name").is_some());
        }
        other => panic!("{other:?}"),
    }
    // A meeting of another board, an agenda item of no meeting, a person of the wrong side.
    let other = board(db, &s.secretariat, "AAB").await;
    let meeting_details = services::meetings::meeting::MeetingDetails::parse(
        &date(7),
        "10:00",
        "HQ",
        "",
        "scheduled",
        services::now(),
    )
    .unwrap();
    let meeting = services::meetings::meeting::create(db, &s.secretariat, other, meeting_details)
        .await
        .unwrap();
    let (board, topic, meeting) = (
        s.board.to_string(),
        s.topic.to_string(),
        meeting.to_string(),
    );
    let commissioner_id = s.commissioner.user_id.unwrap().0.to_string();
    let base = ActionInput {
        board: &board,
        text: "Something",
        topic: &topic,
        owner: "force",
        owner_name: "Someone",
        priority: "low",
        due: "2026-12-31",
        ..Default::default()
    };
    for (input, name, starts) in [
        (
            ActionInput {
                meeting: &meeting,
                ..base.clone()
            },
            "meeting",
            "Choose a meeting of the action's board",
        ),
        (
            ActionInput {
                owner_user: &commissioner_id,
                ..base.clone()
            },
            "owner_user",
            "Choose an active account",
        ),
        (
            ActionInput {
                question: "12345",
                ..base.clone()
            },
            "question",
            "Choose a question",
        ),
        (
            ActionInput {
                board: "999",
                ..base.clone()
            },
            "board",
            "Choose a board",
        ),
    ] {
        let new = NewAction::parse(&input, &topics, today(), &calendar).unwrap();
        let e = actions::create(db, &s.secretariat, new).await.unwrap_err();
        assert!(field(e, name).starts_with(starts), "{name}");
    }
    // Force liaison cannot record actions.
    let new = NewAction::parse(&base, &topics, today(), &calendar).unwrap();
    let e = actions::create(db, &s.liaison, new.clone())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    // Nothing was saved and no number was used up.
    assert_eq!(audited(db, "action.created").await, 0);
    let (_, reference) = actions::create(db, &s.secretariat, new).await.unwrap();
    assert_eq!(reference.number(), 1);
}

pub(super) async fn doubtful_due_dates_are_asked_about_before_saving(db: &Db) {
    let s = setup(db).await;
    let calendar = working_days::calendar(db).await.unwrap();
    let topics = topics::list(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let input = |due: &str, check_due: bool| {
        NewAction::parse(
            &ActionInput {
                board: &board,
                text: "Report the figures",
                topic: &topic,
                owner: "force",
                owner_name: "Analyst",
                priority: "low",
                due,
                check_due,
                ..Default::default()
            },
            &topics,
            today(),
            &calendar,
        )
    };
    let e = input(&date(-2), true).unwrap_err();
    assert!(field(e, "confirm_due").contains("is in the past"));
    let saturday = (1..8)
        .map(date)
        .find(|d| {
            use chrono::Datelike;
            NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap().weekday() == chrono::Weekday::Sat
        })
        .unwrap();
    let e = input(&saturday, true).unwrap_err();
    assert!(field(e, "confirm_due").contains("falls on a weekend"));
    // Kept once the person says so.
    let kept = input(&saturday, false).unwrap();
    assert_eq!(kept.due_on.format("%Y-%m-%d").to_string(), saturday);
}

pub(super) async fn fifty_concurrent_actions_get_fifty_references(db: &Db) {
    let s = setup(db).await;
    let new = new_action(db, &s, "force", &date(30), "Concurrent").await;
    // The scratch pool has one connection; concurrency needs a pool of the usual size.
    let wide = db.another_pool().await;
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (db, actor, new) = (wide.clone(), s.secretariat.clone(), new.clone());
        tasks.push(tokio::spawn(async move {
            actions::create(&db, &actor, new).await.unwrap().1
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.unwrap().number());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<u32>>());
    let page = actions::register(db, &s.commissioner, &RegisterFilter::default(), &window())
        .await
        .unwrap();
    assert_eq!(page.total, 50);
}

/// Two people take a step on the same action at the same moment, over separate
/// connections: exactly one step applies, and the other is refused with a message (never
/// both, never an error page). Run several times, with different pairs of steps.
pub(super) async fn two_people_acting_at_once_one_step_applies(db: &Db) {
    let s = setup(db).await;
    let wide = db.another_pool().await;
    let calendar = working_days::calendar(db).await.unwrap();
    for round in 0..6 {
        let id = record(db, &s, "force", &date(20), &format!("Race {round}")).await;
        let (a, b) = (wide.clone(), wide.clone());
        let (liaison, secretariat) = (s.liaison.clone(), s.secretariat.clone());
        let results = if round % 2 == 0 {
            // Both answer for the owner at once: the secretariat recording an email.
            let today = date(0);
            let emailed = actions::ResponseInput {
                text: "Recorded from an email.",
                received_on: &today,
                channel: "email",
            };
            let (one, two) = tokio::join!(
                actions::respond(&a, &liaison, id, "Delivered: the plan is attached."),
                actions::record_response(&b, &secretariat, id, &emailed),
            );
            [one, two]
        } else {
            // The Commissioner accepts the response while the secretariat withdraws.
            actions::respond(db, &liaison, id, "Delivered.")
                .await
                .unwrap();
            let accept = Assessment::Accept {
                note: "Assured.".into(),
            };
            let (one, two) = tokio::join!(
                actions::assess(&a, &s.commissioner, id, accept),
                actions::withdraw(&b, &secretariat, id, "Superseded by SPCB action 12."),
            );
            [one, two]
        };
        let applied = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(applied, 1, "round {round}: {results:?}");
        let refused = results.into_iter().find_map(Result::err).unwrap();
        let message = match refused {
            Error::Invalid(errors) => errors.to_string(),
            other => panic!("round {round}: expected a message, got {other:?}"),
        };
        assert!(
            message.contains("Someone else changed") || message.contains("cannot"),
            "round {round}: {message}"
        );
        let view = actions::get(db, &s.commissioner, id, &window())
            .await
            .unwrap();
        let steps = view
            .timeline
            .iter()
            .filter(|e| e.what != "Recorded" && !(round % 2 == 1 && e.what == "Response submitted"))
            .count();
        assert_eq!(steps, 1, "round {round}: one step in the timeline");
    }
    // Two extension requests at once: one is pending, the other refused.
    let id = record(db, &s, "force", &date(20), "Two requests").await;
    let (later, later_still) = (date(40), date(50));
    let (one, two) = tokio::join!(
        actions::request_extension(
            &wide,
            &s.liaison,
            id,
            "Data late",
            &later,
            today(),
            &calendar
        ),
        actions::request_extension(
            &wide,
            &s.secretariat,
            id,
            "Asked by email",
            &later_still,
            today(),
            &calendar
        ),
    );
    assert_eq!(
        [&one, &two].iter().filter(|r| r.is_ok()).count(),
        1,
        "{one:?} {two:?}"
    );
    wide.close().await;
}
