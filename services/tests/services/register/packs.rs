//! What is handed out: private calendar feeds, briefing packs, and a generated data set.

use super::*;

pub(super) async fn private_calendar_feeds_hold_each_persons_deadlines(db: &Db) {
    use services::register::feeds;
    let s = setup(db).await;
    let force = record(db, &s, "force", "2026-12-31", "Force's, open").await;
    record(db, &s, "opcc", "2026-12-30", "The OPCC's").await;
    let done = record(db, &s, "force", "2026-12-29", "Force's, withdrawn").await;
    actions::withdraw(db, &s.secretariat, done, "Not needed")
        .await
        .unwrap();
    use feeds::FeedState;
    assert_eq!(feeds::state(db, &s.liaison).await.unwrap(), FeedState::Off);
    let token = feeds::renew(db, &s.liaison).await.unwrap();
    // Shown once, then only "on": the database keeps its hash alone.
    assert_eq!(
        feeds::state(db, &s.liaison).await.unwrap(),
        FeedState::New(token.clone())
    );
    assert_eq!(feeds::state(db, &s.liaison).await.unwrap(), FeedState::On);
    let stored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM calendar_feeds WHERE token_hash = $1 OR unseen_token IS NOT NULL",
    )
    .bind(&token)
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(stored, 0, "neither the token nor a copy is stored");
    let text = feeds::feed(db, &token, "https://scrutineer.example/")
        .await
        .unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events = parsed
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .count();
    assert_eq!(events, 1, "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20261231\r\n"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20270101\r\n"));
    assert!(text.contains(&format!(
        "URL:https://scrutineer.example/actions/{force}\r\n"
    )));
    assert!(!text.contains("The OPCC's"));
    // A new address stops the old one; turning it off stops both.
    let renewed = feeds::renew(db, &s.liaison).await.unwrap();
    assert_ne!(renewed, token);
    assert!(matches!(
        feeds::feed(db, &token, "").await.unwrap_err(),
        Error::NotFound
    ));
    feeds::feed(db, &renewed, "").await.unwrap();
    feeds::turn_off(db, &s.liaison).await.unwrap();
    assert!(matches!(
        feeds::feed(db, &renewed, "").await.unwrap_err(),
        Error::NotFound
    ));
    for guess in ["", "x", &"A".repeat(43), "../../etc/passwd"] {
        assert!(matches!(
            feeds::feed(db, guess, "").await.unwrap_err(),
            Error::NotFound
        ));
    }
    // Resetting the person's password revokes the address, as it ends their sessions.
    let token = feeds::renew(db, &s.liaison).await.unwrap();
    feeds::feed(db, &token, "").await.unwrap();
    let admin = person(db, Role::Admin).await;
    services::accounts::users::reset_password(
        db,
        &admin,
        s.liaison.user_id.unwrap(),
        domain::NewPassword::parse("a brand new passphrase").unwrap(),
        crate::support::people::PASSWORD,
    )
    .await
    .unwrap();
    assert!(matches!(
        feeds::feed(db, &token, "").await.unwrap_err(),
        Error::NotFound
    ));
    // OPCC staff get the actions whose owner's account is theirs.
    let commissioner_id = s.commissioner.user_id.unwrap().0.to_string();
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let mine = NewAction::parse(
        &ActionInput {
            board: &board,
            text: "Commissioner to write to the Home Office",
            topic: &topic,
            owner: "opcc",
            owner_name: "The Commissioner",
            owner_user: &commissioner_id,
            priority: "high",
            due: "2027-01-15",
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap();
    actions::create(db, &s.secretariat, mine).await.unwrap();
    let token = feeds::renew(db, &s.commissioner).await.unwrap();
    let text = feeds::feed(db, &token, "").await.unwrap();
    assert!(text.contains("Home Office"));
    assert!(!text.contains("Force's"));
    assert_eq!(audited(db, "calendar_feed.renewed").await, 4);
    // "My actions" in the register: the commissioner's one, and nothing for the others.
    let mine = RegisterFilter {
        mine: true,
        ..Default::default()
    };
    let page = actions::register(db, &s.commissioner, &mine, &window())
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert!(page.actions[0].text.contains("Home Office"));
    let page = actions::register(db, &s.liaison, &mine, &window())
        .await
        .unwrap();
    assert_eq!(page.total, 0);
}

pub(super) async fn the_briefing_pack_groups_a_boards_business_by_topic(db: &Db) {
    use services::meetings::meeting::{self, MeetingDetails};
    let s = setup(db).await;
    let w = window();
    let at = |days: i64, status: &str| {
        MeetingDetails::parse(&date(days), "10:00", "HQ", "", status, services::now()).unwrap()
    };
    meeting::create(db, &s.secretariat, s.board, at(-40, "held"))
        .await
        .unwrap();
    let next = meeting::create(db, &s.secretariat, s.board, at(10, "scheduled"))
        .await
        .unwrap();
    let overdue = record(db, &s, "force", &date(-3), "Overdue one").await;
    let open = record(db, &s, "opcc", &date(20), "Open one").await;
    let closed = record(db, &s, "force", &date(5), "Closed lately").await;
    actions::respond(db, &s.liaison, closed, "Done")
        .await
        .unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let accept = Assessment::parse("accept", "", "", today(), &calendar).unwrap();
    actions::assess(db, &s.commissioner, closed, accept)
        .await
        .unwrap();
    let withdrawn = record(db, &s, "force", &date(5), "Withdrawn one").await;
    actions::withdraw(db, &s.secretariat, withdrawn, "No longer needed")
        .await
        .unwrap();
    let other_board = board(db, &s.secretariat, "AAB").await;
    let elsewhere = Setup {
        board: other_board,
        ..s.clone()
    };
    record(db, &elsewhere, "force", &date(-3), "Another board's").await;
    let topics = topics::list(db).await.unwrap();
    let (board_id, custody) = (
        s.board.to_string(),
        topics
            .iter()
            .find(|t| t.name == "Custody")
            .unwrap()
            .id
            .to_string(),
    );
    let question = NewQuestion::parse(
        &QuestionInput {
            board: &board_id,
            topic: &custody,
            text: "How many children were held overnight?",
            due: "5 working days",
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap();
    questions::create(db, &s.commissioner, question, true)
        .await
        .unwrap();

    let pack = services::register::briefing::for_meeting(db, &s.commissioner, next, &w)
        .await
        .unwrap();
    assert_eq!((pack.overdue_total, pack.open_total), (1, 1));
    assert_eq!(
        pack.topics.len(),
        2,
        "{:?}",
        pack.topics.iter().map(|t| &t.topic).collect::<Vec<_>>()
    );
    let first = &pack.topics[0];
    assert_eq!(first.topic, topics[0].name);
    assert_eq!(
        first.overdue.iter().map(|a| a.id).collect::<Vec<_>>(),
        [overdue]
    );
    assert_eq!(first.open.iter().map(|a| a.id).collect::<Vec<_>>(), [open]);
    assert_eq!(
        first
            .recently_closed
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [closed]
    );
    assert_eq!(pack.topics[1].topic, "Custody");
    assert_eq!(pack.topics[1].awaiting_answer.len(), 1);
    let e = services::register::briefing::for_meeting(db, &s.liaison, next, &w)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
}

pub(super) async fn a_generated_data_set_is_consistent_and_numbering_carries_on(db: &Db) {
    services::demo::load(db).await.unwrap();
    let made = services::demo::scale::generate(db, 600, 7).await.unwrap();
    assert_eq!((made.actions, made.questions), (600, 60));
    assert!(made.meetings >= 230, "{made:?}");
    let admin = Actor::command_line();
    let all: Vec<_> = actions::export(db, &admin, &RegisterFilter::default(), &window())
        .await
        .unwrap()
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(all.len(), 604);
    let mut references: Vec<&str> = all.iter().map(|a| a.reference.as_str()).collect();
    references.sort_unstable();
    references.dedup();
    assert_eq!(references.len(), 604, "references are unique");
    // Ten years: the oldest action is from about ten years ago.
    let years: std::collections::BTreeSet<&str> = all
        .iter()
        .map(|a| &a.reference[a.reference.len() - 8..a.reference.len() - 4])
        .collect();
    assert!(years.len() >= 10, "{years:?}");
    // Long-past actions are mostly closed; some are still overdue.
    let closed = all
        .iter()
        .filter(|a| a.status == ActionStatus::Closed)
        .count();
    assert!(closed > 300, "{closed} closed");
    assert!(all.iter().any(|a| a.due_state == DueState::Overdue));
    // The next action recorded this year carries on from the generated numbers.
    let this_year = services::common::london::year(services::now());
    let generated_this_year = all
        .iter()
        .filter(|a| a.reference.starts_with(&format!("SPCB/{this_year}/")))
        .count();
    let s = Setup {
        secretariat: admin.clone(),
        commissioner: admin.clone(),
        liaison: admin.clone(),
        board: 1,
        topic: 1,
    };
    let id = record(db, &s, "force", &date(10), "After the generated ones").await;
    let view = actions::get(db, &admin, id, &window()).await.unwrap();
    assert_eq!(
        view.summary.reference,
        format!("SPCB/{this_year}/{:03}", generated_this_year + 1)
    );
    let view = actions::get(db, &admin, all[0].id, &window())
        .await
        .unwrap();
    assert!(!view.timeline.is_empty());
}
