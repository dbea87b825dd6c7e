//! Who may reach what, over real HTTP: every page in `app::routes::PAGES` and every
//! registered server function, for every role and for someone signed out. A new page or
//! server function without a row here fails `every_server_function_is_covered`.

mod calls;
mod links;
use calls::{calls, SESSION_CALLS};

use std::collections::BTreeSet;

use crate::support::{page_path, record_for, TestServer};
use domain::Role;
use reqwest::StatusCode;

/// `None` is someone signed out.
const WHO: [Option<Role>; 5] = [
    None,
    Some(Role::Admin),
    Some(Role::Secretariat),
    Some(Role::Commissioner),
    Some(Role::ForceLiaison),
];

async fn client_for(server: &TestServer, who: Option<Role>) -> reqwest::Client {
    match who {
        Some(role) => server.signed_in(role).await,
        None => server.client(),
    }
}

#[tokio::test]
async fn every_page_allows_or_denies_each_role() {
    let server = TestServer::start().await;
    for who in WHO {
        let client = client_for(&server, who).await;
        for page in app::routes::PAGES {
            let path = page_path(&server, page.path);
            let response = client
                .get(server.url(&path))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            let status = response.status();
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let body = response.text().await.unwrap();
            if page.access.allows(who) {
                assert_eq!(status, StatusCode::OK, "{who:?} GET {path}");
                assert!(
                    body.contains(page.title) || page.path == "/",
                    "{who:?} GET {path}: the page's title is missing"
                );
            } else if who.is_none() {
                assert!(status.is_redirection(), "{who:?} GET {path}: {status}");
                let location = location.unwrap_or_default();
                assert!(
                    location.starts_with("/sign-in?next="),
                    "{who:?} GET {path} went to {location}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{who:?} GET {path}");
                assert!(body.contains("You do not have access to this page"));
            }
        }
        let missing = client
            .get(server.url("/no/such/page"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), StatusCode::NOT_FOUND, "{who:?}");
    }
}

#[test]
fn every_server_function_is_covered() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let covered: BTreeSet<String> = calls()
        .map(|c| c.path)
        .chain(SESSION_CALLS)
        .map(|p| format!("/api/{p}"))
        .collect();
    assert_eq!(registered, covered);
}

