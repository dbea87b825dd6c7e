//! Questions: from draft to answered and published; corrected, withdrawn or deleted.

use super::*;

pub(super) async fn questions_go_from_draft_to_answered_and_published(db: &Db) {
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

    // Publishing the question publishes the record, not the force's words.
    let public = questions::get_public(db, id, &w).await.unwrap();
    assert_eq!(public.summary.status, QuestionStatus::Satisfactory);
    assert!(public.answer_withheld && public.answer_html.is_empty());
    let answer = words::latest(db, Subject::Question, id)
        .await
        .unwrap()
        .unwrap();
    words::choose(db, &s.secretariat, answer, "written", "")
        .await
        .unwrap();
    let public = questions::get_public(db, id, &w).await.unwrap();
    assert!(!public.answer_withheld);
    assert!(public.answer_html.contains("Operations A and B."));
    assert!(public.timeline.is_empty());
    let domain::Page { items: list, .. } = questions::list_public(db, None, &w).await.unwrap();
    assert_eq!(list.len(), 1);
    for (status, found) in [("satisfactory", 1), ("awaiting", 0), ("draft", 0)] {
        let domain::Page { items: list, .. } = questions::list(
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

/// A put question can be corrected (with a reason) until it is answered, and withdrawn
/// (with a reason) until it is judged; both reasons stay in its timeline and the force is
/// told. A draft is corrected freely or deleted, leaving only its audit event.
pub(super) async fn a_question_is_corrected_withdrawn_or_its_draft_deleted(db: &Db) {
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
    let domain::Page { items: owed, .. } = questions::list(
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
