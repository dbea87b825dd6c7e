//! Forms: bad input gets a message per field, a post without JavaScript comes back with its errors, and work saved after a session ended comes back.

use super::*;

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

/// A refused form from someone not signed in keeps a short note (each value cut to what
/// its fields could need), and an address gets only so many: 20 such posts once kept 51 MB.
#[tokio::test]
async fn notes_of_refused_forms_from_people_not_signed_in_are_small_and_few() {
    let server = TestServer::start().await;
    let post = |email: String| {
        let client = server.client();
        let (url, referer, origin) = (
            server.url("/api/sign-in"),
            server.url("/sign-in"),
            server.base.clone(),
        );
        async move {
            client
                .post(url)
                .header("accept", "text/html")
                .header("referer", referer)
                .header("origin", origin)
                .form(&[("email", email.as_str()), ("password", ""), ("next", "/")])
                .send()
                .await
                .unwrap()
        }
    };
    let response = post("x".repeat(2_500_000)).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .contains("__flash="));
    let largest: i64 = sqlx::query_scalar("SELECT MAX(LENGTH(query)) FROM form_flashes")
        .fetch_one(server.db.pool())
        .await
        .unwrap();
    assert!(largest < 8 * 1024, "a note of {largest} bytes");
    for _ in 0..120 {
        post("someone".into()).await;
    }
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM form_flashes")
        .fetch_one(server.db.pool())
        .await
        .unwrap();
    assert_eq!(kept, 100, "notes kept for one address in ten minutes");
    // Beyond that the form comes back as it was, without a note.
    let response = post("someone".into()).await;
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        !location.contains("__flash") && !location.contains("__err"),
        "{location}"
    );
}