#[tokio::test]
async fn every_server_function_allows_or_denies_each_role() {
    let server = TestServer::start().await;
    for who in WHO {
        let label = who.map_or("signed-out", |r| r.as_str());
        let client = client_for(&server, who).await;
        for call in calls() {
            let body = (call.body)(&server, label);
            let response = client
                .post(server.url(&format!("/api/{}", call.path)))
                .form(&body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            let text = response.text().await.unwrap();
            let expected = if (call.allowed)(who) {
                vec![StatusCode::OK, StatusCode::FOUND]
            } else if who.is_none() {
                vec![StatusCode::UNAUTHORIZED]
            } else {
                vec![StatusCode::FORBIDDEN]
            };
            assert!(
                expected.contains(&status),
                "{label} POST /api/{}: {status} {text}",
                call.path
            );
        }
        // Signing out works for anyone and leaves them signed out.
        let out = client
            .post(server.url("/api/sign-out"))
            .send()
            .await
            .unwrap();
        assert!(out.status().is_success() || out.status().is_redirection());
        let me = client
            .post(server.url("/api/current-user"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            me.text().await.unwrap(),
            "null",
            "{label} after signing out"
        );
    }
}

/// Someone not signed in gets 401 from every server function that is not public, however
/// large and hostile the body: every field holds ~49 KB of Markdown that costs the most to
/// render (a wide-table bomb, nested brackets, footnotes). The refusal comes before any
/// parsing, listing or rendering, so it is as quick as any other 401.
#[tokio::test]
async fn signed_out_hostile_bodies_are_refused_before_any_work() {
    let server = TestServer::start().await;
    let client = server.client();
    let bomb = format!(
        "{}\n{}\n{}\n{}{}",
        "|a".repeat(2000),
        "|-".repeat(2000),
        "|\n".repeat(16_000),
        "[^a]".repeat(2000),
        "[".repeat(3000)
    );
    assert!(bomb.len() > 45_000, "{}", bomb.len());
    for call in calls().filter(|c| !(c.allowed)(None)) {
        let body: Vec<(String, String)> = (call.body)(&server, "signed-out")
            .into_iter()
            // Numbers stay numbers (a page number is typed as one); every text is the bomb.
            .map(|(field, value)| match value.parse::<i64>() {
                Ok(_) => (field, value),
                Err(_) => (field, bomb.clone()),
            })
            .collect();
        let response = client
            .post(server.url(&format!("/api/{}", call.path)))
            .form(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "POST /api/{}",
            call.path
        );
    }
}

/// Ownership, over HTTP: force liaison asking by id for an OPCC-owned action or a draft
/// question gets "not found", on the pages and from the server functions; the public gets
/// "not found" for an unpublished question.
#[tokio::test]
async fn force_liaison_cannot_reach_opcc_actions_or_draft_questions() {
    let server = TestServer::start().await;
    let liaison = server.signed_in(Role::ForceLiaison).await;
    let records = &server.records;
    let (opcc_action, draft) = (
        records.opcc_action.to_string(),
        records.draft_question.to_string(),
    );
    for path in [
        format!("/actions/{opcc_action}"),
        format!("/questions/{draft}"),
        format!("/public/questions/{draft}"),
    ] {
        let response = liaison
            .get(server.url(&path))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "GET {path}");
    }
    for (call, body) in [
        ("register/get", vec![("id", opcc_action.as_str())]),
        (
            "register/respond",
            vec![("id", &opcc_action), ("response", "Ours now")],
        ),
        (
            "register/request-extension",
            vec![
                ("id", &opcc_action),
                ("reason", "Time"),
                ("proposed", "2099-12-31"),
            ],
        ),
        ("questions/get", vec![("id", &draft)]),
        (
            "questions/answer",
            vec![("id", &draft), ("answer", "Guessed")],
        ),
    ] {
        let response = liaison
            .post(server.url(&format!("/api/{call}")))
            .form(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "POST {call}");
    }
    // The force's own action is theirs to read, but not to assess.
    let own = records.action.to_string();
    let response = liaison
        .post(server.url("/api/register/assess"))
        .form(&[("id", own.as_str()), ("outcome", "accept")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Nothing changed: the OPCC's action is still open, with only its creation recorded.
    let view = services::register::actions::get(
        &server.db,
        &services::audit::Actor::command_line(),
        records.opcc_action,
        &services::register::actions::Window::now(14),
    )
    .await
    .unwrap();
    assert_eq!(view.summary.status, domain::ActionStatus::Open);
    assert_eq!(view.timeline.len(), 1);
    let signed_out = server.client();
    let response = signed_out
        .get(server.url(&format!("/public/questions/{draft}")))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// A form body: field names and values.
type Form = Vec<(String, String)>;

/// What force liaison and the public read names nothing hidden from them, field by field:
/// an action they may see, linked to a draft question and an unpublished meeting; a
/// published question raised at that meeting; a published meeting whose minutes are a
/// draft. Every page and server function they can reach is read, and no response may hold
/// the hidden records' text or a link to them, or the minutes' internal status.
#[tokio::test]
async fn nothing_hidden_is_named_to_force_liaison_or_the_public() {
    use services::audit::Actor;
    use services::register::actions::{self, NewAction};
    use services::{meetings::agenda, meetings::meeting, meetings::minutes, register::questions};
    let server = TestServer::start().await;
    let (db, actor, records) = (&server.db, Actor::command_line(), &server.records);
    let now = services::now();
    let hidden_meeting = meeting::create(
        db,
        &actor,
        records.board,
        meeting::MeetingDetails::parse(
            "2025-06-03",
            "10:00",
            "HIDDEN-MEETING-PLACE",
            "",
            "held",
            now,
        )
        .unwrap(),
    )
    .await
    .unwrap();
    let hidden_item = agenda::add(
        db,
        &actor,
        hidden_meeting,
        agenda::ItemDetails::parse("HIDDEN-AGENDA-ITEM", "", "assurance", "").unwrap(),
    )
    .await
    .unwrap();
    let topics = services::register::topics::list(db).await.unwrap();
    let calendar = services::common::working_days::calendar(db).await.unwrap();
    let board = records.board.to_string();
    let topic = topics[0].id.to_string();
    let question = |text: &'static str, meeting: &'static str| questions::QuestionInput {
        board: &board,
        topic: &topic,
        text,
        meeting,
        due: "2030-01-31",
        ..Default::default()
    };
    let draft = questions::create(
        db,
        &actor,
        questions::NewQuestion::parse(
            &question("HIDDEN-DRAFT-QUESTION", ""),
            &topics,
            services::common::london::today(),
            &calendar,
        )
        .unwrap(),
        false,
    )
    .await
    .unwrap();
    let mut at_hidden = questions::NewQuestion::parse(
        &question("Published question raised at an unpublished meeting", ""),
        &topics,
        services::common::london::today(),
        &calendar,
    )
    .unwrap();
    at_hidden.meeting_id = Some(hidden_meeting);
    let public_question = questions::create(db, &actor, at_hidden, true)
        .await
        .unwrap();
    questions::set_published(db, &actor, public_question, true)
        .await
        .unwrap();
    let linked = actions::create(
        db,
        &actor,
        NewAction {
            board_id: records.board,
            text: "Force action linked to hidden records".into(),
            topic_id: topics[0].id,
            meeting_id: Some(hidden_meeting),
            agenda_item_id: Some(hidden_item),
            question_id: Some(draft),
            owner: domain::Owner::Force,
            owner_name: "Head of Equality".into(),
            owner_user_id: None,
            priority: domain::Priority::High,
            due_on: services::common::typed::iso_date("2030-01-31").unwrap(),
            published: true,
        },
    )
    .await
    .unwrap()
    .0;
    // A published meeting whose minutes are still a draft: the public must not learn that.
    let body = minutes::MinutesBody::parse("HIDDEN-DRAFT-MINUTES")
        .await
        .unwrap();
    minutes::save(db, &actor, records.meeting, 0, body, "")
        .await
        .unwrap();

    let (linked, public_question) = (linked.to_string(), public_question.to_string());
    let meeting = records.meeting.to_string();
    let forbidden = [
        "HIDDEN-".to_owned(),
        format!("/questions/{draft}\""),
        format!("/meetings/{hidden_meeting}\""),
        format!("/agenda-items/{hidden_item}\""),
        "\"minutes\":\"draft\"".to_owned(),
        "\"minutes\":\"Draft\"".to_owned(),
    ];
    for who in [None, Some(Role::ForceLiaison)] {
        let client = client_for(&server, who).await;
        let mut reads: Vec<(String, Option<Form>)> = Vec::new();
        for page in app::routes::PAGES.iter().filter(|p| p.access.allows(who)) {
            let id = if page.path.starts_with("/actions") {
                linked.clone()
            } else if page.path.contains("questions") {
                public_question.clone()
            } else {
                record_for(&server, page.path)
            };
            reads.push((page.path.replace(":id", &id).replace(":version", "1"), None));
        }
        for call in calls().filter(|c| (c.allowed)(who)) {
            let label = if who.is_some() {
                "force_liaison"
            } else {
                "signed-out"
            };
            let mut body = (call.body)(&server, label);
            for (field, value) in &mut body {
                if field == "id" && call.path.starts_with("register/") {
                    *value = linked.clone();
                } else if field == "id" && call.path.contains("question") {
                    *value = public_question.clone();
                } else if field == "id" && call.path == "public/meeting" {
                    *value = meeting.clone();
                }
            }
            reads.push((format!("/api/{}", call.path), Some(body)));
        }
        reads.push(("/actions.csv".to_owned(), None));
        for (path, form) in reads {
            let request = match &form {
                Some(body) => client.post(server.url(&path)).form(body),
                None => client.get(server.url(&path)).header("accept", "text/html"),
            };
            let response = request.send().await.unwrap();
            let status = response.status();
            let text = response.text().await.unwrap();
            for secret in &forbidden {
                assert!(
                    !text.contains(secret.as_str()),
                    "{who:?} {path} ({status}) names {secret}"
                );
            }
        }
    }
    // And the office still sees every link.
    let office = server.signed_in(Role::Commissioner).await;
    let text = office
        .post(server.url("/api/register/get"))
        .form(&[("id", linked.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("HIDDEN-DRAFT-QUESTION") && text.contains("HIDDEN-AGENDA-ITEM"));
}
