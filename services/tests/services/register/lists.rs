//! What lists show: deadlines, the register's filters and sorts, queues and search.

use super::*;

pub(super) async fn deadlines_are_derived_from_today(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let overdue = record(db, &s, "force", &date(-1), "Overdue").await;
    let due_today = record(db, &s, "force", &date(0), "Due today").await;
    let soon = record(db, &s, "opcc", &date(14), "Due in 14 days").await;
    let later = record(db, &s, "force", &date(15), "Due in 15 days").await;
    let answered = record(db, &s, "force", &date(-5), "Answered late").await;
    actions::respond(db, &s.liaison, answered, "Here it is")
        .await
        .unwrap();
    let state = |id| {
        let actor = s.commissioner.clone();
        async move {
            actions::get(db, &actor, id, &w)
                .await
                .unwrap()
                .summary
                .due_state
        }
    };
    assert_eq!(state(overdue).await, DueState::Overdue);
    assert_eq!(state(due_today).await, DueState::DueSoon);
    assert_eq!(state(soon).await, DueState::DueSoon);
    assert_eq!(state(later).await, DueState::OnTrack);
    // A response awaiting judgement is not the owner's to chase.
    assert_eq!(state(answered).await, DueState::Settled);
    let panel = actions::deadlines(db, &s.commissioner, &w).await.unwrap();
    assert_eq!(
        panel.overdue.iter().map(|a| a.id).collect::<Vec<_>>(),
        [overdue]
    );
    assert_eq!(
        panel.due_soon.iter().map(|a| a.id).collect::<Vec<_>>(),
        [due_today, soon]
    );
    // Tomorrow, "due today" is overdue: nothing stored goes stale.
    let tomorrow = Window {
        today: today().checked_add_days(Days::new(1)).unwrap(),
        soon_days: 14,
    };
    let panel = actions::deadlines(db, &s.commissioner, &tomorrow)
        .await
        .unwrap();
    assert_eq!(panel.overdue_total, 2);
    let overdue_only = actions::register(
        db,
        &s.commissioner,
        &RegisterFilter {
            overdue: true,
            ..Default::default()
        },
        &w,
    )
    .await
    .unwrap();
    assert_eq!(overdue_only.total, 1);
    // Only published actions are on the public list.
    actions::set_published(db, &s.secretariat, soon, true)
        .await
        .unwrap();
    let domain::Page {
        items: public,
        page,
        pages,
    } = actions::published(db, None, &w).await.unwrap();
    assert_eq!(public.iter().map(|a| a.id).collect::<Vec<_>>(), [soon]);
    assert_eq!((page, pages), (1, 1));
    // "N working days" counts over the database's bank holidays.
    let calendar = working_days::calendar(db).await.unwrap();
    assert_eq!(
        services::register::due_dates::parse("5 working days from 2026-12-22", today(), &calendar),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
    );
}

