//! The accountability register — actions, questions, deadlines, extensions — as stories
//! run on SQLite and on PostgreSQL alike.

use chrono::{Days, NaiveDate};
use domain::{
    ActionStatus, DueState, ExtensionStatus, Owner, QuestionStatus, RegisterFilter, Role,
};
use services::audit::Actor;
use services::register::actions::{self, ActionInput, Assessment, NewAction, Window};
use services::register::questions::{self, NewQuestion, QuestionInput};
use services::{register::topics, register::working_days, Db, Error};

#[macro_use]
mod support;
use support::people::{audited, board, field, named, person};

on_both!(
    an_action_goes_round_the_workflow_with_its_timeline,
    illegal_transitions_are_refused_with_a_reason,
    force_liaison_sees_and_changes_only_what_the_force_owns,
    extension_requests_keep_both_dates,
    deadlines_are_derived_from_today,
    the_register_filters_sorts_and_pages,
    bad_action_input_is_refused_and_saves_nothing,
    questions_go_from_draft_to_answered_and_published,
    fifty_concurrent_actions_get_fifty_references,
    actions_in_the_minutes_are_confirmed_and_created_once,
    a_generated_data_set_is_consistent_and_numbering_carries_on,
    the_briefing_pack_groups_a_boards_business_by_topic,
    private_calendar_feeds_hold_each_persons_deadlines,
    an_open_actions_details_can_be_corrected,
    two_people_acting_at_once_one_step_applies,
    an_ended_action_cannot_be_extended_and_its_request_lapses,
    queues_searches_and_counts_show_what_waits,
    doubtful_due_dates_are_asked_about_before_saving,
    one_search_finds_actions_questions_and_minutes_each_may_see,
    a_question_is_corrected_withdrawn_or_its_draft_deleted,
);

fn today() -> NaiveDate {
    services::london::today()
}

fn window() -> Window {
    Window {
        today: today(),
        soon_days: 14,
    }
}

/// `days` from today as `YYYY-MM-DD` (negative: in the past).
fn date(days: i64) -> String {
    let day = if days >= 0 {
        today().checked_add_days(Days::new(days as u64))
    } else {
        today().checked_sub_days(Days::new(days.unsigned_abs()))
    };
    day.unwrap().format("%Y-%m-%d").to_string()
}

#[derive(Clone)]
struct Setup {
    secretariat: Actor,
    commissioner: Actor,
    liaison: Actor,
    board: i64,
    topic: i64,
}

async fn setup(db: &Db) -> Setup {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let liaison = person(db, Role::ForceLiaison).await;
    let board = board(db, &secretariat, "SPCB").await;
    let topic = topics::list(db).await.unwrap()[0].id;
    Setup {
        secretariat,
        commissioner,
        liaison,
        board,
        topic,
    }
}

