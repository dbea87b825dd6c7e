//! Who may reach what, over real HTTP: every page in `app::routes::PAGES` and every
//! registered server function, for every role and for someone signed out. A new page or
//! server function without a row here fails `every_server_function_is_covered`.

mod support;

use std::collections::BTreeSet;

use domain::Role;
use reqwest::StatusCode;
use support::TestServer;

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
            let path = page.path.replace(":id", &record_for(&server, page.path));
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

/// The record a page with `:id` shows: a user, the board, the agenda item, or the
/// (published) meeting.
fn record_for(server: &TestServer, path: &str) -> String {
    let records = &server.records;
    if path.starts_with("/admin/users") {
        server.account(Role::Secretariat).0.to_string()
    } else if path.starts_with("/public/actions") {
        records.published_action.to_string()
    } else if path.starts_with("/actions") {
        records.action.to_string()
    } else if path.starts_with("/questions") || path.starts_with("/public/questions") {
        records.question.to_string()
    } else if path.starts_with("/boards") {
        records.board.to_string()
    } else if path.starts_with("/agenda-items") {
        records.agenda_item.to_string()
    } else {
        records.meeting.to_string()
    }
}

/// A server function call: its path under `/api/`, a form body, and who may make it.
struct Call {
    path: &'static str,
    body: fn(&TestServer, &str) -> Vec<(String, String)>,
    allowed: fn(Option<Role>) -> bool,
}

fn anyone(_: Option<Role>) -> bool {
    true
}

fn admin_only(who: Option<Role>) -> bool {
    who == Some(Role::Admin)
}

fn opcc(who: Option<Role>) -> bool {
    who.is_some_and(Role::is_opcc)
}

fn editors(who: Option<Role>) -> bool {
    matches!(who, Some(Role::Admin | Role::Secretariat))
}

fn signed_in(who: Option<Role>) -> bool {
    who.is_some()
}

fn commissioner(who: Option<Role>) -> bool {
    who == Some(Role::Commissioner)
}

/// Speak for the force: force liaison, and the secretariat (and admin) recording what came
/// by other means.
fn for_the_force(who: Option<Role>) -> bool {
    matches!(
        who,
        Some(Role::Admin | Role::Secretariat | Role::ForceLiaison)
    )
}

fn spare_id(
    server: &TestServer,
    who: &str,
    pick: fn(&support::Spare) -> i64,
) -> Vec<(String, String)> {
    let id = pick(server.records.spare(who)).to_string();
    pairs(&[("id", &id)])
}

fn board(server: &TestServer) -> String {
    server.records.board.to_string()
}

fn meeting(server: &TestServer) -> String {
    server.records.meeting.to_string()
}

/// Letters only, different for each caller: a board code of its own.
fn code_for(who: &str) -> String {
    who.chars()
        .filter(char::is_ascii_alphabetic)
        .take(10)
        .collect::<String>()
        .to_uppercase()
}

