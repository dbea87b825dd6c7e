//! Actions: their workflow, who may do what, extensions and corrections.

use super::*;

pub(super) async fn an_action_goes_round_the_workflow_with_its_timeline(db: &Db) {
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
        format!(
            "SPCB/{}/001",
            services::common::london::year(services::now())
        )
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

pub(super) async fn illegal_transitions_are_refused_with_a_reason(db: &Db) {
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

pub(super) async fn force_liaison_sees_and_changes_only_what_the_force_owns(db: &Db) {
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
    let domain::Page { items: list, .. } =
        questions::list(db, &s.liaison, &Default::default(), None, &w)
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

pub(super) async fn extension_requests_keep_both_dates(db: &Db) {
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
        services::common::london::long_date_of(&date(5))
    );
    let request = &view.extensions[0];
    assert_eq!(request.status, ExtensionStatus::Approved);
    assert_eq!(
        request.due_on_before,
        services::common::london::long_date_of(&date(5))
    );
    assert_eq!(
        request.proposed_due_on,
        services::common::london::long_date_of(&date(40))
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

pub(super) async fn an_open_actions_details_can_be_corrected(db: &Db) {
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

/// Approving more time on a withdrawn or closed action would move its due date: refused.
/// Withdrawing or closing the action lapses the request that was waiting.
pub(super) async fn an_ended_action_cannot_be_extended_and_its_request_lapses(db: &Db) {
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

/// A response is its author's words: the force's when force liaison submits it; a
/// partner's, with when and how it came, when the OPCC records the letter it sent. The
/// public reads who said it, never "The force" for a partner.
pub(super) async fn a_response_says_who_said_it_and_how_it_came(db: &Db) {
    let s = setup(db).await;
    let calendar = working_days::calendar(db).await.unwrap();
    let topics = topics::list(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let due = date(20);
    let partner = NewAction::parse(
        &ActionInput {
            board: &board,
            text: "Review a sample of body-worn video recordings",
            topic: &topic,
            owner: "partner",
            owner_name: "Community Scrutiny Panel",
            priority: "high",
            due: &due,
            ..Default::default()
        },
        &topics,
        today(),
        &calendar,
    )
    .unwrap();
    let (panel, _) = actions::create(db, &s.secretariat, partner).await.unwrap();
    let w = window();
    let view = actions::get(db, &s.secretariat, panel, &w).await.unwrap();
    assert!(view.may.respond && view.may.respond_for_owner);

    // Recorded for the panel: how and when it came are asked, and checked.
    fn input<'a>(received_on: &'a str, channel: &'a str) -> actions::ResponseInput<'a> {
        actions::ResponseInput {
            text: "Fifty recordings were reviewed; the panel's report is attached.",
            received_on,
            channel,
        }
    }
    for name in ["received_on", "channel"] {
        let e = actions::record_response(db, &s.secretariat, panel, &input("", ""))
            .await
            .unwrap_err();
        assert!(!field(e, name).is_empty(), "{name}");
    }
    let tomorrow = date(1);
    let e = actions::record_response(db, &s.secretariat, panel, &input(&tomorrow, "letter"))
        .await
        .unwrap_err();
    assert!(field(e, "received_on").contains("future"));
    let e = actions::record_response(db, &s.secretariat, panel, &input("3/12/2026", "scrutineer"))
        .await
        .unwrap_err();
    assert!(field(e, "channel").contains("by letter"));
    actions::record_response(
        db,
        &s.secretariat,
        panel,
        &input("3 December 2026", "letter"),
    )
    .await
    .unwrap();

    let staff = actions::get(db, &s.commissioner, panel, &w).await.unwrap();
    let response = staff.timeline.last().unwrap();
    assert_eq!(response.what, "Response submitted");
    assert_eq!(
        response.received.as_deref(),
        Some(
            format!(
                "From Community Scrutiny Panel. Received by letter on Thursday 3 December 2026, recorded by {}.",
                response.who
            )
            .as_str()
        )
    );
    actions::set_published(db, &s.secretariat, panel, true)
        .await
        .unwrap();
    let public = actions::get_public(db, panel, &w).await.unwrap();
    let response = public
        .timeline
        .iter()
        .find(|e| e.what == "Response submitted")
        .unwrap();
    assert_eq!(response.who, "Community Scrutiny Panel");
    assert_eq!(
        response.received.as_deref(),
        Some("Received by letter on Thursday 3 December 2026, recorded by the OPCC.")
    );

    // Force liaison's own words: the force's, submitted here, nothing more to say.
    let force = record(db, &s, "force", &date(20), "Publish the grounds audit").await;
    let view = actions::get(db, &s.liaison, force, &w).await.unwrap();
    assert!(view.may.respond && !view.may.respond_for_owner);
    actions::respond(db, &s.liaison, force, "Published.")
        .await
        .unwrap();
    actions::set_published(db, &s.secretariat, force, true)
        .await
        .unwrap();
    let public = actions::get_public(db, force, &w).await.unwrap();
    let response = public
        .timeline
        .iter()
        .find(|e| e.what == "Response submitted")
        .unwrap();
    assert_eq!(response.who, "The force (Chief Superintendent, Equality)");
    assert_eq!(response.received, None);
}