async fn new_action(db: &Db, s: &Setup, owner: &str, due: &str, text: &str) -> NewAction {
    let calendar = working_days::calendar(db).await.unwrap();
    let topics = topics::list(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    NewAction::parse(
        &ActionInput {
            board: &board,
            text,
            topic: &topic,
            owner,
            owner_name: "Chief Superintendent, Equality",
            priority: "high",
            due,
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap()
}

async fn record(db: &Db, s: &Setup, owner: &str, due: &str, text: &str) -> i64 {
    let new = new_action(db, s, owner, due, text).await;
    actions::create(db, &s.secretariat, new).await.unwrap().0
}

async fn an_action_goes_round_the_workflow_with_its_timeline(db: &Db) {
    let s = setup(db).await;
    let new = new_action(
        db,
        &s,
        "force",
        &date(20),
        "Publish the stop and search action plan",
    )
    .await;
    let (id, reference) = actions::create(db, &s.secretariat, new).await.unwrap();
    assert_eq!(
        reference.to_string(),
        format!("SPCB/{}/001", services::london::year(services::now()))
    );
    let w = window();
    let view = actions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(view.summary.status, ActionStatus::Open);
    assert!(view.may.respond && view.may.request_extension && !view.may.assess);

    actions::respond(
        db,
        &s.liaison,
        id,
        "The plan is attached: [plan](https://force.example/plan)",
    )
    .await
    .unwrap();
    let view = actions::get(db, &s.commissioner, id, &w).await.unwrap();
    assert_eq!(view.summary.status, ActionStatus::ResponseSubmitted);
    assert!(view.may.assess && !view.may.respond);

    let calendar = working_days::calendar(db).await.unwrap();
    let further = Assessment::parse(
        "further_information",
        "Please add the figures by ethnicity.",
        &date(30),
        today(),
        &calendar,
    )
    .unwrap();
    actions::assess(db, &s.commissioner, id, further)
        .await
        .unwrap();
    let view = actions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(
        view.summary.status,
        ActionStatus::FurtherInformationRequested
    );
    assert_eq!(view.summary.due_on, date(30));

    actions::respond(db, &s.liaison, id, "Figures by ethnicity added.")
        .await
        .unwrap();
    let accept = Assessment::parse("accept", "Assured.", "", today(), &calendar).unwrap();
    actions::assess(db, &s.commissioner, id, accept)
        .await
        .unwrap();

    let view = actions::get(db, &s.secretariat, id, &w).await.unwrap();
    assert_eq!(view.summary.status, ActionStatus::Closed);
    assert_eq!(view.summary.due_state, DueState::Settled);
    let what: Vec<&str> = view.timeline.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "Recorded",
            "Response submitted",
            "Further information requested",
            "Response submitted",
            "Response accepted: action closed"
        ]
    );
    assert!(view.timeline[1]
        .body_html
        .contains("href=\"https://force.example/plan\""));
    assert_eq!(view.timeline[0].who, "Secretariat");
    assert_eq!(view.timeline[1].who, "Force liaison");
    assert!(view.may == domain::ActionPermissions::default());
    assert_eq!(audited(db, "action.created").await, 1);
    assert_eq!(audited(db, "action.response").await, 2);
    assert_eq!(audited(db, "action.accepted").await, 1);
    assert_eq!(audited(db, "action.further_information_requested").await, 1);
}

async fn illegal_transitions_are_refused_with_a_reason(db: &Db) {
    let s = setup(db).await;
    let id = record(db, &s, "force", &date(10), "Review the use of force data").await;
    let calendar = working_days::calendar(db).await.unwrap();
    let accept = || Assessment::parse("accept", "", "", today(), &calendar).unwrap();
    // Nothing to assess yet.
    let e = actions::assess(db, &s.commissioner, id, accept())
        .await
        .unwrap_err();
    assert!(field(e, "outcome").contains("is open: it cannot be assessed"));
    // Only commissioners assess.
    actions::respond(db, &s.liaison, id, "Done.").await.unwrap();
    for who in [&s.liaison, &s.secretariat] {
        let e = actions::assess(db, who, id, accept()).await.unwrap_err();
        assert!(matches!(e, Error::Forbidden), "{e:?}");
    }
    // A response awaits judging: no second response, no extension.
    let e = actions::respond(db, &s.liaison, id, "Again.")
        .await
        .unwrap_err();
    assert!(field(e, "response").contains("response submitted"));
    // An empty response or reason is refused beside its field.
    let other = record(db, &s, "force", &date(10), "Another").await;
    let e = actions::respond(db, &s.liaison, other, "  ")
        .await
        .unwrap_err();
    assert_eq!(field(e, "response"), "Enter the response");
    let e = actions::withdraw(db, &s.secretariat, other, "")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, "withdrawal_reason"),
        "Enter why the action is withdrawn"
    );
    // Withdrawn with a reason; then nothing more can happen to it.
    actions::withdraw(db, &s.secretariat, other, "Superseded by SPCB action 1")
        .await
        .unwrap();
    let e = actions::withdraw(db, &s.secretariat, other, "Again")
        .await
        .unwrap_err();
    assert!(field(e, "withdrawal_reason").contains("is withdrawn: it cannot be withdrawn"));
    let e = actions::respond(db, &s.liaison, other, "Late.")
        .await
        .unwrap_err();
    assert!(field(e, "response").contains("withdrawn"));
    // Force liaison cannot withdraw.
    let e = actions::withdraw(db, &s.liaison, id, "No")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    // An unknown outcome is a field error, not a crash.
    let e = Assessment::parse("maybe", "", "", today(), &calendar).unwrap_err();
    assert!(field(e, "outcome").starts_with("Choose"));
    let e = Assessment::parse("further_information", "", "", today(), &calendar).unwrap_err();
    assert_eq!(field(e, "note"), "Say what further information is needed");
    let view = actions::get(db, &s.secretariat, other, &window())
        .await
        .unwrap();
    assert_eq!(view.summary.status, ActionStatus::Withdrawn);
    assert!(view
        .timeline
        .last()
        .unwrap()
        .body_html
        .contains("Superseded"));
}

