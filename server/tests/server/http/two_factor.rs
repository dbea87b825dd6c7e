//! Two-factor sign-in over HTTP where it is required: a person without one reaches only the
//! set-up page; with one, the password leads to the code page and nothing else until the
//! code is given.

use services::accounts::two_factor::Policy;

use super::*;

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn where_required_the_second_factor_is_set_up_then_asked_for() {
    let server = TestServer::start_with(Policy::Required).await;
    let (_, email) = server.account(Role::ForceLiaison);
    let sign_in = |client: reqwest::Client| {
        let url = server.url("/api/sign-in");
        let email = email.to_owned();
        async move {
            client
                .post(url)
                .header("accept", "text/html")
                .form(&[
                    ("email", email.as_str()),
                    ("password", PASSWORD),
                    ("next", "/actions"),
                ])
                .send()
                .await
                .unwrap()
        }
    };

    // Without a second factor: every page and server function leads to the set-up page.
    let client = server.client();
    let response = sign_in(client.clone()).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    for path in ["/actions", "/", "/account/sessions"] {
        let response = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&response), "/account/two-factor", "{path}");
    }
    let response = client
        .post(server.url("/api/account/calendar"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/account/two-factor");
    let page = client
        .get(server.url("/account/two-factor"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Set up two-factor sign-in") && html.contains("data:image/svg+xml;base64,")
    );

    let response = client
        .post(server.url("/api/account/two-factor/confirm"))
        .header("accept", "text/html")
        .form(&[("code", server.code(Role::ForceLiaison, 0).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::FOUND,
        "{:?}",
        response.text().await
    );
    let response = client.get(server.url("/actions")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    // Signing in again: the password leads to the code page, and counts as signed out.
    let client = server.client();
    let response = sign_in(client.clone()).await;
    assert_eq!(location(&response), "/sign-in/code?next=%2Factions");
    let response = client.get(server.url("/actions")).send().await.unwrap();
    assert!(
        location(&response).starts_with("/sign-in?next="),
        "not signed in yet"
    );
    let me = client
        .post(server.url("/api/current-user"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.text().await.unwrap(), "null");
    let code_page = client
        .get(server.url("/sign-in/code"))
        .send()
        .await
        .unwrap();
    assert_eq!(code_page.status(), StatusCode::OK);

    // The code that set it up is spent; the next one signs in and goes on to `next`.
    let response = client
        .post(server.url("/api/sign-in/code"))
        .form(&[
            ("code", server.code(Role::ForceLiaison, 0).as_str()),
            ("next", "/actions"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error = decode_error(&response.text().await.unwrap());
    assert!(error
        .field_errors()
        .unwrap()
        .get("code")
        .unwrap()
        .starts_with("That code is not right"));
    let response = client
        .post(server.url("/api/sign-in/code"))
        .header("accept", "text/html")
        .form(&[
            ("code", server.code(Role::ForceLiaison, 1).as_str()),
            ("next", "/actions"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/actions");
    let response = client.get(server.url("/actions")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    // With no sign-in under way, the code step says to start again.
    let response = server
        .client()
        .post(server.url("/api/sign-in/code"))
        .form(&[("code", "123456")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error = decode_error(&response.text().await.unwrap());
    assert!(error
        .field_errors()
        .unwrap()
        .get("code")
        .unwrap()
        .contains("timed out"));
}
