//! The HTTP behaviour around the pages: bad input never gives a 500, forms posted without
//! JavaScript come back with their errors, cross-site posts are refused, the session cookie
//! and security headers are as the README says.

mod support;

use domain::Role;
use reqwest::StatusCode;
use support::{TestServer, PASSWORD};

fn decode_error(text: &str) -> app::AppError {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not an AppError ({e}): {text}"))
}

#[tokio::test]
async fn bad_sign_in_input_gets_a_message_per_field_and_never_a_500() {
    let server = TestServer::start().await;
    let (_, admin_email) = server.account(Role::Admin);
    let long = "x".repeat(5000);
    // (form, the field the message is beside, what the message says)
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (vec![("email", ""), ("password", "")], "email", "Enter"),
        (
            vec![("email", "nobody@opcc.example"), ("password", PASSWORD)],
            "password",
            "Enter a correct email address and password",
        ),
        (
            vec![("email", admin_email), ("password", "wrong password!")],
            "password",
            "Enter a correct email address and password",
        ),
        (
            vec![("email", &long), ("password", &long)],
            "email",
            "254 characters",
        ),
        (
            vec![("email", admin_email), ("password", "")],
            "password",
            "Enter your password",
        ),
    ];
    let client = server.client();
    for (form, field, message) in cases {
        let response = client
            .post(server.url("/api/sign-in"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{form:?}");
        let error = decode_error(&response.text().await.unwrap());
        let errors = error.field_errors().expect("field errors");
        let shown = errors
            .get(field)
            .unwrap_or_else(|| panic!("no {field} error for {form:?}"));
        assert!(shown.contains(message), "{shown}");
    }
    // Arguments missing altogether are a bad request too, not a server error.
    let response = client
        .post(server.url("/api/sign-in"))
        .form(&[("nonsense", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_form_posted_without_javascript_comes_back_with_its_errors() {
    let server = TestServer::start().await;
    let client = server.client();
    let referer = server.url("/sign-in?next=%2Fadmin%2Fusers");
    let response = client
        .post(server.url("/api/sign-in"))
        .header("accept", "text/html")
        .header("referer", &referer)
        .header("origin", &server.base)
        .form(&[
            ("email", "nobody@opcc.example"),
            ("password", "wrong"),
            ("next", "/admin/users"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&referer), "{location}");
    // What was typed and the error stay on the server: the address has only a note's id.
    assert!(location.contains("__flash="), "{location}");
    assert!(
        !location.contains("__err=") && !location.contains("nobody"),
        "{location}"
    );
    // The page it goes back to shows the message beside the field and keeps the email.
    let page = client.get(&location).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("govuk-error-summary"), "no error summary");
    assert!(html.contains("Enter a correct email address and password"));
    assert!(
        html.contains("value=\"nobody@opcc.example\""),
        "the email was lost"
    );
    assert!(
        !html.contains("value=\"wrong\""),
        "the password was put back"
    );
    // Once: the same address again shows nothing.
    let again = client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !again.contains("govuk-error-summary"),
        "the note was shown twice"
    );
    // A second refusal from that page (its address holds the spent note) shows its own.
    let second = client
        .post(server.url("/api/sign-in"))
        .header("accept", "text/html")
        .header("referer", &location)
        .header("origin", &server.base)
        .form(&[("email", "nobody@opcc.example"), ("password", "")])
        .send()
        .await
        .unwrap();
    let location = second.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location.matches("__flash=").count(), 1, "{location}");
    let html = client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Enter your password"),
        "the second note was not shown"
    );
    // A crafted `__err` (a genuine encoding of an error someone else chose) is ignored.
    let forged = app::AppError::from(services::Error::invalid(
        "email",
        "Your account is suspended: call 0800 000 000",
    ));
    let crafted = leptos::server_fn::error::ServerFnUrlError::new("/api/sign-in", forged)
        .to_url(&server.url("/sign-in"))
        .unwrap()
        .to_string();
    let response = server.client().get(&crafted).send().await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a crafted note is sent away, so the browser's copy never reads it either"
    );
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, "/sign-in");
    let html = response.text().await.unwrap();
    assert!(!html.contains("0800 000 000"), "a crafted error was shown");
}

