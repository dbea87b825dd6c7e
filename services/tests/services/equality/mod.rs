//! The equality framework, on both databases: the objectives register, tags, coverage
//! counted by hand, assurance kept apart from status (and the follow-up a "not assured"
//! closure spawns), and the annual report's figures.

use chrono::NaiveDate;
use domain::equality::{Assurance, ReviewState, Tag};
use domain::Role;
use services::audit::Actor;
use services::common::working_days;
use services::equality::{coverage, objectives, report, tags, Assured, FollowUp};
use services::register::actions::{self, ActionInput, Assessment, NewAction};
use services::register::questions::{self, NewQuestion};
use services::register::{topics, Subject};
use services::{Db, Error};

use crate::support::people::{audited, board, field, person};

on_both!(
    the_objectives_register_keeps_plans_objectives_and_progress,
    tags_are_checked_and_only_the_office_tags,
    coverage_counts_match_the_hand_count,
    assurance_is_kept_apart_from_status,
    the_annual_report_gathers_the_year,
);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct Setup {
    office: Actor,
    commissioner: Actor,
    force: Actor,
    board: i64,
    topic: i64,
}

async fn setup(db: &Db) -> Setup {
    let office = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let force = person(db, Role::ForceLiaison).await;
    let board = board(db, &office, "SPCB").await;
    let topic = topics::list(db).await.unwrap()[0].id;
    Setup {
        office,
        commissioner,
        force,
        board,
        topic,
    }
}

/// A question put to the force, asked on `asked_on`.
async fn question(db: &Db, s: &Setup, text: &str, asked_on: NaiveDate, put: bool) -> i64 {
    let new = NewQuestion {
        board_id: s.board,
        topic_id: s.topic,
        text: text.into(),
        context: String::new(),
        meeting_id: None,
        asked_on,
        due_on: asked_on + chrono::Duration::days(28),
    };
    questions::create(db, &s.office, new, put).await.unwrap()
}

async fn action(db: &Db, s: &Setup, text: &str, owner: &str) -> i64 {
    let calendar = working_days::calendar(db).await.unwrap();
    let topics = topics::list(db).await.unwrap();
    let (board, topic) = (s.board.to_string(), s.topic.to_string());
    let new = NewAction::parse(
        &ActionInput {
            board: &board,
            text,
            topic: &topic,
            owner,
            owner_name: "Chief Superintendent",
            priority: "high",
            due: "2099-06-01",
            ..Default::default()
        },
        &topics,
        services::common::london::today(),
        &calendar,
    )
    .unwrap();
    actions::create(db, &s.office, new).await.unwrap().0
}