async fn force_liaison_sees_and_changes_only_what_the_force_owns(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let opcc = record(db, &s, "opcc", &date(-3), "OPCC to write to the IOPC").await;
    let partner = record(db, &s, "partner", &date(-3), "Council to share data").await;
    let force = record(db, &s, "force", &date(-3), "Force to publish figures").await;
    for id in [opcc, partner] {
        let e = actions::get(db, &s.liaison, id, &w).await.unwrap_err();
        assert!(matches!(e, Error::NotFound), "{e:?}");
        let e = actions::respond(db, &s.liaison, id, "Not ours")
            .await
            .unwrap_err();
        assert!(matches!(e, Error::NotFound), "{e:?}");
        let calendar = working_days::calendar(db).await.unwrap();
        let e = actions::request_extension(
            db,
            &s.liaison,
            id,
            "More time",
            &date(40),
            today(),
            &calendar,
        )
        .await
        .unwrap_err();
        assert!(matches!(e, Error::NotFound), "{e:?}");
    }
    // The register and the home panel show them only the force's.
    let page = actions::register(
        db,
        &s.liaison,
        &RegisterFilter {
            owner: "opcc".into(),
            ..Default::default()
        },
        &w,
    )
    .await
    .unwrap();
    let ids: Vec<i64> = page.actions.iter().map(|a| a.id).collect();
    assert_eq!(ids, [force]);
    assert_eq!(page.filter.owner, "force");
    let panel = actions::deadlines(db, &s.liaison, &w).await.unwrap();
    assert_eq!(panel.overdue_total, 1);
    let panel = actions::deadlines(db, &s.commissioner, &w).await.unwrap();
    assert_eq!(panel.overdue_total, 3);
    // Force liaison cannot assess or decide extensions, even on the force's actions.
    actions::respond(db, &s.liaison, force, "Published.")
        .await
        .unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let accept = Assessment::parse("accept", "", "", today(), &calendar).unwrap();
    let e = actions::assess(db, &s.liaison, force, accept)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    let e = actions::decide_extension(db, &s.liaison, force, "approve", "")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    // Questions: drafts are unknown to them, whatever id they try.
    let topics = topics::list(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let draft = NewQuestion::parse(
        &QuestionInput {
            board: &board,
            topic: &topic,
            text: "How many stops led to no further action?",
            due: "10 working days",
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap();
    let q = questions::create(db, &s.commissioner, draft, false)
        .await
        .unwrap();
    for guess in [q, q + 1, 999_999] {
        let e = questions::get(db, &s.liaison, guess, &w).await.unwrap_err();
        assert!(matches!(e, Error::NotFound), "{e:?}");
    }
    let e = questions::answer(db, &s.liaison, q, "Guessing")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound));
    let (list, ..) = questions::list(db, &s.liaison, &Default::default(), None, &w)
        .await
        .unwrap();
    assert!(list.is_empty());
    // Nor can the public reach an unpublished question.
    let e = questions::get_public(db, q, &w).await.unwrap_err();
    assert!(matches!(e, Error::NotFound));
    let e = actions::get(db, &Actor::anonymous(None), force, &w)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Unauthenticated));
}