/// Ends every session of `user` as if it had gone unused past the idle limit.
async fn age_sessions(server: &TestServer, user: domain::UserId) {
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 7200 WHERE user_id = $1")
        .bind(user.0)
        .execute(server.db.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn minutes_saved_after_the_session_ended_come_back_after_signing_in_again() {
    let server = TestServer::start().await;
    let (user, email) = server.account(Role::Secretariat);
    let meeting = server.records.spare("secretariat").meeting;
    let page = format!("/meetings/{meeting}/minutes");
    let client = server.signed_in(Role::Secretariat).await;
    age_sessions(&server, user).await;
    let typed = "# Minutes\n\nThe board heard the force's report on stop and search, line 1 of a long draft.";

    // Without JavaScript: the save is not carried out; the sign-in page says why.
    let response = client
        .post(server.url("/api/minutes/save"))
        .header("accept", "text/html")
        .header("referer", server.url(&page))
        .header("origin", &server.base)
        .form(&[
            ("meeting", meeting.to_string().as_str()),
            ("based_on", "1"),
            ("body", typed),
            ("intent", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("/sign-in?ended=1&next=%2Fmeetings%2F{meeting}%2Fminutes")
    );
    let sign_in_page = client
        .get(server.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sign_in_page.contains("You were signed out because Scrutineer had not been used"));
    let versions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM minutes_versions WHERE meeting_id = $1")
            .bind(meeting)
            .fetch_one(server.db.pool())
            .await
            .unwrap();
    assert_eq!(versions, 1, "nothing was saved by a post without a session");

    // Signing in again goes back to the form, with what was typed in it.
    let response = client
        .post(server.url("/api/sign-in"))
        .header("accept", "text/html")
        .header("referer", server.url(&location))
        .header("origin", &server.base)
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("next", page.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let back = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&format!("{page}?__flash=")), "{back}");
    let html = client
        .get(server.url(&back))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("The board heard the force&#x27;s report on stop and search")
            || html.contains("The board heard the force's report on stop and search"),
        "the text typed before the session ended is not in the form"
    );
    assert!(html.contains("What you typed is back in the form below"));

    // With JavaScript the answer is a 401 the form shows beside itself; the text is kept
    // the same way.
    age_sessions(&server, user).await;
    let response = client
        .post(server.url("/api/minutes/save"))
        .header("referer", server.url(&page))
        .header("origin", &server.base)
        .form(&[
            ("meeting", meeting.to_string().as_str()),
            ("based_on", "1"),
            ("body", "second draft"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        decode_error(&response.text().await.unwrap()),
        app::AppError::SessionEnded
    );
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kept_work WHERE user_id = $1")
        .bind(user.0)
        .fetch_one(server.db.pool())
        .await
        .unwrap();
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn signing_in_sets_a_fresh_http_only_session_cookie() {
    let server = TestServer::start().await;
    let (_, email) = server.account(Role::Secretariat);
    let mut cookies = Vec::new();
    for _ in 0..2 {
        let response = server
            .client()
            .post(server.url("/api/sign-in"))
            .form(&[("email", email), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        let cookie = response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with("scrutineer_session="), "{cookie}");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        cookies.push(cookie);
    }
    assert_ne!(
        cookies[0], cookies[1],
        "each sign-in must start a new session"
    );
}

#[tokio::test]
async fn a_cross_site_post_is_refused_before_it_runs() {
    let server = TestServer::start().await;
    let admin = server.signed_in(Role::Admin).await;
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = admin
            .post(server.url("/api/admin/users/create"))
            .header(name, value)
            .form(&[
                ("email", "planted@evil.example"),
                ("display_name", "Planted"),
                ("role", "admin"),
                ("password", "a long enough password"),
                ("confirm_password", "a long enough password"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}");
    }
    let list = admin
        .post(server.url("/api/admin/users/list"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!list.contains("planted@evil.example"));
}

#[tokio::test]
async fn pages_carry_the_security_headers_and_a_nonce_on_every_inline_script() {
    let server = TestServer::start().await;
    let response = server
        .client()
        .get(server.url("/sign-in"))
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    let html = response.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "no scripts: hydration is not wired");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every inline script must carry this response's nonce"
    );
    let again = server
        .client()
        .get(server.url("/sign-in"))
        .send()
        .await
        .unwrap();
    let csp_again = again.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_ne!(csp, csp_again, "the nonce must differ per response");
}

#[tokio::test]
async fn the_health_check_reports_the_database() {
    let server = TestServer::start().await;
    let response = server
        .client()
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "ok\n");
}

#[tokio::test]
async fn an_admin_form_with_bad_values_names_each_field() {
    let server = TestServer::start().await;
    let admin = server.signed_in(Role::Admin).await;
    let (_, taken) = server.account(Role::Secretariat);
    let long_name = "n".repeat(300);
    let response = admin
        .post(server.url("/api/admin/users/create"))
        .form(&[
            ("email", taken),
            ("display_name", &long_name),
            ("role", "superuser"),
            ("password", "short"),
            ("confirm_password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error = decode_error(&response.text().await.unwrap());
    let errors = error.field_errors().expect("field errors");
    for field in ["display_name", "role", "password"] {
        assert!(
            errors.get(field).is_some(),
            "no message for {field}: {errors:?}"
        );
    }
    // A well-formed user with an email already taken is refused beside the email field.
    let response = admin
        .post(server.url("/api/admin/users/create"))
        .form(&[
            ("email", taken),
            ("display_name", "Another"),
            ("role", "secretariat"),
            ("password", "a long enough password"),
            ("confirm_password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error = decode_error(&response.text().await.unwrap());
    assert!(error.field_errors().and_then(|e| e.get("email")).is_some());
}

#[tokio::test]
async fn bad_meeting_agenda_and_minutes_input_is_refused_per_field_and_saves_nothing() {
    let server = TestServer::start().await;
    let secretariat = server.signed_in(Role::Secretariat).await;
    let board = server.records.board.to_string();
    let meeting = server.records.meeting.to_string();
    let post = |path: &'static str, form: Vec<(&'static str, String)>| {
        let request = secretariat.post(server.url(path)).form(&form);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            (status, response.text().await.unwrap())
        }
    };
    let meetings_now = || async {
        let (status, text) = post("/api/boards/meetings", vec![("board", board.clone())]).await;
        assert_eq!(status, StatusCode::OK);
        let list: domain::MeetingList = serde_json::from_str(&text).unwrap();
        list.upcoming.len() + list.past.len()
    };
    let before = meetings_now().await;
    // (path, form, field, what the message says)
    type Case = (
        &'static str,
        Vec<(&'static str, String)>,
        &'static str,
        &'static str,
    );
    let oversized = "x".repeat(256 * 1024 + 1);
    let cases: Vec<Case> = vec![
        (
            "/api/meetings/create",
            vec![
                ("board", board.clone()),
                ("date", "2026-02-30".into()),
                ("time", "10:00".into()),
                ("location", "HQ".into()),
                ("status", "held".into()),
            ],
            "date",
            "real date",
        ),
        (
            "/api/meetings/create",
            vec![
                ("board", board.clone()),
                ("date", "2020-01-07".into()),
                ("time", "10:00".into()),
                ("location", "HQ".into()),
                ("status", "scheduled".into()),
            ],
            "status",
            "A meeting in the past cannot be scheduled",
        ),
        (
            "/api/agenda/add",
            vec![
                ("meeting", meeting.clone()),
                ("title", "   ".into()),
                ("purpose", "decision".into()),
            ],
            "title",
            "Enter the item's title",
        ),
        (
            "/api/minutes/save",
            vec![
                ("meeting", meeting.clone()),
                ("based_on", "0".into()),
                ("body", oversized),
            ],
            "body",
            "256 KB or less",
        ),
    ];
    for (path, form, field, message) in cases {
        let (status, text) = post(path, form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {text}");
        let error = decode_error(&text);
        let shown = error
            .field_errors()
            .and_then(|f| f.get(field))
            .unwrap_or_else(|| panic!("{path}: no {field} error in {text}"));
        assert!(shown.contains(message), "{path}: {shown}");
    }
    assert_eq!(meetings_now().await, before, "a refused meeting was saved");
    let (_, text) = post("/api/meetings/get", vec![("id", meeting.clone())]).await;
    let view: domain::MeetingView = serde_json::from_str(&text).unwrap();
    assert_eq!(
        view.agenda.len(),
        1 + support::LABELS.len(),
        "a refused item was saved"
    );
    let (_, text) = post("/api/minutes/get", vec![("meeting", meeting)]).await;
    let minutes: domain::MinutesView = serde_json::from_str(&text).unwrap();
    assert_eq!(minutes.version, 0, "refused minutes were saved");
}

#[tokio::test]
async fn a_private_calendar_feed_is_served_by_its_address_alone_and_stops_when_replaced() {
    let server = TestServer::start().await;
    let liaison = server.signed_in(Role::ForceLiaison).await;
    let address = |client: reqwest::Client| {
        let url = server.url("/api/account/calendar");
        async move {
            let text = client.post(url).send().await.unwrap().text().await.unwrap();
            serde_json::from_str::<app::register::server::FeedAddress>(&text).unwrap()
        }
    };
    use app::register::server::FeedAddress;
    assert_eq!(address(liaison.clone()).await, FeedAddress::Off);
    liaison
        .post(server.url("/api/account/calendar-renew"))
        .send()
        .await
        .unwrap();
    let FeedAddress::New { address: feed } = address(liaison.clone()).await else {
        panic!("a new feed shows its address")
    };
    // Shown once: the next look says only that it is on.
    assert_eq!(address(liaison.clone()).await, FeedAddress::On);
    // The address is built from the configured public address, not the request's Host.
    assert!(feed.starts_with(&server.base), "{feed}");
    liaison
        .post(server.url("/api/account/calendar-renew"))
        .send()
        .await
        .unwrap();
    let spoofed = liaison
        .post(server.url("/api/account/calendar"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let FeedAddress::New { address: feed } = serde_json::from_str(&spoofed).unwrap() else {
        panic!("a new feed shows its address: {spoofed}")
    };
    assert!(feed.starts_with(&server.base), "{feed}");
    // Calendar programs carry no session: the address is enough.
    let response = server.client().get(&feed).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20300131\r\n"), "{text}");
    assert!(text.contains("SUMMARY:Due: TEST/"));
    liaison
        .post(server.url("/api/account/calendar-renew"))
        .send()
        .await
        .unwrap();
    let old = server.client().get(&feed).send().await.unwrap();
    assert_eq!(old.status(), StatusCode::NOT_FOUND);
    for bad in [
        "/calendar/nothing.ics",
        "/calendar/x",
        "/calendar/%2e%2e.ics",
    ] {
        let response = server.client().get(server.url(bad)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{bad}");
    }
}

#[tokio::test]
async fn the_register_exports_csv_safe_for_spreadsheets() {
    let server = TestServer::start().await;
    let commissioner = server.signed_in(Role::Commissioner).await;
    let response = commissioner
        .get(server.url("/actions.csv?owner=opcc"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    let rows: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert!(rows[0].starts_with("\u{feff}Reference,Board,Action,Topic,Owner,"));
    assert!(rows.len() >= 2);
    assert!(rows[1..].iter().all(|r| r.contains(",OPCC,")), "{text}");
    // Force liaison get the force's actions only, whatever they ask for.
    let liaison = server.signed_in(Role::ForceLiaison).await;
    let text = liaison
        .get(server.url("/actions.csv?owner=opcc"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!text.contains(",OPCC,"), "{text}");
    assert!(text.contains(",Force,"));
    // One reading of the address: for the same query the register page and the download
    // list the same actions, flags included (`overdue=false` is off on both).
    for query in [
        "status=all",
        "status=all&overdue=on",
        "status=all&overdue=false",
        "status=all&extension=pending",
        "status=owed&owner=not_force",
        "owner=force&sort=reference",
    ] {
        let page: serde_json::Value = serde_json::from_str(
            &commissioner
                .post(server.url("/api/register/list"))
                .form(&[("query", query)])
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        )
        .unwrap();
        let mut on_page: Vec<String> = page["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["reference"].as_str().unwrap().to_owned())
            .collect();
        let csv = commissioner
            .get(server.url(&format!("/actions.csv?{query}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let mut in_csv: Vec<String> = csv
            .trim_end()
            .split("\r\n")
            .skip(1)
            .map(|row| row.split(',').next().unwrap().to_owned())
            .collect();
        on_page.sort();
        in_csv.sort();
        assert_eq!(on_page, in_csv, "{query}");
        assert!(
            (page["total"].as_u64().unwrap() as usize) == on_page.len(),
            "{query}: the test data fit on one page"
        );
    }
    // A date the page would report beside its field makes the download a 400 that names it.
    let response = commissioner
        .get(server.url("/actions.csv?due_from=31/02/2026"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let text = response.text().await.unwrap();
    assert!(
        text.starts_with("There is a problem: Enter a real date"),
        "{text}"
    );
    // Signed out: off to sign in.
    let response = server
        .client()
        .get(server.url("/actions.csv"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
}

/// A buffer the test's log lines are written to.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Refusals are logged for an auditor (who, where, what kind of record); a calendar
/// address's token never is. The server runs on this test's one thread, so its log lines
/// reach the subscriber set here.
#[tokio::test(flavor = "current_thread")]
async fn refusals_are_logged_and_calendar_tokens_are_not() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Another test's thread, with no subscriber, may have cached "never" for these
    // callsites first: ask every callsite again now that this thread has one.
    tracing::callsite::rebuild_interest_cache();
    let server = TestServer::start().await;
    let liaison = server.signed_in(Role::ForceLiaison).await;
    let (liaison_id, _) = server.account(Role::ForceLiaison);
    let page = liaison
        .get(server.url("/admin/users"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let call = liaison
        .post(server.url("/api/register/get"))
        .form(&[("id", server.records.opcc_action.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(call.status(), StatusCode::NOT_FOUND);
    let secret = "SECRETtokenSECRETtokenSECRETtokenSECRETtok";
    let feed = server
        .client()
        .get(server.url(&format!("/calendar/{secret}.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status(), StatusCode::NOT_FOUND);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let refusals: Vec<&str> = log.lines().filter(|l| l.contains("refused")).collect();
    let user = format!("user.id=Some({})", liaison_id.0);
    assert!(
        refusals.iter().any(|l| l.contains(&user)
            && l.contains("/admin/users")
            && l.contains("record.kind=\"admin\"")
            && l.contains("forbidden")),
        "{log}"
    );
    assert!(
        refusals.iter().any(|l| l.contains(&user)
            && l.contains("/api/register/get")
            && l.contains("record.kind=\"register\"")
            && l.contains("not found")),
        "{log}"
    );
    // (How the path is written is `web::logged_path`'s unit test; whether the request's
    // debug lines reach this thread's subscriber depends on other tests running at once.)
    assert!(!log.contains(secret), "a calendar token was logged: {log}");
}

#[tokio::test]
async fn built_assets_are_files_only_never_a_page() {
    let server = TestServer::start().await;
    let response = server
        .client()
        .get(server.url("/pkg/not-built.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.text().await.unwrap();
    assert!(
        !body.contains("<!DOCTYPE") && !body.contains("<html"),
        "a missing asset was answered with a page: {body:.80}"
    );
}

#[tokio::test]
async fn an_invited_person_chooses_their_own_password_once() {
    let server = TestServer::start().await;
    let admin = server.signed_in(Role::Admin).await;
    let response = admin
        .post(server.url("/api/admin/users/create"))
        .header("accept", "text/html")
        .header("referer", server.url("/admin/users/new"))
        .header("origin", &server.base)
        .form(&[
            ("email", "dana@opcc.example"),
            ("display_name", "Dana Analyst"),
            ("role", "secretariat"),
            ("password", ""),
            ("confirm_password", ""),
        ])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/admin/users?invited="), "{location}");
    // The email waits in the outbox with the link; only the link's hash is kept elsewhere.
    let path: String = sqlx::query_scalar(
        "SELECT n.path FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.email = 'dana@opcc.example' AND n.notice = 'invitation'",
    )
    .fetch_one(server.db.pool())
    .await
    .unwrap();
    let token = path.strip_prefix("/invitation/").unwrap().to_owned();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(server.db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 0, "the token itself is not stored");

    let visitor = server.client();
    let page = visitor.get(server.url(&path)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Choose your password"));
    let accept = |password: &'static str, confirm: &'static str| {
        let visitor = visitor.clone();
        let token = token.clone();
        let url = server.url("/api/invitation/accept");
        async move {
            visitor
                .post(url)
                .form(&[
                    ("token", token.as_str()),
                    ("password", password),
                    ("confirm_password", confirm),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let mismatch = accept("a long enough password", "another long password").await;
    assert_eq!(mismatch.status(), StatusCode::BAD_REQUEST);
    let error = decode_error(&mismatch.text().await.unwrap());
    assert!(error
        .field_errors()
        .and_then(|e| e.get("confirm_password"))
        .is_some());
    let done = accept("a long enough password", "a long enough password").await;
    assert!(done.status().is_success() || done.status().is_redirection());
    // They sign in with it.
    let signed = server
        .client()
        .post(server.url("/api/sign-in"))
        .form(&[
            ("email", "dana@opcc.example"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert!(signed.status().is_success() || signed.status().is_redirection());
    assert!(signed.headers().get("set-cookie").is_some(), "signed in");
    // Once only.
    let again = accept("yet another password", "yet another password").await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.text().await.unwrap().contains("no longer works"));
    let page = visitor
        .get(server.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("This link no longer works"));
}