fn none(_: &TestServer, _: &str) -> Vec<(String, String)> {
    Vec::new()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The commissioner's account is the one the admin calls change: it exists for every
/// caller and changing it does not affect the callers' own sessions.
fn target(server: &TestServer) -> String {
    server.account(Role::Commissioner).0.to_string()
}

const CALLS: &[Call] = &[
    Call {
        path: "current-user",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "account/notifications",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/notifications/save",
        body: |_, _| pairs(&[("wanted[extension_requested]", "on")]),
        allowed: signed_in,
    },
    Call {
        path: "invitation",
        body: |_, _| pairs(&[("token", "not-a-real-invitation")]),
        allowed: anyone,
    },
    Call {
        path: "admin/users/invite",
        body: |server, _| pairs(&[("id", &target(server))]),
        allowed: admin_only,
    },
    Call {
        path: "search",
        body: |_, _| pairs(&[("q", "stop search")]),
        allowed: anyone,
    },
    Call {
        path: "home/queues",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "session/keep-alive",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "admin/users/list",
        body: none,
        allowed: admin_only,
    },
    Call {
        path: "admin/users/get",
        body: |server, _| pairs(&[("id", &target(server))]),
        allowed: admin_only,
    },
    Call {
        path: "admin/users/create",
        body: |_, who| {
            let email = format!("new-by-{who}@opcc.example");
            pairs(&[
                ("email", &email),
                ("display_name", "New Person"),
                ("role", "secretariat"),
                ("password", "a long enough password"),
                ("confirm_password", "a long enough password"),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "admin/users/update",
        body: |server, who| {
            let name = format!("Renamed by {who}");
            pairs(&[
                ("id", &target(server)),
                ("email", "commissioner@opcc.example"),
                ("display_name", &name),
                ("role", "commissioner"),
                ("active", "on"),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "admin/users/reset-password",
        body: |server, _| {
            pairs(&[
                ("id", &target(server)),
                ("password", support::PASSWORD),
                ("confirm_password", support::PASSWORD),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "admin/audit/list",
        body: |_, _| pairs(&[("filter[page]", "1")]),
        allowed: admin_only,
    },
    Call {
        path: "admin/bank-holidays/list",
        body: none,
        allowed: admin_only,
    },
    Call {
        path: "admin/bank-holidays/add",
        body: |_, _| pairs(&[("day", "2026-06-08"), ("name", "One-off holiday")]),
        allowed: admin_only,
    },
    Call {
        path: "admin/bank-holidays/remove",
        body: |_, _| pairs(&[("day", "2026-06-08")]),
        allowed: admin_only,
    },
    Call {
        path: "boards/list",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "boards/create",
        body: |_, who| {
            let name = format!("Board by {who}");
            pairs(&[
                ("code", &code_for(who)),
                ("name", &name),
                ("description", ""),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "boards/update",
        body: |server, _| {
            pairs(&[
                ("id", &board(server)),
                ("code", "TEST"),
                ("name", "Test Board"),
                ("description", "Updated"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "boards/get",
        body: |server, _| pairs(&[("id", &board(server))]),
        allowed: opcc,
    },
    Call {
        path: "boards/people",
        body: none,
        allowed: editors,
    },
    Call {
        path: "boards/add-member",
        body: |server, who| {
            let name = format!("Member added by {who}");
            pairs(&[("board", &board(server)), ("name", &name)])
        },
        allowed: editors,
    },
    Call {
        path: "boards/remove-member",
        body: |server, who| {
            let member = server.records.spare(who).member.to_string();
            pairs(&[("board", &board(server)), ("member", &member)])
        },
        allowed: editors,
    },
    Call {
        path: "boards/meetings",
        body: |server, _| pairs(&[("board", &board(server))]),
        allowed: opcc,
    },
    Call {
        path: "meetings/create",
        body: |server, _| {
            pairs(&[
                ("board", &board(server)),
                ("date", "2099-06-01"),
                ("time", "10:00"),
                ("location", "HQ"),
                ("status", "scheduled"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "meetings/update",
        body: |server, _| {
            pairs(&[
                ("id", &meeting(server)),
                ("date", "2025-05-06"),
                ("time", "10:00"),
                ("location", "HQ, Room 2"),
                ("status", "held"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "meetings/get",
        body: |server, _| pairs(&[("id", &meeting(server))]),
        allowed: opcc,
    },
    Call {
        path: "meetings/attendance",
        body: |server, _| pairs(&[("id", &meeting(server)), ("guests", "Ann Guest, HMICFRS")]),
        allowed: editors,
    },
    Call {
        path: "meetings/publish",
        body: |server, _| pairs(&[("id", &meeting(server)), ("publish", "yes")]),
        allowed: editors,
    },
    Call {
        path: "agenda/add",
        body: |server, _| {
            pairs(&[
                ("meeting", &meeting(server)),
                ("title", "Any other business"),
                ("purpose", "information"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "agenda/get",
        body: |server, _| pairs(&[("id", &server.records.agenda_item.to_string())]),
        allowed: opcc,
    },
    Call {
        path: "agenda/update",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.agenda_item.to_string()),
                ("title", "Review of Action Tracker"),
                ("purpose", "decision"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "agenda/move",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.agenda_item.to_string()),
                ("direction", "down"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "agenda/remove",
        body: |server, who| pairs(&[("id", &server.records.spare(who).agenda_item.to_string())]),
        allowed: editors,
    },
    // Before the minutes are saved again below: the actions are created from version 1.
    Call {
        path: "minutes/actions",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting)])
        },
        allowed: opcc,
    },
    Call {
        path: "minutes/create-actions",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[
                ("meeting", &meeting),
                ("version", "1"),
                ("include[3]", "on"),
                ("topic[3]", "1"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "minutes/get",
        body: |server, _| pairs(&[("meeting", &meeting(server))]),
        allowed: opcc,
    },
    Call {
        path: "minutes/save",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            let body = format!("Minutes edited by {who}");
            pairs(&[("meeting", &meeting), ("based_on", "1"), ("body", &body)])
        },
        allowed: editors,
    },
    Call {
        path: "minutes/preview",
        body: |_, _| pairs(&[("body", "# Heading")]),
        allowed: editors,
    },
    Call {
        path: "minutes/discard",
        body: |server, who| pairs(&[("meeting", &server.records.spare(who).meeting.to_string())]),
        allowed: editors,
    },
    Call {
        path: "minutes/step",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting), ("step", "submit")])
        },
        allowed: editors,
    },
    Call {
        path: "minutes/diff",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting), ("from", "1"), ("to", "1")])
        },
        allowed: opcc,
    },
    Call {
        path: "public/meetings",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "briefing/get",
        body: |server, _| pairs(&[("meeting", &meeting(server))]),
        allowed: opcc,
    },
    Call {
        path: "account/calendar",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/calendar-renew",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/calendar-off",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "admin/topics/list",
        body: none,
        allowed: admin_only,
    },
    Call {
        path: "admin/topics/add",
        body: |_, who| pairs(&[("name", &format!("Topic added by {who}"))]),
        allowed: admin_only,
    },
    Call {
        path: "admin/topics/retire",
        body: |_, _| pairs(&[("id", "7"), ("retire", "no")]),
        allowed: admin_only,
    },
    Call {
        path: "register/list",
        body: |_, _| pairs(&[("query", "status=live&sort=reference&q=stop")]),
        allowed: signed_in,
    },
    Call {
        path: "register/deadlines",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "register/choices",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "register/create",
        body: |server, _| {
            pairs(&[
                ("board", &board(server)),
                ("text", "Share the custody audit"),
                ("topic", "1"),
                ("owner", "force"),
                ("owner_name", "Custody lead"),
                ("priority", "medium"),
                ("due", "20 working days"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "register/get",
        body: |server, _| pairs(&[("id", &server.records.action.to_string())]),
        allowed: signed_in,
    },
    // In this order: an extension is asked while the action is open, then the response
    // moves it on, then it is withdrawn.
    Call {
        path: "register/request-extension",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.action);
            body.extend(pairs(&[
                ("reason", "Data is late"),
                ("proposed", "2099-12-31"),
            ]));
            body
        },
        allowed: for_the_force,
    },
    Call {
        path: "register/respond",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.action);
            body.extend(pairs(&[("response", "Done, see the plan")]));
            body
        },
        allowed: for_the_force,
    },
    Call {
        path: "register/withdraw",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.action);
            body.extend(pairs(&[("withdrawal_reason", "Superseded")]));
            body
        },
        allowed: opcc,
    },
    Call {
        path: "register/assess",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.responded);
            body.extend(pairs(&[("outcome", "accept")]));
            body
        },
        allowed: commissioner,
    },
    Call {
        path: "register/decide-extension",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.extension);
            body.extend(pairs(&[("decision", "approve")]));
            body
        },
        allowed: commissioner,
    },
    Call {
        path: "register/update",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.action.to_string()),
                ("board", &board(server)),
                (
                    "text",
                    "Publish the scrutiny panel's findings and the force's reply",
                ),
                ("topic", "1"),
                ("owner", "force"),
                ("owner_name", "Head of Equality"),
                ("priority", "high"),
                ("due", "2030-01-31"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "register/publish",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.action.to_string()),
                ("publish", "yes"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "questions/list",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "questions/create",
        body: |server, _| {
            pairs(&[
                ("board", &board(server)),
                ("topic", "1"),
                ("text", "How many complaints were upheld?"),
                ("due", "10 working days"),
                ("intent", "put"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "questions/get",
        body: |server, _| pairs(&[("id", &server.records.question.to_string())]),
        allowed: signed_in,
    },
    Call {
        path: "questions/put",
        body: |server, who| spare_id(server, who, |s| s.draft_question),
        allowed: opcc,
    },
    Call {
        path: "questions/answer",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.asked_question);
            body.extend(pairs(&[("answer", "Forty-two")]));
            body
        },
        allowed: for_the_force,
    },
    Call {
        path: "questions/update",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.unwanted_draft);
            body.extend(pairs(&[
                ("board", &board(server)),
                ("topic", "1"),
                ("text", "How many complaints were upheld last year?"),
                ("due", "10 working days"),
            ]));
            body
        },
        allowed: opcc,
    },
    Call {
        path: "questions/withdraw",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.asked_question);
            body.extend(pairs(&[(
                "withdrawal_reason",
                "Answered at the board instead",
            )]));
            body
        },
        allowed: opcc,
    },
    Call {
        path: "questions/discard",
        body: |server, who| spare_id(server, who, |s| s.unwanted_draft),
        allowed: opcc,
    },
    Call {
        path: "questions/assess",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.answered_question);
            body.extend(pairs(&[("outcome", "satisfactory")]));
            body
        },
        allowed: commissioner,
    },
    Call {
        path: "questions/publish",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.question.to_string()),
                ("publish", "yes"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "public/questions",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "public/question",
        body: |server, _| pairs(&[("id", &server.records.question.to_string())]),
        allowed: anyone,
    },
    Call {
        path: "public/actions",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "public/action",
        body: |server, _| pairs(&[("id", &server.records.published_action.to_string())]),
        allowed: anyone,
    },
    Call {
        path: "public/meeting",
        body: |server, _| pairs(&[("id", &meeting(server))]),
        allowed: anyone,
    },
];

/// Called separately, last, because they change the caller's own session.
/// Setting a password from an invitation link ends the invited person's sessions; it needs a
/// real link, so `server/tests/http.rs` calls it.
const SESSION_CALLS: [&str; 3] = ["sign-in", "sign-out", "invitation/accept"];

#[test]
fn every_server_function_is_covered() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let covered: BTreeSet<String> = CALLS
        .iter()
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
        for call in CALLS {
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
    for call in CALLS.iter().filter(|c| !(c.allowed)(None)) {
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
    let calendar = services::register::working_days::calendar(db)
        .await
        .unwrap();
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
            services::london::today(),
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
        services::london::today(),
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
            due_on: services::london::parse_date("2030-01-31").unwrap(),
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
            reads.push((page.path.replace(":id", &id), None));
        }
        for call in CALLS.iter().filter(|c| (c.allowed)(who)) {
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