pub(super) async fn the_register_filters_sorts_and_pages(db: &Db) {
    let s = setup(db).await;
    let other = board(db, &s.secretariat, "AAB").await;
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    for n in 0..60 {
        let (board, topic) = if n % 3 == 0 {
            (other, topics[1].id)
        } else {
            (s.board, topics[0].id)
        };
        let owner = if n % 2 == 0 { "force" } else { "opcc" };
        let due = date(n - 30);
        let (board, topic) = (board.to_string(), topic.to_string());
        let new = NewAction::parse(
            &ActionInput {
                board: &board,
                text: &format!("Action number {n}"),
                topic: &topic,
                owner,
                owner_name: "Someone",
                priority: ["high", "medium", "low"][(n % 3) as usize],
                due: &due,
                ..Default::default()
            },
            &topics,
            today(),
            &calendar,
        )
        .unwrap();
        actions::create(db, &s.secretariat, new).await.unwrap();
    }
    let w = window();
    let page = |filter: RegisterFilter| {
        let actor = s.commissioner.clone();
        async move { actions::register(db, &actor, &filter, &w).await.unwrap() }
    };
    let all = page(RegisterFilter::default()).await;
    assert_eq!((all.total, all.pages, all.actions.len()), (60, 2, 50));
    assert_eq!(all.actions[0].text, "Action number 0");
    let second = page(RegisterFilter {
        page: Some(2),
        ..Default::default()
    })
    .await;
    assert_eq!(second.actions.len(), 10);
    assert_eq!(second.actions[9].text, "Action number 59");
    let aab = page(RegisterFilter {
        board: other.to_string(),
        owner: "force".into(),
        ..Default::default()
    })
    .await;
    // n divisible by 3 and even: 0, 6, …, 54.
    assert_eq!(aab.total, 10);
    assert!(aab
        .actions
        .iter()
        .all(|a| a.board_code == "AAB" && a.owner == Owner::Force));
    let topic = page(RegisterFilter {
        topic: topics[1].id.to_string(),
        ..Default::default()
    })
    .await;
    assert_eq!(topic.total, 20);
    let range = page(RegisterFilter {
        due_from: date(0),
        due_to: date(9),
        ..Default::default()
    })
    .await;
    assert_eq!(range.total, 10);
    let overdue = page(RegisterFilter {
        overdue: true,
        owner: "opcc".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(overdue.total, 15);
    let by_reference = page(RegisterFilter {
        sort: "reference".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(by_reference.actions[0].board_code, "AAB");
    assert!(by_reference.actions[0].reference.ends_with("/001"));
    let by_priority = page(RegisterFilter {
        sort: "priority".into(),
        ..Default::default()
    })
    .await;
    assert!(by_priority.actions[..20]
        .iter()
        .all(|a| a.priority == domain::Priority::High));
    let latest = page(RegisterFilter {
        sort: "due_desc".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(latest.actions[0].text, "Action number 59");
    // Unknown values are dropped; a page past the end shows the last one.
    let odd = page(RegisterFilter {
        status: "nonsense".into(),
        sort: "; DROP TABLE actions".into(),
        board: "x".into(),
        page: Some(99),
        ..Default::default()
    })
    .await;
    assert_eq!(
        (odd.total, odd.page, odd.filter.sort.as_str()),
        (60, 2, "due")
    );
    assert_eq!(odd.filter.status, "all", "an unknown status reads as any");
    let closed = page(RegisterFilter {
        status: "closed".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(closed.total, 0);
    // A mistyped date is reported, not silently ignored; the rest of the filter applies.
    let reported = actions::register(
        db,
        &s.commissioner,
        &RegisterFilter {
            due_from: "31/02/2026".into(),
            board: other.to_string(),
            ..Default::default()
        },
        &w,
    )
    .await
    .unwrap();
    let invalid = reported.invalid.unwrap();
    assert!(invalid.get("due_from").unwrap().contains("real date"));
    assert_eq!(
        (reported.total, reported.filter.due_from.as_str()),
        (20, "")
    );
}

pub(super) async fn queues_searches_and_counts_show_what_waits(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let plan = record(
        db,
        &s,
        "force",
        &date(10),
        "Publish the stop and search disproportionality plan",
    )
    .await;
    let complaints = record(
        db,
        &s,
        "force",
        &date(-3),
        "Review complaints handling times",
    )
    .await;
    let report = record(db, &s, "opcc", &date(5), "Draft the equality report").await;
    actions::respond(db, &s.liaison, plan, "The plan is published.")
        .await
        .unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    actions::request_extension(
        db,
        &s.liaison,
        complaints,
        "The data arrive late",
        &date(40),
        today(),
        &calendar,
    )
    .await
    .unwrap();
    let topics = topics::list(db).await.unwrap();
    let (board_id, topic) = (s.board.to_string(), s.topic.to_string());
    let question = NewQuestion::parse(
        &QuestionInput {
            board: &board_id,
            topic: &topic,
            text: "Why are searches of young Black men rising?",
            due: "5 working days",
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap();
    let asked = questions::create(db, &s.commissioner, question, true)
        .await
        .unwrap();

    // Each person's queues, counted, in their home page's order.
    let queues = |actor: Actor| async move {
        services::work::queues::for_person(db, &actor)
            .await
            .unwrap()
            .into_iter()
            .map(|q| {
                let first = q.items.first().map(|i| i.href.clone()).unwrap_or_default();
                (q.title, q.count, first)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        queues(s.commissioner.clone()).await,
        [
            (
                "Responses awaiting your assessment".to_owned(),
                1,
                format!("/actions/{plan}")
            ),
            (
                "Answers awaiting your assessment".to_owned(),
                0,
                String::new()
            ),
            (
                "Extension requests to decide".to_owned(),
                1,
                format!("/actions/{complaints}")
            ),
        ]
    );
    assert_eq!(
        queues(s.liaison.clone()).await,
        [
            (
                "Actions the force owes a response to".to_owned(),
                1,
                format!("/actions/{complaints}")
            ),
            (
                "Actions where further information is asked for".to_owned(),
                0,
                String::new()
            ),
            (
                "Questions to answer".to_owned(),
                1,
                format!("/questions/{asked}")
            ),
        ]
    );
    let secretariat = queues(s.secretariat.clone()).await;
    assert_eq!(secretariat.len(), 5);
    assert_eq!(secretariat[0].0, "Next meetings");
    // The OPCC's own action awaits a response only the secretariat can record.
    assert_eq!(
        secretariat[4],
        (
            "Responses to record for the OPCC and partners".to_owned(),
            1,
            format!("/actions/{report}")
        )
    );
    let to_record = RegisterFilter::from_query("status=owed&owner=not_force");
    let listed = actions::register(db, &s.secretariat, &to_record, &w)
        .await
        .unwrap();
    assert_eq!(
        listed.actions.iter().map(|a| a.id).collect::<Vec<_>>(),
        [report]
    );

    // Search, by words (each also a prefix) and by reference, within what each may see.
    let search = |actor: Actor, q: &str| {
        let filter = RegisterFilter::from_query(&format!("status=all&q={q}"));
        async move {
            let mut ids: Vec<i64> = actions::register(db, &actor, &filter, &w)
                .await
                .unwrap()
                .actions
                .iter()
                .map(|a| a.id)
                .collect();
            ids.sort();
            ids
        }
    };
    assert_eq!(
        search(s.commissioner.clone(), "disproportion").await,
        [plan]
    );
    assert_eq!(
        search(s.commissioner.clone(), "Complaints%20handling").await,
        [complaints]
    );
    let reference = actions::get(db, &s.commissioner, complaints, &w)
        .await
        .unwrap()
        .summary
        .reference;
    assert_eq!(
        search(s.commissioner.clone(), &reference.replace('/', "%2F")).await,
        [complaints],
        "a reference typed in full finds its action"
    );
    assert_eq!(
        search(s.commissioner.clone(), "equality%20report").await,
        [report]
    );
    assert!(
        search(s.liaison.clone(), "equality%20report")
            .await
            .is_empty(),
        "search finds only what the person may see"
    );
    assert!(
        search(s.commissioner.clone(), "%22%29%20OR%20*")
            .await
            .len()
            <= 3
    );

    // The count strip, and the filters it links to.
    let page = actions::register(db, &s.commissioner, &RegisterFilter::from_query(""), &w)
        .await
        .unwrap();
    assert_eq!(
        page.filter.status, "live",
        "the register opens on live work"
    );
    assert_eq!(
        (
            page.counts.overdue,
            page.counts.awaiting_assessment,
            page.counts.extension_pending
        ),
        (1, 1, 1)
    );
    let pending = actions::register(
        db,
        &s.commissioner,
        &RegisterFilter::from_query("status=all&extension=pending"),
        &w,
    )
    .await
    .unwrap();
    assert_eq!(
        pending.actions.iter().map(|a| a.id).collect::<Vec<_>>(),
        [complaints]
    );
    let theirs = actions::counts(db, &s.liaison, &w).await.unwrap();
    assert_eq!((theirs.overdue, theirs.awaiting_assessment), (1, 1));

    // The public page of a published action: its history by role, never by name, and
    // only the steps the public may read.
    assert!(matches!(
        actions::get_public(db, plan, &w).await.unwrap_err(),
        Error::NotFound
    ));
    actions::set_published(db, &s.secretariat, plan, true)
        .await
        .unwrap();
    let response = words::latest(db, Subject::Action, plan)
        .await
        .unwrap()
        .unwrap();
    words::choose(db, &s.secretariat, response, "written", "")
        .await
        .unwrap();
    let public = actions::get_public(db, plan, &w).await.unwrap();
    let steps: Vec<(String, String)> = public
        .timeline
        .iter()
        .map(|e| (e.who.clone(), e.what.clone()))
        .collect();
    assert_eq!(
        steps,
        [
            ("The board".to_owned(), "Recorded".to_owned()),
            // The owner's words, named as "Who must do it" names them.
            (
                "The force (Chief Superintendent, Equality)".to_owned(),
                "Response submitted".to_owned()
            ),
        ]
    );
    assert!(public.timeline[1]
        .body_html
        .contains("The plan is published."));
    assert_eq!(
        public.summary.status.public_label(),
        "Response received: the Commissioner is considering it"
    );
}

pub(super) async fn one_search_finds_actions_questions_and_minutes_each_may_see(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let force_action = record(
        db,
        &s,
        "force",
        &date(10),
        "Explain the custody deaths review",
    )
    .await;
    let opcc_action = record(
        db,
        &s,
        "opcc",
        &date(10),
        "Commission a custody review of our own",
    )
    .await;
    actions::set_published(db, &s.secretariat, force_action, true)
        .await
        .unwrap();
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let (board_id, topic) = (s.board.to_string(), s.topic.to_string());
    let draft = NewQuestion::parse(
        &QuestionInput {
            board: &board_id,
            topic: &topic,
            text: "Draft: what does custody review cost?",
            due: "5 working days",
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap();
    questions::create(db, &s.commissioner, draft, false)
        .await
        .unwrap();
    let anyone = Actor::anonymous(None);
    let found = |actor: Actor| async move {
        let r = services::work::search::everything(db, &actor, "custody review", &w)
            .await
            .unwrap();
        (
            r.actions.iter().map(|h| h.href.clone()).collect::<Vec<_>>(),
            r.questions.len(),
        )
    };
    let (office, office_questions) = found(s.commissioner.clone()).await;
    assert_eq!(office.len(), 2);
    assert_eq!(office_questions, 1, "the office sees its drafts");
    let (force, force_questions) = found(s.liaison.clone()).await;
    assert_eq!(force, [format!("/actions/{force_action}")]);
    assert_eq!(force_questions, 0, "a draft is not the force's to see");
    let (public, _) = found(anyone).await;
    assert_eq!(
        public,
        [format!("/public/actions/{force_action}")],
        "the public find only what is published, on the public pages"
    );
    assert!(!public.contains(&format!("/actions/{opcc_action}")));
    // The questions list filters by board and topic.
    let listed = |board: String, topic: String| {
        let filter = questions::QuestionFilter {
            board,
            topic,
            ..Default::default()
        };
        let actor = s.commissioner.clone();
        async move {
            questions::list(db, &actor, &filter, None, &w)
                .await
                .unwrap()
                .items
                .len()
        }
    };
    assert_eq!(listed(s.board.to_string(), String::new()).await, 1);
    assert_eq!(listed(s.board.to_string(), s.topic.to_string()).await, 1);
    assert_eq!(listed("999999".into(), String::new()).await, 0);
    assert_eq!(listed(String::new(), "999999".into()).await, 0);
    assert_eq!(
        listed("1 OR 1=1".into(), String::new()).await,
        1,
        "not a number: ignored"
    );
    let nothing = services::work::search::everything(db, &s.commissioner, " ?! ", &w)
        .await
        .unwrap();
    assert!(nothing.actions.is_empty() && nothing.questions.is_empty());
}