async fn extension_requests_keep_both_dates(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let calendar = working_days::calendar(db).await.unwrap();
    let id = record(db, &s, "force", &date(5), "Deliver the workforce plan").await;
    // The proposed date must be later than the current one.
    let e = actions::request_extension(
        db,
        &s.liaison,
        id,
        "Need time",
        &date(5),
        today(),
        &calendar,
    )
    .await
    .unwrap_err();
    assert!(field(e, "proposed").starts_with("Propose a date after"));
    let e = actions::request_extension(db, &s.liaison, id, "", "someday", today(), &calendar)
        .await
        .unwrap_err();
    match e {
        Error::Invalid(errors) => {
            assert_eq!(errors.get("reason"), Some("Enter why more time is needed"));
            assert!(errors.get("proposed").is_some());
        }
        other => panic!("{other:?}"),
    }
    actions::request_extension(
        db,
        &s.liaison,
        id,
        "Board sign-off moved",
        &date(40),
        today(),
        &calendar,
    )
    .await
    .unwrap();
    let e = actions::request_extension(
        db,
        &s.liaison,
        id,
        "And more",
        &date(60),
        today(),
        &calendar,
    )
    .await
    .unwrap_err();
    assert!(field(e, "reason").contains("already awaiting a decision"));
    let view = actions::get(db, &s.commissioner, id, &w).await.unwrap();
    assert!(view.may.decide_extension);
    // Refusing needs a reason; approving moves the due date and keeps both dates.
    let e = actions::decide_extension(db, &s.commissioner, id, "refuse", "")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, "decision_note"),
        "Say why the extension is refused"
    );
    actions::decide_extension(db, &s.commissioner, id, "approve", "Agreed at the board")
        .await
        .unwrap();
    let view = actions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(view.summary.due_on, date(40));
    assert!(view.summary.extended);
    assert_eq!(
        view.original_due_on,
        services::london::long_date_of(&date(5))
    );
    let request = &view.extensions[0];
    assert_eq!(request.status, ExtensionStatus::Approved);
    assert_eq!(
        request.due_on_before,
        services::london::long_date_of(&date(5))
    );
    assert_eq!(
        request.proposed_due_on,
        services::london::long_date_of(&date(40))
    );
    let e = actions::decide_extension(db, &s.commissioner, id, "approve", "")
        .await
        .unwrap_err();
    assert!(field(e, "decision").contains("No extension request"));
    // A second request can now be made, and refused; the due date stays.
    actions::request_extension(db, &s.liaison, id, "Again", &date(70), today(), &calendar)
        .await
        .unwrap();
    actions::decide_extension(db, &s.commissioner, id, "refuse", "No: the board needs it")
        .await
        .unwrap();
    let view = actions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(view.summary.due_on, date(40));
    assert_eq!(view.extensions[1].status, ExtensionStatus::Refused);
    let what: Vec<&str> = view.timeline.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        what,
        [
            "Recorded",
            "Extension requested",
            "Extension approved",
            "Extension requested",
            "Extension refused"
        ]
    );
    assert_eq!(audited(db, "action.extension_approved").await, 1);
}

async fn deadlines_are_derived_from_today(db: &Db) {
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
    let (public, page, pages) = actions::published(db, None, &w).await.unwrap();
    assert_eq!(public.iter().map(|a| a.id).collect::<Vec<_>>(), [soon]);
    assert_eq!((page, pages), (1, 1));
    // "N working days" counts over the database's bank holidays.
    let calendar = working_days::calendar(db).await.unwrap();
    assert_eq!(
        services::register::due_dates::parse("5 working days from 2026-12-22", today(), &calendar),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
    );
}