/// Moves an action's recording time to noon (UTC) on `on`.
async fn recorded_on(db: &Db, id: i64, on: NaiveDate) {
    let at = on.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp();
    sqlx::query("UPDATE actions SET created_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(db.pool())
        .await
        .unwrap();
}

async fn tag(db: &Db, s: &Setup, subject: Subject, id: i64, tags: &[Tag]) {
    let keys: Vec<String> = tags.iter().map(|t| t.key()).collect();
    tags::set(db, &s.office, subject, id, &keys).await.unwrap();
}

async fn seed_plan(db: &Db, s: &Setup) -> (i64, i64, i64) {
    let plan = objectives::add_plan(
        db,
        &s.office,
        objectives::NewPlan::parse("Equality Objectives 2021–2025", "2021-04-01", "2025-03-31")
            .unwrap(),
    )
    .await
    .unwrap();
    let victims = objectives::add_objective(
        db,
        &s.office,
        plan,
        "communities",
        "Ensure that every victim has access to services they need",
        "Head of Commissioning",
    )
    .await
    .unwrap();
    let staff = objectives::add_objective(
        db,
        &s.office,
        plan,
        "organisation",
        "Attract and retain staff and volunteers that reflect our diverse communities.",
        "Head of HR",
    )
    .await
    .unwrap();
    (plan, victims, staff)
}

async fn the_objectives_register_keeps_plans_objectives_and_progress(db: &Db) {
    let s = setup(db).await;
    // The law asks for a review at least every four years.
    let e = objectives::NewPlan::parse("Plan", "2025-04-01", "2029-04-02").unwrap_err();
    assert!(field(e, "review_on").contains("at least every four years"));
    let e = objectives::NewPlan::parse("", "2025-04-01", "2025-03-01").unwrap_err();
    let Error::Invalid(errors) = e else { panic!() };
    assert!(errors.get("title").is_some());
    assert!(errors
        .get("review_on")
        .unwrap()
        .contains("after the plan starts"));
    assert!(objectives::NewPlan::parse("Plan", "2025-04-01", "2029-04-01").is_ok());

    let (plan, victims, staff) = seed_plan(db, &s).await;
    let e = objectives::add_objective(db, &s.office, plan, "elsewhere", "x", "y")
        .await
        .unwrap_err();
    assert!(field(e, "group").contains("Our Communities"));
    let e = objectives::add_update(db, &s.office, staff, "fine", " ")
        .await
        .unwrap_err();
    let Error::Invalid(errors) = e else { panic!() };
    assert!(errors.get("rating").is_some() && errors.get("progress").is_some());
    objectives::add_update(
        db,
        &s.office,
        staff,
        "at_risk",
        "Applications from minority ethnic candidates fell.",
    )
    .await
    .unwrap();
    objectives::add_update(
        db,
        &s.commissioner,
        staff,
        "on_track",
        "Positive action programme **launched**.",
    )
    .await
    .unwrap();
    assert_eq!(audited(db, "equality.progress_updated").await, 2);
    assert!(matches!(
        objectives::add_update(db, &s.force, staff, "on_track", "x").await,
        Err(Error::Forbidden)
    ));

    let today = day(2026, 11, 29);
    let f = objectives::framework(db, &s.office, today).await.unwrap();
    assert_eq!(f.plans.len(), 1);
    let p = &f.plans[0];
    assert_eq!(
        p.review,
        ReviewState::Overdue(608),
        "31 March 2025 to 29 November 2026"
    );
    let communities = &p.groups[0];
    assert_eq!(communities.objectives[0].id, victims);
    assert_eq!(communities.objectives[0].rating(), None);
    let organisation = &p.groups[1].objectives[0];
    assert_eq!(organisation.updates.len(), 2);
    assert_eq!(
        organisation.rating(),
        Some(domain::equality::Rating::OnTrack),
        "the latest rating leads"
    );
    assert!(organisation.updates[0]
        .body_html
        .contains("<strong>launched</strong>"));
    // The reminder: 90 days before the review date, and after it.
    assert_eq!(
        objectives::review_due(db, day(2025, 1, 1))
            .await
            .unwrap()
            .unwrap()
            .1,
        ReviewState::Soon(89)
    );
    assert_eq!(
        objectives::review_due(db, day(2025, 4, 2))
            .await
            .unwrap()
            .unwrap()
            .1,
        ReviewState::Overdue(2)
    );
    assert!(
        objectives::review_due(db, day(2024, 12, 30))
            .await
            .unwrap()
            .is_none(),
        "91 days ahead"
    );
}

async fn tags_are_checked_and_only_the_office_tags(db: &Db) {
    let s = setup(db).await;
    let (_, victims, _) = seed_plan(db, &s).await;
    let force_action = action(db, &s, "Share the analysis", "force").await;
    let opcc_action = action(db, &s, "Write to the IOPC", "opcc").await;
    let keys = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let e = tags::set(
        db,
        &s.office,
        Subject::Action,
        force_action,
        &keys(&["characteristic:race", "characteristic:height"]),
    )
    .await
    .unwrap_err();
    assert!(field(e, "tags").contains("characteristic:height"));
    let e = tags::set(
        db,
        &s.office,
        Subject::Action,
        force_action,
        &keys(&["objective:9999"]),
    )
    .await
    .unwrap_err();
    assert!(field(e, "tags").contains("no longer exists"));
    assert!(
        tags::for_record(db, &s.office, Subject::Action, force_action)
            .await
            .unwrap()
            .characteristics
            .is_empty(),
        "nothing saved"
    );
    assert!(matches!(
        tags::set(
            db,
            &s.force,
            Subject::Action,
            force_action,
            &keys(&["characteristic:race"])
        )
        .await,
        Err(Error::Forbidden)
    ));
    tags::set(
        db,
        &s.office,
        Subject::Action,
        force_action,
        &keys(&[
            "characteristic:race",
            &format!("objective:{victims}"),
            "aim:eliminate_discrimination",
            "characteristic:race",
        ]),
    )
    .await
    .unwrap();
    assert_eq!(audited(db, "equality.tagged").await, 1);
    let seen = tags::for_record(db, &s.force, Subject::Action, force_action)
        .await
        .unwrap();
    assert_eq!(seen.characteristics, ["Race"]);
    assert_eq!(
        seen.aims,
        ["Eliminate discrimination, harassment and victimisation"]
    );
    assert_eq!(
        seen.objectives,
        ["Ensure that every victim has access to services they need"]
    );
    assert!(
        !seen.may_tag && seen.characteristic_choices.is_empty(),
        "force liaison reads, never tags"
    );
    // Force liaison may not know of the OPCC's own action; the public not of an unpublished one.
    assert!(matches!(
        tags::for_record(db, &s.force, Subject::Action, opcc_action).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        tags::for_public(db, Subject::Action, force_action).await,
        Err(Error::NotFound)
    ));
    actions::set_published(db, &s.office, force_action, true)
        .await
        .unwrap();
    assert_eq!(
        tags::for_public(db, Subject::Action, force_action)
            .await
            .unwrap()
            .characteristics,
        ["Race"]
    );
    // The register filters by tag.
    let filter = domain::RegisterFilter::from_query("status=all&tag=characteristic%3Arace");
    let window = actions::Window::now(14);
    let page = actions::register(db, &s.office, &filter, &window)
        .await
        .unwrap();
    assert_eq!(
        page.actions.iter().map(|a| a.id).collect::<Vec<_>>(),
        [force_action]
    );
    let export = actions::export(db, &s.office, &filter, &window)
        .await
        .unwrap();
    assert_eq!(export[0].1.characteristics, "Race");
    assert_eq!(
        export[0].1.aims,
        "Eliminate discrimination, harassment and victimisation"
    );
}

async fn coverage_counts_match_the_hand_count(db: &Db) {
    let s = setup(db).await;
    let (_, victims, staff) = seed_plan(db, &s).await;
    let race = Tag::Characteristic(domain::equality::Characteristic::Race);
    let age = Tag::Characteristic(domain::equality::Characteristic::Age);
    // Financial year 2026/27. Q1: a question (race, victims) on 2 May, an action (race) on
    // 30 June; Q3: a question (race, age) on 1 December; Q4: an action (age, staff) on
    // 31 March 2027; outside the year: a question (race) on 31 March 2026; a draft (age)
    // in Q2 never counts.
    let q1 = question(
        db,
        &s,
        "Victims' services by ethnicity?",
        day(2026, 5, 2),
        true,
    )
    .await;
    tag(
        db,
        &s,
        Subject::Question,
        q1,
        &[race, Tag::Objective(victims)],
    )
    .await;
    let a1 = action(db, &s, "Analyse", "force").await;
    recorded_on(db, a1, day(2026, 6, 30)).await;
    tag(db, &s, Subject::Action, a1, &[race]).await;
    let q3 = question(
        db,
        &s,
        "Stop and search of young Black men?",
        day(2026, 12, 1),
        true,
    )
    .await;
    tag(db, &s, Subject::Question, q3, &[race, age]).await;
    let a4 = action(db, &s, "Recruit", "force").await;
    recorded_on(db, a4, day(2027, 3, 31)).await;
    tag(db, &s, Subject::Action, a4, &[age, Tag::Objective(staff)]).await;
    let before = question(db, &s, "Last year's?", day(2026, 3, 31), true).await;
    tag(db, &s, Subject::Question, before, &[race]).await;
    let draft = question(db, &s, "A draft", day(2026, 8, 1), false).await;
    tag(db, &s, Subject::Question, draft, &[age]).await;

    // The questions list filters by tag (the office sees the draft too).
    let tagged = questions::list(
        db,
        &s.office,
        &questions::QuestionFilter {
            tag: age.key(),
            ..Default::default()
        },
        None,
        &actions::Window::now(14),
    )
    .await
    .unwrap();
    let mut ids: Vec<i64> = tagged.items.iter().map(|q| q.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, [q3, draft]);

    let c = coverage::coverage(db, &s.office, 2026, 6, day(2027, 4, 15))
        .await
        .unwrap();
    assert_eq!(c.year_label, "2026/27");
    assert_eq!(c.quarters[3], "Q4 (January to March 2027)");
    let row = |rows: &[domain::equality::CoverageRow], key: &str| {
        rows.iter().find(|r| r.key == key).unwrap().clone()
    };
    let race_row = row(&c.characteristics, "characteristic:race");
    let cells: Vec<(i64, i64)> = race_row
        .quarters
        .iter()
        .map(|t| (t.questions, t.actions))
        .collect();
    assert_eq!(cells, [(1, 1), (0, 0), (1, 0), (0, 0)]);
    assert_eq!((race_row.year.questions, race_row.year.actions), (2, 1));
    assert_eq!(race_row.last.as_deref(), Some("2026-12-01"));
    let age_row = row(&c.characteristics, "characteristic:age");
    let cells: Vec<(i64, i64)> = age_row
        .quarters
        .iter()
        .map(|t| (t.questions, t.actions))
        .collect();
    assert_eq!(
        cells,
        [(0, 0), (0, 0), (1, 0), (0, 1)],
        "the draft is not counted"
    );
    let victims_row = row(&c.objectives, &Tag::Objective(victims).key());
    assert_eq!(victims_row.year.describe(), "1 question");
    // Six months before 15 April 2027 is 15 October 2026: victims were last asked about in
    // May, so they are unscrutinised, as are the seven characteristics nobody asked about.
    assert_eq!(
        c.unscrutinised_objectives,
        ["Ensure that every victim has access to services they need"]
    );
    assert_eq!(c.unscrutinised_characteristics.len(), 7);
    assert!(!c.unscrutinised_characteristics.contains(&"Race".to_owned()));
    assert!(!c.unscrutinised_characteristics.contains(&"Age".to_owned()));
    assert!(matches!(
        coverage::coverage(db, &s.force, 2026, 6, day(2027, 4, 15)).await,
        Err(Error::Forbidden)
    ));
}

async fn assurance_is_kept_apart_from_status(db: &Db) {
    let s = setup(db).await;
    let q = question(
        db,
        &s,
        "What explains the disparity?",
        services::common::london::today(),
        true,
    )
    .await;
    questions::answer(db, &s.force, q, "An analysis is under way.")
        .await
        .unwrap();
    // A level needs a reason, and nothing is saved when the form is refused.
    let e = Assured::parse("partly_assured", "").unwrap_err();
    assert_eq!(
        field(e, "assurance_reason"),
        "Say why the Commissioner is partly assured"
    );
    let e = questions::assess_with(
        db,
        &s.commissioner,
        q,
        "",
        "",
        Assured::parse("assured", "Fine").unwrap(),
    )
    .await
    .unwrap_err();
    assert!(field(e, "outcome").contains("satisfactory"));
    assert!(tags::for_record(db, &s.office, Subject::Question, q)
        .await
        .unwrap()
        .assurance
        .is_none());
    questions::assess_with(
        db,
        &s.commissioner,
        q,
        "satisfactory",
        "",
        Assured::parse("partly_assured", "The analysis is promised, not yet shared").unwrap(),
    )
    .await
    .unwrap();
    let seen = tags::for_record(db, &s.force, Subject::Question, q)
        .await
        .unwrap();
    let assurance = seen.assurance.unwrap();
    assert_eq!(assurance.level, Assurance::PartlyAssured);
    assert_eq!(assurance.reason, "The analysis is promised, not yet shared");
    assert_eq!(audited(db, "equality.assurance_recorded").await, 1);
    questions::set_published(db, &s.office, q, true)
        .await
        .unwrap();
    assert_eq!(
        tags::for_public(db, Subject::Question, q)
            .await
            .unwrap()
            .assurance
            .unwrap()
            .level,
        Assurance::PartlyAssured
    );

    // An action closed as done, the Commissioner not assured, with a follow-up in one step.
    let a = action(db, &s, "Share the analysis", "force").await;
    tag(
        db,
        &s,
        Subject::Action,
        a,
        &[Tag::Characteristic(domain::equality::Characteristic::Race)],
    )
    .await;
    actions::respond(db, &s.force, a, "Shared.").await.unwrap();
    let follow = FollowUp {
        text: "Explain the disparity in searches under section 60".into(),
        due_on: day(2099, 3, 1),
    };
    // A follow-up goes only with a not-assured closure.
    let e = actions::assess_with(
        db,
        &s.commissioner,
        a,
        Assessment::Accept {
            note: String::new(),
        },
        Assured::parse("assured", "Clear").unwrap(),
        Some(follow.clone()),
    )
    .await
    .unwrap_err();
    assert!(field(e, "follow_up").contains("not assured"));
    let spawned = actions::assess_with(
        db,
        &s.commissioner,
        a,
        Assessment::Accept {
            note: "Received.".into(),
        },
        Assured::parse("not_assured", "It does not explain the section 60 figures").unwrap(),
        Some(follow),
    )
    .await
    .unwrap()
    .unwrap();
    let window = actions::Window::now(14);
    let closed = actions::get(db, &s.office, a, &window).await.unwrap();
    assert_eq!(closed.summary.status, domain::ActionStatus::Closed, "done");
    assert_eq!(
        closed.summary.assurance,
        Some(Assurance::NotAssured),
        "and not assured"
    );
    let next = actions::get(db, &s.office, spawned, &window).await.unwrap();
    assert_eq!(next.summary.status, domain::ActionStatus::Open);
    assert_eq!(next.summary.owner_name, "Chief Superintendent");
    assert_eq!(next.summary.due_on, "2099-03-01");
    let linked = tags::for_record(db, &s.office, Subject::Action, spawned)
        .await
        .unwrap();
    assert_eq!(linked.follows.as_ref().map(|(id, _)| *id), Some(a));
    assert_eq!(
        linked.characteristics,
        ["Race"],
        "the follow-up keeps the tags"
    );
    let original = tags::for_record(db, &s.office, Subject::Action, a)
        .await
        .unwrap();
    assert_eq!(original.follow_up.map(|(id, _)| id), Some(spawned));

    // The public reads one story: closed, not assured, the follow-up linked both ways once
    // each is published; an unpublished follow-up is not named.
    actions::set_published(db, &s.office, a, true)
        .await
        .unwrap();
    let public = actions::get_public(db, a, &window).await.unwrap();
    assert_eq!(
        public.summary.status.story(public.summary.assurance),
        "Closed. The Commissioner was not assured by the response."
    );
    assert_eq!(
        public.assurance_reason.as_deref(),
        Some("It does not explain the section 60 figures")
    );
    assert_eq!(public.follow_up, None, "the follow-up is not published yet");
    actions::set_published(db, &s.office, spawned, true)
        .await
        .unwrap();
    let public = actions::get_public(db, a, &window).await.unwrap();
    assert_eq!(public.follow_up.map(|(id, _)| id), Some(spawned));
    let follow_up = actions::get_public(db, spawned, &window).await.unwrap();
    assert_eq!(follow_up.follows.map(|(id, _)| id), Some(a));
    assert_eq!(follow_up.assurance_reason, None);

    // The briefing pack of a meeting of the board lists both assessments, latest first
    // (the same second: the later id first).
    use services::meetings::meeting::{self, MeetingDetails};
    let day_before = (services::common::london::today() - chrono::Duration::days(1)).to_string();
    let details =
        MeetingDetails::parse(&day_before, "10:00", "HQ", "", "held", services::now()).unwrap();
    let meeting = meeting::create(db, &s.office, s.board, details)
        .await
        .unwrap();
    let assured = coverage::assured_for_meeting(db, &s.office, meeting)
        .await
        .unwrap();
    let listed: Vec<(&str, Option<Assurance>)> = assured
        .iter()
        .map(|i| (i.kind.as_str(), i.assurance))
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.contains(&("action", Some(Assurance::NotAssured))));
    assert!(listed.contains(&("question", Some(Assurance::PartlyAssured))));
    assert!(matches!(
        coverage::assured_for_meeting(db, &s.force, meeting).await,
        Err(Error::Forbidden)
    ));
}

