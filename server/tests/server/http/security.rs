//! The session cookie, cross-site posts, security headers, the health check, refusals logged, built assets and invitations.

use super::*;

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

/// Markup typed into a record, which must reach every page as text. Leptos writes the
/// children of `<textarea>` and `<title>` unescaped on the server, so this ended both
/// elements and injected a `<b>` before `app::components::raw_text`.
const HOSTILE: &str = "</textarea></title><b id=injected>X</b> & <i>";

/// Every page, for every role, with hostile text in the records that fill text areas and
/// titles (board, meeting place, agenda item, minutes, actions, questions, a person's name):
/// the markup arrives as text, and a text area gives back exactly what was stored.
#[tokio::test]
async fn text_in_text_areas_and_titles_stays_text_on_every_page() {
    let server = TestServer::start().await;
    let records = &server.records;
    for (sql, id) in [
        ("UPDATE boards SET name = $1 WHERE id = $2", records.board),
        (
            "UPDATE meetings SET location = $1 WHERE id = $2",
            records.meeting,
        ),
        (
            "UPDATE agenda_items SET title = $1, notes = $1 WHERE id = $2",
            records.agenda_item,
        ),
        ("UPDATE actions SET text = $1 WHERE id = $2", records.action),
        (
            "UPDATE actions SET text = $1 WHERE id = $2",
            records.published_action,
        ),
        (
            "UPDATE questions SET text = $1, context = $1 WHERE id = $2",
            records.question,
        ),
        (
            "UPDATE users SET display_name = $1 WHERE id = $2",
            server.account(Role::Secretariat).0 .0,
        ),
    ] {
        sqlx::query(sql)
            .bind(HOSTILE)
            .bind(id)
            .execute(server.db.pool())
            .await
            .unwrap();
    }
    let body = services::meetings::minutes::MinutesBody::parse(&format!("Minutes\n\n{HOSTILE}"))
        .await
        .unwrap();
    services::meetings::minutes::save(
        &server.db,
        &services::audit::Actor::command_line(),
        records.meeting,
        0,
        body,
        "",
    )
    .await
    .unwrap();
    let mut areas = 0;
    for who in [
        None,
        Some(Role::Admin),
        Some(Role::Secretariat),
        Some(Role::Commissioner),
        Some(Role::ForceLiaison),
    ] {
        let client = match who {
            Some(role) => server.signed_in(role).await,
            None => server.client(),
        };
        for page in app::routes::PAGES {
            let path = page_path(&server, page.path);
            let html = client
                .get(server.url(&path))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                !html.contains("<b id=injected>"),
                "{who:?} GET {path}: markup injected"
            );
            for content in raw_text_contents(&html, "textarea") {
                if content.contains("injected") {
                    assert!(
                        decode(&content).contains(HOSTILE),
                        "{who:?} GET {path}: {content}"
                    );
                    areas += 1;
                }
            }
        }
    }
    // The minutes' editor, the action's and the question's edit forms at least.
    assert!(areas >= 3, "only {areas} text areas held the hostile text");

    // Reflected: a link that fills a form (the evidence page's "Draft a question").
    let commissioner = server.signed_in(Role::Commissioner).await;
    let html = commissioner
        .get(server.url("/questions/new"))
        .query(&[("text", HOSTILE), ("context", HOSTILE)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<b id=injected>"), "{html}");
    let filled: Vec<String> = raw_text_contents(&html, "textarea")
        .into_iter()
        .map(|c| decode(&c))
        .collect();
    assert!(filled.iter().any(|c| c == HOSTILE), "{filled:?}");
    let titles = raw_text_contents(&html, "title");
    assert_eq!(titles.len(), 1, "{titles:?}");
}

/// The text inside each `<tag …>…</tag>` of `html`, as written.
fn raw_text_contents(html: &str, tag: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&format!("<{tag}")) {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let inner = &after[open_end + 1..];
        let Some(close) = inner.find(&format!("</{tag}>")) else {
            break;
        };
        found.push(inner[..close].to_owned());
        rest = &inner[close..];
    }
    found
}

/// What the browser reads from escaped raw text.
fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A text field of the upload form is read only as far as a force's name could go: a
/// 400 MB "force" was once buffered whole. Refused as soon as it is too long to be one
/// (before, it was read whole and the upload then refused for want of a file).
#[tokio::test]
async fn an_upload_form_field_too_long_to_be_a_force_is_refused_as_it_arrives() {
    let server = TestServer::start().await;
    let secretariat = server.signed_in(Role::Secretariat).await;
    let boundary = "scrutineer-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"force\"\r\n\r\n{}\r\n--{boundary}--\r\n",
        "west-midlands ".repeat(80_000)
    );
    let response = secretariat
        .post(server.url("/evidence/upload"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(
        response.headers()["location"],
        "/evidence/import?problem=bad-force"
    );
}

/// A trusted banner takes a fixed word or a number from its address, never text: words put
/// in a link (`?changed=<text>`) once appeared in a green "Success" banner.
#[tokio::test]
async fn banners_do_not_repeat_words_from_the_address() {
    let server = TestServer::start().await;
    let admin = server.signed_in(Role::Admin).await;
    let planted = "Your account is compromised, call 0800 000 000";
    for (path, shown) in [
        (
            "/account/password?changed=others",
            "Your password was changed and your other sessions were signed out",
        ),
        (
            "/account/sessions?ended=2",
            "2 other sessions were signed out",
        ),
    ] {
        let html = admin
            .get(server.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(shown), "{path}");
    }
    let minutes = format!("/meetings/{}/minutes", server.records.meeting);
    for path in [
        "/account/password".to_owned(),
        "/account/sessions".to_owned(),
        "/account/two-factor".to_owned(),
        minutes,
    ] {
        for key in ["changed", "ended", "recovery_left", "recovery", "saved"] {
            let html = admin
                .get(server.url(&path))
                .query(&[(key, planted)])
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            assert!(
                !html.contains("Your account is compromised"),
                "{path}?{key}="
            );
            assert!(
                !html.contains("govuk-notification-banner--success"),
                "{path}?{key}="
            );
        }
    }
}

/// The phase banner's feedback link goes where the setting says, on every page.
#[tokio::test]
async fn the_phase_banner_links_to_the_feedback_address() {
    let server = TestServer::start().await;
    for path in ["/", "/public/actions", "/sign-in"] {
        let html = server
            .client()
            .get(server.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let banner = html
            .split("govuk-phase-banner__text")
            .nth(1)
            .and_then(|rest| rest.split("</span>").next())
            .unwrap_or_default();
        assert!(
            banner.contains(r#"href="mailto:governance@opcc.example""#)
                && banner.contains("Tell us what you think of it"),
            "{path}: {banner}"
        );
    }
}