async fn the_register_filters_sorts_and_pages(db: &Db) {
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

async fn bad_action_input_is_refused_and_saves_nothing(db: &Db) {
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

async fn questions_go_from_draft_to_answered_and_published(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let input = QuestionInput {
        board: &board,
        topic: &topic,
        text: "Why are Black people stopped at four times the rate of White people?",
        context: "See the **Q3** figures.",
        asked_on: "2026-12-21",
        due: "5 working days",
        ..Default::default()
    };
    let new = NewQuestion::parse(&input, &topics, today(), &calendar).unwrap();
    // Five working days from Monday 21 December 2026, over Christmas.
    assert_eq!(new.due_on, NaiveDate::from_ymd_opt(2026, 12, 30).unwrap());
    let e = NewQuestion::parse(
        &QuestionInput {
            due: "2026-12-01",
            ..input.clone()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap_err();
    assert!(field(e, "due").contains("before the question is asked"));
    let id = questions::create(db, &s.commissioner, new, false)
        .await
        .unwrap();
    let e = questions::set_published(db, &s.secretariat, id, true)
        .await
        .unwrap_err();
    assert!(field(e, "published").contains("Put the question to the force"));
    questions::put_to_force(db, &s.secretariat, id)
        .await
        .unwrap();
    let view = questions::get(db, &s.liaison, id, &w).await.unwrap();
    assert!(view.may.answer && !view.may.assess);
    assert!(view.context_html.contains("<strong>Q3</strong>"));
    questions::answer(db, &s.liaison, id, "Because of targeted operations.")
        .await
        .unwrap();
    let e = questions::assess(db, &s.commissioner, id, "further_information", "")
        .await
        .unwrap_err();
    assert_eq!(field(e, "note"), "Say what further information is needed");
    questions::assess(
        db,
        &s.commissioner,
        id,
        "further_information",
        "Which operations?",
    )
    .await
    .unwrap();
    let e = questions::assess(db, &s.commissioner, id, "satisfactory", "")
        .await
        .unwrap_err();
    assert!(field(e, "outcome").contains("further information requested"));
    questions::answer(db, &s.liaison, id, "Operations A and B.")
        .await
        .unwrap();
    questions::assess(db, &s.commissioner, id, "satisfactory", "Assured.")
        .await
        .unwrap();
    questions::set_published(db, &s.secretariat, id, true)
        .await
        .unwrap();

    let public = questions::get_public(db, id, &w).await.unwrap();
    assert_eq!(public.summary.status, QuestionStatus::Satisfactory);
    assert!(public.answer_html.contains("Operations A and B."));
    assert!(public.timeline.is_empty());
    let (list, ..) = questions::list_public(db, None, &w).await.unwrap();
    assert_eq!(list.len(), 1);
    for (status, found) in [("satisfactory", 1), ("awaiting", 0), ("draft", 0)] {
        let (list, ..) = questions::list(
            db,
            &s.commissioner,
            &questions::QuestionFilter {
                status: status.to_owned(),
                ..Default::default()
            },
            None,
            &w,
        )
        .await
        .unwrap();
        assert_eq!(list.len(), found, "{status}");
    }
    let view = questions::get(db, &s.commissioner, id, &w).await.unwrap();
    assert_eq!(view.timeline.len(), 7);
    assert_eq!(audited(db, "question.answer").await, 2);
    // Another user of the force sees it too.
    let colleague = named(db, Role::ForceLiaison, "colleague").await;
    questions::get(db, &colleague, id, &w).await.unwrap();
}

async fn fifty_concurrent_actions_get_fifty_references(db: &Db) {
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

async fn actions_in_the_minutes_are_confirmed_and_created_once(db: &Db) {
    use services::{
        meetings::agenda, meetings::meeting, meetings::minutes, register::minutes_actions,
    };
    let s = setup(db).await;
    let details =
        meeting::MeetingDetails::parse("2026-11-02", "10:00", "HQ", "", "held", services::now())
            .unwrap();
    let meeting = meeting::create(db, &s.secretariat, s.board, details)
        .await
        .unwrap();
    let item = agenda::add(
        db,
        &s.secretariat,
        meeting,
        agenda::ItemDetails::parse("Stop and search", "Chief Constable", "assurance", "").unwrap(),
    )
    .await
    .unwrap();
    let text = "## 1. Stop and search\n\n\
                ACTION: Force to share the analysis of the disparity by 2026-12-31\n\
                - **ACTION:** OPCC (Policy Lead) to write to the IOPC by 10 working days\n\
                ACTION: Someone to do something by 2026-12-31\n";
    let body = minutes::MinutesBody::parse(text).await.unwrap();
    let version = minutes::save(db, &s.secretariat, meeting, 0, body, "")
        .await
        .unwrap();
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert!(review.needs_review());
    assert_eq!(review.version, version);
    assert_eq!(review.proposed.len(), 2);
    assert_eq!(
        review.proposed[0].agenda_item,
        Some((item, "Stop and search".to_owned()))
    );
    // Ten working days from Monday 2 November 2026.
    assert_eq!(review.proposed[1].due_on, "2026-11-16");
    assert_eq!(review.unreadable.len(), 1);
    assert_eq!(review.unreadable[0].line_no, 5);
    let e = minutes_actions::review(db, &s.liaison, meeting)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    // A topic must be chosen for each.
    let chosen = |topic: &str| {
        review
            .proposed
            .iter()
            .map(|p| (p.line_no, topic.to_owned()))
            .collect::<Vec<_>>()
    };
    let e = minutes_actions::create(db, &s.secretariat, meeting, version, &chosen(""))
        .await
        .unwrap_err();
    assert!(field(e, "topic_3").contains("Choose a topic"));
    let references = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        version,
        &chosen(&s.topic.to_string()),
    )
    .await
    .unwrap();
    let year = services::london::year(services::now());
    assert_eq!(
        references,
        [format!("SPCB/{year}/001"), format!("SPCB/{year}/002")]
    );
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert!(review.proposed.iter().all(|p| p.created.is_some()));
    let e = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        version,
        &chosen(&s.topic.to_string()),
    )
    .await
    .unwrap_err();
    assert!(field(e, "actions").contains("already created"));
    let first = review.proposed[0].created.clone().unwrap().0;
    let view = actions::get(db, &s.commissioner, first, &window())
        .await
        .unwrap();
    assert_eq!(view.meeting.map(|(id, _)| id), Some(meeting));
    assert_eq!(view.agenda_item.map(|(id, _)| id), Some(item));
    assert_eq!(view.minutes_version, Some(version));
    assert_eq!(view.timeline[0].what, "Recorded from the minutes");
    // The meeting is not published: force liaison, who may see the action, is not told of
    // the meeting, its agenda item or its minutes.
    let view = actions::get(db, &s.liaison, first, &window())
        .await
        .unwrap();
    assert_eq!(
        (view.meeting, view.agenda_item, view.minutes_version),
        (None, None, None)
    );
    // The OPCC's action is not the force's to see.
    let second = review.proposed[1].created.clone().unwrap().0;
    assert!(matches!(
        actions::get(db, &s.liaison, second, &window())
            .await
            .unwrap_err(),
        Error::NotFound
    ));
    // A newer version must be reviewed again before anything is created from it.
    let body = minutes::MinutesBody::parse(&format!(
        "{text}ACTION: Force to brief the panel by 2026-12-01\n"
    ))
    .await
    .unwrap();
    minutes::save(db, &s.secretariat, meeting, version, body, "")
        .await
        .unwrap();
    let e = minutes_actions::create(
        db,
        &s.secretariat,
        meeting,
        version,
        &[(7, s.topic.to_string())],
    )
    .await
    .unwrap_err();
    assert!(field(e, "actions").contains("saved again"));
    let review = minutes_actions::review(db, &s.secretariat, meeting)
        .await
        .unwrap();
    assert_eq!(
        review
            .proposed
            .iter()
            .filter(|p| p.created.is_none())
            .count(),
        1
    );
    assert_eq!(audited(db, "action.created").await, 2);
}

async fn a_generated_data_set_is_consistent_and_numbering_carries_on(db: &Db) {
    services::demo::load(db).await.unwrap();
    let made = services::demo::scale::generate(db, 600, 7).await.unwrap();
    assert_eq!((made.actions, made.questions), (600, 60));
    assert!(made.meetings >= 230, "{made:?}");
    let admin = Actor::command_line();
    let all = actions::export(db, &admin, &RegisterFilter::default(), &window())
        .await
        .unwrap();
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
    let this_year = services::london::year(services::now());
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

async fn the_briefing_pack_groups_a_boards_business_by_topic(db: &Db) {
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

async fn private_calendar_feeds_hold_each_persons_deadlines(db: &Db) {
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

async fn an_open_actions_details_can_be_corrected(db: &Db) {
    let s = setup(db).await;
    let id = record(db, &s, "force", &date(10), "Typo in teh text").await;
    let corrected = new_action(db, &s, "opcc", &date(20), "No typo in the text").await;
    let e = actions::update(db, &s.liaison, id, corrected.clone())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden));
    actions::update(db, &s.secretariat, id, corrected.clone())
        .await
        .unwrap();
    let view = actions::get(db, &s.commissioner, id, &window())
        .await
        .unwrap();
    assert_eq!(view.summary.text, "No typo in the text");
    assert_eq!(view.summary.owner, Owner::Opcc);
    assert_eq!(view.summary.due_on, date(20));
    assert!(view.summary.extended);
    assert_eq!(view.timeline.last().unwrap().what, "Details edited");
    assert_eq!(audited(db, "action.edited").await, 1);
    // Now the OPCC's: the force no longer sees it.
    assert!(matches!(
        actions::get(db, &s.liaison, id, &window())
            .await
            .unwrap_err(),
        Error::NotFound
    ));
    // An action stays with its board, and a withdrawn one is not edited.
    let other = board(db, &s.secretariat, "AAB").await;
    let moved = NewAction {
        board_id: other,
        ..corrected.clone()
    };
    let e = actions::update(db, &s.secretariat, id, moved)
        .await
        .unwrap_err();
    assert!(field(e, "text").contains("stays with its board"));
    actions::withdraw(db, &s.secretariat, id, "Duplicate")
        .await
        .unwrap();
    let e = actions::update(db, &s.secretariat, id, corrected)
        .await
        .unwrap_err();
    assert!(field(e, "text").contains("cannot be edited"));
}

/// Two people take a step on the same action at the same moment, over separate
/// connections: exactly one step applies, and the other is refused with a message (never
/// both, never an error page). Run several times, with different pairs of steps.
async fn two_people_acting_at_once_one_step_applies(db: &Db) {
    let s = setup(db).await;
    let wide = db.another_pool().await;
    let calendar = working_days::calendar(db).await.unwrap();
    for round in 0..6 {
        let id = record(db, &s, "force", &date(20), &format!("Race {round}")).await;
        let (a, b) = (wide.clone(), wide.clone());
        let (liaison, secretariat) = (s.liaison.clone(), s.secretariat.clone());
        let results = if round % 2 == 0 {
            // Both answer for the owner at once.
            let (one, two) = tokio::join!(
                actions::respond(&a, &liaison, id, "Delivered: the plan is attached."),
                actions::respond(&b, &secretariat, id, "Recorded from an email."),
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

/// Approving more time on a withdrawn or closed action would move its due date: refused.
/// Withdrawing or closing the action lapses the request that was waiting.
async fn an_ended_action_cannot_be_extended_and_its_request_lapses(db: &Db) {
    let s = setup(db).await;
    let calendar = working_days::calendar(db).await.unwrap();
    let id = record(db, &s, "force", &date(20), "Ends with a request pending").await;
    actions::request_extension(
        db,
        &s.liaison,
        id,
        "Data late",
        &date(40),
        today(),
        &calendar,
    )
    .await
    .unwrap();
    actions::withdraw(db, &s.secretariat, id, "No longer needed")
        .await
        .unwrap();
    let refused = actions::decide_extension(db, &s.commissioner, id, "approve", "")
        .await
        .unwrap_err();
    assert!(field(refused, "decision").contains("withdrawn"));
    let view = actions::get(db, &s.commissioner, id, &window())
        .await
        .unwrap();
    assert_eq!(view.summary.due_on, date(20), "the due date did not move");
    assert_eq!(view.extensions.len(), 1);
    assert_eq!(view.extensions[0].status, ExtensionStatus::Lapsed);
    assert!(!view.may.decide_extension);
}

async fn queues_searches_and_counts_show_what_waits(db: &Db) {
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
            ("The force".to_owned(), "Response submitted".to_owned()),
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

async fn doubtful_due_dates_are_asked_about_before_saving(db: &Db) {
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

async fn one_search_finds_actions_questions_and_minutes_each_may_see(db: &Db) {
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
                .0
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

/// A put question can be corrected (with a reason) until it is answered, and withdrawn
/// (with a reason) until it is judged; both reasons stay in its timeline and the force is
/// told. A draft is corrected freely or deleted, leaving only its audit event.
async fn a_question_is_corrected_withdrawn_or_its_draft_deleted(db: &Db) {
    let s = setup(db).await;
    let w = window();
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let parse = |text: &str| {
        NewQuestion::parse(
            &QuestionInput {
                board: &board,
                topic: &topic,
                text,
                due: "10 working days",
                ..Default::default()
            },
            &topics,
            today(),
            &calendar,
        )
        .unwrap()
    };

    let draft = questions::create(
        db,
        &s.commissioner,
        parse("How many stops found nothing?"),
        false,
    )
    .await
    .unwrap();
    questions::update(
        db,
        &s.commissioner,
        draft,
        parse("How many searches found nothing?"),
        "",
    )
    .await
    .unwrap();
    let view = questions::get(db, &s.commissioner, draft, &w)
        .await
        .unwrap();
    assert_eq!(view.summary.text, "How many searches found nothing?");
    assert!(view.may.edit && view.may.discard && !view.may.withdraw);
    let e = questions::withdraw(db, &s.commissioner, draft, "Not needed")
        .await
        .unwrap_err();
    assert!(field(e, "withdrawal_reason").contains("delete the draft"));
    questions::discard(db, &s.commissioner, draft)
        .await
        .unwrap();
    assert!(matches!(
        questions::get(db, &s.commissioner, draft, &w).await,
        Err(Error::NotFound)
    ));
    assert_eq!(audited(db, "question.discarded").await, 1);

    let id = questions::create(db, &s.commissioner, parse("Why are stops rising?"), true)
        .await
        .unwrap();
    let e = questions::discard(db, &s.commissioner, id)
        .await
        .unwrap_err();
    assert!(field(e, "discard").contains("only withdrawn"));
    let e = questions::update(
        db,
        &s.commissioner,
        id,
        parse("Why are stops of young people rising?"),
        "  ",
    )
    .await
    .unwrap_err();
    assert!(field(e, "reason").starts_with("Enter why the question is corrected"));
    let view = questions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(
        view.summary.text, "Why are stops rising?",
        "nothing was saved"
    );
    questions::update(
        db,
        &s.commissioner,
        id,
        parse("Why are stops of young people rising?"),
        "The board asked about *young* people.",
    )
    .await
    .unwrap();
    let view = questions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(view.summary.text, "Why are stops of young people rising?");
    let corrected = view.timeline.last().unwrap();
    assert_eq!(corrected.what, "Corrected after it was put to the force");
    assert!(corrected.body_html.contains("<em>young</em>"));
    assert!(
        !view.may.edit && !view.may.withdraw,
        "the force cannot change the question"
    );
    assert_eq!(audited(db, "question.corrected").await, 1);

    questions::answer(db, &s.liaison, id, "Operation X.")
        .await
        .unwrap();
    let e = questions::update(
        db,
        &s.commissioner,
        id,
        parse("Another question"),
        "Because",
    )
    .await
    .unwrap_err();
    assert!(field(e, "text").contains("no longer be corrected"));
    let e = questions::withdraw(db, &s.commissioner, id, " ")
        .await
        .unwrap_err();
    assert_eq!(
        field(e, "withdrawal_reason"),
        "Enter why the question is withdrawn"
    );
    questions::set_published(db, &s.secretariat, id, true)
        .await
        .unwrap();
    questions::withdraw(
        db,
        &s.commissioner,
        id,
        "Overtaken by the **HMICFRS** inspection.",
    )
    .await
    .unwrap();
    let view = questions::get(db, &s.liaison, id, &w).await.unwrap();
    assert_eq!(view.summary.status, QuestionStatus::Withdrawn);
    assert!(!view.may.answer && !view.may.withdraw);
    let public = questions::get_public(db, id, &w).await.unwrap();
    assert!(public.withdrawal_html.contains("<strong>HMICFRS</strong>"));
    assert_eq!(
        public.summary.status.public_label(),
        "Withdrawn by the Commissioner"
    );
    let e = questions::withdraw(db, &s.commissioner, id, "Again")
        .await
        .unwrap_err();
    assert!(field(e, "withdrawal_reason").contains("withdrawn"));
    let (owed, ..) = questions::list(
        db,
        &s.liaison,
        &questions::QuestionFilter {
            status: "awaiting".to_owned(),
            ..Default::default()
        },
        None,
        &w,
    )
    .await
    .unwrap();
    assert!(owed.is_empty(), "a withdrawn question is owed no answer");

    // The force was told when it was put, corrected and withdrawn.
    let told: Vec<String> = sqlx::query(
        "SELECT subject FROM notifications WHERE user_id = $1 AND notice = 'question_put' ORDER BY id",
    )
    .bind(s.liaison.user_id.unwrap().0)
    .fetch_all(db.pool())
    .await
    .unwrap()
    .iter()
    .map(|row| sqlx::Row::get(row, "subject"))
    .collect();
    assert_eq!(told.len(), 3, "{told:?}");
    assert!(told[1].starts_with("A question to the force was corrected"));
    assert!(told[2].starts_with("A question to the force was withdrawn"));
}
