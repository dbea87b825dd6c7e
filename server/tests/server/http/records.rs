//! Bad input on admin, meeting, agenda and minutes forms, calendar feeds and the CSV export.

use super::*;

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
            serde_json::from_str::<app::accounts::server::FeedAddress>(&text).unwrap()
        }
    };
    use app::accounts::server::FeedAddress;
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