async fn the_annual_report_gathers_the_year(db: &Db) {
    let s = setup(db).await;
    let (_, _, staff) = seed_plan(db, &s).await;
    let race = Tag::Characteristic(domain::equality::Characteristic::Race);
    let sex = Tag::Characteristic(domain::equality::Characteristic::Sex);
    let published = question(db, &s, "Published question", day(2026, 5, 1), true).await;
    tag(db, &s, Subject::Question, published, &[race]).await;
    questions::answer(db, &s.force, published, "Answer")
        .await
        .unwrap();
    questions::assess_with(
        db,
        &s.commissioner,
        published,
        "satisfactory",
        "",
        Assured::parse("partly_assured", "Half").unwrap(),
    )
    .await
    .unwrap();
    questions::set_published(db, &s.office, published, true)
        .await
        .unwrap();
    let hidden = question(db, &s, "Unpublished question", day(2026, 6, 1), true).await;
    tag(db, &s, Subject::Question, hidden, &[race, sex]).await;
    let last_year = question(db, &s, "Last year", day(2026, 3, 1), true).await;
    tag(db, &s, Subject::Question, last_year, &[race]).await;
    let a = action(db, &s, "Recruit", "force").await;
    recorded_on(db, a, day(2026, 9, 1)).await;
    tag(db, &s, Subject::Action, a, &[race, Tag::Objective(staff)]).await;
    actions::respond(db, &s.force, a, "Done").await.unwrap();
    actions::assess_with(
        db,
        &s.commissioner,
        a,
        Assessment::Accept {
            note: String::new(),
        },
        Assured::parse("assured", "Evidence seen").unwrap(),
        None,
    )
    .await
    .unwrap();
    objectives::add_update(db, &s.office, staff, "at_risk", "Fewer applications")
        .await
        .unwrap();

    let r = report::report(db, &s.office, 2026).await.unwrap();
    assert_eq!(
        (r.questions, r.actions),
        (2, 1),
        "last year's question is not in this year"
    );
    let race_section = r
        .characteristics
        .iter()
        .find(|c| c.label == "Race")
        .unwrap();
    assert_eq!(race_section.items.len(), 3);
    assert_eq!(
        (
            race_section.assured,
            race_section.partly_assured,
            race_section.not_assured,
            race_section.not_recorded
        ),
        (1, 1, 0, 1)
    );
    let sex_section = r.characteristics.iter().find(|c| c.label == "Sex").unwrap();
    assert_eq!(sex_section.items.len(), 1);
    // The plan's review date passed, but its objectives are in force until replaced.
    assert_eq!(r.plans.len(), 1);
    assert_eq!(
        r.plans[0].groups[1].objectives[0].rating(),
        Some(domain::equality::Rating::AtRisk)
    );
    assert!(!r.published && !r.may_publish);
    assert!(
        report::report(db, &s.commissioner, 2026)
            .await
            .unwrap()
            .may_publish
    );
    let csv = report::to_csv(&r);
    assert!(csv.contains("Scrutiny,Race,question,Question,Published question,Answer satisfactory,2026-05-01,Partly assured,Half"), "{csv}");
    assert!(csv.contains("Objective,Our Organisation"), "{csv}");

    // Unpublished, the public cannot read it; published, it lists only published records.
    assert!(matches!(
        report::public(db, 2026).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        report::set_published(db, &s.office, 2026, true, "").await,
        Err(Error::Forbidden)
    ));
    report::set_published(db, &s.commissioner, 2026, true, "")
        .await
        .unwrap();
    let public = report::public(db, 2026).await.unwrap();
    assert_eq!(public.version, Some(1));
    assert_eq!(public.versions.len(), 1);
    let race_section = public
        .characteristics
        .iter()
        .find(|c| c.label == "Race")
        .unwrap();
    assert_eq!(
        race_section
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        ["Published question"]
    );
    assert_eq!(race_section.not_recorded, 1, "every record is counted");
    assert_eq!(report::published_years(db).await.unwrap(), [2026]);

    // Fixed once published: what changes after is not read until a new version is
    // published, with a line saying what changed; the first stays readable as it was.
    let race_items = |r: &domain::equality::AnnualReport| {
        r.characteristics
            .iter()
            .find(|c| c.label == "Race")
            .unwrap()
            .items
            .len()
    };
    questions::set_published(db, &s.office, hidden, true)
        .await
        .unwrap();
    assert_eq!(race_items(&report::public(db, 2026).await.unwrap()), 1);
    let e = report::set_published(db, &s.commissioner, 2026, true, " ")
        .await
        .unwrap_err();
    assert!(field(e, "change").contains("what changed"));
    report::set_published(
        db,
        &s.commissioner,
        2026,
        true,
        "Adds the question on the use of force, published since.",
    )
    .await
    .unwrap();
    let latest = report::public(db, 2026).await.unwrap();
    assert_eq!(latest.version, Some(2));
    assert_eq!(race_items(&latest), 2);
    assert_eq!(
        latest.versions[1].change,
        "Adds the question on the use of force, published since."
    );
    let first = report::public_version(db, 2026, Some(1)).await.unwrap();
    assert_eq!(race_items(&first), 1);
    assert_eq!(first.published_at, public.published_at);
    assert!(matches!(
        report::public_version(db, 2026, Some(3)).await,
        Err(Error::NotFound)
    ));
    let staff = report::report(db, &s.office, 2026).await.unwrap();
    assert_eq!(staff.versions.len(), 2);

    report::set_published(db, &s.commissioner, 2026, false, "")
        .await
        .unwrap();
    for version in [None, Some(1)] {
        assert!(matches!(
            report::public_version(db, 2026, version).await,
            Err(Error::NotFound)
        ));
    }
    assert_eq!(audited(db, "equality.report_published").await, 2);
}
